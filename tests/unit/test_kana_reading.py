"""bot.core.kana: the answer vocabulary's kanji are read as SudachiPy reads them, so a level word or
a check-in status typed in kana (「りかいしてる」「みちゃくしゅ」) meets the word written in kanji."""

from __future__ import annotations

import pytest

from bot.core import kana, vocabulary
from bot.retrieval.reading import reading_text
from storage.assessment.files import load_question_bank


def _level_words() -> list[str]:
    bank = load_question_bank()
    return [w for level in bank.levels for w in (level.label, *level.aliases)]


@pytest.mark.parametrize("word", [w for w in (*_level_words(), *vocabulary.POLL_LEVEL_WORDS,
                                             *vocabulary.CHECKIN_STATUS_WORDS, *vocabulary.GO_AHEAD_WORDS)
                                  if not w.isascii()])  # English labels are compared as typed
def test_every_answer_word_reads_as_sudachi_reads_it(word):
    assert kana.reading(word) == kana.reading(kana.hiragana(reading_text(word))), word


@pytest.mark.parametrize(("typed", "word"), [("りかいしてる", "理解している"), ("リカイシテイマス", "理解している"),
                                             ("しってます", "知っている"), ("きいたことがあります", "聞いたことがある"),
                                             ("ｼﾝｺｳﾁｭｳ", "進行中")])
def test_kana_casual_and_polite_forms_read_alike(typed, word):
    assert kana.reading(typed) == kana.reading(word)


def test_one_typo_only_in_long_words():
    assert kana.reads_as("りかいしじっせんしてぃる", ["理解し実践している"])
    assert kana.reads_as("しんこうちゅ", ["進行中"])
    assert not kana.reads_as("しらない", ["知ってる"]) and not kana.reads_as("しってる", ["知らない"])
    assert not kana.one_off("りかいしてる", "りかいしてる") and kana.one_off("abc", "abd")
