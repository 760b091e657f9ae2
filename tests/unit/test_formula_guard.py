"""Issue 14: every spreadsheet DX Desk writes (admin reports, assessment results, `dxdesk faq
export`; CSV and XLSX) goes through one writer with one formula-injection guard."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.core.model import FaqEntry
from handlers.admin.ports import Column, Sheet
from handlers.assessment.model import Table
from storage.assessment.export import FileExporter
from storage.faq.files import export_faq
from storage.files.exports import ExcelExporter
from storage.files.tabular import guard_cell

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]


def xlsx_cells(data: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(data))
    return [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]


def assert_neutralised(cells: list[object], ours: tuple[str, ...] = ()) -> None:
    # XLSX is XML: a CR comes back as LF, so compare both that way.
    cells = [c.replace("\r", "\n") if isinstance(c, str) else c for c in cells]
    for bad in (b.replace("\r", "\n") for b in HOSTILE):
        assert bad not in cells, bad  # never a cell as typed
        assert "'" + bad in cells, bad  # but kept, as text
    for cell in cells:
        if isinstance(cell, str) and cell not in ours:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), cell


def admin_sheet() -> Sheet:
    return Sheet("利用状況", (Column("部署"), Column("率", "percent"), Column("変化", "points")),
                 tuple((text, 0.5, -3.2) for text in HOSTILE))


def test_the_guard():
    assert [guard_cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert guard_cell("市民課") == "市民課" and guard_cell(-3) == -3 and guard_cell("a=b") == "a=b"


def test_admin_report_csv_and_xlsx():
    cells = csv_cells(ExcelExporter().csv(admin_sheet()))
    assert_neutralised(cells, ours=("-3.2pt",))
    assert "-3.2pt" in cells and "50%" in cells  # the program's own numbers stay as they are
    cells = xlsx_cells(ExcelExporter().xlsx(admin_sheet()))
    assert_neutralised(cells)
    assert -3.2 in cells  # a real number, not text


def test_assessment_csv_and_xlsx():
    table = Table("部署別", ("部署", "人数"), tuple((text, 5) for text in HOSTILE))
    assert_neutralised(csv_cells(FileExporter().csv(table)))
    assert_neutralised(xlsx_cells(FileExporter().xlsx([table, table])))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_faq_export(tmp_path: Path, suffix: str):
    entries = [FaqEntry(id=f"Q{i}", question=text, answer=text, alternates=[text], category=text)
               for i, text in enumerate(HOSTILE)]
    path = tmp_path / f"faq{suffix}"
    export_faq(entries, path)
    cells = csv_cells(path.read_bytes()) if suffix == ".csv" else xlsx_cells(path.read_bytes())
    assert_neutralised(cells)
