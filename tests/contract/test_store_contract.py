"""One store contract, run against SQLite and against the PostgreSQL server."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.core.events import Actor
from bot.core.model import FaqEntry, Person, Role, SuggestionStatus, UnansweredStatus
from bot.core.replies import Destination, Reply
from storage import db
from storage.base import utcnow
from storage.faq.repo import SqlFaq
from storage.people.repo import SqlPeople
from storage.shared.models import OutboxRow
from storage.shared.rate_share_models import RateShareRow
from storage.shared.rate_shares import SqlRateShares
from storage.shared.repo import SqlAudit, SqlConversationRefs, SqlDeduper, SqlOutbox, SqlState


@pytest.fixture
async def sessions(any_db_url):
    await db.upgrade(any_db_url)
    engine = db.create_engine(any_db_url)
    yield db.sessionmaker(engine)
    await engine.dispose()


async def test_migrations_reach_head_and_can_go_down_and_up_again(any_db_url):
    await db.upgrade(any_db_url)
    engine = db.create_engine(any_db_url)
    try:
        assert await db.current_revision(engine) == db.head_revision()
        await db.downgrade(any_db_url, "base")
        assert await db.current_revision(engine) is None
        await db.upgrade(any_db_url)
        assert await db.current_revision(engine) == db.head_revision()
    finally:
        await engine.dispose()


async def test_people_are_created_found_by_any_identity_and_linked(sessions):
    people = SqlPeople(sessions)
    slack = Actor("slack", "U123", "山田")
    p = await people.create_from_actor(slack, Role.STAFF, "ja")
    assert (await people.find_by_actor(slack)).id == p.id
    p.email, p.department, p.role = "yamada@city.example.jp", "市民課", Role.LIAISON
    await people.save(p)
    # The same person arriving from Teams with the same e-mail is linked, not duplicated.
    teams = Actor("teams", "29:abc", "山田 太郎", aad_object_id="aad-1", email="Yamada@city.example.jp")
    linked = await people.find_by_actor(teams)
    assert linked is not None and linked.id == p.id and linked.teams_id == "aad-1" and linked.slack_id == "U123"
    assert [x.id for x in await people.list(Role.LIAISON, "市民課")] == [p.id]
    assert (await people.find("aad-1")).id == p.id
    assert await people.count_admins() == 0


async def test_teams_ids_held_by_two_different_people_are_resolved_without_an_error(sessions):
    """A roster import gave 佐藤 the AAD object id while an older chat left 29:stale on 鈴木's row:
    the AAD id names the person, and the stale Bot Framework id is not moved (no IntegrityError)."""
    people = SqlPeople(sessions)
    suzuki = await people.create_from_actor(Actor("teams", "29:stale", "鈴木"), Role.STAFF, "ja")
    sato = await people.save(Person(id=0, display_name="佐藤", teams_id="aad-sato"))
    found = await people.find_by_actor(Actor("teams", "29:stale", "佐藤", aad_object_id="aad-sato"))
    assert found is not None and found.id == sato.id and found.teams_id == "aad-sato"
    assert (await people.get(suzuki.id)).teams_user_id == "29:stale"
    assert (await people.find_by_actor(Actor("teams", "29:stale", "佐藤", aad_object_id="aad-sato"))).id == sato.id


async def test_two_replicas_registering_the_same_person_get_one_row(sessions):
    a, b = SqlPeople(sessions), SqlPeople(sessions)
    actor = Actor("slack", "U999", "同時")
    results = await asyncio.gather(a.create_from_actor(actor, Role.STAFF, "ja"),
                                   b.create_from_actor(actor, Role.STAFF, "ja"))
    assert results[0].id == results[1].id
    assert len(await a.list()) == 1


async def test_faq_upsert_is_idempotent_by_id_and_bumps_the_version(sessions):
    faq = SqlFaq(sessions)
    e = FaqEntry("FAQ-001", "質問", "回答", ["言い換え"], "カテゴリ", ["タグ"], "DX推進室")
    assert await faq.upsert_entries([e]) == (1, 0)
    v1 = await faq.version()
    assert await faq.upsert_entries([e]) == (0, 0)
    assert await faq.version() == v1
    e.answer = "新しい回答"
    assert await faq.upsert_entries([e]) == (0, 1)
    assert await faq.version() != v1
    got = await faq.get_entry("FAQ-001")
    assert (got.answer, got.alternates, got.tags) == ("新しい回答", ["言い換え"], ["タグ"])
    assert await faq.next_entry_id() == "FAQ-002"


async def test_suggestions_skip_known_phrasings_and_approval_adds_an_alternate(sessions):
    faq = SqlFaq(sessions)
    await faq.upsert_entries([FaqEntry("FAQ-001", "VLOOKUPの使い方は？", "回答", ["VLOOKUP関数"])])
    assert await faq.add_suggestion("FAQ-001", "ＶＬＯＯＫＵＰの使い方は?", None) is None  # same after folding
    s = await faq.add_suggestion("FAQ-001", "ブイルックアップってどう使うの", None)
    assert s is not None and s.status is SuggestionStatus.PENDING
    assert await faq.add_suggestion("FAQ-001", "ブイルックアップってどう使うの", None) is None
    await faq.decide_suggestion(s.id, SuggestionStatus.APPROVED, decided_by=1)
    assert "ブイルックアップってどう使うの" in (await faq.get_entry("FAQ-001")).alternates
    assert (await faq.get_suggestion(s.id)).status is SuggestionStatus.APPROVED


async def test_unanswered_questions_are_claimed_once(sessions):
    faq = SqlFaq(sessions)
    q = await faq.add_unanswered("駐輪場は？", None, UnansweredStatus.OPEN, "slack", "D1")
    results = await asyncio.gather(*(faq.claim_unanswered(q.id, i) for i in range(1, 5)))
    assert sorted(results) == [False, False, False, True]
    assert (await faq.get_unanswered(q.id)).status is UnansweredStatus.ANSWERED


async def test_state_update_loses_no_change_under_concurrent_writers(any_db_url, sessions):
    # Two replicas (two engines) and concurrent turns in each add drafts to one document at once:
    # every addition survives with its own number (a get/put pair would keep only the last).
    other_engine = db.create_engine(any_db_url)
    replicas = [SqlState(sessions), SqlState(db.sessionmaker(other_engine))]

    def add(name: str):
        def change(doc):
            doc = doc or {"next": 1, "items": {}}
            doc["items"][f"D-{doc['next']}"] = name
            doc["next"] += 1
            return doc
        return change

    try:
        await asyncio.gather(*(replicas[i % 2].update("faq:drafts", add(f"案{i}")) for i in range(16)))
    finally:
        await other_engine.dispose()
    doc = await replicas[0].get("faq:drafts")
    assert doc["next"] == 17
    assert sorted(doc["items"].values()) == sorted(f"案{i}" for i in range(16))
    assert sorted(doc["items"]) == sorted(f"D-{n}" for n in range(1, 17))
    # None deletes the key; an absent key is handed to the change as None.
    seen = []
    assert await replicas[0].update("faq:drafts", lambda doc: None) is None
    await replicas[0].update("faq:drafts", lambda doc: seen.append(doc) or {"next": 1})
    assert seen == [None] and await replicas[0].get("faq:drafts") == {"next": 1}


async def test_state_survives_and_is_replaced(sessions):
    state = SqlState(sessions)
    await state.put("dialog:1", {"kind": "faq.pick", "data": {"ids": ["FAQ-001"]}})
    await state.put("dialog:1", {"kind": "faq.feedback", "data": {"log_id": 3}})
    assert (await SqlState(sessions).get("dialog:1"))["kind"] == "faq.feedback"
    await state.delete("dialog:1")
    assert await state.get("dialog:1") is None


async def test_deduper_claims_once_and_again_after_expiry(sessions):
    dedupe = SqlDeduper(sessions, ttl=timedelta(hours=1))
    assert await dedupe.claim("slack:C1:1.0") is True
    assert await dedupe.claim("slack:C1:1.0") is False
    assert await SqlDeduper(sessions).claim("slack:C1:1.0") is False  # another replica
    expired = SqlDeduper(sessions, ttl=timedelta(seconds=-1))
    assert await expired.claim("k2") is True
    assert await dedupe.claim("k2") is True  # expired entries can be claimed again


async def test_outbox_leases_each_row_to_one_worker(sessions):
    outbox = SqlOutbox(sessions)
    for i in range(10):
        await outbox.enqueue(Destination("slack", "channel", "C1"), Reply(text=f"m{i}"))
    assert await outbox.enqueue(Destination("slack", "channel", "C1"), Reply(text="x"), "k") > 0
    first = await outbox.enqueue(Destination("slack", "channel", "C1"), Reply(text="x"), "k")
    assert first > 0 and len(await outbox.list()) == 11  # the same dedupe key is queued once
    a, b = await asyncio.gather(outbox.claim_due("A", 100), outbox.claim_due("B", 100))
    ids_a, ids_b = {r.id for r in a}, {r.id for r in b}
    assert not ids_a & ids_b and len(ids_a | ids_b) == 11
    row = a[0] if a else b[0]
    worker = "A" if a else "B"
    await outbox.mark_sent(row.id, worker)
    assert (await outbox.get(row.id)).status == "sent"
    assert await outbox.depth() == 10
    assert not any(r.lease_expired for r in a + b)
    # The workers die: their leases run out, and whoever takes the rows over learns it.
    async with sessions() as s:
        await s.execute(update(OutboxRow).where(OutboxRow.status == "sending")
                        .values(claimed_until=utcnow() - timedelta(seconds=1)))
        await s.commit()
    taken = await outbox.claim_due("C", 100)
    assert len(taken) == 10 and all(r.lease_expired for r in taken)


async def test_outbox_queues_many_at_once_keeping_each_dedupe_key_once(sessions):
    outbox = SqlOutbox(sessions)
    await outbox.enqueue(Destination("", "person", "1"), Reply(text="既に"), "remind:1")
    items = [(Destination("", "person", str(i)), Reply(text=f"リマインド{i}"), f"remind:{i}") for i in range(1, 601)]
    items.append((Destination("slack", "channel", "C1"), Reply(text="鍵なし"), ""))
    await outbox.enqueue_many(items)
    await outbox.enqueue_many(items[:10] + items[-1:])  # again: nothing new for known keys
    rows = await outbox.list()
    texts = [r.payload["text"] for r in rows]
    assert len(rows) == 602 and texts[0] == "既に" and "リマインド1" not in texts
    assert texts.count("鍵なし") == 2  # no key: each call queues it
    assert {r.status for r in rows} == {"pending"} and await outbox.depth() == 602
    assert len(await outbox.claim_due("A", 1000)) == 602
    await outbox.enqueue_many([])


async def test_rate_shares_count_the_replicas_running_and_sending(sessions):
    shares = SqlRateShares(sessions)
    assert await shares.active("teams:app", "r1", 3.0, False) == (1, 1)
    assert await shares.active("teams:app", "r2", 3.0, True) == (2, 1)
    assert await shares.active("teams:app", "r1", 3.0, True) == (2, 2)  # a beat again is the same replica
    assert await shares.active("slack:workspace", "r1", 3.0, False) == (1, 1)  # budgets are apart
    async with sessions() as s:  # r2 stopped a minute ago
        await s.execute(update(RateShareRow).where(RateShareRow.replica == "r2")
                        .values(seen_at=RateShareRow.seen_at - 60, busy_at=RateShareRow.busy_at - 60))
        await s.commit()
    assert await shares.active("teams:app", "r1", 3.0, False) == (1, 1)
    assert await shares.active("teams:app", "r1", 600.0, False) == (2, 2)


async def test_people_are_looked_up_many_at_once(sessions):
    people = SqlPeople(sessions)
    saved = [await people.save(Person(id=0, display_name=f"職員{i}")) for i in range(3)]
    found = await people.get_many([saved[0].id, saved[2].id, saved[2].id, 999_999])
    assert sorted(found) == [saved[0].id, saved[2].id] and found[saved[2].id].display_name == "職員2"
    assert await people.get_many([]) == {}


async def test_audit_and_conversation_refs(sessions):
    audit = SqlAudit(sessions)
    await audit.record("1:admin", "faq add", "x", "ok")
    await audit.record("2:staff", "faq add", "y", "denied")
    assert [e.result for e in await audit.list()] == ["denied", "ok"]
    people = SqlPeople(sessions)
    p = await people.save(Person(id=0, display_name="佐藤", teams_id="aad-9"))
    refs = SqlConversationRefs(sessions)
    await refs.save("teams", "a:1", {"conversation": {"id": "a:1"}}, p.id, True)
    await refs.save("teams", "a:1", {"conversation": {"id": "a:1"}, "v": 2}, p.id, True)
    assert (await refs.for_person("teams", p.id))["v"] == 2
    await refs.remove("a:1")
    assert await refs.for_person("teams", p.id) is None
    # remember: stored once per conversation and service URL; True only the first time
    ref = {"conversation": {"id": "a:2"}, "serviceUrl": "https://one"}
    assert await refs.remember("teams", "a:2", ref, p.id, True) is True
    assert await refs.remember("teams", "a:2", {**ref, "v": 3}, p.id, True) is False
    assert "v" not in await refs.for_conversation("a:2")  # same service URL: nothing written
    assert await refs.remember("teams", "a:2", {**ref, "serviceUrl": "https://two"}, None, True) is False
    assert (await refs.for_conversation("a:2"))["serviceUrl"] == "https://two"
    assert (await refs.for_person("teams", p.id))["serviceUrl"] == "https://two"  # person kept
