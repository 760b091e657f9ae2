"""The dependency rules of STYLE.md, checked by parsing every import."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STDLIB = set(sys.stdlib_module_names)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_core_uses_only_the_standard_library_and_itself():
    for path in python_files("bot/core"):
        for name in imports_of(path):
            top = name.split(".")[0]
            assert top in STDLIB or name.startswith("bot.core") or top == "__future__", (path, name)


def test_handlers_import_only_the_core_and_other_handlers():
    for path in python_files("handlers"):
        for name in imports_of(path):
            top = name.split(".")[0]
            ok = top in STDLIB or name.startswith("bot.core") or top in ("handlers", "__future__")
            assert ok, (path, name)


def test_platform_sdks_stay_inside_their_adapter_folder():
    sdk_home = {"slack_bolt": "bot/adapters/slack", "slack_sdk": "bot/adapters/slack",
                "botbuilder": "bot/adapters/teams", "botframework": "bot/adapters/teams",
                "microsoft_agents": "bot/adapters/teams"}
    for folder in ("bot", "handlers", "scheduler", "storage"):
        for path in python_files(folder):
            rel = path.relative_to(ROOT).as_posix()
            for name in imports_of(path):
                home = sdk_home.get(name.split(".")[0])
                if home is not None:
                    assert rel.startswith(home + "/"), (rel, name)


def test_only_settings_reads_the_environment():
    for folder in ("bot", "handlers", "scheduler", "storage"):
        for path in python_files(folder):
            rel = path.relative_to(ROOT).as_posix()
            if rel == "bot/settings.py":
                continue
            text = path.read_text(encoding="utf-8")
            assert "os.environ" not in text and "os.getenv" not in text, rel
