"""handlers.assessment.level_sentences: a level said as a sentence about the term is read by its cue
words (use, explain, know, heard, none; kanji, kana, casual; 〜ない flips), never a question or a
sentence with anything else in it."""

from __future__ import annotations

import pytest

from handlers.assessment.level_sentences import level_of
from storage.assessment.files import load_question_bank

BANK = load_question_bank()


@pytest.mark.parametrize(("said", "level"), [
    ("エクセルは毎日使ってます", "practice"), ("仕事でつかいこなしてる", "practice"), ("ぴぼっとは業務で使ってる", "practice"),
    ("後輩に教えられるくらい", "practice"), ("人に説明できるレベル", "practice"),
    ("なんとなく使ってる", "understand"), ("だいたい理解してるけど実践はしてない", "understand"),
    ("それは知ってます", "understand"),
    ("うっすら知ってる", "heard"), ("ちょっとだけわかる", "heard"), ("名前は知ってるけど使ったことはない", "heard"),
    ("言葉だけ", "heard"), ("聞いたことあるかも", "heard"), ("よく知らないです", "heard"), ("いまいちわかってない", "heard"),
    ("まったくわかりません", "unknown"), ("聞いたことないです", "unknown"), ("初めて知りました", "unknown"), ("初耳です", "unknown"),
    ("しらないです", "unknown"),
])
def test_sentences_read_as_the_level_they_say(said, level):
    assert level_of(BANK, said) == level


@pytest.mark.parametrize("said", [
    "KPIって何？", "ぴぼっとてーぶるってなんですか", "仕事でどう使うんですか", "使い方を教えて", "実践していない",
    "会議は知ってる", "パスワードを忘れたので使えない", "ちょっと遅れます", "明日の10時から使います窓口で",
])
def test_questions_and_other_sentences_are_not_levels(said):
    assert level_of(BANK, said) is None
