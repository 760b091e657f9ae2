"""Value types of the retrieval API."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Document", "Hit"]


@dataclass(frozen=True)
class Document:
    """One FAQ entry as the retriever sees it.

    ``alternates`` are other phrasings of the question; ``tags`` are keywords. Lists are accepted
    and stored as tuples so a document stays immutable and hashable.
    """

    id: str
    question: str
    answer: str
    alternates: tuple[str, ...] = ()
    category: str = ""
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.alternates, tuple):
            object.__setattr__(self, "alternates", tuple(self.alternates or ()))
        if not isinstance(self.tags, tuple):
            object.__setattr__(self, "tags", tuple(self.tags or ()))


@dataclass(frozen=True)
class Hit:
    """A search result: document id and a score in [0, 1], comparable across queries.

    ``exact`` marks a top hit whose question (or an alternate) the query restates nearly word for
    word, or in the same words with other scaffolding (「VLOOKUPってどう使うの」 for
    「VLOOKUPの使い方」): such a question is always answered directly. ``coverage`` is the IDF-weighted share of the query's
    words that the entry's question, alternates or tags contain (or a listed synonym of them):
    a high score with low coverage is a match of meaning only, not enough to answer without
    asking. ``bare_word``: the query is one bare word (「テスト」「test」), which says what it is
    about but not what is asked, so it is not answered directly unless ``exact``.
    ``unknown_noun``: the query names a thing the FAQ never mentions (no entry has the word, nor
    a listed synonym of it) and that shares no character with this entry's question side
    (肺炎球菌 for an entry on influenza jabs): the entry meets it by chiVe meaning alone, which
    puts sibling things side by side, so it is offered, not answered. ``when_only``: the query
    says when and nothing else (「今日は何の日？」): whatever it meets is a coincidence of dates.
    ``trouble_unmet``: the query tells of a trouble (lost, forgotten, cannot, does not arrive,
    「アクセス権がない」) and no question phrasing of this entry speaks of one: the entry is about
    the thing, not about that trouble with it (「受診券なくしました」 met by 「特定健診を受けるには」),
    so it is offered, not answered. All are set on the first hits only.
    """

    id: str
    score: float
    exact: bool = False
    coverage: float = 1.0
    bare_word: bool = False
    unknown_noun: bool = False
    when_only: bool = False
    trouble_unmet: bool = False
