"""The 27-question poll as staff answer it in casual Japanese (walk-through, 2026-12-06, fourteenth round).

1. A side question mid-poll (「そういえばVPNってどうやって申請するの？」) is answered by the FAQ desk, whose
   prompt (「解決しましたか？」, 「担当者に転送しますか？」) may stay open. Whenever that prompt closes —
   answered yes/no typed or pressed, forwarded, declined, or replaced by another side question — the poll's
   question comes back once with its number. Before, 「はい」 to 「解決しましたか？」 and any press of the
   desk's buttons left the poll closed: the next 「2」 showed the card again and a level word
   (「りかいしてる」「I know it」) went to the FAQ desk, kept as an unanswered question.
2. A level typed after such a side question (labels, kana, numbers, English) is the poll's answer, never
   forwarded nor kept as a question. 「VPN」 was sent to 市民課 (other desk) instead of the FAQ desk.
3. Casual and Kansai level words: 「しらんわ」「知らん」 (知らない), 「ぼちぼち」 (with 「まあまあ」: 理解している),
   「できるで」「わかるで」「できへん」「わからへん」「ようわからん」.
4. The admin's start message accounts for everyone invited: 「6名に案内を送信します（所属部署のある1名と、
   所属部署が名簿にない5名）」, and names those whose invitation cannot be delivered (no contact).
"""

from __future__ import annotations

import re

import pytest

from bot.core.model import Role
from tests.support.assessment import admin_of, staff, start_assessment, stored_answers
from tests.support.dialogue import Person
from tests.support.people import add_person

Q2, Q3 = "デジタルスキル診断 2/27", "デジタルスキル診断 3/27"
BACK_AT_Q2 = "（スキル診断の続きです）2/27"


async def _at_q2(app_factory, clock):  # type: ignore[no-untyped-def]
    """kato answered Q1 and is at Q2 (KPI)."""
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "kato", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-18 記名")
    await me.command("診断")
    await me.say("1")
    assert me.replies[-1].title == Q2, me.text()
    return app, me


async def _kept(app):  # type: ignore[no-untyped-def]
    return [q.text for q in await app.faq.list_unanswered()]


def _poll_lines(me) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.text for r in me.replies if BACK_AT_Q2 in r.text]


async def _reply(me, said: str) -> None:  # type: ignore[no-untyped-def]
    """Type `said`, or press the button labelled `said[1:]` when it starts with 「*」."""
    if said.startswith("*"):
        await me.press(me.choice(said[1:]))
    else:
        await me.say(said)


# --- 1. the poll comes back whenever the desk's prompt closes ------------------------------
@pytest.mark.parametrize("closing", [
    ["はい"], ["ありがとう"], ["*はい"],                     # solved, typed or pressed
    ["いいえ", "いいえ"], ["*いいえ", "*転送しない"],          # declined
    ["いいえ", "はい"], ["*いいえ", "*担当者に転送する"],      # forwarded
])
async def test_the_polls_question_comes_back_when_the_desks_prompt_closes(app_factory, clock, closing):
    app, me = await _at_q2(app_factory, clock)
    await me.say("ＲＰＡってなんですか")
    assert "解決しましたか" in me.text() and me.replies[-1].text.startswith(BACK_AT_Q2), me.text()
    for said in closing:
        await _reply(me, said)
    assert len(_poll_lines(me)) == 1 and me.replies[-1].text.startswith(BACK_AT_Q2), me.text()
    assert "2/27 KPI" in me.replies[-1].text, me.text()  # re-shown with its number
    await me.say("2")  # no 「続きから」 needed
    assert me.replies[-1].title == Q3, me.text()
    assert (await stored_answers(app, "kato"))["B02"] == "understand"


async def test_another_side_question_replaces_the_prompt_and_the_poll_still_comes_back(app_factory, clock):
    app, me = await _at_q2(app_factory, clock)
    await me.say("ＲＰＡってなんですか")
    await me.say("Teamsの会議で画面共有するには？")
    assert len(_poll_lines(me)) == 1 and me.replies[-1].text.startswith(BACK_AT_Q2), me.text()
    await me.say("はい")
    assert len(_poll_lines(me)) == 1 and me.replies[-1].text.startswith(BACK_AT_Q2), me.text()
    await me.say("まあまあ")
    assert me.replies[-1].title == Q3, me.text()
    assert (await stored_answers(app, "kato"))["B02"] == "understand"
    assert await _kept(app) == []


# --- 2. a level after a side question is the poll's answer ----------------------------------
@pytest.mark.parametrize(("said", "level"), [
    ("理解している", "understand"), ("りかいしてる", "understand"), ("２", "understand"),
    ("I know it", "understand"), ("no idea", "unknown"), ("聞いたことある", "heard"), ("しらんわ", "unknown"),
])
async def test_a_level_after_the_vpn_question_is_recorded_not_forwarded(app_factory, clock, said, level):
    app, me = await _at_q2(app_factory, clock)
    await me.say("そういえばVPNってどうやって申請するの？")
    text = me.text()
    assert "市民課" not in text, text  # an IT question, not the citizens' counter
    assert "転送しますか" in text and me.replies[-1].text.startswith(BACK_AT_Q2), text
    kept = await _kept(app)
    assert len(kept) == 1 and "VPN" in kept[0], kept
    await me.say(said)
    text = me.text()
    assert "転送しました" not in text and "FAQに見つかりませんでした" not in text, text
    assert "さきほどのご質問は担当者に転送していません。記録はしてあります" in text, text
    assert me.replies[-1].title == Q3, text
    assert (await stored_answers(app, "kato"))["B02"] == level
    assert await _kept(app) == kept  # the level is not kept as a question


@pytest.mark.parametrize("said", ["りかいしてる", "I know it", "理解している", "できるで"])
async def test_a_level_after_pressing_the_desks_buttons_is_recorded(app_factory, clock, said):
    app, me = await _at_q2(app_factory, clock)
    await me.say("ＲＰＡってなんですか")
    await me.press(me.choice("いいえ"))
    await me.press(me.choice("転送しない"))
    kept = await _kept(app)
    await me.say(said)
    text = me.text()
    assert "FAQに見つかりませんでした" not in text and "いま回答中の診断はありません" not in text, text
    assert me.replies[-1].title == Q3, text
    assert "B02" in await stored_answers(app, "kato")
    assert await _kept(app) == kept


# --- 3. casual and Kansai level words --------------------------------------------------------
async def test_casual_and_kansai_words_answer_the_poll(app_factory, clock):
    app, me = await _at_q2(app_factory, clock)
    said = [("しらんわ", "4. 知らない"), ("知らん", "4. 知らない"), ("ぼちぼち", "2. 理解している"),
            ("まあまあ", "2. 理解している"), ("できるで", "1. 理解し実践している"), ("わかるで", "2. 理解している"),
            ("できへん", "4. 知らない"), ("わからへん", "4. 知らない"), ("ようわからん", "3. 聞いたことがある")]
    for n, (words, echoed) in enumerate(said, start=2):
        await me.say(words)
        assert f"「{words}」→ {echoed} として記録しました" in me.text(), me.text()
        assert me.replies[-1].title == f"デジタルスキル診断 {n + 1}/27", me.text()
    answers = await stored_answers(app, "kato")
    assert [answers[q] for q in ("B02", "B03", "B04", "B05", "E01", "E02", "E03", "E04", "E05")] == [
        "unknown", "unknown", "understand", "understand", "practice", "understand", "unknown", "unknown", "heard"]
    assert await _kept(app) == []


# --- 4. the start message accounts for everyone invited --------------------------------------
async def _people_without_departments(app, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Staff who wrote to the bot before the roster gave them a department."""
    for name in names:
        await Person(app, name, name).say("こんにちは")


async def test_the_start_message_breaks_down_everyone_invited(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    await staff(app, "kato", "税務課")
    await _people_without_departments(app, ["sato", "suzuki", "takahashi", "tanaka", "ito"])
    await admin.command("診断 開始 全員 締切 2026-12-18")
    text = admin.text()
    assert "対象: 全職員（1名）" in text, text
    assert "6名に案内を送信します（所属部署のある1名と、所属部署が名簿にない5名）。" in text, text
    assert "開始したあなたには案内を送っていません" in text, text


async def test_the_start_message_names_those_no_invitation_can_reach(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    for n in range(5):
        await staff(app, f"s{n}", "税務課")
    gone = await app.services.people.find("s4")
    gone.local_id = ""  # nothing to deliver to
    await app.services.people.save(gone)
    await admin.command("診断 開始 全員 締切 2026-12-18")
    text = admin.text()
    assert "5名に案内を送信します。" in text, text  # all have a department: no breakdown
    assert "このうち1名（s4）は連絡先（Slack・Teams・ローカルID・メール）が名簿になく、案内が届きません" in text, text


async def test_the_start_message_in_english_shows_no_japanese(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    await add_person(app, "admin", Role.ADMIN, language="en", keep_existing=False)
    await staff(app, "kato", "Tax")
    await _people_without_departments(app, ["sato", "suzuki", "takahashi", "tanaka", "ito"])
    await admin.command("assessment start all deadline 2026-12-18")
    text = admin.text()
    assert "Invitations go to 6 people (1 with a department and 5 whose department is not in the roster)." in text, text
    assert not re.search(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]", text), text
