"""A Japanese tester's findings on FAQ drafts: a publish held back is audited as 「保留」 (not
「成功」), an edit of a draft is confirmed, and the audit log shows names, not 「1:室長」."""

from __future__ import annotations

import re

from tests.support.dialogue import Person

UNKNOWN = "ふるさと納税のページにログインできないんだけど"


async def test_held_back_publish_is_audited_as_held_and_a_draft_edit_is_confirmed(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "boss", "室長")
    await 室長.say("こんにちは")  # the first console user is the admin
    山田 = Person(app, "yamada", "山田")
    await 山田.say(UNKNOWN)
    await 山田.say("はい")
    qid = re.search(r"Q-(\d+)", 山田.text()).group(1)
    await 室長.command(f"FAQ 回答 Q-{qid} ふるさと納税サイトのパスワード再設定をしてください。")

    await 室長.command("FAQ 公開 D-1")
    assert "質問者の言葉のまま" in 室長.text()
    await 室長.command("監査")
    line = next(x for x in 室長.text().splitlines() if "公開 D-1" in x)
    assert line.endswith("保留") and "成功" not in line, line
    assert "室長" in line and "1:室長" not in line and ":室長" not in line, line

    await 室長.command("FAQ 編集 D-1 質問 ふるさと納税サイトにログインできないときは？")
    edited = 室長.text()
    assert "FAQ案 D-1 の質問を修正しました" in edited and "ログインできないときは？" in edited, edited
    await 室長.command("FAQ 公開 D-1")
    await 室長.press("で公開")  # the closest entries' category
    assert "として公開しました" in 室長.text()
    await 室長.command("監査")
    assert 室長.text().splitlines()[1].endswith("成功"), 室長.text()


async def test_a_liaison_refused_publishing_is_in_the_audit_log(app_factory, clock):
    # `faq publish` writes its own audit entries (held back / published); a refusal for want of
    # the role is still recorded, as for every admin command.
    from bot.core.model import Role
    from tests.support.checkins import member

    app = await app_factory(clock=clock)
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    鈴木 = await member(app, "suzuki", "鈴木", "企画課", Role.LIAISON)
    await 鈴木.command("faq publish D-1")
    assert "管理者のみ" in 鈴木.text()
    entries = await app.services.audit.list(10)
    assert any(e.action == "faq publish" and e.result == "denied" for e in entries)
