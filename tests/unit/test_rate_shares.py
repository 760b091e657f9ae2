"""Replicas divide an app-wide send budget (Slack workspace, Teams per app)."""

from __future__ import annotations

import pytest

from bot.core.ratelimit import BudgetShare, share_of


def test_each_count_is_divided_and_a_too_small_count_stretches_its_window():
    assert share_of(((50, 1.05),), 1) == ((50, 1.05),)
    assert share_of(((50, 1.05),), 3) == ((16, 1.05),)
    assert share_of(((7, 1.0), (8, 2.0), (60, 30.0)), 2) == ((3, 1.0), (4, 2.0), (30, 30.0))
    assert share_of(((1, 1.0),), 4) == ((1, 4.0),)
    assert share_of(((10, 1.0),), 0) == ((10, 1.0),)


class Shares:
    def __init__(self) -> None:
        self.running = 1
        self.sending = 1
        self.beats: list[bool] = []
        self.broken = False

    async def active(self, key: str, replica: str, within: float, busy: bool) -> tuple[int, int]:
        self.beats.append(busy)
        if self.broken:
            raise ConnectionError("database gone")
        return self.running, max(self.sending, 1)


async def test_a_replica_starting_to_send_divides_by_all_running_then_by_those_sending():
    now = [100.0]
    shares = Shares()
    shares.running, shares.sending = 3, 1
    share = BudgetShare(shares, "teams:app", "r1", ((50, 1.05),), clock=lambda: now[0])
    assert await share.update() == 3 and shares.beats == [False]  # idle: a beat, not sending
    # A fan-out starts: for its first seconds every running replica may be sending too.
    assert await share.windows() == ((16, 1.05),) and shares.beats == [False, True]
    now[0] += 0.5
    assert await share.windows() == ((16, 1.05),) and len(shares.beats) == 2  # read at most once a second
    # Later only the replicas still sending share the budget: one ran out of work.
    shares.sending = 2
    now[0] += 3.0
    assert await share.windows() == ((25, 1.05),)
    shares.sending = 1
    now[0] += 1.0
    assert await share.update() == 1 and await share.windows() == ((50, 1.05),)
    # The database goes away: the last reading stands.
    shares.broken = True
    now[0] += 1.0
    assert await share.windows() == ((50, 1.05),)
    # After a pause, sending again is a new start: all running replicas count again.
    shares.broken = False
    now[0] += 10.0
    assert await share.update() == 3 and shares.beats[-1] is False  # idle: ready to start again
    assert await share.windows() == ((16, 1.05),) and shares.beats[-1] is True


@pytest.mark.parametrize("replicas", [1, 2, 5])
def test_shares_never_add_up_to_more_than_the_budget(replicas):
    windows = ((7, 1.0), (8, 2.0), (60, 30.0), (1800, 3600.0))
    for (count, window), (part, stretched) in zip(windows, share_of(windows, replicas), strict=True):
        assert replicas * part / stretched <= count / window + 1e-9
