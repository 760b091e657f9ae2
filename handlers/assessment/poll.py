"""The personal side of the skill self-assessment: a quick poll, one question per card.

Each answer is saved at once (a restart or another replica continues where the person stopped).
Buttons and typed answers (1–4, or the level's words) both work; 「戻る」 goes back one question and
「やめる」 (or 「中断」, any cancel word of the vocabulary) pauses; the texts name 「やめる」 as the check-in does. Answering an earlier question again moves on to the first unanswered one. On
finishing, the person privately sees their profile, skills to work on and suggested trainings.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.core import vocabulary
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived, MessageReceived
from bot.core.replies import Choice, Reply
from bot.core.text import fold, is_id_number, short_moment
from handlers.assessment import analysis, corrections, explanations
from handlers.assessment.answers import command_word, is_level_as_shown, normalise, parse_level
from handlers.assessment.campaigns import invitation_key
from handlers.assessment.model import (
    Campaign,
    CampaignMode,
    Participation,
    ParticipationStatus,
    Question,
)
from handlers.assessment.ports import ASSESSMENT
from handlers.assessment.registry import kit, local_now, local_today, router
from handlers.assessment.render import (
    day_text,
    level_label,
    render_paused,
    render_profile,
    render_question,
    skill_name,
)

DIALOG = "assessment.poll"
_RESUME_WORDS = vocabulary.RESUME_WORDS | vocabulary.RESUME_ASSESSMENT_WORDS


def is_resume(folded: str) -> bool:
    """「続きから」「再開」 and their variants."""
    return folded in _RESUME_WORDS or vocabulary.resume_target(folded) == "assessment"


def _private(ctx: Context) -> bool:
    # Outside a direct message the poll and the profile go only to the asker (Slack ephemeral).
    return not ctx.event.conversation.is_direct


def campaign_questions(ctx: Context, campaign: Campaign) -> list[Question]:
    """The campaign's questions that the bank still knows, in campaign order."""
    bank = kit(ctx.services).bank
    return [q for qid in campaign.question_ids if (q := bank.question(qid)) is not None]


def _next_unanswered(questions: list[Question], answers: dict[str, str]) -> Question | None:
    return next((q for q in questions if q.id not in answers), None)


def past_deadline(ctx: Context, campaign: Campaign) -> bool:
    """Answers are accepted until the end of the deadline day (office time)."""
    return local_today(ctx.services) > campaign.deadline


async def _campaign_for_answers(ctx: Context, campaign_id: int | None = None) -> Campaign:
    """The open campaign (the given one, if a button names it) still taking answers."""
    store = kit(ctx.services).store
    campaign = await store.open_campaign()
    if campaign is None or (campaign_id is not None and campaign.id != campaign_id):
        raise UserFacingError("assessment.closed" if campaign_id is not None else "assessment.none_open")
    if past_deadline(ctx, campaign):
        raise UserFacingError("assessment.past_deadline")
    return campaign


async def _participation(ctx: Context, campaign: Campaign) -> Participation:
    """This person's participation; late joiners of an all-staff campaign are added."""
    store = kit(ctx.services).store
    part = await store.get_participation(campaign.id, ctx.person.id)
    if part is not None:
        return part
    wanted = {fold(d) for d in campaign.departments}
    if wanted and fold(ctx.person.department) not in wanted:
        raise UserFacingError("assessment.not_target")
    if campaign.roles and ctx.person.role.value not in campaign.roles:
        raise UserFacingError("assessment.not_target_role")
    return await store.add_participation(campaign.id, ctx.person.id, ctx.person.department, local_today(ctx.services))


async def show_question(ctx: Context, campaign: Campaign, part: Participation, question: Question) -> None:
    """Save where the person is, wait for a typed answer, and show the question card."""
    services = kit(ctx.services)
    questions = campaign_questions(ctx, campaign)
    index = next(i for i, q in enumerate(questions) if q.id == question.id)
    await services.store.save_progress(campaign.id, ctx.person.id, part.answers, question.id,
                                       ParticipationStatus.ANSWERING)
    await ctx.start_dialog(DIALOG, {"campaign_id": campaign.id, "question_id": question.id})
    await ctx.reply(render_question(services.bank, campaign, question, index, len(questions),
                                    part.answers.get(question.id, ""), ctx.lang, _private(ctx)))


async def open_poll(ctx: Context) -> None:
    """Start or resume this person's poll at the question where they stopped."""
    campaign = await _campaign_for_answers(ctx)
    part = await _participation(ctx, campaign)
    if part.finished:
        await ctx.end_dialog()
        await ctx.reply(Reply(text=ctx.t("assessment.already_finished"), ephemeral=_private(ctx)))
        return
    questions = campaign_questions(ctx, campaign)
    question = next((q for q in questions if q.id == part.current_question), None)
    question = question or _next_unanswered(questions, part.answers)
    if question is None:  # every answer is in but finishing was interrupted: finish now
        await finish(ctx, campaign, part)
        return
    await show_question(ctx, campaign, part, question)


async def record_answer(ctx: Context, campaign_id: int, question_id: str, level: str) -> None:
    """Store one answer and show the next unanswered question, or finish."""
    services = kit(ctx.services)
    campaign = await _campaign_for_answers(ctx, campaign_id)
    part = await _participation(ctx, campaign)
    if part.finished:
        await ctx.end_dialog()
        await ctx.reply(Reply(text=ctx.t("assessment.already_finished"), ephemeral=_private(ctx)))
        return
    questions = campaign_questions(ctx, campaign)
    if question_id not in {q.id for q in questions} or services.bank.level(level) is None:
        raise UserFacingError("action.expired")
    part.answers[question_id] = level
    following = _next_unanswered(questions, part.answers)
    if following is None:
        await finish(ctx, campaign, part)
        return
    await show_question(ctx, campaign, part, following)


async def go_back(ctx: Context, campaign_id: int, question_id: str) -> None:
    """Show the question before `question_id` with the answer given so far."""
    campaign = await _campaign_for_answers(ctx, campaign_id)
    part = await _participation(ctx, campaign)
    if part.finished:
        raise UserFacingError("assessment.already_finished")
    questions = campaign_questions(ctx, campaign)
    ids = [q.id for q in questions]
    index = ids.index(question_id) if question_id in ids else 0
    await show_question(ctx, campaign, part, questions[max(0, index - 1)])


async def pause(ctx: Context, campaign_id: int) -> None:
    """Stop for now; the answers so far are kept."""
    services = kit(ctx.services)
    campaign = await services.store.get_campaign(campaign_id)
    part = await services.store.get_participation(campaign_id, ctx.person.id) if campaign else None
    await ctx.end_dialog()
    if campaign is None or part is None or part.finished:
        raise UserFacingError("action.expired")
    await services.store.save_progress(campaign.id, ctx.person.id, part.answers, part.current_question,
                                       ParticipationStatus.PAUSED)
    await ctx.remember_paused("assessment")
    await ctx.reply(render_paused(len(part.answers), len(campaign_questions(ctx, campaign)), ctx.lang,
                                  _private(ctx)))


def response_department(campaign: Campaign, department: str, participations: list[Participation],
                        min_group_size: int) -> str:
    """The department stored with a response.

    Pseudonymous campaigns pool departments with fewer participants than the minimum group size
    (stored as ""), because a department of one or two would point straight at a person.
    """
    if campaign.mode is CampaignMode.NAMED:
        return department
    size = sum(1 for p in participations if p.department == department)
    return department if department and size >= min_group_size else ""


async def faq_titles(ctx: Context, result: analysis.Profile) -> dict[str, str]:
    """The questions of the FAQ entries that explain this person's gaps (an entry that is gone is left out)."""
    bank = kit(ctx.services).bank
    ids = dict.fromkeys(f for qid in result.gaps if (q := bank.question(qid)) is not None for f in q.faq)
    titles: dict[str, str] = {}
    for entry_id in ids:
        entry = await ctx.services.faq.get_entry(entry_id)
        if entry is not None:
            titles[entry_id] = entry.question
    return titles


async def finish(ctx: Context, campaign: Campaign, part: Participation) -> None:
    """Store the response and show the person their profile."""
    services = kit(ctx.services)
    questions = {q.id for q in campaign_questions(ctx, campaign)}
    answers = {q: lv for q, lv in part.answers.items() if q in questions}
    department = response_department(campaign, part.department, await services.store.participations(campaign.id),
                                     services.config.min_group_size)
    stored = await services.store.finish(campaign.id, ctx.person.id, answers, department,
                                         keep_named=campaign.mode is CampaignMode.NAMED)
    await ctx.end_dialog()
    if stored is None:
        await ctx.reply(Reply(text=ctx.t("assessment.already_finished"), ephemeral=_private(ctx)))
        return
    # Started before the invitation went out (it waits for office hours): it is no longer sent.
    await ctx.services.outbox.withdraw_waiting([invitation_key(campaign.id, ctx.person.id)])
    result = analysis.profile(services.bank, services.trainings, answers)
    await ctx.reply(render_profile(services.bank, services.trainings, result, campaign.mode, ctx.lang,
                                   ephemeral=_private(ctx), faq_titles=await faq_titles(ctx, result)))
    await _note_result_shown(ctx, campaign)


# --- entry points ------------------------------------------------------------------------
@router.command("assessment", help_key="assessment.cmd")
async def start_my_poll(ctx: Context, args: str) -> None:
    """`/dx assessment`: start or resume my poll."""
    if args.strip():
        raise UserFacingError("command.usage", usage=ctx.t("assessment.usage"))
    await open_poll(ctx)


@router.message(when=is_resume, priority=90)
async def resume_by_word(ctx: Context, msg: MessageReceived) -> None:
    """「診断を再開」 resumes a paused poll (the generic 「続きから」 goes to `resume_poll`)."""
    await open_poll(ctx)


@router.resumer("assessment")
async def resume_poll(ctx: Context) -> bool:
    """「続きから」: continue my unfinished poll, if a campaign is open for me."""
    services = kit(ctx.services)
    campaign = await services.store.open_campaign()
    if campaign is None:
        return False
    part = await services.store.get_participation(campaign.id, ctx.person.id)
    if part is None or part.finished:
        return False
    await open_poll(ctx)
    return True


def is_back_after_detour(text: str) -> bool:
    """「もどる」 or a bare level number, said when maybe nothing is open (after a side question)."""
    return text in vocabulary.BACK_WORDS or bool(re.fullmatch(r"[0-9０-９]", text.strip()))


@router.message(when=is_back_after_detour, priority=110)  # before the FAQ desk's 「nothing to answer」
async def back_to_the_poll(ctx: Context, msg: MessageReceived) -> bool:
    """「もどる」「3」 after a detour (the FAQ desk's 「転送しますか」 took the turn and closed): the poll
    was the last thing put aside, so its current question comes back (a bare number is not recorded
    blindly: the card is shown to answer it). Anyone else goes on to the other routes."""
    if ctx.services.get(ASSESSMENT) is None or await ctx.active_dialog() is not None:
        return False
    campaign = await kit(ctx.services).store.open_campaign()
    part = await kit(ctx.services).store.get_participation(campaign.id, ctx.person.id) if campaign else None
    if part is None or part.finished:
        return False
    note = await ctx.services.state.get(f"paused:{ctx.person.id}") or {}
    if part.status is not ParticipationStatus.ANSWERING and note.get("kind") != "assessment":
        return False  # paused on purpose, and something else since: 「もどる」 is not about the poll
    await open_poll(ctx)
    return True


@router.command("assessment me", help_key="assessment.cmd.me")
async def show_my_profile(ctx: Context, args: str) -> None:
    """`/dx assessment me`: my profile from the latest campaign (named campaigns only)."""
    services = kit(ctx.services)
    campaign = await services.store.latest_campaign()
    part = await services.store.get_participation(campaign.id, ctx.person.id) if campaign else None
    if campaign is None or part is None:
        raise UserFacingError("assessment.me.none")
    if not part.finished:
        await ctx.reply(Reply(text=ctx.t("assessment.me.not_finished", answered=part.answered_count,
                                         total=len(campaign_questions(ctx, campaign))),
                              choices=(Choice(ctx.t("assessment.invite.resume"), "assessment.resume",
                                              str(campaign.id), "primary"),) if campaign.is_open else (),
                              ephemeral=_private(ctx)))
        return
    if campaign.mode is CampaignMode.PSEUDONYMOUS:
        await _say_shown_once(ctx, campaign)
        return
    result = analysis.profile(services.bank, services.trainings, part.answers)
    await ctx.reply(render_profile(services.bank, services.trainings, result, campaign.mode, ctx.lang,
                                   ephemeral=True, finished_now=False, faq_titles=await faq_titles(ctx, result)))


# 「結果見せて」「診断の結果みたい」 outside the poll: the same as `/dx 診断 自分`.
_MY_RESULT_WORDS = vocabulary.WordSet(
    "結果見せて", "結果みせて", "結果を見せて", "結果をみせて", "結果を見たい", "結果みたい", "結果見たい", "診断結果",
    "診断の結果", "診断結果見せて", "診断結果みせて", "診断の結果見せて", "診断の結果みせて", "診断の結果を見せて",
    "診断結果を見せて", "しんだんけっか", "しんだんのけっか", "私の結果", "自分の結果", "わたしの結果", "自分の診断結果",
    "結果見せてください", "結果を見せてください", "結果みせてください", "診断結果を見たい", "スキル診断の結果")


# 「けっかみせて」「じぶんの結果は？」「結果もう一回見たい」「私の診断けっかってどこ？」: a short sentence
# about a result (結果) asking to see it, or naming it as mine or the assessment's.
_RESULT = re.compile(r"結果|けっか")
_RESULT_ASK = re.compile(r"見せ|みせ|見た|みた|見れ|みれ|見ら|みら|表示|教え|おしえ|どこ|は$|って$|もう一[回度]|もういっかい"
                         r"|もういちど|再表示|自分|じぶん|私|わたし|僕|ぼく|俺|おれ|診断|しんだん")
_NOT_MY_RESULT = re.compile(r"検索|抽選|集計|会議|報告|出欠|申請|フォーム|点検|結果的|結果として|アンケート|部署|課の|使わ|使う|使い"
                            r"|つかわ|つかう|利用|公開|人事|評価|誰|だれ|上司|いつ|反映|影響|共有|知られ|ばれ|匿名|どうなっ|状況|進捗|全体|みんな"
                            r"|全員|全庁|要約")


def is_my_result(folded: str) -> bool:
    """「結果見せて」「診断結果みせて」「けっかみせて」「じぶんの結果は？」 (said, outside the poll)."""
    if folded in _MY_RESULT_WORDS:
        return True
    said = normalise(folded)
    return (len(said) <= 25 and bool(_RESULT.search(said)) and bool(_RESULT_ASK.search(said))
            and not _NOT_MY_RESULT.search(said))


@router.message(when=is_my_result, priority=90)
async def my_result_words(ctx: Context, msg: MessageReceived) -> bool:
    """Show my result as `/dx 診断 自分` does; someone who never took an assessment goes on to the
    other routes (the FAQ desk)."""
    services = ctx.services.get(ASSESSMENT)
    if services is None or await kit(ctx.services).store.latest_campaign() is None:
        return False
    await show_my_profile(ctx, "")
    return True


@dataclass(frozen=True)
class _Shown:
    """The question on screen while a typed message comes in (the poll dialog's data)."""

    campaign_id: int
    question_id: str
    aside: dict | None  # the FAQ desk's prompt set aside under the poll after a side question
    # The kind of that prompt when the desk opened it after the side question's answer (「いいえ」 →
    # 「担当者に転送しますか？」) and the poll came back on top of it; "" otherwise.
    prompt: str = ""

    @classmethod
    def of(cls, data: dict) -> _Shown:
        return cls(int(data.get("campaign_id", 0)), str(data.get("question_id", "")), data.get("aside") or None,
                   str(data.get("prompt") or ""))


# One step of reading a typed message at a question: None when it is not this step's message, else
# the dialog's answer (True: handled; False: handed on to the dispatcher's other routes).
_Step = Callable[[Context, str, _Shown], Awaitable[bool | None]]


@router.dialog(DIALOG, draft_of="assessment", after_aside=lambda ctx, data: after_pressed_aside(ctx, data))
async def typed_answer(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """While a question is shown: 1–4, a level's words or a sentence saying a level answer it;
    「戻る」「やめる」 work too; a question goes to the explanation or the FAQ desk. The steps are
    tried in order, the first that takes the message answers."""
    shown = _Shown.of(data)
    for step in _STEPS:
        handled = await step(ctx, msg.text, shown)
        if handled is not None:
            return handled
    return await _not_an_answer(ctx, msg.text, shown)


async def _reply_to_the_aside(ctx: Context, text: str, shown: _Shown) -> bool | None:
    """「はい」 to the FAQ desk's 「解決しましたか？」 shown with the side question's answer: its dialog
    (set aside under the poll) reads it; the dispatcher hands the turn over."""
    if not shown.aside or not _for_the_aside(text) or parse_level(kit(ctx.services).bank, text) is not None:
        return None
    return await _give_to_aside(ctx, shown)


async def _back_or_pause(ctx: Context, text: str, shown: _Shown) -> bool | None:
    """「戻る」 and 「やめる」 (and the casual pauses)."""
    word = command_word(text)
    if word == "pause":
        await pause(ctx, shown.campaign_id)
        return True
    if word == "back" and shown.prompt:
        # 「もどる」 under the desk's prompt left after a side question: back to the poll, at its question.
        await _leave_the_prompt(ctx, shown)
        await open_poll(ctx)
        return True
    if word == "back":
        await go_back(ctx, shown.campaign_id, shown.question_id)
        return True
    return None


async def _correction(ctx: Context, text: str, shown: _Shown) -> bool | None:
    """「1問目やっぱ聞いたことある程度」「さっきの間違えた」: an earlier answer mended (corrections.py)."""
    return True if await _correct_earlier(ctx, shown.campaign_id, shown.question_id, text) else None


async def _explanation(ctx: Context, text: str, shown: _Shown) -> bool | None:
    """「これってどういう意味？」 about a question of the poll."""
    return True if await _explain(ctx, shown.campaign_id, shown.question_id, text, shown) else None


async def _level(ctx: Context, text: str, shown: _Shown) -> bool | None:
    """A level's number, its words, or a sentence saying it: recorded, the next question shown."""
    bank = kit(ctx.services).bank
    question = bank.question(shown.question_id)
    level = parse_level(bank, text, question.text if question is not None else "")
    if level is None:
        return None
    await _leave_the_prompt(ctx, shown)
    if not shown.prompt and (shown.aside or {}).get("kind") == _FORWARD_PROMPT:
        # The side question's own 「担当者に転送しますか？」 (nothing found for 「VPNってどうやって申請するの？」)
        # left for a level: it stays recorded, not forwarded, said in one line as above.
        await ctx.reply(Reply(text=ctx.t("assessment.poll.forward_left"), ephemeral=_private(ctx)))
    if not is_level_as_shown(bank, text):
        # 「まあまあ」「名前だけ知ってる」 could have meant another level: say which one was kept, so it can be mended.
        number = next(n for n, lv in enumerate(bank.levels, 1) if lv.key == level)
        await ctx.reply(Reply(text=ctx.t("assessment.poll.recorded_as", said=text.strip()[:30], n=number,
                                         label=level_label(bank.level(level), ctx.lang)),
                              ephemeral=_private(ctx)))
    await record_answer(ctx, shown.campaign_id, shown.question_id, level)
    return True


async def _resume(ctx: Context, text: str, shown: _Shown) -> bool | None:
    """「続きから」 said at a question: show it again."""
    if not is_resume(fold(text)):
        return None
    await open_poll(ctx)
    return True


async def _go_ahead(ctx: Context, text: str, shown: _Shown) -> bool | None:
    """A bare 「はい」「OK」「お願いします」 (yes, let's start): nothing recorded, one line on how to answer."""
    if text not in vocabulary.YES_WORDS and normalise(text) not in _GO_ON:
        return None
    await ctx.reply(Reply(text=ctx.t("assessment.poll.how_to_answer", labels=_labels(ctx)), ephemeral=_private(ctx)))
    return True


async def _result_or_submit(ctx: Context, text: str, shown: _Shown) -> bool | None:
    """「結果みせて」「送信」: nothing to send; say how many are left and when the result comes."""
    if text not in vocabulary.RESULT_WORDS and text not in vocabulary.SUBMIT_WORDS:
        return None
    await _say_left(ctx, shown.campaign_id)
    return True


async def _asked(ctx: Context, text: str, shown: _Shown) -> bool | None:
    """A question about another term, or any question: the FAQ desk answers, the poll's question comes back."""
    if not explanations.asks_meaning(text) and not vocabulary.looks_like_question(text):
        return None
    await _side_question(ctx, {"campaign_id": shown.campaign_id, "question_id": shown.question_id}, text)
    return True


_STEPS: tuple[_Step, ...] = (_reply_to_the_aside, _back_or_pause, _correction, _explanation, _level, _resume, _go_ahead,
                             _result_or_submit, _asked)


async def _not_an_answer(ctx: Context, text: str, shown: _Shown) -> bool:
    """Nothing the poll reads: a short reply is almost surely a try at answering (say how to answer);
    right after a side question the FAQ desk's open prompt reads it; anything else (another job's
    words, an RSVP) goes to that job, the poll waiting for 「続きから」."""
    if len(normalise(text)) <= 10 and not ctx.claimed_elsewhere(text) and not shown.aside:
        labels = "／".join(f"{n} {lv.label}" for n, lv in enumerate(kit(ctx.services).bank.levels, 1))
        await ctx.reply(Reply(text=ctx.t("assessment.poll.not_understood", labels=labels), ephemeral=_private(ctx)))
        return True
    if shown.aside and not ctx.claimed_elsewhere(text):
        # Not a level, right after a side question: the FAQ desk's open prompt (「転送しますか？」) reads it.
        return await _give_to_aside(ctx, shown)
    await ctx.remember_paused("assessment")
    ctx.reply_after(Reply(text=ctx.t("assessment.poll.still_open"), ephemeral=_private(ctx)))
    return False


async def _hand_to_aside(ctx: Context, shown: _Shown) -> None:
    assert shown.aside is not None
    await ctx.start_dialog(str(shown.aside["kind"]), dict(shown.aside.get("data") or {}))


async def _give_to_aside(ctx: Context, shown: _Shown) -> bool:
    """The FAQ desk's prompt set aside under the poll reads the reply (「いいえ」「転送しない」). When it
    opens a prompt of its own (「いいえ」 → 「担当者に転送しますか？」), the poll comes back on top with
    that prompt set aside under it and its question said again in one line: a level (「2」「まあまあ」)
    or 「それ何？」 next is the poll's, a yes/no the prompt's. Whenever the prompt closes (「はい」 to
    「解決しましたか？」, thanks, forwarded, declined), the poll comes back alone with its question. False: the prompt did not take the message (the dispatcher routes it on)."""
    assert shown.aside is not None
    await _hand_to_aside(ctx, shown)
    if ctx.read_by_open_dialog is None:
        return False  # the dispatcher hands the turn to the dialog now open itself
    if not await ctx.read_by_open_dialog():
        return False
    await _after_the_aside(ctx, shown)
    return True


async def _after_the_aside(ctx: Context, shown: _Shown) -> None:
    """The desk's prompt set aside under the poll has read a reply or a press: when it opened a prompt
    of its own, the poll comes back on top with that one set aside; when it closed (「はい」 to
    「解決しましたか？」, thanks, forwarded or declined), the question the person was on comes back once,
    so the next level needs no 「続きから」. A prompt left as it was is put back under the poll."""
    assert shown.aside is not None
    now = await ctx.active_dialog()
    if now is not None and now.get("kind") == DIALOG:
        return  # the poll is on top already
    if now is None:
        await _back_on_top(ctx, shown.campaign_id, shown.question_id, None)
    elif now.get("kind") == shown.aside.get("kind") and now.get("data", {}) == (shown.aside.get("data") or {}):
        await ctx.start_dialog(DIALOG, {"campaign_id": shown.campaign_id, "question_id": shown.question_id,
                                        "aside": shown.aside, **({"prompt": shown.prompt} if shown.prompt else {})})
    else:
        await _back_on_top(ctx, shown.campaign_id, shown.question_id,
                           {"kind": now.get("kind"), "data": now.get("data", {})}, prompt=str(now.get("kind")))


async def after_pressed_aside(ctx: Context, data: dict) -> None:
    """A button of the desk's prompt set aside under the poll was pressed (「はい」「いいえ」 under the
    side question's answer, 「担当者に転送する」「転送しない」, a candidate): the poll comes back as when
    the reply is typed."""
    shown = _Shown.of(data)
    if shown.aside is not None and ctx.services.get(ASSESSMENT) is not None:
        await _after_the_aside(ctx, shown)


# The FAQ desk's 「担当者に転送しますか？」 (its dialog kind): left for a poll answer, it is said in one line.
_FORWARD_PROMPT = "faq.escalate"


async def _leave_the_prompt(ctx: Context, shown: _Shown) -> None:
    """A level or 「それ何？」 at the desk's prompt opened after a side question: the poll's. The prompt
    is left as the desk leaves one not answered (the question stays recorded, not forwarded); for
    「担当者に転送しますか？」 one line says so and how to have it forwarded later."""
    if not shown.prompt:
        return
    await ctx.start_dialog(DIALOG, {"campaign_id": shown.campaign_id, "question_id": shown.question_id})
    if shown.prompt == _FORWARD_PROMPT:
        await ctx.reply(Reply(text=ctx.t("assessment.poll.forward_left"), ephemeral=_private(ctx)))


def _labels(ctx: Context) -> str:
    """「1 理解し実践している／2 理解している／…」 in the person's language."""
    return "／".join(f"{n} {level_label(lv, ctx.lang)}" for n, lv in enumerate(kit(ctx.services).bank.levels, 1))


# 「はい」「いいえ」, thanks: said to the FAQ desk's answer, not to the poll.
_THANKS = re.compile(r"^(?:ありがと|有難|どうも|助かり|助かった|たすかり|了解|りょうかい|なるほど|わかりました|分かりました|承知"
                     r"|thanks|thank you)", re.IGNORECASE)


def _for_the_aside(text: str) -> bool:
    return vocabulary.yes_or_no(text) is not None or bool(_THANKS.match(normalise(text)))


# 「おっけー」「それで」 as a bare go-ahead (the YES words are checked first).
_GO_ON = frozenset({"おっけー", "おけ", "ok", "okです", "それで", "それでお願いします", "よろしくお願いします", "はーい", "はい"})

# 「もう一回やりなおしたい」「回答を変えたい」「診断やり直せる？」 after finishing: answers cannot be changed.
_REDO = re.compile(r"やりなお|やり直|もう一回|もういっかい|もう一度|もういちど|こたえなお|答えなお|答え直|回答しなお|回答し直"
                   r"|回答(?:を|の)?(?:変え|かえ|変更|修正|直|なお|訂正)|最初から")
_NOT_REDO = re.compile(r"報告|会議|出欠|パスワード|申請|フォーム")


def is_redo(folded: str) -> bool:
    """「もう一回やりなおしたい」「回答を変えたい」 (short, about no other job's things)."""
    said = normalise(folded)
    return (len(said) <= 30 and bool(_REDO.search(said)) and not _NOT_REDO.search(said)
            and not is_my_result(folded))  # 「結果もう一回見たい」 asks to see, not to answer again


@router.message(when=is_redo, priority=90)
async def redo_words(ctx: Context, msg: MessageReceived) -> bool:
    """After finishing the latest assessment: say the answers are final and whom to ask (a finished
    response is stored without the person for a pseudonymous campaign, so it cannot be reopened);
    never the FAQ desk's fallback. Anyone else goes on to the other routes."""
    if ctx.services.get(ASSESSMENT) is None:
        return False
    store = kit(ctx.services).store
    campaign = await store.latest_campaign()
    part = await store.get_participation(campaign.id, ctx.person.id) if campaign is not None else None
    if campaign is None or part is None or not part.finished:
        return False
    key = "assessment.redo.final_open" if campaign.is_open else "assessment.redo.final_closed"
    await ctx.reply(Reply(text=ctx.t(key), ephemeral=_private(ctx)))
    return True


async def _correct_earlier(ctx: Context, campaign_id: int, question_id: str, text: str) -> bool:
    """「1問目やっぱ聞いたことある程度」「Q1やっぱり知らないにして」「さっきの間違えた」: mend the earlier
    question named (「さっきの」 = the one before the question shown). With a level, it is stored and
    the question shown comes back in one line; without one, that question is shown with its buttons
    (answering it comes back to the first unanswered, the one shown before). False when the message
    names no earlier question."""
    campaign = await _campaign_for_answers(ctx, campaign_id)
    questions = campaign_questions(ctx, campaign)
    current = next((i for i, q in enumerate(questions) if q.id == question_id), None)
    wanted = corrections.read(text, current, len(questions)) if current is not None else None
    if current is None or wanted is None or wanted.index >= current:
        return False
    services = kit(ctx.services)
    part = await _participation(ctx, campaign)
    if part.finished:
        return False
    earlier = questions[wanted.index]
    level = parse_level(services.bank, wanted.said) if wanted.said else None
    if level is None and wanted.said and not wanted.mistake:
        return False  # 「さっき聞いたけどやっぱりわからない」: no level and no mistake said, not a correction
    if level is None:
        await ctx.reply(Reply(text=ctx.t("assessment.poll.correct_which", n=wanted.index + 1, current=current + 1),
                              ephemeral=_private(ctx)))
        await show_question(ctx, campaign, part, earlier)
        return True
    part.answers[earlier.id] = level
    await services.store.save_progress(campaign.id, ctx.person.id, part.answers, question_id,
                                       ParticipationStatus.ANSWERING)
    number = next(n for n, lv in enumerate(services.bank.levels, 1) if lv.key == level)
    shown = questions[current]
    labels = "／".join(f"{n} {level_label(lv, ctx.lang)}" for n, lv in enumerate(services.bank.levels, 1))
    lines = [ctx.t("assessment.poll.corrected", n=wanted.index + 1, number=number,
                   label=level_label(services.bank.level(level), ctx.lang)),
             ctx.t("assessment.poll.asked_again", n=current + 1, total=len(questions), labels=labels,
                   question=shown.text_en if ctx.lang == "en" and shown.text_en else shown.text)]
    await ctx.start_dialog(DIALOG, {"campaign_id": campaign.id, "question_id": question_id})
    await ctx.reply(Reply(text="\n".join(lines), ephemeral=_private(ctx)))
    return True


async def _explain(ctx: Context, campaign_id: int, question_id: str, text: str, shown: _Shown | None = None) -> bool:
    """「これってどういう意味？」「Q3ってどういうこと？」"what does Q3 mean?": the question's short
    explanation (its `explain` gloss or the first sentence of its FAQ entry; in English its
    `explain_en`) and how to answer; the poll stays on the question shown. False when
    the message is not about a question of the poll (a FAQ question goes to the FAQ desk)."""
    campaign = await _campaign_for_answers(ctx, campaign_id)
    questions = campaign_questions(ctx, campaign)
    current = next((i for i, q in enumerate(questions) if q.id == question_id), None)
    if current is None:
        return False
    index = explanations.asked_about(text, questions, current)
    if index is None:
        return False
    question = questions[index]
    if shown is not None:
        await _leave_the_prompt(ctx, shown)
    if ctx.lang == "en":
        short = question.explain_en  # the FAQ is written in Japanese: the question's English gloss
    else:
        # The question's own gloss (questions.yaml `explain`) where its FAQ entries define nothing.
        short = question.explain
        if not short:
            entries = [await ctx.services.faq.get_entry(entry_id) for entry_id in question.faq]
            short = explanations.summary(entries)
    bank = kit(ctx.services).bank
    lines = [ctx.t("assessment.poll.explain" if short else "assessment.poll.explain_question", n=index + 1,
                   skill=skill_name(question, ctx.lang), summary=short,
                   question=question.text_en if ctx.lang == "en" and question.text_en else question.text)]
    labels = "／".join(f"{n} {level_label(lv, ctx.lang)}" for n, lv in enumerate(bank.levels, 1))
    lines.append(ctx.t("assessment.poll.explain_answer", current=current + 1, labels=labels,
                       last=f"{len(bank.levels)} {level_label(bank.levels[-1], ctx.lang)}"))
    await ctx.reply(Reply(text="\n".join(lines), ephemeral=_private(ctx)))
    return True


async def _side_question(ctx: Context, data: dict, text: str) -> None:
    """「ＫＰＩって何」 about another term, or another question: the FAQ desk answers it, then the
    question shown comes back in one line, so the next level answer goes to the poll and a yes/no
    to the desk's own prompt (set aside under the poll). Also after candidates: the poll's question
    is the last line shown, so a level or a number is its answer (pausing there lost the answers
    typed next: walk-through 2026-12-06); the candidates stay buttons, and their labels typed pick."""
    await ctx.handle_elsewhere(text)
    dialog = await ctx.active_dialog()
    # The poll stays the current thing, its dialog back on top with the FAQ desk's 「解決しましたか？」
    # set aside under it: 「はい」「いいえ」 and thanks go to that prompt, a level to the poll.
    aside = {"kind": dialog.get("kind"), "data": dialog.get("data", {})} \
        if dialog is not None and dialog.get("kind") != DIALOG else None
    await _back_on_top(ctx, int(data.get("campaign_id", 0)), str(data.get("question_id", "")), aside)


async def _back_on_top(ctx: Context, campaign_id: int, question_id: str, aside: dict | None,
                       prompt: str = "") -> None:
    """The poll's dialog on top again (another job's prompt set aside under it) and its question in one
    line, after what the other job says this turn."""
    campaign = await _campaign_for_answers(ctx, campaign_id)
    questions = campaign_questions(ctx, campaign)
    index = next((i for i, q in enumerate(questions) if q.id == question_id), 0)
    question = questions[index]
    bank = kit(ctx.services).bank
    labels = "／".join(f"{n} {level_label(lv, ctx.lang)}" for n, lv in enumerate(bank.levels, 1))
    await ctx.start_dialog(DIALOG, {"campaign_id": campaign.id, "question_id": question.id, "aside": aside,
                                    **({"prompt": prompt} if prompt else {})})
    ctx.reply_after(Reply(text=ctx.t("assessment.poll.asked_again", n=index + 1, total=len(questions), labels=labels,
                                     question=question.text_en if ctx.lang == "en" and question.text_en
                                     else question.text), ephemeral=_private(ctx), asks=True))


def _shown_key(ctx: Context, campaign: Campaign) -> str:
    return f"assessment.shown:{campaign.id}:{ctx.person.id}"


async def _note_result_shown(ctx: Context, campaign: Campaign) -> None:
    """A pseudonymous result is shown once: keep when (not what), so it can be said later."""
    if campaign.mode is CampaignMode.PSEUDONYMOUS:
        await ctx.services.state.put(_shown_key(ctx, campaign), {"at": ctx.services.clock.now().isoformat()})


async def _say_shown_once(ctx: Context, campaign: Campaign) -> None:
    """「結果見せて」 after a pseudonymous assessment: when the result was shown, that neither it nor
    its trainings can be shown again (nothing is kept with the name), and how to ask about trainings."""
    note = await ctx.services.state.get(_shown_key(ctx, campaign)) or {}
    text = ctx.t("assessment.me.pseudonymous")
    if note.get("at"):
        tz = local_now(ctx.services).tzinfo or UTC
        text = ctx.t("assessment.me.shown_once", at=short_moment(datetime.fromisoformat(note["at"]), tz, ctx.lang))
    await ctx.reply(Reply(text=f"{text}{ctx.t('assessment.me.trainings_again')}", ephemeral=_private(ctx)))


async def _say_left(ctx: Context, campaign_id: int) -> None:
    campaign = await _campaign_for_answers(ctx, campaign_id)
    part = await _participation(ctx, campaign)
    questions = campaign_questions(ctx, campaign)
    left = sum(1 for q in questions if q.id not in part.answers)
    await ctx.reply(Reply(text=ctx.t("assessment.poll.left", left=left), ephemeral=_private(ctx)))


# --- buttons -----------------------------------------------------------------------------
def _split(value: str, parts: int) -> list[str]:
    items = value.split(":", parts - 1)
    if len(items) != parts or not is_id_number(items[0]):
        raise UserFacingError("action.expired")
    return items


@router.action("assessment.answer")
async def press_answer(ctx: Context, action: ActionReceived) -> None:
    """A level button under a question."""
    campaign_id, question_id, level = _split(action.value, 3)
    await record_answer(ctx, int(campaign_id), question_id, level)


@router.action("assessment.back")
async def press_back(ctx: Context, action: ActionReceived) -> None:
    """「戻る」."""
    campaign_id, question_id = _split(action.value, 2)
    await go_back(ctx, int(campaign_id), question_id)


@router.action("assessment.pause")
async def press_pause(ctx: Context, action: ActionReceived) -> None:
    """「やめる」 (pause; the answers are kept)."""
    await pause(ctx, int(_split(action.value, 1)[0]))


@router.action("assessment.resume")
async def press_resume(ctx: Context, action: ActionReceived) -> None:
    """「回答を始める」/「続きから回答する」 on an invitation, reminder or home view."""
    await _campaign_for_answers(ctx, int(_split(action.value, 1)[0]))
    await open_poll(ctx)


@router.action("assessment.later")
async def press_later(ctx: Context, action: ActionReceived) -> None:
    """「あとで」 on an invitation."""
    campaign = await kit(ctx.services).store.get_campaign(int(_split(action.value, 1)[0]))
    if campaign is None:
        raise UserFacingError("action.expired")
    await ctx.reply(ctx.t("assessment.invite.later_ok", deadline=day_text(campaign.deadline, ctx.lang)))


@router.home
async def home_assessment(ctx: Context) -> Reply | None:
    """Home view: an open poll this person has not finished."""
    if ctx.services.get(ASSESSMENT) is None:
        return None
    campaign = await kit(ctx.services).store.open_campaign()
    if campaign is None or past_deadline(ctx, campaign):
        return None
    part = await kit(ctx.services).store.get_participation(campaign.id, ctx.person.id)
    if part is None or part.finished:
        return None
    total = len(campaign_questions(ctx, campaign))
    return Reply(title=ctx.t("assessment.home.title"),
                 text=ctx.t("assessment.home.text", answered=part.answered_count, total=total,
                            deadline=day_text(campaign.deadline, ctx.lang)),
                 choices=(Choice(ctx.t("assessment.invite.resume" if part.answered_count else "assessment.invite.start"),
                                 "assessment.resume", str(campaign.id), "primary"),))
