"""Texts of the `dxdesk` command line (keys "cli."), Japanese first with English beside it.

What the command prints for people is worded here; machine output (`--json`, `--stdin`) is not.
A file's problems themselves come from the import catalogue (keys "import.").
"""

from __future__ import annotations

from bot.core.messages import register

MESSAGES: dict[str, tuple[str, str]] = {
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
