"""The admin dashboard: each tab is the admin commands of chat, run as the signed-in admin.

No report is computed here: a tab dispatches `summary progress`, `chart trend`, ... exactly as
`/dx` would, so roles, the audit log and the numbers are those of chat, and a download is the file
`/dx export` makes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tab:
    """One dashboard page: the commands whose answers it shows, the tables it offers."""

    key: str
    commands: tuple[str, ...]
    exports: tuple[str, ...] = ()
    # Periods an admin can pick (words the report commands understand), and the commands they apply to.
    periods: tuple[str, ...] = ()
    period_commands: tuple[str, ...] = ()

    def commands_for(self, period: str) -> tuple[str, ...]:
        """The commands to run for a picked period (one of `periods`; anything else is ignored)."""
        if period not in self.periods:
            return self.commands
        return tuple(f"{c} {period}" if c in self.period_commands else c for c in self.commands)


TABS: tuple[Tab, ...] = (
    Tab("progress", ("summary progress", "chart progress", "chart trend"), ("progress",)),
    Tab("assessment", ("summary assessment", "chart assessment"), ("assessment",)),
    Tab("faq", ("summary faq", "faq unanswered", "faq suggestions"), ("faq",),
        periods=("今月", "先月", "全期間"), period_commands=("summary faq",)),
    Tab("meetings", ("meeting list", "meeting rsvps"), ()),
    Tab("campaigns", ("checkin status", "assessment status"), ()),
)
EXPORT_SUBJECTS = ("progress", "faq", "assessment")
EXPORT_FORMATS = ("xlsx", "csv")


def tab(key: str) -> Tab:
    """The tab named `key` (the first one for anything else)."""
    return next((t for t in TABS if t.key == key), TABS[0])


def export_command(subject: str, file_format: str) -> str | None:
    """`export progress xlsx`; None for a subject or format the dashboard does not offer."""
    if subject not in EXPORT_SUBJECTS or file_format not in EXPORT_FORMATS:
        return None
    return f"export {subject} {file_format}"
