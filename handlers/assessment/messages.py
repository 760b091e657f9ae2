"""Texts of the digital-skill self-assessment."""

from __future__ import annotations

from bot.core.messages import register

MESSAGES: dict[str, tuple[str, str]] = {
    # --- help lines --------------------------------------------------------------------------
    "assessment.cmd": ("assessment — スキル診断に回答（途中から再開）", "assessment — answer the skill assessment (or resume)"),
    "assessment.cmd.me": ("assessment me — 自分の診断結果を表示", "assessment me — show my own result"),
    "assessment.cmd.start": (
        "assessment start [全員|兼務職員|推進員|職員|部署,部署] [締切 12/18・来週金曜・今月末] [記名|匿名] — スキル診断を開始",
        "assessment start [all|liaison|staff|dept,dept] [deadline 12/18|2026-12-18] [named|pseudonymous] — start an assessment",
    ),
    "assessment.cmd.status": ("assessment status — 部署別の回答状況", "assessment status — participation by department"),
    "assessment.cmd.results": ("assessment results [#番号] — 診断結果の集計と研修計画",
                               "assessment results [#id] — aggregated results and training plan"),
    "assessment.cmd.export": ("assessment export [csv|xlsx] [個人] — 集計結果をファイルで出力",
                              "assessment export [csv|xlsx] [individual] — export the results as files"),
    "assessment.cmd.remind": ("assessment remind [強制] — 未回答者に催促（時間外は勤務時間に送信）",
                              "assessment remind [force] — remind unfinished people (out of hours: when they start)"),
    "assessment.cmd.close": ("assessment close — 診断を締め切る", "assessment close — close the assessment"),
    "assessment.usage": ("/dx 診断（自分の結果は /dx 診断 自分）",
                         "/dx assessment (your own result: /dx assessment me)"),
    # --- general ---------------------------------------------------------------------------
    "assessment.unavailable": (
        "スキル診断は現在利用できません。DX推進室にお問い合わせください。",
        "The skill assessment is not available right now. Please contact the DX office.",
    ),
    "assessment.none_open": ("現在実施中のスキル診断はありません。", "There is no skill assessment running right now."),
    "assessment.closed": (
        "このスキル診断はすでに終了しています。", "This skill assessment has already ended.",
    ),
    "assessment.past_deadline": (
        "このスキル診断は締切を過ぎたため、回答を受け付けていません。",
        "The deadline of this skill assessment has passed, so answers are no longer accepted.",
    ),
    "assessment.not_target": (
        "今回のスキル診断はあなたの部署は対象外です。", "Your department is not part of this skill assessment.",
    ),
    "assessment.already_finished": (
        "スキル診断は回答済みです。ご協力ありがとうございました。",
        "You have already completed the skill assessment. Thank you!",
    ),
    "assessment.request.none_open": (
        ("いま実施中のスキル診断はありません。実施するときは、DX推進室からこのボットで案内が届きます。"
        "いま受けたい場合は、DX推進室にご相談ください。"),
        ("No skill assessment is running right now. When the DX office runs one, you will get an invitation "
        "here. To ask for one now, contact the DX office."),
    ),
    "assessment.start_wish.pending": ("『スキル診断（対象 {target}・締切 {deadline}）』の開始",
                                      "Starting “the skills assessment ({target}, deadline {deadline})”"),
    "assessment.start_wish.confirm": (
        "次の内容でスキル診断を開始します: 対象 {target}・締切 {deadline}\n（コマンド: {command}）\nよろしいですか？",
        "This will start the skill assessment: targets {target}, deadline {deadline}\n(command: {command})\nShall I go ahead?"),
    "assessment.start_wish.default_deadline": ("指定なし（既定の期間）", "not given (the default period)"),
    "assessment.start_wish.what_to_fix": (
        "どこを直しますか？ 締切（例: 締切は12/25）か対象（例: 兼務職員だけ、市民課,税務課）を書いてください。",
        "What should change? Write the deadline (e.g. deadline 12/25) or the targets (e.g. liaisons, 市民課,税務課)."),
    "assessment.start_wish.dropped": ("（スキル診断の開始は行っていません。必要なら、もう一度お送りください）",
                                      "(The skill assessment was not started. Send the request again if needed.)"),
    "assessment.request.none_open.admin": (
        ("いま実施中のスキル診断はありません。「/dx 診断 開始」で実施を始められます"
        "（例:「/dx 診断 開始 締切 12/25」、部署を指定するときは「/dx 診断 開始 市民課,税務課」）。"),
        ("No skill assessment is running. Start one with `/dx assessment start` "
        "(e.g. `/dx assessment start deadline 12/25`)."),
    ),
    "assessment.no_campaigns": ("スキル診断はまだ実施されていません。", "No skill assessment has been run yet."),
    "assessment.campaign_not_found": ("スキル診断 #{id} は見つかりません。", "Skill assessment #{id} was not found."),
    "assessment.no_department": ("所属未登録", "no department"),
    "assessment.group.other": ("その他（少人数の部署・所属未登録）", "Others (small departments, no department)"),
    "assessment.mode.named": ("記名", "named"),
    "assessment.mode.pseudonymous": ("匿名", "pseudonymous"),
    "assessment.privacy.named": (
        "※記名式です。回答はお名前とともにDX推進室が研修の計画に使います。",
        "Note: this is a named assessment. The DX office uses your answers, with your name, to plan trainings.",
    ),
    "assessment.privacy.pseudonymous": (
        "※匿名式です。回答はお名前と結びつけずに保存され、部署別の集計も一定人数以上の場合のみ表示されます。",
        ("Note: this assessment is pseudonymous. Answers are stored without any link to you, and department "
        "figures are only shown for large enough groups."),
    ),
    # --- invitation and reminders ------------------------------------------------------------
    "assessment.invite.title": ("デジタルスキル診断のお願い", "Digital skill self-assessment"),
    "assessment.invite.text": (
        ("DX推進室より、デジタルスキルの自己診断（全{total}問・約3分）のお願いです。"
        "各設問に4段階のボタンで答えてください。途中で「やめる」と送っても回答は保存され、「続きから」で続きを回答できます。\n"
        "締切: {deadline}"),
        ("The DX office asks you to take a short digital skill self-assessment ({total} questions, about "
        "3 minutes). Answer each question with one of four buttons; type \"cancel\" at any point: your answers "
        "are kept and \"resume\" continues.\n"
        "Deadline: {deadline}"),
    ),
    "assessment.reminder.title": ("デジタルスキル診断のご回答のお願い（再送）", "Reminder: digital skill self-assessment"),
    "assessment.reminder.text": (
        ("デジタルスキル診断（全{total}問・約3分）がまだ完了していません（{answered}問回答済み）。"
        "お手すきの際にご回答ください。\n締切: {deadline}"),
        ("Your digital skill self-assessment ({total} questions, about 3 minutes) is not complete yet "
        "({answered} answered). Please finish it when you have a moment.\nDeadline: {deadline}"),
    ),
    "assessment.invite.start": ("診断の回答を始める", "Start the assessment"),
    "assessment.invite.resume": ("続きから回答する", "Continue"),
    "assessment.invite.later": ("あとで", "Later"),
    "assessment.offer.text": (
        ("はい、お願いしているのはこの「デジタルスキル診断」（全{total}問・約3分、締切 {deadline}、{answered}問回答済み）です。"
         "いま始めますか？（「はい」かボタンでどうぞ）"),
        ("Yes: you are asked to take this digital skill assessment ({total} questions, about 3 minutes, deadline "
         "{deadline}; {answered} answered). Start now? (reply \"yes\" or press the button)"),
    ),
    "assessment.invite.later_ok": (
        "承知しました。{deadline}までに「/dx 診断」または「続きから」と入力して回答してください。",
        "All right. Please answer by {deadline}: type \"/dx assessment\" or \"resume\".",
    ),
    "assessment.home.title": ("スキル診断", "Skill assessment"),
    "assessment.home.text": (
        "デジタルスキル診断にご協力ください（{answered}/{total}問回答済み・締切 {deadline}）。",
        "Please take the digital skill assessment ({answered}/{total} answered, deadline {deadline}).",
    ),
    # --- the poll ----------------------------------------------------------------------------
    "assessment.poll.title": ("デジタルスキル診断 {n}/{total}", "Digital skill assessment {n}/{total}"),
    "assessment.poll.current": ("（現在の回答: {level}）", "(Current answer: {level})"),
    "assessment.poll.hint": (
        ("ボタンのほか、番号（1〜{max}）や「理解している」などの言葉で答えることもできます。"
        "「戻る」で前の質問、「やめる」で中断します（回答は保存され、「続きから」で再開できます）。"),
        ("Besides the buttons you can type a number (1–{max}) or the words, e.g. \"I understand it\". "
        "Type \"back\" for the previous question, \"cancel\" to pause (your answers are kept; type \"resume\" "
        "later)."),
    ),
    "assessment.poll.back": ("戻る", "Back"),
    "assessment.poll.pause": ("やめる", "Cancel"),
    "assessment.poll.paused": (
        ("中断しました（{answered}/{total}問回答済み）。回答は保存されています。"
        "続きは「続きから」または「/dx 診断」で再開できます。"),
        ("Paused ({answered}/{total} answered). Your answers are saved. Type \"resume\" or "
        "\"/dx assessment\" to resume."),
    ),
    "assessment.poll.asked_again": (
        "（スキル診断の続きです）{n}/{total} {question} → {labels}",
        "(Back to the skill assessment) {n}/{total} {question} → {labels}",
    ),

    "assessment.poll.still_open": (
        "（スキル診断の回答は途中まで保存してあります。続けるときは「続きから」と送ってください）",
        "(Your skill assessment answers so far are saved. Type \"resume\" to continue.)",
    ),
    "assessment.poll.corrected": (
        "{n}問目の回答を「{number}. {label}」に直しました。",
        "Q{n} is now \"{number}. {label}\".",
    ),
    "assessment.poll.correct_which": (
        "{n}問目の回答を選び直してください（答えると{current}問目に戻ります）。",
        "Choose your answer to Q{n} again (then you are back at Q{current}).",
    ),
    "assessment.poll.recorded_as": (
        "「{said}」→ {n}. {label} として記録しました（違うときは「戻る」で直せます）",
        "\"{said}\" → recorded as {n}. {label} (\"back\" to change it)",
    ),
    "assessment.poll.not_understood": (
        "回答を読み取れませんでした。番号か言葉で答えてください: {labels}（「戻る」で前の質問、「やめる」で中断できます。回答は保存されます）",
        ("Sorry, I could not read that answer. Please reply with a number or the words: {labels} "
        "(\"back\" goes to the previous question, \"cancel\" stops for now; your answers are saved)."),
    ),
    "assessment.poll.how_to_answer": (
        "この質問への回答は、番号か言葉で送ってください: {labels}（ボタンでも答えられます）",
        "Please answer this question with a number or the words: {labels} (or press a button).",
    ),
    "assessment.poll.forward_left": (
        "（さきほどのご質問は担当者に転送していません。記録はしてあります。転送するときは「人と話したい」と送ってください）",
        "(Your earlier question was not forwarded to a person; it has been noted to improve the FAQ.)",
    ),
    "assessment.poll.explain": ("{n}問目（{skill}）: {summary}", "Q{n} ({skill}): {summary}"),
    "assessment.poll.explain_question": ("{n}問目は「{question}」という質問です。",
                                         "Q{n} asks: \"{question}\""),
    "assessment.poll.explain_answer": (
        ("いまの質問（{current}問目）には、番号か言葉で答えてください: {labels}。"
         "初めて聞く言葉なら「{last}」で大丈夫です。"),
        ("Please answer the current question (Q{current}) with a number or the words: {labels}. "
         "If the term is new to you, \"{last}\" is fine."),
    ),
    "assessment.redo.final_open": (
        ("スキル診断の回答は、最後の質問に答えた時点で確定しています。確定した回答は変更・やり直しができません"
         "（匿名の集計に使われるため）。回答を直したい事情があるときは、DX推進室にご相談ください。"),
        ("Your skill assessment answers were final once you answered the last question; they cannot be "
         "changed or taken again (they go into an anonymous summary). If you need to correct them, please "
         "contact the DX office."),
    ),
    "assessment.redo.final_closed": (
        ("スキル診断の回答は確定しており、受付も終了しているため、変更・やり直しはできません。"
         "次回の診断でまたご回答ください（ご不明な点はDX推進室へ）。"),
        ("Your skill assessment answers are final and the assessment has closed, so they cannot be changed "
         "or taken again. Please answer the next one (questions to the DX office)."),
    ),
    "assessment.poll.left": (
        "あと{left}問です。最後の質問に答えると結果が表示されます（「続きから」で今の質問、「やめる」で中断）。",
        ("{left} questions left. Your result is shown after the last one (\"resume\" shows the current "
        "question, \"cancel\" stops for now)."),
    ),
    # --- personal profile --------------------------------------------------------------------
    "assessment.profile.title": ("あなたのデジタルスキル診断結果", "Your digital skill profile"),
    "assessment.profile.done": (
        "全問の回答が完了しました。ご協力ありがとうございました。分野別の結果は次のとおりです（この結果はあなたにだけ表示されています）。",
        "All done, thank you! Here is your result by field (only you can see it).",
    ),
    "assessment.profile.intro": ("前回のスキル診断の結果です（あなたにだけ表示されています）。",
                                 "Your result from the latest skill assessment (only you can see it)."),
    "assessment.profile.overall": ("全体", "Overall"),
    "assessment.profile.gaps": ("■ 伸ばしたいスキル", "■ Skills to work on"),
    "assessment.profile.more": ("・ほか{count}項目", "- and {count} more"),
    "assessment.profile.trainings": ("■ おすすめの研修（役に立つ順、最大3つ）", "■ Suggested trainings (most useful first, at most 3)"),
    "assessment.profile.fields": ("■ 分野別の結果（★4つ＝「{best}」、★が多いほど得意）",
                                  "■ By field (4 stars = \"{best}\"; more stars, stronger)"),
    "assessment.profile.field_line": ("・{field}　{stars}（{level}）", "- {field}  {stars} ({level})"),
    "assessment.profile.strong_weak": ("いちばん得意な分野は「{strong}」、伸ばしどころは「{weak}」です。",
                                       "Strongest field: {strong}. Most room to grow: {weak}."),
    "assessment.profile.faq_hint": ("（解説:「{title}」）", " (explained in \"{title}\")"),
    "assessment.profile.faq_button": ("解説: {title}", "Read: {title}"),
    "assessment.profile.faq_buttons": ("解説は下のボタンで開けます（質問の文をそのまま送っても表示されます）。",
                                       "Open an explanation with the buttons below (or send its question as a message)."),
    "assessment.profile.training_faq": ("（予習: {titles}）", " (read first: {titles})"),
    "assessment.profile.no_gaps": (
        "苦手な項目は見つかりませんでした。ぜひ周りの方にもコツを共有してください。",
        "No weak spots found. Consider sharing your tips with colleagues.",
    ),
    "assessment.profile.not_kept": (
        ("⚠ この結果を表示するのは今回かぎりです。匿名式のため結果はお名前と結びつけて保存しておらず、"
        "あとから「/dx 診断 自分」や「結果見せて」でも表示できません。残しておくときは、このメッセージをコピーするか"
        "スクリーンショットで保存してください（個人あての結果ファイルは送られません）。"),
        ("⚠ This is the only time this result is shown. The assessment is pseudonymous, so the result is not "
        "stored with your name and \"/dx assessment me\" cannot show it later. To keep it, copy this message "
        "or take a screenshot (no personal result file is sent)."),
    ),
    "assessment.me.none": ("あなたが回答したスキル診断はまだありません。", "You have not taken a skill assessment yet."),
    "assessment.me.not_finished": (
        "スキル診断はまだ完了していません（{answered}/{total}問回答済み）。",
        "Your skill assessment is not complete yet ({answered}/{total} answered).",
    ),
    "assessment.me.shown_once": (
        ("前回のスキル診断の結果は、回答を終えた {at} に一度だけ表示しました。匿名式のため結果はお名前と結びつけて"
         "保存しておらず、結果もおすすめの研修ももう一度表示することはできません（そのときのメッセージが残っていれば、それが控えです）。"),
        ("Your result of the latest skill assessment was shown once, when you finished ({at}). It was pseudonymous, "
         "so neither the result nor its suggested trainings are stored with your name or can be shown again (that "
         "message, if you kept it, is your copy)."),
    ),
    "assessment.me.trainings_again": (
        "研修の一覧は「DX関係の研修にはどんなものがありますか？」のように聞いていただければご案内します。",
        " For the list of trainings, ask e.g. \"What DX trainings are there?\"",
    ),
    "assessment.me.pseudonymous": (
        ("前回のスキル診断は匿名式のため、結果はお名前と結びつけて保存していません。"
        "結果は回答を終えたときに一度だけ表示しました（そのときのメッセージが残っていれば、それが控えです）。"),
        ("The latest skill assessment was pseudonymous, so your result was not stored with your name. "
        "It was shown once, when you finished (that message, if you kept it, is your copy)."),
    ),
    # --- admin: start, status, close, remind -------------------------------------------------
    "assessment.start.everyone": ("全職員", "all staff"),
    "assessment.not_target_role": (
        "今回のスキル診断は兼務職員など一部の方が対象で、あなたは対象外です。",
        "This skill assessment is for some roles only (e.g. liaisons), and you are not among them.",
    ),
    "assessment.start.done": (
        ("スキル診断 #{id} を開始しました。対象: {target}（{count}名）、全{total}問、締切: {deadline}、{mode}方式。"
         "{invited}名に案内を送信します{breakdown}。"),
        ("Started skill assessment #{id}: {target} ({count} people), {total} questions, deadline {deadline}, "
         "{mode}. Invitations go to {invited} people{breakdown}."),
    ),
    # Who the invitations go to, when not everyone has a department: 「（所属部署のある1名と、所属部署が名簿にない5名）」.
    "assessment.start.breakdown": ("（{parts}）", " ({parts})"),
    "assessment.start.breakdown.and": ("と、", " and "),
    "assessment.start.breakdown.placed": ("所属部署のある{count}名", "{count} with a department"),
    "assessment.start.breakdown.unplaced": ("所属部署が名簿にない{count}名", "{count} whose department is not in the roster"),
    "assessment.start.unreachable": (
        ("このうち{count}名（{names}）は連絡先（Slack・Teams・ローカルID・メール）が名簿になく、案内が届きません"
         "（名簿に連絡先を登録してから「/dx 診断」で回答するよう伝えてください）。"),
        ("{count} of them ({names}) have no contact in the roster (Slack, Teams, local id or e-mail), so their "
         "invitation cannot be delivered (add a contact to the roster, then tell them to answer with "
         "\"/dx assessment\")."),
    ),
    "assessment.start.deferred": (
        "業務時間外のため、案内は{at}に送ります（予約済み。今すぐ送るときは「/dx 診断 開始 強制」）。",
        ("It is outside office hours: the invitations go out at {at} (queued; \"/dx assessment start force\" "
         "sends them now)."),
    ),
    "assessment.start.released": (
        "スキル診断 #{id} の案内{count}件を今すぐ送ります（業務時間を待っていた予約です。二重には送りません）。",
        ("Sending the {count} invitation(s) of skill assessment #{id} now (they were waiting for office hours; "
         "nobody gets two)."),
    ),
    "assessment.start.not_me": (
        "開始したあなたには案内を送っていません（回答するときは「/dx 診断」。案内も受け取るときは「自分も」を付けて開始します）。",
        ("You started it, so you were not invited (answer with \"/dx assessment\"; add \"include-me\" to the "
         "start command to be invited too)."),
    ),
    "assessment.start.unplaced": (
        ("所属部署が名簿にない{count}名（{names}）にも案内を送りましたが、対象の人数と部署別の集計には含めません"
        "（部署の登録は「/dx 名簿 所属変更 名前 部署」）。"),
        ("{count} people without a department ({names}) were invited too, but are not counted as targets nor in "
        "any department's figures (set a department with \"/dx users set-department NAME DEPARTMENT\")."),
    ),
    "assessment.start.deadline_moved": (
        "締切の{day}は休日（{why}）のため、前の業務日の{deadline}を締切にしました。",
        "{day} is not a business day ({why}), so the deadline is the business day before: {deadline}.",
    ),
    "assessment.start.deadline_moved_ahead": (
        "締切の{day}は休日（{why}）のため、次の業務日の{deadline}を締切にしました。",
        "{day} is not a business day ({why}), so the deadline is the next business day: {deadline}.",
    ),
    "assessment.start.already_open": (
        "実施中のスキル診断があります。「/dx 診断 締切る」で締め切ってから開始してください。",
        "An assessment is already running. Close it with \"/dx assessment close\" before starting another.",
    ),
    "assessment.start.bad_date": (
        "締切「{text}」を読み取れません。例:「締切 12/18」「締切 12月18日」「締切 来週金曜」「締切 今月末」",
        "Could not read the deadline \"{text}\". Please write it like 12/18 or 2026-12-18.",
    ),
    "assessment.start.past_deadline": (
        "締切（{deadline}）が過去の日付です。締切は今日以降の日付で指定してください（例: /dx 診断 開始 締切 {example}）。",
        "The deadline ({deadline}) is in the past. Please give a deadline from today on (e.g. /dx assessment start deadline {example}).",
    ),
    "assessment.start.all_and_departments": (
        "「全員」と部署名は同時に指定できません。どちらか一方を指定してください。",
        "Give either \"all\" or department names, not both.",
    ),
    "assessment.start.unknown_department": (
        ("部署「{departments}」は名簿に見つかりません。登録されている部署: {known}\n"
        "対象は全員・役割（兼務職員・推進員・職員）・部署で指定できます。"
        "例:「/dx 診断 開始 兼務職員 締切 来週金曜」「/dx 診断 開始 市民課,税務課 締切 12/18」"),
        ("Department(s) \"{departments}\" not found in the people registry. Known departments: {known}\n"
        "Targets are all, a role (liaison, staff) or departments, e.g. "
        "\"/dx assessment start liaison deadline 12/18\"."),
    ),
    "assessment.start.nobody": (
        "対象となる職員が名簿にいません。先に「/dx 名簿 取り込み」で職員を登録してください。",
        "Nobody in the people registry matches. Import staff first with \"/dx users import\".",
    ),
    "assessment.start.preview_too_few": (
        ("⚠ まだ開始していません。対象は{count}名で、結果を表示できる最少の回答数（{min}件）に届きません。"
        "全員が回答しても、個人が特定されないよう結果は表示されません。\n"
        "対象を広げる場合は、部署や役割を足して開始し直してください"
        "（例:「/dx 診断 開始 全員 締切 来週金曜」「/dx 診断 開始 市民課,税務課,福祉課」）。"
        "結果を見ないつもりで開始するときは「このまま開始」と送ってください。"),
        ("⚠ Not started yet. {count} people are targeted, fewer than the {min} responses needed to show "
        "results: even if everyone answers, no results will be shown.\nTo widen the targets, start again "
        "with more departments or roles (e.g. \"/dx assessment start all\"). To start anyway, type \"start\"."),
    ),
    "assessment.start.anyway": ("このまま開始する（結果は表示されません）", "Start anyway (no results shown)"),
    "assessment.start.cancel": ("開始しない", "Do not start"),
    "assessment.start.not_started": ("スキル診断は開始していません（依頼は送っていません）。",
                                     "The assessment was not started (nothing was sent)."),
    "assessment.start.too_few": (
        ("⚠ 依頼する人数が{count}名で、結果を表示できる最少の回答数（{min}件）に届きません。"
        "全員が回答しても、個人が特定されないよう結果は表示されません。対象を広げる場合は"
        "「/dx 診断 締切る」で締め切ってから、改めて開始してください。"),
        ("⚠ Only {count} people are targeted, fewer than the {min} responses needed to show results: even if "
        "everyone answers, no results will be shown. To widen the targets, close it with "
        "\"/dx assessment close\" and start again."),
    ),
    "assessment.status.title": ("スキル診断 #{id} の回答状況", "Skill assessment #{id}: participation"),
    "assessment.status.scheduled": ("未送信のうち{n}件は {at} に送信予定（勤務時間を待っています）",
                                    "{n} of the unsent invitations will be sent at {at} (waiting for office hours)"),
    "assessment.status.invitations": (
        "依頼: 送信済み {sent}名・未送信 {waiting}名・送信失敗 {failed}名・依頼なし {none}名",
        "Invitations: {sent} sent, {waiting} not yet sent, {failed} failed, {none} never queued",
    ),
    "assessment.status.mark.waiting": ("依頼送信待ち", "invitation not yet sent"),
    "assessment.status.mark.done": ("回答済み", "finished"),
    "assessment.status.done_before_invitation": (
        "依頼の送信前に回答済み {count}名（自分で回答を始めた人）",
        "{count} finished before their invitation was sent (they started by themselves)",
    ),
    "assessment.status.mark.failed": ("依頼送信失敗", "invitation failed"),
    "assessment.status.mark.none": ("依頼なし", "never invited"),
    "assessment.status.mark.no_address": ("チャットの宛先なし", "no chat address"),
    "assessment.status.who_marked": ("{name}さん（{mark}）", "{name} ({mark})"),
    "assessment.status.no_address": (
        "チャットの宛先がない{count}名には依頼が届きません（名簿にSlack・TeamsのIDもメールアドレスもありません）",
        "{count} cannot get the invitation: no chat address (no Slack or Teams id nor e-mail in the roster)"),
    "assessment.status.summary": (
        "回答完了 {finished}/{invited}名（{rate}）・締切 {deadline}・{mode}方式",
        "Completed {finished}/{invited} ({rate}) · deadline {deadline} · {mode}",
    ),
    "assessment.status.by_department": ("■ 部署別", "■ By department"),
    "assessment.status.department_line": (
        "・{department}: 完了 {finished}/{invited}名（{rate}）、回答中 {answering}名",
        "- {department}: completed {finished}/{invited} ({rate}), in progress {answering}",
    ),
    "assessment.status.merged": ("その他（{min}名未満の課）", "Others (departments under {min})"),
    "assessment.status.merged_note": (
        ("※対象が{min}名未満の部署は、回答した人が分からないよう「その他」にまとめています（{count}部署。"
        "差し引きで割り出せないよう、ほかの小さい部署を含めることがあります）。"),
        ("Departments with fewer than {min} targets are shown together as \"Others\" ({count}; a small other "
        "department may be added so none can be worked out by subtraction)."),
    ),
    "assessment.status.unplaced": (
        "・所属未登録（対象の人数に含めない）: {count}名、うち完了 {finished}名",
        "- No department (not counted as targets): {count}, {finished} completed",
    ),
    "assessment.close.done": (
        "スキル診断 #{id} を締め切りました（回答完了 {finished}名）。結果は「/dx 診断 結果」で確認できます。",
        "Closed skill assessment #{id} ({finished} completed). See \"/dx assessment results\".",
    ),
    "assessment.close.done_too_few": (
        ("スキル診断 #{id} を締め切りました（回答完了 {finished}名）。"
        "回答が{min}件未満のため、個人が特定されないよう、この診断の結果は表示できません。"),
        ("Closed skill assessment #{id} ({finished} completed). With fewer than {min} responses, its results "
        "cannot be shown (to keep individuals unidentifiable)."),
    ),
    "assessment.remind.done": (
        "未回答の{count}名に催促を送信しました（1人あたり最大{max}回）。",
        "Sent a reminder to {count} people who have not finished (at most {max} per person).",
    ),
    "assessment.remind.all_done": ("全員回答済みのため、催促は送りません。", "Everyone has finished, so no reminders are sent."),
    "assessment.remind.none": ("まだ回答していない人は全員、催促の上限（1人{max}回）に達しているため、催促は送りません。",
                               "Everyone who has not finished has had the most reminders ({max} each), so none are sent."),
    "assessment.remind.quiet": (
        ("現在は勤務時間外または閉庁日で、締切までに勤務時間がないため催促は予約しませんでした。"
         "今すぐ送るときは「/dx 診断 催促 強制」と入力してください。"),
        ("It is outside working hours and no working hours are left before the deadline, so nothing was "
         "scheduled. Type \"/dx assessment remind force\" to send the reminders now."),
    ),
    "assessment.remind.deferred": (
        ("現在は勤務時間外または閉庁日のため、催促は{when}に送ります。"
         "今すぐ送るときは「/dx 診断 催促 強制」と入力してください（この予約は取り消され、二重には送りません）。"),
        ("It is outside working hours, so the reminders will go out at {when}. Type \"/dx assessment remind "
         "force\" to send them now (this one is then cancelled: never twice)."),
    ),
    # --- admin: results --------------------------------------------------------------------
    "assessment.results.title": ("スキル診断 #{id} の結果（回答 {n}名／対象 {invited}名）",
                                 "Skill assessment #{id}: results ({n} of {invited} responded)"),
    "assessment.results.too_few": (
        "回答が{min}件未満のため、結果はまだ表示できません（個人が特定されないようにするためです）。",
        "Fewer than {min} responses so far, so no results can be shown yet (to keep individuals unidentifiable).",
    ),
    "assessment.results.category_value": ("平均 {mean}・理解率 {rate}", "mean {mean} · understood {rate}"),
    "assessment.results.overall": (
        "全体の平均 {mean}、理解率（「理解している」以上の割合）{rate}",
        "Overall mean {mean}; understanding rate (\"I understand it\" or better) {rate}",
    ),
    "assessment.results.departments": ("■ 部署別の平均（分野別、4段階: 4＝理解し実践している・1＝知らない）",
                                       "■ Department means by field (4 levels: 4 = use it, 1 = never heard of it)"),
    "assessment.results.hidden": (
        ("※回答が{min}名未満の部署を特定できないよう、一部の部署（{count}部署）は個別に表示せず、"
        "「その他」にまとめるか非表示にしています。"),
        ("So that no department with fewer than {min} responses can be singled out, {count} department(s) are "
        "not shown on their own (pooled as \"Others\" or left out)."),
    ),
    "assessment.results.weakest": ("■ 理解率の低い設問", "■ Questions with the lowest understanding rate"),
    "assessment.results.plan": ("■ 研修計画（受講が望ましい人数）", "■ Training plan (people who would benefit)"),
    "assessment.results.plan_line": ("・{title}: {count}名{detail}", "- {title}: {count}{detail}"),
    "assessment.results.change": ("■ 前回（#{previous}）からの変化", "■ Change since the last run (#{previous})"),
    "assessment.results.change_rate": ("・理解率: {before} → {after}（{delta}ポイント）",
                                       "- Understanding rate: {before} → {after} ({delta} points)"),
    "assessment.results.export_hint": (
        "詳細は「/dx 診断 書き出し xlsx」（またはcsv）で出力できます。",
        "Export the details with \"/dx assessment export xlsx\" (or csv).",
    ),
    # --- admin: export -----------------------------------------------------------------------
    "assessment.export.usage": ("/dx 診断 書き出し [csv|xlsx] [個人] [#番号]",
                                "/dx assessment export [csv|xlsx] [individual] [#id]"),
    "assessment.export.done": ("スキル診断 #{id} の結果を{format}で出力しました（{count}ファイル）。",
                               "Exported skill assessment #{id} as {format} ({count} file(s))."),
    "assessment.export.no_individual": (
        "匿名式のスキル診断のため、個人別のデータはありません。集計結果のみ出力できます。",
        "This assessment is pseudonymous, so there are no individual rows; only aggregated results can be exported.",
    ),
    "assessment.export.sheet.categories": ("分野別", "By field"),
    "assessment.export.sheet.departments": ("部署別", "By department"),
    "assessment.export.sheet.questions": ("設問別", "By question"),
    "assessment.export.sheet.plan": ("研修計画", "Training plan"),
    "assessment.export.sheet.change": ("前回比較", "Change"),
    "assessment.export.sheet.individual": ("個人別", "Individuals"),
    "assessment.export.category": ("分野", "Field"),
    "assessment.export.responses": ("回答数", "Responses"),
    "assessment.export.mean": ("平均点", "Mean score"),
    "assessment.export.rate": ("理解率(%)", "Understanding rate (%)"),
    "assessment.export.department": ("部署", "Department"),
    "assessment.export.question_id": ("設問ID", "Question id"),
    "assessment.export.question": ("設問", "Question"),
    "assessment.export.training_id": ("研修ID", "Training id"),
    "assessment.export.training": ("研修", "Training"),
    "assessment.export.people": ("人数", "People"),
    "assessment.export.all": ("全体", "All"),
    "assessment.export.kind": ("区分", "Kind"),
    "assessment.export.item": ("項目", "Item"),
    "assessment.export.before": ("前回", "Before"),
    "assessment.export.after": ("今回", "After"),
    "assessment.export.delta": ("差", "Change"),
    "assessment.export.kind.understood": ("理解率(%)", "Understanding rate (%)"),
    "assessment.export.kind.category": ("分野平均", "Field mean"),
    "assessment.export.kind.department": ("部署平均", "Department mean"),
    "assessment.export.name": ("氏名", "Name"),
    # /dx help: this job's group, its word for 「/dx help …」, an example line per role.
    "help.group.assessment": ("スキル診断", "Skill assessment"),
    "help.group.assessment.word": ("診断", "assessment"),
    "help.examples.assessment.admin": ("例: /dx 診断 開始 全員 締切 12/10 ／ /dx 診断 状況 ／ /dx 診断 結果 ／ /dx 診断 締切る",
                                       "e.g. /dx assessment start all deadline 12/10 / status / results / close"),
    "help.examples.assessment.liaison": ("例: /dx 診断（回答する） ／ /dx 診断 自分（記名式の診断での自分の結果。匿名式では表示できません）",
                                         "e.g. /dx assessment (answer) / assessment me (your result in a named assessment; not available for anonymous ones)"),
    "help.examples.assessment.staff": ("例: /dx 診断（回答する） ／ /dx 診断 自分（記名式の診断での自分の結果。匿名式では表示できません）",
                                       "e.g. /dx assessment (answer) / assessment me (your result in a named assessment; not available for anonymous ones)"),
}

register(MESSAGES)
