"""A check-in started at night: a liaison who submits before the invitations go out (office hours)
is not sent the invitation afterwards, nor is the colleague of the same department whose form the
submission closed (eleventh round, from the walk-through's 「依頼送信待ち」 of someone who answered)."""

from __future__ import annotations

from bot.core.model import Role
from handlers.checkins import jobs
from tests.integration.test_form_walkthrough import START
from tests.support.campaigns import app_at_night
from tests.support.checkins import member


async def test_invitations_waiting_for_a_department_that_submitted_are_withdrawn(app_factory):
    app = await app_at_night(app_factory)
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    tanaka = await member(app, "tanaka", "田中", "市民課")
    await member(app, "suzuki", "鈴木", "市民課")
    await member(app, "sato", "佐藤", "税務課")
    await admin.command("checkin start 締切 2098-12-20")
    await tanaka.command("checkin")  # by himself, before the invitations go out at 8:30
    for text in (*START, "進行中", "スキップ", "完了", "スキップ", "特になし", "いいえ", "スキップ", "提出"):
        await tanaka.say(text)
    assert "提出" in tanaka.text() or "ありがとうございました" in tanaka.text(), tanaka.text()
    ids = {login: (await app.services.people.find(login)).id for login in ("tanaka", "suzuki", "sato")}
    states = await app.services.outbox.delivery_states([jobs.invitation_key(1, i) for i in ids.values()])
    assert states[jobs.invitation_key(1, ids["tanaka"])] == "withdrawn", states
    assert states[jobs.invitation_key(1, ids["suzuki"])] == "withdrawn", states
    assert states[jobs.invitation_key(1, ids["sato"])] == "pending", states  # 税務課 still to answer
