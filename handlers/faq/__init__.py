"""Consultation desk (FAQ)."""

from handlers.faq import (
    messages,  # noqa: F401 - registers the texts first
    review,  # noqa: F401 - registers the review commands on the router
)
from handlers.faq.desk import router

__all__ = ["router"]
