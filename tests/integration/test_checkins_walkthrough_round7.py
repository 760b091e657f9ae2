"""Walk-through of 2026-12-05, seventh round (check-ins): the review's numbers are the items'
numbers on every platform, and a form answer typed after a side question goes back to the form."""

from __future__ import annotations

from tests.integration.test_form_walkthrough import _liaison, _result, _to_summary


# 1. At the review, 「8」 is item 8 (the console numbers the buttons like the items; 送信 is last).
async def test_a_number_typed_at_the_review_is_the_item_of_that_number(app_factory, clock):
    app = await app_factory(clock=clock)
    _, 田中 = await _liaison(app)
    await _to_summary(田中)
    review = 田中.text()
    line8 = next(x for x in review.split("\n") if x.strip().startswith("8. "))
    label8 = line8.strip()[3:].split(":")[0]
    for said in ("8", "８", "8番"):
        await 田中.say(said)
        assert "回答内容の確認" not in 田中.text(), said
        await 田中.say("そのまま")
        assert "回答内容の確認" in 田中.text() and label8 in 田中.text(), said
    choices = [c for c in 田中.replies[-1].choices]
    assert choices[7].label.startswith("変更 8:") and choices[-1].label == "この内容で送信"
    assert "「3」「変更 3」「3を直す」" in 田中.text()
    await 田中.say(str(len(choices)))  # the number of the last button, 送信
    assert await _result(app) is not None


# 3. An admin asking in plain words to start a check-in gets the exact command, built from the words;
# nothing is started (a start invites every liaison) and nothing goes to the FAQ desk. Since the eighth
# round (test_admin_round8.py) the command is shown for confirmation ([はい][直す][やめる]), and a wish
# without a deadline asks for it.
async def test_an_admin_asking_to_start_a_check_in_gets_the_command(app_factory, clock):
    from bot.core.model import Role
    from tests.support.checkins import member

    app = await app_factory(clock=clock)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    for said, command in (("進捗報告を始めたい。締切は１２月１０日で", "（コマンド: /dx 報告 開始 締切 12/10）"),
                          ("報告の依頼を出したいです、締め切り12/18", "（コマンド: /dx 報告 開始 締切 12/18）"),
                          ("しんちょく報告はじめたい", "締切はいつにしますか？")):
        await admin.say(said)
        reply = admin.text()
        assert command in reply and ("兼務職員全員に依頼を送ります" in reply or "締切は" in reply), said
        assert "担当者に転送" not in reply and "どれでもない" not in reply, said
    assert "開始しました" not in admin.text()
    # A report asked for is still shown (admin hints, fourth round), not taken for a start.
    await admin.say("今月の進捗まとめて出して")
    assert "報告 開始" not in admin.text()
