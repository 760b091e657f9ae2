"""Signing in to the web desk: one-time e-mail links, a trusted proxy's header, the local sign-in."""

from __future__ import annotations

import re

from tests.conftest import FakeClock
from tests.integration.web.test_web_dialogue import registry


def link_in(mail) -> str:
    body = mail.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/signin/link\?token=\S+", body).group(0)


async def ask_for_link(browser, email: str):
    page = await browser.get("/signin")
    form = next(f for f in page.forms if f.action == "/signin/email")
    return await browser.post("/signin/email", {"csrf": form.hidden["csrf"], "email": email})


async def test_sign_in_by_a_one_time_link_sent_by_mail(desk, browsers, smtp):
    inbox, port = smtp
    app, base = await desk(smtp_host="127.0.0.1", smtp_port=port, smtp_from="dxdesk@city.example.lg.jp")
    await registry(app, ("山田 花子", "市民課", "staff", "", "hanako@city.example.lg.jp"))
    me = browsers(base)
    page = await ask_for_link(me, "Hanako@city.example.lg.jp")
    assert page.status == 200 and "サインイン用のリンクをお送りしました" in page.text
    mail = await inbox.next_mail()
    assert mail["To"] == "hanako@city.example.lg.jp"
    assert mail["Subject"] == "【DX Desk】サインイン用リンク"
    link = link_in(mail)
    # Opening the link only shows a button (a mail scanner opening it spends nothing).
    path = link.split("127.0.0.1", 1)[1].split(":", 1)[1].split("/", 1)[1]
    page = await me.get("/" + path)
    assert "サインインする" in page.buttons()
    page = await me.press("サインインする")
    assert "山田 花子" in page.text and "ご質問をどうぞ" in page.text
    # The same link a second time: refused.
    other = browsers(base)
    page = await other.get("/" + path)
    assert page.status == 400 and "このサインイン用リンクは使えません" in page.text


async def test_unknown_addresses_get_the_same_answer_and_no_mail(desk, browsers, smtp):
    inbox, port = smtp
    app, base = await desk(smtp_host="127.0.0.1", smtp_port=port)
    me = browsers(base)
    page = await ask_for_link(me, "nobody@example.com")
    assert page.status == 200 and "サインイン用のリンクをお送りしました" in page.text
    await app.platforms["web"].close()  # the background lookup has finished
    assert inbox.received == []


async def test_expired_links_and_too_many_requests_are_refused(desk, browsers, smtp):
    inbox, port = smtp
    clock = FakeClock()
    app, base = await desk(smtp_host="127.0.0.1", smtp_port=port, clock=clock)
    await registry(app, ("山田 花子", "市民課", "staff", "", "hanako@example.jp"))
    me = browsers(base)
    await ask_for_link(me, "hanako@example.jp")
    path = "/" + link_in(await inbox.next_mail()).split("/", 3)[3]
    clock.advance(minutes=16)
    page = await me.get(path)
    assert page.status == 400 and "期限切れ" in page.text
    # Three links per quarter hour per person; the fourth request sends nothing.
    for _ in range(3):
        await ask_for_link(me, "hanako@example.jp")
        await inbox.next_mail()
    page = await ask_for_link(me, "hanako@example.jp")
    assert page.status == 200
    await app.platforms["web"].close()
    assert inbox.mails.empty() and len(inbox.received) == 4


async def test_a_trusted_proxy_names_the_user_and_others_cannot(desk, browsers):
    app, base = await desk(web_trusted_proxies="127.0.0.1/32", web_user_header="X-Remote-User",
                           web_login_email_domain="city.example.lg.jp")
    await registry(app, ("佐藤 一郎", "税務課", "staff", "", "sato@city.example.lg.jp"))
    me = browsers(base)
    page = await me.get("/", headers={"X-Remote-User": "CITY\\sato"})
    assert page.status == 200 and "佐藤 一郎" in page.text
    page = await me.say("こんにちは")
    page = await me.get("/", headers={"X-Remote-User": "CITY\\nobody"})
    assert page.status == 403 and "職員名簿に見つかりません" in page.text


async def test_the_proxy_header_from_another_address_is_ignored(desk, browsers):
    app, base = await desk(web_trusted_proxies="10.20.30.40")
    await registry(app, ("佐藤 一郎", "税務課", "admin", "sato", "sato@example.jp"))
    me = browsers(base)
    page = await me.get("/", headers={"X-Remote-User": "sato"})
    assert "佐藤 一郎" not in page.text and "サインイン" in page.text
    # With a proxy configured, the local sign-in is off by default.
    assert not [f for f in page.forms if f.action == "/signin/local"]


async def test_local_sign_in_can_be_switched_off(desk, browsers):
    _app, base = await desk(web_local_signin="off")
    me = browsers(base)
    page = await me.get("/signin")
    assert "サインインの方法が設定されていません" in page.text
    page = await me.post("/signin/local", {"csrf": "x", "name": "local"})
    assert page.status == 403
