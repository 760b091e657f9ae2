"""The form engine: forms are data, stepped one question at a time by one engine.

A form definition (`FormSpec`, usually read from YAML by `storage.checkins.files`) lists fields with a
type (integer, number, percent, choice, multi_choice, yes_no, date, text), a label, a prompt and a
help text in Japanese and English, validation rules each with its own message, conditions
(`when`) that show a field only when they hold, and "repeat" groups whose fields are asked once
per item (the roadmap items of a department). Computed values (the online rate) are derived,
never typed.

The engine is pure: `FormEngine.handle_text` / `handle_button` take the serialisable
`FormSession` and return an `Outcome` with the new session. The caller persists the session
after every turn (so a restart or a pause of days loses nothing) and renders the next step with
`FormEngine.render`. Nothing here does I/O.

Navigation words work at every step: 戻る (back), スキップ (optional fields only), やめる (cancel;
the draft is kept), ヘルプ (the field's help), 先月と同じ (the last submitted value). Before submit a
summary lists every answer with a way to change any one of them (buttons, or 「3を変更」).

Buttons are numbered by the console; the engine makes "typing the number k" mean exactly what
button k means on every platform, and attaches no buttons to numeric, date or text questions so
that typing 「12」 to 「何件ですか」 is always the answer 12.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from bot.core import japanese_numbers as jn
from bot.core import kana
from bot.core.messages import office_name, t
from bot.core.replies import Choice, Field, Reply
from bot.core.vocabulary import (
    BACK_WORDS,
    CANCEL_WORDS,
    HELP_WORDS,
    KEEP_WORDS,
    NO_WORDS,
    NOTHING_WORDS,
    RESUME_WORDS,
    REVIEW_SEND_WORDS,
    SAME_WORDS,
    SKIP_WORDS,
    SUBMIT_WORDS,
    UNKNOWN_WORDS,
    YES_WORDS,
)

FIELD_TYPES = ("integer", "number", "percent", "choice", "multi_choice", "yes_no", "date", "text")
CONDITION_OPS = ("equals", "not_equals", "in", "not_in", "contains", "not_contains",
                 "gt", "gte", "lt", "lte", "answered")
RULE_OPS = {"lte": "<=", "lt": "<", "gte": ">=", "gt": ">", "eq": "=="}
COMPUTED_OPS = ("percent", "sum", "difference")

Localized = Mapping[str, str]


def loc(text: Localized | None, lang: str) -> str:
    """The text in `lang`, falling back to Japanese, then to any language given."""
    if not text:
        return ""
    return text.get(lang) or text.get("ja") or next(iter(text.values()), "")


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, params: Mapping[str, Any]) -> str:
    """Replace `{name}` by params[name]; unknown names and stray braces stay as typed (admins'
    YAML and user text may contain braces, so str.format is not safe here)."""
    return _PLACEHOLDER.sub(lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0), template)


# --- the definition -----------------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    """One answer of a choice field: a stable stored value, its labels and typed aliases."""

    value: str
    label: Localized
    aliases: tuple[str, ...] = ()
    # Cannot be combined with other options in a multi-choice (「特になし」).
    exclusive: bool = False
    # The catch-all option (「その他」): text typed that names no option is recorded as this one,
    # the text itself going to the field's `detail` question.
    other: bool = False

    def names(self) -> list[str]:
        """Every way to type this option."""
        return [self.value, *self.label.values(), *self.aliases]


@dataclass(frozen=True)
class Condition:
    """`field op value`; a field whose conditions do not all hold is neither asked nor kept."""

    field: str
    op: str
    value: Any = None

    def holds(self, answers: Mapping[str, Any]) -> bool:
        """Evaluate against the answers so far (an unanswered field satisfies nothing)."""
        if self.field not in answers:
            return False
        actual = answers[self.field]
        if self.op == "answered":
            return True
        if self.op == "equals":
            return bool(actual == self.value)
        if self.op == "not_equals":
            return bool(actual != self.value)
        if self.op == "in":
            return actual in (self.value or [])
        if self.op == "not_in":
            return actual not in (self.value or [])
        if self.op == "contains":
            return isinstance(actual, list) and self.value in actual
        if self.op == "not_contains":
            return isinstance(actual, list) and self.value not in actual
        if not isinstance(actual, (int, float)) or isinstance(actual, bool):
            return False
        limit = float(self.value)
        return {"gt": actual > limit, "gte": actual >= limit, "lt": actual < limit,
                "lte": actual <= limit}[self.op]


@dataclass(frozen=True)
class FieldSpec:
    """One question."""

    id: str
    type: str
    label: Localized
    prompt: Localized
    help: Localized = field(default_factory=dict)
    required: bool = True
    options: tuple[Option, ...] = ()
    unit: Localized = field(default_factory=dict)
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    when: tuple[Condition, ...] = ()
    # Offer 「先月と同じ」 with the value of the last submission.
    default_from_last: bool = False
    # Rule name (min, max, max_length, required, exclusive, invalid) -> message override.
    messages: Mapping[str, Localized] = field(default_factory=dict)
    # Values for {placeholders} in texts (the item of a repeat group).
    params: Mapping[str, str] = field(default_factory=dict)
    # A choice field's free-text follow-up: text typed to the choice that names no option is kept
    # there (with the `other` option ticked) instead of being refused.
    detail: str | None = None

    def text(self, what: Localized | None, lang: str) -> str:
        """A text of this field in `lang`, placeholders filled ({office}: the configured office name)."""
        return fill(loc(what, lang), {"office": office_name(lang), **self.params})

    def unit_names(self) -> list[str]:
        """The unit in every language (typed after numbers)."""
        return [u for u in self.unit.values() if u]


@dataclass(frozen=True)
class RepeatGroup:
    """Fields asked once per item of a list given at form start (e.g. the department's roadmap)."""

    id: str
    over: str
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class CrossRule:
    """`field op other` between two answers, checked when either is answered."""

    field: str
    op: str
    other: str
    message: Localized


@dataclass(frozen=True)
class Computed:
    """A value derived from answers (shown in the summary, stored with the submission)."""

    id: str
    op: str
    args: tuple[str, ...]
    label: Localized
    unit: Localized = field(default_factory=dict)
    digits: int = 1


@dataclass(frozen=True)
class FormSpec:
    """A whole form definition."""

    id: str
    title: Localized
    items: tuple[FieldSpec | RepeatGroup, ...]
    version: int = 1
    intro: Localized = field(default_factory=dict)
    rules: tuple[CrossRule, ...] = ()
    computed: tuple[Computed, ...] = ()
    # Which answers mean what for reporting (e.g. in_scope, online, roadmap group); free-form.
    metrics: Mapping[str, Any] = field(default_factory=dict)


class FormDefinitionError(ValueError):
    """A form definition is invalid; `problems` lists every problem with its place."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


# --- reading a definition from plain data (YAML/JSON) --------------------------------------
def _localized(value: Any, where: str, problems: list[str], required: bool = False) -> dict[str, str]:
    if value is None or value == "":
        if required:
            problems.append(f"{where}: missing (give ja and en)")
        return {}
    if isinstance(value, str):
        return {"ja": value}
    if isinstance(value, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        if "ja" not in value:
            problems.append(f"{where}: the Japanese text (ja) is missing")
        return dict(value)
    problems.append(f"{where}: must be a text or {{ja: ..., en: ...}}")
    return {}


def _condition(raw: Any, where: str, problems: list[str]) -> tuple[Condition, ...]:
    if raw is None:
        return ()
    raws = raw if isinstance(raw, list) else [raw]
    out = []
    for i, item in enumerate(raws):
        here = f"{where}.when[{i}]"
        if not isinstance(item, Mapping) or "field" not in item:
            problems.append(f"{here}: needs 'field' and one operator ({', '.join(CONDITION_OPS)})")
            continue
        ops = [op for op in CONDITION_OPS if op in item]
        if len(ops) != 1:
            problems.append(f"{here}: give exactly one operator of {', '.join(CONDITION_OPS)}")
            continue
        out.append(Condition(str(item["field"]), ops[0], item[ops[0]]))
    return tuple(out)


def _number(raw: Any, where: str, problems: list[str]) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        problems.append(f"{where}: must be a number")
        return None
    return float(raw)


def _field(raw: Any, where: str, problems: list[str]) -> FieldSpec | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: must be a mapping")
        return None
    fid = str(raw.get("id", "")).strip()
    if not re.fullmatch(r"[a-z][a-z0-9_]*", fid):
        problems.append(f"{where}: id {fid!r} must be lower-case letters, digits and _")
    where = f"{where} ({fid})"
    ftype = raw.get("type")
    if ftype not in FIELD_TYPES:
        problems.append(f"{where}: type must be one of {', '.join(FIELD_TYPES)}")
    options: list[Option] = []
    for i, opt in enumerate(raw.get("options") or []):
        if not isinstance(opt, Mapping) or not opt.get("value"):
            problems.append(f"{where}.options[{i}]: needs value and label")
            continue
        options.append(Option(
            value=str(opt["value"]),
            label=_localized(opt.get("label"), f"{where}.options[{i}].label", problems, required=True),
            aliases=tuple(str(a) for a in opt.get("aliases") or ()),
            exclusive=bool(opt.get("exclusive", False)),
            other=bool(opt.get("other", False)),
        ))
    if ftype in ("choice", "multi_choice") and len(options) < 2:
        problems.append(f"{where}: a {ftype} field needs at least two options")
    if len({o.value for o in options}) != len(options):
        problems.append(f"{where}: option values must be unique")
    if sum(o.other for o in options) > 1:
        problems.append(f"{where}: only one option can be the catch-all (other: true)")
    detail = str(raw["detail"]) if raw.get("detail") else None
    if detail is not None and not any(o.other for o in options):
        problems.append(f"{where}: detail needs a catch-all option (other: true) to record typed text as")
    if ftype == "yes_no":
        options = [Option("yes", {"ja": "はい", "en": "Yes"}), Option("no", {"ja": "いいえ", "en": "No"})]
    messages: dict[str, dict[str, str]] = {}
    for rule, text in (raw.get("messages") or {}).items():
        messages[str(rule)] = _localized(text, f"{where}.messages.{rule}", problems)
    max_length = raw.get("max_length")
    if max_length is not None and (not isinstance(max_length, int) or max_length < 1):
        problems.append(f"{where}: max_length must be a positive whole number")
        max_length = None
    return FieldSpec(
        id=fid,
        type=str(ftype),
        label=_localized(raw.get("label"), f"{where}.label", problems, required=True),
        prompt=_localized(raw.get("prompt"), f"{where}.prompt", problems, required=True),
        help=_localized(raw.get("help"), f"{where}.help", problems),
        required=bool(raw.get("required", True)),
        options=tuple(options),
        unit=_localized(raw.get("unit"), f"{where}.unit", problems),
        min=_number(raw.get("min"), f"{where}.min", problems),
        max=_number(raw.get("max"), f"{where}.max", problems),
        max_length=max_length,
        when=_condition(raw.get("when"), where, problems),
        default_from_last=bool(raw.get("default_from_last", False)),
        messages=messages,
        detail=detail,
    )


def form_from_dict(data: Any) -> FormSpec:
    """Build and check a form definition from plain data; raises FormDefinitionError listing
    every problem (unknown types, duplicate ids, conditions or rules naming unknown fields...)."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise FormDefinitionError(["the form must be a mapping with id, title and fields"])
    form_id = str(data.get("id", "")).strip()
    if not re.fullmatch(r"[a-z][a-z0-9_\-]*", form_id):
        problems.append(f"id {form_id!r} must be lower-case letters, digits, _ and -")
    items: list[FieldSpec | RepeatGroup] = []
    for i, raw in enumerate(data.get("fields") or []):
        where = f"fields[{i}]"
        if isinstance(raw, Mapping) and "repeat" in raw:
            group_id = str(raw.get("id") or raw["repeat"])
            inner = [f for j, r in enumerate(raw.get("fields") or [])
                     if (f := _field(r, f"{where}.fields[{j}]", problems)) is not None]
            if not inner:
                problems.append(f"{where}: a repeat group needs fields")
            items.append(RepeatGroup(group_id, str(raw["repeat"]), tuple(inner)))
        else:
            spec = _field(raw, where, problems)
            if spec is not None:
                items.append(spec)
    if not items:
        problems.append("fields: the form has no fields")
    top_ids = [f.id for f in items if isinstance(f, FieldSpec)]
    group_ids = [g.id for g in items if isinstance(g, RepeatGroup)]
    for dup in {x for x in top_ids + group_ids if (top_ids + group_ids).count(x) > 1}:
        problems.append(f"fields: id {dup!r} is used twice")
    known = set(top_ids)
    text_ids = {f.id for f in items if isinstance(f, FieldSpec) and f.type == "text"}
    for item in items:
        if isinstance(item, FieldSpec) and item.detail is not None and item.detail not in text_ids:
            problems.append(f"field {item.id}: detail names {item.detail!r}, which is not a text field of the form")
        if isinstance(item, FieldSpec):
            for cond in item.when:
                if cond.field not in known:
                    problems.append(f"field {item.id}: condition names unknown field {cond.field!r}")
        else:
            local = {f.id for f in item.fields}
            local_text = {f.id for f in item.fields if f.type == "text"} | text_ids
            for f in item.fields:
                if f.detail is not None and f.detail not in local_text:
                    problems.append(f"{item.id}.{f.id}: detail names {f.detail!r}, which is not a text field")
                for cond in f.when:
                    if cond.field not in local and cond.field not in known:
                        problems.append(f"{item.id}.{f.id}: condition names unknown field {cond.field!r}")
    rules = []
    for i, raw in enumerate(data.get("rules") or []):
        where = f"rules[{i}]"
        if not isinstance(raw, Mapping) or raw.get("op") not in RULE_OPS:
            problems.append(f"{where}: needs field, op ({', '.join(RULE_OPS)}), other and message")
            continue
        rule = CrossRule(str(raw.get("field")), str(raw["op"]), str(raw.get("other")),
                         _localized(raw.get("message"), f"{where}.message", problems, required=True))
        for name in (rule.field, rule.other):
            if name not in known:
                problems.append(f"{where}: unknown field {name!r}")
        rules.append(rule)
    computed = []
    for i, raw in enumerate(data.get("computed") or []):
        where = f"computed[{i}]"
        if not isinstance(raw, Mapping) or raw.get("op") not in COMPUTED_OPS or not raw.get("id"):
            problems.append(f"{where}: needs id, op ({', '.join(COMPUTED_OPS)}) and args")
            continue
        args = tuple(str(a) for a in raw.get("args") or ())
        if raw["op"] in ("percent", "difference") and len(args) != 2:
            problems.append(f"{where}: {raw['op']} needs two args")
        for name in args:
            if name not in known:
                problems.append(f"{where}: unknown field {name!r}")
        computed.append(Computed(str(raw["id"]), str(raw["op"]), args,
                                 _localized(raw.get("label"), f"{where}.label", problems, required=True),
                                 _localized(raw.get("unit"), f"{where}.unit", problems),
                                 int(raw.get("digits", 1))))
    version = data.get("version", 1)
    if not isinstance(version, int):
        problems.append("version must be a whole number")
        version = 1
    if problems:
        raise FormDefinitionError(problems)
    return FormSpec(
        id=form_id, title=_localized(data.get("title"), "title", problems, required=True),
        items=tuple(items), version=version, intro=_localized(data.get("intro"), "intro", problems),
        rules=tuple(rules), computed=tuple(computed), metrics=dict(data.get("metrics") or {}),
    )


# --- the session (persisted every turn) ---------------------------------------------------
Stage = Literal["asking", "summary"]


@dataclass
class FormSession:
    """Where one person is in one form. JSON-serialisable; the caller stores it every turn."""

    form_id: str
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    current: str | None = None
    stage: Stage = "asking"
    # The items of repeat groups, fixed at start so that a resumed form asks the same questions.
    items: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    # Answers of the last submission, for 「先月と同じ」.
    previous: dict[str, Any] = field(default_factory=dict)
    # Options ticked so far on a multi-choice question answered with buttons.
    ticked: list[str] = field(default_factory=list)
    # The caller's own data (e.g. "this session edits a submission"); kept as is.
    meta: dict[str, Any] = field(default_factory=dict)
    # Text typed to a choice question that named no option (and had no 「その他」): kept, and
    # offered once as the answer of the next free-text question, so the words are never lost.
    held: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {"form_id": self.form_id, "answers": dict(self.answers), "skipped": list(self.skipped),
                "current": self.current, "stage": self.stage, "items": self.items,
                "previous": dict(self.previous), "ticked": list(self.ticked), "meta": dict(self.meta),
                "held": self.held}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FormSession:
        """Inverse of :meth:`to_dict`."""
        return cls(form_id=str(data.get("form_id", "")), answers=dict(data.get("answers") or {}),
                   skipped=list(data.get("skipped") or []), current=data.get("current"),
                   stage="summary" if data.get("stage") == "summary" else "asking",
                   items={k: list(v) for k, v in (data.get("items") or {}).items()},
                   previous=dict(data.get("previous") or {}), ticked=list(data.get("ticked") or []),
                   meta=dict(data.get("meta") or {}), held=str(data.get("held") or ""))


OutcomeKind = Literal["next", "invalid", "help", "cancel", "submit", "stale", "info"]


@dataclass
class Outcome:
    """What a turn did: the new session, what happened, and a message to show before the next step."""

    session: FormSession
    kind: OutcomeKind
    message: str = ""
    # A choice question could not read the text as any option (the caller may keep it as 「その他」
    # with `keep_as_other`, set it aside with `hold`, or hand it to another job).
    unread: str = ""


# --- command words ------------------------------------------------------------------------
# The control words come from the one vocabulary (so "cancel" means the same in every dialog).
_CHANGE = re.compile(r"^(?:(?:変更|修正|change|edit)(\d{1,3})|(\d{1,3})(?:番)?(?:を|の回答を|の答えを)?(?:変更|修正|直す|なおす"
                     r"|直します|なおします|直したい|なおしたい|change|edit)(?:する|します|したい|で|でお願いします)?)$")


# 「送信で」「提出でお願いします」「送信しちゃって」: a send word with a casual or polite tail.
_SEND_TAILS = (re.compile(r"(?:お願いします|おねがいします|お願い|おねがい|よろしく|しちゃって|しといて|しておいて|してください"
                         r"|ください|して)$"),
               re.compile(r"(?:で(?:いい|いいです|ok|大丈夫)?|です)$"),
               re.compile(r"^(?:これで|それで|このままで?|そのままで?)(?=.)"))  # 「これで送っといて」


def is_submit(text: str) -> bool:
    """「送信」「おっけー、送信で」「それで」「これでいいです」「提出」: send the reviewed answers.
    Every part of the message must be a send word (「OK、3を直す」 is not a send)."""
    parts = [p for p in re.split(r"[、,\s。!！]+", unhedge(text)) if p]

    def one(part: str) -> bool:
        stem = jn.fold_kana(part)
        for tail in (None, *_SEND_TAILS):
            stem = tail.sub("", stem) if tail else stem
            if stem and stem in REVIEW_SEND_WORDS:
                return True
        return False

    return bool(parts) and all(one(p) for p in parts)


# 「やっぱり4件」「いや、4件です」 (a word of second thoughts first) or 「４件に訂正」「4件に直して」 (a word
# of correcting after): a number said again to mend the last one.
_SECOND_THOUGHTS = re.compile(r"^(?:やっぱり|やっぱ|やはり|いや|いえ|すみません|すいません|ごめんなさい|ごめん|失礼しました"
                              r"|訂正です|訂正|修正です|修正|間違えました|まちがえました|間違えた|まちがえた|間違ってました"
                              r"|まちがってました|間違ってた|まちがってた|間違いです|まちがいです|間違い|まちがい)"
                              r"[、,。!！\s]*")
_CORRECTING = re.compile(r"(?:に訂正|に修正|に変更|に直して|になおして|に直します|になおします|に直したい|になおしたい"
                         r"|に直す|になおす|に直しといて|でした|だった|だったです|だったわ|だったよ)"
                         r"(?:します|したい|したいです|してください|して|ください|で|です|お願いします|でお願いします"
                         r"|させてください|させて|ほしい|ほしいです|です)?[。!！]*$")


# 「件数12に直して」「件数は12件に訂正」: a word for "the count" names no item (which count is meant is
# worked out, or asked, by `FormEngine.correct_last_number`).
_GENERIC_COUNT = re.compile(r"^(?:件数|数字|数値|個数|けんすう|かず)(?:は|を|が|、|,|\s)*")


def is_generic_count(label: str) -> bool:
    """「件数」「数字」: a word for any count, not the name of an item."""
    return bool(_GENERIC_COUNT.fullmatch(unicodedata.normalize("NFKC", label or "").strip()))


def parse_correction(text: str) -> str | None:
    """「やっぱり4件」「４件に訂正」「やっぱ12件だった」「件数12に直して」 -> 「4件」: the number said
    again; None for anything else."""
    plain = unicodedata.normalize("NFKC", text or "").strip()
    if len(plain) > 30:
        return None
    rest, n = _SECOND_THOUGHTS.subn("", plain, count=1)
    rest = _GENERIC_COUNT.sub("", rest, count=1)
    rest, m = _CORRECTING.subn("", rest, count=1)
    rest = unhedge(rest)
    if not (n or m) or not re.fullmatch(r"[0-9０-９一二三四五六七八九十百千万,.]+\s*(?:件|個|つ|本|人|名|%|％|割)?", rest):
        return None
    return rest


# 「あ、さっきの対象手続数まちがえた、４２件です」「オンライン化済みの手続数、間違えました。10件です」: the
# answer named (its label, or a good part of it) and the number it should have been.
_NAMED_MISTAKE = re.compile(
    r"^(?:(?:あっ?|ああ|あの|えっと|すみません|すいません|ごめんなさい|ごめん)[、,\s]*){0,2}"
    r"(?:さっきの|さっき|先ほどの|さきほどの|前の|まえの)?[、,\s]*(?P<label>[^、,。\s]{2,24}?)(?:を|が|は|、|,|\s)*"
    r"(?:間違えました|まちがえました|間違えた|まちがえた|間違ってました|まちがってました|間違ってた|まちがってた"
    r"|間違いでした|まちがいでした)(?:です)?[、,。!！\s]*(?:正しくは|ほんとうは|本当は|本当は)?[、,\s]*(?P<said>.+)$")


# 「対象の手続数を32に訂正したい」「オンライン化済みは10件に直して」: the answer named by a word (or
# words) of its label, then the number and a word of correcting.
_LABEL_CORRECTING = re.compile(
    r"^(?:(?:あっ?|ああ|あの|あのー|えっと|えーと|すみません|すいません|ごめんなさい|ごめん|やっぱり|やっぱ)[、,\s]*){0,3}"
    r"(?:さっきの|さっき|先ほどの|さきほどの|前の|まえの)?[、,\s]*(?P<label>[^、,。\s0-9]{2,24}?)"
    r"(?:の(?:数|値|回答|答え|件数))?(?:を|は|、|,|\s)+(?P<said>[0-9一二三四五六七八九十百千,.]+\s*(?:件|個|つ|本|人|名|%|割)?"
    r"(?:に訂正|に修正|に変更|に直|になお).*)$")
# 「すみません、さっきの30じゃなくて32でした」: the answer given before (its number) and the right one.
_NOT_BUT = re.compile(
    r"^(?:(?:あっ?|ああ|あの|あのー|えっと|えーと|すみません|すいません|ごめんなさい|ごめん|失礼しました|やっぱり|やっぱ"
    r"|訂正です|訂正|修正です|修正|間違えました|まちがえました|間違えた|まちがえた)[、,。\s]*){0,3}"
    r"(?:さっきの|さっき|先ほどの|さきほどの|前の|まえの)?[、,\s]*(?:(?P<label>[^、,。\s0-9]{2,24}?)(?:は|の|、|,|\s)+)?"
    r"(?P<old>[0-9]+)\s*(?:件|個|つ|本|人|名|%|割)?(?:って言ったの|と言ったの|と答えたの|って答えたの|というのは)?(?:は)?"
    r"(?:じゃなくて|じゃなく|ではなくて|ではなく|でなくて|でなく|じゃないです|じゃない|ではありません|ではなかったです)"
    r"[、,。\s]*(?:正しくは|ほんとうは|本当は|ほんとは)?[、,\s]*(?P<said>.+)$")


# Words before a correction said in a sentence (「すみません、」「あ、」「やっぱり」「訂正です、」).
_CORRECTION_OPENERS = (r"^(?:(?:あっ?|ああ|あの|あのー|えっと|えーと|すみません|すいません|ごめんなさい|ごめん|失礼しました"
                       r"|やっぱり|やっぱ|訂正です|訂正|修正です|修正|間違えました|まちがえました|間違えた|まちがえた"
                       r"|ちがう|違う|ちがった|違った|いや)"
                       r"[、,。!！\s]*){0,3}"
                       r"(?:さっきのは|さっきの|さっきは|さっき|先ほどのは|先ほどの|さきほどの|先ほどは|前の|まえの)?[、,\s]*")
# 「遅延じゃなくて進行中」「さっきのは遅延じゃなくて進行中でした」「ステータスは遅延ではなく進行中です」: an option
# answered before and the one meant (words, not numbers: 「30じゃなくて32」 is `parse_previous_correction`).
_CHOICE_NOT_BUT = re.compile(
    _CORRECTION_OPENERS
    + r"(?:(?P<label>[^、,。\s0-9]{2,24}?)(?:は|の|、|,|\s)+)?"
    r"(?P<old>[^、,。\s0-9]{1,12}?)(?:って言ったの|と言ったの|と答えたの|って答えたの|というのは|って)?"
    r"(?:じゃなくて|じゃなく|ではなくて|ではなく|でなくて|でなく)[、,。\s]*(?:正しくは|ほんとうは|本当は|ほんとは)?[、,\s]*"
    r"(?P<said>[^、,。\s0-9]{1,12}?)"
    r"(?:でした|です|だった|だったです|だよ|で|に訂正|に修正|に変更|に直して|になおして|に直したい|になおしたい|に直す|になおす)?"
    r"(?:します|したい|したいです|してください|して|ください|お願いします|です)?[。!！]*$")
# 「ステータスを進行中に訂正」「状況は完了に変更したい」「課題のところ、やっぱり人手が足りないにしてください」
# 「選んだのは1と3に変えて」: the choice (or several, or a free text) named by a word of its label, the answer meant.
_CHOICE_LABEL_CORRECTING = re.compile(
    _CORRECTION_OPENERS
    + r"(?P<label>[^、,。\s0-9]{2,24}?)(?:のところ|のとこ|の欄|の項目|のほう|の方|の答え|の回答)?(?:を|は|、|,|\s)+"
    r"(?:(?:やっぱり|やっぱ|やはり)[、,\s]*)?(?P<said>[^、,。\s]{1,24}?)"
    r"(?:に訂正|に修正|に変更|に直|になお|にして|に変え|にかえ).*$")
# 「選んだのは…」「選択を…」: no item named — the answered choices are tried (one fits, or they are listed).
_CHOSEN = frozenset(("選んだの", "選んだもの", "選んだやつ", "選んだ番号", "選んだ", "選択", "選択したの", "選択肢",
                     "えらんだの", "えらんだもの", "チェックしたの"))
# A quoted answer (「決裁ルートが長い、人手も足りない」) is one piece, whatever punctuation it has.
_QUOTED = re.compile(r"[「『\"]([^「」『』\"]+)[」』\"]")
# 「ちがう、住民票のやつは完了だった」「住民票の写しは完了でした」: an item named by words of its label (a
# roadmap item's title) and the option it has; read only when those words name an answered item.
_CHOICE_NAMED_IS = re.compile(
    _CORRECTION_OPENERS
    + r"(?P<label>[^、,。\s0-9]{2,24}?)(?:のやつ|の件|のほう|の方|の手続き?)?(?:は|が|も)[、,\s]*"
    r"(?P<said>[^、,。\s0-9]{1,12}?)(?:だった|でした|です|になった|になりました|になってた|になってました|で)?"
    r"(?:よ|ね|わ)?[。!！]*$")
# Words people use for a status item whose label says 状況.
_LABEL_SYNONYMS = {"ステータス": "状況", "すてーたす": "状況", "状態": "状況", "進捗": "状況", "進捗状況": "状況",
                   "進み具合": "状況", "status": "状況"}


# 「1問目を16に直して」「ごめん最初のやつ30件だった」「最初の質問の答え30に直したい」「対象は30件です」「さっきの
# 対象件数は16だった」: an item named by its place or by words of its label, and the number it has.
_ITEM_SAID = re.compile(
    _CORRECTION_OPENERS
    + r"(?:(?:(?P<place>\d{1,2}|[一二三四五六七八九])(?:問目|番目|つ目|個目)|最初|いちばん最初|一番最初)"
    r"(?:の(?:やつ|質問|問題|項目|問))?"
    r"|(?P<label>[^、,。\s0-9]{2,24}?))(?:の(?:答え|回答|数|件数))?(?:は|を|が|も|、|,|\s)*[、,\s]*"
    r"(?P<said>[0-9]{1,5}\s*(?:件|つ|個|こ|けん)?)"
    r"(?:でした|です|だった|だったです|だ|だよ|で|に(?:して|変更|訂正|修正|直して|なおして|直したい|なおしたい|直す|なおす)?"
    r"(?:ください|お願いします|して|で|です)?)?[。!！]*$")
# 「対象件数」 for 「対象手続数」: the count word dropped leaves the words that name the item.
_COUNT_TAIL = re.compile(r"(?:の)?(?:件数|個数|数)$")


def parse_choice_correction(text: str) -> tuple[str, str, str] | None:
    """「遅延じゃなくて進行中でした」 -> (「遅延」, 「進行中」, 「」); 「ステータスを進行中に訂正」 -> (「」, 「進行中」,
    「ステータス」): the option answered before (when said), the one meant and the item's name (when said).
    Brackets are dropped (「「住民票…」の状況を完了に訂正」). None for anything else."""
    said = unicodedata.normalize("NFKC", text or "").strip()
    plain = re.sub(r"[「」『』\"]", "", said)
    if len(plain) > 60:
        return None
    m = _CHOICE_NOT_BUT.match(plain)
    if m is not None:
        return m.group("old"), m.group("said"), m.group("label") or ""
    quoted = _QUOTED.findall(said)
    if len(quoted) == 1:
        # 「課題の内容を『決裁ルートが長い、人手も足りない』に直して」: the quoted words are one piece.
        m = _CHOICE_LABEL_CORRECTING.match(_QUOTED.sub("\x00", said))
        if m is not None and m.group("said") == "\x00" and m.group("label") not in _CHOSEN:
            return "", quoted[0].strip(), m.group("label")
    m = _CHOICE_LABEL_CORRECTING.match(plain)
    if m is not None and m.group("label") in _CHOSEN:
        return "", m.group("said"), ""
    m = m or _CHOICE_NAMED_IS.match(plain)
    if m is not None and m.group("label") not in ("さっき", "先ほど", "前", "回答", "答え", "それ", "これ", "あれ"):
        return "", m.group("said"), m.group("label")
    return None


def parse_named_correction(text: str) -> tuple[str, str] | None:
    """「さっきの対象手続数まちがえた、４２件です」「対象の手続数を32に訂正したい」 -> (「対象手続数」,
    「42件」): the answer named and the number it should have been; None for anything else."""
    plain = unicodedata.normalize("NFKC", text or "").strip()
    m = _NAMED_MISTAKE.match(plain) if len(plain) <= 60 else None
    if m is not None:
        said = parse_correction(f"訂正 {m.group('said')}")
        return (m.group("label"), said) if said is not None else None
    m = _LABEL_CORRECTING.match(plain) if len(plain) <= 60 else None
    if m is None or m.group("label") in ("さっき", "先ほど", "前", "回答", "答え", "それ", "これ", "あれ") \
            or is_generic_count(m.group("label")):
        return None  # 「件数を12に直して」 names no item: `parse_correction` reads it
    said = parse_correction(m.group("said"))
    return (m.group("label"), said) if said is not None else None


def parse_previous_correction(text: str) -> tuple[str, str, str] | None:
    """「すみません、さっきの30じゃなくて32でした」 -> (「30」, 「32」, 「」): the number answered before, the
    right one, and the label if one was said (「対象手続数は30じゃなくて32です」); None otherwise."""
    plain = unicodedata.normalize("NFKC", text or "").strip()
    m = _NOT_BUT.match(plain) if len(plain) <= 60 else None
    if m is None:
        return None
    said = parse_correction(f"訂正 {m.group('said')}")
    return (m.group("old"), said, m.group("label") or "") if said is not None else None


# 「10番はなしで」「小さな気づきはなしで」「気づきは消して」「補足の欄を削除してください」: an answer emptied.
_CLEAR = re.compile(
    _CORRECTION_OPENERS
    + r"(?:(?P<place>\d{1,2})(?:番目|番)(?:の(?:項目|質問|回答|答え))?|(?P<label>[^、,。\s0-9]{2,24}?)"
    r"(?:のところ|のとこ|の欄|の項目|の回答|の答え)?)(?:は|を|も|、|,|\s)+"
    r"(?:やっぱり|やっぱ)?[、,\s]*"
    r"(?:なしで|なし|無しで|無し|消して|けして|消す|消します|消したい|削除して|削除|空欄に|空欄で|空に|からに|空白に"
    r"|取り消して|取り消し|とりけして|クリアして|クリア)"
    r"(?:して|で|にして|してください|ください|お願いします|でお願いします|します|しといて|ほしい|ほしいです|です)?[。!！]*$")


def parse_clear(text: str) -> tuple[int, str] | None:
    """「10番はなしで」 -> (10, 「」); 「小さな気づきは消して」 -> (0, 「小さな気づき」); None otherwise."""
    plain = re.sub(r"[「」『』\"]", "", unicodedata.normalize("NFKC", text or "").strip())
    m = _CLEAR.match(plain) if len(plain) <= 40 else None
    if m is None:
        return None
    label = m.group("label") or ""
    if label in ("さっき", "先ほど", "前", "回答", "答え", "それ", "これ", "あれ", "相談", "ご相談", "そうだん"):
        return None  # 「相談はなしで」 takes a request back (handlers/checkins)
    return int(m.group("place") or 0), label


def says_a_correction(text: str) -> bool:
    """True when `text` has the shape of a correction of an earlier answer (「やっぱり4件」「さっきの30じゃ
    なくて32でした」「2番目は15に直して」「遅延じゃなくて進行中」「課題を予算に変更」), whichever item it
    names: the same grammars the engine mends with (`FormEngine.correct_last_number`, `correct_choice`)."""
    plain = unicodedata.normalize("NFKC", text or "").strip()
    return len(plain) <= 60 and (
        parse_correction(plain) is not None or parse_named_correction(plain) is not None
        or parse_previous_correction(plain) is not None or parse_choice_correction(plain) is not None
        or _ITEM_SAID.match(plain) is not None or parse_clear(plain) is not None)


def is_keep(text: str) -> bool:
    """「そのまま」「今のままでいい」「このままでお願いします」: keep the answer shown."""
    if text in KEEP_WORDS:
        return True
    plain = re.sub(r"(?:で)?(?:いい|いいです|いいよ|よい|良い|お願いします|おねがいします|大丈夫|大丈夫です|ok|おk)$", "",
                   jn.fold_kana(text).strip("。.!！、,"))
    return bool(plain) and plain in KEEP_WORDS


def parse_change(text: str) -> int | None:
    """「3を変更」「3番を修正」「変更 3」「change 3」 -> 3."""
    m = _CHANGE.match(jn.normalize(text))
    if not m:
        return None
    return int(m.group(1) or m.group(2))


# --- the engine ---------------------------------------------------------------------------
class FormEngine:
    """Steps one form definition; every method is pure (session in, outcome out).

    `ns` namespaces the buttons: one action id f"{ns}.form" whose value is
    "<token>|<verb>|<field>|<arg>", where token identifies the caller's session (a response id).
    """

    def __init__(self, spec: FormSpec, ns: str) -> None:
        self.spec = spec
        self.ns = ns
        self.action_id = f"{ns}.form"

    def form_text(self, what: Localized | None, lang: str) -> str:
        """A text of the form itself (title, intro) in `lang`, {office} filled."""
        return fill(loc(what, lang), {"office": office_name(lang)})

    # -- fields ----------------------------------------------------------------------------
    def fields(self, session: FormSession) -> list[FieldSpec]:
        """All concrete fields (repeat groups expanded over the session's items), in order."""
        out: list[FieldSpec] = []
        for item in self.spec.items:
            if isinstance(item, FieldSpec):
                out.append(item)
                continue
            local = {f.id for f in item.fields}
            for entry in session.items.get(item.over, []):
                key = str(entry.get("key", ""))
                prefix = f"{item.id}.{key}."
                params = {k: str(v) for k, v in entry.items()}
                for f in item.fields:
                    when = tuple(replace(c, field=prefix + c.field) if c.field in local else c for c in f.when)
                    detail = prefix + f.detail if f.detail in local else f.detail
                    out.append(replace(f, id=prefix + f.id, when=when, params=params, detail=detail))
        return out

    def visible(self, session: FormSession) -> list[FieldSpec]:
        """Fields whose conditions hold with the answers so far."""
        return [f for f in self.fields(session) if all(c.holds(session.answers) for c in f.when)]

    def field(self, session: FormSession, field_id: str | None) -> FieldSpec | None:
        """A concrete field by id."""
        return next((f for f in self.fields(session) if f.id == field_id), None)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, items: Mapping[str, list[dict[str, str]]] | None = None,
              previous: Mapping[str, Any] | None = None) -> FormSession:
        """A new session positioned on the first question."""
        session = FormSession(form_id=self.spec.id, items={k: list(v) for k, v in (items or {}).items()},
                              previous=dict(previous or {}))
        return self._advance(session)

    def review(self, answers: Mapping[str, Any], items: Mapping[str, list[dict[str, str]]],
               previous: Mapping[str, Any] | None = None) -> FormSession:
        """A session on the summary of earlier answers (editing a submission)."""
        session = FormSession(form_id=self.spec.id, answers=dict(answers), items={k: list(v) for k, v in items.items()},
                              previous=dict(previous or {}))
        visible_ids = {f.id for f in self.visible(session)}
        session.skipped = [f.id for f in self.visible(session) if f.id not in session.answers and not f.required]
        session.answers = {k: v for k, v in session.answers.items() if k in visible_ids}
        return self._advance(session)

    def _advance(self, session: FormSession) -> FormSession:
        """Go to the first visible question neither answered nor skipped, else to the summary."""
        session.ticked = []
        for f in self.visible(session):
            if f.id not in session.answers and f.id not in session.skipped:
                session.current, session.stage = f.id, "asking"
                return session
        session.current, session.stage = None, "summary"
        return session

    def final_answers(self, session: FormSession) -> dict[str, Any]:
        """The answers to store: visible fields only (answers hidden by a changed condition are dropped)."""
        visible_ids = [f.id for f in self.visible(session)]
        return {k: session.answers[k] for k in visible_ids if k in session.answers}

    def computed(self, answers: Mapping[str, Any]) -> dict[str, float | None]:
        """Derived values (None when they cannot be computed, e.g. a rate over zero)."""
        out: dict[str, float | None] = {}
        for c in self.spec.computed:
            values = [answers.get(a) for a in c.args]
            numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
            if len(numbers) != len(values):
                out[c.id] = None
            elif c.op == "percent":
                out[c.id] = None if numbers[1] == 0 else round(numbers[0] / numbers[1] * 100, c.digits)
            elif c.op == "sum":
                out[c.id] = round(sum(numbers), c.digits)
            else:
                out[c.id] = round(numbers[0] - numbers[1], c.digits)
        return out

    # -- turns -----------------------------------------------------------------------------
    def handle_text(self, session: FormSession, text: str, lang: str, today: date) -> Outcome:
        """A typed message: a navigation word, a change request, or the answer to the question."""
        key = jn.fold_kana(text).strip("。.!！?？、,")
        plain = unhedge(text)  # 「うーん、わからない」 -> 「わからない」
        if key in CANCEL_WORDS:
            return Outcome(session, "cancel")
        if key in HELP_WORDS or (session.stage == "asking" and _ASKS_WHAT.fullmatch(key)):
            return Outcome(session, "help", self.help_text(session, lang))
        if key in BACK_WORDS:
            return self.back(session, lang)
        if key in RESUME_WORDS:
            # 「続きから」 after a pause, as the docs say: show where the form is, store nothing.
            return Outcome(session, "info", t("form.resumed", lang))
        corrected = self.mend_pending(session, text, lang, today)
        if corrected is not None:
            return corrected  # 「オンライン化済み」 to 「どの件数を12件にしますか？」
        cleared = self.clear_named(session, text, lang, today)
        if cleared is not None:
            return cleared  # 「10番はなしで」「小さな気づきは消して」: an optional answer emptied
        corrected = self.correct_last_number(session, text, lang, today)
        if corrected is not None:
            return corrected  # 「やっぱり4件」「４件に訂正」: the last number answered, mended
        corrected = self.correct_choice(session, text, lang, today)
        if corrected is not None:
            return corrected  # 「遅延じゃなくて進行中」「ステータスを進行中に訂正」: an option answered, mended
        if session.stage == "summary":
            number = parse_change(text)
            if number is not None:
                return self.change_number(session, number, lang)  # 「変更 3」「3を直す」
            bare = re.fullmatch(r"(\d{1,3})(?:番目?|番の項目)?(?:です)?", jn.normalize(text).strip(" 。."))
            if bare:
                # A bare number (「8」「８番」) means the item of that number, which is also its button
                # as the console numbers it: [k] changes answer k, and 送信 is the last button, [n+1].
                pressed = int(bare.group(1))
                if pressed == len(self.visible(session)) + 1:
                    return Outcome(session, "submit")
                return self.change_number(session, pressed, lang)
            if is_submit(text):
                return Outcome(session, "submit")
            return Outcome(session, "invalid", t("form.summary.unclear", lang))
        spec = self.field(session, session.current)
        if spec is None:
            return Outcome(self._advance(session), "next")
        number = parse_change(text)
        if number is not None:
            return self.change_number(session, number, lang)
        if spec.id in session.answers and self._keeps(spec, key, plain):
            # 「そのままで」 to a question shown again (after 戻る or 「変更 3」): its answer stays.
            return self.keep(session, spec, lang)
        if spec.type == "text" and session.held:
            # The words set aside at a choice question are offered once, here: 「はい」 takes them;
            # any other reply (an answer, 「スキップ」) lets them go.
            held, session.held = session.held, ""
            if key in YES_WORDS:
                return self.accept(session, spec, held[: spec.max_length or None], lang)
        if key in SKIP_WORDS or (spec.type == "text" and not spec.required and is_non_answer(text)):
            # 「特になし」「わからない」「思いつかない」 to an optional free-text question leave it out
            # rather than storing the words.
            return self.skip(session, lang)
        if (key in UNKNOWN_WORDS or plain in UNKNOWN_WORDS) and spec.type in _CHOICE_TYPES:
            # 「うーん、わからない」「未定」 at a choice: asked again in one line, inside the form.
            return Outcome(session, "invalid", self._unknown_choice(session, spec, lang))
        if (key in UNKNOWN_WORDS or plain in UNKNOWN_WORDS) and spec.type in _NUMERIC_TYPES:
            # 「わからない」「不明」 to a number: answered here, never handed to the FAQ desk.
            if not spec.required:
                return self.skip(session, lang)
            return Outcome(session, "invalid", t("form.unknown.number", lang, label=_inner(spec.text(spec.label, lang))))
        if is_same(text) and (spec.default_from_last or spec.type != "text"):
            # 「先月と同じです」 at any question: last month's answer of the department, said back.
            return self.same_as_last(session, spec, lang, today)
        if spec.type in ("choice", "yes_no", "multi_choice"):
            pressed = self._typed_button(session, spec, text)
            if pressed is not None:
                verb, arg = pressed
                return self.handle_button(session, verb, spec.id, arg, lang, today)
        value, error = self.parse(spec, text, lang, today)
        if error and spec.type == "integer" and _SHARE.search(jn.normalize(text)):
            return self._share(session, spec, text, lang)
        if error and spec.type == "choice":
            found = _choice_by_stem(text, spec.options)
            if found is not None:
                value, error = found.value, ""
        if error:
            unread = text.strip() if spec.type in ("choice", "multi_choice") else ""
            return Outcome(session, "invalid", error, unread=unread)
        return self.accept(session, spec, value, lang)

    @staticmethod
    def _keeps(spec: FieldSpec, key: str, plain: str) -> bool:
        if not (is_keep(key) or is_keep(plain)):
            return False
        # 「OK」 to a yes/no question is its answer はい, not "keep the current answer".
        return not (spec.type == "yes_no" and (key in YES_WORDS or key in NO_WORDS))

    def correct_last_number(self, session: FormSession, text: str, lang: str, today: date) -> Outcome | None:
        """「やっぱり4件」「４件に訂正」「すみません、3件でした」: the last number answered is mended and
        the form stays where it is. None when the text is not such a correction, or no number has
        been answered yet (then 「やっぱり4件」 is just the answer to the question shown)."""
        previous = parse_previous_correction(text)
        if previous is not None:
            return self._correct_previous(session, previous, lang, today)
        placed = self._correct_item_said(session, text, lang, today)
        if placed is not None:
            return placed  # 「1問目を16に直して」「対象は30件です」「さっきの対象件数は16だった」
        named = parse_named_correction(text)
        said = named[1] if named is not None else parse_correction(text)
        if said is None:
            return None
        shown = self.field(session, session.current) if session.stage == "asking" else None
        if shown is not None and shown.type in _CHOICE_TYPES and re.fullmatch(r"\d+", jn.normalize(said)) \
                and not _CORRECTING.search(unicodedata.normalize("NFKC", text).strip()):
            return None  # 「やっぱり2」 at a choice is its option 2, not a number mended
        answered = [f for f in self.visible(session) if f.type in _NUMERIC_TYPES and f.id in session.answers
                    and f.id != (session.current if session.stage == "asking" else None)]
        if not answered:
            return None
        spec = answered[-1]
        called = self._named(answered, named[0]) if named is not None else []
        if len(called) > 1:
            # 「手続数を32に訂正」 names both counts: asked, not guessed.
            labels = "、".join(f"「{_inner(f.text(f.label, lang))}」" for f in called)
            return Outcome(session, "invalid", t("form.correct.ambiguous", lang, label=_inner(named[0]), labels=labels))
        if called:
            spec = called[-1]  # 「さっきの対象手続数まちがえた」: the answer named, wherever it is
        elif named is not None and _LABEL_CORRECTING.match(unicodedata.normalize("NFKC", text).strip()):
            # 「予算を32に訂正したい」 naming no answered number: said so, nothing changed.
            return Outcome(session, "invalid", t("form.correct.unnamed", lang, label=_inner(named[0])))
        elif session.stage == "asking" and session.current in {f.id for f in self.visible(session)}:
            # The last one answered before the question shown now.
            order = [f.id for f in self.visible(session)]
            before = [f for f in answered if order.index(f.id) < order.index(str(session.current))]
            spec = before[-1] if before else spec
        if named is None and len(answered) > 1 and not self._just_before(session, spec):
            # 「やっぱ12件だった」 at a later item (or on the review): the count just answered is not the
            # question before this one, so which count is meant is asked in one line, not guessed.
            return self._ask_which_count(session, answered, said, lang)
        return self._mend(session, spec, said, lang, today)

    def _just_before(self, session: FormSession, spec: FieldSpec) -> bool:
        """True when `spec` is the question right before the one shown (or the last one, on the review):
        the answer just given, which a bare 「やっぱり4件」 mends."""
        order = [f.id for f in self.visible(session)]
        if session.stage != "asking":
            return bool(order) and order[-1] == spec.id
        if session.current not in order:
            return False
        at = order.index(str(session.current))
        return at > 0 and order[at - 1] == spec.id

    def _ask_which_count(self, session: FormSession, answered: Sequence[FieldSpec], said: str,
                         lang: str) -> Outcome:
        """「どの件数を12件にしますか？ 「対象手続数」（いま12件）、…」: one line; the number waits in the
        session (`pending_mend`) for the item's name, typed next (`mend_pending`)."""
        session.meta["pending_mend"] = said
        now = "いま" if lang == "ja" else "now "
        labels = "、".join(f"「{_inner(f.text(f.label, lang))}」（{now}{self.display(f, session.answers[f.id], lang)}）"
                          for f in answered)
        value = said if not re.fullmatch(r"[0-9]+", said) else f"{said}{loc(answered[0].unit, lang)}"
        return Outcome(session, "invalid", t("form.correct.which_count", lang, value=value, labels=labels,
                                             label=_inner(answered[-1].text(answered[-1].label, lang))))

    def mend_pending(self, session: FormSession, text: str, lang: str, today: date) -> Outcome | None:
        """The reply to 「どの件数を12件にしますか？」: the item's name (「オンライン化済み」「対象手続数の
        ほうです」「2番目」) takes the number waiting. Any other reply lets the number go (None)."""
        said = session.meta.pop("pending_mend", None)
        if not said:
            return None
        plain = unicodedata.normalize("NFKC", text or "").strip(" 。.!！、,")
        plain = re.sub(r"(?:の(?:ほう|方|やつ|件数|数))?(?:です|でした|で|を直して|をお願いします|お願いします)?$", "", plain)
        current = session.current if session.stage == "asking" else None
        answered = [f for f in self.visible(session) if f.type in _NUMERIC_TYPES and f.id in session.answers
                    and f.id != current]
        place = re.fullmatch(r"(\d{1,2})(?:番目|番|問目|つ目)", plain)
        if place:
            order = self.visible(session)
            index = int(place.group(1)) - 1
            named = [order[index]] if 0 <= index < len(order) and order[index] in answered else []
        elif len(plain) >= 2:
            named = self._named(answered, plain) or self._named(answered, _COUNT_TAIL.sub("", plain))
        else:
            named = []
        if len(named) != 1:
            return None
        return self._mend(session, named[0], said, lang, today)

    def _correct_item_said(self, session: FormSession, text: str, lang: str, today: date) -> Outcome | None:
        """「1問目を16に直して」「最初のやつ30件だった」「対象は30件です」「さっきの対象件数は16だった」: one
        answered number item (not the one shown) named by its place or by words of its label takes the
        number; None when the text is not such a sentence or names no single answered number item."""
        m = _ITEM_SAID.match(unicodedata.normalize("NFKC", text or "").strip())
        if m is None or len(text) > 60:
            return None
        said = parse_correction(f"訂正 {m.group('said')}")
        if said is None:
            return None
        current = session.current if session.stage == "asking" else None
        shown = self.visible(session)
        if m.group("label") is None:  # 「1問目」「最初のやつ」: by its place in the form
            place = m.group("place") or "1"
            index = (int(place) if place.isdigit() else "一二三四五六七八九".index(place) + 1) - 1
            if not 0 <= index < len(shown) or shown[index].id == current:
                return None
            named = [shown[index]]
        else:
            label = m.group("label")
            if label in ("さっき", "先ほど", "前", "回答", "答え", "それ", "これ", "あれ"):
                return None
            answered = [f for f in shown if f.id != current and f.id in session.answers]
            named = self._named(answered, label) or self._named(answered, _COUNT_TAIL.sub("", label))
        if len(named) != 1 or named[0].type not in _NUMERIC_TYPES or named[0].id not in session.answers:
            return None
        return self._mend(session, named[0], said, lang, today)

    def clear_named(self, session: FormSession, text: str, lang: str, today: date) -> Outcome | None:
        """「10番はなしで」「小さな気づきはなしで」「気づきは消して」: the answer of the item named (by its
        number on the review, or words of its label) is emptied when the item is optional, in one line;
        a required one says it cannot be empty. A required choice with a 「なし」 option (課題 → 特になし)
        is left to `correct_choice`; None when the text is no such sentence."""
        parsed = parse_clear(text)
        if parsed is None:
            return None
        place, label = parsed
        shown = self.visible(session)
        if place:
            named = [shown[place - 1]] if 1 <= place <= len(shown) else []
        else:
            label = _LABEL_SYNONYMS.get(label.lower(), label)
            named = self._named(shown, label)
            if len(named) > 1:
                named = [f for f in named if jn.fold_kana(_inner(f.text(f.label, "ja"))) == jn.fold_kana(label)] \
                    or [f for f in named if f.id == session.current and session.stage == "asking"] or named
        if len(named) != 1:
            return None  # 「特に問題はなしで」 names no item: an answer like any other
        spec = named[0]
        name = _inner(spec.text(spec.label, lang))
        if spec.required:
            if spec.type in _CHOICE_TYPES and not self.parse(spec, "なし", lang, today)[1]:
                return None  # 「課題はなしで」: its option 特になし, a correction
            return Outcome(session, "invalid", t("form.clear.required", lang, label=name,
                                                 number=shown.index(spec) + 1))
        if spec.id == session.current and session.stage == "asking":
            return self.skip(session, lang)  # 「小さな気づきはなしで」 at its own question
        if spec.id not in session.answers:
            return Outcome(session, "info", t("form.clear.already", lang, label=name))
        session.answers.pop(spec.id)
        if spec.id not in session.skipped:
            session.skipped.append(spec.id)
        return Outcome(session, "info", t("form.cleared", lang, label=name))

    def correct_choice(self, session: FormSession, text: str, lang: str, today: date) -> Outcome | None:
        """「遅延じゃなくて進行中」「さっきのは遅延じゃなくて進行中でした」「ステータスを進行中に訂正」: an answered
        choice is mended like a number (「「…の状況」を遅延から進行中に訂正しました」); the form stays at its
        question (or moves on when the question shown depended on the old option: 遅延理由). Several
        items that could be meant are listed, not guessed; None when the text is no such correction."""
        parsed = parse_choice_correction(text)
        if parsed is None:
            return None
        old_word, said, label = parsed
        current = session.current if session.stage == "asking" else None
        before = {f.id for f in self.visible(session)}
        # Choices, several-choice items (課題) and — only when named — free texts (課題の内容).
        answered = [f for f in self.visible(session) if f.type in ("choice", "multi_choice", "text")
                    and f.id in session.answers and f.id != current]
        if label:
            named = self._named(answered, _LABEL_SYNONYMS.get(label.lower(), label))
            if len(named) > 1:
                # 「課題」 names 課題 and 課題の内容: the item whose label it is, exactly.
                named = [f for f in named if jn.fold_kana(_inner(f.text(f.label, "ja"))) == jn.fold_kana(label)] or named
            if not named and not old_word:
                return None
            answered = named or [f for f in answered if f.type != "text"]
        else:
            answered = [f for f in answered if f.type != "text"]
        fits = []
        for f in answered:
            value, error = self.parse(f, said, lang, today)
            if error or value == session.answers.get(f.id):
                continue
            if old_word:
                was, was_error = self.parse(f, old_word, lang, today)
                if was_error or was != session.answers.get(f.id):
                    continue
            fits.append(f)
        if not fits:
            return None
        if len(fits) > 1:
            labels = "、".join(f"「{_inner(f.text(f.label, lang))}」" for f in fits)
            return Outcome(session, "invalid", t("form.correct.which_choice", lang, labels=labels, value=said,
                                                 label=_inner(fits[-1].text(fits[-1].label, lang))))
        outcome = self._mend(session, fits[0], said, lang, today)
        if outcome.kind == "invalid":
            return outcome
        # The text of 課題の内容 stays (the person typed it; it is mended in words too, or with 「変更 n」).
        now = self.visible(outcome.session)
        new_gap = any(f.id not in before and f.id not in outcome.session.answers
                      and f.id not in outcome.session.skipped for f in now)
        if (current is not None and current not in {f.id for f in now}) or new_gap:
            # 「遅延じゃなくて進行中」 at 遅延理由: that question is no longer asked; 課題 mended from
            # 特になし to 人員・時間: 課題の内容 is asked now.
            return Outcome(self._advance(outcome.session), outcome.kind, outcome.message)
        return outcome


    def _mend(self, session: FormSession, spec: FieldSpec, said: str, lang: str, today: date) -> Outcome:
        """The answer of `spec` becomes `said` (checked like an answer), said back in one line."""
        value, error = self.parse(spec, said, lang, today)
        old = session.answers.get(spec.id)
        if not error and old is not None and value == old:
            # 「やっぱり12件に訂正」 with 12 stored: said so, nothing stored again.
            return Outcome(session, "info", t("form.correct.already", lang, label=_inner(spec.text(spec.label, lang)),
                                              value=self.display(spec, value, lang)))
        if not error:
            session.answers[spec.id] = value
            error = self.validate(session, spec, value, lang)
            if error:
                session.answers[spec.id] = old
        if error:
            return Outcome(session, "invalid", error)
        quote = "「{}」" if lang == "ja" else "\"{}\""  # a free text said back as words, not run into the line
        shown = (lambda v: quote.format(_excerpt(self.display(spec, v, lang)))) if spec.type == "text" else \
            (lambda v: self.display(spec, v, lang))
        return Outcome(session, "info", t("form.corrected", lang, label=_inner(spec.text(spec.label, lang)),
                                         old=shown(old), value=shown(value)))

    def _correct_previous(self, session: FormSession, previous: tuple[str, str, str], lang: str,
                          today: date) -> Outcome | None:
        """「さっきの30じゃなくて32でした」: the one answered number item whose answer was 30 becomes 32.
        Several such items (and no label said) are listed for the person to pick one; none is said."""
        old, said, label = previous
        current = session.current if session.stage == "asking" else None
        answered = [f for f in self.visible(session) if f.type in _NUMERIC_TYPES and f.id in session.answers
                    and f.id != current]
        if not answered:
            return None
        had = [f for f in answered if _fmt_number(session.answers.get(f.id)) == _fmt_number(float(old))]
        if label:
            had = self._named(had, label) or had
        if len(had) == 1:
            return self._mend(session, had[0], said, lang, today)
        if not had:
            return Outcome(session, "invalid", t("form.correct.none", lang, old=old))
        labels = "、".join(f"「{_inner(f.text(f.label, lang))}」" for f in had)
        return Outcome(session, "invalid", t("form.correct.which", lang, old=old, labels=labels, value=said,
                                             label=_inner(had[0].text(had[0].label, lang))))

    def _named(self, fields: Sequence[FieldSpec], said: str) -> list[FieldSpec]:
        """The fields `said` names: its words all in the label (「対象手続数」「対象の手続数」「手続数」)."""
        exact = [f for f in fields if self._names(f, said)]
        if exact:
            return exact
        words = [w for w in re.split(r"[のをはがと、,\s]+", jn.fold_kana(said)) if len(w) >= 2]
        return [f for f in fields if words and all(self._names(f, w) for w in words)]

    def names(self, spec: FieldSpec, said: str) -> bool:
        """True when `said` (「相談したい内容」「気づき」) names the question's label."""
        return self._names(spec, said)

    @staticmethod
    def _names(spec: FieldSpec, said: str) -> bool:
        """True when `said` (「対象手続数」「手続数」「オンライン化済み」) names the question's label."""
        said = jn.fold_kana(said)
        return len(said) >= 2 and any(said in jn.fold_kana(_inner(spec.text(spec.label, lang)))
                                      for lang in ("ja", "en"))

    def keep(self, session: FormSession, spec: FieldSpec, lang: str) -> Outcome:
        """The question shown again keeps its answer; go on to the next open question (or the summary)."""
        session.held = ""
        message = t("form.kept", lang, label=_inner(spec.text(spec.label, lang)),
                    value=self.display(spec, session.answers[spec.id], lang))
        return Outcome(self._advance(session), "next", message)

    def _unknown_choice(self, session: FormSession, spec: FieldSpec, lang: str) -> str:
        """One line for 「わからない」 at a choice: the choices again, and 「スキップ」 for an optional
        question, else where to take the doubt (the form's consultation question, or the office)."""
        label = _inner(spec.text(spec.label, lang))
        options = self._numbered(spec, lang) if spec.options else t("form.unknown.yes_no_options", lang)
        if not spec.required:
            return t("form.unknown.choice.optional", lang, label=label, options=options)
        consult = self.field(session, str(self.spec.metrics.get("consultation") or ""))
        gated_by_this = consult is not None and any(c.field == spec.id for c in consult.when)
        if consult is not None and not gated_by_this and consult.id not in session.answers:
            return t("form.unknown.choice.consult_later", lang, label=label, options=options,
                     office=office_name(lang), consult=consult.text(consult.label, lang))
        return t("form.unknown.choice", lang, label=label, options=options, office=office_name(lang))

    def keep_as_other(self, session: FormSession, text: str, lang: str) -> Outcome | None:
        """Text typed to a choice question that names no option, kept rather than refused: the
        catch-all option (「その他」) is recorded and the text becomes the answer of the field's
        `detail` question. None when the question has no such option, or the text is too short to
        be a description (「たぶん」 is a failed try at choosing, not an obstacle)."""
        spec = self.field(session, session.current) if session.stage == "asking" else None
        other = next((o for o in spec.options if o.other), None) if spec else None
        words = " ".join(text.split())
        if spec is None or other is None or spec.detail is None or not _description(words, 4):
            return None
        detail = self.field(session, spec.detail)
        value: Any = [other.value] if spec.type == "multi_choice" else other.value
        if detail is None or self.validate(session, spec, value, lang):
            return None
        trial = dict(session.answers, **{spec.id: value})
        if not all(c.holds(trial) for c in detail.when):
            return None
        before = {f.id for f in self.visible(session)}
        session.answers[detail.id] = words[: detail.max_length or None]
        session.skipped = [f for f in session.skipped if f != detail.id]
        outcome = self.accept(session, spec, value, lang, before)
        outcome.message = t("form.kept_as_other", lang, option=loc(other.label, lang), text=_excerpt(words),
                            detail=detail.text(detail.label, lang))
        return outcome

    def hold(self, session: FormSession, text: str, lang: str, refusal: str) -> Outcome:
        """A choice question refused typed text: keep the words for the next free-text question
        (offered there once) and say so in the same one line as the choices."""
        words = " ".join(text.split())
        if not _description(words, 8) or self._later_text_field(session) is None:
            return Outcome(session, "invalid", refusal)  # 「たぶん」「しんこーちゅう」: a failed try at choosing
        session.held = words[:1000]
        return Outcome(session, "invalid", refusal + t("form.held", lang, text=_excerpt(session.held)))

    def _later_text_field(self, session: FormSession) -> FieldSpec | None:
        ids = [f.id for f in self.visible(session)]
        start = ids.index(session.current) + 1 if session.current in ids else len(ids)
        return next((f for f in self.visible(session)[start:]
                     if f.type == "text" and f.id not in session.answers and f.id not in session.skipped), None)

    def _typed_button(self, session: FormSession, spec: FieldSpec, text: str) -> tuple[str, str] | None:
        # A typed number k means button k (the console presses button k for the same input).
        s = jn.normalize(text)
        if not re.fullmatch(r"\d{1,3}", s):
            return None
        buttons = self.buttons(session, spec, "ja", token="")
        k = int(s)
        if not 1 <= k <= len(buttons):
            return None
        _, verb, _, arg = buttons[k - 1].value.split("|", 3)
        return verb, arg

    def handle_button(self, session: FormSession, verb: str, field_id: str, arg: str, lang: str,
                      today: date) -> Outcome:
        """A pressed button (or a typed number standing for one)."""
        if verb == "submit":
            if session.stage != "summary":
                return Outcome(session, "stale", t("form.stale", lang))
            return Outcome(session, "submit")
        if verb == "change":
            return self.change(session, field_id, lang)
        spec = self.field(session, field_id)
        if spec is None or session.stage != "asking" or session.current != field_id:
            return Outcome(session, "stale", t("form.stale", lang))
        if verb == "same":
            return self.same_as_last(session, spec, lang, today)
        if verb == "skip":
            return self.skip(session, lang)
        if verb == "pick":
            option = next((o for o in spec.options if o.value == arg), None)
            if option is None:
                return Outcome(session, "stale", t("form.stale", lang))
            if spec.type == "yes_no":
                return self.accept(session, spec, arg == "yes", lang)
            return self.accept(session, spec, option.value, lang)
        if verb == "tick":
            option = next((o for o in spec.options if o.value == arg), None)
            if option is None:
                return Outcome(session, "stale", t("form.stale", lang))
            ticked = list(session.ticked)
            if option.exclusive and arg not in ticked:
                # 「特になし」 answers the question at once: no 「確定」 step after it.
                return self.accept(session, spec, [arg], lang)
            if arg in ticked:
                ticked.remove(arg)
            else:
                ticked = [v for v in ticked if not self._exclusive(spec, v)] + [arg]
            session.ticked = ticked
            labels = ("、" if lang == "ja" else ", ").join(loc(o.label, lang) for o in spec.options if o.value in ticked) or "-"
            return Outcome(session, "info", t("form.multi.ticked", lang, chosen=labels))
        if verb == "done":
            if not session.ticked:
                return Outcome(session, "invalid", t("form.multi.none_ticked", lang))
            chosen = [o.value for o in spec.options if o.value in session.ticked]
            return self.accept(session, spec, chosen, lang)
        return Outcome(session, "stale", t("form.stale", lang))

    @staticmethod
    def _exclusive(spec: FieldSpec, value: str) -> bool:
        return any(o.value == value and o.exclusive for o in spec.options)

    def back(self, session: FormSession, lang: str) -> Outcome:
        """Go to the question before the current one (from the summary: the last question)."""
        visible = self.visible(session)
        if session.stage == "summary":
            if not visible:
                return Outcome(session, "invalid", t("form.back.first", lang))
            session.current, session.stage, session.ticked = visible[-1].id, "asking", []
            return Outcome(session, "next")
        ids = [f.id for f in visible]
        index = ids.index(session.current) if session.current in ids else len(ids)
        if index == 0:
            return Outcome(session, "invalid", t("form.back.first", lang))
        session.current, session.ticked = ids[index - 1], []
        if session.current in session.skipped:
            session.skipped.remove(session.current)
        return Outcome(session, "next")

    def skip(self, session: FormSession, lang: str) -> Outcome:
        """Leave an optional question unanswered; required ones say so."""
        spec = self.field(session, session.current)
        if spec is None:
            return Outcome(self._advance(session), "next")
        if spec.required:
            message = spec.text(spec.messages.get("required"), lang) or t(
                "form.skip.required", lang, label=spec.text(spec.label, lang))
            return Outcome(session, "invalid", message)
        session.answers.pop(spec.id, None)
        if spec.id not in session.skipped:
            session.skipped.append(spec.id)
        return Outcome(self._advance(session), "next", t("form.skip.done", lang))

    def change_number(self, session: FormSession, number: int, lang: str) -> Outcome:
        """「3を変更」: re-ask the third question of the summary."""
        visible = self.visible(session)
        if not 1 <= number <= len(visible):
            return Outcome(session, "invalid", t("form.change.out_of_range", lang, count=len(visible)))
        return self.change(session, visible[number - 1].id, lang)

    def change(self, session: FormSession, field_id: str, lang: str) -> Outcome:
        """Re-ask one question; after it the engine returns to the summary (or the next gap)."""
        if field_id not in {f.id for f in self.visible(session)}:
            return Outcome(session, "stale", t("form.stale", lang))
        session.current, session.stage, session.ticked = field_id, "asking", []
        if field_id in session.skipped:
            session.skipped.remove(field_id)
        return Outcome(session, "next")

    def same_as_last(self, session: FormSession, spec: FieldSpec, lang: str, today: date) -> Outcome:
        """Take last month's value, validated like a typed one (a cross rule may now fail), and say
        which value was taken; without one, say so and ask the question again."""
        if spec.id not in session.previous:
            return Outcome(session, "info", t("form.same.none", lang))
        value = session.previous[spec.id]
        outcome = self.accept(session, spec, value, lang)
        if outcome.kind == "next":
            used = t("form.same.used", lang, value=self.display(spec, value, lang))
            return replace(outcome, message=f"{used}{outcome.message}")
        return outcome

    def _share(self, session: FormSession, spec: FieldSpec, text: str, lang: str) -> Outcome:
        """「８割くらい」 to a count: converted when the total it is a share of is answered (a rule
        `this <= other`), else asked back in one line saying a count is needed."""
        percent = jn.parse_percent(unhedge(text))
        label = _inner(spec.text(spec.label, lang))
        unit = spec.text(spec.unit, lang)
        rule = next((r for r in self.spec.rules if r.field == spec.id and r.op in ("lte", "lt")), None)
        other = self.field(session, rule.other) if rule is not None else None
        total = session.answers.get(rule.other) if rule is not None else None
        if percent is None or not 0 <= percent <= 100:
            return Outcome(session, "invalid", t("form.share.count", lang, label=label, unit=unit))
        if not isinstance(total, (int, float)) or isinstance(total, bool) or other is None:
            if other is None:
                return Outcome(session, "invalid", t("form.share.count", lang, label=label, unit=unit))
            return Outcome(session, "invalid", t("form.share.need_total", lang, label=label, unit=unit,
                                                  said=_excerpt(unhedge(text)), other=_inner(other.text(other.label, lang))))
        value = int(total * percent / 100 + 0.5)
        outcome = self.accept(session, spec, value, lang)
        if outcome.kind == "next":
            said = t("form.share.converted", lang, said=_excerpt(unhedge(text)), total=_fmt_number(total),
                     unit=unit, value=_fmt_number(value), other=_inner(other.text(other.label, lang)))
            return replace(outcome, message=f"{said}{outcome.message}")
        return outcome

    def accept(self, session: FormSession, spec: FieldSpec, value: Any, lang: str,
               before: set[str] | None = None) -> Outcome:
        """Validate a parsed value against the field's rules and the cross-field rules, then advance.

        The line saying what was recorded also says when the answer added or removed questions
        (「遅延」 adds 「遅延理由」), so the count in the title never changes silently."""
        error = self.validate(session, spec, value, lang)
        if error:
            return Outcome(session, "invalid", error)
        if before is None:
            before = {f.id for f in self.visible(session)}
        session.answers[spec.id] = value
        if spec.id in session.skipped:
            session.skipped.remove(spec.id)
        others = {o.value for o in spec.options if o.other}
        if spec.detail is not None and others and not (set(value if isinstance(value, list) else [value]) & others):
            session.answers.pop(spec.detail, None)  # その他 no longer chosen: its old text is not kept
        after = {f.id for f in self.visible(session)}
        label = spec.text(spec.label, lang)
        if spec.type == "multi_choice":
            chosen = "".join(f"「{loc(o.label, lang)}」" if lang == "ja" else f"\"{loc(o.label, lang)}\" "
                             for o in spec.options if o.value in (value or []))
            message = t("form.recorded.multi", lang, label=label, chosen=chosen.strip())
        else:
            message = t("form.recorded", lang, label=label, value=self.display(spec, value, lang))
        shown = self.display(spec, value, lang)
        if len(after) > len(before):
            message += t("form.count.added", lang, value=shown, n=len(after) - len(before))
        elif len(after) < len(before):
            message += t("form.count.removed", lang, value=shown, n=len(before) - len(after))
        return Outcome(self._advance(session), "next", message)

    # -- parsing and validation ------------------------------------------------------------
    def parse(self, spec: FieldSpec, text: str, lang: str, today: date) -> tuple[Any, str]:
        """(value, "") or (None, a message saying what is expected). 「うーん、８件かな」 and
        「人手がたりないのと予算かな」 are read without their fillers and hedges."""
        value, message = self._parse(spec, text, lang, today)
        if value is None and spec.type in _HEDGED_TYPES:
            plain = unhedge(text)
            if spec.type == "multi_choice":
                plain = _LIST_JOINERS.sub("、", plain)
            if plain and plain != text.strip():
                retry, _ = self._parse(spec, plain, lang, today)
                if retry is not None:
                    return retry, ""
            waited = _WAITING.sub("", plain) if spec.type in ("choice", "multi_choice") else ""
            if waited and waited != plain:
                retry, _ = self._parse(spec, waited, lang, today)  # 「業者待ち」「べんだーの返事まち」
                if retry is not None:
                    return retry, ""
        return value, message

    def mend_named_number(self, session: FormSession, label: str, said: str, lang: str, today: date) -> Outcome | None:
        """「フォーム数は1件でした」 on the review screen: the one answered number item `label` names
        takes `said` (checked like an answer); None when no single item is named."""
        named = self._named([f for f in self.visible(session) if f.type in _NUMERIC_TYPES], label)
        return self._mend(session, named[0], said, lang, today) if len(named) == 1 else None

    def names_another_question(self, session: FormSession, spec: FieldSpec, text: str) -> FieldSpec | None:
        """The other choice question of the form whose option `text` names (「すすんでる」 is a status,
        said at 課題, a choice of problem kinds): not an answer to `spec`, nor its 「その他」."""
        if spec.type not in ("choice", "multi_choice") or _choice_by_stem(text, spec.options) is not None:
            return None
        for other in self.fields(session):
            if other.id != spec.id and other.type == "choice" and _choice_by_stem(text, other.options) is not None:
                return other
        return None

    def _parse(self, spec: FieldSpec, text: str, lang: str, today: date) -> tuple[Any, str]:
        label = _inner(spec.text(spec.label, lang))
        raw = text.strip()
        if not raw:
            return None, t("form.error.empty", lang, label=label)
        custom = spec.text(spec.messages.get("invalid"), lang)
        # A field with its own unit takes only that unit (「12人」 is not 12 件); without one, any counter.
        counters = not spec.unit_names()
        if spec.type == "integer":
            units = [*spec.unit_names(), *_COUNT_WORDS]
            value = jn.parse_integer(raw, units, counters)
            if value is None:
                if jn.is_decimal_not_integer(raw, units, counters):
                    return None, custom or t("form.error.whole_number", lang, label=label)
                return None, custom or t("form.error.integer", lang, label=label, unit=spec.text(spec.unit, lang))
            return value, ""
        if spec.type == "number":
            number = jn.parse_number(raw, spec.unit_names(), counters)
            if number is None or not math.isfinite(number):
                return None, custom or t("form.error.number", lang, label=label, unit=spec.text(spec.unit, lang))
            return number, ""
        if spec.type == "percent":
            percent = jn.parse_percent(raw)
            if percent is None or not math.isfinite(percent):
                return None, custom or t("form.error.percent", lang, label=label)
            return percent, ""
        if spec.type == "date":
            day = jn.parse_date(raw, today)
            if day is None:
                return None, custom or t("form.error.date", lang, label=label)
            return day.isoformat(), ""
        if spec.type == "yes_no":
            yes = jn.parse_yes_no(raw)
            if yes is None:
                return None, custom or t("form.error.yes_no", lang, label=label)
            return yes, ""
        names = [o.names() for o in spec.options]
        numbered = self._numbered(spec, lang)
        if spec.type == "choice":
            index = jn.parse_choice(raw, names)
            if index is None:
                return None, custom or t("form.error.choice", lang, label=label, options=numbered)
            return spec.options[index].value, ""
        if spec.type == "multi_choice":
            indexes = jn.parse_choices(raw, names)
            if indexes is None:
                indexes = kana.read_options(raw, names)  # 「よさんと人手」: the labels typed in kana
            if indexes is None:
                return None, custom or t("form.error.multi_choice", lang, label=label, options=numbered)
            return [spec.options[i].value for i in sorted(indexes)], ""
        return raw, ""

    @staticmethod
    def _numbered(spec: FieldSpec, lang: str) -> str:
        return " ".join(f"{n}.{loc(o.label, lang)}" for n, o in enumerate(spec.options, 1))

    def validate(self, session: FormSession, spec: FieldSpec, value: Any, lang: str) -> str:
        """"" when fine, else the specific, polite message of the first rule broken."""
        label = _inner(spec.text(spec.label, lang))
        unit = spec.text(spec.unit, lang)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            low, high = spec.min, spec.max
            if spec.type == "percent":
                # A percent is 0–100 unless the form says otherwise (issue 17: no −5 %, no 10^12 %).
                low = 0 if low is None else low
                high = 100 if high is None else high
            if low is not None and value < low:
                return spec.text(spec.messages.get("min"), lang) or t(
                    "form.error.min", lang, label=label, min=_fmt_number(low), unit=unit)
            if high is not None and value > high:
                return spec.text(spec.messages.get("max"), lang) or t(
                    "form.error.max", lang, label=label, max=_fmt_number(high), unit=unit)
        if isinstance(value, str) and spec.type == "text" and spec.max_length and len(value) > spec.max_length:
            return spec.text(spec.messages.get("max_length"), lang) or t(
                "form.error.max_length", lang, label=label, max_length=spec.max_length, length=len(value))
        if isinstance(value, list):
            exclusive = [o for o in spec.options if o.exclusive and o.value in value]
            if exclusive and len(value) > 1:
                return spec.text(spec.messages.get("exclusive"), lang) or t(
                    "form.error.exclusive", lang, option=loc(exclusive[0].label, lang))
        if spec.type in ("choice",) and value not in {o.value for o in spec.options}:
            return t("form.error.choice", lang, label=label, options=self._numbered(spec, lang))
        for rule in self.spec.rules:
            if spec.id not in (rule.field, rule.other):
                continue
            other_id = rule.other if spec.id == rule.field else rule.field
            other = self.field(session, other_id)
            if other is None or other_id not in session.answers or not all(
                    c.holds(session.answers) for c in other.when):
                continue
            left = value if spec.id == rule.field else session.answers[rule.field]
            right = session.answers[rule.other] if spec.id == rule.field else value
            if not _compare(left, rule.op, right):
                field_spec = self.field(session, rule.field)
                other_spec = self.field(session, rule.other)
                return fill(loc(rule.message, lang), {
                    "value": self.display(field_spec, left, lang) if field_spec else left,
                    "other": self.display(other_spec, right, lang) if other_spec else right,
                    "field_value": _fmt_number(left), "other_value": _fmt_number(right),
                })
        return ""

    # -- rendering -------------------------------------------------------------------------
    def display(self, spec: FieldSpec, value: Any, lang: str) -> str:
        """An answer as people read it: 「12件」「80%」「2026年12月1日」「進行中」「はい」."""
        if value is None:
            return t("form.value.none", lang)
        if spec.type == "yes_no":
            return t("form.value.yes" if value else "form.value.no", lang)
        if spec.type == "choice":
            option = next((o for o in spec.options if o.value == value), None)
            return loc(option.label, lang) if option else str(value)
        if spec.type == "multi_choice":
            return ("、" if lang == "ja" else ", ").join(loc(o.label, lang) for o in spec.options if o.value in (value or [])) or "-"
        if spec.type == "percent":
            return jn.percent_text(value)
        if spec.type in ("integer", "number"):
            unit = spec.text(spec.unit, lang)
            return f"{_fmt_number(value)}{'' if lang == 'ja' or not unit else ' '}{unit}"
        if spec.type == "date":
            try:
                day = date.fromisoformat(str(value))
            except ValueError:
                return str(value)
            return f"{day.year}年{day.month}月{day.day}日" if lang == "ja" else day.isoformat()
        return str(value)

    def buttons(self, session: FormSession, spec: FieldSpec, lang: str, token: str) -> list[Choice]:
        """Buttons of a question: only for choice-like fields, so numbers typed to numeric
        questions are never taken as button presses."""
        def value(verb: str, arg: str = "") -> str:
            return f"{token}|{verb}|{spec.id}|{arg}"

        out: list[Choice] = []
        if spec.type in ("choice", "yes_no"):
            out = [Choice(loc(o.label, lang), self.action_id, value("pick", o.value)) for o in spec.options]
        elif spec.type == "multi_choice":
            out = [Choice(("✓ " if o.value in session.ticked else "") + loc(o.label, lang), self.action_id,
                          value("tick", o.value)) for o in spec.options]
            out.append(Choice(t("form.multi.done", lang), self.action_id, value("done"), "primary"))
        if out and spec.default_from_last and spec.id in session.previous:
            last = self.display(spec, session.previous[spec.id], lang)
            out.append(Choice(t("form.same.button", lang, value=last), self.action_id, value("same")))
        return out

    def render(self, session: FormSession, lang: str, token: str, message: str = "") -> Reply:
        """The current step: the next question, or the summary with change/submit buttons."""
        if session.stage == "summary":
            return self.render_summary(session, lang, token, message)
        spec = self.field(session, session.current)
        if spec is None:
            return self.render_summary(self._advance(session), lang, token, message)
        visible = self.visible(session)
        ids = [f.id for f in visible]
        position = ids.index(spec.id) + 1 if spec.id in ids else len(ids)
        lines = [message] if message else []
        lines.append(spec.text(spec.prompt, lang))
        hint = self._hint(spec, lang)
        if hint:
            lines.append(hint)
        if spec.id in session.answers:
            lines.append(t("form.current_answer", lang, value=self.display(spec, session.answers[spec.id], lang)))
        if spec.default_from_last and spec.id in session.previous:
            lines.append(t("form.same.hint", lang, value=self.display(spec, session.previous[spec.id], lang)))
        if spec.type == "text" and session.held:
            lines.append(t("form.held.offer", lang, text=_excerpt(session.held)))
        if spec.type == "multi_choice" and session.ticked:
            chosen = ("、" if lang == "ja" else ", ").join(loc(o.label, lang) for o in spec.options if o.value in session.ticked)
            lines.append(t("form.multi.ticked", lang, chosen=chosen))
        # The navigation footer once per form (on its first question); later, only "optional".
        if position == 1:
            lines.append(t("form.nav.optional" if not spec.required else "form.nav.required", lang))
        elif not spec.required:
            lines.append(t("form.nav.optional_short", lang))
        most = self.most(session)
        if position == 1 and most > len(ids) and not session.answers:
            lines.append(t("form.count.intro", lang, total=len(ids), most=most))
        title = t("form.question_title" if most <= len(ids) else "form.question_title.most", lang,
                  form=self.form_text(self.spec.title, lang), n=position, total=max(most, len(ids)))
        return Reply(
            title=title,
            text="\n".join(lines),
            choices=tuple(self.buttons(session, spec, lang, token)),
        )

    def most(self, session: FormSession) -> int:
        """The most questions this form can ask (every conditional one included): the stable
        total of the title, which answers never change (「1/最大13」)."""
        return len(self.fields(session))

    def _hint(self, spec: FieldSpec, lang: str) -> str:
        unit = spec.text(spec.unit, lang)
        if spec.type == "integer":
            return t("form.hint.integer", lang, unit=unit or t("form.hint.default_unit", lang))
        if spec.type == "number":
            return t("form.hint.number", lang, unit=unit)
        if spec.type == "percent":
            return t("form.hint.percent", lang)
        if spec.type == "date":
            return t("form.hint.date", lang)
        if spec.type in ("choice", "yes_no"):
            return t("form.hint.choice", lang, options=self._numbered(spec, lang))
        if spec.type == "multi_choice":
            return t("form.hint.multi_choice", lang, options=self._numbered(spec, lang))
        if spec.max_length:
            return t("form.hint.text_limit", lang, max_length=spec.max_length)
        return ""

    def summary_fields(self, session: FormSession, lang: str) -> list[Field]:
        """Numbered answers, then the computed values."""
        out = []
        for n, f in enumerate(self.visible(session), 1):
            value = self.display(f, session.answers[f.id], lang) if f.id in session.answers else t(
                "form.value.unanswered", lang)
            out.append(Field(f"{n}. {f.text(f.label, lang)}", value[:300]))
        values = self.computed(self.final_answers(session))
        for c in self.spec.computed:
            v = values.get(c.id)
            shown = t("form.value.not_computable", lang) if v is None else f"{_fmt_number(v)}{loc(c.unit, lang)}"
            out.append(Field(t("form.computed_label", lang, label=loc(c.label, lang)), shown))
        return out

    def render_summary(self, session: FormSession, lang: str, token: str, message: str = "") -> Reply:
        """The review step: every answer numbered, change buttons numbered alike, then submit."""
        visible = self.visible(session)
        # 「変更 n」 is button n, so a number typed or pressed means the item of that number on every
        # platform; 送信 comes last (a stray 「1」 opens item 1 again rather than sending).
        choices = [Choice(t("form.change.button", lang, n=n, label=f.text(f.label, lang)), self.action_id,
                           f"{token}|change|{f.id}|") for n, f in enumerate(visible, 1)]
        choices.append(Choice(t("form.submit.button", lang), self.action_id, f"{token}|submit||", "primary"))
        text = "\n".join([m for m in (message, t("form.summary.text", lang)) if m])
        return Reply(title=t("form.summary.title", lang, form=self.form_text(self.spec.title, lang)), text=text,
                     fields=tuple(self.summary_fields(session, lang)), choices=tuple(choices))

    def help_text(self, session: FormSession, lang: str) -> str:
        """The field's help text and what can be typed at any point."""
        if session.stage == "summary":
            return t("form.help.summary", lang)
        spec = self.field(session, session.current)
        own = spec.text(spec.help, lang) if spec else ""
        return "\n".join([x for x in (own, t("form.help.commands", lang)) if x])


# Fillers before an answer and hedges after it (「うーん、」「えーと」「８件かな」「予算くらい」「たぶん」
# 「…だと思います」): an answer said the way people talk is still an answer.
_NUMERIC_TYPES = {"integer", "number", "percent"}
_CHOICE_TYPES = {"choice", "multi_choice", "yes_no"}
# Counting words any count may be said with (「３つ」「２個」「５本」), whatever the field's own unit.
_COUNT_WORDS = ("つ", "個", "件", "本", "けん", "こ", "コ")  # 「５けん」「たしか5こ」: said in kana
_HEDGED_TYPES = {"integer", "number", "percent", "choice", "multi_choice", "yes_no"}
_FILLER = re.compile(r"^(?:うちは|うちの課は|うちでは|うちの所属は|当課は|こちらは|こっちは|たしか|確か|う[ーう]*ん|ん[ーん]+|え[ーっ]*と|ええと|えと|あの[ーう]*|あ[ーっ]+|まあ|まぁ|たぶん|多分|おそらく|そのうち|やっぱり|やっぱ|やはり"
                     r"|そうですね|そうだな|だいたい|大体|約|ざっと|全部で|ぜんぶで|全部|ぜんぶ|合計で|合計|ごうけいで|ごうけい|トータルで|全体で|総数で?)[、,。!！…\s]*")
_HEDGE = re.compile(r"(?:(?:くらい|ぐらい|程度|ほど)かな[あぁー]*[?？]|(?<=[0-9件個つ本割])かな[あぁー]*[?？]|かな[あぁー]*|かなと|くらい|ぐらい|位|程度|ほど|前後|ぐらいかな|だと思います|と思います|だと思う|と思う"
                    r"|でしょう|だろう|かと|です|だ|ね|よ|ですね|かも|かもしれません|[。、,.!！…~〜\s])$")
# 「業者待ち」「べんだーの返事まち」「ベンダーの回答待ちです」: what is waited for names the option.
_WAITING = re.compile(r"(?:の)?(?:返事|へんじ|回答|かいとう|連絡|れんらく|対応|見積|見積もり|納品)?(?:待ち|まち|待って(?:る|います|ます)?|まって(?:る|います|ます)?)"
                      r"(?:です|の状態|状態|中)?$")
# 「AのとB」「AとかB」「AやB」: several options named in one breath.
_LIST_JOINERS = re.compile(r"(?:のと|とか|や|、それと|それと|あと)")


# A share said to a count question (「８割くらい」「半分」「80%」).
_SHARE = re.compile(r"割|%|パーセント|半分|半数")
_SAME = re.compile(r"^(?:先月|前月|前回|この前|このまえ|せんげつ|ぜんかい|前)?(?:と|から|も)?"
                   r"(?:同じ|おなじ|一緒|いっしょ|変わらず|かわらず|変わりません|かわりません|変わってない|かわってない"
                   r"|変わっていない|変化なし|変更なし|変わりなし|かわりなし)"
                   r"(?:です|でした|で|でお願いします|でおねがいします|でいい|でいいです|で大丈夫|でok|で良い|でよい|でお願い)?$")
# Non-answers to an optional free-text question: nothing to say (skipped, never stored).
_NO_IDEA = re.compile(r"^(?:今は|いまは|今のところ|いまのところ|特に|とくに)?(?:思いつかない|思いつきません|おもいつかない|おもいつきません"
                      r"|思い浮かばない|思い浮かびません|ないです|ありません|ない|なし|無いです|無い)$")


def is_same(text: str) -> bool:
    """「先月と同じ」「先月と同じです」「前回と一緒で」「変わらず」."""
    said = jn.fold_kana(unhedge(text)).strip("。.!！、,")
    return said in SAME_WORDS or bool(_SAME.fullmatch(said.lower()))


# 「それ何？」「これってなに」「どういう意味？」「なにそれ」 about the question shown: its help.
_ASKS_WHAT = re.compile(r"(?:え[っー]?[、,\s]*)?(?:(?:それ|これ|この質問|この項目|その質問|この数)(?:って|は)?[、,\s]*)?"
                        r"(?:何|なに|なん)(?:ですか|でしょう|でしょうか|のこと|のことですか|のこと[?？]*)?"
                        r"|(?:何|なに)(?:それ|これ)"
                        r"|(?:それ|これ)?(?:って)?(?:どういう意味|どういうこと|どういう意味ですか|どういうことですか)")


def is_non_answer(text: str) -> bool:
    """「特にない」「なし」「ないです」「わからない」「思いつかない」: nothing to say."""
    key = jn.fold_kana(text).strip("。.!！、,")
    plain = unhedge(text)
    return any(said in words for said in (key, plain) for words in (NOTHING_WORDS, UNKNOWN_WORDS)) \
        or bool(_NO_IDEA.fullmatch(plain))


def unhedge(text: str) -> str:
    """「うーん、８件かな」 -> 「８件」; 「たぶん予算と人員・時間だと思います」 -> 「予算と人員・時間」."""
    plain = unicodedata.normalize("NFKC", text or "").strip()
    for _ in range(8):
        stripped = _HEDGE.sub("", _FILLER.sub("", plain)).strip()
        if stripped == plain:
            break
        plain = stripped
    return plain


# What people put around a status (「ちょっと遅れてるかも」「やってる途中です」「まだ手つけてない」).
_ADVERBS = re.compile(r"^(?:ちょっと|ちょい|少し|すこし|若干|じゃっかん|もう|いま|今|現在|一応|いちおう|なんとか|だいぶ|かなり"
                      r"|結構|けっこう|ほぼ|やや|順調に|無事に?|ようやく|やっと|ぼちぼち|ボチボチ|そこそこ|まあまあ|まぁまぁ|それなりに)[、,\s]*")
_SOFT_TAIL = re.compile(r"(?:かもしれません|かもしれない|かもです|かも|気味|ぎみ|みたい|っぽい|感じ|状態|ところ|とこ|状況"
                        r"|です|でした|ます|ました|だ|よ|ね|な)+$")
# Verb endings reduced to one form on both sides (「遅れている」「遅れてます」 -> 「遅れてる」).
_ENDINGS = ((re.compile(r"(?:ていません|てません|ていない|てない|てへん)$"), "てない"),
            (re.compile(r"(?:ています|てます|ている|てる|ておる|てます)$"), "てる"),
            (re.compile(r"(?:でいます|でます|でいる|でる)$"), "でる"),
            (re.compile(r"(?:ました|た)$"), "た"))
_NEGATIVE = re.compile(r"(?:ない|ません|ず|ぬ|ねえ|ねー)$")


def _stem(text: str) -> str:
    plain = jn.fold_kana(unhedge(text))
    for pattern, repl in _ENDINGS[:3]:  # 「進んでます」 -> 「進んでる」 before 「ます」 is dropped as a tail
        plain = pattern.sub(repl, plain)
    for _ in range(3):
        before = plain
        plain = _SOFT_TAIL.sub("", _ADVERBS.sub("", plain))
        if plain == before:
            break
    for pattern, repl in _ENDINGS:
        plain = pattern.sub(repl, plain)
    return plain


def _choice_by_stem(text: str, options: Sequence[Option]) -> Option | None:
    """A short status said in a sentence: the option one of whose names (endings made alike) the
    words are, or contain; several options, or a negated sentence matched by a positive name
    (「遅れてない」 is not 遅延), give None."""
    words = " ".join(text.split())
    if not words or len(words) > 24:
        return None  # a description, not a choice (kept or set aside by the caller)
    key = _stem(words)
    if not key:
        return None
    negative = key.endswith("てない") or bool(_NEGATIVE.search(key))
    exact = {o.value for o in options for n in o.names() if n and _stem(n) == key}
    if len(exact) == 1:
        return next(o for o in options if o.value in exact)
    inside: set[str] = set()
    for o in options:
        for n in o.names():
            name = _stem(n) if n else ""
            if len(name) < 2 or name not in key:
                continue
            if negative and not (name.endswith("てない") or _NEGATIVE.search(name)):
                continue
            inside.add(o.value)
    return next(o for o in options if o.value in inside) if len(inside) == 1 else None


def _description(words: str, shortest: int) -> bool:
    """Words that describe something (「業者との調整で止まってる」), not a failed try at a choice:
    long enough, not numbers (「2と9」), not a control word (「とくになし」「はい」)."""
    key = jn.fold_kana(words).strip("。.!！?？、,")
    if len(words) < shortest or re.fullmatch(r"[\d\s,、と]+", jn.normalize(words)):
        return False
    return not any(key in w for w in (NOTHING_WORDS, YES_WORDS, NO_WORDS, CANCEL_WORDS, SKIP_WORDS, SUBMIT_WORDS))


def _inner(label: str) -> str:
    """A label quoted inside 「…」 by a message: its own quotes become 『』 (「『転出届』の状況」)."""
    return label.replace("「", "『").replace("」", "』")


def _excerpt(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compare(left: Any, op: str, right: Any) -> bool:
    try:
        return bool({"lte": left <= right, "lt": left < right, "gte": left >= right, "gt": left > right,
                     "eq": left == right}[op])
    except TypeError:
        return True


def _fmt_number(value: Any) -> str:
    """12 -> "12", 12.50 -> "12.5", 1200 -> "1,200"."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return "-"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
