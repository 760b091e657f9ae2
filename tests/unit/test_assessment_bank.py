"""The bundled question bank and training catalogue, their validation, typed answers and files."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

import openpyxl
import pytest

from bot.core.errors import ConfigurationError, UserFacingError
from bot.core.model import Role
from handlers.assessment.answers import command_word, parse_level
from handlers.assessment.campaigns import parse_start
from handlers.assessment.model import CampaignMode, Table
from storage.assessment.export import FileExporter
from storage.assessment.files import (
    load_question_bank,
    load_trainings,
    parse_question_bank,
    parse_trainings,
)

CITY_QUESTIONS = {
    "基礎用語": ["DXと従来のIT導入との概念の違いを理解していますか",
               "KPI（Key Performance Indicators）の概念を理解していますか"],
    "エクセル関数": ["Excel関数のCOUNTIFの使い方を理解していますか", "Excel関数のVLOOKUPの使い方を理解していますか"],
    "統計知識": ["平均、中央値、最頻値の概念を理解しデータを活用していますか",
              "相関関係、因果関係の概念を理解しデータを活用していますか"],
    "ツール": ["ズーム等のオンライン会議の画面共有の操作方法を理解していますか", "RPAの概念を理解していますか"],
    "セキュリティ": ["セキュリティの3要素（機密性、可用性、完全性）の概念を理解し、実践していますか"],
}


@pytest.fixture(scope="module")
def bank():
    return load_question_bank()


def test_bank_has_27_questions_in_the_five_fields_with_the_city_wording(bank):
    names = {c.key: c.name for c in bank.categories}
    counts = Counter(names[q.category] for q in bank.questions)
    assert counts == {"基礎用語": 5, "エクセル関数": 6, "統計知識": 6, "ツール": 9, "セキュリティ": 1}
    for field, texts in CITY_QUESTIONS.items():
        in_field = [q.text for q in bank.questions if names[q.category] == field]
        for text in texts:
            assert text in in_field, text
    assert len({q.text for q in bank.questions}) == 27
    assert [lv.label for lv in bank.levels] == ["理解し実践している", "理解している", "聞いたことがある", "知らない"]
    assert [lv.score for lv in bank.levels] == [3, 2, 1, 0]


def test_every_question_leads_to_some_training(bank):
    catalogue = load_trainings(bank)
    covered = {q for t in catalogue.trainings for q in t.questions}
    covered |= {q.id for q in bank.questions for t in catalogue.trainings if q.category in t.categories}
    assert covered == {q.id for q in bank.questions}


def test_a_broken_bank_is_reported_with_every_problem():
    data = {
        "levels": [{"key": "a", "label": "A", "score": 1}, {"key": "b", "label": "B", "score": 2}],
        "categories": [{"key": "x", "name": "X"}],
        "questions": [{"id": "Q1", "category": "y", "text": "t"}, {"id": "Q1", "category": "x", "text": ""}],
    }
    with pytest.raises(ConfigurationError) as err:
        parse_question_bank(data, "q.yaml")
    message = str(err.value)
    assert "best first" in message and "unknown category 'y'" in message
    assert "duplicate id Q1" in message and "'text' is missing" in message


def test_trainings_must_refer_to_known_questions(bank):
    with pytest.raises(ConfigurationError, match="unknown question 'Z99'"):
        parse_trainings({"trainings": [{"id": "T", "title": "x", "questions": ["Z99"]}]}, bank)
    with pytest.raises(ConfigurationError, match="category_weak_below"):
        parse_trainings({"thresholds": {"category_weak_below": 9}, "trainings": []}, bank)


@pytest.mark.parametrize("typed, expected", [
    ("1", "practice"), ("２", "understand"), ("4", "unknown"), ("5", None),
    ("理解し実践している", "practice"), ("実践してます", "practice"),
    ("理解してる", "understand"), ("理解しています。", "understand"), ("わかります", "understand"),
    ("聞いたことがある", "heard"), ("キイタコトガアル", "heard"), ("聞いたことある", "heard"),
    ("知らない", "unknown"), ("シラナイ", "unknown"), ("知りません", "unknown"),
    ("聞いたことがない", "unknown"), ("理解していない", "unknown"), ("わからない", "unknown"),
    ("I understand it", "understand"),
    ("うーん", None), ("実践していない", None), ("VLOOKUPってどう使うの", None),
])
def test_typed_answers_are_read_width_and_kana_insensitively(bank, typed, expected):
    assert parse_level(bank, typed) == expected


def test_poll_words():
    assert command_word("戻る") == "back" and command_word("もどる") == "back"
    assert command_word("中断") == "pause" and command_word("やめる") == "pause"
    assert command_word("理解している") == ""
    for pause in ("ちょっと休憩", "いったん中断します", "ちょっと休む", "また今度", "休憩させてください"):
        assert command_word(pause) == "pause", pause
    assert command_word("ちょっと") == command_word("ちょっとだけ") == ""  # levels, not pauses


def test_start_arguments():
    today = date(2026, 12, 1)
    assert parse_start("all 締切 2026-12-15 named", today, CampaignMode.PSEUDONYMOUS, 14) == (
        [], [], date(2026, 12, 15), CampaignMode.NAMED)
    assert parse_start("総務課,企画課 締切2026/12/20", today, CampaignMode.PSEUDONYMOUS, 14) == (
        ["総務課", "企画課"], [], date(2026, 12, 20), CampaignMode.PSEUDONYMOUS)
    assert parse_start("総務課、税務課 匿名", today, CampaignMode.NAMED, 14) == (
        ["総務課", "税務課"], [], date(2026, 12, 15), CampaignMode.PSEUDONYMOUS)
    assert parse_start("期限 1/10", today, CampaignMode.NAMED, 14)[2] == date(2027, 1, 10)
    with pytest.raises(UserFacingError) as err:
        parse_start("締切 2026-11-30", today, CampaignMode.NAMED, 14)
    assert err.value.key == "assessment.start.past_deadline"
    with pytest.raises(UserFacingError) as err:
        parse_start("締切 2026-02-30", today, CampaignMode.NAMED, 14)
    assert err.value.key == "assessment.start.bad_date"
    with pytest.raises(UserFacingError):
        parse_start("all 総務課", today, CampaignMode.NAMED, 14)


@pytest.mark.parametrize(("said", "expected"), [
    ("締切 来週金曜", date(2026, 12, 11)), ("締切 来週の金曜日", date(2026, 12, 11)),
    ("締切 来週 金曜", date(2026, 12, 11)), ("締切は金曜", date(2026, 12, 4)),
    ("締切 今週金曜", date(2026, 12, 4)), ("締切 12月18日", date(2026, 12, 18)),
    ("締切 12/18", date(2026, 12, 18)), ("締切 １２／１８まで", date(2026, 12, 18)),
    ("締切 今月末", date(2026, 12, 31)), ("締切 来月末", date(2027, 1, 31)),
    ("締切 あした", date(2026, 12, 2)), ("期限 今週中", date(2026, 12, 4)),
])
def test_spoken_deadlines(said, expected):
    # 2026-12-01 is a Tuesday.
    assert parse_start(said, date(2026, 12, 1), CampaignMode.NAMED, 14)[2] == expected


def test_targets_by_role():
    today = date(2026, 12, 1)
    assert parse_start("兼務職員 締切 来週金曜", today, CampaignMode.NAMED, 14)[:2] == ([], [Role.LIAISON])
    assert parse_start("推進員 締切 12月18日", today, CampaignMode.NAMED, 14)[:2] == ([], [Role.LIAISON])
    assert parse_start("職員 市民課", today, CampaignMode.NAMED, 14)[:2] == (["市民課"], [Role.STAFF])
    with pytest.raises(UserFacingError) as err:
        parse_start("兼務職員 締切 らいげつ", today, CampaignMode.NAMED, 14)
    assert err.value.key == "assessment.start.bad_date"


def test_csv_has_a_bom_for_excel_and_defuses_formulas():
    table = Table("部署別", ("部署", "人数"), (("総務課", 5), ("=HYPERLINK(\"x\")", 6)))
    data = FileExporter().csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["部署", "人数"], ["総務課", "5"], ["'=HYPERLINK(\"x\")", "6"]]


def test_xlsx_has_one_sheet_per_table():
    tables = [Table("分野別", ("分野", "平均点"), (("基礎用語", 2.5),)),
              Table("研修計画", ("研修", "人数"), (("DX基礎研修", 8), ("情報セキュリティ研修", 3)))]
    book = openpyxl.load_workbook(io.BytesIO(FileExporter().xlsx(tables)))
    assert book.sheetnames == ["分野別", "研修計画"]
    assert [c.value for c in book["研修計画"][3]] == ["情報セキュリティ研修", 3]
