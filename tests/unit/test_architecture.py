"""The dependency rules of STYLE.md and issue 14, checked by parsing every import.

Layers: `bot/core` (standard library only), `bot/adapters/<platform>` (the core and its own SDK),
`bot/retrieval` (the core), `handlers/<job>` (the core, its own job, and for admin reports other
jobs' domain: model, ports, analysis, render), `storage` (implements ports: never a job's conversation), `scheduler`
(the core), and `bot/app`, the one shell that imports across layers.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STDLIB = set(sys.stdlib_module_names) | {"__future__"}
PACKAGES = ("bot", "handlers", "scheduler", "storage")
ADAPTERS = ("console", "slack", "teams", "web")
SDKS = {"slack_bolt": "slack", "slack_sdk": "slack", "botbuilder": "teams", "botframework": "teams",
        "microsoft_agents": "teams"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Absolute module names imported anywhere in the file (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from handlers.meetings import planning` imports the submodule, not the package's names
            submodules = [f"{base}.{a.name}" for a in node.names if existing(f"{base}.{a.name}")]
            names.update(submodules)
            if len(submodules) < len(node.names):
                names.add(base)
    return names


def project_files() -> list[Path]:
    return sorted(p for folder in PACKAGES for p in (ROOT / folder).rglob("*.py"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def existing(name: str) -> bool:
    """True when `name` is a project module (not an attribute imported from one)."""
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def project_imports(path: Path) -> set[str]:
    return {n for n in imports_of(path) if n.split(".")[0] in PACKAGES and existing(n)}


def third_party(name: str) -> bool:
    return name.split(".")[0] not in STDLIB and name.split(".")[0] not in PACKAGES


def test_the_top_level_is_as_the_design_fixes_it():
    for folder in ("bot", "handlers", "scheduler", "storage", "tests"):
        assert (ROOT / folder).is_dir(), folder
    assert (ROOT / "pyproject.toml").is_file() and (ROOT / "Dockerfile").is_file()


def test_bot_holds_no_loose_modules():
    loose = sorted(p.name for p in (ROOT / "bot").glob("*.py") if p.name != "__init__.py")
    assert loose == [], "bot/ keeps only core, adapters, retrieval and the app shell"
    assert sorted(p.name for p in (ROOT / "bot").iterdir() if p.is_dir() and p.name != "__pycache__"
                  and p.name != "data") == ["adapters", "app", "core", "retrieval"]


def test_core_uses_only_the_standard_library_and_itself():
    for path in (ROOT / "bot/core").rglob("*.py"):
        for name in imports_of(path):
            assert name.split(".")[0] in STDLIB or name.startswith("bot.core"), (rel(path), name)


def test_adapters_import_only_the_core_and_their_own_sdk():
    for platform in ADAPTERS:
        for path in (ROOT / "bot/adapters" / platform).rglob("*.py"):
            for name in imports_of(path):
                top = name.split(".")[0]
                if top in PACKAGES:
                    assert name.startswith(("bot.core", f"bot.adapters.{platform}")), (rel(path), name)
                if top in SDKS:
                    assert SDKS[top] == platform, (rel(path), name)


def test_slack_and_teams_never_import_each_other():
    for mine, other in (("slack", "teams"), ("teams", "slack")):
        for path in (ROOT / "bot/adapters" / mine).rglob("*.py"):
            assert not any(n.startswith(f"bot.adapters.{other}") for n in imports_of(path)), rel(path)


def test_platform_sdks_stay_inside_their_adapter_folder():
    for path in project_files():
        for name in imports_of(path):
            platform = SDKS.get(name.split(".")[0])
            if platform is not None:
                assert rel(path).startswith(f"bot/adapters/{platform}/"), (rel(path), name)


def test_retrieval_uses_only_the_core():
    for path in (ROOT / "bot/retrieval").rglob("*.py"):
        for name in project_imports(path):
            assert name.startswith(("bot.core", "bot.retrieval")), (rel(path), name)


def job_of(name: str) -> str:
    return name.split(".")[1] if name.count(".") >= 1 else ""


def test_a_job_imports_the_core_itself_and_only_for_admin_reports_other_jobs_models():
    for path in (ROOT / "handlers").rglob("*.py"):
        mine = path.relative_to(ROOT / "handlers").parts[0]
        for name in project_imports(path):
            if name.startswith("bot.core") or name == "handlers":
                continue
            assert name.startswith("handlers."), (rel(path), name)
            if job_of(name) == mine.removesuffix(".py"):
                continue
            assert mine == "admin", f"{rel(path)} imports another job: {name}"
            # A job's domain: its model, ports and the pure functions over them (analysis, render).
            assert name.rsplit(".", 1)[-1] in ("model", "ports", "analysis", "render"), \
                f"{rel(path)}: admin reads {name}"


def test_storage_never_imports_a_conversation():
    for path in (ROOT / "storage").rglob("*.py"):
        for name in project_imports(path):
            assert not name.startswith(("bot.app", "bot.adapters", "scheduler")), (rel(path), name)
            if name.startswith("handlers."):
                assert name.rsplit(".", 1)[-1] in ("model", "ports"), (rel(path), name)


def test_scheduler_uses_the_core_and_nothing_else_of_the_project():
    for path in (ROOT / "scheduler").rglob("*.py"):
        for name in project_imports(path):
            assert name.startswith(("bot.core", "scheduler")), (rel(path), name)


def test_only_the_app_shell_imports_storage_scheduler_and_adapters():
    for path in project_files():
        where = rel(path)
        for name in project_imports(path):
            for layer in ("storage", "scheduler", "bot.adapters"):
                if name.startswith(layer) and not where.startswith(("bot/app/", layer.replace(".", "/"))):
                    raise AssertionError(f"{where} imports {name}")


def test_no_dynamic_imports():
    for path in project_files():
        text = path.read_text(encoding="utf-8")
        assert "import_module(" not in text and "__import__(" not in text, rel(path)


def test_no_import_cycles():
    graph = {module_name(p): {n for n in project_imports(p) if n != module_name(p)} for p in project_files()}
    # A module imports its packages' __init__ too; count only the modules named.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_only_settings_reads_the_environment():
    for path in project_files():
        if rel(path) == "bot/app/settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "os.environ" not in text and "os.getenv" not in text, rel(path)
