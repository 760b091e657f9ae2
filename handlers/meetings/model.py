"""Meetings: domain records, the rule grammar an office speaks, and occurrence planning.

Pure standard-library code. A rule is written the way the office says it —
「毎月第2火曜 15:00」, "every month, 2nd Tuesday 15:00", or explicit dates
「2027-01-12 15:00, 2027-02-09 15:00」 — and is turned into occurrences in the office's time zone.
A date that falls on a public holiday or a closure day moves to the next (or previous) business
day, and the reason is kept so that reminders can say why.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol

from bot.core.errors import UserFacingError


class CalendarLike(Protocol):
    """The part of `bot.core.ports.BusinessCalendar` the planner needs."""

    tz: tzinfo

    def why_closed(self, day: date) -> str: ...
    def shift(self, day: date, rule: str) -> date: ...
    def add_business_days(self, day: date, n: int) -> date: ...
    def is_quiet(self, moment: datetime) -> bool: ...
    def next_open(self, moment: datetime) -> datetime: ...


# --- rules ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MonthlyRule:
    """The nth weekday of every month at a time (nth = -1 for the last one)."""

    nth: int
    weekday: int  # 0 = Monday
    at: time


@dataclass(frozen=True)
class DatesRule:
    """Explicit local dates and times."""

    moments: tuple[datetime, ...]  # naive, in the office time zone


Rule = MonthlyRule | DatesRule

_JA_WEEKDAYS = "月火水木金土日"
_EN_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_KANJI_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_EN_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                "fifth": 5, "5th": 5, "last": -1}


# Rules typed in kana before the IME converts them: 「毎月だい2かようび ごご2じ」.
_KANA_WORDS = (
    ("まいつき", "毎月"), ("まいげつ", "毎月"), ("だい", "第"), ("さいしゅう", "最終"), ("さいご", "最後"),
    ("ごご", "午後"), ("ごぜん", "午前"), ("まいしゅう", "毎週"),
)
_KANA_WEEKDAYS = {"げつ": "月", "か": "火", "すい": "水", "もく": "木", "きん": "金", "ど": "土", "にち": "日"}


def _kana_to_kanji(text: str) -> str:
    for kana, kanji in _KANA_WORDS:
        text = text.replace(kana, kanji)
    text = re.sub(r"(げつ|すい|もく|きん|にち|か|ど)よう(び)?",
                  lambda m: _KANA_WEEKDAYS[m.group(1)] + "曜" + ("日" if m.group(2) else ""), text)
    # Half converted: 「火よう」「水ようび」.
    text = re.sub(r"(?<=\d)([月火水木金土日])よう(び)?", lambda m: m.group(1) + "曜" + ("日" if m.group(2) else ""), text)
    text = re.sub(r"(\d)\s*じ\s*はん", r"\1時半", text)
    text = re.sub(r"(\d)\s*じ(?:\s*(\d{1,2})\s*(?:ふん|ぷん))?",
                  lambda m: f"{m.group(1)}時" + (f"{m.group(2)}分" if m.group(2) else ""), text)
    return text


def normalise(text: str) -> str:
    """NFKC (full-width digits and colons become ASCII), lower case, single spaces, kana rule words
    (だい, かようび, ごご, 2じ) in kanji."""
    text = _kana_to_kanji(unicodedata.normalize("NFKC", text).lower())
    for kanji, digit in _KANJI_NUMBERS.items():
        text = text.replace(f"第{kanji}", f"第{digit}").replace(f"{kanji}週", f"{digit}週")
    return re.sub(r"\s+", " ", text).strip()


_TIME_PATTERNS = (
    # 午後3時, 午前10時半, 15時, 15時30分, 15:00, 3pm, 3:30 pm
    re.compile(r"(?P<ampm_ja>午前|午後)?\s*(?P<h>\d{1,2})\s*時\s*(?:(?P<m>\d{1,2})\s*分|(?P<half>半))?"),
    re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})\s*(?P<ampm>am|pm)?"),
    re.compile(r"(?P<h>\d{1,2})\s*(?P<ampm>am|pm)"),
)


# The end of a time range right after the start (「15時〜17時」「15:00-17:00」「15時から17時まで」): not part
# of the rule, and never a place.
_RANGE_END = re.compile(r"\s*(?:〜|~|-|−|ー|から|より)\s*(?:午前|午後)?\s*\d{1,2}\s*(?:時(?:\s*\d{1,2}\s*分|半)?|:\d{2})"
                        r"\s*(?:まで|終了|終わり)?")


def find_time(text: str) -> tuple[time | None, str]:
    """The first time of day in `text` (with the end of a range after it dropped), and the text
    without it."""
    for pattern in _TIME_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        end = _RANGE_END.match(text, m.end())
        if end:
            text = text[: m.end()] + text[end.end():]
        groups = m.groupdict()
        hour = int(groups["h"])
        minute = int(groups.get("m") or 0)
        if groups.get("half"):
            minute = 30
        marker = groups.get("ampm") or groups.get("ampm_ja")
        if marker in ("pm", "午後") and hour < 12:
            hour += 12
        if marker in ("am", "午前") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise UserFacingError("meeting.rule.bad_time", time=m.group(0).strip())
        return time(hour, minute), (text[: m.start()] + " " + text[m.end():]).strip()
    return None, text


def _weekday(word: str) -> int | None:
    word = word.strip()
    if word[:1] and word[0] in _JA_WEEKDAYS and re.fullmatch(r".(曜日?|曜)?", word):
        return _JA_WEEKDAYS.index(word[0])
    for i, name in enumerate(_EN_WEEKDAYS):
        if word.startswith(name):
            return i
    return None


def _parse_monthly(text: str) -> MonthlyRule | None:
    at, rest = find_time(text)
    rest = re.sub(r"\b(every month|monthly|each month|of (the|every|each) month|on the|on|at|the)\b", " ", rest)
    rest = re.sub(r"(毎月|の|に|から|開始|,|、)", " ", rest)
    # 「2週目」「第2週」「第2週目」 say the same as 「第2」; 「最終週」 as 「最終」.
    rest = re.sub(r"第?\s*(\d)\s*週目?", r"第\1", rest)
    rest = re.sub(r"(最終|最後)\s*週目?", r"\1", rest)
    rest = re.sub(r"\s+", " ", rest).strip()
    m = re.fullmatch(r"(?:第\s*(\d)|(最終|最後))\s*(\S+?)", rest.replace(" ", ""))
    nth = weekday = None
    if m:
        nth = -1 if m.group(2) else int(m.group(1))
        weekday = _weekday(m.group(3))
    else:
        m = re.fullmatch(r"(first|second|third|fourth|fifth|last|\dst|\dnd|\drd|\dth)\s+(\w+)", rest)
        if m:
            nth = _EN_ORDINALS.get(m.group(1))
            weekday = _weekday(m.group(2))
    if nth is None or weekday is None:
        return None
    if nth == 0 or nth > 5:
        raise UserFacingError("meeting.rule.bad_nth", nth=nth)
    if at is None:
        raise UserFacingError("meeting.rule.no_time")
    return MonthlyRule(nth, weekday, at)


def monthly_rule(text: str) -> MonthlyRule | None:
    """The monthly rule in `text` however it was typed (「毎月2週目の火曜日の午後3時から」「第二火曜
    15時」), or None for explicit dates and anything unreadable; never raises."""
    try:
        return _parse_monthly(normalise(text))
    except UserFacingError:
        return None


_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})[-/年.](?P<m>\d{1,2})[-/月.](?P<d>\d{1,2})日?"),
    re.compile(r"(?P<m>\d{1,2})(?:/|月)(?P<d>\d{1,2})日?"),
)


def _parse_dates(text: str, today: date) -> DatesRule | None:
    parts = [p.strip() for p in re.split(r"[,、;]|\band\b|と", text) if p.strip()]
    if not parts:
        return None
    found: list[tuple[date, time | None]] = []
    for part in parts:
        for pattern in _DATE_PATTERNS:
            m = pattern.search(part)
            if m:
                break
        else:
            return None
        groups = m.groupdict()
        month, day_ = int(groups["m"]), int(groups["d"])
        year = int(groups["y"]) if groups.get("y") else today.year
        try:
            day = date(year, month, day_)
        except ValueError:
            raise UserFacingError("meeting.rule.bad_date", date=m.group(0)) from None
        if not groups.get("y") and day < today:
            # 「1/12」 written in December means next January.
            try:
                day = date(year + 1, month, day_)
            except ValueError:
                raise UserFacingError("meeting.rule.bad_date", date=m.group(0)) from None
        rest = (part[: m.start()] + " " + part[m.end():])
        rest = re.sub(r"[(（][月火水木金土日](曜日?)?[)）]|\b(mon|tue|wed|thu|fri|sat|sun)\w*\b", " ", rest)
        at, _ = find_time(rest)
        found.append((day, at))
    times = [at for _, at in found if at is not None]
    if not times:
        raise UserFacingError("meeting.rule.no_time")
    # A time written once (「1/12, 2/9 15:00」) applies to the dates written without one.
    default = times[0]
    moments = sorted({datetime.combine(d, at or default) for d, at in found})
    return DatesRule(tuple(moments))


_NOT_MONTHLY = re.compile(r"毎週|隔週|毎日|平日|週1|週一|every (other )?week|weekly|biweekly|daily|every day")


def parse_day(text: str, today: date) -> date | None:
    """The one date in `text` (「12/8」「12月8日」「2026-12-08」), the next such date without a year."""
    rule = _parse_dates(normalise(text) + " 0:00", today) if text.strip() else None
    if rule is None or len(rule.moments) != 1:
        return None
    return rule.moments[0].date()


def months_with_date(rule: Rule, start: date, months: int = 12) -> int | None:
    """How many of the next `months` months have a meeting date (only for a 第5 rule, else None):
    「第5火曜」 exists in only four or five months a year."""
    if not isinstance(rule, MonthlyRule) or rule.nth != 5:
        return None
    return len(rule_dates(rule, start.replace(day=1), months))


def parse_rule(text: str, today: date) -> Rule:
    """Read a meeting rule; raise a polite UserFacingError when it cannot be read."""
    normalised = normalise(text)
    if not normalised:
        raise UserFacingError("meeting.rule.empty")
    if _NOT_MONTHLY.search(normalised):
        # Weekly meetings are not what this desk plans (the office meets monthly): say so plainly
        # rather than 「読み取れませんでした」.
        at, rest = find_time(normalised)
        day = next((c for c in rest if c in _JA_WEEKDAYS), "水")
        example = f"毎月第2{day}曜 {at or time(10, 0):%H:%M}"
        raise UserFacingError("meeting.rule.monthly_only", rule=text.strip()[:40], example=example)
    rule: Rule | None = _parse_monthly(normalised)
    if rule is None:
        rule = _parse_dates(normalised, today)
    if rule is None:
        raise UserFacingError("meeting.rule.invalid", rule=text.strip()[:100])
    return rule


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> date | None:
    """The nth (or last, nth=-1) given weekday of a month; None when the month has no such day."""
    if nth == -1:
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        last = nxt - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def rule_dates(rule: Rule, start: date, months: int = 14) -> list[tuple[date, time]]:
    """Planned (unshifted) local dates and times on or after `start`, in order."""
    if isinstance(rule, DatesRule):
        return [(m.date(), m.time()) for m in rule.moments if m.date() >= start]
    out: list[tuple[date, time]] = []
    year, month = start.year, start.month
    for _ in range(months):
        day = nth_weekday(year, month, rule.nth, rule.weekday)
        if day is not None and day >= start:
            out.append((day, rule.at))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# --- reminder offsets ----------------------------------------------------------------------
@dataclass(frozen=True)
class ReminderOffset:
    """A reminder `business_days` before the meeting day at local time `at` (0 = the morning of)."""

    business_days: int
    at: time

    @property
    def key(self) -> str:
        """Stable id used in job ids and dedupe keys, e.g. "3bd0900"."""
        return f"{self.business_days}bd{self.at:%H%M}"

    @classmethod
    def from_key(cls, key: str) -> ReminderOffset | None:
        """Inverse of `key`."""
        m = re.fullmatch(r"(\d{1,2})bd(\d{2})(\d{2})", key)
        if not m:
            return None
        return cls(int(m.group(1)), time(int(m.group(2)), int(m.group(3))))


def parse_offsets(text: str) -> tuple[ReminderOffset, ...]:
    """「3営業日前 9:00, 当日 8:30」 / "3 business days before 9:00, same day 8:30" / "3bd 9:00"."""
    offsets: list[ReminderOffset] = []
    for part in re.split(r"[,、;]", normalise(text)):
        part = part.strip()
        if not part:
            continue
        at, rest = find_time(part)
        rest = rest.replace(" ", "")
        if re.fullmatch(r"(当日|当日朝|朝|sameday|dayof|onthedayof|theday|morningof|0bd|0)", rest):
            days = 0
        elif re.fullmatch(r"(前日|前営業日|daybefore|thedaybefore|1daybefore)", rest):
            days = 1
        else:
            m = re.fullmatch(r"(\d{1,2})(営業日前|営業日|日前|bd|businessdays?before|businessdays?|daysbefore)?",
                             rest)
            if not m:
                raise UserFacingError("meeting.offsets.invalid", part=part)
            days = int(m.group(1))
        if days > 20:
            raise UserFacingError("meeting.offsets.invalid", part=part)
        if at is None:
            raise UserFacingError("meeting.offsets.no_time", part=part)
        offsets.append(ReminderOffset(days, at))
    if not offsets:
        raise UserFacingError("meeting.offsets.invalid", part=text)
    unique = {o.key: o for o in offsets}
    return tuple(sorted(unique.values(), key=lambda o: (-o.business_days, o.at)))


# --- records -------------------------------------------------------------------------------
class ShiftRule(str, enum.Enum):
    """Where a meeting on a closed day moves to."""

    NEXT = "next"
    PREVIOUS = "previous"

    @classmethod
    def parse(cls, text: str) -> ShiftRule | None:
        """「翌営業日」「前営業日」 / next / previous."""
        key = normalise(text).replace(" ", "")
        table = {"next": cls.NEXT, "翌営業日": cls.NEXT, "翌日": cls.NEXT, "後": cls.NEXT, "次": cls.NEXT,
                 "nextbusinessday": cls.NEXT, "previous": cls.PREVIOUS, "prev": cls.PREVIOUS,
                 "前営業日": cls.PREVIOUS, "前日": cls.PREVIOUS, "前": cls.PREVIOUS,
                 "previousbusinessday": cls.PREVIOUS}
        return table.get(key)


@dataclass
class Meeting:
    """A recurring (or explicitly dated) meeting of the office with the liaisons."""

    id: int
    title: str
    rule_text: str
    place: str = ""
    link: str = ""
    agenda: str = ""
    offsets_text: str = ""
    shift_rule: ShiftRule = ShiftRule.NEXT
    active: bool = True
    created_by: int | None = None
    # Reminders planned before this moment never fire late: setting a meeting two days ahead
    # must not send the "3 business days before" reminder at once.
    rule_set_at: datetime | None = None


class OccurrenceStatus(str, enum.Enum):
    """Life of one meeting date."""

    SCHEDULED = "scheduled"
    SKIPPED = "skipped"  # skip-next
    CANCELLED = "cancelled"  # the meeting was cancelled
    REPLACED = "replaced"  # the rule changed and this date is no longer part of it


@dataclass
class Occurrence:
    """One meeting date: the date the rule gives, and the date it really takes place."""

    id: int
    meeting_id: int
    key: str  # the planned date, ISO ("2027-02-23"): stable even when the date moves
    planned_date: date
    starts_at: datetime  # aware UTC, after the holiday shift
    shift_reason: str = ""  # 「天皇誕生日」 when moved, "" otherwise
    status: OccurrenceStatus = OccurrenceStatus.SCHEDULED
    place: str = ""  # its own place ("" = the meeting's): a date kept after a rule change keeps its place

    @property
    def moved(self) -> bool:
        """True when the meeting does not take place on the rule's date."""
        return bool(self.shift_reason)


def place_of(meeting: Meeting, occ: Occurrence) -> str:
    """Where one date takes place: its own place when it has one, else the meeting's."""
    return occ.place or meeting.place


class RsvpAnswer(str, enum.Enum):
    """An answer to a meeting invitation."""

    ATTEND = "attend"
    ABSENT = "absent"
    PROXY = "proxy"


@dataclass
class Rsvp:
    """One person's answer for one occurrence (the latest answer wins)."""

    occurrence_id: int
    person_id: int
    answer: RsvpAnswer
    proxy_name: str = ""
    comment: str = ""
    updated_at: datetime | None = None


class ItemKind(str, enum.Enum):
    """What a liaison sends before a meeting."""

    AGENDA = "agenda"  # 議題
    IDEA = "idea"  # 小さな気づき


@dataclass
class MeetingItem:
    """An agenda item or a small observation (小さな気づき) sent for an occurrence."""

    id: int
    meeting_id: int
    occurrence_id: int | None
    person_id: int | None
    kind: ItemKind
    text: str
    created_at: datetime | None = None


@dataclass
class ReminderRun:
    """What happened to one reminder of one occurrence (sent, sent late, or missed)."""

    occurrence_id: int
    offset_key: str
    status: str  # sent | late | missed | manual
    due_at: datetime | None = None
    done_at: datetime | None = None
    recipients: int = 0


@dataclass(frozen=True)
class MeetingConfig:
    """Defaults read from settings by the composition root."""

    shift_rule: ShiftRule = ShiftRule.NEXT
    offsets_text: str = "3営業日前 9:00, 当日 8:30"
    grace: timedelta = timedelta(hours=24)
    default_title: str = ""
    horizon: int = 2  # how many upcoming occurrences get reminder jobs


# --- planning ------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlannedDate:
    """A rule date placed on the business calendar."""

    key: str
    planned_date: date
    starts_local: datetime  # aware, office time zone
    shift_reason: str

    @property
    def starts_at(self) -> datetime:
        """Aware UTC start."""
        return self.starts_local.astimezone(UTC)


def plan_dates(rule: Rule, calendar: CalendarLike, shift_rule: ShiftRule, after: datetime,
               count: int) -> list[PlannedDate]:
    """The next `count` meetings that start after `after`, shifted off closed days."""
    local_after = after.astimezone(calendar.tz)
    # Start a week early: a date shifted forward (e.g. from a holiday) may still be upcoming.
    start = local_after.date() - timedelta(days=7)
    out: list[PlannedDate] = []
    for day, at in rule_dates(rule, start):
        reason = calendar.why_closed(day)
        real = calendar.shift(day, shift_rule.value) if reason else day
        starts = datetime.combine(real, at, tzinfo=calendar.tz)
        if starts <= local_after:
            continue
        out.append(PlannedDate(day.isoformat(), day, starts, reason if real != day else ""))
        if len(out) >= count:
            break
    return out


@dataclass(frozen=True)
class PlannedReminder:
    """When one reminder of an occurrence goes out (after moving it out of quiet hours)."""

    offset: ReminderOffset
    due_at: datetime  # aware UTC, when it will be sent
    nominal_at: datetime  # aware UTC, before the quiet-hours move
    deferred: bool


def plan_reminders(starts_at: datetime, offsets: tuple[ReminderOffset, ...],
                   calendar: CalendarLike) -> list[PlannedReminder]:
    """Reminder times for a meeting; a time in quiet hours waits for the next open moment.

    A reminder that would only be sent at or after the meeting start is dropped.
    """
    local_start = starts_at.astimezone(calendar.tz)
    out: list[PlannedReminder] = []
    for offset in offsets:
        day = calendar.add_business_days(local_start.date(), -offset.business_days)
        nominal = datetime.combine(day, offset.at, tzinfo=calendar.tz).astimezone(UTC)
        due = calendar.next_open(nominal).astimezone(UTC)
        if due >= starts_at:
            continue
        out.append(PlannedReminder(offset, due, nominal, due != nominal))
    return sorted(out, key=lambda r: r.due_at)


@dataclass
class LateDecision:
    """What a reminder job that fires now should do."""

    action: str  # "send" | "wait" | "drop"
    at: datetime | None = None
    late: bool = False
    reason: str = ""


def decide_delivery(now: datetime, due_at: datetime, starts_at: datetime, grace: timedelta,
                    calendar: CalendarLike) -> LateDecision:
    """Send now, wait for office hours, or drop a reminder that is no longer useful.

    A reminder is useful until the meeting starts and at most `grace` after it was due; a
    reminder due during quiet hours (or a late one found at night) waits for the next open
    moment when that is still useful.
    """
    deadline = min(starts_at, due_at + grace)
    if now >= deadline:
        return LateDecision("drop", reason="started" if now >= starts_at else "grace")
    if calendar.is_quiet(now):
        opened = calendar.next_open(now).astimezone(UTC)
        if opened >= deadline:
            return LateDecision("drop", reason="quiet")
        return LateDecision("wait", at=opened)
    return LateDecision("send", late=now - due_at > timedelta(minutes=5))


@dataclass
class MeetingSpec:
    """The parts of a `meeting set` command, before they are applied."""

    meeting_ref: int | None = None
    rule_text: str = ""
    title: str = ""
    place: str = ""
    link: str = ""
    agenda: str = ""
    offsets_text: str = ""
    shift_rule: ShiftRule | None = None
    start_time: time | None = None  # a time-only change (「時間は15時から」): the rule's days stay
    given: set[str] = field(default_factory=set)


_SPEC_KEYS = {
    "名称": "title", "会議名": "title", "名前": "title", "件名": "title", "title": "title", "name": "title",
    "場所": "place", "会場": "place", "place": "place", "location": "place", "room": "place",
    "リンク": "link", "url": "link", "link": "link", "オンライン": "link", "online": "link", "web": "link",
    "議題": "agenda", "agenda": "agenda", "内容": "agenda",
    "リマインド": "offsets", "リマインダー": "offsets", "通知": "offsets", "reminders": "offsets",
    "reminder": "offsets", "remind": "offsets",
    "振替": "shift", "振替ルール": "shift", "休日": "shift", "shift": "shift", "holiday": "shift",
    "日程": "rule", "日時": "rule", "rule": "rule", "when": "rule",
}


def parse_meeting_ref(token: str) -> int | None:
    """「M-3」「m3」「3」 -> 3."""
    m = re.fullmatch(r"\s*[mMｍＭ]?[-－‐−–ー]?([0-9０-９]{1,6})\s*", token)
    return int(unicodedata.normalize("NFKC", m.group(1))) if m else None


# The place as people write it after the rule: 「場所は第3会議室」「会場：3階」「@3階会議室」
# 「第3会議室で」 (「午後3時から第3会議室で」).
_PLACE_MARKED = re.compile(r"(?:^|\s|、|,|から|より)(?:(?:場所|会場|place|location|room)\s*(?:は|:|：|=)|(?:場所|会場)\s)\s*(?P<place>\S.*?)\s*$",
                           re.IGNORECASE)
_PLACE_AT = re.compile(r"(?:^|\s)[@＠]\s*(?P<place>\S.*?)\s*$")
_PLACE_DE = re.compile(r"(?:から|より)\s*(?P<place>(?:(?!から|より|まで)[^、,])+?)\s*で(?:開催|行います|実施)?(?:します)?[。.]?\s*$")
_PLACE_DE_WORD = re.compile(
    r"(?:\s|、|,)(?P<place>(?:(?!から|より|まで)[^\s、,])+?)\s*で(?:開催|行います|実施)?(?:します)?[。.]?\s*$")


# A time as typed after a monthly rule (「15:00」「１５：００」「午後3時半から」), for a place that follows
# it without a marker: 「毎月第2火曜日 15:00 会議室A」.
_ONE_TIME = r"(?:午前|午後)?\s*[0-9０-９]{1,2}\s*(?:[:：]\s*[0-9０-９]{2}|時(?:\s*[0-9０-９]{1,2}\s*分|半)?)"
_RAW_TIME = re.compile(_ONE_TIME + r"(?:\s*(?:〜|～|~|-|－|−|ー|から|より)\s*" + _ONE_TIME + r"\s*(?:まで|終了|終わり)?)?"
                       r"(?:\s*(?:から|より|開始))?")
# Polite endings that are not part of the place: 「３階の会議室Ｂでおねがい」「会議室Aでお願いします」.
_PLACE_POLITE = re.compile(r"\s*(?:で\s*(?:お願い|おねがい)(?:します|いたします|致します)?|です|にします|でお願い)[。.!！]*\s*$")
# The spoken verb of a change is not part of the place either: 「301会議室に変更」「第5会議室へ変更でお願いします」
# 「会議室Bに変えて」「本庁舎4階にしてください」「会議室Cに移します」.
# 「場所は第３会議室で」「場所は会議室Aでやります」: the particle that ends a spoken place is not part of it.
_PLACE_DE_END = re.compile(r"(?<=\S)\s*で(?:開催|やります|行います|実施)?(?:します)?[。.!！]*\s*$")
_PLACE_CHANGE = re.compile(
    r"\s*(?:に|へ)\s*(?:(?:変更|へんこう|変え|かえ|切り替え|切替|移動|移し)(?:て|で|します|しました|する|ます)?|し(?:て|ます))"
    r"(?:ください|下さい|くれる|お願いします|おねがいします|お願い|おねがい|ほしい|欲しい)?"
    r"(?:です)?[。.!！]*\s*$")


def clean_place(place: str) -> str:
    """The place without trailing punctuation or a polite ending."""
    place = place.strip(" 。.")
    place = _PLACE_POLITE.sub("", place).strip(" 。.")
    place = _PLACE_CHANGE.sub("", place).strip(" 。.")
    place = _PLACE_DE_END.sub("", place).strip(" 。.")
    return place[:300]


def split_place(head: str) -> tuple[str, str]:
    """(the rule, the place) of 「毎月第2火曜 午後3時から 場所は第3会議室」; the place may be ""."""
    for pattern in (_PLACE_MARKED, _PLACE_AT):
        m = pattern.match(head.strip())
        if m:  # only a place: 「/dx 会議 設定 M-1 場所は第5会議室」
            return "", clean_place(m.group("place"))
    for pattern in (_PLACE_MARKED, _PLACE_AT, _PLACE_DE, _PLACE_DE_WORD):
        m = pattern.search(head)
        if m and head[: m.start()].strip():
            rule = re.sub(r"\s*(?:から|より|、|,|[〜～~])\s*$", "", head[: m.start()].strip())
            return rule, clean_place(m.group("place"))
    # 「毎月第2火曜日 15:00 会議室A」: whatever follows the time of a readable monthly rule is the place.
    for m in _RAW_TIME.finditer(head):
        rest = head[m.end():].strip(" 、,〜～~")
        rule = head[: m.end()].strip()
        if rest and _parse_monthly(normalise(rule)) is not None:
            return re.sub(r"\s*(?:から|より|開始|[〜～~])$", "", rule), clean_place(rest)
    return head, ""


# A time said on its own, as a change of the time only: 「時間は１５時から」「開始を14:30に変更」「15時〜17時」.
_TIME_HEAD = re.compile(r"^(?:時間|時刻|開始時間|開始時刻|開始|じかん|time|start)\s*(?:は|を|が|:|=)?\s*")
_TIME_TAIL = re.compile(r"^[〜～~]?\s*(?:から|より|開始|スタート|start)?\s*(?:に|へ)?\s*(?:変更|へんこう|変え|かえ|し)?"
                        r"(?:して|て|で|します|する|ます|たい|したい)?(?:ください|下さい|お願いします|おねがいします|お願い|おねがい)?"
                        r"(?:です)?[。.!！\s]*$")


def time_only(head: str) -> time | None:
    """The start time when `head` says nothing but a time (the day of the rule is not given)."""
    text = _TIME_HEAD.sub("", normalise(head))
    if not text:
        return None
    try:
        at, rest = find_time(text)
    except UserFacingError:
        return None
    if at is None or not text.startswith(tuple("0123456789午")) or not _TIME_TAIL.match(rest.strip()):
        return None
    return at


def with_start_time(rule_text: str, at: time, today: date) -> str:
    """The rule with another start time, its days unchanged: 「毎月第2火曜 15:00」 → 「毎月第2火曜 14:00」."""
    rule = parse_rule(rule_text, today)
    if isinstance(rule, DatesRule):
        return ", ".join(f"{m:%Y-%m-%d} {at:%H:%M}" for m in rule.moments)
    day = _JA_WEEKDAYS[rule.weekday]
    nth = "最終" if rule.nth == -1 else f"第{rule.nth}"
    return f"毎月{nth}{day}曜 {at:%H:%M}"


def parse_meeting_spec(args: str) -> MeetingSpec:
    """`[M-1] 毎月第2火曜 15:00 | 場所: 3階会議室 | リンク: https://... | リマインド: 3営業日前 9:00`."""
    spec = MeetingSpec()
    parts = [p.strip() for p in re.split(r"[|｜]", args)]
    head = parts[0] if parts else ""
    words = head.split(maxsplit=1)
    if words and re.fullmatch(r"[mMｍＭ][-－‐−–ー]?[0-9０-９]+", words[0]):
        spec.meeting_ref = parse_meeting_ref(words[0])
        head = words[1] if len(words) > 1 else ""
    head, place = split_place(head)
    if place:
        spec.place = place
        spec.given.add("place")
    start = time_only(head)
    if start is not None:
        spec.start_time = start
        spec.given.add("time")
    elif head:
        spec.rule_text = head
        spec.given.add("rule")
    for part in parts[1:]:
        if not part:
            continue
        m = re.match(r"([^:：=]+)[:：=]\s*(.*)$", part, re.S)
        key = _SPEC_KEYS.get(normalise(m.group(1)).replace(" ", "")) if m else None
        if m is None or key is None:
            raise UserFacingError("meeting.set.unknown_part", part=part[:60])
        value = m.group(2).strip()
        if key == "shift":
            shift = ShiftRule.parse(value)
            if shift is None:
                raise UserFacingError("meeting.set.bad_shift", value=value[:40])
            spec.shift_rule = shift
        elif key == "offsets":
            spec.offsets_text = value
        elif key == "rule":
            spec.rule_text = value
        elif key == "place":
            spec.place = clean_place(value)
        else:
            setattr(spec, key, value)
        spec.given.add(key)
    return spec
