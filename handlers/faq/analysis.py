"""What the FAQ desk's figures count, for the admin's reports (which may read a job's analysis,
not its conversation): a logged message is a real question unless it is a filler, a number, a yes,
an RSVP or a request to see something (the same rule the desk uses for what it forwards)."""

from __future__ import annotations

import re

from bot.core.text import fold
from handlers.faq.smalltalk import (
    is_chitchat,
    is_real_question,
    is_rsvp,
    is_stray_answer,
    is_stray_poll_answer,
    is_thanks,
)

__all__ = ["is_real_question", "is_summary_question"]

# 「参加します！よろしく」「欠席します、すみません」: an RSVP with a courtesy is still an RSVP.
_COURTESY = re.compile(r"(よろしく(お願いします|おねがいします|です)?|お願いします|すみません|すいません|申し訳ありません|"
                       r"ごめんなさい|失礼します|です|ます)")


def _answer_with_courtesy(folded: str) -> bool:
    parts = [p for p in re.split(r"[\s、。,.!！?？〜~ー…]+", folded) if p]
    answers = [p for p in parts if is_rsvp(p) or is_stray_answer(p) or is_stray_poll_answer(p)]
    return bool(answers) and all(p in answers or not _COURTESY.sub("", p) for p in parts)


def is_summary_question(text: str, outcome: str) -> bool:
    """A logged message the FAQ figures count: a real question the desk searched, never small
    talk it turned away (「きょうは寒いね」, unless the FAQ answered it), an assessment answer
    (「理解している」「2. 理解してるかな」), a check-in status, an RSVP (「出席します」) or thanks."""
    folded = fold(text)
    if (not is_real_question(folded) or is_rsvp(folded) or is_stray_answer(folded)
            or is_stray_poll_answer(folded) or is_thanks(folded) or _answer_with_courtesy(folded)):
        return False
    return outcome == "answer" or not is_chitchat(folded)
