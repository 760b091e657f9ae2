"""The FAQ search service: the retrieval engine kept in step with the FAQ tables.

Every replica holds its own in-memory index; a version token in the database tells each one
when to rebuild, so an entry added on one replica is found on all of them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

from bot.core.model import FaqEntry
from bot.retrieval import Decision, Document, FaqRetriever, Hit, decide

log = logging.getLogger(__name__)

# From this many entries on, a search runs in a worker thread instead of on the event loop.
OFFLOAD_ENTRIES = 5_000



class FaqSource(Protocol):
    """What the search service reads from the FAQ store (implemented by `storage.faq.repo.SqlFaq`)."""

    async def version(self) -> str: ...
    async def list_entries(self) -> Sequence[FaqEntry]: ...
    async def synonyms(self) -> list[list[str]]: ...


class FaqSearchService:
    """Implements the core `FaqSearch` port over `bot.retrieval`."""

    def __init__(self, repo: FaqSource, *, use_vectors: bool = True, check_interval: float = 2.0,
                 offload_entries: int = OFFLOAD_ENTRIES) -> None:
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
            # A fresh retriever per build: searches keep using the old one until the swap below.
            retriever = FaqRetriever(synonyms, use_vectors=self.use_vectors)
            started = time.perf_counter()
            await asyncio.to_thread(retriever.build, docs)
            log.info("FAQ index built: %d entries in %.2fs", len(docs), time.perf_counter() - started)
            self.retriever = retriever
            self.version = version

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
        self._recent[query] = hits
        self._recent.move_to_end(query)
        while len(self._recent) > 256:
            self._recent.popitem(last=False)
        return [(h.id, h.score) for h in hits]

    def decide(self, hits: Sequence[tuple[str, float]], query: str | None = None) -> str:
        """"answer", "candidates" or "none"; with the *query* just searched, near-exact matches
        and question-side coverage count too (see bot.retrieval.decide)."""
        full = self._recent.get(query) if query is not None else None
        if full is None or [(h.id, h.score) for h in full[: len(hits)]] != list(hits):
            full = [Hit(i, s) for i, s in hits]
        decision: Decision = decide(full)
        return decision.value
