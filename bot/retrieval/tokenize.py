"""SudachiPy-based analysis: content terms and character n-grams.

SudachiPy's dictionary is loaded once per process, lazily, on first use (about 70 ms, ~70 MB
mapped). Its ``Tokenizer`` objects are not safe to share between threads, so each thread
creates its own from the shared dictionary (cheap).
"""

from __future__ import annotations

import functools
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .normalize import fold_for_ngrams

__all__ = [
    "MAX_TOKENIZE_CHARS",
    "Token",
    "analyze",
    "analyze_packed",
    "char_ngrams",
    "content_terms",
    "unpack_tokens",
]

# SudachiPy refuses inputs over 49,149 bytes; queries are cut far earlier by the retriever, this
# guards document text (3 bytes per Japanese character in UTF-8).
MAX_TOKENIZE_CHARS = 16_000

_lock = threading.Lock()
_dictionary = None
_local = threading.local()


def _tokenizer():
    """Per-thread SudachiPy tokenizer (mode C) over the process-wide dictionary."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        global _dictionary
        with _lock:
            if _dictionary is None:
                from sudachipy import dictionary  # imported lazily: keeps `import bot` light

                _dictionary = dictionary.Dictionary(dict="core")
        from sudachipy import SplitMode

        tok = _dictionary.create(SplitMode.C)
        _local.tokenizer = tok
        _local.split_a = SplitMode.A
    return tok


@dataclass(frozen=True, slots=True)
class Token:
    """One SudachiPy morpheme (mode C) reduced to what retrieval needs."""

    surface: str
    norm: str  # SudachiPy normalized_form, lower-cased (コンピュータ → コンピューター)
    lemma: str  # dictionary_form, lower-cased (for vector look-up when norm is unknown)
    content: bool  # False for particles, auxiliaries, symbols and question scaffolding
    parts: tuple[str, ...]  # normalised mode-A sub-units of a compound, () if not a compound
    light: bool = False  # a verb or adjective: says less about the topic than a noun


# Parts of speech that never carry the topic of a question.
_FUNCTION_POS = frozenset(
    {
        "助詞",
        "助動詞",
        "補助記号",
        "記号",
        "空白",
        "接続詞",
        "感動詞",
        "連体詞",
        "代名詞",
        "接頭辞",
        "副詞",
    }
)

# Content words that carry less of a question's topic than its nouns: 払う, 作る, 届ける, 高い.
# Residents' questions use them freely, and an FAQ entry that shares only such a word is rarely
# the one they mean.
_LIGHT_POS = frozenset({"動詞", "形容詞"})

# Question scaffolding and light words, by SudachiPy normalized form: "…って教えて",
# "どうやる", "…したいんですけど", "…する方法". Kept short and generic on purpose (not derived from
# the evaluation file) – rare words are already down-weighted by IDF, these are words that are
# frequent in *questions* but absent from FAQ text, where IDF cannot see them.
STOP_NORMS = frozenset(
    {
        # light verbs / auxiliaries tagged as verbs
        "為る", "する", "有る", "ある", "居る", "いる", "成る", "なる", "出来る", "できる",
        "遣る", "やる", "呉れる", "下さる", "くださる", "頂く", "いただく", "貰う",
        "もらう", "仕舞う", "しまう", "致す", "いたす", "御座る", "ござる", "申す",
        "思う", "言う", "教える", "知る", "分かる", "わかる", "聞く", "尋ねる", "伺う", "困る",
        "願う", "頼む",
        # adjectives used as scaffolding
        "良い", "いい", "よい", "宜しい", "よろしい", "欲しい", "ほしい", "無い", "ない",
        # formal / light nouns
        "事", "こと", "物", "もの", "方", "ほう", "かた", "為", "ため", "所", "ところ",
        "時", "とき",
        "場合", "方法", "やり方", "遣り方", "仕方", "件", "様", "よう", "感じ", "何", "なに", "辺",
        "際", "今", "質問", "問い合わせ", "お問い合わせ", "すみません", "済みません", "ありがとう",
        "お願い", "願い", "手順", "とか", "等", "など", "さん", "様子", "中", "上", "的",
    }
)


# Token of each dictionary word met so far, by (word id, dictionary id, surface): everything a
# Token holds follows from the dictionary entry and the surface, so reading it again from the
# morpheme (and splitting compounds again) only repeats work — most of an index build's time
# after SudachiPy's own. Unknown words are not kept. Cleared when it grows past the bound.
_TOKENS: dict[tuple[int, int, str], Token] = {}
_TOKENS_MAX = 500_000
# Word ids from this value up are not dictionary entries (unknown words).
_FIRST_UNKNOWN_ID = 0x0FFFFFFF


def analyze(text: str) -> list[Token]:
    """Tokenise already-normalised *text* with SudachiPy (mode C, with mode-A sub-units)."""
    if not text:
        return []
    text = text[:MAX_TOKENIZE_CHARS]
    tok = _tokenizer()
    split_a = _local.split_a
    out: list[Token] = []
    known = _TOKENS
    for m in tok.tokenize(text):
        word_id = m.word_id()
        key = (word_id, m.dictionary_id(), m.surface())
        cached = known.get(key)
        if cached is not None:
            out.append(cached)
            continue
        pos = m.part_of_speech()
        norm = m.normalized_form().lower()
        surface = m.surface()
        content = (
            pos[0] not in _FUNCTION_POS
            and norm not in STOP_NORMS
            and m.dictionary_form() not in STOP_NORMS
            and not surface.isspace()
        )
        parts: tuple[str, ...] = ()
        if content:
            sub = m.split(split_a)
            if len(sub) > 1:
                # Only parts that are words themselves: お勧め → 勧め, not the prefix 御.
                parts = tuple(
                    p
                    for s in sub
                    if s.part_of_speech()[0] not in _FUNCTION_POS
                    and (p := s.normalized_form().lower()) not in STOP_NORMS
                    and p.strip()
                )
        light = content and pos[0] in _LIGHT_POS
        if content and len(surface) >= 2 and surface.endswith("方"):
            # 使い方, 捨て方, 書き方: "how to <verb>". The verb is the topic word a question in
            # another form uses (「どう使うの」「捨てたい」), so the noun carries it as a part and
            # weighs like that verb.
            verb = _method_verb(surface[:-1])
            if verb:
                parts, light = (verb,), True
        token = Token(surface, norm, m.dictionary_form().lower(), content, parts, light)
        if 0 <= word_id < _FIRST_UNKNOWN_ID and not m.is_oov():
            if len(known) >= _TOKENS_MAX:
                known.clear()
            known[key] = token
        out.append(token)
    return out


# (distinct tokens as field tuples, token count of each text, indices into the distinct tokens)
PackedTokens = tuple[list[tuple[str, str, str, bool, tuple[str, ...], bool]], bytes, bytes]


def analyze_packed(texts: Sequence[str]) -> PackedTokens:
    """``analyze()`` of each of *texts*, packed to cross a process boundary cheaply.

    A build's worker processes run this: each distinct token is sent once as a tuple of its
    fields, the texts' token sequences as two arrays of integers, instead of millions of
    pickled Token objects. :func:`unpack_tokens` is the inverse.
    """
    index: dict[Token, int] = {}
    counts, ids = array("I"), array("I")
    for text in texts:
        tokens = analyze(text)
        counts.append(len(tokens))
        ids.extend([index.setdefault(t, len(index)) for t in tokens])
    fields = [(t.surface, t.norm, t.lemma, t.content, t.parts, t.light) for t in index]
    return fields, counts.tobytes(), ids.tobytes()


def unpack_tokens(packed: PackedTokens, known: dict[Token, Token]) -> list[list[Token]]:
    """The token lists that :func:`analyze_packed` packed; equal tokens are taken from (and
    added to) *known*, so that all texts of a build share one object per distinct token."""
    fields, counts_b, ids_b = packed
    distinct = []
    for f in fields:
        t = Token(*f)
        distinct.append(known.setdefault(t, t))
    counts, ids = array("I"), array("I")
    counts.frombytes(counts_b)
    ids.frombytes(ids_b)
    out: list[list[Token]] = []
    pos = 0
    for c in counts:
        out.append([distinct[i] for i in ids[pos : pos + c]])
        pos += c
    return out


@functools.lru_cache(maxsize=4096)
def _method_verb(stem: str) -> str:
    """The verb whose continuative form *stem* is (使い → 使う), or "" (地, 両, 夕 → "").

    SudachiPy reads a bare 使い as a noun; followed by ます it can only be the verb.
    """
    ms = _tokenizer().tokenize(stem + "ます")
    if len(ms) == 2 and ms[0].surface() == stem and ms[0].part_of_speech()[0] == "動詞":
        norm = ms[0].normalized_form().lower()
        return "" if norm in STOP_NORMS else norm
    return ""


def content_terms(tokens: Iterable[Token]) -> list[str]:
    """Index/query terms: the normalised form of each content word plus its compound parts.

    Emitting both ``在宅勤務制度`` and ``在宅``/``勤務``/``制度`` lets a query for ``在宅勤務`` meet
    a document that only uses the longer compound, while an exact compound match still scores
    higher (it matches more terms).
    """
    terms: list[str] = []
    for t in tokens:
        if t.content:
            terms.append(t.norm)
            terms.extend(t.parts)
    return terms


def char_ngrams(normalized: str) -> list[str]:
    """Character bigrams of the folded text (a lone character in a run is kept as a unigram).

    Bigrams keep matching when the tokenizer fails: typos (パスワート), unknown product names,
    hiragana spellings of katakana words, and one-word queries of two characters.
    """
    grams: list[str] = []
    for run in fold_for_ngrams(normalized):
        if len(run) == 1:
            grams.append(run)
        else:
            grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams
