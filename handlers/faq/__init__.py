"""Consultation desk (FAQ)."""

from handlers.faq import messages  # noqa: F401 - registers the texts first
from handlers.faq.desk import router
from handlers.faq import review  # noqa: F401,E402 - registers the review commands on the router

__all__ = ["router"]
