"""The admin dashboard over HTTP, on the known data set of the admin reports (tests/support/admin.py):
the same figures as `/dx summary ...`, charts as images, the same files as `/dx export`."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook
from PIL import Image

from tests.support.admin import (
    ADMIN,
    checkins_service,
    seed_assessment,
    seed_people,
    seed_progress,
    seed_questions,
)
from tests.support.dialogue import Person


@pytest.fixture
async def seeded(desk, browsers, clock):
    app, base = await desk(clock=clock)  # 2026-12-01 09:00 in Tokyo
    people = await seed_people(app)
    await seed_questions(app)
    checkins_service(app)
    await seed_progress(app)
    await seed_assessment(app, people)
    admin = browsers(base)
    await admin.sign_in_locally(ADMIN)
    return app, base, admin


async def test_progress_tab_shows_rates_change_non_reporters_and_charts(seeded):
    app, base, admin = seeded
    assert "管理ダッシュボード" in admin.page.text
    page = await admin.get("/admin?tab=progress")
    assert page.status == 200
    assert "進捗状況（2026年11月）" in page.text
    assert "1. 市民課　65%（26/40件）前月比 +15.0pt" in page.html
    assert "未報告の部署 福祉課" in page.text
    images = [part.split('"')[0] for part in page.html.split('<img src="')[1:]]
    assert len(images) == 2  # rates by department, 12-month trend
    assert "オンライン化率の推移（2025年12月〜2026年11月）" in page.text
    async with admin.http.get(base + images[1]) as r:
        assert r.status == 200 and r.headers["Content-Type"] == "image/png"
        assert Image.open(io.BytesIO(await r.read())).size[0] >= 600
    # Another person cannot open the admin's chart.
    from tests.integration.web.support import Browser

    other = Browser(base)
    try:
        await other.sign_in_locally("tanaka")
        async with other.http.get(base + images[1]) as r:
            assert r.status == 404
    finally:
        await other.close()
    actions = [a.action for a in await app.services.audit.list(limit=50)]
    assert "summary progress" in actions and "chart trend" in actions


async def test_xlsx_download_is_the_file_of_dx_export(seeded):
    app, _base, admin = seeded
    await admin.get("/admin?tab=progress")
    form, _name, _value = admin.page.button("オンライン化率（XLSX）")
    page = await admin.post("/admin/export", form.hidden)
    assert page.status == 200
    assert page.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "progress_all.xlsx" in page.headers["Content-Disposition"]
    web_rows = list(load_workbook(io.BytesIO(page.body)).active.iter_rows(values_only=True))
    chat = Person(app, ADMIN, "boss")
    await chat.command("export progress xlsx")
    chat_rows = list(load_workbook(io.BytesIO(chat.replies[0].attachments[0].content)).active.iter_rows(values_only=True))
    assert web_rows == chat_rows and len(web_rows) > 3
    await admin.get("/admin?tab=faq")
    form, _, _ = admin.page.button("FAQの利用（CSV）")
    page = await admin.post("/admin/export", form.hidden)
    assert page.body.startswith(b"\xef\xbb\xbf") and page.headers["Content-Type"].startswith("text/csv")


async def test_assessment_faq_meetings_and_campaign_tabs(seeded):
    _app, _base, admin = seeded
    page = await admin.get("/admin?tab=assessment")
    assert page.status == 200 and "スキル診断" in page.text and "<img src=" in page.html
    page = await admin.get("/admin?tab=faq")
    assert page.status == 200 and "FAQ利用状況（2026年12月）" in page.text
    page = await admin.get("/admin?tab=faq&period=" + quote("先月"))
    assert "FAQ利用状況（2026年11月）" in page.text and "回答できなかった質問" in page.text
    page = await admin.get("/admin?tab=faq&period=" + quote("2026-11; rm -rf"))  # not a period offered
    assert "FAQ利用状況（2026年12月）" in page.text
    page = await admin.get("/admin?tab=meetings")
    assert page.status == 200
    page = await admin.get("/admin?tab=campaigns")
    assert page.status == 200 and "未回答者" in page.text


async def test_a_dashboard_button_acts_as_in_chat_and_is_audited(seeded):
    app, _base, admin = seeded
    staff = Person(app, "tanaka", "tanaka")
    await staff.say("ズームで画面共有のやり方おしえて")
    await staff.say("はい")  # proposes the wording as an alternate phrasing
    page = await admin.get("/admin?tab=faq")
    page = await admin.press("承認")
    assert "操作の結果" in page.text and "承認" in page.text
    audit = await app.services.audit.list()
    assert any(a.action == "faq approved" for a in audit)
