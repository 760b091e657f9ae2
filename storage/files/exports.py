"""Report tables as files for Japanese Excel: CSV (UTF-8, BOM on request) and XLSX.

The writing itself, and the one formula-injection guard, is `storage.files.tabular` (`csv_bytes`,
`xlsx_bytes`); this module adds what reports need on top: CSV texts for typed values and an Excel
number format (percentages, dates) per column.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.core.japanese_numbers import percent_text
from handlers.admin.ports import Column, Sheet
from storage.files.tabular import Literal, SheetData, csv_bytes, xlsx_bytes

# Excel number formats per column kind (applied to the data cells, not to the header).
NUMBER_FORMATS = {
    "int": "#,##0",
    "number": "#,##0.00",
    "percent": "0.0%",
    # A change of a rate in percentage points: the cell holds 3.2, Excel shows +3.2pt.
    "points": '+0.0"pt";-0.0"pt";0.0"pt"',
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}


def _csv_cell(value: Any, column: Column) -> Any:
    # CSV has no types: write what a person would type into Excel (72.5% rather than 0.725).
    # The program's own number texts are Literals; everything else meets the one guard in the writer.
    if value is None:
        return ""
    if column.kind == "percent" and isinstance(value, int | float):
        return Literal(percent_text(value, fraction=True))
    if column.kind == "points" and isinstance(value, int | float):
        return Literal(f"{value:+.1f}pt")
    if column.kind == "number" and isinstance(value, float):
        return Literal(f"{value:.2f}")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


class ExcelExporter:
    """Implements `handlers.admin.ports.TableExporter` with the shared writer (one formula guard)."""

    def csv(self, sheet: Sheet, bom: bool = True) -> bytes:
        """UTF-8 CSV (with a BOM by default so Japanese Excel does not garble it)."""
        rows = [[_csv_cell(v, c) for v, c in zip(row, sheet.columns, strict=False)] for row in sheet.rows]
        return csv_bytes(sheet.headers, rows, bom=bom)

    def xlsx(self, sheet: Sheet) -> bytes:
        """One sheet with Japanese headers, typed cells, number formats and column widths."""
        return xlsx_bytes([SheetData(sheet.name, sheet.headers, [list(row) for row in sheet.rows],
                                     [c.width for c in sheet.columns],
                                     [NUMBER_FORMATS.get(c.kind) for c in sheet.columns])])
