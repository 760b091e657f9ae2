"""The web desk in a real browser: Playwright driving Debian's chromium (/usr/bin/chromium).

Skipped, with the reason, where chromium or Playwright is missing (`.ci/run` installs both). Set
DXDESK_SCREENSHOTS=<folder> to keep screenshots of the pages (to check how they read in Japanese).
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from tests.integration.web.test_web_dialogue import registry
from tests.support.admin import ADMIN, checkins_service, seed_people, seed_progress, seed_questions

CHROMIUM = os.environ.get("DXDESK_TEST_CHROMIUM", "/usr/bin/chromium")
SHOTS = os.environ.get("DXDESK_SCREENSHOTS", "")

playwright_api = pytest.importorskip("playwright.async_api", reason="Playwright is not installed (pip install -e '.[test]')")
if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests need chromium at {CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)",
                allow_module_level=True)

TIMEOUT = 20_000


@pytest.fixture
async def browser():
    async with playwright_api.async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            await chromium.close()


async def new_page(browser, base: str):
    context = await browser.new_context(base_url=base, locale="ja-JP", accept_downloads=True)
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.errors = errors  # type: ignore[attr-defined]
    return page


async def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


async def sign_in(page, name: str) -> None:
    await page.goto("/")
    await page.get_by_label("お名前（ローカルの利用者ID）").fill(name)
    await page.get_by_role("button", name="サインイン", exact=True).click()
    await page.get_by_label("メッセージ").wait_for()


async def say(page, text: str) -> None:
    """Type into the message box and press Enter, as a person would."""
    before = await page.locator("#log > li").count()
    box = page.get_by_label("メッセージ")
    await box.fill(text)
    await box.press("Enter")
    # (Locators, not wait_for_function: the page's CSP rightly forbids the eval that needs.)
    await page.locator("#log > li").nth(before).wait_for()


def last_bot(page):
    return page.locator("#log > li.bot").last


async def test_sign_in_and_an_faq_exchange_with_a_candidate_choice(desk, browser):
    _app, base = await desk()
    page = await new_page(browser, base)
    await page.goto("/")
    assert "/signin" in page.url
    await shot(page, "01-signin")
    await sign_in(page, "local")
    await say(page, "パスワード")
    await page.get_by_role("button", name="どれでもない").wait_for()
    await shot(page, "02-faq-candidates")
    await page.get_by_role("button", name="庁内システムのパスワードを忘れた", exact=False).click()
    await last_bot(page).get_by_text("解決しましたか").wait_for()
    # Keyboard only: Tab to the 「はい」 button of the answer and press Enter.
    yes = last_bot(page).get_by_role("button", name="はい")
    await yes.focus()
    await page.keyboard.press("Enter")
    await last_bot(page).get_by_text("よかった").wait_for()
    await shot(page, "03-faq-answered")
    assert page.errors == []  # type: ignore[attr-defined]


async def test_check_in_with_a_correction_and_a_resume_after_reload(desk, browser):
    app, base = await desk()
    await registry(app, ("管理者", "DX推進室", "admin", "local", ""), ("田中", "市民課", "liaison", "tanaka", ""))
    admin = await new_page(browser, base)
    await sign_in(admin, "local")
    await say(admin, "/dx 報告 開始 締切 2099-12-18")
    await last_bot(admin).get_by_text("進捗報告を開始しました").wait_for()
    await app.worker.drain(timeout=10)
    page = await new_page(browser, base)
    await sign_in(page, "tanaka")
    await page.get_by_role("button", name="回答を始める").click()
    await last_bot(page).get_by_text("全部で何件").wait_for()
    await say(page, "１２件")
    await say(page, "8")
    await say(page, "戻る")
    await last_bot(page).get_by_text("現在の回答: 8件").wait_for()
    await say(page, "9")
    await say(page, "二")
    await page.reload()
    await last_bot(page).get_by_role("button", name="進行中").wait_for()
    await shot(page, "04-checkin-after-reload")
    await last_bot(page).get_by_role("button", name="進行中").click()
    await last_bot(page).get_by_text("記録しました（「住民票の写しのオンライン請求」の状況: 進行中）").wait_for()
    assert page.errors == []  # type: ignore[attr-defined]


async def test_five_assessment_questions_with_buttons_and_progress(desk, browser, clock):
    _app, base = await desk(clock=clock)  # office hours: the invitation goes out at once
    page = await new_page(browser, base)
    await sign_in(page, "local")
    await say(page, "/dx assessment start 締切 2099-12-31 named")
    await say(page, "このまま開始")  # one person targeted: the preview asks first
    await say(page, "/dx assessment")
    for n in range(1, 6):
        await last_bot(page).get_by_text(f"デジタルスキル診断 {n}/27").wait_for()
        if n == 3:
            await shot(page, "05-assessment")
        await last_bot(page).get_by_role("button").nth(2).click()
    await last_bot(page).get_by_text("デジタルスキル診断 6/27").wait_for()
    await page.reload()
    await last_bot(page).get_by_text("デジタルスキル診断 6/27").wait_for()
    assert page.errors == []  # type: ignore[attr-defined]


async def test_an_admin_opens_the_dashboard_and_downloads_an_xlsx(desk, browser, clock):
    from openpyxl import load_workbook

    app, base = await desk(clock=clock)
    await seed_people(app)
    await seed_questions(app)
    checkins_service(app)
    await seed_progress(app)
    page = await new_page(browser, base)
    await sign_in(page, ADMIN)
    await page.get_by_role("link", name="管理ダッシュボード").click()
    await page.get_by_text("進捗状況（2026年11月）").wait_for()
    charts = page.locator("figure.chart img")
    assert await charts.count() == 2
    # The charts really load (and have a size): natural width of the PNG.
    for i in range(2):
        assert await charts.nth(i).evaluate("img => img.complete && img.naturalWidth") > 0
    await shot(page, "06-dashboard")
    async with page.expect_download() as info:
        await page.get_by_role("button", name="オンライン化率（XLSX）").click()
    download = await info.value
    assert download.suggested_filename == "progress_all.xlsx"
    rows = list(load_workbook(io.BytesIO(Path(await download.path()).read_bytes())).active.iter_rows(values_only=True))
    assert len(rows) > 3
    await page.get_by_role("link", name="FAQの利用").click()
    await page.locator("nav.tabs a[aria-current=page]", has_text="FAQの利用").wait_for()
    await page.locator("section.panel").first.wait_for()
    await shot(page, "07-dashboard-faq")
    assert page.errors == []  # type: ignore[attr-defined]


async def test_staff_are_refused_the_admin_pages(desk, browser):
    app, base = await desk()
    await registry(app, ("管理者", "DX推進室", "admin", "local", ""), ("鈴木", "市民課", "staff", "suzuki", ""))
    page = await new_page(browser, base)
    await sign_in(page, "suzuki")
    assert await page.get_by_role("link", name="管理ダッシュボード").count() == 0
    response = await page.goto("/admin")
    assert response.status == 403
    await page.get_by_text("このページは管理者のみ利用できます").wait_for()
    await shot(page, "08-staff-refused")


async def test_readable_at_200_percent_zoom_without_sideways_scrolling(desk, browser, clock):
    app, base = await desk(clock=clock)
    await seed_people(app)
    await seed_questions(app)
    checkins_service(app)
    await seed_progress(app)
    # A 1280×720 window at 200 % zoom lays out like a 640×360 viewport at scale 2.
    context = await browser.new_context(base_url=base, locale="ja-JP", viewport={"width": 640, "height": 360},
                                        device_scale_factor=2)
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT)
    await sign_in(page, ADMIN)
    await say(page, "パスワード")
    await page.get_by_role("button", name="どれでもない").wait_for()
    wide = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert await page.evaluate(wide) <= 0
    await shot(page, "09-zoom-chat")
    await page.goto("/admin")
    await page.get_by_text("進捗状況（2026年11月）").wait_for()
    assert await page.evaluate(wide) <= 0
    await shot(page, "10-zoom-dashboard")
    await context.close()
