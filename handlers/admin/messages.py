"""Texts of the admin reports: summaries, charts and exports."""

from __future__ import annotations

from bot.core.messages import register

MESSAGES: dict[str, tuple[str, str]] = {
    # --- help lines ------------------------------------------------------------------------
    "admin.cmd.summary_progress": (
        "summary progress [YYYY-MM] — 部署別のオンライン化率・前月比・未報告・遅れている項目",
        "summary progress [YYYY-MM] — online rate by department, change, not reported, late items",
    ),
    "admin.cmd.summary_assessment": (
        "summary assessment — 直近のスキル診断の結果（分野別・部署別）",
        "summary assessment — results of the latest skill assessment (by category and department)",
    ),
    "admin.cmd.status": ("状況 — 業務時間を待っている送信（依頼・案内・リマインド）と送信予定時刻",
                         "status — sends waiting for office hours (invitations, reminders) and when they go out"),
    "admin.status.title": ("送信待ちの状況", "Sends waiting for office hours"),
    "admin.status.line": ("{what} {n}件は {at} に送信予定", "{what}: {n} will be sent at {at}"),
    "admin.status.kind.checkin": ("進捗報告の依頼", "Check-in invitations"),
    "admin.status.kind.assessment": ("スキル診断の案内", "Skill assessment invitations"),
    "admin.status.kind.meeting": ("会議のリマインド", "Meeting reminders"),
    "admin.status.kind.other": ("その他のお知らせ", "Other messages"),
    "admin.force.confirm": ("業務時間を待っている送信を今すぐ送ります: {what}（コマンド: {command}） よろしいですか？",
                            "Send now what is waiting for office hours: {what} (command: {command}). OK?"),
    "admin.force.nothing": (("業務時間を待っている依頼・案内はありません（「/dx 状況」で確認できます。会議のリマインドは番号を付けて送ります。"
                             "例: /dx 会議 今すぐ送信 M-1 強制）。"),
                            ("No invitations are waiting for office hours (see `/dx status`; a meeting reminder is sent by "
                             "number, e.g. /dx meeting send-now M-1 force).")),
    "admin.force.dropped": ("今すぐには送りませんでした（送信待ちは業務時間の始めに送ります）。",
                            "Nothing was sent now (what waits goes out when office hours begin)."),
    "admin.force.meeting": ("会議のリマインドは会議の番号を付けて送ります（例: /dx 会議 今すぐ送信 M-1 強制）。",
                            "Meeting reminders are sent by number (e.g. /dx meeting send-now M-1 force)."),
    "admin.status.nothing": ("業務時間を待っている送信はありません。", "Nothing is waiting for office hours."),
    "admin.status.more": ("部署ごとの提出・回答は「/dx 報告 状況」「/dx 診断 状況」で確認できます。",
                          "Per department: \"/dx checkin status\", \"/dx assessment status\"."),
    "admin.cmd.summary_faq": (
        "summary faq [YYYY-MM|全期間] — 質問数・回答率・未回答の多い質問・フィードバック",
        "summary faq [YYYY-MM|all] — questions, share answered, top unanswered, feedback",
    ),
    "admin.cmd.export_progress": (
        "export progress [csv|xlsx] [YYYY-MM|全期間] — 進捗報告をファイルで出力",
        "export progress [csv|xlsx] [YYYY-MM|all] — progress reports as a file",
    ),
    "admin.cmd.export_assessment": (
        "export assessment [csv|xlsx] — スキル診断の集計をファイルで出力",
        "export assessment [csv|xlsx] — assessment results as a file",
    ),
    "admin.cmd.export_rsvps": (
        "export rsvps [csv|xlsx] [YYYY-MM|全期間] — 会議の出欠をファイルで出力",
        "export rsvps [csv|xlsx] [YYYY-MM|all] — meeting attendance as a file",
    ),
    "admin.cmd.export_faq": (
        "export faq [csv|xlsx] [YYYY-MM|全期間] — 質問の記録をファイルで出力",
        "export faq [csv|xlsx] [YYYY-MM|all] — the question log as a file",
    ),
    "admin.cmd.chart_progress": (
        "chart progress [YYYY-MM] — 部署別オンライン化率のグラフ",
        "chart progress [YYYY-MM] — bar chart of the online rate by department",
    ),
    "admin.cmd.chart_trend": (
        "chart trend [部署名] [YYYY-MM] — オンライン化率の推移のグラフ（12か月）",
        "chart trend [department] [YYYY-MM] — line chart of the online rate over 12 months",
    ),
    "admin.cmd.chart_assessment": (
        "chart assessment — スキル診断の分野別平均点のグラフ",
        "chart assessment — bar chart of assessment scores by category",
    ),
    # --- a report asked for in plain words: the command that shows it (hints.py) ----------
    "admin.hint.summary_progress": ("「/dx 要約 進捗」で最新の進捗報告のまとめを表示できます（月を指定するときは「/dx 要約 進捗 2026-11」）。",
                                    "`/dx summary progress` shows the latest progress summary."),
    "admin.hint.checkin_status": ("「/dx 報告 未提出」で進捗報告の提出状況（まだ出していない部署）を表示できます。",
                                  "`/dx checkin status` shows which departments have not reported yet."),
    "admin.hint.rsvps": ("「/dx 会議 出欠」で次回の会議の出欠状況を表示できます。",
                         "`/dx meeting rsvps` shows the answers for the next meeting."),
    "admin.hint.chart": ("「/dx グラフ 進捗」で部署別オンライン化率のグラフを表示できます（推移は「/dx グラフ 推移」）。",
                         "`/dx chart progress` draws the online rate by department (`/dx chart trend` over time)."),
    "admin.hint.export_progress": ("「/dx 書き出し 進捗」で進捗報告をExcelファイルに書き出せます（CSVは「/dx 書き出し 進捗 csv」）。",
                                   "`/dx export progress` writes the progress reports to an Excel file."),
    "admin.hint.assessment": ("「/dx 要約 診断」でスキル診断の結果のまとめを、「/dx 診断 状況」で回答状況を表示できます。",
                              "`/dx summary assessment` shows the results, `/dx assessment status` the participation."),
    "admin.hint.assessment_status": ("「/dx 診断 状況」でスキル診断の部署別の回答状況を表示できます。",
                                     "`/dx assessment status` shows the participation by department."),
    "admin.hint.my_assessment": ("「/dx 診断 自分」であなたのスキル診断の結果を表示できます。",
                                 "`/dx assessment me` shows your own assessment result."),
    "admin.hint.summary_faq": ("「/dx 要約 よくある質問」で今月の相談の件数・解決率・答えられなかった質問を表示できます。",
                               "`/dx summary faq` shows this month's questions, solved rate and unanswered questions."),
    "admin.hint.unanswered": ("「/dx よくある質問 未回答」で担当者の回答を待っている質問を表示できます。",
                              "`/dx faq unanswered` lists the questions waiting for a person."),
    "admin.hint.export_attendance": ("「/dx 書き出し 出欠」で会議の出欠をExcelファイルに書き出せます（CSVは「/dx 書き出し 出欠 csv」）。",
                                     "`/dx export attendance` writes the meeting answers to an Excel file."),
    "admin.hint.export_faq": ("「/dx 書き出し FAQ」で相談窓口の質問の記録をExcelファイルに書き出せます（CSVは「/dx 書き出し FAQ csv」）。",
                              "`/dx export faq` writes the FAQ desk's question log to an Excel file."),
    "admin.hint.faq_export": ("「/dx FAQ 書き出し」で登録されているFAQ（質問と回答）をExcelファイルに書き出せます（CSVは「/dx FAQ 書き出し csv」）。",
                              "`/dx faq export` writes the FAQ's entries to an Excel file."),
    "admin.hint.publish": ("公開前のFAQ案は「/dx FAQ 下書き」で一覧でき、案の番号を付けて公開します（例: /dx FAQ 公開 D-2）。",
                           "`/dx faq drafts` lists the drafts; `/dx faq publish D-number` publishes one (name it by its number)."),
    "admin.hint.drafts": ("「/dx FAQ 下書き」で公開前のFAQ案を表示できます。", "`/dx faq drafts` lists the FAQ drafts."),
    "admin.hint.ran": ("「/dx {command}」の結果です（次からはこのコマンドでも表示できます）。",
                       "Here is `/dx {command}` (you can type it next time)."),
    "admin.hint.ran_month": ("{period}の相談窓口（FAQ）のまとめです（「/dx {command}」。進捗報告・スキル診断は含みません）。",
                             "Here is {period}'s summary of the FAQ desk (`/dx {command}`; check-ins and the assessment are apart)."),
    "admin.hint.this_month": ("今月", "this month"),
    "admin.hint.summary_month": ("「/dx 要約 FAQ」で今月の相談のまとめを表示できます。", "`/dx summary faq` shows this month's questions."),
    "admin.hint.summary_others": ("進捗報告のまとめは「/dx 要約 進捗」、スキル診断のまとめは「/dx 要約 診断」で表示できます。",
                                  "Progress: `/dx summary progress`; skill assessment: `/dx summary assessment`."),
    "admin.unclear_request": (
        "{job}のご依頼と受け取りましたが、どの操作かは分かりませんでした。近いコマンド: {commands}（すべては「/dx ヘルプ {topic}」）",
        ("That looks like a request about {job}, but I could not tell which action. Nearest commands: {commands} "
         "(all of them: `/dx help {topic}`)")),
    "admin.unclear_request.meetings": ("会議", "meetings"),
    "admin.unclear_request.meetings.word": ("会議", "meeting"),
    "admin.unclear_request.assessment": ("スキル診断", "the skill assessment"),
    "admin.unclear_request.assessment.word": ("診断", "assessment"),
    "admin.unclear_request.checkins": ("進捗報告", "progress reports"),
    "admin.unclear_request.checkins.word": ("報告", "checkin"),
    "admin.unclear_request.people": ("名簿", "the user list"),
    "admin.unclear_request.people.word": ("名簿", "users"),
    "admin.unclear_request.faq": ("FAQ（質問・FAQ案）", "the FAQ (questions, drafts)"),
    "admin.unclear_request.faq.word": ("FAQ", "faq"),
    "admin.unclear_request.admin": ("集計・書き出し", "reports and exports"),
    "admin.unclear_request.admin.word": ("集計", "reports"),
    "admin.hint.audit": ("「/dx 監査」で管理操作の記録を表示できます。", "`/dx audit` lists recent admin actions."),
    # --- the audit log's results beyond the core's (audit.py) ------------------------------
    "admin.audit.result.confirmed": ("確定・反映", "confirmed and applied"),
    "admin.audit.result.dropped": ("取りやめ", "dropped"),
    # --- usage and bad input ---------------------------------------------------------------
    "admin.summary.usage": (
        "使い方:\n/dx 要約 進捗 [YYYY-MM]（進捗）\n/dx 要約 診断（スキル診断）\n"
        "/dx 要約 FAQ [YYYY-MM|全期間]（FAQ）",
        "Usage:\n/dx summary progress [YYYY-MM]\n/dx summary assessment\n/dx summary faq [YYYY-MM|all]",
    ),
    "admin.export.usage": (
        "使い方:\n/dx 書き出し 進捗 [csv|xlsx] [YYYY-MM|全期間]\n/dx 書き出し 診断 [csv|xlsx]\n"
        "/dx 書き出し FAQ [csv|xlsx] [YYYY-MM|全期間]\n/dx 書き出し 出欠 [csv|xlsx] [YYYY-MM|全期間]（会議の出欠）\n"
        "CSVは既定でBOM付きUTF-8（Excelでそのまま開けます）。BOMを付けない場合は「BOMなし」を添えてください。",
        "Usage:\n/dx export progress [csv|xlsx] [YYYY-MM|all]\n/dx export assessment [csv|xlsx]\n"
        "/dx export faq [csv|xlsx] [YYYY-MM|all]\n/dx export rsvps [csv|xlsx] [YYYY-MM|all] (meeting attendance)\n"
        "CSV files are UTF-8 with a BOM by default (Excel opens them directly); add \"nobom\" to leave it out.",
    ),
    "admin.chart.usage": (
        "使い方:\n/dx グラフ 進捗 [YYYY-MM]（部署別オンライン化率）\n"
        "/dx グラフ 推移 [部署名] [YYYY-MM]（推移）\n/dx グラフ 診断（スキル診断の分野別）",
        "Usage:\n/dx chart progress [YYYY-MM]\n/dx chart trend [department] [YYYY-MM]\n/dx chart assessment",
    ),
    "admin.subject.unknown": (
        "「{subject}」は指定できません。\n{usage}",
        "\"{subject}\" is not something I can report on.\n{usage}",
    ),
    "admin.args.unknown": (
        "「{words}」は解釈できませんでした。\n使い方: {usage}",
        "I could not understand \"{words}\".\nUsage: {usage}",
    ),
    "admin.month.invalid": (
        "「{value}」は月として正しくありません。2026-11 や 2026年11月 のように指定してください。",
        "\"{value}\" is not a valid month. Write it like 2026-11.",
    ),
    "admin.usage.summary_faq": ("/dx 要約 FAQ [YYYY-MM|全期間]", "/dx summary faq [YYYY-MM|all]"),
    "admin.usage.export_faq": (
        "/dx 書き出し FAQ [csv|xlsx] [YYYY-MM|全期間] [BOMなし]", "/dx export faq [csv|xlsx] [YYYY-MM|all] [nobom]"
    ),
    "admin.usage.export_rsvps": (
        "/dx 書き出し 出欠 [csv|xlsx] [YYYY-MM|全期間] [BOMなし]", "/dx export rsvps [csv|xlsx] [YYYY-MM|all] [nobom]"
    ),
    "admin.usage.summary_progress": ("/dx 要約 進捗 [YYYY-MM]", "/dx summary progress [YYYY-MM]"),
    "admin.usage.export_progress": (
        "/dx 書き出し 進捗 [csv|xlsx] [YYYY-MM|全期間] [BOMなし]",
        "/dx export progress [csv|xlsx] [YYYY-MM|all] [nobom]",
    ),
    "admin.usage.chart_progress": ("/dx グラフ 進捗 [YYYY-MM]", "/dx chart progress [YYYY-MM]"),
    "admin.usage.chart_trend": (
        "/dx グラフ 推移 [部署名] [YYYY-MM]", "/dx chart trend [department] [YYYY-MM]"
    ),
    "admin.usage.summary_assessment": ("/dx 要約 診断", "/dx summary assessment"),
    "admin.usage.chart_assessment": ("/dx グラフ 診断", "/dx chart assessment"),
    "admin.usage.export_assessment": (
        "/dx 書き出し 診断 [csv|xlsx] [BOMなし]", "/dx export assessment [csv|xlsx] [nobom]"
    ),
    "admin.unavailable": (
        "集計機能が設定されていないため、このコマンドは使えません。管理者にお問い合わせください。",
        "Reports are not set up on this installation, so this command is not available.",
    ),
    # --- common ----------------------------------------------------------------------------
    "admin.count": ("{n}件", "{n}"),
    "admin.period.all": ("全期間", "all time"),
    "admin.no_department": ("所属未登録", "no department"),
    "admin.export.done": (
        "{filename} を作成しました（{rows}行）。", "Created {filename} ({rows} rows)."
    ),
    # --- FAQ -------------------------------------------------------------------------------
    "admin.faq.title": ("FAQ利用状況（{period}）", "FAQ desk usage ({period})"),
    "admin.faq.asked": ("質問数", "Questions asked"),
    "admin.faq.vs_last_month": ("（前月 {n}件、{delta}件）", " (last month {n}, {delta})"),
    "admin.faq.asked_none": ("0件（質問なし）", "0 (no questions)"),
    "admin.faq.asked_none_vs": ("0件（質問なし。前月 {n}件）", "0 (no questions; last month {n})"),
    "admin.faq.solved_none": ("—（評価なし）", "— (no feedback)"),
    "admin.faq.direct": ("FAQの回答をそのまま表示", "Answered directly from the FAQ"),
    "admin.faq.direct_value": ("{n}件（質問の{rate}）", "{n} ({rate} of questions)"),
    "admin.faq.candidates": ("候補を提示", "Candidates shown"),
    "admin.faq.candidates_value": ("{n}件（うち候補から選んで解決 {picked}件）", "{n} (solved by picking one: {picked})"),
    "admin.faq.not_found": ("該当するFAQなし", "Nothing found"),
    "admin.faq.forwarded": ("担当者に転送", "Forwarded to a person"),
    "admin.faq.solved": ("解決率（評価のあった質問のうち）", "Solved (of questions with feedback)"),
    "admin.faq.solved_value": (
        "{rate}（評価 {given}件のうち解決 {settled}件: 回答で解決 {solved}・候補から解決 {picked}／"
        "未解決 {unsolved}・該当なし {none_fit}）",
        "{rate} ({settled} of {given} rated solved: by the answer {solved}, by a candidate {picked}; "
        "unsolved {unsolved}, none fit {none_fit})",
    ),
    "admin.faq.to_person": ("担当者への直接の依頼", "Typed straight to a person"),
    "admin.faq.open": ("対応待ちの質問", "Unanswered questions waiting"),
    "admin.faq.open_value": ("{n}件（/dx FAQ 未回答）", "{n} (/dx faq unanswered)"),
    "admin.faq.kept": ("FAQ改善候補（転送されなかった質問）", "FAQ gaps (questions not forwarded)"),
    "admin.faq.kept_value": ("{n}件（回答は不要。FAQ項目の追加に）", "{n} (no answer owed; material for new entries)"),
    "admin.faq.pending": ("承認待ちの言い換え候補", "Phrasings waiting for review"),
    "admin.faq.pending_value": ("{n}件（/dx FAQ 言い換え）", "{n} (/dx faq suggestions)"),
    "admin.faq.no_questions": ("この期間の質問はありません。", "No questions were asked in this period."),
    "admin.faq.top_unanswered": (
        "回答できなかった質問（多い順）:", "Questions the FAQ could not answer (most asked first):"
    ),
    "admin.faq.top_item": ("{rank}. {text}（{n}回）", "{rank}. {text} ({n}x)"),
    "admin.faq.all_answered": (
        "この期間の質問にはすべてFAQで回答できました。", "Every question in this period was answered from the FAQ."
    ),
    "admin.faq.left_out_not_questions": (
        "※質問ではないメッセージ（あいさつ・雑談、診断の回答、出欠の返事など）{n}件は、質問数に含めていません。",
        "Not counted: {n} messages that were no questions (small talk, assessment answers, RSVPs and the like)."),
    "admin.faq.left_out": ("※管理者の操作・設定の依頼やテストの入力 {n}件は、質問数に含めていません。",
                           "Not counted: {n} messages that were admins' own requests or tests."),
    "admin.faq.elsewhere": ("※他課への案内 {other}件・対象外 {outside}件（集計から除外）",
                            "Not counted: {other} sent to another section, {outside} outside the desk's scope."),
    "admin.faq.export_title": ("質問の記録（{period}）", "Question log ({period})"),
    "admin.sheet.faq": ("質問ログ", "Questions"),
    "admin.sheet.rsvps": ("会議の出欠", "Attendance"),
    "admin.rsvps.export_title": ("会議の出欠（{period}）", "Meeting attendance ({period})"),
    "admin.col.meeting_at": ("会議日時", "Meeting at"),
    "admin.col.meeting": ("会議", "Meeting"),
    "admin.col.person": ("氏名", "Name"),
    "admin.col.rsvp": ("出欠", "Answer"),
    "admin.col.proxy": ("代理出席者", "Proxy"),
    "admin.col.reason": ("理由・メモ", "Reason / note"),
    "admin.col.answered_at": ("回答日時（日本時間）", "Answered at (JST)"),
    "admin.rsvp.attend": ("出席", "Attend"),
    "admin.rsvp.absent": ("欠席", "Absent"),
    "admin.rsvp.proxy": ("代理出席", "Proxy"),
    "admin.rsvp.unanswered": ("未回答", "No answer"),
    "admin.col.asked_at": ("日時", "Asked at"),
    "admin.col.department": ("部署", "Department"),
    "admin.col.question": ("質問", "Question"),
    "admin.col.outcome": ("結果", "Outcome"),
    "admin.col.feedback": ("評価", "Feedback"),
    "admin.col.faq_id": ("FAQ番号", "FAQ id"),
    "admin.col.score": ("類似度", "Score"),
    "admin.col.request": ("担当者対応", "Follow-up by a person"),
    "admin.request.open": ("FAQ改善候補", "FAQ gap"),
    "admin.request.forwarded": ("対応待ち", "waiting"),
    "admin.request.answered": ("回答済み", "answered"),
    "admin.request.closed": ("対応不要", "closed"),
    "admin.outcome.person": ("担当者へ直接", "to a person"),
    "admin.outcome.answer": ("回答", "answered"),
    "admin.outcome.candidates": ("候補提示", "candidates"),
    "admin.outcome.none": ("該当なし", "nothing found"),
    "admin.outcome.other_desk": ("他課へ案内", "sent to another section"),
    "admin.outcome.outside": ("対象外", "outside the desk"),
    "admin.feedback.solved": ("解決", "solved"),
    "admin.feedback.picked": ("候補から解決", "solved by a candidate"),
    "admin.feedback.unsolved": ("未解決", "unsolved"),
    "admin.feedback.none_fit": ("該当なし", "none fit"),
    # --- progress check-ins ------------------------------------------------------------------
    "admin.progress.unavailable": (
        "進捗報告（チェックイン）の機能が設定されていないため、このコマンドは使えません。",
        "Progress check-ins are not set up on this installation, so this command is not available.",
    ),
    "admin.progress.title": ("進捗状況（{period}）", "Progress ({period})"),
    "admin.progress.no_data": (
        "この月の進捗報告はまだありません。", "There are no progress reports for this month yet."
    ),
    "admin.progress.line": (
        "{rank}. {department}　{rate}（{online}/{in_scope}件）{change}",
        "{rank}. {department}  {rate} ({online}/{in_scope}) {change}",
    ),
    "admin.progress.line_no_rate": (
        "・{department}　オンライン化率なし（対象手続0件）", "- {department}  no online rate (no procedures in scope)"
    ),
    "admin.progress.change": ("前月比 {change}", "vs last month {change}"),
    "admin.progress.no_change": ("前月比 —（前月の報告なし）", "vs last month — (no earlier report)"),
    "admin.progress.reported": ("報告済み", "Reported"),
    "admin.progress.reported_value": ("{n} / {total}部署", "{n} of {total} departments"),
    "admin.progress.mean": ("平均オンライン化率", "Mean online rate"),
    "admin.progress.missing": ("未報告の部署", "Not reported"),
    "admin.progress.none_missing": ("なし（全部署が報告済み）", "none (every department reported)"),
    "admin.progress.late": ("遅れているロードマップ項目（{n}件）", "Late roadmap items ({n})"),
    "admin.progress.none_late": ("なし", "none"),
    "admin.progress.requests": ("相談・依頼（{n}件）", "Requests to the office ({n})"),
    "admin.progress.request_line": ("{department}: 相談 Q-{id}（{status}）", "{department}: request Q-{id} ({status})"),
    "admin.progress.notes": ("各課のことば（課題・遅延理由・相談・小さな気づき）", "In the departments' words"),
    "admin.progress.note_line": ("{department}｜{label}: {text}", "{department} | {label}: {text}"),
    "admin.progress.late_item": ("{department}: {title}", "{department}: {title}"),
    "admin.progress.late_target": ("（目標 {target}）", " (target {target})"),
    "admin.progress.late_reason": (" — {reason}", " — {reason}"),
    "admin.progress.no_rates": (
        "{period}はオンライン化率の報告がないため、グラフを作成できません。",
        "No online rates were reported for {period}, so there is nothing to chart.",
    ),
    "admin.progress.no_history": (
        "{period}までの進捗報告がないため、推移のグラフを作成できません。",
        "There are no progress reports up to {period}, so there is no trend to chart.",
    ),
    "admin.progress.export_title": ("進捗報告（{period}）", "Progress reports ({period})"),
    "admin.department.unknown": (
        "「{name}」という部署の報告は見つかりません。報告のある部署: {known}",
        "No reports from a department called \"{name}\". Departments with reports: {known}",
    ),
    "admin.sheet.progress": ("進捗報告", "Progress"),
    "admin.col.period": ("年月", "Month"),
    "admin.col.in_scope": ("対象手続数", "In scope"),
    "admin.col.online": ("オンライン化済み", "Online"),
    "admin.col.rate": ("オンライン化率", "Online rate"),
    "admin.col.change": ("前月比", "Change"),
    "admin.col.forms_created": ("作成フォーム数", "Forms created"),
    "admin.col.items_total": ("ロードマップ項目", "Roadmap items"),
    "admin.col.items_late": ("うち遅延", "Late"),
    "admin.col.submitted_at": ("報告日時", "Reported at"),
    "admin.col.notes": ("自由記述・相談（課題の内容、遅延理由、相談、小さな気づき）", "Free text and requests"),
    # --- charts ----------------------------------------------------------------------------
    "admin.chart.done": (
        "グラフを作成しました。", "Here is the chart."
    ),
    "admin.chart.progress_title": ("部署別オンライン化率（{period}）", "Online rate by department ({period})"),
    "admin.chart.trend_title": ("オンライン化率の推移（{period}）", "Online rate over time ({period})"),
    "admin.chart.online_rate": ("オンライン化率", "Online rate"),
    "admin.chart.mean": ("平均 {value}", "Mean {value}"),
    "admin.chart.mean_series": ("全部署の平均", "Mean of departments"),
    "admin.chart.missing": ("未報告: {departments}", "Not reported: {departments}"),
    "admin.chart.too_many": (
        "部署が{n}あるため平均のみ表示しています。部署ごとの推移は「/dx グラフ 推移 部署名」で表示できます。",
        "{n} departments: only the mean is shown. Use \"/dx chart trend <department>\" for one department.",
    ),
    "admin.chart.assessment_title": (
        "スキル診断 分野別の平均点（第{id}回・{n}人）", "Skill assessment: mean score by category (#{id}, {n} people)"
    ),
    "admin.chart.mean_score": ("平均（{max}段階、{max}＝理解し実践している）", "Mean ({max} levels, {max} = use it)"),
    "admin.chart.this_run": ("第{id}回", "#{id}"),
    "admin.chart.previous_run": ("第{id}回（前回）", "#{id} (previous)"),
    # --- assessment ------------------------------------------------------------------------
    "admin.assessment.too_few": (
        "回答が{n}人分のため、グラフを表示できません（個人が特定されないよう、{min}人以上の回答が必要です）。",
        "Only {n} people answered: at least {min} answers are needed before results are shown, so that no one "
        "can be identified.",
    ),
    # /dx help: this job's group, its word for 「/dx help …」, an example line per role.
    "help.group.admin": ("集計・グラフ・書き出し・監査", "Summaries, charts, exports, audit"),
    "help.group.admin.word": ("集計", "reports"),
    "help.examples.admin.admin": ("例: /dx 要約 進捗 ／ /dx グラフ 進捗 ／ /dx 書き出し 進捗 xlsx ／ /dx 要約 FAQ",
                                    "e.g. /dx summary progress / chart progress / export progress xlsx / summary faq"),
    # --- the FAQ's entries as a file (`faq export`) ------------------------------------------------
    "admin.cmd.faq_export": (
        "faq export [csv|xlsx] — 登録されているFAQ（質問と回答）をファイルで出力",
        "faq export [csv|xlsx] — the FAQ's entries (questions and answers) as a file",
    ),
    "admin.usage.faq_export": ("/dx FAQ 書き出し [csv|xlsx] [BOMなし]", "/dx faq export [csv|xlsx] [nobom]"),
    "admin.sheet.faq_entries": ("FAQ", "FAQ"),
    "admin.faq.log_not_entries": ("これは質問の記録です。登録されているFAQ（質問と回答）は /dx FAQ 書き出し で出力できます。",
                                  "This is the question log; the FAQ's entries are /dx faq export."),
    "admin.faq.entries_title": ("登録されているFAQ", "FAQ entries"),
    "admin.faq.entries_import": (
        "編集したファイルはサーバーで `dxdesk faq import ファイル名` により取り込めます（IDが同じものは上書き）。"
        "質問の記録は /dx 書き出し FAQ です。",
        "An edited file is loaded on the server with `dxdesk faq import FILE` (entries with the same ID are "
        "replaced). The question log is /dx export faq.",
    ),
    "admin.col.entry_id": ("ID", "id"),
    "admin.col.entry_question": ("質問", "question"),
    "admin.col.entry_answer": ("回答", "answer"),
    "admin.col.entry_alternates": ("言い換え", "alternates"),
    "admin.col.entry_category": ("カテゴリ", "category"),
    "admin.col.entry_tags": ("タグ", "tags"),
    "admin.col.entry_department": ("担当部署", "department"),
    "admin.col.entry_question_en": ("質問（英語）", "question_en"),
    "admin.col.entry_answer_en": ("回答（英語）", "answer_en"),
    "admin.col.entry_category_en": ("カテゴリ（英語）", "category_en"),
    "help.examples.admin.liaison": ("", ""),
    "help.examples.admin.staff": ("", ""),
}

register(MESSAGES)
