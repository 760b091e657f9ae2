"""Reading short answers typed in kana: 「りかいしてる」 is 「理解している」, 「みちゃくしゅ」 is 「未着手」.

City terminals often type without kanji conversion. The answer words of the forms and the poll
(level labels, check-in statuses) are a closed, small vocabulary, so their kanji have one reading
here (checked against SudachiPy's readings by a unit test over the bundled words), and both the
typed text and the words are compared as hiragana, with 〜ている/〜ています/〜てます read as
〜てる. Standard library only (the core may not use SudachiPy).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

# Kanji words of the answer vocabulary and their readings; longest first when applied.
READINGS: dict[str, str] = {
    "理解済み": "りかいずみ", "理解": "りかい", "実践": "じっせん", "活用": "かつよう", "出来": "でき", "得意": "とくい",
    "完璧": "かんぺき", "仕事": "しごと", "業務": "ぎょうむ", "大体": "だいたい", "程度": "ていど", "一応": "いちおう",
    "一通り": "ひととおり", "名前": "なまえ", "全然": "ぜんぜん", "全く": "まったく", "初耳": "はつみみ",
    "初めて": "はじめて", "何となく": "なんとなく", "少し": "すこし", "使": "つか", "分": "わ", "聞": "き", "知": "し",
    "未着手": "みちゃくしゅ", "着手": "ちゃくしゅ", "進行中": "しんこうちゅう", "進行": "しんこう",
    "作業中": "さぎょうちゅう", "対応中": "たいおうちゅう", "実施中": "じっしちゅう", "途中": "とちゅう", "順調": "じゅんちょう",
    "完了": "かんりょう", "終了": "しゅうりょう", "完成": "かんせい", "遅延": "ちえん", "遅": "おく", "終": "お", "進": "すす",
    "手": "て", "取": "と", "掛": "か", "始": "はじ", "済み": "すみ", "済": "すみ",
    "間": "ま", "合": "あ", "予定": "よてい", "着手前": "ちゃくしゅまえ", "受": "う", "回答": "かいとう", "答": "こた",
    "今": "いま", "早速": "さっそく", "普通": "ふつう", "人並み": "ひとなみ", "自信": "じしん",
    # Cue words of a level said as a sentence (handlers/assessment/level_sentences.py).
    "説明": "せつめい", "人に": "ひとに", "教え": "おしえ", "言葉": "ことば", "耳に": "みみに", "聞き覚え": "ききおぼえ",
    "見たこと": "みたこと", "触": "さわ", "扱": "あつか", "納得": "なっとく", "存じ": "ぞんじ", "意味": "いみ",
    # The check-in's kinds of problem (課題), typed in kana: 「よさんとひとで」.
    "予算": "よさん", "人手": "ひとで", "人員": "じんいん", "時間": "じかん", "業者": "ぎょうしゃ", "調整": "ちょうせい",
    "庁内": "ちょうない", "住民": "じゅうみん", "対応": "たいおう", "例規": "れいき", "様式": "ようしき",
    "条例": "じょうれい", "規則": "きそく", "押印": "おういん",
}
_ORDERED = sorted(READINGS, key=len, reverse=True)
_KANJI = re.compile("|".join(map(re.escape, _ORDERED)))
_NOISE = re.compile(r"[\s、。，．,.!！・「」『』()（）\-ー〜~…]+")
# 「している」「しています」「してます」「していた」 → 「してる」: one form of 〜ている.
_TE_IRU = re.compile(r"(て|で)(?:いる|います|ます|いた|いました)(?=し|けど|$)")
# 「あります」「わかります」「できます」 → 「ある」「わかる」「できる」: the polite form of the few verbs answers use.
_MASU = re.compile(r"(あ|わか)ります(?=し|けど|$)|(でき|つかえ|こなせ)ます(?=し|けど|$)")


def hiragana(text: str) -> str:
    """Katakana (U+30A1..U+30F6) as hiragana, 0x60 below."""
    return "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in text)


def reading(text: str) -> str:
    """The hiragana reading of a short answer: width and case folded, spaces, punctuation and ー
    dropped, the answer vocabulary's kanji read, 〜ている in its short form 〜てる."""
    folded = hiragana(_NOISE.sub("", unicodedata.normalize("NFKC", text or "").casefold()))
    read = _TE_IRU.sub(r"\1る", _KANJI.sub(lambda m: READINGS[m.group(0)], folded))
    return _MASU.sub(lambda m: (m.group(1) or m.group(2)) + "る", read)


def one_off(a: str, b: str) -> bool:
    """True when *a* and *b* differ by one typed character (one replaced, missing or extra)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


# A typo is forgiven only in words this long (in kana): 「しらない」 and 「しってる」 are one letter apart.
TYPO_MIN = 6


@lru_cache(maxsize=64)
def _readings(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(reading(w) for w in words)


def read_options(text: str, options: Sequence[Sequence[str]]) -> list[int] | None:
    """「よさんと人手」「よさんや、じんいん」: the options whose names, read in kana, make up the whole text,
    joined by と/や (or nothing); None when some part reads as no option."""
    said = reading(text)
    names = sorted(((reading(n), i) for i, ns in enumerate(options) for n in ns if len(reading(n)) >= 2),
                   key=lambda pair: len(pair[0]), reverse=True)
    picked: list[int] = []
    pos = 0
    while pos < len(said):
        hit = next(((r, i) for r, i in names if said.startswith(r, pos)), None)
        if hit is not None:
            if hit[1] not in picked:
                picked.append(hit[1])
            pos += len(hit[0])
        elif picked and said[pos] in "とや":
            pos += 1
        else:
            return None
    return picked or None


def reads_as(text: str, words: Iterable[str]) -> bool:
    """True when *text* reads as one of *words* (kana, kanji, 〜てる/〜ている), or as a long one of
    them with one character mistyped."""
    said = reading(text)
    if not said:
        return False
    readings = _readings(tuple(words))
    return said in readings or (len(said) >= TYPO_MIN and any(
        len(r) >= TYPO_MIN and one_off(said, r) for r in readings))
