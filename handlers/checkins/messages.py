"""Texts of the progress check-ins (handlers/checkins)."""

from __future__ import annotations

from bot.core.messages import register

MESSAGES: dict[str, tuple[str, str]] = {
    "checkin.unavailable": ("進捗報告の機能は現在利用できません。DX推進室にお問い合わせください。",
                            "Check-ins are not available right now. Please contact the DX office."),
    "checkin.form_missing": ("フォーム「{form}」が見つかりません。「/dx 報告 フォーム」で利用できるフォームを確認してください。",
                             "There is no form \"{form}\". See \"/dx checkin forms\" for the available forms."),
    "checkin.no_campaign": ("現在受付中の進捗報告はありません。", "There is no check-in open right now."),
    "checkin.no_department": (
        "所属部署が登録されていないため、進捗報告ができません。DX推進室に所属の登録をご依頼ください。",
        "Your department is not registered, so you cannot report for one. Please ask the DX office to register it.",
    ),
    "checkin.not_yours": ("この回答はほかの方のもののため、操作できません。", "This form belongs to someone else."),
    "checkin.usage": ("「/dx 報告」で今月の進捗報告に回答できます。", "Type \"/dx checkin\" to answer this month's check-in."),
    "checkin.someone": ("ほかの兼務職員", "another liaison"),
    "checkin.intro": (
        "{period}の進捗報告（{department}）です。締切は{deadline}です。",
        "This is the {period} check-in for {department}. The deadline is {deadline}.",
    ),
    "checkin.resumed": ("前回の続きからお聞きします。これまでの回答はすべて保存されています。",
                        "Let's continue where you stopped. All your earlier answers are saved."),
    "checkin.asked_again": ("（進捗報告の続きです。この質問にお答えください）",
                            "(Back to your progress report: please answer this question.)"),
    "checkin.still_open": (
        "（進捗報告の回答は途中まで保存してあります。続けるときは「続きから」と送ってください）",
        "(Your check-in answers so far are saved. Type \"resume\" to continue.)",
    ),
    "checkin.belongs.ask": ("「{text}」は「{label}」への回答ですか？", "Is \"{text}\" your answer to \"{label}\"?"),
    "checkin.belongs.yes": ("はい、回答です", "Yes, it is my answer"),
    "checkin.belongs.no": ("いいえ、別の質問です", "No, it is another question"),
    "checkin.belongs.rewrite": ("いいえ、書き直します", "No, I'll write it again"),
    "checkin.aside.again": ("（進捗報告の続き: {question}）", "(Your check-in goes on: {question})"),
    "checkin.aside.review": ("（進捗報告の続き: 内容を確認して「送信」と送ってください）",
                             "(Your check-in goes on: check the answers and type \"send\")"),
    "checkin.aside.belongs": ("いまのは「{label}」へのお答えですか？", "Was that your answer to \"{label}\"?"),
    "checkin.aside.yes": ("はい", "Yes"),
    "checkin.aside.no": ("いいえ", "No"),
    "checkin.belongs.dropped": ("「{text}」は記録していません。", "I did not record \"{text}\"."),
    "checkin.request.subject": ("{period} 進捗報告・{department}", "{period} check-in, {department}"),
    "checkin.request.opened": (
        "ご相談を受け付けました（受付番号 Q-{id}）。DX推進室の担当者から折り返しご連絡します。",
        "Your request is registered (number Q-{id}). Someone from the DX office will get back to you.",
    ),
    "checkin.request.opened_person": (
        "ご相談を受け付けました（受付番号 Q-{id}）。担当の{name}さんから折り返しご連絡します。",
        "Your request is registered (number Q-{id}). {name}, who is in charge, will get back to you.",
    ),
    "checkin.request.destination_person": ("担当 {name}さん", "{name} (in charge)"),
    "checkin.request.notice_title": ("進捗報告からの相談 Q-{id}", "Request from a check-in: Q-{id}"),
    "checkin.request.notice_text": (
        ("{department}の{who}さんから、{period}の進捗報告で相談がありました（受付番号 Q-{id}）。\n「{detail}」\n"
        "回答すると相談者に届きます。対応を終えたら「/dx FAQ 対応済み Q-{id}」で完了にしてください。"),
        ("{who} ({department}) asked for help in the {period} check-in (number Q-{id}).\n\"{detail}\"\n"
        "Your answer reaches them. When done, close it with \"/dx faq close Q-{id}\"."),
    ),
    "checkin.request.answer_button": ("回答する", "Answer"),
    "checkin.request.destination": ("DX推進室", "the DX office"),
    "checkin.paused": (
        "入力を中断しました。ここまでの回答は保存されています。再開するときは「続きから」と入力するか、下のボタンを押してください。",
        "Paused. Your answers so far are saved. Type \"resume\" or press the button below to continue.",
    ),
    "checkin.paused_word": ("進捗報告が途中です。「続きから」で再開できます。",
                            "Your check-in is paused half-way. Type \"resume\" to continue."),
    "checkin.resume.button": ("続きから回答する", "Resume"),
    "checkin.request.question_kept": (("ご質問「{text}」を相談したい内容として記録しました。送信すると担当者から折り返し"
                                       "ご連絡します（書き直すときは「戻る」）。"),
                                      ("Recorded your question \"{text}\" as what to discuss; once you send the report, "
                                       "someone will get back to you (type \"back\" to rewrite it).")),
    "checkin.answer.taken_back": ("さきほどの「{text}」を「{label}」の回答として記録しました（書き直すときは「戻る」）。",
                                  "Recorded what you wrote just before (\"{text}\") as the answer to {label} (type \"back\" to rewrite it)."),
    "checkin.edit.not_yet": (("この報告はまだ提出前なので、ここでそのまま直せます（「変更 3」「3を直す」「戻る」、"
                              "「オンライン化済みは10件に直して」など）。"),
                             ("This report is not sent yet, so you can change it right here (\"change 3\", \"back\", "
                              "or name the item).")),
    "checkin.request.with_detail": (("相談の希望を「はい」、相談したい内容を「{text}」として記録しました。"
                                     "内容を変える場合は「戻る」で書き直せます。"),
                                    "Recorded \"Yes\" with what to discuss: \"{text}\". Type \"back\" to rewrite it."),
    "checkin.request.retracted": ("承知しました。相談の希望は「いいえ」に戻しました（相談は登録していません）。",
                                  "All right: the request for advice is back to \"No\" (nothing was filed)."),
    "checkin.request.retracted_filed": (
        "承知しました。相談の希望は「いいえ」に戻しました。受付済みの相談 Q-{id} は、この修正を送信したときに取り下げます。",
        "All right: the request for advice is back to \"No\". Request Q-{id} is withdrawn when you send this change.",
    ),
    "checkin.request.withdrawn": ("相談 Q-{id} を取り下げました（担当者にもお知らせしました）。",
                                  "Request Q-{id} is withdrawn (the person in charge has been told)."),
    "checkin.request.withdrawn_title": ("進捗報告からの相談 Q-{id}（取り下げ）", "Request from a check-in: Q-{id} (withdrawn)"),
    "checkin.request.withdrawn_text": (
        "{department}の{who}さんが、{period}の進捗報告の相談 Q-{id} を取り下げました（報告の修正で「相談なし」）。対応は不要です。",
        ("{who} ({department}) withdrew request Q-{id} of the {period} check-in (the report now asks for none). "
         "Nothing to do."),
    ),
    "checkin.not_a_kind": ("「{text}」は「{label}」の選択肢にありません。次から番号または言葉でお選びください: {options}",
                           "\"{text}\" is not one of the choices for \"{label}\". Pick by number or word: {options}"),
    "checkin.review.not_sent": (
        "まだ提出していません。「提出」と入力するか「この内容で送信」を押すと報告が届いて完了です。直す項目があれば番号を入力してください。",
        "Not sent yet. Type \"submit\" or press \"Submit\" to send the report; type an item's number to change it."),
    "checkin.not_liaison": ("進捗報告は各課の連絡担当者（DXリエゾン）が行います。あなたは今回の報告の対象外です。",
                            "Check-ins are answered by each department's liaison; you are not asked to report this time."),
    "checkin.resume.nothing": ("再開できる入力途中の進捗報告はありません。", "There is no unfinished check-in to resume."),
    "checkin.begin.button": ("報告の回答を始める", "Start the report"),
    "checkin.thanks": (
        "{period}の進捗報告（{department}）を提出しました。ご協力ありがとうございました。",
        "The {period} check-in for {department} is submitted. Thank you!",
    ),
    "checkin.edited": (
        "{period}の進捗報告（{department}）の修正を保存しました。",
        "Your changes to the {period} check-in for {department} are saved.",
    ),
    "checkin.rate": ("オンライン化率は {rate} です。", "The online rate is {rate}."),
    "checkin.rate_with_change": ("オンライン化率は {rate}（前回比 {change}ポイント）です。",
                                 "The online rate is {rate} ({change} points since last time)."),
    "checkin.edit.until": (
        "締切（{deadline}）までは「/dx 報告 修正」または下のボタンで修正できます。",
        "You can change the answers until the deadline ({deadline}) with \"/dx checkin edit\" or the button below.",
    ),
    "checkin.late_noted": ("締切後の提出として記録しました。", "Recorded as submitted after the deadline."),
    "checkin.edit.button": ("回答を修正する", "Change answers"),
    "checkin.edit.intro": (
        ("提出済みの回答です。直したい項目は「変更 3」のように番号で入力するか、「変更」ボタンを押してください。"
        "修正を送信するまでは、提出済みの内容がそのまま有効です。"),
        ("These are the submitted answers. To change one, type \"change 3\" with its number or press its \"Change\" "
        "button; the submitted answers stay valid until you submit the change."),
    ),
    "checkin.edit.closed": ("締切（{deadline}）を過ぎたため、回答は修正できません。修正が必要な場合はDX推進室にご連絡ください。",
                            ("The deadline ({deadline}) has passed, so the answers can no longer be changed. "
                            "Please contact the DX office if something must be corrected.")),
    "checkin.edit.campaign_closed": (
        "{period}の進捗報告は受付を終了したため、修正できません。修正が必要な場合はDX推進室にご連絡ください。",
        "The {period} check-in is closed, so the answers can no longer be changed. Please contact the DX office.",
    ),
    "checkin.edit.nothing": ("修正できる提出済みの進捗報告はありません。", "There is no submitted check-in to change."),
    "checkin.already_done": (
        "{period}の{department}の進捗報告は、{who}さんが{when}に提出済みです。ご対応は不要です。",
        "The {period} check-in of {department} was already submitted by {who} on {when}. Nothing more to do.",
    ),
    "checkin.done_by_other": (
        "{period}の{department}の進捗報告は、{who}さんが提出しました。ご対応は不要です（入力途中の回答があれば閉じました）。",
        "{who} submitted the {period} check-in of {department}. Nothing more to do (any unfinished form of yours is closed).",
    ),
    "checkin.invite.title": ("{period}の進捗報告のお願い", "{period} progress check-in"),
    "checkin.invite.text": (
        ("{department}の{period}の進捗（手続のオンライン化、ロードマップ項目の状況など）を教えてください。"
        "質問に1問ずつ答えるだけで、5分ほどで終わります。締切は{deadline}です。"),
        ("Please report the {period} progress of {department} (procedures online, roadmap items...). "
        "It takes about 5 minutes, one question at a time. The deadline is {deadline}."),
    ),
    "checkin.nudge.title": ("【リマインド】{period}の進捗報告", "[Reminder] {period} check-in"),
    "checkin.nudge.text": (
        "{department}の進捗報告がまだ提出されていません。締切は{deadline}です。お手すきの際にご回答をお願いします。",
        ("The check-in of {department} has not been submitted yet. The deadline is {deadline}. "
        "Please answer when you have a moment."),
    ),
    "checkin.nudge.text_started": (
        "{department}の進捗報告が入力途中のままです。締切は{deadline}です。続きからご回答をお願いします。",
        "The check-in of {department} is half done. The deadline is {deadline}. Please continue where you stopped.",
    ),
    "checkin.deadline.title": ("{period}の進捗報告: 締切時点の状況", "{period} check-in: status at the deadline"),
    "checkin.deadline.all_done": ("締切までに全{count}部署が提出しました。", "All {count} departments submitted by the deadline."),
    "checkin.deadline.missing_intro": (
        "締切までに提出があったのは{total}部署中{submitted}部署です。未提出の部署（兼務職員）:",
        "{submitted} of {total} departments submitted by the deadline. Missing (liaisons):",
    ),
    "checkin.deadline.footer": (
        "自動の催促は終了しました。必要に応じて個別にご連絡ください（締切後の提出も受け付けます）。",
        "Automatic reminders have stopped. Please follow up directly if needed (late answers are still accepted).",
    ),
    "checkin.home.title": ("{period}の進捗報告", "{period} check-in"),
    "checkin.home.text": ("未提出です。締切は{deadline}です。", "Not submitted yet. The deadline is {deadline}."),
    # --- admin commands -------------------------------------------------------------------
    "checkin.start.hint": (
        "進捗報告を始めるには「{command}」と入力してください（全兼務職員に依頼が届きます）。",
        "To start the check-in, type \"{command}\" (every liaison gets the request).",
    ),
    "checkin.start.ask_deadline": ("締切はいつにしますか？（例: 12/18、来週の金曜、月末）",
                                   "When is the deadline? (e.g. 12/18, next Friday, month end)"),
    "checkin.start.pending": ("『{period}の進捗報告（締切 {deadline}）』の開始",
                              "Starting “the progress report for {period} (deadline {deadline})”"),
    "checkin.start.confirm": (
        "次の内容で開始します: {period}の進捗報告・締切 {deadline}・兼務職員全員に依頼を送ります\n（コマンド: {command}）\nよろしいですか？",
        ("This will be started: the {period} check-in, deadline {deadline}, every liaison is asked\n"
         "(command: {command})\nShall I go ahead?")),
    "checkin.start.again": ("「はい」「直す」「やめる」のどれかでお答えください（例: はい）。",
                            "Please answer \"yes\", \"change\" or \"cancel\" (e.g. yes)."),
    "checkin.start.hint_no_date": (
        "進捗報告を始めるには「{command} 締切 12/10」のように締切の日付を付けて入力してください（全兼務職員に依頼が届きます）。",
        "To start the check-in, type \"{command} deadline 12/10\" with the deadline (every liaison gets the request).",
    ),
    "checkin.start.usage": (
        ("/dx 報告 開始 [YYYY-MM] [締切 日付] [フォーム ID] [担当 氏名]（例:「/dx 報告 開始 2026-12 締切 来週の金曜 担当 佐藤」）\n"
         "月・締切の指定を読み取れませんでした。月は1〜12月を「2026-12」のように、締切は「締切 12/18」のように指定してください。"),
        ("/dx checkin start [YYYY-MM] [deadline date] [form ID] [contact name] (e.g. \"/dx checkin start 2026-12 deadline 12/18\")\n"
         "The month or deadline could not be read: give a month 01-12 as \"2026-12\" and a deadline as \"deadline 12/18\"."),
    ),
    "checkin.start.bad_deadline": (
        "締切の日付「{value}」が読み取れませんでした。「締切 2026-12-18」「締切 12/18」「締切 来週の金曜」のように指定してください。",
        "I couldn't read the deadline \"{value}\". Write it like \"deadline 2026-12-18\".",
    ),
    "checkin.deadline.past": ("締切は今日以降の日付で指定してください（例: {example}）。",
                              "Please give a deadline from today on (e.g. {example})."),
    "checkin.example.deadline": ("/dx 報告 締切変更 {day}", "/dx checkin deadline {day}"),
    "checkin.example.start": ("/dx 報告 開始 締切 {day}", "/dx checkin start deadline {day}"),
    "checkin.example.reopen": ("/dx 報告 再開 {day}", "/dx checkin reopen {day}"),
    "checkin.start.past_deadline": ("締切（{deadline}）が過去の日時です。今日以降の日付を指定してください。",
                                    "The deadline ({deadline}) is in the past. Please give a later date."),
    "checkin.start.already_open": (
        "{period}の進捗報告はすでに受付中です（締切 {deadline}）。状況は「/dx 報告 未提出」で確認できます。",
        "The {period} check-in is already open (deadline {deadline}). See \"/dx checkin status\".",
    ),
    "checkin.start.done": (
        ("{period}の進捗報告を開始し、兼務職員{count}名に依頼を送りました。締切は{deadline}です。"
        "未回答の方には営業日の勤務時間内に最大{max_nudges}回まで自動でリマインドします。"),
        ("Started the {period} check-in and invited {count} liaisons. The deadline is {deadline}. Those who have "
        "not answered get up to {max_nudges} reminders, on business days in working hours only."),
    ),
    "checkin.start.nobody": (
        "{period}の進捗報告を開始しましたが、依頼を送る兼務職員がいません（所属部署のある兼務職員が未登録か、全部署が提出済みです）。締切は{deadline}です。",
        ("Started the {period} check-in, but there was nobody to invite (no liaisons with a department, or all "
        "departments have answered). The deadline is {deadline}."),
    ),
    "checkin.close.done": (
        "{period}の進捗報告の受付を締め切りました（提出 {submitted}/{total}部署）。自動のリマインドは止まりました。",
        "Closed the {period} check-in ({submitted}/{total} departments answered). Automatic reminders have stopped.",
    ),
    "checkin.close.nothing_open": ("受付中の進捗報告はありません。", "No check-in is open."),
    "checkin.close.not_open": ("{period}の進捗報告は受付中ではありません（{status}）。",
                               "The {period} check-in is not open ({status})."),
    "checkin.start.contacts": ("相談の担当: {contacts}（進捗報告の「相談したい」はこの方に届きます）",
                               "In charge of requests: {contacts} (check-in requests go to them)"),
    "checkin.start.contact_all": ("{name}さん（全部署）", "{name} (all departments)"),
    "checkin.start.contact_department": ("{department}→{name}さん", "{department}: {name}"),
    "checkin.start.unknown_contact": (
        "担当者「{name}」が名簿にいません。名簿の氏名・ID で指定してください（例:「担当 佐藤」「担当 市民課=佐藤,税務課=鈴木」）。",
        "\"{name}\" (in charge) is not in the roster. Use a name or id from the roster (e.g. \"contact Sato\").",
    ),
    "checkin.start.contact_role": (
        "{name}さんは相談に回答できません（担当者は兼務職員か管理者を指定してください）。",
        "{name} cannot answer requests: the person in charge must be a liaison or an admin.",
    ),
    "checkin.start.before_period": (
        "締切の{day}は、報告する{period}が始まる前です。{first}以降の日付を指定してください。",
        "The deadline {day} is before {period} begins. Please give a date from {first}.",
    ),
    "checkin.start.moved": ("{day}は{why}のため、締切を翌営業日の{deadline}にしました。",
                            "{day} is a closed day ({why}): the deadline is the next business day, {deadline}."),
    "checkin.start.moved_back": (
        "{day}は{why}のため、月末の締切をその月の最後の営業日の{deadline}にしました。",
        "{day} is a closed day ({why}): a month's-end deadline is the last business day of that month, {deadline}.",
    ),
    "checkin.start.moved_earlier": ("{day}は{why}のため、締切を前の営業日の{deadline}にしました。",
                                    "{day} is a closed day ({why}): the deadline is the business day before, {deadline}."),
    "checkin.closed_day": ("閉庁日", "closed"),
    # --- changing the deadline -------------------------------------------------------------
    "checkin.close.date_given": (
        "締切日の変更は「/dx 報告 締切変更 {value}」です。受付を終了するときは「/dx 報告 締切」",
        "To change the deadline: \"/dx checkin deadline {value}\". To stop taking answers now: \"/dx checkin close\"",
    ),
    "checkin.deadline.usage": (
        "/dx 報告 締切変更 [YYYY-MM] 日付（例:「/dx 報告 締切変更 12/18」「/dx 報告 延長 来週の金曜」）",
        "/dx checkin deadline [YYYY-MM] date (e.g. \"/dx checkin deadline 2026-12-18\")",
    ),
    "checkin.deadline.bad_date": (
        ("新しい締切「{value}」が日付として読み取れません。「/dx 報告 締切変更 12/18」「/dx 報告 延長 来週の金曜」"
        "「/dx 報告 締切変更 月末」のように指定してください。"),
        "I couldn't read the new deadline \"{value}\". Write it like \"/dx checkin deadline 2026-12-18\".",
    ),
    "checkin.deadline.closed": (
        "{period}の進捗報告は受付を終了しているため、締切は変更できません。",
        "The {period} check-in is closed, so its deadline cannot be changed.",
    ),
    "checkin.deadline.same": ("{period}の進捗報告の締切はすでに{deadline}です（変更はありません）。",
                              "The {period} check-in is already due {deadline} (nothing changed)."),
    "checkin.deadline.done": (
        ("{period}の進捗報告の締切を{old}から{deadline}に変更しました。未提出の兼務職員{count}名に新しい締切を"
        "お知らせします（提出済みの部署にはお知らせしません）。"),
        ("The {period} check-in is now due {deadline} (was {old}). The {count} liaisons who have not submitted "
        "are told the new deadline (departments that submitted are not disturbed)."),
    ),
    "checkin.deadline.done_scheduled": (
        "{period}の進捗報告（開始前）の締切を{old}から{deadline}に変更しました。依頼には新しい締切が載ります。",
        "The {period} check-in (not yet open) is now due {deadline} (was {old}). The invitations will say so.",
    ),
    "checkin.deadline.notice_title": ("【締切変更】{period}の進捗報告", "[New deadline] {period} check-in"),
    "checkin.deadline.notice_text": (
        ("{department}の{period}の進捗報告の締切が{deadline}に変更されました（変更前: {old}）。"
        "まだ提出されていないため、お知らせします。"),
        ("The {period} check-in of {department} is now due {deadline} (was {old}). You are told because it has "
        "not been submitted yet."),
    ),
    "checkin.reopen.usage": (
        "/dx 報告 再開 [YYYY-MM] 新しい締切（例:「/dx 報告 再開 12/20」「/dx 報告 再開 2026-12 来週の金曜」）",
        "/dx checkin reopen [YYYY-MM] new deadline (e.g. \"/dx checkin reopen 2026-12-20\")",
    ),
    "checkin.reopen.bad_date": (
        ("新しい締切「{value}」が日付として読み取れません。「/dx 報告 再開 12/20」のように、受付を再開する"
         "進捗報告の新しい締切を指定してください。"),
        "I couldn't read the new deadline \"{value}\". Write it like \"/dx checkin reopen 2026-12-20\".",
    ),
    "checkin.reopen.nothing_closed": ("受付を終了した進捗報告はありません。", "There is no closed check-in to reopen."),
    "checkin.reopen.not_closed": (
        "{period}の進捗報告は{status}のため、再開するものはありません（締切を動かすときは「/dx 報告 締切変更 12/18」）。",
        "The {period} check-in is {status}: nothing to reopen (to move its deadline: \"/dx checkin deadline 2026-12-18\").",
    ),
    "checkin.reopen.past": (
        "新しい締切{deadline}はもう過ぎています。{period}の進捗報告を再開するときは、これから先の日付を指定してください。",
        "The new deadline {deadline} has already passed. To reopen the {period} check-in, give a date still to come.",
    ),
    "checkin.reopen.done": (
        ("{period}の進捗報告の受付を再開しました。新しい締切は{deadline}です（前の締切: {old}）。未提出の兼務職員{count}名に"
         "お知らせします（提出済みの部署にはお知らせしません）。"),
        ("The {period} check-in is open again, now due {deadline} (was {old}). The {count} liaisons who have not "
         "submitted are told (departments that submitted are not disturbed)."),
    ),
    "checkin.reopen.notice_title": ("【受付再開】{period}の進捗報告", "[Reopened] {period} check-in"),
    "checkin.reopen.notice_text": (
        ("{department}の{period}の進捗報告の受付を再開しました。新しい締切は{deadline}です（前の締切: {old}）。"
         "まだ提出されていないため、お知らせします。"),
        ("The {period} check-in of {department} is open again, now due {deadline} (was {old}). You are told "
         "because it has not been submitted yet."),
    ),
    "checkin.meeting.this_month": ("今月", "this month's"),
    "checkin.meeting.after": ("※ 締切（{deadline}）が{which}の会議（{meeting}）より後です。",
                              "Note: the deadline ({deadline}) is after {which} meeting ({meeting})."),
    "checkin.meeting.suggest_start": ("会議の資料に間に合わせるなら「締切 {day}」",
                                      " To have the answers for the meeting, use \"deadline {day}\"."),
    "checkin.meeting.suggest_change": ("会議の資料に間に合わせるなら「/dx 報告 締切変更 {day}」",
                                       " To have the answers for the meeting: \"/dx checkin deadline {day}\"."),
    "checkin.also_open": ("{period}の進捗報告も受付中です（締切 {deadline}）。「/dx 報告 {month}」で回答できます。",
                          "The {period} check-in is open too (deadline {deadline}): answer it with \"/dx checkin {month}\"."),
    "checkin.no_campaign_for": ("{period}の進捗報告はありません。", "There is no {period} check-in."),
    "checkin.start.done_deferred": (
        ("{period}の進捗報告を開始しました。業務時間外のため、兼務職員{count}名への依頼は{at}に送ります"
         "（予約済み。今すぐ送るときは「/dx 報告 開始 強制」）。締切は{deadline}です。"),
        ("Started the {period} check-in. It is outside office hours: the invitations to {count} liaisons go out "
         "at {at} (queued; \"/dx checkin start force\" sends them now). The deadline is {deadline}."),
    ),
    "checkin.start.released": (
        "{period}の進捗報告の依頼{count}件を今すぐ送ります（業務時間を待っていた予約です。二重には送りません）。",
        ("Sending the {count} waiting invitation(s) of the {period} check-in now (they were waiting for office "
         "hours; nobody gets two)."),
    ),
    "checkin.start.done_partly": (
        ("{period}の進捗報告を開始しました。兼務職員{count}名のうち、依頼を送信: {sent}名／送信待ち: {waiting}名／"
        "届かない: {unreachable}名。締切は{deadline}です。"),
        ("Started the {period} check-in. Of {count} liaisons: invitation sent {sent}, waiting {waiting}, "
        "cannot be reached {unreachable}. The deadline is {deadline}."),
    ),
    "checkin.start.waiting_line": ("・{who}: 送信待ち（{platforms}への送信は常駐のサーバーが行います）",
                                   "- {who}: waiting ({platforms} messages are sent by the running server)"),
    "checkin.start.unreachable_email": (
        "・{who}: 届きません（連絡先がメールアドレスだけで、Webデスク・メールの送信が設定されていません）",
        "- {who}: cannot be reached (only an e-mail address, and no web desk or mail is configured)",
    ),
    "checkin.start.unreachable_none": ("・{who}: 届きません（連絡先が登録されていません）",
                                       "- {who}: cannot be reached (no contact registered)"),
    "checkin.platform.slack": ("Slack", "Slack"),
    "checkin.platform.teams": ("Teams", "Teams"),
    "checkin.start.waiting_console": ("・{who}: 送信待ち（本人が端末のチャットを開いたときに表示されます）",
                                      "- {who}: waiting (shown when they open the terminal chat)"),
    "checkin.bad_period": ("「{value}」は年月として読み取れません。「2026-12」のように指定してください。",
                           "\"{value}\" is not a month. Write it like \"2026-12\"."),
    "checkin.campaign.scheduled": ("開始前", "scheduled"),
    "checkin.campaign.open": ("受付中", "open"),
    "checkin.campaign.closed": ("締切済み", "closed"),
    "checkin.status.title": ("{period}の進捗報告（{status}・締切 {deadline}）: 提出 {done}/{total}部署",
                             "{period} check-in ({status}, deadline {deadline}): {done}/{total} departments"),
    "checkin.status.line_done": ("✅ {department}: 提出済み（{who}、{when}）オンライン化率 {rate}",
                                 "✅ {department}: submitted ({who}, {when}), online rate {rate}"),
    "checkin.status.line_done_late": ("✅ {department}: 締切後に提出（{who}、{when}）オンライン化率 {rate}",
                                      "✅ {department}: submitted late ({who}, {when}), online rate {rate}"),
    "checkin.status.line_draft": ("✏️ {department}: 入力中（{who}）リマインド {nudges}回",
                                  "✏️ {department}: in progress ({who}), reminders sent: {nudges}"),
    "checkin.status.line_waiting": ("⬜ {department}: 未回答 {who}・リマインド {nudges}回",
                                    "⬜ {department}: not answered: {who}; reminders sent: {nudges}"),
    "checkin.status.who": ("{name}さん", "{name}"),
    "checkin.status.who_marked": ("{name}さん（{mark}）", "{name} ({mark})"),
    "checkin.status.no_address": (
        "チャットの宛先がない{n}人には依頼が届きません（名簿にSlack・TeamsのIDもメールアドレスもありません）",
        "{n} cannot get the invitation: no chat address (no Slack or Teams id nor e-mail in the roster)"),
    "checkin.status.not_invited": ("（依頼未送信）", "(not invited)"),
    "checkin.status.people": ("依頼: 送信済み {sent}人・未送信 {waiting}人・送信失敗 {failed}人・依頼なし {none}人／回答済み {answered}人",
                              ("Invitations: {sent} sent, {waiting} not yet sent, {failed} failed, {none} never queued; "
                               "{answered} answered")),
    "checkin.status.scheduled": ("未送信のうち{n}件は {at} に送信予定（勤務時間を待っています）",
                                 "{n} of the unsent invitations will be sent at {at} (waiting for office hours)"),
    "checkin.status.mark.waiting": ("依頼送信待ち", "invitation not yet sent"),
    "checkin.status.mark.failed": ("依頼送信失敗", "invitation failed"),
    "checkin.status.mark.none": ("依頼なし", "never invited"),
    "checkin.status.mark.no_address": ("チャットの宛先なし", "no chat address"),
    "checkin.status.empty": ("対象の部署がありません。", "No departments."),
    "checkin.remind.sent": ("未回答の{count}名にリマインドを送りました。", "Sent a reminder to {count} liaisons who have not answered."),
    "checkin.remind.none": (
        "リマインドを送る相手はいません（全員回答済みか、1人あたりの上限{max_nudges}回に達しています）。",
        "Nobody to remind (everyone answered, or the limit of {max_nudges} reminders per person is reached).",
    ),
    "checkin.remind.all_done": ("全員提出済みのため、催促は送りません。", "Everyone has submitted, so no reminders are sent."),
    "checkin.remind.confirm": ("未提出の{count}名（{names}）に進捗報告の催促を送ります\n（コマンド: {command}）\nよろしいですか？",
                               "A reminder will be sent to the {count} who have not submitted ({names})\n(command: {command})\nGo ahead?"),
    "checkin.remind.pending": ("『未提出の方への催促』", "the reminder to those who have not submitted"),
    "checkin.remind.what_to_fix": ("催促は「はい」で送ります。送らないときは「やめる」と送ってください。",
                                   "Say “yes” to send the reminder, or “cancel” not to."),
    "checkin.remind.who": ("対象: {names}", "To: {names}"),
    "checkin.remind.deferred": ("いまは勤務時間外のため、リマインドは{when}に送ります（今すぐ送るときは「/dx 報告 催促 強制」）。",
                                ("It is outside working hours; the reminders will go out at {when} "
                                 "(to send them now: /dx checkin remind force).")),
    "checkin.remind.quiet": ("いまは勤務時間外のため、リマインドは送りませんでした。勤務時間内にもう一度お試しください。",
                             "It is outside working hours, so no reminders were sent. Please try again during working hours."),
    "checkin.history.title": ("進捗報告の推移", "Check-in history"),
    "checkin.history.empty": ("まだ提出された進捗報告はありません。", "No check-ins have been submitted yet."),
    "checkin.history.line": (
        "  {period}: オンライン化率 {rate}（前回比 {change}）{online}/{in_scope}件・遅延 {late}/{items}項目",
        "  {period}: online rate {rate} (change {change}), {online}/{in_scope}, late items {late}/{items}",
    ),
    "checkin.history.spread": (
        "{period}の部署間のばらつき（{count}部署）: 最小 {min}（{lowest}）／最大 {max}（{highest}）／中央値 {median}／標準偏差 {stdev}ポイント",
        ("Spread across {count} departments in {period}: min {min} ({lowest}), max {max} ({highest}), "
        "median {median}, standard deviation {stdev} points"),
    ),
    "checkin.roadmap.usage": (
        "/dx 報告 ロードマップ 追加 部署 項目 [目標 YYYY-MM]（例:「/dx 報告 ロードマップ 追加 市民課 転出届のオンライン化 目標 2027-06」）",
        "/dx checkin roadmap add department item [target YYYY-MM]",
    ),
    "checkin.roadmap.remove_usage": ("/dx 報告 ロードマップ 削除 項目番号", "/dx checkin roadmap remove item-number"),
    "checkin.roadmap.too_long": ("部署名は100文字、項目名は200文字以内でお願いします。",
                                 "Please keep the department within 100 characters and the item within 200."),
    "checkin.roadmap.added": ("ロードマップ項目 R-{id} を登録しました: {department}「{title}」（目標 {target}）",
                              "Added roadmap item R-{id}: {department} \"{title}\" (target {target})"),
    "checkin.roadmap.removed": ("ロードマップ項目 R-{id}（{department}「{title}」）を今後の報告の対象から外しました。",
                                "Roadmap item R-{id} ({department} \"{title}\") is no longer asked about."),
    "checkin.roadmap.not_found": ("ロードマップ項目 R-{id} は見つからないか、すでに対象外です。",
                                  "Roadmap item R-{id} was not found or was already removed."),
    "checkin.roadmap.empty": ("登録されているロードマップ項目はありません。", "There are no roadmap items."),
    "checkin.roadmap.title": ("ロードマップ項目（{count}件）", "Roadmap items ({count})"),
    "checkin.roadmap.line": ("R-{id} {department}: {title}（目標 {target}）", "R-{id} {department}: {title} (target {target})"),
    "checkin.forms.title": ("利用できるフォーム", "Available forms"),
    "checkin.forms.line": ("{id}: {title}（{source}）", "{id}: {title} ({source})"),
    "checkin.forms.error": ("⚠ 読み込めなかったフォーム {path}: {problems}", "⚠ Form file not loaded {path}: {problems}"),
    # --- help lines -----------------------------------------------------------------------
    "cmd.checkin": ("checkin — 今月の進捗報告に回答（「続きから」で再開）", "checkin — answer this month's check-in"),
    "cmd.checkin.edit": ("checkin edit — 提出済みの進捗報告を修正（締切まで）", "checkin edit — change submitted answers (until the deadline)"),
    "cmd.checkin.start": ("checkin start [YYYY-MM] [締切 日付] — 進捗報告の受付を開始", "checkin start [YYYY-MM] [deadline date] — open a check-in"),
    "cmd.checkin.status": ("checkin status [YYYY-MM] — 部署ごとの提出状況", "checkin status [YYYY-MM] — who has answered"),
    "cmd.checkin.close": ("checkin close [YYYY-MM] — 進捗報告の受付を締め切る（/dx 報告 締切）",
                          "checkin close [YYYY-MM] — close a check-in now"),
    "cmd.checkin.deadline": ("checkin deadline [YYYY-MM] 日付 — 締切を変更・延長（/dx 報告 締切変更 12/18、/dx 報告 延長 来週の金曜）",
                             "checkin deadline [YYYY-MM] date — move the deadline of the open check-in"),
    "cmd.checkin.reopen": ("checkin reopen [YYYY-MM] 日付 — 締め切った報告の受付を新しい締切で再開（/dx 報告 再開 12/20）",
                           "checkin reopen [YYYY-MM] date — reopen a closed check-in with a new deadline"),
    "cmd.checkin.remind": ("checkin remind [強制] — 未回答者にリマインド（上限あり。時間外は勤務時間に送信）",
                           "checkin remind [force] — remind those who have not answered (capped; out of hours: when they start)"),
    "cmd.checkin.history": ("checkin history [部署] — オンライン化率の推移", "checkin history [department] — rates over the months"),
    "cmd.checkin.roadmap.add": ("checkin roadmap add 部署 項目 [目標 YYYY-MM] — ロードマップ項目を登録", "checkin roadmap add department item [target] — add a roadmap item"),
    "cmd.checkin.roadmap.list": ("checkin roadmap list [部署] — ロードマップ項目の一覧", "checkin roadmap list [department] — list roadmap items"),
    "cmd.checkin.roadmap.remove": ("checkin roadmap remove 番号 — ロードマップ項目を対象外に", "checkin roadmap remove id — stop asking about an item"),
    "cmd.checkin.forms": ("checkin forms — 利用できるフォームの一覧", "checkin forms — list the forms"),
    # /dx help: this job's group, its word for 「/dx help …」, an example line per role.
    "help.group.checkins": ("進捗報告", "Check-ins"),
    "help.group.checkins.word": ("報告", "checkin"),
    "help.examples.checkins.admin": ("例: /dx 報告 開始 締切 12/10 ／ /dx 報告 未提出 ／ /dx 報告 催促 ／ /dx 報告 締切（受付を締め切る）",
                                    "e.g. /dx checkin start deadline 12/10 / checkin status / checkin remind / checkin close"),
    "help.examples.checkins.liaison": ("例: /dx 報告（回答を始める・続きから） ／ /dx 報告 修正 ／ /dx 報告 履歴",
                                      "e.g. /dx checkin (start or resume) / checkin edit / checkin history"),
    "help.examples.checkins.staff": ("", ""),
}

register(MESSAGES)
