"""Pure functions that turn FAQ results into replies (unit-tested without a database)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC
from typing import Any

from bot.core.messages import t
from bot.core.model import FaqEntry, PhrasingSuggestion, UnansweredQuestion, UnansweredStatus
from bot.core.replies import Choice, Field, Reply


def _category_field(entry: FaqEntry, lang: str) -> tuple[Field, ...]:
    """The category line of an answer, left out when it is the default (none, 「未分類」), and in
    English when the entry has no English name for it (no Japanese label in an English reply)."""
    default = {"", "-", t("faq.category.new", "ja"), t("faq.category.new", "en")}
    if (entry.category or "").strip() in default:
        return ()
    if lang == "en":
        return (Field(t("faq.answer.category", lang), entry.category_en),) if entry.category_en else ()
    return (Field(t("faq.answer.category", lang), entry.category),)


def question_in(entry: FaqEntry, lang: str) -> str:
    """The entry's question as a reader of *lang* sees it (its English wording when it has one)."""
    return entry.question_en if lang == "en" and entry.question_en else entry.question


def answer_in(entry: FaqEntry, lang: str) -> str:
    """The entry's answer for *lang*: in English its English answer, or, for an entry written in
    Japanese only, the Japanese text under one line that says so."""
    if lang != "en":
        return entry.answer
    return entry.answer_en or f"{t('faq.answer.japanese_only', lang)}\n{entry.answer}"


_FAQ_ID = re.compile(r"FAQ-\d+(\s*)(?=[「\"])")


def without_ids(text: str) -> str:
    """*text* with the entries named by their question only (「案内した FAQ-107「…」」 ->
    「案内した FAQ「…」」): staff never see the internal ids; admins and the office notice do."""
    return _FAQ_ID.sub(lambda m: "FAQ" + m.group(1), text)


def render_answer(entry: FaqEntry, log_id: int, lang: str, excerpt: Sequence[str] = (), ids: bool = True) -> Reply:
    """The entry's answer with its category and a 「解決しましたか？」 yes/no; with *excerpt* (a
    follow-up about the answer just shown), only those sentences of it, said to be from it (named
    by its id for an admin, else by its question, shortened: *ids*)."""
    body = answer_in(entry, lang)
    if excerpt and not (lang == "en" and entry.answer_en):  # the excerpt's sentences are the Japanese answer's
        name = entry.id if ids else t("faq.entry_name", lang, question=shorten(question_in(entry, lang), 30))
        body = "\n".join((t("faq.follow_up.from_answer", lang, id=name), *excerpt))
    return Reply(
        title=question_in(entry, lang),
        text=f"{body}\n\n{t('faq.answer.solved_question', lang)}",
        fields=_category_field(entry, lang),
        choices=(
            Choice(t("faq.answer.yes", lang), "faq.feedback", f"yes:{log_id}:{entry.id}", "primary"),
            Choice(t("faq.answer.no", lang), "faq.feedback", f"no:{log_id}:{entry.id}"),
        ),
    )


def render_candidates(entries: Sequence[FaqEntry], log_id: int, lang: str, intro: str = "faq.candidates.intro",
                      **params: Any) -> Reply:
    """Up to three close entries and 「どれでもない」 (unnumbered: the console numbers buttons itself,
    and 「2」 typed still picks the second)."""
    choices = [Choice(question_in(e, lang), "faq.pick", f"{log_id}:{e.id}") for e in entries[:3]]
    choices.append(Choice(t("faq.candidates.none_of_them", lang), "faq.none", str(log_id)))
    return Reply(text=t(intro, lang, **params), choices=tuple(choices))


def render_not_found(question_id: int, lang: str, key: str = "faq.none", **params: Any) -> Reply:
    """Say plainly that nothing fits and offer to forward the question."""
    return Reply(
        text=t(key, lang, **params),
        choices=(
            Choice(t("faq.escalate.yes", lang), "faq.escalate", str(question_id), "primary"),
            Choice(t("faq.escalate.no", lang), "faq.escalate_cancel", str(question_id)),
        ),
    )


def render_escalation_notice(question: UnansweredQuestion, asker: str, department: str, lang: str,
                             shown: FaqEntry | None = None, said: str = "unsolved") -> Reply:
    """What the office channel or the department's liaison receives (with the FAQ entry that was
    shown and only what the asker said of it: 「役に立たなかった」 when they answered so, else that
    they asked for a person)."""
    text = t("faq.escalate.notice_text", lang, id=question.id, asker=asker, department=department,
             question=question.text)
    if shown is not None:
        key = "faq.escalate.notice_shown" if said == "unsolved" else "faq.escalate.notice_shown_person"
        text += "\n\n" + t(key, lang, entry_id=shown.id, question=shown.question[:80])
    return Reply(
        title=t("faq.escalate.notice_title", lang, id=question.id),
        text=text,
        choices=(Choice(t("faq.escalate.answer_button", lang), "faq.answer", str(question.id), "primary"),),
    )


def render_unanswered_list(questions: Sequence[UnansweredQuestion], lang: str, tz: Any = None,
                           drafts: dict[int, dict] | None = None) -> Reply:
    """Forwarded questions waiting for a person, newest first, each with an answer button; below
    them, apart and without a button, 「FAQ改善候補」: questions the FAQ could not answer that the
    asker chose not to forward (material for new entries, not a request to answer anyone). Dates
    in the office's time zone."""
    waiting = [q for q in questions if q.status is not UnansweredStatus.OPEN]
    kept = [q for q in questions if q.status is UnansweredStatus.OPEN]
    if not questions:
        return Reply(text=t("faq.unanswered.empty", lang), ephemeral=True)

    def day(q: UnansweredQuestion) -> str:
        at = q.created_at
        if tz is not None:
            at = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(tz)
        # Written as the other Japanese replies write dates (「2026年12月5日」), in the office's time zone.
        return f"{at:%Y-%m-%d}" if lang == "en" else f"{at.year}年{at.month}月{at.day}日"

    drafts = drafts or {}
    lines = [
        f"Q-{q.id} [{t('faq.status.' + q.status.value, lang)}] {day(q)} {q.text[:120]}"
        + (t("faq.unanswered.has_draft", lang, id=q.id, name=drafts[q.id].get("name") or "-") if q.id in drafts else "")
        for q in waiting
    ] or [t("faq.unanswered.none_waiting", lang)]
    if kept:
        lines += ["", t("faq.unanswered.kept_title", lang, count=len(kept))]
        lines += [f"Q-{q.id} {day(q)} {q.text[:120]}" for q in kept]
    # The Q number is the label (「Q-4 に回答」): a typed 「Q-4」 means the same question as the button.
    choices = tuple(
        Choice(t("faq.unanswered.answer_button", lang, id=q.id), "faq.answer", str(q.id))
        for q in waiting[:10]
    )
    return Reply(title=t("faq.unanswered.title", lang, count=len(waiting)), text="\n".join(lines),
                 choices=choices, ephemeral=True)


def render_answer_confirmation(question: UnansweredQuestion, answer: str, asker: str, lang: str) -> Reply:
    """One check before an answer goes out: who receives it, the question, the answer."""
    text = t("faq.answering.confirm", lang, asker=asker, id=question.id, question=question.text[:200], answer=answer)
    return Reply(text=text, choices=(
        Choice(t("faq.answering.send_button", lang), "faq.answer_send", str(question.id), "primary"),
        Choice(t("faq.answering.rewrite_button", lang), "faq.answer", str(question.id)),
        Choice(t("faq.answering.cancel_button", lang), "faq.answer_cancel", str(question.id)),
    ))


# How much of a question the asker's status list shows, and the marks a cut may end at.
MY_QUESTION_CHARS = 80
_CUT_AFTER = "？?。、」）!！ "
_CLOSING = {"「": "」", "（": "）", "『": "』", "(": ")"}


def shorten(text: str, limit: int = MY_QUESTION_CHARS) -> str:
    """*text* within *limit* characters: cut after a punctuation mark near the end (never mid-word
    when one is near), marked 「…」, with any bracket the cut left open closed (「…どうやってアンケー」
    was shown cut mid-word, its 「 and （ never closed)."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    at = max(head.rfind(c) for c in _CUT_AFTER)
    if at >= limit - 25:
        head = head[:at + 1]
    head = head.rstrip("、 ") + "…"
    opened: list[str] = []
    for c in head:
        if c in _CLOSING:
            opened.append(_CLOSING[c])
        elif opened and c == opened[-1]:
            opened.pop()
    return head + "".join(reversed(opened))


def render_my_questions(questions: Sequence[UnansweredQuestion], lang: str, tz: Any = None, ids: bool = True) -> Reply:
    """The asker's own questions handed to a person: number, status, when asked (office time)."""
    if not questions:
        return Reply(text=t("faq.mine.empty", lang))

    def when(q: UnansweredQuestion) -> str:
        at = q.created_at if q.created_at.tzinfo else q.created_at.replace(tzinfo=UTC)
        at = at.astimezone(tz) if tz is not None else at
        return t("faq.mine.when", lang, month=at.month, day=at.day, time=f"{at.hour}:{at.minute:02d}")

    lines = []
    for q in questions:
        lines.append(t("faq.mine.line", lang, id=q.id, status=t("faq.status." + q.status.value, lang), when=when(q),
                       question=shorten(q.text if ids else without_ids(q.text))))
        if q.status is UnansweredStatus.ANSWERED and q.answer:
            # The answer they were sent, to read again (「さっきの質問の回答きた？」).
            lines.append(t("faq.mine.answer", lang, answer=q.answer[:500]))
    # A question not forwarded yet: say how to forward it, with a button each.
    waiting = [q for q in questions if q.status is UnansweredStatus.OPEN]
    if waiting:
        lines += ["", t("faq.mine.how_to_forward", lang)]
    choices = tuple(Choice(t("faq.mine.forward_button", lang, id=q.id), "faq.escalate", str(q.id))
                    for q in waiting[:5])
    return Reply(title=t("faq.mine.title", lang, count=len(questions)), text="\n".join(lines), choices=choices)


def render_question_status(question: UnansweredQuestion, lang: str, tz: Any = None, asker: str = "",
                           answerer: str = "") -> Reply:
    """One tracked request: its number, status, when it was asked, and the answer once given; for a
    liaison or an admin looking it up, also who asked, where it went and who answered."""
    at = question.created_at if question.created_at.tzinfo else question.created_at.replace(tzinfo=UTC)
    at = at.astimezone(tz) if tz is not None else at
    when = t("faq.mine.when", lang, month=at.month, day=at.day, time=f"{at.hour}:{at.minute:02d}")
    text = t("faq.mine.line", lang, id=question.id, status=t("faq.status." + question.status.value, lang),
             when=when, question=question.text[:200])
    if asker:
        text += "\n" + t("faq.status.asker", lang, asker=asker, destination=question.destination or "—")
        if answerer:
            text += t("faq.status.answerer", lang, answerer=answerer)
    if question.status is UnansweredStatus.ANSWERED and question.answer:
        text += "\n\n" + t("faq.status.answer", lang, answer=question.answer)
    elif question.status is UnansweredStatus.OPEN:
        text += "\n\n" + t("faq.mine.how_to_forward", lang)
        return Reply(text=text, choices=(Choice(t("faq.mine.forward_button", lang, id=question.id),
                                                "faq.escalate", str(question.id)),))
    return Reply(text=text)


def render_suggestions(items: Sequence[tuple[PhrasingSuggestion, FaqEntry | None]], lang: str) -> Reply:
    """Pending phrasings with approve / reject buttons."""
    if not items:
        return Reply(text=t("faq.suggestions.empty", lang), ephemeral=True)
    lines = []
    choices: list[Choice] = []
    for s, entry in items:
        lines.append(t("faq.suggestions.item", lang, id=s.id, text=s.text[:200], entry_id=s.entry_id,
                       question=entry.question if entry else "-"))
        if len(choices) < 20:
            choices.append(Choice(f"S-{s.id} {t('faq.suggestions.approve', lang)}", "faq.suggestion.approve",
                                  str(s.id), "primary"))
            choices.append(Choice(f"S-{s.id} {t('faq.suggestions.reject', lang)}", "faq.suggestion.reject",
                                  str(s.id), "danger"))
    return Reply(title=t("faq.suggestions.title", lang, count=len(items)), text="\n".join(lines),
                 choices=tuple(choices), ephemeral=True)


def render_entry(entry: FaqEntry, lang: str) -> Reply:
    """One entry in full (for editors)."""
    return Reply(
        title=t("faq.show.title", lang, entry_id=entry.id, question=entry.question),
        text=entry.answer,
        fields=(
            Field(t("faq.field.category", lang), entry.category or "-"),
            Field(t("faq.field.tags", lang), ", ".join(entry.tags) or "-"),
            Field(t("faq.field.alternates", lang), " / ".join(entry.alternates) or "-"),
            Field(t("faq.field.department", lang), entry.department or "-"),
            # The English wording, shown to editors only where the entry has one.
            *(Field(t(f"faq.field.{k}", lang), v) for k, v in (
                ("question_en", entry.question_en), ("answer_en", entry.answer_en),
                ("category_en", entry.category_en)) if v),
        ),
        ephemeral=True,
    )


def render_linked_entry(entry: FaqEntry, lang: str) -> Reply:
    """An entry opened from a link (no question was asked, so no feedback buttons)."""
    return Reply(title=question_in(entry, lang), text=answer_in(entry, lang), fields=_category_field(entry, lang))
