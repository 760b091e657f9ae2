"""Campaigns, sixth round (2026-12-05, issue #15): what a city office met when adopting the skill
assessment and the monthly check-in — a question about the question inside the poll, deadlines on
closed days, the admin's own invitation, and invitations started at night. Each fails on the code
before the fix."""

from __future__ import annotations

import io

import pytest

from bot.adapters.console.chat import ConsoleNotifier
from bot.core.model import Role
from handlers.assessment.campaigns import invitation_key
from handlers.assessment.ports import ASSESSMENT
from handlers.checkins import jobs
from tests.conftest import FakeClock
from tests.support.assessment import admin_of, staff, start_assessment, stored_answers
from tests.support.campaigns import NIGHT, app_at_night
from tests.support.checkins import member, person_id
from tests.support.meetings import tokyo


async def _poll(app, user_id: str = "kato"):  # type: ignore[no-untyped-def]
    admin = await admin_of(app)
    me = await staff(app, user_id, "税務課")
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await admin.command("診断 開始 全員 締切 12/18")
    await me.command("診断")
    return admin, me


async def _answers(app, user_id: str = "kato") -> dict[str, str]:  # type: ignore[no-untyped-def]
    return await stored_answers(app, user_id)


# --- 1. 「これってどういう意味？」 inside the poll -----------------------------------------------------
@pytest.mark.parametrize("said", ["これってどういう意味？", "意味がわからない", "えっと、この質問の意味がよくわからないです",
                                  "どういうことですか？", "DXってなに？", "これって？", "これ何？"])
async def test_a_question_about_the_question_is_explained_and_the_poll_stays(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    text = me.text()
    # Q1 is 「DXと従来のIT導入との概念の違い」: the first sentence of its FAQ entry (FAQ-098).
    assert "1問目" in text and "デジタルトランスフォーメーション" in text, text
    assert "1 理解し実践している" in text and "4 知らない" in text, text
    assert "見つかりませんでした" not in text and "保存してあります" not in text, text
    assert await _answers(app) == {}
    await me.say("2")  # the poll is still on Q1
    assert "2/27" in (me.replies[-1].title or ""), me.text()
    assert list((await _answers(app)).values()) == ["understand"]


async def test_a_question_named_by_its_number_is_explained_and_the_poll_stays_where_it_is(app_factory, clock):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say("1")
    await me.say("Ｑ３ってどういうこと？")
    text = me.text()
    assert "3問目" in text and "いまの質問（2問目）" in text, text
    await me.say("3")
    assert "3/27" in (me.replies[-1].title or ""), me.text()


@pytest.mark.parametrize("said", ["パスワードを忘れました", "VPNってどういう意味ですか？"])
async def test_an_unrelated_faq_question_still_goes_to_the_faq_desk(app_factory, clock, said):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say(said)
    text = me.text()
    # Not explained in the poll; the FAQ desk answers and one line repeats the question (eighth round).
    assert "という質問です" not in text and "スキル診断の続き" in text, text
    assert await _answers(app) == {}


async def test_a_question_whose_faq_entry_defines_nothing_is_explained_by_its_own_text(app_factory, clock):
    app = await app_factory(clock=clock)
    _, me = await _poll(app)
    await me.say("3問目ってどういう意味？")  # BPR: its FAQ entry begins 「相談できます。」, defining nothing
    text = me.text()
    # The question bank's own explanation (twelfth round), never the FAQ entry's unrelated first sentence.
    assert "3問目（BPR（業務プロセスの見直し））" in text and "手順や分担そのものを作り直す" in text, text
    assert "相談できます" not in text, text


# --- 2. a deadline on a closed day moves to the business day before --------------------------------
async def test_a_deadline_given_on_a_saturday_moves_to_friday_and_the_admin_is_told(app_factory, clock):
    app = await app_factory(clock=clock)  # Tue 2026-12-01
    admin = await admin_of(app)
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")  # a Saturday
    said = admin.text()
    assert said.splitlines()[0] == "締切の2026年12月19日（土）は休日（土曜日）のため、前の業務日の2026年12月18日（金）を締切にしました。", said
    assert "締切: 2026年12月18日（金）" in said, said
    assert (await app.services.get(ASSESSMENT).store.open_campaign()).deadline.isoformat() == "2026-12-18"


async def test_the_default_deadline_on_a_closed_day_moves_back_without_a_note(app_factory):
    app = await app_factory(clock=FakeClock(tokyo(2026, 12, 15, 10)))  # +14 days is 12/29, 年末年始
    admin = await admin_of(app)
    for i in range(5):
        await staff(app, f"s{i}", "税務課")
    await start_assessment(admin, "診断 開始 全員")
    said = admin.text()
    assert "締切: 2026年12月28日（月）" in said and "休日" not in said, said


# --- 3. the admin who starts it is not invited ----------------------------------------------------
async def test_the_admin_who_starts_it_is_not_invited_and_hears_how_many_were(app_factory, clock):
    app = await app_factory(clock=clock)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    for i in range(5):
        await staff(app, f"s{i}", "DX推進室")
    await start_assessment(boss, "診断 開始 DX推進室")
    said = boss.text()
    assert "対象: DX推進室（5名）" in said and "5名に案内を送信します" in said, said
    assert "開始したあなたには案内を送っていません" in said and "「自分も」" in said, said
    states = await app.services.outbox.delivery_states([invitation_key(1, int(await person_id(app, "boss")))])
    assert states == {}
    await boss.command("診断")  # they can still take it, being in the target department
    assert "1/27" in (boss.replies[-1].title or ""), boss.text()


async def test_the_admin_is_invited_when_they_ask_for_it(app_factory, clock):
    app = await app_factory(clock=clock)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    for i in range(5):
        await staff(app, f"s{i}", "DX推進室")
    await start_assessment(boss, "診断 開始 DX推進室 自分も")
    said = boss.text()
    assert "対象: DX推進室（6名）" in said and "6名に案内を送信します" in said and "送っていません" not in said, said
    states = await app.services.outbox.delivery_states([invitation_key(1, int(await person_id(app, "boss")))])
    assert list(states) == [invitation_key(1, int(await person_id(app, "boss")))]


async def test_an_assessment_started_at_night_waits_for_office_hours_and_force_sends_it(app_factory):
    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    people = [await staff(app, f"s{i}", "税務課") for i in range(5)]
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    said = admin.text()
    assert "業務時間外のため、案内は2098年12月8日（月） 08:30に送ります" in said and "「/dx 診断 開始 強制」" in said, said
    keys = [invitation_key(1, int(await person_id(app, p.user_id))) for p in people]
    await app.worker.drain(timeout=5)
    assert set((await app.services.outbox.delivery_states(keys)).values()) == {"pending"}
    # A restart keeps them: the same database, a new process.
    again = await app_factory(clock=FakeClock(NIGHT))
    assert set((await again.services.outbox.delivery_states(keys)).values()) == {"pending"}
    await admin.command("診断 開始 強制")
    assert "案内5件を今すぐ送ります" in admin.text(), admin.text()
    await app.worker.drain(timeout=10)
    assert set((await app.services.outbox.delivery_states(keys)).values()) == {"sent"}
    await admin.command("診断 開始 強制")  # nothing waits any more: the usual answer
    assert "実施中のスキル診断があります" in admin.text(), admin.text()


async def test_force_in_the_start_command_sends_at_onceapp_at_night(app_factory):
    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    people = [await staff(app, f"s{i}", "税務課") for i in range(5)]
    await start_assessment(admin, "診断 開始 全員 締切 12/19 強制")
    assert "業務時間外" not in admin.text(), admin.text()
    await app.worker.drain(timeout=10)
    keys = [invitation_key(1, int(await person_id(app, p.user_id))) for p in people]
    assert set((await app.services.outbox.delivery_states(keys)).values()) == {"sent"}


async def test_a_check_in_started_at_night_waits_for_office_hours_and_force_sends_it(app_factory):
    app = await app_at_night(app_factory)
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    for user, name in (("tanaka", "田中"), ("sato", "佐藤")):
        await member(app, user, name, "市民課")
    await boss.command("報告 開始 締切 12/18")
    said = boss.text()
    assert "業務時間外のため、兼務職員2名への依頼は12月8日（月）08:30に送ります" in said, said
    assert "依頼を送りました" not in said, said
    keys = [jobs.invitation_key(1, int(await person_id(app, user))) for user in ("tanaka", "sato")]
    await app.worker.drain(timeout=5)
    assert set((await app.services.outbox.delivery_states(keys)).values()) == {"pending"}
    await boss.command("報告 開始 force")
    assert "依頼2件を今すぐ送ります" in boss.text(), boss.text()
    await app.worker.drain(timeout=10)
    assert set((await app.services.outbox.delivery_states(keys)).values()) == {"sent"}


async def test_a_check_in_started_in_office_hours_goes_out_at_once(app_factory, clock):
    app = await app_factory(clock=clock)  # Tue 09:00 in Tokyo
    app.add_notifier(ConsoleNotifier(out=io.StringIO()))
    boss = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await boss.command("報告 開始 締切 12/18")
    assert "兼務職員1名に依頼を送りました" in boss.text() and "業務時間外" not in boss.text(), boss.text()
    await app.worker.drain(timeout=10)
    key = jobs.invitation_key(1, int(await person_id(app, "tanaka")))
    assert await app.services.outbox.delivery_states([key]) == {key: "sent"}
