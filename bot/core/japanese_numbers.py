"""Reading typed answers the way Japanese staff type them (standard library only).

Numbers: 全角/半角 digits, thousands separators, counters (「12件」「12 件」), kanji numerals
(「十二」「二十五」「百二十」「1万2千」), approximations (「約12件」「12件くらい」).
Percentages: 「80%」「８０％」「80パーセント」「8割」「８割5分」「八割」「半分」; a bare number is a
percentage (「80」 = 80 %), except a bare decimal below 1, which is read as a ratio (「0.8」 = 80 %),
because nobody reports "0.8 percent" progress in these forms — write 「0.8%」 for that.
Dates: 「令和8年12月1日」「R8.12.1」「令和元年5月1日」「2026/12/1」「2026-12-01」「2026年12月1日」
「十二月一日」「12/1」「12月1日」, 「今日」「明日」「あさって」「明後日」「昨日」, and the spoken relative
forms 「金曜」「来週金曜」「来週の金曜日」「再来週の月曜」「今週末」「来週中」「月末」「今月末」「来月末」. A date
without a year is the one nearest to today (so 「1/15」 typed in December means next January), or
with `ahead=True` the next one on or after today (a deadline). A weekday alone is the next one
after today; 「今週末」 is that week's Friday (offices close on the weekend); 「月末」 the month's last day
(of the month the sentence names when the caller passes one: 「2027-01 締切 月末」 is 31 January).
Yes/no: 「はい」「いいえ」「ある」「ない」「あり」「なし」「有」「無」「yes」「no」….
Choices: by number or by label, ignoring width, case and hiragana/katakana differences;
several at once as 「1,3」「1と3」「1、3」「1・3」.

Every parser returns None when it cannot read the text; the caller explains what is expected.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta

from bot.core import vocabulary

_KANJI_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "壱": 1, "二": 2, "弐": 2, "三": 3, "参": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}
_KANJI_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
_KANJI_BIG_UNITS = {"万": 10_000, "億": 100_000_000}
_NUMERAL_CHARS = "".join(_KANJI_DIGITS) + "".join(_KANJI_SMALL_UNITS) + "".join(_KANJI_BIG_UNITS)

# Counters staff attach to a count; the field's own unit is accepted as well.
COUNTERS = (
    "件", "個", "本", "つ", "手続き", "手続", "種類", "種", "人", "名", "回", "枚", "台", "項目",
    "フォーム", "様式", "課", "部署", "か所", "箇所", "ヶ所", "カ所", "日", "時間", "円",
)
_APPROX_PREFIX = re.compile(r"^(約|およそ|だいたい|大体|ほぼ|概ね|おおむね)")
_APPROX_SUFFIX = re.compile(r"(くらい|ぐらい|位|程度|ほど|前後|ちょっと|強|弱)$")
_ZERO_WORDS = {"なし", "無し", "ない", "ゼロ", "ぜろ", "無", "none", "zero"}


def normalize(text: str) -> str:
    """NFKC (全角 digits and ％ become 半角), trimmed, inner spaces removed, lower case."""
    folded = unicodedata.normalize("NFKC", text or "").strip().lower()
    return re.sub(r"\s+", "", folded)


def fold_kana(text: str) -> str:
    """Width-, case- and kana-insensitive key: NFKC, lower case, katakana as hiragana,
    without spaces and quotation marks (for matching choice labels and command words)."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    out = []
    for ch in folded:
        code = ord(ch)
        out.append(chr(code - 0x60) if 0x30A1 <= code <= 0x30F6 else ch)
    return re.sub(r"[\s「」『』\"'“”‘’。.!！]", "", "".join(out))


def kanji_to_int(text: str) -> int | None:
    """「十二」→12, 「二十五」→25, 「百二十」→120, 「千二百」→1200, 「二〇二六」→2026, 「1万2千」→12000."""
    if not text or any(ch not in _NUMERAL_CHARS and not ch.isdigit() for ch in text):
        return None
    total = 0  # completed 万/億 blocks
    section = 0  # the part below 万
    current: int | None = None  # digits read since the last unit (positional: 二〇二六)
    for ch in text:
        if ch.isdigit() or ch in _KANJI_DIGITS:
            digit = int(ch) if ch.isdigit() else _KANJI_DIGITS[ch]
            current = digit if current is None else current * 10 + digit
        elif ch in _KANJI_SMALL_UNITS:
            section += (1 if current is None else current) * _KANJI_SMALL_UNITS[ch]
            current = None
        else:
            block = section + (current or 0)
            if block == 0:
                block = 1
            total += block * _KANJI_BIG_UNITS[ch]
            section, current = 0, None
    return total + section + (current or 0)


# 「12件です」「8件あります」「だいたい10件くらいだよ」: the polite or casual end of a sentence.
_SENTENCE_END = re.compile(r"(?:です|でした|ですね|ですよ|あります|ありました|だよ|だね|だ|かな|。|!|！)+$")


def _strip_approx(text: str) -> str:
    text = _SENTENCE_END.sub("", text) or text
    text = _APPROX_PREFIX.sub("", text)
    return _APPROX_SUFFIX.sub("", text)


def _strip_unit(text: str, units: Sequence[str], counters: bool = True) -> str:
    # Longest unit first so that 「手続き」 wins over 「手続」. Without `counters` only the given
    # units are accepted: a field that says 件 (or a percent) does not take 「12人」.
    for unit in sorted({u for u in (*units, *(COUNTERS if counters else ())) if u}, key=len, reverse=True):
        folded_unit = normalize(unit)
        if folded_unit and text.endswith(folded_unit) and len(text) > len(folded_unit):
            return text[: -len(folded_unit)]
    return text


_PLAIN_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_number(text: str, units: Sequence[str] = (), counters: bool = True) -> float | None:
    """A non-negative or negative decimal number with an optional counter/unit ("12.5件", "1,200");
    with `counters=False` only `units` (or none) may follow the number."""
    s = _strip_approx(normalize(text))
    if s in _ZERO_WORDS:
        return 0.0
    if s in _NATIVE_COUNTS:
        return float(_NATIVE_COUNTS[s])  # 「ふたつ」: not 「ふた」 and a counter
    s = _strip_unit(s, units, counters)
    s = _strip_approx(s)
    s = s.replace("、", ",").replace("，", ",")
    if _PLAIN_NUMBER.match(s):
        return float(s.replace(",", ""))
    value = kanji_to_int(s)
    if value is None:
        value = kana_to_int(s)
    return float(value) if value is not None else None


_KANA_NUMERALS = (("ぜろ", "〇"), ("れい", "〇"), ("いち", "一"), ("さん", "三"), ("よん", "四"), ("ろく", "六"),
                  ("なな", "七"), ("しち", "七"), ("はち", "八"), ("きゅう", "九"), ("じゅう", "十"),
                  ("ひゃく", "百"), ("びゃく", "百"), ("ぴゃく", "百"), ("せん", "千"), ("ぜん", "千"),
                  ("まん", "万"), ("に", "二"), ("し", "四"), ("ご", "五"), ("く", "九"))
_KANA_COUNTER = re.compile(r"(けん|こ|にん|めい|かい|ほん|つ)$")


# The native counting words (「ふたつ」「みっつ」「とお」), in kana; 「二つ」 is a kanji numeral and a counter.
_NATIVE_COUNTS = {"ひとつ": 1, "ふたつ": 2, "みっつ": 3, "よっつ": 4, "いつつ": 5, "むっつ": 6, "ななつ": 7, "やっつ": 8,
                  "ここのつ": 9, "とお": 10}


def kana_to_int(text: str) -> int | None:
    """「に」→2, 「じゅうに」→12, 「ふたつ」→2, 「さんじゅうはっけん」 is not read (only plain readings)."""
    if text in _NATIVE_COUNTS:
        return _NATIVE_COUNTS[text]
    s = _KANA_COUNTER.sub("", text) if len(text) > 2 else text
    if s.isdigit() and s != text:
        return int(s)  # 「12けん」
    if not s or any(not ("\u3041" <= ch <= "\u3096") for ch in s):
        return None
    out = []
    while s:
        for reading, kanji in _KANA_NUMERALS:
            if s.startswith(reading):
                out.append(kanji)
                s = s[len(reading):]
                break
        else:
            return None
    return kanji_to_int("".join(out))


def parse_integer(text: str, units: Sequence[str] = (), counters: bool = True) -> int | None:
    """A whole number (「12件」「１２」「十二」「1,200」); None for anything else, including 12.5."""
    value = parse_number(text, units, counters)
    if value is None or value != int(value):
        return None
    return int(value)


def is_decimal_not_integer(text: str, units: Sequence[str] = (), counters: bool = True) -> bool:
    """True when the text is a number with a fractional part (to explain "whole numbers only")."""
    value = parse_number(text, units, counters)
    return value is not None and value != int(value)


_WARI = re.compile(r"^(?P<wari>[\d一二三四五六七八九十〇]+)割(?:(?P<bu>[\d一二三四五六七八九〇])分)?"
                   r"(?:(?P<rin>[\d一二三四五六七八九〇])厘)?$")
_BU_ONLY = re.compile(r"^(?P<bu>[\d一二三四五六七八九〇])分(?:(?P<rin>[\d一二三四五六七八九〇])厘)?$")
_PERCENT_WORDS = {"半分": 50.0, "半数": 50.0, "全部": 100.0, "すべて": 100.0, "全て": 100.0,
                  "全部済み": 100.0, "ぜんぶ": 100.0, "なし": 0.0, "ゼロ": 0.0}


def _digit(text: str | None) -> int:
    if not text:
        return 0
    value = kanji_to_int(text)
    return value or 0


def parse_percent(text: str) -> float | None:
    """A percentage as a number of percent: 「80%」→80, 「8割5分」→85, 「0.8」→80, 「半分」→50."""
    s = _strip_approx(normalize(text))
    if s in _PERCENT_WORDS:
        return _PERCENT_WORDS[s]
    for suffix in ("%", "パーセント", "ぱーせんと", "percent", "pct"):
        if s.endswith(suffix) and len(s) > len(suffix):
            return parse_number(s[: -len(suffix)], counters=False)
    m = _WARI.match(s)
    if m:
        wari = _digit(m.group("wari"))
        return round(wari * 10 + _digit(m.group("bu")) + _digit(m.group("rin")) / 10, 4)
    m = _BU_ONLY.match(s)
    if m:
        return round(_digit(m.group("bu")) + _digit(m.group("rin")) / 10, 4)
    # A counter is not a percent: 「１２件」 is twelve of something, not 12 %.
    number = parse_number(s, counters=False)
    if number is None:
        return None
    if 0 < number < 1 and "." in s:
        return round(number * 100, 4)
    return number


# --- showing figures ----------------------------------------------------------------------
def percent_text(value: float | None, *, fraction: bool = False) -> str:
    """A percentage as every reply shows it: one decimal when it has one, none when it is whole
    (25 → 「25%」, 72.5 → 「72.5%」, never 「25.0%」); `fraction`: the value is 0..1 (0.25 → 「25%」);
    None → 「—」. Replies, summaries and CSV exports use this one form."""
    if value is None:
        return "—"
    shown = round(value * 100 if fraction else value, 1) + 0.0  # + 0.0: no 「-0%」
    return f"{shown:.1f}".removesuffix(".0") + "%"


# --- dates --------------------------------------------------------------------------------
ERAS = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988, "昭和": 1925, "s": 1925}
_RELATIVE_DAYS = {
    "今日": 0, "きょう": 0, "本日": 0, "today": 0,
    "明日": 1, "あした": 1, "あす": 1, "tomorrow": 1,
    "明後日": 2, "あさって": 2,
    "昨日": -1, "きのう": -1, "yesterday": -1,
}
_KANJI_RUN = re.compile(f"[{_NUMERAL_CHARS}]+")
_ERA_DATE = re.compile(r"^(?P<era>令和|平成|昭和|r|h|s)(?P<y>\d{1,2}|元)[年./\-](?P<m>\d{1,2})[月./\-](?P<d>\d{1,2})日?$")
_FULL_DATE = re.compile(r"^(?P<y>\d{4})[年./\-](?P<m>\d{1,2})[月./\-](?P<d>\d{1,2})日?$")
_COMPACT_DATE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_MONTH_DAY = re.compile(r"^(?P<m>\d{1,2})[月/\-.](?P<d>\d{1,2})日?$")


def _kanji_runs_to_digits(text: str) -> str:
    return _KANJI_RUN.sub(lambda m: str(kanji_to_int(m.group(0)) or 0), text)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_WEEKDAY = re.compile(r"^(?P<week>今週|こんしゅう|来週|らいしゅう|再来週|さらいしゅう|次の|つぎの)?の?"
                      r"(?P<day>[月火水木金土日])(?:曜日|曜|ようび)$")
_WEEK_OFFSET = {"今週": 0, "こんしゅう": 0, "来週": 1, "らいしゅう": 1, "再来週": 2, "さらいしゅう": 2}
_MONTH_END = {"今月末": 0, "月末": 0, "こんげつまつ": 0, "げつまつ": 0, "今月中": 0, "来月末": 1, "らいげつまつ": 1}
_WEEK_END = {"今週末": 0, "今週中": 0, "週末": 0, "来週末": 1, "来週中": 1, "らいしゅうまつ": 1, "こんしゅうまつ": 0}
_SPLIT_WEEK = re.compile(r"(今週|来週|再来週|こんしゅう|らいしゅう|さらいしゅう)[\s\u3000]+(?:の[\s\u3000]*)?"
                         r"(?=[月火水木金土日](?:曜|ようび))")


def join_week_words(text: str) -> str:
    """「来週 金曜」「来週 の 金曜日」 as one word, so a command split at spaces reads one date."""
    return _SPLIT_WEEK.sub(r"\1", text)


def _relative_date(s: str, today: date) -> date | None:
    """The spoken relative forms (「明後日」「来週の金曜」「今週末」「月末」) of a normalised text."""
    if s in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[s])
    if s in _MONTH_END:
        months = today.month - 1 + _MONTH_END[s]
        year, month = today.year + months // 12, months % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])
    if s in _WEEK_END:
        return today + timedelta(days=4 - today.weekday() + 7 * _WEEK_END[s])
    if match := _WEEKDAY.match(s):
        weekday = "月火水木金土日".index(match.group("day"))
        week = match.group("week")
        if week in _WEEK_OFFSET:
            return today + timedelta(days=weekday - today.weekday() + 7 * _WEEK_OFFSET[week])
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return None


def _date_words(text: str) -> str:
    s = normalize(text)
    s = re.sub(r"[(（][^)）]*[)）]$", "", s)  # 「12月1日(火)」
    return re.sub(r"(まで|までに|ごろ|頃)$", "", s)


def month_end_offset(text: str) -> int | None:
    """How many months after this one a month's end names (「月末まで」「今月末」 0, 「来月末」 1);
    None when the text is not a month's end. A deadline given as a month's end keeps to that
    month (a closed 31st moves back to the last business day), and 「月末」 said with an explicit
    month (「2027-01 締切 月末」) means that month's end."""
    return _MONTH_END.get(_date_words(text))


def parse_date(text: str, today: date, ahead: bool = False, month: tuple[int, int] | None = None) -> date | None:
    """A date typed in any of the usual Japanese ways (see the module docstring); `ahead`: a
    month and day without a year is the next one on or after today (a deadline, not a record);
    `month` (year, month): the month the sentence is about, so 「月末」「今月末」 are its last day."""
    s = _date_words(text)
    if month is not None and _MONTH_END.get(s) == 0:
        return date(month[0], month[1], calendar.monthrange(month[0], month[1])[1])
    if (relative := _relative_date(s, today)) is not None:
        return relative
    s = s.replace("元年", "1年") if s.startswith(("令和", "平成", "昭和")) else s
    s = _kanji_runs_to_digits(s)
    m = _ERA_DATE.match(s)
    if m:
        era_year = 1 if m.group("y") == "元" else int(m.group("y"))
        return _safe_date(ERAS[m.group("era")] + era_year, int(m.group("m")), int(m.group("d")))
    m = _FULL_DATE.match(s) or _COMPACT_DATE.match(s)
    if m:
        return _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    m = _MONTH_DAY.match(s)
    if m:
        month, day = int(m.group("m")), int(m.group("d"))
        candidates = [d for y in (today.year - 1, today.year, today.year + 1)
                      if (d := _safe_date(y, month, day)) is not None]
        if not candidates:
            return None
        if ahead:
            return next((d for d in sorted(candidates) if d >= today), None)
        return min(candidates, key=lambda d: (abs((d - today).days), d < today))
    return None


# --- yes / no, choices --------------------------------------------------------------------
def parse_yes_no(text: str) -> bool | None:
    """True for はい/ある/あり/yes…, False for いいえ/ない/なし/no…, None otherwise."""
    return vocabulary.yes_or_no(text)


def match_option(text: str, options: Sequence[Sequence[str]]) -> int | None:
    """Index of the option whose label or alias the text names: exact first (width/kana/case
    insensitive), then a unique prefix or part of a label. None if nothing or several fit."""
    key = fold_kana(text)
    if not key:
        return None
    names = [[fold_kana(n) for n in names if n] for names in options]
    exact = [i for i, ns in enumerate(names) if key in ns]
    if len(exact) == 1:
        return exact[0]
    if exact:
        return None
    partial = [i for i, ns in enumerate(names) if any(n.startswith(key) or key in n for n in ns)]
    return partial[0] if len(partial) == 1 else None


# Polite or casual endings around a choice's label: 「進行中です」「遅れてます」「完了しました」.
_CHOICE_ENDING = re.compile(r"(?:しています|してます|してる|しました|します|した|ています|てます|ている|てる|"
                            r"です|でした|ます|ました|だよ|だ|よ|ね|っす|でーす)+$")


def parse_choice(text: str, options: Sequence[Sequence[str]]) -> int | None:
    """An option by its number (「2」「２番」「二」) or by its label; None if unclear."""
    s = normalize(text)
    number = re.fullmatch(r"(\d{1,3}|[一二三四五六七八九十]+)番?(目)?", s)
    if number:
        n = kanji_to_int(number.group(1))
        if n is not None and 1 <= n <= len(options):
            return n - 1
        return None
    found = match_option(text, options)
    if found is None:
        plain = _CHOICE_ENDING.sub("", fold_kana(text))
        if plain and plain != fold_kana(text):
            found = match_option(plain, options)
    return found


_MULTI_SPLIT = re.compile(r"\s*(?:,|、|，|・|/|／|と|及び|および|and|&|\+|\s)\s*")


def parse_choices(text: str, options: Sequence[Sequence[str]]) -> list[int] | None:
    """Several options: 「1,3」「1と3」「1、3」「予算・人員」; a single one is also fine."""
    single = parse_choice(text, options)
    if single is not None:
        return [single]
    s = unicodedata.normalize("NFKC", text or "").strip()
    parts = [p for p in _MULTI_SPLIT.split(s) if p]
    if not parts:
        return None
    picked: list[int] = []
    for part in parts:
        index = parse_choice(part, options)
        if index is None:
            return None
        if index not in picked:
            picked.append(index)
    return picked
