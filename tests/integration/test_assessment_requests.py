"""Taking the assessment in plain words, and the FAQ telling the truth about it (final walk-through
of issue 15: 「スキル診断やりたい」 was sent to 人事課; the FAQ said 5段階・10分 while the poll has
4 levels and the invitation says 約3分)."""

from __future__ import annotations

import re

import pytest

from bot.core.messages import t
from handlers.assessment.ports import ASSESSMENT
from tests.support.assessment import admin_of, staff, start_assessment
from tests.support.dialogue import SURFACES, surface


@pytest.fixture
async def app(app_factory, clock):
    return await app_factory(clock=clock)  # office hours: invitations go out at once


@pytest.mark.parametrize("platform", SURFACES)
async def test_saying_you_want_to_take_it_starts_the_poll(platform, app_factory, clock):
    async with surface(platform, app_factory, clock) as 田中:
        admin = await admin_of(田中.app)
        await start_assessment(admin, "診断 開始 全員 記名")
        card = await 田中.say("スキル診断やりたい")
        assert "1/27" in card and "人事課" not in card
        assert "2/27" in await 田中.press("理解している")


@pytest.mark.parametrize("typed", ["診断をはじめる", "診断どこから受けるの", "じゃあしんだんやる", "DXスキル診断うけたいです"])
async def test_natural_requests_open_the_poll(app, typed):
    admin = await admin_of(app)
    await start_assessment(admin, "診断 開始 全員")
    鈴木 = await staff(app, "suzuki", "市民課")
    await 鈴木.say(typed)
    assert "1/27" in 鈴木.replies[0].title, 鈴木.text()
    assert await app.faq.list_unanswered() == []


async def test_with_no_assessment_running_staff_are_told_and_admins_get_the_command(app):
    admin = await admin_of(app)
    鈴木 = await staff(app, "suzuki", "市民課")
    await 鈴木.say("スキル診断受けたい")
    assert "いま実施中のスキル診断はありません" in 鈴木.text() and "DX推進室にご相談ください" in 鈴木.text()
    await admin.say("診断をはじめたい")
    hint = admin.text()
    assert "「/dx 診断 開始」" in hint
    example = re.search(r"例:「/dx (診断 開始[^」]*)」", hint).group(1)
    await start_assessment(admin, example)  # two people: the preview asks first
    assert "スキル診断 #1 を開始しました" in admin.text()
    assert await app.faq.list_unanswered() == []


async def test_a_question_about_the_assessment_gets_the_faq_and_the_faq_is_true(app):
    admin = await admin_of(app)
    await start_assessment(admin, "診断 開始 全員")
    鈴木 = await staff(app, "suzuki", "市民課")
    await 鈴木.say("スキル診断って何段階？何分くらいかかる？")
    answer = 鈴木.text()
    assert "自己診断" in 鈴木.replies[0].title or "スキル" in 鈴木.replies[0].title, answer
    # What the poll really does: its levels, its number of questions, the time the invitation promises.
    await 鈴木.command("診断")
    card = 鈴木.replies[0]
    total = int(re.search(r"1/(\d+)", card.title).group(1))
    levels = [c.label.split(". ", 1)[-1] for c in card.choices if c.action_id == "assessment.answer"]
    bank = app.services.get(ASSESSMENT).bank
    assert f"全{total}問" in answer and f"{len(levels)}段階" in answer
    assert all(f"「{label}」" in answer for label in levels)
    assert f"{len(bank.categories)}分野" in answer
    minutes = re.search(r"約(\d+)分", t("assessment.invite.text", "ja", total=total, deadline="-")).group(1)
    assert f"約{minutes}分" in answer
    assert "5段階" not in answer and "10分" not in answer


async def test_the_faq_on_meetings_and_check_ins_says_what_the_bot_does(app):
    """The bundled entries that describe DX Desk itself follow its defaults (reminders 3 business days
    before and on the morning; the check-in 5 business days before, due the business day before at
    17:00) and name its real buttons (「担当者に転送する」, not 「担当者に聞く」 or 「役に立たなかった」)."""
    from bot.app.settings import Settings

    settings = Settings()
    offsets = settings.reminder_offsets  # 「3営業日前 9:00, 当日 8:30」
    days = re.search(r"(\d+)営業日前", offsets).group(1)
    meeting = (await app.faq.get_entry("FAQ-088")).answer
    assert f"{days}営業日前" in meeting and "当日の朝" in meeting and "1週間前" not in meeting
    for entry_id in ("FAQ-084", "FAQ-089"):
        answer = (await app.faq.get_entry(entry_id)).answer
        assert f"{settings.checkin_days_before_meeting}営業日前" in answer, entry_id
        assert settings.checkin_deadline_days_before_meeting == 1 and "前営業日" in answer, entry_id
        assert settings.checkin_deadline_time.lstrip("0").split(":")[0] + "時" in answer, entry_id
    for entry_id in ("FAQ-094", "FAQ-095"):
        answer = (await app.faq.get_entry(entry_id)).answer
        assert "「担当者に転送する」" in answer and "担当者に聞く" not in answer and "役に立たなかった" not in answer
    absent = (await app.faq.get_entry("FAQ-090")).answer
    assert "「欠席」" in absent and "「代理出席」" in absent
