"""Texts of the people registry commands (keys "users.")."""

from __future__ import annotations

from bot.core.commands import japanese_path
from bot.core.messages import register


def _ja(*path: str) -> str:
    # A usage line names the command in the words the Japanese help shows (「名簿 役割変更」).
    return "/dx " + japanese_path(path)


MESSAGES: dict[str, tuple[str, str]] = {
    # --- people registry ------------------------------------------------------------------
    "cmd.users.list": ("users list [部署|役割] — 名簿を表示", "users list [department|role] — list people"),
    "cmd.users.set_role": ("users set-role 名前 役割 [部署] — 役割を変更（管理者・兼務職員・職員）",
                           "users set-role NAME ROLE [department] — change a role (admin, liaison, staff)"),
    "cmd.users.set_department": ("users set-department 名前 部署 — 所属を変更",
                                 "users set-department NAME DEPARTMENT — change a department"),
    "users.list.title": ("名簿（{count}名）", "People ({count})"),
    "users.list.empty": ("該当する人はいません（条件: {filter}）。", "Nobody matches ({filter})."),
    "users.list.group": ("■ {department}（{count}名）", "■ {department} ({count})"),
    "users.list.more": ("ほか {count}名", "and {count} more"),
    "users.no_department": ("所属未登録", "no department"),
    "users.unreachable": ("連絡先なし", "unreachable"),
    "users.not_found": (
        "「{who}」に該当する人が名簿にいません。表示名・#番号・SlackのID・メールアドレスで指定してください。",
        "Nobody called \"{who}\" is registered. Use the display name, #number, Slack id or e-mail.",
    ),
    "users.ambiguous": (
        "「{who}」に当たる人が{count}名います。どなたですか？ #番号で指定してください（例: {example}）。\n{matches}",
        "{count} people match \"{who}\". Which one? Name them by #number (e.g. {example}).\n{matches}",
    ),
    "users.set_role.usage": (
        _ja("users", "set-role") + " 名前 役割 [部署]（役割: 管理者・兼務職員・職員）"
        "　例: " + _ja("users", "set-role") + " 田中 兼務職員 企画課",
        "/dx users set-role NAME ROLE [department] (role: admin, liaison, staff)",
    ),
    "users.set_role.done": ("役割を変更しました: {who}", "Role changed: {who}"),
    "users.set_department.usage": (_ja("users", "set-department") + " 名前 部署　例: "
                                   + _ja("users", "set-department") + " 田中 企画課",
                                   "/dx users set-department NAME DEPARTMENT"),
    "users.set_department.done": ("所属を変更しました: {who}", "Department changed: {who}"),
    "users.last_admin": (
        "管理者が一人もいなくなるため、この変更はできません。先に別の方を管理者にしてください。",
        "This would leave no administrator. Make someone else an admin first.",
    ),
    "users.import.usage": (
        _ja("users", "import") + " ファイルのパス [確認のみ]（CSV/XLSX。列: 氏名, 所属, 役割, Slack ID, Teams ID, メール, 言語）",
        "/dx users import PATH [--dry-run] (CSV/XLSX; columns: name, department, role, slack_id, teams_id, email, language)",
    ),
    "users.import.line": ("{line}行目: ", "line {line}: "),
    "users.import.failed": (
        "名簿ファイルに{count}件の問題があるため、何も取り込んでいません。",
        "Nothing was imported: the roster has {count} problem(s).",
    ),
    "users.import.done": (
        "{total}人を取り込みました（新規{added}人、更新{updated}人）。",
        "Imported {total} people ({added} new, {updated} updated).",
    ),
    "users.import.checked": (
        "確認のみ: {total}人を取り込めます（新規{added}人、更新{updated}人）。何も変更していません。",
        "Dry run: {total} people can be imported ({added} new, {updated} updated). Nothing changed.",
    ),
    "cmd.users.import": (
        "users import ファイル [確認のみ] — 名簿（CSV/XLSX）を取り込み",
        "users import FILE [--dry-run] — import a roster (CSV/XLSX)",
    ),
    # Where a person can be reached, as 名簿 lists it (「[Slack・メール]」).
    "users.platform.slack": ("Slack", "Slack"),
    "users.platform.teams": ("Teams", "Teams"),
    "users.platform.local": ("ローカル", "local"),
    "users.platform.mail": ("メール", "mail"),
    "users.platform.separator": ("・", ", "),
    # /dx help: this job's group, its word for 「/dx help …」, an example line per role.
    "help.group.people": ("名簿", "People"),
    "help.group.people.word": ("名簿", "users"),
    "help.examples.people.admin": ("例: /dx 名簿 一覧 ／ /dx 名簿 役割 tanaka 兼務職員 企画課 ／ /dx 名簿 取り込み",
                                  "e.g. /dx users list / users set-role tanaka liaison Planning / users import"),
    "help.examples.people.liaison": ("", ""),
    "help.examples.people.staff": ("", ""),
    # /dx help: this job's group, its word for 「/dx help …」, an example line per role.
    "help.group.preferences": ("その他", "Other"),
    "help.group.preferences.word": ("その他", "other"),
    "help.examples.preferences.admin": ("例: /dx 監査 ／ /dx 言語 en ／ 途中の回答は「続きから」、やめるときは「やめる」",
                                  "e.g. /dx audit / lang ja / type \"resume\" to continue, \"cancel\" to stop"),
    "help.examples.preferences.liaison": ("例: /dx 言語 en ／ 途中の回答は「続きから」、やめるときは「やめる」",
                                    "e.g. /dx lang ja / type \"resume\" to continue, \"cancel\" to stop"),
    "help.examples.preferences.staff": ("例: /dx 言語 en ／ 途中の回答は「続きから」、やめるときは「やめる」",
                                  "e.g. /dx lang ja / type \"resume\" to continue, \"cancel\" to stop"),
}

register(MESSAGES)
