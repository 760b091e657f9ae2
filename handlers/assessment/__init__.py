"""Digital-skill self-assessment: quick polls, personal profiles, admin results and training plans."""

from handlers.assessment import campaigns, poll  # noqa: F401 - importing registers their handlers
from handlers.assessment.registry import router

__all__ = ["router"]
