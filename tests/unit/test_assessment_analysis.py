"""Aggregation and training-plan arithmetic on a known data set, and the small-group rule."""

from __future__ import annotations

import pytest

from handlers.assessment.analysis import OTHER, compare, department_groups, profile, summarize
from handlers.assessment.model import Response
from storage.assessment.files import load_question_bank, load_trainings


@pytest.fixture(scope="module")
def bank():
    return load_question_bank()


@pytest.fixture(scope="module")
def catalogue(bank):
    return load_trainings(bank)


def answers(bank, level: str, **overrides: str) -> dict[str, str]:
    values = {q.id: level for q in bank.questions}
    values.update(overrides)
    return values


def known_responses(bank) -> list[Response]:
    """総務課 6 people (all 理解している, three of them 知らない COUNTIF), 企画課 5 (all 聞いたことがある),
    税務課 2 (all 理解し実践している)."""
    out = []
    for i in range(6):
        extra = {"E01": "unknown"} if i < 3 else {}
        out.append(Response(f"a{i}", 1, "総務課", answers(bank, "understand", **extra)))
    out += [Response(f"b{i}", 1, "企画課", answers(bank, "heard")) for i in range(5)]
    out += [Response(f"c{i}", 1, "税務課", answers(bank, "practice")) for i in range(2)]
    return out


def test_category_means_understanding_rates_and_weakest(bank, catalogue):
    results = summarize(bank, catalogue, known_responses(bank), 5)
    assert results.n == 13 and results.overall is not None
    # Excel: 総務課 33×2 + 3×0, 企画課 30×1, 税務課 12×3 over 78 answers.
    assert results.overall.category_means["excel"] == pytest.approx((66 + 30 + 36) / 78)
    # Basics: 30×2 + 25×1 + 10×3 over 65 answers.
    assert results.overall.category_means["basics"] == pytest.approx(115 / 65)
    # Security: 6×2 + 5×1 + 2×3 over 13.
    assert results.overall.category_means["security"] == pytest.approx(23 / 13)
    stats = {s.question_id: s for s in results.questions}
    assert stats["E01"].understood_rate == pytest.approx(5 / 13)
    assert stats["E01"].distribution == {"unknown": 3, "understand": 3, "heard": 5, "practice": 2}
    assert stats["B01"].understood_rate == pytest.approx(8 / 13)
    assert stats["E01"].mean == pytest.approx((0 * 3 + 2 * 3 + 1 * 5 + 3 * 2) / 13)
    assert results.weakest[0].question_id == "E01"
    assert results.overall.understood_rate == pytest.approx((8 * 27 - 3) / (13 * 27))


def test_training_plan_counts_people_per_department(bank, catalogue):
    results = summarize(bank, catalogue, known_responses(bank), 5)
    # 企画課 (5) needs every training; the three 総務課 people who do not know COUNTIF need TR02.
    assert results.plan_totals["TR02"] == 8
    assert all(results.plan_totals[t.id] == 5 for t in catalogue.trainings if t.id != "TR02")
    assert list(results.plan_totals)[0] == "TR02"
    # 企画課 (5) and 税務課 (2) are pooled: 税務課 alone is too small, and pooling it alone (2)
    # would still be too small, so the smallest shown department joins the pool.
    rows = {(p.training_id, p.group): p.count for p in results.plan}
    assert rows[("TR02", "総務課")] == 3 and rows[("TR02", OTHER)] == 5
    assert ("TR01", "総務課") not in rows and rows[("TR01", OTHER)] == 5
    assert [g.name for g in results.groups] == ["総務課", OTHER]
    assert results.hidden_departments == 2
    other = results.groups[1]
    assert other.n == 7 and other.category_means["basics"] == pytest.approx((25 + 30) / 35)


def test_small_groups_are_hidden_and_cannot_be_recovered_by_subtraction():
    assert department_groups({"総務課": 6, "企画課": 5, "税務課": 2}, 5) == {
        "総務課": "総務課", "企画課": OTHER, "税務課": OTHER}
    assert department_groups({"総務課": 6, "企画課": 7}, 5) == {"総務課": "総務課", "企画課": "企画課"}
    assert department_groups({"総務課": 6, "": 5}, 5) == {"総務課": "総務課", "": OTHER}
    assert department_groups({"総務課": 3, "企画課": 1}, 5) == {"総務課": None, "企画課": None}
    # Two small departments that together reach the minimum are shown as one pooled group.
    assert department_groups({"総務課": 9, "企画課": 3, "税務課": 2}, 5) == {
        "総務課": "総務課", "企画課": OTHER, "税務課": OTHER}


def test_nothing_is_shown_below_the_minimum(bank, catalogue):
    results = summarize(bank, catalogue, known_responses(bank)[:4], 5)
    assert not results.visible and results.groups == [] and results.plan == []


def test_change_since_the_previous_run(bank, catalogue):
    before = summarize(bank, catalogue, [Response(f"x{i}", 1, "総務課", answers(bank, "heard")) for i in range(6)], 5)
    after = summarize(bank, catalogue, [Response(f"y{i}", 2, "総務課", answers(bank, "understand")) for i in range(6)], 5)
    changes = {(c.kind, c.key): c for c in compare(after, before)}
    assert changes[("category", "excel")].before == 1 and changes[("category", "excel")].delta == 1
    assert changes[("understood", "")].before == 0 and changes[("understood", "")].after == 1
    assert changes[("department", "総務課")].delta == 1


def test_personal_profile(bank, catalogue):
    mine = answers(bank, "understand", E01="unknown", E03="heard", X01="heard")
    result = profile(bank, catalogue, mine)
    assert result.gaps == ["E01", "E03", "X01"]  # weakest first, bank order on ties
    assert result.category_means["excel"] == pytest.approx((2 * 4 + 0 + 1) / 6)
    assert result.weak_categories == ["excel", "security"]
    assert [t.id for t in result.trainings] == ["TR02", "TR09"]
    assert profile(bank, catalogue, answers(bank, "practice")).trainings == []
