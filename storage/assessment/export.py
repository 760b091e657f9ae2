"""File builders for assessment exports: CSV (UTF-8 with BOM, so Japanese Excel opens it
correctly) and XLSX (one sheet per table), through the shared writer and its one formula guard
(`storage.files.tabular`)."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.assessment.model import Table
from storage.files.tabular import SheetData, csv_bytes, xlsx_bytes


class FileExporter:
    """Implements `handlers.assessment.ports.ResultExporter`."""

    def csv(self, table: Table) -> bytes:
        """One table as CSV, UTF-8 with BOM, CRLF line ends."""
        return csv_bytes(table.headers, table.rows)

    def xlsx(self, tables: Sequence[Table]) -> bytes:
        """All tables in one workbook, a sheet each, bold headers and readable column widths."""
        return xlsx_bytes([SheetData(t.name, t.headers, [list(r) for r in t.rows]) for t in tables]
                          or [SheetData("empty", (), ())])
