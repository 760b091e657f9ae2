"""Progress check-ins in chat: a liaison answers the department's monthly form, one question at
a time, with buttons where the platform has them and typed answers always accepted.

The form session is saved in the person's response row after every turn, so a pause of days, a
restart, another conversation in between (the FAQ desk replacing the active dialog) or a
different replica loses nothing: 「続きから」 or the invitation's button continues where it stopped.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

from bot.core import vocabulary
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived, MessageReceived
from bot.core.forms import (
    FieldSpec,
    FormEngine,
    FormSession,
    FormSpec,
    Outcome,
    is_keep,
    is_non_answer,
    is_same,
    is_submit,
    parse_change,
    parse_correction,
    parse_named_correction,
    parse_previous_correction,
    says_a_correction,
    unhedge,
)
from bot.core.japanese_numbers import percent_text
from bot.core.messages import t
from bot.core.model import Person, Role, UnansweredStatus
from bot.core.replies import Choice, Destination, Reply
from bot.core.router import Router
from bot.core.text import fold, is_id_number, short_moment
from handlers.checkins import timing
from handlers.checkins.jobs import invitation_key
from handlers.checkins.model import (
    Campaign,
    CampaignStatus,
    CheckinResponse,
    DepartmentResult,
    ResponseStatus,
)
from handlers.checkins.ports import CHECKINS, CheckinsService

log = logging.getLogger(__name__)
router = Router("checkins")

FORM_DIALOG = "checkin.form"
NS = "checkin"  # the engine's buttons are "checkin.form"
ITEMS_SOURCE = "roadmap_items"  # the list a form's `repeat:` group may go over
RESUME_WORDS = vocabulary.RESUME_WORDS | vocabulary.RESUME_CHECKIN_WORDS


def service(ctx_or_services: Any) -> CheckinsService:
    """The check-in service registered under `CHECKINS` (a clear message if it is not wired)."""
    services = getattr(ctx_or_services, "services", ctx_or_services)
    svc = services.get(CHECKINS)
    if svc is None:
        raise UserFacingError("checkin.unavailable")
    return svc  # type: ignore[no-any-return]


def form_of(svc: CheckinsService, form_id: str) -> FormSpec:
    """The form definition of a campaign."""
    spec = svc.forms.get(form_id)
    if spec is None:
        raise UserFacingError("checkin.form_missing", form=form_id)
    return spec


def engine_of(svc: CheckinsService, form_id: str) -> FormEngine:
    """A form engine for a campaign's form."""
    return FormEngine(form_of(svc, form_id), NS)


async def find_campaign(ctx: Context) -> Campaign:
    """The campaign a liaison answers now: the open one, else the newest closed one whose
    department has not submitted (late answers are still welcome)."""
    svc = service(ctx)
    campaigns = await svc.repo.campaigns((CampaignStatus.OPEN, CampaignStatus.CLOSED))
    open_ = await open_campaigns_for(ctx)
    if open_:
        return open_[0]
    department = ctx.person.department
    for campaign in campaigns[:1]:
        if department and await svc.repo.result_for(campaign.id, department) is None:
            return campaign
    raise UserFacingError("checkin.no_campaign")


async def open_campaigns_for(ctx: Context) -> list[Campaign]:
    """The open campaigns, the earliest due first; those the department has already answered go
    last (two months may be open at once: December due 12/10 and January)."""
    svc = service(ctx)
    department = ctx.person.department
    open_ = [c for c in await svc.repo.campaigns((CampaignStatus.OPEN,))]
    answered = {c.id for c in open_ if department and await svc.repo.result_for(c.id, department) is not None}
    return sorted(open_, key=lambda c: (c.id in answered, c.deadline, c.period))


def require_liaison(ctx: Context) -> None:
    """Only people with a department and the liaison (or admin) role report for a department."""
    if not ctx.person.has_role(Role.LIAISON):
        raise UserFacingError("command.forbidden", role=ctx.t("role.liaison"))
    if not ctx.person.department:
        raise UserFacingError("checkin.no_department")


async def roadmap_items_of(svc: CheckinsService, department: str) -> list[dict[str, str]]:
    """The department's active roadmap items as form items ({key, title, target})."""
    return [{"key": str(i.id), "title": i.title, "target": i.target or "-"}
            for i in await svc.repo.roadmap_items(department)]


async def previous_answers(svc: CheckinsService, campaign: Campaign, department: str) -> dict[str, Any]:
    """The department's last submitted answers before this campaign's month (for 「先月と同じ」)."""
    result = await svc.repo.previous_result(department, campaign.period, campaign.form_id)
    if result is None:
        return {}
    return {k: v for k, v in result.answers.items() if not k.startswith("_")}


# --- starting, resuming, editing ----------------------------------------------------------
async def begin(ctx: Context, campaign: Campaign, *, edit: bool = False) -> None:
    """Start, resume or (edit=True) reopen the department's answers for `campaign`."""
    require_liaison(ctx)
    svc = service(ctx)
    now = ctx.services.clock.now()
    tz = timing.tz_of(ctx.services)
    engine = engine_of(svc, campaign.form_id)
    department = ctx.person.department
    response, _ = await svc.repo.ensure_response(campaign.id, ctx.person.id, department, now)
    result = await svc.repo.result_for(campaign.id, department)
    session: FormSession | None = None
    intro = ""
    if result is not None:
        if response.status is ResponseStatus.DRAFT and response.session.get("meta", {}).get("edit"):
            session = FormSession.from_dict(response.session)
        elif not edit:
            await ctx.reply(await render_already_done(ctx, campaign, result))
            return
        elif now > campaign.deadline:
            raise UserFacingError("checkin.edit.closed", deadline=short_moment(campaign.deadline, tz, ctx.lang))
        else:
            answers = {k: v for k, v in result.answers.items() if not k.startswith("_")}
            items = result.answers.get("_items") or {ITEMS_SOURCE: await roadmap_items_of(svc, department)}
            session = engine.review(answers, items, await previous_answers(svc, campaign, department))
            session.meta["edit"] = True
            intro = ctx.t("checkin.edit.intro")
    elif response.status is ResponseStatus.DRAFT and response.session:
        session = FormSession.from_dict(response.session)
        intro = ctx.t("checkin.resumed")
    if session is None:
        items = {ITEMS_SOURCE: await roadmap_items_of(svc, department)}
        session = engine.start(items, await previous_answers(svc, campaign, department))
        intro = "\n".join(x for x in (
            ctx.t("checkin.intro", period=timing.period_label(campaign.period, ctx.lang), department=department,
                  deadline=short_moment(campaign.deadline, tz, ctx.lang)),
            engine.form_text(engine.spec.intro, ctx.lang)) if x)
    await svc.repo.save_session(response.id, session.to_dict(), ResponseStatus.DRAFT)
    await ctx.start_dialog(FORM_DIALOG, {"response_id": response.id})
    await ctx.reply(engine.render(session, ctx.lang, str(response.id), intro))


async def resume_latest(ctx: Context) -> None:
    """「続きから」: continue the newest paused form, or start the open check-in."""
    svc = service(ctx)
    for response in await svc.repo.drafts_of(ctx.person.id):
        campaign = await svc.repo.get_campaign(response.campaign_id)
        if campaign is not None and response.status is ResponseStatus.DRAFT and response.session:
            await begin(ctx, campaign)
            return
    if ctx.person.has_role(Role.LIAISON) and ctx.person.department:
        try:
            campaign = await find_campaign(ctx)
        except UserFacingError:
            campaign = None
        if campaign is not None and await svc.repo.result_for(campaign.id, ctx.person.department) is None:
            await begin(ctx, campaign)
            return
    await ctx.reply(ctx.t("checkin.resume.nothing"))


async def render_already_done(ctx: Context, campaign: Campaign, result: DepartmentResult) -> Reply:
    """「提出済みです」 with who and when, and an edit button while the deadline has not passed."""
    tz = timing.tz_of(ctx.services)
    who = await _name(ctx, result.submitted_by)
    choices: tuple[Choice, ...] = ()
    if ctx.services.clock.now() <= campaign.deadline:
        choices = (Choice(ctx.t("checkin.edit.button"), "checkin.edit", str(campaign.id)),)
    return Reply(text=ctx.t("checkin.already_done", department=result.department, who=who,
                            when=short_moment(result.submitted_at, tz, ctx.lang),
                            period=timing.period_label(campaign.period, ctx.lang)),
                 choices=choices)


async def _name(ctx: Context, person_id: int | None) -> str:
    person = await ctx.services.people.get(person_id) if person_id else None
    return person.display_name if person and person.display_name else ctx.t("checkin.someone")


# --- every turn ---------------------------------------------------------------------------
async def _load(ctx: Context, response_id: int) -> tuple[CheckinResponse, Campaign, FormEngine] | None:
    svc = service(ctx)
    response = await svc.repo.get_response(response_id)
    if response is None or response.person_id != ctx.person.id:
        return None
    campaign = await svc.repo.get_campaign(response.campaign_id)
    if campaign is None:
        return None
    return response, campaign, engine_of(svc, campaign.form_id)


async def _not_answering(ctx: Context, response: CheckinResponse, campaign: Campaign) -> bool:
    """Explain why this response takes no more answers; False when it does."""
    if response.status is ResponseStatus.DRAFT:
        return False
    await ctx.end_dialog()
    result = await service(ctx).repo.result_for(campaign.id, response.department)
    if result is not None:
        await ctx.reply(await render_already_done(ctx, campaign, result))
    else:
        await ctx.reply(ctx.t("checkin.resume.nothing"))
    return True


def _is_control(text: str) -> bool:
    # Words the form itself understands, also with a filler (「うーん、わからない」); never asked
    # about as "another question" nor handed to the FAQ desk.
    return any(said in words for said in (text, unhedge(text))
               for words in (vocabulary.CANCEL_WORDS, vocabulary.BACK_WORDS, vocabulary.SKIP_WORDS,
                             vocabulary.HELP_WORDS, vocabulary.SAME_WORDS, RESUME_WORDS, vocabulary.UNKNOWN_WORDS))


# 「書き直す」「ちがいます」「いいえ、書き直します」: the prompt's own buttons typed as words.
_REWRITE_WORDS = vocabulary.WordSet("書き直す", "書き直します", "かきなおす", "かきなおします", "書きなおす", "書き直したい",
                                    "ちがう", "違う", "ちがいます", "違います", "ちがうよ", "違うよ")


def _belongs_label(ctx: Context, button: str) -> bool | None:
    """The labels of [1]はい、回答です [2]いいえ、書き直します typed (also without the comma)."""
    said = button.replace("、", "").replace(",", "").replace(" ", "")
    for key, verdict in (("checkin.belongs.yes", True), ("checkin.belongs.rewrite", False)):
        label = ctx.t(key)
        if said in (label, label.replace("、", ""), label.replace("、", "").replace(" ", "")):
            return verdict
    if button in _REWRITE_WORDS or unhedge(button) in _REWRITE_WORDS:
        return False
    return None


def _resumes(text: str) -> bool:
    """「続きから」「報告のつづきやります」「お疲れさまです。さっきの続きから」: go on with the form."""
    return text in RESUME_WORDS or unhedge(text) in RESUME_WORDS or vocabulary.resume_target(text) in ("", "checkin")


def _keeps(text: str, spec: FieldSpec | None, session: FormSession) -> bool:
    """「そのままで」 to a question shown again with its answer (after 戻る or 「変更 3」)."""
    return spec is not None and spec.id in session.answers and any(is_keep(said) for said in (text, unhedge(text)))


@router.dialog(FORM_DIALOG, draft_of="checkin")
async def typed_answer(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """A typed message while a form is open: an answer, a navigation word — or something else.

    A message the form cannot take that is clearly something else (a question, an RSVP) is handled
    as such, with one line saying the form waits; a free-text answer that reads like a question is
    checked with one yes/no line first. A refused answer never moves to the next question.
    """
    loaded = await _load(ctx, int(data.get("response_id", 0) or 0))
    if loaded is None:
        await ctx.end_dialog()
        return False
    response, campaign, engine = loaded
    if await _not_answering(ctx, response, campaign):
        return True
    session = FormSession.from_dict(response.session)
    text = msg.text
    pending = session.meta.pop("pending", None)
    pending_kind = session.meta.pop("pending_kind", "elsewhere")
    later = False
    if pending is not None:
        verdict = vocabulary.yes_or_no(text)
        button = unicodedata.normalize("NFKC", text).strip(" 。.番")
        if verdict is None and button in ("1", "2"):
            verdict = button == "1"  # the numbers of [1]はい、回答です [2]いいえ…
        if verdict is None:
            verdict = _belongs_label(ctx, button)
        if verdict is None and is_submit(text):
            # 「おっけー」「それで」「それでお願いします」: yes, that is the answer — unless the words
            # set aside were themselves a send (「送信」 typed at the last question, meaning the form).
            sent = pending_kind == "token" and is_submit(str(pending))
            spec_now = engine.field(session, session.current) if session.stage == "asking" else None
            if sent and spec_now is not None and not spec_now.required:
                await after_turn(ctx, response, campaign, engine, engine.skip(session, ctx.lang))
                return True
            verdict = not sent
            if not verdict:
                await _drop_token(ctx, response, campaign, engine, session, str(pending))
                return True
        if verdict is None and _resumes(text):
            # 「続きから」 to 「…への回答ですか？」: not an answer — but the words set aside are never
            # dropped silently: an RSVP goes to its job (and the question comes again), a token is
            # said to be dropped.
            if pending_kind == "token":
                await _drop_token(ctx, response, campaign, engine, session, str(pending))
            else:
                await _hand_over(ctx, response, engine, session, str(pending))
            return True
        if verdict is None and pending_kind != "token" and vocabulary.says_later(text):
            # 「ちょっと電話きたのでまたあとで」 to 「…への回答ですか？」: the words set aside were
            # another matter (answered now) and the form waits for 「続きから」.
            verdict, later = False, True
        if verdict is True:
            text = str(pending)
        elif verdict is False:
            if pending_kind == "token":
                await _drop_token(ctx, response, campaign, engine, session, str(pending))
            else:
                await _leave_for_elsewhere(ctx, response, engine, session, str(pending), later=later)
            return True
        else:
            pending = None  # neither はい nor いいえ: a new message, checked like any other
    if pending is None and text not in vocabulary.CANCEL_WORDS and vocabulary.says_later(text):
        text = "中断"  # 「ちょっと電話きたのでまたあとで」: the form's own pause, answers kept
    if pending is None and _resumes(text):
        await begin(ctx, campaign)
        return True
    if pending is None and is_report_start(text) and not is_report_edit(text):
        # 「報告したいんだけど」「進捗報告したい」 typed inside the form: it is the form — its question
        # once, not handed to the FAQ desk (nor shown twice).
        await begin(ctx, campaign)
        return True
    if pending is None and is_report_edit(text):
        # 「さっき出した報告直したいんだけど」: the submitted report reopened, as `/dx 報告 修正`.
        await _reopen_or_say(ctx, response, campaign, engine, session)
        return True
    if pending is None and await _takes_what_went_elsewhere(ctx, response, campaign, engine, session, text):
        return True  # 「今のが相談内容です」: the message that went to the FAQ desk is the answer
    if pending is None and "aside" in data:
        taken = await _after_aside(ctx, response, engine, session, text, data.get("aside"))
        if taken is not None:
            return taken
    spec = engine.field(session, session.current) if session.stage == "asking" else None
    if pending is None and await _said_about_the_form(ctx, response, campaign, engine, session, spec, text):
        return True
    if (pending is None and spec is not None and spec.type == "text" and not _is_control(text)
            and not _keeps(text, spec, session)):
        kind = "elsewhere" if ctx.claimed_elsewhere(unhedge(text)) else "token" if _token_like(text, spec, session) else ""
        if kind == "elsewhere" and _is_consultation(engine, session, spec) and vocabulary.is_clear_question(text):
            # 「VPNがつながらないのはどうすれば？」 at 相談したい内容: the question is what they want to
            # discuss — kept as the answer (a person answers it through the tracked request), not sent to
            # the FAQ desk. A plea (「VPNつながらないんだけど」) is still asked about first, as before.
            await _keep_as_consultation(ctx, response, campaign, engine, session, spec, text)
            return True
        if kind == "elsewhere" and vocabulary.is_clear_question(text) and not _resumes(text):
            # 「そういえば会議室のよやくってどうやるの」 at a free-text question: clearly a question
            # (not a plea a reason could also be) — the FAQ desk answers and the question comes again.
            await _aside(ctx, response, engine, session, text)
            return True
        if kind == "elsewhere" and not vocabulary.looks_like_question(unhedge(text)) and not _resumes(text):
            # Another job's own words (「来週の会議出られないです」): handled by that job at once, and
            # the question asked again — never stored as the answer, never asked about.
            await _hand_over(ctx, response, engine, session, text)
            return True
        if kind:
            await _ask_belongs(ctx, response, session, spec, text, kind)
            return True
    if (pending is None and spec is not None and spec.type != "text" and _NAMES_MEETING.search(text)
            and not _is_control(text) and not vocabulary.looks_like_question(unhedge(text))
            and ctx.claimed_elsewhere(unhedge(text))):
        # 「来週の会議は15分くらい遅れて参加します」 at a status question: an RSVP that names the
        # meeting, not 「遅延」 — the meetings job records it and the question comes again.
        await _hand_over(ctx, response, engine, session, text)
        return True
    if (pending is None and spec is not None and spec.type in ("choice", "multi_choice") and not _is_control(text)
            and vocabulary.looks_like_question(unhedge(text)) and ctx.claimed_elsewhere(unhedge(text))):
        # 「Teamsで画面共有できますか？」 at a status question is a question, not 「完了」 (できた).
        await _aside(ctx, response, engine, session, text)
        return True
    today = timing.local_date(ctx.services.clock.now(), timing.tz_of(ctx.services))
    outcome = engine.handle_text(session, text, ctx.lang, today)
    # 「うーん、たくさんかな」 is a hedge, not a question: only a clear question (「？」, question
    # words) or another job's message leaves the form (and may be logged by the FAQ desk).
    if outcome.kind == "invalid" and not _is_control(text) and ctx.claimed_elsewhere(unhedge(text)):
        # 「パスワードを忘れました」 at a number question: answer it as a question, keep the form.
        unchanged = FormSession.from_dict(response.session)
        unchanged.meta.pop("pending", None)
        unchanged.meta.pop("pending_kind", None)
        await service(ctx).repo.save_session(response.id, unchanged.to_dict(), ResponseStatus.DRAFT)
        if vocabulary.looks_like_question(unhedge(text)):
            # 「そういえばVPNつながらないんだけど」: the FAQ desk answers, and the form stays the current
            # thing — its next answer (「ふたつ」「3件」) is taken without 「続きから」.
            await _aside(ctx, response, engine, unchanged, text)
            return True
        if _STARTS_OTHER.search(unhedge(text)):
            # 「スキル診断を始めたい」: another activity with questions of its own — the form's line
            # first, so the other job's first question is the last thing shown.
            await ctx.remember_paused("checkin")
            await ctx.reply(ctx.t("checkin.still_open"))
            return False
        # Another job's own words (「来週の会議出られないです」「スキル診断を始めたい」) at a number or
        # choice question: that job handles them, then the question is asked again (or, when the other
        # job opened a dialog of its own, one line says the form waits).
        await _hand_over(ctx, response, engine, unchanged, text)
        return True
    if outcome.kind == "invalid" and outcome.unread and spec is not None:
        outcome = _not_a_kind(ctx, engine, outcome, spec)
    if outcome.kind == "invalid" and outcome.unread:
        # Words typed to a choice question: kept as 「その他」 with its detail, else set aside for the
        # next free-text question (and the choices shown again) — never silently lost.
        outcome = (engine.keep_as_other(outcome.session, outcome.unread, ctx.lang)
                   or engine.hold(outcome.session, outcome.unread, ctx.lang, outcome.message))
    await after_turn(ctx, response, campaign, engine, outcome)
    return True


# The office's meeting named in a message (a form answer never names it; Web会議 is a tool).
_NAMES_MEETING = re.compile(r"(?<!web)(?<!ウェブ)(?<!zoom)(?<!teams)(?:会議|かいぎ|定例|ミーティング)(?!室)")

# 「スキル診断を始めたい」「診断やりたいです」: a wish to start something else (not an RSVP).
_STARTS_OTHER = re.compile(r"(?:始め|はじめ|やり|受け|開始し)(?:たい|たいです|ます|る|よう)$")


# 「やっぱいいです」「やっぱりなしで」「いいです、大丈夫」「取り消します」: a request taken back.
_RETRACT = re.compile(
    r"^(?:あ[ー、,\s]*|えっと[、,\s]*|すみません[、,\s]*|すいません[、,\s]*)?(?:やっぱり|やっぱ|やっぱし|やはり)?[、,\s]*"
    r"(?:いいです|いい|いいや|いいっす|大丈夫です|大丈夫|だいじょうぶです|だいじょうぶ|なしで|なし|無しで|ないです"
    r"|結構です|けっこうです|やめときます|やめておきます|やめとく|取り消し|取り消します|とりけし|取り消しで|キャンセルで"
    r"|相談なし|相談はなし|相談はいいです|いらない|いらないです|不要です|不要|なくていいです|なくて大丈夫です"
    r"|取り下げます|取り下げ|取り下げで|とりさげます|取りやめます|やめます|なしにしてください|なしにします)"
    r"(?:[、,\s]*(?:いいです|大丈夫です|大丈夫|だいじょうぶです|だいじょうぶ|です|で|お願いします|すみません))*[。!！…]*$")
# 「さっきの相談は」「相談の件は」「相談したい内容は」: the request named, before words taking it back.
_NAMES_REQUEST = re.compile(
    r"^(?:(?:あっ?|ああ|あの|えっと|すみません|すいません|ごめんなさい|ごめん)[、,\s]*){0,2}"
    r"(?:さっきの|さっき|先ほどの|さきほどの|前の|まえの)?[、,\s]*(?:相談|そうだん|ご相談)"
    r"(?:の件|の希望|のほう|の方|の内容|したい内容|の依頼)?(?:は|を|も|、|,|\s)+")
# 「おわり？」「これでおわり？」「これで終わりですか」「もう完了？」 on the review screen: is it done?
_ASKS_FINISHED = re.compile(
    r"^(?:えっと[、,\s]*|あの[、,\s]*)?(?:これで|もう|以上で|これ|これって)?[、,\s]*"
    r"(?:おわり|終わり|おしまい|完了|終了|おわった|終わった|おわる|終わる|いい|大丈夫|送れた|提出できた|提出された)"
    r"(?:です|なの|なん|でしょう|ですかね)?(?:か|かな|ですか)?[?？]+$"
    r"|^(?:これで|もう)?(?:おわり|終わり|完了|終了)(?:です|でしょう)?か[。]*$")
# 「フォーム数は1件でした」「フォーム数を1に」「対象手続数は30です」 on the review screen: that item.
_REVIEW_SETS = re.compile(
    r"^(?:あ[、,\s]*|すみません[、,\s]*)?(?P<label>[^、,。\s]{2,20}?)(?:は|を|が)[、,\s]*"
    r"(?P<value>[0-9０-９一二三四五六七八九十百千]{1,5}\s*(?:件|つ|個|こ|けん)?)"
    r"(?:でした|です|だった|だ|に(?:して|変更|訂正|修正|直して|なおして)?(?:ください|お願いします|して|で)?)?[。!！]*$")


async def _said_about_the_form(ctx: Context, response: CheckinResponse, campaign: Campaign, engine: FormEngine,
                               session: FormSession, spec: FieldSpec | None, text: str) -> bool:
    """Words about the form itself, read before the engine: on the review screen 「おわり？」 (is it
    done? — no, 提出 sends it) and 「フォーム数は1件でした」 (that item changes); at a request's free
    text 「やっぱいいです」 (the request is taken back: its yes/no goes back to いいえ, nothing filed)."""
    said = unicodedata.normalize("NFKC", text).strip()
    if await _take_back_request(ctx, response, campaign, engine, session, spec, said):
        return True
    if session.stage == "summary":
        if _ASKS_FINISHED.match(said):
            await after_turn(ctx, response, campaign, engine, Outcome(session, "info", ctx.t("checkin.review.not_sent")))
            return True
        named = _REVIEW_SETS.match(said)
        if named and not is_submit(said):
            today = timing.local_date(ctx.services.clock.now(), timing.tz_of(ctx.services))
            outcome = engine.mend_named_number(session, named["label"], named["value"], ctx.lang, today)
            if outcome is not None:
                await after_turn(ctx, response, campaign, engine, outcome)
                return True
        return False
    detail = _detail_of(engine, session, spec)
    if detail is not None and spec is not None and _WANTS_ADVICE.match(said) and not _RETRACT.match(said):
        # 「RPAの予算のことで相談したい」 at 相談の希望: a yes with its content, both recorded at once.
        before = {f.id for f in engine.visible(session)}
        said_yes = engine.accept(session, spec, True, ctx.lang, before)
        if said_yes.kind != "invalid":
            outcome = engine.accept(said_yes.session, detail, said[: detail.max_length or None], ctx.lang)
            if outcome.kind != "invalid":
                await after_turn(ctx, response, campaign, engine, Outcome(
                    outcome.session, outcome.kind, ctx.t("checkin.request.with_detail", text=said)))
                return True
    asked = _requested_by(engine, session, spec)
    if asked is None and spec is not None and spec.type == "text" and not spec.required and _RETRACT.match(said):
        # 「やっぱいいです」 at an optional free text (補足): nothing to add, the item is left out.
        await after_turn(ctx, response, campaign, engine, engine.skip(session, ctx.lang))
        return True
    if asked is None or not (_RETRACT.match(said) or is_non_answer(said)):
        return False
    if spec is not None:
        session.answers.pop(spec.id, None)
    outcome = engine.accept(session, asked, False, ctx.lang)
    await after_turn(ctx, response, campaign, engine, Outcome(outcome.session, outcome.kind,
                                                              ctx.t("checkin.request.retracted")))
    return True


async def _take_back_request(ctx: Context, response: CheckinResponse, campaign: Campaign, engine: FormEngine,
                             session: FormSession, spec: FieldSpec | None, said: str) -> bool:
    """「さっきの相談はやっぱり取り消します」「相談はなしで」 at a later item or on the review: the yes/no
    whose 「はい」 asked for the request goes back to いいえ and its text is dropped; the form stays where
    it is. A request already filed (Q-n, when a submitted report is being changed) is withdrawn in the
    tracked store when the change is sent (`withdraw_request`) — never dropped silently."""
    m = _NAMES_REQUEST.match(said)
    rest = said[m.end():] if m is not None else ""
    if not (rest and _RETRACT.match(rest)) and not (_RETRACT.match(said) and ("相談" in said or "そうだん" in said)):
        return False
    asked = next((f for f in engine.visible(session) if f.type == "yes_no" and session.answers.get(f.id) is True
                  and _detail_of(engine, session, f) is not None), None)
    if asked is None or (spec is not None and _requested_by(engine, session, spec) is asked):
        return False  # nothing requested; or at the request's own text (read there as before)
    detail = _detail_of(engine, session, asked)
    session.answers[asked.id] = False
    if detail is not None:
        session.answers.pop(detail.id, None)
    filed = await ctx.services.state.get(_request_marker(campaign, response.department)) or {}
    message = (ctx.t("checkin.request.retracted_filed", id=filed["request_id"]) if filed.get("request_id")
               else ctx.t("checkin.request.retracted"))
    await after_turn(ctx, response, campaign, engine, Outcome(session, "info", message))
    return True


# 「RPAの予算のことで相談したい」「LoGoフォームについて相談があります」「申請の件で支援してほしいです」.
_WANTS_ADVICE = re.compile(
    r"^(?P<content>.{2,}?)(?:のこと|について|に関して|の件)?(?:で|を|が)?[、,\s]*"
    r"(?:相談|そうだん|支援|サポート|手伝い)(?:したい|させて|があり|がある|してほしい|して欲しい|をお願い|お願い|できれば)"
    r".*$")


def _detail_of(engine: FormEngine, session: FormSession, spec: FieldSpec | None) -> FieldSpec | None:
    """The free text a yes/no question's 「はい」 asks for (相談したい内容 after 相談の希望)."""
    if spec is None or spec.type != "yes_no":
        return None
    for f in engine.spec.items:
        if isinstance(f, FieldSpec) and f.type == "text" and any(c.field == spec.id and c.op == "equals" and c.value is True for c in f.when):
            return f
    return None


def _requested_by(engine: FormEngine, session: FormSession, spec: FieldSpec | None) -> FieldSpec | None:
    """The yes/no question whose 「はい」 asked for this free text (相談したい内容 after 相談の希望)."""
    if spec is None or spec.type != "text":
        return None
    for cond in spec.when:
        asked = engine.field(session, cond.field)
        if cond.op == "equals" and cond.value is True and asked is not None and asked.type == "yes_no":
            return asked
    return None


def _not_a_kind(ctx: Context, engine: FormEngine, outcome: Outcome, spec: FieldSpec) -> Outcome:
    """「すすんでる」 at 課題 (a choice of problem kinds): an option of another question, not a kind of
    problem — one line asks again, nothing is kept as 「その他」."""
    if engine.names_another_question(outcome.session, spec, outcome.unread) is None:
        return outcome
    options = " ".join(f"{n}.{o.label.get(ctx.lang) or o.label.get('ja', o.value)}" for n, o in enumerate(spec.options, 1))
    return Outcome(outcome.session, "invalid", ctx.t("checkin.not_a_kind", text=_excerpt(outcome.unread),
                                                     label=_excerpt(spec.text(spec.label, ctx.lang)), options=options))


def _token_like(text: str, spec: FieldSpec, session: FormSession) -> bool:
    """「9」「はい」「確定」「選択を確定」 typed to a free-text question: most likely meant for a button
    of an earlier question (the 「選択を確定」 of a multi-choice answered by typing), so it is
    checked with one line rather than stored as the answer."""
    if session.held and text in vocabulary.YES_WORDS:
        return False  # 「はい」 takes the words set aside at the choice question before
    if not spec.required and text in vocabulary.NOTHING_WORDS:
        return False  # 「特になし」 skips an optional question
    if re.fullmatch(r"\d{1,3}", unicodedata.normalize("NFKC", text).strip(" 。.番")):
        return True
    return any(text in words for words in (vocabulary.YES_WORDS, vocabulary.NO_WORDS, vocabulary.SUBMIT_WORDS,
                                           vocabulary.NONE_OF_THEM_WORDS, _DONE_WORDS))


_DONE_WORDS = vocabulary.WordSet(t("form.multi.done", "ja"), t("form.multi.done", "en"), "確定する", "選択確定")


async def _ask_belongs(ctx: Context, response: CheckinResponse, session: FormSession, spec: FieldSpec, text: str,
                       kind: str) -> None:
    """「「9」は「課題の内容」への回答ですか？」 with はい／いいえ (typed or pressed)."""
    session.meta["pending"] = text[:500]
    session.meta["pending_kind"] = kind
    await service(ctx).repo.save_session(response.id, session.to_dict(), ResponseStatus.DRAFT)
    token = str(response.id)
    no_label = ctx.t("checkin.belongs.rewrite" if kind == "token" else "checkin.belongs.no")
    yes_label = ctx.t("checkin.belongs.yes")
    shown = unicodedata.normalize("NFKC", text).strip() if kind == "token" else text  # 「９」 as 「9」
    label = spec.text(spec.label, ctx.lang).replace("「", "『").replace("」", "』")
    ask = ctx.t("checkin.belongs.ask", text=_excerpt(shown), label=label)
    if kind == "aside":
        # Right after a side question's answer: 「いまのは「課題の内容」へのお答えですか？」 (はい／いいえ).
        ask = ctx.t("checkin.aside.belongs", label=label)
        yes_label, no_label = ctx.t("checkin.aside.yes"), ctx.t("checkin.aside.no")
    await ctx.reply(Reply(
        text=ask,
        choices=(Choice(yes_label, "checkin.form", f"{token}|belongs|{spec.id}|yes", "primary"),
                 Choice(no_label, "checkin.form", f"{token}|belongs|{spec.id}|no"))))


async def _drop_token(ctx: Context, response: CheckinResponse, campaign: Campaign, engine: FormEngine,
                      session: FormSession, text: str) -> None:
    """「いいえ」 to 「「9」は…への回答ですか？」: nothing stored, the same question again."""
    shown = _excerpt(unicodedata.normalize("NFKC", text).strip())
    await after_turn(ctx, response, campaign, engine, Outcome(session, "info", ctx.t("checkin.belongs.dropped", text=shown)))


def _excerpt(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def _hand_over(ctx: Context, response: CheckinResponse, engine: FormEngine, session: FormSession,
                     text: str) -> None:
    """An RSVP (or another job's words) typed at a free-text question: that job handles it, then the
    form asks its question again. If the other job opened a dialog of its own, the form waits."""
    _went_elsewhere(engine, session, text)
    await service(ctx).repo.save_session(response.id, session.to_dict(), ResponseStatus.DRAFT)
    await ctx.handle_elsewhere(text)
    dialog = await ctx.active_dialog()
    if dialog is not None and dialog.get("kind") != FORM_DIALOG:
        await ctx.remember_paused("checkin")
        ctx.reply_after(ctx.t("checkin.still_open"))
        return
    await ctx.start_dialog(FORM_DIALOG, {"response_id": response.id})
    ctx.reply_after(engine.render(session, ctx.lang, str(response.id), ctx.t("checkin.asked_again")))


async def _leave_for_elsewhere(ctx: Context, response: CheckinResponse, engine: FormEngine, session: FormSession,
                               text: str, *, later: bool = False) -> None:
    """「いいえ、別の質問です」: keep the form as it is and handle the text as a new message (the form
    stays the current thing, as after any side question). With `later` (「ちょっと電話きたのでまたあとで」)
    the form is put off instead: it waits for 「続きから」."""
    _went_elsewhere(engine, session, text)
    if not later:
        await _aside(ctx, response, engine, session, text)
        return
    await service(ctx).repo.save_session(response.id, session.to_dict(), ResponseStatus.DRAFT)
    await ctx.remember_paused("checkin")
    ctx.reply_after(ctx.t("checkin.still_open"))
    await ctx.handle_elsewhere(text)


async def _aside(ctx: Context, response: CheckinResponse, engine: FormEngine, session: FormSession,
                 text: str) -> None:
    """A side question in the middle of the form: the FAQ desk (or the job it is for) answers it now,
    and the form stays the conversation's current thing. Its dialog comes back on top, keeping the
    other job's open prompt (「解決しましたか？」「転送しますか？」) under it as `aside`, and one line
    repeats the open question, so the next answer (「ふたつ」「3件」「順調です」) needs no 「続きから」."""
    session.meta.pop("pending", None)
    session.meta.pop("pending_kind", None)
    session.meta["aside"] = True
    _went_elsewhere(engine, session, text)
    await service(ctx).repo.save_session(response.id, session.to_dict(), ResponseStatus.DRAFT)
    await ctx.remember_paused("checkin")
    await ctx.handle_elsewhere(text)
    other = await ctx.active_dialog()
    data: dict[str, Any] = {"response_id": response.id, "aside": None}
    if other is not None and other.get("kind") != FORM_DIALOG:
        data["aside"] = {"kind": other.get("kind"), "data": other.get("data", {})}
    await ctx.start_dialog(FORM_DIALOG, data)
    ctx.reply_after(Reply(text=_question_again(ctx, engine, session), asks=True))


async def _come_back(ctx: Context, response: CheckinResponse, engine: FormEngine, session: FormSession) -> None:
    """After the set-aside prompt of a side question took its reply: the form's dialog on top again
    (keeping whatever that prompt opened next, 「転送しますか？」 after 「いいえ」, as `aside`) and
    its open question in one line."""
    other = await ctx.active_dialog()
    if other is not None and other.get("kind") == FORM_DIALOG:
        return  # the form took the turn itself
    data: dict[str, Any] = {"response_id": response.id, "aside": None}
    if other is not None:
        data["aside"] = {"kind": other.get("kind"), "data": other.get("data", {})}
    await ctx.start_dialog(FORM_DIALOG, data)
    ctx.reply_after(Reply(text=_question_again(ctx, engine, session), asks=True))


def _went_elsewhere(engine: FormEngine, session: FormSession, text: str) -> None:
    """Remember the words that left the form at a free-text question (to the FAQ desk, another job),
    so 「今のが相談内容です」 typed next can take them as that question's answer."""
    spec = engine.field(session, session.current) if session.stage == "asking" else None
    if spec is not None and spec.type == "text":
        session.meta["went_elsewhere"] = {"field": spec.id, "text": text[: spec.max_length or 1000]}
    else:
        session.meta.pop("went_elsewhere", None)


# 「今のが相談内容です」「さっきのが相談内容」「いまの質問が相談したいことです」: the message before is the answer.
_POINTS_BACK = re.compile(
    r"^(?:(?:あっ?|ああ|あの|えっと|すみません|すいません|ごめんなさい|ごめん|いや|いえ)[、,\s]*){0,2}"
    r"(?:今|いま|さっき|先ほど|さきほど|直前|上)の(?:メッセージ|質問|やつ|内容|文|書いたの|送ったの|言ったの)?(?:が|は|を|も)[、,\s]*"
    r"(?:その|この)?(?P<label>[^、,。\s]{2,16}?)"
    r"(?:です|でした|だよ|だった|になります|のつもり|のつもりでした|のつもりです|なんです|です|で|として|にして|に(?:して)?ください)*"
    r"(?:お願いします)?[。!！…]*$")
_ANSWER_WORDS = frozenset(("相談内容", "相談したい内容", "相談の内容", "相談", "相談したいこと", "ご相談", "回答", "答え",
                           "内容", "その回答", "その答え", "返事"))


def _points_back(engine: FormEngine, spec: FieldSpec, text: str) -> bool:
    """True for 「今のが相談内容です」「さっきのが相談内容」: the message before named as this answer."""
    m = _POINTS_BACK.match(unicodedata.normalize("NFKC", text).strip())
    if m is None:
        return False
    label = m.group("label")
    return label in _ANSWER_WORDS or engine.names(spec, label)


async def _takes_what_went_elsewhere(ctx: Context, response: CheckinResponse, campaign: Campaign,
                                     engine: FormEngine, session: FormSession, text: str) -> bool:
    """「今のが相談内容です」 right after a message that left the form at this free-text question (to the
    FAQ desk, say): that message becomes the answer, said back in one line."""
    spec = engine.field(session, session.current) if session.stage == "asking" else None
    gone = session.meta.get("went_elsewhere") or {}
    if spec is None or spec.type != "text" or gone.get("field") != spec.id or not gone.get("text") \
            or not _points_back(engine, spec, text):
        return False
    said = str(gone["text"])
    session.meta.pop("aside", None)
    outcome = engine.accept(session, spec, said, ctx.lang)
    if outcome.kind != "invalid":
        outcome = Outcome(outcome.session, outcome.kind, ctx.t(
            "checkin.answer.taken_back", text=_excerpt(said), label=spec.text(spec.label, ctx.lang)))
    await after_turn(ctx, response, campaign, engine, outcome)
    return True


def _is_consultation(engine: FormEngine, session: FormSession, spec: FieldSpec | None) -> bool:
    """True at the free text a request is made of (the form's `consultation` metric, 相談したい内容)."""
    if spec is None or spec.type != "text":
        return False
    return spec.id == str(engine.spec.metrics.get("consultation") or "") \
        or _requested_by(engine, session, spec) is not None


async def _keep_as_consultation(ctx: Context, response: CheckinResponse, campaign: Campaign,
                                engine: FormEngine, session: FormSession, spec: FieldSpec, text: str) -> None:
    """A question typed at 相談したい内容 is the request's content: recorded, said back in one line."""
    session.meta.pop("aside", None)
    said = text.strip()[: spec.max_length or None]
    outcome = engine.accept(session, spec, said, ctx.lang)
    if outcome.kind != "invalid":
        outcome = Outcome(outcome.session, outcome.kind, ctx.t("checkin.request.question_kept", text=_excerpt(said)))
    await after_turn(ctx, response, campaign, engine, outcome)


async def _reopen_or_say(ctx: Context, response: CheckinResponse, campaign: Campaign, engine: FormEngine,
                         session: FormSession) -> None:
    """「報告を修正したい」 inside the form: the submitted report reopened (`reopen_submitted`); with none
    submitted yet, one line saying the answers are changed right here, and the question again."""
    if await reopen_submitted(ctx):
        return
    await after_turn(ctx, response, campaign, engine, Outcome(session, "info", ctx.t("checkin.edit.not_yet")))


def _question_again(ctx: Context, engine: FormEngine, session: FormSession) -> str:
    """One line after a side question's answer: the form's open question, said again."""
    spec = engine.field(session, session.current) if session.stage == "asking" else None
    if spec is None:
        return ctx.t("checkin.aside.review")
    return ctx.t("checkin.aside.again", question=spec.text(spec.prompt, ctx.lang))


# 「ありがとう」「なるほど」「了解です」 after the FAQ desk's answer: said to that answer, not to the form.
_THANKS = re.compile(r"^(?:ありがと|有難|有り難|どうも|助かり|助かった|たすかり|たすかった|了解|りょうかい|なるほど|わかりました"
                     r"|分かりました|承知|thanks|thank you|ok$|おk$|おけ$|おっけ)", re.IGNORECASE)
# 「…ですか」「…できますか」「…か？」: a question, whatever else it says.
_ASKS = re.compile(r"(?:か|かね|かな|の)[?？。]*$|[?？]")


def _asks(text: str) -> bool:
    said = unicodedata.normalize("NFKC", text).strip()
    return vocabulary.looks_like_question(unhedge(said)) or vocabulary.looks_like_question(said) \
        or (len(said) >= 4 and bool(_ASKS.search(said)))


def _for_the_aside(text: str) -> bool:
    """はい／いいえ, a button's number (「1」; never 「0」) or thanks: a reply to the other job's prompt shown
    with its answer, not to the form."""
    said = unicodedata.normalize("NFKC", text).strip(" 。.!！、,")
    return (vocabulary.yes_or_no(text) is not None or _bare_number(text)
            or bool(_THANKS.match(unhedge(said))) or bool(_THANKS.match(said)))


def _bare_number(text: str) -> bool:
    """「1」「２」「3番」: a button's number or an answer. Right after a side question the form's question
    was the last line shown, so it is the form's when it can answer it (a count, an option's number);
    only a number the question cannot take goes to the other job's buttons."""
    return bool(re.fullmatch(r"[1-9](?:番)?", unicodedata.normalize("NFKC", text).strip(" 。.!！、,")))


def _only_for_the_aside(text: str) -> bool:
    """はい／いいえ or thanks (not a bare number: see `_bare_number`)."""
    return _for_the_aside(text) and not _bare_number(text)


def fits_the_question(engine: FormEngine, session: FormSession, text: str, lang: str, today: Any) -> bool:
    """True when `text` reads as the answer to the form's open question (a number at a count, an
    option at a choice, 「特にないです」 at an optional free text) or mends an answer given
    (「まちがえた、42件です」). Tried on a copy: nothing is stored."""
    if parse_correction(text) is not None or parse_named_correction(text) is not None \
            or parse_previous_correction(text) is not None:
        return True
    if engine.correct_choice(FormSession.from_dict(session.to_dict()), text, lang, today) is not None:
        return True  # 「遅延じゃなくて進行中でした」: an option answered before, mended
    spec = engine.field(session, session.current) if session.stage == "asking" else None
    if spec is None and session.stage != "summary":
        return False
    if spec is not None and spec.type == "text":
        return not spec.required and (is_non_answer(text) or unhedge(text) in vocabulary.SKIP_WORDS)
    trial = engine.handle_text(FormSession.from_dict(session.to_dict()), text, lang, today)
    return trial.kind not in ("invalid", "cancel", "help", "stale")


async def _after_aside(ctx: Context, response: CheckinResponse, engine: FormEngine, session: FormSession,
                       text: str, aside: Any) -> bool | None:
    """The first message after a side question's answer (see `_aside`). Another question goes to the
    FAQ desk again; a reply to that job's prompt (はい／いいえ, a button number, thanks) goes back to
    it; an answer that fits the open question is the form's (None: the form reads it as usual). At a
    free-text question, where anything could be the answer, one line asks 「いまのは…へのお答えですか？」."""
    if _is_control(text) or _resumes(text):
        return None
    spec = engine.field(session, session.current) if session.stage == "asking" else None
    campaign = await service(ctx).repo.get_campaign(response.campaign_id) \
        if _is_consultation(engine, session, spec) and vocabulary.is_clear_question(text) else None
    if campaign is not None and spec is not None:
        # At 相談したい内容 a question is the request's content, after a side question too.
        await _keep_as_consultation(ctx, response, campaign, engine, session, spec, text)
        return True
    if _asks(text):
        await _aside(ctx, response, engine, session, text)
        return True
    today = timing.local_date(ctx.services.clock.now(), timing.tz_of(ctx.services))
    if not _only_for_the_aside(text) and fits_the_question(engine, session, text, ctx.lang, today):
        return None
    free_text = spec is not None and spec.type == "text"
    if isinstance(aside, dict) and aside.get("kind") and (_for_the_aside(text) or not free_text):
        # The other job's prompt reads it (the dispatcher hands the turn to the dialog restored):
        # 「はい」 to 「解決しましたか？」, 「転送してください」 to 「転送しますか？」. Once it has answered
        # (「転送しました（Q-3）」), the form comes back on top with its question in one line, as after
        # the side question itself — it does not wait, silent, for 「続きから」.
        await ctx.start_dialog(str(aside["kind"]), dict(aside.get("data") or {}))
        ctx.after_handled(lambda: _come_back(ctx, response, engine, session))
        return False
    if _for_the_aside(text):
        await ctx.end_dialog()  # 「ありがとう」 to the answer: a new message; the form waits for 「続きから」
        return False
    if free_text and spec is not None:
        await _ask_belongs(ctx, response, session, spec, text, "aside")
        return True
    return None


@router.action("checkin.form")
async def press_form_button(ctx: Context, action: ActionReceived) -> None:
    """A button of a form question or of the summary."""
    parts = action.value.split("|", 3)
    if len(parts) != 4 or not is_id_number(parts[0]):
        raise UserFacingError("action.expired")
    token, verb, field_id, arg = parts
    loaded = await _load(ctx, int(token))
    if loaded is None:
        raise UserFacingError("checkin.not_yours")
    response, campaign, engine = loaded
    if await _not_answering(ctx, response, campaign):
        return
    session = FormSession.from_dict(response.session)
    today = timing.local_date(ctx.services.clock.now(), timing.tz_of(ctx.services))
    if verb == "belongs":
        pending = session.meta.pop("pending", None)
        pending_kind = session.meta.pop("pending_kind", "elsewhere")
        if pending is None or session.current != field_id:
            raise UserFacingError("action.expired")
        if arg != "yes" and pending_kind == "token":
            await _drop_token(ctx, response, campaign, engine, session, str(pending))
            return
        if arg != "yes":
            await _leave_for_elsewhere(ctx, response, engine, session, str(pending))
            return
        outcome = engine.handle_text(session, str(pending), ctx.lang, today)
    else:
        outcome = engine.handle_button(session, verb, field_id, arg, ctx.lang, today)
    await after_turn(ctx, response, campaign, engine, outcome)


async def after_turn(ctx: Context, response: CheckinResponse, campaign: Campaign, engine: FormEngine,
                     outcome: Outcome) -> None:
    """Persist the session, then pause, submit or show the next step."""
    svc = service(ctx)
    session = outcome.session
    session.meta.pop("aside", None)  # the form took a turn: a side question before it is over
    session.meta.pop("went_elsewhere", None)  # and the words that went elsewhere are no longer "just now"
    await svc.repo.save_session(response.id, session.to_dict(), ResponseStatus.DRAFT)
    if outcome.kind == "cancel":
        await ctx.end_dialog()
        await ctx.remember_paused("checkin")
        await ctx.reply(Reply(text=ctx.t("checkin.paused"),
                              choices=(Choice(ctx.t("checkin.resume.button"), "checkin.resume", str(response.id)),)))
        return
    if outcome.kind == "submit":
        await submit(ctx, response, campaign, engine, session)
        return
    # Re-arm the dialog: a button press may come after another feature replaced it.
    await ctx.start_dialog(FORM_DIALOG, {"response_id": response.id})
    spec = engine.field(session, session.current) if session.stage == "asking" else None
    if outcome.kind == "invalid" and spec is not None and outcome.message:
        # A refused answer: one short line with an example (and the buttons again), not the whole question.
        await ctx.reply(Reply(text=outcome.message, choices=tuple(engine.buttons(session, spec, ctx.lang,
                                                                               str(response.id)))))
        return
    await ctx.reply(engine.render(session, ctx.lang, str(response.id), outcome.message))


# --- submitting ---------------------------------------------------------------------------
def build_result(engine: FormEngine, session: FormSession, campaign: Campaign, department: str,
                 person_id: int, now: Any) -> DepartmentResult:
    """The department's result: the visible answers, computed values and reporting figures."""
    answers = engine.final_answers(session)
    computed = engine.computed(answers)
    metrics = engine.spec.metrics

    def number(name: str) -> Any:
        key = metrics.get(name)
        if not key:
            return None
        value = computed.get(key) if key in computed else answers.get(key)
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    items_total = items_late = 0
    roadmap = metrics.get("roadmap")
    if isinstance(roadmap, dict) and roadmap.get("group"):
        group = next((g for g in engine.spec.items if getattr(g, "id", None) == roadmap["group"]
                      and hasattr(g, "over")), None)
        late_values = set(roadmap.get("late") or ())
        done_values = set(roadmap.get("done") or ())
        for item in session.items.get(getattr(group, "over", ""), []) if group else []:
            items_total += 1
            status = answers.get(f"{roadmap['group']}.{item.get('key')}.{roadmap.get('status', 'status')}")
            target = str(item.get("target") or "")
            overdue = bool(target[:7]) and len(target) >= 7 and target[:7] < campaign.period and status not in done_values
            if status in late_values or overdue:
                items_late += 1
    in_scope, online = number("in_scope"), number("online")
    stored = dict(answers)
    stored["_computed"] = computed
    stored["_items"] = session.items
    return DepartmentResult(
        id=0, campaign_id=campaign.id, period=campaign.period, department=department, form_id=campaign.form_id,
        answers=stored, submitted_by=person_id, submitted_at=now,
        in_scope=int(in_scope) if in_scope is not None else None,
        online=int(online) if online is not None else None,
        rate=number("rate"), forms_created=int(v) if (v := number("forms_created")) is not None else None,
        items_total=items_total, items_late=items_late, late_submission=now > campaign.deadline,
    )


async def submit(ctx: Context, response: CheckinResponse, campaign: Campaign, engine: FormEngine,
                 session: FormSession) -> None:
    """Store the department's answers, close the other liaisons' forms and tell them."""
    svc = service(ctx)
    now = ctx.services.clock.now()
    tz = timing.tz_of(ctx.services)
    editing = bool(session.meta.get("edit"))
    if editing and now > campaign.deadline:
        raise UserFacingError("checkin.edit.closed", deadline=short_moment(campaign.deadline, tz, ctx.lang))
    result = build_result(engine, session, campaign, response.department, ctx.person.id, now)
    stored, accepted, closed = await svc.repo.submit_result(result, response.id, replace=editing)
    await ctx.end_dialog()
    if not accepted:
        await ctx.reply(await render_already_done(ctx, campaign, stored))
        return
    if not editing:
        await notify_department(ctx, campaign, response.department, closed)
        # Invitations still waiting for office hours (this liaison's, the closed colleagues'): not sent.
        await ctx.services.outbox.withdraw_waiting(
            [invitation_key(campaign.id, person_id) for person_id in {ctx.person.id, *(r.person_id for r in closed)}])
    withdrawn = await withdraw_request(ctx, campaign, engine, stored) if editing else None
    request = await open_request(ctx, campaign, engine, stored)
    previous = await svc.repo.previous_result(response.department, campaign.period, campaign.form_id)
    thanks = render_thanks(ctx, campaign, stored, previous, editing)
    if request is not None:
        request_id, contact = request
        opened = (ctx.t("checkin.request.opened_person", id=request_id, name=contact.display_name)
                  if contact is not None else ctx.t("checkin.request.opened", id=request_id))
        thanks = thanks.with_(text=f"{thanks.text}\n{opened}")
    if withdrawn is not None:
        thanks = thanks.with_(text=f"{thanks.text}\n{ctx.t('checkin.request.withdrawn', id=withdrawn)}")
    await ctx.reply(thanks)


REQUEST_MARK = "【相談】"  # requests from a form are tracked with the office's other requests (Q-n)


def contacts_key(campaign_id: int) -> str:
    """State key of the people in charge a campaign names ({department or "*": person id})."""
    return f"checkin.contacts:{campaign_id}"


async def person_in_charge(ctx: Context, campaign: Campaign, department: str) -> Person | None:
    """Who answers the department's requests: the person the campaign names for that department,
    then the roster's 担当者 of the liaison (or of another liaison of the department), then the
    campaign's one for everyone; None: the office destination, as before. Only someone who may
    answer requests (a liaison or an admin), never the asker."""
    contacts = await ctx.services.state.get(contacts_key(campaign.id)) or {}
    colleagues = [p for p in await ctx.services.people.list(Role.LIAISON, department) if p.id != ctx.person.id]
    named: list[int | str] = [contacts.get(department, ""), ctx.person.in_charge,
                              *(p.in_charge for p in colleagues), contacts.get("*", "")]
    for who in named:
        if not who:
            continue
        person = await (ctx.services.people.get(who) if isinstance(who, int) else ctx.services.people.find(who))
        if person is not None and person.id != ctx.person.id and person.has_role(Role.LIAISON):
            return person
    return None


async def open_request(ctx: Context, campaign: Campaign, engine: FormEngine,
                       result: DepartmentResult) -> tuple[int, Person | None] | None:
    """「担当者から折り返しご連絡します」 kept: the form's consultation answer becomes a tracked
    request (a Q-number with a status until someone closes it), sent through the outbox to the
    person in charge the campaign names, else to the office. Returns (Q-number, that person)."""
    key = engine.spec.metrics.get("consultation")
    detail = result.answers.get(key) if isinstance(key, str) else None
    if not isinstance(detail, str) or not detail.strip():
        return None
    marker = _request_marker(campaign, result.department)
    if await ctx.services.state.get(marker):
        return None  # already opened (an edit after submitting does not open a second one)
    period = timing.period_label(campaign.period, ctx.lang)
    text = f"{REQUEST_MARK}{ctx.t('checkin.request.subject', period=period, department=result.department)} {detail.strip()}"
    question = await ctx.services.faq.add_unanswered(
        text, ctx.person.id, UnansweredStatus.FORWARDED, ctx.event.conversation.platform,
        ctx.event.conversation.channel_id)
    await ctx.services.state.put(marker, {"request_id": question.id})
    contact, targets, lang = await _request_targets(ctx, campaign, result.department)
    notice = Reply(title=t("checkin.request.notice_title", lang, id=question.id),
                   text=t("checkin.request.notice_text", lang, id=question.id, department=result.department,
                          who=ctx.person.display_name or t("checkin.someone", lang), period=period, detail=detail.strip()),
                   choices=(Choice(t("checkin.request.answer_button", lang), "faq.answer", str(question.id), "primary"),))
    for target in targets:
        await ctx.send(target, notice, dedupe_key=f"checkin.request:{question.id}:{target.kind}:{target.address}")
    question.destination = (ctx.t("checkin.request.destination_person", name=contact.display_name)
                            if contact is not None else ctx.t("checkin.request.destination"))
    await ctx.services.faq.update_unanswered(question)
    return question.id, contact


def _request_marker(campaign: Campaign, department: str) -> str:
    """State key of the request a department's report filed ({"request_id": Q-number})."""
    return f"checkin.request:{campaign.id}:{department}"


async def _request_targets(ctx: Context, campaign: Campaign,
                           department: str) -> tuple[Person | None, list[Destination], str]:
    """Who hears of a department's request: the person in charge, else the office (its channel, else
    the admins); with the language to tell them in."""
    config = ctx.services.config
    contact = await person_in_charge(ctx, campaign, department)
    if contact is not None:
        return contact, [Destination("", "person", str(contact.id))], contact.language or config.default_language
    targets = [config.escalation_channel] if config.escalation_channel is not None else [
        Destination("", "person", str(p.id)) for p in await ctx.services.people.list(Role.ADMIN)]
    return None, targets, config.default_language


async def withdraw_request(ctx: Context, campaign: Campaign, engine: FormEngine, result: DepartmentResult) -> int | None:
    """A changed report that no longer asks for advice: the request its first version filed (Q-n) is
    closed in the tracked store and the person in charge (or the office) is told, so the promise
    「折り返しご連絡します」 ends in the open, not silently. Returns that Q-number (None: nothing filed, or
    the report still asks)."""
    key = engine.spec.metrics.get("consultation")
    detail = result.answers.get(key) if isinstance(key, str) else None
    marker = _request_marker(campaign, result.department)
    filed = await ctx.services.state.get(marker) or {}
    if (isinstance(detail, str) and detail.strip()) or not filed.get("request_id"):
        return None
    question = await ctx.services.faq.get_unanswered(int(filed["request_id"]))
    await ctx.services.state.delete(marker)  # a later change asking again files a new request
    if question is None or question.status in (UnansweredStatus.ANSWERED, UnansweredStatus.CLOSED):
        return None  # answered or closed meanwhile: nothing is promised any more
    question.status = UnansweredStatus.CLOSED
    await ctx.services.faq.update_unanswered(question)
    _, targets, lang = await _request_targets(ctx, campaign, result.department)
    period = timing.period_label(campaign.period, lang)
    notice = Reply(title=t("checkin.request.withdrawn_title", lang, id=question.id),
                   text=t("checkin.request.withdrawn_text", lang, id=question.id, department=result.department,
                          who=ctx.person.display_name or t("checkin.someone", lang), period=period))
    for target in targets:
        await ctx.send(target, notice, dedupe_key=f"checkin.request.withdrawn:{question.id}:{target.kind}:{target.address}")
    return question.id


def render_thanks(ctx: Context, campaign: Campaign, result: DepartmentResult,
                  previous: DepartmentResult | None, edited: bool) -> Reply:
    """Thanks, the computed rate with its change, and how to edit until the deadline."""
    tz = timing.tz_of(ctx.services)
    lines = [ctx.t("checkin.edited" if edited else "checkin.thanks",
                   period=timing.period_label(campaign.period, ctx.lang), department=result.department)]
    if result.rate is not None:
        if previous is not None and previous.rate is not None:
            lines.append(ctx.t("checkin.rate_with_change", rate=percent_text(result.rate),
                               change=_signed(result.rate - previous.rate)))
        else:
            lines.append(ctx.t("checkin.rate", rate=percent_text(result.rate)))
    choices: tuple[Choice, ...] = ()
    if result.late_submission:
        lines.append(ctx.t("checkin.late_noted"))
    elif ctx.services.clock.now() <= campaign.deadline:
        lines.append(ctx.t("checkin.edit.until", deadline=short_moment(campaign.deadline, tz, ctx.lang)))
        choices = (Choice(ctx.t("checkin.edit.button"), "checkin.edit", str(campaign.id)),)
    return Reply(text="\n".join(lines), choices=choices)


def _one_decimal(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _signed(value: float) -> str:
    rounded = round(value, 1)
    return ("+" if rounded > 0 else "±" if rounded == 0 else "") + _one_decimal(rounded)


async def notify_department(ctx: Context, campaign: Campaign, department: str,
                            closed: list[CheckinResponse]) -> None:
    """Tell the department's other liaisons that the report is in (their forms are closed)."""
    people: dict[int, Person] = {p.id: p for p in await ctx.services.people.list(Role.LIAISON, department)}
    for response in closed:
        if response.person_id not in people:
            other = await ctx.services.people.get(response.person_id)
            if other is not None:
                people[other.id] = other
    for person in people.values():
        if person.id == ctx.person.id:
            continue
        lang = person.language if person.language in ("ja", "en") else ctx.services.config.default_language
        reply = Reply(text=t("checkin.done_by_other", lang, who=ctx.person.display_name or t("checkin.someone", lang),
                             department=department, period=timing.period_label(campaign.period, lang)))
        await ctx.send(Destination("", "person", str(person.id)), reply,
                       dedupe_key=f"checkin:done:{campaign.id}:{department}:{person.id}")


# --- buttons and words that start or continue a form --------------------------------------
@router.action("checkin.begin")
async def press_begin(ctx: Context, action: ActionReceived) -> None:
    """「回答を始める」 on an invitation or a nudge."""
    campaign = await service(ctx).repo.get_campaign(int(action.value)) if is_id_number(action.value) else None
    if campaign is None:
        raise UserFacingError("action.expired")
    await begin(ctx, campaign)


@router.action("checkin.resume")
async def press_resume(ctx: Context, action: ActionReceived) -> None:
    """「続きから」 after pausing."""
    loaded = await _load(ctx, int(action.value)) if is_id_number(action.value) else None
    if loaded is None:
        raise UserFacingError("checkin.not_yours")
    response, campaign, _ = loaded
    if await _not_answering(ctx, response, campaign):
        return
    await begin(ctx, campaign)


@router.action("checkin.edit")
async def press_edit(ctx: Context, action: ActionReceived) -> None:
    """「回答を修正する」 after submitting."""
    campaign = await service(ctx).repo.get_campaign(int(action.value)) if is_id_number(action.value) else None
    if campaign is None:
        raise UserFacingError("action.expired")
    await begin(ctx, campaign, edit=True)


def is_resume(folded: str) -> bool:
    """「続きから」「再開」「resume」, or a sentence about nothing else that points at the report or
    at whatever was paused (「もどりました。報告のつづきやります」「お疲れさまです。さっきの続きから」)."""
    return folded in RESUME_WORDS or vocabulary.resume_target(folded) in ("", "checkin")


# 「あ、報告のやつやります」「報告したい」「進捗報告やる」: the check-in, like `/dx 報告`.
_REPORT_START = re.compile(
    r"^(?:(?:あっ?|ああ|じゃあ?|では|それでは|えっと|えーと|よし|さて|今から|いまから)[、,\s]*){0,3}"
    r"(?:今月の|こんげつの|月次)?(?:進捗|しんちょく)?(?:報告|ほうこく)(?:の(?:やつ|件|ほう|方|入力|回答))?(?:を|は)?"
    r"(?:やります|やる|やりたい|やりたいです|やろう|します|する|したい|したいです|しよう|始めます|始める|はじめる|はじめます"
    r"|入力します|入力したい|出します|出したい|送ります|送りたい|お願いします|おねがいします|お願い|おねがい"
    r"|お願いできますか|おねがいできますか)(?:です|ね|よ)?[。!！]*$"
    # 「今月の報告」「進捗報告」「月次報告です」: the report named, with no verb.
    r"|^(?:(?:あっ?|じゃあ?|では|それでは|えっと|えーと|よし|さて)[、,\s]*){0,2}"
    r"(?:今月の|こんげつの|月次の?|げつじの?)(?:進捗|しんちょく)?(?:報告|ほうこく)(?:です|で|を)?[。!！]*$"
    r"|^(?:(?:あっ?|じゃあ?|では|それでは|えっと|えーと|よし|さて)[、,\s]*){0,2}"
    r"(?:進捗|しんちょく)(?:報告|ほうこく)(?:です|で|を)?[。!！]*$")


# A greeting said first (「おつかれさまです！進捗報告やります」) does not hide what follows.
_GREETING = re.compile(
    r"^(?:お疲れ様です|お疲れさまです|おつかれさまです|お疲れ様|お疲れさま|おつかれさま|おつかれです|お疲れです|おつかれ|お疲れ"
    r"|こんにちは|こんにちわ|おはようございます|おはよう|お世話になっております|お世話になります|どうも"
    r"|ただいま戻りました|ただいまもどりました|戻りました|もどりました|お待たせしました|おまたせしました)[ー〜~、,。.!！\s]*")


def said_briefly(pattern: re.Pattern[str], text: str) -> bool:
    """True when a short sentence (after at most one greeting) is exactly what `pattern` describes.
    Bounded: at most 60 characters, so the patterns' optional fillers cannot backtrack for minutes
    (「あああ…」 ten thousand times long once did)."""
    text = unicodedata.normalize("NFKC", text).strip()
    if len(text) > 60:
        return False
    return any(pattern.match(said) for said in (text, _GREETING.sub("", text, count=1)))


# 「報告したいんだけど」「直したいんですが」: a casual tail after a wish says nothing more.
_CASUAL_TAIL = re.compile(r"(?<=[いする])(?:んだけど|んだけども|んだけれど|んですけど|んですけれど|んですが|のですが|んだが"
                          r"|けど|ですけど)[…。!！、,\s]*$")


def is_report_start(text: str) -> bool:
    """「報告したい」「報告したいんだけど」「あ、報告のやつやります」「おつかれさまです、進捗報告やります」
    (not a question about reports)."""
    return said_briefly(_REPORT_START, text) or said_briefly(_REPORT_START, _CASUAL_TAIL.sub("", text.strip()))


@router.message(when=is_report_start, priority=95)
async def report_words(ctx: Context, msg: MessageReceived) -> bool:
    """Start or resume the check-in for a liaison with a campaign to answer; staff who are not liaisons
    get one line saying they are not asked to report (not the FAQ list); others go on to the FAQ."""
    svc = ctx.services.get(CHECKINS)
    if svc is None:
        return False
    if not ctx.person.has_role(Role.LIAISON):
        if not await svc.repo.campaigns((CampaignStatus.OPEN,)):
            return False  # no check-in open: the words go on to the FAQ desk as before
        await ctx.reply(ctx.t("checkin.not_liaison"))
        return True
    if not ctx.person.department:
        return False
    try:
        campaign = await find_campaign(ctx)
    except UserFacingError:
        return False
    await begin(ctx, campaign)
    return True


# 「報告なおしたい」「さっきの報告修正したい」「提出した報告を訂正させてください」: `/dx 報告 修正`.
_REPORT_EDIT = re.compile(
    r"^(?:(?:あっ?|ああ|あの|すみません|すいません|じゃあ?|えっと|えーと)[、,\s]*){0,3}"
    r"(?:(?:さっきの|さっき|先ほどの|さきほどの|提出した|出した|送った|送信した|今月の|この前の|前の)[、,\s]*){0,2}"
    r"(?:進捗)?報告(?:の内容|の回答|内容)?(?:を|の|は|、)?\s*"
    r"(?:修正|訂正|直し|なおし|直す|なおす|変更|やり直し|やりなおし)"
    r"(?:したい|したいです|します|する|させて|させてください|させてほしい|をお願いします|お願いします|をしたい"
    r"|たい|たいです|ます|てください|てほしい|て)?(?:です|ね|よ|な)?[。!！]*$")


def is_report_edit(text: str) -> bool:
    """「報告なおしたい」「さっきの報告修正したい」「さっき出した報告直したいんだけど」 (not a question
    about reports)."""
    return said_briefly(_REPORT_EDIT, text) or said_briefly(_REPORT_EDIT, _CASUAL_TAIL.sub("", text.strip()))


@router.message(when=is_report_edit, priority=95)
async def report_edit_words(ctx: Context, msg: MessageReceived) -> bool:
    """Reopen the department's submitted report, as `/dx 報告 修正` does; after the campaign closed
    (or its deadline passed) say so. Others go on to the FAQ desk."""
    svc = ctx.services.get(CHECKINS)
    if svc is None or not ctx.person.has_role(Role.LIAISON) or not ctx.person.department:
        return False
    if await reopen_submitted(ctx):
        return True
    raise UserFacingError("checkin.edit.nothing")


async def reopen_submitted(ctx: Context) -> bool:
    """Reopen the department's submitted report of an open check-in (`begin(edit=True)`: past the
    deadline it says it closed); a closed check-in says so. False when nothing was submitted."""
    svc = service(ctx)
    for campaign in await svc.repo.campaigns((CampaignStatus.OPEN, CampaignStatus.CLOSED)):
        if await svc.repo.result_for(campaign.id, ctx.person.department) is None:
            continue
        if campaign.status is not CampaignStatus.OPEN:
            raise UserFacingError("checkin.edit.campaign_closed",
                                  period=timing.period_label(campaign.period, ctx.lang))
        await begin(ctx, campaign, edit=True)  # past the deadline: says it closed
        return True
    return False


@router.message(when=is_resume, priority=95)
async def resume_words(ctx: Context, msg: MessageReceived) -> None:
    """「報告の続き」 (the generic 「続きから」 is routed by the core to `resume_checkin`)."""
    await resume_latest(ctx)


# What reads as an answer or a control word of a form (not as a question for the FAQ desk):
# 「1件」「５件くらい」「8割」「3」, 「3を直す」「修正したい」「訂正」, 「送信」「それでお願いします」.
_FORM_COUNT = re.compile(r"^[0-9０-９一二三四五六七八九十百]{1,4}\s*(?:件|つ|個|本|割|%|％|パーセント|番)?$")
_FORM_MEND = re.compile(r"^(?:.{0,12}?)(?:直す|直します|直したい|なおす|なおしたい|修正|訂正|変更)(?:する|します|したい|で|です"
                        r"|でお願いします|お願いします|させて|させてください)?$")


def is_form_word(folded: str) -> bool:
    """True for a message that reads as a form's answer or control word (「1件」「3を直す」「送信」
    「それでお願いします」「先月と同じ」) — while a check-in is paused, it is meant for it."""
    text = unicodedata.normalize("NFKC", folded).strip(" 。.!！、,")
    if not text or len(text) > 20 or vocabulary.looks_like_question(text) or is_report_edit(text) \
            or is_report_start(text):
        return False  # 「さっきの報告修正したい」 is `/dx 報告 修正`, said
    plain = unhedge(text)
    return bool(_FORM_COUNT.fullmatch(plain) or _FORM_MEND.fullmatch(plain)) or parse_change(text) is not None \
        or parse_correction(text) is not None or is_submit(text) or is_same(text) \
        or any(plain in words for words in (vocabulary.SKIP_WORDS, vocabulary.BACK_WORDS, vocabulary.KEEP_WORDS))


def is_form_word_or_answer(folded: str) -> bool:
    """A form word (`is_form_word`), or a short message that is not a question (「ふたつ」「順調です」
    「特にないです」): what a paused check-in may take as its answer right after a side question."""
    text = unicodedata.normalize("NFKC", folded).strip()
    return is_form_word(folded) or (0 < len(text) <= 40 and not _asks(text)
                                    and not is_report_edit(text) and not is_report_start(text))


# claims=True: it claims the delivery only when it acts — for anyone else (staff asking the FAQ desk)
# it costs no read and no claim of its own (tests/integration/test_bursts.py counts them).
@router.message(when=is_form_word_or_answer, priority=101, claims=True)  # before the FAQ desk's routes
async def paused_form_words(ctx: Context, msg: MessageReceived) -> bool:
    """A message typed while the check-in is paused, with no dialog open. Right after a side question
    (the form's session says `aside`), an answer that fits the open question (「ふたつ」「順調です」
    「さっきの対象手続数まちがえた、42件です」) is taken by the form at once. Otherwise a form word gets
    one line with a button to continue — never the FAQ desk's off-topic reply nor an unanswered
    question. Anyone without a paused check-in (or with another activity paused last) goes on as before."""
    svc = ctx.services.get(CHECKINS)
    if svc is None or not ctx.person.has_role(Role.LIAISON):
        return False
    if await ctx.active_dialog() is not None:
        return False
    note = await ctx.services.state.get(f"paused:{ctx.person.id}") or {}
    if note.get("kind") not in (None, "checkin"):
        return False
    drafts = [r for r in await svc.repo.drafts_of(ctx.person.id) if r.status is ResponseStatus.DRAFT and r.session]
    if not drafts:
        return False
    session = FormSession.from_dict(drafts[0].session)
    campaign = await svc.repo.get_campaign(drafts[0].campaign_id) if session.meta.get("aside") else None
    if campaign is not None and campaign.form_id in svc.forms and not _only_for_the_aside(msg.text):
        today = timing.local_date(ctx.services.clock.now(), timing.tz_of(ctx.services))
        if fits_the_question(engine_of(svc, campaign.form_id), session, msg.text, ctx.lang, today):
            await ctx.claim()
            await ctx.start_dialog(FORM_DIALOG, {"response_id": drafts[0].id})
            return await typed_answer(ctx, msg, {"response_id": drafts[0].id})
    if session.meta.get("went_elsewhere"):
        # 「今のが相談内容です」 after words that left the paused form (「…またあとで」 at 相談したい内容).
        campaign = await svc.repo.get_campaign(drafts[0].campaign_id)
        if campaign is not None and campaign.form_id in svc.forms:
            engine = engine_of(svc, campaign.form_id)
            spec = engine.field(session, session.current) if session.stage == "asking" else None
            if spec is not None and _points_back(engine, spec, msg.text):
                await ctx.claim()
                return await _takes_what_went_elsewhere(ctx, drafts[0], campaign, engine, session, msg.text)
    if session.meta.get("pending_mend") or says_a_correction(msg.text):
        # 「さっきの件数、12じゃなくて15でした」「2番目は15に直して」「やっぱ12件だった」「10番はなしで」 while
        # the form waits for 「続きから」 (paused, or a side question's prompt took the turn): the answer it
        # names is mended (or emptied, or which count is meant asked) at once and the form goes on where it
        # stands — never the 「続きから」 line, nothing lost.
        campaign = await svc.repo.get_campaign(drafts[0].campaign_id)
        if campaign is not None and campaign.form_id in svc.forms:
            engine = engine_of(svc, campaign.form_id)
            today = timing.local_date(ctx.services.clock.now(), timing.tz_of(ctx.services))
            mended = engine.mend_pending(session, msg.text, ctx.lang, today) \
                or engine.clear_named(session, msg.text, ctx.lang, today) \
                or engine.correct_last_number(session, msg.text, ctx.lang, today) \
                or engine.correct_choice(session, msg.text, ctx.lang, today)
            if mended is not None:
                await ctx.claim()
                await after_turn(ctx, drafts[0], campaign, engine, mended)
                return True
    if session.stage == "summary" and _sends(msg.text):
        # 「はい」「ていしゅつ」 after a pause at the review screen (「おわり？」 once paused it): the
        # review comes again with its submit button, never the 「途中です」 line in a loop.
        campaign = await svc.repo.get_campaign(drafts[0].campaign_id)
        if campaign is not None:
            await ctx.claim()
            await begin(ctx, campaign)
            return True
    if not is_form_word(fold(msg.text)):
        return False
    await ctx.claim()
    await ctx.reply(Reply(text=ctx.t("checkin.paused_word"),
                          choices=(Choice(ctx.t("checkin.resume.button"), "checkin.resume", str(drafts[0].id),
                                          "primary"),)))
    return True


def _sends(text: str) -> bool:
    """「はい」「提出」「ていしゅつします」「送信で」: a yes or a send word."""
    said = unicodedata.normalize("NFKC", text).strip(" 。.!！、,")
    return is_submit(said) or vocabulary.yes_or_no(said) is True \
        or bool(re.fullmatch(r"(?:ていしゅつ|提出|そうしん|送信)(?:します|する|したい|で|お願いします|おねがいします)?", said))


@router.resumer("checkin")
async def resume_checkin(ctx: Context) -> bool:
    """「続きから」: continue a paused check-in form, or start the open one of my department."""
    if await has_paused_checkin(ctx):
        await resume_latest(ctx)
        return True
    if ctx.person.has_role(Role.LIAISON) and ctx.person.department:
        try:
            campaign = await find_campaign(ctx)
        except UserFacingError:
            return False
        svc = service(ctx)
        if campaign is not None and await svc.repo.result_for(campaign.id, ctx.person.department) is None:
            await begin(ctx, campaign)
            return True
    return False


async def has_paused_checkin(ctx: Context) -> bool:
    """True when the person has a started, unfinished check-in form."""
    svc = ctx.services.get(CHECKINS)
    if svc is None:
        return False
    return any(r.status is ResponseStatus.DRAFT and r.session for r in await svc.repo.drafts_of(ctx.person.id))


@router.home
async def home_pending_checkin(ctx: Context) -> Reply | None:
    """Home view: the open check-in a liaison still has to answer."""
    svc = ctx.services.get(CHECKINS)
    if svc is None or not ctx.person.department or not ctx.person.has_role(Role.LIAISON):
        return None
    for campaign in await svc.repo.campaigns((CampaignStatus.OPEN,)):
        if await svc.repo.result_for(campaign.id, ctx.person.department) is not None:
            continue
        response = await svc.repo.response_for(campaign.id, ctx.person.id)
        started = response is not None and response.status is ResponseStatus.DRAFT and bool(response.session)
        tz = timing.tz_of(ctx.services)
        button = (Choice(ctx.t("checkin.resume.button"), "checkin.resume", str(response.id)) if started and response
                  else Choice(ctx.t("checkin.begin.button"), "checkin.begin", str(campaign.id), "primary"))
        return Reply(title=ctx.t("checkin.home.title", period=timing.period_label(campaign.period, ctx.lang)),
                     text=ctx.t("checkin.home.text", deadline=short_moment(campaign.deadline, tz, ctx.lang)),
                     choices=(button,))
    return None
