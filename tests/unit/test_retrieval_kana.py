"""Issue 20, round 2 of the staff's own typing: kana-typed questions, questions restated up to
their ending, bare words, and small talk that only looked like a name."""

from __future__ import annotations

import pytest

from bot.retrieval import Decision, Document, FaqRetriever, decide
from bot.retrieval import decision as decision_mod
from bot.retrieval.index import question_stem
from bot.retrieval.normalize import normalize_text
from bot.retrieval.reading import (
    kana_share,
    name_pieces,
    reading_grams,
    respell_loanwords,
    spelled_out,
)


@pytest.fixture(scope="module")
def bundled() -> FaqRetriever:
    from bench.faq_quality import load_docs, load_synonyms

    r = FaqRetriever(load_synonyms())
    r.build(load_docs())
    return r


def test_kana_share_counts_hiragana_among_japanese_letters_only() -> None:
    assert kana_share(normalize_text("zoomのがめんきょうゆう")) == 1.0
    assert kana_share(normalize_text("Zoomで画面共有をするにはどうすればよいですか")) < 0.85
    assert kana_share(normalize_text("RPAとは？")) == 0.0  # too few kana to read


def test_readings_are_the_same_for_kanji_and_kana() -> None:
    kanji = set(reading_grams(normalize_text("画面共有"), words_only=True))
    assert kanji and kanji <= set(reading_grams(normalize_text("がめんきょうゆう")))
    assert spelled_out("vpnとvlookup") == ["ブイピーエヌ"]  # five letters at most: vlookup is a word


@pytest.mark.parametrize(("query", "entry"), [
    ("ぱすわーどのるーる", "FAQ-072"),
    ("zoomのがめんきょうゆう", "FAQ-030"),
    ("えくせるのぴぼっと", "FAQ-056"),  # a loanword in hiragana meets its katakana name
    ("ぶいるっくあっぷ", "FAQ-052"),  # ... and a Latin name through the synonyms' katakana
])
def test_a_question_typed_in_kana_finds_its_entry(bundled: FaqRetriever, query: str, entry: str) -> None:
    hits = bundled.search(query, 3)
    assert entry in [h.id for h in hits]
    assert decide(hits, bundled.domain_share(query)) is not Decision.NONE


def test_a_query_written_with_kanji_is_scored_as_before() -> None:
    docs = [Document("a", "画面共有のやり方", "…"), Document("b", "会議の録画", "…")]
    with_reading = FaqRetriever(use_vectors=False)
    with_reading.build(docs)
    hits = with_reading.search("画面共有をするにはどうすればよいですか")
    index = with_reading._index
    assert index is not None
    index.reading = None  # the same index without the reading channel
    assert with_reading.search("画面共有をするにはどうすればよいですか") == hits


@pytest.mark.parametrize("text", ["rpaとは何ですか?", "rpaとは?", "rpaについて", "rpaって何?",
                                  "rpaについて教えてください"])
def test_question_stem_strips_the_question_ending(text: str) -> None:
    assert question_stem(text) == "rpa"


def test_every_entry_asked_up_to_its_question_ending_is_answered_with_it(bundled: FaqRetriever) -> None:
    from bench.faq_quality import load_docs

    tried = 0
    for doc in load_docs():
        question = normalize_text(doc.question)
        stem = question_stem(question)
        if not stem or stem == question.rstrip("?"):
            continue  # no question ending to strip
        for ending in ("とは？", "について", "って何？"):
            tried += 1
            hits = bundled.search(stem + ending, 3)
            assert hits[0].id == doc.id and decide(hits) is Decision.ANSWER, stem + ending
    assert tried >= 30


def test_a_bare_word_gets_candidates_unless_it_is_an_entry_s_title_word(bundled: FaqRetriever) -> None:
    for word in ("テスト", "test"):
        assert decide(bundled.search(word, 3)) is not Decision.ANSWER
    hits = bundled.search("RPA", 3)  # 「RPAとは何ですか？」 asks about exactly this word
    assert hits[0].id == "FAQ-039" and decide(hits) is Decision.ANSWER


@pytest.mark.parametrize("text", ["w", "www", "AIくん元気？"])
def test_laughter_and_a_nickname_are_not_names_of_a_topic(bundled: FaqRetriever, text: str) -> None:
    assert bundled.domain_share(text) < decision_mod.OFF_TOPIC_SHARE


@pytest.mark.parametrize("text", ["AIの使い方", "Power Automateのフローが動かない", "PCが重い"])
def test_latin_names_still_count(bundled: FaqRetriever, text: str) -> None:
    assert bundled.domain_share(text) == 1.0


def test_the_faq_s_loanwords_typed_in_hiragana_are_respelled_in_katakana() -> None:
    known = frozenset({"エクセル", "タブレット", "エクセルファイル"})
    assert respell_loanwords("えくせるでじゅうふくけしたい", known) == "エクセルでじゅうふくけしたい"
    assert respell_loanwords("たぶれっとで受付したい", known) == "タブレットで受付したい"
    assert respell_loanwords("えくせるふぁいるがひらけない", known) == "エクセルファイルがひらけない"  # longest
    assert respell_loanwords("きょうはさむいね", known) == "きょうはさむいね"
    assert name_pieces("エクセルでじゅうふく") == " エクセル じゅうふく"


@pytest.mark.parametrize(("query", "entries"), [
    # particles typed without spaces: before, the reading's trigrams over 「る+で+じゅ」 diluted its
    # share to 0.23 and the desk said 「お仕事のご質問でしたら…」
    ("えくせるでじゅうふくけしたい", {"FAQ-058"}),
    ("たぶれっとで受付したいんだけど", {"FAQ-011", "FAQ-025"}),
])
def test_kana_typed_without_spaces_is_read_as_the_faq_s_words(bundled: FaqRetriever, query: str,
                                                                 entries: set[str]) -> None:
    share = bundled.domain_share(query)
    assert share >= decision_mod.OFF_TOPIC_SHARE
    hits = bundled.search(query, 3)
    assert entries & {h.id for h in hits}
    assert decide(hits, share) is not Decision.NONE


@pytest.mark.parametrize("text", ["きょうはさむいね", "らーめんたべたい", "おなかすいた"])
def test_small_talk_typed_in_kana_still_names_nothing_of_the_faq(bundled: FaqRetriever, text: str) -> None:
    assert bundled.domain_share(text) < decision_mod.OFF_TOPIC_SHARE
