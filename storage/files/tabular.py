"""Reading and writing the tables editors keep in Excel: CSV (UTF-8 with or without BOM, or
CP932 as Japanese Excel saves it), XLSX and YAML, with header names in English or Japanese.

Every row keeps its line number so that errors can point at it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml


class TableError(Exception):
    """The file cannot be read at all (format, encoding, missing columns)."""


@dataclass(frozen=True)
class Row:
    """One data row with the line it came from (1-based, the header is line 1)."""

    line: int
    values: dict[str, Any]


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then CP932 (Shift_JIS as Japanese Excel writes it)."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("the file is neither UTF-8 nor Shift_JIS (CP932)")


def _canonical_headers(headers: Sequence[Any], aliases: Mapping[str, str]) -> list[str]:
    out = []
    for h in headers:
        key = str(h or "").strip().lstrip("\ufeff")
        out.append(aliases.get(key, aliases.get(key.lower(), key.lower())))
    return out


def read_table(path: Path, aliases: Mapping[str, str], required: Iterable[str],
               yaml_key: str = "entries") -> list[Row]:
    """Read CSV, XLSX or YAML into rows keyed by canonical column names."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise TableError(f"file not found: {path}")
    if suffix in (".yaml", ".yml"):
        rows = _read_yaml(path, aliases, yaml_key)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(path, aliases)
    elif suffix in (".csv", ".txt", ".tsv"):
        rows = _read_csv(path, aliases, "\t" if suffix == ".tsv" else None)
    else:
        raise TableError(f"unsupported file type {suffix or '(none)'}: use .csv, .xlsx or .yaml")
    missing = [c for c in required if rows and c not in rows[0].values]
    if missing:
        raise TableError(f"missing column(s): {', '.join(missing)}")
    return rows


def _read_csv(path: Path, aliases: Mapping[str, str], delimiter: str | None) -> list[Row]:
    text = decode(path.read_bytes())
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",\t;").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise TableError("the file is empty") from None
    names = _canonical_headers(header, aliases)
    rows: list[Row] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        values = {names[i]: record[i] for i in range(min(len(names), len(record)))}
        if len(record) > len(names) and any(c.strip() for c in record[len(names):]):
            values["__extra__"] = record[len(names):]
        rows.append(Row(line, values))
    return rows


def _read_xlsx(path: Path, aliases: Mapping[str, str]) -> list[Row]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise TableError(f"not a readable XLSX file ({type(exc).__name__})") from None
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    try:
        header = next(it)
    except StopIteration:
        raise TableError("the sheet is empty") from None
    names = _canonical_headers(header, aliases)
    rows: list[Row] = []
    for index, record in enumerate(it, start=2):
        if not any(c is not None and str(c).strip() for c in record):
            continue
        values = {names[i]: ("" if record[i] is None else record[i]) for i in range(min(len(names), len(record)))}
        rows.append(Row(index, values))
    wb.close()
    return rows


def _read_yaml(path: Path, aliases: Mapping[str, str], key: str) -> list[Row]:
    text = decode(path.read_bytes())
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise TableError(f"YAML syntax error{where}") from None
    items = data.get(key) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise TableError(f"expected a list under '{key}:'")
    # Line numbers for YAML items come from a second, node-level parse.
    lines: list[int] = []
    try:
        node = yaml.compose(text)
        seq = node
        if node is not None and node.tag.endswith(":map"):
            seq = next((v for k, v in node.value if k.value == key), None)
        if seq is not None and seq.tag.endswith(":seq"):
            lines = [item.start_mark.line + 1 for item in seq.value]
    except yaml.YAMLError:
        lines = []
    rows: list[Row] = []
    for i, item in enumerate(items):
        line = lines[i] if i < len(lines) else i + 1
        if not isinstance(item, dict):
            rows.append(Row(line, {"__invalid__": True}))
            continue
        rows.append(Row(line, {aliases.get(str(k), str(k).lower()): v for k, v in item.items()}))
    return rows


def split_list(value: Any) -> list[str]:
    """A list cell: YAML lists, or text separated by | ; 、 or line breaks."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value)
    for sep in ("｜", "；", ";", "\n", "、"):
        text = text.replace(sep, "|")
    return [part.strip() for part in text.split("|") if part.strip()]


# --- writing: every spreadsheet DX Desk produces goes through here -----------------------------
# A cell starting with one of these is run as a formula (or, for tab / CR, re-parsed) by Excel or
# LibreOffice when the file is opened: CSV / formula injection. Questions, department names and FAQ
# answers are typed by people, so every text cell of every export is neutralised by `guard_cell`.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Literal(str):
    """Text the program formatted itself (``-3.2pt``, ``72.5%``): written as is, never guarded."""


def guard_cell(value: Any) -> Any:
    """THE formula-injection guard: a text cell that Excel would read as a formula is kept text by
    a leading apostrophe (shown as nothing in Excel). Numbers, dates and `Literal`s pass unchanged."""
    if isinstance(value, str) and not isinstance(value, Literal) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, bom: bool = True,
              crlf: bool = True) -> bytes:
    """CSV that Japanese Excel opens without mojibake (UTF-8 with BOM by default), every cell
    guarded; None is written as an empty cell."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerow([guard_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else guard_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


@dataclass(frozen=True)
class SheetData:
    """One worksheet to write: title, header, rows, and optionally column widths and an Excel
    number format per column (None: general)."""

    title: str
    header: Sequence[Any]
    rows: Sequence[Sequence[Any]]
    widths: Sequence[int | None] | None = None
    number_formats: Sequence[str | None] | None = None


def sheet_title(name: str, used: set[str] | None = None) -> str:
    """A valid, unique Excel sheet name (no []:*?/\\, at most 31 characters)."""
    cleaned = "".join("_" if ch in '[]:*?/\\' else ch for ch in str(name)).strip()[:31] or "Sheet1"
    if used is None:
        return cleaned
    base, name_, n = cleaned, cleaned, 2
    while name_ in used:
        suffix = f"_{n}"
        name_, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name_)
    return name_


def xlsx_bytes(sheets: Sequence[SheetData]) -> bytes:
    """A workbook, a sheet each: bold frozen header, every text cell guarded, widths (given or from
    the content), wrapped text; number formats right-aligned; an auto-filter over the data."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for data in sheets or [SheetData("Sheet1", (), ())]:
        ws = book.create_sheet(sheet_title(data.title, used))
        ws.append([guard_cell(h) for h in data.header])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in data.rows:
            ws.append([_xlsx_value(v) for v in row])
        ws.freeze_panes = "A2"
        for i, name in enumerate(data.header, start=1):
            letter = get_column_letter(i)
            width = data.widths[i - 1] if data.widths and i - 1 < len(data.widths) else None
            if width is None:
                longest = max((len(str(c.value or "")) for c in ws[letter][:200]), default=10)
                width = min(max(10, int(longest * 1.8)), 60)
            ws.column_dimensions[letter].width = width
            number_format = (data.number_formats[i - 1]
                             if data.number_formats and i - 1 < len(data.number_formats) else None)
            for cell in ws[letter][1:]:
                if number_format is None:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                else:
                    cell.number_format = number_format
                    cell.alignment = Alignment(horizontal="right", vertical="top")
        if data.rows and data.number_formats:
            ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel stores no time zone: callers pass local times
    if isinstance(value, Literal):
        return str(value)
    return guard_cell(value)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], bom: bool = True) -> None:
    """`csv_bytes` to a file."""
    path.write_bytes(csv_bytes(header, rows, bom=bom, crlf=True))


def write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "Sheet1",
               widths: Sequence[int] | None = None) -> None:
    """One guarded sheet (`xlsx_bytes`) to a file."""
    path.write_bytes(xlsx_bytes([SheetData(sheet, header, list(rows), widths)]))
