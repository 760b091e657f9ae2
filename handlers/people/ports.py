"""Bulk import of the people registry, as the admin command sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bot.core.context import ServiceKey


@dataclass
class ImportSummary:
    """Counts of an import and every problem with its line (nothing is written when any)."""

    total: int = 0
    added: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


class PeopleImporter(Protocol):
    """Reads a CSV/XLSX roster on the bot's machine into the people registry."""

    async def import_file(self, path: str, dry_run: bool = False, lang: str = "ja") -> ImportSummary:
        """Problems are worded in `lang` (ja / en)."""
        ...


PEOPLE_IMPORT: ServiceKey[PeopleImporter] = ServiceKey("people_import")
