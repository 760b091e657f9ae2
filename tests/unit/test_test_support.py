"""The tests' own rule (issue 14): platform set-up, person set-up and the dialogue helper live once,
in tests/support/, so copies do not come back in new test files.

- No fixture outside tests/support starts a fake platform or serves the bot (use `slack_api`,
  `start_slack`, `connector`, `start_teams` of tests/support/platforms.py).
- No test module builds the fake Slack API, the fake Bot Connector,
  a `SlackBot`, or a `ServedBot` of the real web app itself (a `ServedBot` around a hand-wired
  adapter, as the adapter tests need, is fine).
- No helper outside tests/support registers people itself (`create_from_actor`, or setting a
  registry entry's role): use `tests.support.people.add_person`.
- No class outside tests/support talks to the bot with its own say/press: use tests.support.dialogue.
- The old helper modules stay one-line re-exports of tests/support (for branches written against them).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
HOME = ("tests/support/", "tests/fakes/")
STARTERS = {"FakeSlackApi", "FakeBotConnector", "SlackBot", "ServedBot"}
OLD_PATHS = ("dialogue", "admin_data", "checkins_fakes", "assessment_fakes", "meetings_support")


def modules_outside_support() -> Iterator[tuple[str, ast.Module]]:
    """Every test module outside tests/support and tests/fakes, parsed."""
    for path in sorted(TESTS.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if not name.startswith(HOME):
            yield name, ast.parse(path.read_text(encoding="utf-8"))


def called(node: ast.AST) -> str:
    """The name a call is made to (`FakeSlackApi(...)`, `x.create_from_actor(...)`)."""
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name):
            return node.func.id
        if isinstance(node.func, ast.Attribute):
            return node.func.attr
    return ""


def functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def is_fixture(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any("fixture" in ast.unparse(d) for d in function.decorator_list)


def test_no_fixture_outside_tests_support_starts_a_platform_or_the_bot():
    found = []
    for name, tree in modules_outside_support():
        for function in functions(tree):
            starts = {called(n) for n in ast.walk(function)} & (STARTERS | {"create_web_app"})
            if is_fixture(function) and starts:
                found.append(f"{name}: fixture {function.name}() starts {sorted(starts)}")
    # The web desk serves its own surface (no Slack or Teams) through tests/integration/web/support.py.
    assert found == [], "use the fixtures of tests/support/platforms.py:\n" + "\n".join(found)


def test_the_fakes_and_the_served_bot_are_built_only_in_tests_support():
    found = []
    for name, tree in modules_outside_support():
        if not name.rpartition("/")[2].startswith("test_"):
            continue  # scenario drivers (tests/campaign_crash.py) build what their child processes need
        for node in ast.walk(tree):
            what = called(node)
            if what in {"FakeSlackApi", "FakeBotConnector", "SlackBot"}:
                found.append(f"{name}:{node.lineno} {what}(...)")
            elif what == "ServedBot" and any(called(n) == "create_web_app" for n in ast.walk(node)):
                found.append(f"{name}:{node.lineno} ServedBot(app, create_web_app(app))")
    assert found == [], "use tests/support/platforms.py (start_slack, start_teams, serve_*):\n" + "\n".join(found)


def test_people_are_set_up_only_through_tests_support_people():
    found = []
    for name, tree in modules_outside_support():
        if name.startswith("tests/contract/"):
            continue  # the store contract tests create_from_actor itself
        for function in functions(tree):
            if function.name.startswith("test_"):
                continue  # a test may change a role as the behaviour it checks
            for node in ast.walk(function):
                if called(node) == "create_from_actor":
                    found.append(f"{name}:{node.lineno} {function.name}() calls create_from_actor")
                targets = node.targets if isinstance(node, ast.Assign) else []
                for target in targets:
                    for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                        if isinstance(element, ast.Attribute) and element.attr == "role":
                            found.append(f"{name}:{node.lineno} {function.name}() sets a role")
    assert found == [], "use tests.support.people.add_person:\n" + "\n".join(found)


def test_dialogue_helpers_are_not_written_again_outside_tests_support():
    found = []
    for name, tree in modules_outside_support():
        if name.startswith("tests/integration/web/"):
            continue  # the web desk's browser (HTML over HTTP) is its own surface, not yet a `surface()`
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                methods = {f.name for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)}
                if {"say", "press"} <= methods:
                    found.append(f"{name}: class {node.name} talks to the bot itself")
    assert found == [], "use tests.support.dialogue (surface, Person):\n" + "\n".join(found)


def test_the_old_helper_paths_are_one_line_re_exports_of_tests_support():
    for old in OLD_PATHS:
        tree = ast.parse((TESTS / f"{old}.py").read_text(encoding="utf-8"))
        body = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
        assert len(body) == 1 and isinstance(body[0], ast.ImportFrom), old
        assert (body[0].module or "").startswith("tests.support."), old
