"""Two `dxdesk chat` processes on one data folder (issue 17, point 6): each shows its own user's
proactive messages, exactly once; neither takes nor fails the other's.

Real processes: `python -m bot.app chat` with piped stdin fed line by line and stdout read as it
comes, on one SQLite data folder (and one PostgreSQL database when DXDESK_TEST_PG_URL is set).
"""

from __future__ import annotations

import asyncio
import io
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.adapters.console import ConsoleChat, ConsoleNotifier
from bot.app.composition import hold_console_user, release_console_users
from bot.core.model import Person
from bot.core.replies import Destination, Reply
from tests.conftest import create_pg_database, drop_pg_database, pg_admin_url

DXDESK = [sys.executable, "-m", "bot.app"]
ROOT = Path(__file__).resolve().parents[2]
QUESTION = "来週の庁内運動会の雨天時の集合場所"
ANSWER = "体育館に集合です。"
OTHER_QUESTION = "庁舎屋上の鳩よけネットの交換時期"
OTHER_ANSWER = "来年四月に交換します。"


def environment(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DXDESK_", "DATABASE_URL", "SLACK_"))}
    env.update({"DXDESK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"})
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


class Chat:
    """One running `dxdesk chat --user NAME`: `say` a line, `expect` text on its stdout."""

    def __init__(self, user: str, env: dict[str, str], cwd: Path) -> None:
        self.user = user
        self.proc = subprocess.Popen(DXDESK + ["chat", "--user", user], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    @property
    def output(self) -> str:
        while True:
            try:
                self.seen.append(self.lines.get_nowait())
            except queue.Empty:
                return "".join(self.seen)

    def say(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def expect(self, text: str, timeout: float = 60.0) -> str:
        """Wait (bounded) until `text` has appeared on stdout; returns the output so far."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None and self.lines.empty():
                raise AssertionError(f"{self.user}: {text!r} not shown; output:\n{self.output}\n"
                                     f"stderr:\n{self.stderr_if_done()}")
            try:
                self.seen.append(self.lines.get(timeout=min(left, 0.5)))
            except queue.Empty:
                pass
        return self.output

    def stderr_if_done(self) -> str:
        return self.proc.stderr.read() if self.proc.poll() is not None and self.proc.stderr else "(running)"

    def finish(self, timeout: float = 60.0) -> tuple[str, str]:
        """Close stdin (the chat drains and exits); returns all of stdout and stderr."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        self.reader.join(timeout=10)
        stderr = self.proc.stderr.read() if self.proc.stderr else ""
        return self.output, stderr


@contextmanager
def chats(*users: str, env: dict[str, str], cwd: Path) -> Iterator[list[Chat]]:
    running = [Chat(user, env, cwd) for user in users]
    try:
        yield running
    finally:
        for chat in running:
            if chat.proc.poll() is None:
                chat.proc.kill()
                chat.proc.wait()


def one_shot(user: str, lines: str, env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(DXDESK + ["chat", "--user", user], input=lines, capture_output=True, text=True, check=False,
                            env=env, cwd=cwd, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def proactive(output: str, me: str = "") -> list[tuple[str, str]]:
    """The proactive messages a chat printed, as (for whom, text). This chat's own user's (`me`)
    start a line with 「📨 DX Desk>」 and run until the next message or reply; someone else's is
    one line 「📨 → name（user）宛: first line …」 (fourth round, 2026-12-05)."""
    messages: list[tuple[str, str]] = []
    current: list[str] | None = None
    for line in output.splitlines():
        if line.startswith(("DX Desk>", "📨 ", "📬 ")):
            current = None
            if line.startswith("📨 DX Desk> "):
                messages.append((me, line[len("📨 DX Desk> "):]))
                current = [line]
            elif line.startswith("📨 → "):
                who, _, text = line[len("📨 → "):].partition("宛: ")
                messages.append((who.partition("（")[2].rstrip("）") or who, text))
        elif current is not None:
            messages[-1] = (messages[-1][0], messages[-1][1] + "\n" + line)
    return messages


def delivered(text: str, output: str, to: str = "", me: str = "") -> int:
    """How many proactive messages containing `text` (for `to`, when given) a chat printed."""
    return sum(1 for who, body in proactive(output, me) if text in body and (not to or who == to))


def two_chats_keep_their_own_messages(tmp_path: Path, database_url: str) -> tuple[str, str]:
    env = environment(tmp_path, database_url)
    # The first local user of a fresh install is its admin (and loads the demo).
    one_shot("kanri", "こんにちは\n", env, tmp_path)
    # Someone who is in no running chat asks a question nobody can answer yet; its notice
    # reached the admin while only suzuki's chat ran (one chat alone shows everyone's messages).
    first = one_shot("suzuki", f"{OTHER_QUESTION}\n1\n", env, tmp_path)
    assert delivered("Q-1", first, to="kanri") == 1, first
    with chats("kanri", "tanaka", env=env, cwd=tmp_path) as (admin, staff):
        admin.say("こんにちは")
        admin.expect("DX Desk>")
        staff.say("こんにちは")
        staff.expect("DX Desk>")
        # tanaka forwards a question: the notice is for the admin, shown in the admin's terminal.
        staff.say(QUESTION)
        staff.expect("見つかりませんでした")
        staff.say("1")
        staff.expect("Q-2")
        admin.expect("Q-2")
        # The admin answers it: the answer is for tanaka, shown in tanaka's terminal.
        admin.say(f"/dx faq answer Q-2 {ANSWER}")
        staff.expect(ANSWER)
        # suzuki's answer: suzuki runs no chat, so either chat may show it (once).
        admin.say(f"/dx faq answer Q-1 {OTHER_ANSWER}")
        admin.expect("Q-1")
        deadline = time.monotonic() + 60
        while "（suzuki）宛" not in admin.output + staff.output and time.monotonic() < deadline:
            time.sleep(0.2)
        admin_out, admin_err = admin.finish()
        staff_out, staff_err = staff.finish()
    assert admin.proc.returncode == 0 and staff.proc.returncode == 0, admin_err + staff_err
    assert "Traceback" not in admin_err + staff_err
    # suzuki opens a chat later: the answer kept for them is shown first, in full.
    later = one_shot("suzuki", "", env, tmp_path)
    assert "留守中に届いたメッセージ（1件）" in later and OTHER_ANSWER in later, later
    return admin_out, staff_out


def check(admin_out: str, staff_out: str) -> None:
    # The admin's notice of Q-2: in the admin's chat once, never in tanaka's.
    assert delivered("Q-2", admin_out, to="kanri", me="kanri") == 1, admin_out
    assert not [m for m in proactive(staff_out, "tanaka") if m[0] == "kanri"], staff_out
    # The answer for tanaka: in tanaka's chat once, never in the admin's.
    assert delivered(ANSWER, staff_out, to="tanaka", me="tanaka") == 1, staff_out
    assert not [m for m in proactive(admin_out, "kanri") if m[0] == "tanaka"], admin_out
    # suzuki's answer: suzuki runs no chat, so exactly one of the two notes it (one line, kept for
    # suzuki's own chat).
    assert (delivered("", admin_out, to="suzuki", me="kanri")
            + delivered("", staff_out, to="suzuki", me="tanaka")) == 1, (admin_out, staff_out)


def outbox_states_sqlite(tmp_path: Path) -> dict[str, int]:
    with sqlite3.connect(tmp_path / "data" / "dxdesk.db") as db:
        return dict(db.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())


def test_two_chats_on_one_sqlite_folder_each_show_their_own_users_messages(tmp_path):
    admin_out, staff_out = two_chats_keep_their_own_messages(tmp_path, "")
    check(admin_out, staff_out)
    # Nothing was failed or left behind by the chat it was not for.
    states = outbox_states_sqlite(tmp_path)
    assert set(states) == {"sent"}, states


async def test_two_chats_on_one_postgresql_database(tmp_path):
    if not pg_admin_url():
        pytest.skip("PostgreSQL tests need DXDESK_TEST_PG_URL (set by .ci/run)")
    url = await create_pg_database()
    try:
        admin_out, staff_out = await asyncio.to_thread(two_chats_keep_their_own_messages, tmp_path, url)
        check(admin_out, staff_out)
        import asyncpg
        from sqlalchemy.engine import make_url

        target = make_url(url)
        conn = await asyncpg.connect(host=target.host, port=target.port or 5432, user=target.username,
                                     password=target.password, database=target.database)
        try:
            rows = await conn.fetch("SELECT status, count(*) AS n FROM outbox GROUP BY status")
        finally:
            await conn.close()
        assert {r["status"] for r in rows} == {"sent"}, rows
    finally:
        await drop_pg_database(url)


# --- a server and a chat on one database, in one test process --------------------------------------
class WebNotifier:
    """The server's web desk as the delivery worker sees it: reaches anyone with an e-mail address."""

    platform = "web"

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def can_reach(self, person: Person) -> bool:
        return bool(person.email)

    async def deliver(self, destination: Destination, person: Person | None, reply: Reply) -> None:
        self.sent.append(reply.text)


async def shown(out: io.StringIO, text: str, timeout: float = 30.0) -> None:
    """Wait (bounded) until the chat has printed `text`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while text not in out.getvalue():
        assert loop.time() < deadline, f"{text!r} never shown: {out.getvalue()!r}"
        await asyncio.sleep(0.05)


async def test_a_server_leaves_a_chatting_person_to_their_chat_and_takes_them_back_after(app_factory):
    server = await app_factory()
    chat_app = await app_factory()
    web = WebNotifier()
    server.add_notifier(web)
    alice, carol = await server.services.people.save_many([
        Person(0, display_name="alice", local_id="alice", email="alice@city.example"),
        Person(0, display_name="carol", local_id="carol", email="carol@city.example")])
    out = io.StringIO()
    chat = ConsoleChat(chat_app.dispatcher.dispatch, user_id="alice", out=out)
    await hold_console_user(chat_app, "alice")
    chat_app.add_notifier(ConsoleNotifier(chat, presence=chat_app.presence))
    await server.outbox.enqueue(Destination("", "person", str(alice.id)), Reply(text="アリスさんへ 1"))
    await server.outbox.enqueue(Destination("", "person", str(carol.id)), Reply(text="キャロルさんへ"))
    # The server goes first: alice is in her chat, so only carol's message is the server's.
    await server.worker.drain(timeout=10)
    assert web.sent == ["キャロルさんへ"]
    # Given back unsent (no attempt spent) for a moment later: the chat's worker takes it then.
    chat_app.worker.start()
    await shown(out, "アリスさんへ 1")
    await chat_app.worker.stop()
    assert out.getvalue().count("アリスさんへ 1") == 1 and "キャロル" not in out.getvalue()
    rows = await server.outbox.list()
    assert {r.status for r in rows} == {"sent"}
    # The chat ends: alice is the server's to reach again (by the web desk), nothing failed.
    await release_console_users(chat_app)
    await server.outbox.enqueue(Destination("", "person", str(alice.id)), Reply(text="アリスさんへ 2"))
    await server.worker.drain(timeout=10)
    assert web.sent == ["キャロルさんへ", "アリスさんへ 2"]
    assert out.getvalue().count("アリスさんへ") == 1


async def test_a_chat_lease_lapses_when_its_process_stops_beating(any_db_url, app_factory):
    first = await app_factory(any_db_url)
    second = await app_factory(any_db_url)
    assert first.presence is not None and second.presence is not None
    await first.presence.hold("alice")
    assert await second.presence.held_by_another("alice")
    assert not await first.presence.held_by_another("alice")  # its own user
    assert not await second.presence.held_by_another("bob")
    # A chat killed with SIGKILL beats no more: once its lease is older than the ttl, nobody holds alice.
    second.presence.ttl = 0.0
    assert not await second.presence.held_by_another("alice")
    second.presence.ttl = 30.0
    await first.presence.leave()
    assert not await second.presence.held_by_another("alice")
