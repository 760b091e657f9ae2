"""A known data set for the admin report tests (formerly tests/admin_data.py): people in four
roles, a month of FAQ questions,
two months of department check-ins and one skill assessment. The expected figures are worked out
by hand in the comments, so the tests compare the bot's numbers against arithmetic, not against
the bot itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.app.composition import App
from bot.core.model import Person, Role, UnansweredStatus
from handlers.assessment.model import CampaignMode
from handlers.assessment.ports import ASSESSMENT
from handlers.checkins.model import CampaignStatus, DepartmentResult
from handlers.checkins.ports import CHECKINS, CheckinsService
from storage import db
from storage.faq.models import QuestionLogRow
from tests.support.people import add_person

# Console user ids of the people in the data set.
ADMIN, LIAISON, STAFF = "boss", "suzuki", "tanaka"
LIAISONS = {"市民課": "suzuki", "税務課": "sato", "福祉課": "ito", "建設課": "kato"}


@dataclass(frozen=True)
class Question:
    """One row of the question log."""

    at: datetime  # UTC
    text: str
    outcome: str
    feedback: str
    department: str


# November 2026 in Tokyo is [2026-10-31 15:00 UTC, 2026-11-30 15:00 UTC).
QUESTIONS = (
    Question(datetime(2026, 10, 31, 14, 30, tzinfo=UTC), "古い質問", "none", "", "市民課"),  # Oct 31 23:30 JST
    Question(datetime(2026, 10, 10, 1, 0, tzinfo=UTC), "=SUM関数の使い方", "answer", "solved", "税務課"),  # October
    Question(datetime(2026, 10, 31, 15, 30, tzinfo=UTC), "LGWANでZoom", "answer", "solved", "市民課"),  # Nov 1 00:30
    Question(datetime(2026, 11, 2, 1, 0, tzinfo=UTC), "VLOOKUPの使い方", "answer", "solved", "市民課"),
    Question(datetime(2026, 11, 3, 1, 0, tzinfo=UTC), "Zoomの画面共有", "answer", "unsolved", "税務課"),
    Question(datetime(2026, 11, 4, 1, 0, tzinfo=UTC), "庁内運動会の集合場所", "none", "", "市民課"),
    Question(datetime(2026, 11, 5, 1, 0, tzinfo=UTC), "庁内運動会の 集合場所！", "none", "", "税務課"),
    Question(datetime(2026, 11, 6, 1, 0, tzinfo=UTC), "電子決裁の差戻し", "candidates", "picked", "福祉課"),
    Question(datetime(2026, 11, 7, 1, 0, tzinfo=UTC), "公用車の予約", "candidates", "none_fit", "建設課"),
    Question(datetime(2026, 11, 8, 1, 0, tzinfo=UTC), "議事録の自動作成", "answer", "", ""),
    Question(datetime(2026, 11, 30, 15, 0, tzinfo=UTC), "12月の質問", "answer", "", "市民課"),  # Dec 1 00:00 JST
)
# November: 8 questions; answer 4, candidates 2, none 2 -> answered from the FAQ 6/8 = 75%.
# Feedback: solved 2, picked 1, unsolved 1, none_fit 1 -> 5 rated, solved (2+1)/5 = 60%.
# Top unanswered: the sports-day question twice (two wordings), then 公用車の予約, then Zoomの画面共有.
# October: 2 questions -> "+6".


async def add_teams_person(app: App, user_id: str, role: Role, name: str = "", aad_id: str = "") -> Person:
    """Old name, kept for tests written against it: `add_person(..., platform="teams", keep_existing=True)`."""
    return await add_person(app, user_id, role, name=name, platform="teams", aad_id=aad_id, keep_existing=True)


async def seed_people(app: App) -> dict[str, Person]:
    """An admin, a liaison per department, and a staff member."""
    people = {ADMIN: await add_person(app, ADMIN, Role.ADMIN, "DX推進室")}
    for department, user in LIAISONS.items():
        people[user] = await add_person(app, user, Role.LIAISON, department)
    people[STAFF] = await add_person(app, STAFF, Role.STAFF, "税務課")
    return people


async def seed_questions(app: App) -> None:
    """The question log above, plus one open unanswered question and one pending phrasing."""
    people = {p.department: p.id for p in await app.services.people.list(role=Role.LIAISON)}
    sessions = db.sessionmaker(app.engine)
    async with sessions() as s:
        for q in QUESTIONS:
            s.add(QuestionLogRow(person_id=people.get(q.department), text=q.text, outcome=q.outcome,
                                 top_entry_id="FAQ-001" if q.outcome != "none" else "", score=0.5,
                                 feedback=q.feedback, created_at=q.at))
        await s.commit()
    await app.services.faq.add_unanswered("庁内運動会の集合場所", None, UnansweredStatus.OPEN, "console", "dm")
    entry = (await app.services.faq.list_entries())[0]
    assert await app.services.faq.add_suggestion(entry.id, "まったく新しい言い方の質問", None) is not None


def checkins_service(app: App) -> CheckinsService:
    """The check-in services the composition root registered."""
    found = app.services.get(CHECKINS)
    assert isinstance(found, CheckinsService), "bot.app registers the check-in services"
    return found


# (department, in scope, online) per month; 福祉課 does not report in November.
PROGRESS = {
    "2026-10": [("市民課", 40, 20), ("税務課", 30, 6), ("福祉課", 10, 5)],
    "2026-11": [("市民課", 40, 26), ("税務課", 30, 9), ("建設課", 20, 2)],
}
# November: 市民課 65% (+15.0pt), 税務課 30% (+10.0pt), 建設課 10% (first report);
# mean (65 + 30 + 10) / 3 = 35%; 福祉課 missing; 市民課 reports 転出届 late (目標 2027-06) and its
# 住民票 item (target 2026-10, not done) is overdue.


async def seed_progress(app: App) -> None:
    """Two monthly campaigns with results, as the check-in desk stores them."""
    repo = checkins_service(app).repo
    people = {p.department: p.id for p in await app.services.people.list(role=Role.LIAISON)}
    for period, rows in PROGRESS.items():
        year, month = map(int, period.split("-"))
        opens = datetime(year, month, 20, 0, 30, tzinfo=UTC)
        deadline = datetime(year, month, 27, 8, 0, tzinfo=UTC)
        campaign = await repo.create_campaign("department_progress", period, opens, deadline, 2)
        assert await repo.set_campaign_status(campaign.id, CampaignStatus.CLOSED)
        responses = {}
        for department, person_id in people.items():
            responses[department], _ = await repo.ensure_response(campaign.id, person_id, department, opens)
        for department, in_scope, online in rows:
            answers: dict = {}
            items_total = items_late = 0
            if department == "市民課" and period == "2026-11":
                answers = {
                    "roadmap.7.status": "delayed", "roadmap.7.delay_reason": "業者との契約が遅れたため",
                    "roadmap.8.status": "in_progress",
                    "_items": {"roadmap_items": [
                        {"key": "7", "title": "転出届のオンライン化", "target": "2027-06"},
                        {"key": "8", "title": "住民票の写しのオンライン請求", "target": "2026-10"},
                    ]},
                }
                items_total, items_late = 2, 2
            result = DepartmentResult(
                id=0, campaign_id=campaign.id, period=period, department=department, form_id="department_progress",
                answers=answers, submitted_by=people[department], submitted_at=deadline,
                in_scope=in_scope, online=online, rate=round(online / in_scope * 100, 1), forms_created=1,
                items_total=items_total, items_late=items_late)
            await repo.submit_result(result, responses[department].id, replace=False)
    # Next month's check-in is planned but not sent yet: summaries must not default to it.
    await repo.create_campaign("department_progress", "2026-12", datetime(2026, 12, 20, tzinfo=UTC),
                               datetime(2026, 12, 25, tzinfo=UTC), 2)


async def seed_assessment(app: App, people: dict[str, Person], respondents: int = 6) -> int:
    """A pseudonymous assessment: Excel questions answered 「理解し実践している」 (3), the rest
    「聞いたことがある」 (1). Returns the campaign id."""
    kit = app.services.get(ASSESSMENT)
    bank = kit.bank
    staff = [await add_person(app, f"resp{i}", Role.STAFF, "市民課" if i < 5 else "税務課") for i in range(respondents)]
    question_ids = [q.id for q in bank.questions]
    campaign = await kit.store.create_campaign(
        CampaignMode.PSEUDONYMOUS, [], date(2026, 12, 20), question_ids, people[ADMIN].id,
        [(p.id, p.department) for p in staff], date(2026, 12, 1))
    answers = {q.id: ("practice" if q.category == "excel" else "heard") for q in bank.questions}
    for p in staff:
        await kit.store.finish(campaign.id, p.id, answers, p.department, keep_named=False)
    return campaign.id
