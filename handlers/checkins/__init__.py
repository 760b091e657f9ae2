"""Progress check-ins: monthly conversational forms that DX liaisons answer in chat."""

from handlers.checkins import (
    campaigns,
    conversation,
    messages,  # noqa: F401 - registers the texts first
)

router = conversation.router

__all__ = ["campaigns", "router"]
