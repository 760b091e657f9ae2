"""Texts that only a platform adapter shows (Slack, Teams)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "slack.authorize_failed": (
        "DX Desk が一時的に Slack に接続できません。しばらくしてからもう一度お試しください。",
        "DX Desk cannot reach Slack right now. Please try again in a moment.",
    ),
    "teams.file_unavailable": (
        "📎 {filename}（Teams のチャンネルやグループチャットにはファイルを送れません。"
        "DX Desk との個人チャットで同じコマンドを送ると受け取れます）",
        "📎 {filename} (files cannot be sent to Teams channels or group chats; send the same command in your "
        "personal chat with DX Desk to receive it)",
    ),
    "teams.file_sent_personally": (
        "📎 {filename} は DX Desk との個人チャットにお送りしました。そちらで「許可」を押すと受け取れます。",
        "📎 {filename} was sent to your personal chat with DX Desk. Choose \"Allow\" there to receive it.",
    ),
    "teams.file_consent": (
        "{title}、{size}。「許可」を押すと、あなたの OneDrive に保存されます。",
        "{title}, {size}. Choose \"Allow\" to save it to your OneDrive.",
    ),
    "teams.file_uploaded": (
        "📎 {filename} を OneDrive に保存しました。",
        "📎 {filename} is saved in your OneDrive.",
    ),
    "teams.file_declined": (
        "承知しました。ファイルはお送りしません。必要になったら、もう一度コマンドを送ってください。",
        "All right, the file was not sent. Send the command again whenever you need it.",
    ),
    "teams.file_expired": (
        "このファイルは受け取り期限（24時間）が過ぎたか、すでに受け取り済みです。必要なら、もう一度コマンドを送ってください。",
        "This file is no longer available: it expired after 24 hours or was already received. "
        "Send the command again if you need it.",
    ),
    "teams.file_upload_failed": (
        "申し訳ありません。{filename} をアップロードできませんでした。しばらくしてから、もう一度コマンドを送ってください。",
        "Sorry, {filename} could not be uploaded. Please send the command again in a little while.",
    ),
    "teams.action_received": (
        "受け付けました。",
        "Done.",
    ),
}
