"""Normalisation and tokenisation helpers of bot.retrieval (no index needed)."""

from __future__ import annotations

import pytest

from bot.retrieval import normalize_text
from bot.retrieval.normalize import fold_for_ngrams
from bot.retrieval.tokenize import analyze, char_ngrams, content_terms


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＶＰＮ　ｔｅｓｔ１２３", "vpn test123"),  # full-width ASCII and ideographic space
        ("ﾊﾟｽﾜｰﾄﾞ", "パスワード"),  # half-width katakana with voiced marks
        ("ZOOM Teams", "zoom teams"),  # case
        ("①㈱ｶﾞ", "1(株)ガ"),  # NFKC compatibility characters
    ],
)
def test_width_case_and_nfkc(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("コンピュータ－", "コンピューター"),  # full-width hyphen typed as long vowel
        ("サ―バ‐", "サーバー"),  # horizontal bar and hyphen
        ("メール〜", "メールー"),  # wave dash after kana is a long vowel too
        ("ユーーザー", "ユーザー"),  # repeated long vowel collapses
        ("wi-fi", "wi-fi"),  # a hyphen between Latin letters is kept
    ],
)
def test_long_vowel_variants(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ヴァイオリン", "バイオリン"),
        ("ヴィジョン", "ビジョン"),
        ("ヴ", "ブ"),
        ("ヰスキー", "イスキー"),
    ],
)
def test_kana_variants(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_control_format_and_surrogate_characters_are_removed() -> None:
    raw = "a\x00b\u200bc\ufeffd\u202ee\ud800f\x7f"
    assert normalize_text(raw) == "abcdef"


def test_whitespace_collapses_and_strips() -> None:
    assert normalize_text("  ズーム\u3000\t画面\n\n共有  ") == "ズーム 画面 共有"


def test_empty_and_blank() -> None:
    assert normalize_text("") == ""
    assert normalize_text(" \u3000\n\x00") == ""


@pytest.mark.parametrize(
    "raw", ["ＶＰＮ ｶﾞｰﾄﾞ", "コンピュータ－－", "ヴァ\u200bイオリン", "😀 mixed 日本語 Ωπ"]
)
def test_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


def test_fold_makes_katakana_and_hiragana_spellings_share_ngrams() -> None:
    a = fold_for_ngrams(normalize_text("コンピューター"))
    b = fold_for_ngrams(normalize_text("こんぴゅーた"))
    assert a == b == ["こんぴゅた"]


def test_fold_splits_at_punctuation_and_spaces() -> None:
    assert fold_for_ngrams("zoom、画面 共有!") == ["zoom", "画面", "共有"]


def test_char_ngrams_short_and_single() -> None:
    assert char_ngrams("印刷") == ["印刷"]
    assert char_ngrams("a") == ["a"]
    assert char_ngrams("vpn") == ["vp", "pn"]
    assert char_ngrams("！？") == []


def test_sudachi_normalised_forms_unify_spelling_variants() -> None:
    # Different spellings of one word must give the same index term.
    assert content_terms(analyze(normalize_text("ｺﾝﾋﾟｭｰﾀ"))) == content_terms(
        analyze(normalize_text("コンピューター"))
    )


def test_particles_auxiliaries_and_question_scaffolding_are_dropped() -> None:
    terms = content_terms(analyze(normalize_text("VPNってどうやるんですか？教えてください")))
    assert terms == ["vpn"]


def test_compounds_also_yield_their_parts() -> None:
    terms = content_terms(analyze(normalize_text("在宅勤務制度")))
    assert terms[0] == "在宅勤務制度"
    assert {"在宅", "勤務", "制度"} <= set(terms)


def test_prefix_parts_are_not_terms() -> None:
    # お勧め splits into the prefix 御 + 勧め; a lone prefix would match unrelated text.
    assert "御" not in content_terms(analyze(normalize_text("おすすめ")))
