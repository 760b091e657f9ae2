"""Typed answers read the way Japanese staff type them (bot/core/japanese_numbers.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core import japanese_numbers as jn

TODAY = date(2026, 12, 10)


@pytest.mark.parametrize("text, expected", [
    ("12", 12), ("１２", 12), ("12件", 12), ("12 件", 12), ("１２件", 12), ("十二", 12), ("二十五", 25),
    ("百二十", 120), ("千二百", 1200), ("1,200", 1200), ("１，２００件", 1200), ("1万2千", 12000),
    ("約12件", 12), ("12件くらい", 12), ("0", 0), ("なし", 0), ("十", 10), ("二〇二六", 2026),
    ("3手続", 3), ("5手続き", 5),
])
def test_integers(text, expected):
    assert jn.parse_integer(text) == expected


@pytest.mark.parametrize("text", ["", "たくさん", "12.5", "1,2,3", "12件と5件", "abc", "十二か十三"])
def test_not_integers(text):
    assert jn.parse_integer(text) is None


def test_a_decimal_is_told_apart_from_garbage():
    assert jn.is_decimal_not_integer("12.5件")
    assert not jn.is_decimal_not_integer("たくさん")


def test_field_unit_is_accepted_after_the_number():
    assert jn.parse_integer("7 forms", ["forms"]) == 7
    assert jn.parse_number("3.5時間") == 3.5


@pytest.mark.parametrize("text, expected", [
    ("80%", 80), ("８０％", 80), ("80 %", 80), ("80パーセント", 80), ("8割", 80), ("８割", 80), ("八割", 80),
    ("８割5分", 85), ("8割5分3厘", 85.3), ("5分", 5), ("0.8", 80), ("0.8%", 0.8), ("80", 80), ("半分", 50),
    ("100%", 100), ("約8割", 80), ("12.5%", 12.5),
])
def test_percentages(text, expected):
    assert jn.parse_percent(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["たくさん", "%", "割", "八割くらいかな？"])
def test_not_percentages(text):
    assert jn.parse_percent(text) is None


@pytest.mark.parametrize("text, expected", [
    ("令和8年12月1日", date(2026, 12, 1)), ("令和８年１２月１日", date(2026, 12, 1)), ("R8.12.1", date(2026, 12, 1)),
    ("r8/12/1", date(2026, 12, 1)), ("令和元年5月1日", date(2019, 5, 1)), ("H31.4.30", date(2019, 4, 30)),
    ("2026/12/1", date(2026, 12, 1)), ("2026-12-01", date(2026, 12, 1)), ("2026年12月1日", date(2026, 12, 1)),
    ("20261201", date(2026, 12, 1)), ("12/1", date(2026, 12, 1)), ("12月1日", date(2026, 12, 1)),
    ("十二月一日", date(2026, 12, 1)), ("12月1日(火)", date(2026, 12, 1)), ("1/15", date(2027, 1, 15)),
    ("今日", TODAY), ("あした", date(2026, 12, 11)), ("明日", date(2026, 12, 11)), ("あさって", date(2026, 12, 12)),
    ("12月20日まで", date(2026, 12, 20)),
])
def test_dates(text, expected):
    assert jn.parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026/13/1", "2/30", "令和8年", "来週のどこか", "12"])
def test_not_dates(text):
    assert jn.parse_date(text, TODAY) is None


@pytest.mark.parametrize("text, expected", [
    ("はい", True), ("ハイ", True), ("ある", True), ("あります", True), ("yes", True), ("YES", True),
    ("いいえ", False), ("ない", False), ("なし", False), ("ありません", False), ("no", False), ("特になし", False),
    ("たぶん", None), ("", None),
])
def test_yes_no(text, expected):
    assert jn.parse_yes_no(text) is expected


OPTIONS = [["not_started", "未着手"], ["in_progress", "進行中", "作業中"], ["done", "完了"], ["delayed", "遅延", "遅れ"]]


@pytest.mark.parametrize("text, expected", [
    ("2", 1), ("２", 1), ("2番", 1), ("二", 1), ("進行中", 1), ("進行", 1), ("作業中", 1), ("遅れ", 3),
    ("ｶﾝﾘｮｳ", None), ("完了", 2), ("DONE", 2), ("5", None), ("何か", None),
])
def test_choice_by_number_or_label(text, expected):
    assert jn.parse_choice(text, OPTIONS) == expected


def test_kana_and_width_insensitive_labels():
    options = [["システム"], ["予算"]]
    assert jn.parse_choice("しすてむ", options) == 0
    assert jn.parse_choice("ｼｽﾃﾑ", options) == 0


@pytest.mark.parametrize("text, expected", [
    ("1,3", [0, 2]), ("1と3", [0, 2]), ("1、3", [0, 2]), ("1・3", [0, 2]), ("１，３", [0, 2]), ("1 3", [0, 2]),
    ("未着手と完了", [0, 2]), ("2", [1]), ("1,9", None),
])
def test_several_choices(text, expected):
    assert jn.parse_choices(text, OPTIONS) == expected


def test_kanji_numerals():
    assert jn.kanji_to_int("三千五百") == 3500
    assert jn.kanji_to_int("二万") == 20000
    assert jn.kanji_to_int("かず") is None


@pytest.mark.parametrize("text, expected", [
    # TODAY is Thursday 10 December 2026.
    ("来週の金曜", date(2026, 12, 18)), ("来週金曜", date(2026, 12, 18)), ("来週 金曜日", date(2026, 12, 18)),
    ("金曜", date(2026, 12, 11)), ("木曜", date(2026, 12, 17)), ("今週の月曜", date(2026, 12, 7)),
    ("再来週の水曜日", date(2026, 12, 23)), ("今週末", date(2026, 12, 11)), ("来週中", date(2026, 12, 18)),
    ("月末", date(2026, 12, 31)), ("来月末", date(2027, 1, 31)), ("明後日", date(2026, 12, 12)),
])
def test_spoken_relative_dates(text, expected):
    assert jn.parse_date(text, TODAY) == expected


def test_a_deadline_date_lies_ahead():
    assert jn.parse_date("12/3", TODAY) == date(2026, 12, 3)
    assert jn.parse_date("12/3", TODAY, ahead=True) == date(2027, 12, 3)
    assert jn.join_week_words("締切 来週 の 金曜日 総務課") == "締切 来週金曜日 総務課"


def test_a_month_end_said_with_a_month_is_that_months_end():
    """「2027-01 締切 月末まで」 typed in December: the end of January, not of December (issue 15)."""
    assert jn.parse_date("月末まで", TODAY, month=(2027, 1)) == date(2027, 1, 31)
    assert jn.parse_date("今月末", TODAY, month=(2027, 2)) == date(2027, 2, 28)
    assert jn.parse_date("月末", TODAY) == date(2026, 12, 31)  # no month given: this month
    assert jn.parse_date("来月末", TODAY, month=(2027, 1)) == date(2027, 1, 31)  # relative to today
    assert jn.parse_date("12/18", TODAY, month=(2027, 1)) == date(2026, 12, 18)  # a date is a date
    assert [jn.month_end_offset(t) for t in ("月末まで", "今月末", "来月末", "12/31", "金曜")] == [0, 0, 1, None, None]


@pytest.mark.parametrize("value, fraction, shown", [
    (25, False, "25%"), (25.0, False, "25%"), (72.5, False, "72.5%"), (66.66, False, "66.7%"),
    (0.25, True, "25%"), (0.725, True, "72.5%"), (0.0, True, "0%"), (-0.001, False, "0%"), (None, False, "—"),
])
def test_one_way_to_show_a_percentage(value, fraction, shown):
    assert jn.percent_text(value, fraction=fraction) == shown
