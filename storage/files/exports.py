"""Report tables as files for Japanese Excel: CSV (UTF-8, BOM on request) and XLSX.

The writing itself is `storage.files.tabular.write_csv` / `write_xlsx` (bold frozen header, widths, BOM);
this module adds what reports need on top: bytes instead of paths, and typed XLSX cells with
number formats (percentages, dates) per column.
"""

from __future__ import annotations

import io
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from handlers.admin.ports import Column, Sheet
from storage.files.tabular import write_csv, write_xlsx

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


def _defuse(value: Any) -> Any:
    # Staff type the questions and editors the department names: a text starting with = + - @
    # would run as a formula when the file is opened in Excel (CSV injection). Keep it text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_cell(value: Any, column: Column) -> Any:
    # CSV has no types: write what a person would type into Excel (72.5% rather than 0.725).
    if value is None:
        return ""
    if column.kind == "percent" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if column.kind == "points" and isinstance(value, int | float):
        return f"{value:+.1f}pt"
    if column.kind == "number" and isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return _defuse(value)


def _xlsx_cell(value: Any, column: Column) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        # Excel cannot store time zones; callers pass local times, drop the offset.
        return value.replace(tzinfo=None)
    return _defuse(value)


class ExcelExporter:
    """Implements `handlers.admin.ports.TableExporter` with the shared table writers."""

    def csv(self, sheet: Sheet, bom: bool = True) -> bytes:
        """UTF-8 CSV (with a BOM by default so Japanese Excel does not garble it)."""
        rows = [[_csv_cell(v, c) for v, c in zip(row, sheet.columns, strict=False)] for row in sheet.rows]
        with tempfile.TemporaryDirectory(prefix="dxdesk-export-") as folder:
            path = Path(folder) / "table.csv"
            write_csv(path, sheet.headers, rows, bom=bom)
            return path.read_bytes()

    def xlsx(self, sheet: Sheet) -> bytes:
        """One sheet with Japanese headers, typed cells, number formats and column widths."""
        from openpyxl import load_workbook
        from openpyxl.styles import Alignment

        rows = [[_xlsx_cell(v, c) for v, c in zip(row, sheet.columns, strict=False)] for row in sheet.rows]
        with tempfile.TemporaryDirectory(prefix="dxdesk-export-") as folder:
            path = Path(folder) / "table.xlsx"
            write_xlsx(path, sheet.headers, rows, sheet=_sheet_title(sheet.name),
                       widths=[c.width for c in sheet.columns])
            workbook = load_workbook(path)
        worksheet = workbook.active
        for index, column in enumerate(sheet.columns, start=1):
            number_format = NUMBER_FORMATS.get(column.kind)
            if number_format is None:
                continue
            for (cell,) in worksheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
                # Numbers read best right-aligned; the shared writer wraps every cell as text.
                cell.alignment = Alignment(horizontal="right", vertical="top")
        if sheet.rows:
            worksheet.auto_filter.ref = worksheet.dimensions
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _sheet_title(name: str) -> str:
    # Excel forbids these characters in sheet names and limits them to 31 characters.
    cleaned = "".join("_" if ch in '[]:*?/\\' else ch for ch in name).strip() or "Sheet1"
    return cleaned[:31]
