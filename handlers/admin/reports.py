"""What the admin reports share: their services, the arguments admins type, files and charts.

Rendering a chart or building an XLSX takes a noticeable fraction of a second; it runs in a worker
thread (`asyncio.to_thread`) so the event loop keeps answering other people (and Slack's
three-second acknowledgement is never held up by it).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, tzinfo
from zoneinfo import ZoneInfo

from bot.core.context import Context, Services
from bot.core.errors import UserFacingError
from bot.core.model import Role
from bot.core.replies import Attachment, Reply
from bot.core.router import Router
from bot.core.vocabulary import BOM_WORDS
from handlers.admin.period import Month, is_all_time, normalise, parse_month
from handlers.admin.ports import ADMIN, AdminServices, BarChart, LineChart, Sheet

router = Router("admin.reports")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"
FORMAT_WORDS = {
    "csv": "csv", "xlsx": "xlsx", "excel": "xlsx", "エクセル": "xlsx", "xls": "xlsx",
}


def kit(services: Services) -> AdminServices:
    """The chart renderer, exporter and question-log reader registered by the composition root."""
    found = services.get(ADMIN)
    if found is None:
        raise UserFacingError("admin.unavailable")
    return found


def local_tz(services: Services) -> tzinfo:
    """The office's time zone (the business calendar's when there is one)."""
    if services.calendar is not None:
        return services.calendar.tz  # type: ignore[no-any-return]
    return ZoneInfo(kit(services).timezone)


def local_today(services: Services) -> date:
    """Today in the office's time zone."""
    return services.clock.now().astimezone(local_tz(services)).date()


@dataclass
class ReportArgs:
    """The optional words after a report command: a month, 全期間, a file format, BOM, the rest."""

    month: Month | None = None
    all_time: bool = False
    file_format: str | None = None
    bom: bool | None = None
    rest: list[str] = field(default_factory=list)


def parse_args(args: str, today: date) -> ReportArgs:
    """Read the words in any order; raises UserFacingError for an impossible month."""
    parsed = ReportArgs()
    for token in args.replace("\u3000", " ").split():
        word = normalise(token)
        try:
            month = parse_month(token, today)
        except ValueError:
            raise UserFacingError("admin.month.invalid", value=token) from None
        if month is not None:
            parsed.month = month
        elif is_all_time(token):
            parsed.all_time = True
        elif word in FORMAT_WORDS:
            parsed.file_format = FORMAT_WORDS[word]
        elif word in BOM_WORDS:
            parsed.bom = BOM_WORDS[word]
        else:
            parsed.rest.append(token)
    return parsed


def reject_extra(ctx: Context, parsed: ReportArgs, usage_key: str) -> None:
    """Refuse words the command does not know, showing how to call it."""
    if parsed.rest:
        raise UserFacingError("admin.args.unknown", words=" ".join(parsed.rest), usage=ctx.t(usage_key))


def points(value: float | None) -> str:
    """A change in percentage points with its sign: +3.2pt / -1.0pt / ±0.0pt."""
    if value is None:
        return "—"
    shown = value * 100
    if abs(shown) < 0.05:
        return "±0.0pt"
    return f"{shown:+.1f}pt"


async def file_attachment(ctx: Context, sheet: Sheet, stem: str, file_format: str | None,
                          bom: bool | None, title: str) -> Attachment:
    """Build the CSV or XLSX (default) off the event loop."""
    exporter = kit(ctx.services).exporter
    if file_format == "csv":
        use_bom = kit(ctx.services).csv_bom if bom is None else bom
        content = await asyncio.to_thread(exporter.csv, sheet, use_bom)
        return Attachment(f"{stem}.csv", content, CSV_MIME, title)
    content = await asyncio.to_thread(exporter.xlsx, sheet)
    return Attachment(f"{stem}.xlsx", content, XLSX_MIME, title)


async def chart_attachment(ctx: Context, chart: BarChart | LineChart, stem: str) -> Attachment:
    """Render a chart as PNG off the event loop."""
    charts = kit(ctx.services).charts
    if isinstance(chart, BarChart):
        content = await asyncio.to_thread(charts.bar, chart)
    else:
        content = await asyncio.to_thread(charts.line, chart)
    return Attachment(f"{stem}.png", content, "image/png", chart.title)


def export_reply(ctx: Context, attachment: Attachment, rows: int) -> Reply:
    """The message that carries an exported file."""
    return Reply(title=attachment.title, text=ctx.t("admin.export.done", filename=attachment.filename, rows=rows),
                 attachments=(attachment,), ephemeral=True)


# --- the bare group words: `/dx summary`, `/dx export`, `/dx chart` show what they take ----------
@router.command("summary", role=Role.ADMIN, audit=False)
async def summary_usage(ctx: Context, args: str) -> None:
    """`summary` without (or with an unknown) subject: list the summaries."""
    await _group_usage(ctx, args, "admin.summary.usage")


@router.command("export", role=Role.ADMIN, audit=False)
async def export_usage(ctx: Context, args: str) -> None:
    """`export` without (or with an unknown) subject: list the exports."""
    await _group_usage(ctx, args, "admin.export.usage")


@router.command("chart", role=Role.ADMIN, audit=False)
async def chart_usage(ctx: Context, args: str) -> None:
    """`chart` without (or with an unknown) subject: list the charts."""
    await _group_usage(ctx, args, "admin.chart.usage")


async def _group_usage(ctx: Context, args: str, usage_key: str) -> None:
    if args.strip():
        raise UserFacingError("admin.subject.unknown", subject=args.split()[0], usage=ctx.t(usage_key))
    await ctx.reply(Reply(text=ctx.t(usage_key), ephemeral=True))
