"""Digital-skill self-assessment: quick polls, personal profiles, admin results and training plans."""

from handlers.assessment import (  # noqa: F401 - importing registers their handlers
    campaigns,
    messages,
    poll,
    requests,
    results,
)
from handlers.assessment.registry import router

__all__ = ["router"]
