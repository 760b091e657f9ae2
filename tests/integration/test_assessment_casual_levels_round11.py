"""Levels said casually (third walk-through of 2026-12-06): 「ふつう」「あんまり」 and a level's number
with a hedge 「うーん、3かな」 are answers, not 「回答を読み取れませんでした」."""

from __future__ import annotations

import pytest

from tests.support.assessment import admin_of, staff, start_assessment, stored_answers


@pytest.mark.parametrize(("said", "level"), [
    ("ふつう", "understand"), ("ふつうです", "understand"), ("普通", "understand"),
    ("あんまり", "heard"), ("あまり知らない", "heard"), ("いまいち", "heard"), ("自信ない", "heard"),
    ("うーん、3かな", "heard"), ("たぶん2", "understand"), ("3番で", "heard"), ("1でお願いします", "practice"),
    ("えっと4かも", "unknown"),
])
async def test_a_casual_level_is_read(app_factory, clock, said, level):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say(said)
    assert "読み取れませんでした" not in me.text(), me.text()
    assert list((await stored_answers(app, "kato")).values()) == [level]
    assert "2/27" in me.text(), me.text()


@pytest.mark.parametrize("said", ["12", "3件", "うーん、5かな"])
async def test_a_number_that_is_no_level_is_not_an_answer(app_factory, clock, said):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say(said)
    assert await stored_answers(app, "kato") == {}
