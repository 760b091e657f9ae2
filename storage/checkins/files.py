"""Reading form definitions from YAML (bundled ones and admins' own) and the sample roadmap.

The form engine (bot/core/forms.py) is standard-library only; PyYAML lives here. A broken file
never stops DX Desk: it is reported with the file name and every problem found, and the other
forms stay usable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.core.forms import FormDefinitionError, FormSpec, form_from_dict
from storage.files.tabular import fast_safe_load

log = logging.getLogger(__name__)

BUNDLED_FORMS = Path(__file__).resolve().parent / "data" / "forms"
SAMPLE_ROADMAP = Path(__file__).resolve().parent / "data" / "roadmap_sample.yaml"


@dataclass
class FormsReport:
    """The forms that loaded, and the problems of those that did not (file -> problems)."""

    forms: dict[str, FormSpec] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)


def read_form_file(path: Path) -> FormSpec:
    """Read and check one YAML form; raises FormDefinitionError with every problem."""
    try:
        data = fast_safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "file"
        raise FormDefinitionError([f"{where}: not valid YAML ({getattr(exc, 'problem', '') or 'syntax error'})"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FormDefinitionError([f"cannot read the file ({type(exc).__name__})"]) from None
    return form_from_dict(data)


def load_forms(*folders: Path | None) -> FormsReport:
    """Every *.yaml / *.yml form in the folders; a later folder may override a form id of an
    earlier one (an admin's own version of the bundled form)."""
    report = FormsReport()
    for folder in folders:
        if folder is None or not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            try:
                spec = read_form_file(path)
            except FormDefinitionError as exc:
                report.errors[str(path)] = exc.problems
                log.warning("form %s is invalid: %s", path, "; ".join(exc.problems[:5]))
                continue
            report.forms[spec.id] = spec
            report.sources[spec.id] = str(path)
    return report


def read_sample_roadmap(path: Path = SAMPLE_ROADMAP) -> list[dict[str, Any]]:
    """The bundled roadmap items ({department, title, target}) for the sample departments."""
    data = fast_safe_load(path.read_text(encoding="utf-8")) or []
    items = []
    for row in data:
        if isinstance(row, dict) and row.get("department") and row.get("title"):
            items.append({"department": str(row["department"]), "title": str(row["title"]),
                          "target": str(row.get("target") or "")})
    return items
