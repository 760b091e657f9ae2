"""Reading and validating the assessment question bank and training catalogue (YAML).

Both files ship in storage/assessment/data/; an office may point settings at its own copies. Every
problem is reported with where it is, so that an editor can fix the file without reading code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.core.errors import ConfigurationError
from handlers.assessment.model import (
    Category,
    Level,
    Question,
    QuestionBank,
    Training,
    TrainingCatalogue,
)
from storage.files.tabular import fast_safe_load

DATA = Path(__file__).with_name("data")


def bundled_questions() -> Path:
    """The question bank shipped with DX Desk (27 questions in five fields)."""
    return DATA / "questions.yaml"


def bundled_trainings() -> Path:
    """The training catalogue shipped with DX Desk."""
    return DATA / "trainings.yaml"


def _read(path: Path) -> dict[str, Any]:
    try:
        data = fast_safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"{path}: expected a mapping at the top level")
    return data


def _text(item: dict[str, Any], key: str, where: str, problems: list[str], required: bool = True) -> str:
    value = item.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, (str, int, float)):
        problems.append(f"{where}: '{key}' must be text")
        return ""
    value = str(value).strip()
    if required and not value:
        problems.append(f"{where}: '{key}' is missing")
    return value


def _strings(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        problems.append(f"{where}: expected a list of words")
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def parse_question_bank(data: dict[str, Any], source: str = "questions") -> QuestionBank:
    """Validate a question-bank mapping; raise ConfigurationError listing every problem."""
    problems: list[str] = []
    levels: list[Level] = []
    for i, item in enumerate(data.get("levels") or [], 1):
        where = f"{source}: levels[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        score = item.get("score")
        if not isinstance(score, int) or isinstance(score, bool) or score < 0:
            problems.append(f"{where}: 'score' must be a whole number ≥ 0")
            score = 0
        levels.append(Level(
            key=_text(item, "key", where, problems), label=_text(item, "label", where, problems),
            label_en=_text(item, "label_en", where, problems, required=False), score=score,
            aliases=_strings(item.get("aliases"), f"{where}.aliases", problems),
            aliases_en=_strings(item.get("aliases_en"), f"{where}.aliases_en", problems),
        ))
    if not 2 <= len(levels) <= 6:
        problems.append(f"{source}: 'levels' must list 2 to 6 answer levels (found {len(levels)})")
    if len({lv.key for lv in levels}) != len(levels):
        problems.append(f"{source}: level keys must be unique")
    if [lv.score for lv in levels] != sorted((lv.score for lv in levels), reverse=True):
        problems.append(f"{source}: levels must be listed best first (scores descending)")

    categories: list[Category] = []
    for i, item in enumerate(data.get("categories") or [], 1):
        where = f"{source}: categories[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        categories.append(Category(_text(item, "key", where, problems), _text(item, "name", where, problems),
                                   _text(item, "name_en", where, problems, required=False)))
    keys = [c.key for c in categories]
    if not categories:
        problems.append(f"{source}: 'categories' is empty")
    if len(set(keys)) != len(keys):
        problems.append(f"{source}: category keys must be unique")

    questions: list[Question] = []
    seen: set[str] = set()
    for i, item in enumerate(data.get("questions") or [], 1):
        where = f"{source}: questions[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        qid = _text(item, "id", where, problems)
        category = _text(item, "category", where, problems)
        if qid in seen:
            problems.append(f"{where}: duplicate id {qid}")
        seen.add(qid)
        if ":" in qid:
            problems.append(f"{where}: id {qid} must not contain ':'")
        if category and category not in keys:
            problems.append(f"{where}: unknown category {category!r} (known: {', '.join(keys)})")
        questions.append(Question(qid, category, _text(item, "text", where, problems),
                                  _text(item, "text_en", where, problems, required=False),
                                  faq=_strings(item.get("faq"), f"{where}.faq", problems),
                                  explain=_text(item, "explain", where, problems, required=False),
                                  explain_en=_text(item, "explain_en", where, problems, required=False)))
    if not questions:
        problems.append(f"{source}: 'questions' is empty")
    for c in categories:
        if not any(q.category == c.key for q in questions):
            problems.append(f"{source}: category {c.key} has no questions")

    understood = data.get("understood_min_score", 2)
    if not isinstance(understood, int) or not levels or not (
            min(lv.score for lv in levels) < understood <= max(lv.score for lv in levels)):
        problems.append(f"{source}: 'understood_min_score' must be a score between the worst and best level")
    if problems:
        raise ConfigurationError("; ".join(problems))
    return QuestionBank(tuple(levels), tuple(categories), tuple(questions), understood)


def parse_trainings(data: dict[str, Any], bank: QuestionBank, source: str = "trainings") -> TrainingCatalogue:
    """Validate a training catalogue against the question bank it refers to."""
    problems: list[str] = []
    thresholds = data.get("thresholds") or {}
    if not isinstance(thresholds, dict):
        problems.append(f"{source}: 'thresholds' must be a mapping")
        thresholds = {}
    gap = thresholds.get("question_gap_below", bank.understood_min_score)
    weak = thresholds.get("category_weak_below", float(bank.understood_min_score))
    for name, value in (("question_gap_below", gap), ("category_weak_below", weak)):
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= bank.max_score:
            problems.append(f"{source}: thresholds.{name} must be a number above 0 and at most {bank.max_score}")
    trainings: list[Training] = []
    ids: set[str] = set()
    category_keys = {c.key for c in bank.categories}
    question_ids = {q.id for q in bank.questions}
    for i, item in enumerate(data.get("trainings") or [], 1):
        where = f"{source}: trainings[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        tid = _text(item, "id", where, problems)
        if tid in ids:
            problems.append(f"{where}: duplicate id {tid}")
        ids.add(tid)
        cats = _strings(item.get("categories"), f"{where}.categories", problems)
        qs = _strings(item.get("questions"), f"{where}.questions", problems)
        problems += [f"{where}: unknown category {c!r}" for c in cats if c not in category_keys]
        problems += [f"{where}: unknown question {q!r}" for q in qs if q not in question_ids]
        if not cats and not qs:
            problems.append(f"{where}: map it to at least one category or question")
        trainings.append(Training(
            id=tid, title=_text(item, "title", where, problems),
            title_en=_text(item, "title_en", where, problems, required=False),
            description=_text(item, "description", where, problems, required=False),
            categories=cats, questions=qs,
        ))
    if problems:
        raise ConfigurationError("; ".join(problems))
    return TrainingCatalogue(tuple(trainings), float(gap), float(weak))


def load_question_bank(path: Path | None = None) -> QuestionBank:
    """Read the question bank (the bundled one by default)."""
    path = path or bundled_questions()
    return parse_question_bank(_read(path), str(path))


def load_trainings(bank: QuestionBank, path: Path | None = None) -> TrainingCatalogue:
    """Read the training catalogue (the bundled one by default)."""
    path = path or bundled_trainings()
    return parse_trainings(_read(path), bank, str(path))


def build_assessment(settings: Any, sessions: Any) -> Any:
    """The assessment services for `services.extras["assessment"]` (called by bot.app.composition).

    Reads and validates the YAML files at start-up, so a broken file stops DX Desk with one clear
    line instead of failing in the middle of someone's poll.
    """
    from handlers.assessment.model import CampaignMode
    from handlers.assessment.ports import AssessmentConfig, AssessmentServices
    from storage.assessment.export import FileExporter
    from storage.assessment.repo import SqlAssessment

    bank = load_question_bank(Path(settings.assessment_questions_file) if settings.assessment_questions_file else None)
    trainings = load_trainings(bank, Path(settings.assessment_trainings_file)
                               if settings.assessment_trainings_file else None)
    config = AssessmentConfig(
        min_group_size=settings.assessment_min_group_size,
        max_reminders=settings.assessment_max_reminders,
        reminder_interval_days=settings.assessment_reminder_interval_days,
        reminder_hour=settings.assessment_reminder_hour,
        default_mode=CampaignMode(settings.assessment_mode),
        timezone=settings.timezone,
    )
    return AssessmentServices(SqlAssessment(sessions), bank, trainings, FileExporter(), config)
