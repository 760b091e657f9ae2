"""Ports of the admin reports: what a chart or an exported table is, and who renders them.

Handlers describe a chart or a table as plain data; `storage.files.charts` (matplotlib) and `storage.files.exports`
(CSV / openpyxl) turn them into bytes. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from bot.core.context import ServiceKey

ColumnKind = Literal["text", "int", "number", "percent", "points", "date", "datetime"]


@dataclass(frozen=True)
class Column:
    """One exported column: its (Japanese) header, the cell type and the XLSX width in characters.

    `percent` cells hold a fraction (0.725) and are shown as 72.5% in Excel; `points` hold a
    change of a rate in percentage points (3.2) shown as +3.2pt; `date`/`datetime`
    cells hold naive local (Asia/Tokyo) values because Excel has no time zones.
    """

    header: str
    kind: ColumnKind = "text"
    width: int = 12


@dataclass(frozen=True)
class Sheet:
    """A table to export: one CSV file or one XLSX sheet."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]

    @property
    def headers(self) -> tuple[str, ...]:
        """The header row."""
        return tuple(c.header for c in self.columns)


class TableExporter(Protocol):
    """Writes tables as files that open cleanly in Japanese Excel."""

    def csv(self, sheet: Sheet, bom: bool = True) -> bytes:
        """UTF-8 CSV; with `bom` Excel detects the encoding (no mojibake)."""
        ...

    def xlsx(self, sheet: Sheet) -> bytes:
        """An XLSX workbook with typed cells, formats and column widths."""
        ...


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per label, drawn in the order given (callers sort)."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    axis_label: str = ""
    # Values are fractions shown as percentages (0..100%).
    percent: bool = True
    # A second, lighter bar per label (e.g. the previous assessment); empty for none.
    previous: tuple[float | None, ...] = ()
    legend: tuple[str, str] = ("", "")
    # Upper end of the value axis when not a percentage (e.g. the best assessment score).
    maximum: float | None = None
    note: str = ""


@dataclass(frozen=True)
class LineSeries:
    """One line of a trend chart; None where there is no value (month not reported)."""

    name: str
    values: tuple[float | None, ...]
    emphasis: bool = False


@dataclass(frozen=True)
class LineChart:
    """Lines over ordered x labels (months)."""

    title: str
    x_labels: tuple[str, ...]
    series: tuple[LineSeries, ...]
    axis_label: str = ""
    percent: bool = True
    note: str = ""


class ChartRenderer(Protocol):
    """Draws charts as PNG images with Japanese text (a bundled font, no system font needed)."""

    def bar(self, chart: BarChart) -> bytes:
        """A PNG of a bar chart."""
        ...

    def line(self, chart: LineChart) -> bytes:
        """A PNG of a line chart."""
        ...


class QuestionLogReader(Protocol):
    """Read access to the FAQ question log for reports (storage implements it)."""

    async def questions(self, since: datetime | None, until: datetime | None) -> list[LoggedQuestion]:
        """Questions asked in [since, until), oldest first, with the asker's department."""
        ...


@dataclass(frozen=True)
class LoggedQuestion:
    """One question put to the FAQ desk, as reports see it (no asker's name)."""

    id: int
    asked_at: datetime
    text: str
    outcome: str  # answer | candidates | none | person | other_desk | outside
    feedback: str  # solved | unsolved | picked | none_fit | ""
    top_entry_id: str
    resolved_entry_id: str
    score: float
    department: str
    asker_role: str = ""  # the asker's role now (admin / liaison / staff); "" when unknown


@dataclass
class AdminServices:
    """What the admin reports need, provided under the `ADMIN` key."""

    charts: ChartRenderer
    exporter: TableExporter
    questions: QuestionLogReader
    csv_bom: bool = True
    timezone: str = "Asia/Tokyo"


ADMIN: ServiceKey[AdminServices] = ServiceKey("admin")
