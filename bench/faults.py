"""Faults injected for real, and what reached the fake platform per person (issue 17).

Scenarios (each on a fresh database):

* campaign start killed: a child process opens a check-in / an assessment to N liaisons on Slack
  and is SIGKILLed at an exact point of each phase (inside the plan's transaction, right after its
  commit, with the 1st / middle / last invitation in flight at Slack); a fresh
  process (or two replicas) completes it. Counted per liaison: lost (0 invitations), doubled (>1).
* 429 storm: the fake Slack answers every chat.postMessage with 429 (Retry-After 1) for S seconds
  during a fan-out to N people. Counted: lost, doubled, failed rows, attempts, failure reports.
* database outage (PostgreSQL): a TCP proxy between the bot and the database is cut; M DMs arrive;
  it is restored after C seconds and Slack's retries land. Counted: HTTP answers, replies per person.
* hostile files: YAML alias bomb, YAML nested 20,000 deep, a 200,000-character CSV cell, a 6 MB
  file. Time and memory until refused.

    .venv/bin/python bench/faults.py [--liaisons 300] [--postgresql [SERVER_URL]] [--only crash,storm,outage,files]

Without --postgresql only SQLite runs (and the outage scenario, which needs PostgreSQL, is skipped).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy.engine import make_url

from bot.app.composition import build_app, create_web_app
from bot.core.model import Person, Role
from bot.core.replies import Destination, Reply
from tests.campaign_crash import run as crash_run
from tests.conftest import create_pg_database, drop_pg_database, make_settings
from tests.fakes.slack_api import FakeSlackApi, SlackBot
from tests.fakes.tcp_proxy import TcpProxy

PG_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


async def databases(pg: str | None, folder: Path) -> list[tuple[str, str]]:
    found = [("SQLite", f"sqlite+aiosqlite:///{folder / 'bench.db'}")]
    if pg:
        found.append(("PostgreSQL", await create_pg_database()))
    return found


async def crash(args: argparse.Namespace) -> None:
    print(f"\ncampaign start killed with SIGKILL ({args.liaisons} liaisons on Slack)")
    print(f"{'database':<11} {'job':<11} {'killed':<26} {'replicas':>8} {'at kill':>8} {'planned':>8} {'received':>9} "
          f"{'lost':>5} {'doubled':>8} {'seconds':>8}")
    # Exact kill points, one per phase (see tests/campaign_crash.py): inside the plan's transaction,
    # right after its commit, and with the 1st, the middle and the last invitation in flight (Slack
    # has it; the worker never hears back, so the row is sent but not marked).
    n = args.liaisons
    kills: list[tuple[str, dict[str, object]]] = [
        ("before the plan commit", {"kill_at": "plan"}), ("after the plan commit", {"kill_at": "committed"}),
        ("1st invitation in flight", {"kill_in_flight": 1}),
        (f"{n // 2}th invitation in flight", {"kill_in_flight": n // 2}),
        (f"{n}th (last) in flight", {"kill_in_flight": n})]
    for db_name, with_pg in (("SQLite", False), ("PostgreSQL", True)):
        if with_pg and not args.postgresql:
            continue
        for job in ("checkin", "assessment"):
            for label, kill in kills:
                for replicas in ((1, 2) if with_pg and label.startswith(str(n // 2)) else (1,)):
                    with tempfile.TemporaryDirectory(prefix="dxdesk-faults-") as tmp:
                        url = await create_pg_database() if with_pg else f"sqlite+aiosqlite:///{tmp}/c.db"
                        try:
                            out = await crash_run(url, Path(tmp) / "data", job, liaisons=args.liaisons,
                                                  replicas=replicas, **kill)  # type: ignore[arg-type]
                        finally:
                            if with_pg:
                                await drop_pg_database(url)
                    print(f"{db_name:<11} {job:<11} {label:<26} {replicas:>8} {out.killed_after:>8} {out.planned:>8} "
                          f"{sum(out.counts.values()):>9} {out.lost:>5} {out.doubled:>8} {out.seconds:>8.1f}")


async def storm(args: argparse.Namespace) -> None:
    seconds = args.storm_seconds
    print(f"\n429 storm: every chat.postMessage answered 429 (Retry-After 1) for {seconds:.0f} s, "
          f"fan-out to {args.liaisons} people")
    print(f"{'database':<11} {'429s':>6} {'lost':>5} {'doubled':>8} {'failed':>7} {'max attempts':>13} "
          f"{'reports':>8} {'seconds':>8}")
    with tempfile.TemporaryDirectory(prefix="dxdesk-faults-") as tmp:
        for db_name, url in await databases(args.postgresql, Path(tmp)):
            api = await FakeSlackApi().start()
            app = await build_app(make_settings(Path(tmp) / db_name, url, **SlackBot.settings(api)))
            try:
                await create_web_app(app)
                app.worker.report_delay = 1.0
                await app.services.people.save(Person(id=0, display_name="管理者", role=Role.ADMIN, local_id="admin"))
                people = [await app.services.people.save(Person(id=0, display_name=f"推進員{i}",
                                                                slack_id=f"U0L{i:03d}", role=Role.LIAISON))
                          for i in range(1, args.liaisons + 1)]
                await app.outbox.enqueue_many([(Destination("", "person", str(p.id)), Reply(text=f"会議 {p.id}"),
                                                f"storm:{p.id}") for p in people])
                started = time.monotonic()
                api.rate_limit_for("chat.postMessage", seconds, retry_after=1)
                app.worker.start()
                while time.monotonic() - started < seconds + 300:
                    rows = await app.outbox.list()
                    if all(r.status in ("sent", "failed") for r in rows):
                        break
                    await asyncio.sleep(0.2)
                elapsed = time.monotonic() - started
                await asyncio.sleep(1.5)
                rows = await app.outbox.list()
                got = Counter(ch for ch, msgs in api.history.items() for _ in msgs if ch.startswith("D0L"))
                lost = sum(1 for i in range(1, args.liaisons + 1) if got[f"D0L{i:03d}"] == 0)
                doubled = sum(1 for n in got.values() if n > 1)
                failed = sum(1 for r in rows if r.status == "failed")
                reports = sum(1 for r in rows if (r.dedupe_key or "").startswith("delivery.failed"))
                print(f"{db_name:<11} {api.throttled:>6} {lost:>5} {doubled:>8} {failed:>7} "
                      f"{max(r.attempts for r in rows):>13} {reports:>8} {elapsed:>8.1f}")
            finally:
                await app.close()
                await api.close()
                if db_name == "PostgreSQL":
                    await drop_pg_database(url)


async def outage(args: argparse.Namespace) -> None:
    if not args.postgresql:
        print("\ndatabase outage: skipped (needs --postgresql)")
        return
    n, cut_for = 11, args.cut_seconds
    print(f"\ndatabase outage: TCP proxy to PostgreSQL cut for {cut_for:.0f} s while {n} DMs arrive")
    url = await create_pg_database()
    proxy = await TcpProxy("127.0.0.1", make_url(url).port or 5432).start()
    api = await FakeSlackApi().start()
    with tempfile.TemporaryDirectory(prefix="dxdesk-faults-") as tmp:
        proxied = make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        bot = await SlackBot(await build_app(make_settings(Path(tmp), proxied, **SlackBot.settings(api))), api).start()
        try:
            await bot.workspace.dm("U0OUT00", "こんにちは")
            await asyncio.sleep(2.0)
            proxy.cut()
            first = await asyncio.gather(*(bot.workspace.dm(f"U0OUT{i:02d}", f"有給休暇の申請 {i}")
                                           for i in range(1, n + 1)))
            await asyncio.sleep(max(0.0, cut_for - 2.0))
            proxy.restore()
            retried = [await bot.workspace.post_json(body, retry_num=1) for sent, body in first if sent.status != 200]
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                got = Counter(str(c.params.get("channel")) for c in api.calls_to("chat.postMessage"))
                if all(got[f"D0OUT{i:02d}"] for i in range(1, n + 1)):
                    break
                await asyncio.sleep(0.2)
            await asyncio.sleep(1.0)
            got = Counter(str(c.params.get("channel")) for c in api.calls_to("chat.postMessage"))
            answered = [got[f"D0OUT{i:02d}"] for i in range(1, n + 1)]
            print(f"first delivery HTTP status: {dict(Counter(s.status for s, _ in first))}; "
                  f"Slack retries: {dict(Counter(r.status for r in retried))}; refused connections: {proxy.refused}")
            print(f"answered once: {answered.count(1)} of {n}; lost: {answered.count(0)}; "
                  f"doubled: {sum(1 for a in answered if a > 1)}")
        finally:
            await bot.stop()
            await api.close()
            await proxy.close()
            await drop_pg_database(url)


def files(args: argparse.Namespace) -> None:
    from storage.faq.files import read_faq_file

    bomb = "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9) if p else ', '.join(['lol'] * 9)}]\n"
                   for p, c in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh", strict=True))
    cases = {
        "YAML alias bomb (395 B)": ("bomb.yaml", bomb + "entries: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n"),
        "YAML nested 20,000 deep": ("deep.yaml", "entries: " + "[" * 20000 + "]" * 20000 + "\n"),
        "CSV cell of 200,000 chars": ("cell.csv", "id,question,answer\nQ1," + "あ" * 200_000 + ",x\n"),
        "CSV file of 6.6 MB": ("big.csv", "id,question,answer\n" + "Q,q,a\n" * 1_100_000),
    }
    print("\nhostile import files (FAQ import; the people import reads them the same way)")
    print(f"{'file':<27} {'seconds':>8} {'max RSS growth MB':>18}  answer")
    with tempfile.TemporaryDirectory(prefix="dxdesk-faults-") as tmp:
        for label, (name, content) in cases.items():
            path = Path(tmp) / name
            path.write_text(content, encoding="utf-8")
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.perf_counter()
            report = read_faq_file(path)
            elapsed = time.perf_counter() - started
            grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
            print(f"{label:<27} {elapsed:>8.3f} {grown:>18.1f}  {report.errors[0][1] if report.errors else 'accepted'}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--liaisons", type=int, default=300)
    parser.add_argument("--postgresql", nargs="?", const=PG_SERVER, default=None)
    parser.add_argument("--only", default="crash,storm,outage,files")
    parser.add_argument("--storm-seconds", type=float, default=30.0)
    parser.add_argument("--cut-seconds", type=float, default=5.0)
    args = parser.parse_args()
    if args.postgresql:
        os.environ.setdefault("DXDESK_TEST_PG_URL", args.postgresql)
    logging.basicConfig(level=logging.CRITICAL)
    only = set(args.only.split(","))
    if "files" in only:
        files(args)
    if "crash" in only:
        await crash(args)
    if "storm" in only:
        await storm(args)
    if "outage" in only:
        await outage(args)


if __name__ == "__main__":
    asyncio.run(main())
