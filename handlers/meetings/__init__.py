"""Monthly meeting reminders on a Japanese business calendar."""

from handlers.meetings import messages  # noqa: F401 - registers the texts first
from handlers.meetings.desk import router

__all__ = ["router"]
