"""Issue 20, calibration second round: nouns the FAQ never uses, messages that only say when,
messages nothing in the FAQ relates to, and residents' matters pointed to their section
(docs/retrieval.md, "Calibration, second round"). Every example is made up here."""

from __future__ import annotations

import pytest

from bot.retrieval import Decision, Document, FaqRetriever, Hit, decide, normalize_text
from bot.retrieval.decision import outside_domain
from bot.retrieval.topic import names_only_when

DOCS = [
    Document("PET-1", "犬を飼い始めたときの届出はどうすればよいですか", "市の窓口で登録してください。"),
    Document("VAC-1", "インフルエンザ予防接種の費用助成はありますか", "65歳以上の方は一部を助成します。"),
    Document("GOM-1", "粗大ごみの出し方を教えてください", "申込みセンターに電話してください。"),
    Document("DAY-1", "相談会の開催日はいつですか", "毎月第2水曜日に開催します。"),
]


@pytest.fixture(scope="module")
def small() -> FaqRetriever:
    r = FaqRetriever(use_vectors=False)
    r.build(DOCS)
    return r


def test_a_noun_the_faq_never_uses_marks_an_entry_that_shares_no_letter_with_it(small: FaqRetriever) -> None:
    # 帯状疱疹 is in no entry: the influenza entry meets the rest of the question, not that
    hits = small.search("帯状疱疹の予防接種の費用助成はありますか")
    assert hits[0].id == "VAC-1" and hits[0].unknown_noun
    # 子犬 is in no entry either, but the entry on dogs writes 犬: the same thing in other words
    hits = small.search("子犬を飼い始めたときの届出はどうすればよいですか")
    assert hits[0].id == "PET-1" and not hits[0].unknown_noun
    # every noun is the FAQ's own
    assert not small.search("インフルエンザ予防接種の費用助成について")[0].unknown_noun


def test_a_listed_synonym_is_not_an_unknown_noun() -> None:
    r = FaqRetriever([["予防接種", "ワクチン"]], use_vectors=False)
    r.build(DOCS)
    hits = r.search("インフルエンザのワクチンの費用助成はありますか")
    assert hits[0].id == "VAC-1" and not hits[0].unknown_noun


def test_an_entry_met_by_meaning_only_is_offered_not_answered() -> None:
    sure = Hit("VAC-1", 0.8, coverage=1.0)
    assert decide([sure, Hit("X", 0.2)]) is Decision.ANSWER
    sibling = Hit("VAC-1", 0.8, coverage=1.0, unknown_noun=True)
    assert decide([sibling, Hit("X", 0.2)]) is Decision.CANDIDATES
    # a restatement of the entry's question is still answered
    assert decide([Hit("VAC-1", 0.8, exact=True, unknown_noun=True)]) is Decision.ANSWER


@pytest.mark.parametrize("text", ["明後日は何の日？", "あさっては？", "来週", "今夜は", "2026"])
def test_a_message_that_only_says_when(text: str) -> None:
    assert names_only_when(normalize_text(text)), text


@pytest.mark.parametrize("text", ["来週の相談会の予定は？", "#REF!", "一時保管してくれる？", "？"])
def test_a_message_that_says_more_than_when(text: str) -> None:
    assert not names_only_when(normalize_text(text)), text


def test_a_message_that_only_says_when_gets_no_entry(small: FaqRetriever) -> None:
    hits = small.search("明後日は何の日？")  # 日 meets 「開催日」
    assert hits and hits[0].id == "DAY-1" and hits[0].when_only
    assert decide(hits) is Decision.NONE
    assert decide([Hit("DAY-1", 0.9, coverage=1.0, when_only=True)]) is Decision.NONE
    assert not small.search("相談会の開催日はいつ？")[0].when_only


def test_nothing_in_the_faq_relates_and_half_its_nouns_are_not_the_faqs() -> None:
    assert outside_domain([], 0.3)  # no hit, one noun of two near a FAQ word
    assert not outside_domain([Hit("A", 0.1)], 0.3)  # a weak hit: a work question the FAQ lacks
    assert not outside_domain([], 0.6)
    assert outside_domain([Hit("A", 0.1)], 0.1)  # as before: a share under OFF_TOPIC_SHARE


class _Bundled:
    async def version(self) -> str:
        return "v1"

    async def list_entries(self) -> list:
        from bench.faq_quality import load_docs
        from bot.core.model import FaqEntry

        return [FaqEntry(id=d.id, question=d.question, answer=d.answer, alternates=list(d.alternates),
                         tags=list(d.tags)) for d in load_docs()]

    async def synonyms(self) -> list[list[str]]:
        from bench.faq_quality import load_synonyms

        return load_synonyms()


async def test_a_message_nothing_relates_to_is_outside_the_desk() -> None:
    from bot.retrieval.service import FaqSearchService

    service = FaqSearchService(_Bundled())
    text = "ペンギンとアザラシどっちが好き"
    assert await service.search(text) == []
    assert service.decide([], text) == "none" and service.outside_domain(text)
    text = "プリンタが印刷できない"  # a work question the FAQ has no entry for: offered as before
    hits = await service.search(text)
    assert hits and not service.outside_domain(text)


@pytest.mark.parametrize(("text", "section"), [
    ("固定資産税の納付書が届かないと市民から聞かれた", "税務課"),
    ("粗大ごみを出したいという問い合わせ", "環境課"),
    ("投票所の場所を知りたい", "選挙管理委員会事務局"),
    ("近くの避難所はどこですか", "危機管理課"),
    ("保育園の入園の申込みはいつまで", "子育て支援課"),
    ("戸籍謄本を取りたい", "市民課"),
    ("下水道の使用料について", "上下水道課"),
])
async def test_residents_matters_are_pointed_to_their_section(text: str, section: str) -> None:
    from bot.retrieval.service import FaqSearchService
    from storage.faq.files import bundled, read_other_desks

    service = FaqSearchService(_Bundled(), other_desks=read_other_desks(bundled("other_desks.yaml")))
    hits = await service.search(text)
    assert service.decide(hits, text) != "answer"
    desk = service.other_desk(text, hits)
    assert desk is not None and desk.name == section, (text, desk)


@pytest.mark.parametrize("text", ["電子申請で児童手当の申請フォームを作りたい", "Excelで住民票の交付件数を集計したい",
                                  "保育園の入園申請ってオンラインでできるようにしたいんだけど誰に相談すればいい？",
                                  "介護保険の認定申請をペーパーレスにしたい", "粗大ごみの受付をRPAで自動化できる？"])
async def test_a_digital_work_question_about_a_residents_matter_stays_at_the_desk(text: str) -> None:
    from bot.retrieval.service import FaqSearchService
    from storage.faq.files import bundled, read_other_desks

    service = FaqSearchService(_Bundled(), other_desks=read_other_desks(bundled("other_desks.yaml")))
    assert service.other_desk(text, await service.search(text)) is None
