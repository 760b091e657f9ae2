"""Consultation desk (FAQ)."""

from handlers.faq.desk import router

__all__ = ["router"]
