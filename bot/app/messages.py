"""Texts of the `dxdesk` command line (keys "cli."), Japanese first with English beside it.

What the command prints for people is worded here; machine output (`--json`, `--stdin`) is not.
A file's problems themselves come from the import catalogue (keys "import.").
"""

from __future__ import annotations

from bot.core.messages import register

MESSAGES: dict[str, tuple[str, str]] = {
    # --- `dxdesk --help`: argparse's headings and every command's help -------------------------
    "cli.help.usage": ("使い方: ", "usage: "),
    "cli.help.options": ("オプション", "options"),
    "cli.help.positionals": ("引数", "positional arguments"),
    "cli.help.commands": ("コマンド", "commands"),
    "cli.help.help": ("このヘルプを表示して終了します", "show this help message and exit"),
    "cli.help.error": ("{prog}: エラー: {message}", "{prog}: error: {message}"),
    "cli.help.error.required": ("次の引数が必要です: {what}", "the following arguments are required: {what}"),
    "cli.help.error.unknown": ("知らない引数です: {what}", "unrecognized arguments: {what}"),
    "cli.help.error.choice": ("「{what}」はありません（選べるもの: {choices}）",
                              "argument {arg}: invalid choice: {what} (choose from {choices})"),
    "cli.help.description": ("DX Desk — 庁内のDX相談・会議・進捗報告・スキル診断のチャットボット",
                             "DX Desk — the DX office's chat bot"),
    "cli.help.chat": ("この端末で DX Desk と話します（標準入力から1行ずつ流し込むこともできます）",
                      "talk to DX Desk in this terminal (or pipe lines on stdin)"),
    "cli.help.chat.user": ("このローカル利用者IDとして話します（既定: local）", "talk as this local user id (default: local)"),
    "cli.help.chat.name": ("その利用者の表示名", "display name of that user"),
    "cli.help.demo": ("見本のFAQとロードマップを読み込みます（お試し用。本番の導入には使いません）",
                      "load the sample FAQ and roadmap (for trying DX Desk, not for a real install)"),
    "cli.help.demo.force": ("FAQがすでにあっても読み込みます", "load even when the FAQ already has entries"),
    "cli.help.serve": ("Webデスク（/）、Slack（/slack/events）、Teams（/api/messages）を受け付けます",
                       "serve the web desk (/), Slack (/slack/events) and Teams (/api/messages)"),
    "cli.help.serve.host": ("待ち受けるホスト（既定: 設定の値）", "host to listen on (default: from the settings)"),
    "cli.help.serve.port": ("待ち受けるポート（既定: 設定の値）", "port to listen on (default: from the settings)"),
    "cli.help.serve.socket_mode": ("Slack にソケットモードで接続します", "connect to Slack by Socket Mode"),
    "cli.help.db": ("データベースの操作", "database tools"),
    "cli.help.db.upgrade": ("データベースを最新の形に更新します（マイグレーション）", "apply migrations"),
    "cli.help.faq": ("FAQの取り込み・書き出し・検索・一括テスト", "FAQ knowledge base tools"),
    "cli.help.faq.import": ("FAQをCSV・XLSX・YAMLから取り込みます（同じIDは更新）",
                            "import FAQ entries from CSV, XLSX or YAML (idempotent by id)"),
    "cli.help.faq.import.file": ("取り込むファイル", "the file to import"),
    "cli.help.faq.import.synonyms": ("ファイルは同義語辞書（YAML）です", "the file is a synonym dictionary (YAML)"),
    "cli.help.dry_run": ("確認だけして、何も変更しません", "check the file, change nothing"),
    "cli.help.faq.export": ("FAQをCSV・XLSX・YAMLに書き出します（拡張子で選びます）",
                            "export the FAQ as CSV, XLSX or YAML (by file suffix)"),
    "cli.help.faq.export.file": ("書き出すファイル", "the file to write"),
    "cli.help.faq.export.japanese_headers": ("列名を日本語で書きます", "write Japanese column names"),
    "cli.help.faq.search": ("質問への検索結果の順位を表示します", "print the ranking for a query"),
    "cli.help.faq.search.query": ("検索する質問", "the question to search for"),
    "cli.help.faq.search.limit": ("表示する件数（既定: 5）", "how many results (default: 5)"),
    "cli.help.faq.search.json": ("JSONで出力します", "print JSON"),
    "cli.help.faq.search.stdin": ("標準入力の1行ごとに検索し、1行ずつJSONで出力します",
                                  "one query per line in, one JSON line out"),
    "cli.help.faq.test": ("一括テスト: 質問,正解ID のCSVから P@1・MRR・外れた質問を表示します",
                          "batch test: CSV of question,expected_id -> P@1, MRR, misses"),
    "cli.help.faq.test.file": ("質問,正解ID のCSVファイル", "CSV of question,expected_id"),
    "cli.help.teams": ("Teamsアプリのパッケージ（マニフェストとアイコン）を書き出します",
                       "write the Teams app package (manifest + icons) to upload"),
    "cli.help.teams.app_id": ("Azure Bot の Microsoft App ID（GUID）", "the Azure Bot's Microsoft App ID (a GUID)"),
    "cli.help.teams.out": ("書き出すZIPファイル（既定: dxdesk-teams.zip）", "the zip to write (default: dxdesk-teams.zip)"),
    "cli.help.teams.name": ("Teamsに表示するアプリ名（既定: DX Desk）", "the app's name in Teams (default: DX Desk)"),
    "cli.help.teams.tenant_id": ("テナントID（任意）", "tenant id (optional)"),
    "cli.help.teams.template": ("マニフェストのひな形（既定: teams/manifest.json）",
                                "manifest template (default: teams/manifest.json)"),
    "cli.help.users": ("名簿（職員・兼務職員・管理者）の操作", "people registry"),
    "cli.help.users.import": ("名簿をCSV・XLSXから取り込みます", "import people from CSV or XLSX"),
    "cli.help.users.import.file": ("取り込む名簿ファイル", "the roster file to import"),
    "cli.help.users.import.columns": (
        "列（1行目の見出し）: 氏名, 部署, 役割（職員・兼務職員・管理者）, SlackID, TeamsID, ローカルID, メール, 言語"
        "（英語の見出し name, department, role, slack_id, teams_id, local_id, email, language も使えます）。"
        "氏名と、連絡先（SlackID・TeamsID・ローカルID・メール）のどれか1つが必須です。"
        "例: 氏名,部署,役割,ローカルID ／ 山田 花子,企画課,兼務職員,yamada",
        "Columns (first row): name, department, role (staff, liaison, admin), slack_id, teams_id, local_id,"
        " email, language (Japanese headings 氏名, 部署, 役割, … work too). A name and one way to reach"
        " the person (slack_id, teams_id, local_id or email) are required."
        " Example: name,department,role,local_id / Hanako Yamada,Planning,liaison,yamada"),
    # --- errors around any command ------------------------------------------------------------
    "cli.config_error": ("設定に誤りがあります: {detail}", "configuration error: {detail}"),
    "cli.permission": ("ファイルを開く権限がありません: {path}", "permission denied: {path}"),
    "cli.os_error": ("ファイルを読み書きできません（{reason}）: {path}", "cannot read or write the file ({reason}): {path}"),
    "cli.os_error.no_path": ("ファイルを読み書きできません（{reason}）", "cannot read or write a file ({reason})"),
    "cli.no_folder": ("書き出し先のフォルダがありません: {path}", "no such folder to write into: {path}"),
    "cli.more_problems": ("…ほか {count}件", "... and {count} more"),
    "cli.import.failed": ("何も取り込んでいません: {path} に{count}件の問題があります",
                          "nothing imported: {count} problem(s) in {path}"),
    "cli.chat.where": ("（{where} / 終了は Ctrl+D または /quit）", "({where} / quit with Ctrl+D or /quit)"),
    # --- db -----------------------------------------------------------------------------------
    "cli.db.current": ("データベースは最新の状態です: {where}", "database is up to date: {where}"),
    # --- faq ----------------------------------------------------------------------------------
    "cli.synonyms.unreadable": ("{path}: 同義語辞書を読めません（{error}）", "{path}: cannot read synonyms ({error})"),
    "cli.synonyms.checked": ("確認のみ: 同義語 {count}組を読めました。何も書き込んでいません",
                             "{count} synonym groups checked"),
    "cli.synonyms.imported": ("同義語 {count}組を取り込みました", "{count} synonym groups imported"),
    "cli.faq.checked": ("確認のみ: 取り込めるFAQ {total}件（新規 {new}件、既存 {existing}件）。何も書き込んでいません",
                        "dry run: {total} valid entries ({new} new, {existing} existing); nothing written"),
    "cli.faq.imported": ("FAQ {total}件を取り込みました: 追加 {added}件、更新 {updated}件、変更なし {unchanged}件",
                         "imported {total} entries: {added} added, {updated} updated, {unchanged} unchanged"),
    "cli.faq.exported": ("FAQ {count}件を書き出しました: {path}", "exported {count} entries to {path}"),
    "cli.faq.search.no_query": ("検索する質問を指定してください（または --stdin）", "give a query, or --stdin"),
    # The word `--json` prints is kept in brackets in Japanese, to compare the two.
    "cli.faq.search.decision": ("判定: {label}（{decision}）", "decision: {decision}"),
    "cli.decision.answer": ("回答する", "answer"),
    "cli.decision.candidates": ("候補を示す", "candidates"),
    "cli.decision.none": ("該当なし", "none"),
    "cli.faq.test.no_rows": ("{path}: 質問と正解IDのそろった行がありません", "{path}: no rows with a question and an expected id"),
    "cli.faq.test.questions": ("質問数: {count}", "questions: {count}"),
    "cli.faq.test.misses": ("1位が正解でなかった質問: {count}", "misses: {count}"),
    "cli.faq.test.miss": ("  - 「{question}」: 正解 {expected}、検索結果 {got}",
                          "  - {question!r}: expected {expected}, got {got}"),
    "cli.faq.test.nothing": ("（なし）", "(nothing)"),
    # --- users --------------------------------------------------------------------------------
    "cli.users.imported": ("{total}名を取り込みました（新規 {added}名、更新 {updated}名）",
                           "{total} people imported: {added} new, {updated} updated"),
    "cli.users.checked": ("確認のみ: {total}名を取り込めます（新規 {added}名、更新 {updated}名）。何も変更していません",
                          "{total} people checked (dry run): {added} new, {updated} updated"),
    # Who can be reached where, over the whole registry: a roster without local ids reaches
    # nobody in `dxdesk chat`, one without Slack ids nobody on Slack.
    "cli.users.reach": ("名簿{total}名の届け先: Slack {slack}名・Teams {teams}名・メール {email}名・ローカルID {local}名",
                        ("reachable among the {total} registered: Slack {slack}, Teams {teams}, e-mail {email}, "
                         "local id {local}")),
    "cli.users.unreachable": ("／{count}名は届け先（Slack・Teams・メール・ローカルID）がないため、通知を受け取れません",
                              ("; {count} can be reached nowhere (no Slack, Teams, e-mail or local id) and get no "
                               "notifications")),
    # --- teams-package ------------------------------------------------------------------------
    "cli.teams.failed": ("Teamsアプリのパッケージを作れません: {reason}", "cannot build the Teams app package: {reason}"),
    "cli.teams.written": ("Teamsアプリのパッケージを書き出しました: {path}", "wrote the Teams app package: {path}"),
}

register(MESSAGES)
