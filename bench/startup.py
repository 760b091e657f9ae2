"""What a fresh app costs before its first answer: `build_app` on a new SQLite database (migrations,
the bundled FAQ, forms and question bank read, the demo seeded) and the first FAQ question (the
index build), against the same steps with the older readers in the same run: PyYAML's
pure-Python loader and no reuse of an index built before.

    .venv/bin/python bench/startup.py [--rounds 5]

Prints the median of each step and the ratio old/new. Rounds after the first reuse the process's
loaded SudachiPy and chiVe tables in both variants (the first round of each is dropped).
"""

from __future__ import annotations

import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app.composition import build_app
from bot.app.settings import Settings
from bot.core.events import Actor, Conversation, MessageReceived
from bot.retrieval import index as index_mod
from storage.files import tabular

QUESTION = "Zoomで画面を共有するにはどうしたらいい？"


async def one_round(old: bool) -> tuple[float, float]:
    """(build_app seconds, first question seconds) on a fresh data folder."""
    fast = tabular._FAST_LOADER
    if old:
        tabular._FAST_LOADER = None
        index_mod._BUILT.clear()
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(_env_file=None, data_dir=Path(folder), database_url="", sample_data=True)  # type: ignore[call-arg]
            started = time.perf_counter()
            app = await build_app(settings)
            built = time.perf_counter() - started
            replies: list[object] = []

            class Catch:
                async def send(self, reply: object) -> None:
                    replies.append(reply)

            event = MessageReceived(actor=Actor("console", "bench", "bench"),
                                    conversation=Conversation("console", "dm:bench"), text=QUESTION)
            started = time.perf_counter()
            await app.dispatcher.dispatch(event, Catch())
            asked = time.perf_counter() - started
            await app.close()
            if not replies:
                raise SystemExit("no reply to the first question")
            return built, asked
    finally:
        tabular._FAST_LOADER = fast


async def main(rounds: int) -> None:
    figures: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for i in range(rounds + 1):
        for old in (True, False):
            result = await one_round(old)
            if i:  # the first round loads SudachiPy/chiVe and imports: dropped for both
                figures[old].append(result)
    for step, k in (("build_app", 0), ("first question", 1)):
        before = statistics.median(r[k] for r in figures[True])
        after = statistics.median(r[k] for r in figures[False])
        print(f"{step:15s} old {before * 1000:7.0f} ms   new {after * 1000:7.0f} ms   old/new {before / after:5.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    asyncio.run(main(parser.parse_args().rounds))
