"""FAQ retrieval speed and memory at 1k / 10k / 50k entries (single thread).

Entries are synthesised from storage/faq/data/faq.yaml by recombining questions, alternates, answer
sentences and tags of different entries and adding numbered system/section names, so that no
two are identical and the vocabulary grows with the size as in a real, larger FAQ. Queries are
the eval questions (storage/faq/data/faq_eval.csv) plus noisy variants of FAQ questions.

Each size runs in a fresh child process, so its peak RSS (getrusage ru_maxrss) is its own; the
figure includes Python, numpy, SudachiPy's dictionary and the chiVe table.

    .venv/bin/python bench/faq_speed.py [--sizes 1000 10000 50000] [--queries 1000]

`--check-tokens N` instead checks that the index build's sentence-by-sentence analysis gives
exactly `analyze()`'s tokens for every text of N synthesised entries (and the bundled FAQ).
"""

from __future__ import annotations

import os

# One core: keep numpy's BLAS from using a second thread for the mat-vec.
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

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
    from bench.faq_quality import load_synonyms
    from bot.retrieval import FaqRetriever

    docs = synthesise(n)
    qs = queries(nq)
    r = FaqRetriever(load_synonyms())
    r.build(docs[:10])  # load SudachiPy + chiVe outside the timed build
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0, c0 = time.perf_counter(), time.thread_time()
    r.build(docs)
    build_s = time.perf_counter() - t0
    build_cpu_s = time.thread_time() - c0
    # The build's worker processes (if it used any), reaped by the time build() returns.
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu_s = kids.ru_utime + kids.ru_stime - kids0.ru_utime - kids0.ru_stime
    for q in qs[:50]:  # warm caches
        r.search(q)
    lat, cpu = [], []
    for q in qs:
        t, c = time.perf_counter(), time.thread_time()
        r.search(q)
        cpu.append(time.thread_time() - c)
        lat.append(time.perf_counter() - t)
    lat.sort()
    cpu.sort()

    def pct(xs: list[float], p: float) -> float:
        return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000

    status = dict(
        line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith(("RssAnon", "RssFile"))
    ) if Path("/proc/self/status").exists() else {}
    return {
        "n": n,
        "build_s": build_s,
        "build_cpu_s": build_cpu_s,
        "workers_cpu_s": workers_cpu_s,
        "workers_peak_rss_mib": kids.ru_maxrss / 1024,
        "median_ms": pct(lat, 0.5),
        "p99_ms": pct(lat, 0.99),
        "max_ms": lat[-1] * 1000,
        "cpu_median_ms": pct(cpu, 0.5),
        "cpu_p99_ms": pct(cpu, 0.99),
        # ru_maxrss is KiB on Linux; it includes the pages of SudachiPy's memory-mapped
        # dictionary that were touched (file-backed, shared, reclaimable).
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "anon_mib": int(status.get("RssAnon", "0 kB").split()[0]) / 1024,
        "file_mib": int(status.get("RssFile", "0 kB").split()[0]) / 1024,
        "queries": len(lat),
    }


def check_tokens(n: int) -> None:
    from bench.faq_quality import load_docs
    from bot.retrieval.clean import clean_answer
    from bot.retrieval.index import _BuildAnalyzer
    from bot.retrieval.normalize import normalize_text
    from bot.retrieval.tokenize import analyze

    all_texts = [
        normalize_text(raw)
        for d in [*load_docs(), *synthesise(n)]
        for raw in (d.question, *d.alternates, " ".join(d.tags), clean_answer(d.answer))
    ]
    build = _BuildAnalyzer()
    # The same with the sentences analysed ahead in worker processes, as a large build does.
    pooled = _BuildAnalyzer()
    pooled.prefetch(all_texts)
    differ = pool_differ = 0
    for text in all_texts:
        expected = analyze(text)
        if build(text) != expected:
            differ += 1
            print("differs:", text[:120])
        if pooled(text) != expected:
            pool_differ += 1
            print("differs (worker processes):", text[:120])
    print(f"{len(all_texts)} texts, {differ} analysed differently sentence by sentence, "
          f"{pool_differ} in worker processes")
    if differ or pool_differ:
        sys.exit(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--check-tokens", type=int, metavar="N",
                    help="check the build's sentence-by-sentence analysis on N entries, then stop")
    args = ap.parse_args()
    if args.check_tokens:
        check_tokens(args.check_tokens)
        return
    if args.child:
        print(json.dumps(child(args.child, args.queries)))
        return
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{'entries':>8} {'build s':>8} {'cpu s':>6} {'+work':>6} | {'wall median':>11} {'p99':>6} "
          f"{'max':>6} | {'cpu median':>10} {'p99':>6} ms | {'peak RSS':>8} {'anon':>5} {'file':>5} "
          f"{'worker':>6} MiB")
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), "--queries", str(args.queries)],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )
        res = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{res['n']:>8} {res['build_s']:>8.2f} {res['build_cpu_s']:>6.1f} "
              f"{res['workers_cpu_s']:>6.1f} | {res['median_ms']:>11.2f} "
              f"{res['p99_ms']:>6.2f} {res['max_ms']:>6.1f} | {res['cpu_median_ms']:>10.2f} "
              f"{res['cpu_p99_ms']:>6.2f}    | {res['peak_rss_mib']:>8.0f} "
              f"{res['anon_mib']:>5.0f} {res['file_mib']:>5.0f} "
              f"{res['workers_peak_rss_mib']:>6.0f}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}. {args.queries} queries per size, one "
          "thread (BLAS pinned to 1). wall = perf_counter, cpu = thread_time (not inflated by "
          "other processes; the build's cpu s is its thread_time, +work the CPU of the worker processes "
          "that analysed its sentences, worker the largest worker's peak RSS). peak RSS = ru_maxrss (build included); anon/file = RssAnon/RssFile "
          "after the queries (file = SudachiPy's memory-mapped dictionary).")


if __name__ == "__main__":
    main()
