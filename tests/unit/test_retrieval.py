"""FaqRetriever / decide(): API contract and behaviour on a small hand-made FAQ.

One retriever per configuration is built per module (SudachiPy and chiVe load once per
process), so the file runs in a few seconds.
"""

from __future__ import annotations

import dataclasses
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from bot.retrieval import Decision, Document, FaqRetriever, Hit, decide
from bot.retrieval import decision as decision_mod
from bot.retrieval import index as index_mod
from bot.retrieval.vectors import load_word_vectors, murmurhash64a

DOCS = [
    Document(
        id="share",
        question="Zoomで画面共有をするにはどうすればよいですか？",
        answer="会議中に画面下の「画面の共有」を押し、共有したいウィンドウを選びます。",
        alternates=("Zoomの画面共有のやり方",),
        category="オンライン会議",
        tags=("Zoom", "画面共有"),
    ),
    Document(
        id="audio",
        question="Web会議で自分の声が相手に聞こえません",
        answer="マイクがミュートになっていないか、正しいマイクが選ばれているか確認してください。",
        category="オンライン会議",
        tags=("マイク", "音声"),
    ),
    Document(
        id="password",
        question="庁内システムのパスワードを忘れました",
        answer="情報政策課のヘルプデスク（内線2345）に連絡すると、仮パスワードを発行します。",
        alternates=("パスワードの再発行",),
        category="アカウント",
        tags=("パスワード",),
    ),
    Document(
        id="telework",
        question="テレワークで庁内のシステムを使えますか？",
        answer="貸出用ノートパソコンとVPNを使えば、自宅から庁内のシステムに接続できます。",
        category="端末",
        tags=("テレワーク", "VPN"),
    ),
    Document(
        id="approval",
        question="電子決裁の回し方を知りたい",
        answer="文書管理システムで起案し、決裁ルートを設定して回付します。",
        category="文書",
        tags=("電子決裁",),
    ),
    Document(
        id="printer",
        question="プリンターで印刷できないときは？",
        answer="用紙切れや紙詰まりがないか確認し、プリンターの電源を入れ直してください。",
        category="端末",
        tags=("プリンター", "印刷"),
    ),
    Document(
        id="slow",
        question="パソコンの動作が遅いときはどうすればよいですか",
        answer="不要なアプリを閉じて再起動してください。改善しない場合はヘルプデスクへ。",
        category="端末",
        tags=("パソコン",),
    ),
    Document(
        id="pivot",
        question="Excelのピボットテーブルの作り方",
        answer="表を選択して「挿入」→「ピボットテーブル」を選び、行と値に項目をドラッグします。",
        category="Excel",
        tags=("Excel", "集計"),
    ),
]
IDS = {d.id for d in DOCS}
# デジタル稟議 shares no word and no character bigram with any document.
SYNONYMS = [["電子決裁", "デジタル稟議"], ["テレワーク", "在宅勤務", "リモートワーク"]]


@pytest.fixture(scope="module")
def full() -> FaqRetriever:
    r = FaqRetriever(SYNONYMS)
    r.build(DOCS)
    return r


@pytest.fixture(scope="module")
def lexical() -> FaqRetriever:
    r = FaqRetriever(SYNONYMS, use_vectors=False)
    r.build(DOCS)
    return r


def top_id(r: FaqRetriever, query: str) -> str | None:
    hits = r.search(query)
    return hits[0].id if hits else None


# --- API contract -----------------------------------------------------------------------


def test_document_is_frozen_and_lists_become_tuples() -> None:
    d = Document(id="x", question="q", answer="a", alternates=["b"], tags=["t"])  # type: ignore[arg-type]
    assert d.alternates == ("b",) and d.tags == ("t",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.question = "changed"  # type: ignore[misc]
    hash(d)  # immutable all the way down


def test_hit_fields() -> None:
    h = Hit(id="x", score=0.5)
    assert (h.id, h.score) == ("x", 0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.score = 1.0  # type: ignore[misc]


def test_len_and_empty_retriever() -> None:
    r = FaqRetriever(use_vectors=False)
    assert len(r) == 0
    assert r.search("パスワード") == []
    r.build([])
    assert len(r) == 0 and r.search("パスワード") == []


def test_len_counts_documents(full: FaqRetriever) -> None:
    assert len(full) == len(DOCS)


@pytest.mark.parametrize("query", ["パスワードを忘れた", "画面共有", "印刷できない"])
def test_hits_are_sorted_unique_bounded_and_calibrated(full: FaqRetriever, query: str) -> None:
    hits = full.search(query, limit=3)
    assert 1 <= len(hits) <= 3
    assert all(isinstance(h, Hit) and h.id in IDS for h in hits)
    assert len({h.id for h in hits}) == len(hits)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_limit_is_respected(full: FaqRetriever) -> None:
    assert len(full.search("パソコン プリンター パスワード 画面", limit=2)) <= 2
    assert full.search("パスワード", limit=0) == []


def test_build_replaces_the_whole_index() -> None:
    r = FaqRetriever(use_vectors=False)
    r.build(DOCS)
    assert top_id(r, "パスワードを忘れた") == "password"
    r.build([d for d in DOCS if d.id != "password"])
    assert len(r) == len(DOCS) - 1
    assert "password" not in {h.id for h in r.search("パスワードを忘れた")}


def test_scores_are_comparable_across_queries(full: FaqRetriever) -> None:
    # An exact restatement of a question must score higher than a vague one-word query.
    exact = full.search("Zoomで画面共有をするにはどうすればよいですか？")[0]
    vague = full.search("会議")[0]
    assert exact.id == "share" and exact.score > 0.8
    assert vague.score < exact.score - 0.3


# --- matching behaviour -------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["ズーム　画面共有", "zoomで画面を見せたい", "ＺＯＯＭ 画面 共有", "がめんきょうゆう zoom"],
)
def test_screen_sharing_queries(full: FaqRetriever, query: str) -> None:
    assert top_id(full, query) == "share"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("パスワートを忘れた", "password"),  # typo: ド → ト
        ("ﾊﾟｽﾜｰﾄﾞわすれちゃったんですけど、どうやるの？教えて", "password"),  # colloquial
        ("印刷", "printer"),  # two characters
        ("ピボット", "pivot"),
        ("エクセル ピボットテーブル 作成", "pivot"),
    ],
)
def test_typos_colloquial_and_short_queries(full: FaqRetriever, query: str, expected: str) -> None:
    assert top_id(full, query) == expected


def test_long_query_still_finds_the_topic(full: FaqRetriever) -> None:
    query = (
        "お疲れさまです。来週から在宅で仕事をすることになったのですが、自宅から庁内のシステムを"
        "使う方法がよく分かりません。貸出のノートパソコンやVPNの手続きなど、準備しておくことが"
        "あれば教えていただけると助かります。上司からは早めに確認するように言われています。"
        "週に二日くらいの予定で、会議にも自宅から参加するかもしれません。"
        "お忙しいところすみませんが、よろしくお願いいたします。"
    )
    assert 150 <= len(query) <= 250
    assert top_id(full, query) == "telework"


def test_synonym_group_makes_a_query_match(lexical: FaqRetriever) -> None:
    plain = FaqRetriever(use_vectors=False)
    plain.build(DOCS)
    query = "デジタル稟議のやり方"
    assert plain.search(query) == []  # nothing in common without the synonym group
    assert top_id(lexical, query) == "approval"


def test_ascii_synonyms_match_whole_words_only() -> None:
    r = FaqRetriever([["生成AI", "AI"], ["メール", "email"]], use_vectors=False)
    syn = r._synonyms
    assert [syn.member_text[m] for m in syn.mentions("aiを使いたい", ["ai"])] == ["ai"]
    # "ai" inside "email" is not a mention of the AI group
    assert [syn.member_text[m] for m in syn.mentions("emailが来ない", ["email"])] == ["email"]


def test_synonym_group_with_vectors(full: FaqRetriever) -> None:
    hits = full.search("リモートワークしたい")
    assert hits[0].id == "telework" and decide(hits) is Decision.ANSWER


def test_vectors_match_meaning_without_shared_words(
    full: FaqRetriever, lexical: FaqRetriever
) -> None:
    # 暗証番号 ≈ パスワード, 失念 ≈ 忘れる: no shared word or bigram with the entry.
    query = "暗証番号を失念"
    assert "password" not in {h.id for h in lexical.search(query)}
    assert top_id(full, query) == "password"


def test_missing_vectors_fall_back_to_lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_mod, "load_word_vectors", lambda: None)
    r = FaqRetriever(SYNONYMS)  # asks for vectors, gets none
    r.build(DOCS)
    assert r._index is not None and r._index.meaning is None
    assert top_id(r, "ズーム　画面共有") == "share"


def test_spacy_hash_matches_murmurhash64a() -> None:
    strings = pytest.importorskip("spacy.strings")
    for word in ["申請", "手続き", "zoom", "", "在宅勤務制度の申請", "abcdefgh"]:
        assert murmurhash64a(word.encode("utf-8")) == strings.hash_string(word)


def test_chive_vectors_relate_synonyms() -> None:
    wv = load_word_vectors()
    assert wv is not None, "ja-ginza's chiVe vectors should be installed"
    a, b, c = (wv.table[wv.row(w)] for w in ("申請", "手続き", "ラーメン"))
    assert float(a @ b) > 0.6  # unit rows: dot product is cosine
    assert float(a @ c) < 0.3


# --- robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\u3000\n\t",
        "\x00\x01\x02\x7f",
        "😀🎉👍",
        "？？？！！！",
        "\u202e\u200b\ufeff",
        "\ud800",
    ],
)
def test_empty_and_garbage_queries_return_nothing(full: FaqRetriever, query: str) -> None:
    assert full.search(query) == []


@pytest.mark.parametrize(
    "query",
    [
        "a" * 10_000,
        "あ" * 10_000,
        "パスワード" * 2_000,
        "😀" * 10_000,
        "Ωπ日本語عربيКириллица한국어 zoom ﾃｽﾄ \x00 \ud83d",
        "".join(chr(c) for c in range(0, 0x3100, 7)),
    ],
)
def test_hostile_input_never_raises(full: FaqRetriever, query: str) -> None:
    hits = full.search(query)
    assert isinstance(hits, list)
    assert all(0.0 <= h.score <= 1.0 for h in hits)


def test_non_string_input_returns_empty(full: FaqRetriever) -> None:
    assert full.search(None) == []  # type: ignore[arg-type]
    assert full.search(12345) == []  # type: ignore[arg-type]


def test_concurrent_search_while_rebuilding() -> None:
    r = FaqRetriever(SYNONYMS)
    r.build(DOCS)
    stop = threading.Event()

    def searcher() -> set[str]:
        seen: set[str] = set()
        while not stop.is_set():
            seen.update(h.id for h in r.search("パスワードを忘れた"))
        return seen

    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(searcher) for _ in range(3)]
        for i in range(6):
            r.build(DOCS if i % 2 else DOCS[:4])
        stop.set()
        seen = set().union(*(f.result(timeout=10) for f in futures))  # re-raises thread errors
    assert "password" in seen and seen <= IDS


# --- decide() -------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["今日の天気は？", "ラーメンのおすすめ", "週末の映画"])
def test_off_topic_questions_get_none(full: FaqRetriever, query: str) -> None:
    assert decide(full.search(query)) is Decision.NONE


def test_clear_question_gets_answer(full: FaqRetriever) -> None:
    assert decide(full.search("パスワードを忘れてしまいました")) is Decision.ANSWER


def test_decide_thresholds() -> None:
    a, m, c = decision_mod.ANSWER_MIN, decision_mod.ANSWER_MARGIN, decision_mod.CANDIDATE_MIN
    assert 0.0 < c < a < 1.0 and 0.0 < m < 0.5
    assert decide([]) is Decision.NONE
    assert decide([Hit("x", a + 0.1)]) is Decision.ANSWER
    assert decide([Hit("x", a + 0.1), Hit("y", a + 0.1 - m / 2)]) is Decision.CANDIDATES
    assert decide([Hit("x", a + 0.1), Hit("y", a + 0.1 - 2 * m)]) is Decision.ANSWER
    assert decide([Hit("x", (a + c) / 2)]) is Decision.CANDIDATES
    assert decide([Hit("x", c / 2)]) is Decision.NONE


def test_decision_values() -> None:
    assert [d.value for d in Decision] == ["answer", "candidates", "none"]


def test_index_arrays_are_numpy(full: FaqRetriever) -> None:
    # Query time relies on vectorised numpy structures, not per-document Python objects.
    idx = full._index
    assert idx is not None and idx.meaning is not None
    assert isinstance(idx.word.docs, np.ndarray) and idx.word.docs.dtype == np.int32
    assert idx.meaning.doc_mat.shape == (len(DOCS), 300)
    assert idx.meaning.doc_mat.dtype == np.float32
