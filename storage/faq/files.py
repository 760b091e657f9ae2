"""FAQ import and export (CSV, XLSX, YAML), all-or-nothing with line-numbered errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.core.messages import t
from bot.core.model import FaqEntry, OtherDesk
from storage.files.tabular import (
    Row,
    TableError,
    read_table,
    safe_yaml,
    split_list,
    write_csv,
    write_xlsx,
)

COLUMNS = ("id", "question", "answer", "alternates", "category", "tags", "department")
JA_HEADERS = ("ID", "質問", "回答", "言い換え", "カテゴリ", "タグ", "担当部署")
ALIASES = {
    "id": "id", "ID": "id", "番号": "id", "faq id": "id", "faq_id": "id",
    "question": "question", "質問": "question", "質問文": "question", "q": "question",
    "answer": "answer", "回答": "answer", "回答文": "answer", "答え": "answer", "a": "answer",
    "alternates": "alternates", "alternate": "alternates", "言い換え": "alternates", "類似質問": "alternates",
    "別表現": "alternates",
    "category": "category", "カテゴリ": "category", "カテゴリー": "category", "分類": "category",
    "tags": "tags", "tag": "tags", "タグ": "tags", "キーワード": "tags",
    "department": "department", "担当部署": "department", "所管課": "department", "部署": "department",
    "担当課": "department",
    "updated_at": "updated_at", "更新日時": "updated_at",
    # Optional English wording, for staff who chose English.
    "question_en": "question_en", "質問（英語）": "question_en", "質問(英語)": "question_en", "英語の質問": "question_en",
    "answer_en": "answer_en", "回答（英語）": "answer_en", "回答(英語)": "answer_en", "英語の回答": "answer_en",
    "category_en": "category_en", "カテゴリ（英語）": "category_en", "カテゴリ(英語)": "category_en",
}
EN_COLUMNS = ("question_en", "answer_en", "category_en")
EN_JA_HEADERS = ("質問（英語）", "回答（英語）", "カテゴリ（英語）")
MAX_QUESTION = 1000
MAX_ANSWER = 10000


@dataclass
class ImportReport:
    """What an import found: valid entries, and every problem with its line."""

    entries: list[FaqEntry] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong (an import is all or nothing)."""
        return not self.errors


def parse_rows(rows: Sequence[Row], progress: Callable[[int, int], None] | None = None,
               lang: str = "ja") -> ImportReport:
    """Validate rows into entries; ids must be unique within the file. Problems in `lang`."""
    report = ImportReport()
    seen: dict[str, int] = {}
    for n, row in enumerate(rows, 1):
        if progress and (n % 500 == 0 or n == len(rows)):
            progress(n, len(rows))
        v = row.values
        if v.get("__invalid__"):
            report.errors.append((row.line, t("import.not_mapping", lang)))
            continue
        problems = []
        entry_id = str(v.get("id") or "").strip()
        question = str(v.get("question") or "").strip()
        answer = str(v.get("answer") or "").strip()
        if not entry_id:
            problems.append(t("import.faq.id_empty", lang))
        elif len(entry_id) > 64 or any(c.isspace() for c in entry_id):
            problems.append(t("import.faq.id_bad", lang))
        elif entry_id in seen:
            problems.append(t("import.faq.id_duplicate", lang, id=entry_id, other=seen[entry_id]))
        if not question:
            problems.append(t("import.faq.question_empty", lang))
        elif len(question) > MAX_QUESTION:
            problems.append(t("import.faq.question_long", lang, limit=MAX_QUESTION))
        if not answer:
            problems.append(t("import.faq.answer_empty", lang))
        elif len(answer) > MAX_ANSWER:
            problems.append(t("import.faq.answer_long", lang, limit=MAX_ANSWER))
        english = {k: str(v.get(k) or "").strip() for k in EN_COLUMNS}
        if len(english["question_en"]) > MAX_QUESTION:
            problems.append(t("import.faq.question_long", lang, limit=MAX_QUESTION))
        if len(english["answer_en"]) > MAX_ANSWER:
            problems.append(t("import.faq.answer_long", lang, limit=MAX_ANSWER))
        if v.get("__extra__"):
            problems.append(t("import.extra_cells", lang))
        if problems:
            report.errors.append((row.line, ("; " if lang == "en" else "／").join(problems)))
            continue
        seen[entry_id] = row.line
        report.entries.append(FaqEntry(
            id=entry_id, question=question, answer=answer, alternates=split_list(v.get("alternates")),
            category=str(v.get("category") or "").strip(), tags=split_list(v.get("tags")),
            department=str(v.get("department") or "").strip(), **english,
        ))
    return report


def read_faq_file(path: Path, progress: Callable[[int, int], None] | None = None,
                  lang: str = "ja") -> ImportReport:
    """Read and validate a FAQ file; a file that cannot be read becomes one error (its line, or 0)."""
    try:
        rows = read_table(path, ALIASES, required=("id", "question", "answer"))
    except TableError as exc:
        return ImportReport(errors=[(exc.line, exc.text(lang))])
    if not rows:
        return ImportReport(errors=[(0, t("import.faq.none", lang))])
    return parse_rows(rows, progress, lang)


def read_synonyms(path: Path) -> list[list[str]]:
    """Synonym groups from YAML (`groups: [[a, b], ...]`)."""
    data = safe_yaml(path.read_text(encoding="utf-8-sig")) or {}
    groups = data.get("groups", []) if isinstance(data, dict) else data
    return [[str(x) for x in g] for g in groups if isinstance(g, list) and len(g) >= 2]


def read_other_desks(path: Path) -> list[OtherDesk]:
    """Sections that handle what the DX desk does not, from YAML (`desks: [{name, about, topics}]`);
    a missing file means none."""
    if not path.exists():
        return []
    data = safe_yaml(path.read_text(encoding="utf-8-sig")) or {}
    desks = data.get("desks", []) if isinstance(data, dict) else []
    return [
        OtherDesk(str(d["name"]), str(d.get("about", "")), tuple(str(x) for x in d.get("topics") or ()),
                  str(d.get("name_en", "")), str(d.get("about_en", "")))
        for d in desks
        if isinstance(d, dict) and d.get("name") and d.get("topics")
    ]


def bundled(name: str) -> Path:
    """Path of a bundled data file (storage/faq/data)."""
    return Path(__file__).resolve().parent / "data" / name


def export_faq(entries: Sequence[FaqEntry], path: Path, japanese_headers: bool = False) -> None:
    """Write entries as CSV (UTF-8 with BOM), XLSX or YAML, by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        data: dict[str, Any] = {"entries": [
            {"id": e.id, "question": e.question, "alternates": list(e.alternates), "answer": e.answer,
             "category": e.category, "tags": list(e.tags), "department": e.department,
             **{k: getattr(e, k) for k in EN_COLUMNS if getattr(e, k)}} for e in entries]}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        return
    header = JA_HEADERS if japanese_headers else COLUMNS
    rows = [[e.id, e.question, e.answer, " | ".join(e.alternates), e.category, " | ".join(e.tags), e.department]
            for e in entries]
    widths = [12, 40, 80, 40, 18, 24, 18]
    if any(getattr(e, k) for e in entries for k in EN_COLUMNS):
        # The English columns only where some entry has English (a Japanese-only FAQ exports as before).
        header = (*header, *(EN_JA_HEADERS if japanese_headers else EN_COLUMNS))
        rows = [[*row, *(getattr(e, k) for k in EN_COLUMNS)] for row, e in zip(rows, entries, strict=True)]
        widths += [40, 80, 18]
    if suffix == ".xlsx":
        write_xlsx(path, header, rows, sheet="FAQ", widths=widths)
    elif suffix == ".csv":
        write_csv(path, header, rows, bom=True)
    else:
        raise TableError("import.unsupported", suffix=suffix or "(none)")
