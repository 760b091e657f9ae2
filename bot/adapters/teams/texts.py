"""User-visible text that only the Teams adapter shows, added to the core message catalogue."""

from __future__ import annotations

from bot.core.messages import CATALOGUE, register

MESSAGES: dict[str, tuple[str, str]] = {
    "teams.file_unavailable": (
        "📎 {filename}（ファイルは Teams には送れません。Slack かコンソールでお受け取りください）",
        "📎 {filename} (files cannot be sent on Teams; please get it on Slack or in the console)",
    ),
    "teams.action_received": (
        "受け付けました。",
        "Done.",
    ),
}

if not set(MESSAGES) <= set(CATALOGUE):
    register({k: v for k, v in MESSAGES.items() if k not in CATALOGUE})
