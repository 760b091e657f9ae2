"""Monthly meeting reminders on a Japanese business calendar."""

from handlers.meetings.desk import router

__all__ = ["router"]
