"""Static word vectors (chiVe, as shipped inside the ja-ginza package).

ja-ginza carries a pruned chiVe table: 20,000 rows × 300 float32, and a ``key2row`` map from
~480,000 spaCy string hashes to those rows (pruned words point at their nearest kept row, so
e.g. ``zoom`` and ``ズーム`` share a row). We read the two files directly with numpy/srsly —
spaCy itself (and GiNZA's parser) are never loaded, so start-up costs ~0.2 s and ~35 MB.

spaCy hashes strings with MurmurHash64A (seed 1) over UTF-8; it is re-implemented here in a few
lines so that importing spaCy (0.4 s, 150 modules) is unnecessary. A unit test checks it against
``spacy.strings.hash_string``.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["WordVectors", "load_word_vectors", "murmurhash64a"]

log = logging.getLogger(__name__)

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1


def murmurhash64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, as used by spaCy's ``hash_string`` (seed 1, UTF-8 bytes)."""
    n = len(data)
    h = (seed ^ ((n * _M) & _MASK)) & _MASK
    end = n - (n % 8)
    for i in range(0, end, 8):
        k = int.from_bytes(data[i : i + 8], "little")
        k = (k * _M) & _MASK
        k ^= k >> 47
        k = (k * _M) & _MASK
        h ^= k
        h = (h * _M) & _MASK
    if n % 8:
        h ^= int.from_bytes(data[end:], "little")
        h = (h * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    h ^= h >> 47
    return h


class WordVectors:
    """Look-up of unit-length word vectors by string; thread-safe and read-only after init."""

    def __init__(self, table: np.ndarray, keys: np.ndarray, rows: np.ndarray) -> None:
        table = np.asarray(table, dtype=np.float32)
        if not table.flags.writeable:
            table = table.copy()
        norms = np.linalg.norm(table, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        # Unit rows: a sentence vector is then a weighted mean of directions, and no single
        # word dominates because its raw vector happens to be long.
        table /= norms
        self.table = table
        order = np.argsort(keys)
        # Sorted uint64 keys + int32 rows instead of a dict of 480k Python ints (~60 MB saved).
        self._keys = keys[order]
        self._rows = rows[order].astype(np.int32)
        self.dim = int(table.shape[1])
        self.row = lru_cache(maxsize=65536)(self._row)

    def _row(self, word: str) -> int:
        """Row of *word* in :attr:`table`, or -1."""
        if not word:
            return -1
        key = murmurhash64a(word.encode("utf-8", "surrogatepass"))
        i = int(np.searchsorted(self._keys, np.uint64(key)))
        if i < len(self._keys) and int(self._keys[i]) == key:
            return int(self._rows[i])
        return -1

    def first_row(self, *candidates: str) -> int:
        """Row of the first candidate spelling that has a vector, or -1."""
        for c in candidates:
            r = self.row(c)
            if r >= 0:
                return r
        return -1


def _vocab_dir() -> Path | None:
    spec = importlib.util.find_spec("ja_ginza")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        for cand in sorted(Path(base).glob("ja_ginza-*/vocab"), reverse=True):
            if (cand / "vectors").is_file() and (cand / "key2row").is_file():
                return cand
    return None


_lock = threading.Lock()
_loaded: list[WordVectors | None] = []


def load_word_vectors() -> WordVectors | None:
    """Load the chiVe table from ja-ginza once per process; ``None`` if unavailable."""
    if _loaded:
        return _loaded[0]
    with _lock:
        if _loaded:
            return _loaded[0]
        wv: WordVectors | None = None
        try:
            vocab = _vocab_dir()
            if vocab is None:
                log.warning("ja-ginza not installed: FAQ search falls back to lexical only")
            else:
                import srsly

                table = np.load(vocab / "vectors", allow_pickle=False)
                key2row = srsly.msgpack_loads((vocab / "key2row").read_bytes())
                keys = np.fromiter(key2row.keys(), dtype=np.uint64, count=len(key2row))
                rows = np.fromiter(key2row.values(), dtype=np.int64, count=len(key2row))
                del key2row
                wv = WordVectors(table, keys, rows)
                del table
        except Exception:  # a broken install must not take the bot down: lexical still works
            log.exception("could not load chiVe vectors from ja-ginza; lexical search only")
            wv = None
        _loaded.append(wv)
        return wv
