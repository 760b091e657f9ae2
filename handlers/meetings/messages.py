"""Texts of the meetings feature and the people registry commands (keys "meeting.")."""

from __future__ import annotations

from bot.core.messages import register

MESSAGES: dict[str, tuple[str, str]] = {
    # --- dates ----------------------------------------------------------------------------
    "meeting.weekdays": ("月,火,水,木,金,土,日", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"),
    "meeting.date": ("{y}年{m}月{d}日（{w}）", "{w} {y}-{m:02d}-{d:02d}"),
    "meeting.datetime": ("{date}{time}", "{date} {time}"),
    "meeting.default_title": ("DX推進室 室内会議", "DX office monthly meeting"),
    "meeting.unknown_person": ("（不明）", "(unknown)"),
    "meeting.moved": (
        "※ 本来の開催日の{planned}は{reason}のため、{actual}に変更しています。",
        "Note: the usual date {planned} is {reason}, so the meeting moves to {actual}.",
    ),
    "meeting.shift.next": ("休日は翌営業日に振替", "moves to the next business day on closed days"),
    "meeting.shift.previous": ("休日は前営業日に振替", "moves to the previous business day on closed days"),
    "meeting.offset.before": ("{days}営業日前 {time}", "{days} business day(s) before, {time}"),
    "meeting.offset.same_day": ("当日 {time}", "same day, {time}"),
    # --- fields ---------------------------------------------------------------------------
    "meeting.field.when": ("日時", "When"),
    "meeting.field.place": ("場所", "Place"),
    "meeting.field.link": ("オンライン参加", "Online"),
    "meeting.field.agenda": ("議題", "Agenda"),
    "meeting.field.reminders": ("リマインド", "Reminders"),
    # --- rule errors ----------------------------------------------------------------------
    "meeting.rule.empty": (
        "会議の日程を指定してください。例:「毎月第2火曜 15:00」",
        "Please give the meeting's schedule, e.g. \"every month, 2nd Tuesday 15:00\".",
    ),
    "meeting.rule.invalid": (
        "「{rule}」を会議の日程として読み取れませんでした。"
        "例: /dx 会議 設定 毎月第2火曜 15:00 場所は第3会議室（日付指定なら「2027-01-12 15:00, 2027-02-09 15:00」）",
        "I could not read \"{rule}\" as a meeting schedule. Write it like \"every month, 2nd Tuesday 15:00\", "
        "\"last Friday 16:00\" or \"2027-01-12 15:00, 2027-02-09 15:00\".",
    ),
    "meeting.rule.monthly_only": (
        "会議は毎月の開催（第1〜第5または最終の曜日）か日付の指定で登録できます（「{rule}」は登録できません）。"
        "例: /dx 会議 設定 {example}",
        "Meetings are monthly (nth or last weekday) or on given dates (\"{rule}\" is not possible). "
        "Example: /dx meeting set every month, 2nd Wednesday 10:00",
    ),
    "meeting.rule.no_time": (
        "開始時刻が見つかりませんでした。「毎月第2火曜 15:00」のように時刻も指定してください。",
        "I could not find a start time. Please add one, e.g. \"2nd Tuesday 15:00\".",
    ),
    "meeting.rule.bad_time": ("「{time}」は正しい時刻ではありません。00:00〜23:59 で指定してください。例: 15:00",
                              "\"{time}\" is not a valid time. Use 00:00 to 23:59, e.g. 15:00."),
    "meeting.rule.bad_date": ("「{date}」は存在しない日付です。例: 2027-01-12 または 1/12",
                              "\"{date}\" is not a valid date. Example: 2027-01-12 or 1/12."),
    "meeting.rule.bad_nth": (
        "第{nth}週はありません。第1〜第5、または「最終」を指定してください。例: 毎月第2火曜 15:00",
        "There is no week {nth}. Use 1st to 5th, or \"last\", e.g. every month, 2nd Tuesday 15:00.",
    ),
    "meeting.offsets.invalid": (
        "リマインドの指定「{part}」を読み取れませんでした。例:「3営業日前 9:00, 当日 8:30」（20営業日前まで）",
        "I could not read the reminder \"{part}\". Example: \"3 business days before 9:00, same day 8:30\" "
        "(up to 20 business days).",
    ),
    "meeting.offsets.no_time": (
        "リマインド「{part}」に時刻がありません。例:「3営業日前 9:00」",
        "The reminder \"{part}\" has no time. Example: \"3 business days before 9:00\".",
    ),
    # --- set / list / cancel / skip -------------------------------------------------------
    "meeting.set.usage": (
        "/dx 会議 設定 毎月第2火曜 15:00 場所は本庁舎3階会議室 | リンク: https://… | 議題: … | "
        "リマインド: 3営業日前 9:00, 当日 8:30 | 振替: 翌営業日（変更は /dx 会議 設定 M-1 | 場所: …）",
        "/dx meeting set every month, 2nd Tuesday 15:00 | place: Room 301 | link: https://… | agenda: … | "
        "reminders: 3 business days before 9:00, same day 8:30 | shift: next (to change: /dx meeting set M-1 | place: …)",
    ),
    "meeting.set.unknown_part": (
        "「{part}」の項目名がわかりません。使える項目: 名称、場所、リンク、議題、リマインド、振替",
        "I don't know the item \"{part}\". Items: title, place, link, agenda, reminders, shift",
    ),
    "meeting.set.bad_shift": (
        "振替ルール「{value}」はわかりません。「翌営業日」または「前営業日」を指定してください。",
        "Unknown shift rule \"{value}\". Use \"next\" or \"previous\".",
    ),
    "meeting.set.created": ("会議 M-{id} を登録しました", "Meeting M-{id} created"),
    "meeting.set.updated": ("会議 M-{id} を更新しました", "Meeting M-{id} updated"),
    "meeting.set.next_steps": (
        "リマインドは兼務職員（DX推進員）全員に、業務時間内（休日・夜間を除く）に届きます。"
        "「/dx 会議 プレビュー M-{id}」で送信内容と宛先を確認できます。",
        "Reminders go to every liaison during office hours only (never on holidays or at night). "
        "Use \"/dx meeting preview M-{id}\" to see what will be sent to whom.",
    ),
    "meeting.set.kept": (
        "※ {when} の会議は案内済み（{what}）のため、そのまま開催予定に残しました。"
        "取りやめる場合は「/dx 会議 中止 M-{id} {day}」（兼務職員全員に中止を連絡します）。",
        "Note: the meeting on {when} was already announced ({what}), so it stays planned. "
        "To call it off: \"/dx meeting cancel M-{id} {day}\" (every liaison is told).",
    ),
    "meeting.set.kept_twice": (
        "※ {old} の会議は案内済み（{what}）のため、そのまま開催予定に残しました。"
        "このため{month}月は {old} と新しいルールの {new} の2回が開催予定です。どちらにするか決めてください。"
        "{new_day}だけにする場合は「/dx 会議 中止 M-{id} {day}」（兼務職員全員と回答者に中止をお知らせします）。"
        "両方開く場合はこのままで構いません。",
        "Note: the meeting on {old} was already announced ({what}), so it stays planned. Month {month} now has "
        "two meetings: {old} and {new} from the new rule; please choose. To meet only on {new_day}: "
        "\"/dx meeting cancel M-{id} {day}\" (every liaison and anyone who answered is told). To hold both, "
        "do nothing.",
    ),
    "meeting.set.place_held": (
        "※ 場所の変更（{old} → {place}）は、{day} の会議にはまだ連絡していません（ルールの変更で開催日が変わるため）。"
        "{day} を開く場合は案内したときの場所（{old}）のままです（一覧とリマインドにもその場所を出します）。",
        "Note: the new place ({old} -> {place}) was not announced for {day} (the new rule moves the meeting). "
        "If {day} still takes place, it stays where it was announced ({old}); the list and its reminders say so.",
    ),
    "meeting.set.moved": (
        "※ 案内済みの {old} の会議は {new} に変わるため、兼務職員{count}名に変更を連絡しました（出欠・議題は引き継ぎます）。",
        "Note: the announced meeting on {old} moves to {new}; {count} liaison(s) were told "
        "(answers and items are kept).",
    ),
    "meeting.set.rare_nth": (
        "※ 第{nth}{day}曜は今後1年で{count}回しかありません。毎月開く場合は「/dx 会議 設定 M-{id} 毎月最終{day}曜 {time}」。",
        "Note: a {nth}th {day} occurs only {count} times in the next year. To meet every month: "
        "\"/dx meeting set M-{id} every month, last {day} {time}\".",
    ),
    "meeting.announced.sent": ("お知らせ送信済み", "invitations sent"),
    "meeting.announced.rsvps": ("出欠{count}件", "{count} answer(s)"),
    "meeting.announced.items": ("議題・気づき{count}件", "{count} item(s)"),
    "meeting.cancel.how": (
        ("一日だけ中止するときは、日付を付けて「/dx 会議 中止 {day}」と入力してください（会議 M-{id} の次回です）。"
         "会議そのものをやめて今後のリマインドを止めるときは「/dx 会議 中止 M-{id}」です。"),
        ("To call off one date, give it: \"/dx meeting cancel {day}\" (the next date of M-{id}). "
         "To stop the meeting and all its reminders: \"/dx meeting cancel M-{id}\"."),
    ),
    "meeting.cancel.none": ("中止できる会議の予定はありません（「/dx 会議 一覧」）。", "No meeting date to call off (\"/dx meeting list\")."),
    "meeting.cancel_date.usage": (
        "中止する日付を「/dx 会議 中止 M-{id} 12/8」のように指定してください。",
        "Give the date to call off, e.g. \"/dx meeting cancel M-{id} 12/8\".",
    ),
    "meeting.cancel_date.none": (
        "{day} に開催予定の会議 M-{id} はありません。開催日は「/dx 会議 一覧」で確認できます。",
        "Meeting M-{id} has no planned date on {day}. See \"/dx meeting list\".",
    ),
    "meeting.list.title": ("登録されている会議", "Meetings"),
    "meeting.rule.label": ("毎月第{nth}{day}曜 {time}", "every month, {nth}. {day} {time}"),
    "meeting.rule.label_last": ("毎月最終{day}曜 {time}", "every month, last {day} {time}"),
    "meeting.list.head": ("M-{id} {title}: {rule}（{shift}）", "M-{id} {title}: {rule} ({shift})"),
    "meeting.list.kept": ("(ルール変更前に案内済み)", "(announced before the rule changed)"),
    "meeting.list.own_place": ("場所: {place}", "place: {place}"),
    "meeting.list.no_upcoming": ("今後の開催予定はありません。", "No upcoming dates."),
    "meeting.none": (
        "登録されている会議はありません。「/dx 会議 設定 毎月第2火曜 15:00」で登録できます。",
        "No meeting is set. Use \"/dx meeting set every month, 2nd Tuesday 15:00\" to add one.",
    ),
    "meeting.not_found": ("会議 {ref} は見つかりません。「/dx 会議 一覧」で確認してください。",
                          "Meeting {ref} was not found. See \"/dx meeting list\"."),
    "meeting.which": (
        "会議が複数あります。{ids} のどれかを指定してください（例: /dx 会議 プレビュー M-1）。",
        "There are several meetings: {ids}. Please name one (e.g. /dx meeting preview M-1).",
    ),
    "meeting.no_upcoming": ("この会議の今後の開催予定はありません。", "This meeting has no upcoming date."),
    "meeting.unavailable": (
        "会議機能が利用できない状態です。管理者にお問い合わせください。",
        "Meetings are not available right now. Please contact an administrator.",
    ),
    "meeting.cancel.done": (
        "会議 M-{id}（{title}）を中止し、今後のリマインドを止めました。"
        "案内済みの開催日があったため、兼務職員など{notified}名に中止を連絡しました。",
        "Cancelled meeting M-{id} ({title}) and its reminders. An announced date was called off and "
        "{notified} invitee(s) were told.",
    ),
    "meeting.cancel.done_deferred": (
        ("会議 M-{id}（{title}）を中止し、今後のリマインドを止めました。"
         "案内済みの開催日があったため、兼務職員など{notified}名に中止をお知らせします（業務時間外のため {at} に送ります）。"),
        ("Cancelled meeting M-{id} ({title}) and its reminders. An announced date was called off; "
         "{notified} invitee(s) will be told at {at} (outside office hours now)."),
    ),
    "meeting.skip.done_deferred": (
        ("{when} の会議は開催しません。案内済みだったため、兼務職員など{notified}名に中止をお知らせします"
         "（業務時間外のため {at} に送ります）。次回は {next} です。"),
        ("The meeting on {when} will not take place; it had been announced, so {notified} invitee(s) will be told "
         "at {at} (outside office hours now). Next: {next}."),
    ),
    "meeting.cancel.done_quiet": (
        "会議 M-{id}（{title}）を中止し、今後のリマインドを止めました（まだ誰にもお知らせしていなかったため、連絡は不要です）。",
        "Cancelled meeting M-{id} ({title}) and its reminders (nobody had been reminded yet).",
    ),
    "meeting.skip.done_quiet": (
        "{when} の会議は開催しません（まだお知らせ前のため、連絡は不要です）。次回は {next} です。",
        "The meeting on {when} will not take place (nobody had been reminded yet). Next: {next}.",
    ),
    "meeting.skip.done": (
        "{when} の会議は開催しません。案内済みだったため、兼務職員など{notified}名に中止を連絡しました。次回は {next} です。",
        "The meeting on {when} will not take place; it had been announced, so {notified} invitee(s) were told. "
        "Next: {next}.",
    ),
    "meeting.cancelled.title": ("【開催中止】{title}", "[Cancelled] {title}"),
    "meeting.skip.carried_later": (
        ("届いていた議題・気づき{count}件は、この日の次に開く {next} の会議に持ち越します（その日の「/dx 会議 議題」に表示されます）。"
         "送った方には中止のお知らせで伝えます。"),
        ("The {count} agenda item(s) and observation(s) sent for it carry over to the meeting after it, on {next}; "
         "their senders are told so in the cancellation notice."),
    ),
    "meeting.cancelled.carried_later": (
        "あなたが送った議題・気づき（{count}件）は、この日の次に開く {next} の会議に持ち越します。",
        "The {count} item(s) you sent carry over to the meeting after it, on {next}.",
    ),
    "meeting.skip.carried": (
        "届いていた議題・気づき{count}件は次回 {next} の会議に持ち越します（「/dx 会議 議題」に表示されます）。送った方には中止のお知らせで伝えます。",
        ("The {count} agenda item(s) and observation(s) sent for it carry over to the next meeting on {next} "
         "(listed by \"/dx meeting agenda\"); their senders are told so in the cancellation notice."),
    ),
    "meeting.skip.carried_none": (
        "届いていた議題・気づき{count}件は残してあります（次回の日程が決まったら「/dx 会議 議題」に表示されます）。",
        "The {count} agenda item(s) and observation(s) sent for it are kept (listed once a next date is set).",
    ),
    "meeting.cancelled.carried": (
        "あなたが送った議題・気づき（{count}件）は次回 {next} の会議に持ち越します。",
        "The {count} item(s) you sent carry over to the next meeting on {next}.",
    ),
    "meeting.cancelled.ask_again": (
        ("この日にいただいた出欠（{answer}）はこの日だけのものです。次回 {next} の出欠を、あらためてお知らせください"
         "（例: 「出席します」「欠席します。出張のため」）。"),
        ("Your answer for that date ({answer}) was for that date only. Please answer again for the next meeting "
         "on {next} (e.g. \"I will attend\")."),
    ),
    "meeting.added.title": ("【日程追加】{title}", "[New date] {title}"),
    "meeting.added.text": (
        ("{title}の開催ルールが「{rule}」に変わり、{new} に会議が加わりました。場所: {place}\n"
         "出欠は「出席します」「欠席します。理由」「代理で山田が出ます」のように送ってください。"),
        ("The {title} now meets \"{rule}\": a meeting was added on {new}. Place: {place}\n"
         "Answer with \"I will attend\", \"absent REASON\" or \"proxy NAME\"."),
    ),
    "meeting.added.answer_stays": (
        "{when} の会議にいただいた出欠はその日のまま残っています（その日が中止になるときは、あらためてお知らせします）。",
        "Your answer for the meeting on {when} stays with that date (you will be told if it is called off).",
    ),
    "meeting.removed.title": ("【日程変更】{title}", "[Date removed] {title}"),
    "meeting.removed.text": (
        "{title}の開催ルールが「{rule}」に変わったため、{when} の会議はなくなりました。次回は {next} です。",
        "The {title} now meets \"{rule}\", so there is no meeting on {when}. The next one is on {next}.",
    ),
    "meeting.set.rule_changed": ("開催ルール: {old} → {new}", "Rule: {old} → {new}"),
    "meeting.set.dates_told": (
        "兼務職員など{count}名に、日程の変更（{what}）をお知らせしました。",
        "{count} invitee(s) were told of the new dates ({what}).",
    ),
    "meeting.set.dates_told_later": (
        "兼務職員など{count}名に、日程の変更（{what}）をお知らせします（業務時間外のため {at} に送ります）。",
        "{count} invitee(s) will be told of the new dates ({what}) at {at} (outside office hours now).",
    ),
    "meeting.set.date_added": ("{day}を追加", "{day} added"),
    "meeting.set.date_removed": ("{day}はなし", "{day} removed"),
    "meeting.items.carried": ("（{day}から持ち越し）", " (carried over from {day})"),
    "meeting.cancelled.text": (
        "{when} に予定していた{title}は開催しません。お知らせした予定を取り消してください。",
        "The {title} planned for {when} will not take place. Please remove it from your calendar.",
    ),
    "meeting.relocated.title": ("【場所変更】{title}", "[New place] {title}"),
    "meeting.relocated.text": (
        "{when} の{title}は、場所が「{place}」に変わりました。",
        "The {title} on {when} takes place in \"{place}\" instead.",
    ),
    "meeting.set.relocated": (
        "※ 案内済みの {when} の会議の場所変更を、兼務職員{count}名に連絡しました。",
        "Note: {count} liaison(s) were told the new place of the announced meeting on {when}.",
    ),
    "meeting.set.relocated_later": (
        "※ 案内済みの {when} の会議の場所変更を、兼務職員{count}名にお知らせします。",
        "Note: {count} liaison(s) will be told the new place of the announced meeting on {when}.",
    ),
    "meeting.set.moved_later": (
        "※ 案内済みの {old} の会議は {new} に変わるため、兼務職員{count}名に変更をお知らせします（出欠・議題は引き継ぎます）。",
        "Note: the announced meeting on {old} moves to {new}; {count} liaison(s) will be told (answers and items are kept).",
    ),
    "meeting.rescheduled.title": ("【日時変更】{title}", "[Rescheduled] {title}"),
    "meeting.rescheduled.text": (
        "{when} に予定していた{title}は {new} に変更になりました。出欠のご回答と議題はそのまま引き継ぎます。",
        "The {title} planned for {when} moves to {new}. Your answer and agenda items are kept.",
    ),
    # --- reminders ------------------------------------------------------------------------
    "meeting.reminder.title": ("【会議のお知らせ】{title}（{when}）", "[Meeting] {title} ({when})"),
    "meeting.reminder.ahead": (
        "{when}から{title}があります（{days}営業日後）。",
        "{title} is on {when} (in {days} business day(s)).",
    ),
    "meeting.reminder.today": ("本日 {time} から{title}があります。", "{title} is today at {time}."),
    "meeting.reminder.manual": ("{when}から{title}があります。", "{title} is on {when}."),
    "meeting.reminder.late": (
        "※ システム停止の影響で、このお知らせは予定より遅れてお届けしています。",
        "Note: this reminder is late because the system was down.",
    ),
    "meeting.reminder.items": ("寄せられた議題:", "Agenda items sent in:"),
    "meeting.reminder.ask": (
        "出欠をボタンでお知らせください（「出席します」「欠席します」「代理で〇〇が出ます」と入力しても受け付けます）。"
        "議題や小さな気づきは「議題: 〇〇」「気づき: 〇〇」と送ってください。",
        "Please answer with the buttons (or type \"I will attend\", \"absent\", \"proxy: NAME\"). "
        "Send agenda items and small observations as \"agenda: ...\" or \"idea: ...\".",
    ),
    "meeting.missed.text": (
        "【リマインド未送信】{title}（{when}）のリマインド（{due} 予定）は、システム停止のため送信できず、"
        "時機を過ぎたため送りませんでした。必要に応じて「/dx 会議 今すぐ送信 M-{id}」で送信してください（業務時間外は次の業務時間に予約。すぐ送るときは末尾に「強制」）。",
        "[Reminder not sent] The reminder for {title} ({when}), due {due}, could not be sent while the system "
        "was down and is now too late. Use \"/dx meeting send-now M-{id}\" if it is still needed (outside office hours it waits for the next office hours; add \"force\" to send at once).",
    ),
    # --- RSVP -----------------------------------------------------------------------------
    "meeting.rsvp.attend": ("出席", "Attend"),
    "meeting.rsvp.absent": ("欠席", "Absent"),
    "meeting.rsvp.proxy": ("代理出席", "Send a proxy"),
    "meeting.rsvp.proxy_input": ("代理出席のときは、代理の方のお名前をここに入れてから［代理出席］を押してください",
                                 "For a proxy, type their name here, then press \"Send a proxy\""),
    "meeting.rsvp.proxy_placeholder": ("例: 山田 花子", "e.g. Hanako Yamada"),
    "meeting.rsvp.label.attend": ("出席", "attending"),
    "meeting.rsvp.label.absent": ("欠席", "absent"),
    "meeting.rsvp.label.proxy": ("代理出席（{name}）", "proxy ({name})"),
    "meeting.rsvp.label.attend_note": ("出席（{note}）", "attending ({note})"),
    "meeting.rsvp.label.absent_note": ("欠席（{note}）", "absent ({note})"),
    "meeting.rsvp.label.proxy_note": ("代理出席（{name}・{note}）", "proxy ({name}; {note})"),
    "meeting.rsvp.note.late": ("遅れて参加", "arriving late"),
    "meeting.rsvp.note.late_by": ("{amount}遅れて参加", "arriving late: {amount}"),
    "meeting.rsvp.note.early": ("途中で退出", "leaving early"),
    "meeting.rsvp.note.tentative": ("未確定", "not final"),
    "meeting.rsvp.note.sep": ("・", "; "),
    # --- a connection problem said instead of an answer (eleventh round) ---------------------
    "meeting.online.trouble": (
        "オンラインでつながらないのですね。接続の不具合はこちらでは直せませんが、Q-{id} としてDX推進室に伝えました。",
        "You cannot join online. I cannot fix the connection from here, but I have passed it to the DX office as Q-{id}.",
    ),
    "meeting.online.next": ("次回: {when} {title}", "Next: {title} on {when}"),
    "meeting.online.notice.title": ("【会議の接続の相談】Q-{id}", "[Meeting connection problem] Q-{id}"),
    "meeting.online.notice.text": (
        "{name}（{department}）さんが {when} の{title}にオンラインで参加できないそうです:「{said}」\n"
        "回答するには「/dx FAQ 回答 Q-{id} 回答文」と入力してください。",
        "{name} ({department}) cannot join {title} on {when} online: \"{said}\"\n"
        "To answer: \"/dx faq answer Q-{id} answer text\".",
    ),
    "meeting.online.ask_absent": (
        "会議室から参加できないときは、欠席として記録しますか？",
        "If you cannot join in the room either, shall I record you as absent?",
    ),
    "meeting.online.destination": ("DX推進室", "the DX office"),
    "meeting.online.yes": ("はい", "Yes"),
    "meeting.online.no": ("いいえ", "No"),
    "meeting.online.reason": ("オンライン接続の不具合", "online connection problem"),
    "meeting.online.not_recorded": (
        "出欠は記録していません。つながったら、そのまま参加してください。",
        "Nothing recorded. Join as usual once the connection works.",
    ),
    "meeting.rsvp.done": (
        "{when} の{title}に「{answer}」で承りました。変更するときは、もう一度お知らせください。",
        "Noted \"{answer}\" for {title} on {when}. Tell me again if it changes.",
    ),
    "meeting.rsvp.ask_proxy": (
        "代理で出席される方のお名前を入力してください。（やめる場合は「やめる」）",
        "Please type the name of the person attending on your behalf. (Type \"cancel\" to stop.)",
    ),
    "meeting.rsvp.absent_done": (
        "{when} の{title}は「欠席」で登録しました。",
        "Noted you as absent from {title} on {when}.",
    ),
    "meeting.rsvp.tentative_note": (
        "まだ決まっていない場合は「未確定」と添えておきます。出られることになったら「出席します」と送ってください。",
        "It is marked \"not final\"; if you can come after all, send \"attend\".",
    ),
    "meeting.rsvp.ask_reason": (
        "理由があれば、続けて送ってください（例:「研修と重なっているため」）。",
        "If there is a reason, send it next (e.g. \"a training at the same time\").",
    ),
    "meeting.rsvp.reason_kept": ("理由: {reason}", "Reason: {reason}"),
    "meeting.rsvp.reason_added": (
        "欠席の理由に「{reason}」を添えました。",
        "Added \"{reason}\" as the reason for your absence.",
    ),
    "meeting.rsvp.reason_skipped": ("理由なしで欠席のまま登録しています。", "Kept as absent, without a reason."),
    "meeting.rsvp.proxy_cancelled": ("代理出席の入力をやめました。", "Stopped entering a proxy."),
    "meeting.rsvp.closed": ("この会議はすでに始まっているため、出欠は受け付けていません。",
                            "This meeting has already started; answers are closed."),
    "meeting.rsvp.not_scheduled": ("この日の会議は中止または変更されました。", "This meeting date was cancelled or changed."),
    "meeting.rsvp.nothing_open": ("現在、出欠を受け付けている会議はありません。",
                                  "There is no upcoming meeting to answer for."),
    "meeting.ask.when": ("次の{title}は {when} です。", "The next {title} is on {when}."),
    "meeting.ask.place": ("場所: {place}", "Place: {place}"),
    "meeting.ask.no_place": ("未定", "not set yet"),
    "meeting.ask.link": ("リンク: {link}", "Link: {link}"),
    "meeting.ask.answered": ("あなたの出欠: {answer}（回答済み）", "Your answer: {answer}"),
    "meeting.ask.unanswered": ("あなたの出欠: まだ回答していません", "Your answer: not given yet"),
    "meeting.ask.reminders": ("案内（リマインダー）は {when} に送られます。",
                              "The invitation (reminder) goes out on {when}."),
    "meeting.ask.reminders_sent": ("この回の案内（リマインダー）は送信済みです。",
                                   "The invitations (reminders) for this date have already gone out."),
    "meeting.ask.admin": ("出欠状況は「/dx 会議 出欠 M-{id}」で確認できます。",
                          "See who comes with \"/dx meeting rsvps M-{id}\"."),
    "meeting.ask.how_to_change": (
        "回答・変更は「出席します」「欠席します。理由」「代理で山田が出ます」のように送ってください（最後の回答が有効です）。",
        "To answer or change it, send \"attend\", \"absent REASON\" or \"proxy NAME\" (the latest answer counts).",
    ),
    "meeting.ask.also": ("同じ月の {when} にも開催予定です（場所: {place}）。",
                         "Another meeting is planned the same month, on {when} (place: {place})."),
    "meeting.ask.not_invited": ("この会議は兼務職員（DX推進員）向けです。出欠の案内は兼務職員に届きます。",
                                "This meeting is for the DX liaisons; they receive the invitations."),
    "meeting.ask.none": ("あなたが出席する予定の会議は、いま登録されていません。",
                         "There is no upcoming meeting for you."),
    "meeting.confirm.title": ("会議 M-{id} の変更の確認（まだ保存していません）", "Check the change to meeting M-{id} (not saved yet)"),
    "meeting.confirm.place": ("・{when}: 場所 {old} → {new}（「場所変更」をお知らせ）",
                              "- {when}: place {old} → {new} (a \"place changed\" notice)"),
    "meeting.confirm.moved": ("・日時 {old} → {new}（「日時変更」をお知らせ）",
                              "- {old} → {new} (a \"time changed\" notice)"),
    "meeting.confirm.kept": ("・{when}: 案内済みのため、そのまま開催予定に残します（お知らせなし）",
                             "- {when}: already announced, stays planned (no notice)"),
    "meeting.confirm.who": ("お知らせする相手（{count}名）: {names}", "Told ({count}): {names}"),
    "meeting.confirm.when_now": ("確定すると、お知らせはすぐに送ります。", "The notice goes out as soon as you confirm."),
    "meeting.confirm.when_quiet": (
        "いまは業務時間外のため、確定してもお知らせは {at} に送ります（リマインドと同じ業務時間内）。",
        "It is outside office hours: once confirmed, the notice goes out at {at} (office hours, like the reminders).",
    ),
    "meeting.confirm.ask": ("この内容でよければ「確定」、取りやめるなら「やめる」と送ってください。",
                            "Send \"confirm\" to apply it or \"cancel\" to drop it."),
    "meeting.confirm.yes": ("確定", "Confirm"),
    "meeting.confirm.no": ("やめる", "Cancel"),
    "meeting.confirm.cancelled": ("変更をやめました。会議は元のままで、誰にもお知らせしていません。",
                                  "Change dropped: the meeting is as it was and nobody was told."),
    "meeting.confirm.again": ("変更を保存するときは「確定」、やめるときは「やめる」と送ってください。",
                              "Send \"confirm\" to apply the change or \"cancel\" to drop it."),
    "meeting.notice.merged": ("（業務時間外のため、この日の先の変更とまとめて {at} に1通で送ります）",
                              " (outside office hours: sent at {at}, in one notice with the earlier change of this date)"),
    "meeting.notice.withdrawn": (
        "※ {when} の会議は、兼務職員に伝えた予定に戻ったため、待っていた変更のお知らせは送りません。",
        "Note: the meeting on {when} is back as the liaisons were told, so the waiting change notice is not sent.",
    ),
    "meeting.changed.title": ("【日時・場所変更】{title}", "[New time and place] {title}"),
    "meeting.changed.text": (
        "{when} に予定していた{title}は、日時が {new}、場所が「{place}」に変わりました。出欠のご回答と議題はそのまま引き継ぎます。",
        "The {title} planned for {when} moves to {new}, in \"{place}\". Your answer and agenda items are kept.",
    ),
    "meeting.notice.deferred": ("（業務時間外のため、お知らせは {at} に送ります）",
                                " (outside office hours: the notice goes out at {at})"),
    "meeting.rsvp.usage": (
        "出欠は「出席」「欠席 理由」「代理 山田」のように指定してください。",
        "Answer with \"attend\", \"absent REASON\" or \"proxy NAME\".",
    ),
    "meeting.liaisons_only": (
        "会議の出欠・議題の受付は兼務職員（DX推進員）の方が対象です。登録についてはDX推進室にご相談ください。",
        "Meeting answers and items are for liaisons. Please ask the DX office if you should be registered.",
    ),
    # --- items ----------------------------------------------------------------------------
    "meeting.item.agenda_button": ("議題を送る", "Send an agenda item"),
    "meeting.item.idea_button": ("気づきを送る", "Send an observation"),
    "meeting.item.ask.agenda": (
        "会議で取り上げたい議題を入力してください。（やめる場合は「やめる」）",
        "Please type the agenda item. (Type \"cancel\" to stop.)",
    ),
    "meeting.item.ask.idea": (
        "業務の中での小さな気づきを入力してください。どんなことでも構いません。（やめる場合は「やめる」）",
        "Please type your small observation — anything helps. (Type \"cancel\" to stop.)",
    ),
    "meeting.item.cancelled": ("入力をやめました。", "Stopped."),
    "meeting.item.empty": ("内容を入力してください。例:「議題: 電子申請の進捗共有」",
                           "Please write something, e.g. \"agenda: progress of online forms\"."),
    "meeting.item.too_long": ("{limit}文字以内でお願いします。", "Please keep it within {limit} characters."),
    "meeting.item.done.agenda": (
        "議題を受け付けました。{when} の{title}で取り上げます。ありがとうございます。",
        "Thank you. Your agenda item is noted for {title} on {when}.",
    ),
    "meeting.item.done.idea": (
        "気づきを受け付けました。{when} の{title}で共有します。ありがとうございます。",
        "Thank you. Your observation will be shared at {title} on {when}.",
    ),
    "meeting.idea.usage": ("/dx 会議 気づき 気づきの内容", "/dx meeting idea your observation"),
    "meeting.items.title": ("議題・気づき: {title}（{when}）", "Agenda items and observations: {title} ({when})"),
    "meeting.items.empty": ("まだ届いていません。", "Nothing has been sent yet."),
    "meeting.items.agenda": ("議題（{count}件）", "Agenda items ({count})"),
    "meeting.items.idea": ("小さな気づき（{count}件）", "Observations ({count})"),
    # --- summaries, preview, send-now, minutes --------------------------------------------
    "meeting.summary.title": ("出欠状況: {title}（{when}）", "Attendance: {title} ({when})"),
    "meeting.summary.attend": ("出席 {count}名", "Attending: {count}"),
    "meeting.summary.proxy": ("代理出席 {count}名", "Proxy: {count}"),
    "meeting.summary.absent": ("欠席 {count}名", "Absent: {count}"),
    "meeting.summary.none": ("未回答 {count}名", "No answer yet: {count}"),
    "meeting.summary.items": (
        "議題・気づき: {count}件（「/dx 会議 議題」で一覧）",
        "Agenda items and observations: {count} (see \"/dx meeting agenda\")",
    ),
    "meeting.preview.title": ("送信予定の確認: {title}", "Preview: {title}"),
    "meeting.preview.meeting": ("次回の会議: {when}", "Next meeting: {when}"),
    "meeting.preview.schedule": ("リマインドの送信予定:", "Reminders:"),
    "meeting.preview.nothing_left": ("送信予定のリマインドはありません。", "No reminder is left to send."),
    "meeting.preview.deferred": ("（業務時間外のため繰り下げ）", "(moved out of quiet hours)"),
    "meeting.preview.run.sent": ("送信済み", "sent"),
    "meeting.preview.run.late": ("遅れて送信済み", "sent late"),
    "meeting.preview.run.missed": ("未送信（時機を過ぎたため）", "not sent (too late)"),
    "meeting.preview.run.manual": ("手動で送信済み", "sent manually"),
    "meeting.preview.run.before_set": ("（会議の登録前のため送信しません）", "(before the meeting was set: not sent)"),
    "meeting.preview.manual": ("手動送信", "manual send"),
    "meeting.preview.manual_waiting": (
        "（業務時間外に依頼されたため予約中。「/dx 会議 今すぐ送信 M-{id} 強制」で今すぐ送ると、この予約は取り消され、二重には送りません）",
        "(requested outside office hours, waiting. \"/dx meeting send-now M-{id} force\" sends it now and "
        "cancels this one: never twice)",
    ),
    "meeting.preview.send_now_hint": (
        "※ {what}のお知らせは送信されません。今すぐ兼務職員に知らせる場合は「/dx 会議 今すぐ送信 M-{id}」（業務時間外は次の業務時間に予約。すぐ送るときは末尾に「強制」）。",
        "Note: the {what} reminder will not go out. To tell the liaisons now: \"/dx meeting send-now M-{id}\" (outside office hours it waits for the next office hours; add \"force\" to send at once).",
    ),
    "meeting.preview.recipients": ("宛先（兼務職員 {count}名）:", "To ({count} liaisons):"),
    "meeting.preview.unreachable": ("※連絡先未登録のため届きません（DX推進室に報告されます）",
                                    "- no platform id: cannot be reached (the office will be told)"),
    "meeting.preview.no_liaisons": (
        "兼務職員が登録されていません（「/dx 名簿 役割 名前 兼務職員」で登録できます）。",
        "No liaisons are registered (use /dx users set-role).",
    ),
    "meeting.preview.sample": ("送信内容（例）:", "Message (sample):"),
    "meeting.send_now.confirm": (
        "{when} の会議のお知らせを兼務職員全員にいま送ります\n（コマンド: {command}）\nよろしいですか？",
        "The reminder for the meeting on {when} will be sent to every liaison now\n(command: {command})\nGo ahead?"),
    "meeting.send_now.pending": ("『{when} の会議のお知らせの送信』", "sending the reminder for the meeting on {when}"),
    "meeting.send_now.what_to_fix": ("お知らせは「はい」で送ります。送らないときは「やめる」と送ってください。",
                                     "Say “yes” to send the reminder, or “cancel” not to."),
    "meeting.send_now.done": (
        "{when} の会議のお知らせを兼務職員{count}名に送信しました。",
        "Sent the reminder for the meeting on {when} to {count} liaison(s).",
    ),
    "meeting.send_now.deferred": (
        "現在は業務時間外（または休日）のため、{at} に送信するよう予約しました（「/dx 会議 プレビュー M-{id}」に表示されます）。"
        "業務時間外でも今すぐ送る場合は「強制」を添えて「/dx 会議 今すぐ送信 M-{id} 強制」と入力してください（この予約は取り消され、二重には送りません）。",
        "It is outside office hours now, so the reminder will go out at {at} (listed in \"/dx meeting preview "
        "M-{id}\"). Type \"/dx meeting send-now M-{id} force\" to send it right away (this one is then cancelled).",
    ),
    "meeting.send_now.replaced": (
        "{at} に予約していた送信は取り消しました（同じお知らせを二重には送りません）。",
        "The send planned for {at} is cancelled (the reminder is not sent twice).",
    ),
    "meeting.send_now.too_late": (
        "次の業務時間の開始が会議より後になるため、送信を予約できません。"
        "業務時間外でも今すぐ送る場合は「強制」を添えて「/dx 会議 今すぐ送信 M-{id} 強制」と入力してください。",
        "The next office hours start after the meeting. Type \"/dx meeting send-now M-{id} force\" to send now.",
    ),
    "meeting.no_liaisons": (
        "兼務職員が登録されていないため、送信先がありません。「/dx 名簿 役割 名前 兼務職員」で登録してください。",
        "No liaisons are registered, so nobody would receive it. Use \"/dx users set-role NAME liaison\".",
    ),
    "meeting.minutes.usage": ("/dx 会議 議事録 議事録やフォローアップの本文",
                              "/dx meeting send-minutes text of the minutes or follow-up"),
    "meeting.minutes.too_long": ("{limit}文字以内でお願いします。", "Please keep it within {limit} characters."),
    "meeting.minutes.title": ("【議事録・フォローアップ】{title} {when}", "[Minutes / follow-up] {title} {when}"),
    "meeting.minutes.done": ("兼務職員{count}名に送信しました。", "Sent to {count} liaison(s)."),
    # --- help lines -----------------------------------------------------------------------
    "cmd.meeting.set": ("meeting set 毎月第2火曜 15:00 | 場所: … — 会議の登録・変更",
                        "meeting set 2nd Tuesday 15:00 | place: … — set or change a meeting"),
    "cmd.meeting.place": ("meeting place [M-番号] 新しい場所 — 場所だけを変更",
                          "meeting place [M-id] NEW PLACE — change only the place"),
    "cmd.meeting.time": ("meeting time [M-番号] 15時から — 開始時刻だけを変更（曜日・場所はそのまま）",
                         "meeting time [M-id] 15:00 — change only the start time (day and place stay)"),
    "cmd.meeting.name": ("meeting name [M-番号] 会議の名前 — 会議の名前を変更（案内・リマインドに表示）",
                         "meeting name [M-id] NAME — rename the meeting (shown in invitations and reminders)"),
    "meeting.name.how": (
        "会議の名前を添えて送ってください。例: /dx 会議 名前 M-{id} 兼務職員定例会議（いまの名前: {title}）",
        "Add the new name. Example: /dx meeting name M-{id} Liaison monthly meeting (now: {title})",
    ),
    "meeting.name.same": ("会議 M-{id} の名前はすでに「{title}」です。", "Meeting M-{id} is already called \"{title}\"."),
    "meeting.name.done": (
        "会議 M-{id} の名前を「{old}」→「{new}」に変更しました。これからの案内・リマインド・お知らせはこの名前で届きます。",
        "Meeting M-{id} is now called \"{new}\" (was \"{old}\"); invitations, reminders and notices use it from now on.",
    ),
    "meeting.place.how": (
        "場所の変更は新しい場所を添えて送ってください。例: /dx 会議 設定 M-{id} 場所は第2会議室（いまの場所: {place}）",
        "Add the new place. Example: /dx meeting set M-{id} | place: Room 2 (now: {place})",
    ),
    "meeting.time.how": (
        "時間の変更は開始時刻を添えて送ってください。例: /dx 会議 設定 M-{id} 時間は15時から（いま: {rule}）",
        "Add the new start time. Example: /dx meeting time M-{id} 15:00 (now: {rule})",
    ),
    "meeting.setup.command": ("会議を登録するには「{command}」と入力してください。",
                              "To set the meeting up, type \"{command}\"."),
    # Eighth round: a setup said in words is confirmed, then run as the command (bot/core/confirm.py).
    "meeting.setup.pending": ("『{title}・毎月{nth}{day}曜 {time}から』の登録",
                              "Setting “{title}, monthly ({nth} {day}) at {time}”"),
    "meeting.setup.pending_change": ("『{title}』の変更（{command}）", "Changing “{title}” ({command})"),
    "meeting.setup.confirm": ("次の内容で設定します: {summary}\n（コマンド: {command}）\nよろしいですか？",
                              "This will be set: {summary}\n(command: {command})\nShall I go ahead?"),
    # Ninth round: a change is shown in words first (name, rule, time, place, next date), its command after it.
    "meeting.setup.confirm_change": ("次の内容で変更します（M-{id}）: {summary}\n（コマンド: {command}）\nよろしいですか？",
                                     "Meeting M-{id} will be changed to: {summary}\n(command: {command})\nShall I go ahead?"),
    "meeting.skip_words.confirm": (
        ("{when} の{title}（M-{id}）だけを休会にします（以降の予定はそのままです）。{told}\n（コマンド: {command}）\n"
         "よろしいですか？"),
        ("Only the meeting M-{id} ({title}) on {when} will be called off (later dates stay).{told}\n(command: {command})\n"
         "Shall I go ahead?"),
    ),
    "meeting.skip_words.ask_fix": ("どの日を休会にしますか？（例: 「2月」「2/9」「次回」）",
                                   "Which date should be called off instead? (e.g. \"2月\", \"2/9\", \"次回\")"),
    "meeting.skip_words.told": ("案内済みのため、招集している{count}名に中止をお知らせします。",
                                " It has been announced: the {count} invitee(s) will be told."),
    "meeting.skip_words.none": ("{when_said}に開く会議（M-{id}）は予定にありません。「/dx 会議 一覧」で日程を確認できます。",
                                "Meeting M-{id} has no date {when_said}. \"/dx meeting list\" shows its dates."),
    "meeting.setup.summary_dates": ("{title}・{rule}・場所: {place}", "{title}, {rule}, place: {place}"),
    "meeting.setup.weekly": (
        "会議は毎週の開催では登録できません（登録できるのは毎月第N曜日の開催です）。例: {example}",
        "Weekly meetings cannot be set (only monthly ones: the nth weekday of every month). Example: {example}"),
    "meeting.setup.set_aside": (
        "会議の設定（{command}）は行っていません。必要なら、もう一度お送りください。",
        "The meeting setting ({command}) was not made. Send it again if you still want it."),
    "meeting.setup.set_aside_later": (
        "会議の設定（{command}）はまだ行っていません。いまのお話が終わったら、続けるかおたずねします。",
        "The meeting setting ({command}) is not made yet; I'll ask whether to go on with it once this is done."),
    "meeting.setup.set_aside_unfinished": (
        "会議の設定は途中のため行っていません。必要なら、もう一度お送りください。",
        "The meeting setting was not finished, so nothing was set. Send it again if you still want it."),
    "meeting.setup.still_pending": (
        "会議の設定はまだ確認待ちです（「はい」で設定、「やめる」で取りやめ）。",
        "The meeting setting still waits for your answer (\"yes\" sets it, \"cancel\" drops it)."),
    "meeting.setup.summary": ("{title}・{rule}から・場所: {place}", "{title}, {rule}, place: {place}"),
    "meeting.setup.first": ("・初回 {when}", ", first on {when}"),
    "meeting.setup.this_month_too": (
        "※ 開始月は指定できないため、今月の {when} も予定に入ります。今月を休むときは、登録のあと「/dx 会議 休会」で休みにできます。",
        ("Note: a start month cannot be set, so {when} this month is planned too. To skip it, type "
         "\"/dx meeting skip-next\" after setting up.")),
    "meeting.setup.no_place": ("未定（あとで「/dx 会議 場所 …」）", "not set yet (later: \"/dx meeting place …\")"),
    "meeting.setup.ask_time": ("何時から始めますか？（例: 15時、14:30）", "What time does it start? (e.g. 15:00)"),
    "meeting.setup.ask_day": ("毎月何週目の何曜日にしますか？（例: 第2火曜、最終金曜）",
                              "Which day of the month? (e.g. 2nd Tuesday: 第2火曜, last Friday: 最終金曜)"),
    "meeting.setup.ask_fix": ("どこを直しますか？（例: 「16時」「第3水曜」「場所は第2会議室」「名称は連絡会議」）",
                              "What should change? (e.g. \"16:00\", \"第3水曜\", \"場所は第2会議室\", \"名称は連絡会議\")"),
    "meeting.setup.again": ("「はい」「直す」「やめる」のどれかでお答えください（例: はい）。",
                            "Please answer \"yes\", \"change\" or \"cancel\" (e.g. yes)."),
    "meeting.setup.how": ("会議の登録はコマンドで行います。例: {usage}", "Meetings are set up with a command, e.g. {usage}"),
    "meeting.change.command": ("変更は「{command}」と入力してください（案内済みの日があれば、確定の前に内容を確認できます）。",
                               "To make the change, type \"{command}\" (announced dates are shown for you to confirm first)."),
    "meeting.change.ask_place": ("場所はどこに変えますか？（いまは「{place}」。例: 「第2会議室」「オンラインで」）",
                                 "Where should it take place instead? (now: \"{place}\"; e.g. \"Room 2\", \"online\")"),
    "meeting.rsvp.admin_bare_mode": (
        ("「{said}」は、{when} の会議への出欠ですか？ 出欠なら「オンラインで出席します」、"
         "会議の場所なら「会議の場所をオンラインにして」とお送りください。"),
        ("Is \"{said}\" your answer for the meeting on {when}? For your attendance send \"オンラインで出席します\"; "
         "for the meeting's place send \"会議の場所をオンラインにして\"."),
    ),
    "meeting.change.how": (
        ("変更はコマンドで入力してください。場所は「/dx 会議 設定 M-{id} 場所は第2会議室」、時間は「/dx 会議 設定 M-{id} 時間は15時から」、"
         "日程は「/dx 会議 設定 M-{id} 毎月第2火曜 15:00」です。"),
        ("Changes are made with a command: place \"/dx meeting place M-{id} Room 2\", time \"/dx meeting time M-{id} 15:00\", "
         "rule \"/dx meeting set M-{id} 2nd Tuesday 15:00\"."),
    ),
    "cmd.meeting.list": ("meeting list — 会議と今後の開催日", "meeting list — meetings and their next dates"),
    "cmd.meeting.cancel": ("meeting cancel [M-番号] [日付] — 会議を中止（日付を付けるとその日だけ。例:「/dx 会議 中止 12/8」）",
                           "meeting cancel [M-id] [date] — cancel a meeting (with a date, only that day; e.g. \"/dx meeting cancel 12/8\")"),
    "cmd.meeting.skip": ("meeting skip-next [M-番号] — 次回だけ休会", "meeting skip-next [M-id] — skip the next date"),
    "cmd.meeting.preview": ("meeting preview — 次回の送信内容・宛先・時刻を確認",
                            "meeting preview — what will be sent to whom and when"),
    "cmd.meeting.send_now": (
        "meeting send-now [M-番号] [強制] — 次回のお知らせを今すぐ送信（業務時間外は次の業務時間に予約。すぐ送るときは「強制」）",
        "meeting send-now [M-id] [force] — send the next reminder now (outside office hours it waits; add force to send at once)",
    ),
    "cmd.meeting.rsvps": ("meeting rsvps — 次回の出欠状況", "meeting rsvps — answers for the next meeting"),
    "cmd.meeting.minutes": ("meeting send-minutes 本文 — 議事録を兼務職員に送信",
                            "meeting send-minutes text — send minutes to all liaisons"),
    "cmd.meeting.agenda": ("meeting agenda [議題] — 議題を送る／一覧を見る",
                           "meeting agenda [item] — send an agenda item / list them"),
    "cmd.meeting.idea": ("meeting idea 気づき — 小さな気づきを送る", "meeting idea text — send a small observation"),
    "cmd.meeting.rsvp": ("meeting rsvp 出席|欠席|代理 名前 — 次回の出欠を回答",
                         "meeting rsvp attend|absent|proxy NAME — answer for the next meeting"),
    # /dx help: this job's group, its word for 「/dx help …」, an example line per role.
    "help.group.meetings": ("会議", "Meetings"),
    "help.group.meetings.word": ("会議", "meeting"),
    "help.examples.meetings.admin": ("例: /dx 会議 設定 毎月第2火曜 15:00 | 場所: 会議室A ／ /dx 会議 出欠 ／ /dx 会議 プレビュー",
                                    "e.g. /dx meeting set 2nd tue 15:00 | place: Room A / meeting rsvps / meeting preview"),
    "help.examples.meetings.liaison": ("例:「出席します」「欠席します。出張のため」「議題: 電子申請の進捗」 ／ /dx 会議 一覧",
                                      "e.g. \"I'll attend\", \"absent: business trip\", \"agenda: ...\" / meeting list"),
    "help.examples.meetings.staff": ("", ""),
}

register(MESSAGES)
