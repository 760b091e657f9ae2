"""The Japanese business calendar: holidays, closures, shifts and quiet hours (2027)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app.scheduling import UNTIL_MEETING, parse_grace
from bot.core.errors import ConfigurationError
from scheduler.calendar import BusinessCalendar, parse_closures, parse_work_hours

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def cal() -> BusinessCalendar:
    return BusinessCalendar()


def tokyo(*args: int) -> datetime:
    return datetime(*args, tzinfo=TOKYO)


def test_holidays_and_closures_have_names(cal):
    assert cal.why_closed(date(2027, 2, 23)) == "天皇誕生日"
    assert cal.why_closed(date(2027, 11, 23)) == "勤労感謝の日"
    assert cal.why_closed(date(2027, 5, 3)) == "憲法記念日"
    assert cal.why_closed(date(2027, 12, 29)) == "年末年始"
    assert cal.why_closed(date(2028, 1, 3)) == "年末年始"
    assert cal.why_closed(date(2027, 2, 20)) == "土曜日"
    assert cal.why_closed(date(2027, 2, 24)) == ""
    assert cal.is_business_day(date(2027, 12, 28)) and not cal.is_business_day(date(2027, 12, 31))


def test_shift_moves_off_holidays_both_ways(cal):
    # Golden Week 2027: 5/3, 5/4, 5/5 are holidays; 5/1-2 a weekend.
    assert cal.shift(date(2027, 5, 3), "next") == date(2027, 5, 6)
    assert cal.shift(date(2027, 5, 3), "previous") == date(2027, 4, 30)
    # 年末年始 closure 12/29-1/3 wraps the year end; 2028-01-04 is a Tuesday.
    assert cal.shift(date(2027, 12, 29), "next") == date(2028, 1, 4)
    assert cal.shift(date(2027, 12, 29), "previous") == date(2027, 12, 28)
    assert cal.shift(date(2027, 2, 24), "next") == date(2027, 2, 24)


def test_add_business_days_skips_holidays(cal):
    # Three business days before Wed 2027-02-24, over 天皇誕生日 (Tue) and a weekend.
    assert cal.add_business_days(date(2027, 2, 24), -3) == date(2027, 2, 18)
    assert cal.add_business_days(date(2027, 2, 19), 1) == date(2027, 2, 22)
    assert cal.add_business_days(date(2027, 2, 24), 0) == date(2027, 2, 24)


def test_quiet_hours_and_next_open(cal):
    assert not cal.is_quiet(tokyo(2027, 2, 18, 8, 30))
    assert cal.is_quiet(tokyo(2027, 2, 18, 8, 29))
    assert cal.is_quiet(tokyo(2027, 2, 18, 18, 0))
    assert cal.is_quiet(tokyo(2027, 2, 23, 10, 0))  # a public holiday at noon is quiet
    # Friday evening waits for Monday morning; the answer keeps the caller's time zone.
    friday_night = tokyo(2027, 2, 19, 20, 0).astimezone(UTC)
    opened = cal.next_open(friday_night)
    assert opened == tokyo(2027, 2, 22, 8, 30) and opened.tzinfo == UTC
    assert cal.next_open(tokyo(2027, 2, 22, 7, 0)) == tokyo(2027, 2, 22, 8, 30)
    assert cal.next_open(tokyo(2027, 12, 28, 19, 0)) == tokyo(2028, 1, 4, 8, 30)
    noon = tokyo(2027, 2, 18, 12, 0)
    assert cal.next_open(noon) is noon


def test_configuration_is_read_and_checked():
    closures = parse_closures("12/29-1/3, 8/13-8/15:夏季休業")
    assert [c.label for c in closures] == ["年末年始", "夏季休業"]
    summer = BusinessCalendar(closures=closures, work_start=time(9, 0), work_end=time(17, 0))
    assert summer.why_closed(date(2027, 8, 13)) == "夏季休業"
    assert summer.is_quiet(tokyo(2027, 8, 12, 8, 45))
    assert parse_work_hours("８:３０-１８:００") == (time(8, 30), time(18, 0))
    assert BusinessCalendar(closures="").is_business_day(date(2027, 12, 29))
    for bad in ("12/32-1/3", "christmas"):
        with pytest.raises(ConfigurationError, match="DXDESK_CLOSURES"):
            parse_closures(bad)
    with pytest.raises(ConfigurationError, match="DXDESK_WORK_HOURS"):
        parse_work_hours("18:00-08:30")
    assert parse_grace("2h") == timedelta(hours=2) and parse_grace("1d30m") == timedelta(days=1, minutes=30)
    assert parse_grace("") == UNTIL_MEETING
    with pytest.raises(ConfigurationError, match="DXDESK_REMINDER_GRACE"):
        parse_grace("soon")
