"""Texts that only the local chat shows, Japanese first, English beside it."""

from __future__ import annotations

from bot.core.messages import CATALOGUE, register

MESSAGES: dict[str, tuple[str, str]] = {
    "console.sent_to": (
        "📨 → {name}（{user}）宛: {summary}　※ {user} として chat を開くと読めます",
        "📨 → {name} ({user}): {summary}  * shown when chat is opened as {user}",
    ),
    "console.posted_to": ("📨 → #{channel}:", "📨 → #{channel}:"),
    "console.unread.title": ("📬 留守中に届いたメッセージ（{count}件）", "📬 Messages that came while you were away ({count})"),
    "console.unread.end": ("（ここまで。ボタンは番号か、ボタンの文字を入力すると押せます）",
                           "(That is all. Press a button by typing its number or its label.)"),
}

if "console.sent_to" not in CATALOGUE:
    register(MESSAGES)
