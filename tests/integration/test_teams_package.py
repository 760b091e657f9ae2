"""`dxdesk teams-package`: the app package zip Teams accepts for upload."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from bot.adapters.teams.package import build_package

APP_ID = "5a7c1e2d-3b4f-4a6e-9c8d-0f1e2d3c4b5a"


def test_package_has_the_manifest_with_the_bot_id_and_two_icons(tmp_path: Path) -> None:
    path = build_package(APP_ID.upper(), tmp_path / "out", name="DX Desk 市役所")
    assert path == tmp_path / "out" / "dxdesk-teams.zip"
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        color = Image.open(io.BytesIO(archive.read("color.png")))
        outline = Image.open(io.BytesIO(archive.read("outline.png")))
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    assert manifest["name"]["short"] == "DX Desk 市役所"
    assert "{{" not in json.dumps(manifest, ensure_ascii=False)
    assert set(manifest["bots"][0]["scopes"]) == {"personal", "team", "groupChat"}
    commands = [c["title"] for group in manifest["bots"][0]["commandLists"] for c in group["commands"]]
    assert "dx help" in commands and "dx faq unanswered" in commands
    assert all(len(c) <= 32 for c in commands)
    assert all(len(group["commands"]) <= 10 for group in manifest["bots"][0]["commandLists"])
    assert len(manifest["description"]["short"]) <= 80
    assert color.size == (192, 192)
    assert outline.size == (32, 32)
    # The outline icon must be white on transparent: every visible pixel is white.
    rgba = outline.convert("RGBA")
    pixels = [rgba.getpixel((x, y)) for x in range(32) for y in range(32)]
    assert any(a == 0 for *_, a in pixels)
    assert all((r, g, b) == (255, 255, 255) for r, g, b, a in pixels if a > 0)


def test_package_refuses_what_teams_would_reject(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="GUID"):
        build_package("my-bot", tmp_path)
    with pytest.raises(ValueError, match="GUID"):
        build_package(APP_ID, tmp_path, tenant_id="contoso")
    with pytest.raises(ValueError, match="30"):
        build_package(APP_ID, tmp_path, name="とても長いアプリ名" * 5)
    written = build_package(APP_ID, tmp_path / "teams.zip", tenant_id="11111111-2222-4333-8444-555555555555")
    assert written == tmp_path / "teams.zip" and written.exists()


def test_the_package_names_the_office_by_the_citys_own_name(tmp_path: Path) -> None:
    path = build_package(APP_ID, tmp_path, office="デジタル変革戦略室")
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    text = json.dumps(manifest, ensure_ascii=False)
    assert "DX推進室" not in text
    assert manifest["description"]["short"].startswith("デジタル変革戦略室の相談窓口")
    assert manifest["developer"]["name"] == "デジタル変革戦略室"  # unless a developer name is given
    assert len(manifest["description"]["short"]) <= 80
