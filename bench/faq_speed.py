"""FAQ retrieval speed and memory at 1k / 10k / 50k entries (single thread).

Entries are synthesised from bot/data/faq.yaml by recombining questions, alternates, answer
sentences and tags of different entries and adding numbered system/section names, so that no
two are identical and the vocabulary grows with the size as in a real, larger FAQ. Queries are
the eval questions (bot/data/faq_eval.csv) plus noisy variants of FAQ questions.

Each size runs in a fresh child process, so its peak RSS (getrusage ru_maxrss) is its own; the
figure includes Python, numpy, SudachiPy's dictionary and the chiVe table.

    .venv/bin/python bench/faq_speed.py [--sizes 1000 10000 50000] [--queries 1000]
"""

from __future__ import annotations

import os

# One core: keep numpy's BLAS from using a second thread for the mat-vec.
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SECTIONS = ["総務", "財政", "税務", "市民", "福祉", "子育て", "保健", "環境", "産業", "観光",
            "都市計画", "建設", "上下水道", "消防", "教育", "会計", "議会", "選挙", "人事", "広報"]
SYSTEMS = ["基幹", "文書管理", "財務会計", "人事給与", "庶務事務", "グループウェア", "施設予約",
           "電子決裁", "住民記録", "介護保険", "国保", "固定資産税", "GIS", "統合宛名"]


def synthesise(n: int, seed: int = 7):
    """*n* distinct entries recombined from the sample FAQ."""
    from bench.faq_quality import load_docs
    from bot.retrieval import Document

    base = load_docs()
    rng = random.Random(seed)
    sentences = [s for d in base for s in re.split(r"(?<=。)", d.answer) if s.strip()]
    docs = []
    for i in range(n):
        a, b = rng.choice(base), rng.choice(base)
        section = f"{rng.choice(SECTIONS)}課"
        system = f"{rng.choice(SYSTEMS)}システム{i % 997}"
        q = a.question if i < len(base) else f"{section}の{system}で、{a.question}"
        alts = [*a.alternates, *rng.sample(b.alternates, k=min(1, len(b.alternates)))]
        answer = "".join(rng.sample(sentences, k=3)) + f"{system}の担当は{section}です。"
        docs.append(Document(id=f"S{i:06d}", question=q, answer=answer, alternates=tuple(alts),
                             category=a.category, tags=(*a.tags[:2], *b.tags[:1], system)))
    return docs


def queries(k: int, seed: int = 11) -> list[str]:
    from bench.faq_quality import DATA, load_docs

    out: list[str] = []
    csv_path = DATA / "faq_eval.csv"
    if csv_path.exists():
        from bench.faq_quality import load_eval

        out += [q for q, _ in load_eval()]
    rng = random.Random(seed)
    base = load_docs()
    while len(out) < k:
        q = rng.choice(base).question
        cut = rng.randint(2, max(2, len(q)))
        variant = rng.choice([q[:cut], q + "って教えて", q.replace("ますか", "る？"),
                              q * rng.randint(2, 6)])  # short, colloquial, long (≤ ~200 chars)
        out.append(variant)
    return out[:k]


def child(n: int, nq: int) -> dict:
    from bot.retrieval import FaqRetriever
    from bench.faq_quality import load_synonyms

    docs = synthesise(n)
    qs = queries(nq)
    r = FaqRetriever(load_synonyms())
    r.build(docs[:10])  # load SudachiPy + chiVe outside the timed build
    t0 = time.perf_counter()
    r.build(docs)
    build_s = time.perf_counter() - t0
    for q in qs[:50]:  # warm caches
        r.search(q)
    lat = []
    for q in qs:
        t = time.perf_counter()
        r.search(q)
        lat.append(time.perf_counter() - t)
    lat.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "n": n,
        "build_s": build_s,
        "median_ms": lat[len(lat) // 2] * 1000,
        "p99_ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000,
        "max_ms": lat[-1] * 1000,
        "peak_rss_mib": rss,
        "queries": len(lat),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.queries)))
        return
    print(f"{'entries':>8} {'build s':>8} {'median ms':>10} {'p99 ms':>8} {'max ms':>8} "
          f"{'peak RSS MiB':>13}")
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--queries", str(args.queries)],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )
        res = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{res['n']:>8} {res['build_s']:>8.2f} {res['median_ms']:>10.2f} "
              f"{res['p99_ms']:>8.2f} {res['max_ms']:>8.2f} {res['peak_rss_mib']:>13.0f}",
              flush=True)
    print(f"({args.queries} queries per size, one thread, {os.cpu_count()} cores on machine)")


if __name__ == "__main__":
    main()
