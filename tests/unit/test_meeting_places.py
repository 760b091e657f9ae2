"""The place of a meeting as people write it after the rule (issue 15), and the rule words that
are not a monthly meeting."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.errors import UserFacingError
from handlers.meetings.model import months_with_date, parse_day, parse_meeting_spec, parse_rule

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize("text, rule, place", [
    ("毎月第２火曜日 午後３時から 場所は第3会議室", "毎月第２火曜日 午後３時", "第3会議室"),
    ("毎月第2火曜 15:00、会場：本庁舎3階", "毎月第2火曜 15:00", "本庁舎3階"),
    ("毎月第2火曜 15:00 第3会議室で", "毎月第2火曜 15:00", "第3会議室"),
    ("毎月第2火曜 午後3時から第3会議室で開催", "毎月第2火曜 午後3時", "第3会議室"),
    ("毎月第2火曜 15:00から本庁舎4階 大会議室で", "毎月第2火曜 15:00", "本庁舎4階 大会議室"),
    ("毎月第2火曜 15:00 @本庁舎5階", "毎月第2火曜 15:00", "本庁舎5階"),
    ("M-1 場所は第5会議室", "", "第5会議室"),
    ("毎月最終金曜 午後3時", "毎月最終金曜 午後3時", ""),
    ("2027-01-12 15:00, 2027-02-09 15:00", "2027-01-12 15:00, 2027-02-09 15:00", ""),
])
def test_place_in_natural_forms(text, rule, place):
    spec = parse_meeting_spec(text)
    assert (spec.rule_text, spec.place) == (rule, place)
    assert ("place" in spec.given) == bool(place) and ("rule" in spec.given) == bool(rule)
    if rule:
        parse_rule(rule, TODAY)  # what is left is a rule that reads


@pytest.mark.parametrize("text", ["毎週水曜 10:00", "隔週火曜 15:00", "weekly on Wednesday 10:00"])
def test_weekly_rules_are_refused_as_not_monthly(text):
    with pytest.raises(UserFacingError) as err:
        parse_rule(text, TODAY)
    assert err.value.key == "meeting.rule.monthly_only"


def test_fifth_weekday_is_rare_and_a_day_reads():
    assert months_with_date(parse_rule("毎月第5火曜 15:00", TODAY), TODAY) == 5  # 12/29 3/30 6/29 8/31 11/30
    assert months_with_date(parse_rule("毎月最終火曜 15:00", TODAY), TODAY) is None
    assert parse_day("12/8", TODAY) == date(2026, 12, 8)
    assert parse_day("12月8日", TODAY) == date(2026, 12, 8)
    assert parse_day("1/4", TODAY) == date(2027, 1, 4)
    assert parse_day("あした", TODAY) is None
