"""A campaign start killed with SIGKILL, then completed by the next process (issue 17, point 1).

A child process opens a check-in or an assessment to `n` liaisons on Slack (a fake Web API in the
parent process) and is killed with SIGKILL at an exact point of one phase: inside the transaction
that writes the plan, right after its commit, or while Slack holds the k-th invitation unanswered
(mid fan-out, rows leased; that one sent but not marked). A fresh process on the same database
then starts its delivery worker and the admin repeats the start command, as the docs tell them
to. Counted at the fake, per liaison: invitations received. Used by `tests/integration/test_campaign_crash.py` and
`bench/faults.py`.
"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.app.composition import App, build_app, create_web_app
from bot.core.model import Person, Role
from tests.conftest import make_settings
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.checkins import member

ROOT = Path(__file__).resolve().parents[1]
# 「強制」: the processes run on the real clock, and at night invitations would wait for office hours
# (campaigns, sixth round); this is about a crash, not the hour.
COMMANDS = {"checkin": "checkin start 強制", "assessment": "assessment start 強制"}
INVITE_KEYS = {"checkin": "checkin:invite:", "assessment": ":invite:"}

CHILD = textwrap.dedent("""
    import asyncio, json, sys
    from datetime import timedelta
    from pathlib import Path
    from bot.app.composition import build_app, create_web_app
    from bot.core.model import Role
    from tests.checkins_fakes import member
    from tests.conftest import make_settings

    def die_at(phase):
        # SIGKILL this process at an exact point of the campaign start (test code, not the bot's).
        import functools, os, signal
        import storage.assessment.repo as assessment_repo
        import storage.checkins.repo as checkins_repo

        def die():
            os.kill(os.getpid(), signal.SIGKILL)

        if phase == "plan":  # the plan is written, its transaction not committed
            for module in (checkins_repo, assessment_repo):
                async def add_then_die(session, items, *args, _add=module.add_outbox_rows, **kwargs):
                    await _add(session, items, *args, **kwargs)
                    die()
                module.add_outbox_rows = add_then_die
        elif phase == "committed":  # the plan is committed, nothing delivered yet
            for cls, name in ((checkins_repo.SqlCheckins, "open_with_invitations"),
                              (assessment_repo.SqlAssessment, "create_campaign")):
                def wrap(original):
                    @functools.wraps(original)
                    async def run_then_die(*args, **kwargs):
                        result = await original(*args, **kwargs)
                        die()
                        return result
                    return run_then_die
                setattr(cls, name, wrap(getattr(cls, name)))

    async def main():
        url, data, command, overrides = sys.argv[1], Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
        die_at(sys.argv[5])
        app = await build_app(make_settings(data, url, **overrides))
        await create_web_app(app)
        app.worker.lease = timedelta(seconds=3)  # the next process takes a dead worker's rows soon
        app.worker.poll_interval = 0.05
        app.worker.start()
        admin = await member(app, "boss", "管理者", "DX推進室", Role.ADMIN)
        print("READY", flush=True)
        await admin.command(command)
        print("STARTED", admin.text().replace("\\n", " ")[:200], flush=True)
        await asyncio.sleep(600)

    asyncio.run(main())
""")


@dataclass
class Outcome:
    """Per-liaison invitation counts after the crash and the recovery."""

    liaisons: int
    killed_after: int  # invitations Slack had accepted when the child was killed
    counts: Counter[str]
    seconds: float
    planned: int = 0  # invitations in the outbox after the kill, before recovery: 0 or all, never some

    @property
    def lost(self) -> int:
        return sum(1 for i in range(1, self.liaisons + 1) if self.counts[channel(i)] == 0)

    @property
    def doubled(self) -> int:
        return sum(1 for n in self.counts.values() if n > 1)


def channel(i: int) -> str:
    return f"D0L{i:03d}"


def invitations(api: FakeSlackApi) -> Counter[str]:
    """Invitation DMs the fake accepted, per liaison DM channel."""
    return Counter(str(c.params.get("channel")) for c in api.calls_to("chat.postMessage")
                   if str(c.params.get("channel", "")).startswith("D0L"))


async def seed(url: str, data: Path, api: FakeSlackApi, n: int) -> None:
    """`n` liaisons on Slack (U0L001 ...) in two departments per ten people."""
    app = await build_app(make_settings(data, url, **SlackBot.settings(api)))
    try:
        await app.services.people.save_many([Person(id=0, display_name=f"推進員{i}", slack_id=f"U0L{i:03d}",
                                                    role=Role.LIAISON, department=f"課{i // 2:03d}")
                                             for i in range(1, n + 1)])
    finally:
        await app.close()


async def run(url: str, data: Path, job: str, *, liaisons: int = 300, kill_at: str = "",
              kill_in_flight: int | None = None, timeout: float = 120.0, replicas: int = 1) -> Outcome:
    """Start `job` in a child, SIGKILL it, complete it with `replicas` fresh apps (each with its
    delivery worker, each admin repeating the command at the same moment); count what Slack received.

    The kill comes at an exact point: `kill_at="plan"` (the plan written, its transaction not
    committed), `kill_at="committed"` (right after the commit, before the worker sends), or
    `kill_in_flight=k` (the moment Slack has received the k-th invitation, before its answer
    leaves: that row is sent but not marked)."""
    if not kill_at and kill_in_flight is None:
        raise ValueError("say where to kill the child: kill_at or kill_in_flight")
    started = time.monotonic()
    api = await FakeSlackApi().start()
    try:
        await seed(url, data, api, liaisons)
        overrides = SlackBot.settings(api)
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", CHILD, url, str(data), COMMANDS[job], json.dumps(overrides), kill_at, cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if kill_in_flight is not None:
            seen = Counter[str]()

            def kill_at_kth(call: Any) -> None:
                if call.method == "chat.postMessage" and str(call.params.get("channel", "")).startswith("D0L"):
                    seen["invitations"] += 1
                    if seen["invitations"] == kill_in_flight and child.returncode is None:
                        child.send_signal(signal.SIGKILL)  # before the fake answers this request
            api.listeners.append(kill_at_kth)
        try:
            line = await asyncio.wait_for(child.stdout.readline(), timeout=60)  # type: ignore[union-attr]
            if line.split()[:1] != [b"READY"]:
                raise AssertionError((line, await child.stderr.read()))  # type: ignore[union-attr]
            await asyncio.wait_for(child.wait(), timeout=60)  # it dies at the chosen point
            if child.returncode != -signal.SIGKILL:
                raise AssertionError((child.returncode, await child.stderr.read()))  # type: ignore[union-attr]
        finally:
            if child.returncode is None:
                child.send_signal(signal.SIGKILL)
            await child.wait()
        killed_after = sum(invitations(api).values())

        apps = [await build_app(make_settings(data, url, **overrides)) for _ in range(replicas)]
        try:
            bosses = {str(p.id) for p in await apps[0].services.people.list(Role.ADMIN)}
            planned = sum(1 for r in await apps[0].outbox.list() if INVITE_KEYS[job] in (r.dedupe_key or "")
                          and r.destination.get("address") not in bosses)
            admins = []
            for app in apps:
                await create_web_app(app)
                app.worker.poll_interval = 0.05
                app.worker.start()
                admins.append(await member(app, "boss", "管理者", "DX推進室", Role.ADMIN))
            # Opens it, or says it is already open; replicas at the same moment.
            await asyncio.gather(*(admin.command(COMMANDS[job]) for admin in admins))
            await _until_delivered(apps[0], api, liaisons, job, started + timeout)
        finally:
            for app in apps:
                await app.close()
        return Outcome(liaisons, killed_after, invitations(api), time.monotonic() - started, planned)
    finally:
        await api.close()


async def _until_delivered(app: App, api: FakeSlackApi, n: int, job: str, deadline: float) -> None:
    """Every liaison invited and their invitations settled in the outbox, or the deadline."""
    admins = {str(p.id) for p in await app.services.people.list(Role.ADMIN)}
    while time.monotonic() < deadline:
        rows = [r for r in await app.outbox.list() if INVITE_KEYS[job] in (r.dedupe_key or "")
                and r.destination.get("address") not in admins]  # the admin is a console person
        if len(invitations(api)) >= n and rows and all(r.status in ("sent", "failed") for r in rows):
            await asyncio.sleep(0.5)  # a double would show up now
            return
        await asyncio.sleep(0.1)

