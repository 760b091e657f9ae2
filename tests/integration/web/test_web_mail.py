"""Proactive messages for people whose only channel is the web desk: e-mail through a real SMTP
server started by the test, through the same durable outbox; without SMTP, the first page."""

from __future__ import annotations

import re

from bot.core.ports import OUTBOX_ID, OUTBOX_UNCERTAIN
from bot.core.replies import Destination, Reply
from tests.integration.web.test_web_dialogue import registry


async def start_check_in(app, base, browsers):
    admin = browsers(base)
    await admin.sign_in_locally("local")
    await admin.say("/dx 報告 開始 締切 2099-12-18")
    assert "依頼を送りました" in admin.last_bot_text(), admin.last_bot_text()
    await app.worker.drain(timeout=15)
    return admin


async def test_a_check_in_invitation_is_mailed_in_japanese_with_a_link_to_the_conversation(desk, browsers, smtp, clock):
    inbox, port = smtp
    app, base = await desk(clock=clock, smtp_host="127.0.0.1", smtp_port=port, smtp_from="dxdesk@city.example.lg.jp", web_local_signin="on",
                           web_base_url="https://dxdesk.city.example.lg.jp", web_cookie_secure="never")
    _, hanako = await registry(app, ("管理者", "DX推進室", "admin", "local", ""),
                               ("山田 花子", "市民課", "liaison", "", "hanako@city.example.lg.jp"))
    await start_check_in(app, base, browsers)
    mail = await inbox.next_mail()
    assert mail["To"] == "hanako@city.example.lg.jp"
    assert mail["Subject"].startswith("【DX Desk】") and "進捗報告" in mail["Subject"]
    part = mail.get_body(preferencelist=("plain",))
    assert part.get_content_charset() == "utf-8"
    body = part.get_content()
    assert "回答を始める" in body
    link = re.search(r"https://dxdesk\.city\.example\.lg\.jp/#t(\d+)", body)
    assert link, body
    # The link opens the conversation where the same message waits, with its button.
    log = await app.services.state.get(f"web:log:{hanako.id}")
    turn = next(t for t in log["turns"] if t["id"] == int(link.group(1)))
    assert turn["notice"] and turn["mailed"] and [c[0] for c in turn["reply"]["choices"]] == ["報告の回答を始める"]
    rows = await app.outbox.list()
    assert {r.status for r in rows} == {"sent"}


async def test_a_redelivered_row_is_neither_shown_nor_mailed_twice(desk, browsers, smtp):
    inbox, port = smtp
    app, _base = await desk(smtp_host="127.0.0.1", smtp_port=port)
    (hanako,) = await registry(app, ("山田 花子", "市民課", "staff", "", "hanako@example.jp"))
    notifier = app.notifiers["web"]
    destination = Destination("", "person", str(hanako.id), extra={OUTBOX_ID: "77", OUTBOX_UNCERTAIN: ""})
    reply = Reply(title="定例会のお知らせ", text="明日10時から定例会です。")
    await notifier.deliver(destination, hanako, reply)
    # The worker died after sending; another one takes the row again (lease expired).
    again = Destination("", "person", str(hanako.id), extra={OUTBOX_ID: "77", OUTBOX_UNCERTAIN: "1"})
    await notifier.deliver(again, hanako, reply)
    mail = await inbox.next_mail()
    assert mail["Subject"] == "【DX Desk】定例会のお知らせ" and "dxdesk-outbox-77" in mail["Message-ID"]
    assert inbox.mails.empty() and len(inbox.received) == 1
    log = await app.services.state.get(f"web:log:{hanako.id}")
    assert len([t for t in log["turns"] if t.get("outbox") == "77"]) == 1


async def test_a_refused_address_fails_for_good_and_the_office_is_told(desk, browsers, smtp, clock):
    inbox, port = smtp
    inbox.refuse.add("gone@example.jp")
    app, base = await desk(clock=clock, smtp_host="127.0.0.1", smtp_port=port, web_local_signin="on")
    await registry(app, ("管理者", "DX推進室", "admin", "local", ""),
                   ("退職者", "市民課", "liaison", "", "gone@example.jp"))
    admin = await start_check_in(app, base, browsers)
    rows = await app.outbox.list()
    assert [r.status for r in rows if r.destination["address"] == "2"] == ["failed"]
    page = await admin.get("/")
    assert "配信失敗" in page.text and "退職者" in page.text


async def test_an_unreachable_smtp_server_is_retried_not_dropped(desk, browsers):
    app, _base = await desk(smtp_host="127.0.0.1", smtp_port=9)  # nothing listens on port 9
    (hanako,) = await registry(app, ("山田 花子", "市民課", "staff", "", "hanako@example.jp"))
    await app.outbox.enqueue(Destination("", "person", str(hanako.id)), Reply(text="お知らせです"))
    await app.worker.run_once()
    (row,) = await app.outbox.list()
    assert row.status != "failed" and row.status != "sent" and "SMTP" in (row.last_error or "")


async def test_without_smtp_the_reminder_waits_on_the_first_page(desk, browsers, clock):
    app, base = await desk(clock=clock)
    await registry(app, ("管理者", "DX推進室", "admin", "local", ""),
                   ("田中", "市民課", "liaison", "tanaka", "tanaka@example.jp"))
    await start_check_in(app, base, browsers)
    tanaka = browsers(base)
    page = await tanaka.sign_in_locally("tanaka")
    assert "進捗報告のお願い" in page.text and "報告の回答を始める" in page.buttons()
    assert 'class="turn bot notice"' in page.html
