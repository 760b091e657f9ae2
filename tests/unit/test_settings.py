"""Settings read from the environment under the names the docs give."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.settings import load_settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    for name in ("DXDESK_DATABASE_URL", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DXDESK_DATA_DIR", str(tmp_path / "data"))


def test_the_database_defaults_to_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    assert load_settings().db_url == f"sqlite+aiosqlite:///{tmp_path / 'data' / 'dxdesk.db'}"


def test_dxdesk_database_url_is_read_like_every_other_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DXDESK_DATABASE_URL", "sqlite+aiosqlite:////tmp/walk/dx.db")
    assert load_settings().db_url == "sqlite+aiosqlite:////tmp/walk/dx.db"


def test_database_url_as_hosting_platforms_set_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://dxdesk@db/dxdesk")
    assert load_settings().db_url == "postgresql://dxdesk@db/dxdesk"
    monkeypatch.setenv("DXDESK_DATABASE_URL", "postgresql://dxdesk@db2/dxdesk")
    assert load_settings().db_url == "postgresql://dxdesk@db2/dxdesk"  # the DX Desk name wins
