"""Text normalisation for Japanese FAQ search.

Two levels:

* :func:`normalize_text` gives readable, canonical text (what is fed to SudachiPy and shown in
  logs): NFKC, one width, lower case, one long-vowel mark, no control characters.
* :func:`fold_for_ngrams` folds further, for the character-bigram channel only: katakana become
  hiragana and long-vowel marks and punctuation disappear, so ``コンピュータ`` / ``こんぴゅーたー``
  / ``ｺﾝﾋﾟｭｰﾀｰ`` share bigrams even where the dictionary does not know the word.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_for_ngrams", "normalize_text"]

# Characters people type instead of the katakana long-vowel mark ー (after NFKC the half-width
# ｰ is already ー; the full-width hyphen becomes "-").
_DASHES = "-‐‑‒–—―−─━〜~"
_KANA = r"\u3041-\u3096\u30a1-\u30fa\u30fc"  # hiragana, katakana, ー
_DASH_AFTER_KANA = re.compile(f"(?<=[{_KANA}])[{re.escape(_DASHES)}]+")
_REPEATED_CHOON = re.compile("ー{2,}")
_WHITESPACE = re.compile(r"\s+")

# Old or foreign-sound kana that users and documents spell both ways; SudachiPy normalises many
# dictionary words itself, but the bigram channel and unknown words need this too.
_KANA_VARIANTS = str.maketrans(
    {
        "ヰ": "イ",
        "ヱ": "エ",
        "ゐ": "い",
        "ゑ": "え",
        "ヷ": "バ",
        "ヸ": "ビ",
        "ヹ": "ベ",
        "ヺ": "ボ",
    }
)
_VU = re.compile("ヴ([ァィゥェォ]?)")
_VU_MAP = {"ァ": "バ", "ィ": "ビ", "ゥ": "ブ", "ェ": "ベ", "ォ": "ボ", "": "ブ"}

# Control (Cc), format (Cf: zero-width, BOM, bidi marks), surrogate (Cs) and private-use (Co)
# code points are never meaningful in a question and some break the tokenizer (lone surrogates
# cannot be UTF-8 encoded).
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})


_COMMON_SPACES = str.maketrans("\n\r\t", "   ")


def _strip_controls(text: str) -> str:
    out = []
    for ch in text:
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) not in _DROP_CATEGORIES:
            out.append(ch)
    return "".join(out)


def normalize_text(text: str) -> str:
    """Return *text* in canonical form for matching.

    NFKC (full-width ASCII → half-width, half-width katakana → full-width), lower case, hyphens
    and dashes after kana → ``ー`` (repeated ``ー`` collapsed), ヴ-row and obsolete kana → common
    spelling, control/format characters removed, whitespace collapsed to single spaces and
    stripped. Idempotent; never raises on ``str`` input.
    """
    if not text:
        return ""
    # Fast path check keeps the per-character loop for texts that need it only. Line breaks
    # and tabs (every multi-line answer has them) become the space _strip_controls would make
    # of them first, so such a text takes the fast path too.
    if not text.isprintable():
        text = text.translate(_COMMON_SPACES)
        if not text.isprintable():
            text = _strip_controls(text)
    text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    text = text.translate(_KANA_VARIANTS)
    if "ヴ" in text:
        text = _VU.sub(lambda m: _VU_MAP[m.group(1)], text)
    text = _DASH_AFTER_KANA.sub("ー", text)
    text = _REPEATED_CHOON.sub("ー", text)
    text = _WHITESPACE.sub(" ", text).strip()
    return text


_KATA_TO_HIRA: dict[int, int | None] = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_KATA_TO_HIRA[ord("ー")] = None  # dropped, not a separator: こんぴゅーたー → こんぴゅた
_NON_WORD = re.compile(r"[\W_]+")


def fold_for_ngrams(normalized: str) -> list[str]:
    """Split already-normalised text into runs for character n-grams.

    Katakana → hiragana and ``ー`` dropped (the commonest spelling variation in loan words),
    split at anything that is not a letter or digit so n-grams never bridge punctuation or
    spaces.
    """
    folded = normalized.translate(_KATA_TO_HIRA)
    return [run for run in _NON_WORD.split(folded) if run]
