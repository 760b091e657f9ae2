"""「診断をはじめる」「スキル診断やりたい」「診断どこから受けるの」: a request, in plain words, to take
the assessment starts it (walk-through of issue 15: such requests were sent to 人事課 by the FAQ
desk's list of other desks, and only `/dx 診断` started the poll).

A question *about* the assessment (「スキル診断って何段階？」「診断の結果は人事評価に使う？」) is
not a request: it stays with the FAQ desk.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from bot.core import confirm, kana, vocabulary
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived, MessageReceived
from bot.core.model import Role
from bot.core.replies import Choice, Reply
from bot.core.text import fold
from handlers.assessment.campaigns import parse_date
from handlers.assessment.poll import open_poll, past_deadline
from handlers.assessment.registry import kit, local_today, router
from handlers.assessment.render import day_text

# The assessment named as people name it; 「健康診断」「ストレス診断」 are not it (a kanji or katakana
# word right before 診断 makes it another kind of 診断).
_NOUN = re.compile(r"(?<![一-龥ァ-ヶ])(?:デジタル)?(?:スキル|すきる|dx)?の?(?:自己|じこ)?(?:診断|しんだん)"
                   r"|アセスメント|スキルチェック")
# …and asked for: take it, start it, where to take it from.
_VERB = re.compile(r"(受け|うけ|始め|はじめ|開始|かいし|やり|やる|やろ|やって|回答し|答え|こたえ|受験|したい|します|"
                   r"する|しよ|お願い|おねがい|どこから|どこで|どうやって)")
# Questions about the assessment, not requests to take it (the FAQ desk answers those).
_ABOUT = re.compile(r"(何段階|なんだんかい|何分|なんぷん|何問|なんもん|とは|って何|ってなに|なんですか|結果|締切|締め切り|"
                    r"〆切|いつまで|期限|人事評価|義務|必須|ないと|なければ|しなくて|必要|健康|ストレス|耐震|再開|続き)")
MAX_CHARS = 40


def asks_to_take(folded: str) -> bool:
    """「診断をはじめる」「スキル診断やりたい」「診断どこから受けるの」 (folded text)."""
    if not folded or len(folded) > MAX_CHARS or folded.startswith(("/", "／")) or _ABOUT.search(folded):
        return False
    noun = _NOUN.search(folded)
    return noun is not None and _VERB.search(folded, noun.start()) is not None


@router.message(when=asks_to_take, priority=60)
async def take_assessment(ctx: Context, msg: MessageReceived) -> None:
    """Open (or resume) the poll; with no assessment running, say so and how to ask for one."""
    if await kit(ctx.services).store.open_campaign() is None:
        admin = ctx.person.has_role(Role.ADMIN)
        await ctx.reply(ctx.t("assessment.request.none_open.admin" if admin else "assessment.request.none_open"))
        return
    await open_poll(ctx)


def is_go_ahead(folded: str) -> bool:
    """「やってみる」「やります」「はじめます」 alone (kana or kanji, casual or polite)."""
    return len(folded) <= 20 and kana.reads_as(folded, vocabulary.GO_AHEAD_WORDS)


@router.message(when=is_go_ahead, priority=59)
async def go_ahead(ctx: Context, msg: MessageReceived) -> bool:
    """「やってみる」 while this person's invitation is open (an open campaign they have not
    finished): start or resume the poll. Anyone else goes on to the other routes."""
    store = kit(ctx.services).store
    campaign = await store.open_campaign()
    part = await store.get_participation(campaign.id, ctx.person.id) if campaign is not None else None
    if campaign is None or part is None or part.finished or past_deadline(ctx, campaign):
        return False
    await open_poll(ctx)
    return True


# 「スキル診断ってやつやればいいの？」「診断って答えなきゃいけないの？」「この診断やる必要ある？」 from someone
# invited: whether the assessment is meant for them and to be taken.
_SHOULD_I = re.compile(r"やれば|やるの|やるん|やるべき|やったほう|やった方|やらな(?:きゃ|いと|くちゃ|ければ)|やる必要|やっとけば"
                       r"|やっておけば|受けれ?ば|うけれ?ば|受けるの|うけるの|受ける必要|受けな(?:きゃ|いと|ければ)|答えれ?ば"
                       r"|こたえれ?ば|答えるの|答えな(?:きゃ|いと|ければ)|回答すれば|回答するの|回答しな(?:きゃ|いと|ければ)"
                       r"|回答する必要|回答が必要|すればいい|すればよい|しな(?:きゃ|いと|ければ)|私も|わたしも|自分も|じぶんも"
                       r"|僕も|ぼくも|俺も|おれも|対象")
OFFER_DIALOG = "assessment.offer"


def asks_whether_to_take(folded: str) -> bool:
    """「スキル診断ってやつやればいいの？」「診断って私も答えなきゃいけない？」 (folded text)."""
    text = unicodedata.normalize("NFKC", folded).strip()
    if not text or len(text) > MAX_CHARS or text.startswith(("/", "／")) or re.search(r"結果|健康|ストレス|耐震", text):
        return False
    noun = _NOUN.search(text)
    return noun is not None and _SHOULD_I.search(text, noun.start()) is not None


@router.message(when=asks_whether_to_take, priority=62)  # before a request to take it (60)
async def offer_to_take(ctx: Context, msg: MessageReceived) -> bool:
    """From someone whose invitation is open (not finished, before the deadline): one line saying
    yes, this is the assessment they were asked to take, with [始める][あとで]; 「はい」 starts it.
    Anyone else goes on to the other routes (the FAQ desk says what the assessment is)."""
    store = kit(ctx.services).store
    campaign = await store.open_campaign()
    part = await store.get_participation(campaign.id, ctx.person.id) if campaign is not None else None
    if campaign is None or part is None or part.finished or past_deadline(ctx, campaign):
        return False
    total = len(campaign.question_ids)
    start = "assessment.invite.resume" if part.answered_count else "assessment.invite.start"
    await ctx.start_dialog(OFFER_DIALOG, {"campaign_id": campaign.id})
    await ctx.reply(Reply(
        text=ctx.t("assessment.offer.text", total=total, deadline=day_text(campaign.deadline, ctx.lang),
                   answered=part.answered_count),
        choices=(Choice(ctx.t(start), "assessment.resume", str(campaign.id), "primary"),
                 Choice(ctx.t("assessment.invite.later"), "assessment.later", str(campaign.id)))))
    return True


@router.dialog(OFFER_DIALOG)
async def typed_offer(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「はい」「やります」 starts the poll, 「いいえ」「あとで」 says until when; anything else is
    handled as what it is (the offer is dropped)."""
    await ctx.end_dialog()
    answer = vocabulary.yes_or_no(msg.text)
    if answer is True or is_go_ahead(fold(msg.text)):
        await open_poll(ctx)
        return True
    if answer is False or vocabulary.says_later(msg.text) or msg.text in vocabulary.CANCEL_WORDS:
        campaign = await kit(ctx.services).store.get_campaign(int(data.get("campaign_id", 0)))
        if campaign is not None:
            await ctx.reply(ctx.t("assessment.invite.later_ok", deadline=day_text(campaign.deadline, ctx.lang)))
            return True
    return False


# --- an admin starting a campaign in plain words -------------------------------------------------
# 「スキル診断を全員にやってもらいたい。締切は来週金曜」「スキル診断を開始して、締切は12/18」 (second
# walk-through of 2026-12-06: these went to the FAQ desk). A start sends invitations to everyone it
# targets, so it is confirmed first and then run as `/dx 診断 開始 …` (the slash command's own path).
_START_VERB = re.compile(r"(?:開始|かいし|始め|はじめ|実施|じっし|やってもらい|受けてもらい|うけてもらい|回答してもらい|配信|"
                         r"案内を(?:送|出|おく|だ)|依頼を(?:送|出|おく|だ)|お願いした|スタート)")
_TARGETS = (("兼務職員", ("兼務職員", "けんむしょくいん", "推進員", "liaison")),
            ("全員", ("全員", "ぜんいん", "全職員", "全庁", "みんな", "みなさん", "皆さん", "全体")),
            ("職員", ("職員",)))
_DEPARTMENT = re.compile(r"[一-龥ァ-ヶ]{1,8}(?:課|室|係|局|部)")
_DEADLINE = re.compile(r"(?:締切|締め切り|〆切|しめきり|期限)(?:日)?\s*(?:は|を|:|：)?\s*(?P<when>[^、。,.!！]+?)"
                       r"(?:まで(?:に)?|で|に|にして|にします|でお願いします|でおねがいします|でよろしく|です)?(?:[、。,.!！]|$)")
START_DIALOG = "assessment.start_wish"


def is_start_wish(folded: str) -> bool:
    """An admin's wish, in words, to run the assessment for others (folded text): the assessment
    named, a start verb, and no question mark."""
    text = unicodedata.normalize("NFKC", folded).strip()
    if not text or len(text) > 80 or text.startswith(("/", "／")) or "?" in text:
        return False
    noun = _NOUN.search(text)
    return noun is not None and _START_VERB.search(text) is not None and (
        _DEADLINE.search(text) is not None or any(w in text for _, words in _TARGETS for w in words)
        or re.search(r"やってもらい|受けてもらい|うけてもらい|回答してもらい|実施|配信|案内を|依頼を", text) is not None)


def _read_start(text: str, today: date) -> tuple[str, date | None]:
    """(target words for the command, deadline or None) read from the admin's words."""
    said = unicodedata.normalize("NFKC", text)
    target = next((name for name, words in _TARGETS if any(w in said for w in words)), "")
    if not target:
        departments = [d for d in _DEPARTMENT.findall(said) if d not in ("推進室",)]
        target = ",".join(dict.fromkeys(departments)) if departments else "全員"
    found = _DEADLINE.search(said)
    deadline = None
    if found:
        try:
            deadline = parse_date(found.group("when").strip(), today)
        except UserFacingError:
            deadline = None
    return target, deadline


async def _propose_start(ctx: Context, target: str, deadline: date | None) -> None:
    command = f"診断 開始 {target}" + (f" 締切 {deadline.month}/{deadline.day}" if deadline else "")
    shown = command if ctx.lang == "ja" else (
        f"assessment start {target}" + (f" deadline {deadline.month}/{deadline.day}" if deadline else ""))
    if deadline is None:
        day = ctx.t("assessment.start_wish.default_deadline")
    elif ctx.lang == "en":
        day = deadline.strftime("%a %d %b")
    else:
        day = f"{deadline.month}月{deadline.day}日（{'月火水木金土日'[deadline.weekday()]}）"
    text = ctx.t("assessment.start_wish.confirm", target=target, deadline=day, command=f"/dx {shown}")
    await confirm.propose(ctx, START_DIALOG, {"target": target}, text, command,
                          what=ctx.t("assessment.start_wish.pending", target=target, deadline=day))


@router.message(when=is_start_wish, priority=61)  # before a request to take it (60)
async def propose_start(ctx: Context, msg: MessageReceived) -> bool:
    """「スキル診断を全員にやってもらいたい。締切は来週金曜」 from an admin: 「次の内容でスキル診断を開始
    します: 対象 全員・締切 …（コマンド: /dx 診断 開始 全員 締切 12/11）よろしいですか？」 [はい][直す][やめる];
    「はい」 runs the command. Anyone else goes on (「診断やりたい」 is a request to take it)."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    target, deadline = _read_start(msg.text, local_today(ctx.services))
    await _propose_start(ctx, target, deadline)
    return True


_ask_fix = confirm.ask_fix_with(START_DIALOG, "assessment.start_wish.what_to_fix")


@router.action(START_DIALOG)
async def press_start_wish(ctx: Context, action: ActionReceived) -> None:
    """[はい] starts it, [直す] asks what to change, [やめる] drops it."""
    await confirm.answer_pressed(ctx, action, START_DIALOG, _ask_fix)


@router.dialog(START_DIALOG)
async def typed_start_wish(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """はい / 直す / やめる; a new deadline or target (「締切は12/25で」「兼務職員だけ」「12/25」) shows it
    again; anything else is handled as what it is and the start is dropped with one line (never a trap)."""
    if await confirm.answer_typed(ctx, msg.text, data, _ask_fix):
        return True
    today = local_today(ctx.services)
    said = unicodedata.normalize("NFKC", msg.text).strip()
    try:
        day = parse_date(re.sub(r"(?:まで(?:に)?|で|にして|でお願いします)?[。.!！]*$", "", said), today)
    except UserFacingError:
        day = None
    target, deadline = _read_start(said, today)
    named_target = any(w in said for _, words in _TARGETS for w in words) or _DEPARTMENT.search(said) is not None
    if day is not None or deadline is not None or named_target:
        command = str(data.get("command", ""))
        old = re.search(r"締切 (\d{1,2})/(\d{1,2})", command)
        kept = date(today.year, int(old.group(1)), int(old.group(2))) if old else None
        if kept is not None and kept < today:
            kept = date(today.year + 1, kept.month, kept.day)
        await _propose_start(ctx, target if named_target else str(data.get("target", "全員")),
                             day or deadline or kept)
        return True
    await ctx.end_dialog()
    await ctx.reply(ctx.t("assessment.start_wish.dropped"))
    return False
