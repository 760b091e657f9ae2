"""Admin commands: the audit log, summaries, charts and exports."""

from handlers.admin import (
    assessment_report,
    attendance_report,
    audit,
    faq_report,
    hints,
    messages,  # noqa: F401 - registers the texts first
    progress_report,
    reports,
    status,
)

# Every admin router; `router` (the audit log) is kept for callers that wire only one.
routers = [audit.router, reports.router, faq_report.router, progress_report.router, assessment_report.router,
           attendance_report.router, hints.router, status.router]
router = audit.router

__all__ = ["router", "routers"]
