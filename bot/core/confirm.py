"""A command said in plain words, confirmed before it runs (「…よろしいですか？ [はい][直す][やめる]」).

A job reads what it can from the words (「来月から毎月第2火曜の15時に連絡会議を設定して」), builds the exact
command, and shows it with three buttons. 「はい」 runs the command through the dispatcher — the same
path, checks and audit entry as the slash command, so nothing is written twice. 「直す」 asks what to
change; 「やめる」 drops it. The job keeps the dialog (its kind, its parser of corrections); this module
holds what every such confirmation shares: the buttons, the reading of a typed answer, the ending.

A proposal the admin leaves for another conversation (another request that opens a dialog of its
own) is set aside, and brought back once, in one line with [はい][やめる], when that conversation
ends — if it is not older than `DeskConfig.set_aside_hours` (eleventh round).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from bot.core import vocabulary
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived
from bot.core.model import Role
from bot.core.replies import Choice, Reply

YES, FIX, NO = "yes", "fix", "no"
FIX_WORDS = vocabulary.WordSet("直す", "なおす", "直します", "直したい", "修正", "修正する", "修正したい", "訂正",
                               "変更", "変更する", "変える", "かえる", "ちがう", "違う", "違います", "ちがいます",
                               # Thirteenth round: the wish said as a request (「変えたい」「直して」「修正して」).
                               "直して", "なおして", "直したい", "なおしたい", "修正して", "修正します", "変えたい", "かえたい",
                               "変えて", "かえて", "変更したい", "変更して", "訂正したい",
                               "fix", "edit", "change")
_YES = vocabulary.WordSet("はい", "お願いします", "おねがいします", "それで", "それでお願いします", "それでいい", "それでいいです",
                          "ok", "おっけー", "オッケー", "設定して", "設定する", "設定します", "開始", "開始して", "開始する",
                          "開始します", "始めて", "はじめて", "実行", "実行して", "yes", "y") | vocabulary.SUBMIT_WORDS
# 「やっぱりやめる」「じゃあいいです」「やっぱやめとく」: dropped, said in a sentence.
_DROP = re.compile(r"^(?:(?:やっぱり|やっぱ|やはり|じゃあ|じゃ|では|なら|うーん|いや|あ)?[、,\s]*"
                   r"(?:やめ(?:る|ます|て|とく|ときます|ておく|ておきます|よう|た|ました)?|止め(?:る|ます|て)?|中止|キャンセル"
                   r"|取り消し|取消|いらない|結構です|なしで|やらない|やりません)"
                   # 「いいです」 alone is as often 「それでいい」: only with 「やっぱり」「じゃあ」 before it.
                   r"|(?:やっぱり|やっぱ|やはり|じゃあ|じゃ)[、,\s]*(?:いいです|いいや|いい))"
                   r"(?:で|にします|にして|します|してください|で(?:お願いします|おねがいします))?[。.!！\s]*$")


# 「日付を直したい」「内容を修正したいです」「時間を変えたい」: 「直す」 said of a part of the proposal.
_FIX = re.compile(r"^(?:(?:いや|あ|すみません|ごめん)[、,\s]*)?(?:日付|日にち|日|日程|時間|場所|内容|名前|名称|月|どこか|ちょっと)?(?:を|は|が)?"
                  r"(?:直|なお|修正|変更|変え|かえ|訂正)(?:す|し|したい|して|します|したいです|してください|てください|て|たい|たいです|る)?"
                  r"(?:です)?[。.!！\s]*$")


def read_answer(text: str) -> str | None:
    """「はい」→ yes, 「直す」→ fix, 「やめる」「いいえ」→ no; None for anything else (a correction,
    a question). 「違う」 is a fix, not a no: the admin wants it set, only not like that."""
    if text in FIX_WORDS or _FIX.match(unicodedata.normalize("NFKC", text).strip()):
        return FIX
    if vocabulary.is_cancel(text) or text in vocabulary.NO_WORDS or _DROP.match(unicodedata.normalize("NFKC", text).strip()):
        return NO
    if text in _YES:
        return YES
    return None


async def propose(ctx: Context, kind: str, data: dict[str, Any], text: str, command: str, what: str = "") -> None:
    """Show `text` (the job's 「次の内容で…　よろしいですか？」) with the three buttons and keep `command`
    (without 「/dx」) for 「はい」. `data` is the job's own record of what was read (for 「直す」);
    `what` names it if it is brought back (「『連絡会議・毎月第2火曜 15:00から』の登録」)."""
    await forget_set_aside(ctx, kind)
    await ctx.start_dialog(kind, {**data, "command": command, "step": "confirm", "what": what})
    await ctx.reply(Reply(text=text, choices=(
        Choice(ctx.t("confirm.yes"), kind, YES, "primary"),
        Choice(ctx.t("confirm.fix"), kind, FIX),
        Choice(ctx.t("confirm.no"), kind, NO, "danger"),
    )))


async def ask(ctx: Context, kind: str, data: dict[str, Any], question: str, step: str = "missing") -> None:
    """Ask for the one thing missing (or what to change): the next message answers it."""
    await ctx.start_dialog(kind, {**data, "step": step})
    await ctx.reply(question)


async def finish(ctx: Context, data: dict[str, Any], answer: str) -> bool:
    """「はい」: run the command kept; 「やめる」: say nothing was set. Returns False for 「直す」 (the job
    asks what to change)."""
    if answer == FIX:
        return False
    await ctx.end_dialog()
    if answer == YES and ctx.run_command is not None:
        await ctx.run_command(str(data.get("command", "")))
    else:
        await ctx.reply(ctx.t("confirm.dropped"))
    return True


async def pressed(ctx: Context, action: ActionReceived, kind: str) -> dict[str, Any]:
    """The dialog data behind a pressed button of `kind`; an old or foreign button is expired."""
    state = await ctx.active_dialog()
    if state is None or state.get("kind") != kind or not state.get("data", {}).get("command") \
            or action.value not in (YES, FIX, NO):
        raise UserFacingError("action.expired")
    return dict(state.get("data", {}))


# What a job does on 「直す」 (asks what to change): `(ctx, data)`.
FixAsker = Callable[[Context, dict[str, Any]], Awaitable[None]]
# How a job acts on an answer (`finish` unless the job has its own, e.g. a change already previewed).
Finisher = Callable[[Context, dict[str, Any], str], Awaitable[bool]]


def ask_fix_with(kind: str, key: str) -> FixAsker:
    """The usual 「直す」: ask the catalogue's question `key` and let the next message answer it."""
    async def ask_fix(ctx: Context, data: dict[str, Any]) -> None:
        await ask(ctx, kind, data, ctx.t(key), step="fix")

    return ask_fix


async def answer_pressed(ctx: Context, action: ActionReceived, kind: str, on_fix: FixAsker,
                         finisher: Finisher = finish) -> None:
    """A pressed [はい][直す][やめる] of `kind` (an admin's only): run it, drop it, or `on_fix`."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("action.expired")
    data = await pressed(ctx, action, kind)
    if not await finisher(ctx, data, action.value):
        await on_fix(ctx, data)


async def answer_typed(ctx: Context, text: str, data: dict[str, Any], on_fix: FixAsker,
                       finisher: Finisher = finish) -> bool:
    """はい / 直す / やめる typed under the confirmation (やめる also while something is asked): acted
    on, True; False for anything else (a correction, a question: the job reads it)."""
    answer = read_answer(text)
    if answer is None or not (data.get("step") == "confirm" or answer == NO):
        return False
    if not await finisher(ctx, data, answer):
        await on_fix(ctx, data)
    return True


# --- a proposal left for another conversation ----------------------------------------------------------
def _aside_key(ctx: Context) -> str:
    return f"aside:{ctx.person.id}"


def _is_proposal(state: dict[str, Any] | None) -> bool:
    """A confirmation waiting for [はい] that was never brought back before (never twice)."""
    data = state.get("data", {}) if state else {}
    return bool(data.get("command")) and data.get("step") == "confirm" and not data.get("revived")


async def forget_set_aside(ctx: Context, kind: str) -> None:
    """A proposal of `kind` made again: the one set aside earlier is not brought back any more."""
    if not ctx.person.has_role(Role.ADMIN) or ctx.services.config.set_aside_hours <= 0:
        return
    kept = await ctx.services.state.get(_aside_key(ctx))
    if kept is not None and kept.get("kind") == kind:
        await ctx.services.state.delete(_aside_key(ctx))


async def after_turn(ctx: Context) -> None:
    """Called by the dispatcher when an admin's turn is over: a proposal this turn replaced with
    another dialog is set aside; when this turn ended a dialog and left none, one set aside is brought
    back (once, while fresh). Costs nothing when the turn found no dialog or did not end one."""
    hours = ctx.services.config.set_aside_hours
    if hours <= 0 or not ctx.person.has_role(Role.ADMIN):
        return
    if ctx.commands_run:
        # A proposal whose command ran by another path meanwhile (typed, or a confirmation of its
        # own) is done: nothing is left to bring back.
        kept = await ctx.services.state.get(_aside_key(ctx))
        if kept is not None and _ran(ctx, kept):
            await ctx.services.state.delete(_aside_key(ctx))
    found, left = ctx.dialog_at_start(), ctx.final_dialog()
    if found is None or found[0] is None or left is None:
        return
    before, after = found[0], left[0]
    if after is not None:
        # A proposal whose command ran in this turn (its 「はい」, or the command typed) is done, even
        # when the command opened a dialog of its own (the assessment's 「5名未満」 warning).
        if _is_proposal(before) and after.get("kind") != before.get("kind") and not _ran(ctx, before):
            await ctx.services.state.put(_aside_key(ctx), before)
        return
    kept = await ctx.services.state.get(_aside_key(ctx))
    if kept is None:
        return
    await ctx.services.state.delete(_aside_key(ctx))
    try:
        fresh = ctx.services.clock.now() - datetime.fromisoformat(str(kept.get("at"))) <= timedelta(hours=hours)
    except ValueError:
        fresh = False
    if fresh and kept.get("kind") != before.get("kind"):
        await _bring_back(ctx, str(kept.get("kind")), dict(kept.get("data", {})))


def _ran(ctx: Context, state: dict[str, Any] | None) -> bool:
    """Did a command of the same route as the proposal's run in this turn?"""
    command = str((state or {}).get("data", {}).get("command", ""))
    return bool(command and ctx.commands_run) and ctx.route_of(command) in ctx.commands_run


async def _bring_back(ctx: Context, kind: str, data: dict[str, Any]) -> None:
    """「さきほどの『…』の登録はまだです。続けますか？ [はい][やめる]」, the proposal waiting again."""
    what = str(data.get("what") or "") or ctx.t("confirm.set_aside.command", command=f"/dx {data.get('command', '')}")
    await ctx.start_dialog(kind, {**data, "step": "confirm", "revived": True})
    await ctx.reply(Reply(text=ctx.t("confirm.set_aside.back", what=what), choices=(
        Choice(ctx.t("confirm.yes"), kind, YES, "primary"),
        Choice(ctx.t("confirm.no"), kind, NO, "danger"),
    )))
