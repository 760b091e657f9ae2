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
        self.running: dict[str, int] = {}
        self.calls = 0
        self.broken = False

    async def active(self, key: str, replica: str, within: float) -> int:
        self.calls += 1
        if self.broken:
            raise ConnectionError("database gone")
        return self.running.get(key, 1)


async def test_the_share_follows_the_running_replicas_and_survives_a_database_outage():
    now = [0.0]
    shares = Shares()
    share = BudgetShare(shares, "slack:workspace", "r1", ((50, 1.02),), refresh=1.0, clock=lambda: now[0])
    assert await share.windows() == ((50, 1.02),)
    shares.running["slack:workspace"] = 2
    assert await share.windows() == ((50, 1.02),) and shares.calls == 1  # read at most once a second
    now[0] = 1.5
    assert await share.windows() == ((25, 1.02),)
    assert await share.update() == 2 and shares.calls == 3  # the worker's heartbeat always reads
    shares.broken = True
    now[0] = 3.0
    assert await share.windows() == ((25, 1.02),)  # the last reading stands


@pytest.mark.parametrize("replicas", [1, 2, 5])
def test_shares_never_add_up_to_more_than_the_budget(replicas):
    windows = ((7, 1.0), (8, 2.0), (60, 30.0), (1800, 3600.0))
    for (count, window), (part, stretched) in zip(windows, share_of(windows, replicas), strict=True):
        assert replicas * part / stretched <= count / window + 1e-9
