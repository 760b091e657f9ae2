"""Consultation desk (FAQ)."""

from handlers.faq import messages  # noqa: F401 - registers the texts first
from handlers.faq.desk import router

__all__ = ["router"]
