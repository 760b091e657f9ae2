"""`/dx 診断 状況` after a campaign started at night (eleventh round, walk-through of 2026-12-06): a
liaison who started the poll by themselves and finished it was listed as 「依頼送信待ち」, because
their invitation was still waiting for office hours in the outbox."""

from __future__ import annotations

from tests.support.assessment import admin_of, answer_all, staff, start_assessment
from tests.support.campaigns import app_at_night


async def test_a_finished_participant_shows_as_answered_whatever_the_outbox_says(app_factory):
    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    early = await staff(app, "hayase", "税務課")
    for i in range(4):
        await staff(app, f"s{i}", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await answer_all(early, 2)  # started by herself with `/dx 診断`, before the invitations go out
    assert "結果" in early.text(), early.text()
    await admin.command("診断 状況")
    text = admin.text()
    assert "hayaseさん（依頼送信待ち）" not in text, text
    assert "hayaseさん（回答済み）" in text, text
    assert "依頼の送信前に回答済み 1名" in text, text
    assert "未送信 4名" in text and "未送信のうち4件は 12月8日（月）08:30 に送信予定" in text, text
    assert "s0さん（依頼送信待ち）" in text, text


async def test_the_waiting_invitation_of_someone_who_finished_is_not_sent(app_factory):
    from handlers.assessment.campaigns import invitation_key

    app = await app_at_night(app_factory)
    admin = await admin_of(app)
    early = await staff(app, "hayase", "税務課")
    await staff(app, "s0", "税務課")
    await start_assessment(admin, "診断 開始 全員 締切 12/19")
    await answer_all(early, 2)
    hayase = await app.services.people.find("hayase")
    s0 = await app.services.people.find("s0")
    states = await app.services.outbox.delivery_states([invitation_key(1, hayase.id), invitation_key(1, s0.id)])
    assert states == {invitation_key(1, hayase.id): "withdrawn", invitation_key(1, s0.id): "pending"}, states
    await admin.command("診断 強制")  # releasing the waiting ones now sends s0's only
    assert await app.services.outbox.delivery_states([invitation_key(1, hayase.id)]) == {
        invitation_key(1, hayase.id): "withdrawn"}
