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

from bot.core.messages import t

# Limits that keep a hostile or broken file from taking the process down: an import is refused
# within a second and a few MB, with the reason, instead of minutes and gigabytes (issue 17).
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_CELL_CHARS = 20_000
MAX_ROWS = 50_000
MAX_YAML_DEPTH = 20


class TableError(Exception):
    """The file cannot be read at all (format, encoding, size, missing columns); `text(lang)` says
    why in the reader's language."""

    def __init__(self, key: str, line: int = 0, **params: Any) -> None:
        self.key, self.line, self.params = key, line, params
        super().__init__(t(key, "en", **params))

    def text(self, lang: str = "ja") -> str:
        """The reason, in Japanese or English."""
        return t(self.key, lang, **self.params)


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
    raise TableError("import.encoding")


def _canonical_headers(headers: Sequence[Any], aliases: Mapping[str, str]) -> list[str]:
    out = []
    for h in headers:
        key = str(h or "").strip().lstrip("\ufeff")
        out.append(aliases.get(key, aliases.get(key.lower(), key.lower())))
    return out


def read_table(path: Path, aliases: Mapping[str, str], required: Iterable[str],
               yaml_key: str = "entries") -> list[Row]:
    """Read CSV, XLSX or YAML into rows keyed by canonical column names (within the limits above)."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise TableError("import.not_found", path=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TableError("import.too_big", size=f"{size / 1048576:.1f}", limit=MAX_FILE_BYTES // 1048576)
    if suffix in (".yaml", ".yml"):
        rows = _read_yaml(path, aliases, yaml_key)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(path, aliases)
    elif suffix in (".csv", ".txt", ".tsv"):
        rows = _read_csv(path, aliases, "\t" if suffix == ".tsv" else None)
    else:
        raise TableError("import.unsupported", suffix=suffix or "-")
    missing = [c for c in required if rows and c not in rows[0].values]
    if missing:
        raise TableError("import.missing_columns", columns=", ".join(missing))
    return rows


def _check_cell(value: Any, line: int) -> None:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise TableError("import.cell_too_long", line, length=len(value), limit=MAX_CELL_CHARS)


def _check_rows(count: int, line: int) -> None:
    if count > MAX_ROWS:
        raise TableError("import.too_many_rows", line, limit=MAX_ROWS)


def _read_csv(path: Path, aliases: Mapping[str, str], delimiter: str | None) -> list[Row]:
    text = decode(path.read_bytes())
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",\t;").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # The file is at most MAX_FILE_BYTES: let the csv module read any cell, and check its length
    # here (its own limit, 128 KB, ends in a csv.Error without a line).
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FILE_BYTES + 1)
    try:
        try:
            header = next(reader)
        except StopIteration:
            raise TableError("import.empty") from None
        for cell in header:
            _check_cell(cell, 1)
        names = _canonical_headers(header, aliases)
        rows: list[Row] = []
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            for cell in record:
                _check_cell(cell, line)
            values = {names[i]: record[i] for i in range(min(len(names), len(record)))}
            if len(record) > len(names) and any(c.strip() for c in record[len(names):]):
                values["__extra__"] = record[len(names):]
            rows.append(Row(line, values))
            _check_rows(len(rows), line)
    except csv.Error as exc:
        raise TableError("import.csv_syntax", reader.line_num, where=f"{reader.line_num}: {exc}"[:120]) from None
    finally:
        csv.field_size_limit(limit)
    return rows


def _read_xlsx(path: Path, aliases: Mapping[str, str]) -> list[Row]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise TableError("import.xlsx_unreadable", error=type(exc).__name__) from None
    try:
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        try:
            header = next(it)
        except StopIteration:
            raise TableError("import.empty") from None
        names = _canonical_headers(header, aliases)
        rows: list[Row] = []
        for index, record in enumerate(it, start=2):
            if not any(c is not None and str(c).strip() for c in record):
                continue
            for cell in record:
                _check_cell(cell, index)
            values = {names[i]: ("" if record[i] is None else record[i]) for i in range(min(len(names), len(record)))}
            rows.append(Row(index, values))
            _check_rows(len(rows), index)
    finally:
        wb.close()
    return rows


class _Refused(Exception):
    def __init__(self, key: str, mark: Any, **params: Any) -> None:
        super().__init__(key)
        self.key, self.mark, self.params = key, mark, params


class _GuardedLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors/aliases (a 400-byte alias bomb expands to gigabytes)
    and with a nesting limit (the composer recurses: 20,000 levels end in RecursionError)."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused("import.yaml_alias", event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_YAML_DEPTH:
                raise _Refused("import.yaml_depth", event.start_mark, limit=MAX_YAML_DEPTH)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _where(mark: Any) -> str:
    return f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "-"


# libyaml (shipped inside PyYAML's wheels) parses and composes in C, ten times faster than the
# pure-Python loader: every start reads the bundled FAQ, forms and question bank. The guards then
# run on libyaml's event stream, before anything is composed.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _check_events(text: str) -> None:
    """Refuse aliases/anchors and nesting deeper than MAX_YAML_DEPTH, reading libyaml's events
    (the same rule as _GuardedLoader.compose_node: a node's depth counts its containers + 1)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _Refused("import.yaml_alias", event.start_mark)
            if isinstance(event, yaml.NodeEvent) and depth + 1 > MAX_YAML_DEPTH:
                raise _Refused("import.yaml_depth", event.start_mark, limit=MAX_YAML_DEPTH)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        # libyaml's scanner reads ahead and stops at its own limit (1,000 levels) first.
        if "nesting depth" in str(getattr(exc, "problem", "")):
            raise _Refused("import.yaml_depth", getattr(exc, "problem_mark", None), limit=MAX_YAML_DEPTH) from None
        raise


def _compose(text: str) -> Any:
    loader = None
    try:
        if _FAST_LOADER is not None:
            _check_events(text)
            loader = _FAST_LOADER(text)
        else:
            loader = _GuardedLoader(text)
        return loader.get_single_node()
    except _Refused as exc:
        raise TableError(exc.key, (exc.mark.line + 1) if exc.mark else 0, where=_where(exc.mark),
                         **exc.params) from None
    except yaml.YAMLError as exc:
        raise TableError("import.yaml_syntax", where=_where(getattr(exc, "problem_mark", None))) from None
    finally:
        if loader is not None:
            loader.dispose()


def _construct(node: Any) -> Any:
    loader = (_FAST_LOADER or _GuardedLoader)("")
    try:
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def fast_safe_load(text: str) -> Any:
    """`yaml.safe_load` through libyaml where PyYAML has it (for the bundled, trusted files)."""
    return yaml.load(text, Loader=_FAST_LOADER or yaml.SafeLoader)  # a safe loader, in C


def safe_yaml(text: str) -> Any:
    """`yaml.safe_load` without aliases and with a nesting limit (raises TableError)."""
    return _construct(_compose(text))


def _read_yaml(path: Path, aliases: Mapping[str, str], key: str) -> list[Row]:
    text = decode(path.read_bytes())
    node = _compose(text)
    data = _construct(node)
    items = data.get(key) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise TableError("import.yaml_list", key=key)
    # Line numbers for YAML items come from the same node tree.
    lines: list[int] = []
    seq = node
    if node is not None and node.tag.endswith(":map"):
        seq = next((v for k, v in node.value if k.value == key), None)
    if seq is not None and seq.tag.endswith(":seq"):
        lines = [item.start_mark.line + 1 for item in seq.value]
    _check_rows(len(items), 0)
    rows: list[Row] = []
    for i, item in enumerate(items):
        line = lines[i] if i < len(lines) else i + 1
        if not isinstance(item, dict):
            rows.append(Row(line, {"__invalid__": True}))
            continue
        for value in item.values():
            for part in value if isinstance(value, list) else [value]:
                _check_cell(part, line)
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
