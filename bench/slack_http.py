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
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.exchange import Exchange, Figures, compare_with_echo
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, Call, FakeSlackApi, payload, sign

USERS = 200


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
    generator = SlackGenerator(api, questions, Exchange())
    try:
        return await compare_with_echo(args, generator, echo_args=[sys.executable, __file__, "--serve-echo-api",
                                       api.base_url, "--serve-echo"], path="/slack/events", env=env,
                                       workdir=workdir, app_root=app_root, root=ROOT)
    finally:
        await generator.session.close()
        await api.close()

def main() -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql and/or postgresql-async (synchronous_commit=off)")
    parser.add_argument("--events", type=int, default=600, help="questions in the burst")
    parser.add_argument("--concurrency", type=int, default=16, help="senders in the burst")
    parser.add_argument("--isolated", type=int, default=200, help="exchanges one at a time")
    parser.add_argument("--app-root", default="", help="run the DX Desk of this checkout")
    parser.add_argument("--serve-echo-api", default="", help=argparse.SUPPRESS)
    parser.add_argument("--serve-echo", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_echo:
        serve_echo(args.serve_echo, args.serve_echo_api)
        return
    raise SystemExit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
