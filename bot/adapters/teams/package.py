"""The Teams app package: `teams/manifest.json` with the bot id filled in, plus two icons, zipped
ready to upload (Teams admin center, or "Upload a custom app" in Teams)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any

TEMPLATE = Path(__file__).resolve().parents[3] / "teams" / "manifest.json"
PACKAGE_NAME = "dxdesk-teams.zip"
COLOR_SIZE = 192
OUTLINE_SIZE = 32
ACCENT = "#1F5FA8"
MAX_SHORT_NAME = 30

_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def build_package(
    app_id: str,
    out: Path,
    *,
    name: str = "DX Desk",
    tenant_id: str = "",
    developer_name: str = "",
    office: str = "DX推進室",
    website_url: str = "https://example.com/dxdesk",
    privacy_url: str = "https://example.com/dxdesk/privacy",
    terms_url: str = "https://example.com/dxdesk/terms",
    template: Path | None = None,
) -> Path:
    """Write the app package zip and return its path.

    `out` is the zip file to write, or a folder to write `dxdesk-teams.zip` into. `app_id` is the
    Microsoft App ID of the Azure Bot (a GUID); it is used as the bot id and as the Teams app id.
    The manifest has no tenant field: `tenant_id` (single-tenant bots) is only checked for form, so
    a typo shows up here rather than as a silent sign-in failure. The developer URLs must be https
    pages of the organisation (Teams shows them in the app details).
    """
    app_id = app_id.strip()
    if not _GUID.match(app_id):
        raise ValueError(f"the Microsoft App ID must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got {app_id!r}")
    if tenant_id and not _GUID.match(tenant_id.strip()):
        raise ValueError(f"the tenant id must be a GUID, got {tenant_id!r}")
    name = name.strip()
    if not name or len(name) > MAX_SHORT_NAME:
        raise ValueError(f"the app name must be 1 to {MAX_SHORT_NAME} characters")
    for url in (website_url, privacy_url, terms_url):
        if not url.startswith("https://"):
            raise ValueError(f"Teams needs https URLs for the developer pages, got {url!r}")
    source = template or TEMPLATE
    if not source.is_file():
        raise FileNotFoundError(f"the Teams manifest template {source} is missing: build the package from a "
                                "DX Desk source checkout (it holds teams/manifest.json)")
    manifest = render_manifest(
        source.read_text(encoding="utf-8"),
        {"BOT_ID": app_id.lower(), "NAME": name, "VERSION": app_version(), "OFFICE": office.strip() or "DX推進室",
         "DEVELOPER_NAME": developer_name.strip() or office.strip() or "DX推進室",
         "WEBSITE_URL": website_url, "PRIVACY_URL": privacy_url, "TERMS_URL": terms_url},
    )
    target = out / PACKAGE_NAME if out.suffix.lower() != ".zip" else out
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr(manifest["icons"]["color"], color_icon())
        archive.writestr(manifest["icons"]["outline"], outline_icon())
    return target


def render_manifest(template: str, values: dict[str, str]) -> dict[str, Any]:
    """Fill `{{NAME}}` placeholders inside the template's strings (JSON-escaped) and parse it."""
    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise ValueError(f"the manifest template has an unknown placeholder {{{{{key}}}}}")
        return json.dumps(values[key], ensure_ascii=False)[1:-1]

    manifest: dict[str, Any] = json.loads(_PLACEHOLDER.sub(fill, template))
    return manifest


def app_version() -> str:
    """The package version (Teams wants it to grow with each upload of an updated package)."""
    try:
        return metadata.version("dxdesk")
    except metadata.PackageNotFoundError:
        return "1.0.0"


def color_icon() -> bytes:
    """192x192 full-colour icon: white "DX" on the accent colour."""
    return _icon(COLOR_SIZE, background=ACCENT, foreground="white", transparent=False)


def outline_icon() -> bytes:
    """32x32 outline icon: white on a transparent background, as Teams requires."""
    return _icon(OUTLINE_SIZE, background=None, foreground="white", transparent=True)


def _icon(size: int, *, background: str | None, foreground: str, transparent: bool) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    dpi = 100
    figure = Figure(figsize=(size / dpi, size / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.axis("off")
    figure.patch.set_alpha(0.0)
    if background is not None:
        axes.add_patch(FancyBboxPatch((0.04, 0.04), 0.92, 0.92, boxstyle="round,pad=0,rounding_size=0.18",
                                      facecolor=background, edgecolor="none"))
        # A counter line under the letters: a help desk.
        axes.add_patch(FancyBboxPatch((0.2, 0.2), 0.6, 0.02, boxstyle="round,pad=0.01",
                                      facecolor=foreground, edgecolor="none", alpha=0.9))
    points = size * 72 / dpi
    axes.text(0.5, 0.56 if background else 0.5, "DX", ha="center", va="center", color=foreground,
              fontsize=points * (0.36 if background else 0.5), fontweight="bold", family="DejaVu Sans")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, transparent=transparent, metadata={"Software": None})
    return buffer.getvalue()
