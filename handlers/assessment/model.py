"""Domain records of the digital-skill self-assessment (plain dataclasses, standard library only).

A *question bank* (levels, categories, questions) and a *training catalogue* are read from YAML by
`storage.assessment.files`; campaigns, participations and anonymous responses come from storage.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Level:
    """One answer level, e.g. 「理解している」 worth 2 points."""

    key: str
    label: str
    label_en: str
    score: int
    # Extra words a typed answer may contain (「実践」「知らない」...), compared kana/width-insensitively.
    aliases: tuple[str, ...] = ()
    # English replies that mean this level (「a little」「no idea」), compared as whole replies in
    # lower case with punctuation and a few fillers dropped (answers.py `_english_level`).
    aliases_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    """A skill field such as 「エクセル関数」."""

    key: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Question:
    """One self-assessment question."""

    id: str
    category: str
    text: str
    text_en: str = ""
    faq: tuple[str, ...] = ()  # FAQ entries that explain this skill (shown to those weak in it)
    # 「それ何？」 in the poll: a plain gloss of the term, for questions whose FAQ entries define nothing.
    explain: str = ""
    # "What does that mean?" in English: the gloss in English (the FAQ is Japanese), on every question.
    explain_en: str = ""


@dataclass(frozen=True)
class QuestionBank:
    """Levels (best first), categories and questions in the order they are asked."""

    levels: tuple[Level, ...]
    categories: tuple[Category, ...]
    questions: tuple[Question, ...]
    # A question counts as "understood" when its score is at least this (理解している or better).
    understood_min_score: int = 2

    @property
    def max_score(self) -> int:
        """The best level's score."""
        return max(level.score for level in self.levels)

    def level(self, key: str) -> Level | None:
        """The level with this key, or None."""
        return next((lv for lv in self.levels if lv.key == key), None)

    def question(self, qid: str) -> Question | None:
        """The question with this id, or None."""
        return next((q for q in self.questions if q.id == qid), None)

    def category(self, key: str) -> Category | None:
        """The category with this key, or None."""
        return next((c for c in self.categories if c.key == key), None)

    def score(self, level_key: str) -> int | None:
        """Points of a level key (None for an unknown key, e.g. a level removed from the YAML)."""
        level = self.level(level_key)
        return level.score if level else None


@dataclass(frozen=True)
class Training:
    """A training course, suggested for weak categories or for specific questions."""

    id: str
    title: str
    title_en: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrainingCatalogue:
    """Trainings and the thresholds that decide who needs them."""

    trainings: tuple[Training, ...]
    # A single answer below this score is a skill gap (default: 聞いたことがある or 知らない).
    question_gap_below: float = 2
    # A category whose mean score is below this is weak for that person.
    category_weak_below: float = 2.0


class CampaignMode(str, enum.Enum):
    """Named: answers stay linked to the person. Pseudonymous: stored without any link."""

    NAMED = "named"
    PSEUDONYMOUS = "pseudonymous"


class ParticipationStatus(str, enum.Enum):
    """Where one person stands in one campaign."""

    INVITED = "invited"
    ANSWERING = "answering"
    PAUSED = "paused"
    FINISHED = "finished"


@dataclass
class Campaign:
    """One run of the assessment."""

    id: int
    mode: CampaignMode
    departments: list[str]  # empty = everyone
    deadline: date
    question_ids: list[str]
    status: str = "open"  # open | closed
    created_by: int | None = None
    roles: list[str] = field(default_factory=list)  # Role values; empty = every role

    @property
    def is_open(self) -> bool:
        """Still accepting answers (the deadline is checked separately)."""
        return self.status == "open"


@dataclass
class Participation:
    """One person's progress in a campaign (kept separate from the anonymous responses)."""

    id: int
    campaign_id: int
    person_id: int
    department: str
    status: ParticipationStatus
    current_question: str = ""
    # In-progress answers {question id: level key}. Emptied on finishing in pseudonymous mode.
    answers: dict[str, str] = field(default_factory=dict)
    answered_count: int = 0
    reminders_sent: int = 0
    invited_on: date | None = None
    last_reminded_on: date | None = None

    @property
    def finished(self) -> bool:
        """True once the person completed the poll."""
        return self.status is ParticipationStatus.FINISHED


@dataclass(frozen=True)
class Response:
    """A completed set of answers: a random id, a department (or "" when pooled), no person."""

    response_id: str
    campaign_id: int
    department: str
    answers: dict[str, str]


@dataclass(frozen=True)
class Table:
    """A named table for export (CSV file or XLSX sheet)."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
