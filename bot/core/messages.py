"""Every user-visible string, Japanese first with English beside it.

The core's own texts are here; each job keeps its texts in `handlers/<job>/messages.py` and
registers them with `register()` when it is imported.

`t(key, lang, **params)` formats one. Handlers never hold literal user-facing text.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.core.catalogue import buttons as button_messages
from bot.core.catalogue import forms as forms_messages
from bot.core.catalogue import imports as import_messages
from bot.core.catalogue import platforms as platform_messages

log = logging.getLogger(__name__)

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- errors and bad input -------------------------------------------------------------
    "busy": (
        "ただいま混み合っています。少し時間をおいて、もう一度お送りください。",
        "DX Desk is busy right now. Please send your message again in a moment.",
    ),
    "error.unavailable": (
        "申し訳ありません。いまデータベースに接続できず、このメッセージを処理できませんでした。"
        "少し時間をおいて、もう一度送ってください。（エラー番号: {error_id}）",
        "Sorry, the database cannot be reached right now and this message could not be handled. "
        "Please send it again in a few minutes. (error id: {error_id})",
    ),
    "error.internal": (
        "申し訳ありません。処理中に問題が発生しました。時間をおいてもう一度お試しください。"
        "（エラー番号: {error_id}）",
        "Sorry, something went wrong on our side. Please try again later. (error id: {error_id})",
    ),
    "input.empty": (
        "ご質問の内容を入力してください。例:「オンライン申請のフォームを作りたい」",
        "Please type your question. For example: \"How do I create an online form?\"",
    ),
    "input.no_text": (
        "すみません、文字の入ったご質問でお願いします。例:「Zoomで画面共有する方法」",
        "Sorry, please ask in words. For example: \"How do I share my screen in Zoom?\"",
    ),
    "input.too_long": (
        "メッセージが長いため、先頭の{limit}文字で検索しました。",
        "Your message was long, so I searched with its first {limit} characters.",
    ),
    "command.unknown": (
        "「{command}」というコマンドはありません。「/dx ヘルプ」で使えるコマンドを確認できます。",
        "There is no command \"{command}\". Type \"/dx help\" to see what you can use.",
    ),
    "command.forbidden": (
        "このコマンドは{role}のみ利用できます。必要な場合はDX推進室にご相談ください。",
        "Only {role} can use this command. Please contact the DX office if you need it.",
    ),
    "command.usage": ("使い方: {usage}", "Usage: {usage}"),
    "action.expired": (
        "このボタンは期限切れか、すでに処理済みです。",
        "This button has expired or was already used.",
    ),
    "role.admin": ("管理者", "admins"),
    "role.liaison": ("兼務職員（DX推進員）", "liaisons"),
    "role.staff": ("職員", "staff"),
    # --- small talk -----------------------------------------------------------------------
    "greeting": (
        "こんにちは、DX Desk です。オンライン申請、Excel、会議ツール、セキュリティなど、"
        "DXに関するご質問をどうぞ。「ヘルプ」で使い方を表示します。",
        "Hello, this is DX Desk. Ask me anything about online procedures, Excel, meeting tools, "
        "security and more. Type \"help\" to see how I work.",
    ),
    "thanks": (
        "どういたしまして。ほかにもご不明な点があれば、いつでもどうぞ。",
        "You're welcome. Ask me anytime if anything else comes up.",
    ),
    "help.intro": (
        "DX Desk はDX推進室の相談窓口ボットです。\n"
        "・質問をそのまま書いてください（例:「VLOOKUPの使い方」「LGWAN端末でZoomは使える？」）。\n"
        "・答えが見つからないときは、担当者へ質問を転送できます。\n"
        "・コマンドは「/dx ヘルプ」で一覧を表示します。",
        "DX Desk is the DX office's consultation desk bot.\n"
        "- Just type your question (e.g. \"how to use VLOOKUP\").\n"
        "- If I can't find an answer, I can forward your question to a person.\n"
        "- Type \"/dx help\" for the list of commands.",
    ),
    "dialog.expired.draft": (
        "前回の回答は{duration}以上止まっていたため、いったん閉じました。途中までの回答は下書きとして保存してあります"
        "（続けるときは「続きから」）。",
        "Your earlier answers were idle for more than {duration}, so I closed the form for now. What you "
        "answered is kept as a draft (type \"resume\" to continue).",
    ),
    "dialog.hours": ("{n}時間", "{n} hour(s)"),
    "dialog.minutes": ("{n}分", "{n} minute(s)"),
    "demo.offer": (
        "はじめての起動です。お試し用のサンプルデータ（FAQ・部署のロードマップ例）を読み込みますか？ [はい/いいえ]",
        "This is the first start. Load the sample data (FAQ, example roadmaps) to try DX Desk? [yes/no]",
    ),
    "demo.loaded": (
        "（お試し用のサンプルデータを読み込みました: FAQ {faq}件、ロードマップ項目 {roadmap}件。"
        "本番の `dxdesk serve` は空の状態で始まります）",
        "(Sample data loaded for trying DX Desk: {faq} FAQ entries, {roadmap} roadmap items. A real "
        "`dxdesk serve` starts empty.)",
    ),
    "demo.declined": (
        "サンプルデータは読み込みません。FAQは `dxdesk faq import ファイル` で登録できます。",
        "No sample data. Import your FAQ with `dxdesk faq import FILE`.",
    ),
    "demo.already": ("サンプルデータはすでに読み込まれています（重複して読み込みません）。",
                     "The sample data is already loaded (not loaded twice)."),
    "demo.real_data": (
        "このデータにはすでにFAQが{faq}件あります。サンプルを混ぜないよう、読み込みを中止しました"
        "（どうしても読み込むときは --force）。",
        "This data already has {faq} FAQ entries. To keep samples out of it, nothing was loaded (use --force "
        "to load anyway).",
    ),
    "resume.nothing": (
        "再開できる途中の回答はありません。ご質問があればそのまま入力してください。",
        "There is nothing paused to continue. Feel free to type a question.",
    ),
    "home.ask.title": ("質問のしかた", "How to ask"),
    "help.commands_title": ("使えるコマンド", "Commands you can use"),
    "help.group_title": ("{group}のコマンド（すべて）", "{group}: every command"),
    "help.unknown_topic": ("「{topic}」についての説明はありません。くわしい説明がある言葉: {topics}\n",
                           "No help on \"{topic}\". Help is available on: {topics}\n"),
    "help.more": ("くわしい書き方は「/dx ヘルプ {example}」のように、次の言葉で: {topics}",
                  "Full grammar: \"/dx help {example}\" — one of: {topics}"),
    "help.footer": (
        "表示のとおり日本語で入力できます（ひらがなでも可。例:「/dx かいぎ 一覧」）。",
        "Arguments can also be given in Japanese (e.g. \"/dx summary 進捗\").",
    ),
    "lang.set": ("表示言語を日本語にしました。", "Language set to English."),
    "lang.usage": ("使い方: /dx lang ja|en", "Usage: /dx lang ja|en"),
    "lang.set_in_words": ("これからは日本語でお答えします。英語に切り替えるときは「英語でお願いします」と送ってください。",
                          "I'll reply in English from now on. To switch back to Japanese, write 「日本語で」."),
    "lang.switched_by_writing": (
        "英語のご質問でしたので、これからは英語でお答えします。日本語に戻すときは「日本語で」と送ってください。",
        "You wrote in English, so I'll reply in English from now on. 日本語に戻すときは「日本語で」と送ってください。",
    ),
    "delivery.failed": (
        "【配信失敗】{who} にメッセージを届けられませんでした（理由: {reason}）。内容:\n{message}",
        "[Delivery failed] Could not deliver a message to {who} (reason: {reason}). Message:\n{message}",
    ),
    "delivery.failed.summary": (
        "【配信失敗】{count}件のメッセージを届けられませんでした（再送を打ち切りました）。\n{lines}",
        "[Delivery failed] {count} message(s) could not be delivered (retries ended).\n{lines}",
    ),
    "delivery.failed.line": ("・{who}（理由: {reason}）「{message}」", "- {who} (reason: {reason}) \"{message}\""),
    "delivery.failed.more": ("ほか {count}件", "and {count} more"),
    # --- help lines for commands ----------------------------------------------------------
    "cmd.help": ("help — 使えるコマンドを表示", "help — list the commands you can use"),
    "cmd.lang": ("lang ja|en — 表示言語を切り替え", "lang ja|en — switch language"),
    "cmd.audit": ("audit [件数] — 管理操作の記録を表示", "audit [n] — list recent admin actions"),
    "audit.title": ("管理操作の記録（新しい順）", "Admin actions (newest first)"),
    "audit.empty": ("記録はまだありません。", "Nothing recorded yet."),
    "audit.line": ("{at}（日本時間）  {actor}  /dx {action} {detail}  … {result}", "{at} (local)  {actor}  /dx {action} {detail}  -> {result}"),
    "audit.result.ok": ("成功", "ok"),
    "audit.result.held": ("保留", "held back"),
    "audit.result.denied": ("権限なし", "denied"),
    "audit.result.refused": ("受け付けず", "refused"),
    "audit.result.error": ("エラー", "error"),
}


# The catalogue is written with the default names of the office and its meeting; a city sets its
# own (DXDESK_OFFICE_NAME, DXDESK_MEETING_NAME, …) and every message says those instead.
DEFAULT_NAMES: dict[str, tuple[str, str]] = {
    "meeting": ("DX推進室 室内会議", "DX office monthly meeting"),
    "office": ("DX推進室", "the DX office"),
}
_names: dict[str, tuple[str, str]] = dict(DEFAULT_NAMES)


def set_names(*, office: str = "", office_en: str = "", meeting: str = "", meeting_en: str = "") -> None:
    """Use the office's own names in every message (called once by the composition root)."""
    _names["office"] = (office or DEFAULT_NAMES["office"][0], office_en or DEFAULT_NAMES["office"][1])
    default_meeting = (f"{office} 室内会議" if office else DEFAULT_NAMES["meeting"][0],
                       f"{office_en} monthly meeting" if office_en else DEFAULT_NAMES["meeting"][1])
    _names["meeting"] = (meeting or default_meeting[0], meeting_en or meeting or default_meeting[1])


def office_name(lang: str = DEFAULT_LANGUAGE) -> str:
    """The office's name as configured (「DX推進室」 by default)."""
    return _names["office"][1 if lang == "en" else 0]


def _with_names(text: str, lang: str) -> str:
    index = 1 if lang == "en" else 0
    for name in ("meeting", "office"):  # the meeting's name contains the office's: replace it first
        default, configured = DEFAULT_NAMES[name][index], _names[name][index]
        if default != configured:
            text = text.replace(default, configured)
            if lang == "en":
                text = text.replace(default.removeprefix("the "), configured.removeprefix("the "))
    return text


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """Format catalogue message `key` in `lang` (falls back to Japanese, then to the key)."""
    pair = CATALOGUE.get(key)
    if pair is None:
        log.error("missing message key %s", key)
        return key
    template = _with_names(pair[1] if lang == "en" else pair[0], lang)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        log.exception("bad parameters for message %s", key)
        return template


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add messages of a feature; keys must be new so nothing is silently overwritten."""
    clash = set(entries) & set(CATALOGUE)
    if clash:
        raise ValueError(f"duplicate message keys: {sorted(clash)}")
    CATALOGUE.update(entries)


# The core's own texts (form engine, platform adapters). Each job registers its catalogue from
# handlers/<job>/messages.py when the job is imported.
register(forms_messages.MESSAGES)
register(platform_messages.MESSAGES)
register(import_messages.MESSAGES)
register(button_messages.MESSAGES)
