"""Issue 15, point 2: promises kept. 「担当者から折り返しご連絡します」 is not an empty promise: the
check-in's 相談 becomes a tracked request (a number and a status until someone closes it),
delivered to the office through the outbox, and the departments' own words (課題の内容,
遅延理由, 相談, 小さな気づき) are in the admin's summary and export."""

from __future__ import annotations

import re

from bot.core.model import Role
from storage.people.files import import_into
from tests.checkins_fakes import member, outbox
from tests.support.checkins import person_id
from tests.support.dialogue import Person

ANSWERS = ["12", "8", "2", "進行中", "スキップ", "遅れてる", "業者との契約が来月にずれたため", "スキップ",
           "予算と人員", "予算の確保と業者選定がむずかしい", "はい", "フォーム作成の研修をしてほしい",
           "窓口での問い合わせが減りました"]


async def test_a_consultation_in_the_check_in_reaches_the_office_and_is_tracked(app_factory, clock):
    app = await app_factory(clock=clock)
    室長 = Person(app, "local", "室長")
    await 室長.say("こんにちは")
    田中 = await member(app, "tanaka", "田中", "市民課")
    await 室長.command("checkin start 締切 2026-12-10")
    await 田中.command("checkin")
    for answer in ANSWERS:
        await 田中.say(answer)
    await 田中.say("送信")
    assert "ご相談を受け付けました（受付番号 Q-1）" in 田中.text()

    notice = [m for m in await outbox(app) if "フォーム作成の研修をしてほしい" in m.text]
    assert len(notice) == 1 and notice[0].person_id == "1"  # the office (its admin) has it
    assert notice[0].reply.choices[0].label == "回答する"

    await 室長.command("faq 未回答")
    assert "Q-1 [転送済み・回答待ち]" in 室長.text()
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", 室長.text()) and not re.search(r"\d{4}-\d\d-\d\d", 室長.text())
    await 室長.command("要約 進捗")
    summary = 室長.text()
    assert "市民課: 相談 Q-1（転送済み・回答待ち）" in summary
    assert "市民課｜課題の内容: 予算の確保と業者選定がむずかしい" in summary
    assert "遅延理由: 業者との契約が来月にずれたため" in summary
    assert "市民課｜小さな気づき: 窓口での問い合わせが減りました" in summary

    await 室長.command("faq answer Q-1 来週、フォーム作成の研修を開きます。")
    assert "相談者に送りました" in 室長.text() and "FAQ案" not in 室長.text()
    assert any("来週、フォーム作成の研修" in m.text for m in await outbox(app) if m.person_id != "1")
    await 室長.command("faq 対応済み Q-1")
    await 室長.command("summary progress")
    assert "相談 Q-1（対応済み）" in 室長.text()

    await 室長.command("export progress csv")
    csv = next(a for r in 室長.replies for a in r.attachments).content.decode("utf-8-sig")
    assert "小さな気づき: 窓口での問い合わせが減りました" in csv and "相談 Q-1（対応済み）" in csv


async def test_a_consultation_goes_to_the_person_in_charge_the_campaign_names(app_factory, clock):
    """Issue 15, second walk-through: 「担当者から折り返しご連絡します」 — when the check-in names a
    person in charge (「担当 市民課=佐藤」), a 相談 from that department goes to that person, tracked
    with the same Q-number as any request, and the liaison is told who will get back to them; other
    departments' requests still go to the office."""
    app = await app_factory(clock=clock)
    室長 = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    佐藤 = await member(app, "sato", "佐藤", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    鈴木 = await member(app, "suzuki", "鈴木", "税務課")
    await 室長.command("報告 開始 締切 2026-12-10 担当 山本")
    assert "担当者「山本」が名簿にいません" in 室長.text()
    await 室長.command("報告 開始 締切 2026-12-10 担当 市民課=田中")
    assert "田中さんは相談に回答できません" not in 室長.text()  # a liaison may answer requests
    await 室長.command("報告 締め切る")
    await 室長.command("報告 開始 締切 2026-12-10 担当 市民課=佐藤")
    assert "相談の担当: 市民課→佐藤さん" in 室長.text()

    for liaison in (田中, 鈴木):
        await liaison.command("報告")
        for answer in ANSWERS:
            await liaison.say(answer)
        await liaison.say("送信")
    assert "ご相談を受け付けました（受付番号 Q-1）。担当の佐藤さんから折り返しご連絡します。" in 田中.text()
    assert "ご相談を受け付けました（受付番号 Q-2）。DX推進室の担当者から折り返しご連絡します。" in 鈴木.text()

    notices = [m for m in await outbox(app) if "進捗報告からの相談" in (m.reply.title if m.reply else "")]
    assert [m.person_id for m in notices if "Q-1" in m.reply.title] == [str(await person_id(app, "sato"))]
    assert str(await person_id(app, "boss")) in {m.person_id for m in notices if "Q-2" in m.reply.title}

    await 佐藤.command("faq answer Q-1 来週、フォーム作成の研修を開きます。")
    assert "相談者に送りました" in 佐藤.text()
    tanaka_id = str(await person_id(app, "tanaka"))
    assert any("来週、フォーム作成の研修" in m.text for m in await outbox(app) if m.person_id == tanaka_id)
    await 室長.command("faq 未回答")
    assert "Q-2 [転送済み・回答待ち]" in 室長.text()


async def test_the_rosters_person_in_charge_gets_the_departments_consultation(app_factory, clock, tmp_path):
    """The same promise from the roster: a 担当者 column names who answers a liaison's requests;
    a campaign that names nobody sends 市民課's 相談 to that person, 税務課's to the office."""
    app = await app_factory(clock=clock)
    室長 = await member(app, "boss", "室長", "DX推進室", Role.ADMIN)
    await member(app, "sato", "佐藤", "DX推進室", Role.ADMIN)
    田中 = await member(app, "tanaka", "田中", "市民課")
    鈴木 = await member(app, "suzuki", "鈴木", "税務課")
    roster = tmp_path / "名簿.csv"
    roster.write_text("氏名,所属,役割,ローカルID,担当者\n田中,市民課,兼務職員,tanaka,佐藤\n"
                      "鈴木,税務課,兼務職員,suzuki,\n", encoding="utf-8")
    report = await import_into(app.services.people, roster)
    assert not report.errors and report.updated == 2
    assert (await app.services.people.find("tanaka")).in_charge == "佐藤"

    await 室長.command("報告 開始 締切 2026-12-10")
    for liaison in (田中, 鈴木):
        await liaison.command("報告")
        for answer in ANSWERS:
            await liaison.say(answer)
        await liaison.say("送信")
    assert "担当の佐藤さんから折り返しご連絡します" in 田中.text()
    assert "DX推進室の担当者から折り返しご連絡します" in 鈴木.text()
    notices = [m for m in await outbox(app) if "進捗報告からの相談" in (m.reply.title if m.reply else "")]
    assert [m.person_id for m in notices if "Q-1" in m.reply.title] == [str(await person_id(app, "sato"))]
    assert str(await person_id(app, "boss")) in {m.person_id for m in notices if "Q-2" in m.reply.title}  # the office
