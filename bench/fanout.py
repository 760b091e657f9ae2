"""Reminder fan-out: one reminder to each of 1,000 liaisons through the durable outbox, against
fakes that enforce the platforms' documented rate limits and answer 429 + Retry-After beyond them.

Limits enforced (stated here, printed with the result):

* Slack chat.postMessage: 1 message per second per channel with short bursts (modelled as at most
  3 per channel in any 3 s), and a workspace-wide budget this bench assumes: 50 messages per
  second (Slack documents no fixed workspace figure for chat.postMessage). conversations.open
  (Tier 3, "50+ per minute") is NOT limited here; see docs/operations.md.
* Teams (Bot Connector): per bot per conversation 7 / 1 s, 8 / 2 s, 60 / 30 s; per app 50 / 1 s.

Half the liaisons are on Slack, half on Teams. The fakes run in a child process (Slack and Teams
do not share the bot's CPU in production); `--same-process` puts them on the bot's event loop. The theoretical minimum is the moment the last
message can be accepted under those sliding windows (both platforms drain in parallel). Printed:
elapsed, minimum, ratio (target <= 1.2), 429s answered, messages lost and doubled (both must be 0).

    .venv/bin/python bench/fanout.py [--liaisons 1000] [--postgresql [SERVER_URL]] [--workers 1] [--same-process]

The database is new for every run: a SQLite file, or with --postgresql a database created on that
server (default postgresql://postgres@127.0.0.1:5432/test) and dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict, deque
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.processes import free_port  # noqa: E402
from bot.app.composition import build_app, create_web_app  # noqa: E402
from bot.core.model import Person, Role  # noqa: E402
from bot.core.replies import Destination, Reply  # noqa: E402
from tests.conftest import create_pg_database, drop_pg_database, make_settings  # noqa: E402
from tests.fakes.bot_connector import BOT_ID, TENANT_ID, FakeBotConnector  # noqa: E402
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, FakeSlackApi  # noqa: E402

PG_SERVER = "postgresql://postgres@127.0.0.1:5432/test"
SLACK_CHANNEL_WINDOWS = ((3, 3.0),)
SLACK_WORKSPACE_WINDOWS = ((50, 1.0),)
TEAMS_CONVERSATION_WINDOWS = ((7, 1.0), (8, 2.0), (60, 30.0))
TEAMS_APP_WINDOWS = ((50, 1.0),)


class SlidingLimit:
    """Sliding-window request limits per key; `admit` returns 0 or the seconds to wait."""

    def __init__(self, windows: tuple[tuple[int, float], ...]) -> None:
        self.windows = windows
        self.seen: dict[str, deque[float]] = defaultdict(deque)

    def wait(self, key: str, now: float) -> float:
        stamps = self.seen[key]
        longest = max(w for _, w in self.windows)
        while stamps and stamps[0] <= now - longest:
            stamps.popleft()
        wait = 0.0
        for count, window in self.windows:
            inside = [t for t in stamps if t > now - window]
            if len(inside) >= count:
                wait = max(wait, inside[-count] + window - now)
        return wait

    def record(self, key: str, now: float) -> None:
        self.seen[key].append(now)


def admit(limits: list[tuple[SlidingLimit, str]]) -> float:
    """0 when every limit has room (and the request is counted), else the longest wait."""
    now = time.monotonic()
    wait = max(limit.wait(key, now) for limit, key in limits)
    if wait <= 0:
        for limit, key in limits:
            limit.record(key, now)
    return wait


def minimum_seconds(n: int, windows: tuple[tuple[int, float], ...]) -> float:
    """When the n-th request can be accepted at the earliest under one key's sliding windows."""
    return max((math.ceil(n / count) - 1) * window for count, window in windows)


class LimitedSlack(FakeSlackApi):
    """The fake Slack Web API with chat.postMessage limits."""

    def __init__(self) -> None:
        super().__init__()
        self.channel_limit = SlidingLimit(SLACK_CHANNEL_WINDOWS)
        self.workspace_limit = SlidingLimit(SLACK_WORKSPACE_WINDOWS)
        self.refused = 0

    async def _api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["method"] == "chat.postMessage":
            raw = await request.read()  # aiohttp caches it for the real handler
            params = json.loads(raw) if request.content_type == "application/json" else dict(
                __import__("urllib.parse").parse.parse_qsl(raw.decode()))
            wait = admit([(self.channel_limit, str(params.get("channel"))), (self.workspace_limit, "")])
            if wait > 0:
                self.refused += 1
                return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                         headers={"Retry-After": str(max(1, math.ceil(wait)))})
        return await super()._api(request)


class LimitedConnector(FakeBotConnector):
    """The fake Bot Connector with Teams' per-conversation and per-app limits."""

    def __init__(self) -> None:
        super().__init__()
        self.conversation_limit = SlidingLimit(TEAMS_CONVERSATION_WINDOWS)
        self.app_limit = SlidingLimit(TEAMS_APP_WINDOWS)
        self.refused = 0

    async def _send(self, request: web.Request) -> web.Response:
        wait = admit([(self.conversation_limit, request.match_info["conversation_id"]), (self.app_limit, "")])
        if wait > 0:
            self.refused += 1
            return web.json_response({"error": {"code": "Throttled", "message": "too many requests"}},
                                     status=429, headers={"Retry-After": str(max(1, math.ceil(wait)))})
        return await super()._send(request)


class Fakes:
    """Both limited fakes and what they counted: in this process, or served by a child process (the
    default: Slack and Teams do not share the bot's CPU in production, so neither do the fakes)."""

    def __init__(self) -> None:
        self.slack: LimitedSlack | None = None
        self.teams: LimitedConnector | None = None
        self.delivered: Counter[str] = Counter()
        self.child: subprocess.Popen[bytes] | None = None
        self.slack_url = self.teams_url = self.stats_url = ""

    async def start(self, separate: bool) -> Fakes:
        if separate:
            # The child's stdin is this process's pipe: when this process ends, however it ends,
            # the child reads end-of-file and stops.
            self.child = subprocess.Popen([sys.executable, __file__, "--serve-fakes"], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE)
            assert self.child.stdout is not None
            line = await asyncio.to_thread(self.child.stdout.readline)
            if not line:
                raise RuntimeError("the fakes' process did not start")
            urls = json.loads(line)
            self.slack_url, self.teams_url, self.stats_url = urls["slack"], urls["teams"], urls["stats"]
            return self
        self.slack, self.teams = await LimitedSlack().start(), await LimitedConnector().start()
        self.slack.keep_calls = False
        self.slack.listeners.append(lambda call: self.delivered.update([str(call.params.get("text"))])
                                    if call.method == "chat.postMessage" else None)
        self.slack_url, self.teams_url = self.slack.base_url, self.teams.url
        return self

    async def stats(self) -> dict[str, Any]:
        """Texts delivered (with counts) and 429s answered, on both platforms."""
        if self.child is None:
            assert self.slack is not None and self.teams is not None
            return _stats(self.slack, self.teams, self.delivered)
        async with aiohttp.ClientSession() as session, session.get(self.stats_url) as response:
            return dict(await response.json())

    async def close(self) -> None:
        if self.child is not None:
            assert self.child.stdin is not None
            self.child.stdin.close()
            self.child.terminate()
            await asyncio.to_thread(self.child.wait)
        if self.slack is not None and self.teams is not None:
            await self.slack.close()
            await self.teams.close()


def _stats(slack: LimitedSlack, teams: LimitedConnector, delivered: Counter[str]) -> dict[str, Any]:
    texts = Counter(delivered)
    texts.update(call.text for call in teams.posts())
    return {"delivered": dict(texts), "slack_429": slack.refused, "teams_429": teams.refused}


async def serve_fakes() -> None:
    """Child process: serve both fakes and their counts until terminated."""
    slack, teams = await LimitedSlack().start(), await LimitedConnector().start()
    slack.keep_calls = False
    delivered: Counter[str] = Counter()
    slack.listeners.append(lambda call: delivered.update([str(call.params.get("text"))])
                           if call.method == "chat.postMessage" else None)

    async def stats(_: web.Request) -> web.Response:
        return web.json_response(_stats(slack, teams, delivered))

    app = web.Application()
    app.router.add_get("/stats", stats)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print(json.dumps({"slack": slack.base_url, "teams": teams.url, "stats": f"http://127.0.0.1:{port}/stats"}),
          flush=True)
    await asyncio.to_thread(sys.stdin.buffer.read)  # until the parent closes the pipe or dies


async def run(liaisons: int, postgresql: str, workers: int, separate: bool) -> dict[str, Any]:
    data = Path(tempfile.mkdtemp(prefix="dxdesk-fanout-"))
    url = f"sqlite+aiosqlite:///{data / 'fanout.db'}"
    if postgresql:
        os.environ["DXDESK_TEST_PG_URL"] = postgresql
        url = await create_pg_database()
    fakes = Fakes()
    try:
        await fakes.start(separate)
        return await fan_out(liaisons, url, data, workers, separate, fakes)
    finally:
        await fakes.close()
        if postgresql:
            await drop_pg_database(url)


async def fan_out(liaisons: int, url: str, data: Path, workers: int, separate: bool,
                  fakes: Fakes) -> dict[str, Any]:
    # The Slack workspace and Teams per-app budgets are for all workers together: on PostgreSQL the
    # workers divide them through the database (DXDESK_RATE_BUDGET=auto); on SQLite each counts only
    # its own sends, so each is given its part of the Slack budget (Teams' per-app limit is fixed).
    shared = url.startswith("postgresql")
    settings = {"slack_bot_token": BOT_TOKEN, "slack_signing_secret": SIGNING_SECRET,
                "slack_api_url": fakes.slack_url, "teams_no_auth": True, "sample_data": False,
                "slack_max_messages_per_second": SLACK_WORKSPACE_WINDOWS[0][0] / (1 if shared else workers)}
    apps = []
    for i in range(workers):
        app = await build_app(make_settings(data / f"w{i}", url, **settings))
        await create_web_app(app)
        app.worker.poll_interval = 0.05
        apps.append(app)
    first = apps[0]
    n_slack = liaisons // 2
    expected: list[str] = []
    ids: list[int] = []
    for i in range(liaisons):
        on_slack = i < n_slack
        person = await first.services.people.save(Person(
            id=0, display_name=f"推進員{i}", role=Role.LIAISON,
            slack_id=f"U0F{i:05d}" if on_slack else "", teams_user_id="" if on_slack else f"29:fan-{i}"))
        if not on_slack:
            conversation = f"a:fanout-{i}"
            await first.refs.save("teams", conversation, {
                "activityId": None, "channelId": "msteams", "serviceUrl": fakes.teams_url,
                "user": {"id": f"29:fan-{i}", "name": f"推進員{i}"}, "bot": {"id": BOT_ID, "name": "DX Desk"},
                "conversation": {"id": conversation, "conversationType": "personal", "tenantId": TENANT_ID}},
                person.id, True)
        expected.append(f"会議のリマインド #{i}")
        ids.append(person.id)

    # The replicas are running when the reminder fires (their workers have beaten, so each knows
    # its share of the budgets); the job writes every liaison's message in one transaction.
    for app in apps:
        app.worker.start()
    await asyncio.sleep(1.5)
    started = time.monotonic()
    await first.outbox.enqueue_many([
        (Destination("", "person", str(ids[i])), Reply(text=text), f"fanout:{i}") for i, text in enumerate(expected)])
    deadline = started + 600
    while time.monotonic() < deadline:
        if await first.outbox.depth() == 0:
            break
        await asyncio.sleep(0.05)
    elapsed = time.monotonic() - started

    stats = await fakes.stats()
    delivered = Counter(stats["delivered"])
    rows = await first.outbox.list()
    failed = [r for r in rows if r.status == "failed"]
    for app in apps:
        await app.close()

    minimum = max(minimum_seconds(n_slack, SLACK_WORKSPACE_WINDOWS),
                  minimum_seconds(liaisons - n_slack, TEAMS_APP_WINDOWS))
    lost = sum(1 for text in expected if delivered[text] == 0)
    doubled = sum(n - 1 for n in delivered.values() if n > 1)
    return {"liaisons": liaisons, "slack": n_slack, "teams": liaisons - n_slack, "workers": workers,
            "database": url.split(":", 1)[0], "fakes": "child process" if separate else "same process",
            "elapsed_s": round(elapsed, 2), "minimum_s": round(minimum, 2),
            "ratio": round(elapsed / minimum, 3) if minimum else None, "lost": lost, "doubled": doubled,
            "failed_rows": len(failed), "slack_429": stats["slack_429"], "teams_429": stats["teams_429"],
            "budgets": "divided among the workers through the database" if shared else (
                f"per process (Slack {SLACK_WORKSPACE_WINDOWS[0][0] / workers:g}/s per worker)")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--liaisons", type=int, default=1000)
    parser.add_argument("--postgresql", nargs="?", const=PG_SERVER, default="", metavar="SERVER_URL",
                        help=f"a fresh database on this PostgreSQL server (default {PG_SERVER}) instead of SQLite")
    parser.add_argument("--workers", type=int, default=1, help="apps (delivery workers) sharing the outbox")
    parser.add_argument("--same-process", action="store_true",
                        help="run the fakes on the bot's event loop (they then take part of its CPU)")
    parser.add_argument("--serve-fakes", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.serve_fakes:
        asyncio.run(serve_fakes())
        return
    result = asyncio.run(run(args.liaisons, args.postgresql, args.workers, not args.same_process))
    print(f"limits: slack chat.postMessage {SLACK_CHANNEL_WINDOWS} per channel, {SLACK_WORKSPACE_WINDOWS} "
          f"workspace (assumed); teams {TEAMS_CONVERSATION_WINDOWS} per conversation, {TEAMS_APP_WINDOWS} per app")
    for key, value in result.items():
        print(f"{key:>12}: {value}")
    ok = result["lost"] == 0 and result["doubled"] == 0 and result["failed_rows"] == 0
    print("target <= 1.2x minimum:", "met" if result["ratio"] and result["ratio"] <= 1.2 else "NOT met",
          "| lost/doubled:", "0/0" if ok else "NOT zero")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
