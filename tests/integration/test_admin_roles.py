"""Every admin command run by an admin, a liaison and a staff member: admins get their answer,
the others a refusal that says why and shows no data; every admin action lands in the audit log.
Also: the local chat through stdin (files saved, path shown) and a restart on the same database."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.core.model import Role
from tests.support.admin import (
    ADMIN,
    LIAISON,
    STAFF,
    checkins_service,
    seed_assessment,
    seed_people,
    seed_progress,
    seed_questions,
)
from tests.support.dialogue import Person

# (command, produces a file)
ADMIN_COMMANDS = [
    ("summary progress", False),
    ("summary progress 2026-10", False),
    ("summary assessment", False),
    ("summary faq", False),
    ("summary faq 2026-11", False),
    ("export progress", True),
    ("export progress csv", True),
    ("export assessment", True),
    ("export assessment csv", True),
    ("export faq", True),
    ("export faq csv 全期間 BOMなし", True),
    ("chart progress", True),
    ("chart trend", True),
    ("chart trend 市民課", True),
    ("chart assessment", True),
    ("audit", False),
    ("summary", False),
    ("export", False),
    ("chart", False),
]
# What a refusal must never contain: figures or names from the data set.
SECRETS = ("市民課", "65%", "質問の50%", "庁内運動会", "エクセル関数", "suzuki")


@pytest.fixture
async def app(app_factory, clock):
    app = await app_factory(clock=clock)
    people = await seed_people(app)
    await seed_questions(app)
    checkins_service(app)
    await seed_progress(app)
    await seed_assessment(app, people)
    return app


async def test_admin_runs_every_report_command(app):
    admin = Person(app, ADMIN)
    for command, makes_file in ADMIN_COMMANDS:
        await admin.command(command)
        text = admin.text()
        assert admin.replies, command
        assert "管理者のみ" not in text and "エラー番号" not in text, (command, text)
        files = [a for r in admin.replies for a in r.attachments]
        assert bool(files) == makes_file, (command, text)


@pytest.mark.parametrize("user", [LIAISON, STAFF])
async def test_liaison_and_staff_are_refused_without_data(app, user):
    person = Person(app, user)
    for command, _ in ADMIN_COMMANDS:
        await person.command(command)
        text = person.text()
        assert text == "このコマンドは管理者のみ利用できます。必要な場合はDX推進室にご相談ください。", (command, text)
        assert not any(secret in text for secret in SECRETS)
        assert not [a for r in person.replies for a in r.attachments]


async def test_japanese_forms_are_refused_too(app):
    staff = Person(app, STAFF)
    for typed in ("/dx 集計 進捗", "dx 書き出し よくある質問 csv", "/dx グラフ 推移", "dx　集計　診断"):
        await staff.say(typed)
        assert "管理者のみ" in staff.text(), typed


async def test_every_admin_action_and_refusal_is_audited(app):
    admin, staff = Person(app, ADMIN), Person(app, STAFF)
    await admin.command("summary faq 2026-11")
    await admin.command("export faq csv")
    await admin.command("summary progress 2026-13")  # refused as bad input: still recorded
    await staff.command("export progress")
    entries = await app.services.audit.list(10)
    seen = [(e.action, e.detail, e.result) for e in reversed(entries)]
    assert seen == [
        ("summary faq", "2026-11", "ok"),
        ("export faq", "csv", "ok"),
        ("summary progress", "2026-13", "refused: admin.month.invalid"),
        ("export progress", "", "denied"),
    ]
    people = {p.local_id: p for p in await app.services.people.list()}
    assert entries[0].actor == f"{people[STAFF].id}:{STAFF}"
    assert entries[-1].actor.startswith(f"{people[ADMIN].id}:")
    # Admins can read the log in chat; staff cannot.
    await admin.command("audit")
    assert "/dx 書き出し 進捗" in admin.text() and "権限なし" in admin.text()
    await staff.command("audit")
    assert "export progress" not in staff.text()


async def test_help_lists_report_commands_only_for_admins(app):
    for user, expected in ((ADMIN, True), (LIAISON, False), (STAFF, False)):
        person = Person(app, user)
        await person.command("help 集計")  # the full grammar of the reports group (issue 15.6)
        text = person.text()
        for line in ("/dx 要約 進捗", "/dx 要約 FAQ", "/dx 書き出し FAQ", "/dx グラフ 推移",
                     "/dx グラフ 診断", "/dx 要約 診断"):
            assert (line in text) is expected, (user, line)


async def test_a_demoted_admin_is_refused_from_then_on(app):
    admin = Person(app, ADMIN)
    await admin.command("summary faq")
    assert "FAQ利用状況" in admin.text()
    record = await app.services.people.find(ADMIN)
    record.role = Role.LIAISON
    await app.services.people.save(record)
    await admin.command("summary faq")
    assert "管理者のみ" in admin.text()


async def test_reports_survive_a_restart_on_the_same_database(app_factory, clock, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'restart.db'}"
    first = await app_factory(database_url=url, clock=clock)
    await seed_people(first)
    await seed_questions(first)
    checkins_service(first)
    await seed_progress(first)
    await Person(first, ADMIN).command("summary faq 2026-11")
    await first.close()

    second = await app_factory(database_url=url, clock=clock)
    checkins_service(second)
    admin = Person(second, ADMIN)
    await admin.command("export progress 2026-11")
    sheet = load_workbook(io.BytesIO(admin.replies[0].attachments[0].content)).active
    assert sheet.max_row == 4  # the header and the three departments that reported in November
    await admin.command("summary faq 2026-11")
    assert any(f.value.startswith("8件") for f in admin.replies[0].fields)
    # The first run's admin action is still in the audit log.
    assert [e.action for e in await second.services.audit.list(5)][-1] == "summary faq"


def test_local_chat_saves_files_and_shows_their_path(tmp_path: Path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DXDESK_", "DATABASE_URL", "SLACK_"))}
    environment["DXDESK_DATA_DIR"] = str(tmp_path / "data")
    lines = "こんにちは\nVLOOKUPってどう使うの？\n1\n/dx summary faq\n/dx export faq\n/dx 書き出し よくある質問 csv\n"
    result = subprocess.run([sys.executable, "-m", "bot.app", "chat"], input=lines, capture_output=True, text=True,
                            env=environment, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "FAQ利用状況" in out and "質問数: 1件" in out
    files = tmp_path / "data" / "files"
    saved = sorted(p.name for p in files.iterdir())
    assert len(saved) == 2 and saved[0].endswith(".csv") and saved[1].endswith(".xlsx")
    for name in saved:
        assert str(files / name) in out
    sheet = load_workbook(files / saved[1]).active
    assert sheet["C2"].value == "VLOOKUPってどう使うの？"
    assert (files / saved[0]).read_bytes().startswith(b"\xef\xbb\xbf")
    # Another local user is staff and gets no file.
    other = subprocess.run([sys.executable, "-m", "bot.app", "chat", "--user", "tanaka"], input="/dx export faq\n",
                           capture_output=True, text=True, env=environment, timeout=120, cwd=tmp_path)
    assert "管理者のみ" in other.stdout
    assert len(list(files.iterdir())) == 2
