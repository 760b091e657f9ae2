"""Load: signed Slack events and Teams activities at rising rates against two replicas on PostgreSQL.

Two `dxdesk serve` processes (separate ports) share one fresh PostgreSQL database created for the
run (on 127.0.0.1:5432, dropped afterwards). Both have Slack (SLACK_API_URL → a fake Slack Web API
in this process) and Teams in no-auth mode (activities carry `serviceUrl` → a fake Bot Connector in
this process). The generator here sends FAQ questions (storage/faq/data/faq_eval.csv) from 200 Slack and
200 Teams users, alternating platforms, and alternating replicas within each platform:

* Slack: signed `message.im` events to POST /slack/events; each in its own DM channel, so the
  answer's chat.postMessage is matched to its request;
* Teams: `message` activities to POST /api/messages, each in its own personal conversation (the
  answer is a new message in it, with no replyToId, so this is how it is matched).

Each step offers one total rate (default 10, 25, 50, 100 requests/s; half Slack, half Teams) for
`--seconds` (default 5), then waits up to 15 s for the answers. Per rate and platform it prints:
sent, acknowledgements/s and replies/s (each divided by the step's length or, when they trail it,
the time until the last one arrived),
p50/p99 time to acknowledgement (HTTP answer at the generator) and time to reply (answer at the
fake), failures (non-2xx, connection errors, no answer within the wait) and the replicas' CPU
milliseconds per request. The run stops after the last rate, or earlier once a step saturated
twice in a row.

Saturation: a platform at a step answers fewer than 90 % of the offered rate (replies/s), or its
p99 time to reply is above 2,000 ms. The lowest such rate is printed.

    .venv/bin/python bench/load.py [--rates 10,25,50,100] [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.processes import cpu_time, free_port, wait_healthy  # noqa: E402
from tests.fakes.bot_connector import REPLY, SEND, FakeBotConnector, load_activity  # noqa: E402
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, Call, FakeSlackApi, payload, sign  # noqa: E402

# The only database server this bench uses: the local test server (trust auth).
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
USERS = 200
REPLICAS = 2
SETTLE_SECONDS = 15.0
SATURATION_SHARE = 0.9
SATURATION_P99_REPLY_MS = 2000.0


@dataclass
class Step:
    """Figures of one platform at one offered rate."""

    platform: str
    rate: float  # offered to this platform (requests/s)
    seconds: float
    sent: int = 0
    acked: int = 0
    failed: int = 0
    unanswered: int = 0
    ack_ms: list[float] = field(default_factory=list)
    reply_ms: list[float] = field(default_factory=list)
    started: float = 0.0
    last_ack: float = 0.0
    last_reply: float = 0.0
    cpu_seconds: float = float("nan")

    @staticmethod
    def pct(values: list[float], q: float) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def acks_per_s(self) -> float:
        # Acknowledgements that trail the step (Teams answers inline) count over the longer span.
        return self.acked / max(self.seconds, self.last_ack - self.started)

    @property
    def replies_per_s(self) -> float:
        # Replies that trail the step are not counted as if they came within it.
        span = max(self.seconds, self.last_reply - self.started) if self.reply_ms else self.seconds
        return len(self.reply_ms) / span

    @property
    def saturated(self) -> bool:
        return (self.replies_per_s < SATURATION_SHARE * self.rate
                or self.pct(self.reply_ms, .99) > SATURATION_P99_REPLY_MS or not self.reply_ms)

    def row(self, total_rate: float) -> str:
        return (f"{total_rate:>6g}/s {self.platform:<6} {self.rate:>6g} {self.sent:>5} {self.acks_per_s:>7.1f} "
                f"{self.replies_per_s:>9.1f} {self.pct(self.ack_ms, .5):>8.0f} {self.pct(self.ack_ms, .99):>8.0f} "
                f"{self.pct(self.reply_ms, .5):>9.0f} {self.pct(self.reply_ms, .99):>9.0f} "
                f"{self.failed + self.unanswered:>5} {self.cpu_seconds * 1000 / max(self.sent, 1):>7.1f}"
                f"{'  saturated' if self.saturated else ''}")


class Connector(FakeBotConnector):
    """The fake Bot Connector, telling the generator about every reply as it arrives."""

    def __init__(self) -> None:
        super().__init__()
        self.on_post: Any = None

    async def _record(self, request: web.Request, route: str) -> tuple[Any, Any]:
        call, override = await super()._record(request, route)
        if route in (SEND, REPLY) and self.on_post is not None:
            self.on_post(call)
        # Recording stays on (the base class needs it), but the bodies are not kept.
        call.raw = b""
        return call, override


class Generator:
    """Sends requests to the replicas and matches answers to them."""

    def __init__(self, slack: FakeSlackApi, teams: Connector, urls: list[str], questions: list[str]) -> None:
        self.slack = slack
        self.teams = teams
        self.urls = urls
        self.questions = questions
        self.counter = itertools.count(1)
        # request key → (started, step)
        self.pending: dict[str, tuple[float, Step]] = {}
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                             timeout=aiohttp.ClientTimeout(total=30))
        slack.listeners.append(self.on_slack)
        teams.on_post = self.on_teams
        self.slack_template = payload("message_im")

    def answered(self, key: str) -> None:
        entry = self.pending.pop(key, None)
        if entry is not None:
            started, step = entry
            now = time.perf_counter()
            step.reply_ms.append((now - started) * 1000)
            step.last_reply = max(step.last_reply, now)

    def on_slack(self, call: Call) -> None:
        if call.method == "chat.postMessage":
            self.answered("slack:" + str(call.params.get("channel")))

    def on_teams(self, call: Any) -> None:
        # Answers in a personal chat are new messages in that conversation (no replyToId).
        self.answered("teams:" + call.conversation_id)

    def slack_request(self, n: int) -> tuple[str, bytes, dict[str, str]]:
        channel = f"D{n:08d}"
        body = dict(self.slack_template)
        body["event"] = dict(self.slack_template["event"], user=f"U{n % USERS:05d}", channel=channel,
                             text=self.questions[n % len(self.questions)], ts=f"{1767225600 + n}.000100",
                             event_ts=f"{1767225600 + n}.000100")
        body["event_id"] = f"Ev{n:010d}"
        raw = json.dumps(body, ensure_ascii=False).encode()
        ts = str(int(time.time()))
        return "slack:" + channel, raw, {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
                                         "X-Slack-Signature": sign(SIGNING_SECRET, ts, raw)}

    def teams_request(self, n: int) -> tuple[str, bytes, dict[str, str]]:
        user = n % USERS
        activity_id = f"load-{n}"
        activity = load_activity("personal_message", id=activity_id, service_url=self.teams.url,
                                 user_id=f"29:load-user-{user}", user_name=f"負荷 {user}", aad_id=f"aad-load-{user}",
                                 conversation_id=f"a:load-{n}", bot_id="28:dxdesk-bot-app-id",
                                 text=self.questions[n % len(self.questions)])
        return f"teams:a:load-{n}", json.dumps(activity, ensure_ascii=False).encode(), {
            "Content-Type": "application/json"}

    async def send(self, n: int, replica: int, step: Step) -> None:
        if step.platform == "slack":
            key, raw, headers = self.slack_request(n)
            url = self.urls[replica] + "/slack/events"
        else:
            key, raw, headers = self.teams_request(n)
            url = self.urls[replica] + "/api/messages"
        started = time.perf_counter()
        self.pending[key] = (started, step)
        step.sent += 1
        try:
            async with self.session.post(url, data=raw, headers=headers) as response:
                await response.read()
                ok = 200 <= response.status < 300
        except (aiohttp.ClientError, TimeoutError):
            ok = False
        if ok:
            step.acked += 1
            step.last_ack = time.perf_counter()
            step.ack_ms.append((step.last_ack - started) * 1000)
        else:
            step.failed += 1
            self.pending.pop(key, None)

    async def open_loop(self, rate: float, seconds: float) -> tuple[Step, Step]:
        """Offer `rate` requests/s in total for `seconds`: platforms alternate, and each platform's
        requests alternate between the replicas."""
        steps = {p: Step(p, rate / 2, seconds) for p in ("slack", "teams")}
        tasks = []
        started = time.perf_counter()
        for step in steps.values():
            step.started = started
        for i in range(int(rate * seconds)):
            delay = started + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            step = steps["slack" if i % 2 == 0 else "teams"]
            tasks.append(asyncio.create_task(self.send(next(self.counter), (i // 2) % REPLICAS, step)))
        await asyncio.gather(*tasks)
        deadline = time.perf_counter() + SETTLE_SECONDS
        while any(s in steps.values() for _, s in self.pending.values()) and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        for key in [k for k, (_, s) in self.pending.items() if s in steps.values()]:
            self.pending.pop(key)[1].unanswered += 1
        return steps["slack"], steps["teams"]








async def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DXDESK_TEST_PG_URL", PG_ADMIN_URL)
    from tests.conftest import create_pg_database, drop_pg_database

    questions = [row["question"] for row in csv.DictReader((ROOT / "storage/faq/data/faq_eval.csv").open(encoding="utf-8"))]
    slack = await FakeSlackApi().start()
    slack.keep_calls = False
    teams = await Connector().start()
    database = await create_pg_database()
    workdir = Path(tempfile.mkdtemp(prefix="dxdesk-load-"))
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": slack.base_url, "DXDESK_TEAMS_NO_AUTH": "1", "DXDESK_DEVELOPMENT": "1",
           "DATABASE_URL": database,
           "DXDESK_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1",
           # OpenBLAS threads spin between the FAQ search's small mat-vecs and burn the other core.
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    for name in ("SLACK_APP_TOKEN", "MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "DXDESK_TEST_PG_URL"):
        env.pop(name, None)
    ports = [free_port() for _ in range(REPLICAS)]
    processes: list[subprocess.Popen[bytes]] = []
    generator: Generator | None = None
    results: list[tuple[float, Step, Step]] = []
    try:
        for i, port in enumerate(ports):
            replica_env = {**env, "DXDESK_DATA_DIR": str(workdir / f"replica{i}")}
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "bot.app", "serve", "--host", "127.0.0.1", "--port", str(port)],
                env=replica_env, cwd=ROOT, stdout=(workdir / f"replica{i}.log").open("wb"), stderr=subprocess.STDOUT))
            # One after the other: two replicas starting together on an empty database both seed
            # the bundled FAQ, and the second fails on the duplicate keys (see docs/operations.md).
            await wait_healthy(f"http://127.0.0.1:{port}/readyz", processes[-1], timeout=90)
        generator = Generator(slack, teams, [f"http://127.0.0.1:{p}" for p in ports], questions)
        # Warm-up (not reported): auth.test, the FAQ index, connection pools, first people.
        await generator.open_loop(10, 2)
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; {REPLICAS} replicas on "
              f"PostgreSQL; {args.seconds:g} s per rate, half Slack, half Teams; logs in {workdir}")
        print(f"{'offered':>8} {'platf.':<6} {'rate':>6} {'sent':>5} {'acks/s':>7} {'replies/s':>9} "
              f"{'ack p50':>8} {'ack p99':>8} {'reply p50':>9} {'reply p99':>9} {'fail':>5} {'cpu/req':>7}"
              "   (ms)")
        saturated_in_a_row = 0
        for rate in [float(r) for r in args.rates.split(",")]:
            before = sum(cpu_time(p.pid) for p in processes)
            slack_step, teams_step = await generator.open_loop(rate, args.seconds)
            used = sum(cpu_time(p.pid) for p in processes) - before
            sent = slack_step.sent + teams_step.sent
            for step in (slack_step, teams_step):
                step.cpu_seconds = used * step.sent / max(sent, 1)  # the replicas' CPU, per request
                print(step.row(rate), flush=True)
            results.append((rate, slack_step, teams_step))
            saturated_in_a_row = saturated_in_a_row + 1 if (slack_step.saturated or teams_step.saturated) else 0
            if saturated_in_a_row >= 2:
                print("stopped: saturated at two rates in a row")
                break
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if generator is not None:
            await generator.session.close()
        await slack.close()
        await teams.close()
        await drop_pg_database(database)

    print()
    print(f"saturation: replies/s below {SATURATION_SHARE:.0%} of the offered rate, or p99 time to reply "
          f"above {SATURATION_P99_REPLY_MS:g} ms")
    for platform in ("slack", "teams"):
        first = next((rate for rate, s, t in results if (s if platform == "slack" else t).saturated), None)
        best = max(((s if platform == "slack" else t).replies_per_s for _, s, t in results), default=0.0)
        print(f"  {platform}: " + (f"saturates at {first:g} requests/s offered in total ({first / 2:g}/s to {platform})"
                                   if first is not None else "not saturated at the rates tried")
              + f"; most replies/s: {best:.1f}")
    failures = sum(s.failed + s.unanswered + t.failed + t.unanswered for _, s, t in results)
    print(f"  failures in all steps: {failures}")
    return 0


def main() -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", default="10,25,50,100", help="total offered rates (requests/s), half per platform")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each step")
    args = parser.parse_args()
    raise SystemExit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
