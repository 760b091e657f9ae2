"""Retrieval, eighth round (2026-12-06): who an entry is for (audience.py) and words typed in
hiragana inside a question (reading.respell_hiragana). Every example is made up here."""

from __future__ import annotations

import pytest

from bot.retrieval import Document, FaqRetriever
from bot.retrieval.normalize import normalize_text
from bot.retrieval.reading import hiragana_spelling, kanji_readings, respell_hiragana

DOCS = [
    Document("OWN", "庁内の勤怠システムで打刻を忘れたときは", "所属長に修正を依頼します。", tags=("勤怠",)),
    Document("CIT", "市民から施設予約システムで予約を忘れたと連絡があったときは", "窓口で受け付けます。",
             category="市民向けサービス"),
    Document("ROOM", "会議室を予約するには", "庁内ポータルの施設予約から予約します。"),
    Document("PRINT", "印刷できないときは", "プリンターの電源を確認します。"),
]


@pytest.fixture(scope="module")
def small() -> FaqRetriever:
    r = FaqRetriever(use_vectors=False)
    r.build(DOCS)
    return r


def test_only_the_entry_naming_the_citizens_is_theirs(small):
    index = small._index
    assert [index.ids[i] for i, v in enumerate(index.citizens) if v] == ["CIT"]


def test_an_entry_tagged_for_staff_is_the_staffs_even_if_it_names_the_citizens():
    r = FaqRetriever(use_vectors=False)
    r.build([*DOCS[:1], Document("CIT", "市民からの問い合わせの記録方法", "台帳に記録します。", tags=("職員向け",))])
    assert r._index.citizens is None


def test_a_faq_with_no_citizens_entry_is_ranked_as_before():
    # 住民票, 市民税: things the citizens ask about, not "the citizens" named as the audience.
    docs = [Document("A", "住民票の写しがほしい", "窓口で。"), Document("B", "市民税を払いたい", "納付書で。")]
    r = FaqRetriever(use_vectors=False)
    r.build(docs)
    assert r._index.citizens is None


@pytest.mark.parametrize(("text", "first"), [
    ("打刻を忘れた", "OWN"),  # a staff question: the staff entry first
    ("市民から打刻を忘れたと連絡", "CIT"),  # names the citizens: ranked as it fits
    ("しみんから予約を忘れたと連絡", "CIT"),
])
def test_a_staff_question_ranks_the_staff_entry_first(small, text, first):
    assert small.search(text)[0].id == first


def test_readings_of_the_faqs_kanji_words():
    readings = kanji_readings(["予約", "会議室", "印刷", "所"])  # one kanji: too short to look for
    assert readings == {"よやく": "予約", "かいぎしつ": "会議室", "いんさつ": "印刷"}
    assert "きかん" not in kanji_readings(["期間", "機関"])  # which one was meant cannot be told
    assert hiragana_spelling("フォルダー") == "ふぉるだー"


@pytest.mark.parametrize(("typed", "read"), [
    ("会議室よやくしたい", "会議室予約したい"),
    ("会議室をよやくしたいんですが", "会議室を予約したいんですが"),
    ("かいぎしつよやく", "会議室予約"),
    ("いんさつできない", "印刷できない"),
])
def test_a_faq_word_typed_in_hiragana_is_written_as_the_faq_writes_it(typed, read):
    readings = {"よやく": "予約", "かいぎしつ": "会議室", "いんさつ": "印刷", "しよう": "使用"}
    assert respell_hiragana(normalize_text(typed), readings) == read


@pytest.mark.parametrize("typed", [
    "登録しようとしたら",  # する after kanji, not 使用
    "設定している",  # not 指定
    "どうしよう",  # inside a hiragana stretch
    "送っていいんですか",  # not 定員
    "どういうこと",  # 同意 would end inside う
    "ふるさと納税",  # SudachiPy reads the whole word already
])
def test_hiragana_that_is_not_a_faq_word_stays(typed):
    readings = {"しよう": "使用", "してい": "指定", "ていいん": "定員", "どうい": "同意", "ふるさと": "古里"}
    assert respell_hiragana(normalize_text(typed), readings) == normalize_text(typed)
