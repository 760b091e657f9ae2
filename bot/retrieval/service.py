"""The FAQ search service: the retrieval engine kept in step with the FAQ tables.

Every replica holds its own in-memory index; a version token in the database tells each one
when to rebuild, so an entry added on one replica is found on all of them.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

from bot.core.model import FaqEntry, OtherDesk
from bot.core.text import JAPANESE_SCRIPT  # a query without kana or kanji may be read in English
from bot.retrieval import Decision, Document, FaqRetriever, Hit, decide
from bot.retrieval.decision import likely_duplicate, outside_domain, tells_of_it_trouble
from bot.retrieval.normalize import normalize_text
from bot.retrieval.topic import topic_words

# Words every English question has ("How do I …?"): left out of the English index and of the
# questions searched in it, so that only what a question is about meets an entry.
ENGLISH_STOP_WORDS = frozenset(
    "a an the i me my mine we our us you your he she it its they them their this that these those "
    "is are am was were be been being do does did doing have has had can could would should shall will "
    "may might must how what where when why who whom which please to of for from with in on at by "
    "about into as and or but if so not no yes there here some any very just also then than too "
    "what's how's i'm i've i'd can't don't doesn't didn't won't isn't aren't cannot isnt dont doesnt cant "
    # everyday words that name no topic ("what a nice day today", "I want to use it")
    "day today tomorrow yesterday now nice good great bad fine time thing things way get got want wanted "
    "like know think make go going went come see look use using used work working works need needs "
    "new really lot much many thanks thank hello hi hey ok okay sorry".split())
# How strong a reading is: an answer beats candidates, candidates beat nothing.
_RANK = {Decision.ANSWER: 2, Decision.CANDIDATES: 1, Decision.NONE: 0}


def english_words(text: str) -> str:
    """*text* as the English index reads it: lower case, 「e-mail」 as 「email」, no stop words."""
    words = re.findall(r"[a-z0-9][a-z0-9'+#.-]*[a-z0-9+#]|[a-z0-9]", text.lower().replace("e-mail", "email"))
    return " ".join(w for w in words if w not in ENGLISH_STOP_WORDS)


log = logging.getLogger(__name__)

# From this many entries on, a search runs in a worker thread instead of on the event loop.
OFFLOAD_ENTRIES = 5_000
# A question goes to another section's desk (人事課 for 有給休暇) only when that section's work
# matches it at least this well and at least as well as the best FAQ entry; calibrated with
# bench/faq_quality.py (docs/retrieval.md, "Questions for other sections").
OTHER_DESK_MIN = 0.2
# Words of the DX office's own work: a question that names one of them (「保育園の入園申請を
# オンラインでできるようにしたい」) is about making a section's procedure digital, which the DX desk
# handles, however well the section's topic words fit.
DIGITAL_WORK = re.compile(
    r"オンライン|電子申請|電子化|デジタル化|ペーパーレス|システム化|自動化|効率化|省力化|キャッシュレス"
    r"|[DＤ][XＸ]|RPA|ＲＰＡ|LoGo|ロゴフォーム|ＬｏＧｏ", re.IGNORECASE)
# Words of a section's IT: 「ふくし課のシステムのこと誰に聞けばいい」, 「税務課の端末が動かない」 ask
# about the section's system, computers, accounts or data, which the DX/IT desk looks after,
# not about the section's own business. Matched on the normalised text in katakana and
# hiragana alike (a question typed in kana: しすてむ, たんまつ).
SECTION_IT = re.compile(
    r"システム|しすてむ|端末|たんまつ|アカウント|あかうんと|データ|で[ー-]?た(?:を|が|の|は|べ|ー)|ぱそこん|パソコン"
    r"|(?<![a-z])pc(?![a-z])|パスワード|ぱすわ[ー-]?ど|ログイン|ろぐいん|ネットワーク|ねっとわ[ー-]?く"
    r"|プリンタ|ぷりんた|タブレット|たぶれっと|アプリ|あぷり|ソフトウェア|そふと|(?<![a-z])(?:it|ict|vpn)(?![a-z])"
    r"|wi-?fi|テレワーク|てれわ[ー-]?く|リモート|りも[ー-]?と")


class FaqSource(Protocol):
    """What the search service reads from the FAQ store (implemented by `storage.faq.repo.SqlFaq`)."""

    async def version(self) -> str: ...
    async def list_entries(self) -> Sequence[FaqEntry]: ...
    async def synonyms(self) -> list[list[str]]: ...


class FaqSearchService:
    """Implements the core `FaqSearch` port over `bot.retrieval`."""

    def __init__(self, repo: FaqSource, *, use_vectors: bool = True, check_interval: float = 2.0,
                 offload_entries: int = OFFLOAD_ENTRIES, other_desks: Sequence[OtherDesk] = ()) -> None:
        self.repo = repo
        self.offload_entries = offload_entries
        self.use_vectors = use_vectors
        self.retriever: FaqRetriever | None = None
        self.version: str | None = None
        self.check_interval = check_interval
        self._checked_at = 0.0
        self._lock = asyncio.Lock()
        # Full hits (near-exact flag, question-side coverage) of recent queries, for decide().
        self._recent: OrderedDict[str, list[Hit]] = OrderedDict()
        # Domain share of recent queries (decide() and outside_domain() ask for the same query).
        self._shares: OrderedDict[str, float] = OrderedDict()
        self._contexts: OrderedDict[str, str] = OrderedDict()  # the previous question of a follow-up
        self.other_desks = list(other_desks)
        self._desk_index: FaqRetriever | None = None
        # The index of the entries' English wording (None when no entry has one), and which index
        # a recent query was answered from (decide() and the domain share read the same one).
        self.english: FaqRetriever | None = None
        self._english_docs: list[Document] = []
        self._docs: list[Document] = []  # the Japanese index's entries (for `_latin_vocabulary`)
        self._vocabularies: dict[FaqRetriever, frozenset[str]] = {}
        self._searched_in: OrderedDict[str, tuple[FaqRetriever, str]] = OrderedDict()

    async def ensure_current(self, force: bool = False) -> None:
        """Rebuild the index if the FAQ changed (checked at most every `check_interval` seconds)."""
        now = time.monotonic()
        if not force and self.retriever is not None and now - self._checked_at < self.check_interval:
            return
        async with self._lock:
            version = await self.repo.version()
            self._checked_at = time.monotonic()
            if not force and self.retriever is not None and version == self.version:
                return
            entries = await self.repo.list_entries()
            synonyms = await self.repo.synonyms()
            docs = [
                Document(id=e.id, question=e.question, answer=e.answer, alternates=tuple(e.alternates),
                         category=e.category, tags=tuple(e.tags))
                for e in entries
            ]
            # The entries' English wording is an index of its own: the Japanese index (and its
            # calibration) stays as it is, and an English question is searched there first.
            english_docs = [
                Document(id=e.id, question=english_words(e.question_en), answer=english_words(e.answer_en),
                         alternates=(), category=e.category_en, tags=())
                for e in entries if e.question_en
            ]
            # A fresh retriever per build: searches keep using the old one until the swap below.
            retriever = FaqRetriever(synonyms, use_vectors=self.use_vectors)
            started = time.perf_counter()
            await asyncio.to_thread(retriever.build, docs)
            log.info("FAQ index built: %d entries in %.2fs", len(docs), time.perf_counter() - started)
            self.retriever = retriever
            # Built at the first question in English (a Japanese-only desk never pays for it).
            self.english, self._english_docs, self._docs = None, english_docs, docs
            self.version = version
            self._shares.clear()
            self._searched_in.clear()
            self._vocabularies.clear()  # the indexes they were read from are gone

    async def search(self, query: str, limit: int = 5, context: str = "") -> list[tuple[str, float]]:
        """Ranked (entry id, score) pairs, best first; *context*: the previous question of a
        follow-up.

        On the event loop for a FAQ of the usual size: a search there costs 1-3 ms of CPU, and a
        hop to a thread would add its own cost and, with the GIL, free nothing. From
        `offload_entries` entries on (a search of 50,000 takes 6-18 ms of CPU) it runs in a
        thread, so acknowledgements and replies of other turns are not held up behind it."""
        await self.ensure_current()
        retriever = self.retriever
        assert retriever is not None
        if len(retriever) >= self.offload_entries:
            hits = await asyncio.to_thread(retriever.search, query, limit, context)
        else:
            hits = retriever.search(query, limit, context)
        if self._english_docs and not context and not JAPANESE_SCRIPT.search(query):
            english = self.english
            if english is None:
                english = FaqRetriever([], use_vectors=self.use_vectors)
                await asyncio.to_thread(english.build, self._english_docs)
                if self.retriever is retriever:  # not rebuilt meanwhile
                    self.english = english
            hits = self._in_english(query, limit, hits, retriever, english)
        self._recent[query] = hits
        self._recent.move_to_end(query)
        while len(self._recent) > 256:
            self._recent.popitem(last=False)
        # A follow-up (「それも同じ？」) names its topic in the previous question.
        self._contexts[query] = context
        self._contexts.move_to_end(query)
        while len(self._contexts) > 256:
            self._contexts.popitem(last=False)
        return [(h.id, h.score) for h in hits]

    def _in_english(self, query: str, limit: int, hits: list[Hit], retriever: FaqRetriever,
                    english: FaqRetriever) -> list[Hit]:
        """A question in Latin script ("How do I use COUNTIF in Excel?") read without its stop words,
        in the entries' English wording and in the Japanese entries (which name COUNTIF too): the
        stronger reading (answer, candidates, none), the Japanese index on a tie (it is the whole
        FAQ and the calibrated one; an entry found there is still shown in English when it has
        an English wording)."""
        words = english_words(query)
        if not words:
            return hits
        readings = []
        for rank_on_tie, index in ((0, english), (1, retriever)):
            # Only the words this index knows ("printer 3rd floor isnt working" -> "printer"): an
            # English word neither index has would otherwise pull every score under the thresholds.
            vocabulary = self._latin_vocabulary(index)
            known = " ".join(w for w in words.split() if w in vocabulary)
            found = index.search(known, limit) if known else []
            # Without the domain share: English words the Japanese index never knows, and the few
            # the English wordings hold, would make every English question "outside the desk".
            decision = decide(found) if found else Decision.NONE
            readings.append((_RANK[decision], rank_on_tie, found, index))
        best_rank, _, found, index = max(readings, key=lambda r: (r[0], r[1]))
        if best_rank == 0:
            return hits  # neither reading meets anything: the search as it was
        self._searched_in[query] = (index, words)
        self._searched_in.move_to_end(query)
        while len(self._searched_in) > 256:
            self._searched_in.popitem(last=False)
        return found

    def _latin_vocabulary(self, index: FaqRetriever) -> frozenset[str]:
        """The Latin-script words *index*'s entries hold (lower case; built once per index)."""
        vocabulary = self._vocabularies.get(index)
        if vocabulary is None:
            docs = self._english_docs if index is self.english else self._docs
            vocabulary = self._vocabularies[index] = frozenset(w for d in docs for w in english_words(
                " ".join((d.question, d.answer, *d.alternates, *d.tags))).split())
        return vocabulary

    def decide(self, hits: Sequence[tuple[str, float]], query: str | None = None) -> str:
        """"answer", "candidates" or "none"; with the *query* just searched, near-exact matches,
        question-side coverage and the query's domain share count too (see
        bot.retrieval.decide: a message about nothing the FAQ knows gets no candidates)."""
        full = self._recent.get(query) if query is not None else None
        if full is None or [(h.id, h.score) for h in full[: len(hits)]] != list(hits):
            full = [Hit(i, s) for i, s in hits]
        decision: Decision = decide(full)
        if decision is not Decision.NONE and query is not None and not full[0].exact:
            decision = decide(full, self._domain_share(query))
        return decision.value

    def topic_terms(self, query: str) -> list[str]:
        """What *query* is about, in its own words: its topic nouns (as written, lower case) and its Latin-script names (Zoom, Excel). 「それってアンケートにもつかえる？」 →
        ["アンケート"]; 「それって土日でも？」 → [] (a time word is no topic)."""
        normalized = normalize_text(query)
        words = topic_words(normalized)
        terms = [surface for _, surface, _ in words.nouns]
        terms += re.findall(r"[a-z][a-z0-9+#.]*[a-z0-9+#]", normalized.lower())
        return list(dict.fromkeys(t for t in terms if t))

    def likely_duplicate(self, query: str) -> bool:
        """The best hit of the last search of *query* asks the same question (see
        bot.retrieval.decision.likely_duplicate): a draft like it would duplicate that entry."""
        hits = self._recent.get(query)
        return bool(hits) and likely_duplicate(hits[0])

    def outside_domain(self, query: str) -> bool:
        """*query* names nothing the FAQ's domain knows (``FaqRetriever.domain_share`` below
        ``OFF_TOPIC_SHARE``, or below ``NO_MATCH_SHARE`` when its search found nothing at all):
        small talk, or a message without a topic; never a computer trouble told without naming
        the thing (「家からだとつながらない」: offered to a person)."""
        hits = self._recent.get(query)
        return outside_domain([Hit("", 0.0)] if hits is None else hits, self._domain_share(query), query)

    def unnamed_trouble(self, query: str) -> bool:
        """*query* tells of a computer trouble without naming anything the FAQ's domain knows
        (「家からだとつながらない」): offered to a person with a hint to name the thing."""
        hits = self._recent.get(query)
        return tells_of_it_trouble(query) and outside_domain(
            [Hit("", 0.0)] if hits is None else hits, self._domain_share(query))

    def _domain_share(self, query: str) -> float:
        """Domain share of *query*, read with the previous question when it was searched as a
        follow-up of one."""
        if self.retriever is None:
            return 1.0
        context = self._contexts.get(query) or ""
        text = f"{context} {query}" if context else query
        share = self._shares.get(text)
        if share is None:
            # A question read in English was judged on its hits alone (see `_in_english`).
            share = self._shares[text] = 1.0 if query in self._searched_in else self.retriever.domain_share(text)
            while len(self._shares) > 256:
                self._shares.popitem(last=False)
        return share

    def other_desk(self, query: str, hits: Sequence[tuple[str, float]],
                   department: str = "") -> OtherDesk | None:
        """The section whose work *query* is about, when it fits that better than any FAQ entry
        (*hits*: the FAQ search of the same query; a follow-up is matched with the previous
        question it was searched with); None otherwise, when no sections are set, when *query*
        is about a section's IT (``SECTION_IT``) and when the section is the asker's own
        *department* (pointing 福祉課 staff to 福祉課 helps nobody: the FAQ or a person instead)."""
        if not self.other_desks or DIGITAL_WORK.search(query) or SECTION_IT.search(normalize_text(query)):
            return None
        if self._desk_index is None:
            self._desk_index = desk_index(self.other_desks, use_vectors=self.use_vectors)
        # A follow-up searched with the previous question (「それって土日でもやってもらえる？」 after
        # a password reset) is about that question: the section must fit the two together, as
        # the FAQ search did, not a word of the follow-up alone (土日 → 休暇 → 人事課).
        context = self._contexts.get(query) or ""
        text = f"{context} {query}" if context else query
        desk = match_other_desk(self._desk_index, self.other_desks, text, hits[0][1] if hits else 0.0)
        return None if desk is not None and own_section(desk, department) else desk


def own_section(desk: OtherDesk, department: str) -> bool:
    """*department* (a person's, as typed: 「福祉課」, 「健康福祉部 福祉課」, 「福祉課 保護係」,
    「福祉」, 「the Welfare Division」) is the section *desk* (not 「障害福祉課」 for 福祉課)."""
    dept = re.sub(r"\s+", "", normalize_text(department)).removeprefix("the")
    for name in (desk.name, desk.name_en):
        full = re.sub(r"\s+", "", normalize_text(name)).removeprefix("the")
        stem = re.sub(r"(?:課|室|係|division)$", "", full)
        if len(stem) >= 2 and re.search(rf"(?:^|[部局所]){re.escape(full)}|(?:^|[部局所]){re.escape(stem)}$", dept):
            return True
    return False


def desk_index(desks: Sequence[OtherDesk], *, use_vectors: bool = True) -> FaqRetriever:
    """Search over the sections' topic words: one small document per word (a long list in one
    document would dilute each word)."""
    index = FaqRetriever(use_vectors=use_vectors)
    index.build([Document(f"{i}.{j}", topic, "") for i, desk in enumerate(desks)
                 for j, topic in enumerate(desk.topics)])
    return index


def match_other_desk(index: FaqRetriever, desks: Sequence[OtherDesk], query: str,
                     best_faq_score: float) -> OtherDesk | None:
    """The section whose topic words fit *query* at least ``OTHER_DESK_MIN`` and at least as well
    as the best FAQ entry (*best_faq_score*), else None."""
    found = index.search(query, 1)
    if not found or found[0].score < OTHER_DESK_MIN or found[0].score < best_faq_score:
        return None
    return desks[int(found[0].id.split(".")[0])]
