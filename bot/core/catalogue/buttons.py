"""Texts of buttons typed as words (every platform)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "buttons.which": (
        "「{label}」はどちらのメッセージのボタンですか？ {options}（番号か{words}でお答えください）",
        "Which message's \"{label}\" do you mean? {options} (answer with its number or {words})",
    ),
    "buttons.number_stale": (
        "番号は直前に表示したボタンにだけ使えます。ボタンの名前（例:「回答を始める」）か、文章で書いてください。",
        ("A number only presses the buttons shown just now. Type the button's name (e.g. \"Start\") or "
         "write in words."),
    ),
}
