"""Consultation desk: answer staff questions from the FAQ, offer candidates, hand over to a person.

Flow: a question is searched; a confident hit is answered with 「解決しましたか？」, close hits are
offered as candidates with 「どれでもない」, and when nothing fits the question is stored as
unanswered and, if the asker agrees, forwarded to the office or the department's liaison. The
person who answers turns it into a FAQ entry in one step. Resolutions propose the asker's wording
as an alternate phrasing for an editor to review (nothing changes the FAQ on its own).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import replace
from typing import Any

from bot.core import vocabulary
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived, MemberInstalled, MessageReceived
from bot.core.messages import t
from bot.core.model import FaqEntry, Person, Role, SuggestionStatus, UnansweredStatus
from bot.core.replies import Choice, Destination, Reply
from bot.core.router import Router
from bot.core.text import clean, fold, has_letters, is_id_number, writes_english
from handlers.faq import answer_words, drafts, smalltalk
from handlers.faq.render import (
    render_answer,
    render_answer_confirmation,
    render_candidates,
    render_entry,
    render_escalation_notice,
    render_linked_entry,
    render_my_questions,
    render_not_found,
    render_question_status,
    render_suggestions,
    render_unanswered_list,
    without_ids,
)

log = logging.getLogger(__name__)
router = Router("faq")

SUGGEST_MIN_CHARS = 4
SUGGEST_MAX_CHARS = 200
FOLLOW_UP_WINDOW_S = 30 * 60  # a follow-up refers to a question asked at most this long ago
MY_QUESTIONS_SHOWN = 10
PERSON_WINDOW_S = 2 * 60 * 60  # 「人と話したい」 refers to a question asked at most this long ago


# --- small talk ---------------------------------------------------------------------------
# The greeting said back (the form a colleague would use), by the greeting's first letters.
GREETING_BACK = {"おは": "おはようございます！", "こんに": "こんにちは！", "こんば": "こんばんは！",
                 "おつ": "おつかれさまです！", "お疲": "おつかれさまです！"}


@router.message(when=smalltalk.is_greeting, priority=100)
async def greet(ctx: Context, msg: MessageReceived) -> None:
    """Answer a greeting with what the desk can do; a greeting with small talk (「おつかれさまです！
    今日さむいね」) gets the greeting back and one friendly line."""
    folded = fold(msg.text)
    if not smalltalk.greeting_and_chat(folded):
        await ctx.reply(ctx.t("greeting"))
        return
    english = ctx.lang == "en"
    said = smalltalk.greeting_word(folded)
    greeting = GREETING_BACK.get(said, "") if not english else ""
    await ctx.reply(ctx.t("faq.greeting_chat", greeting=greeting))


@router.message(when=smalltalk.is_test_message, priority=100)
async def answer_test(ctx: Context, msg: MessageReceived) -> None:
    """「テスト」: say the message arrived, and what to ask (nothing is searched or logged)."""
    await ctx.reply(ctx.t("faq.test_message"))


@router.message(when=smalltalk.is_thanks, priority=100)
async def welcome_thanks(ctx: Context, msg: MessageReceived) -> None:
    """Answer thanks in one short line (no question is open: an open one takes its thanks itself);
    thanks for an answer a person gave lately closes that question's thread (nothing new is asked)."""
    thread = await recent_thread(ctx)
    if thread is not None and not thread.get("thanked"):
        await ctx.services.state.put(thread_key(ctx.person.id), {**thread, "thanked": True})
        await ctx.reply(ctx.t("faq.thread.thanks", id=thread.get("question_id"),
                              question=str(thread.get("question", ""))[:40]))
        return
    await ctx.reply(ctx.t("faq.thanks"))


def is_acknowledgement(text: str) -> bool:
    """「そうですか、わかりました」「なるほど」「やっぱりいいです」 with nothing open (not a stray
    「はい」 or 「OK」, which `explain_stray_answer` takes)."""
    folded = fold(text)
    return ((smalltalk.is_acknowledgement(folded) or smalltalk.is_never_mind(folded))
            and text not in STRAY_ANSWERS and not smalltalk.is_thanks(folded))


@router.message(when=is_acknowledgement, priority=100)
async def acknowledge(ctx: Context, msg: MessageReceived) -> None:
    """An acknowledgement is answered as one: never searched, logged or called off-topic."""
    await ctx.reply(ctx.t("faq.acknowledged"))


@router.message(when=smalltalk.is_introduction, priority=100)
async def introduce_self(ctx: Context, msg: MessageReceived) -> None:
    """「あなたは誰？」「なにができるの？」: who the bot is, for which office, and its five jobs."""
    await ctx.reply(ctx.t("faq.introduction"))


@router.message(when=smalltalk.is_help, priority=100)
async def show_help(ctx: Context, msg: MessageReceived) -> None:
    """Explain how to use the desk."""
    await ctx.reply(ctx.t("help.intro"))


@router.installed
async def welcome(ctx: Context, event: MemberInstalled) -> None:
    """When the bot is added to a chat, say what it does."""
    await ctx.reply(Reply(text=f"{ctx.t('greeting')}\n\n{ctx.t('help.intro')}"))


@router.home
async def home_how_to_ask(ctx: Context) -> Reply:
    """Home view: how to ask the desk."""
    return Reply(title=ctx.t("home.ask.title"), text=ctx.t("help.intro"))


# --- a stray answer -----------------------------------------------------------------------
# Words that answer a question the bot asked (「はい」「3」「やめる」「どれでもない」) reach the
# desk only when nothing is asked any more (the dialog ended, or a button of an old turn). They
# are not questions: say so, and keep them out of the question log and the unanswered list.
# The desk's buttons typed as words, with their casual variants (walk-through: 「担当者に転送する」
# typed under the candidates was searched as a new question). Compared with `vocabulary.key`.
FORWARD_WORDS = vocabulary.WordSet(
    "担当者に転送する", "担当者に転送", "担当者に転送して", "担当者に転送してください", "担当者へ転送", "転送する",
    "転送して", "転送", "転送してください", "転送をお願いします", "転送お願いします", "転送おねがい", "転送で",
    "てんそうして", "担当者につないで", "担当者に聞きたい", "担当者に聞いて", "人に聞きたい", "forward",
)
KEEP_WORDS = vocabulary.WordSet("転送しない", "転送しなくていい", "転送しなくていいです", "転送不要", "転送は不要",
                                "転送はいらない", "しなくていい", "大丈夫です転送しない")
SOLVED_TYPED = vocabulary.SOLVED_WORDS | vocabulary.WordSet(
    "解決です", "解決しました", "解決したよ", "解決しましたー", "解決しました!", "かいけつ", "かいけつした",
    "解決済み", "わかった", "分かった", "できた", "できました", "出来ました", "ok", "おっけー", "オッケー",
    "バッチリ", "ばっちり", "助かった",
)
UNSOLVED_TYPED = vocabulary.UNSOLVED_WORDS | vocabulary.WordSet(
    "解決してない", "解決してません", "解決せず", "解決しませんでした", "だめでした", "ダメでした", "だめだった",
    "ダメだった", "違った", "ちがった", "違いました", "ちがいました", "わからない", "わかりません", "できなかった",
    "できませんでした",
)
NONE_OF_THEM_TYPED = vocabulary.NONE_OF_THEM_WORDS | vocabulary.WordSet(
    "どれでもないです", "どれでもありません", "どれも違います", "どれもちがいます", "どれも違った", "どれもちがった",
    "どれもちがう", "どれも違うかな", "全部違う", "ぜんぶ違う", "ぜんぶちがう", "全部ちがう", "該当なしです",
    "この中にない", "この中にはない", "ない", "ないです", "ありません", "どれも違うかも", "どれもちがうかも",
    "どれも微妙", "どれもいまいち", "当てはまらない", "あてはまらない", "該当しない", "見当たらない", "ないかも",
)
# Fillers a casual reply starts with (「うーん、微妙」): not a word of the reply itself.
FILLERS = vocabulary.WordSet("うーん", "うーむ", "うん-", "んー", "ん", "えーと", "えっと", "えー", "あー", "あ", "まあ",
                             "まぁ", "うむ", "ええと", "その", "あの", "うーんと", "hmm", "um")

# Courtesies around a reply (「すみません、違いました」): neither a yes nor a no, nor a question.
COURTESIES = vocabulary.WordSet("すみません", "すいません", "ごめんなさい", "ごめん", "申し訳ない", "申し訳ありません",
                                "残念", "ざんねん", "残念です", "ちょっと", "やっぱり", "でも", "けど", "せっかくですが",
                                "ありがとう", "ありがとうございます", "sorry")


def clauses(text: str) -> list[str]:
    """A short reply cut at punctuation, emoji and spaces, fillers left out: 「ありがとう！助かった」
    -> [ありがとう, 助かった]; 「うーん、微妙」 -> [微妙]."""
    parts = [p for p in re.split(r"[^\w]+", unicodedata.normalize("NFKC", text or "")) if p]
    kept = [p for p in parts if p not in FILLERS]
    return kept or parts or [text]


def reads_as(text: str, *tests: Any) -> bool:
    """Every clause of *text* passes one of *tests* (a WordSet, or a predicate on folded text)."""
    def passes(clause: str) -> bool:
        return any(clause in test if isinstance(test, vocabulary.WordSet) else test(fold(clause)) for test in tests)
    return len(text) <= 60 and all(passes(c) for c in clauses(text))


def mentions(text: str, *tests: Any) -> bool:
    """A short reply whose clauses are all such words or courtesies, at least one of them such a
    word (「いいえ、違いました」「すみません、どれも違うかも」); 「Teamsが使えない、ダメ」 is a new question."""
    def passes(clause: str) -> bool:
        return any(clause in test if isinstance(test, vocabulary.WordSet) else test(fold(clause)) for test in tests)
    if len(text) <= 40 and passes(re.sub(r"[\s!！。.?？]+$", "", text.strip())):
        return True  # the whole reply is one such phrase ("that didnt help": English words are not clauses)
    parts = clauses(text)
    return (len(text) <= 40 and any(passes(c) for c in parts)
            and all(passes(c) or c in COURTESIES for c in parts))
_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "いち": 1, "に": 2, "さん": 3, "よん": 4}
_CHOICE = re.compile(r"(?:候補)?([0-9]|[一二三四]|いち|に|さん|よん)(?:番目?|ばんめ?|つ目|個目|こめ)?"
                     r"(?:で|です|でお願いします|でおねがいします|がいい|かな|にする|を見たい|をみたい|お願いします)?")


def typed_choice(text: str, labels: list[str]) -> int | None:
    """The candidate a typed reply names: 「2」「２番」「2番で」「にばん」「候補2」, or a label itself
    (「1. パスワードは…」, the question without its number); None when it names none."""
    word = vocabulary.key(text)
    m = _CHOICE.fullmatch(word)
    if m and (m.group(1).isdigit() or re.search(r"番|ばん|つ目|個目|こめ|候補", word)):
        n = int(m.group(1)) if m.group(1).isdigit() else _KANJI_DIGITS[m.group(1)]
        return n if 1 <= n <= len(labels) else None
    for n, label in enumerate(labels, 1):
        if word in (vocabulary.key(label), vocabulary.key(f"{n}.{label}")):
            return n
    return None


def bare_number(text: str) -> int | None:
    """「3」「３番」「3です」 typed alone, else None."""
    m = re.fullmatch(r"([0-9]{1,2})\s*(?:番目?)?(?:で|です)?[。.!！]?", unicodedata.normalize("NFKC", text).strip())
    return int(m.group(1)) if m else None


def starts_with(text: str, test: Any) -> bool:
    """A short reply whose first clause passes *test* and that asks nothing (「はい、回答です」
    「いいえ、まだです」 under 「解決しましたか？」); 「はい、でもExcelはどうやるの？」 asks a new question."""
    parts = clauses(text)
    return (len(text) <= 40 and test(fold(parts[0])) and not re.search(r"[?？]|どう|教えて|ですか|ますか", text))


STRAY_ANSWERS = (vocabulary.YES_WORDS | vocabulary.NO_WORDS | vocabulary.CANCEL_WORDS | vocabulary.BACK_WORDS
                 | vocabulary.SKIP_WORDS | vocabulary.SUBMIT_WORDS | vocabulary.NOTHING_WORDS
                 | NONE_OF_THEM_TYPED | SOLVED_TYPED | UNSOLVED_TYPED | FORWARD_WORDS | KEEP_WORDS)


def is_stray_answer(text: str) -> bool:
    """A bare choice number or a control word, with no question of the bot open."""
    if smalltalk.is_person_request(fold(text)):
        return False  # 「担当者に聞きたい」 with nothing open: `ask_for_person` takes it
    return (bool(re.fullmatch(r"[0-9０-９]{1,2}", text.strip())) or text in STRAY_ANSWERS
            or bool(re.fullmatch(r"[0-9０-９]{1,2}\s*番目?(で|です)?", text.strip())))


# 「わからない」 alone is too common to mean 「the answer of half an hour ago did not help」.
_NOT_HELPED_LATER = vocabulary.WordSet(*(w for w in UNSOLVED_TYPED if w not in ("わからない", "わかりません")))


def is_not_helped_later(text: str) -> bool:
    """「全然だめでした」「だめでした」「解決しなかった」 typed alone: maybe said of an earlier answer."""
    return mentions(text, _NOT_HELPED_LATER, smalltalk.is_not_helped)


# The answers a person got in this conversation (log id, entry, question), for a complaint typed
# later: 「ぜんぜんだめだった」 after a candidate list in between, or 「さっきのウイルスのやつ、全然だめでした」.
ANSWERED_KEEP = 10
LATER_WINDOW_S = 60 * 60  # 「さっきの…のやつ」 names an answer given at most this long ago


async def recent_answers(ctx: Context, window: float) -> list[dict[str, Any]]:
    """The answers this person got in this conversation, newest first (log id, entry, question),
    read from the question log — nothing more is written per answer. Only while the conversation
    is recent: its last question (faq.last) at most *window* seconds ago by the desk's clock."""
    last = await ctx.services.state.get(f"faq.last:{ctx.person.id}") or {}
    if not last or ctx.services.clock.now().timestamp() - float(last.get("at", 0)) > window:
        return []
    return await ctx.services.faq.recent_answered(ctx.person.id, window, ANSWERED_KEEP)


# 「さっきのパスワードの決め方のやつ、全然だめでした」: a complaint pointing at an earlier answer.
_POINTER = re.compile(
    r"(?:さっき|さきほど|先ほど|先程|前|まえ|この前|このまえ|最初|さいしょ)(?:の|に?(?:聞いた|きいた|教わった|おそわった|質問した))"
    r"(?P<topic>.+?)の?"
    r"(?:やつ|ヤツ|件|けん|こと|話|はなし|回答|答え|こたえ|faq|FAQ)(?:は|って|も|ですが|だけど|けど|なんですが|なんだけど)?"
    r"[\s、,。.!！]*(?P<rest>.+)")


def _kana(text: str) -> str:
    """Katakana as hiragana (「ういるす」 names ウイルス)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in fold(text))


def not_helped_details(text: str) -> tuple[bool, str]:
    """(True, details) when *text* says the answer did not help, perhaps with what happened:
    「ぜんぜんダメ、その通りにやってもボタンがでてこない」 -> (True, "その通りにやってもボタンがでてこない");
    a new question after the complaint (「だめでした。Excelはどうやるの？」) is not one."""
    if is_not_helped_later(text):
        return True, ""
    parts = clauses(text)
    if len(text) > 160 or len(parts) < 2 or re.search(r"[?？]|教えて|どうやる|どうすれば|ですか|ますか", text):
        return False, ""
    first = parts[0]
    if not (first in _NOT_HELPED_LATER or smalltalk.is_not_helped(fold(first))):
        return False, ""
    start = unicodedata.normalize("NFKC", text).find(first) + len(first)
    details = re.sub(r"^[^\w]+", "", unicodedata.normalize("NFKC", text)[start:]).strip()
    return bool(details), details


# After 「いいえ、」 these say nothing of what happened: 「まだです」「違います」「別の質問です」.
_NO_DETAIL = re.compile(r"(?:まだ|ちが|違|別|べつ|ないです|ありません|です$)")


def said_after_no(text: str) -> str:
    """「いいえ、再起動してもだめでした」 -> 「再起動してもだめでした」: what the asker tells after the
    「いいえ」 of its first clause, when it says what happened (six letters or more; not 「まだです」)."""
    parts = clauses(text)
    if len(parts) < 2:
        return ""
    normalized = unicodedata.normalize("NFKC", text)
    start = normalized.find(parts[0]) + len(parts[0])
    rest = re.sub(r"^[^\w]+", "", normalized[start:]).strip()
    return rest if len(rest) >= 6 and not _NO_DETAIL.match(rest) else ""


def pointed_complaint(text: str) -> tuple[str, str] | None:
    """(topic, details) of 「さっきの<topic>のやつ、全然だめでした」, else None."""
    m = _POINTER.fullmatch(unicodedata.normalize("NFKC", text or "").strip())
    if m is None or len(m.group("topic")) > 30:
        return None
    helped_not, details = not_helped_details(m.group("rest"))
    return (m.group("topic").strip("の 、"), details) if helped_not else None


def is_later_complaint(text: str) -> bool:
    return is_not_helped_later(text) or pointed_complaint(text) is not None


async def pointed_answer(ctx: Context, topic: str) -> dict[str, Any] | None:
    """The answer of this conversation whose question or entry names *topic* (all its words
    best, then most of them; the newest on a tie)."""
    terms = [_kana(t) for t in ctx.services.search.topic_terms(topic)] or [_kana(topic)]
    best: tuple[int, dict[str, Any]] | None = None
    for item in await recent_answers(ctx, LATER_WINDOW_S):
        entry = await ctx.services.faq.get_entry(str(item.get("entry", "")))
        # The question (the asker's words or the entry's) counts above the answer's body, which
        # may name the topic in passing (the virus answer names パスワード).
        asked = _kana(f"{item.get('text', '')} {entry.question if entry else ''}")
        body = _kana(entry.answer if entry else "")
        score = sum(3 if term in asked else 1 if term in body else 0 for term in terms + [_kana(topic)])
        if score and (best is None or score > best[0]):
            best = (score, item)
    return best[1] if best else None


@router.message(when=is_later_complaint, priority=101)  # before the stray-answer line and the search
async def not_helped_later(ctx: Context, msg: MessageReceived) -> bool:
    """「全然だめでした」 after 「解決しましたか？」 is closed (answered, or another message in between):
    said of the last FAQ answer this person got (never a candidate list in between), when it is
    recent (FOLLOW_UP_WINDOW_S); 「さっきのウイルスのやつ、全然だめでした」: said of the answer of
    this conversation (LATER_WINDOW_S) that names ウイルス. The same as typed in time: not helped,
    the original question with the FAQ shown offered for a person. With no such answer the
    message goes on (False), or, when it names a topic, the asker is told it was not found."""
    last = await ctx.services.state.get(f"faq.last:{ctx.person.id}") or {}
    pointed = pointed_complaint(msg.text)
    details = ""
    if pointed is not None:
        topic, details = pointed
        item = await pointed_answer(ctx, topic)
        if item is None:
            await ctx.reply(ctx.t("faq.not_helped.unknown", topic=topic[:30]))
            return True
    else:
        answers = await recent_answers(ctx, FOLLOW_UP_WINDOW_S)
        if not answers:
            return False
        item = answers[0]
    entry_id, log_id = str(item.get("entry") or ""), int(item["log_id"])
    if not entry_id:
        return False
    kept = await ctx.services.faq.find_unanswered_by_log(log_id)
    if kept is not None and kept.status is not UnansweredStatus.OPEN:
        await ctx.reply(ctx.t("faq.person.already", id=kept.id, question=for_asker(ctx, kept.text)[:80],
                              status=ctx.t(f"faq.status.{kept.status.value}")))
        return True
    if last.get("solved") and last.get("log_id") == log_id:  # said to be solved before, now it is not
        await ctx.services.state.update(f"faq.last:{ctx.person.id}",
                                        lambda value: {**value, "solved": False} if value else value)
    # Said later: the reply names the question it is taken to be about (there may be several).
    asked = str((await ctx.services.faq.get_question(log_id) or {}).get("text", ""))
    await mark_unsolved(ctx, log_id, key="faq.not_helped.later" if asked else "faq.feedback.unsolved",
                        shown=entry_id, with_shown=True, details=details, asked=asked)
    return True


@router.message(when=is_stray_answer, priority=100)  # 100: never a reason to leave an open form
async def explain_stray_answer(ctx: Context, msg: MessageReceived) -> None:
    """「3」 or 「やめる」 with nothing to answer: explain instead of searching the FAQ. While a
    dialog is open (its handler passed the word on), it is a question as before."""
    if await ctx.active_dialog() is not None:
        await answer_question(ctx, msg)
        return
    if smalltalk.tells_solved(fold(msg.text)) and (thread := await recent_thread(ctx)) is not None \
            and not thread.get("thanked"):
        # 「できました！」 after a person's answer: that Q-n is done.
        await ctx.claim()
        await solved_after_answer(ctx, msg.text, thread)
        return
    await ctx.reply(ctx.t("faq.nothing_pending"))


@router.message(when=smalltalk.is_bot_complaint, priority=100)
async def apologise_for_the_bot(ctx: Context, msg: MessageReceived) -> None:
    """「このボットやくにたたない」: said of the bot itself, not a question for the FAQ or a person
    (never kept as one); an apology and the way to a person, on one line."""
    await ctx.reply(ctx.t("faq.bot_complaint"))


# --- a request for a person -----------------------------------------------------------------
@router.message(when=smalltalk.is_person_request, priority=100)
async def ask_for_person(ctx: Context, msg: MessageReceived) -> None:
    """「人と話したい」: offer to forward the conversation's last question, or ask what to forward."""
    last = await ctx.services.state.get(f"faq.last:{ctx.person.id}")
    now = ctx.services.clock.now().timestamp()
    text = str((last or {}).get("text", "")).strip()
    # Only a question still unresolved is offered (never one the asker said was solved, nor a
    # request for a person or a remark such as 「人にきいてもいいですか」 kept by an older log).
    if (not text or not smalltalk.is_real_question(fold(text)) or smalltalk.is_person_request(fold(text))
            or (last or {}).get("solved") or now - float((last or {}).get("at", 0)) > PERSON_WINDOW_S):
        await ctx.start_dialog("faq.to_person", {})
        await ctx.reply(ctx.t("faq.person.what") + contact_line(ctx))
        return
    # The question kept from that log (its text may carry the FAQ shown: 「…（案内した FAQ…）」), else by its words.
    log_id = (last or {}).get("log_id")
    kept = await ctx.services.faq.find_unanswered_by_log(int(log_id)) if log_id else None
    mine = [kept] if kept is not None and kept.person_id == ctx.person.id else [
        q for q in await ctx.services.faq.list_unanswered((), 50) if q.person_id == ctx.person.id and q.text == text]
    if mine and mine[0].status is not UnansweredStatus.OPEN:
        await ctx.reply(ctx.t("faq.person.already", id=mine[0].id, question=for_asker(ctx, text)[:80],
                              status=ctx.t(f"faq.status.{mine[0].status.value}")))
        return
    question = mine[0] if mine else await ctx.services.faq.add_unanswered(
        text, ctx.person.id, UnansweredStatus.OPEN, ctx.event.conversation.platform,
        ctx.event.conversation.channel_id)
    await ctx.start_dialog("faq.escalate", {"question_id": question.id})
    await ctx.reply(render_not_found(question.id, ctx.lang, "faq.person.offer", question=for_asker(ctx, text)[:120]))


def shows_ids(ctx: Context) -> bool:
    """Admins see the entries' ids (FAQ-107); staff see them named by their question."""
    return ctx.person.role is Role.ADMIN


def for_asker(ctx: Context, text: str) -> str:
    """A kept question as its asker reads it: 「案内した FAQ「…」」 for staff, the id for an admin."""
    return text if shows_ids(ctx) else without_ids(text)


_CONTACT_WORDS_EN = (("内線", "ext. "), ("代表", "main line "), ("メール", "e-mail "), ("電話", "phone "))


def office_contact(ctx: Context) -> str:
    """The office's contact (DXDESK_OFFICE_CONTACT); in English its usual words too (「内線1234」 ->
    "ext. 1234": the setting is written once, in Japanese)."""
    contact = ctx.services.config.office_contact.strip()
    if ctx.lang == "en":
        for ja, en in _CONTACT_WORDS_EN:
            contact = re.sub(rf"{ja}[:：\s]*", en, contact)
        contact = contact.replace("、", ", ").replace("（", " (").replace("）", ")").strip()
    return contact


def contact_line(ctx: Context) -> str:
    """The office's contact (DXDESK_OFFICE_CONTACT) on a line of its own, or "" when not set."""
    contact = office_contact(ctx)
    return f"\n{ctx.t('faq.contact', contact=contact)}" if contact else ""


@router.message(when=smalltalk.is_contact_request, priority=100)
async def show_contact(ctx: Context, msg: MessageReceived) -> None:
    """「電話番号おしえて」「連絡先は？」: the office's contact, or that forwarding is the way."""
    contact = office_contact(ctx)
    await ctx.reply(ctx.t("faq.contact", contact=contact) if contact else ctx.t("faq.contact.unset"))


@router.dialog("faq.to_person")
async def typed_for_person(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """After 「担当者にお聞きになりたい内容を…」: the next message is forwarded as it is."""
    text = clean(msg.text)[: ctx.services.config.max_message_chars]
    if smalltalk.is_cancel(fold(text)) or smalltalk.is_never_mind(fold(text)):
        # 「やっぱりいいです」「大丈夫です」: never forwarded as the question (walk-through: Q-9)
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.person.cancelled"))
        return True
    if smalltalk.is_rsvp(fold(text)):
        await ctx.end_dialog()  # 「出席します」: a meeting's answer, never forwarded as a question
        return False
    if (not has_letters(text) or is_stray_answer(text) or smalltalk.is_person_request(fold(text))
            or not smalltalk.is_real_question(fold(text))):
        await ctx.reply(ctx.t("faq.person.what"))
        return True
    log_id = await ctx.services.faq.log_question(ctx.person.id, text, "person", "", 0.0,
                                                 note=last_question(ctx, text))
    await offer_forwarding(ctx, text, log_id, forward=True)
    await meanwhile_from_the_faq(ctx, text)
    return True


async def meanwhile_from_the_faq(ctx: Context, text: str) -> None:
    """A question written for a person (「ぱそこんがおそい」) that the FAQ answers surely: forwarded as
    asked, and the FAQ's answer shown too, to try while waiting (no 「解決しましたか？」: a person answers)."""
    hits = await ctx.services.search.search(text, limit=5)
    if not hits or ctx.services.search.decide(hits, text) != "answer":
        return
    entry = await ctx.services.faq.get_entry(hits[0][0])
    if entry is not None:
        await ctx.reply(Reply(title=entry.question, text=f"{ctx.t('faq.person.meanwhile')}\n{entry.answer}"))


# --- the asker's own questions --------------------------------------------------------------
@router.message(when=smalltalk.is_status_check, priority=100)
async def show_my_questions_on_asking(ctx: Context, msg: MessageReceived) -> None:
    """「さっきの質問どうなった？」「返事きた？」: the asker's forwarded questions and their status."""
    await show_my_questions(ctx)


@router.message(when=smalltalk.is_question_status, priority=100)
async def show_question_status(ctx: Context, msg: MessageReceived) -> None:
    """「Q-4の状況は？」「Q4どうなった」: the status of that request (the asker's own; an admin or a
    liaison may look up any), never a new FAQ question."""
    number = smalltalk.status_question_id(fold(msg.text)) or 0
    question = await ctx.services.faq.get_unanswered(number)
    if question is None or (question.person_id != ctx.person.id and not ctx.person.has_role(Role.LIAISON)):
        await ctx.reply(ctx.t("faq.status.unknown", id=number))  # someone else's: as if unknown
        return
    tz = ctx.services.calendar.tz if ctx.services.calendar is not None else None
    asker = answerer = ""
    if ctx.person.has_role(Role.LIAISON):  # 「Q-9みせて」 by the office: who asked, who answered
        people = {p.id: p for p in await ctx.services.people.list()}
        asker = _person_name(ctx, people.get(question.person_id) if question.person_id else None)
        answerer = _person_name(ctx, people.get(question.answered_by)) if question.answered_by else ""
    await ctx.reply(render_question_status(question, ctx.lang, tz, asker, answerer))


def _person_name(ctx: Context, person: Person | None) -> str:
    """「山田（税務課）」; 「不明」 for someone no longer registered."""
    if person is None:
        return ctx.t("faq.unknown_person")
    name = person.display_name or str(person.id)
    return f"{name}（{person.department}）" if person.department and ctx.lang != "en" else \
        (f"{name} ({person.department})" if person.department else name)


# 「/dx FAQ 自分」 (自分 is an alias of me); shown in the staff's help examples, not as a command list.
@router.command("faq me", audit=False)
@router.command("faq mine", audit=False)
async def my_questions_command(ctx: Context, args: str) -> None:
    """`/dx FAQ 自分`: my questions handed to a person (Q-n, status, when asked)."""
    await show_my_questions(ctx)


async def show_my_questions(ctx: Context) -> None:
    """List the person's own questions that went to a person, newest first."""
    # Forwarded (or answered) ones, and questions still waiting to be forwarded; never a filler
    # (「うーん、わかんない。人に聞きたい」) that was kept but is no question.
    mine = [q for q in await ctx.services.faq.list_unanswered((), 200) if q.person_id == ctx.person.id
            and (q.status is not UnansweredStatus.OPEN or smalltalk.is_real_question(fold(q.text)))]
    tz = ctx.services.calendar.tz if ctx.services.calendar is not None else None
    await ctx.reply(render_my_questions(mine[:MY_QUESTIONS_SHOWN], ctx.lang, tz, ids=shows_ids(ctx)))


# --- asking -------------------------------------------------------------------------------
# Question-log outcomes beside the search's decisions (answer / candidates / none): told which
# section to ask instead (「児童手当は子育て支援課に…」), or told what the desk is for (「おやつ食べたい」).
OTHER_DESK, OUTSIDE = "other_desk", "outside"


@router.message(priority=0, claims=True)
async def answer_question(ctx: Context, msg: MessageReceived) -> None:
    """Search the FAQ and answer, offer candidates, or offer to forward the question.

    The question is logged, the delivery claimed and the asker's next dialog set in one
    transaction: the whole database cost of an answered question."""
    text = clean(msg.text)
    if not text:
        raise UserFacingError("input.empty")
    if not has_letters(text):
        raise UserFacingError("input.no_text")
    limit = ctx.services.config.max_message_chars
    if len(text) > limit:
        text = text[:limit]
        await ctx.reply(ctx.t("input.too_long", limit=limit))
    folded = fold(text)
    if ctx.lang != "en" and writes_english(text):
        # "How do I connect to the VPN from home?" from someone whose replies are in Japanese: from
        # now on in English (kept, as `/dx lang en`), said once in both languages with the way back.
        ctx.person.language = ctx.lang = "en"
        await ctx.services.people.save(ctx.person)
        await ctx.reply(ctx.t("lang.switched_by_writing"))
    if vocabulary.says_later(text):
        # 「いそがしいのでまたあとで」: about the person's own time, never a question (no search, no
        # section's desk for a word such as 後, nothing logged); say how to pick up where they were.
        await ctx.claim()
        await ctx.reply(ctx.t("faq.later"))
        return
    if (not smalltalk.is_real_question(folded) or smalltalk.is_rsvp(folded) or smalltalk.is_thanks(folded)
            or typed_question_number(text) is not None):
        # 「123」「4番の質問」「はい」 passed on by an open dialog, 「出席で！」 with no meeting asking: no question
        # to search, log, or keep for a person (the unanswered list holds questions only).
        await ctx.claim()
        # 「理解している」 with no poll asking: say where the answer goes, not 「ご質問でしたら…」 alone.
        stray = smalltalk.is_stray_poll_answer(folded)
        await ctx.reply(ctx.t("faq.stray_poll_answer" if stray else "faq.not_a_question"))
        return
    if (thread := await answered_thread(ctx, text)) is not None and await continue_thread(ctx, text, thread):
        return
    previous, previous_entry = await previous_question(ctx, text)
    excerpt: list[str] = []
    if previous:
        hits, decision = await follow_up_hits(ctx, text, previous, previous_entry)
        if decision == "shown":
            # 「それってアンケートにもつかえる？」 after the LoGoフォーム answer, which says so: the
            # sentences of that answer, not another product's entry that also names アンケート.
            shown = await ctx.services.faq.get_entry(previous_entry)
            excerpt = answer_lines(shown, ctx.services.search.topic_terms(text)) if shown else []
            decision = "answer"
    else:
        hits = await ctx.services.search.search(text, limit=5)
        decision = ctx.services.search.decide(hits, text)
    top_id, top_score = hits[0] if hits else ("", 0.0)
    # Small talk is never handed to a person (nor offered candidates); nor is another section's
    # work (有給休暇, 旅費: told where to ask), nor a message outside the desk's domain.
    chitchat = decision != "answer" and smalltalk.is_chitchat(fold(text))
    desk = (ctx.services.search.other_desk(text, hits, ctx.person.department)
            if decision != "answer" and not chitchat else None)
    # A follow-up of a work question (「それってスマホでもできる？」) is never 「outside the desk」.
    outside = (decision == "none" and not chitchat and desk is None and not previous
               and ctx.services.search.outside_domain(text))
    turned_away = chitchat or desk is not None or outside
    entry = await ctx.services.faq.get_entry(top_id) if decision == "answer" else None
    candidates: list[FaqEntry] = []
    if entry is None and decision in ("answer", "candidates") and not turned_away:
        candidates = [e for i, _ in hits[:3] if (e := await ctx.services.faq.get_entry(i)) is not None]
    # 「PCがないときはVPNどうすれば？」 soon after a person answered this asker about VPN: no pointing
    # word, no sure answer, and a subject it shares with that answer is in none of the candidates:
    # it goes to the people who answered as a follow-up of that Q-n (kept with this question's log
    # row), not to a fresh offer or to candidates about something else.
    # The state is read only when some topic word of the message is in none of the candidates (an
    # answered or well-met question costs no read: tests/integration/test_bursts.py).
    thread: dict[str, Any] | None = None
    if entry is None and not turned_away and not previous:
        offered = [fold(f"{e.question} {' '.join(e.alternates)}") for e in candidates]
        lacking = [term for term in (fold(t) for t in ctx.services.search.topic_terms(text))
                   if not any(term in said for said in offered)]
        if lacking and (thread := await recent_thread(ctx)) is not None:
            shared = shared_topic(ctx, text, f"{thread.get('question', '')} {thread.get('answer', '')}")
            if any(term in lacking for term in shared):
                candidates = []
            else:
                thread = None
    dialog: tuple[str, str, dict] | None = None
    if entry is not None:
        dialog = (ctx.dialog_key, "faq.feedback", {"entry_id": entry.id})
    elif candidates:
        dialog = (ctx.dialog_key, "faq.pick", {"ids": [e.id for e in candidates]})
    expected = ctx.dialog_expectation()
    # The dialog's start time (for its expiry) by the desk's clock, as `Context.start_dialog` writes it.
    at = ctx.services.clock.now().isoformat()
    # Routed to another section or turned away as outside the desk: logged as such (in the same row,
    # no extra write), so the FAQ summary does not count them as the office's unanswered matters.
    logged = OTHER_DESK if desk is not None else OUTSIDE if outside else decision
    log_id = await ctx.services.faq.log_question(
        ctx.person.id, text, logged, top_id, top_score, claim=ctx.take_claim(), dialog=dialog,
        expect=(ctx.dialog_key, expected[0]) if expected is not None else None, dialog_at=at,
        # Only a real question is what a later 「担当者につないで」 forwards (never 「うーん、５件かな」).
        note=None if turned_away or not smalltalk.is_real_question(fold(text)) else last_question(
            ctx, await follow_up_text(ctx, previous, previous_entry, text) if previous else text,
            entry.id if entry is not None else "", asked=text,
            origin=(previous, previous_entry) if previous else None, offered=[e.id for e in candidates]))
    if dialog is not None:
        ctx.dialog_written({"kind": dialog[1], "data": {**dialog[2], "log_id": log_id}, "at": at})
    if chitchat:
        await ctx.reply(ctx.t("faq.smalltalk"))
        return
    if desk is not None:
        # 有給休暇 or 旅費: another section's work; say where to ask instead of forwarding it here.
        english = ctx.lang == "en"
        await ctx.reply(ctx.t("faq.other_desk", name=desk.name_en if english and desk.name_en else desk.name,
                              about=desk.about_en if english and desk.about_en else desk.about))
        return
    if outside:
        await ctx.reply(ctx.t("faq.outside"))  # 「おやつ食べたい」: not a work question, not forwarded
        return
    if entry is not None:
        await ctx.reply(render_answer(entry, log_id, ctx.lang, excerpt=excerpt, ids=shows_ids(ctx)))
        return
    if thread is not None:
        await continue_thread(ctx, text, thread, log_id=log_id)
        return
    if candidates:
        await ctx.reply(render_candidates(candidates, log_id, ctx.lang))
        return
    # 「家からだとつながらない」: a computer trouble that names nothing (no longer turned away): a
    # person can ask what, and naming it may find the FAQ's entry.
    unnamed = not previous and ctx.services.search.unnamed_trouble(text)
    await offer_forwarding(ctx, text, log_id, key="faq.none.unnamed" if unnamed else "faq.none")


# --- a reply to an answer a person gave (eleventh round) ------------------------------------------
def thread_key(person_id: int) -> str:
    """State key: the last answer a person gave this member of staff (Q-n, question, answer, when)."""
    return f"faq.answered_to:{person_id}"


async def recent_thread(ctx: Context) -> dict[str, Any] | None:
    """The answer a person gave this member of staff within DXDESK_FOLLOWUP_HOURS, if any."""
    hours = ctx.services.config.followup_hours
    if hours <= 0:
        return None
    thread = await ctx.services.state.get(thread_key(ctx.person.id))
    if not thread or ctx.services.clock.now().timestamp() - float(thread.get("at", 0)) > hours * 3600:
        return None
    return thread


async def answered_thread(ctx: Context, text: str) -> dict[str, Any] | None:
    """The answer *text* replies to: a message that reads as a reply (thanks then a question,
    でも／あと, a pointing word) and is about that answer (shares a topic word with its question or
    answer, points back, or acknowledges it first), within the window. Only such messages read the
    state: an ordinary question costs nothing more."""
    folded = fold(text)
    if not smalltalk.sounds_like_reply(folded) and not smalltalk.tells_solved(folded):
        return None
    thread = await recent_thread(ctx)
    if thread is None:
        return None
    if (smalltalk.starts_with_ack(folded) or smalltalk.tells_solved(folded)
            or refers_to(ctx, text, f"{thread.get('question', '')} {thread.get('answer', '')}")):
        return thread
    return None


def after_ack(text: str) -> str:
    """「ありがと、でもPCがないときはどうすれば？」 → 「でもPCがないときはどうすれば？」: what is asked."""
    parts = re.split(r"[、,。!！\s]+", text.strip(), maxsplit=1)
    return parts[1] if len(parts) == 2 and smalltalk.starts_with_ack(fold(parts[0])) and parts[1].strip() else text


async def continue_thread(ctx: Context, text: str, thread: dict[str, Any], log_id: int | None = None) -> bool:
    """A reply to Q-n's answer asking more: answered from the FAQ when it has a sure answer (False:
    the desk answers as usual); else kept as a follow-up of Q-n (its text names Q-n, the question and
    the answer) and passed on to the people who answer, and the asker is told so. *log_id*: the
    question log row of *text* when the desk searched and logged it already (no second search)."""
    if smalltalk.tells_solved(fold(text)):
        # 「ＰＣ－２３４５６です。強制終了したら動きました！」: the trouble is gone — Q-n is done, and the
        # person who answered is told what was said (not a new question waiting for an answer).
        await ctx.claim()
        await solved_after_answer(ctx, text, thread)
        return True
    if log_id is None:
        asked = after_ack(text)
        hits = await ctx.services.search.search(asked, limit=5)
        if ctx.services.search.decide(hits, asked) == "answer":
            return False
    await ctx.claim()
    previous_id = int(thread.get("question_id") or 0)
    written = ctx.t("faq.thread.question", question=text, id=previous_id,
                    previous=str(thread.get("question", ""))[:60], answer=str(thread.get("answer", ""))[:80])
    question = await ctx.services.faq.add_unanswered(
        written, ctx.person.id, UnansweredStatus.OPEN, ctx.event.conversation.platform,
        ctx.event.conversation.channel_id, log_id=log_id)
    await forward_question(ctx, question.id, done=("faq.thread.forwarded", {"previous_id": previous_id}))
    return True


async def solved_after_answer(ctx: Context, text: str, thread: dict[str, Any]) -> None:
    """The asker says the trouble of Q-n (answered by a person) is gone: the thread is closed as
    thanks close it, and the person who answered (else the office) gets the asker's words."""
    question_id = int(thread.get("question_id") or 0)
    await ctx.services.state.put(thread_key(ctx.person.id), {**thread, "thanked": True})
    question = await ctx.services.faq.get_unanswered(question_id) if question_id else None
    if question is not None and question.answered_by is not None:
        targets = [Destination("", "person", str(question.answered_by))]
    else:
        targets, _ = await escalation_targets(ctx, ctx.person)
    office_lang = ctx.services.config.default_language
    note = Reply(text=t("faq.thread.solved_note", office_lang, id=question_id, words=text[:300],
                        asker=ctx.person.display_name or t("faq.unknown_person", office_lang)))
    for target in targets:
        await ctx.send(target, note, dedupe_key=f"faq.solved:{question_id}:{ctx.person.id}:{target.address}")
    await ctx.reply(ctx.t("faq.thread.solved", id=question_id, question=str(thread.get("question", ""))[:40]))


async def previous_question(ctx: Context, text: str) -> tuple[str, str]:
    """The question *text* follows up and the entry answered last ("" when none), when *text* is a
    follow-up; ("", "") otherwise. After a follow-up this is still the *original* question (「パス
    ワードがロックされた」 for 「じゃあタブレットは？」 after 「それってスマホでもできる？」), never the
    follow-up written out with its own context: the context stays one level deep."""
    if not smalltalk.is_follow_up(fold(text)):
        return "", ""
    last = await ctx.services.state.get(f"faq.last:{ctx.person.id}")
    now = ctx.services.clock.now().timestamp()
    if not last or now - float(last.get("at", 0)) > FOLLOW_UP_WINDOW_S:
        return "", ""
    origin = str(last.get("origin") or last.get("asked") or last.get("text", ""))
    # The answer given last (the follow-up's own, if one answered it), else the original's.
    entry = str(last.get("entry") or last.get("origin_entry") or "")
    said = [origin, str(last.get("asked", ""))]
    for entry_id in {entry, str(last.get("origin_entry") or "")} | set(last.get("offered") or []):
        if entry_id and (shown := await ctx.services.faq.get_entry(str(entry_id))) is not None:
            said += [shown.question, shown.answer]
    if not refers_to(ctx, text, " ".join(said)):
        # 「じゃあ会議室の予約は？」 right after a VPN answer: a new question, never searched within
        # the VPN topic nor tagged 「直前の質問…について」 (eleventh round).
        return "", ""
    return origin[:SUGGEST_MAX_CHARS], entry


def shared_topic(ctx: Context, text: str, earlier: str) -> list[str]:
    """The topic words of *text* that *earlier* also names, folded (stricter than
    :func:`refers_to`: a pointing word or a topicless message shares nothing)."""
    before = fold(earlier)
    before_terms = {fold(term) for term in ctx.services.search.topic_terms(earlier)}
    return [term for term in (fold(t) for t in ctx.services.search.topic_terms(text))
            if term in before or term in before_terms]


def refers_to(ctx: Context, text: str, earlier: str) -> bool:
    """*text* is about what was *earlier* said (a question, the answer given): it points back
    (それ, さっき, 同じ, a bare 「期限は？」), names no topic of its own, shares a topic word with it,
    or asks the same again about one new word (「Teamsは？」). A lead word alone (あと, じゃあ,
    ちなみに, でも) before a question with topics of its own does not make it a follow-up."""
    folded = fold(text)
    if smalltalk.leans_on_previous(folded):
        return True
    terms = [fold(term) for term in ctx.services.search.topic_terms(text)]
    if not terms:
        return True
    before = fold(earlier)
    before_terms = {fold(term) for term in ctx.services.search.topic_terms(earlier)}
    if any(term in before or term in before_terms for term in terms):
        return True
    return len(terms) == 1 and smalltalk.asks_again_about(folded)


# How far down the ranking of the new words alone an entry may be to count as about them (and
# twice as far down the previous topic's ranking, which is wider: テレワーク covers LGWAN, VPN …).
FOLLOW_UP_RANKS = 5


async def follow_up_hits(ctx: Context, text: str, previous: str,
                         previous_entry: str) -> tuple[list[tuple[str, float]], str]:
    """Hits and decision for a follow-up (「それってZoomでも同じ？」 after a telework answer).

    A follow-up asks about its own words *within* the previous topic: the entries that are both
    near the previous question (with the entry that answered it) and near the new words come
    first, the entry already shown is not offered again, and when exactly one entry is both, it is
    the answer. A message that alone is a confident answer and points back at nothing
    (「じゃあExcelでグラフを作るには？」) is a new question and is not mixed with the old one."""
    search = ctx.services.search
    own = await search.search(text, limit=FOLLOW_UP_RANKS)
    if search.decide(own, text) == "answer" and not smalltalk.points_back(fold(text)):
        return own, "answer"
    shown = await ctx.services.faq.get_entry(previous_entry) if previous_entry else None
    # The topic in the FAQ's own words: the entry that answered (its answer names what the casual
    # question did not: 「テレワークしたい」 -> リモートデスクトップ, LGWAN接続系端末).
    topic = set() if shown is None else {
        i for i, _ in await search.search(f"{shown.question} {shown.answer}", limit=2 * FOLLOW_UP_RANKS)}
    offered: list[FaqEntry] = []
    if shown is None:
        # After a list of candidates (no entry answered), the topic is those candidates and the
        # previous question's neighbours: 「それってスマホでもできる？」 after the COUNTIF candidates
        # is not 「スマートフォンを紛失したとき」 (walk-through 1205).
        last = await ctx.services.state.get(f"faq.last:{ctx.person.id}") or {}
        offered = [e for i in last.get("offered") or [] if (e := await ctx.services.faq.get_entry(str(i)))]
        if offered:
            topic = {e.id for e in offered} | {i for i, _ in await search.search(previous, limit=2 * FOLLOW_UP_RANKS)}
    if shown is not None and smalltalk.points_back(fold(text)) and answer_lines(shown, search.topic_terms(text)):
        # The answer just shown speaks of every word the follow-up asks about (「それってアンケート
        # にもつかえる？」 after LoGoフォーム, whose answer names アンケート): it is the answer, quoted
        # where it says so (see `answer_lines`), never another entry naming the same word.
        return [(shown.id, 1.0)], "shown"
    # Last, so that the search service reads later checks (domain, other desks) with the context.
    hits = await search.search(text, limit=FOLLOW_UP_RANKS + 3, context=previous)
    decision = search.decide(hits[:5], text)
    own_ids = {i for i, _ in own}
    both = [h for h in hits if h[0] in topic and h[0] in own_ids and h[0] != previous_entry]
    if shown is not None and shown.category:
        # Within the topic means within the answered entry's category too: 「それってスマホでもできる？」
        # after the password entry (アカウント) is not the telework entry (端末・ネットワーク) that
        # happens to name スマートフォン and パスワード; 「それってZoomでも同じ？」 after telework is.
        same = {h[0] for h in both if (e := await ctx.services.faq.get_entry(h[0])) is not None
                and e.category == shown.category}
        both = [h for h in both if h[0] in same]
    elif offered:
        categories = {e.category for e in offered if e.category}
        same = {h[0] for h in both if (e := await ctx.services.faq.get_entry(h[0])) is not None
                and (not categories or e.category in categories)}
        both = [h for h in both if h[0] in same]
    if wanted := smalltalk.aspect_words(fold(text)):
        # 「費用はかかる？」 after telework: an entry of the topic that says nothing of a cost does not
        # answer it (the laptop loan is near both, but names no cost).
        says = {h[0] for h in both if (e := await ctx.services.faq.get_entry(h[0])) is not None
                and any(w in f"{e.question} {e.answer}" for w in wanted)}
        both = [h for h in both if h[0] in says]
    if not both and (shown is not None or offered) and smalltalk.points_back(fold(text)):
        # 「それってスマホでもできる？」 after the password answer: it asks about *that* answer. No
        # entry near both the topic and the new words means the FAQ does not say (never 「スマホを
        # 紛失したとき」 found by the new words alone, nor the answer already shown): offer a person,
        # with the previous question (see `follow_up_text`).
        return hits[:5], "none"
    if not both or decision == "none":
        return hits[:5], decision
    rest = [h for h in hits if h not in both and h[0] != previous_entry]
    ranked = [(i, max(s, hits[0][1])) if n == 0 else (i, s) for n, (i, s) in enumerate(both + rest)][:5]
    # Only an answered topic narrows to one entry; after a list of candidates it is only an order.
    return ranked, "answer" if len(both) == 1 and shown is not None else "candidates"


# The sentences of an answer, for quoting the ones a follow-up asks about.
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n")
EXCERPT_SENTENCES = 2


def answer_lines(entry: FaqEntry, terms: list[str]) -> list[str]:
    """The sentences (at most two) of *entry*'s answer that name the follow-up's topic *terms*,
    when the entry names every one of them; [] otherwise (also for no terms: 「それって土日でも？」
    names no topic the answer could be searched for)."""
    if not terms:
        return []
    said = fold(f"{entry.question} {entry.answer}")
    folded = [fold(term) for term in terms]
    if not all(term in said for term in folded):
        return []
    sentences = [s.strip() for s in _SENTENCE_END.split(entry.answer) if s and s.strip()]
    return [s for s in sentences if any(term in fold(s) for term in folded)][:EXCERPT_SENTENCES]


def last_question(ctx: Context, text: str, entry_id: str = "", asked: str = "",
                  origin: tuple[str, str] | None = None, offered: list[str] | None = None) -> tuple[str, dict[str, Any]]:
    """The state record keeping the question (with what it followed up, and the entry that
    answered it) for the next follow-up; written with the question's log entry. *asked* is the
    message itself when *text* is a follow-up written out with its previous question; *origin* is
    (original question, the entry answered before) for a follow-up: a follow-up of a follow-up
    reads within the same original question. *offered*: the candidates listed (no entry answered):
    a follow-up then reads within them (「それってスマホでもできる？」 after the COUNTIF candidates)."""
    record: dict[str, Any] = {"text": text[-SUGGEST_MAX_CHARS:], "entry": entry_id, "asked": asked or text,
                              "at": ctx.services.clock.now().timestamp()}
    if offered:
        record["offered"] = list(offered)
    if origin is not None:
        record["origin"], record["origin_entry"] = origin
    return f"faq.last:{ctx.person.id}", record


async def follow_up_text(ctx: Context, previous: str, previous_entry: str, text: str) -> str:
    """A follow-up written out with what it follows (「それってスマホでもできる？（直前の質問「パスワード
    がロックされた」、案内した FAQ-096「…」について）」): what the office receives and a draft made
    from it carries, never 「それってスマホでもできる？」 alone. Starts with the message itself (a
    list cut at 80 characters still shows it)."""
    entry = await ctx.services.faq.get_entry(previous_entry) if previous_entry else None
    if entry is not None:
        return ctx.t("faq.follow_up.question_after_entry", previous=previous[:60], entry_id=entry.id,
                     entry=entry.question[:40], question=text)
    return ctx.t("faq.follow_up.question", previous=previous[:60], question=text)


async def asked_text(ctx: Context, text: str) -> str:
    """The question to keep for a person: the follow-up written out with its previous question
    when *text* is the person's last message and was a follow-up; else *text*."""
    last = await ctx.services.state.get(f"faq.last:{ctx.person.id}") or {}
    if text and last.get("asked") == text and str(last.get("text", "")).startswith(text):
        return str(last.get("text"))
    return text


async def offer_forwarding(ctx: Context, text: str, log_id: int, key: str = "faq.none",
                           forward: bool = False, shown: str = "", said: str = "unsolved", asked: str = "") -> None:
    """Store the question as unanswered and ask whether to forward it to a person (with
    *forward*, the asker already asked for that: forward it at once). *asked*: the question as
    the asker typed it, named in the reply instead of the text kept for the office."""
    existing = await ctx.services.faq.find_unanswered_by_log(log_id)
    folded = fold(text)
    if existing is None and (not smalltalk.is_real_question(folded) or smalltalk.is_rsvp(folded)):
        # Only a question is kept for a person (an older log may hold 「参加しまーす」).
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.not_a_question"))
        return
    question = existing or await ctx.services.faq.add_unanswered(
        await asked_text(ctx, text), ctx.person.id, UnansweredStatus.OPEN, ctx.event.conversation.platform,
        ctx.event.conversation.channel_id, log_id=log_id,
    )
    if forward:
        await forward_question(ctx, question.id, shown, said)
        return
    # `shown`: the FAQ entry shown before (the office is told which one, and what the asker said of it).
    await ctx.start_dialog("faq.escalate", {"question_id": question.id, "shown": shown, "said": said})
    await ctx.reply(render_not_found(question.id, ctx.lang, key, question=for_asker(ctx, asked or question.text)[:120]))


# --- typed answers while a FAQ dialog is open ---------------------------------------------
@router.dialog("faq.feedback", claims=True, buttons=True)
async def typed_feedback(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「はい」/「いいえ」 typed after an answer, or a button's label: 「解決した」, 「担当者に転送する」
    (anything else is a new question)."""
    log_id = int(data["log_id"])
    if smalltalk.is_person_request(fold(msg.text)):
        # Asked for a person without answering 「解決しましたか？」: the office is told only that.
        await ctx.claim()
        await mark_unsolved(ctx, log_id, key="faq.person.offer", shown=str(data["entry_id"]), said="person")
        return True
    if msg.text in FORWARD_WORDS:  # before 「はい」: the shared word sets count 「転送して」 as a yes
        # 「担当者に転送する」 typed under 「解決しましたか？」: a person asked for, not a 「いいえ」 — the
        # office is not told the answer did not help (walk-through 2026-12-06, thirteenth round).
        await ctx.claim()
        await mark_unsolved(ctx, log_id, forward=True, shown=str(data["entry_id"]), said="person")
        return True
    if msg.text in KEEP_WORDS or mentions(msg.text, UNSOLVED_TYPED, smalltalk.is_no, smalltalk.is_not_helped):
        # 「全然だめでした」「うまくいかない」: this answer did not help; what is offered (and forwarded)
        # is the original question with the entry shown, never the complaint itself.
        await ctx.claim()
        await mark_unsolved(ctx, log_id, shown=str(data["entry_id"]), with_shown=True)
        return True
    helped_not, details = not_helped_details(msg.text)
    if helped_not:
        # 「ぜんぜんダメ、その通りにやってもボタンがでてこない」: the same, with what happened.
        await ctx.claim()
        await mark_unsolved(ctx, log_id, shown=str(data["entry_id"]), with_shown=True, details=details)
        return True
    if reads_as(msg.text, SOLVED_TYPED, smalltalk.is_yes, smalltalk.is_thanks):
        await ctx.claim()
        await mark_solved(ctx, log_id, str(data["entry_id"]))
        return True
    # 「はい、回答です」「いいえ、まだです」: the reply to 「解決しましたか？」 is its first word.
    if starts_with(msg.text, smalltalk.is_no):
        await ctx.claim()
        # 「いいえ、再起動してもだめでした」: what happened goes with the question to the person
        # (walk-through 2026-12-06, thirteenth round: it was dropped).
        details = said_after_no(msg.text)
        await mark_unsolved(ctx, log_id, shown=str(data["entry_id"]), with_shown=bool(details), details=details)
        return True
    if starts_with(msg.text, smalltalk.is_yes) and not mentions(msg.text, UNSOLVED_TYPED, smalltalk.is_no,
                                                                smalltalk.is_yes):
        await ctx.claim()
        await mark_solved(ctx, log_id, str(data["entry_id"]))
        return True
    if smalltalk.is_acknowledgement(fold(msg.text)):
        # 「そうですか、わかりました」: heard, not said to be solved (nothing recorded as 解決).
        await ctx.claim()
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.acknowledged"))
        return True
    number = bare_number(msg.text)
    if number is not None:
        # 「1」/「2」 typed where the console no longer maps the buttons (a later session): that
        # button; 「3」 under [1] はい [2] いいえ: say which numbers there are.
        await ctx.claim()
        if number == 1:
            await mark_solved(ctx, log_id, str(data["entry_id"]))
        elif number == 2:
            await mark_unsolved(ctx, log_id, shown=str(data["entry_id"]), with_shown=True)
        else:
            await ctx.reply(ctx.t("faq.choose_number", last=2))
        return True
    return await said_of_the_answer(ctx, msg, data)


# 「さっきのやつもう少しくわしく」「もっと詳しく教えて」: more than the answer shown, of the same entry
# (nothing else left once the pointing words and the request are taken away).
_MORE_DETAIL = re.compile(r"(?:もう少し|もうすこし|もうちょっと|もうちょい|もっと|さらに)?(?:詳しく|くわしく|詳細に?|具体的に|ぐたいてきに)")
_MORE_DETAIL_REST = re.compile(
    r"さっき|先ほど|さきほど|その|この|それ|これ|今の|いまの|やつ|回答|答え|こたえ|説明|せつめい|内容|ところ|とこ"
    r"|の|を|は|が|について|教えて|おしえて|知りたい|しりたい|ほしい|欲しい|ください|下さい|もらえ(?:る|ます)(?:か)?"
    r"|お願い(?:します)?|おねがい(?:します)?|です|ます|かな|[、,。.!！?？\sー〜~…]")
# 「もういい、電話する」「自分で電話します」: giving the chat up for the phone.
_BY_PHONE_MYSELF = re.compile(
    r"^(?:もういい(?:です|や|よ|わ)?|もうええ(?:わ|や|です)?|いいです|もう大丈夫|大丈夫です)?[、,。\s]*(?:自分で|じぶんで|直接|ちょくせつ)?"
    r"(?:電話|でんわ)(?:します|する|しよう|してみます|してみる|で聞きます|できく|で聞く|で聞いてみる|できいてみる)"
    r"(?:わ|よ|ね|から|んで|ので)?[。!！\s]*$")  # 「電話するわ」: casual endings too
_CLAUSES = re.compile(r"[、,。！!？?\s]+")


async def said_of_the_answer(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """Under 「解決しましたか？」, what else is said of the answer just shown: 「もう少しくわしく」 (the
    FAQ has no more: a person is offered, with the entry shown), 「なおらない、だれかきて」 (did not
    help + a person: offered at once), 「もういい、電話する」 (the office's contact). Anything else
    ends the prompt and is a message of its own (False)."""
    log_id, shown = int(data["log_id"]), str(data["entry_id"])
    text = fold(msg.text)
    if _MORE_DETAIL.search(text) and not _MORE_DETAIL_REST.sub("", _MORE_DETAIL.sub("", text)):
        await ctx.claim()
        await mark_unsolved(ctx, log_id, key="faq.more_detail", shown=shown, said="person", with_shown=True)
        return True
    clauses = [c for c in _CLAUSES.split(text) if c]
    if len(clauses) > 1 and any(smalltalk.is_person_request(c) for c in clauses) and any(
            smalltalk.is_not_helped(c) or c in UNSOLVED_TYPED for c in clauses):
        await ctx.claim()
        await mark_unsolved(ctx, log_id, key="faq.feedback.unsolved", shown=shown, with_shown=True)
        return True
    if _BY_PHONE_MYSELF.match(text):
        await ctx.claim()
        await ctx.end_dialog()
        contact = office_contact(ctx)
        await ctx.reply(ctx.t("faq.by_phone", contact=contact) if contact else ctx.t("faq.by_phone.unset"))
        return True
    await ctx.end_dialog()
    return False


@router.dialog("faq.pick", claims=True, buttons=True)
async def typed_pick(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """A candidate typed (「2」「2番」「にばん」, or its question), 「どれでもない」, 「担当者に転送する」 or
    「解決しました」 typed after the candidate list."""
    ids = [str(i) for i in data.get("ids", [])]
    log_id = int(data["log_id"])
    entries = [await ctx.services.faq.get_entry(i) for i in ids]
    number = typed_choice(msg.text, [e.question if e is not None else i for e, i in zip(entries, ids, strict=True)])
    if number is not None:
        await ctx.claim()
        await pick_candidate(ctx, log_id, ids[number - 1])
        return True
    if smalltalk.is_person_request(fold(msg.text)):
        await ctx.claim()
        await none_fit(ctx, log_id, key="faq.person.offer")
        return True
    if msg.text in FORWARD_WORDS:
        await ctx.claim()
        await none_fit(ctx, log_id, forward=True)
        return True
    if (mentions(msg.text, NONE_OF_THEM_TYPED, UNSOLVED_TYPED, smalltalk.is_none_of_them, smalltalk.is_no)
            or typed_choice(msg.text, ids + [""]) == len(ids) + 1):
        await ctx.claim()
        await none_fit(ctx, log_id)
        return True
    if (reads_as(msg.text, smalltalk.is_thanks, smalltalk.is_acknowledgement)
            and not is_stray_answer(msg.text) and not smalltalk.is_yes(fold(msg.text))):
        # 「ありがとう！助かった」「なるほど」 with no candidate picked: a friendly reply, never counted
        # as 解決 (it inflated the resolution rate); the candidates' buttons still work.
        await ctx.claim()
        await ctx.end_dialog()
        thanks = any(smalltalk.is_thanks(fold(c)) for c in clauses(msg.text))
        await ctx.reply(ctx.t("faq.thanks" if thanks else "faq.acknowledged"))
        return True
    if reads_as(msg.text, SOLVED_TYPED):
        # 「解決しました」 without picking one (the list itself was enough): no entry to credit, no phrasing.
        await ctx.claim()
        await ctx.end_dialog()
        await ctx.services.faq.set_question_feedback(log_id, "solved")
        await note_solved(ctx, log_id)
        await ctx.reply(ctx.t("faq.feedback.thanks"))
        return True
    if (is_stray_answer(msg.text) or smalltalk.is_yes(fold(msg.text))) and not smalltalk.is_cancel(fold(msg.text)):
        # 「はい」「OK」 with the list on screen: the only candidate, else ask which (the list is
        # shown again; never 「no buttons」 while they are there).
        await ctx.claim()
        shown = [e for e in entries if e is not None]
        if len(shown) == 1:
            await pick_candidate(ctx, log_id, shown[0].id)
        else:
            await ctx.reply(render_candidates(shown, log_id, ctx.lang, "faq.candidates.which", count=len(shown)))
        return True
    await ctx.end_dialog()
    return False


@router.dialog("faq.escalate", buttons=True)
async def typed_escalation(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「はい」「担当者に転送する」 forward the question, 「いいえ」「転送しない」 keep it for FAQ
    improvement only."""
    folded = fold(msg.text)
    if (msg.text in KEEP_WORDS or smalltalk.is_no(folded) or smalltalk.is_cancel(folded)
            or smalltalk.is_never_mind(folded) or mentions(msg.text, smalltalk.is_no, smalltalk.is_never_mind)):
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.escalate.cancelled"))
        return True
    if (msg.text in FORWARD_WORDS or smalltalk.is_yes(folded) or smalltalk.is_person_request(folded)
            or mentions(msg.text, smalltalk.is_yes, FORWARD_WORDS)):
        await forward_question(ctx, int(data["question_id"]), str(data.get("shown", "")), str(data.get("said", "")))
        return True
    number = bare_number(msg.text)
    if number is not None:
        # 「1」/「2」 where the console no longer maps the buttons: [1] 転送する [2] 転送しない;
        # 「3」 under two buttons: say which numbers there are.
        if number == 1:
            await forward_question(ctx, int(data["question_id"]), str(data.get("shown", "")),
                                   str(data.get("said", "")))
        elif number == 2:
            await ctx.end_dialog()
            await ctx.reply(ctx.t("faq.escalate.cancelled"))
        else:
            await ctx.reply(ctx.t("faq.choose_number", last=2))
        return True
    if wants_a_person(msg.text):
        # 「なおらない、だれかきて」「もう少しくわしく」「ぜんぜんだめ。人にきいていい？」 at the prompt:
        # 転送する for the question discussed (never kept again as a new question).
        await forward_question(ctx, int(data["question_id"]), str(data.get("shown", "")), str(data.get("said", "")))
        return True
    await ctx.end_dialog()
    return False


def wants_a_person(text: str) -> bool:
    """A short reply made only of a person request, 「did not help」 and 「more detail」 clauses
    (「だめだった。だれか来てくれない」「なおらん。誰かきて」「もう少しくわしく」)."""
    folded = fold(text)
    if len(folded) > 60 or re.search(r"どう|教えて(?!.*(?:人|担当))|ですか(?!.*(?:人|担当))", folded):
        return False
    parts = [c for c in _CLAUSES.split(folded) if c]

    def says(clause: str) -> bool:
        return (smalltalk.is_person_request(clause) or smalltalk.is_not_helped(clause) or clause in UNSOLVED_TYPED
                or (bool(_MORE_DETAIL.search(clause))
                    and not _MORE_DETAIL_REST.sub("", _MORE_DETAIL.sub("", clause))))
    return bool(parts) and all(says(c) for c in parts)


@router.dialog("faq.answering")
async def typed_answer(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """The next message of someone who pressed 「回答する」 is their answer: shown once, with who
    receives it and the question, before it is sent."""
    text = clean(msg.text)
    if smalltalk.is_cancel(fold(text)):
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.answering.cancelled"))
        return True
    if not text:
        raise UserFacingError("input.empty")
    question = await ctx.services.faq.get_unanswered(int(data["question_id"]))
    if question is None:
        await ctx.end_dialog()
        raise UserFacingError("faq.unanswered.not_found", id=data["question_id"])
    await ctx.start_dialog("faq.answer_confirm", {"question_id": question.id, "answer": text})
    await ctx.reply(render_answer_confirmation(question, text, await asker_label(ctx, question), ctx.lang))
    return True


async def asker_label(ctx: Context, question: Any) -> str:
    """「山田 花子（総務課）」: who receives an answer."""
    asker = await ctx.services.people.get(question.person_id) if question.person_id is not None else None
    if asker is None:
        return ctx.t("faq.unknown_person")
    name = asker.display_name or ctx.t("faq.unknown_person")
    return f"{name}（{asker.department}）" if asker.department else name


SEND_WORDS = vocabulary.SUBMIT_WORDS | vocabulary.WordSet("送る", "送って", "おくって", "送ってください", "送信して",
                                                          "送信お願いします", "それで送って", "これで送って", "これでok")
REWRITE_WORDS = vocabulary.WordSet("書き直す", "書き直し", "かきなおす", "書き直したい", "修正", "修正する", "直す", "なおす",
                                   "やり直す", "やりなおす")


# --- an answer typed but not sent is never lost (eighth round) -----------------------------------
def answer_draft_key(question_id: int) -> str:
    """State key: the answer typed for Q-n and not sent yet (one per question)."""
    return f"faq.answer_draft:{question_id}"


def last_draft_key(person_id: int) -> str:
    """State key: the question whose answer this person last left as a draft."""
    return f"faq.answer_draft_last:{person_id}"


async def keep_answer_draft(ctx: Context, data: dict) -> None:
    """The answer shown for confirmation was neither sent nor cancelled — another command came, or
    another message: it stays as a draft of Q-n (shown in the unanswered list) and the person is told
    how to go on (「Q-4 回答を続ける」)."""
    await ctx.end_dialog()
    question_id, answer = int(data.get("question_id") or 0), str(data.get("answer") or "").strip()
    if not question_id or not answer:
        return
    question = await ctx.services.faq.get_unanswered(question_id)
    if question is None or question.status is UnansweredStatus.ANSWERED:
        return
    await ctx.services.state.put(answer_draft_key(question_id), {
        "answer": answer, "person_id": ctx.person.id, "name": ctx.person.display_name or "",
        "at": ctx.services.clock.now().isoformat()})
    await ctx.services.state.put(last_draft_key(ctx.person.id), {"question_id": question_id})
    await ctx.reply(ctx.t("faq.answering.kept_draft", id=question_id))


async def answer_drafts(ctx: Context, question_ids: list[int]) -> dict[int, dict]:
    """The drafts left for these questions (for the unanswered list)."""
    found = {}
    for qid in question_ids:
        draft = await ctx.services.state.get(answer_draft_key(qid))
        if draft and draft.get("answer"):
            found[qid] = draft
    return found


_RESUME_DRAFT = re.compile(r"^(?:q[-‐ー－]?\s*(?P<id>\d{1,7})\s*(?:の|番の?)?\s*)?(?:回答|返答|答え)\s*(?:を|の)?\s*"
                           r"(?:続ける|つづける|続けます|続けたい|続き|つづき|再開|再開する|再開します)[。!！\s]*$")


def asks_to_resume_answer(folded: str) -> bool:
    """Route predicate: 「Q-4 回答を続ける」「回答の続き」 — back to an answer left as a draft."""
    return bool(_RESUME_DRAFT.match(unicodedata.normalize("NFKC", folded).strip().lower()))


@router.message(when=asks_to_resume_answer, priority=57)
async def typed_resume_answer(ctx: Context, msg: MessageReceived) -> bool:
    """「Q-4 回答を続ける」: the draft is shown again with 送信する／書き直す／やめる."""
    if not ctx.person.has_role(Role.LIAISON):
        return False
    m = _RESUME_DRAFT.match(unicodedata.normalize("NFKC", fold(msg.text)).strip().lower())
    question_id = int(m.group("id")) if m and m.group("id") else None
    if question_id is None:
        last = await ctx.services.state.get(last_draft_key(ctx.person.id)) or {}
        question_id = int(last.get("question_id") or 0) or None
    if question_id is None or not await ctx.services.state.get(answer_draft_key(question_id)):
        await ctx.reply(ctx.t("faq.answering.no_draft", id=question_id or "番号"))
        return True
    await start_answering(ctx, question_id)
    return True


@router.dialog("faq.answer_confirm", on_interrupt=keep_answer_draft)
async def typed_confirmation(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「送信する」/「はい」 sends the answer; 「書き直す」 asks for it again; 「やめる」/「いいえ」 stops."""
    folded = fold(msg.text)
    if msg.text in SEND_WORDS or smalltalk.is_yes(folded):
        await send_answer(ctx, int(data["question_id"]), str(data["answer"]))
        return True
    if msg.text in REWRITE_WORDS:
        await start_answering(ctx, int(data["question_id"]), use_draft=False)
        return True
    if smalltalk.is_cancel(folded) or smalltalk.is_no(folded):
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.answering.cancelled"))
        return True
    if is_stray_answer(msg.text):
        await ctx.reply(ctx.t("faq.answering.still"))
        return True
    await keep_answer_draft(ctx, data)  # something else: the answer typed stays as a draft
    return False


async def send_answer(ctx: Context, question_id: int, text: str) -> None:
    """Send a confirmed answer (the same audit line as the typed 「/dx FAQ 回答 Q-n 回答文」)."""
    await ctx.end_dialog()
    detail = f"Q-{question_id} {text}"[:500]
    actor = f"{ctx.person.id}:{ctx.person.display_name or ctx.event.actor.user_id}"
    try:
        await answer_unanswered(ctx, question_id, text)
    except UserFacingError:
        await ctx.services.audit.record(actor, "faq answer", detail, "refused")
        raise
    await ctx.services.audit.record(actor, "faq answer", detail, "ok")


_Q_NUMBER = re.compile(r"(?:q[-－ー]?\s*)?([0-9]{1,7})\s*(?:番目?)?(?:の質問)?(?:に回答(?:する|します|したい)?|を回答|に答える|で)?")


def typed_question_number(text: str) -> int | None:
    """「Q-4」「Q4に回答」「4番の質問」「４」: the Q number typed under the unanswered list."""
    m = _Q_NUMBER.fullmatch(re.sub(r"[\s。、!！?？]+", "", unicodedata.normalize("NFKC", text).lower()))
    return int(m.group(1)) if m else None


@router.dialog("faq.unanswered_list")
async def typed_list_choice(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """Under the unanswered list, 「Q-4」「4番の質問」 (and a lone 「4」: the buttons carry the Q numbers)
    answer Q-4; a number not in the list asks which."""
    number = typed_question_number(msg.text)
    if number is None:
        await ctx.end_dialog()
        return False
    if number not in [int(i) for i in data.get("ids", [])]:
        await ctx.reply(ctx.t("faq.answering.which"))
        return True
    await start_answering(ctx, number)
    return True


# --- an answer asked for in plain words (eleventh round) -------------------------------------
WHICH_SHOWN = 5  # questions listed when 「回答する」 does not say which
FIRST_WORDS = 20  # characters of a question named in that one line


async def waiting_questions(ctx: Context) -> list[Any]:
    """Questions forwarded to a person and not answered yet, oldest first (as they came in)."""
    waiting = await ctx.services.faq.list_unanswered((UnansweredStatus.FORWARDED,), 30)
    return sorted(waiting, key=lambda q: q.id)


def first_words(text: str) -> str:
    """The first words of a question, for naming it in one line."""
    text = " ".join(text.split())
    return text if len(text) <= FIRST_WORDS else text[:FIRST_WORDS] + "…"


def open_line(ctx: Context, waiting: list[Any]) -> str:
    """「Q-8「VPNの申請書は…」、Q-9「…」」: the questions waiting, named in one line."""
    return "、".join(f"Q-{q.id}「{first_words(q.text)}」" for q in waiting[:WHICH_SHOWN]) or ctx.t("faq.answering.no_open")


async def open_question(ctx: Context, question_id: int) -> bool:
    """True when Q-*question_id* waits for an answer; else one polite line naming the ones that do."""
    question = await ctx.services.faq.get_unanswered(question_id)
    if question is not None and question.status in (UnansweredStatus.FORWARDED, UnansweredStatus.OPEN):
        return True
    waiting = await waiting_questions(ctx)
    key = "faq.answering.not_found_open" if question is None else "faq.answering.closed_open"
    await ctx.reply(ctx.t(key, id=question_id, open=open_line(ctx, waiting)))
    return False


async def choose_question(ctx: Context) -> None:
    """「回答する」 naming no question: with one waiting, that one (as before); with several, ask
    which in one line (the reply 「Q-8」「8」「1」 or a button picks it); with none, say so."""
    waiting = await waiting_questions(ctx)
    if not waiting:
        await ctx.reply(ctx.t("faq.answering.none_waiting"))
        return
    if len(waiting) == 1:
        await start_answering(ctx, waiting[0].id)
        return
    shown = waiting[:WHICH_SHOWN]
    options = "　".join(f"{n}. Q-{q.id}「{first_words(q.text)}」" for n, q in enumerate(shown, 1))
    await ctx.start_dialog("faq.answer_which", {"ids": [q.id for q in shown]})
    await ctx.reply(Reply(text=ctx.t("faq.answering.pick", count=len(shown), options=options), choices=tuple(
        Choice(ctx.t("faq.answering.pick_button", n=n, id=q.id, question=first_words(q.text)), "faq.answer", str(q.id))
        for n, q in enumerate(shown, 1))))


def picked_question(text: str, ids: list[int]) -> int | None:
    """The reply to 「どれに回答しますか？」: 「Q-8」「8」 (a Q number listed), 「1」「1番」 (its place in
    the line), or the button's label typed (「1. Q-8 VPNの…」). A bare number that is a listed Q
    number is that question (the unanswered list reads numbers so too), else a place."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    label = re.match(r"^([0-9]{1,2})\.\s*q-([0-9]{1,7})", folded)
    if label:
        number = int(label.group(2))
        return number if number in ids else None
    number = typed_question_number(text)
    if number is None:
        m = re.fullmatch(r"([0-9]{1,2})\s*(?:番目?|つ目)(?:で|です|に回答)?[。!！]*", folded)
        if m is None:
            return None
        place = int(m.group(1))
        return ids[place - 1] if 1 <= place <= len(ids) else None
    if number in ids:
        return number
    explicit_q = re.match(r"^q", folded) is not None
    return ids[number - 1] if not explicit_q and 1 <= number <= len(ids) else None


@router.dialog("faq.answer_which", buttons=True)
async def typed_which_question(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """After 「どれに回答しますか？」: 「Q-8」「8」「1」 or a label picks the question; anything else
    closes the line and is read as usual."""
    ids = [int(i) for i in data.get("ids", [])]
    picked = picked_question(msg.text, ids)
    if picked is None:
        if typed_question_number(msg.text) is not None:
            await ctx.reply(ctx.t("faq.answering.pick", count=len(ids),
                                  options="　".join(f"{n}. Q-{i}" for n, i in enumerate(ids, 1))))
            return True
        await ctx.end_dialog()
        return False
    await ctx.end_dialog()
    await start_answering(ctx, picked)
    return True


@router.message(when=answer_words.is_start_or_answer, priority=58)
async def answer_in_plain_words(ctx: Context, msg: MessageReceived) -> bool:
    """「Q-8に回答したい」 starts the answer to Q-8 (as `/dx FAQ 回答 Q-8`); 「Q-9は『…』と返して
    おいて」「Q9の回答: …」 answer Q-9 with that text (as `/dx FAQ 回答 Q-9 …`: sent to the asker, kept
    as a FAQ draft, audited). A member of staff saying so is not answered as an admin."""
    if not ctx.person.has_role(Role.LIAISON):
        return False
    closed = answer_words.close_request(msg.text)
    if closed is not None and ctx.run_command is not None:
        # 「Q-9は対応済みにしといて」: `/dx FAQ 対応済み Q-9` (sends nothing to the asker, so not confirmed first).
        await ctx.run_command(f"faq close Q-{closed}")
        return True
    said = answer_words.answer_request(msg.text)
    if said is not None:
        question_id, answer = said
        if await open_question(ctx, question_id):
            await send_answer(ctx, question_id, answer)
        return True
    question_id = answer_words.start_request(msg.text)
    if question_id is None:
        return False
    if await open_question(ctx, question_id):
        await start_answering(ctx, question_id)
    return True


@router.message(when=answer_words.is_bare_start, priority=100)
async def answer_which_question(ctx: Context, msg: MessageReceived) -> bool:
    """「回答する」「答えます」 from a liaison or an admin while questions wait (see `choose_question`);
    from anyone else, or with nothing waiting, the words are someone else's (a survey's 「回答する」)."""
    if not ctx.person.has_role(Role.LIAISON) or not await waiting_questions(ctx):
        return False
    await choose_question(ctx)
    return True


# --- buttons ------------------------------------------------------------------------------
def _ids(value: str, parts: int) -> list[str]:
    items = value.split(":", parts - 1)
    if len(items) != parts or not items[0]:
        raise UserFacingError("action.expired")
    return items


def _number(text: str) -> int:
    """An id from a button value; a forged or garbled one is an expired button, not an error."""
    if not is_id_number(text):
        raise UserFacingError("action.expired")
    return int(text)


async def _own_question(ctx: Context, log_id: int) -> dict:
    question = await ctx.services.faq.get_question(log_id)
    if question is None or (question["person_id"] not in (None, ctx.person.id)):
        raise UserFacingError("faq.not_yours")
    return question


@router.action("faq.feedback")
async def press_feedback(ctx: Context, action: ActionReceived) -> None:
    """はい / いいえ under an answer."""
    verdict, log_id, entry_id = _ids(action.value, 3)
    if verdict not in ("yes", "no"):
        raise UserFacingError("action.expired")
    await _own_question(ctx, _number(log_id))
    if verdict == "yes":
        await mark_solved(ctx, _number(log_id), entry_id)
    else:
        # As 「いいえ」 typed: the question kept for a person carries the FAQ shown.
        await mark_unsolved(ctx, _number(log_id), shown=entry_id, with_shown=True)


@router.action("faq.pick")
async def press_candidate(ctx: Context, action: ActionReceived) -> None:
    """One of the candidates was chosen."""
    log_id, entry_id = _ids(action.value, 2)
    await _own_question(ctx, _number(log_id))
    await pick_candidate(ctx, _number(log_id), entry_id)


@router.action("faq.open")
async def press_open_entry(ctx: Context, action: ActionReceived) -> None:
    """A link to an FAQ entry (e.g. from the assessment's skills to work on): show its answer."""
    entry = await ctx.services.faq.get_entry(action.value.strip())
    if entry is None:
        raise UserFacingError("faq.entry.not_found", entry_id=action.value or "-")
    await ctx.reply(render_linked_entry(entry, ctx.lang))


@router.action("faq.none")
async def press_none_fit(ctx: Context, action: ActionReceived) -> None:
    """「どれでもない」."""
    await _own_question(ctx, _number(action.value))
    await none_fit(ctx, _number(action.value))


@router.action("faq.escalate")
async def press_forward(ctx: Context, action: ActionReceived) -> None:
    """「担当者に転送する」."""
    question = await ctx.services.faq.get_unanswered(_number(action.value))
    if question is None or question.person_id not in (None, ctx.person.id):
        raise UserFacingError("faq.not_yours")
    # Open, or set aside under the poll or a form after a side question (the entry shown is kept).
    dialog = await ctx.dialog_of("faq.escalate")
    data = dialog.get("data", {}) if dialog else {}
    mine = data.get("question_id") == question.id
    await forward_question(ctx, question.id, str(data.get("shown", "")) if mine else "",
                           str(data.get("said", "unsolved")) if mine else "unsolved")


@router.action("faq.escalate_cancel")
async def press_keep(ctx: Context, action: ActionReceived) -> None:
    """「転送しない」."""
    await ctx.end_dialog()
    await ctx.reply(ctx.t("faq.escalate.cancelled"))


@router.action("faq.answer")
async def press_answer(ctx: Context, action: ActionReceived) -> None:
    """「回答する」 on an escalation notice: the presser's next message is the answer."""
    if not ctx.person.has_role(Role.LIAISON):
        raise UserFacingError("command.forbidden", role=ctx.t("role.liaison"))
    if action.typed and len(await waiting_questions(ctx)) > 1:
        # 「回答する」 typed: the newest notice's button is only a guess when several wait (eleventh round).
        await choose_question(ctx)
        return
    question = await ctx.services.faq.get_unanswered(_number(action.value))
    if question is None:
        raise UserFacingError("faq.unanswered.not_found", id=action.value)
    await start_answering(ctx, question.id)


async def start_answering(ctx: Context, question_id: int, use_draft: bool = True) -> None:
    """Ask for the answer to Q-*question_id* (liaisons and admins); an answer left as a draft is
    shown again for confirmation instead (「書き直す」 asks afresh)."""
    if not ctx.person.has_role(Role.LIAISON):
        raise UserFacingError("command.forbidden", role=ctx.t("role.liaison"))
    question = await ctx.services.faq.get_unanswered(question_id)
    if question is None:
        raise UserFacingError("faq.unanswered.not_found", id=question_id)
    if question.status is UnansweredStatus.ANSWERED:
        raise UserFacingError("faq.answered.already", id=question.id)
    dialog = await ctx.active_dialog()
    if dialog and dialog.get("kind") == "faq.answer_confirm" and dialog.get("data", {}).get("question_id") != question.id:
        await keep_answer_draft(ctx, dialog.get("data", {}))  # another question's answer stays a draft
    draft = await ctx.services.state.get(answer_draft_key(question.id)) if use_draft else None
    if draft and draft.get("answer"):
        answer = str(draft["answer"])
        await ctx.start_dialog("faq.answer_confirm", {"question_id": question.id, "answer": answer})
        reply = render_answer_confirmation(question, answer, await asker_label(ctx, question), ctx.lang)
        await ctx.reply(Reply(title=ctx.t("faq.answering.from_draft", id=question.id), text=reply.text,
                              choices=reply.choices))
        return
    await ctx.start_dialog("faq.answering", {"question_id": question.id})
    await ctx.reply(ctx.t("faq.answering.prompt", id=question.id, question=question.text[:200]))


@router.action("faq.answer_send")
async def press_send_answer(ctx: Context, action: ActionReceived) -> None:
    """「送信する」 under the confirmation: send the answer kept in the dialog."""
    dialog = await ctx.active_dialog()
    data = dialog.get("data", {}) if dialog and dialog.get("kind") == "faq.answer_confirm" else {}
    if not data or int(data.get("question_id", 0)) != _number(action.value):
        raise UserFacingError("action.expired")
    await send_answer(ctx, int(data["question_id"]), str(data["answer"]))


@router.action("faq.answer_cancel")
async def press_cancel_answer(ctx: Context, action: ActionReceived) -> None:
    """「やめる」 under the confirmation: nothing is sent."""
    await ctx.end_dialog()
    await ctx.reply(ctx.t("faq.answering.cancelled"))


@router.action("faq.suggestion.approve")
async def press_approve(ctx: Context, action: ActionReceived) -> None:
    """An editor approves a proposed phrasing."""
    await decide_suggestion(ctx, action.value, SuggestionStatus.APPROVED)


@router.action("faq.suggestion.reject")
async def press_reject(ctx: Context, action: ActionReceived) -> None:
    """An editor rejects a proposed phrasing."""
    await decide_suggestion(ctx, action.value, SuggestionStatus.REJECTED)


# --- the steps ----------------------------------------------------------------------------
async def mark_solved(ctx: Context, log_id: int, entry_id: str) -> None:
    """The answer solved it: thank, and propose the asker's wording as an alternate."""
    await ctx.end_dialog()
    await ctx.services.faq.set_question_feedback(log_id, "solved", entry_id)
    await note_solved(ctx, log_id)
    await propose_phrasing(ctx, log_id, entry_id)
    await ctx.reply(ctx.t("faq.feedback.thanks"))


async def note_solved(ctx: Context, log_id: int) -> None:
    """Mark the person's last question solved when it is this one: 「人と話したい」 then never
    offers it for forwarding (a follow-up may still lean on its topic)."""
    question = await ctx.services.faq.get_question(log_id)
    text = " ".join(str((question or {}).get("text", "")).split())
    if not text:
        return

    def solved(last: dict[str, Any] | None) -> dict[str, Any] | None:
        if last and text in " ".join(str(last.get("text", "")).split()):
            return {**last, "solved": True}
        return last
    await ctx.services.state.update(f"faq.last:{ctx.person.id}", solved)


async def mark_unsolved(ctx: Context, log_id: int, forward: bool = False, key: str = "faq.feedback.unsolved",
                        shown: str = "", said: str = "unsolved", with_shown: bool = False,
                        details: str = "", asked: str = "") -> None:
    """The answer (entry *shown*) did not help (*said* "unsolved"), or the asker asked for a person
    without answering 「解決しましたか？」 ("person"): offer to forward (or forward at once, when the
    asker said so). Only an answered 「いいえ」 is recorded as unsolved. With *with_shown* (「全然だめ
    でした」), the question kept for a person carries the entry shown, in the follow-ups' flat form:
    「プリンターで印刷できない（案内した FAQ-045「…」では解決しなかった）」."""
    if said == "unsolved":
        await ctx.services.faq.set_question_feedback(log_id, "unsolved")
    question = await ctx.services.faq.get_question(log_id)
    text = question["text"] if question else ""
    entry = await ctx.services.faq.get_entry(shown) if with_shown and shown and text else None
    if entry is not None and await ctx.services.faq.find_unanswered_by_log(log_id) is None:
        written = await asked_text(ctx, text)  # a follow-up written out names what it followed
        text = written if written != text else ctx.t(
            "faq.not_helped.question", question=text, entry_id=entry.id, entry=entry.question[:40])
        if details:  # what the asker said happened when trying the answer
            text += ctx.t("faq.not_helped.details", details=details[:200])
        question = await ctx.services.faq.add_unanswered(
            text, ctx.person.id, UnansweredStatus.OPEN, ctx.event.conversation.platform,
            ctx.event.conversation.channel_id, log_id=log_id)
    await offer_forwarding(ctx, text, log_id, key, forward, shown, said, asked=asked)


async def pick_candidate(ctx: Context, log_id: int, entry_id: str) -> None:
    """Show the chosen entry; choosing it counts as a resolution for active learning."""
    entry = await ctx.services.faq.get_entry(entry_id)
    if entry is None:
        raise UserFacingError("faq.entry.not_found", entry_id=entry_id)
    await ctx.services.faq.set_question_feedback(log_id, "picked", entry_id)
    # The entry picked is the topic a follow-up (「それってZoomでも同じ？」) continues.
    await ctx.services.state.update(f"faq.last:{ctx.person.id}",
                                    lambda last: {**last, "entry": entry.id} if last else None)
    # The wording is proposed as an alternate only once the asker says it solved the question.
    await ctx.start_dialog("faq.feedback", {"log_id": log_id, "entry_id": entry.id})
    await ctx.reply(render_answer(entry, log_id, ctx.lang))


async def none_fit(ctx: Context, log_id: int, forward: bool = False, key: str = "faq.none_fit") -> None:
    """「どれでもない」: store as unanswered and offer to forward (「担当者に転送する」: forward)."""
    await ctx.services.faq.set_question_feedback(log_id, "none_fit")
    question = await ctx.services.faq.get_question(log_id)
    await offer_forwarding(ctx, question["text"] if question else "", log_id, key, forward)


async def propose_phrasing(ctx: Context, log_id: int, entry_id: str) -> None:
    """Queue the asker's wording for review (never applied without an editor)."""
    question = await ctx.services.faq.get_question(log_id)
    if question is None:
        return
    text = " ".join(question["text"].split())
    if SUGGEST_MIN_CHARS <= len(text) <= SUGGEST_MAX_CHARS:
        await ctx.services.faq.add_suggestion(entry_id, text, log_id)


async def escalation_targets(ctx: Context, asker: Person) -> tuple[list[Destination], str]:
    """Where a forwarded question goes, and how to name that to the asker."""
    config = ctx.services.config
    if config.escalation_mode == "liaison" and asker.department:
        liaisons = [p for p in await ctx.services.people.list(Role.LIAISON, asker.department) if p.id != asker.id]
        if liaisons:
            return (
                [Destination("", "person", str(p.id)) for p in liaisons],
                ctx.t("faq.escalate.destination.liaison", department=asker.department),
            )
    if config.escalation_channel is not None:
        return [config.escalation_channel], ctx.t("faq.escalate.destination.office")
    admins = [p for p in await ctx.services.people.list(Role.ADMIN) if p.id != asker.id] or \
        await ctx.services.people.list(Role.ADMIN)
    return [Destination("", "person", str(p.id)) for p in admins], ctx.t("faq.escalate.destination.office")


async def forward_question(ctx: Context, question_id: int, shown: str = "", said: str = "unsolved",
                           done: tuple[str, dict[str, Any]] = ("faq.escalate.done", {})) -> None:
    """Send the question to the configured destination and tell the asker (the notice names the
    FAQ entry *shown*, and only what the asker *said* of it: "unsolved" when they answered
    「いいえ」, "person" when they asked for a person without answering)."""
    await ctx.end_dialog()
    question = await ctx.services.faq.get_unanswered(question_id)
    if question is None:
        raise UserFacingError("faq.unanswered.not_found", id=question_id)
    if question.status is UnansweredStatus.ANSWERED:
        raise UserFacingError("faq.answered.already", id=question.id)
    targets, label = await escalation_targets(ctx, ctx.person)
    office_lang = ctx.services.config.default_language  # the notice is the office's, in its language
    notice = render_escalation_notice(
        question, ctx.person.display_name or t("faq.unknown_person", office_lang),
        ctx.person.department or t("faq.no_department", office_lang), office_lang,
        await ctx.services.faq.get_entry(shown) if shown else None, said,
    )
    for target in targets:
        await ctx.send(target, notice, dedupe_key=f"faq.escalate:{question.id}:{target.kind}:{target.address}")
    if question.status is not UnansweredStatus.FORWARDED:
        question.status = UnansweredStatus.FORWARDED
        question.destination = label
        await ctx.services.faq.update_unanswered(question)
    await ctx.reply(ctx.t(done[0], destination=label, id=question.id, **done[1]) + when_read(ctx))


_WEEKDAYS = {"ja": "月火水木金土日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def when_read(ctx: Context) -> str:
    """When people will look at a forwarded question: today in office hours, else the next
    business day's opening (weekends, holidays and the year-end closure come from the calendar)."""
    calendar = ctx.services.calendar
    if calendar is None:
        return ""
    now = ctx.services.clock.now()
    if not calendar.is_quiet(now):
        return ctx.t("faq.escalate.when.today")
    opens = calendar.next_open(now).astimezone(calendar.tz)
    english = ctx.lang == "en"
    weekday = _WEEKDAYS["en" if english else "ja"][opens.weekday()]
    return ctx.t("faq.escalate.when.later", month=opens.month, day=opens.day, weekday=weekday,
                 time=f"{opens.hour}:{opens.minute:02d}")


async def answer_unanswered(ctx: Context, question_id: int, answer: str) -> None:
    """One step: answer the asker, mark answered, and add the pair as a new FAQ entry."""
    question = await ctx.services.faq.get_unanswered(question_id)
    if question is None:
        raise UserFacingError("faq.unanswered.not_found", id=question_id)
    if not await ctx.services.faq.claim_unanswered(question.id, ctx.person.id):
        raise UserFacingError("faq.answered.already", id=question.id)
    # Only a draft: the asker's casual wording never goes live without an editor (issue 15.3).
    # A request from another job (a check-in's 相談, marked 【相談】) is answered, not drafted.
    request = question.text.startswith("【相談】")
    draft_id = "" if request else await drafts.add_draft(ctx, question.text, answer, source=f"Q-{question.id}",
                                                         asker_words=True)
    question.status = UnansweredStatus.ANSWERED
    question.answer = answer
    question.answered_by = ctx.person.id
    await ctx.services.faq.update_unanswered(question)
    await ctx.services.state.delete(answer_draft_key(question.id))  # answered: no draft is left
    if question.person_id is not None and not request:
        # The asker's reply to this answer (「ありがと、でも…は？」) stays with Q-n (see `answered_thread`).
        await ctx.services.state.put(thread_key(question.person_id), {
            "question_id": question.id, "question": question.text[:200], "answer": answer[:300],
            "at": ctx.services.clock.now().timestamp()})
    if question.person_id is not None:
        asker = await ctx.services.people.get(question.person_id)
        lang = asker.language if asker else ctx.services.config.default_language
        await ctx.send(
            Destination(question.platform, "person", str(question.person_id)),
            Reply(title=t("faq.answered.to_asker_title", lang, id=question.id),
                  text=t("faq.answered.to_asker_text", lang, question=question.text, answer=answer)),
            dedupe_key=f"faq.answered:{question.id}",
        )
    await ctx.reply(ctx.t("faq.answered.done", id=question.id, draft_id=draft_id) if draft_id else
                    ctx.t("faq.answered.request_done", id=question.id))


async def decide_suggestion(ctx: Context, value: str, status: SuggestionStatus) -> None:
    """Approve or reject a phrasing suggestion (editors only)."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("command.forbidden", role=ctx.t("role.admin"))
    m = re.fullmatch(r"\s*[sS]?[-－]?(\d+)\s*", unicodedata.normalize("NFKC", value))
    if not m:  # 「S-番号」 copied from the help: show a real example, not 「S-S-番号」
        raise UserFacingError("faq.suggestions.usage", example=await _first_suggestion_id(ctx))
    sid = int(m.group(1))
    suggestion = await ctx.services.faq.get_suggestion(sid)
    if suggestion is None or suggestion.status is not SuggestionStatus.PENDING:
        raise UserFacingError("faq.suggestions.not_found", id=sid)
    await ctx.services.faq.decide_suggestion(sid, status, ctx.person.id)
    actor = f"{ctx.person.id}:{ctx.person.display_name}"
    await ctx.services.audit.record(actor, f"faq {status.value}", f"S-{sid}", "ok")
    if status is SuggestionStatus.APPROVED:
        await ctx.services.search.ensure_current(force=True)
        await ctx.reply(ctx.t("faq.suggestions.approved", id=sid, entry_id=suggestion.entry_id))
    else:
        await ctx.reply(ctx.t("faq.suggestions.rejected", id=sid))


async def _first_suggestion_id(ctx: Context) -> str:
    """The id of the first pending suggestion (for an example), or S-1 when there is none."""
    pending = await ctx.services.faq.list_suggestions(SuggestionStatus.PENDING, 1)
    return f"S-{pending[0].id}" if pending else "S-1"


# --- commands -----------------------------------------------------------------------------
@router.command("faq search", role=Role.LIAISON, help_key="cmd.faq.search")
async def search_command(ctx: Context, args: str) -> None:
    """Show the ranking for a query, with scores (for editors checking the FAQ)."""
    query = clean(args)
    if not query:
        raise UserFacingError("input.empty")
    query = query[: ctx.services.config.max_message_chars]
    hits = await ctx.services.search.search(query, limit=5)
    lines = []
    for rank, (entry_id, score) in enumerate(hits, 1):
        entry = await ctx.services.faq.get_entry(entry_id)
        lines.append(f"{rank}. {entry_id} ({score:.3f}) {entry.question if entry else ''}")
    decision = ctx.services.search.decide(hits, query)
    title = ctx.t("faq.search.title", query=query[:100], decision=ctx.t(f"faq.search.decision.{decision}"))
    await ctx.reply(Reply(title=title, text="\n".join(lines) or "-", ephemeral=True))


@router.command("faq show", role=Role.LIAISON, help_key="cmd.faq.show")
async def show_command(ctx: Context, args: str) -> None:
    """Show one entry in full."""
    entry_id = args.strip().upper()
    entry = await ctx.services.faq.get_entry(entry_id) if entry_id else None
    if entry is None:
        raise UserFacingError("faq.entry.not_found", entry_id=entry_id or "-")
    await ctx.reply(render_entry(entry, ctx.lang))


_CLEAR_WORDS = {"-", "なし", "削除", "消す", "clear", "none"}


@router.command("faq english", role=Role.ADMIN, help_key="cmd.faq.english")
async def english_command(ctx: Context, args: str) -> None:
    """`faq english FAQ-012 question | answer | category`: the entry's English wording, shown to
    staff who chose English (「-」 removes it). The Japanese entry is not changed."""
    head, _, rest = args.strip().partition(" ")
    try:
        entry_id = drafts.entry_id_of(head) if head else ""
    except UserFacingError:
        entry_id = head  # an id of the city's own scheme, from an imported file
    entry = await ctx.services.faq.get_entry(entry_id) if entry_id else None
    parts = [p.strip() for p in re.split(r"[|｜]", rest)] if rest.strip() else []
    if entry is None and head:
        raise UserFacingError("faq.entry.not_found", entry_id=head)
    if entry is None or not parts or not (len(parts) >= 2 or fold(parts[0]) in _CLEAR_WORDS):
        raise UserFacingError("command.usage", usage=ctx.t("faq.english.usage"))
    if len(parts) == 1:
        worded = replace(entry, question_en="", answer_en="", category_en="")
    else:
        if not parts[0] or not parts[1]:
            raise UserFacingError("command.usage", usage=ctx.t("faq.english.usage"))
        worded = replace(entry, question_en=parts[0], answer_en=parts[1],
                         category_en=parts[2] if len(parts) > 2 else entry.category_en)
    await ctx.services.faq.upsert_entries([worded])
    await ctx.services.search.ensure_current(force=True)
    key = "faq.english.cleared" if len(parts) == 1 else "faq.english.done"
    await ctx.reply(ctx.t(key, entry_id=entry.id, question=entry.question[:60]))


@router.command("faq add", role=Role.ADMIN, help_key="cmd.faq.add")
async def add_command(ctx: Context, args: str) -> None:
    """`faq add 質問 | 回答 | カテゴリ` adds an entry in one line."""
    parts = [p.strip() for p in re.split(r"[|｜]", args)]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise UserFacingError("command.usage", usage=ctx.t("faq.add.usage"))
    entry = FaqEntry(id=await ctx.services.faq.next_entry_id(), question=parts[0], answer=parts[1],
                     category=parts[2] if len(parts) > 2 and parts[2] else ctx.t("faq.category.new"),
                     department=ctx.person.department)
    await ctx.services.faq.upsert_entries([entry])
    await ctx.services.search.ensure_current(force=True)
    await ctx.reply(ctx.t("faq.add.done", entry_id=entry.id, question=entry.question))


EDITABLE = {
    "question": "question", "質問": "question", "answer": "answer", "回答": "answer",
    "category": "category", "カテゴリ": "category", "カテゴリー": "category", "tags": "tags", "タグ": "tags",
    "alternates": "alternates", "言い換え": "alternates", "department": "department", "担当部署": "department",
}


@router.command("faq edit", role=Role.ADMIN, help_key="cmd.faq.edit")
async def edit_command(ctx: Context, args: str) -> None:
    """`faq edit FAQ-012 answer 新しい回答` changes one field (`faq edit D-1 …` rewords a draft)."""
    if re.match(r"\s*[dD][-－]?\d+\b", args):
        await drafts.edit_draft(ctx, args, EDITABLE)
        return
    parts = args.split(maxsplit=2)
    if len(parts) < 3 or parts[1].lower() not in EDITABLE:
        raise UserFacingError("command.usage", usage=ctx.t("faq.edit.usage"))
    entry = await ctx.services.faq.get_entry(parts[0].upper())
    if entry is None:
        raise UserFacingError("faq.entry.not_found", entry_id=parts[0])
    field_name = EDITABLE[parts[1].lower()]
    value = parts[2].strip()
    if field_name in ("tags", "alternates"):
        setattr(entry, field_name, [v.strip() for v in re.split(r"[|｜,、;]", value) if v.strip()])
    else:
        setattr(entry, field_name, value)
    entry.updated_at = None
    await ctx.services.faq.upsert_entries([entry])
    await ctx.services.search.ensure_current(force=True)
    await ctx.reply(ctx.t("faq.edit.done", entry_id=entry.id, field=ctx.t(f"faq.field.{field_name}")))


@router.command("faq synonyms", role=Role.LIAISON, help_key="cmd.faq.synonyms")
async def synonyms_command(ctx: Context, args: str) -> None:
    """List the synonym dictionary used at query time (optionally only groups containing a word)."""
    groups = await ctx.services.faq.synonyms()
    word = fold(args)
    if word:
        groups = [g for g in groups if any(word in fold(x) for x in g)]
    lines = [" ⇔ ".join(g) for g in groups[:100]]
    await ctx.reply(Reply(title=ctx.t("faq.synonyms.title", count=len(groups)),
                          text="\n".join(lines) or ctx.t("faq.synonyms.empty"), ephemeral=True))


@router.command("faq synonym add", role=Role.ADMIN, help_key="cmd.faq.synonym_add")
async def add_synonyms_command(ctx: Context, args: str) -> None:
    """`faq synonym add 電子申請 オンライン申請 ネット申請`: words that mean the same (merged into an
    existing group when one of them is already known)."""
    words = [w for w in re.split(r"[\s,、|｜]+", args.strip()) if w]
    if len(words) < 2:
        raise UserFacingError("command.usage", usage=ctx.t("faq.synonym_add.usage"))
    groups = await ctx.services.faq.synonyms()
    folded = {fold(w) for w in words}
    for group in groups:
        if folded & {fold(x) for x in group}:
            group.extend(w for w in words if fold(w) not in {fold(x) for x in group})
            merged = group
            break
    else:
        merged = list(dict.fromkeys(words))
        groups.append(merged)
    await ctx.services.faq.set_synonyms(groups)
    await ctx.services.search.ensure_current(force=True)
    await ctx.reply(ctx.t("faq.synonym_add.done", group=" ⇔ ".join(merged)))


@router.command("faq unanswered", role=Role.LIAISON, help_key="cmd.faq.unanswered")
async def unanswered_command(ctx: Context, args: str) -> None:
    """Questions forwarded to a person and waiting for an answer; apart, without answer buttons,
    the 「FAQ改善候補」 the askers chose not to forward (nobody waits for those)."""
    questions = [q for q in await ctx.services.faq.list_unanswered((UnansweredStatus.OPEN, UnansweredStatus.FORWARDED), 60)
                 if q.status is UnansweredStatus.FORWARDED or smalltalk.is_real_question(fold(q.text))]
    waiting = [q for q in questions if q.status is UnansweredStatus.FORWARDED][:30]
    questions = waiting + [q for q in questions if q.status is UnansweredStatus.OPEN][:30]
    tz = ctx.services.calendar.tz if ctx.services.calendar is not None else None
    # 「Q-4」「4番の質問」 typed under the list answer that question (never replacing an open form).
    if waiting and ctx.person.has_role(Role.LIAISON) and await ctx.active_dialog() is None:
        await ctx.start_dialog("faq.unanswered_list", {"ids": [q.id for q in waiting[:10]]})
    await ctx.reply(render_unanswered_list(questions, ctx.lang, tz, await answer_drafts(ctx, [q.id for q in waiting])))


@router.command("faq answer", role=Role.LIAISON, help_key="cmd.faq.answer", audit=True)
async def answer_command(ctx: Context, args: str) -> None:
    """`faq answer Q-12 回答文`: answer the asker and add a FAQ entry in one step."""
    m = re.match(r"\s*[qQ]?-?(\d+)\s+(.+)", args, re.DOTALL)
    alone = re.fullmatch(r"\s*[qQ]?-?(\d+)\s*", args)
    if alone:  # 「/dx FAQ 回答 Q-4」: the answer is asked for (or its draft shown again)
        await start_answering(ctx, int(alone.group(1)))
        return
    if not m:
        raise UserFacingError("command.usage", usage=ctx.t("faq.answer.usage"))
    await answer_unanswered(ctx, int(m.group(1)), m.group(2).strip())


@router.command("faq suggestions", role=Role.ADMIN, help_key="cmd.faq.suggestions")
async def suggestions_command(ctx: Context, args: str) -> None:
    """Pending alternate phrasings with approve / reject buttons."""
    items = []
    for s in await ctx.services.faq.list_suggestions(SuggestionStatus.PENDING, 30):
        items.append((s, await ctx.services.faq.get_entry(s.entry_id)))
    await ctx.reply(render_suggestions(items, ctx.lang))


@router.command("faq approve", role=Role.ADMIN, help_key="cmd.faq.approve")
async def approve_command(ctx: Context, args: str) -> None:
    """`faq approve S-3`."""
    await decide_suggestion(ctx, args, SuggestionStatus.APPROVED)


@router.command("faq reject", role=Role.ADMIN, help_key="cmd.faq.reject")
async def reject_command(ctx: Context, args: str) -> None:
    """`faq reject S-3`."""
    await decide_suggestion(ctx, args, SuggestionStatus.REJECTED)

