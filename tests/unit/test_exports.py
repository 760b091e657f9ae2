"""Exports: XLSX read back with openpyxl (Japanese headers, typed cells, formats, widths) and CSV
that Japanese Excel opens without mojibake (BOM), or without a BOM when asked."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook

from handlers.admin.ports import Column, Sheet
from storage.files.exports import ExcelExporter

SHEET = Sheet(
    "進捗/2026:11",  # characters Excel forbids in sheet names
    (
        Column("部署", "text", 20),
        Column("オンライン化率", "percent", 14),
        Column("対象手続数", "int", 11),
        Column("報告日時", "datetime", 17),
        Column("期限", "date", 12),
        Column("平均点", "number", 9),
    ),
    (
        ("市民課", 0.725, 40, datetime(2026, 11, 28, 9, 30), date(2026, 12, 1), 2.25),
        ("=HYPERLINK(\"http://x\")", None, 0, None, None, None),
    ),
)


def test_xlsx_has_japanese_headers_typed_cells_formats_and_widths():
    book = load_workbook(io.BytesIO(ExcelExporter().xlsx(SHEET)))
    sheet = book.active
    assert sheet.title == "進捗_2026_11"
    assert [c.value for c in sheet[1]] == ["部署", "オンライン化率", "対象手続数", "報告日時", "期限", "平均点"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    name, rate, count, reported, deadline, mean = (c for c in sheet[2])
    assert name.value == "市民課"
    assert rate.value == 0.725 and rate.number_format == "0.0%"
    assert count.value == 40 and isinstance(count.value, int) and count.number_format == "#,##0"
    assert reported.value == datetime(2026, 11, 28, 9, 30) and reported.number_format == "yyyy-mm-dd hh:mm"
    assert reported.is_date and deadline.is_date and deadline.number_format == "yyyy-mm-dd"
    assert mean.value == 2.25 and mean.data_type == "n"
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert widths["A"] == 20 and widths["B"] == 14 and widths["D"] == 17
    assert sheet.auto_filter.ref == "A1:F3"


def test_text_that_would_run_as_a_formula_stays_text():
    exporter = ExcelExporter()
    sheet = load_workbook(io.BytesIO(exporter.xlsx(SHEET))).active
    assert sheet["A3"].value == "'=HYPERLINK(\"http://x\")" and sheet["A3"].data_type == "s"
    text = exporter.csv(SHEET).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_csv_starts_with_a_bom_by_default_and_reads_back():
    data = ExcelExporter().csv(SHEET)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["部署", "オンライン化率", "対象手続数", "報告日時", "期限", "平均点"]
    assert rows[1] == ["市民課", "72.5%", "40", "2026-11-28 09:30", "2026-12-01", "2.25"]
    assert rows[2][1:] == ["", "0", "", "", ""]


def test_csv_without_bom_when_asked():
    data = ExcelExporter().csv(SHEET, bom=False)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8").startswith("部署,")


def test_empty_table_still_has_its_header():
    empty = Sheet("空", SHEET.columns, ())
    sheet = load_workbook(io.BytesIO(ExcelExporter().xlsx(empty))).active
    assert sheet.max_row == 1 and sheet["A1"].value == "部署"
    assert ExcelExporter().csv(empty).decode("utf-8-sig").strip() == ",".join(SHEET.headers)
