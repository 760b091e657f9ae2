"""FAQ retrieval quality on storage/faq/data/faq_eval.csv.

Prints P@1, MRR@10 and SR@5 for three systems in one run, so the ratios are visible:

* ``bm25-baseline`` – plain Okapi BM25 over SudachiPy normalised tokens of question +
  alternates + answer (no stop-words, fields, bigrams, synonyms or vectors);
* ``lexical``       – FaqRetriever(use_vectors=False);
* ``full``          – FaqRetriever() (lexical + chiVe vectors).

Each system is also scored on two fixed halves of the eval file (split by a hash of the
question) – a parameter that only helps one half is overfitted. The three systems are run again
on a stripped FAQ (question + answer only, no synonyms), where matching by meaning matters
more. Then the decide() distribution of ``full`` on the eval questions and on a list of
off-topic questions written here.

    .venv/bin/python bench/faq_quality.py [--misses] [--sweep] [--sweep-off-topic] [--independent]
                                          [--desk-speed 2000]
"""

from __future__ import annotations

import os

# Timings are per query on one thread; BLAS threads only add jitter for these tiny mat-muls.
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import csv
import dataclasses
import math
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.retrieval import Decision, Document, FaqRetriever, decide, normalize_text
from bot.retrieval import decision as decision_mod
from bot.retrieval import index as index_mod
from bot.retrieval.service import desk_index
from bot.retrieval.tokenize import analyze
from storage.faq.files import bundled, read_other_desks

DATA = ROOT / "storage" / "faq" / "data"
EVAL = DATA / "eval"

# Questions a city's DX office FAQ has no answer for (written for this bench, not taken from
# the eval file); decide() should say NONE for them.
OFF_TOPIC = [
    "今日の天気は？",
    "ラーメンのおすすめ",
    "駅前の美味しいランチを教えて",
    "明日は雨が降りますか",
    "プロ野球の結果が知りたい",
    "有給休暇は何日残っていますか",
    "ボーナスの支給日はいつ？",
    "近くの駐車場の料金",
    "健康診断の予約を変更したい",
    "おすすめの映画ある？",
    "猫の飼い方",
    "結婚式のスピーチのコツ",
    "庁舎の食堂のメニュー",
    "年末の忘年会の幹事",
    "通勤手当の申請方法",
    "引っ越しの住所変更",
    "ゴミの分別",
    "確定申告のやり方",
    "北海道旅行のプラン",
    "ダイエットの方法",
    "近所のおいしいパン屋さん",
    "来週の会議室の予約状況",
    "給与明細はいつ届きますか",
    "市長の任期はいつまで",
    "図書館の開館時間",
    "昼休みは何時から",
    "出張旅費の精算方法",
    "育児休業の取り方",
    "インフルエンザの予防接種",
    "庁舎の駐輪場はどこ",
    "名刺の発注をしたい",
    "コピー用紙が切れた",
    "公用車の予約",
    "年賀状の書き方",
    "退職金の計算",
    "残業代の申請",
    "住民票の写しの取り方",
    "パスポートの申請場所",
    "選挙の投票所はどこ",
    "今週末のイベント",
]


def load_city(queries: str = "city_queries.csv") -> tuple[list[Document], list[tuple[str, str]]]:
    """The held-out published-city-style FAQ and residents' questions (storage/faq/data/eval):
    city_queries.csv (tuned on) or city_situations.csv (life situations, never tuned on)."""
    entries = yaml.safe_load((EVAL / "city_faq.yaml").read_text(encoding="utf-8"))["entries"]
    docs = [Document(id=e["id"], question=e["question"], answer=e["answer"],
                     category=e.get("category", "")) for e in entries]
    with (EVAL / queries).open(encoding="utf-8", newline="") as f:
        evals = [(r["question"], r["expected_id"]) for r in csv.DictReader(f)]
    return docs, evals


def load_topic_queries() -> list[tuple[str, frozenset[str]]]:
    """city_topic_queries.csv: questions written from the category names only, labelled
    afterwards; expected_id is one id, several accepted ids joined by "|", or "none"."""
    with (EVAL / "city_topic_queries.csv").open(encoding="utf-8", newline="") as f:
        return [(r["question"], frozenset(r["expected_id"].split("|"))) for r in csv.DictReader(f)]


def topic_report(city: FaqRetriever, cbase: Bm25Baseline) -> None:
    """Figures on city_topic_queries.csv. Half A (crc32 even) may be looked at while tuning;
    half B is kept untouched: a change is only kept if it does not lose on B."""
    rows = load_topic_queries()
    labelled = [(q, g) for q, g in rows if g != {"none"}]
    unlabelled = [q for q, g in rows if g == {"none"}]
    a, b = halves([(q, "") for q, _ in labelled])
    print(f"\nheld-out city FAQ, {len(rows)} questions written from category names only "
          f"({len(labelled)} with an entry, halves A {len(a)} / B {len(b)} untouched; "
          f"{len(unlabelled)} with none):")

    def m(ranked: list[list[str]], idx: list[int]) -> str:
        p1, mrr, sr5 = rank_figures([ranked[i] for i in idx], [labelled[i][1] for i in idx])
        return f"P@1 {p1:.3f}  MRR {mrr:.3f}  SR@5 {sr5:.3f}"

    every = list(range(len(labelled)))
    hits = {q: city.search(q, 10) for q, _ in labelled}
    for name, ranked in (
        ("bm25-baseline", [cbase.search(q, 10) for q, _ in labelled]),
        ("full", [[h.id for h in hits[q]] for q, _ in labelled]),
    ):
        print(f"{name:14s} {m(ranked, every)}")
        print(f"{'':14s} half A {m(ranked, a)}")
        print(f"{'':14s} half B {m(ranked, b)}")
    labelled_report("decisions on the topic file", city, rows)


def load_off_topic(which: str) -> list[tuple[str, str]]:
    """(text, kind) of off-topic messages for one set ("dx" or "city")."""
    with (EVAL / "off_topic.csv").open(encoding="utf-8", newline="") as f:
        return [(r["text"], r["kind"]) for r in csv.DictReader(f) if r["set"] in (which, "both")]


def read_commented_csv(name: str) -> list[dict[str, str]]:
    """Rows of an eval CSV whose first lines may be ``#`` comments (who wrote it, how labelled)."""
    lines = (EVAL / name).read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


def load_independent(name: str) -> list[tuple[str, frozenset[str]]]:
    """independent_city.csv / independent_staff.csv: questions by a writer who saw only topic
    names; expected_id is one id, several joined by "|", or "none"."""
    return [(r["question"], frozenset(r["expected_id"].split("|"))) for r in read_commented_csv(name)]


# What the desk does with a message (handlers/faq/desk.py, answer_question and the handlers
# that run before it), as one word:
#   before-faq      greeting, thanks, help, a stray 「はい」/「3」, or no letters: never searched
#   answer          the top entry's answer
#   candidates      2-3 entries to choose from (「どれでもない」 leads to the forwarding offer)
#   none            "not found – forward it to a person?"
#   smalltalk       the small-talk reply (no offer)
#   other-section   "ask 人事課 about that" (no offer)
#   not-work        "this desk answers work and IT questions; name the system" (no offer)
OFFERED = ("none", "candidates")  # the outcomes that offer the message to a person


def desk_outcome(r: FaqRetriever, text: str, desks=None, patterns: bool = True) -> tuple[str, list]:
    """(outcome, hits) for *text*, the way the desk decides (see the table above);
    ``patterns=False`` leaves out the small-talk pattern list (handlers/faq/smalltalk.is_chitchat),
    to see what the general rule (domain_share) does alone."""
    from bot.core.text import clean, fold, has_letters
    from bot.retrieval.service import match_other_desk
    from handlers.faq import smalltalk
    from handlers.faq.desk import is_stray_answer

    folded = fold(text)
    cleaned = clean(text)
    before_faq = (smalltalk.is_greeting, smalltalk.is_thanks, smalltalk.is_help, smalltalk.is_test_message,
                  smalltalk.is_introduction, smalltalk.is_person_request, smalltalk.is_status_check)
    if any(check(folded) for check in before_faq) or is_stray_answer(cleaned) or not has_letters(cleaned):
        return "before-faq", []
    h = r.search(cleaned, 5)
    d = decide(h)
    share = None
    if d is not Decision.NONE and not h[0].exact:  # as SearchService.decide
        share = r.domain_share(cleaned)
        d = decide(h, share)
    if d is Decision.ANSWER:
        return "answer", h
    if patterns and smalltalk.is_chitchat(folded):
        return "smalltalk", h
    if desks is not None and match_other_desk(desks[0], desks[1], cleaned,
                                              h[0].score if h else 0.0) is not None:
        return "other-section", h
    if d is Decision.NONE and decision_mod.outside_domain(
            h, share if share is not None else r.domain_share(cleaned), cleaned):
        return "not-work", h
    return d.value, h


def rank_figures(ranked: list[list[str]], golds: list) -> tuple[float, float, float]:
    """(success at 1, MRR, success at 5) of ranked id lists against their gold id sets (top 10)."""
    p1 = mrr = sr5 = 0.0
    for ids, gold in zip(ranked, golds, strict=True):
        for k, x in enumerate(ids[:10], 1):
            if x in gold:
                mrr += 1 / k
                p1 += k == 1
                sr5 += k <= 5
                break
    n = max(1, len(golds))
    return p1 / n, mrr / n, sr5 / n


def labelled_report(name: str, r: FaqRetriever, rows: list[tuple[str, frozenset[str]]],
                    desks=None, base: Bm25Baseline | None = None) -> None:
    """Ranking on the answerable questions (gold: any of the ids) and what the desk does with
    every question, including those no entry answers (gold {"none"})."""
    answerable = [(q, g) for q, g in rows if g != {"none"}]
    unanswerable = [q for q, g in rows if g == {"none"}]

    def ranking(ranked: list[list[str]]) -> str:
        p1, mrr, sr5 = rank_figures(ranked, [gold for _, gold in answerable])
        return f"SR@1 {p1:.3f}  MRR {mrr:.3f}  SR@5 {sr5:.3f}"

    print(f"\n{name}: {len(rows)} questions, {len(answerable)} answerable, "
          f"{len(unanswerable)} labelled none")
    if base is not None:
        print(f"  bm25-baseline  {ranking([base.search(q, 10) for q, _ in answerable])}")
    print(f"  full           {ranking([[h.id for h in r.search(q, 10)] for q, _ in answerable])}")
    c: Counter[str] = Counter()
    wrong = cand_ok = 0
    for q, gold in answerable:
        out, h = desk_outcome(r, q, desks)
        c[out] += 1
        wrong += out == "answer" and h[0].id not in gold
        cand_ok += out == "candidates" and bool(gold & {x.id for x in h[:3]})
    n = max(1, len(answerable))
    away = c["smalltalk"] + c["other-section"] + c["not-work"] + c["before-faq"]
    print(f"  answerable: answer {c['answer'] / n:.1%} (wrong {wrong / max(1, c['answer']):.1%}, "
          f"{wrong} of {c['answer']}), candidates {c['candidates'] / n:.1%} (right entry among "
          f"them {cand_ok / max(1, c['candidates']):.1%}), not found {c['none'] / n:.1%}, "
          f"turned away {away} (small talk {c['smalltalk']}, other section {c['other-section']}, "
          f"not work {c['not-work']}, before the FAQ {c['before-faq']})")
    if unanswerable:
        u = Counter(desk_outcome(r, q, desks)[0] for q in unanswerable)
        print(f"  labelled none {len(unanswerable)}: answered directly {u['answer']} "
              f"({u['answer'] / len(unanswerable):.1%}), candidates {u['candidates']}, not found "
              f"{u['none']}, turned away {len(unanswerable) - u['answer'] - u['candidates'] - u['none']}")
        answered = c["answer"] + u["answer"]
        print(f"  all direct answers {answered}: wrong {wrong + u['answer']} "
              f"({(wrong + u['answer']) / max(1, answered):.1%}; an answer to a question no entry "
              f"answers counts as wrong)")


def off_topic_report(name: str, r: FaqRetriever, messages: list[tuple[str, ...]], desks=None) -> None:
    """Per kind of off-topic message (text, kind[, section labels joined by "|"]): how often it
    is offered to a person (not found, or candidates), answered before the FAQ, given the
    small-talk / other-section / not-work reply, or answered with an entry; with section labels,
    how often the section pointed to is the right one."""
    from bot.retrieval.service import match_other_desk

    kinds: dict[str, Counter[str]] = {}
    for text, kind, *label in messages:
        out, h = desk_outcome(r, text, desks)
        c = kinds.setdefault(kind, Counter())
        c[out] += 1
        if label and label[0] and desks is not None:
            c["labelled"] += 1
            if out == "other-section":
                found = match_other_desk(desks[0], desks[1], text, h[0].score if h else 0.0)
                c["right-section"] += found is not None and found.name in label[0].split("|")
    for kind, c in kinds.items():
        total = sum(v for k, v in c.items() if k not in ("labelled", "right-section"))
        offered = sum(c[o] for o in OFFERED)
        right = (f", pointed to the right section {c['right-section']} of {c['labelled']}"
                 if c["labelled"] else "")
        print(f"  {name} {kind:13s} {total:3d}: offered to a person {offered / total:5.1%} "
              f"(not found {c['none']}, candidates {c['candidates']}), before the FAQ "
              f"{c['before-faq']}, small-talk reply {c['smalltalk']}, other section "
              f"{c['other-section']}{right}, not work {c['not-work']}, answered {c['answer']}")
        if c["smalltalk"]:
            alone = Counter(desk_outcome(r, m[0], desks, patterns=False)[0]
                            for m in messages if m[1] == kind)
            print(f"  {'':{len(name)}} {'':13s}      without the pattern list: offered to a person "
                  f"{sum(alone[o] for o in OFFERED) / total:5.1%} (not found {alone['none']}, "
                  f"candidates {alone['candidates']}), not work {alone['not-work']}, other section "
                  f"{alone['other-section']}, answered {alone['answer']}")


def decision_report(name: str, r: FaqRetriever, evals, off_topic, unanswerable=(),
                    desks=None, unanswerable_label: str = "in-domain, not in the FAQ") -> None:
    """What the desk does with each question of an older eval file and its off-topic lists.

    wrong-direct = answered directly with the wrong entry / answered directly;
    right-in-candidates = right entry among the 3 offered / questions given candidates."""
    if evals:
        labelled_report(name, r, [(q, frozenset([g])) for q, g in evals], desks)
    else:
        print(f"\n{name}:")
    off_topic_report("off-topic", r, off_topic, desks)
    if unanswerable:
        c = Counter(desk_outcome(r, q, desks)[0] for q in unanswerable)
        print(f"  {unanswerable_label} {len(unanswerable):3d}: not found {c['none']}, "
              f"candidates {c['candidates']}, answer {c['answer']}, pointed to another section "
              f"{c['other-section']}, told not a work question {c['not-work']}, small-talk reply "
              f"{c['smalltalk']}")


def independent_report(full: FaqRetriever, base: Bm25Baseline, city: FaqRetriever,
                       cbase: Bm25Baseline, desks) -> None:
    """The independent held-out files (storage/faq/data/eval/independent_*.csv): written by
    someone who saw only topic names, labelled before any search; never used for tuning."""
    print("\n=== independent held-out sets (written from topic names only; never tuned on) ===")
    labelled_report("independent_staff.csv, bundled FAQ", full,
                    load_independent("independent_staff.csv"), desks, base)
    labelled_report("independent_city.csv, city FAQ", city,
                    load_independent("independent_city.csv"), None, cbase)
    labelled_report("kana_staff.csv (typed without kanji, written from entries' topics), bundled FAQ",
                    full, load_independent("kana_staff.csv"), desks, base)
    print("\nindependent_off_topic.csv, bundled FAQ desk:")
    off_topic_report("independent", full, [(x["text"], x["kind"], x["desk"]) for x in
                                           read_commented_csv("independent_off_topic.csv")], desks)


def off_topic_sweep(full: FaqRetriever, city: FaqRetriever, desks) -> None:
    """OFF_TOPIC_SHARE and NO_MATCH_SHARE against the older lists only (never the independent
    files): small talk offered to a person without the pattern list, and work questions told
    "not a work question"."""
    held = list(csv.DictReader((EVAL / "off_topic_heldout.csv").open(encoding="utf-8", newline="")))
    talk = [(full, desks, t) for t, k in load_off_topic("dx") if k == "smalltalk"]
    talk += [(city, None, t) for t, k in load_off_topic("city") if k == "smalltalk"]
    talk += [(full, desks, x["text"]) for x in held if x["kind"] == "smalltalk"]
    with (EVAL / "faq_unanswerable.csv").open(encoding="utf-8", newline="") as f:
        work = [(full, desks, r["question"]) for r in csv.DictReader(f)]
    work += [(full, desks, q) for q, _ in load_eval()]
    work += [(full, desks, x["text"]) for x in held if x["kind"] == "in_domain"]
    work += [(city, None, q) for name in ("city_queries.csv", "city_situations.csv")
             for q, _ in load_city(name)[1]]
    work += [(city, None, q) for q, g in load_topic_queries() if g != {"none"}]
    for name, values in (("OFF_TOPIC_SHARE", (0.0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5)),
                         ("NO_MATCH_SHARE", (0.25, 0.4, 0.5, 0.6, 0.75, 1.0))):
        orig = getattr(decision_mod, name)
        for v in values:
            setattr(decision_mod, name, v)
            offered = sum(desk_outcome(r, t, d, patterns=False)[0] in OFFERED for r, d, t in talk)
            away = sum(desk_outcome(r, t, d)[0] == "not-work" for r, d, t in work)
            mark = " *" if v == orig else ""
            print(f"{name}={v:<4}  small talk offered to a person (no pattern list) "
                  f"{offered:2d} of {len(talk)}   work questions told not work {away:2d} of {len(work)}{mark}")
        setattr(decision_mod, name, orig)


def desk_speed(n: int) -> None:
    """Per-query time of what the desk computes for a message at *n* synthetic entries
    (bench/faq_speed.py's FAQ and queries, 100 of the 1,000 small talk): search, decide, and
    the domain share when the message is not answered directly. One thread."""
    import resource

    from bench.faq_speed import queries, synthesise

    r = FaqRetriever(load_synonyms())
    r.build(synthesise(n))
    qs = queries(900) + ["今日は何の日？", "金曜日が待ち遠しい", "おやつ食べたい",
                         "プリンタが印刷できない", "チャットボットを作りたい"] * 20
    for q in qs[:50]:
        r.search(q)
        r.domain_share(q)
    load = os.getloadavg()[0]
    wall, cpu, share = [], [], []
    for q in qs:
        t, c = time.perf_counter(), time.thread_time()
        h = r.search(q)
        if decide(h) is not Decision.ANSWER:
            c2 = time.thread_time()
            decide(h, r.domain_share(q))
            share.append(time.thread_time() - c2)
        cpu.append(time.thread_time() - c)
        wall.append(time.perf_counter() - t)

    def pct(xs: list[float], p: float) -> float:
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000

    print(f"{n} entries, {len(qs)} queries, load {load:.2f} -> {os.getloadavg()[0]:.2f}: "
          f"search + decide + domain_share wall median {pct(wall, .5):.2f} p99 {pct(wall, .99):.2f} "
          f"ms, cpu median {pct(cpu, .5):.2f} p99 {pct(cpu, .99):.2f} ms; domain_share alone "
          f"({len(share)} calls) cpu median {pct(share, .5):.2f} p99 {pct(share, .99):.2f} ms; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def load_docs() -> list[Document]:
    entries = yaml.safe_load((DATA / "faq.yaml").read_text(encoding="utf-8"))["entries"]
    return [
        Document(
            id=str(e["id"]),
            question=e["question"],
            answer=e.get("answer", ""),
            alternates=tuple(e.get("alternates") or ()),
            category=e.get("category", "") or "",
            tags=tuple(e.get("tags") or ()),
        )
        for e in entries
    ]


def load_synonyms() -> list[list[str]]:
    path = DATA / "synonyms.yaml"
    if not path.exists():
        return []
    return [list(map(str, g)) for g in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]]


def load_eval() -> list[tuple[str, str]]:
    with (DATA / "faq_eval.csv").open(encoding="utf-8", newline="") as f:
        return [(r["question"], r["expected_id"].strip()) for r in csv.DictReader(f)]


class Bm25Baseline:
    """Okapi BM25 (k1=1.2, b=0.75) over SudachiPy normalised tokens, one concatenated field."""

    def __init__(self, docs: list[Document]) -> None:
        self.ids = [d.id for d in docs]
        self.tfs = [Counter(self._tokens(" ".join([d.question, *d.alternates, d.answer])))
                    for d in docs]
        self.lens = [sum(c.values()) for c in self.tfs]
        self.avg = sum(self.lens) / max(1, len(self.lens))
        df: Counter[str] = Counter()
        for c in self.tfs:
            df.update(c.keys())
        n = len(docs)
        self.idf = {t: math.log1p((n - k + 0.5) / (k + 0.5)) for t, k in df.items()}

    @staticmethod
    def _tokens(text: str) -> list[str]:
        return [t.norm for t in analyze(normalize_text(text))
                if t.norm.strip() and not _is_symbol(t.norm)]

    def search(self, query: str, limit: int = 10) -> list[str]:
        q = set(self._tokens(query))
        scored = []
        for i, tf in enumerate(self.tfs):
            s = 0.0
            for t in q:
                f = tf.get(t)
                if f:
                    s += self.idf[t] * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * self.lens[i] / self.avg))
            if s > 0:
                scored.append((s, i))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [self.ids[i] for _, i in scored[:limit]]


def _is_symbol(tok: str) -> bool:
    return all(not ch.isalnum() for ch in tok)


def metrics(ranked: list[list[str]], gold: list[str]) -> dict[str, float]:
    p1 = mrr = sr5 = 0.0
    for ids, g in zip(ranked, gold, strict=True):
        if g in ids[:10]:
            r = ids.index(g) + 1
            mrr += 1.0 / r
            p1 += r == 1
            sr5 += r <= 5
    n = max(1, len(gold))
    return {"P@1": p1 / n, "MRR": mrr / n, "SR@5": sr5 / n}


def halves(evals: list[tuple[str, str]]) -> tuple[list[int], list[int]]:
    a, b = [], []
    for i, (q, _) in enumerate(evals):
        (a if zlib.crc32(q.encode()) % 2 == 0 else b).append(i)
    return a, b


def fmt(m: dict[str, float]) -> str:
    return "  ".join(f"{k} {v:.3f}" for k, v in m.items())


def evaluate(name: str, search: Callable[[str], list[str]], evals, split) -> list[list[str]]:
    t0 = time.perf_counter()
    ranked = [search(q) for q, _ in evals]
    dt = (time.perf_counter() - t0) / max(1, len(evals)) * 1000
    gold = [g for _, g in evals]
    a, b = split
    print(f"{name:14s} {fmt(metrics(ranked, gold))}   ({dt:.2f} ms/query)")
    print(f"{'':14s} half A {fmt(metrics([ranked[i] for i in a], [gold[i] for i in a]))}")
    print(f"{'':14s} half B {fmt(metrics([ranked[i] for i in b], [gold[i] for i in b]))}")
    return ranked


def sweep(docs, syns, evals, split) -> None:
    """MRR per half for a few values of each blend parameter (one at a time, others fixed)."""
    grid = {
        "ALPHA": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0],
        "LIGHT_WEIGHT": [0.3, 0.5, 1.0],
        "SENT_SHARE": [0.3, 0.5, 0.7],
        "BETA": [0.0, 0.2, 0.35, 0.5],
        "ANSWER_VEC_WEIGHT": [0.0, 0.3, 0.5],
        "VEC_FLOOR": [0.0, 0.25, 0.4],
        "SOFT_TAU": [0.3, 0.4, 0.5],
        "SYNONYM_WEIGHT": [0.0, 0.7, 0.9, 1.0],
    }
    gold = [g for _, g in evals]
    a, b = split
    cdocs, cevals = load_city()
    _, sevals = load_city("city_situations.csv")
    for name, values in grid.items():
        orig = getattr(index_mod, name)
        for v in values:
            setattr(index_mod, name, v)
            index_mod._BUILT.clear()  # the constants may change what a build makes
            r = FaqRetriever(syns)
            r.build(docs)
            ranked = [[h.id for h in r.search(q, 10)] for q, _ in evals]
            ma = metrics([ranked[i] for i in a], [gold[i] for i in a])
            mb = metrics([ranked[i] for i in b], [gold[i] for i in b])
            c = FaqRetriever()
            c.build(cdocs)
            mc = metrics([[h.id for h in c.search(q, 10)] for q, _ in cevals], [g for _, g in cevals])
            ms = metrics([[h.id for h in c.search(q, 10)] for q, _ in sevals], [g for _, g in sevals])
            mark = " *" if v == orig else ""
            print(f"{name}={v!s:<5} A: MRR {ma['MRR']:.3f} P@1 {ma['P@1']:.3f}   "
                  f"B: MRR {mb['MRR']:.3f} P@1 {mb['P@1']:.3f}   held-out: MRR {mc['MRR']:.3f} "
                  f"SR@5 {mc['SR@5']:.3f}   situations: MRR {ms['MRR']:.3f}{mark}")
        setattr(index_mod, name, orig)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list eval questions missed at rank 1")
    ap.add_argument("--sweep", action="store_true", help="MRR per half over a parameter grid")
    ap.add_argument("--topic-only", action="store_true",
                    help="only the figures on city_topic_queries.csv")
    ap.add_argument("--sweep-off-topic", action="store_true",
                    help="OFF_TOPIC_SHARE against the older small-talk and work lists")
    ap.add_argument("--desk-speed", type=int, metavar="N",
                    help="time search + decide + domain_share at N synthetic entries")
    ap.add_argument("--independent", action="store_true",
                    help="only the figures on the independent held-out files")
    args = ap.parse_args()
    if args.desk_speed:
        desk_speed(args.desk_speed)
        return
    if args.independent or args.sweep_off_topic:
        docs, cdocs = load_docs(), load_city()[0]
        full, city = FaqRetriever(load_synonyms()), FaqRetriever()
        full.build(docs)
        city.build(cdocs)
        desk_list = read_other_desks(bundled("other_desks.yaml"))
        if args.sweep_off_topic:
            off_topic_sweep(full, city, (desk_index(desk_list), desk_list))
            return
        independent_report(full, Bm25Baseline(docs), city, Bm25Baseline(cdocs),
                           (desk_index(desk_list), desk_list))
        return
    if args.topic_only:
        cdocs, _ = load_city()
        city = FaqRetriever()
        city.build(cdocs)
        topic_report(city, Bm25Baseline(cdocs))
        return

    docs = load_docs()
    syns = load_synonyms()
    evals = load_eval()
    known = {d.id for d in docs}
    missing = sorted({g for _, g in evals if g not in known})
    if missing:
        print(f"warning: eval expects ids not in faq.yaml: {missing}")
    split = halves(evals)
    print(f"{len(docs)} FAQ entries, {len(syns)} synonym groups, {len(evals)} eval questions "
          f"(halves {len(split[0])}/{len(split[1])})\n")

    base = Bm25Baseline(docs)
    evaluate("bm25-baseline", lambda q: base.search(q, 10), evals, split)

    lex = FaqRetriever(syns, use_vectors=False)
    lex.build(docs)
    evaluate("lexical", lambda q: [h.id for h in lex.search(q, 10)], evals, split)

    full = FaqRetriever(syns)
    t0 = time.perf_counter()
    full.build(docs)
    build_s = time.perf_counter() - t0
    hits: dict[str, list] = {}

    def run_full(q: str) -> list[str]:
        hits[q] = full.search(q, 10)
        return [h.id for h in hits[q]]

    ranked = evaluate("full", run_full, evals, split)
    print(f"{'':14s} (index build {build_s:.2f} s, including loading chiVe once)")

    # Harder setting, closer to real users' questions against a sparsely written FAQ: no
    # alternates, tags or synonym groups, so only question + answer wording is available and
    # matching by meaning has to carry more of the load.
    bare = [dataclasses.replace(d, alternates=(), tags=()) for d in docs]
    print("\nquestion + answer only (no alternates, tags or synonyms):")
    base_b = Bm25Baseline(bare)
    evaluate("bm25-baseline", lambda q: base_b.search(q, 10), evals, split)
    lex_b = FaqRetriever(use_vectors=False)
    lex_b.build(bare)
    evaluate("lexical", lambda q: [h.id for h in lex_b.search(q, 10)], evals, split)
    full_b = FaqRetriever()
    full_b.build(bare)
    evaluate("full", lambda q: [h.id for h in full_b.search(q, 10)], evals, split)

    print("\ndecide() on eval questions (full):")
    dist: Counter[str] = Counter()
    answer_ok = cand_ok = 0
    for q, g in evals:
        h = hits[q]
        d = decide(h)
        dist[d.value] += 1
        if d is Decision.ANSWER and h and h[0].id == g:
            answer_ok += 1
        if d is Decision.CANDIDATES and g in [x.id for x in h[:3]]:
            cand_ok += 1
    n = len(evals)
    print(f"  answer {dist['answer']} ({dist['answer'] / n:.1%}), of which correct "
          f"{answer_ok} ({answer_ok / max(1, dist['answer']):.1%})")
    print(f"  candidates {dist['candidates']} ({dist['candidates'] / n:.1%}), of which the "
          f"right entry is in the top 3: {cand_ok} ({cand_ok / max(1, dist['candidates']):.1%})")
    print(f"  none {dist['none']} ({dist['none'] / n:.1%})")
    off = Counter(decide(full.search(q)).value for q in OFF_TOPIC)
    print(f"decide() on {len(OFF_TOPIC)} off-topic questions: none {off['none']}, "
          f"candidates {off['candidates']}, answer {off['answer']}")

    # Held-out: a FAQ in the style cities publish (long answers, 関連するFAQ, 【お問い合わせ】) and
    # questions not written against its wording; the parameters were tuned on it (halves shown).
    cdocs, cevals = load_city()
    csplit = halves(cevals)
    print(f"\nheld-out city FAQ: {len(cdocs)} entries, {len(cevals)} questions "
          f"(halves {len(csplit[0])}/{len(csplit[1])}), no synonyms")
    cbase = Bm25Baseline(cdocs)
    evaluate("bm25-baseline", lambda q: cbase.search(q, 10), cevals, csplit)
    clex = FaqRetriever(use_vectors=False)
    clex.build(cdocs)
    evaluate("lexical", lambda q: [h.id for h in clex.search(q, 10)], cevals, csplit)
    city = FaqRetriever()
    city.build(cdocs)
    evaluate("full", lambda q: [h.id for h in city.search(q, 10)], cevals, csplit)

    _, sevals = load_city("city_situations.csv")
    print(f"\nheld-out city FAQ, {len(sevals)} life-situation questions (never used for tuning):")
    evaluate("bm25-baseline", lambda q: cbase.search(q, 10), sevals, halves(sevals))
    evaluate("full", lambda q: [h.id for h in city.search(q, 10)], sevals, halves(sevals))
    topic_report(city, cbase)

    print("\ndecisions (full):")
    with (EVAL / "faq_unanswerable.csv").open(encoding="utf-8", newline="") as f:
        unanswerable = [r["question"] for r in csv.DictReader(f)]
    desk_list = read_other_desks(bundled("other_desks.yaml"))
    desks = (desk_index(desk_list), desk_list)
    decision_report("bundled", full, evals, load_off_topic("dx"), unanswerable, desks)
    # Written for issue 20's second round, never used to set a threshold or a pattern (see docs).
    with (EVAL / "off_topic_heldout.csv").open(encoding="utf-8", newline="") as f:
        held = list(csv.DictReader(f))
    decision_report("bundled, off-topic list (held out)", full, [],
                    [(x["text"], x["kind"]) for x in held if x["kind"] != "in_domain"],
                    [x["text"] for x in held if x["kind"] == "in_domain"], desks,
                    "in-domain DX questions (some in the FAQ)")
    decision_report("held-out", city, cevals, load_off_topic("city"))
    decision_report("held-out situations", city, sevals, [])
    independent_report(full, base, city, cbase, desks)
    print("\ndirect answers, all question files of one FAQ together (issue 20: wrong in ≤ 2 %; an "
          "answer to a question labelled none counts as wrong):")
    for name, r, rows, ds in (
            ("bundled FAQ (faq_eval, independent_staff, kana_staff)", full,
             [(q, frozenset([g])) for q, g in evals] + load_independent("independent_staff.csv")
             + load_independent("kana_staff.csv"), desks),
            ("held-out city FAQ (city_queries, city_situations, topic file, independent_city)", city,
             [(q, frozenset([g])) for q, g in cevals + sevals] + load_topic_queries()
             + load_independent("independent_city.csv"), None)):
        outcomes = [(desk_outcome(r, q, ds), gold) for q, gold in rows]
        answered = [(h[0].id, gold) for (out, h), gold in outcomes if out == "answer"]
        wrong = sum(1 for top, gold in answered if top not in gold)
        print(f"  {name}: {len(rows)} questions, answered directly {len(answered)}, wrong {wrong} "
              f"({wrong / max(1, len(answered)):.1%})")
    for name, r, ds in (("bundled", full, docs), ("held-out", city, cdocs)):
        phrasings = [(p, d.id) for d in ds for p in (d.question, *d.alternates)]
        ok = sum(1 for p, i in phrasings
                 if decide(h := r.search(p, 5)) is Decision.ANSWER and h[0].id == i)
        print(f"{name}: an entry's question or alternate typed verbatim is answered directly with "
              f"that entry {ok}/{len(phrasings)}")

    if args.misses:
        qs = {d.id: d.question for d in docs}
        print("\nmisses at rank 1 (full):")
        for (q, g), ids in zip(evals, ranked, strict=True):
            if not ids or ids[0] != g:
                r = ids.index(g) + 1 if g in ids else "-"
                top = f"{ids[0]} {qs.get(ids[0], '')[:30]}" if ids else "(no hit)"
                s = f"{hits[q][0].score:.2f}" if hits[q] else ""
                print(f"  [{r}] {q}  → expected {g} {qs.get(g, '?')[:30]} | got {top} {s}")
        print("\noff-topic decisions:")
        for q in OFF_TOPIC:
            h = full.search(q)
            print(f"  {decide(h).value:10s} {h[0].score if h else 0:.2f} {q}")
    if args.sweep:
        print("\nparameter sweep (current value marked *):")
        sweep(docs, syns, evals, split)


if __name__ == "__main__":
    main()
