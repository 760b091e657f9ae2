"""What bench/slack_http.py and bench/teams_http.py share: the issue-19 measurements of one app.

* isolated: one question at a time (the next once the last was answered), median time from the
  request to the answer at the fake platform API;
* burst: `--events` questions (default 600) from `--concurrency` senders (default 16), each
  sending the next as soon as the last was acknowledged (HTTP answer), each question in its own
  conversation: reply throughput (answers / time until the last answer), reply p50/p99, ack p99,
  busy replies (「混み合っています」) and questions left without any answer.

`Exchange` drives one app through a `send(n) -> (key, acked)` callable supplied by the platform
bench; the fake API calls `answered(key, text)` for every message it receives.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.processes import cpu_time, free_port, start_process, stop, wait_healthy

BUSY_MARKERS = ("混み合っています", "busy right now")
TARGET_RATIO = 0.3
TARGET_P99_MS = 300.0
TARGET_ISOLATED_OVER_MS = 6.0
PG_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of `values`, NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@dataclass
class Figures:
    """One app's figures in one run."""

    app: str
    isolated_ms: list[float] = field(default_factory=list)
    events: int = 0
    acked: int = 0
    failed: int = 0
    busy: int = 0
    unanswered: int = 0
    ack_ms: list[float] = field(default_factory=list)
    reply_ms: list[float] = field(default_factory=list)
    burst_seconds: float = float("nan")
    cpu_ms_per_event: float = float("nan")

    @property
    def throughput(self) -> float:
        """Answers (busy replies excluded) per second over the burst."""
        return len(self.reply_ms) / self.burst_seconds if self.burst_seconds > 0 else 0.0

    @property
    def isolated(self) -> float:
        """Median isolated exchange, ms."""
        return statistics.median(self.isolated_ms) if self.isolated_ms else float("nan")

    def row(self) -> str:
        return (f"{self.app:<18} {self.isolated:>9.2f} {self.events:>6} {self.throughput:>8.1f} "
                f"{pct(self.reply_ms, .5):>9.1f} {pct(self.reply_ms, .99):>9.1f} {pct(self.ack_ms, .99):>8.1f} "
                f"{self.busy:>5} {self.unanswered + self.failed:>6} {self.cpu_ms_per_event:>7.2f}")


HEADER = (f"{'app':<18} {'isolated':>9} {'events':>6} {'answers/s':>8} {'reply p50':>9} {'reply p99':>9} "
          f"{'ack p99':>8} {'busy':>5} {'lost':>6} {'cpu/ev':>7}   (ms)")


# send(n, figures, wait) -> (key, acknowledged, ms to the acknowledgement); it calls
# `Exchange.expect(key, figures, wait)` just before POSTing.
Sender = Callable[[int, "Figures", bool], Awaitable[tuple[str, bool, float]]]


class Exchange:
    """Matches answers to questions by key and runs the two measurements against one app."""

    def __init__(self) -> None:
        self.counter = itertools.count(1)
        self.pending: dict[str, tuple[float, Figures]] = {}
        self.waiters: dict[str, asyncio.Future[None]] = {}
        self.last_answer = 0.0

    def answered(self, key: str, text: str) -> None:
        """Called by the fake platform API for every message the app sent to conversation `key`."""
        entry = self.pending.pop(key, None)
        if entry is not None:
            started, figures = entry
            now = time.perf_counter()
            if any(marker in text for marker in BUSY_MARKERS):
                figures.busy += 1
            else:
                figures.reply_ms.append((now - started) * 1000)
                self.last_answer = max(self.last_answer, now)
        waiter = self.waiters.pop(key, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def _one(self, send: Sender, figures: Figures, wait_answer: bool) -> None:
        n = next(self.counter)
        key, acked, ack_ms = await send(n, figures, wait_answer)
        if acked:
            figures.acked += 1
            figures.ack_ms.append(ack_ms)
        else:
            figures.failed += 1
            self.pending.pop(key, None)
            self.waiters.pop(key, None)
            return
        waiter = self.waiters.get(key)
        if wait_answer and waiter is not None:
            try:
                await asyncio.wait_for(waiter, 30)
            except TimeoutError:
                pass
            self.waiters.pop(key, None)

    def expect(self, key: str, figures: Figures, wait: bool) -> None:
        """Register a question about to be sent (the platform bench calls this before POSTing)."""
        self.pending[key] = (time.perf_counter(), figures)
        if wait:
            self.waiters[key] = asyncio.get_running_loop().create_future()

    async def isolated(self, send: Sender, figures: Figures, count: int) -> None:
        """`count` exchanges one after the other."""
        scratch = Figures(figures.app)
        for _ in range(count):
            await self._one(send, scratch, wait_answer=True)
        figures.isolated_ms = scratch.reply_ms

    async def burst(self, send: Sender, figures: Figures, events: int, concurrency: int, settle: float = 30.0) -> None:
        """`events` questions from `concurrency` senders, each sending again once acknowledged."""
        left = itertools.count()
        started = time.perf_counter()
        self.last_answer = started

        async def sender() -> None:
            while next(left) < events:
                figures.events += 1
                await self._one(send, figures, wait_answer=False)

        await asyncio.gather(*(sender() for _ in range(concurrency)))
        deadline = time.perf_counter() + settle
        while any(f is figures for _, f in self.pending.values()) and time.perf_counter() < deadline:
            await asyncio.sleep(0.02)
        for key in [k for k, (_, f) in self.pending.items() if f is figures]:
            self.pending.pop(key)
            figures.unanswered += 1
        figures.burst_seconds = self.last_answer - started


def verdicts(echo: Figures, desk: Figures) -> list[tuple[str, bool]]:
    """The issue-19 targets, DX Desk against the echo app of the same run."""
    ratio = desk.throughput / max(echo.throughput, 1e-9)
    over = desk.isolated - echo.isolated
    p99 = pct(desk.reply_ms, .99)
    return [
        (f"reply throughput {ratio:.2f}x the echo app's (target >= {TARGET_RATIO})", ratio >= TARGET_RATIO),
        (f"reply p99 {p99:.0f} ms at the burst (target <= {TARGET_P99_MS:g} ms)", p99 <= TARGET_P99_MS),
        (f"isolated exchange {over:+.2f} ms over the echo app's (target <= {TARGET_ISOLATED_OVER_MS:g} ms)",
         over <= TARGET_ISOLATED_OVER_MS),
        (f"nothing lost ({desk.unanswered + desk.failed}), every question answered or told busy",
         desk.unanswered + desk.failed == 0),
    ]


async def measure(name: str, url: str, process: Any, generator: Any, args: Any) -> Figures:
    """Warm-up, isolated exchanges, then the burst, against one app (`generator` has `url`,
    `exchange` and `send`)."""
    figures = Figures(name)
    generator.url = url
    await generator.exchange.isolated(generator.send, Figures(name), 30)  # index, connections, people
    await generator.exchange.isolated(generator.send, figures, args.isolated)
    before = cpu_time(process.pid)
    await generator.exchange.burst(generator.send, figures, args.events, args.concurrency)
    figures.cpu_ms_per_event = (cpu_time(process.pid) - before) * 1000 / max(figures.events, 1)
    return figures


async def async_commit(url: str) -> None:
    """`ALTER DATABASE ... SET synchronous_commit = off` on a bench database: a commit returns
    before its WAL reaches the disk (docs/performance.md says what that risks and saves)."""
    from sqlalchemy.engine import make_url

    from tests.conftest import _admin_connection

    conn = await _admin_connection()
    try:
        await conn.execute(f'ALTER DATABASE "{make_url(url).database}" SET synchronous_commit = off')
    finally:
        await conn.close()


async def compare_with_echo(args: Any, generator: Any, *, echo_args: list[str], path: str, env: dict[str, str],
                            workdir: Path, app_root: Path, root: Path) -> int:
    """Start the bare echo app (`echo_args`, which must serve on the port appended last) and, per
    database of `args.databases`, `dxdesk serve`; measure both at `path` in the same run, print the
    figures and the verdicts; 0 when every target is met."""
    echo_port = free_port()
    echo = start_process([*echo_args, str(echo_port)], env, workdir / "echo.log", root)
    results: list[tuple[str, Figures, Figures]] = []
    try:
        await wait_healthy(f"http://127.0.0.1:{echo_port}/healthz", echo)
        print(f"machine: {os.cpu_count()} CPUs (shared), load average {os.getloadavg()[0]:.1f}, Python "
              f"{sys.version.split()[0]}; DX Desk from {app_root}; {args.events} events at {args.concurrency} "
              f"concurrent; logs in {workdir}")
        for database in args.databases.split(","):
            url = ""
            if database in ("postgresql", "postgresql-async"):
                os.environ.setdefault("DXDESK_TEST_PG_URL", PG_SERVER)
                from tests.conftest import create_pg_database

                url = await create_pg_database()
                if database == "postgresql-async":
                    await async_commit(url)
            port = free_port()
            desk_env = {**env, "DXDESK_DATA_DIR": str(workdir / f"data-{database}"), "DATABASE_URL": url,
                        "PYTHONPATH": str(app_root)}
            desk = start_process([sys.executable, "-m", "bot.app", "serve", "--host", "127.0.0.1", "--port",
                                  str(port)], desk_env, workdir / f"dxdesk-{database}.log", app_root)
            try:
                await wait_healthy(f"http://127.0.0.1:{port}/healthz", desk, timeout=90)
                echo_figures = await measure("echo", f"http://127.0.0.1:{echo_port}{path}", echo, generator, args)
                desk_figures = await measure(f"dxdesk {database}", f"http://127.0.0.1:{port}{path}", desk,
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
    ok = True
    for database, echo_figures, desk_figures in results:
        print(f"{database}:")
        for text, met in verdicts(echo_figures, desk_figures):
            ok = ok and met
            print(f"  {text}: {'met' if met else 'NOT met'}")
    return 0 if ok else 1
