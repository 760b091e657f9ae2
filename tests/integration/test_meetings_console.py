"""Meetings through the command line: `dxdesk users import` a roster, an admin sets a meeting and
sends the reminder in `dxdesk chat`, a liaison answers by typing in another chat session, and
the answers are there for the admin afterwards (nothing lost between processes)."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_console_chat import run
from tests.support.dialogue import Person

ROSTER = "氏名,所属,役割,ローカルID\n室長,DX推進室,管理者,local\ntanaka,企画課,兼務職員,tanaka\n"


async def test_meeting_reminder_and_typed_answers_in_the_local_chat(tmp_path: Path, app_factory):
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    imported = run(["users", "import", str(tmp_path / "roster.csv")], tmp_path)
    assert imported.returncode == 0 and "2名を取り込みました（新規 2名" in imported.stdout, imported.stderr

    admin = run(["chat"], tmp_path, "/dx meeting set 毎月第2火曜 15:00 | 場所: 本庁舎3階会議室\n"
                "/dx meeting send-now 強制\n")
    assert admin.returncode == 0, admin.stderr
    out = admin.stdout
    assert "会議 M-1 を登録しました" in out and "兼務職員1名に送信しました" in out
    assert "📨 → tanaka（tanaka）宛: " in out and "代理出席" not in out  # kept for tanaka's own chat

    liaison = run(["chat", "--user", "tanaka"], tmp_path, "代理で山田が出ます\n議題: 電子申請の進捗共有\n")
    assert "留守中に届いたメッセージ（1件）" in liaison.stdout and "[1] 出席  [2] 欠席  [3] 代理出席" in liaison.stdout
    assert "代理出席（山田）" in liaison.stdout and "議題を受け付けました" in liaison.stdout
    assert "Traceback" not in admin.stderr + liaison.stderr

    app = await app_factory(database_url=f"sqlite+aiosqlite:///{tmp_path / 'data' / 'dxdesk.db'}")
    office = Person(app, "local", "室長")
    await office.command("meeting rsvps")
    assert "代理出席 1名" in office.text() and "山田" in office.text()
    await office.command("meeting agenda")
    assert "電子申請の進捗共有（tanaka（企画課））" in office.text()
