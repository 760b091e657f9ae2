"""Where one Slack question's time goes: DX Desk in this process (SQLite or PostgreSQL), signed
`message.im` events over real HTTP one after the other, the fake Slack Web API beside it.

Prints the wall time per exchange (request sent → chat.postMessage at the fake), the SQL
statements and transactions per question, and (with --profile) the top functions by cumulative
time from cProfile.

    .venv/bin/python bench/profile_turn.py [--postgresql [--async-commit]] [--questions 300] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import csv
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from bot.app.composition import build_app  # noqa: E402
from tests.conftest import create_pg_database, drop_pg_database, make_settings  # noqa: E402
from tests.fakes.slack_api import FakeSlackApi, SlackBot  # noqa: E402

PG_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


async def run(args: argparse.Namespace) -> None:
    questions = [row["question"] for row in csv.DictReader((ROOT / "storage/faq/data/faq_eval.csv").open(encoding="utf-8"))]
    api = await FakeSlackApi().start()
    api.keep_calls = False
    database = ""
    if args.postgresql:
        os.environ.setdefault("DXDESK_TEST_PG_URL", PG_SERVER)
        database = await create_pg_database()
        if args.async_commit:
            from bench.exchange import async_commit

            await async_commit(database)
    tmp = Path(tempfile.mkdtemp(prefix="dxdesk-profile-"))
    settings = make_settings(tmp, database, **SlackBot.settings(api), log_level="WARNING")
    app = await build_app(settings)
    bot = await SlackBot(app, api).start()
    await app.search.ensure_current(force=True)
    statements = [0]
    commits = [0]
    last: list[str] = []

    def on_statement(_conn, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
        statements[0] += 1
        last.append(" ".join(statement.split())[:150])

    event.listen(app.engine.sync_engine, "before_cursor_execute", on_statement)
    event.listen(app.engine.sync_engine, "commit", lambda *a: last.append("COMMIT"))
    event.listen(app.engine.sync_engine, "commit", lambda *a: commits.__setitem__(0, commits[0] + 1))
    replied: asyncio.Future[None] | None = None

    def on_call(call) -> None:  # type: ignore[no-untyped-def]
        if call.method == "chat.postMessage" and replied is not None and not replied.done():
            replied.set_result(None)

    api.listeners.append(on_call)
    workspace = bot.workspace
    assert workspace is not None
    times: list[float] = []
    profiler = cProfile.Profile() if args.profile else None
    try:
        for n in range(args.warmup + args.questions):
            if n == args.warmup:
                statements[0] = commits[0] = 0
                if profiler:
                    profiler.enable()
            replied = asyncio.get_running_loop().create_future()
            last.clear()
            started = time.perf_counter()
            await workspace.dm(f"U{n % 200:05d}", questions[n % len(questions)], channel=f"D{n:08d}")
            await asyncio.wait_for(replied, 10)
            if n >= args.warmup:
                times.append((time.perf_counter() - started) * 1000)
            await bot.idle()
    finally:
        if profiler:
            profiler.disable()
        await bot.stop()
        await api.close()
        if database:
            await drop_pg_database(database)
    q = args.questions
    print(f"{'postgresql' if args.postgresql else 'sqlite'}: {q} questions one at a time; exchange median "
          f"{statistics.median(times):.2f} ms, mean {statistics.mean(times):.2f} ms; "
          f"{statements[0] / q:.1f} SQL statements and {commits[0] / q:.1f} commits per question")
    if args.show_sql:
        print("statements of the last question:", *last, sep="\n  ")
    if profiler and args.dump:
        profiler.dump_stats(args.dump)
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


def main() -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--async-commit", action="store_true",
                        help="with --postgresql: the database set to synchronous_commit=off")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--show-sql", action="store_true", help="print the statements of the last question")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--dump", default="", help="write the cProfile statistics to this file")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
