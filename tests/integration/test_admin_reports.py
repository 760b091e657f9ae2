"""Admin summaries, charts and exports on a known data set (tests/support/admin.py), talked to as an
admin would in chat; figures are compared against the hand-worked numbers of the data set."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from PIL import Image

from bot.core.replies import Attachment
from handlers.admin.ports import ADMIN as ADMIN_SERVICES
from handlers.checkins.ports import CHECKINS
from storage import db
from storage.faq.models import QuestionLogRow
from tests.support.admin import (
    ADMIN,
    QUESTIONS,
    checkins_service,
    seed_assessment,
    seed_people,
    seed_progress,
    seed_questions,
)
from tests.support.dialogue import Person


@pytest.fixture
async def app(app_factory, clock):
    app = await app_factory(clock=clock)  # 2026-12-01 09:00 in Tokyo
    people = await seed_people(app)
    await seed_questions(app)
    checkins_service(app)
    await seed_progress(app)
    app.people = people  # type: ignore[attr-defined]
    return app


@pytest.fixture
def admin(app) -> Person:
    return Person(app, ADMIN, "boss")


def attachment(me: Person) -> Attachment:
    files = [a for r in me.replies for a in r.attachments]
    assert len(files) == 1, me.text()
    return files[0]


def field(me: Person, label_part: str) -> str:
    for reply in me.replies:
        for f in reply.fields:
            if label_part in f.label:
                return f.value
    raise AssertionError(f"no field {label_part!r} in {me.text()}")


# --- FAQ -----------------------------------------------------------------------------------
async def test_summary_faq_figures_match_the_data_set(admin):
    await admin.command("summary faq 2026-11")
    assert "FAQ利用状況（2026年11月）" in admin.text()
    assert field(admin, "質問数") == "8件（前月 2件、+6件）"
    # Candidates are not "answered": each way a question went is counted on its own line.
    assert field(admin, "FAQの回答をそのまま表示") == "4件（質問の50%）"
    assert field(admin, "候補を提示") == "2件（うち候補から選んで解決 1件）"
    assert field(admin, "該当するFAQなし") == "2件" and field(admin, "担当者に転送") == "0件"
    assert field(admin, "解決率").startswith(
        "60%（評価 5件のうち解決 3件: 回答で解決 2・候補から解決 1／未解決 1・該当なし 1）")
    # The one kept question was not forwarded: nobody owes an answer, it is an FAQ gap (sixth round).
    assert field(admin, "対応待ち") == "0件（/dx FAQ 未回答）"
    assert field(admin, "FAQ改善候補") == "1件（回答は不要。FAQ項目の追加に）"
    assert field(admin, "承認待ち") == "1件（/dx FAQ 言い換え）"
    top = admin.replies[0].text.splitlines()
    assert top[1:] == ["1. 庁内運動会の 集合場所！（2回）", "2. 公用車の予約（1回）", "3. Zoomの画面共有（1回）"]
    assert "12月の質問" not in admin.text() and "古い質問" not in admin.text()


async def test_summary_faq_counts_only_real_questions(app, admin):
    # A Japanese tester's finding: answers that slipped out of a form were logged as questions and
    # listed as 回答できなかった質問. They are no questions: neither counted nor listed.
    sessions = db.sessionmaker(app.engine)
    async with sessions() as s:
        for day, text in ((9, "うーん、５件かな"), (10, "わからない"), (11, "結果みせて")):
            s.add(QuestionLogRow(person_id=None, text=text, outcome="none", top_entry_id="", score=0.0,
                                 feedback="", created_at=datetime(2026, 11, day, 1, 0, tzinfo=UTC)))
        await s.commit()
    await admin.command("集計 FAQ 2026-11")
    assert field(admin, "質問数") == "8件（前月 2件、+6件）"
    assert field(admin, "該当するFAQなし") == "2件"
    text = admin.replies[0].text
    assert "５件かな" not in text and "わからない" not in text and "結果みせて" not in text, text


async def test_summary_faq_in_japanese_words_and_for_last_month(admin):
    await admin.say("/dx 集計 よくある質問 先月")
    assert field(admin, "質問数").startswith("8件")
    await admin.say("dx summary faq")  # this month (December): one question so far
    assert "2026年12月" in admin.text() and field(admin, "質問数").startswith("1件（前月 8件、-7件）")
    await admin.command("summary faq 全期間")
    assert field(admin, "質問数") == "11件"


async def test_summary_faq_in_english(app, admin):
    person = await app.services.people.find("boss")
    person.language = "en"
    await app.services.people.save(person)
    await admin.command("summary faq 2026-11")
    assert "FAQ desk usage (2026-11)" in admin.text()
    assert field(admin, "Answered directly") == "4 (50% of questions)"
    assert field(admin, "Candidates shown") == "2 (solved by picking one: 1)"


async def test_export_faq_xlsx_reads_back_with_local_times(admin):
    await admin.command("export faq xlsx 2026-11")
    file = attachment(admin)
    assert file.filename == "faq_questions_2026-11.xlsx"
    assert "8行" in admin.text()
    sheet = load_workbook(io.BytesIO(file.content)).active
    assert sheet.title == "質問ログ"
    assert [c.value for c in sheet[1]] == ["日時", "部署", "質問", "結果", "評価", "FAQ番号", "類似度", "担当者対応"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 8
    # 15:30 UTC on Oct 31 is 00:30 on Nov 1 in Tokyo: the first November question.
    assert rows[0][:5] == [datetime(2026, 11, 1, 0, 30), "市民課", "LGWANでZoom", "回答", "解決"]
    assert sheet["A2"].is_date and sheet["G2"].data_type == "n"
    assert rows[5][1:5] == ["福祉課", "電子決裁の差戻し", "候補提示", "候補から解決"]
    assert rows[7][1] == "所属未登録"  # asked by someone without a department
    # Names of the askers are never exported.
    assert not any("suzuki" in str(v) for row in rows for v in row)


async def test_export_faq_csv_all_time_with_and_without_bom(admin):
    await admin.command("export faq csv 全期間")
    file = attachment(admin)
    assert file.filename == "faq_questions_all.csv" and file.mime_type == "text/csv"
    assert file.content.startswith(b"\xef\xbb\xbf")
    text = file.content.decode("utf-8-sig")
    assert text.count("\n") == len(QUESTIONS) + 1
    assert "'=SUM関数の使い方" in text  # cannot run as a formula in Excel
    await admin.command("export faq csv 2026-11 BOMなし")
    assert not attachment(admin).content.startswith(b"\xef\xbb\xbf")


# --- progress ------------------------------------------------------------------------------
async def test_summary_progress_ranks_departments_with_change_missing_and_late(admin):
    await admin.command("summary progress")  # the latest check-in: 2026-11
    reply = admin.replies[0]
    assert reply.title == "進捗状況（2026年11月）"
    assert reply.text.splitlines() == [
        "1. 市民課　65%（26/40件）前月比 +15.0pt",
        "2. 税務課　30%（9/30件）前月比 +10.0pt",
        "3. 建設課　10%（2/20件）前月比 —（前月の報告なし）",
    ]
    assert field(admin, "報告済み") == "3 / 4部署"
    assert field(admin, "平均") == "35%"
    assert field(admin, "未報告") == "福祉課"
    late = field(admin, "遅れているロードマップ項目（2件）")
    assert "市民課: 転出届のオンライン化（目標 2027-06） — 業者との契約が遅れたため" in late
    assert "市民課: 住民票の写しのオンライン請求（目標 2026-10）" in late


async def test_summary_progress_of_an_earlier_month_in_japanese(admin):
    await admin.say("/dx 集計 進捗 2026年10月")
    assert admin.replies[0].title == "進捗状況（2026年10月）"
    assert field(admin, "報告済み") == "3 / 4部署" and field(admin, "未報告") == "建設課"
    assert field(admin, "平均") == "40%"  # (50 + 20 + 50) / 3
    await admin.command("summary progress 2026-09")
    assert admin.text() == "進捗状況（2026年9月）\nこの月の進捗報告はまだありません。"


async def test_chart_progress_is_a_png_with_one_bar_per_reporting_department(admin):
    await admin.say("/dx グラフ 進捗 2026-11")
    file = attachment(admin)
    assert file.filename == "online_rate_2026-11.png" and file.mime_type == "image/png"
    assert file.title == "部署別オンライン化率（2026年11月）"
    image = Image.open(io.BytesIO(file.content))
    assert image.size[0] == 900 and image.size[1] > 250


async def test_chart_trend_for_everyone_and_one_department(admin):
    await admin.command("chart trend")
    file = attachment(admin)
    assert file.filename == "online_rate_trend_2026-11.png"
    assert file.title.startswith("オンライン化率の推移（2025年12月〜2026年11月）")
    await admin.say("/dx グラフ 推移 市民課")
    assert attachment(admin).title.endswith("（市民課）")
    await admin.command("chart trend 土木課")
    assert "「土木課」という部署の報告は見つかりません" in admin.text() and "市民課" in admin.text()


async def test_export_progress_xlsx_has_typed_columns(admin):
    await admin.command("export progress")
    file = attachment(admin)
    assert file.filename == "progress_all.xlsx"
    sheet = load_workbook(io.BytesIO(file.content)).active
    assert [c.value for c in sheet[1]][:6] == ["年月", "部署", "対象手続数", "オンライン化済み", "オンライン化率", "前月比"]
    rows = {(r[0].value, r[1].value): r for r in sheet.iter_rows(min_row=2)}
    assert len(rows) == 6
    shimin = rows[("2026-11", "市民課")]
    assert shimin[2].value == 40 and shimin[3].value == 26
    assert shimin[4].value == pytest.approx(0.65) and shimin[4].number_format == "0.0%"
    assert shimin[5].value == pytest.approx(15.0) and "pt" in shimin[5].number_format
    assert shimin[8].value == 2 and shimin[9].is_date
    assert rows[("2026-11", "建設課")][5].value is None
    await admin.command("export progress csv 2026-10")
    text = attachment(admin).content.decode("utf-8-sig").splitlines()
    assert len(text) == 4 and text[1].startswith("2026-10,市民課,40,20,50%,")


async def test_progress_commands_say_so_when_check_ins_are_not_set_up(app_factory, clock):
    app = await app_factory(clock=clock)
    await seed_people(app)
    app.services.withdraw(CHECKINS)
    boss = Person(app, ADMIN)
    await boss.command("summary progress")
    assert "設定されていない" in boss.text()


# --- assessment ----------------------------------------------------------------------------
async def test_chart_assessment_shows_category_means(app, admin):
    campaign_id = await seed_assessment(app, app.people)
    await admin.say("/dx グラフ 診断")
    file = attachment(admin)
    assert file.filename == f"assessment_{campaign_id}_categories.png"
    assert file.title == f"スキル診断 分野別の平均点（第{campaign_id}回・6人）"
    assert Image.open(io.BytesIO(file.content)).size[0] == 900


async def test_assessment_summary_and_export_respect_the_minimum_group_size(app, admin):
    await seed_assessment(app, app.people, respondents=3)
    await admin.command("chart assessment")
    assert "5人以上の回答が必要" in admin.text()
    assert not [a for r in admin.replies for a in r.attachments]
    await admin.command("summary assessment")
    assert "税務課" not in admin.text() and "市民課" not in admin.text()


async def test_summary_and_export_assessment(app, admin):
    campaign_id = await seed_assessment(app, app.people)
    await admin.say("/dx 集計 アセスメント")
    text = admin.text()
    # Means on the scale of the choices people saw (4 levels, 4 = 理解し実践している), not 0–3 points.
    assert "エクセル関数: 平均 4.0 / 4" in text and "/ 3" not in text
    # 市民課 (5) is large enough on its own, 税務課 (1) is not; the pool of one would be recoverable,
    # so 市民課 is pooled too and no department is named.
    assert "税務課" not in text
    await admin.command("export assessment xlsx")
    files = [a for r in admin.replies for a in r.attachments]
    assert files and files[0].filename == f"assessment_{campaign_id}.xlsx"
    book = load_workbook(io.BytesIO(files[0].content))
    assert book.sheetnames
    await admin.command("export assessment csv")
    csv_files = [a for r in admin.replies for a in r.attachments]
    assert len(csv_files) >= 2 and all(f.content.startswith(b"\xef\xbb\xbf") for f in csv_files)
    await admin.command("export assessment csv BOMなし")
    plain = [a for r in admin.replies for a in r.attachments]
    assert len(plain) == len(csv_files) and not any(f.content.startswith(b"\xef\xbb\xbf") for f in plain)
    assert plain[0].content == csv_files[0].content[3:]


async def test_charts_and_workbooks_are_built_off_the_event_loop(app, admin):
    import threading

    kit = app.services.get(ADMIN_SERVICES)
    loop_thread = threading.get_ident()
    threads: list[int] = []

    class Recording:
        """Wraps the real renderer/exporter and notes which thread did the work."""

        def __init__(self, inner):
            self.inner = inner

        def __getattr__(self, name):
            method = getattr(self.inner, name)

            def run(*args):
                threads.append(threading.get_ident())
                return method(*args)

            return run

    kit.charts, kit.exporter = Recording(kit.charts), Recording(kit.exporter)
    await admin.command("chart progress")
    await admin.command("export progress xlsx")
    await admin.command("export faq csv")
    assert len(threads) == 3 and loop_thread not in threads


async def test_a_check_in_answered_in_chat_shows_up_in_the_summary(app_factory, clock):
    """End to end with the check-in desk: an admin opens December, one liaison answers in chat."""
    from bot.core.model import Role
    from tests.support.people import add_person

    app = await app_factory(clock=clock)
    await add_person(app, ADMIN, Role.ADMIN, "DX推進室")
    await add_person(app, "suzuki", Role.LIAISON, "市民課")
    await add_person(app, "sato", Role.LIAISON, "税務課")
    boss, liaison = Person(app, ADMIN), Person(app, "suzuki")
    await boss.command("checkin start")
    # The sample roadmap has two items for 市民課: the first is reported late, the second on track.
    for line in ("/dx checkin", "40", "26", "1", "遅延", "業者との契約が遅れたため", "スキップ", "進行中",
                 "スキップ", "特になし", "いいえ", "スキップ", "送信"):
        await liaison.say(line)
    assert "提出しました" in liaison.text()
    await boss.command("summary progress")
    assert boss.replies[0].title == "進捗状況（2026年12月）"
    assert boss.replies[0].text == "1. 市民課　65%（26/40件）前月比 —（前月の報告なし）"
    assert field(boss, "報告済み") == "1 / 2部署" and field(boss, "未報告") == "税務課"
    assert field(boss, "遅れている") == "市民課: 住民票の写しのオンライン請求（目標 2027-03） — 業者との契約が遅れたため"


def test_months_as_admins_type_them():
    from datetime import date

    from handlers.admin.period import Month, parse_month

    today = date(2026, 12, 1)
    for typed in ("2026-11", "2026/11", "２０２６年１１月", "202611", "11月", "先月", "last"):
        assert parse_month(typed, today) == Month(2026, 11), typed
    assert parse_month("今月", today) == Month(2026, 12)
    assert parse_month("12月", date(2026, 3, 5)) == Month(2025, 12)  # the latest December, not a future one
    assert parse_month("市民課", today) is None and parse_month("csv", today) is None
    for impossible in ("2026-13", "13月", "1999-01"):
        with pytest.raises(ValueError):
            parse_month(impossible, today)
    assert Month(2026, 1).previous() == Month(2025, 12) and Month(2026, 12).back(3)[0] == Month(2026, 10)
