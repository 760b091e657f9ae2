"""A large FAQ's index is built with worker processes: the answers must be the same."""

from __future__ import annotations

import os

import pytest

from bot.retrieval import FaqRetriever
from bot.retrieval import index as index_mod

from .test_retrieval import DOCS, SYNONYMS

QUERIES = ["Zoomで画面共有したい", "パスワード忘れた", "在宅勤務でシステム使える？", "印刷できない",
           "ピボットテーブル", "デジタル稟議の回し方"]


def results(r: FaqRetriever) -> list[list[tuple[str, float]]]:
    return [[(h.id, round(h.score, 6)) for h in r.search(q)] for q in QUERIES]


@pytest.fixture(autouse=True)
def build_anew() -> None:
    """These tests watch a build itself: no index reused from an earlier build of DOCS."""
    index_mod._BUILT.clear()


@pytest.fixture
def in_process() -> list[list[tuple[str, float]]]:
    r = FaqRetriever(SYNONYMS)
    r.build(DOCS)
    return results(r)


def test_worker_processes_give_the_same_answers(
    monkeypatch: pytest.MonkeyPatch, in_process: list[list[tuple[str, float]]]
) -> None:
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one CPU: a build never starts workers")
    unpacked: list[int] = []
    unpack = index_mod.unpack_tokens
    monkeypatch.setattr(index_mod, "_POOL_MIN_TEXTS", 1)
    monkeypatch.setattr(index_mod, "_POOL_CHUNK", 3)
    monkeypatch.setattr(
        index_mod, "unpack_tokens", lambda packed, known: unpacked.append(1) or unpack(packed, known)
    )
    index_mod._BUILT.clear()
    r = FaqRetriever(SYNONYMS)
    r.build(DOCS)
    assert len(unpacked) > 1  # the sentences did come from the workers, in several chunks
    assert results(r) == in_process


def test_a_pool_that_cannot_start_falls_back_to_this_process(
    monkeypatch: pytest.MonkeyPatch, in_process: list[list[tuple[str, float]]]
) -> None:
    def no_processes(method: str) -> None:
        raise OSError("process creation not allowed")

    monkeypatch.setattr(index_mod, "_POOL_MIN_TEXTS", 1)
    monkeypatch.setattr(index_mod.multiprocessing, "get_context", no_processes)
    index_mod._BUILT.clear()
    r = FaqRetriever(SYNONYMS)
    r.build(DOCS)
    assert results(r) == in_process


def test_an_index_of_the_same_documents_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[int] = []
    build = FaqRetriever._build_index
    monkeypatch.setattr(FaqRetriever, "_build_index", lambda self, docs: builds.append(1) or build(self, docs))
    first, second = FaqRetriever(SYNONYMS), FaqRetriever(SYNONYMS)
    first.build(DOCS)
    second.build(list(DOCS))
    assert len(builds) == 1 and second._index is first._index
    changed = [*DOCS[:-1], DOCS[-1].__class__(**{**DOCS[-1].__dict__, "answer": DOCS[-1].answer + "。"})]
    second.build(changed)  # one answer changed: built anew
    other = FaqRetriever([["ズーム", "Zoom"]])
    other.build(DOCS)  # other synonyms: built anew
    assert len(builds) == 3 and second._index is not first._index
    assert results(second) != [] and results(other) != []
