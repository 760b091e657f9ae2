"""The web desk against the Slack path, in one run of one `dxdesk serve` process.

* Time from a posted question to the rendered answer, 16 people at once, each asking the next
  question once the last one was answered (closed loop), p50 and p99:
  - web: POST /say as the page's script does (`X-DXDesk-Fetch`), until the HTML of the updated
    conversation is back at the browser;
  - Slack: a signed `message.im` event POSTed to /slack/events, until the answer's
    chat.postMessage reaches the fake Slack Web API (which runs in this process).
  Questions come from bot/data/faq_eval.csv; every person asks in their own conversation.
* Page weight of the first load: the signed-in page and every file it loads (style sheet,
  script, icon), uncompressed; target <= 300 KB, all from DX Desk itself.

    .venv/bin/python bench/web_desk.py [--seconds 20] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.exchange import Exchange, Figures, pct
from bench.processes import free_port, start_process, stop, wait_healthy
from bench.slack_http import SlackGenerator
from tests.fakes.slack_api import BOT_TOKEN, SIGNING_SECRET, FakeSlackApi
from tests.integration.web.support import Browser

PAGE_TARGET_KB = 300


async def web_person(base: str, name: str, questions: list[str], start: int, deadline: float,
                     times: list[float], failures: list[str]) -> None:
    browser = Browser(base)
    try:
        page = await browser.sign_in_locally(name)
        csrf = page.csrf()
        n = start
        while time.perf_counter() < deadline:
            question = questions[n % len(questions)]
            n += 1
            started = time.perf_counter()
            async with browser.http.post(f"{base}/say", data={"csrf": csrf, "text": question},
                                         headers={"X-DXDesk-Fetch": "1"}) as r:
                body = await r.text()
            if r.status != 200 or 'class="turn bot' not in body:
                failures.append(f"{r.status}")
                continue
            times.append((time.perf_counter() - started) * 1000)
    finally:
        await browser.close()


async def page_weight(base: str) -> tuple[int, list[tuple[str, int]]]:
    browser = Browser(base)
    try:
        page = await browser.sign_in_locally("weigh")
        parts = [("/ (HTML)", len(page.html.encode("utf-8")))]
        for path in sorted(set(re.findall(r'(?:src|href)="(/static/[^"]+)"', page.html))):
            async with browser.http.get(base + path) as r:
                parts.append((path, len(await r.read())))
        return sum(size for _, size in parts), parts
    finally:
        await browser.close()


async def run(args: argparse.Namespace) -> int:
    questions = [row["question"] for row in csv.DictReader((ROOT / "storage/faq/data/faq_eval.csv").open(encoding="utf-8"))]
    api = await FakeSlackApi().start()
    api.keep_calls = False
    workdir = Path(tempfile.mkdtemp(prefix="dxdesk-bench-web-"))
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": api.base_url, "DXDESK_DATA_DIR": str(workdir / "data"), "PYTHONUNBUFFERED": "1",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "DXDESK_WEB_LOCAL_SIGNIN": "on",
           "DXDESK_SAMPLE_DATA": "true"}  # the bundled FAQ: serve starts empty otherwise
    for name in ("SLACK_APP_TOKEN", "DATABASE_URL", "MICROSOFT_APP_ID", "DXDESK_TEAMS", "DXDESK_SMTP_HOST"):
        env.pop(name, None)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_process([sys.executable, "-m", "bot.app", "serve", "--host", "127.0.0.1", "--port", str(port)], env,
                            workdir / "dxdesk.log", ROOT)
    generator = SlackGenerator(api, questions, Exchange())
    generator.url = f"{base}/slack/events"
    try:
        await wait_healthy(f"{base}/healthz", process)
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; {args.seconds:g} s per path, "
              f"{args.concurrency} people at once; log in {workdir}")
        total, parts = await page_weight(base)
        print(f"\nfirst load (signed in), uncompressed: {total / 1024:.1f} KB "
              f"(target <= {PAGE_TARGET_KB} KB: {'met' if total <= PAGE_TARGET_KB * 1024 else 'MISSED'})")
        for path, size in parts:
            print(f"  {path:<24} {size / 1024:7.1f} KB")

        # Warm both paths (index, first auth.test, connections) before measuring.
        await generator.exchange.isolated(generator.send, Figures("warm"), 10)
        warm: list[float] = []
        await web_person(base, "warm", questions, 0, time.perf_counter() + 2, warm, [])

        print(f"\n{'path':<6} {'answers':>8} {'per s':>7} {'p50 ms':>8} {'p99 ms':>8} {'fail':>5}")
        web_times: list[float] = []
        failures: list[str] = []
        started = time.perf_counter()
        deadline = started + args.seconds
        await asyncio.gather(*(web_person(base, f"web{i:02d}", questions, i * 37, deadline, web_times, failures)
                               for i in range(args.concurrency)))
        elapsed = time.perf_counter() - started
        print(f"{'web':<6} {len(web_times):>8} {len(web_times) / elapsed:>7.1f} {pct(web_times, .5):>8.1f} "
              f"{pct(web_times, .99):>8.1f} {len(failures):>5}", flush=True)

        # The Slack path gets as many questions as the web path answered, from as many senders.
        slack = Figures("slack")
        await generator.exchange.burst(generator.send, slack, max(len(web_times), 1), args.concurrency)
        print(f"{'slack':<6} {len(slack.reply_ms):>8} {slack.throughput:>7.1f} "
              f"{pct(slack.reply_ms, .5):>8.1f} {pct(slack.reply_ms, .99):>8.1f} {slack.failed + slack.unanswered:>5}")
        print("\nweb: POST /say until the updated conversation's HTML is back; slack: signed event until the "
              "answer's chat.postMessage reaches the fake Web API.")
    finally:
        stop(process)
        await generator.session.close()
        await api.close()
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=16)
    raise SystemExit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
