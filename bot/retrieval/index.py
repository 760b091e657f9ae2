"""FAQ index and retriever: BM25F over words and character bigrams, blended with chiVe meaning.

Every channel yields a score in [0, 1] with an absolute meaning, so the blend is comparable
across queries (see docs/retrieval.md):

* **word** – BM25F over SudachiPy normalised content words (plus compound parts) in three fields:
  question, alternates(+tags), answer. Divided by the score of a perfect match, it is the
  IDF-weighted share of the query's concepts that a document contains. A synonym group turns a
  query word into a concept that any member of the group satisfies.
* **gram** – the same over character bigrams of question + alternates (typos, unknown words).
* **soft** – like *word*, but a concept is also satisfied by a document word of similar meaning
  (chiVe cosine ≥ ``SOFT_TAU``, credit rising linearly to 1 at cosine 1) or by a listed
  synonym: 暗証番号 ≈ パスワード, 失念 ≈ 忘れる.
* **sent** – cosine between IDF-weighted mean chiVe vectors of the query and of the document
  (centroid of its question phrasings, mixed with the answer), common direction removed (SIF),
  mapped linearly to [0, 1].

``score = ALPHA·((1-BETA)·word + BETA·gram) + (1-ALPHA)·((1-SENT_SHARE)·soft + SENT_SHARE·sent)``,
and without vectors ``score = (1-BETA)·word + BETA·gram``. Answers are cleaned of published-page
furniture first (:mod:`.clean`). The first hits also say whether the query restates the entry's
question (``exact``) and how much of the query the entry's question side covers (``coverage``):
``decide()`` uses both.

Query time is numpy over whole arrays: ``bincount`` over the concatenated postings of the
query terms, one small mat-mul against the corpus vocabulary's vectors, one mat-vec against the
document matrix, ``argpartition`` for the top hits. No per-document Python loops.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import dataclasses
import logging
import math
import multiprocessing
import os
import re
import sys
import threading
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from .audience import (
    CITIZEN_PENALTY,
    CITIZEN_WORDS,
    KANA_CITIZEN_MARGIN,
    for_citizens,
    names_citizens,
)
from .clean import clean_answer
from .normalize import normalize_text
from .reading import (
    hiragana_spelling,
    kanji_readings,
    name_pieces,
    query_reading_grams,
    reading_grams,
    respell_hiragana,
    respell_loanwords,
    spelled_out,
    typed_in_kana,
)
from .tokenize import (
    MAX_TOKENIZE_CHARS,
    PackedTokens,
    Token,
    analyze,
    analyze_packed,
    char_ngrams,
    content_terms,
    unpack_tokens,
)
from .topic import TopicWords, names_only_when, topic_words
from .types import Document, Hit
from .vectors import WordVectors, load_word_vectors

__all__ = ["FaqRetriever"]

log = logging.getLogger(__name__)

# --- parameters: few, round, and each with a reason (docs/retrieval.md has the sweep) -------
K1 = 1.2  # BM25 saturation (the textbook value)
B = 0.75  # BM25 length normalisation (the textbook value)
# An alternate phrasing is nearly as good as the question itself; the answer mentions many
# things the question is not about, so a match there counts for less.
FIELD_WEIGHTS = (1.0, 0.8, 0.3)  # question, alternates+tags, answer
GRAM_FIELD_WEIGHTS = (1.0, 0.8)  # bigrams only over question, alternates+tags
SYNONYM_WEIGHT = 0.9  # a listed synonym is almost, not quite, as good as the user's own word
BETA = 0.35  # share of the bigram channel inside the lexical score
ALPHA = 0.4  # share of the lexical score in the final blend
SENT_SHARE = 0.5  # share of the sentence-vector channel in the meaning score (rest: soft)
SOFT_TAU = 0.4  # chiVe cosine from which two words count as related (unrelated: 0.0–0.3)
SOFT_TOPK = 24  # at most this many related vocabulary rows per query word (bounds latency)
SOFT_MAX_TERMS = 16  # at most this many query words (highest IDF) get related-word expansion
ANSWER_VEC_WEIGHT = 0.3  # share of the answer in a document's meaning vector
VEC_FLOOR = 0.25  # sentence cosine at or below this maps to 0
LIGHT_WEIGHT = 0.5  # weight of a query's verbs and adjectives relative to its nouns
MAX_QUERY_CHARS = 512  # longer input is cut: no question needs more, latency stays bounded
COVERAGE_HITS = 3  # hits whose question-side coverage is computed (decide() looks at the top)
COVER_COS = 0.6  # chiVe cosine from which a title word covers a query word of that meaning
EXACT_DICE = 0.8  # character-bigram Dice of query and an entry's phrasing for a near-exact match
MIN_SCORE = 0.05  # hits below this are noise, not candidates
# Hits this close in rank are level: the one whose question side covers at least COVER_LEAD
# more of the query's words goes first (see _search).
LEVEL_MARGIN = 0.01
COVER_LEAD = 0.3
DOMAIN_MIN_DOCS = 30  # domain_share judges only with at least this many entries
_VEC_CHUNK = 4096  # word-vector rows summed at a time while building (bounds build memory)
# A build with at least this many new sentences to analyse spreads SudachiPy over worker
# processes; below it (every FAQ of a few thousand entries, every test) a pool's start-up
# (about a second: each worker imports SudachiPy and maps its dictionary) costs more than it saves.
_POOL_MIN_TEXTS = 5_000
_POOL_CHUNK = 2_000  # sentences per task sent to a worker
_POOL_MAX_WORKERS = 4


class _BuiltIndexes:
    """The last few indexes built in this process, by what they were built from.

    A FAQ that comes back to a state it had (an undo of a publish; a chat and a server of one
    install in one process; the test suite's thousand apps on the same sample FAQ) is indexed
    once: a build of the ~230 sample entries costs 1.5 s of CPU, a lookup a hash of the texts.
    Two at most, so memory stays within one index more than the current one."""

    SIZE = 2

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[tuple[tuple[object, ...], _Index]] = []

    def get(self, key: tuple[object, ...]) -> _Index | None:
        with self._lock:
            for i, (known, index) in enumerate(self._items):
                if known == key:
                    self._items.append(self._items.pop(i))
                    return index
        return None

    def clear(self) -> None:
        """Forget every index (for a sweep that changes this module's build constants)."""
        with self._lock:
            self._items = []

    def put(self, key: tuple[object, ...], index: _Index) -> None:
        with self._lock:
            self._items = [item for item in self._items if item[0] != key][-(self.SIZE - 1):] + [(key, index)]


_BUILT = _BuiltIndexes()


@dataclass(frozen=True)
class _Query:
    """A query analysed once: normalised text, SudachiPy tokens, distinct terms, synonyms."""

    text: str
    tokens: list[Token]
    terms: list[str]
    mentioned: list[int]
    # A query typed in kana: the text as typed (the reading channel's), *text* having the FAQ's
    # loanwords respelled in katakana (:func:`.reading.respell_loanwords`); else "".
    kana: str = ""


@dataclass
class _Channel:
    """CSR inverted index of one channel; posting weights are BM25F-saturated tf (no IDF)."""

    vocab: dict[str, int]
    df: np.ndarray  # int64 (V,)
    idf: np.ndarray  # float64 (V,)
    ptr: np.ndarray  # int64 (V + 1,)
    docs: np.ndarray  # int32 (postings,), ascending within a term
    weights: np.ndarray  # float32 (postings,)
    idf_unknown: float  # IDF of a term no document contains (as informative as it gets)
    # CSR of the documents whose question side (every field but the last) has the term
    title_ptr: np.ndarray  # int64 (V + 1,)
    title_docs: np.ndarray  # int32, ascending within a term
    # ... and the other way round: the question-side terms of each document
    doc_title_ptr: np.ndarray  # int64 (N + 1,)
    doc_title_terms: np.ndarray  # int32

    def in_title(self, term: str, doc: int) -> bool:
        """*doc* has *term* in its question, alternates or tags."""
        tid = self.vocab.get(term)
        if tid is None:
            return False
        docs = self.title_docs[self.title_ptr[tid] : self.title_ptr[tid + 1]]
        i = int(np.searchsorted(docs, doc))
        return i < len(docs) and int(docs[i]) == doc

    def term_idf(self, term: str) -> float:
        tid = self.vocab.get(term)
        return self.idf_unknown if tid is None else float(self.idf[tid])

    def postings(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.ptr[tid], self.ptr[tid + 1]
        return self.docs[lo:hi], self.weights[lo:hi]

    def accumulate(self, terms: Iterable[tuple[str, float]], n_docs: int) -> np.ndarray | None:
        """Σ weight × saturated tf per document for (term, weight) pairs; None if none match."""
        doc_parts = []
        w_parts = []
        for term, w in terms:
            tid = self.vocab.get(term)
            if tid is None or w == 0.0:
                continue
            d, s = self.postings(tid)
            doc_parts.append(d)
            w_parts.append(s * np.float32(w))
        if not doc_parts:
            return None
        return np.bincount(
            np.concatenate(doc_parts), weights=np.concatenate(w_parts), minlength=n_docs
        )


class _ChannelBuilder:
    """Collects (doc, term, tf per field) compactly in typed arrays, then builds a _Channel."""

    def __init__(self, field_weights: Sequence[float]) -> None:
        self.field_weights = np.asarray(field_weights, dtype=np.float64)
        self.vocab: dict[str, int] = {}
        self.doc = array("i")
        self.term = array("i")
        self.tf = [array("H") for _ in field_weights]  # uint16: term counts per field
        self.lens = array("f")
        self.n = 0

    def add(self, fields: Sequence[Counter[str]]) -> None:
        d = self.n
        self.n += 1
        vocab = self.vocab
        self.lens.extend([sum(counts.values()) for counts in fields])
        termset = set().union(*fields)
        terms = list(termset)
        # One set operation in C (difference, not issubset, which copies a dict argument into a
        # new set first): most entries bring no new term.
        if termset.difference(vocab):
            for term in terms:
                if term not in vocab:
                    vocab[term] = len(vocab)
        self.doc.extend(array("i", (d,)) * len(terms))
        self.term.extend(array("i", map(vocab.__getitem__, terms)))
        zeros = repeat(0)
        for f, counts in enumerate(fields):
            tf = map(counts.get, terms, zeros)
            if counts and max(counts.values()) > 65535:
                tf = (min(c, 65535) for c in tf)
            self.tf[f].extend(array("H", tf))

    def build(self) -> _Channel:
        n, nf = self.n, len(self.field_weights)
        lens = np.frombuffer(self.lens, dtype=np.float32).astype(np.float64).reshape(n, nf)
        avg = lens.mean(axis=0) if n else np.ones(nf)
        avg[avg == 0] = 1.0
        scale = self.field_weights / (1.0 - B + B * lens / avg)  # (n, F)
        doc = np.frombuffer(self.doc, dtype=np.int32)
        term = np.frombuffer(self.term, dtype=np.int32)
        tfw = np.zeros(len(doc))
        for f in range(nf):
            tfw += np.frombuffer(self.tf[f], dtype=np.uint16) * scale[doc, f]
        # (K1 + 1) makes one occurrence in an average-length question score exactly 1.
        sat = tfw * (K1 + 1.0) / (K1 + tfw)
        order = np.argsort(term, kind="stable")  # stable: documents stay ascending per term
        v = len(self.vocab)
        df = np.bincount(term, minlength=v).astype(np.int64)
        ptr = np.zeros(v + 1, dtype=np.int64)
        np.cumsum(df, out=ptr[1:])
        titled = np.zeros(len(doc), dtype=bool)
        for f in range(max(1, nf - 1)):  # all fields but the answer (or the only field)
            titled |= np.frombuffer(self.tf[f], dtype=np.uint16) > 0
        title_order = order[titled[order]]
        title_ptr = np.zeros(v + 1, dtype=np.int64)
        np.cumsum(np.bincount(term[titled], minlength=v), out=title_ptr[1:])
        doc_title_ptr = np.zeros(n + 1, dtype=np.int64)  # doc is ascending: rows are added in order
        np.cumsum(np.bincount(doc[titled], minlength=n), out=doc_title_ptr[1:])
        return _Channel(
            vocab=self.vocab,
            df=df,
            idf=np.log1p((n - df + 0.5) / (df + 0.5)),
            ptr=ptr,
            docs=doc[order].copy(),
            weights=sat[order].astype(np.float32),
            idf_unknown=math.log1p((n + 0.5) / 0.5),
            title_ptr=title_ptr,
            title_docs=doc[title_order].copy(),
            doc_title_ptr=doc_title_ptr,
            doc_title_terms=term[titled].copy(),
        )


class _SentenceBuilder:
    """(sentence, word-vector row, term, divisor) tuples; sentence vectors once IDF is known."""

    def __init__(self, wv: WordVectors) -> None:
        self.wv = wv
        self.sent = array("i")
        self.row = array("i")
        self.term = array("i")
        self.div = array("f")
        self.count = 0
        # By id() of a content token: the token (kept, so that its id is not reused) and its
        # (rows, term ids, divisors). Most tokens of a build are shared objects met many times.
        self._by_token: dict[int, tuple[Token, list[int], list[int], list[float]]] = {}

    def add(self, tokens: list[Token], vocab: dict[str, int]) -> None:
        self.add_rows(self.rows(tokens, vocab))

    def rows(self, tokens: list[Token], vocab: dict[str, int]) -> tuple[array, array, array]:
        """(word-vector rows, term ids, divisors) of a sentence's tokens with a vector."""
        rows: list[int] = []
        terms: list[int] = []
        divs: list[float] = []
        by_token = self._by_token
        for t in tokens:
            if not t.content:
                continue
            hit = by_token.get(id(t))
            if hit is None:
                hit = self._token_rows(t, vocab)
                if hit is None:
                    continue
            rows += hit[1]
            terms += hit[2]
            divs += hit[3]
        return array("i", rows), array("i", terms), array("f", divs)

    def _token_rows(
        self, t: Token, vocab: dict[str, int]
    ) -> tuple[Token, list[int], list[int], list[float]] | None:
        tid = vocab.get(t.norm)
        if tid is None:  # not a term (yet): nothing to keep, nothing to remember
            return None
        pairs = [(row, div) for _, row, div in _token_rows(self.wv, [t])]
        hit = (t, [r for r, _ in pairs], [tid] * len(pairs), [d for _, d in pairs])
        self._by_token[id(t)] = hit
        return hit

    def add_rows(self, rows: tuple[array, array, array]) -> None:
        s = self.count
        self.count += 1
        self.sent.extend(array("i", (s,)) * len(rows[0]))
        self.row.extend(rows[0])
        self.term.extend(rows[1])
        self.div.extend(rows[2])

    def matrix(
        self, term_weight: np.ndarray, group: np.ndarray | None = None, n_groups: int = 0
    ) -> np.ndarray:
        """Unit IDF-weighted mean word vector of each sentence, summed per *group*, unit rows.

        With ``group=None`` each sentence is its own row. Works through the (sentence, word)
        tuples in chunks that end on a sentence boundary, so build memory stays bounded by
        the output matrix plus one chunk.
        """
        n_out = self.count if group is None else n_groups
        out = np.zeros((n_out, self.wv.dim), dtype=np.float32)
        sent = np.frombuffer(self.sent, dtype=np.int32)
        row = np.frombuffer(self.row, dtype=np.int32)
        w = (term_weight[np.frombuffer(self.term, dtype=np.int32)]
             / np.frombuffer(self.div, dtype=np.float32)).astype(np.float32)
        table = self.wv.table
        lo, total = 0, len(sent)
        while lo < total:
            hi = min(lo + _VEC_CHUNK, total)
            if hi < total:  # extend to the end of the last sentence of the chunk
                hi = int(np.searchsorted(sent, sent[hi - 1], side="right"))
            s = sent[lo:hi]
            starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
            sums = _unit_rows(np.add.reduceat(table[row[lo:hi]] * w[lo:hi, None], starts, axis=0))
            ids = s[starts]
            if group is None:
                out[ids] = sums
            else:
                np.add.at(out, group[ids], sums)
            lo = hi
        return _unit_rows(out)


# A sentence end after which the analysis of the rest does not depend on what came before: a
# 。 between a non-。 and a letter (kana, kanji, Latin), not a 。。 or 。」.
_SENTENCE_END = re.compile(r"(?<=[^。]。)(?=[^\W\d_])")


class _BuildAnalyzer:
    """``analyze()`` for one index build, each distinct sentence analysed once.

    FAQ entries repeat sentences (an answer's closing advice, an alternate or tag set shared by
    entries), and SudachiPy is most of a build's time. A text is analysed sentence by sentence
    at its 。 ends; a sentence after the first is analysed behind a 。 — the same context
    SudachiPy's lattice sees in the whole text, so the best path through it is the same — and
    that leading 。 dropped. Where the 。 is not a token of its own on both sides (a name ending
    in 。), the whole text is analysed instead. The tokens equal ``analyze(text)``'s
    (bench/faq_speed.py checks it on the synthesised FAQ with ``--check-tokens``).
    """

    def __init__(self) -> None:
        self._seen: dict[str, list[Token]] = {}
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._pending: Iterator[tuple[list[str], PackedTokens]] | None = None
        self._known: dict[Token, Token] = {}  # one object per distinct token from the workers
        self._chunks_left = 0

    def pieces(self, text: str) -> list[str]:
        """The sentences that ``self(text)`` analyses (without the whole-text fallback)."""
        if len(text) > MAX_TOKENIZE_CHARS:
            return []
        first, *rest = _SENTENCE_END.split(text)
        return [first, *("。" + piece for piece in rest)]

    def prefetch(self, texts: Iterable[str]) -> None:
        """Start analysing the new sentences of *texts*, in the order given, in worker processes
        if there are many; :meth:`close` stops them.

        The build goes on meanwhile and takes each chunk's tokens when it first needs one of its
        sentences, so both cores work. Only a speed-up: if the pool cannot start or breaks (no
        process creation allowed, a worker killed), sentences are analysed in this process.
        Spawned workers import the main module again: a script that builds a large index
        needs the usual ``if __name__ == "__main__":`` guard.
        """
        todo = list(dict.fromkeys(p for t in texts for p in self.pieces(t) if p not in self._seen))
        workers = min(_POOL_MAX_WORKERS, len(os.sched_getaffinity(0)))
        if len(todo) < _POOL_MIN_TEXTS or workers < 2 or self._pool is not None:
            return
        chunks = [todo[i : i + _POOL_CHUNK] for i in range(0, len(todo), _POOL_CHUNK)]
        try:
            # spawn, not fork: the bot's process has threads (event loop, BLAS, the server), and
            # a forked child can inherit a lock one of them held.
            ctx = multiprocessing.get_context("spawn")
            self._pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx)
            self._pending = zip(chunks, self._pool.map(analyze_packed, chunks), strict=True)
            self._chunks_left = len(chunks)
        except (OSError, RuntimeError) as exc:  # RuntimeError: BrokenProcessPool
            log.warning("FAQ index: analysing in this process only (%s)", exc)
            self.close()

    def close(self) -> None:
        """Stop the worker processes, if any (the analysis goes on in this process)."""
        pool, self._pool, self._pending = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __call__(self, text: str) -> list[Token]:
        if len(text) > MAX_TOKENIZE_CHARS:
            return analyze(text)
        pieces = _SENTENCE_END.split(text)
        if len(pieces) == 1:
            return self._piece(text)
        out = list(self._piece(pieces[0]))
        for piece in pieces[1:]:
            tokens = self._piece("。" + piece)
            if not out or out[-1].surface != "。" or not tokens or tokens[0].surface != "。":
                return analyze(text)
            out.extend(tokens[1:])
        return out

    def _piece(self, piece: str) -> list[Token]:
        tokens = self._seen.get(piece)
        if tokens is None and self._pending is not None:
            tokens = self._collect(piece)
        if tokens is None:
            tokens = self._seen[piece] = analyze(piece)
        return tokens

    def _collect(self, piece: str) -> list[Token] | None:
        """Take the workers' chunks in order up to the one with *piece*; None if none has it."""
        while self._pending is not None:
            try:
                chunk, packed = next(self._pending)
            except StopIteration:
                self.close()
                return None
            except (OSError, RuntimeError) as exc:
                log.warning("FAQ index: analysing in this process only (%s)", exc)
                self.close()
                return None
            self._seen.update(zip(chunk, unpack_tokens(packed, self._known), strict=True))
            self._chunks_left -= 1
            if not self._chunks_left:  # all in: the workers' memory goes back now
                self.close()
            tokens = self._seen.get(piece)
            if tokens is not None:
                return tokens
        return None


class _Phrasing:
    """A question, alternate or tag line of an entry: normalised, analysed, with what the
    index keeps of it. Shared by the entries that repeat it."""

    __slots__ = ("_rows", "terms", "text", "tokens", "unit")

    def __init__(self, text: str, tokens: list[Token]) -> None:
        intern = sys.intern
        self.text = text
        self.tokens = tokens
        self.terms = content_terms(tokens)
        self.unit = tuple((intern(t.norm), tuple(map(intern, t.parts)) if t.parts else (), t.light)
                          for t in tokens if t.content)
        self._rows: tuple[array, array, array] | None = None

    def rows(self, builder: _SentenceBuilder, vocab: dict[str, int]) -> tuple[array, array, array]:
        # Term ids never change once given, and every content word of a phrasing has one by the
        # time its entry's sentences are added (the word channel took them first).
        if self._rows is None:
            self._rows = builder.rows(self.tokens, vocab)
        return self._rows


class _PhrasingCache:
    """One _Phrasing per distinct raw text in a build."""

    def __init__(self, analyze: _BuildAnalyzer, normalized: dict[str, str] | None = None) -> None:
        self.analyze = analyze
        self._normalized = normalized or {}  # raw -> normalize_text(raw), where known already
        self._seen: dict[str, _Phrasing] = {}

    def __call__(self, raw: str) -> _Phrasing:
        p = self._seen.get(raw)
        if p is None:
            text = self._normalized.pop(raw, None)
            if text is None:
                text = normalize_text(raw)
            p = self._seen[raw] = _Phrasing(text, self.analyze(text))
        return p


def _normalized_texts(
    docs: Iterable[Document],
) -> tuple[list[Document], list[str], dict[str, str]]:
    """*docs* as a list, each one's cleaned normalised answer, and the normalised form of each
    distinct question, alternate and tag line: what a build analyses, known before it starts."""
    docs = list(docs)
    answers = [normalize_text(clean_answer(d.answer)) for d in docs]
    raw = dict.fromkeys(t for d in docs for t in (d.question, *d.alternates, " ".join(d.tags)))
    return docs, answers, {t: normalize_text(t) for t in raw}


def _token_rows(wv: WordVectors, tokens: list[Token]) -> Iterable[tuple[Token, int, float]]:
    """(token, chiVe row, weight divisor) for the content words that have a vector.

    A compound unknown to chiVe is represented by its parts, sharing the compound's weight.
    """
    for t in tokens:
        if not t.content:
            continue
        r = wv.first_row(t.norm, t.surface.lower(), t.lemma)
        if r >= 0:
            yield t, r, 1.0
        elif t.parts:
            rows = [p for p in (wv.row(p) for p in t.parts) if p >= 0]
            for p in rows:
                yield t, p, float(len(rows))


@dataclass
class _Synonyms:
    """Query-time synonym groups, each member pre-analysed into content terms."""

    member_terms: list[tuple[str, ...]]
    member_group: list[int]
    member_text: list[str]  # normalised surface, for substring matching
    groups: list[list[int]]  # group -> member indices
    by_char: dict[str, list[int]] = field(default_factory=dict)  # first character -> members
    by_term: dict[str, list[int]] = field(default_factory=dict)  # any term -> members

    @classmethod
    def build(cls, groups: Sequence[Sequence[str]]) -> _Synonyms:
        syn = cls([], [], [], [])
        for raw in groups:
            members: list[tuple[tuple[str, ...], str]] = []
            seen: set[tuple[str, ...]] = set()
            for word in raw or ():
                if not isinstance(word, str):
                    continue
                text = normalize_text(word)
                terms = tuple(dict.fromkeys(content_terms(analyze(text))))
                if text and terms and terms not in seen:
                    seen.add(terms)
                    members.append((terms, text))
            if len(members) < 2:  # a group of one expands nothing
                continue
            ids = []
            for terms, text in members:
                ids.append(len(syn.member_terms))
                syn.member_terms.append(terms)
                syn.member_group.append(len(syn.groups))
                syn.member_text.append(text)
            syn.groups.append(ids)
        for m, text in enumerate(syn.member_text):
            syn.by_char.setdefault(text[0], []).append(m)
            for t in syn.member_terms[m]:
                syn.by_term.setdefault(t, []).append(m)
        return syn

    @property
    def fingerprint(self) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The groups as analysed: equal for equal synonym lists."""
        return tuple(self.member_text), tuple(self.member_group)

    def mentions(self, qtext: str, qterms: Sequence[str]) -> list[int]:
        """One member per group that the query mentions: as text, or by all its terms."""
        terms = set(qterms)
        candidates: set[int] = set()
        for ch in set(qtext):
            candidates.update(self.by_char.get(ch, ()))
        for t in terms:
            candidates.update(self.by_term.get(t, ()))
        out: list[int] = []
        seen: set[int] = set()
        for m in sorted(candidates):
            g = self.member_group[m]
            if g in seen:
                continue
            if _mentions_text(qtext, self.member_text[m]) or all(
                t in terms for t in self.member_terms[m]
            ):
                seen.add(g)
                out.append(m)
        return out

    def alternatives(self, mentioned: Sequence[int]) -> dict[str, list[str]]:
        """For each query term that belongs to a mentioned member: the other members' terms."""
        out: dict[str, list[str]] = {}
        for m in mentioned:
            others = [
                t
                for alt in self.groups[self.member_group[m]]
                if alt != m
                for t in self.member_terms[alt]
            ]
            for t in self.member_terms[m]:
                out.setdefault(t, []).extend(others)
        return out

    def canonical_terms(self, mentioned: Sequence[int]) -> list[str]:
        """Terms of the canonical (first) member of each mentioned group, if not the mention."""
        out: list[str] = []
        for m in mentioned:
            first = self.groups[self.member_group[m]][0]
            if first != m:
                out.extend(self.member_terms[first])
        return out


@dataclass
class _Meaning:
    """chiVe structures of one index snapshot."""

    term_weight: np.ndarray  # float32 (V,) IDF weight of each word-channel term in mean vectors
    weight_unknown: float
    common: np.ndarray | None  # unit common direction removed from sentence vectors (SIF)
    doc_mat: np.ndarray  # (N, D) unit meaning vector per document
    rows_mat: np.ndarray  # (U, D) unit vectors of the chiVe rows used by the vocabulary
    row_ptr: np.ndarray  # (U + 1,) CSR: vocabulary rows -> word-channel term ids
    row_terms: np.ndarray  # int32
    term_rows: np.ndarray  # int32 (V,) chiVe row of each word-channel term, -1 if none


@dataclass
class _Index:
    """Immutable snapshot that :meth:`FaqRetriever.build` swaps in as a whole."""

    ids: list[str]
    phrasings: list[tuple[str, ...]]  # normalised question, alternates (and tags): near-exact test
    # per document, per question phrasing: its words as (term, compound parts, light)
    units: list[tuple[tuple[tuple[str, tuple[str, ...], bool], ...], ...]]
    word: _Channel
    gram: _Channel
    meaning: _Meaning | None
    # question stems (:func:`question_stem`) of every phrasing -> its document, -1 if shared
    stems: dict[str, int] = field(default_factory=dict)
    reading: _Channel | None = None  # reading bigrams of the question side (kana queries)
    # per document, the words of its tags (Excel, VLOOKUP): what the entry is about
    tag_words: list[frozenset[str]] = field(default_factory=list)
    # entries for citizens, not for the staff (:mod:`.audience`); None when there is none
    citizens: np.ndarray | None = None


class FaqRetriever:
    """Japanese FAQ search without any cloud service.

    ``synonyms``: groups of interchangeable words (first item canonical), expanded at query
    time. ``use_vectors=False`` (or ja-ginza not installed) gives lexical-only search.
    ``search`` may be called from many threads, also while ``build`` replaces the index.
    """

    def __init__(
        self, synonyms: Sequence[Sequence[str]] = (), *, use_vectors: bool = True
    ) -> None:
        self._synonyms = _Synonyms.build(synonyms)
        self._use_vectors = use_vectors
        self._wv: WordVectors | None = None
        self._index: _Index | None = None
        self._build_lock = threading.Lock()
        # The FAQ's katakana words, for a query typed in kana (see _loanwords); per index.
        self._katakana: tuple[_Index | None, frozenset[str]] = (None, frozenset())
        # The FAQ's kanji words and loanwords by their hiragana, for one typed so (see _hiragana_words).
        self._readings: tuple[_Index | None, dict[str, str]] = (None, {})

    # --- building ------------------------------------------------------------------------
    def build(self, docs: Iterable[Document]) -> None:
        """Index *docs*, replacing the whole index atomically (searches never see a mix).

        An index built before in this process from the same documents and synonyms is reused
        (see _BUILT): it is never changed after its build."""
        docs = list(docs)
        with self._build_lock:
            if self._use_vectors and self._wv is None:
                self._wv = load_word_vectors()
            key = self._build_key(docs)
            new = _BUILT.get(key)
            if new is None:
                new = self._build_index(docs)
                _BUILT.put(key, new)
                _release_free_memory()
            self._index = new  # a single reference assignment: atomic for concurrent readers

    def _build_key(self, docs: Sequence[Document]) -> tuple[object, ...]:
        """What an index depends on: the documents, the synonyms and whether vectors are used."""
        return (self._use_vectors and self._wv is not None, self._synonyms.fingerprint, tuple(docs))

    def _build_index(self, docs: Iterable[Document]) -> _Index:
        wv = self._wv if self._use_vectors else None
        analyze = _BuildAnalyzer()
        try:
            doc_list, answers, normalized = _normalized_texts(docs)
            analyze.prefetch(  # in the order _index_docs needs them
                text
                for doc, answer in zip(doc_list, answers, strict=True)
                for text in (
                    *(normalized[r] for r in (doc.question, *doc.alternates, " ".join(doc.tags))),
                    answer,
                )
            )
            return self._index_docs(wv, doc_list, answers, _PhrasingCache(analyze, normalized))
        finally:
            analyze.close()

    def _index_docs(
        self,
        wv: WordVectors | None,
        docs: list[Document],
        answers: list[str],
        phrase: _PhrasingCache,
    ) -> _Index:
        ids: list[str] = []
        phrasings: list[tuple[str, ...]] = []
        word_b = _ChannelBuilder(FIELD_WEIGHTS)
        gram_b = _ChannelBuilder(GRAM_FIELD_WEIGHTS)
        reading_b = _ChannelBuilder(GRAM_FIELD_WEIGHTS)
        phr_b = _SentenceBuilder(wv) if wv else None
        ans_b = _SentenceBuilder(wv) if wv else None
        phr_doc = array("i")  # document of each phrasing sentence
        units: list[tuple[tuple[tuple[str, tuple[str, ...], bool], ...], ...]] = []
        tag_words: list[frozenset[str]] = []
        analyze = phrase.analyze
        readings: dict[str, list[str]] = {}  # reading grams of each distinct text, once per build
        citizens: list[int] = []
        categories: dict[str, list[str]] = {}  # words of each distinct category naming citizens
        for doc, answer in zip(docs, answers, strict=True):
            d = len(ids)
            ids.append(str(doc.id))
            q = phrase(doc.question)
            alts = [phrase(a) for a in doc.alternates]
            tags = phrase(" ".join(doc.tags))
            alt_texts = [a.text for a in alts]
            phrasings.append((q.text, *alt_texts, tags.text) if tags.text else (q.text, *alt_texts))
            a_tok = analyze(answer)
            alt_terms = [t for a in alts for t in a.terms]
            units.append((q.unit, *(a.unit for a in alts)))
            tag_words.append(frozenset(t.norm for t in tags.tokens if t.content))
            alt_terms += tags.terms
            if _for_citizens(doc, (q, *alts, tags), categories):
                citizens.append(d)
            word_b.add([Counter(q.terms), Counter(alt_terms), Counter(content_terms(a_tok))])
            gram_b.add([Counter(char_ngrams(q.text)), Counter(char_ngrams(" ".join([*alt_texts, tags.text])))])
            reading_b.add(self._reading_fields(q.text, alt_texts, tags.text, [*q.terms, *alt_terms], readings))
            if phr_b is not None and ans_b is not None:
                for ph in (q, *alts):
                    phr_b.add_rows(ph.rows(phr_b, word_b.vocab))
                    phr_doc.append(d)
                ans_b.add(a_tok, word_b.vocab)
        if len(set(ids)) != len(ids):
            log.warning("FAQ index: %d duplicate document ids", len(ids) - len(set(ids)))
        word = word_b.build()
        gram = gram_b.build()
        reading = reading_b.build()
        meaning = None
        if wv is not None and phr_b is not None and ans_b is not None and ids:
            meaning = self._build_meaning(wv, word, len(ids), phr_b, ans_b, phr_doc)
        return _Index(
            ids=ids, phrasings=phrasings, units=units, tag_words=tag_words, word=word, gram=gram, meaning=meaning,
            stems=_phrasing_stems(phrasings), reading=reading,
            citizens=_mask(citizens, len(ids)),
        )

    def _reading_fields(
        self, question: str, alts: Sequence[str], tags: str, terms: Sequence[str],
        seen: dict[str, list[str]] | None = None,
    ) -> list[Counter[str]]:
        """Reading bigrams of an entry (:mod:`.reading`): question; alternates, tags and the
        other members of every synonym group its question side names (VLOOKUP →
        ブイルックアップ, for 「ぶいるっくあっぷ」)."""
        syn = self._synonyms
        have = set(terms)
        named = {
            syn.member_group[m]
            for t in have
            for m in syn.by_term.get(t, ())
            if all(x in have for x in syn.member_terms[m])
        }
        others = [syn.member_text[m] for g in sorted(named) for m in syn.groups[g]]
        texts = (*alts, tags, *others)
        others += [w for text in (question, *texts) for w in spelled_out(text)]
        seen = {} if seen is None else seen

        def grams(text: str) -> list[str]:
            # A phrasing repeated across entries (tags, synonym readings) is read by SudachiPy once.
            found = seen.get(text)
            if found is None:
                found = seen[text] = reading_grams(text, words_only=True)
            return found

        return [
            Counter(grams(question)),
            Counter(g for text in (*alts, tags, *others) for g in grams(text)),
        ]

    @staticmethod
    def _build_meaning(
        wv: WordVectors,
        word: _Channel,
        n: int,
        phr_b: _SentenceBuilder,
        ans_b: _SentenceBuilder,
        phr_doc: array,
    ) -> _Meaning:
        # Sentence-vector weights: IDF over documents (rare words carry the topic).
        term_weight = np.log((n + 1) / (word.df + 0.5)).astype(np.float32)
        weight_unknown = math.log((n + 1) / 0.5)
        # A document's question meaning = centroid of its phrasings (one row per document
        # keeps memory at N×300 floats, and scored as well as the best-phrasing maximum).
        cent = phr_b.matrix(term_weight, np.frombuffer(phr_doc, dtype=np.int32), n)
        ans = ans_b.matrix(term_weight)
        common = _principal_direction(cent, ans)
        cent = _remove_common(cent, common)
        cent *= 1.0 - ANSWER_VEC_WEIGHT
        ans = _remove_common(ans, common)
        ans *= ANSWER_VEC_WEIGHT
        cent += ans
        del ans
        doc_mat = _unit_rows(cent)
        del cent
        # Vocabulary rows for related-word matching: the distinct chiVe rows of all terms.
        term_rows = np.fromiter(
            (wv.row(t) for t in word.vocab), dtype=np.int64, count=len(word.vocab)
        )
        has = np.flatnonzero(term_rows >= 0)
        uniq, inverse = np.unique(term_rows[has], return_inverse=True)
        order = np.argsort(inverse, kind="stable")
        row_ptr = np.zeros(len(uniq) + 1, dtype=np.int64)
        np.cumsum(np.bincount(inverse, minlength=len(uniq)), out=row_ptr[1:])
        return _Meaning(
            term_weight=term_weight,
            weight_unknown=weight_unknown,
            common=common,
            doc_mat=doc_mat,
            rows_mat=np.ascontiguousarray(wv.table[uniq]),
            row_ptr=row_ptr,
            row_terms=has[order].astype(np.int32),
            term_rows=term_rows.astype(np.int32),
        )

    # --- searching -----------------------------------------------------------------------
    def __len__(self) -> int:
        index = self._index
        return 0 if index is None else len(index.ids)

    def search(self, query: str, limit: int = 5, context: str = "") -> list[Hit]:
        """Return up to *limit* hits, best first; ``[]`` if nothing usable is in *query*.

        *context* is the previous question of a follow-up (「それってZoomでも同じ？」 after a
        question on screen sharing in Teams): documents are scored on the follow-up read
        together with it, averaged with the follow-up alone, so the new words decide between
        entries on the earlier topic.

        Never raises for any input: a retrieval failure must degrade to "no answer", not crash
        the conversation (the failure is logged).
        """
        try:
            return self._search(query, limit, context if isinstance(context, str) else "")
        except Exception:
            log.exception("FAQ search failed")
            return []

    def _search(self, query: str, limit: int, context: str = "") -> list[Hit]:
        index = self._index  # one snapshot for the whole query, even if build() swaps
        if index is None or not index.ids or not isinstance(query, str) or limit <= 0:
            return []
        q = self._analyze(query, index)
        scores = self._score_all(index, q)
        if context.strip():
            joined_q = self._analyze(f"{context[:MAX_QUERY_CHARS]} {query}", index)
            joined = self._score_all(index, joined_q)
            if joined is not None:
                # The follow-up's own words count as much as the joined question's when they name
                # a topic (「それってTeamsでも同じ？」), not at all when they name none of the FAQ's
                # (「それって土日でもやってもらえる？」 after a password question: 土日 alone meets the
                # entry on the desk's opening days, which is not what is asked).
                own = 0.5 * min(1.0, self.domain_share(query))
                scores = joined if scores is None else own * scores + (1.0 - own) * joined
                q = joined_q
        if scores is None:
            return []
        rank = scores
        staff_first = index.citizens is not None and not names_citizens(
            [x for t in q.tokens if t.content for x in (t.norm, *t.parts)], q.kana or q.text
        )
        if staff_first:
            # The desk's askers are staff: a question that does not name the citizens is about
            # the staff's own matter first (audience.py). Only the order changes: each hit keeps
            # its score, which decide() and the other sections' desks compare.
            rank = scores - CITIZEN_PENALTY * index.citizens
        n = len(scores)
        k = min(int(limit), n)
        top = np.argpartition(-rank, k - 1)[:k] if k < n else np.arange(n)
        top = top[np.lexsort((top, -rank[top]))]  # by rank, ties by document order
        if staff_first and index.citizens is not None:
            cover = self._reading_cover(index, q.kana or q.text, q.text if q.kana else "")
            if cover is not None:
                top = _staff_before_citizens(top, rank, cover, index.citizens)
        hits = [Hit(index.ids[i], round(float(scores[i]), 4)) for i in top if scores[i] >= MIN_SCORE]
        stem_doc = index.stems.get(question_stem(q.text), -1)
        if stem_doc >= 0 and hits:
            # 「RPAとは？」「RPAについて」 restate 「RPAとは何ですか？」 up to its question ending: that
            # entry goes first, level with the best score, wherever the blend put it.
            top = np.r_[stem_doc, top[top != stem_doc]][: len(top)]
            hits = [Hit(index.ids[stem_doc], max(hits[0].score, round(float(scores[stem_doc]), 4))),
                    *[h for h in hits if h.id != index.ids[stem_doc]]][:k]
        head = [int(d) for d in top[: min(COVERAGE_HITS, len(hits))]]
        restated = [self._restates(index, q, d) for d in head]
        if restated and not restated[0] and any(restated):
            # An entry the query restates in other words goes first, level with the best
            # score: 「VLOOKUPってどう使うの」 is 「VLOOKUPの使い方」, not the entry comparing
            # XLOOKUP with VLOOKUP that shares as many of its words.
            k = restated.index(True)
            hits.insert(0, dataclasses.replace(hits.pop(k), score=hits[0].score))
            head.insert(0, head.pop(k))
            restated.insert(0, restated.pop(k))
        covered = [self._title_coverage(index, q, d) for d in head]
        level = [j for j in range(1, len(head)) if rank[head[j]] >= rank[head[0]] - LEVEL_MARGIN
                 and covered[j] >= covered[0] + COVER_LEAD]
        if level and not restated[0] and head[0] != stem_doc:
            # Level scores (within ``LEVEL_MARGIN``): the entry whose question side names the
            # query's words goes first. 「共有フォルダ見れない」 is FAQ-097's alternate
            # 「異動したら共有フォルダが見られなくなった」 (coverage 1.0), level with the screen-sharing
            # entry (0.52: 共有 only) that the sentence vectors favour, because FAQ-097's vector is
            # the centroid of its phrasings and mostly about 人事異動.
            k = max(level, key=lambda j: covered[j])
            hits.insert(0, dataclasses.replace(hits.pop(k), score=max(hits[0].score, hits[k].score)))
            for lst in (head, restated, covered):
                lst.insert(0, lst.pop(k))
        # One word and nothing else (no particle, no question ending): 「テスト」, 「test」.
        bare = len(q.tokens) == 1 and q.tokens[0].content and not context.strip()
        # (A verb, an adjective or a Latin letter already says more than when: no second analysis.)
        when = (not context.strip() and all(not t.light for t in q.tokens if t.content)
                and not any("a" <= c <= "z" for c in q.text) and names_only_when(q.text))
        strangers = self._unknown_nouns(index, q)
        trouble = bool(_TROUBLE.search(q.text))
        lacks = _LACK.findall(q.text)
        for k, d in enumerate(head):
            hits[k] = dataclasses.replace(
                hits[k],
                exact=k == 0 and (restated[0] or d == stem_doc or _near_exact(q, index.phrasings[d])),
                coverage=round(covered[k], 4),
                bare_word=bare,
                unknown_noun=_meets_by_meaning_only(strangers, index.phrasings[d]),
                when_only=when,
                trouble_unmet=trouble and (not any(_TROUBLE.search(p) for p in index.phrasings[d])
                                           or any(not _shares_letters(w, index.phrasings[d]) for w in lacks)),
            )
        return hits

    def _unknown_nouns(self, index: _Index, q: _Query) -> list[str]:
        """Surface and normalised form, in turn, of the query's nouns that no entry uses anywhere (neither the word, nor all its compound
        parts, nor a listed synonym), written with kanji or katakana: 肺炎球菌 against a city FAQ
        that only knows インフルエンザ. An entry can meet such a word only by chiVe meaning, and
        chiVe puts sibling things (two vaccines, 退職 and 異動) as close as synonyms – pruned
        rare words even share their neighbour's row. Verbs, adjectives and Latin names are left
        out (a name the FAQ lacks is the system asked about, judged by the other rules)."""
        vocab = index.word.vocab
        alts = self._synonyms.alternatives(q.mentioned)
        out = []
        for t in q.tokens:
            if not t.content or t.light or t.norm in vocab or alts.get(t.norm):
                continue
            if t.parts and all(p in vocab for p in t.parts):
                continue
            if _LETTERS.search(t.surface + t.norm):
                out.append(t)
        if not out:
            return []
        # Topic nouns only: not 昨夜 or 三日 (when, how many), not 方法 (scaffolding).
        nouns = {n for n, _, _ in topic_words(q.text).nouns}
        return [w for t in out if t.norm in nouns for w in (t.surface, t.norm)]

    def _restates(self, index: _Index, q: _Query, doc: int) -> bool:
        """The query and one question phrasing of *doc* have the same words, scaffolding aside
        (「VLOOKUPってどう使うの」 and 「VLOOKUPの使い方」): every word of the phrasing is in the
        query and every query word in the phrasing (itself, its compound parts, a listed
        synonym)."""
        qwords = [t for t in q.tokens if t.content]
        if not qwords:
            return False
        have = set(q.terms)
        alts = self._synonyms.alternatives(q.mentioned)
        for a in alts.values():
            have.update(a)
        tags = index.tag_words[doc] if doc < len(index.tag_words) else frozenset()
        for phrasing in index.units[doc]:
            # A one-word phrasing (「RPAとは何ですか」) leaves the question to the scaffolding,
            # which is not compared (「RPA頼みたい」 is another question).
            if len(phrasing) < 2:
                continue
            if not all(n in have or (p and all(x in have for x in p)) for n, p, _ in phrasing):
                continue
            # The entry's tags name what it is about (Excel for 「VLOOKUPの使い方」): saying it
            # too (「エクセルでvlookupつかいたい」) asks nothing else.
            words = {n for n, _, _ in phrasing} | {x for _, p, _ in phrasing for x in p} | tags
            if all(
                t.norm in words
                or (t.parts and all(x in words for x in t.parts))
                or any(a in words for a in alts.get(t.norm, ()))
                for t in qwords
            ):
                return True
        return False

    def domain_share(self, query: str) -> float:
        """Share of the query's topic nouns (:mod:`.topic`: nouns, not time or number words)
        that the FAQ uses anywhere, contains in a longer loanword of the query (チャット in
        チャットボット), or has a word of the same meaning for (chiVe cosine ≥ ``COVER_COS``,
        credit = cosine); a katakana word chiVe does not know counts as a name. 0.0 for
        「おやつ食べたい」 and for a message naming no topic at all (「今日は寒いね」); 1.0 when the
        query names something in Latin script (a product or system: 「Power Automate」) or the FAQ
        has under ``DOMAIN_MIN_DOCS`` entries (nothing to judge by). Every noun counts the same:
        unlike in ranking, a word many entries use (庁内, 申請) is the strongest sign of the
        domain, not the weakest. Never raises."""
        try:
            index = self._index
            # A small FAQ's words do not describe its domain (an empty one none at all).
            if index is None or len(index.ids) < DOMAIN_MIN_DOCS or not isinstance(query, str):
                return 1.0
            text = normalize_text(query[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
            words = topic_words(text)
            if words.latin:
                return 1.0
            respelled = respell_loanwords(text, self._loanwords(index)) if typed_in_kana(text) else text
            by_reading = self._reading_scores(index, text, respelled)
            if by_reading is not None:
                # Typed in kana, the words are cut into nonsense: how well the reading matches
                # an entry's question side says whether it is about the FAQ's domain. Particles
                # typed without spaces (「えくせるでじゅうふく…」) put trigrams no entry has into
                # that share, so the topic nouns count too, read once the FAQ's loanwords in the
                # query are written in katakana (えくせる → エクセル, たぶれっと → タブレット).
                return max(float(by_reading.max()), self._noun_share(index, topic_words(respelled)))
            return self._noun_share(index, words)
        except Exception:
            log.exception("FAQ domain share failed")
            return 1.0

    def _loanwords(self, index: _Index) -> frozenset[str]:
        """Katakana words (3 letters or more) of the FAQ's word channel and of the synonym
        groups (エクセル for Excel), computed once per index."""
        cached_for, words = self._katakana
        if cached_for is not index:
            words = frozenset(
                w for w in (*index.word.vocab, *self._synonyms.member_text)
                if _KATAKANA_NAME.fullmatch(w)
            )
            self._katakana = (index, words)
        return words

    def _hiragana_words(self, index: _Index) -> dict[str, str]:
        """Hiragana -> word, for the words of two kanji or more on the FAQ's question side
        (:func:`.reading.kanji_readings`) and the FAQ's loanwords (:meth:`_loanwords`),
        computed once per index."""
        cached_for, readings = self._readings
        if cached_for is not index:
            ch = index.word
            terms = list(ch.vocab)
            readings = {hiragana_spelling(w): w for w in self._loanwords(index)}
            # SudachiPy writes フォルダ as フォルダー, コンピュータ as コンピューター: staff type both.
            readings.update({k[:-1]: w for k, w in list(readings.items()) if k.endswith("ー") and len(k) > 3})
            readings.update(kanji_readings(terms[t] for t in np.unique(ch.doc_title_terms)))
            self._readings = (index, readings)
        return readings

    def _noun_share(self, index: _Index, words: TopicWords) -> float:
        """Share of the topic nouns in *words* that the FAQ knows (see :meth:`domain_share`)."""
        if words.latin:
            return 1.0
        ch, mn, wv = index.word, index.meaning, self._wv
        found = 0.0
        for norm, surface, lemma in words.nouns:
            if norm in ch.vocab or _contains_word(norm, ch.vocab):
                found += 1.0
                continue
            if mn is None or wv is None or not len(mn.rows_mat):
                continue
            row = wv.first_row(norm, surface, lemma)
            if row >= 0:
                cos = float((mn.rows_mat @ wv.table[row]).max())
                found += cos if cos >= COVER_COS else 0.0
            elif _KATAKANA_NAME.fullmatch(surface):
                # A katakana word chiVe does not know is a name, as a Latin one is: a product
                # or a spelled-out one (ブイルックアップ, アールピーエー), not everyday talk.
                found += 1.0
        return found / len(words.nouns) if words.nouns else 0.0

    def _analyze(self, query: str, index: _Index | None = None) -> _Query:
        text = normalize_text(query[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
        kana = ""
        if index is not None and index.reading is not None and typed_in_kana(text):
            # 「えくせるでじゅうふくけしたい」: the word channels read エクセル once it is spelled as
            # the FAQ spells it; the reading channel keeps the text as typed.
            respelled = respell_loanwords(text, self._loanwords(index))
            if respelled != text:
                text, kana = respelled, text
        if index is not None:
            # 「会議室よやくしたい」「共有ふぉるだ」: 予約, フォルダ are the FAQ's words, typed in
            # hiragana in a question that is not all kana.
            text = respell_hiragana(text, self._hiragana_words(index))
        tokens = analyze(text)
        terms = list(dict.fromkeys(content_terms(tokens)))
        mentioned = self._synonyms.mentions(text, terms) if self._synonyms.groups and text else []
        return _Query(text, tokens, terms, mentioned, kana)

    def _title_coverage(self, index: _Index, q: _Query, doc: int) -> float:
        """IDF-weighted share of the query's words found in the entry's question, alternates
        or tags (a listed synonym counts, and so does a word of the same meaning: chiVe cosine
        ≥ ``COVER_COS``, はんこ ≈ 印鑑; a compound counts once, found when it or all its parts
        are there). The answer does not count: a word that occurs only there is not what the
        entry is about (会議室の予約 vs. the entry on borrowing equipment for web meetings in a
        conference room, whose answer mentions booking)."""
        ch, mn, wv = index.word, index.meaning, self._wv
        alts = self._synonyms.alternatives(q.mentioned)
        title_rows: np.ndarray | None = None
        total = found = 0.0
        for t in q.tokens:
            if not t.content:
                continue
            w = max(ch.term_idf(x) for x in (t.norm, *t.parts))
            w *= LIGHT_WEIGHT if t.light else 1.0
            total += w
            if (
                ch.in_title(t.norm, doc)
                or (t.parts and all(ch.in_title(p, doc) for p in t.parts))
                or any(ch.in_title(a, doc) for a in alts.get(t.norm, ()))
            ):
                found += w
                continue
            if mn is None or wv is None or COVER_COS >= 1.0:
                continue
            row = wv.first_row(t.norm, t.surface.lower(), t.lemma)
            if row < 0:
                continue
            if title_rows is None:
                terms = ch.doc_title_terms[ch.doc_title_ptr[doc] : ch.doc_title_ptr[doc + 1]]
                rows = mn.term_rows[terms]
                title_rows = rows[rows >= 0]
            if len(title_rows) and float((wv.table[title_rows] @ wv.table[row]).max()) >= COVER_COS:
                found += w
        return found / total if total else 0.0

    def _score_all(self, index: _Index, q: _Query) -> np.ndarray | None:
        """Blended score of every document (float64 in [0, 1]); None if the query is empty."""
        if not q.text:
            return None
        n = len(index.ids)
        tokens, terms, mentioned = q.tokens, q.terms, q.mentioned
        light = {t.norm for t in tokens if t.light}
        word = self._word_scores(index.word, terms, mentioned, n, light)
        gram = self._gram_scores(index.gram, q.text, n)
        if word is None and gram is None:
            lex = None
        else:
            lex = (1.0 - BETA) * _or0(word, n) + BETA * _or0(gram, n)
        if index.meaning is None or self._wv is None:
            return self._with_reading(index, q, lex)
        soft = self._soft_scores(index, terms, mentioned, n, light)
        sent = self._sentence_scores(index, tokens, mentioned)
        if lex is None and soft is None and sent is None:
            return None
        dense = (1.0 - SENT_SHARE) * _or0(soft, n) + SENT_SHARE * _or0(sent, n)
        return self._with_reading(index, q, ALPHA * _or0(lex, n) + (1.0 - ALPHA) * dense)

    def _with_reading(self, index: _Index, q: _Query, scores: np.ndarray | None) -> np.ndarray | None:
        """A query typed mostly in kana (:func:`.reading.kana_share` ≥ ``KANA_QUERY_SHARE``) is
        also scored on readings, and each entry keeps the better of the two scores; any other
        query is returned unchanged."""
        by_reading = self._reading_scores(index, q.kana or q.text, q.text if q.kana else "")
        if by_reading is None:
            return scores
        return by_reading if scores is None else np.maximum(scores, by_reading)

    @staticmethod
    def _reading_scores(index: _Index, text: str, respelled: str = "") -> np.ndarray | None:
        """IDF-weighted share of the query's reading bigrams in each entry's question side, for
        a query typed in kana (:func:`.reading.typed_in_kana`); None for any other query.
        *respelled*: the query with the FAQ's loanwords in katakana (「エクセルでじゅうふくけしたい」);
        read again with each name set apart and its particle dropped (:func:`.reading.name_pieces`:
        typed without spaces, 「る＋で＋じゅ」 make trigrams no entry has), each entry keeps the
        better of the two shares."""
        if index.reading is None or not typed_in_kana(text):
            return None
        scores = _reading_share(index.reading, *query_reading_grams(text), len(index.ids))
        if respelled and respelled != text:
            by_words = _reading_share(index.reading, *query_reading_grams(name_pieces(respelled)),
                                      len(index.ids))
            if by_words is not None:
                scores = by_words if scores is None else np.maximum(scores, by_words)
        return scores

    @staticmethod
    def _reading_cover(index: _Index, text: str, respelled: str = "") -> np.ndarray | None:
        """IDF-weighted share of the query's reading grams that each entry's question side has
        at all (how often and in how long a text aside: what :meth:`_reading_scores` also
        weighs), for a query typed in kana; None for any other query."""
        if index.reading is None or not typed_in_kana(text):
            return None
        n = len(index.ids)
        out: np.ndarray | None = None
        for grams in (query_reading_grams(text), *([query_reading_grams(name_pieces(respelled))]
                                                   if respelled and respelled != text else [])):
            tri, bi = grams
            found = list(dict.fromkeys([*tri, *(g for g in bi if g in index.reading.vocab)]))
            total = sum(index.reading.term_idf(g) for g in found)
            if not total:
                continue
            share = np.zeros(n)
            for g in found:
                acc = index.reading.accumulate([(g, 1.0)], n)
                if acc is not None:
                    share += index.reading.term_idf(g) * (acc > 0)
            out = share / total if out is None else np.maximum(out, share / total)
        return out

    def _gram_scores(self, ch: _Channel, qtext: str, n: int) -> np.ndarray | None:
        grams = list(dict.fromkeys(char_ngrams(qtext)))
        if not grams:
            return None
        weighted = [(g, ch.term_idf(g)) for g in grams]
        acc = ch.accumulate(weighted, n)
        if acc is None:
            return None
        return np.minimum(acc / sum(w for _, w in weighted), 1.0)

    def _word_scores(
        self, ch: _Channel, terms: list[str], mentioned: list[int], n: int,
        light: AbstractSet[str] = frozenset(),
    ) -> np.ndarray | None:
        """IDF-weighted share of the query's concepts found in each document."""
        if not terms:
            return None
        syn = self._synonyms
        plain = dict.fromkeys(terms)
        total = 0.0
        out = np.zeros(n)
        matched = False
        for m in mentioned:
            # One concept: the user's own words for it, or any other member of the group.
            own = [t for t in syn.member_terms[m] if t in plain]
            for t in own:
                del plain[t]
            weight = sum(ch.term_idf(t) for t in (own or syn.member_terms[m][:1]))
            total += weight
            best = np.zeros(n)
            for alt in syn.groups[syn.member_group[m]]:
                pairs = [(t, ch.term_idf(t)) for t in syn.member_terms[alt]]
                acc = ch.accumulate(pairs, n)
                if acc is None:
                    continue
                factor = 1.0 if alt == m else SYNONYM_WEIGHT
                np.maximum(best, np.minimum(acc / sum(w for _, w in pairs), 1.0) * factor, out=best)
                matched = True
            out += best * weight
        pairs = [(t, ch.term_idf(t) * (LIGHT_WEIGHT if t in light else 1.0)) for t in plain]
        total += sum(w for _, w in pairs)
        acc = ch.accumulate(pairs, n)
        if acc is None and not matched:
            return None
        if acc is not None:
            out += acc
        return np.minimum(out / total, 1.0)

    def _soft_scores(
        self, index: _Index, terms: list[str], mentioned: list[int], n: int,
        light: AbstractSet[str] = frozenset(),
    ) -> np.ndarray | None:
        """Concept coverage where related words count too: chiVe neighbours and synonyms.

        Per query word: its own occurrences (credit 1), listed synonyms (SYNONYM_WEIGHT) and
        vocabulary words with cosine ≥ SOFT_TAU (credit rising linearly to 1), summed per
        document and saturated at 1; then IDF-weighted like the word channel.
        """
        wv, mn, ch = self._wv, index.meaning, index.word
        if not terms or wv is None or mn is None:
            return None
        weighted = [(t, ch.term_idf(t) * (LIGHT_WEIGHT if t in light else 1.0)) for t in terms]
        total = sum(w for _, w in weighted)
        syn_alts = self._synonyms.alternatives(mentioned)
        # Neighbour expansion only for the most specific words: bounds latency on long input.
        expand = sorted(
            ((w, t, r) for t, w in weighted if (r := wv.row(t)) >= 0), reverse=True
        )[:SOFT_MAX_TERMS]
        column = {t: i for i, (_, t, _) in enumerate(expand)}
        sims = None
        if expand and len(mn.rows_mat):
            sims = mn.rows_mat @ wv.table[[r for _, _, r in expand]].T  # (U, k)
        out = np.zeros(n)
        for t, w in weighted:
            # (term id, credit) pairs that satisfy this query word
            ids: list[np.ndarray] = []
            credits: list[np.ndarray] = []
            tid = ch.vocab.get(t)
            if tid is not None:
                ids.append(np.array([tid]))
                credits.append(np.ones(1))
            alts = [a for a in (ch.vocab.get(x) for x in syn_alts.get(t, ())) if a is not None]
            if alts:
                ids.append(np.asarray(alts))
                credits.append(np.full(len(alts), SYNONYM_WEIGHT))
            if sims is not None and t in column:
                col = sims[:, column[t]]
                cand = np.flatnonzero(col >= SOFT_TAU)
                if len(cand) > SOFT_TOPK:
                    cand = cand[np.argpartition(-col[cand], SOFT_TOPK - 1)[:SOFT_TOPK]]
                # Credit grows linearly from 0 at SOFT_TAU to 1 for the same meaning, so a
                # loosely related word adds little (keeps off-topic scores low).
                row_credit = (col[cand] - SOFT_TAU) / (1.0 - SOFT_TAU)
                idx, rep = _ranges(mn.row_ptr, cand)
                ids.append(mn.row_terms[idx])
                credits.append(np.repeat(row_credit, rep))
            if not ids:
                continue
            term_ids, term_credit = _best_credit(np.concatenate(ids), np.concatenate(credits))
            idx, rep = _ranges(ch.ptr, term_ids)
            if len(idx) == 0:
                continue
            vals = np.minimum(ch.weights[idx], 1.0) * np.repeat(term_credit, rep)
            soft_tf = np.bincount(ch.docs[idx], vals, minlength=n)
            out += w * np.minimum(soft_tf, 1.0)
        return np.minimum(out / total, 1.0) if total > 0 else None

    def _sentence_scores(
        self, index: _Index, tokens: list[Token], mentioned: list[int]
    ) -> np.ndarray | None:
        """Cosine of query and document meaning vectors, mapped to [0, 1].

        A mentioned synonym also contributes its group's canonical word, which is the one FAQ
        text uses.
        """
        wv, mn = self._wv, index.meaning
        if wv is None or mn is None:
            return None
        rows: list[int] = []
        weights: list[float] = []
        vocab = index.word.vocab

        def weight(term: str) -> float:
            tid = vocab.get(term)
            return mn.weight_unknown if tid is None else float(mn.term_weight[tid])

        for t, row, div in _token_rows(wv, tokens):
            rows.append(row)
            weights.append(weight(t.norm) / div * (LIGHT_WEIGHT if t.light else 1.0))
        for term in self._synonyms.canonical_terms(mentioned):
            row = wv.row(term)
            if row >= 0:
                rows.append(row)
                weights.append(weight(term))
        if not rows:
            return None
        q = np.asarray(weights, dtype=np.float32) @ wv.table[rows]
        q = _remove_common(q[None, :].copy(), mn.common)[0]
        norm = float(np.linalg.norm(q))
        if norm == 0.0:
            return None
        cos = mn.doc_mat @ (q / norm)
        return np.clip((cos - VEC_FLOOR) / (1.0 - VEC_FLOOR), 0.0, 1.0).astype(np.float64)


def _staff_before_citizens(top: np.ndarray, rank: np.ndarray, cover: np.ndarray,
                           citizens: np.ndarray) -> np.ndarray:
    """*top* (documents by *rank*) with a staff entry put before a citizens' one above it when it
    has as much of a kana query's reading (*cover*, see :meth:`FaqRetriever._reading_cover`) and
    ranks at most ``KANA_CITIZEN_MARGIN`` lower. Reading shares are coarse: an entry naming the
    word in its question, an alternate and a tag reaches the cap of 1.0 where one naming it once
    stays under it (「ぱすわーどわすれた」: FAQ-018 1.0, FAQ-096 0.944, the same kana found in
    both), so there "about the same fit" is a wider margin (audience.py)."""
    order = [int(d) for d in top]
    for i in range(len(order)):
        d = order[i]
        if not citizens[d]:
            continue
        for j in range(i + 1, len(order)):
            s = order[j]
            if not citizens[s] and rank[s] >= rank[d] - KANA_CITIZEN_MARGIN and cover[s] >= cover[d] - 1e-9:
                order.insert(i, order.pop(j))
                break
    return np.asarray(order, dtype=top.dtype)


def _reading_share(ch: _Channel, trigrams: list[str], bigrams: list[str], n: int) -> np.ndarray | None:
    """IDF-weighted share of *trigrams* (and of the *bigrams* that are an entry's whole two-kana
    word: ずむ) in each entry's reading; None when there are none."""
    # A bigram counts only as an entry's whole two-kana word (ずむ); any other is no concept.
    grams = list(dict.fromkeys([*trigrams, *(g for g in bigrams if g in ch.vocab)]))
    if not grams:
        return None
    weighted = [(g, ch.term_idf(g)) for g in grams]
    acc = ch.accumulate(weighted, n)
    if acc is None:
        return None
    return np.minimum(acc / sum(w for _, w in weighted), 1.0)


_KATAKANA_NAME = re.compile(r"[ァ-ヺー]{3,}")


def _contains_word(word: str, vocab: dict[str, int]) -> bool:
    """*word* (4+ characters, not itself indexed) is built on an indexed word of 3+ characters:
    チャットボット on チャット, ショートカットキー on ショートカット."""
    n = len(word)
    return n >= 4 and any(
        word[i : i + k] in vocab for k in range(n - 1, 2, -1) for i in range(n - k + 1)
    )


# The ending of a question that asks what something is or asks about it: とは何ですか, って何？,
# について教えてください, は何でしょうか. Everything before it is what is asked about.
_QUESTION_ENDING = re.compile(
    r"(?:とは|って|について|については|は)?(?:何|なに|なん)?"
    r"(?:ですか|でしょうか|なの|なんですか|だろう)?(?:教えて(?:ください|下さい)?)?[?!。、 ]*$"
)


def _phrasing_stems(phrasings: Sequence[tuple[str, ...]]) -> dict[str, int]:
    """Question stem -> document, for every phrasing and the first sentence of a longer one
    (「dxとは何ですか?これまでの…」 → dx); -1 for a stem two documents share (no restatement)."""
    out: dict[str, int] = {}
    for d, texts in enumerate(phrasings):
        for text in texts:
            for stem in {question_stem(text), question_stem(re.split(r"(?<=[?!。])", text, 1)[0])}:
                if stem:
                    out[stem] = d if out.get(stem, d) == d else -1
    return out


def question_stem(normalized: str) -> str:
    """*normalized* without its question ending (「rpaとは何ですか?」 → 「rpa」); "" when less than
    two characters would remain."""
    stem = _QUESTION_ENDING.sub("", normalized, count=1).strip()
    return stem if len(stem) >= 2 else ""


# A trouble told rather than a question asked about a thing: lost, forgotten, cannot, does not
# arrive or open, an error, 「アクセス権がない」. An entry whose question phrasings tell of no trouble
# is about the thing, not about that trouble (``Hit.trouble_unmet``). Polite negatives count
# (届きません), apologies and polite requests do not (すみません, 教えてくれませんか).
_TROUBLE = re.compile(
    r"(?:が|は|も)(?:ない|無い|なかった|なくて|ありません)|なくし|無くし|失くし|紛失|忘れ|滞納"
    r"|でき(?:ない|ません(?!か))|出来(?:ない|ません(?!か))|なくなっ|無くなっ"
    r"|(?:使え|開か|開け|届か|動か|つながら|繋がら|入れ|見れ|見られ|払え|送れ|印刷でき|ログインでき)(?:ない|なく)"
    r"|(?:使え|開き|開け|届き|動き|つながり|繋がり|入れ|見れ|見られ|払え|送れ)ません(?!か)"
    r"|エラー|壊れ|故障|固まっ|消えた|消えて|消しちゃ|消してしま|間違え|まちがえ|うまくいかな|困っ"
)

# A lack told of a named thing: 「生活費がない」「アクセス権がありません」 (the thing, in kanji or
# katakana, right before the particle). An entry that speaks of some trouble but never of that
# thing (「家賃が払えない」 for 「仕事をなくして生活費がない」) meets a neighbouring trouble, not this one.
_LACK = re.compile(r"([\u3400-\u9fff\uf900-\ufaff\u30a1-\u30fa][\u3400-\u9fff\uf900-\ufaff\u30a1-\u30fa\u30fc]*)(?:が|は|も)(?:ない|無い|なかった|なくて|ありません)")

# Kanji and katakana (not ー): the letters that carry a Japanese word's meaning.
_LETTERS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u30a1-\u30fa]")


def _meets_by_meaning_only(words: Sequence[str], phrasings: Sequence[str]) -> bool:
    """Some noun of *words* (surface and normalised form in turn, as ``_unknown_nouns`` lists
    them) shares, in neither of its two forms, a letter with the entry's phrasings."""
    return any(not (_shares_letters(words[i], phrasings) or _shares_letters(words[i + 1], phrasings))
               for i in range(0, len(words), 2))


def _shares_letters(word: str, phrasings: Sequence[str]) -> bool:
    """*word* (a noun the FAQ does not use) has a kanji, or two katakana in a row, in common with
    one of an entry's question phrasings: 子犬 and 犬, 捨て猫 and 野良猫, クレカ and クレジット.
    Such an entry is about the same thing in other words; one with nothing in common (肺炎球菌
    and インフルエンザ, 退職者 and 異動) is about a neighbouring thing."""
    text = "".join(phrasings)
    kanji = {c for c in word if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"}
    if any(c in text for c in kanji):
        return True
    return any(word[i : i + 2] in text for i in range(len(word) - 1)
               if _LETTERS.fullmatch(word[i]) and _LETTERS.fullmatch(word[i + 1]))


def _near_exact(q: _Query, phrasings: Sequence[str]) -> bool:
    """The query restates one phrasing of the entry: nearly the same characters (bigram Dice ≥
    ``EXACT_DICE``) and no topic word the phrasing lacks (so 「Zoomで画面共有」 is not a near-exact
    match of 「Teamsで画面共有」)."""
    qgrams = Counter(char_ngrams(q.text))
    if not qgrams:
        return False
    qterms = {t.norm for t in q.tokens if t.content}
    for text in phrasings:
        grams = Counter(char_ngrams(text))
        common = sum((qgrams & grams).values())
        dice = 2.0 * common / (sum(qgrams.values()) + sum(grams.values()))
        if dice < EXACT_DICE:
            continue
        if qterms <= {t.norm for t in analyze(text) if t.content}:
            return True
    return False


def _for_citizens(doc: Document, phrasings: Sequence[_Phrasing], categories: dict[str, list[str]]) -> bool:
    """*doc* is one of the citizens' entries (:func:`.audience.for_citizens`): its question,
    alternates, tags (*phrasings*, analysed) or category name the citizens."""
    words = [t.norm for p in phrasings for t in p.tokens if t.content]
    category = doc.category or ""
    if category and any(w in category for w in CITIZEN_WORDS):
        if category not in categories:
            categories[category] = [t.norm for t in analyze(normalize_text(category)) if t.content]
        words += categories[category]
    return for_citizens(words, f"{category} {' '.join(doc.tags)}")


def _mask(rows: Sequence[int], n: int) -> np.ndarray | None:
    """A float mask of length *n*, 1.0 at *rows*; None when *rows* is empty."""
    if not rows:
        return None
    mask = np.zeros(n)
    mask[list(rows)] = 1.0
    return mask


def _release_free_memory() -> None:
    """Hand memory freed after a build back to the OS.

    glibc keeps freed heap memory of the build's temporaries (hundreds of MB at 50k entries,
    because its mmap threshold grows after large frees); ``malloc_trim`` returns it. A no-op
    where glibc is not the allocator.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _mentions_text(qtext: str, text: str) -> bool:
    """*text* occurs in *qtext*; an ASCII word only as a whole word ("ai" is not in "mail")."""
    if not text.isascii():
        return text in qtext
    start = qtext.find(text)
    while start >= 0:
        end = start + len(text)
        before = qtext[start - 1] if start else " "
        after = qtext[end] if end < len(qtext) else " "
        if not (before.isascii() and before.isalnum()) and not (
            after.isascii() and after.isalnum()
        ):
            return True
        start = qtext.find(text, start + 1)
    return False


def _ranges(ptr: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``ptr[k]:ptr[k+1]`` of every k in *keys*, concatenated, and each range's length.

    The CSR gather without a Python loop: positions = arange(total) + per-range offset.
    """
    keys = np.asarray(keys, dtype=np.int64)
    lo = ptr[keys]
    lens = ptr[keys + 1] - lo
    total = int(lens.sum())
    starts = np.cumsum(lens) - lens
    return np.arange(total, dtype=np.int64) + np.repeat(lo - starts, lens), lens


def _best_credit(term_ids: np.ndarray, credits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique term ids, each with the highest credit it was given."""
    order = np.lexsort((-credits, term_ids))
    t, c = term_ids[order], credits[order]
    keep = np.r_[True, t[1:] != t[:-1]] if len(t) else np.zeros(0, dtype=bool)
    return t[keep], c[keep]


def _or0(x: np.ndarray | None, n: int) -> np.ndarray:
    return np.zeros(n) if x is None else x


def _unit_rows(mat: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length in place (zero rows stay zero); float32."""
    mat = np.asarray(mat, dtype=np.float32)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    mat /= norms
    return mat


def _principal_direction(*mats: np.ndarray) -> np.ndarray | None:
    """Unit first principal direction (uncentred) of the rows of *mats*, as in SIF."""
    if sum(int(np.count_nonzero(m.any(axis=1))) for m in mats) < 2:
        return None
    cov = sum((m.T @ m).astype(np.float64) for m in mats)  # (D, D): no N×D float64 copy
    _, vecs = np.linalg.eigh(cov)
    return vecs[:, -1].astype(np.float32)


def _remove_common(mat: np.ndarray, common: np.ndarray | None) -> np.ndarray:
    """Subtract each row's projection on *common*, in place, in chunks (no N×D temporary)."""
    if common is None:
        return mat
    for lo in range(0, len(mat), _VEC_CHUNK):
        part = mat[lo : lo + _VEC_CHUNK]
        part -= np.outer(part @ common, common)
    return mat
