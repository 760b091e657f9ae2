"""The people registry: `dxdesk users import` (CSV/XLSX, all or nothing) and the chat admin commands."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from bot.core.model import Role
from storage.people.files import import_people
from tests.support.dialogue import Person

ROSTER = (
    "氏名,所属,役割,SlackID,メールアドレス,言語\n"
    "山田 花子,企画課,兼務職員,U100,hanako@example.jp,日本語\n"
    "John Smith,国際交流課,liaison,,john@example.jp,en\n"
    "佐藤 次郎,税務課,,U300,,\n"
)


async def test_csv_import_is_idempotent_and_links_roles(app_factory, tmp_path: Path):
    app = await app_factory()
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8-sig")
    dry = await import_people(app, path, dry_run=True)
    assert (dry.total, dry.added, dry.errors) == (3, 3, [])
    assert await app.services.people.list() == []  # a dry run writes nothing
    report = await import_people(app, path)
    assert (report.added, report.updated) == (3, 0)
    again = await import_people(app, path)
    assert (again.added, again.updated) == (0, 3)
    liaisons = await app.services.people.list(Role.LIAISON)
    assert sorted((p.display_name, p.department, p.language) for p in liaisons) == [
        ("John Smith", "国際交流課", "en"), ("山田 花子", "企画課", "ja")]
    staff = await app.services.people.find("U300")
    assert staff is not None and staff.role is Role.STAFF


async def test_bad_rows_import_nothing_and_say_where(app_factory, tmp_path: Path):
    app = await app_factory()
    path = tmp_path / "roster.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "department", "role", "slack_id", "email"])
    sheet.append(["山田 花子", "企画課", "liaison", "U100", ""])
    sheet.append(["", "税務課", "部長", "", "not-an-address"])
    sheet.append(["鈴木", "福祉課", "staff", "U100", ""])
    book.save(path)
    report = await import_people(app, path, lang="en")
    problems = dict(report.errors)
    assert set(problems) == {3, 4}
    assert "name is empty" in problems[3] and "unknown role" in problems[3] and "e-mail" in problems[3]
    assert "already used on line 2" in problems[4]
    assert await app.services.people.list() == []


async def test_admin_lists_and_changes_roles_in_chat(app_factory):
    app = await app_factory()
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")
    tanaka = Person(app, "tanaka", "田中 太郎")
    await tanaka.say("こんにちは")

    await admin.command("users set-role 田中 太郎 兼務職員 企画課")  # display names may contain spaces
    assert "田中 太郎（企画課）兼務職員" in admin.text()
    await admin.command("名簿 一覧 企画課")
    assert "田中 太郎" in admin.text() and "室長" not in admin.text()
    await admin.command("users list 兼務職員")
    assert "名簿（1名）" in admin.text()
    鈴木 = Person(app, "suzuki", "鈴木")
    await 鈴木.say("こんにちは")
    await admin.command("名簿 役割 suzuki 兼務職員 企画課")
    await admin.command("名簿 一覧")
    # One heading per department; the people of a department are listed together under it.
    listing = admin.text().splitlines()
    heading = listing.index("■ 企画課（2名）")
    group = "\n".join(listing[heading + 1:heading + 3])
    assert "田中 太郎（企画課）" in group and "鈴木（企画課）" in group
    await admin.command("users set-department tanaka 税務課")
    assert "（税務課）" in admin.text()
    await admin.command("users set-role tanaka 部長")
    assert "使い方" in admin.text()
    await admin.command("users set-role 誰か 職員")
    assert "名簿にいません" in admin.text()
    await admin.command("users set-role local staff")
    assert "管理者が一人もいなくなる" in admin.text()
    await tanaka.command("users list")
    assert "管理者のみ" in tanaka.text()
    person = await app.services.people.find("tanaka")
    assert person is not None and person.role is Role.LIAISON and person.department == "税務課"
    entries = await app.services.audit.list()
    assert any(e.action == "users set-role" and e.result == "ok" for e in entries)


async def test_admin_imports_a_roster_from_chat_and_a_bad_file_changes_nothing(app_factory, tmp_path):
    from tests.support.dialogue import Person as Talker

    app = await app_factory()
    admin = Talker(app, "boss")
    await admin.say("こんにちは")
    roster = tmp_path / "roster.csv"
    roster.write_text("氏名,所属,役割,メール\n山田 花子,企画課,兼務職員,hanako@city.example.jp\n"
                      "佐藤 一郎,市民課,職員,ichiro@city.example.jp\n", encoding="cp932")
    await admin.command(f"users import {roster} 確認のみ")
    assert "確認のみ: 2人" in admin.text()
    assert await app.services.people.find("hanako@city.example.jp") is None
    await admin.command(f"users import {roster}")
    assert "2人を取り込みました" in admin.text()
    hanako = await app.services.people.find("hanako@city.example.jp")
    assert hanako.department == "企画課" and hanako.role.value == "liaison"
    bad = tmp_path / "bad.csv"
    bad.write_text("氏名,所属,役割\n鈴木,総務課,社長\n", encoding="utf-8")
    await admin.command(f"users import {bad}")
    assert "何も取り込んでいません" in admin.text() and "2行目" in admin.text()
    staff = Talker(app, "tanaka")
    await staff.command(f"users import {roster}")
    assert "管理者のみ" in staff.text()


# --- issue 17, point 4 --------------------------------------------------------------------
async def test_a_roster_without_roles_demotes_nobody(app_factory, tmp_path: Path):
    app = await app_factory()
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER.replace("佐藤 次郎,税務課,,", "佐藤 次郎,税務課,管理者,"), encoding="utf-8-sig")
    await import_people(app, roster)
    names_only = tmp_path / "names.csv"
    names_only.write_text("氏名,SlackID\n山田 花子,U100\n佐藤 次郎,U300\n", encoding="utf-8-sig")
    report = await import_people(app, names_only)
    assert (report.added, report.updated, report.errors) == (0, 2, [])
    assert (await app.services.people.find("U300")).role is Role.ADMIN
    hanako = await app.services.people.find("U100")
    assert (hanako.role, hanako.department) == (Role.LIAISON, "企画課")


async def test_conflicts_with_the_registry_are_reported_and_nothing_is_written(app_factory, tmp_path: Path):
    app = await app_factory()
    first = tmp_path / "first.csv"
    first.write_text("氏名,SlackID,メールアドレス\n山田 花子,U100,hanako@example.jp\n鈴木 一郎,U200,ichiro@example.jp\n"
                     "佐藤 三郎,U300,sato@example.jp\n", encoding="utf-8-sig")
    await import_people(app, first)
    clash = tmp_path / "clash.csv"
    clash.write_text("氏名,所属,SlackID,メールアドレス\n"
                     "新人 太郎,総務課,U900,new@example.jp\n"          # fine on its own
                     "山田 花子,企画課,U100,ichiro@example.jp\n"        # U100 is 山田, the mail 鈴木
                     "佐藤 三郎,福祉課,U300,\n"
                     "佐藤 三郎,税務課,,SATO@example.jp\n",             # 佐藤 again, by mail
                     encoding="utf-8-sig")
    report = await import_people(app, clash)
    problems = dict(report.errors)
    assert set(problems) == {3, 5}, report.errors
    assert "別の人（鈴木 一郎）に登録済み" in problems[3] and "4行目と同じ人" in problems[5]
    assert await app.services.people.find("U900") is None  # all or nothing
    assert (await app.services.people.find("U300")).department == ""


async def test_the_import_command_lists_problems_in_the_users_language(app_factory, tmp_path: Path):
    app = await app_factory()
    admin = Person(app, "local", "室長")
    await admin.say("こんにちは")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,slack_id,role\n,U1,boss\n", encoding="utf-8-sig")
    await admin.command(f"users import {bad}")
    assert "2行目" in admin.text() and "氏名が空です" in admin.text() and "役割「boss」は使えません" in admin.text()
    me = (await app.services.people.list(Role.ADMIN))[0]
    me.language = "en"
    await app.services.people.save(me)
    await admin.command(f"users import {bad}")
    assert "line 2" in admin.text() and "name is empty" in admin.text() and "unknown role 'boss'" in admin.text()
