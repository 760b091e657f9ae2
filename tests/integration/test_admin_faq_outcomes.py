"""Issue 15, round 2: `/dx 要約 FAQ` counts each way a question went on its own line — answered
directly, candidates shown (and how many were solved by picking one), nothing found, forwarded —
instead of calling candidates 「回答できた」."""

from __future__ import annotations

from tests.support.dialogue import Person


def field(me: Person, label: str) -> str:
    values = [f.value for r in me.replies for f in r.fields if f.label == label]
    assert values, me.text()
    return values[-1]


async def test_the_summary_names_each_outcome_honestly(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = Person(app, "boss", "DX室長")
    await admin.say("こんにちは")  # the first console user becomes admin
    staff = Person(app, "suzuki", "鈴木")
    await staff.say("Zoomで画面を共有するにはどうしたらいい？")
    assert "解決しましたか" in staff.text()
    await staff.say("エクセル")
    picks = [c for c in staff.replies[-1].choices if c.action_id == "faq.pick"]
    assert picks, staff.text()
    await staff.press(picks[0])
    await staff.say("Power Automateのフローが動かない")
    assert "見つかりませんでした" in staff.text()
    await staff.press(staff.choice("転送する"))

    await admin.command("要約 FAQ")
    assert field(admin, "質問数").startswith("3件")
    assert field(admin, "FAQの回答をそのまま表示") == "1件（質問の33.3%）"
    assert field(admin, "候補を提示") == "1件（うち候補から選んで解決 1件）"
    assert field(admin, "該当するFAQなし") == "1件"
    assert field(admin, "担当者に転送") == "1件"
    assert "回答できた" not in admin.text()
