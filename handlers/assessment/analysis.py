"""Scoring and aggregation of assessment answers (pure functions, no I/O).

Scores come from the level table (by default 3/2/1/0). The understanding rate of a question is the
share of answers at 「理解している」 or better. Department figures are only produced for groups of at
least `min_group_size` responses; smaller departments are pooled into one 「その他」 group, and when
that pool would itself be too small the next smallest departments join it, so that no hidden figure
can be recovered by subtracting the visible ones from the total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from handlers.assessment.model import QuestionBank, Response, Training, TrainingCatalogue

# Group name of pooled small departments (and of responses stored without a department).
OTHER = "*other*"


def scores(bank: QuestionBank, answers: Mapping[str, str], question_ids: Iterable[str] | None = None) -> dict[str, int]:
    """{question id: score} for the answers whose question and level are both known."""
    allowed = set(question_ids) if question_ids is not None else None
    out: dict[str, int] = {}
    for qid, level in answers.items():
        score = bank.score(level)
        if score is not None and bank.question(qid) is not None and (allowed is None or qid in allowed):
            out[qid] = score
    return out


def category_means(bank: QuestionBank, answers: Mapping[str, str]) -> dict[str, float]:
    """Mean score per category (categories without answers are left out)."""
    by_cat: dict[str, list[int]] = {}
    for qid, score in scores(bank, answers).items():
        question = bank.question(qid)
        assert question is not None
        by_cat.setdefault(question.category, []).append(score)
    return {c.key: sum(by_cat[c.key]) / len(by_cat[c.key]) for c in bank.categories if by_cat.get(c.key)}


def skill_gaps(bank: QuestionBank, catalogue: TrainingCatalogue, answers: Mapping[str, str]) -> list[str]:
    """Question ids this person answered below the gap threshold, weakest first (bank order on ties)."""
    order = {q.id: i for i, q in enumerate(bank.questions)}
    found = [(s, order[q], q) for q, s in scores(bank, answers).items() if s < catalogue.question_gap_below]
    return [q for _, _, q in sorted(found)]


def weak_categories(bank: QuestionBank, catalogue: TrainingCatalogue, answers: Mapping[str, str]) -> list[str]:
    """Categories whose mean score is below the weak-category threshold."""
    return [c for c, mean in category_means(bank, answers).items() if mean < catalogue.category_weak_below]


def needed_trainings(bank: QuestionBank, catalogue: TrainingCatalogue, answers: Mapping[str, str]) -> list[Training]:
    """Trainings mapped to one of this person's skill gaps or weak categories (catalogue order)."""
    gaps = set(skill_gaps(bank, catalogue, answers))
    weak = set(weak_categories(bank, catalogue, answers))
    return [t for t in catalogue.trainings if gaps & set(t.questions) or weak & set(t.categories)]


MAX_RECOMMENDED = 3


def recommended_trainings(bank: QuestionBank, catalogue: TrainingCatalogue, answers: Mapping[str, str],
                          limit: int = MAX_RECOMMENDED) -> list[Training]:
    """At most `limit` trainings for one person, the most useful first: the ones covering most of
    their skill gaps (the weakest gap counting most), then weak categories, then catalogue order."""
    gaps = skill_gaps(bank, catalogue, answers)
    weight = {q: len(gaps) - i for i, q in enumerate(gaps)}  # weakest first -> heaviest
    weak = set(weak_categories(bank, catalogue, answers))
    order = {t.id: i for i, t in enumerate(catalogue.trainings)}
    ranked = sorted(needed_trainings(bank, catalogue, answers),
                    key=lambda t: (-sum(weight.get(q, 0) for q in t.questions), -len(weak & set(t.categories)),
                                   order[t.id]))
    return ranked[:limit]


@dataclass(frozen=True)
class Profile:
    """One person's result: category means, skill gaps and suggested trainings."""

    category_means: dict[str, float]
    overall_mean: float
    gaps: list[str]
    weak_categories: list[str]
    trainings: list[Training]


def profile(bank: QuestionBank, catalogue: TrainingCatalogue, answers: Mapping[str, str]) -> Profile:
    """The personal profile shown when someone finishes."""
    values = list(scores(bank, answers).values())
    return Profile(
        category_means=category_means(bank, answers),
        overall_mean=sum(values) / len(values) if values else 0.0,
        gaps=skill_gaps(bank, catalogue, answers),
        weak_categories=weak_categories(bank, catalogue, answers),
        trainings=recommended_trainings(bank, catalogue, answers),
    )


# --- aggregation over many responses ---------------------------------------------------------
@dataclass(frozen=True)
class QuestionStat:
    """How one question was answered across a group."""

    question_id: str
    n: int
    mean: float
    understood_rate: float  # 0..1
    distribution: dict[str, int]  # level key -> count


@dataclass(frozen=True)
class GroupStat:
    """Means of one group (everyone, a department, or the pooled small departments)."""

    name: str
    n: int
    category_means: dict[str, float]
    overall_mean: float
    understood_rate: float


@dataclass(frozen=True)
class PlanRow:
    """How many people of a group need a training."""

    training_id: str
    group: str
    count: int


@dataclass
class Results:
    """Aggregated results of one campaign, with small groups already hidden."""

    n: int
    min_group_size: int
    overall: GroupStat | None = None  # None when fewer than min_group_size responses
    questions: list[QuestionStat] = field(default_factory=list)
    groups: list[GroupStat] = field(default_factory=list)
    hidden_departments: int = 0  # departments not shown on their own
    weakest: list[QuestionStat] = field(default_factory=list)
    plan: list[PlanRow] = field(default_factory=list)
    plan_totals: dict[str, int] = field(default_factory=dict)

    @property
    def visible(self) -> bool:
        """False when there are too few responses to show anything without identifying people."""
        return self.overall is not None


def department_groups(counts: Mapping[str, int], min_size: int) -> dict[str, str | None]:
    """Map each department to the group it is shown in: itself, OTHER, or None (not shown at all)."""
    small = [d for d, c in counts.items() if c < min_size or d in ("", OTHER)]
    visible = sorted((d for d in counts if d not in small), key=lambda d: (counts[d], d))
    pooled = sum(counts[d] for d in small)
    # Secondary suppression: a pool below the minimum could be recovered as total minus the shown
    # departments, so grow it with the smallest shown departments until it is large enough.
    while 0 < pooled < min_size and visible:
        d = visible.pop(0)
        small.append(d)
        pooled += counts[d]
    mapping: dict[str, str | None] = {d: d for d in visible}
    for d in small:
        mapping[d] = OTHER if pooled >= min_size else None
    return mapping


def _group_stat(bank: QuestionBank, name: str, answer_sets: Sequence[Mapping[str, str]]) -> GroupStat:
    by_cat: dict[str, list[int]] = {}
    everything: list[int] = []
    for answers in answer_sets:
        for qid, score in scores(bank, answers).items():
            question = bank.question(qid)
            assert question is not None
            by_cat.setdefault(question.category, []).append(score)
            everything.append(score)
    means = {c.key: sum(by_cat[c.key]) / len(by_cat[c.key]) for c in bank.categories if by_cat.get(c.key)}
    understood = sum(1 for s in everything if s >= bank.understood_min_score)
    return GroupStat(name, len(answer_sets), means,
                     sum(everything) / len(everything) if everything else 0.0,
                     understood / len(everything) if everything else 0.0)


def question_stats(bank: QuestionBank, answer_sets: Sequence[Mapping[str, str]],
                   question_ids: Sequence[str] | None = None) -> list[QuestionStat]:
    """Per-question mean, understanding rate and level distribution, in bank order."""
    wanted = [q.id for q in bank.questions if question_ids is None or q.id in question_ids]
    out = []
    for qid in wanted:
        levels = [a[qid] for a in answer_sets if qid in a and bank.score(a[qid]) is not None]
        if not levels:
            continue
        values = [bank.score(lv) or 0 for lv in levels]
        out.append(QuestionStat(
            qid, len(levels), sum(values) / len(values),
            sum(1 for v in values if v >= bank.understood_min_score) / len(values),
            dict(Counter(levels)),
        ))
    return out


def summarize(bank: QuestionBank, catalogue: TrainingCatalogue, responses: Sequence[Response],
              min_group_size: int, question_ids: Sequence[str] | None = None, weakest: int = 5) -> Results:
    """Aggregate a campaign's responses: overall, per department, per question, and the training plan."""
    results = Results(n=len(responses), min_group_size=min_group_size)
    if len(responses) < min_group_size or not responses:
        return results
    answer_sets = [r.answers for r in responses]
    results.overall = _group_stat(bank, "", answer_sets)
    results.questions = question_stats(bank, answer_sets, question_ids)
    results.weakest = sorted(results.questions, key=lambda s: (s.understood_rate, s.mean))[:weakest]

    counts = Counter(r.department for r in responses)
    mapping = department_groups(counts, min_group_size)
    results.hidden_departments = sum(1 for d, g in mapping.items() if g != d and d not in ("", OTHER))
    members: dict[str, list[Mapping[str, str]]] = {}
    for r in responses:
        group = mapping.get(r.department)
        if group is not None:
            members.setdefault(group, []).append(r.answers)
    named = sorted(g for g in members if g != OTHER)
    results.groups = [_group_stat(bank, g, members[g]) for g in named]
    if OTHER in members and named:
        # A pool holding everyone would only repeat the overall figures.
        results.groups.append(_group_stat(bank, OTHER, members[OTHER]))

    shown = {g.name for g in results.groups}
    plan: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    for r in responses:
        group = mapping.get(r.department)
        for training in needed_trainings(bank, catalogue, r.answers):
            totals[training.id] += 1
            if group is not None and group in shown:
                plan[(training.id, group)] += 1
    order = {t.id: i for i, t in enumerate(catalogue.trainings)}
    group_order = {g: i for i, g in enumerate(named + [OTHER])}
    results.plan_totals = {t: totals[t] for t in sorted(totals, key=lambda t: (-totals[t], order[t]))}
    results.plan = sorted((PlanRow(t, g, c) for (t, g), c in plan.items()),
                          key=lambda p: (-totals[p.training_id], order[p.training_id], group_order[p.group]))
    return results


@dataclass(frozen=True)
class Change:
    """A figure this run next to the same figure last run."""

    kind: str  # "category" | "department" | "understood"
    key: str  # category key, department name, or "" for the overall understanding rate
    before: float
    after: float

    @property
    def delta(self) -> float:
        """after − before."""
        return self.after - self.before


def compare(current: Results, previous: Results) -> list[Change]:
    """Changes since the previous run, for figures visible in both runs."""
    if current.overall is None or previous.overall is None:
        return []
    changes = [Change("understood", "", previous.overall.understood_rate, current.overall.understood_rate)]
    for key, after in current.overall.category_means.items():
        if key in previous.overall.category_means:
            changes.append(Change("category", key, previous.overall.category_means[key], after))
    before_groups = {g.name: g for g in previous.groups if g.name != OTHER}
    for group in current.groups:
        if group.name in before_groups:
            changes.append(Change("department", group.name, before_groups[group.name].overall_mean,
                                  group.overall_mean))
    return changes
