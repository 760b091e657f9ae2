"""The reading channel: questions typed in kana meet entries written in kanji, katakana or Latin.

City terminals often have no good IME dictionary, so staff type 「ぱすわーどのへんこうほうほう」 or
「えくせるのぴぼっと」. SudachiPy cuts such hiragana runs into nonsense (ぱ/す/わー/どの), so the word
channels find nothing. Readings do not depend on the cut: every SudachiPy morpheme has one
(katakana; 変更方法 → ヘンコウホウホウ, Excel → エクセル, PDF → ピーディーエフ), and a hiragana
surface reads as itself however it was cut. So the reading of a whole text is the same string
whether it was typed in kanji or in kana, and character bigrams of that string (folded: hiragana,
no ー, small kana as large ones – ういんどう / ウィンドウ) match where words cannot.

Entries are indexed by the readings of their question, alternates and tags, plus the readings
of the synonyms their question side names (VLOOKUP → ブイルックアップ: a Latin name SudachiPy
does not know keeps its letters as reading, and the synonym list gives the katakana one).
The channel is used only for a query that is mostly kana (:func:`kana_share`), so a query
written with kanji scores exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet

from .normalize import fold_for_ngrams
from .tokenize import _FUNCTION_POS, _tokenizer

__all__ = [
    "KANA_QUERY_MIN",
    "KANA_QUERY_SHARE",
    "READING_N",
    "hiragana_spelling",
    "kana_share",
    "kanji_readings",
    "name_pieces",
    "query_reading_grams",
    "reading_grams",
    "reading_text",
    "respell_hiragana",
    "respell_loanwords",
    "spelled_out",
    "typed_in_kana",
]

# From this share of hiragana among a query's Japanese letters on, the query is read as typed
# without kanji. Questions written with an IME have their topic in kanji or katakana and stay
# below it (「Zoomで画面共有をするにはどうすればよいですか」 0.80, 「ずーむで画面共有したい」 0.64).
KANA_QUERY_SHARE = 0.85
# ... and with at least this many hiragana: 「RPAとは？」 names its topic in Latin letters.
KANA_QUERY_MIN = 4

_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_JAPANESE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff\u3400-\u4dbf々]")  # ー is neither
# Trigrams: kana have few letters, and their bigrams recur in unrelated words (きょう in 共有 and
# 今日); three kana are about one word's worth.
READING_N = 3
# Small kana are typed both ways in loanwords (ウィンドウ / ウインドウ, ファイル / ふあいる).
_SMALL_TO_LARGE = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")


def kana_share(normalized: str) -> float:
    """Share of hiragana among the Japanese letters of *normalized* (Latin letters and digits
    do not count: 「zoomのがめんきょうゆう」 is 1.0); 0.0 without Japanese letters or with
    fewer than ``KANA_QUERY_MIN`` hiragana."""
    japanese = len(_JAPANESE.findall(normalized))
    hiragana = len(_HIRAGANA.findall(normalized))
    return hiragana / japanese if japanese and hiragana >= KANA_QUERY_MIN else 0.0


def typed_in_kana(normalized: str) -> bool:
    """*normalized* is a query typed without kanji (see ``KANA_QUERY_SHARE``)."""
    return kana_share(normalized) >= KANA_QUERY_SHARE


_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096ー]{3,}")
_TO_KATAKANA = {c: c + 0x60 for c in range(0x3041, 0x3097)}
_TO_HIRAGANA = {c + 0x60: c for c in range(0x3041, 0x3097)}
_HIRAGANA_ONLY = re.compile(r"[\u3041-\u3096ー]+")
# The longest loanword looked for in a run of hiragana (ぷろじぇくとまねじめんと is 12).
RESPELL_MAX = 16


def respell_loanwords(normalized: str, known: AbstractSet[str]) -> str:
    """*normalized* with each hiragana stretch whose katakana is a *known* word (the FAQ's
    loanwords: えくせる → エクセル, たぶれっと → タブレット) written in katakana, longest first, left
    to right; the rest unchanged. SudachiPy then cuts 「えくせるでじゅうふくけしたい」 at the name
    (エクセル/で/…) instead of into nonsense, so its topic nouns can be read."""
    if not known:
        return normalized

    def respell(run: re.Match[str]) -> str:
        text = run.group()
        out: list[str] = []
        i = 0
        while i < len(text):
            for j in range(min(len(text), i + RESPELL_MAX), i + 2, -1):
                kata = text[i:j].translate(_TO_KATAKANA)
                if kata in known:
                    out.append(kata)
                    i = j
                    break
            else:
                out.append(text[i])
                i += 1
        return "".join(out)

    return _HIRAGANA_RUN.sub(respell, normalized)


_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_KANJI_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
# A word the FAQ writes in kanji is looked for in a query's hiragana by a reading of this many
# kana or more: two (かい, せい) are in too many other words.
KANJI_READING_MIN = 3
# Kana that go on a kanji word as a form of する (登録しよう, 設定している, 変更させる): a hiragana
# stretch right after kanji that starts with one is the verb, not a word typed in kana.
_SURU_AFTER_KANJI = frozenset("しさすせ")
_PARTICLES = frozenset("をがのにはでともへや")
# What may follow a word typed in hiragana: a particle (って too), する/できる, どこ/どう.
_WORD_FOLLOWERS = frozenset("をがのにはでともへやかっしすさせど")


def hiragana_spelling(loanword: str) -> str:
    """The katakana *loanword* as typed in hiragana (フォルダ → ふぉるだ)."""
    return loanword.translate(_TO_HIRAGANA)


def kanji_readings(words: Iterable[str]) -> dict[str, str]:
    """The hiragana reading of each word of two kanji or more in *words* (予約 → よやく), for
    :func:`respell_hiragana`; readings shorter than ``KANJI_READING_MIN``, and readings two
    of the words share (機関/期間 → きかん: which one was meant cannot be told), are left out."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    for word in words:
        if not _KANJI_WORD.fullmatch(word):
            continue
        reading = "".join(m.reading_form() for m in _tokenizer().tokenize(word))
        kana = reading.translate(_TO_HIRAGANA)
        if len(kana) < KANJI_READING_MIN or not _HIRAGANA_ONLY.fullmatch(kana):
            continue
        if kana in out and out[kana] != word:
            shared.add(kana)
        out[kana] = word
    for kana in shared:
        del out[kana]
    return out


def respell_hiragana(normalized: str, readings: Mapping[str, str]) -> str:
    """*normalized* with each word of *readings* (hiragana -> the FAQ's spelling) that the query
    types in hiragana written as the FAQ writes it (「会議室よやくしたい」 → 「会議室予約したい」,
    「共有ふぉるだ見れない」 → 共有フォルダ, 「てれわーくの申請」 → テレワーク), longest first. SudachiPy cuts such hiragana into nonsense (よ/やくし → 約する), so the word
    channels and the question-side coverage miss the very word the question is about.

    Only where a word can begin (:func:`_word_may_start`) and end (at the end, before anything
    but hiragana, before a particle, a form of する or できる, どこ/どう, or another such word:
    どういうこと is not 同意うこと), and not where SudachiPy already reads a word that takes in
    the whole stretch (ふるさと納税 is a word to it)."""
    if not readings or not _HIRAGANA_RUN.search(normalized):
        return normalized
    # Where SudachiPy reads a dictionary word: start -> end.
    words = {m.begin(): m.end() for m in _tokenizer().tokenize(normalized[:2048]) if not m.is_oov()}
    out: list[str] = []
    i, n = 0, len(normalized)
    longest = max(map(len, readings))
    while i < n:
        ch = normalized[i]
        if "\u3041" <= ch <= "\u3096" and _word_may_start(ch, "".join(out[-2:])):
            for j in range(min(n, i + longest), i + KANJI_READING_MIN - 1, -1):
                word = readings.get(normalized[i:j])
                if word is not None and words.get(i, i) < j and (
                    j == n or normalized[j] in _WORD_FOLLOWERS or not _HIRAGANA_ONLY.match(normalized[j])
                    or any(normalized[j : j + k] in readings for k in range(KANJI_READING_MIN, longest + 1))
                ):
                    out.append(word)
                    i = j
                    break
            else:
                out.append(ch)
                i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _word_may_start(ch: str, before: str) -> bool:
    """A word typed in hiragana may start with *ch* after *before* (the last two letters,
    already respelled): at the start, after anything but hiragana, or after a case particle
    that follows anything but hiragana (「資料をさくせい」). Not inside a hiragana stretch
    (どうしよう is not どう使用, 送っていいん not 定員), and not at a form of する right after
    kanji (登録しようと is not 使用, 設定している not 指定)."""
    prev = before[-1:]
    if not prev or not _HIRAGANA_ONLY.fullmatch(prev):
        return not (prev and _KANJI.match(prev) and ch in _SURU_AFTER_KANJI)
    return prev in _PARTICLES and not _HIRAGANA_ONLY.fullmatch(before[:-1] or "x")


# A case particle typed straight after a name (エクセルで, パスワードの).
_AFTER_NAME = re.compile(r"([ァ-ヺー]{3,})[のでをがにはともへや]?")


def name_pieces(respelled: str) -> str:
    """*respelled* (see :func:`respell_loanwords`) with each katakana name set apart by spaces
    and the particle typed right after it dropped: 「エクセルでじゅうふく」 → 「 エクセル じゅうふく」, so
    its reading trigrams do not run from the name over the particle into the next word."""
    return _AFTER_NAME.sub(r" \1 ", respelled)


def reading_text(normalized: str, words_only: bool = False) -> str:
    """The katakana reading of already-normalised *normalized*, morpheme by morpheme (a
    morpheme without a reading, as an unknown Latin word, keeps its surface). *words_only*:
    particles, auxiliaries and symbols become spaces – for entries, whose kanji text SudachiPy
    cuts well; a kana query is read whole, because its cut is not to be trusted."""
    if not normalized:
        return ""
    parts = []
    for m in _tokenizer().tokenize(normalized[:2048]):
        surface = m.surface()
        reading = m.reading_form()
        if not reading or surface.isspace() or (
            words_only and m.part_of_speech()[0] in _FUNCTION_POS
        ):
            parts.append(" ")
        else:
            parts.append(reading)
    return "".join(parts).lower()


# How letters are read when an acronym is spelled out (VPN → ブイピーエヌ).
_LETTERS = dict(zip("abcdefghijklmnopqrstuvwxyz", ["エー", "ビー", "シー", "ディー", "イー", "エフ", "ジー", "エイチ", "アイ", "ジェー", "ケー", "エル", "エム", "エヌ", "オー", "ピー", "キュー", "アール", "エス", "ティー", "ユー", "ブイ", "ダブリュー", "エックス", "ワイ", "ゼット"]))
_ACRONYM = re.compile(r"(?<![a-z])[a-z]{2,5}(?![a-z])")


def spelled_out(normalized: str) -> list[str]:
    """Letter-by-letter readings of the short Latin words in *normalized* (vpn → ブイピーエヌ),
    as staff type an acronym in kana (「ぶいぴーえぬ」); SudachiPy knows some (PDF) but not all."""
    return ["".join(_LETTERS[c] for c in w) for w in _ACRONYM.findall(normalized)]


def reading_grams(normalized: str, words_only: bool = False) -> list[str]:
    """Character trigrams of the folded reading of *normalized* (see the module docstring)."""
    grams: list[str] = []
    for run in fold_for_ngrams(reading_text(normalized, words_only)):
        run = run.translate(_SMALL_TO_LARGE)
        if len(run) <= READING_N:
            grams.append(run)
        else:
            grams.extend(run[i : i + READING_N] for i in range(len(run) - READING_N + 1))
    return grams


def query_reading_grams(normalized: str) -> tuple[list[str], list[str]]:
    """Trigrams of a query's folded reading, as :func:`reading_grams`, and its bigrams: an
    entry's word of two kana (ズーム → ずむ) is one gram there, and the query runs it on into
    the next word (「ずーむのがめん」)."""
    trigrams = reading_grams(normalized)
    bigrams = [
        run[i : i + 2]
        for run in fold_for_ngrams(reading_text(normalized))
        for run in (run.translate(_SMALL_TO_LARGE),)
        for i in range(len(run) - 1)
    ]
    return trigrams, bigrams
