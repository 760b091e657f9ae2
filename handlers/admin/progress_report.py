"""`summary progress`, `chart progress`, `chart trend`, `export progress`: the monthly check-ins
seen from the DX office — online rate per department, change from last month, who has not
reported, and roadmap items running late."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.context import Context, Services
from bot.core.errors import UserFacingError
from bot.core.forms import FormEngine, FormSession
from bot.core.japanese_numbers import percent_text
from bot.core.model import Role
from bot.core.replies import Field, Reply
from bot.core.router import Router
from bot.core.text import fold
from handlers.admin.period import Month
from handlers.admin.ports import BarChart, Column, LineChart, LineSeries, Sheet
from handlers.admin.reports import (
    chart_attachment,
    export_reply,
    file_attachment,
    local_today,
    local_tz,
    parse_args,
    points,
    reject_extra,
)
from handlers.checkins.model import CampaignStatus, DepartmentMonth, DepartmentResult
from handlers.checkins.ports import CHECKINS, CheckinsService

router = Router("admin.progress")

TREND_MONTHS = 12
# More lines than this make a trend chart unreadable: show the average (and name a department).
TREND_MAX_DEPARTMENTS = 10
LATE_STATUSES = ("delayed",)
DONE_STATUSES = ("done",)


def checkins(services: Services) -> CheckinsService:
    """The check-in services registered by the composition root."""
    found = services.get(CHECKINS)
    if found is None:
        raise UserFacingError("admin.progress.unavailable")
    return found


@dataclass(frozen=True)
class LateItem:
    """A roadmap item a department reported as late."""

    department: str
    title: str
    reason: str = ""
    target: str = ""


@dataclass
class ProgressMonth:
    """Everything the office wants to know about one month of check-ins."""

    month: Month
    reported: list[DepartmentMonth] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    late: list[LateItem] = field(default_factory=list)
    # The departments' own words: (department, label, text) of every free-text answer.
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    # Requests to the office from the check-in (相談): (department, Q-number, status key).
    requests: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def ranked(self) -> list[DepartmentMonth]:
        """Reported departments with a rate, best first (ties by name)."""
        rated = [m for m in self.reported if m.rate is not None]
        return sorted(rated, key=lambda m: (-(m.rate or 0.0), m.department))

    @property
    def mean_rate(self) -> float | None:
        """Unweighted mean of the departments' rates (percent)."""
        rates = [m.rate for m in self.reported if m.rate is not None]
        return statistics.fmean(rates) if rates else None

    @property
    def expected(self) -> int:
        """Departments asked to report."""
        return len(self.reported) + len(self.missing)


def late_items(result: DepartmentResult, roadmap: Mapping[str, Any], titles: Mapping[str, str]) -> list[LateItem]:
    """Roadmap items of a result that are late, judged as the check-in judged them when it was
    submitted: the answered status is a "late" value, or the target month has passed and the item
    is not done.

    Repeat-group answers are stored as "<group>.<item key>.<field>"; the items asked about are kept
    with the answers under "_items" (so a renamed or removed roadmap item still reads right);
    `titles` (roadmap item id -> title) names items of results stored without them.
    """
    group = str(roadmap.get("group") or "roadmap")
    status_field = str(roadmap.get("status") or "status")
    late_values = {str(v) for v in roadmap.get("late") or LATE_STATUSES}
    done_values = {str(v) for v in roadmap.get("done") or DONE_STATUSES}
    answers = result.answers
    stored = answers.get("_items")
    items: list[Mapping[str, Any]] = []
    if isinstance(stored, Mapping):
        items = [i for source in stored.values() if isinstance(source, list) for i in source if isinstance(i, Mapping)]
    if not items:
        keys = {k.split(".")[1] for k in answers if k.startswith(f"{group}.") and k.count(".") == 2}
        items = [{"key": k, "title": titles.get(k, k), "target": ""} for k in sorted(keys)]
    out = []
    for item in items:
        key = str(item.get("key", ""))
        status = answers.get(f"{group}.{key}.{status_field}")
        target = str(item.get("target") or "")
        overdue = len(target) >= 7 and target[:7] < result.period and status not in done_values
        if status in late_values or overdue:
            reason = str(answers.get(f"{group}.{key}.delay_reason") or "")
            out.append(LateItem(result.department, str(item.get("title") or titles.get(key, key)), reason,
                                target if target not in ("", "-") else ""))
    return out


async def default_month(ctx: Context) -> Month:
    """The month of the latest check-in that has been sent out, else the current month."""
    # A campaign planned for next month (scheduled, not sent) has nothing to show yet.
    started = await checkins(ctx.services).repo.campaigns((CampaignStatus.OPEN, CampaignStatus.CLOSED))
    if started:
        year, month = started[0].period.split("-")
        return Month(int(year), int(month))
    return Month.of(local_today(ctx.services))


async def progress_month(ctx: Context, month: Month) -> ProgressMonth:
    """Reported figures, missing departments and late items of one month."""
    kit = checkins(ctx.services)
    repo = kit.repo
    data = ProgressMonth(month, reported=await repo.month(month.key))
    reported = {m.department for m in data.reported}
    campaign = await repo.latest_campaign(month.key)
    expected: set[str] = set()
    results: list[DepartmentResult] = []
    if campaign is not None:
        # The departments invited to this month's check-in are the ones expected to answer.
        expected = {r.department for r in await repo.responses(campaign.id) if r.department}
        results = await repo.results(campaign.id)
    data.missing = sorted(expected - reported)
    if results:
        titles = {str(item.id): item.title for item in await repo.roadmap_items(active_only=False)}
        for result in sorted(results, key=lambda r: r.department):
            spec = kit.forms.get(result.form_id)
            roadmap = spec.metrics.get("roadmap") if spec is not None else None
            data.late += late_items(result, roadmap if isinstance(roadmap, Mapping) else {}, titles)
            data.notes += [(result.department, label, text) for label, text in free_text(kit, result, ctx.lang)]
            data.requests += await requests_of(ctx, campaign.id, result.department)
    return data


def free_text(kit: CheckinsService, result: DepartmentResult, lang: str) -> list[tuple[str, str]]:
    """(label, answer) of every free-text question the department answered (課題の内容, 遅延理由,
    相談したい内容, 小さな気づき…), labels as the form words them."""
    spec = kit.forms.get(result.form_id)
    if spec is None:
        return []
    engine = FormEngine(spec, "admin")
    session = FormSession(form_id=spec.id, items=dict(result.answers.get("_items") or {}))
    out = []
    for f in engine.fields(session):
        value = result.answers.get(f.id)
        if f.type == "text" and isinstance(value, str) and value.strip():
            out.append((f.text(f.label, lang), " ".join(value.split())))
    return out


async def requests_of(ctx: Context, campaign_id: int, department: str) -> list[tuple[str, int, str]]:
    """The tracked request a department's check-in opened, with its status now."""
    marker = await ctx.services.state.get(f"checkin.request:{campaign_id}:{department}")
    if not marker:
        return []
    question = await ctx.services.faq.get_unanswered(int(marker.get("request_id", 0)))
    return [(department, question.id, question.status.value)] if question else []


def render_progress(ctx: Context, data: ProgressMonth) -> Reply:
    """The summary card: a ranked list, then reported / missing / late items."""
    period = data.month.label(ctx.lang)
    if not data.reported and not data.missing:
        return Reply(title=ctx.t("admin.progress.title", period=period), text=ctx.t("admin.progress.no_data"),
                     ephemeral=True)
    lines = []
    for rank, m in enumerate(data.ranked, 1):
        change = ctx.t("admin.progress.change", change=points(m.change / 100)) if m.change is not None else \
            ctx.t("admin.progress.no_change")
        lines.append(ctx.t("admin.progress.line", rank=rank, department=m.department,
                           rate=percent_text(m.rate or 0.0), online=m.online if m.online is not None else "—",
                           in_scope=m.in_scope if m.in_scope is not None else "—", change=change))
    for m in data.reported:
        if m.rate is None:
            lines.append(ctx.t("admin.progress.line_no_rate", department=m.department))
    mean = data.mean_rate
    fields = [
        Field(ctx.t("admin.progress.reported"), ctx.t("admin.progress.reported_value",
                                                      n=len(data.reported), total=data.expected)),
        Field(ctx.t("admin.progress.mean"), percent_text(mean)),
        Field(ctx.t("admin.progress.missing"),
              "、".join(data.missing) if data.missing else ctx.t("admin.progress.none_missing")),
    ]
    if data.late:
        late_lines = [ctx.t("admin.progress.late_item", department=i.department, title=i.title) +
                      (ctx.t("admin.progress.late_target", target=i.target) if i.target else "") +
                      (ctx.t("admin.progress.late_reason", reason=i.reason[:60]) if i.reason else "")
                      for i in data.late]
        fields.append(Field(ctx.t("admin.progress.late", n=len(data.late)), "\n".join(late_lines)))
    else:
        late_total = sum(m.items_late for m in data.reported)
        fields.append(Field(ctx.t("admin.progress.late", n=late_total),
                            ctx.t("admin.progress.none_late") if not late_total else
                            "、".join(f"{m.department} {m.items_late}" for m in data.reported if m.items_late)))
    if data.requests:
        fields.append(Field(ctx.t("admin.progress.requests", n=len(data.requests)), "\n".join(
            ctx.t("admin.progress.request_line", department=d, id=qid, status=ctx.t(f"faq.status.{status}"))
            for d, qid, status in data.requests)))
    if data.notes:
        fields.append(Field(ctx.t("admin.progress.notes"), "\n".join(
            ctx.t("admin.progress.note_line", department=d, label=label, text=text[:80] + ("…" if len(text) > 80 else ""))
            for d, label, text in data.notes[:30])))
    return Reply(title=ctx.t("admin.progress.title", period=period), text="\n".join(lines),
                 fields=tuple(fields), ephemeral=True)


@router.command("summary progress", role=Role.ADMIN, help_key="admin.cmd.summary_progress")
async def summarize_progress(ctx: Context, args: str) -> None:
    """`summary progress [YYYY-MM]`: rate per department with change, missing, late items."""
    parsed = parse_args(args, local_today(ctx.services))
    reject_extra(ctx, parsed, "admin.usage.summary_progress")
    month = parsed.month or await default_month(ctx)
    await ctx.reply(render_progress(ctx, await progress_month(ctx, month)))


@router.command("chart progress", role=Role.ADMIN, help_key="admin.cmd.chart_progress")
async def chart_progress(ctx: Context, args: str) -> None:
    """`chart progress [YYYY-MM]`: bar chart of the online rate by department, best first."""
    parsed = parse_args(args, local_today(ctx.services))
    reject_extra(ctx, parsed, "admin.usage.chart_progress")
    month = parsed.month or await default_month(ctx)
    data = await progress_month(ctx, month)
    ranked = data.ranked
    if not ranked:
        raise UserFacingError("admin.progress.no_rates", period=month.label(ctx.lang))
    notes = []
    if data.mean_rate is not None:
        notes.append(ctx.t("admin.chart.mean", value=percent_text(data.mean_rate)))
    if data.missing:
        notes.append(ctx.t("admin.chart.missing", departments="、".join(data.missing)))
    chart = BarChart(
        title=ctx.t("admin.chart.progress_title", period=month.label(ctx.lang)),
        labels=tuple(m.department for m in ranked),
        values=tuple((m.rate or 0.0) / 100 for m in ranked),
        axis_label=ctx.t("admin.chart.online_rate"),
        note="　".join(notes),
    )
    attachment = await chart_attachment(ctx, chart, f"online_rate_{month.key}")
    await ctx.reply(Reply(title=chart.title, text=ctx.t("admin.chart.done"), attachments=(attachment,),
                          ephemeral=True))


def find_department(name: str, known: Sequence[str]) -> str:
    """The known department an admin meant (width/case-insensitive); refuse unknown names."""
    wanted = fold(name)
    for department in known:
        if fold(department) == wanted:
            return department
    raise UserFacingError("admin.department.unknown", name=name, known="、".join(known[:20]) or "—")


@router.command("chart trend", role=Role.ADMIN, help_key="admin.cmd.chart_trend")
async def chart_trend(ctx: Context, args: str) -> None:
    """`chart trend [部署名] [YYYY-MM]`: the online rate over the 12 months up to a month."""
    parsed = parse_args(args, local_today(ctx.services))
    end = parsed.month or await default_month(ctx)
    months = end.back(TREND_MONTHS)
    keys = [m.key for m in months]
    history = [h for h in await checkins(ctx.services).repo.department_history(months=TREND_MONTHS * 3)
               if h.period in keys]
    known = sorted({h.department for h in history})
    department = find_department(" ".join(parsed.rest), known) if parsed.rest else None
    if not history:
        raise UserFacingError("admin.progress.no_history", period=end.label(ctx.lang))
    rates: dict[str, dict[str, float]] = {}
    for h in history:
        if h.rate is not None:
            rates.setdefault(h.department, {})[h.period] = h.rate / 100
    mean_values = tuple(
        statistics.fmean(values) if (values := [r[k] for r in rates.values() if k in r]) else None for k in keys)
    series = [LineSeries(ctx.t("admin.chart.mean_series"), mean_values, emphasis=True)]
    shown = [department] if department else (known if len(known) <= TREND_MAX_DEPARTMENTS else [])
    series += [LineSeries(d, tuple(rates.get(d, {}).get(k) for k in keys)) for d in shown]
    note = "" if department or shown else ctx.t("admin.chart.too_many", n=len(known))
    period = f"{months[0].label(ctx.lang)}〜{end.label(ctx.lang)}"
    chart = LineChart(
        title=ctx.t("admin.chart.trend_title", period=period) + (f"（{department}）" if department else ""),
        x_labels=tuple(keys), series=tuple(series), axis_label=ctx.t("admin.chart.online_rate"), note=note)
    stem = f"online_rate_trend_{end.key}"
    attachment = await chart_attachment(ctx, chart, stem)
    await ctx.reply(Reply(title=chart.title, text=ctx.t("admin.chart.done"), attachments=(attachment,),
                          ephemeral=True))


async def export_notes(ctx: Context, history: Sequence[DepartmentMonth]) -> dict[tuple[str, str], str]:
    """(period, department) -> the free-text answers and the request number, one per line."""
    kit = checkins(ctx.services)
    out: dict[tuple[str, str], str] = {}
    for period in sorted({h.period for h in history}):
        campaign = await kit.repo.latest_campaign(period)
        if campaign is None:
            continue
        for result in await kit.repo.results(campaign.id):
            lines = [f"{label}: {text}" for label, text in free_text(kit, result, ctx.lang)]
            lines += [ctx.t("admin.progress.request_line", department=d, id=qid, status=ctx.t(f"faq.status.{status}"))
                      for d, qid, status in await requests_of(ctx, campaign.id, result.department)]
            out[(period, result.department)] = "\n".join(lines)
    return out


_FIGURES = ("integer", "number", "percent")


async def export_answers(ctx: Context, history: Sequence[DepartmentMonth]
                         ) -> tuple[list[str], dict[tuple[str, str], dict[str, str]]]:
    """Every question of the check-in forms as a column (課題 and 相談希望 too, not only the free
    texts): the questions' labels in form order, and (period, department) -> label -> the answer as
    people read it (「予算、人材」「はい」)."""
    kit = checkins(ctx.services)
    labels: dict[str, None] = {}
    out: dict[tuple[str, str], dict[str, str]] = {}
    for period in sorted({h.period for h in history}):
        campaign = await kit.repo.latest_campaign(period)
        if campaign is None:
            continue
        for result in await kit.repo.results(campaign.id):
            spec = kit.forms.get(result.form_id)
            if spec is None:
                continue
            engine = FormEngine(spec, "admin")
            session = FormSession(form_id=spec.id, items=dict(result.answers.get("_items") or {}))
            row: dict[str, str] = {}
            for f in engine.fields(session):
                if f.type in _FIGURES:
                    continue  # already in the figure columns (対象手続数, オンライン化済み, …)
                label = f.text(f.label, ctx.lang)
                labels.setdefault(label)
                if f.id in result.answers:
                    row[label] = engine.display(f, result.answers[f.id], ctx.lang)
            out[(period, result.department)] = row
    return list(labels), out


def progress_sheet(ctx: Context, history: Sequence[DepartmentMonth],
                   notes: Mapping[tuple[str, str], str] | None = None,
                   answers: tuple[list[str], Mapping[tuple[str, str], Mapping[str, str]]] | None = None) -> Sheet:
    """Check-in figures, one row per department and month, with the department's own words and a
    column for every question of the form."""
    notes = notes or {}
    labels, by_row = answers or ([], {})
    columns = (
        Column(ctx.t("admin.col.period"), "text", 9),
        Column(ctx.t("admin.col.department"), "text", 18),
        Column(ctx.t("admin.col.in_scope"), "int", 11),
        Column(ctx.t("admin.col.online"), "int", 13),
        Column(ctx.t("admin.col.rate"), "percent", 13),
        Column(ctx.t("admin.col.change"), "points", 12),
        Column(ctx.t("admin.col.forms_created"), "int", 13),
        Column(ctx.t("admin.col.items_total"), "int", 13),
        Column(ctx.t("admin.col.items_late"), "int", 11),
        Column(ctx.t("admin.col.submitted_at"), "datetime", 17),
        Column(ctx.t("admin.col.notes"), "text", 60),
        *(Column(label, "text", 24) for label in labels),
    )
    tz = local_tz(ctx.services)
    rows = tuple(
        (
            h.period, h.department, h.in_scope, h.online,
            None if h.rate is None else round(h.rate / 100, 4),
            h.change,
            h.forms_created, h.items_total, h.items_late,
            h.submitted_at.astimezone(tz).replace(tzinfo=None, microsecond=0) if h.submitted_at else None,
            notes.get((h.period, h.department), ""),
            *(by_row.get((h.period, h.department), {}).get(label, "") for label in labels),
        )
        for h in sorted(history, key=lambda h: (h.period, h.department))
    )
    return Sheet(ctx.t("admin.sheet.progress"), columns, rows)


@router.command("export progress", role=Role.ADMIN, help_key="admin.cmd.export_progress")
async def export_progress(ctx: Context, args: str) -> None:
    """`export progress [csv|xlsx] [YYYY-MM|全期間]`: check-in figures (default: every month)."""
    parsed = parse_args(args, local_today(ctx.services))
    reject_extra(ctx, parsed, "admin.usage.export_progress")
    history = await checkins(ctx.services).repo.department_history(months=10_000)
    if parsed.month is not None and not parsed.all_time:
        history = [h for h in history if h.period == parsed.month.key]
        period, stem = parsed.month.label(ctx.lang), f"progress_{parsed.month.key}"
    else:
        period, stem = ctx.t("admin.period.all"), "progress_all"
    sheet = progress_sheet(ctx, history, await export_notes(ctx, history), await export_answers(ctx, history))
    attachment = await file_attachment(ctx, sheet, stem, parsed.file_format, parsed.bom,
                                       ctx.t("admin.progress.export_title", period=period))
    await ctx.reply(export_reply(ctx, attachment, len(history)))
