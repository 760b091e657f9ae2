"""File builders for assessment exports: CSV (UTF-8 with BOM, so Japanese Excel opens it
correctly) and XLSX (one sheet per table) via openpyxl."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from handlers.assessment.model import Table

# Excel forbids these in sheet names, and limits them to 31 characters.
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _cell(value: object) -> object:
    # A text cell starting with = + - @ would be run as a formula by Excel (CSV injection):
    # department names and question texts come from editable files, so neutralise them.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


class FileExporter:
    """Implements `handlers.assessment.ports.ResultExporter`."""

    def csv(self, table: Table) -> bytes:
        """One table as CSV, UTF-8 with BOM, CRLF line ends."""
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow(["" if v is None else _cell(v) for v in row])
        return buffer.getvalue().encode("utf-8-sig")

    def xlsx(self, tables: Sequence[Table]) -> bytes:
        """All tables in one workbook, a sheet each, bold headers and readable column widths."""
        book = Workbook()
        book.remove(book.active)
        used: set[str] = set()
        for table in tables:
            name = table.name.translate(_SHEET_FORBIDDEN)[:31] or "Sheet"
            base, n = name, 2
            while name in used:
                suffix = f"_{n}"
                name, n = base[: 31 - len(suffix)] + suffix, n + 1
            used.add(name)
            sheet = book.create_sheet(name)
            sheet.append(list(table.headers))
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append([_cell(v) for v in row])
            for i, header in enumerate(table.headers, 1):
                longest = max([len(str(header))] + [len(str(r[i - 1])) for r in table.rows if i - 1 < len(r)])
                sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest * 1.8))
            sheet.freeze_panes = "A2"
        if not tables:
            book.create_sheet("empty")
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
