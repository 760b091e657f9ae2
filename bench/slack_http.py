"""Slack over real HTTP: DX Desk (`dxdesk serve`) against a minimal slack-bolt echo app, in one run.

Both apps run as their own processes and talk to the same fake Slack Web API, which runs in this
process together with the load generator. The generator POSTs signed `message.im` events (FAQ
questions from storage/faq/data/faq_eval.csv, each from one of 200 staff members, each in its own
DM channel so every answer is matched to its question). For each database (SQLite, then a fresh
PostgreSQL database on 127.0.0.1:5432) it measures both apps (bench/exchange.py):

* isolated: one question at a time, median time from the request to the answer at the fake;
* burst: 600 questions from 16 senders, each sending the next as soon as the last was
  acknowledged: answers per second (until the last answer), reply p50/p99, ack p99, busy replies
  (「混み合っています」), questions never answered; CPU ms per event of the app process.

Targets (issue 19, benchmark not test): answers/s >= 0.3x the echo app's, reply p99 <= 300 ms,
isolated exchange <= 6 ms over the echo app's, nothing lost.

    .venv/bin/python bench/slack_http.py [--databases sqlite,postgresql] [--events 600] [--concurrency 16]
                                         [--isolated 200] [--app-root PATH]

`--app-root` runs the DX Desk of another checkout (e.g. an older commit, for before/after figures)
against the same generator and echo app.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.exchange import HEADER, Exchange, Figures, verdicts
from bench.processes import cpu_time, free_port, wait_healthy
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, Call, FakeSlackApi, payload, sign

USERS = 200
PG_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


# --- the echo app (runs in a child process) -----------------------------------------------------
def serve_echo(port: int, api_url: str) -> None:
    """A minimal slack-bolt app that answers every DM by echoing it (the baseline)."""
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    async def main() -> None:
        # A shared connection pool, as DX Desk has: the baseline is the best an echo can do.
        session = aiohttp.ClientSession()
        app = AsyncApp(client=AsyncWebClient(token=BOT_TOKEN, base_url=api_url, session=session),
                       signing_secret=SIGNING_SECRET)

        @app.event("message")
        async def echo(event: dict, client: AsyncWebClient) -> None:
            await client.chat_postMessage(channel=event["channel"], text=event.get("text", ""))

        async def endpoint(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

        async def healthz(_: web.Request) -> web.Response:
            return web.json_response({"status": "ok"})

        web_app = web.Application()
        web_app.router.add_post("/slack/events", endpoint)
        web_app.router.add_get("/healthz", healthz)
        runner = web.AppRunner(web_app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        await asyncio.Event().wait()

    asyncio.run(main())


class SlackGenerator:
    """Signed message.im events; answers are matched by DM channel."""

    def __init__(self, api: FakeSlackApi, questions: list[str], exchange: Exchange) -> None:
        self.questions = questions
        self.exchange = exchange
        self.url = ""
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        self.template = payload("message_im")
        api.listeners.append(self.on_call)

    def on_call(self, call: Call) -> None:
        if call.method == "chat.postMessage":
            self.exchange.answered(str(call.params.get("channel")), str(call.params.get("text") or ""))

    async def send(self, n: int, figures: Figures, wait: bool) -> tuple[str, bool, float]:
        channel = f"D{n:08d}"
        body = dict(self.template)
        body["event"] = dict(self.template["event"], user=f"U{n % USERS:05d}", channel=channel,
                             text=self.questions[n % len(self.questions)], ts=f"{1767225600 + n}.000100",
                             event_ts=f"{1767225600 + n}.000100")
        body["event_id"] = f"Ev{n:010d}"
        raw = json.dumps(body, ensure_ascii=False).encode()
        ts = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
                   "X-Slack-Signature": sign(SIGNING_SECRET, ts, raw)}
        self.exchange.expect(channel, figures, wait)
        started = time.perf_counter()
        try:
            async with self.session.post(self.url, data=raw, headers=headers) as response:
                await response.read()
                ok = response.status == 200
        except aiohttp.ClientError:
            ok = False
        return channel, ok, (time.perf_counter() - started) * 1000


def start_process(args: list[str], env: dict[str, str], log: Path, cwd: Path) -> subprocess.Popen[bytes]:
    """Start a child process with its output in `log`."""
    return subprocess.Popen(args, env=env, cwd=cwd, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


async def measure(name: str, url: str, process: subprocess.Popen[bytes], generator: SlackGenerator,
                  args: argparse.Namespace) -> Figures:
    """Warm-up, isolated exchanges, then the burst, against one app."""
    figures = Figures(name)
    generator.url = url
    warm = Figures(name)
    await generator.exchange.isolated(generator.send, warm, 30)  # auth.test, index, connections, people
    await generator.exchange.isolated(generator.send, figures, args.isolated)
    before = cpu_time(process.pid)
    await generator.exchange.burst(generator.send, figures, args.events, args.concurrency)
    figures.cpu_ms_per_event = (cpu_time(process.pid) - before) * 1000 / max(figures.events, 1)
    return figures


async def run(args: argparse.Namespace) -> int:
    questions = [row["question"] for row in csv.DictReader(
        (ROOT / "storage/faq/data/faq_eval.csv").open(encoding="utf-8"))]
    app_root = Path(args.app_root).resolve() if args.app_root else ROOT
    api = await FakeSlackApi().start()
    api.keep_calls = False
    workdir = Path(tempfile.mkdtemp(prefix="dxdesk-bench-"))
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": api.base_url, "PYTHONUNBUFFERED": "1", "DXDESK_LOG_LEVEL": "WARNING",
           # One BLAS thread, as docs/slack.md recommends for `dxdesk serve`.
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    for name in ("SLACK_APP_TOKEN", "DATABASE_URL", "MICROSOFT_APP_ID", "DXDESK_TEAMS", "DXDESK_TEAMS_NO_AUTH"):
        env.pop(name, None)
    exchange = Exchange()
    generator = SlackGenerator(api, questions, exchange)
    echo_port = free_port()
    echo = start_process([sys.executable, __file__, "--serve-echo", str(echo_port), api.base_url], env,
                         workdir / "echo.log", ROOT)
    results: list[tuple[str, Figures, Figures]] = []
    try:
        await wait_healthy(f"http://127.0.0.1:{echo_port}/healthz", echo)
        print(f"machine: {os.cpu_count()} CPUs (shared), load average {os.getloadavg()[0]:.1f}, Python "
              f"{sys.version.split()[0]}; DX Desk from {app_root}; {args.events} events at {args.concurrency} "
              f"concurrent; logs in {workdir}")
        for database in args.databases.split(","):
            url = ""
            if database == "postgresql":
                os.environ.setdefault("DXDESK_TEST_PG_URL", PG_SERVER)
                from tests.conftest import create_pg_database

                url = await create_pg_database()
            port = free_port()
            desk_env = {**env, "DXDESK_DATA_DIR": str(workdir / f"data-{database}"), "DATABASE_URL": url,
                        "PYTHONPATH": str(app_root)}
            desk = start_process([sys.executable, "-m", "bot.app", "serve", "--host", "127.0.0.1", "--port",
                                  str(port)], desk_env, workdir / f"dxdesk-{database}.log", app_root)
            try:
                await wait_healthy(f"http://127.0.0.1:{port}/healthz", desk, timeout=90)
                echo_figures = await measure("echo", f"http://127.0.0.1:{echo_port}/slack/events", echo,
                                             generator, args)
                desk_figures = await measure(f"dxdesk {database}", f"http://127.0.0.1:{port}/slack/events", desk,
                                             generator, args)
            finally:
                stop(desk)
                if url:
                    from tests.conftest import drop_pg_database

                    await drop_pg_database(url)
            print(HEADER)
            print(echo_figures.row())
            print(desk_figures.row(), flush=True)
            results.append((database, echo_figures, desk_figures))
    finally:
        stop(echo)
        await generator.session.close()
        await api.close()
    ok = True
    for database, echo_figures, desk_figures in results:
        print(f"{database}:")
        for text, met in verdicts(echo_figures, desk_figures):
            ok = ok and met
            print(f"  {text}: {'met' if met else 'NOT met'}")
    return 0 if ok else 1


def main() -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite and/or postgresql")
    parser.add_argument("--events", type=int, default=600, help="questions in the burst")
    parser.add_argument("--concurrency", type=int, default=16, help="senders in the burst")
    parser.add_argument("--isolated", type=int, default=200, help="exchanges one at a time")
    parser.add_argument("--app-root", default="", help="run the DX Desk of this checkout")
    parser.add_argument("--serve-echo", nargs=2, metavar=("PORT", "API_URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_echo:
        serve_echo(int(args.serve_echo[0]), args.serve_echo[1])
        return
    raise SystemExit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
