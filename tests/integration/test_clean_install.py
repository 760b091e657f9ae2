"""Issue 15, point 5: an install starts clean. Sample data comes only on request (the first run of
`dxdesk chat`, or `dxdesk demo`), never twice and never into a real FAQ; the office's name, the
meeting's name and the signature are settings used in every message."""

from __future__ import annotations

from pathlib import Path

from bot.app.composition import load_demo
from bot.core.model import Role
from handlers.checkins.ports import CHECKINS
from tests.integration.test_console_chat import run
from tests.support.checkins import member, outbox
from tests.support.dialogue import Person
from tests.support.meetings import RecordingNotifier


async def test_a_real_install_starts_without_sample_data(app_factory):
    app = await app_factory(sample_data=False)  # what `dxdesk serve` does by default
    assert await app.faq.list_entries() == []
    assert await app.services.get(CHECKINS).repo.count_roadmap_items() == 0
    admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
    await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    invitation = next(m for m in await outbox(app) if "進捗報告のお願い" in m.text)
    assert "転出届" not in invitation.text  # no sample roadmap item of a real department


def test_the_first_chat_loads_the_demo_once_and_dxdesk_demo_warns(tmp_path: Path):
    first = run(["chat"], tmp_path, "VLOOKUPってどう使うの？\n")
    assert first.returncode == 0, first.stderr
    assert "お試し用のサンプルデータを読み込みました" in first.stdout and "VLOOKUP" in first.stdout
    second = run(["chat"], tmp_path, "こんにちは\n")
    assert "サンプルデータ" not in second.stdout
    again = run(["demo"], tmp_path)
    assert "すでに読み込まれています" in again.stdout


def test_dxdesk_demo_keeps_samples_out_of_a_real_faq(tmp_path: Path):
    (tmp_path / "faq.csv").write_text("id,question,answer\nA-1,庁内Wi-Fiのパスワードは？,総務課にお問い合わせください。\n",
                                      encoding="utf-8")
    assert run(["faq", "import", str(tmp_path / "faq.csv")], tmp_path).returncode == 0
    refused = run(["demo"], tmp_path)
    assert refused.returncode == 1 and "すでにFAQが1件あります" in refused.stdout


async def test_the_office_speaks_with_its_own_name(app_factory, clock):
    app = await app_factory(clock=clock, office_name="デジタル変革戦略室", signature="デジタル変革戦略室（内線 1234）")
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")  # the first local user is the admin
    staff = Person(app, "yamada", "山田")
    await staff.say("使い方")
    assert "デジタル変革戦略室の相談窓口" in staff.text() and "DX推進室" not in staff.text()
    await staff.command("checkin start")
    assert "デジタル変革戦略室にご相談ください" in staff.text() and "DX推進室" not in staff.text()

    await admin.command("meeting set 毎月第2火曜 15:00")
    assert "デジタル変革戦略室 室内会議" in admin.text()
    await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    delivered = RecordingNotifier()
    app.add_notifier(delivered)
    app.worker.start()
    await app.worker.drain(timeout=10)
    invitation = next(reply for to, reply in delivered.delivered if "進捗報告のお願い" in reply.plain_text())
    assert invitation.text.endswith("デジタル変革戦略室（内線 1234）")


async def test_the_demo_faq_names_the_office_by_its_own_name(app_factory):
    app = await app_factory(sample_data=False, office_name="デジタル変革戦略室")
    assert await load_demo(app) is not None
    entries = await app.faq.list_entries()
    assert not [e.id for e in entries if "DX推進室" in e.question + e.answer + "".join(e.alternates)]
    assert sum("デジタル変革戦略室" in e.answer for e in entries) >= 10
    staff = Person(app, "yamada", "山田")
    await staff.say("DX推進員って何をする人？")
    assert "DX推進室" not in staff.text()
