"""`summary faq` and `export faq`: how the consultation desk is used and what it cannot answer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.core.commands import canonical
from bot.core.context import Context
from bot.core.japanese_numbers import percent_text
from bot.core.model import Role, SuggestionStatus, UnansweredStatus
from bot.core.replies import Field, Reply
from bot.core.router import Router
from bot.core.text import fold
from handlers.admin.hints import hints_for
from handlers.admin.period import Month
from handlers.admin.ports import Column, LoggedQuestion, Sheet
from handlers.admin.reports import (
    ReportArgs,
    export_reply,
    file_attachment,
    kit,
    local_today,
    local_tz,
    parse_args,
    reject_extra,
)
from handlers.faq.analysis import is_real_question, is_summary_question

router = Router("admin.faq")

TOP_UNANSWERED = 5
OUTCOMES = ("answer", "candidates", "none", "person")
# What the desk sent to another section (「児童手当は子育て支援課へ」) or turned away as outside its work:
# no matter of the office's FAQ, so counted apart (handlers.faq.desk logs them so).
ELSEWHERE = ("other_desk", "outside")
FEEDBACKS = ("solved", "picked", "unsolved", "none_fit")
_PUNCTUATION = re.compile(r"[\s、。,.!?！？「」『』（）()・]+")


# The first word of a command typed without 「/dx」 (「報告 状況」「FAQ 未回答」「会議 設定 毎月…」).
_COMMAND_FIRST = frozenset({"faq", "meeting", "checkin", "assessment", "summary", "export", "chart", "audit",
                            "users", "progress", "lang"})
# 「テスト」「てすと送信」「test」「動作確認です」 alone, or a question marked as a test (「テスト：パスワード…」).
_TEST = re.compile(r"^(?:【?(?:テスト|てすと|test|動作確認|どうさかくにん)】?)(?:$|[\s:：、,。.!！]|です|中|ちゅう|送信|しています|してます"
                   r"|メッセージ|めっせーじ|投稿|[0-9０-９]+$)", re.IGNORECASE)
# 「チェックイン始めて」「会議の設定して」「診断を開始したい」: setting a job up (the jobs' own handlers take
# these now; a log from before them still holds some).
_SETUP = re.compile(r"(?:会議|かいぎ|定例|ミーティング|連絡会|報告|ほうこく|進捗|しんちょく|チェックイン|ちぇっくいん|checkin"
                    r"|診断|しんだん|アセスメント).{0,30}?(?:始め|はじめ|開始|スタート|設定|せってい|登録|とうろく"
                    r"|変更|へんこう|変え|かえ|送信して|送って|締め切|締切って|延長)(?!.*(?:方法|やり方|どうすれば|どうやって|[?？]))")


def is_admin_request(question: LoggedQuestion) -> bool:
    """A message an admin typed as a request or a test, not a question: a report asked for in
    words (「今月の進捗まとめて」), a setup (「会議の設定して」「チェックイン始めて」), a command
    typed without 「/dx」 (「報告 状況」), or a test (「テスト」「テスト：…」). An admin's real question
    (「パスワードを忘れました」) is a question like anyone's and stays."""
    if question.asker_role != Role.ADMIN.value:
        return False
    text = unicodedata.normalize("NFKC", question.text).strip()
    folded = fold(text)
    if _TEST.match(text) or hints_for(folded) or (len(folded) <= 60 and _SETUP.search(folded)):
        return True
    words = text.lstrip("/／").replace("\u3000", " ").split()
    if words and fold(words[0]) == "dx":
        words = words[1:]
    return len(words) >= 2 and canonical(words[0]) in _COMMAND_FIRST and canonical(words[1]) != fold(words[1])


def phrase_key(text: str) -> str:
    """Group the same question typed with different width, case, spacing or punctuation."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", text).lower())


@dataclass(frozen=True)
class Unanswered:
    """A question the desk could not answer, with how often it was asked."""

    text: str
    count: int


@dataclass
class FaqFigures:
    """The desk's figures over a set of logged questions."""

    asked: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    feedback: dict[str, int] = field(default_factory=dict)
    top_unanswered: list[Unanswered] = field(default_factory=list)
    picked: int = 0  # candidates were shown and the asker chose one
    forwarded: int = 0  # handed to a person (whatever the desk showed first)

    @property
    def answered_rate(self) -> float | None:
        """Share of questions the FAQ answered directly (one entry shown as the answer). Candidates
        are not counted as answered: the asker still had to choose, and often chose none."""
        return self.outcomes.get("answer", 0) / self.asked if self.asked else None

    @property
    def with_feedback(self) -> int:
        """Questions whose asker said whether it helped."""
        return sum(self.feedback.values())

    @property
    def solved_rate(self) -> float | None:
        """Among questions with feedback, the share that were solved (directly or by a candidate)."""
        given = self.with_feedback
        if not given:
            return None
        return (self.feedback.get("solved", 0) + self.feedback.get("picked", 0)) / given


def faq_figures(questions: Sequence[LoggedQuestion], top: int = TOP_UNANSWERED,
                forwarded: frozenset[int] = frozenset()) -> FaqFigures:
    """Count outcomes and feedback; rank the questions the desk failed on by how often they came.
    `forwarded` holds the log ids of the questions handed to a person."""
    figures = FaqFigures(asked=len(questions))
    groups: dict[str, list[LoggedQuestion]] = {}
    for q in questions:
        figures.outcomes[q.outcome] = figures.outcomes.get(q.outcome, 0) + 1
        figures.picked += q.outcome == "candidates" and q.feedback == "picked"
        figures.forwarded += q.id in forwarded
        if q.feedback:
            figures.feedback[q.feedback] = figures.feedback.get(q.feedback, 0) + 1
        if q.outcome == "none" or q.feedback in ("unsolved", "none_fit"):
            groups.setdefault(phrase_key(q.text), []).append(q)
    # Most asked first; among equals the most recently asked (it is the more pressing gap).
    ranked = sorted(groups.values(), key=lambda g: (-len(g), -max(q.id for q in g)))
    figures.top_unanswered = [Unanswered(g[-1].text, len(g)) for g in ranked[:top]]
    return figures


def render_faq_summary(ctx: Context, period: str, figures: FaqFigures, previous_asked: int | None,
                       open_questions: int, pending_suggestions: int, kept_questions: int = 0,
                       left_out: int = 0, not_questions: int = 0,
                       elsewhere: dict[str, int] | None = None) -> Reply:
    """The summary card; `left_out`: the admins' own requests and tests not counted, `not_questions`:
    the messages that were no questions (small talk, answers, RSVPs) not counted, `elsewhere`: by
    outcome, the questions sent to another section or turned away (each said at the end)."""
    # Fourteenth round: a month with no questions reads 「0件（質問なし）」, never 「0件（前月 0件、+0件）」,
    # and a share or rate of nothing is not shown (no 「質問の—」, no 「評価 0件のうち解決 0件」).
    if figures.asked == 0:
        asked = ctx.t("admin.faq.asked_none" if not previous_asked else "admin.faq.asked_none_vs",
                      n=previous_asked or 0)
    else:
        asked = ctx.t("admin.count", n=figures.asked)
        if previous_asked is not None:
            asked += ctx.t("admin.faq.vs_last_month", n=previous_asked, delta=f"{figures.asked - previous_asked:+d}")
    direct = figures.outcomes.get("answer", 0)
    fields = [
        Field(ctx.t("admin.faq.asked"), asked),
        Field(ctx.t("admin.faq.direct"), ctx.t("admin.count", n=direct) if figures.answered_rate is None else ctx.t(
            "admin.faq.direct_value", n=direct, rate=percent_text(figures.answered_rate, fraction=True))),
        Field(ctx.t("admin.faq.candidates"), ctx.t(
            "admin.faq.candidates_value", n=figures.outcomes.get("candidates", 0), picked=figures.picked)),
        Field(ctx.t("admin.faq.not_found"), ctx.t("admin.count", n=figures.outcomes.get("none", 0))),
    ]
    if figures.outcomes.get("person", 0):
        # Typed straight to a person (after 「人と話したい」): with the three above, every question.
        fields.append(Field(ctx.t("admin.faq.to_person"), ctx.t("admin.count", n=figures.outcomes["person"])))
    fields += [
        Field(ctx.t("admin.faq.forwarded"), ctx.t("admin.count", n=figures.forwarded)),
        Field(ctx.t("admin.faq.solved"), ctx.t("admin.faq.solved_none") if not figures.with_feedback else ctx.t(
            "admin.faq.solved_value", rate=percent_text(figures.solved_rate, fraction=True), given=figures.with_feedback,
            settled=figures.feedback.get("solved", 0) + figures.feedback.get("picked", 0),
            **{k: figures.feedback.get(k, 0) for k in FEEDBACKS})),
        # Waiting = handed to a person who owes an answer; the 「FAQ改善候補」 the askers did not
        # forward are material for new entries, nobody waits for them: a line of their own.
        Field(ctx.t("admin.faq.open"), ctx.t("admin.faq.open_value", n=open_questions)),
        Field(ctx.t("admin.faq.kept"), ctx.t("admin.faq.kept_value", n=kept_questions)),
        Field(ctx.t("admin.faq.pending"), ctx.t("admin.faq.pending_value", n=pending_suggestions)),
    ]
    if figures.asked == 0:
        text = ctx.t("admin.faq.no_questions")
    elif figures.top_unanswered:
        lines = [ctx.t("admin.faq.top_unanswered")]
        lines += [ctx.t("admin.faq.top_item", rank=i, text=u.text[:80], n=u.count)
                  for i, u in enumerate(figures.top_unanswered, 1)]
        text = "\n".join(lines)
    else:
        text = ctx.t("admin.faq.all_answered")
    footer = []
    if elsewhere and any(elsewhere.values()):
        footer.append(ctx.t("admin.faq.elsewhere", other=elsewhere.get("other_desk", 0),
                            outside=elsewhere.get("outside", 0)))
    if not_questions:
        footer.append(ctx.t("admin.faq.left_out_not_questions", n=not_questions))
    if left_out:
        footer.append(ctx.t("admin.faq.left_out", n=left_out))
    if footer:
        text += "\n\n" + "\n".join(footer)
    return Reply(title=ctx.t("admin.faq.title", period=period), text=text, fields=tuple(fields), ephemeral=True)


async def _questions(ctx: Context, parsed: ReportArgs) -> tuple[str, list[LoggedQuestion], Month | None]:
    """The period asked for (default: this month) and its questions."""
    tz = local_tz(ctx.services)
    reader = kit(ctx.services).questions
    if parsed.all_time:
        return ctx.t("admin.period.all"), await reader.questions(None, None), None
    month = parsed.month or Month.of(local_today(ctx.services))
    return month.label(ctx.lang), await reader.questions(month.start(tz), month.end(tz)), month


@router.command("summary faq", role=Role.ADMIN, help_key="admin.cmd.summary_faq")
async def summarize_faq(ctx: Context, args: str) -> None:
    """`summary faq [YYYY-MM|全期間]`: questions asked, share answered, top unanswered, feedback."""
    parsed = parse_args(args, local_today(ctx.services))
    reject_extra(ctx, parsed, "admin.usage.summary_faq")
    period, questions, month = await _questions(ctx, parsed)
    # Sent to another section or turned away as outside the desk's work: said apart, never an
    # unanswered matter of the office (eleventh round; an admin's own message stays with the requests).
    apart = [q for q in questions if q.outcome in ELSEWHERE and not is_admin_request(q)]
    elsewhere = {outcome: sum(1 for q in apart if q.outcome == outcome) for outcome in ELSEWHERE}
    apart_ids = {q.id for q in apart}
    questions = [q for q in questions if q.id not in apart_ids]
    # Only real questions count: 「うーん、５件かな」「わからない」「結果みせて」 (answers that slipped
    # out of a form) were logged, but nobody could answer them.
    logged = len(questions)
    questions = real_questions(questions)
    not_questions = logged - len(questions)  # said in the footer, as the admins' requests are
    # The admins' own requests and tests are not staff questions: left out, and said how many.
    left_out = sum(1 for q in questions if is_admin_request(q))
    questions = [q for q in questions if not is_admin_request(q)]
    previous_asked = None
    if month is not None:
        tz = local_tz(ctx.services)
        before = month.previous()
        previous_asked = sum(1 for q in real_questions(
            await kit(ctx.services).questions.questions(before.start(tz), before.end(tz)))
            if not is_admin_request(q) and q.outcome not in ELSEWHERE)
    faq = ctx.services.faq
    waiting, kept = await request_counts(ctx)
    pending = len(await faq.list_suggestions(SuggestionStatus.PENDING, limit=10_000))
    await ctx.reply(render_faq_summary(ctx, period, faq_figures(questions, forwarded=await _forwarded(ctx, questions)),
                                       previous_asked, waiting, pending, kept, left_out, not_questions, elsewhere))


async def request_counts(ctx: Context) -> tuple[int, int]:
    """(対応待ち, FAQ改善候補): questions forwarded to a person and still open, and the real
    questions the FAQ could not answer that their askers did not forward (the two parts of
    `/dx FAQ 未回答`). A stray word kept by an older version (「3を直す」「理解している」) is neither."""
    faq = ctx.services.faq
    waiting = len(await faq.list_unanswered((UnansweredStatus.FORWARDED,), limit=10_000))
    kept = sum(1 for q in await faq.list_unanswered((UnansweredStatus.OPEN,), limit=10_000)
               if is_real_question(fold(q.text)))
    return waiting, kept


def real_questions(questions: Sequence[LoggedQuestion]) -> list[LoggedQuestion]:
    """The logged messages that are questions (not fillers, numbers, RSVPs, 「結果みせて」, small
    talk the desk turned away, assessment answers)."""
    return [q for q in questions if is_summary_question(q.text, q.outcome)]


async def _forwarded(ctx: Context, questions: Sequence[LoggedQuestion]) -> frozenset[int]:
    """Log ids of the questions handed to a person (forwarded then, or answered by one since)."""
    handed = (UnansweredStatus.FORWARDED, UnansweredStatus.ANSWERED)
    ids = set()
    for q in questions:
        if q.outcome == "answer" and q.feedback != "unsolved":
            continue  # only a question the desk did not settle can have been forwarded
        record = await ctx.services.faq.find_unanswered_by_log(q.id)
        if record is not None and record.status in handed and record.destination:
            ids.add(q.id)
    return frozenset(ids)


def faq_sheet(ctx: Context, questions: Sequence[LoggedQuestion],
              requests: dict[int, UnansweredStatus] | None = None) -> Sheet:
    """The question log as a table (department only, never the asker's name). *requests*: what
    became of each question kept for a person (by log id): 対応待ち, 回答済み, FAQ改善候補."""
    tz = local_tz(ctx.services)
    requests = requests or {}
    columns = (
        Column(ctx.t("admin.col.asked_at"), "datetime", 17),
        Column(ctx.t("admin.col.department"), "text", 18),
        Column(ctx.t("admin.col.question"), "text", 60),
        Column(ctx.t("admin.col.outcome"), "text", 12),
        Column(ctx.t("admin.col.feedback"), "text", 14),
        Column(ctx.t("admin.col.faq_id"), "text", 11),
        Column(ctx.t("admin.col.score"), "number", 9),
        Column(ctx.t("admin.col.request"), "text", 14),
    )
    rows = tuple(
        (
            q.asked_at.astimezone(tz).replace(tzinfo=None, microsecond=0),
            q.department or ctx.t("admin.no_department"),
            q.text,
            ctx.t(f"admin.outcome.{q.outcome}") if q.outcome in OUTCOMES else q.outcome,
            ctx.t(f"admin.feedback.{q.feedback}") if q.feedback in FEEDBACKS else "",
            q.resolved_entry_id or (q.top_entry_id if q.outcome == "answer" else ""),
            round(q.score, 3),
            ctx.t(f"admin.request.{requests[q.id].value}") if q.id in requests else "",
        )
        for q in questions
    )
    return Sheet(ctx.t("admin.sheet.faq"), columns, rows)


@router.command("export faq", role=Role.ADMIN, help_key="admin.cmd.export_faq")
async def export_faq(ctx: Context, args: str) -> None:
    """`export faq [csv|xlsx] [YYYY-MM|全期間] [BOMなし]`: the question log as a file."""
    parsed = parse_args(args, local_today(ctx.services))
    reject_extra(ctx, parsed, "admin.usage.export_faq")
    period, questions, month = await _questions(ctx, parsed)
    # The same questions as the summary counts (never 「3を直す」「理解している」 logged by an older version,
    # nor an admin's own request or test).
    questions = [q for q in real_questions(questions) if not is_admin_request(q) and q.outcome not in ELSEWHERE]
    requests: dict[int, UnansweredStatus] = {}
    for q in questions:
        record = await ctx.services.faq.find_unanswered_by_log(q.id)
        if record is not None:
            requests[q.id] = record.status
    stem = f"faq_questions_{month.key if month else 'all'}"
    attachment = await file_attachment(ctx, faq_sheet(ctx, questions, requests), stem, parsed.file_format, parsed.bom,
                                       ctx.t("admin.faq.export_title", period=period))
    reply = export_reply(ctx, attachment, len(questions))
    # 「FAQを書き出して」 may have meant the entries: say where they are.
    await ctx.reply(replace(reply, text=f"{reply.text}\n{ctx.t('admin.faq.log_not_entries')}"))


# The FAQ's own entries as a file to edit in Excel and load again with `dxdesk faq import` (the
# headers are the ones the import reads: ID, 質問, 回答, 言い換え, カテゴリ, タグ, 担当部署).
_ENTRY_COLUMNS = (("admin.col.entry_id", 10), ("admin.col.entry_question", 40), ("admin.col.entry_answer", 80),
                  ("admin.col.entry_alternates", 40), ("admin.col.entry_category", 18), ("admin.col.entry_tags", 24),
                  ("admin.col.entry_department", 18))
_ENGLISH_COLUMNS = (("admin.col.entry_question_en", 40), ("admin.col.entry_answer_en", 80),
                    ("admin.col.entry_category_en", 18))


@router.command("faq export", role=Role.ADMIN, help_key="admin.cmd.faq_export")
async def export_faq_entries(ctx: Context, args: str) -> None:
    """`faq export [csv|xlsx] [BOMなし]`: every FAQ entry as a file (not the question log, which is
    `export faq`)."""
    parsed = parse_args(args, local_today(ctx.services))
    if parsed.month is not None or parsed.all_time:
        parsed.rest.append(args.strip())
    reject_extra(ctx, parsed, "admin.usage.faq_export")
    entries = sorted(await ctx.services.faq.list_entries(), key=lambda e: e.id)
    english = any(e.question_en or e.answer_en or e.category_en for e in entries)
    columns = tuple(Column(ctx.t(key), "text", width)
                    for key, width in (*_ENTRY_COLUMNS, *(_ENGLISH_COLUMNS if english else ())))
    rows = tuple(
        (e.id, e.question, e.answer, " | ".join(e.alternates), e.category, " | ".join(e.tags), e.department,
         *((e.question_en, e.answer_en, e.category_en) if english else ()))
        for e in entries
    )
    sheet = Sheet(ctx.t("admin.sheet.faq_entries"), columns, rows)
    attachment = await file_attachment(ctx, sheet, f"faq_entries_{local_today(ctx.services):%Y-%m-%d}",
                                       parsed.file_format, parsed.bom, ctx.t("admin.faq.entries_title"))
    reply = export_reply(ctx, attachment, len(rows))
    await ctx.reply(replace(reply, text=f"{reply.text}\n{ctx.t('admin.faq.entries_import')}"))
