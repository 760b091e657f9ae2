"""The people registry in chat: list people and change roles and departments (admins)."""

from handlers.people import messages  # noqa: F401 - registers the texts first
from handlers.people.registry import router

__all__ = ["router"]
