"""The launcher entry, the AppStream metainfo and the app icon in packaging/linux and resources/icons."""
from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mlprep_desktop import APP_NAME, __version__, app

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
DESKTOP = LINUX / f"{app.DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{app.DESKTOP_ID}.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

sys.path.insert(0, str(REPO / "packaging"))
import render_icons  # noqa: E402


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_desktop_entry_starts_mlprep_with_the_app_icon():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Exec"] == "mlprep" and entry["TryExec"] == "mlprep"  # rewritten to a full path on install
    assert entry["Icon"] == app.DESKTOP_ID
    assert entry["Terminal"] == "false"
    assert "Education" in entry["Categories"].split(";")
    # X11 window managers match the window to the entry by WM_CLASS = the application name
    assert entry["StartupWMClass"] == app.APP_ID


def test_metainfo_names_the_same_app_and_launcher():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == app.DESKTOP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "mlprep"
    assert root.find("releases/release").get("version") == __version__


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (make packaging-deps)")
def test_desktop_entry_passes_desktop_file_validate():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed (make packaging-deps)")
def test_metainfo_passes_appstreamcli_validate():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_icon_pngs_exist_at_every_size():
    for size in PNG_SIZES:
        assert png_size(ICONS / f"mlprep-{size}.png") == (size, size)


def test_icon_pngs_are_rendered_from_the_current_svg(qapp, tmp_path):
    """A PNG drawn from an older SVG would differ: re-render and compare (make icons)."""
    from PySide6.QtGui import QImage

    render_icons.render(ICONS / "mlprep.svg", tmp_path, sizes=(32, 128))
    for size in (32, 128):
        fresh = QImage(str(tmp_path / f"mlprep-{size}.png"))
        committed = QImage(str(ICONS / f"mlprep-{size}.png"))
        total = 0
        for y in range(size):
            for x in range(size):
                a, b = fresh.pixelColor(x, y), committed.pixelColor(x, y)
                total += abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) \
                    + abs(a.alpha() - b.alpha())
        assert total / (size * size * 4) < 2.0, f"mlprep-{size}.png is stale: run `make icons`"


def test_the_window_icon_is_the_svg(qapp):
    icon = app.ensure_application().windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(48, 48).toImage()
    assert image.width() == 48
    centre = image.pixelColor(24, 24)
    assert centre.alpha() == 255  # the tile is opaque in the middle; a blank icon would not be
