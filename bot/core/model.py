"""Domain records shared by handlers and storage (plain dataclasses, no ORM)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Role(str, enum.Enum):
    """What a person may do: admins steer, liaisons report for a department, staff ask."""

    ADMIN = "admin"
    LIAISON = "liaison"
    STAFF = "staff"

    @classmethod
    def parse(cls, text: str) -> Role | None:
        """Read a role in English or Japanese (管理者, 兼務職員 / 推進員, 職員)."""
        key = text.strip().lower()
        aliases = {
            "admin": cls.ADMIN, "管理者": cls.ADMIN, "administrator": cls.ADMIN,
            "liaison": cls.LIAISON, "兼務職員": cls.LIAISON, "推進員": cls.LIAISON,
            "dx推進員": cls.LIAISON, "連絡員": cls.LIAISON,
            "staff": cls.STAFF, "職員": cls.STAFF, "一般": cls.STAFF,
        }
        return aliases.get(key)


RANK = {Role.STAFF: 0, Role.LIAISON: 1, Role.ADMIN: 2}


@dataclass
class Person:
    """Someone in the people registry, with their identities on each platform."""

    id: int
    display_name: str = ""
    department: str = ""
    role: Role = Role.STAFF
    language: str = "ja"
    slack_id: str = ""
    teams_id: str = ""  # AAD object id
    teams_user_id: str = ""  # channel-scoped "29:..." id
    local_id: str = ""
    email: str = ""
    # The roster's 担当者: who in the office answers this person's requests (a name or id there).
    in_charge: str = ""

    def has_role(self, minimum: Role) -> bool:
        """Admins may do what liaisons may, liaisons what staff may."""
        return RANK[self.role] >= RANK[minimum]

    def has_chat_address(self) -> bool:
        """Known somewhere a message can reach them: Slack, Teams, the local chat, or the web desk (by
        e-mail) — the identities the outbox delivers on. Someone in the roster with none of them gets no
        invitation (fourteenth round: said in the status views, not left to a later 「送信失敗」)."""
        return any((self.slack_id, self.teams_id, self.teams_user_id, self.local_id, self.email))


@dataclass(frozen=True)
class OtherDesk:
    """A section that handles questions the DX desk does not (人事課: 給与, 休暇, …)."""

    name: str
    about: str  # what it handles, for the reply (給与・手当・休暇・…)
    topics: tuple[str, ...]  # words of its work, matched like FAQ questions
    name_en: str = ""
    about_en: str = ""


@dataclass
class FaqEntry:
    """One FAQ knowledge-base entry."""

    id: str
    question: str
    answer: str
    alternates: list[str] = field(default_factory=list)
    category: str = ""
    tags: list[str] = field(default_factory=list)
    department: str = ""
    updated_at: datetime | None = None
    # The entry in English, for staff who chose English (optional; an entry without them is shown
    # in Japanese with a one-line note that it is written in Japanese only).
    question_en: str = ""
    answer_en: str = ""
    category_en: str = ""


class UnansweredStatus(str, enum.Enum):
    """Life of a question the FAQ could not answer."""

    OPEN = "open"  # stored, the asker did not ask to forward it
    FORWARDED = "forwarded"  # sent to a person
    ANSWERED = "answered"  # a person answered; usually became a FAQ entry
    CLOSED = "closed"  # dismissed


@dataclass
class UnansweredQuestion:
    """A question collected so that the FAQ grows."""

    id: int
    text: str
    person_id: int | None
    status: UnansweredStatus
    created_at: datetime
    destination: str = ""
    answer: str = ""
    answered_by: int | None = None
    faq_entry_id: str = ""
    platform: str = ""
    conversation: str = ""


class SuggestionStatus(str, enum.Enum):
    """Review state of a proposed alternate phrasing."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass
class PhrasingSuggestion:
    """A user's wording proposed as an alternate phrasing of an entry, for an editor to review."""

    id: int
    entry_id: str
    text: str
    status: SuggestionStatus
    created_at: datetime
    decided_by: int | None = None


@dataclass
class AuditEntry:
    """Who did what, when, and how it ended."""

    id: int
    actor: str
    action: str
    detail: str
    result: str
    created_at: datetime
