"""A campaign start killed with SIGKILL, then completed by the next process (issue 17, point 1).

A child process opens a check-in or an assessment to `n` liaisons on Slack (a fake Web API in the
parent process) and is killed with SIGKILL at a chosen moment: a few milliseconds into the
command (before or during the transaction that opens the campaign) or after `k` invitations
reached Slack (mid fan-out, rows leased). A fresh process on the same database then starts its
delivery worker and the admin repeats the start command, as the docs tell them to. Counted at the
fake, per liaison: invitations received. Used by `tests/integration/test_campaign_crash.py` and
`bench/faults.py`.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.app.composition import App, build_app, create_web_app
from bot.core.model import Person, Role
from tests.conftest import make_settings
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.support.checkins import member

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {"checkin": "checkin start", "assessment": "assessment start"}
INVITE_KEYS = {"checkin": "checkin:invite:", "assessment": ":invite:"}

CHILD = textwrap.dedent("""
    import asyncio, json, sys
    from datetime import timedelta
    from pathlib import Path
    from bot.app.composition import build_app, create_web_app
    from bot.core.model import Role
    from tests.checkins_fakes import member
    from tests.conftest import make_settings

    async def main():
        url, data, command, overrides = sys.argv[1], Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
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
        for i in range(1, n + 1):
            await app.services.people.save(Person(id=0, display_name=f"推進員{i}", slack_id=f"U0L{i:03d}",
                                                  role=Role.LIAISON, department=f"課{i // 2:03d}"))
    finally:
        await app.close()


async def run(url: str, data: Path, job: str, *, liaisons: int = 300, kill_after: int | None = None,
              kill_delay: float = 0.0, timeout: float = 120.0, replicas: int = 1) -> Outcome:
    """Start `job` in a child, SIGKILL it (after `kill_after` invitations reached Slack, or
    `kill_delay` s into the command), complete it with `replicas` fresh apps (each with its delivery
    worker, each admin repeating the command at the same moment); count what Slack received."""
    started = time.monotonic()
    api = await FakeSlackApi().start()
    try:
        await seed(url, data, api, liaisons)
        overrides = SlackBot.settings(api)
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", CHILD, url, str(data), COMMANDS[job], json.dumps(overrides), cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            line = await asyncio.wait_for(child.stdout.readline(), timeout=60)  # type: ignore[union-attr]
            if line.split()[:1] != [b"READY"]:
                raise AssertionError((line, await child.stderr.read()))  # type: ignore[union-attr]
            if kill_after is None:
                await asyncio.sleep(kill_delay)
            else:
                deadline = time.monotonic() + 60
                while sum(invitations(api).values()) < kill_after:
                    if time.monotonic() > deadline:
                        raise AssertionError(f"only {sum(invitations(api).values())} invitations before the kill")
                    await asyncio.sleep(0.005)
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


def random_delay(seed_: int) -> float:
    """Kill moments spread over the command's first 400 ms (before, in and after its transaction)."""
    return random.Random(seed_).uniform(0.0, 0.4)

