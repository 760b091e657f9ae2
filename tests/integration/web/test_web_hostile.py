"""Bad input to the web desk: a clear refusal, and nothing changed."""

from __future__ import annotations

import re

from tests.integration.web.test_web_dialogue import registry

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"


async def signed_in(desk, browsers, **settings):
    app, base = await desk(**settings)
    me = browsers(base)
    await me.sign_in_locally("local")
    return app, base, me


async def log_of(app, person_id=1):
    return await app.services.state.get(f"web:log:{person_id}")


async def test_posts_without_or_with_a_forged_csrf_token_change_nothing(desk, browsers):
    app, _base, me = await signed_in(desk, browsers)
    csrf = me.page.csrf()
    before = await log_of(app)
    for data in ({"text": "こんにちは"}, {"text": "こんにちは", "csrf": "forged"},
                 {"text": "こんにちは", "csrf": csrf + "x"}):
        page = await me.post("/say", data)
        assert page.status == 403 and "何も変更していません" in page.text
    # A valid token posted from another site (the Origin header says so) is refused as well.
    page = await me.post("/say", {"text": "こんにちは", "csrf": csrf}, headers={"Origin": "http://evil.example"})
    assert page.status == 403
    assert await log_of(app) == before


async def test_a_foreign_session_cookie_is_not_signed_in(desk, browsers):
    app, base, me = await signed_in(desk, browsers)
    stranger = browsers(base)
    stranger.http.cookie_jar.update_cookies({"dxdesk_session": "made-up-token"})
    page = await stranger.get("/")
    assert "ご質問をどうぞ" not in page.text and "サインイン" in page.text
    page = await stranger.post("/say", {"text": "x", "csrf": me.page.csrf()}, follow=False)
    assert page.status == 401
    # Someone else's conversation cannot be reached: there is no address for it, and buttons
    # shown to one person do not work for another.
    await me.get("/")
    await me.say("パスワード")
    _form, _name, token = me.page.button("どれでもない")
    other = browsers(base)
    await other.sign_in_locally("tanaka")
    csrf = other.page.csrf()
    before = await log_of(app, 1)
    page = await other.post("/action", {"csrf": csrf, "choice": token})
    assert page.status == 400 and "別の方のボタン" in page.text
    page = await other.post("/action", {"csrf": csrf, "choice": token[:-3] + "abc"})
    assert page.status == 400
    assert await log_of(app, 1) == before


async def test_oversized_posts_are_refused(desk, browsers):
    app, _base, me = await signed_in(desk, browsers)
    csrf = me.page.csrf()
    before = await log_of(app)
    page = await me.post("/say", {"csrf": csrf, "text": "あ" * 30000})
    assert page.status == 413 and "大きすぎます" in page.text
    page = await me.post("/say", {"csrf": csrf, "text": "あ" * 4001})
    assert page.status == 413
    page = await me.post("/say", b"x" * 200_000, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert page.status == 413
    assert await log_of(app) == before


async def test_html_and_script_are_shown_as_text_everywhere(desk, browsers):
    app, base = await desk()
    await registry(app, ("管理者", "DX推進室", "admin", "local", ""),
                   (SCRIPT, SCRIPT, "liaison", "tanaka", ""))
    admin, staff = browsers(base), browsers(base)
    await admin.sign_in_locally("local")
    await staff.sign_in_locally("tanaka")
    page = await staff.say(SCRIPT + " 庁内運動会の雨天時の集合場所")
    page = await staff.press("転送")
    page = await staff.get("/")
    for html in (page.html,):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html
    # The admin's views of staff text: the unanswered questions, the people list.
    page = await admin.get("/admin?tab=faq")
    assert page.status == 200
    assert "&lt;script&gt;alert(" in page.html and "<script>alert" not in page.html
    await admin.get("/")
    page = await admin.say("/dx users list")
    assert "&lt;img src=x" in page.html and "<img src=x" not in page.html
    # Every script on every page is a file of the desk's own (the CSP forbids inline script).
    for html in (page.html, (await admin.get("/admin")).html, (await browsers(base).get("/signin")).html):
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/desk.js" defer>']


async def test_pages_carry_a_strict_content_security_policy_and_safe_cookies(desk, browsers):
    _app, base = await desk()
    me = browsers(base)
    async with me.http.get(base + "/signin") as r:
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        pre = r.headers.getall("Set-Cookie")[0]
        text = await r.text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', text).group(1)
    async with me.http.post(base + "/signin/local", data={"csrf": csrf, "name": "local"},
                            allow_redirects=False) as r:
        cookie = next(c for c in r.headers.getall("Set-Cookie") if c.startswith("dxdesk_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "HttpOnly" in pre and "SameSite=Strict" in pre
    # Over HTTPS (as said by DXDESK_WEB_BASE_URL or a trusted proxy) the cookie is Secure.
    _app2, base2 = await desk(web_cookie_secure="always")
    other = browsers(base2)
    async with other.http.get(base2 + "/signin") as r:
        assert "Secure" in r.headers["Set-Cookie"]


async def test_staff_are_refused_the_admin_pages_and_the_refusal_is_audited(desk, browsers):
    app, base = await desk()
    await registry(app, ("管理者", "DX推進室", "admin", "local", ""), ("鈴木", "市民課", "staff", "suzuki", ""))
    staff = browsers(base)
    await staff.sign_in_locally("suzuki")
    assert "管理ダッシュボード" not in staff.page.text
    page = await staff.get("/admin?tab=progress")
    assert page.status == 403 and "管理者のみ" in page.text and "オンライン化率" not in page.text
    await staff.get("/")
    page = await staff.post("/admin/export", {"csrf": staff.page.csrf(), "subject": "progress", "format": "xlsx"})
    assert page.status == 403
    audit = await app.services.audit.list()
    assert [a.result for a in audit if a.action == "web admin"] == ["denied", "denied"]


async def test_a_signed_out_session_cannot_be_used_again(desk, browsers):
    _app, base, me = await signed_in(desk, browsers)
    cookie = next(c.value for c in me.http.cookie_jar if c.key == "dxdesk_session")
    page = await me.post("/signout", {"csrf": me.page.csrf()})
    assert "サインアウトしました" in page.text
    replay = browsers(base)
    replay.http.cookie_jar.update_cookies({"dxdesk_session": cookie})
    page = await replay.get("/")
    assert "サインイン" in page.text and "ご質問をどうぞ" not in page.text


async def test_a_long_message_within_the_limits_arrives_whole(desk, browsers):
    app, base, me = await signed_in(desk, browsers)
    text = "質問です。" * 790 + "末尾"  # 3,952 characters, about 35 KB urlencoded
    async with me.http.post(base + "/say", data={"csrf": me.page.csrf(), "text": text},
                            headers={"X-DXDesk-Fetch": "1"}) as r:
        status = r.status
    log = await log_of(app)
    assert status == 200 and log["turns"][0]["text"] == text


async def test_script_in_a_card_input_and_an_agenda_item_is_text_in_the_admin_views(desk, browsers):
    app, base = await desk()
    await registry(app, ("室長", "DX推進室", "admin", "local", ""), ("田中", "企画課", "liaison", "tanaka", ""))
    admin, tanaka = browsers(base), browsers(base)
    await admin.sign_in_locally("local")
    await tanaka.sign_in_locally("tanaka")
    await admin.say("/dx meeting set 毎月第2火曜 15:00 | 場所: 本庁舎3階会議室")
    await admin.say("/dx meeting send-now 強制")
    await app.worker.drain(timeout=10)
    await tanaka.get("/")
    await tanaka.press("代理出席", proxy_name=SCRIPT)
    await tanaka.say("議題: " + SCRIPT)
    for html in ((await admin.get("/admin?tab=meetings")).html, (await admin.say("/dx meeting agenda")).html,
                 (await tanaka.get("/")).html):
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in (await admin.get("/admin?tab=meetings")).html
