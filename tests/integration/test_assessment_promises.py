"""A Japanese tester's findings on the assessment: no promise of results that cannot be shown, and
no strongest/weakest field named among fields that look equal."""

from __future__ import annotations

from tests.support.assessment import admin_of, answer_all, staff, start_assessment


async def test_too_few_targets_are_warned_at_start_and_close_promises_nothing(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    people = [await staff(app, user, "市民課") for user in ("suzuki", "sato", "ito")]
    await start_assessment(admin, "診断 開始 全員 締切 12/18")
    started = admin.text()
    assert "依頼する人数が3名" in started and "最少の回答数（5件）に届きません" in started, started
    for person in people:
        await answer_all(person, 2)
    await admin.command("診断 締切る")
    closed = admin.text()
    assert "締め切りました" in closed and "「/dx 診断 結果」で確認できます" not in closed, closed
    assert "5件未満" in closed and "表示できません" in closed


async def test_enough_targets_get_no_warning_and_close_points_to_the_results(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    people = [await staff(app, f"s{i}", "市民課") for i in range(5)]
    await start_assessment(admin, "診断 開始 全員 締切 12/18")
    assert "届きません" not in admin.text()
    for person in people:
        await answer_all(person, 2)
    await admin.command("診断 締切る")
    assert "「/dx 診断 結果」で確認できます" in admin.text(), admin.text()


async def test_staff_help_says_when_their_own_result_can_be_shown(app_factory, clock):
    app = await app_factory(clock=clock)
    await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await me.command("ヘルプ")
    text = me.text()
    assert "/dx 診断 自分" in text and "記名式" in text and "匿名式では表示できません" in text, text


async def test_equal_fields_are_not_called_strongest_and_weakest(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "ito", "市民課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 匿名")
    # Means differ (basics 2.2, Excel 1.8, the rest 2.0) but every field shows ★★★☆.
    await answer_all(me, [1, 2, 2, 2, 2] + [2, 2, 2, 2, 2, 3] + [2] * 16)
    text = me.replies[-1].text
    assert "☆☆" not in text and "★★★★" not in text and "いちばん得意" not in text and "伸ばしどころ" not in text, text
