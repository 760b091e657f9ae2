"""The web desk stays an adapter: it imports the core and its own libraries, never handlers,
storage or the scheduler (what it needs from them comes through ports from the composition root)."""

from __future__ import annotations

import sys

from tests.unit.test_architecture import ROOT, imports_of

ALLOWED = {"aiohttp", "jinja2", "aiosmtplib", "markupsafe"}


def test_the_web_adapter_imports_only_the_core_and_its_own_libraries():
    files = sorted((ROOT / "bot/adapters/web").rglob("*.py"))
    assert files
    for path in files:
        for name in imports_of(path):
            top = name.split(".")[0]
            ok = (top in sys.stdlib_module_names or top == "__future__" or top in ALLOWED
                  or name.startswith(("bot.core", "bot.adapters.web")))
            assert ok, (path.name, name)


def test_the_page_assets_are_local_files():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "bot" / "adapters" / "web"
    for page in list((folder / "templates").glob("*.html")) + list((folder / "static").glob("*.*")):
        text = page.read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "http://" not in text and "https://" not in text and "//" + "cdn" not in text, page.name
        assert "<script>" not in text, page.name  # no inline script (CSP)
