"""The skill self-assessment as people use it: quick polls, typed answers, going back, pausing,
restarts, the admin's results, exports, reminders and the privacy guarantees."""

from __future__ import annotations

import io
import json
import uuid
from datetime import UTC, datetime

import openpyxl
from sqlalchemy import inspect, text

from bot.core.replies import Reply
from handlers.assessment.ports import ASSESSMENT
from handlers.assessment.reminders import JOB, remind_unfinished
from scheduler.calendar import BusinessCalendar
from tests.conftest import FakeClock
from tests.support.assessment import (
    RecordingScheduler,
    admin_of,
    answer_all,
    level_buttons,
    staff,
    start_assessment,
)
from tests.support.dialogue import Person


async def rows(app, sql: str, **params):  # type: ignore[no-untyped-def]
    async with app.engine.connect() as conn:
        return (await conn.execute(text(sql), params)).all()


async def test_a_whole_poll_by_buttons_shows_progress_and_a_private_profile(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "suzuki", "総務課")
    await start_assessment(admin, "assessment start all 締切 2026-12-15 named")
    assert "全27問" in admin.text() and "全職員（1名）" in admin.text()  # the admin (no department) is invited, not counted

    await me.command("assessment")
    card = me.replies[-1]
    assert card.title == "デジタルスキル診断 1/27" and card.replace_original
    assert "【基礎用語】" in card.text and "DXと従来のIT導入との概念の違いを理解していますか" in card.text
    assert [c.label for c in card.choices] == [
        "1. 理解し実践している", "2. 理解している", "3. 聞いたことがある", "4. 知らない", "やめる"]
    await me.press(level_buttons(me)[1])
    assert me.replies[-1].title == "デジタルスキル診断 2/27"
    assert "戻る" in [c.label for c in me.replies[-1].choices]
    # Everyone knows the basics, nobody knows Excel functions (level 4), the rest "understood".
    levels = [2] * 4 + [4] * 6 + [2] * 16
    await answer_all(me, levels, start=False)
    profile = me.replies[-1]
    assert profile.title == "あなたのデジタルスキル診断結果"
    assert "・エクセル関数　★☆☆☆（知らない）" in profile.text and "・基礎用語　★★★☆（理解している）" in profile.text
    assert "伸ばしどころは「エクセル関数」" in profile.text and not profile.fields
    assert "伸ばしたいスキル" in profile.text and "・Excel関数のCOUNTIFの使い方（解説" in profile.text
    assert "理解していますか" not in profile.text  # skills as nouns (issue 15.6)
    assert "Excel関数入門（IF・COUNTIF・SUMIF）" in profile.text
    assert "Excelデータ活用" in profile.text and "情報セキュリティ研修" not in profile.text
    await me.command("assessment")
    assert "回答済み" in me.text()
    await me.command("assessment me")
    assert me.replies[-1].ephemeral and "Excel関数入門" in me.text()


async def test_typed_answers_back_and_changing_an_earlier_answer(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "sato", "企画課")
    await start_assessment(admin, "assessment start 締切 2026-12-20 named")
    await me.command("assessment")
    await me.say("１")
    await me.say("理解してる")
    assert me.replies[-1].title == "デジタルスキル診断 3/27"
    await me.say("うーん")
    assert "読み取れませんでした" in me.text()
    await me.say("戻る")
    assert me.replies[-1].title == "デジタルスキル診断 2/27" and "現在の回答: 理解している" in me.text()
    await me.press(level_buttons(me)[3])  # change question 2 to 知らない
    assert me.replies[-1].title == "デジタルスキル診断 3/27"  # back to the first unanswered one
    await me.say("シラナイ")
    [section] = [s for s in await app.dispatcher.home_view(me.actor, me) if s.title == "スキル診断"]
    assert "3/27問回答済み" in section.text and section.choices[0].label == "続きから回答する"
    await answer_all(me, 1, start=False)
    part = await app.services.get(ASSESSMENT).store.get_participation(1, (await app.services.people.find("sato")).id)
    assert part.finished and part.answers["B01"] == "practice" and part.answers["B02"] == "unknown"
    assert part.answers["B03"] == "unknown" and part.answers["B04"] == "practice"


async def test_pause_and_resume_after_a_restart(app_factory, clock, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'restart.db'}"
    first = await app_factory(database_url=url, clock=clock)
    admin = await admin_of(first)
    await staff(first, "tanaka", "総務課")
    await start_assessment(admin, "assessment start all named")
    me = Person(first, "tanaka")
    await me.command("assessment")
    for _ in range(9):
        await me.press(level_buttons(me)[1])
    await me.say("2")  # the 10th answer typed
    assert me.replies[-1].title == "デジタルスキル診断 11/27"
    await first.close()

    second = await app_factory(database_url=url, clock=clock)
    again = Person(second, "tanaka")
    await again.say("3")  # the dialog survived the restart: answers question 11
    assert again.replies[-1].title == "デジタルスキル診断 12/27"
    await again.say("中断")
    assert "11/27問回答済み" in again.text()
    third = await app_factory(database_url=url, clock=clock)
    later = Person(third, "tanaka")
    await later.say("続きから")
    assert later.replies[-1].title == "デジタルスキル診断 12/27"
    await answer_all(later, 2, start=False)
    assert later.replies[-1].title == "あなたのデジタルスキル診断結果"
    part = await third.services.get(ASSESSMENT).store.get_participation(
        1, (await third.services.people.find("tanaka")).id)
    assert part.finished and len(part.answers) == 27 and part.answers["E06"] == "heard"
    assert part.answers["E05"] == "understand" and part.answers["T01"] == "understand"


async def test_results_respect_the_minimum_group_size(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    people = [await staff(app, f"s{i}", "総務課") for i in range(6)]
    people += [await staff(app, f"k{i}", "企画課") for i in range(2)]
    await start_assessment(admin, "assessment start 総務課,企画課 締切 2026-12-20")
    for handle in people[:4]:
        await answer_all(handle, 2)
    await admin.command("assessment results")
    assert "5件未満" in admin.text() and "総務課" not in admin.text()
    for handle in people[4:]:
        await answer_all(handle, 3)
    await admin.command("assessment results")
    out = admin.text()
    assert "回答 8名／対象 8名" in out
    # 企画課 (2) alone is too small, and pooling it alone would be too; nothing by department shows
    # that would let anyone subtract their way to the two 企画課 answers.
    assert "企画課" not in out and "総務課" not in out and "その他（少人数" not in out
    assert "一部の部署（1部署）は個別に表示せず" in out
    assert "研修計画" in out and "理解率の低い設問" in out
    await admin.command("assessment status")
    # Participation likewise: 企画課 (2) is merged, with 総務課 so that it cannot be subtracted out.
    assert "その他（5名未満の課）: 完了 8/8名" in admin.text() and "企画課" not in admin.text()


async def test_pseudonymous_answers_cannot_be_joined_to_people(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    people = [await staff(app, f"s{i}", "総務課") for i in range(5)]
    people += [await staff(app, f"k{i}", "企画課") for i in range(2)]
    await start_assessment(admin, "assessment start 総務課,企画課 pseudonymous")
    for n, handle in enumerate(people):
        await answer_all(handle, [1 + (n + q) % 4 for q in range(27)])
    unfinished = await staff(app, "late", "総務課")
    await unfinished.command("assessment")
    await unfinished.say("2")

    # 1. The responses table has no column that could refer to a person or a moment.
    async with app.engine.connect() as conn:
        columns, fks, without_rowid = await conn.run_sync(lambda c: (
            {col["name"]: str(col["type"]) for col in inspect(c).get_columns("assessment_responses")},
            inspect(c).get_foreign_keys("assessment_responses"),
            "WITHOUT ROWID" in (c.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'assessment_responses'").scalar() or ""),
        ))
    assert set(columns) == {"response_id", "campaign_id", "department", "answers"}
    assert [fk["referred_table"] for fk in fks] == ["assessment_campaigns"]
    assert not any("DATE" in t.upper() or "TIME" in t.upper() for t in columns.values())
    # 2. No insertion order: the table has no rowid, and its ids are random (UUID4), not a sequence.
    assert without_rowid
    responses = await rows(app, "SELECT response_id, department, answers FROM assessment_responses")
    assert len(responses) == 7
    assert all(uuid.UUID(hex=r.response_id).version == 4 for r in responses)
    # 3. Nothing else holds the answers of those who finished: drafts and dialogs are gone.
    finished_ids = [(await app.services.people.find(h.user_id)).id for h in people]
    parts = await rows(app, "SELECT person_id, status, answers, current_question FROM assessment_participants")
    for part in parts:
        if part.person_id in finished_ids:
            assert part.status == "finished" and part.answers in ("{}", {}) and part.current_question == ""
    states = await rows(app, "SELECT key, value FROM conversation_state")
    assert not [s for s in states if "assessment" in str(s.value) and
                any(s.key == f"dialog:{pid}" for pid in finished_ids)]
    # 4. A response's department is shared by at least the minimum number of participants: 企画課
    #    has only two, so theirs are stored pooled (""), and no value points at fewer than five people.
    by_department: dict[str, int] = {}
    for part in await rows(app, "SELECT department FROM assessment_participants"):
        by_department[part.department] = by_department.get(part.department, 0) + 1
    assert sorted(r.department for r in responses) == [""] * 2 + ["総務課"] * 5
    assert all(by_department.get(r.department, 0) >= 5 for r in responses if r.department)
    # 5. No join is possible: no column of the two tables matches except the campaign.
    shared = await rows(app, """
        SELECT COUNT(*) AS n FROM assessment_responses r JOIN assessment_participants p
        ON r.response_id = CAST(p.id AS TEXT) OR r.response_id = CAST(p.person_id AS TEXT)""")
    assert shared[0].n == 0
    # 6. The person cannot see it again, and admins cannot export individual rows.
    await people[0].command("assessment me")
    assert "匿名式" in people[0].text()
    await admin.command("assessment export xlsx 個人")
    assert "個人別のデータはありません" in admin.text() and not admin.replies[-1].attachments
    # 7. Closing rewrites the responses (new random ids, same content) to erase any write order.
    before = sorted(str(r.answers) for r in responses)
    await admin.command("assessment close")
    after = await rows(app, "SELECT response_id, answers FROM assessment_responses")
    assert sorted(str(r.answers) for r in after) == before
    assert not {r.response_id for r in after} & {r.response_id for r in responses}


async def test_named_export_csv_and_xlsx_for_admins_only(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    people = [await staff(app, f"s{i}", "総務課") for i in range(5)]
    await start_assessment(admin, "assessment start all 締切 2026-12-20 named")
    for n, handle in enumerate(people):
        await answer_all(handle, 2 if n else 4)
    await people[0].command("assessment export csv")
    assert "管理者のみ" in people[0].text() and not people[0].replies[-1].attachments
    await admin.command("assessment export csv")
    files = {a.filename: a for a in admin.replies[-1].attachments}
    assert set(files) == {f"assessment_1_{n}.csv" for n in ("categories", "departments", "questions", "training_plan")}
    plan = files["assessment_1_training_plan.csv"].content
    assert plan.startswith(b"\xef\xbb\xbf")
    lines = plan.decode("utf-8-sig").splitlines()
    assert lines[0] == "研修ID,研修,部署,人数"
    assert "TR01,DX基礎研修（DXの考え方・KPI・BPR）,全体,1" in lines
    await admin.command("assessment export xlsx 個人")
    [workbook] = admin.replies[-1].attachments
    book = openpyxl.load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames == ["分野別", "部署別", "設問別", "研修計画", "個人別"]
    sheet = book["個人別"]
    assert sheet.max_row == 6 and sheet["A1"].value == "氏名" and sheet["C1"].value == "B01"
    assert sorted(sheet.cell(r, 3).value for r in range(2, 7)) == ["理解している"] * 4 + ["知らない"]
    await admin.command("assessment results")
    assert "総務課（5）" in admin.text()


async def test_change_since_the_last_run(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    people = [await staff(app, f"s{i}", "総務課") for i in range(5)]
    await start_assessment(admin, "assessment start all")
    for handle in people:
        await answer_all(handle, 3)
    await admin.command("assessment close")
    await start_assessment(admin, "assessment start all")
    for handle in people:
        await answer_all(handle, 2)
    await admin.command("assessment results")
    out = admin.text()
    assert "前回（#1）からの変化" in out
    assert "・エクセル関数: 1.0 → 2.0（+1.0）" in out and "・理解率: 0% → 100%（+100ポイント）" in out


async def test_reminders_are_capped_and_only_in_working_hours(app_factory):
    clock = FakeClock(datetime(2026, 12, 1, 0, 0, tzinfo=UTC))  # Tue 09:00 in Tokyo
    app = await app_factory(clock=clock)
    scheduler = RecordingScheduler()
    app.services.scheduler = scheduler
    app.services.calendar = BusinessCalendar("Asia/Tokyo")
    admin = await admin_of(app)
    done = await staff(app, "done", "総務課")
    await staff(app, "slow", "総務課")
    await start_assessment(admin, "assessment start all 締切 2026-12-11 include-me")  # the admin takes part too
    job = scheduler.jobs["assessment:1:remind"]
    assert job[0] == datetime(2026, 12, 2, 1, 0, tzinfo=UTC) and job[1] == JOB  # Wed 10:00 JST
    await answer_all(done, 2)
    services = app.services

    async def reminded() -> list[str]:
        found = await rows(app, "SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'assessment:1:remind:%'")
        return sorted(r.dedupe_key for r in found)

    slow_id = (await services.people.find("slow")).id
    admin_id = (await services.people.find("admin")).id
    clock.current = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)
    await remind_unfinished(services, 1)
    assert await reminded() == []  # two business days after the invitation at the earliest
    clock.current = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)
    await remind_unfinished(services, 1)
    await remind_unfinished(services, 1)  # a second replica running the same job sends nothing more
    assert await reminded() == sorted([f"assessment:1:remind:{slow_id}:1", f"assessment:1:remind:{admin_id}:1"])
    assert scheduler.jobs["assessment:1:remind"][0] == datetime(2026, 12, 4, 1, 0, tzinfo=UTC)
    # Saturday: nothing is sent, the job waits for Monday's opening.
    clock.current = datetime(2026, 12, 5, 1, 0, tzinfo=UTC)
    await remind_unfinished(services, 1)
    assert len(await reminded()) == 2
    assert scheduler.jobs["assessment:1:remind"][0] == datetime(2026, 12, 6, 23, 30, tzinfo=UTC)  # Mon 08:30
    # Monday 20:00 JST: after working hours.
    clock.current = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)
    await remind_unfinished(services, 1)
    assert len(await reminded()) == 2
    clock.current = datetime(2026, 12, 8, 1, 0, tzinfo=UTC)  # due since Monday (Thu + 2 business days)
    await remind_unfinished(services, 1)
    assert len(await reminded()) == 4
    clock.current = datetime(2026, 12, 10, 1, 0, tzinfo=UTC)  # capped at two per person
    await remind_unfinished(services, 1)
    assert len(await reminded()) == 4
    done_id = (await services.people.find("done")).id
    assert all(key.split(":")[3] != str(done_id) for key in await reminded())  # never after finishing
    reminder = await rows(app, "SELECT payload FROM outbox WHERE dedupe_key = :k",
                          k=f"assessment:1:remind:{slow_id}:2")
    payload = reminder[0].payload
    reply = Reply.from_dict(json.loads(payload) if isinstance(payload, str) else payload)
    assert "まだ完了していません" in reply.text and reply.choices[0].label == "診断の回答を始める"
    clock.current = datetime(2026, 12, 11, 1, 0, tzinfo=UTC)
    await remind_unfinished(services, 1)
    assert "assessment:1:remind" not in scheduler.jobs  # nothing after the deadline


async def test_bad_input_gets_a_polite_answer(app_factory, clock):
    app = await app_factory(clock=clock, dialog_timeout_minutes=0)  # the deadline, not the idle time, is tested
    admin = await admin_of(app)
    await admin.command("assessment")
    assert "実施中のスキル診断はありません" in admin.text()
    await start_assessment(admin, "assessment start 存在しない課")
    assert "名簿に見つかりません" in admin.text()
    await start_assessment(admin, "assessment start 締切 2026-02-30")
    assert "読み取れません" in admin.text()
    await staff(app, "x", "総務課")
    await start_assessment(admin, "診断 開始 全員 締切 2026-12-10")
    assert "スキル診断 #1 を開始しました" in admin.text()
    await start_assessment(admin, "assessment start all")
    assert "実施中のスキル診断があります" in admin.text()
    outsider = await staff(app, "y", "税務課")
    await outsider.command("assessment")
    assert "1/27" in outsider.replies[-1].title  # an all-staff campaign takes late joiners
    clock.current = datetime(2026, 12, 10, 15, 0, tzinfo=UTC)  # 12/11 00:00 in Tokyo
    await outsider.say("1")
    assert "締切を過ぎた" in outsider.text()


async def test_poll_results_and_close_on_postgresql(app_factory, clock, pg_url):
    app = await app_factory(database_url=pg_url, clock=clock)
    admin = await admin_of(app)
    people = [await staff(app, f"s{i}", "総務課") for i in range(5)]
    await start_assessment(admin, "assessment start 総務課 pseudonymous")
    for handle in people:
        await answer_all(handle, 2)
    sections = await app.dispatcher.home_view(people[0].actor, people[0])
    assert not any("スキル診断" in s.title for s in sections)  # finished: nothing to nag about
    await admin.command("assessment results")
    assert "総務課（5）" in admin.text() and "理解率（「理解している」以上の割合）100%" in admin.text()
    await admin.command("assessment close")
    assert len(await rows(app, "SELECT response_id FROM assessment_responses")) == 5


async def test_a_weak_skill_is_one_tap_from_its_faq_entry(app_factory, clock):
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "suzuki", "総務課")
    await start_assessment(admin, "assessment start all 締切 2026-12-15 named")
    await me.command("assessment")
    # Everything understood except VLOOKUP (E02, the 7th question): 知らない.
    levels = [2] * 6 + [4] + [2] * 20
    await answer_all(me, levels, start=False)
    profile = me.replies[-1]
    assert "Excel関数のVLOOKUPの使い方（解説:「VLOOKUP関数の使い方を教えてください。」）" in profile.text
    button = next(c for c in profile.choices if c.action_id == "faq.open")
    assert button.value == "FAQ-052" and button.label == "解説: VLOOKUP関数の使い方を教えてください。"
    assert "Excelデータ活用" in profile.text and "FAQ-0" not in profile.text + button.label
    assert "予習: 「VLOOKUP関数の使い方を教えてください。」" in profile.text
    await me.press(button)
    assert me.replies[-1].title.startswith("VLOOKUP関数の使い方")
    assert "VLOOKUP" in me.replies[-1].text


async def test_control_words_inside_the_poll_and_a_way_out(app_factory, clock):
    """s23 tester: 「結果みせて」「続きから」「送信」 got 「読み取れませんでした」 and felt stuck."""
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    me = await staff(app, "suzuki", "総務課")
    await start_assessment(admin, "assessment start all 締切 2026-12-15 named")
    await me.command("assessment")
    await me.say("1")
    for said in ("結果みせて", "送信", "結果"):
        await me.say(said)
        assert "読み取れません" not in me.text() and "あと26問" in me.text() and "最後" in me.text(), said
    await me.say("続きから")
    assert me.replies[-1].title == "デジタルスキル診断 2/27"
    await me.say("ほげ")
    assert "「やめる」で中断" in me.text()


async def test_the_check_in_saved_line_comes_before_the_first_assessment_question(app_factory, clock):
    from tests.support.checkins import member
    app = await app_factory(clock=clock)
    admin = await admin_of(app)
    田中 = await member(app, "tanaka", "田中", "市民課")
    await admin.command("checkin start 締切 2026-12-10")
    await start_assessment(admin, "assessment start all 締切 2026-12-15 named")
    await 田中.command("checkin")
    for said in ("１２", "8", "2", "しんこうちゅう", "とくになし", "かんりょう", "スキップ", "特になし", "いいえ", "スキップ"):
        await 田中.say(said)
    assert "送信" in 田中.text()  # the final confirm screen
    await 田中.say("スキル診断を始めたい")
    shown = 田中.text()
    assert "途中まで保存" in shown and "1/27" in "".join(r.title for r in 田中.replies)
    assert shown.index("途中まで保存") < shown.index("理解していますか"), shown
