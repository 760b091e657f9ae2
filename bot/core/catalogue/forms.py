"""Texts of the form engine (bot/core/forms.py): navigation, generic validation, summary."""

MESSAGES: dict[str, tuple[str, str]] = {
    # A command said in plain words, confirmed before it runs (bot/core/confirm.py).
    "confirm.yes": ("はい", "Yes"),
    "confirm.fix": ("直す", "Change"),
    "confirm.no": ("やめる", "Cancel"),
    "confirm.set_aside.back": ("さきほどの{what}はまだです。続けますか？", "{what} from before is not done yet. Go on with it?"),
    "confirm.set_aside.command": ("『{command}』の実行", "Running “{command}”"),
    "confirm.dropped": ("設定しませんでした（何も変わっていません）。", "Nothing was set (nothing changed)."),
    "form.question_title": ("{form}（{n}/{total}）", "{form} ({n}/{total})"),
    # The total of a form with conditional questions: every question it may ask, so it never changes.
    "form.question_title.most": ("{form}（{n}/最大{total}問）", "{form} ({n} of at most {total})"),
    "form.count.intro": ("質問は{total}問です（お答えによって最大{most}問）。",
                         "There are {total} questions (at most {most}, depending on your answers)."),
    "form.recorded": ("記録しました（{label}: {value}）。", "Noted — {label}: {value}."),
    "form.recorded.multi": ("{chosen}を記録しました（{label}）。", "Noted {chosen} for {label}."),
    "form.count.added": ("（「{value}」とのお答えなので、{n}問追加でお聞きします）",
                         " (As you answered \"{value}\", I'll ask {n} more question(s).)"),
    "form.count.removed": ("（「{value}」とのお答えなので、お聞きする質問が{n}問減りました）",
                           " (As you answered \"{value}\", {n} question(s) fewer.)"),
    "form.kept_as_other": (
        "「{option}」として記録し、「{text}」を「{detail}」に入れました（直すときは「戻る」）。",
        "Noted as \"{option}\", with \"{text}\" as \"{detail}\" (type \"back\" if that is wrong).",
    ),
    "form.held": ("（「{text}」は控えてあり、あとの記入欄で使えます）",
                  " (I kept \"{text}\": you can use it for a written answer later.)"),
    "form.held.offer": ("さきほどの「{text}」をこの回答にするときは「はい」と送ってください。",
                        "To use what you wrote earlier (\"{text}\") as this answer, type \"yes\"."),
    "form.current_answer": ("（現在の回答: {value}。このままでよければ「そのまま」と送ってください）",
                            "(Current answer: {value}. Type \"keep\" to leave it as it is.)"),
    "form.kept": ("「{label}」は{value}のままにしました。", "Kept {label}: {value}."),
    "form.corrected": ("「{label}」を{old}から{value}に訂正しました。", "Corrected {label}: {old} → {value}."),
    "form.correct.which": ("{old}とお答えの項目がいくつかあります（{labels}）。どれを直すか「対象手続数を{value}に訂正」のようにお書きください。",
                           "More than one answer was {old} ({labels}). Please say which, e.g. \"change {label} to {value}\"."),
    "form.correct.which_choice": ("どの項目を直すかわかりませんでした（{labels}）。「{label}を{value}に訂正」のように項目名でお書きください。",
                                  "Which one should change ({labels})? Write, for example, \"{label} to {value}\"."),
    "form.correct.none": ("{old}とお答えの項目が見つかりませんでした。「変更 2」のように番号でもお直しできます。",
                          "No answer was {old}. You can also change an answer by its number, e.g. \"change 2\"."),
    "form.correct.ambiguous": ("「{label}」にあたる項目がいくつかあります（{labels}）。「対象手続数を32に訂正」のように項目名でお書きください。",
                               "\"{label}\" matches more than one question ({labels}). Please use the full name."),
    "form.correct.already": ("「{label}」はすでに{value}です（変更はありません）。",
                             "{label} is already {value} (nothing changed)."),
    "form.correct.which_count": (("どの件数を{value}にしますか？ {labels}。項目名でお答えください"
                                  "（例:「{label}」）。"),
                                 "Which count should be {value}? {labels}. Please answer with the item's name (e.g. \"{label}\")."),
    "form.cleared": ("「{label}」の回答を消しました（空欄にしました）。", "Cleared the answer to {label}."),
    "form.clear.already": ("「{label}」はすでに空欄です。", "{label} is already empty."),
    "form.clear.required": (("「{label}」は必ずお答えいただく項目のため、空欄にはできません。"
                             "直すときは「{label}を…に直して」か「変更 {number}」と送ってください。"),
                            "{label} is required, so it cannot be left empty. To change it, type \"change {number}\"."),
    "form.correct.unnamed": ("「{label}」にあたる項目が見つかりませんでした。「変更 2」のように番号でもお直しできます。",
                             "No question matches \"{label}\". You can also change an answer by its number, e.g. \"change 2\"."),
    "form.unknown.yes_no_options": ("1.はい 2.いいえ", "1.Yes 2.No"),
    "form.unknown.choice": (
        "「{label}」は、いちばん近いものを選んでください: {options}（迷うときは{office}にご相談ください）",
        "For \"{label}\", please choose the closest: {options} (if unsure, ask {office}).",
    ),
    "form.unknown.choice.consult_later": (
        "「{label}」は、いちばん近いものを選んでください: {options}（迷っていることは、このあとの「{consult}」で{office}に相談できます）",
        "For \"{label}\", please choose the closest: {options} (you can ask {office} about it later, at \"{consult}\").",
    ),
    "form.unknown.choice.optional": (
        "「{label}」は、いちばん近いものを選ぶか、「スキップ」と送ってください: {options}",
        "For \"{label}\", choose the closest or type \"skip\": {options}",
    ),
    "form.nav.required": (
        "（「戻る」で前の質問、「やめる」で中断、「ヘルプ」で説明を表示します）",
        "(Type \"back\" for the previous question, \"cancel\" to pause, \"help\" for an explanation.)",
    ),
    "form.nav.optional_short": ("（任意です。「スキップ」で飛ばせます）", "(Optional: type \"skip\" to leave it out.)"),
    "form.nav.optional": (
        "（この質問は任意です。「スキップ」で飛ばせます。「戻る」「やめる」「ヘルプ」も使えます）",
        "(This question is optional: type \"skip\" to leave it out. \"back\", \"cancel\" and \"help\" work too.)",
    ),
    "form.hint.integer": ("数字でお答えください（例:「12」「１２{unit}」「十二」）。",
                          "Please answer with a number (e.g. \"12\")."),
    "form.hint.default_unit": ("", ""),
    "form.hint.number": ("数値でお答えください（例:「12.5{unit}」）。", "Please answer with a number (e.g. \"12.5 {unit}\")."),
    "form.hint.percent": ("割合でお答えください（例:「80%」「8割」「8割5分」）。",
                          "Please answer with a percentage (e.g. \"80%\")."),
    "form.hint.date": ("日付でお答えください（例:「12/1」「2026/12/1」「令和8年12月1日」）。",
                       "Please answer with a date (e.g. \"2026-12-01\" or \"12/1\")."),
    "form.hint.choice": ("番号または言葉でお選びください: {options}", "Choose by number or by name: {options}"),
    "form.hint.multi_choice": (
        "当てはまるものをすべてお選びください（例:「1,3」「1と3」）: {options}",
        "Choose all that apply (e.g. \"1,3\"): {options}",
    ),
    "form.hint.text_limit": ("{max_length}文字以内でお書きください。", "Please write up to {max_length} characters."),
    "form.same.hint": (
        "先月の回答は「{value}」です。同じでよければ「先月と同じ」と入力してください。",
        "Last month's answer was \"{value}\". Type \"same\" to keep it.",
    ),
    "form.same.button": ("先月と同じ（{value}）", "Same as last month ({value})"),
    "form.same.none": (
        "先月の回答がありません（「先月と同じ」は使えません）。お手数ですが、この質問にお答えください。",
        "There is no answer from last month to reuse. Please answer this question.",
    ),
    "form.same.used": ("先月の回答「{value}」を使いました。", "Took last month's answer \"{value}\". "),
    "form.share.count": (
        "「{label}」は件数でお答えください（例: 12{unit}）。",
        "Please answer \"{label}\" with a count (e.g. 12).",
    ),
    "form.share.need_total": (
        "「{label}」は件数でお答えください（例: 12{unit}）。「{said}」なら、先に「{other}」を教えてください。",
        "Please answer \"{label}\" with a count (e.g. 12). For \"{said}\", first give \"{other}\".",
    ),
    "form.share.converted": (
        "「{said}」は{other}（{total}{unit}）に対する割合として、{value}{unit}にしました（違うときは件数で送り直してください）。",
        "Took \"{said}\" of {other} ({total}) as {value} (type the count if that is wrong). ",
    ),
    "form.multi.done": ("選択を確定", "Confirm selection"),
    "form.multi.ticked": ("選択中: {chosen}（よければ「選択を確定」を押してください）",
                          "Selected: {chosen} (press \"Confirm selection\" when done)"),
    "form.multi.none_ticked": ("まだ何も選ばれていません。当てはまるものを選んでください。",
                               "Nothing is selected yet. Please choose at least one."),
    "form.skip.required": (
        "「{label}」は必須の質問のため、スキップできません。お答えいただけますか。",
        "\"{label}\" is required and cannot be skipped. Could you answer it?",
    ),
    "form.skip.done": ("この質問はスキップしました。", "Skipped this question."),
    "form.back.first": ("これが最初の質問です。これより前には戻れません。", "This is the first question; there is nothing before it."),
    "form.change.out_of_range": (
        "変更できる番号は1〜{count}です。例:「3を変更」", "Please give a number from 1 to {count}, e.g. \"change 3\"."),
    "form.change.button": ("変更 {n}: {label}", "Change {n}: {label}"),
    "form.submit.button": ("この内容で送信", "Submit"),
    "form.stale": (
        "このボタンは前の質問のものです。いまの質問にお答えください。",
        "That button belongs to an earlier question. Please answer the current one.",
    ),
    "form.summary.title": ("{form}: 回答内容の確認", "{form}: please review your answers"),
    "form.summary.text": (
        ("この内容で送信してよろしいですか？\n"
        "送信は「送信」「OK」と入力するか、「この内容で送信」を押してください。"
        "直すときは項目の番号（「3」「変更 3」「3を直す」）を入力するか、「変更」ボタンを押してください（ボタンの番号も項目の番号と同じです）。"),
        ("Shall I submit these answers?\nTo submit, type \"submit\" or \"OK\", or press \"Submit\". To change "
        "one, type the item's number (\"3\", \"change 3\"), or press its \"Change\" button (the buttons are "
        "numbered like the items)."),
    ),
    "form.summary.unclear": (
        "送信する場合は「送信」、直す場合は「変更 3」「3を直す」のように項目の番号を入力してください。",
        "Type \"submit\" to send, or \"change 3\" with the item's number to change an answer.",
    ),
    "form.help.commands": (
        ("いつでも使える言葉: 「戻る」前の質問へ／「スキップ」任意の質問を飛ばす／"
        "「やめる」中断（入力内容は保存され、「続きから」で再開できます）／「3を変更」3番の回答を直す"),
        ("At any point: \"back\" previous question / \"skip\" leave out an optional question / "
        "\"cancel\" pause (your answers are kept; type \"resume\" later) / \"change 3\" redo answer 3"),
    ),
    "form.help.summary": (
        ("表示中の内容でよければ「送信」と入力してください。「変更 3」「3を直す」で3番の回答をやり直せます。"
        "「戻る」で最後の質問に戻ります。「やめる」で中断できます（内容は保存されます）。"),
        ("Type \"submit\" to send what is shown. Type \"change 3\" to redo answer 3, "
        "\"back\" for the last question, \"cancel\" to pause (your answers are kept)."),
    ),
    "form.value.none": ("なし", "none"),
    "form.value.yes": ("はい", "Yes"),
    "form.value.no": ("いいえ", "No"),
    "form.value.unanswered": ("（未回答）", "(not answered)"),
    "form.value.not_computable": ("計算できません", "cannot be computed"),
    "form.computed_label": ("{label}（自動計算）", "{label} (computed)"),
    "form.error.empty": ("「{label}」へのお答えを入力してください。", "Please type your answer to \"{label}\"."),
    "form.error.integer": (
        "「{label}」は数字でお答えください（例:「12」「12{unit}」「十二」）。",
        "Please answer \"{label}\" with a number (e.g. \"12\").",
    ),
    "form.error.whole_number": (
        "「{label}」は整数でお答えください（小数は使えません）。", "Please answer \"{label}\" with a whole number."),
    "form.error.number": ("「{label}」は数値でお答えください（例:「12.5」）。", "Please answer \"{label}\" with a number (e.g. \"12.5\")."),
    "form.error.percent": (
        "「{label}」は割合でお答えください（例:「80%」「8割」「8割5分」）。",
        "Please answer \"{label}\" as a percentage (e.g. \"80%\").",
    ),
    "form.error.date": (
        "「{label}」の日付が読み取れませんでした。「12/1」「2026/12/1」「令和8年12月1日」のように入力してください。",
        "I couldn't read that date for \"{label}\". Please type it like \"2026-12-01\" or \"12/1\".",
    ),
    "form.error.yes_no": ("「{label}」は「はい」か「いいえ」でお答えください。", "Please answer \"{label}\" with yes or no."),
    "form.error.choice": (
        "「{label}」は次から番号または言葉でお選びください: {options}",
        "Please choose one for \"{label}\" by number or name: {options}",
    ),
    "form.error.multi_choice": (
        "「{label}」は次から選んでください（複数可、例:「1,3」）: {options}",
        "Please choose from these for \"{label}\" (several allowed, e.g. \"1,3\"): {options}",
    ),
    "form.unknown.number": ("「{label}」がわからないときは、見込みの数でお答えください（なければ「0」）。",
                            "If you don't know \"{label}\", please give an estimate (or \"0\")."),
    "form.resumed": ("続きから再開します。", "Continuing where you left off."),
    "form.error.min": ("「{label}」は{min}{unit}以上で入力してください。", "\"{label}\" must be at least {min} {unit}."),
    "form.error.max": ("「{label}」は{max}{unit}以下で入力してください。", "\"{label}\" must be at most {max} {unit}."),
    "form.error.max_length": (
        "「{label}」は{max_length}文字以内でお願いします（いま{length}文字です）。",
        "\"{label}\" can be at most {max_length} characters (this is {length}).",
    ),
    "form.error.exclusive": (
        "「{option}」はほかの項目と一緒には選べません。", "\"{option}\" cannot be combined with other choices."),
}
