"""Digital-skill self-assessment: quick polls, personal profiles, admin results and training plans."""

from handlers.assessment import (  # noqa: F401 - importing registers their handlers
    campaigns,
    messages,  # noqa: F401 - registers the texts first
    poll,
    requests,
    results,
)
from handlers.assessment.registry import router

__all__ = ["router"]
