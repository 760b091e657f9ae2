"""FAQ editing with review: nothing reaches the published FAQ without an editor.

An answer to an unanswered question goes to the asker at once but becomes only a draft (D-1, in
the asker's words); an editor (an admin) rewords it in the office's words, publishes it or
discards it. Liaisons propose; admins publish. A published entry can be unpublished (it goes back
to the drafts) or deleted (kept for `faq undo`); every step is in the audit log.

Drafts and deleted entries live in the shared state store (two small JSON documents), so they
survive restarts and are shared by replicas.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from bot.core import confirm, vocabulary
from bot.core.commands import japanese_path
from bot.core.context import Context
from bot.core.errors import UserFacingError
from bot.core.events import ActionReceived, MessageReceived
from bot.core.model import FaqEntry, Role, UnansweredStatus
from bot.core.replies import Choice, Reply
from bot.core.text import fold
from handlers.faq import smalltalk
from handlers.faq.desk import router
from handlers.faq.drafts import (
    add_draft,
    draft_id_of,
    drafts,
    entry_id_of,
    keep_deleted,
    next_entry_id,
    note_draft_done,
    plain_question,
    put_back_draft,
    take_deleted,
    take_draft,
)

# 「/dx FAQ 公開 D-1 そのまま」: publish a draft whose question is still the asker's words.
ANYWAY_WORDS = vocabulary.WordSet("そのまま", "このまま", "このまま公開", "そのまま公開", "強制", "anyway", "as-is", "force")


def render_drafts(items: dict[str, Any], ctx: Context) -> Reply:
    """The drafts waiting for an editor, newest last."""
    if not items:
        return Reply(text=ctx.t("faq.drafts.empty"), ephemeral=True)
    lines = [ctx.t("faq.drafts.line", id=k, question=v["question"][:80], answer=v["answer"][:80],
                   who=v.get("proposed_by", "-"), source=v.get("source") or "-") for k, v in items.items()]
    lines.append(ctx.t("faq.drafts.how", id=next(iter(items))))
    return Reply(title=ctx.t("faq.drafts.title", count=len(items)), text="\n".join(lines), ephemeral=True)


# 「これ公開しといて」「それ公開で」「D-1公開して」 typed by an admin (folded): a request to publish a
# draft. With one draft it is named and confirmed; with several, the admin is asked which.
_PUBLISH_REQUEST = re.compile(
    r"^(?:(?:これ|それ|あれ|こっち|そっち|この案|その案|この下書き|その下書き|いまの|今の|さっきの|下書き|faq案|"
    r"d[-－]?(?P<number>\d+))(?:を|は|も|の)?[、,\s]*)?(?:公開|こうかい)"
    r"(?:して|しといて|しておいて|しちゃって|しちゃおう|お願い|おねがい|よろしく|よろ|頼む|たのむ|で|にして|しよう|しましょう|する)?"
    r"(?:ください|下さい|くれる|ね|よ|お願いします|おねがいします|お願い|おねがい|です|いい|ok|おけ)?[\s。．.!！?？〜ー～]*$")


def publish_request(folded: str) -> bool:
    """「これ公開しといて」「それ公開で」「D-2 公開して」 (never 「公開」 inside a question)."""
    return bool(_PUBLISH_REQUEST.match(folded))


@router.message(when=publish_request, priority=56)
async def typed_publish_request(ctx: Context, msg: MessageReceived) -> bool:
    """An admin's 「これ公開しといて」: 「D-1 を公開しますか？」 when one draft waits (or the one named),
    the drafts in one line and which one when several; with none, or for anyone else, the message
    goes on (to the hint naming the command)."""
    if not ctx.person.has_role(Role.ADMIN):
        return False
    m = _PUBLISH_REQUEST.match(fold(msg.text))
    return await ask_publish(ctx, f"D-{int(m.group('number'))}" if m and m.group("number") else "")


async def ask_publish(ctx: Context, named: str = "") -> bool:
    """「D-1 を公開しますか？」 for the draft *named* (or the only one), else which of the drafts; False
    when there is none (or the one named is not there)."""
    items = (await drafts(ctx))["items"]
    ids = [named] if named in items else sorted(items, key=lambda i: int(i.split("-")[1]))
    if not ids or (named and named not in items):
        return False
    if len(ids) == 1:
        await ctx.start_dialog("faq.publish_confirm", {"draft_id": ids[0]})
        await ctx.reply(Reply(
            text=ctx.t("faq.draft.confirm_publish", id=ids[0], question=plain_question(str(items[ids[0]]["question"]))[:60]),
            choices=(Choice(ctx.t("faq.answer.yes"), "faq.publish_confirm", f"yes|{ids[0]}"),
                     Choice(ctx.t("faq.answer.no"), "faq.publish_confirm", f"no|{ids[0]}"))))
        return True
    listed = "、".join(f"{n}. {i}「{str(items[i]['question'])[:20]}」" for n, i in enumerate(ids[:9], 1))
    await ctx.start_dialog("faq.publish_which", {"ids": ids[:9]})
    await ctx.reply(Reply(text=ctx.t("faq.draft.which_publish", count=len(ids), drafts=listed),
                          choices=tuple(Choice(i, "faq.publish_pick", i) for i in ids[:9])))
    return True


# 「D-1の質問を「VPNにつながらないときは？」に直して」「d1 回答を…に変えて」: a draft reworded
# in words; 「D-1 消して」「D-2は削除で」: a draft discarded. Both are confirmed, then run as
# `/dx FAQ 編集 D-1 質問 …` / `/dx FAQ 破棄 D-1` (bot/core/confirm.py).
# Matched on the text as typed (full-width letters, digits and 「？」 kept in the new wording).
_DRAFT_REF = r"^(?:[fｆ][aａ][qｑ]\s*案|下書き)?\s*[dｄ]\s*[-－ー‐−]?\s*(?P<number>\d+)\s*(?:の|は|を)?\s*"
_DRAFT_EDIT = re.compile(
    _DRAFT_REF + r"(?:(?P<field>質問文?|しつもん|タイトル|題名|回答文?|答え|こたえ|かいとう|カテゴリー?|担当部署)\s*(?:を|は)?\s*)?"
    r"(?P<open>[「『\"“])?(?P<value>.+?)[」』\"”]?\s*(?:に|へ|と)\s*"
    r"(?:直して|なおして|直しといて|直しておいて|変えて|かえて|変えといて|変更して|修正して|書き換えて|書きかえて|かきかえて|して|しといて|しておいて)"
    r"(?:ください|下さい|お願いします|おねがいします|ほしい|欲しい|くれる|くれ)?[\s。．.!！]*$", re.IGNORECASE)
# 「D-2はいらないのですてて」「D-2もういらない」「d2 いらないから消しといて」: a reason before the verb is read.
_DRAFT_DISCARD = re.compile(
    _DRAFT_REF + r"(?:(?:もう)?(?:いらない|要らない|不要|必要ない|いらん|使わない|つかわない)(?:な?ので|から|だから|し)[、,\s]*)?"
    r"(?:もう)?(?:消して|けして|消しといて|けしといて|消しちゃって|消しておいて|削除して|削除しといて|削除で|削除|さくじょして|破棄して|"
    r"破棄しといて|破棄で|破棄|はきして|捨てて|すてて|捨てといて|すてといて|捨てちゃって|すてちゃって|ボツで|ぼつで|ボツ|ぼつ|"
    r"いらない|要らない|いらん|不要|必要ない|不要です|いりません)(?:です)?"
    r"(?:ください|下さい|お願いします|おねがいします|ほしい|欲しい|くれる|で|ね|よ)?[\s。．.!！]*$", re.IGNORECASE)
_FIELDS = {"質問": "質問", "質問文": "質問", "しつもん": "質問", "タイトル": "質問", "題名": "質問", "回答": "回答", "回答文": "回答",
           "答え": "回答", "こたえ": "回答", "かいとう": "回答", "カテゴリ": "カテゴリ", "カテゴリー": "カテゴリ", "担当部署": "担当部署"}
_FIELD_NAMES = {"質問": "question", "回答": "answer", "カテゴリ": "category", "担当部署": "department"}
DRAFT_CHANGE_DIALOG = "faq.draft_change"


def draft_change(text: str) -> dict[str, str] | None:
    """{"draft_id", "field", "value"} for a rewording, {"draft_id"} for a discard, None otherwise."""
    said = text.strip()
    if len(said) > 300:
        return None
    if m := _DRAFT_DISCARD.match(said):
        return {"draft_id": f"D-{int(m.group('number'))}"}
    # A field or quotes say what the words are (「D-1を公開にして」 is no rewording to 「公開」).
    if (m := _DRAFT_EDIT.match(said)) and m.group("value").strip() and (m.group("field") or m.group("open")):
        return {"draft_id": f"D-{int(m.group('number'))}", "field": _FIELDS.get(m.group("field") or "", "質問"),
                "value": m.group("value").strip()}
    return None


def is_draft_change(folded: str) -> bool:
    """「D-1の質問を「…」に直して」「D-1 消して」 (folded text)."""
    return draft_change(folded) is not None


@router.message(when=is_draft_change, priority=56)
async def typed_draft_change(ctx: Context, msg: MessageReceived) -> bool:
    """An admin's rewording or discard of a draft in words: 「次の内容で直します: …　よろしいですか？
    [はい][直す][やめる]」; 「はい」 runs `/dx FAQ 編集 D-1 質問 …` (or `破棄`) as the slash command does.
    For anyone else the message goes on."""
    change = draft_change(msg.text)
    if change is None or not ctx.person.has_role(Role.ADMIN):
        return False
    await propose_draft_change(ctx, change)
    return True


async def propose_draft_change(ctx: Context, change: dict[str, str]) -> None:
    draft_id = change["draft_id"]
    draft = (await drafts(ctx))["items"].get(draft_id)
    if draft is None:
        raise UserFacingError("faq.draft.not_found", id=draft_id)
    if "field" not in change:
        command = f"faq discard {draft_id}"
        text = ctx.t("faq.draft.confirm_discard", id=draft_id, question=str(draft.get("question", ""))[:60],
                     command=_shown(ctx, command))
    else:
        field = _FIELD_NAMES[change["field"]]
        command = f"faq edit {draft_id} {change['field']} {change['value']}"
        text = ctx.t("faq.draft.confirm_edit", id=draft_id, field=ctx.t(f"faq.field.{field}"), value=change["value"],
                     old=str(draft.get(field, "") or "—")[:60], command=_shown(ctx, command))
    await confirm.propose(ctx, DRAFT_CHANGE_DIALOG, change, text, command)


def _shown(ctx: Context, command: str) -> str:
    words = command.split(" ", 2)
    if ctx.lang == "en":
        return "/dx " + command
    return "/dx " + " ".join([japanese_path(tuple(words[:2])), *words[2:]])


async def _draft_change_answer(ctx: Context, data: dict[str, Any], answer: str) -> None:
    if answer == confirm.FIX and "field" not in data:
        answer = confirm.NO  # a discard has nothing to change
    if answer == confirm.NO:
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.draft.change_dropped", id=data.get("draft_id", "")))
        return
    if not await confirm.finish(ctx, data, answer):
        await confirm.ask(ctx, DRAFT_CHANGE_DIALOG, data, ctx.t("faq.draft.change_ask", id=data.get("draft_id", ""),
                                                                field=ctx.t(f"faq.field.{_FIELD_NAMES[data['field']]}")),
                          step="fix")


@router.action(DRAFT_CHANGE_DIALOG)
async def press_draft_change(ctx: Context, action: ActionReceived) -> None:
    """[はい] rewords (or discards) the draft, [直す] asks the new wording, [やめる] keeps it."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("action.expired")
    await _draft_change_answer(ctx, await confirm.pressed(ctx, action, DRAFT_CHANGE_DIALOG), action.value)


@router.dialog(DRAFT_CHANGE_DIALOG)
async def typed_draft_change_answer(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """はい / 直す / やめる; after 直す, the new wording itself (「」 around it are dropped)."""
    answer = confirm.read_answer(msg.text)
    if answer is not None and (data.get("step") == "confirm" or answer == confirm.NO):
        await _draft_change_answer(ctx, data, answer)
        return True
    if (change := draft_change(msg.text)) is not None:
        await propose_draft_change(ctx, change)
        return True
    if await _publish_with_pending_edit(ctx, msg, data):
        return True
    if data.get("step") == "confirm" and "field" in data and ctx.asks_something_else(msg.text):
        # Another request at 「次の内容で直します…よろしいですか？」: it runs, the edit stays to confirm.
        ctx.keep_asking_after(DRAFT_CHANGE_DIALOG, ctx.t("faq.draft.change_still", id=data.get("draft_id", "")))
        return False
    if data.get("step") == "fix" and "field" in data:
        value = msg.text.strip().strip("「」『』\"“”").strip()
        if value:
            await propose_draft_change(ctx, {**{k: str(v) for k, v in data.items() if k in ("draft_id", "field")},
                                             "value": value})
            return True
    await ctx.end_dialog()
    return False


async def _publish_with_pending_edit(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「D-1こうかいして」「これ公開で」 at 「次の内容で直します: D-1 の質問を…　よろしいですか？」: the edit
    shown is what the admin wants published, so it is made first (as 「はい」 would), then the usual
    「D-1 を公開しますか？」 shows the new wording. Publishing another draft leaves this edit undone (said)."""
    m = _PUBLISH_REQUEST.match(fold(msg.text))
    if m is None or not ctx.person.has_role(Role.ADMIN) or data.get("step") != "confirm":
        return False
    named = f"D-{int(m.group('number'))}" if m.group("number") else str(data.get("draft_id", ""))
    if "field" in data and named == data.get("draft_id"):
        await confirm.finish(ctx, data, confirm.YES)  # the edit, through the same command as 「はい」
    else:
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.draft.change_dropped", id=data.get("draft_id", "")))
    return await ask_publish(ctx, named)


@router.dialog("faq.publish_confirm")
async def typed_publish_confirm(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「はい」 publishes the draft named (the usual checks: its wording, its category); 「いいえ」
    keeps it; anything else leaves the question."""
    folded = fold(msg.text)
    draft_id = str(data["draft_id"])
    if smalltalk.is_yes(folded) or folded in ("公開", "公開して", "公開する", "こうかい"):
        await ctx.end_dialog()
        await publish_command(ctx, draft_id)
        return True
    if smalltalk.is_no(folded) or vocabulary.is_cancel(folded) or smalltalk.is_never_mind(folded):
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.draft.publish_kept", id=draft_id))
        return True
    if ctx.asks_something_else(msg.text):
        # Another request (「今月のまとめ見せて」): it runs, and 「D-1 を公開しますか？」 stays (fourteenth round).
        ctx.keep_asking_after("faq.publish_confirm", ctx.t("faq.draft.publish_still", id=draft_id))
        return False
    await ctx.end_dialog()
    return False


@router.action("faq.publish_confirm")
async def press_publish_confirm(ctx: Context, action: ActionReceived) -> None:
    """「はい」/「いいえ」 under 「D-1 を公開しますか？」."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("command.forbidden", role=ctx.t("role.admin"))
    said, _, draft_id = action.value.partition("|")
    await ctx.end_dialog()
    if said == "yes":
        await publish_command(ctx, draft_id_of(draft_id))
    else:
        await ctx.reply(ctx.t("faq.draft.publish_kept", id=draft_id_of(draft_id)))


@router.dialog("faq.publish_which")
async def typed_publish_which(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """「2」「2番」「D-2」 after the list of drafts publishes that one; 「やめる」 publishes none."""
    ids = [str(i) for i in data.get("ids") or []]
    text = unicodedata.normalize("NFKC", msg.text).strip()
    folded = fold(text)
    if vocabulary.is_cancel(folded) or smalltalk.is_no(folded) or smalltalk.is_never_mind(folded):
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.draft.publish_none_kept"))
        return True
    m = re.fullmatch(r"(?:d[-－]?(\d+)|(\d+)\s*(?:番|ばん)?(?:目)?)\s*(?:で|を公開|公開)?(?:して|お願いします|おねがい|です)?[。.!！]*",
                     folded)
    chosen = ""
    if m and m.group(1):
        chosen = f"D-{int(m.group(1))}"
    elif m and m.group(2) and 1 <= int(m.group(2)) <= len(ids):
        chosen = ids[int(m.group(2)) - 1]
    if chosen in ids:
        await ctx.end_dialog()
        await publish_command(ctx, chosen)
        return True
    if m:
        await ctx.reply(ctx.t("faq.choose_number", last=len(ids)))
        return True
    await ctx.end_dialog()
    return False


@router.action("faq.publish_pick")
async def press_publish_pick(ctx: Context, action: ActionReceived) -> None:
    """A draft's button under 「どれを公開しますか？」."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("command.forbidden", role=ctx.t("role.admin"))
    await ctx.end_dialog()
    await publish_command(ctx, draft_id_of(action.value))


@router.command("faq drafts", role=Role.LIAISON, help_key="cmd.faq.drafts", audit=False)
async def drafts_command(ctx: Context, args: str) -> None:
    """`faq drafts`: proposed entries waiting for review."""
    await ctx.reply(render_drafts((await drafts(ctx))["items"], ctx))


@router.command("faq propose", role=Role.LIAISON, help_key="cmd.faq.propose")
async def propose_command(ctx: Context, args: str) -> None:
    """`faq propose 質問 | 回答`: a liaison proposes an entry (a draft for an admin to publish)."""
    parts = [p.strip() for p in re.split(r"[|｜]", args)]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise UserFacingError("command.usage", usage=ctx.t("faq.propose.usage"))
    draft_id = await add_draft(ctx, parts[0], parts[1], category=parts[2] if len(parts) > 2 else "")
    if ctx.person.has_role(Role.ADMIN):  # an admin's own draft: they are the one who publishes it
        await ctx.reply(Reply(text=ctx.t("faq.draft.created.admin", id=draft_id), choices=(
            Choice(ctx.t("faq.draft.publish_button"), "faq.publish_confirm", f"yes|{draft_id}", "primary"),)))
        return
    await ctx.reply(ctx.t("faq.draft.created", id=draft_id))


@router.command("faq publish", role=Role.ADMIN, help_key="cmd.faq.publish", audit=False)
async def publish_command(ctx: Context, args: str) -> None:
    """`faq publish D-1`: the draft becomes a FAQ entry that answers staff. Audited here, not by the
    dispatcher: a draft held back (still the asker's words) is recorded as 「保留」, not 「成功」."""
    actor = f"{ctx.person.id}:{ctx.person.display_name or ctx.event.actor.user_id}"
    result = "ok"
    try:
        result = await _publish_or_hold(ctx, args)
    except UserFacingError as exc:
        result = f"refused: {exc.key}"
        raise
    except Exception:
        result = "error"
        raise
    finally:
        await ctx.services.audit.record(actor, "faq publish", args[:500], result)


async def _publish_or_hold(ctx: Context, args: str) -> str:
    """Publish the draft (「ok」) or ask first when it is still the asker's words (「held」)."""
    draft_id = draft_id_of(args)
    anyway = len(args.split()) > 1 and args.split()[1] in ANYWAY_WORDS
    waiting = (await drafts(ctx))["items"].get(draft_id)
    if waiting is not None and waiting.get("asker_words") and not anyway:
        # Still the asker's casual words (never reworded): ask once before they become a FAQ title.
        await ctx.reply(Reply(
            text=ctx.t("faq.draft.asker_words", id=draft_id, question=waiting["question"][:120]),
            choices=(Choice(ctx.t("faq.draft.publish_anyway"), "faq.publish_anyway", draft_id),)))
        return "held"
    if waiting is not None and not anyway:
        # A published entry already answers it: say so before, not after, a second one goes live.
        similar = await _similar_entry(ctx, waiting["question"], waiting.get("entry_id", ""))
        if similar is not None:
            await ctx.reply(Reply(
                text=ctx.t("faq.draft.similar_before", id=draft_id, entry_id=similar.id,
                           question=similar.question[:60]),
                choices=(Choice(ctx.t("faq.draft.publish_anyway"), "faq.publish_anyway", draft_id),)))
            return "held"
    return await publish_or_ask_category(ctx, draft_id)


async def publish_or_ask_category(ctx: Context, draft_id: str) -> str:
    """Publish the draft, or first propose a category when it has none (「ok」 / 「held」)."""
    waiting = (await drafts(ctx))["items"].get(draft_id)
    if waiting is not None and _uncategorised(ctx, str(waiting.get("category") or "")):
        proposed, near = await _proposed_category(ctx, waiting)
        if proposed:
            await ask_category(ctx, draft_id, proposed, near)
            return "held"
    await publish_draft(ctx, draft_id)
    return "ok"


CATEGORY_BUTTONS = 6  # the proposed category and the FAQ's most used others
CATEGORY_WINDOW_S = 10 * 60  # an answer typed later (another session) is asked again, never published


async def ask_category(ctx: Context, draft_id: str, proposed: str, near: list[str], key: str = "faq.draft.category_ask") -> None:
    """Ask which category: the proposed one and the existing ones as buttons (a number or a name
    typed is an answer too; see `typed_category`)."""
    counts: dict[str, int] = {}
    for entry in await ctx.services.faq.list_entries():
        if not _uncategorised(ctx, entry.category):
            counts[entry.category] = counts.get(entry.category, 0) + 1
    others = sorted((c for c in counts if c != proposed), key=lambda c: (-counts[c], c))
    categories = [proposed, *others][:CATEGORY_BUTTONS]
    await ctx.start_dialog("faq.category", {"draft_id": draft_id, "category": proposed, "near": near,
                                            "categories": categories,
                                            "asked_at": ctx.services.clock.now().timestamp()})
    choices = [Choice(ctx.t("faq.draft.category_accept", category=proposed), "faq.publish_category",
                      f"{draft_id}|{proposed}", "primary")]
    choices += [Choice(c, "faq.publish_category", f"{draft_id}|{c}") for c in categories[1:]]
    await ctx.reply(Reply(text=ctx.t(key, id=draft_id, category=proposed, entries="、".join(near),
                                     last=len(categories)), choices=tuple(choices)))


def _uncategorised(ctx: Context, category: str) -> bool:
    return category.strip() in ("", ctx.t("faq.category.new"), "未分類", "Uncategorised")


async def _proposed_category(ctx: Context, draft: dict[str, Any]) -> tuple[str, list[str]]:
    """The category most of the closest published entries share (by search score), with those
    entries' ids; ("", []) when no close entry has a category."""
    hits = await ctx.services.search.search(f"{draft['question']} {draft['answer']}"[:500], limit=5)
    weights: dict[str, float] = {}
    near: dict[str, list[str]] = {}
    for entry_id, score in hits:
        entry = await ctx.services.faq.get_entry(entry_id)
        if entry is None or _uncategorised(ctx, entry.category) or entry_id == draft.get("entry_id"):
            continue
        weights[entry.category] = weights.get(entry.category, 0.0) + score
        near.setdefault(entry.category, []).append(entry_id)
    if not weights:
        return "", []
    best = max(weights, key=lambda c: weights[c])
    return best, near[best][:3]


# A category's name: letters (kana, kanji, Latin, digits) with 「・」「&」「/」「-」 between, short, no
# sentence; 「🙏」「ありがとう」「了解です」 are not one.
_CATEGORY_NAME = re.compile(r"[\w・&＆/／\-ー＋+]+(?:[ 　][\w・&＆/／\-ー＋+]+)*")


def looks_like_category(text: str) -> bool:
    """「ウェビナー」「端末・ネットワーク」「Excel・データ活用」: a name a category could have; never an
    emoji, thanks, a greeting, a yes/no or a question."""
    folded = fold(text)
    if not (2 <= len(text) <= 20) or not _CATEGORY_NAME.fullmatch(text) or not re.search(r"[^\d\W_]", text):
        return False
    words = (smalltalk.is_thanks, smalltalk.is_greeting, smalltalk.is_acknowledgement, smalltalk.is_never_mind,
             smalltalk.is_yes, smalltalk.is_no, smalltalk.is_chitchat, smalltalk.is_test_message)
    return not any(test(folded) for test in words) and not re.search(r"(ですか|ますか|でしょうか|かな|教えて)$", text)


# A request's ending after a category's name: 「…でおねがい」「…にして」「…でいいです」「…で」.
_REQUEST_ENDING = re.compile(
    r"(?:で|に)?(?:して(?:ください|下さい|ね)?|お願い(?:します|ね)?|おねがい(?:します|ね)?|よろしく(?:お願いします)?"
    r"|いい(?:です)?|OK|ok|オッケー|おけ|で)?[。．.!！]*$")


@router.dialog("faq.category")
async def typed_category(ctx: Context, msg: MessageReceived, data: dict) -> bool:
    """After the proposed category: 「はい」 accepts it, a number picks one of the buttons, an
    existing category's name or a new name that looks like one (`looks_like_category`) is the
    category, 「やめる」 keeps the draft unpublished. Nothing else publishes: 「🙏」 or thanks ask
    again; a question of its own leaves the dialog. An answer typed long after the question
    (another session) asks again before anything is published."""
    text = unicodedata.normalize("NFKC", " ".join(msg.text.split())).strip("「」『』\"'")
    folded = fold(text)
    draft_id = str(data["draft_id"])
    proposed = str(data["category"])
    categories = [str(c) for c in data.get("categories") or [proposed]]
    if vocabulary.is_cancel(folded) or folded in vocabulary.NO_WORDS or smalltalk.is_never_mind(folded):
        await ctx.end_dialog()
        await ctx.reply(ctx.t("faq.draft.category_kept", id=draft_id))
        return True
    number = int(text) if re.fullmatch(r"[0-9]{1,2}", text) else None
    if folded in vocabulary.YES_WORDS:
        category = proposed
    elif number is not None:
        if not 1 <= number <= len(categories):
            await ctx.reply(ctx.t("faq.choose_number", last=len(categories)))
            return True
        category = categories[number - 1]
    else:
        known = {fold(c): c for c in categories}
        for entry in await ctx.services.faq.list_entries():
            if not _uncategorised(ctx, entry.category):
                known.setdefault(fold(entry.category), entry.category)
        if fold(text) not in known and ctx.asks_something_else(text):
            # Fourteenth round: 「FAQを書き出して」「今月のまとめ見せて」 is another request, never a category
            # (it was published as 「FAQを書き出」): it runs, and the question is asked again after it.
            ctx.keep_asking_after("faq.category", ctx.t("faq.draft.category_still", id=draft_id, category=proposed))
            return False
        # 「アカウント・その他でおねがい」「情報セキュリティにして」: the name without the request.
        name = _REQUEST_ENDING.sub("", text).strip()
        named = [c for f, c in known.items() if f and f in fold(name)]
        category = (known.get(fold(name)) or (max(named, key=len) if named and len(name) <= 30 else "")
                    or (name if looks_like_category(name) else ""))
    if not category:
        if len(text) <= 20 and not re.search(r"[?？]", text):
            # 「🙏」「ありがとう」: not a category; the question stays open, asked again.
            await ask_category(ctx, draft_id, proposed, list(data.get("near") or []), "faq.draft.category_not_name")
            return True
        await ctx.end_dialog()
        return False
    if ctx.services.clock.now().timestamp() - float(data.get("asked_at") or 0) > CATEGORY_WINDOW_S:
        # Typed long after the question (walk-through: the next session's 「🙏」 became the category).
        await ask_category(ctx, draft_id, proposed, list(data.get("near") or []), "faq.draft.category_again")
        return True
    await ctx.end_dialog()
    await _publish_with_category(ctx, draft_id, category)
    return True


@router.action("faq.publish_category")
async def press_publish_category(ctx: Context, action: ActionReceived) -> None:
    """「「端末・ネットワーク」で公開」: publish with the proposed category."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("command.forbidden", role=ctx.t("role.admin"))
    draft_id, _, category = action.value.partition("|")
    await ctx.end_dialog()
    await _publish_with_category(ctx, draft_id_of(draft_id), category)


async def _publish_with_category(ctx: Context, draft_id: str, category: str) -> None:
    await publish_draft(ctx, draft_id, category=category)
    actor = f"{ctx.person.id}:{ctx.person.display_name or ctx.event.actor.user_id}"
    await ctx.services.audit.record(actor, "faq publish", f"{draft_id} カテゴリ:{category}"[:500], "ok")


@router.action("faq.publish_anyway")
async def press_publish_anyway(ctx: Context, action: ActionReceived) -> None:
    """「このまま公開」 under the warning that the question is still the asker's words."""
    if not ctx.person.has_role(Role.ADMIN):
        raise UserFacingError("command.forbidden", role=ctx.t("role.admin"))
    draft_id = draft_id_of(action.value)
    result = await publish_or_ask_category(ctx, draft_id)
    actor = f"{ctx.person.id}:{ctx.person.display_name or ctx.event.actor.user_id}"
    await ctx.services.audit.record(actor, "faq publish", f"{draft_id} このまま", result)


async def publish_draft(ctx: Context, draft_id: str, category: str = "") -> None:
    """The draft becomes a FAQ entry (with a note when a published entry already answers it);
    *category*, when given, replaces the draft's."""
    draft = await take_draft(ctx, draft_id)  # taken atomically: two editors publish it once
    try:
        similar = await _similar_entry(ctx, draft["question"], draft.get("entry_id", ""))
        entry_id = draft.get("entry_id") or await next_entry_id(ctx)
        # A draft kept before its notes were left out (tenth round and before) is published without them.
        # An edited entry keeps its English wording (shown with `faq show`, changed with `faq english`).
        before = await ctx.services.faq.get_entry(entry_id) if draft.get("entry_id") else None
        entry = FaqEntry(id=entry_id, question=plain_question(draft["question"]), answer=draft["answer"],
                         alternates=list(draft.get("alternates") or []),
                         category=category or draft.get("category", ""),
                         tags=list(draft.get("tags") or []), department=draft.get("department", ""),
                         question_en=before.question_en if before else "",
                         answer_en=before.answer_en if before else "",
                         category_en=before.category_en if before else "")
        await ctx.services.faq.upsert_entries([entry])
    except BaseException:
        await put_back_draft(ctx, draft_id, draft)  # not published: the draft stays
        raise
    await note_draft_done(ctx, draft_id, entry_id)
    await ctx.services.search.ensure_current(force=True)
    text = ctx.t("faq.draft.published", id=draft_id, entry_id=entry_id, question=entry.question)
    if category:
        text += "\n" + ctx.t("faq.draft.category_set", category=category)
    if similar is not None:
        text += "\n" + ctx.t("faq.draft.similar", entry_id=similar.id, question=similar.question[:60])
    await ctx.reply(text)


async def _similar_entry(ctx: Context, question: str, own_id: str) -> FaqEntry | None:
    """A published entry that already asks this question (a likely duplicate: the entry would
    answer it outright and `likely_duplicate` holds), if any; None when it is only a neighbour
    sharing a word (「スマホからパスワードを再設定できますか？」 and FAQ-018 on a citizen's My Page):
    say nothing then."""
    search = ctx.services.search
    hits = await search.search(question, limit=2)
    if (not hits or hits[0][0] == own_id or search.decide(hits, question) != "answer"
            or not search.likely_duplicate(question)):
        return None
    return await ctx.services.faq.get_entry(hits[0][0])


@router.command("faq discard", role=Role.ADMIN, help_key="cmd.faq.discard")
async def discard_command(ctx: Context, args: str) -> None:
    """`faq discard D-1`: drop a draft (the asker already has the answer)."""
    draft_id = draft_id_of(args)
    await take_draft(ctx, draft_id)
    await note_draft_done(ctx, draft_id)
    await ctx.reply(ctx.t("faq.draft.discarded", id=draft_id))


@router.command("faq unpublish", role=Role.ADMIN, help_key="cmd.faq.unpublish")
async def unpublish_command(ctx: Context, args: str) -> None:
    """`faq unpublish FAQ-100`: take an entry out of the answers; it waits as a draft."""
    entry_id = entry_id_of(args)
    entry = await ctx.services.faq.get_entry(entry_id)
    if entry is None or not await ctx.services.faq.delete_entry(entry_id):
        raise UserFacingError("faq.entry.not_found", entry_id=entry_id)
    draft_id = await add_draft(ctx, entry.question, entry.answer, category=entry.category, entry_id=entry.id,
                               source=entry.id, alternates=entry.alternates, tags=entry.tags,
                               department=entry.department)
    await ctx.services.search.ensure_current(force=True)
    await ctx.reply(ctx.t("faq.entry.unpublished", entry_id=entry_id, id=draft_id))


@router.command("faq remove", role=Role.ADMIN, help_key="cmd.faq.remove")
async def remove_command(ctx: Context, args: str) -> None:
    """`faq remove FAQ-100` (削除): delete an entry; `faq undo FAQ-100` brings it back."""
    entry_id = entry_id_of(args)
    entry = await ctx.services.faq.get_entry(entry_id)
    if entry is None or not await ctx.services.faq.delete_entry(entry_id):
        raise UserFacingError("faq.entry.not_found", entry_id=entry_id)
    await keep_deleted(ctx, entry_id, {"question": entry.question, "answer": entry.answer,
                                       "alternates": entry.alternates, "category": entry.category,
                                       "tags": entry.tags, "department": entry.department,
                                       "question_en": entry.question_en, "answer_en": entry.answer_en,
                                       "category_en": entry.category_en})
    await ctx.services.search.ensure_current(force=True)
    await ctx.reply(ctx.t("faq.entry.removed", entry_id=entry_id, question=entry.question[:60]))


@router.command("faq undo", role=Role.ADMIN, help_key="cmd.faq.undo")
async def undo_command(ctx: Context, args: str) -> None:
    """`faq undo FAQ-100`: restore a deleted entry, same id and wording."""
    entry_id = entry_id_of(args)
    if await ctx.services.faq.get_entry(entry_id) is not None:
        raise UserFacingError("faq.undo.taken", entry_id=entry_id)
    saved = await take_deleted(ctx, entry_id)
    if saved is None:
        raise UserFacingError("faq.undo.nothing", entry_id=entry_id)
    try:
        await ctx.services.faq.upsert_entries([FaqEntry(id=entry_id, **saved)])
    except BaseException:
        await keep_deleted(ctx, entry_id, saved)
        raise
    await ctx.services.search.ensure_current(force=True)
    await ctx.reply(ctx.t("faq.entry.restored", entry_id=entry_id, question=saved["question"][:60]))


@router.command("faq close", role=Role.LIAISON, help_key="cmd.faq.close", audit=True)  # who closed it unanswered
async def close_command(ctx: Context, args: str) -> None:
    """`faq close Q-7` (対応済み): a question or request is dealt with; it leaves the open list."""
    m = re.fullmatch(r"\s*[qQ]?[-－]?(\d+)\s*", args)
    if not m:
        raise UserFacingError("faq.request.usage")
    question = await ctx.services.faq.get_unanswered(int(m.group(1)))
    if question is None:
        raise UserFacingError("faq.unanswered.not_found", id=m.group(1))
    question.status = UnansweredStatus.CLOSED
    await ctx.services.faq.update_unanswered(question)
    await ctx.reply(ctx.t("faq.request.closed", id=question.id))
