"""Teams over real HTTP: DX Desk (`dxdesk serve`, Teams in no-auth mode) against a minimal
botbuilder echo app, in one run — the Teams counterpart of bench/slack_http.py.

Both apps run as their own processes and post their answers to the same fake Bot Connector in
this process. The generator POSTs `message` activities (FAQ questions, 200 users, each question
in its own personal conversation so its answer is matched by conversation id) to /api/messages.
A Teams turn runs inline: the HTTP answer comes once the bot has posted its reply, so the
acknowledgement time is the exchange time. For each database it prints, for both apps
(bench/exchange.py): the isolated exchange, then a burst of 600 questions from 16 senders
(answers/s, reply p50/p99, busy replies, lost). The echo app is the SDK's CloudAdapter and an
ActivityHandler, with DX Desk's connector-client caching (the SDK's default builds a client per
turn, about 60 ms of the exchange here).

    .venv/bin/python bench/teams_http.py [--databases sqlite,postgresql] [--events 600] [--concurrency 16]
                                         [--isolated 200] [--app-root PATH]
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
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.exchange import Exchange, Figures, compare_with_echo
from bench.load import Connector
from tests.fakes.bot_connector import load_activity

USERS = 200


def serve_echo(port: int) -> None:
    """A minimal botbuilder app that answers every message by echoing it (the baseline)."""
    from aiohttp import web
    from botbuilder.core import ActivityHandler, TurnContext
    from botbuilder.integration.aiohttp import CloudAdapter

    from bot.adapters.teams.auth import TeamsConfig, build_authentication

    class Echo(ActivityHandler):
        async def on_message_activity(self, turn_context: TurnContext) -> None:
            await turn_context.send_activity(turn_context.activity.text or "")

    # Connector clients (and their connection pools) reused across turns, as DX Desk does: the
    # SDK's default builds a new client per turn, which would make the baseline needlessly slow.
    adapter = CloudAdapter(build_authentication(TeamsConfig(app_id="", no_auth=True)))
    bot = Echo()

    async def messages(request: web.Request) -> web.Response:
        response = await adapter.process(request, bot)
        return response or web.Response(status=200)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    web_app = web.Application()
    web_app.router.add_post("/api/messages", messages)
    web_app.router.add_get("/healthz", healthz)
    web.run_app(web_app, host="127.0.0.1", port=port, print=None, access_log=None)


class TeamsGenerator:
    """`message` activities in personal chats; answers matched by conversation id."""

    def __init__(self, connector: Connector, questions: list[str], exchange: Exchange) -> None:
        self.connector = connector
        self.questions = questions
        self.exchange = exchange
        self.url = ""
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                             timeout=aiohttp.ClientTimeout(total=30))
        connector.on_post = self.on_post

    def on_post(self, call: Any) -> None:
        body = call.body if isinstance(call.body, dict) else {}
        self.exchange.answered(call.conversation_id, json.dumps(body, ensure_ascii=False))

    async def send(self, n: int, figures: Figures, wait: bool) -> tuple[str, bool, float]:
        user = n % USERS
        conversation = f"a:bench-{n}"
        activity = load_activity("personal_message", id=f"bench-{n}", service_url=self.connector.url,
                                 user_id=f"29:bench-user-{user}", user_name=f"負荷 {user}",
                                 aad_id=f"aad-bench-{user}", conversation_id=conversation,
                                 bot_id="28:dxdesk-bot-app-id", text=self.questions[n % len(self.questions)])
        raw = json.dumps(activity, ensure_ascii=False).encode()
        self.exchange.expect(conversation, figures, wait)
        started = time.perf_counter()
        try:
            async with self.session.post(self.url, data=raw, headers={"Content-Type": "application/json"}) as r:
                await r.read()
                ok = 200 <= r.status < 300
        except (aiohttp.ClientError, TimeoutError):
            ok = False
        return conversation, ok, (time.perf_counter() - started) * 1000


async def run(args: argparse.Namespace) -> int:
    questions = [row["question"] for row in csv.DictReader(
        (ROOT / "storage/faq/data/faq_eval.csv").open(encoding="utf-8"))]
    app_root = Path(args.app_root).resolve() if args.app_root else ROOT
    connector = await Connector().start()
    workdir = Path(tempfile.mkdtemp(prefix="dxdesk-teams-bench-"))
    env = {**os.environ, "DXDESK_TEAMS_NO_AUTH": "1", "DXDESK_DEVELOPMENT": "1", "PYTHONUNBUFFERED": "1", "DXDESK_LOG_LEVEL": "WARNING",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "DATABASE_URL", "MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD"):
        env.pop(name, None)
    generator = TeamsGenerator(connector, questions, Exchange())
    try:
        return await compare_with_echo(args, generator, echo_args=[sys.executable, __file__, "--serve-echo"],
                                       path="/api/messages", env=env, workdir=workdir, app_root=app_root,
                                       root=ROOT)
    finally:
        await generator.session.close()
        await connector.close()

def main() -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql and/or postgresql-async (synchronous_commit=off)")
    parser.add_argument("--events", type=int, default=600, help="questions in the burst")
    parser.add_argument("--concurrency", type=int, default=16, help="senders in the burst")
    parser.add_argument("--isolated", type=int, default=200, help="exchanges one at a time")
    parser.add_argument("--app-root", default="", help="run the DX Desk of this checkout")
    parser.add_argument("--serve-echo", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_echo:
        serve_echo(args.serve_echo)
        return
    raise SystemExit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
