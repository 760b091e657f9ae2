"""What the FAQ desk's figures count, for the admin's reports (which may read a job's analysis,
not its conversation): a logged message is a real question unless it is a filler, a number, a yes,
an RSVP or a request to see something (the same rule the desk uses for what it forwards)."""

from __future__ import annotations

from handlers.faq.smalltalk import is_real_question

__all__ = ["is_real_question"]
