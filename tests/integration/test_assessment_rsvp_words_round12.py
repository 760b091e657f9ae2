"""Assessment explanations and meeting answers, twelfth round (2026-12-06, a walk-through of main on
the console). In the poll, 「それ何？」 at the BPR question and 「sumifってなに」 at the SUMIF question said
the question again: every question now has a plain explanation of its term. 「まあ使える」 is not sure of
practising it (理解している, as 「たぶんできる」). A proxy's name carries no filler (「あ、やっぱ課長が
かわりに行きます」 → 課長), 「てれわーくなのでリモートで参加します」 is 出席（オンライン） with テレワーク kept,
and lateness said after an online attendance is added to オンライン instead of replacing it."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.support.assessment import admin_of, staff, start_assessment, stored_answers
from tests.support.meetings import office, tokyo


# --- 1. the poll explains the term of every question ------------------------------------------------
@pytest.mark.parametrize(("answers", "said", "explained"), [
    (["1", "2"], "それ何？", "作り直す取組です"),                      # 3問目 BPR
    (["1", "2"], "BPRってなに", "作り直す取組です"),
    (["1"] * 7, "sumifってなに", "条件に合う行の数値だけを合計する"),   # 8問目 SUMIF
    (["1"] * 7, "SUMIFとは？", "条件に合う行の数値だけを合計する"),
    (["1"] * 11, "これどういう意味？", "真ん中の値"),                  # 12問目 平均・中央値・最頻値
])
async def test_the_term_of_the_question_is_explained(app_factory, clock, answers, said, explained):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    for answer in answers:
        await me.say(answer)
    await me.say(said)
    text = me.text()
    assert explained in text, text
    assert "という質問です" not in text, text
    n = len(answers) + 1
    assert f"いまの質問（{n}問目）には" in text, text


async def test_the_no_code_explanation_is_still_the_faq_s(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    for _ in range(23):
        await me.say("1")
    await me.say("いみわからん")
    assert "プログラミングをせずに" in me.text(), me.text()


# --- 2. a hedged top level is the next level down ---------------------------------------------------
@pytest.mark.parametrize(("said", "level"), [
    ("まあ使える", "understand"), ("まぁできる", "understand"), ("まあ使えている", "understand"),
    ("たぶんできる", "understand"), ("まあ知らない", "unknown"),
])
async def test_a_hedged_top_level_is_the_next_level_down(app_factory, clock, said, level):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-20 記名")
    await me.command("診断")
    await me.say(said)
    assert list((await stored_answers(app, "kato")).values()) == [level], me.text()


# --- 3. meeting answers: a proxy's name, telework, lateness after online ------------------------------
DONE = "2026年12月8日（火）15:00 のDX推進室 室内会議に「"


@pytest.fixture
def meeting_clock() -> FakeClock:
    return FakeClock(tokyo(2026, 12, 2, 10, 0))  # Wednesday morning in Tokyo; the meeting is next Tuesday


async def _meeting_set(app_factory, clock):  # type: ignore[no-untyped-def]
    app = await app_factory(clock=clock)
    admin, liaisons = await office(app)
    await admin.say("/dx 会議 設定 毎月第2火曜 15:00 | 場所: 301会議室")
    return app, admin, liaisons


@pytest.mark.parametrize(("said", "name"), [
    ("あ、やっぱ課長がかわりに行きます", "課長"),
    ("やっぱり課長がかわりに行きます", "課長"),
    ("じゃあ山田がかわりに出ます", "山田"),
    ("えっと、係長の山本がかわりに行きます", "山本"),
])
async def test_a_proxy_s_name_carries_no_filler(app_factory, meeting_clock, said, name):
    _app, admin, (suzuki, *_rest) = await _meeting_set(app_factory, meeting_clock)
    await suzuki.say(said)
    assert suzuki.text().startswith(DONE + "代理出席"), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert f"（{name}）" in admin.text() or f"代理: {name}" in admin.text() or name in admin.text(), admin.text()
    for filler in ("やっぱ", "じゃあ", "えっと", "あ、"):
        assert filler not in admin.text(), admin.text()


@pytest.mark.parametrize("said", ["てれわーくなのでリモートで参加します", "テレワークなのでオンラインで参加します",
                                  "在宅勤務なのでリモートで出ます"])
async def test_telework_and_remote_is_attending_online(app_factory, meeting_clock, said):
    _app, admin, (suzuki, *_rest) = await _meeting_set(app_factory, meeting_clock)
    await suzuki.say(said)
    assert suzuki.text().startswith(DONE + "出席（オンライン、"), suzuki.text()
    assert "テレワーク" in suzuki.text() or "在宅勤務" in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert "オンライン" in admin.text(), admin.text()
    assert "てれわーく" not in admin.text() and "なのでリモート" not in admin.text(), admin.text()


@pytest.mark.parametrize("late", ["ちょっとおくれます", "10分ほど遅れます"])
async def test_lateness_after_an_online_attendance_is_added(app_factory, meeting_clock, late):
    _app, admin, (suzuki, *_rest) = await _meeting_set(app_factory, meeting_clock)
    await suzuki.say("オンラインで出席します")
    assert suzuki.text().startswith(DONE + "出席（オンライン）"), suzuki.text()
    await suzuki.say(late)
    assert suzuki.text().startswith(DONE + "出席（オンライン、"), suzuki.text()
    assert "遅れて参加）」" in suzuki.text(), suzuki.text()
    await admin.say("/dx 会議 出欠")
    assert "オンライン" in admin.text() and ("遅刻" in admin.text() or "遅れて" in admin.text()), admin.text()
