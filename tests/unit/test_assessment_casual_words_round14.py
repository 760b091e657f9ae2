"""Casual and Kansai level words (walk-through, fourteenth round, 2026-12-06): each maps to the level it
means on the scale of questions.yaml (1 理解し実践している … 4 知らない), and the standard forms they are
read as."""

from __future__ import annotations

import pytest

from handlers.assessment.answers import parse_level, standard_forms
from storage.assessment.files import load_question_bank


@pytest.fixture(scope="module")
def bank():
    return load_question_bank()


@pytest.mark.parametrize(("typed", "expected"), [
    # 知らない (the lowest level, "don't know")
    ("しらんわ", "unknown"), ("知らん", "unknown"), ("知らんわ", "unknown"), ("知らんで", "unknown"),
    ("できへん", "unknown"), ("できひん", "unknown"), ("わからへん", "unknown"), ("わからへんわ", "unknown"),
    ("分からへん", "unknown"), ("全然わからん", "unknown"),
    # 聞いたことがある: 「ようわからん」 is 「よくわからない」
    ("ようわからん", "heard"), ("よう分からん", "heard"), ("ようわからへん", "heard"),
    # 理解している: 「ぼちぼち」 with 「まあまあ」; 「わかるで」
    ("ぼちぼち", "understand"), ("ボチボチ", "understand"), ("ぼちぼちです", "understand"), ("ぼちぼちかな", "understand"),
    ("まあまあ", "understand"), ("わかるで", "understand"), ("ぼちぼちできる", "understand"),
    # 理解し実践している
    ("できるで", "practice"), ("使ってるで", "practice"),
    # not levels
    ("たいへん", None), ("できへんかったので後で聞きます", None),
])
def test_casual_and_kansai_words_map_to_their_level(bank, typed, expected):
    assert parse_level(bank, typed) == expected


@pytest.mark.parametrize(("typed", "standard"), [
    ("できるで", "できる"), ("わかるで", "わかる"), ("できへん", "できない"), ("わからへん", "わからない"),
    ("ようわからん", "よくわからない"), ("しらんわ", "しらない"), ("知らん", "知らない"), ("たいへん", "たいへん"),
    ("オンラインで", "オンラインで"),
])
def test_standard_forms(typed, standard):
    assert standard_forms(typed) == standard
