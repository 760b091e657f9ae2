"""FAQ index and retriever: BM25F over words and character bigrams, blended with chiVe vectors.

Scoring (all parts in [0, 1], so the blend is comparable across queries):

* **word** – BM25F over SudachiPy normalised content words (and compound parts) in three
  fields: question, alternates(+tags), answer. Normalised by the score of a perfect match,
  i.e. the IDF-weighted share of the query's concepts that a document contains. Synonym groups
  turn a query word into a concept that is satisfied by any member of its group.
* **gram** – the same over character bigrams of question + alternates (typos, unknown words).
* **vec** – cosine between IDF-weighted mean chiVe vectors of the query and of each phrasing of
  a question (best phrasing wins), mixed with the answer's vector; the common direction of all
  sentence vectors is removed first (as in SIF), then cosine is mapped linearly to [0, 1].

``score = ALPHA * ((1 - BETA) * word + BETA * gram) + (1 - ALPHA) * vec``

At query time everything is numpy over whole arrays: one ``bincount`` per channel over the
concatenated postings of the query terms, one mat-vec for the vectors, ``argpartition`` for
the top hits. No per-document Python loops.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .normalize import normalize_text
from .tokenize import Token, analyze, char_ngrams, content_terms
from .types import Document, Hit
from .vectors import WordVectors, load_word_vectors

__all__ = ["FaqRetriever"]

log = logging.getLogger(__name__)

# --- parameters (few, and principled; see docs/retrieval.md) -------------------------------
K1 = 1.2  # BM25 saturation
B = 0.75  # BM25 length normalisation
# Field weights: an alternate phrasing is nearly as good as the question itself; the answer
# mentions many things the question is not about, so a match there counts for less.
FIELD_WEIGHTS = (1.0, 0.8, 0.3)  # question, alternates+tags, answer
GRAM_FIELD_WEIGHTS = (1.0, 0.8)  # bigrams over question, alternates+tags only
SYNONYM_WEIGHT = 0.9  # a synonym match is almost, not quite, as good as the user's own word
BETA = 0.35  # share of the bigram channel inside the lexical score
ALPHA = 0.55  # share of the lexical score in the final blend (1.0 when vectors are off)
ANSWER_VEC_WEIGHT = 0.25  # share of the answer's vector in the meaning score
VEC_FLOOR = 0.25  # cosine at or below this maps to 0 (unrelated sentences sit around 0–0.3)
MAX_QUERY_CHARS = 512  # longer input is cut: questions do not need more, latency stays bounded
MIN_SCORE = 0.05  # hits below this are noise, not candidates


@dataclass
class _Channel:
    """CSR inverted index of one channel; posting weights are BM25F-saturated tf (no IDF)."""

    vocab: dict[str, int]
    idf: np.ndarray  # float64 (V,)
    ptr: np.ndarray  # int64 (V + 1,)
    docs: np.ndarray  # int32 (postings,)
    weights: np.ndarray  # float32 (postings,)
    idf_unknown: float  # IDF of a term no document contains (as informative as it gets)

    @classmethod
    def build(
        cls, per_doc: list[list[Counter[str]]], field_weights: Sequence[float]
    ) -> _Channel:
        n = len(per_doc)
        n_fields = len(field_weights)
        lens = np.array(
            [[sum(c.values()) for c in fields] for fields in per_doc], dtype=np.float64
        ).reshape(n, n_fields)
        avg = lens.mean(axis=0) if n else np.ones(n_fields)
        avg[avg == 0] = 1.0
        norm = 1.0 - B + B * lens / avg  # (n, F)
        scale = np.asarray(field_weights) / norm
        vocab: dict[str, int] = {}
        t_ids: list[int] = []
        d_ids: list[int] = []
        vals: list[float] = []
        for d, fields in enumerate(per_doc):
            acc: dict[str, float] = {}
            for f, counts in enumerate(fields):
                s = scale[d, f]
                for term, tf in counts.items():
                    acc[term] = acc.get(term, 0.0) + s * tf
            for term, v in acc.items():
                tid = vocab.get(term)
                if tid is None:
                    tid = vocab[term] = len(vocab)
                t_ids.append(tid)
                d_ids.append(d)
                vals.append(v)
        t = np.asarray(t_ids, dtype=np.int64)
        tf = np.asarray(vals, dtype=np.float64)
        # (K1 + 1) makes a single occurrence in an average-length question score exactly 1.
        sat = tf * (K1 + 1.0) / (K1 + tf)
        order = np.argsort(t, kind="stable")
        df = np.bincount(t, minlength=len(vocab))
        ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(df, out=ptr[1:])
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        return cls(
            vocab=vocab,
            idf=idf,
            ptr=ptr,
            docs=np.asarray(d_ids, dtype=np.int32)[order],
            weights=sat[order].astype(np.float32),
            idf_unknown=math.log1p((n + 0.5) / 0.5),
        )

    def term_idf(self, term: str) -> float:
        tid = self.vocab.get(term)
        return self.idf_unknown if tid is None else float(self.idf[tid])

    def accumulate(self, terms: Iterable[tuple[str, float]], n_docs: int) -> np.ndarray | None:
        """Sum of ``weight × saturated tf`` per document for the given (term, weight) pairs."""
        doc_parts = []
        w_parts = []
        for term, w in terms:
            tid = self.vocab.get(term)
            if tid is None or w == 0.0:
                continue
            lo, hi = self.ptr[tid], self.ptr[tid + 1]
            doc_parts.append(self.docs[lo:hi])
            w_parts.append(self.weights[lo:hi] * np.float32(w))
        if not doc_parts:
            return None
        return np.bincount(
            np.concatenate(doc_parts), weights=np.concatenate(w_parts), minlength=n_docs
        )


@dataclass
class _Synonyms:
    """Query-time synonym groups, each member pre-analysed into terms."""

    member_terms: list[tuple[str, ...]]  # per member: its content terms
    member_group: list[int]
    member_text: list[str]  # normalised surface, for substring matching
    groups: list[list[int]]  # group -> member indices

    @classmethod
    def build(cls, groups: Sequence[Sequence[str]]) -> _Synonyms:
        syn = cls([], [], [], [])
        for raw in groups:
            members: list[int] = []
            seen: set[tuple[str, ...]] = set()
            for word in raw:
                if not isinstance(word, str):
                    continue
                text = normalize_text(word)
                terms = tuple(dict.fromkeys(content_terms(analyze(text))))
                if not text or not terms or terms in seen:
                    continue
                seen.add(terms)
                members.append(len(syn.member_terms))
                syn.member_terms.append(terms)
                syn.member_group.append(len(syn.groups))
                syn.member_text.append(text)
            if len(members) >= 2:
                syn.groups.append(members)
            else:  # a group of one expands nothing; forget its member again
                for _ in members:
                    syn.member_terms.pop()
                    syn.member_group.pop()
                    syn.member_text.pop()
        return syn

    def find(self, qtext: str, qterms: set[str]) -> list[int]:
        """Members mentioned in the query: by text, or because all their terms occur."""
        hits = []
        for m, text in enumerate(self.member_text):
            if text in qtext or all(t in qterms for t in self.member_terms[m]):
                hits.append(m)
        return hits


@dataclass
class _Index:
    """Immutable snapshot that :meth:`FaqRetriever.build` swaps in as a whole."""

    ids: list[str]
    word: _Channel
    gram: _Channel
    vec_idf: dict[str, float]
    vec_idf_unknown: float
    common: np.ndarray | None  # unit common direction removed from all sentence vectors
    phr_mat: np.ndarray | None  # (P, D) unit vectors of question/alternate phrasings
    phr_start: np.ndarray | None  # (N,) first row of each doc in phr_mat (for reduceat)
    ans_mat: np.ndarray | None  # (N, D) unit answer vectors


def _field_texts(doc: Document) -> tuple[str, str, str]:
    alts = " \n ".join([*doc.alternates, *doc.tags])
    return doc.question, alts, doc.answer


class FaqRetriever:
    """Japanese FAQ search without any cloud service.

    ``synonyms`` is a list of groups of interchangeable words (first item canonical).
    ``use_vectors=False`` (or ja-ginza missing) gives lexical-only search.
    """

    def __init__(
        self, synonyms: Sequence[Sequence[str]] = (), *, use_vectors: bool = True
    ) -> None:
        self._synonyms = _Synonyms.build(synonyms)
        self._use_vectors = use_vectors
        self._wv: WordVectors | None = None
        self._index: _Index | None = None
        self._build_lock = threading.Lock()

    # --- building ------------------------------------------------------------------------
    def build(self, docs: Iterable[Document]) -> None:
        """Index *docs*, replacing the whole index atomically (searches never see a mix)."""
        docs = list(docs)
        with self._build_lock:
            if self._use_vectors and self._wv is None:
                self._wv = load_word_vectors()
            new = self._build_index(docs)
            self._index = new  # one reference assignment: atomic for concurrent readers

    def _build_index(self, docs: list[Document]) -> _Index:
        ids: list[str] = []
        word_fields: list[list[Counter[str]]] = []
        gram_fields: list[list[Counter[str]]] = []
        # per doc: analysed phrasings (question + alternates) and answer, for vectors
        phrasings: list[list[list[Token]]] = []
        answers: list[list[Token]] = []
        for doc in docs:
            ids.append(str(doc.id))
            q, alts, ans = (normalize_text(t) for t in _field_texts(doc))
            q_tok = analyze(q)
            alt_toks = [analyze(normalize_text(a)) for a in doc.alternates]
            tag_tok = analyze(normalize_text(" ".join(doc.tags)))
            a_tok = analyze(ans)
            alt_terms = [t for toks in alt_toks for t in content_terms(toks)]
            alt_terms += content_terms(tag_tok)
            word_fields.append(
                [Counter(content_terms(q_tok)), Counter(alt_terms), Counter(content_terms(a_tok))]
            )
            gram_fields.append([Counter(char_ngrams(q)), Counter(char_ngrams(alts))])
            phrasings.append([q_tok, *alt_toks])
            answers.append(a_tok)

        word = _Channel.build(word_fields, FIELD_WEIGHTS)
        gram = _Channel.build(gram_fields, GRAM_FIELD_WEIGHTS)

        # IDF for sentence-vector weights: document frequency of content terms over all fields.
        n = len(docs)
        df: Counter[str] = Counter()
        for fields in word_fields:
            df.update(set().union(*fields))
        vec_idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        vec_idf_unknown = math.log((n + 1) / 0.5)

        index = _Index(
            ids=ids,
            word=word,
            gram=gram,
            vec_idf=vec_idf,
            vec_idf_unknown=vec_idf_unknown,
            common=None,
            phr_mat=None,
            phr_start=None,
            ans_mat=None,
        )
        wv = self._wv if self._use_vectors else None
        if wv is not None and n:
            rows: list[np.ndarray] = []
            starts = np.zeros(n, dtype=np.int64)
            zero = np.zeros(wv.dim, dtype=np.float32)
            for d, phrs in enumerate(phrasings):
                starts[d] = len(rows)
                for toks in phrs:
                    v = self._sentence_vector(wv, index, toks)
                    rows.append(zero if v is None else v)
            phr = np.vstack(rows).astype(np.float32)
            ans = np.vstack(
                [
                    zero if (v := self._sentence_vector(wv, index, toks)) is None else v
                    for toks in answers
                ]
            ).astype(np.float32)
            common = _principal_direction(np.vstack([phr, ans]))
            index.common = common
            index.phr_mat = _remove_and_renorm(phr, common)
            index.phr_start = starts
            index.ans_mat = _remove_and_renorm(ans, common)
        return index

    @staticmethod
    def _sentence_vector(wv: WordVectors, index: _Index, tokens: list[Token]) -> np.ndarray | None:
        """IDF-weighted mean of unit word vectors of the content words (unit length), or None."""
        rows: list[int] = []
        weights: list[float] = []
        for t in tokens:
            if not t.content:
                continue
            w = index.vec_idf.get(t.norm, index.vec_idf_unknown)
            r = wv.first_row(t.norm, t.surface.lower(), t.lemma)
            if r >= 0:
                rows.append(r)
                weights.append(w)
            elif t.parts:  # unknown compound: its parts carry the meaning
                part_rows = [p for p in (wv.row(p) for p in t.parts) if p >= 0]
                for p in part_rows:
                    rows.append(p)
                    weights.append(w / len(part_rows))
        if not rows:
            return None
        v = np.asarray(weights, dtype=np.float32) @ wv.table[rows]
        norm = float(np.linalg.norm(v))
        return v / norm if norm > 0 else None

    # --- searching -----------------------------------------------------------------------
    def __len__(self) -> int:
        index = self._index
        return 0 if index is None else len(index.ids)

    def search(self, query: str, limit: int = 5) -> list[Hit]:
        """Return up to *limit* hits, best first; ``[]`` if nothing usable is in *query*.

        Never raises for any ``str`` (or other) input: a retrieval failure must degrade to
        "no answer", not crash the conversation.
        """
        try:
            return self._search(query, limit)
        except Exception:
            log.exception("FAQ search failed for a query of %d chars", len(str(query)))
            return []

    def _search(self, query: str, limit: int) -> list[Hit]:
        index = self._index  # one snapshot for the whole query, even if build() swaps
        if index is None or not index.ids or not isinstance(query, str) or limit <= 0:
            return []
        scores = self.score_all(index, query)
        if scores is None:
            return []
        n = len(scores)
        k = min(int(limit), n)
        top = np.argpartition(-scores, k - 1)[:k] if k < n else np.arange(n)
        top = top[np.lexsort((top, -scores[top]))]  # by score, ties by document order
        return [
            Hit(index.ids[i], round(float(scores[i]), 6))
            for i in top
            if scores[i] >= MIN_SCORE
        ]

    def score_all(self, index: _Index, query: str) -> np.ndarray | None:
        """Blended score of every document (float64, in [0, 1]); None if the query is empty."""
        qtext = normalize_text(query[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
        if not qtext:
            return None
        n = len(index.ids)
        tokens = analyze(qtext)
        lex = self._lexical(index, qtext, tokens, n)
        vec = self._vector_scores(index, tokens) if index.phr_mat is not None else None
        if lex is None and vec is None:
            return None
        if lex is None:
            lex = np.zeros(n)
        if index.phr_mat is None:
            return lex
        if vec is None:
            vec = np.zeros(n)
        return ALPHA * lex + (1.0 - ALPHA) * vec

    def _lexical(
        self, index: _Index, qtext: str, tokens: list[Token], n: int
    ) -> np.ndarray | None:
        terms = list(dict.fromkeys(content_terms(tokens)))
        word = self._word_scores(index, qtext, terms, n)
        grams = list(dict.fromkeys(char_ngrams(qtext)))
        gram = None
        if grams:
            total = sum(index.gram.term_idf(g) for g in grams)
            acc = index.gram.accumulate(((g, index.gram.term_idf(g)) for g in grams), n)
            if acc is not None:
                gram = np.minimum(acc / total, 1.0)
        if word is None and gram is None:
            return None
        if word is None:
            return BETA * gram
        if gram is None:
            return (1.0 - BETA) * word
        return (1.0 - BETA) * word + BETA * gram

    def _word_scores(
        self, index: _Index, qtext: str, terms: list[str], n: int
    ) -> np.ndarray | None:
        """Share of the query's concepts (IDF-weighted) found in each document."""
        if not terms:
            return None
        ch = index.word
        syn = self._synonyms
        plain = dict.fromkeys(terms)
        total = 0.0
        extra: list[np.ndarray] = []
        if syn.groups:
            mentioned = syn.find(qtext, set(terms))
            done_groups: set[int] = set()
            for m in mentioned:
                g = syn.member_group[m]
                if g in done_groups:
                    continue
                done_groups.add(g)
                # The concept: the user's own words for it, each other member as alternative.
                own = [t for t in syn.member_terms[m] if t in plain]
                for t in own:
                    plain.pop(t, None)
                own_idf = [ch.term_idf(t) for t in own] or [ch.term_idf(syn.member_terms[m][0])]
                weight = sum(own_idf)
                total += weight
                best = np.zeros(n)
                for alt in syn.groups[g]:
                    alt_terms = syn.member_terms[alt]
                    denom = sum(ch.term_idf(t) for t in alt_terms)
                    acc = ch.accumulate(((t, ch.term_idf(t)) for t in alt_terms), n)
                    if acc is None:
                        continue
                    factor = 1.0 if alt == m else SYNONYM_WEIGHT
                    np.maximum(best, np.minimum(acc / denom, 1.0) * factor, out=best)
                extra.append(best * weight)
        plain_idf = [(t, ch.term_idf(t)) for t in plain]
        total += sum(w for _, w in plain_idf)
        acc = ch.accumulate(plain_idf, n)
        if acc is None and not extra:
            return None
        out = np.zeros(n) if acc is None else acc
        for e in extra:
            out = out + e
        return np.minimum(out / total, 1.0)

    def _vector_scores(self, index: _Index, tokens: list[Token]) -> np.ndarray | None:
        wv = self._wv
        if wv is None:
            return None
        q = self._sentence_vector(wv, index, tokens)
        if q is None:
            return None
        q = _remove_and_renorm(q[None, :], index.common)[0]
        phr = index.phr_mat @ q
        best = np.maximum.reduceat(phr, index.phr_start)
        ans = index.ans_mat @ q
        cos = (1.0 - ANSWER_VEC_WEIGHT) * best + ANSWER_VEC_WEIGHT * ans
        return np.clip((cos - VEC_FLOOR) / (1.0 - VEC_FLOOR), 0.0, 1.0).astype(np.float64)


def _principal_direction(mat: np.ndarray) -> np.ndarray | None:
    """Unit first principal direction (uncentred) of the non-zero rows, as in SIF."""
    nz = mat[np.any(mat != 0, axis=1)]
    if len(nz) < 2:
        return None
    cov = nz.T.astype(np.float64) @ nz.astype(np.float64)
    _, vecs = np.linalg.eigh(cov)
    return vecs[:, -1].astype(np.float32)


def _remove_and_renorm(mat: np.ndarray, common: np.ndarray | None) -> np.ndarray:
    if common is None:
        return mat
    out = mat - np.outer(mat @ common, common)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (out / norms).astype(np.float32)
