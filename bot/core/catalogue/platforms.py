"""Texts that only a platform adapter shows (Slack, Teams)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "slack.authorize_failed": (
        "DX Desk が一時的に Slack に接続できません。しばらくしてからもう一度お試しください。",
        "DX Desk cannot reach Slack right now. Please try again in a moment.",
    ),
    "teams.file_unavailable": (
        "📎 {filename}（ファイルは Teams には送れません。Slack かコンソールでお受け取りください）",
        "📎 {filename} (files cannot be sent on Teams; please get it on Slack or in the console)",
    ),
    "teams.action_received": (
        "受け付けました。",
        "Done.",
    ),
}
