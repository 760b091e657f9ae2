"""Issue 17, point 1: a campaign start killed with SIGKILL at any point loses and doubles no
invitation, on SQLite and PostgreSQL (the child process, the fake Slack API and the counting are
in `tests/campaign_crash.py`)."""

from __future__ import annotations

import pytest

from tests.campaign_crash import random_delay, run


@pytest.mark.parametrize("job", ["checkin", "assessment"])
@pytest.mark.parametrize("moment", ["in the command", "mid fan-out"])
async def test_a_campaign_start_killed_at_any_point_is_completed_once(any_db_url, tmp_path, job, moment):
    kill = {"kill_after": 120} if moment == "mid fan-out" else {"kill_delay": random_delay(hash(any_db_url) & 0xFFFF)}
    outcome = await run(any_db_url, tmp_path / "data", job, liaisons=300, **kill)
    assert outcome.lost == 0 and outcome.doubled == 0, (outcome.killed_after, outcome.counts.most_common(3))
    assert sum(outcome.counts.values()) == 300
    assert outcome.planned in (0, 300)  # the plan is written whole or not at all


@pytest.mark.parametrize("job", ["checkin", "assessment"])
async def test_two_replicas_complete_a_killed_campaign_start_once(pg_url, tmp_path, job):
    outcome = await run(pg_url, tmp_path / "data", job, liaisons=300, kill_after=60, replicas=2)
    assert outcome.lost == 0 and outcome.doubled == 0, (outcome.killed_after, outcome.counts.most_common(3))
