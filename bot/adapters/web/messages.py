"""Texts that only the web desk shows (pages, sign-in, e-mail), Japanese first, English beside it."""

from __future__ import annotations

from bot.core.messages import CATALOGUE, register

MESSAGES: dict[str, tuple[str, str]] = {
    "web.title": ("DX Desk（DX推進室の相談窓口）", "DX Desk (the DX office's help desk)"),
    "web.skip": ("本文へ移動", "Skip to the conversation"),
    "web.nav.chat": ("相談・回答", "Conversation"),
    "web.nav.admin": ("管理ダッシュボード", "Admin dashboard"),
    "web.nav.signout": ("サインアウト", "Sign out"),
    "web.signed_in_as": ("{name} さん（{role}）", "{name} ({role})"),
    "web.log.label": ("DX Desk との会話", "Conversation with DX Desk"),
    "web.log.empty": (
        "ご質問をどうぞ。例:「オンライン申請のフォームを作りたい」「/dx ヘルプ」でコマンド一覧を表示します。",
        "Ask a question, e.g. \"How do I create an online form?\". \"/dx help\" lists the commands.",
    ),
    "web.you": ("あなた", "You"),
    "web.bot": ("DX Desk", "DX Desk"),
    "web.notice": ("お知らせ", "Notice"),
    "web.pressed": ("選択: {label}", "Chosen: {label}"),
    "web.input.label": ("メッセージ", "Message"),
    "web.input.placeholder": ("質問や回答を入力（Enterで送信、Shift+Enterで改行）",
                              "Type a question or an answer (Enter sends, Shift+Enter adds a line)"),
    "web.send": ("送信", "Send"),
    "web.home.title": ("あなたへのお知らせ", "For you"),
    "web.file.download": ("ダウンロード", "Download"),
    "web.file.gone": ("（ファイルの保管期限が過ぎました。もう一度コマンドを送ってください）",
                      "(this file is no longer kept; send the command again)"),
    # --- sign-in ------------------------------------------------------------------------
    "web.signin.title": ("サインイン", "Sign in"),
    "web.signin.email.label": ("職員名簿に登録されたメールアドレス", "Your e-mail address in the staff registry"),
    "web.signin.email.button": ("サインイン用リンクを送る", "Send me a sign-in link"),
    "web.signin.email.sent": (
        "{email} が名簿に登録されていれば、サインイン用のリンクをお送りしました。{minutes}分以内に、"
        "一度だけ使えます。メールが届かない場合はDX推進室にご連絡ください。",
        "If {email} is in the staff registry, a sign-in link is on its way. It works once, within "
        "{minutes} minutes. If no mail arrives, please contact the DX office.",
    ),
    "web.signin.email.unavailable": (
        "メールによるサインインは設定されていません。DX推進室にお問い合わせください。",
        "Sign-in by e-mail is not set up here. Please contact the DX office.",
    ),
    "web.signin.email.invalid": ("メールアドレスの形式が正しくありません。", "That is not an e-mail address."),
    "web.signin.local.title": ("このパソコンでのサインイン（試用・開発用）", "Local sign-in (trial and development)"),
    "web.signin.local.label": ("お名前（ローカルの利用者ID）", "Your name (local user id)"),
    "web.signin.local.button": ("サインイン", "Sign in"),
    "web.signin.local.note": (
        "メールサーバーなしで試すためのサインインです。このサーバー自身（localhost）からのみ使えます。",
        "A sign-in for trying DX Desk without a mail server; it works only from this machine (localhost).",
    ),
    "web.signin.local.invalid": ("お名前は1〜64文字の英数字・かな・漢字で入力してください。",
                                 "Please give a name of 1 to 64 letters or digits."),
    "web.signin.proxy.unknown": (
        "サインインした利用者（{login}）が職員名簿に見つかりません。DX推進室に登録を依頼してください。",
        "The signed-in user ({login}) is not in the staff registry. Please ask the DX office to add you.",
    ),
    "web.signin.none": (
        "サインインの方法が設定されていません。管理者は docs/web.md をご覧ください。",
        "No way to sign in is configured. Administrators: see docs/web.md.",
    ),
    "web.link.confirm.title": ("サインインの確認", "Confirm sign-in"),
    "web.link.confirm.text": ("下のボタンを押すとサインインします。", "Press the button below to sign in."),
    "web.link.confirm.button": ("サインインする", "Sign in"),
    "web.link.invalid": (
        "このサインイン用リンクは使えません（期限切れ、使用済み、または正しくないリンクです）。"
        "もう一度リンクを請求してください。",
        "This sign-in link cannot be used (expired, already used or not valid). Please ask for a new one.",
    ),
    "web.link.rate_limited": (
        "サインイン用リンクの請求が多すぎます。しばらくしてからお試しください。",
        "Too many sign-in links were requested. Please try again later.",
    ),
    "web.signed_out": ("サインアウトしました。", "You are signed out."),
    # --- refusals -----------------------------------------------------------------------
    "web.refused.csrf": (
        "このページの有効期限が切れたか、別のサイトから送信されました。何も変更していません。"
        "ページを読み込み直してからもう一度お試しください。",
        "This page expired or the request came from another site. Nothing was changed. Reload the page "
        "and try again.",
    ),
    "web.refused.too_large": ("送信された内容が大きすぎます（上限 {limit}）。何も変更していません。",
                              "What was sent is too large (limit {limit}). Nothing was changed."),
    "web.refused.signin": ("サインインしてください。", "Please sign in."),
    "web.refused.admin": (
        "このページは管理者のみ利用できます。必要な場合はDX推進室にご相談ください。",
        "This page is for administrators only. Please contact the DX office if you need it.",
    ),
    "web.refused.choice": (
        "このボタンは使えません（古いページか、別の方のボタンです）。何も変更していません。",
        "This button cannot be used (an old page, or someone else's button). Nothing was changed.",
    ),
    "web.refused.not_found": ("ページが見つかりません。", "Page not found."),
    "web.back": ("戻る", "Back"),
    # --- admin dashboard ------------------------------------------------------------------
    "web.admin.title": ("管理ダッシュボード", "Admin dashboard"),
    "web.admin.tab.progress": ("オンライン化率", "Online procedures"),
    "web.admin.tab.assessment": ("スキル診断", "Skill assessment"),
    "web.admin.tab.faq": ("FAQの利用", "FAQ use"),
    "web.admin.tab.meetings": ("定例会・出欠", "Meetings and RSVPs"),
    "web.admin.tab.campaigns": ("未回答者", "Who has not answered"),
    "web.admin.downloads": ("表のダウンロード（/dx export と同じファイル）", "Download the tables (same files as /dx export)"),
    "web.admin.download": ("{subject}（{format}）", "{subject} ({format})"),
    "web.admin.subject.progress": ("オンライン化率", "Online procedures"),
    "web.admin.subject.faq": ("FAQの利用", "FAQ use"),
    "web.admin.subject.assessment": ("スキル診断", "Skill assessment"),
    "web.admin.period": ("期間", "Period"),
    "web.admin.flash": ("操作の結果", "Result"),
    "web.admin.continue_chat": ("会話で続ける", "Continue in the conversation"),
    "web.admin.no_file": ("ダウンロードできるファイルがありませんでした。", "There was no file to download."),
    # --- e-mail -----------------------------------------------------------------------------
    "web.mail.subject": ("【DX Desk】{title}", "[DX Desk] {title}"),
    "web.mail.default_title": ("お知らせ", "A message for you"),
    "web.mail.open": ("DX Desk で開く: {url}", "Open in DX Desk: {url}"),
    "web.mail.choices": ("次のいずれかを DX Desk で選んでください: {labels}", "Choose in DX Desk: {labels}"),
    "web.mail.footer": ("このメールは DX Desk（DX推進室）から自動で送信しています。",
                        "This e-mail was sent automatically by DX Desk (the DX office)."),
    "web.mail.link.subject": ("【DX Desk】サインイン用リンク", "[DX Desk] Your sign-in link"),
    "web.mail.link.body": (
        "DX Desk へのサインイン用リンクです。{minutes}分以内に一度だけ使えます。\n\n{url}\n\n"
        "心当たりがない場合は、このメールを破棄してください。",
        "Here is your sign-in link for DX Desk. It works once, within {minutes} minutes.\n\n{url}\n\n"
        "If you did not ask for it, please ignore this e-mail.",
    ),
}

if "web.title" not in CATALOGUE:
    register(MESSAGES)
