"""Issue 17, point 1: a campaign start killed with SIGKILL at any point loses and doubles no
invitation, on SQLite and PostgreSQL (the child process, the fake Slack API and the counting are
in `tests/campaign_crash.py`).

The kill points are exact, one per phase of a campaign start: inside the plan's transaction
(written, not committed), right after its commit (nothing sent), and with the 1st, a middle and
the last invitation in flight (Slack has it, the answer never reaches the worker, so the row is
sent but not marked). Each (job, phase) runs once, on SQLite or PostgreSQL in turn, so that both
databases see every phase.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.campaign_crash import run
from tests.conftest import fresh_pg_database

LIAISONS = 60
PHASES: dict[str, dict[str, Any]] = {
    "before the plan commit": {"kill_at": "plan"},
    "after the plan commit": {"kill_at": "committed"},
    "1st invitation in flight": {"kill_in_flight": 1},
    "middle invitation in flight": {"kill_in_flight": LIAISONS // 2},
    "last invitation in flight": {"kill_in_flight": LIAISONS},
}
CASES = [(["sqlite", "postgresql"][(i + j) % 2], job, phase)
         for j, job in enumerate(("checkin", "assessment")) for i, phase in enumerate(PHASES)]


@pytest.mark.parametrize(("database", "job", "phase"), CASES)
async def test_a_campaign_start_killed_in_each_phase_is_completed_once(tmp_path: Path, database, job, phase):
    kill = PHASES[phase]
    if database == "sqlite":
        outcome = await run(f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", tmp_path / "data", job,
                            liaisons=LIAISONS, **kill)
    else:
        async with fresh_pg_database() as url:
            outcome = await run(url, tmp_path / "data", job, liaisons=LIAISONS, **kill)
    detail = (outcome.killed_after, outcome.planned, outcome.counts.most_common(3))
    assert outcome.lost == 0 and outcome.doubled == 0, detail
    assert sum(outcome.counts.values()) == LIAISONS, detail
    if phase == "before the plan commit":
        # Killed inside the transaction: nothing of the plan is left; the repeated command plans all.
        assert outcome.planned == 0 and outcome.killed_after == 0, detail
    else:
        assert outcome.planned == LIAISONS, detail  # the whole plan, never a part
    if "in flight" in phase:
        assert outcome.killed_after >= kill["kill_in_flight"], detail


@pytest.mark.parametrize("job", ["checkin", "assessment"])
async def test_two_replicas_complete_a_killed_campaign_start_once(pg_url, tmp_path, job):
    outcome = await run(pg_url, tmp_path / "data", job, liaisons=LIAISONS, kill_in_flight=LIAISONS // 2, replicas=2)
    assert outcome.lost == 0 and outcome.doubled == 0, (outcome.killed_after, outcome.counts.most_common(3))
    assert sum(outcome.counts.values()) == LIAISONS
