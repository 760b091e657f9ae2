"""Meeting rules as an office writes them, planned on the 2027 business calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.errors import UserFacingError
from bot.core.text import fold
from handlers.meetings.model import (
    DatesRule,
    MonthlyRule,
    ReminderOffset,
    ShiftRule,
    decide_delivery,
    parse_meeting_spec,
    parse_offsets,
    parse_rule,
    plan_dates,
    plan_reminders,
)
from handlers.meetings.typed import parse_item, parse_rsvp
from scheduler.calendar import BusinessCalendar

TOKYO = ZoneInfo("Asia/Tokyo")
TODAY = date(2026, 12, 1)
CAL = BusinessCalendar()


def tokyo(*args: int) -> datetime:
    return datetime(*args, tzinfo=TOKYO)


@pytest.mark.parametrize("text", [
    "毎月第2火曜 15:00", "毎月第２火曜日 15時", "毎月 第二火曜日の午後3時", "every month, 2nd Tuesday 15:00",
    "2nd Tue 15:00", "second tuesday at 3pm",
])
def test_second_tuesday_in_many_spellings(text):
    assert parse_rule(text, TODAY) == MonthlyRule(2, 1, time(15, 0))


def test_other_rules():
    assert parse_rule("第4火曜 14:30", TODAY) == MonthlyRule(4, 1, time(14, 30))
    assert parse_rule("毎月最終金曜 16時半", TODAY) == MonthlyRule(-1, 4, time(16, 30))
    rule = parse_rule("2027-01-12 15:00, 1/26 10:00", TODAY)
    assert rule == DatesRule((datetime(2027, 1, 12, 15), datetime(2027, 1, 26, 10)))
    # A date without a year written in December is next year's; a time written once applies to all.
    assert parse_rule("1/12、2/9 15:00", TODAY) == DatesRule((datetime(2027, 1, 12, 15), datetime(2027, 2, 9, 15)))


@pytest.mark.parametrize("text, key", [
    ("毎週月曜", "meeting.rule.monthly_only"), ("そのうち月曜 10:00", "meeting.rule.invalid"), ("第2火曜", "meeting.rule.no_time"), ("第6火曜 15:00", "meeting.rule.bad_nth"),
    ("2027-02-30 15:00", "meeting.rule.bad_date"), ("第2火曜 25:00", "meeting.rule.bad_time"), ("", "meeting.rule.empty"),
])
def test_unreadable_rules_get_a_polite_error(text, key):
    with pytest.raises(UserFacingError) as err:
        parse_rule(text, TODAY)
    assert err.value.key == key


def planned(text: str, shift: ShiftRule, count: int = 12) -> list:
    return plan_dates(parse_rule(text, TODAY), CAL, shift, tokyo(2027, 1, 1, 0, 0), count)


def test_fourth_tuesday_rule_over_2027_moves_off_two_holidays():
    dates = planned("毎月第4火曜 15:00", ShiftRule.NEXT)
    moved = {p.planned_date: (p.starts_local, p.shift_reason) for p in dates if p.shift_reason}
    assert moved == {
        date(2027, 2, 23): (tokyo(2027, 2, 24, 15, 0), "天皇誕生日"),
        date(2027, 11, 23): (tokyo(2027, 11, 24, 15, 0), "勤労感謝の日"),
    }
    assert len(dates) == 12 and dates[0].starts_local == tokyo(2027, 1, 26, 15, 0)
    assert dates[1].key == "2027-02-23"  # the key stays the rule's date even when it moves


def test_first_monday_rule_in_golden_week_moves_either_way():
    nxt = {p.planned_date: p for p in planned("毎月第1月曜 10:00", ShiftRule.NEXT)}
    prev = {p.planned_date: p for p in planned("毎月第1月曜 10:00", ShiftRule.PREVIOUS)}
    assert nxt[date(2027, 5, 3)].starts_local == tokyo(2027, 5, 6, 10, 0)
    assert nxt[date(2027, 5, 3)].shift_reason == "憲法記念日"
    assert prev[date(2027, 5, 3)].starts_local == tokyo(2027, 4, 30, 10, 0)
    # 2027-01-04 (Mon) is after the 年末年始 closure: it stays.
    assert nxt[date(2027, 1, 4)].shift_reason == ""


def test_year_end_closure_moves_an_explicit_date():
    [p] = plan_dates(parse_rule("2027-12-29 15:00", TODAY), CAL, ShiftRule.NEXT, tokyo(2027, 12, 1, 0, 0), 3)
    assert p.starts_local == tokyo(2028, 1, 4, 15, 0) and p.shift_reason == "年末年始"


def test_offsets_and_reminder_times():
    offsets = parse_offsets("3営業日前 9:00, 当日 8:30")
    assert [o.key for o in offsets] == ["3bd0900", "0bd0830"]
    assert ReminderOffset.from_key("3bd0900") == offsets[0]
    assert parse_offsets("3 business days before 9:00, same day 8:30") == offsets
    reminders = plan_reminders(tokyo(2027, 2, 24, 15, 0).astimezone(UTC), offsets, CAL)
    assert [r.due_at for r in reminders] == [tokyo(2027, 2, 18, 9, 0), tokyo(2027, 2, 24, 8, 30)]
    # A reminder configured at 7:00 waits until 8:30; one at 16:00 on the day of a 15:00 meeting is dropped.
    early = plan_reminders(tokyo(2027, 2, 24, 15, 0), parse_offsets("当日 7:00, 当日 16:00"), CAL)
    assert [(r.due_at, r.deferred) for r in early] == [(tokyo(2027, 2, 24, 8, 30), True)]
    for bad in ("3営業日前", "明日の朝 9時", "30営業日前 9:00"):
        with pytest.raises(UserFacingError):
            parse_offsets(bad)


def test_late_reminders_are_sent_until_useful_and_wait_out_the_night():
    due, start, grace = tokyo(2027, 2, 18, 9, 0), tokyo(2027, 2, 24, 15, 0), timedelta(hours=24)
    assert decide_delivery(tokyo(2027, 2, 18, 9, 0), due, start, grace, CAL).action == "send"
    late = decide_delivery(tokyo(2027, 2, 18, 11, 0), due, start, grace, CAL)
    assert late.action == "send" and late.late
    night = decide_delivery(tokyo(2027, 2, 18, 20, 0), due, start, grace, CAL)
    assert night.action == "wait" and night.at == tokyo(2027, 2, 19, 8, 30)
    assert decide_delivery(tokyo(2027, 2, 19, 10, 0), due, start, grace, CAL).action == "drop"
    # The morning-of reminder is never sent after the meeting started, whatever the grace.
    assert decide_delivery(tokyo(2027, 2, 24, 15, 1), tokyo(2027, 2, 24, 8, 30), start,
                           timedelta(days=30), CAL).reason == "started"


def test_meeting_spec():
    spec = parse_meeting_spec("M-2 毎月第2火曜 15:00 | 場所: 3階会議室 | 振替: 前営業日 | リマインド: 当日 8:30")
    assert (spec.meeting_ref, spec.rule_text, spec.place, spec.shift_rule) == (2, "毎月第2火曜 15:00", "3階会議室",
                                                                              ShiftRule.PREVIOUS)
    with pytest.raises(UserFacingError):
        parse_meeting_spec("毎月第2火曜 15:00 | 天気: 晴れ")


@pytest.mark.parametrize("text, answer, name", [
    ("出席", "attend", ""), ("出席します", "attend", ""), ("欠席します。出張のため", "absent", ""),
    ("参加できません", "absent", ""), ("代理で山田が出ます", "proxy", "山田"), ("代理出席 佐藤", "proxy", "佐藤"),
    ("I will attend", "attend", ""),
])
def test_typed_rsvps(text, answer, name):
    parsed = parse_rsvp(fold(text))
    assert parsed is not None and parsed[0].value == answer and parsed[1] == name


def test_questions_are_not_mistaken_for_answers():
    for text in ("出席簿の作り方", "出席者の確認方法を教えて", "議題", "代理人の設定"):
        assert parse_rsvp(fold(text)) is None and parse_item(text) is None
    assert parse_item("気づき：Excel のマクロ")[1] == "Excel のマクロ"
