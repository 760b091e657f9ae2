"""Scheduled jobs are stored by name, not by module path

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 17:30:00

Until 0012 every stored APScheduler job called `scheduler.service:run_job` with the module path of
the real job as its first argument ("handlers.meetings.planning:send_reminder"), freezing module
paths into the database. Jobs are now registered by name ("meetings.send_reminder"); this rewrites
the first argument of every stored job and keeps its trigger and next run time untouched, so a
reminder planned before the upgrade still fires.
"""

from __future__ import annotations

import pickle

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# Frozen here on purpose: a migration must not depend on code that may move again.
RENAMES = {
    "handlers.meetings.planning:send_reminder": "meetings.send_reminder",
    "handlers.meetings.planning:replan_meeting": "meetings.replan",
    "handlers.assessment.reminders:remind_unfinished": "assessment.remind_unfinished",
    "handlers.checkins.jobs:send_invitations": "checkins.send_invitations",
    "handlers.checkins.jobs:send_nudges": "checkins.send_nudges",
    "handlers.checkins.jobs:send_reminders_now": "checkins.send_reminders_now",
    "handlers.checkins.jobs:report_deadline": "checkins.report_deadline",
}


def _rewrite(mapping: dict[str, str]) -> None:
    jobs = sa.table("apscheduler_jobs", sa.column("id", sa.Unicode), sa.column("job_state", sa.LargeBinary))
    bind = op.get_bind()
    for job_id, blob in bind.execute(sa.select(jobs.c.id, jobs.c.job_state)).all():
        # The job store pickles the state; unpickling needs APScheduler's trigger classes, which
        # are installed with DX Desk.
        state = pickle.loads(blob)  # noqa: S301 - our own table, written by our own scheduler
        args = tuple(state.get("args") or ())
        if not args or args[0] not in mapping:
            continue
        state["args"] = (mapping[args[0]], *args[1:])
        bind.execute(jobs.update().where(jobs.c.id == job_id).values(
            job_state=pickle.dumps(state, pickle.HIGHEST_PROTOCOL)))


def upgrade() -> None:
    _rewrite(RENAMES)


def downgrade() -> None:
    _rewrite({new: old for old, new in RENAMES.items()})
