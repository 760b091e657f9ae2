"""「診断をはじめる」「スキル診断やりたい」「診断どこから受けるの」: a request, in plain words, to take
the assessment starts it (walk-through of issue 15: such requests were sent to 人事課 by the FAQ
desk's list of other desks, and only `/dx 診断` started the poll).

A question *about* the assessment (「スキル診断って何段階？」「診断の結果は人事評価に使う？」) is
not a request: it stays with the FAQ desk.
"""

from __future__ import annotations

import re

from bot.core import kana, vocabulary
from bot.core.context import Context
from bot.core.events import MessageReceived
from bot.core.model import Role
from handlers.assessment.poll import open_poll, past_deadline
from handlers.assessment.registry import kit, router

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
