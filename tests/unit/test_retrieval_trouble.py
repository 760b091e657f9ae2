"""Issue 20, calibration third round: a message that tells of a trouble with a thing (lost,
forgotten, cannot, does not arrive, 「アクセス権がない」) is not answered outright with an entry
about that thing that speaks of no trouble; it gets that entry among candidates
(docs/retrieval.md, "Calibration, third round"). Every example is made up here."""

from __future__ import annotations

import pytest

from bot.retrieval import Decision, Document, FaqRetriever, Hit, decide

DOCS = [
    Document("CARD-1", "図書館カードを作るにはどうすればよいですか", "本人確認書類を持って窓口へ。"),
    Document("CARD-2", "図書館カードをなくしたときは", "窓口で再発行します。"),
    Document("PASS-1", "職員ポータルのログイン方法を教えてください", "IDとパスワードを入力します。"),
    Document("SHARE-1", "共有ドライブの使い方を教えてください", "部署ごとのフォルダに保存します。"),
]


@pytest.fixture(scope="module")
def small() -> FaqRetriever:
    r = FaqRetriever(use_vectors=False)
    r.build(DOCS)
    return r


@pytest.mark.parametrize("text", [
    "職員ポータルにログインできない",
    "職員ポータルにログインできません",
    "共有ドライブにアクセス権がないです",
    "共有ドライブのファイルが消えた",
])
def test_a_trouble_the_entry_does_not_speak_of_is_offered_not_answered(small: FaqRetriever,
                                                                        text: str) -> None:
    hits = small.search(text)
    assert hits[0].trouble_unmet, text
    assert decide(hits) is not Decision.ANSWER, text


def test_an_entry_about_that_trouble_is_not_marked(small: FaqRetriever) -> None:
    hits = small.search("図書館カードをなくしました")
    assert hits[0].id == "CARD-2" and not hits[0].trouble_unmet


@pytest.mark.parametrize("text", [
    "職員ポータルのログイン方法を教えてくれませんか",  # a polite request, not a trouble
    "すみません、共有ドライブの使い方は？",  # an apology, not a trouble
])
def test_polite_forms_are_not_troubles(small: FaqRetriever, text: str) -> None:
    assert not small.search(text)[0].trouble_unmet, text


def test_decide_treats_an_unmet_trouble_like_a_neighbouring_thing() -> None:
    assert decide([Hit("A", 0.8, coverage=1.0), Hit("B", 0.2)]) is Decision.ANSWER
    assert decide([Hit("A", 0.8, coverage=1.0, trouble_unmet=True), Hit("B", 0.2)]) is Decision.CANDIDATES
    # the same words as the entry's question plus a trouble it does not speak of: offered
    assert decide([Hit("A", 0.8, exact=True, trouble_unmet=True)]) is Decision.CANDIDATES
    assert decide([Hit("A", 0.8, exact=True)]) is Decision.ANSWER


ROOMS = [
    Document("ROOM-1", "会議室の予約を忘れたときは", "空いていれば当日でも予約できます。"),
    Document("ROOM-2", "会議室のプロジェクターの使い方", "HDMIケーブルでつなぎます。"),
    Document("ROOM-3", "会議室の鍵がないときは", "総務課で借りてください。"),
]


@pytest.mark.parametrize(("text", "unmet"), [
    ("会議室の予約を忘れてプロジェクターがない", True),  # ROOM-1's trouble, but not that lack
    ("会議室の鍵がないです", False),  # the lack ROOM-3 speaks of
    ("会議室の予約を忘れました", False),
])
def test_a_lack_is_met_only_by_an_entry_that_names_the_thing(text: str, unmet: bool) -> None:
    rooms = FaqRetriever(use_vectors=False)
    rooms.build(ROOMS)
    hits = rooms.search(text)
    assert hits[0].trouble_unmet is unmet, text
    assert (decide(hits) is Decision.ANSWER) is not unmet, text
