"""A Japanese tester's findings: no English in Japanese replies (the unknown-command reply points to
「/dx ヘルプ」, 名簿 names the platforms in Japanese) and no 「カテゴリ: 未分類」 on an answer."""

from __future__ import annotations

import re

from tests.support.dialogue import Person


async def test_unknown_command_and_roster_speak_japanese(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "boss", "室長")
    await 室長.say("こんにちは")  # the first console user is the admin
    await 室長.command("ほげほげ")
    assert "「/dx ヘルプ」" in 室長.text() and "help" not in 室長.text(), 室長.text()
    await 室長.command("名簿 一覧")
    roster = 室長.text()
    assert "[ローカル]" in roster and "local" not in roster and "mail" not in roster, roster


async def test_an_answer_hides_the_default_category(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "boss", "室長")
    await 室長.say("こんにちは")
    山田 = Person(app, "yamada", "山田")
    question = "ふるさと納税のページにログインできないんだけど"
    await 山田.say(question)
    await 山田.say("はい")
    qid = re.search(r"Q-(\d+)", 山田.text()).group(1)
    await 室長.command(f"FAQ 回答 Q-{qid} ふるさと納税サイトのパスワード再設定をしてください。")
    await 室長.command("FAQ 編集 D-1 質問 ふるさと納税サイトにログインできないときは？")
    await 室長.command("FAQ 公開 D-1")
    assert "カテゴリがありません" in 室長.text()  # the closest entries' category is proposed …
    await 室長.say("未分類")  # … and the editor keeps the default: hidden in the answer
    assert "として公開しました" in 室長.text()
    await 山田.say("ふるさと納税サイトにログインできないときは？")
    answer = next(r for r in 山田.replies if r.title.startswith("ふるさと納税サイト"))
    assert "パスワード再設定" in answer.text, 山田.text()
    assert not any("カテゴリ" in f.label for f in answer.fields), answer.fields
