"""Read-only queries for the admin reports (the FAQ question log with the asker's department)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from handlers.admin.ports import LoggedQuestion
from storage.faq.models import QuestionLogRow
from storage.people.models import PersonRow


class SqlQuestionLog:
    """Implements `handlers.admin.ports.QuestionLogReader`."""

    def __init__(self, sessions: async_sessionmaker) -> None:  # type: ignore[type-arg]
        self.sessions = sessions

    async def questions(self, since: datetime | None, until: datetime | None) -> list[LoggedQuestion]:
        """Questions asked in [since, until), oldest first; the department only, never the name."""
        query = (
            select(QuestionLogRow, PersonRow.department, PersonRow.role)
            .outerjoin(PersonRow, PersonRow.id == QuestionLogRow.person_id)
            .order_by(QuestionLogRow.created_at, QuestionLogRow.id)
        )
        if since is not None:
            query = query.where(QuestionLogRow.created_at >= since)
        if until is not None:
            query = query.where(QuestionLogRow.created_at < until)
        async with self.sessions() as s:
            rows = (await s.execute(query)).all()
        return [
            LoggedQuestion(
                id=row.id, asked_at=row.created_at, text=row.text, outcome=row.outcome,
                feedback=row.feedback or "", top_entry_id=row.top_entry_id or "",
                resolved_entry_id=row.resolved_entry_id or "", score=float(row.score or 0.0),
                department=department or "", asker_role=str(getattr(role, "value", role) or ""),
            )
            for row, department, role in rows
        ]
