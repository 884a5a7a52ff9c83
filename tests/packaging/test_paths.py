"""core/paths.py finds the bundle the same way in a checkout, a wheel install and a frozen app."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mlprep_desktop.core import paths

REPO = Path(__file__).resolve().parents[2]


def make_bundle(folder: Path) -> Path:
    (folder / "resources" / "icons").mkdir(parents=True)
    (folder / "resources" / "icons" / "mlprep.svg").write_text("<svg/>")
    (folder / "questions.sqlite").write_bytes(b"SQLite format 3\x00")
    return folder


@pytest.fixture(autouse=True)
def not_frozen(monkeypatch):
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)


def test_checkout_uses_the_repository_root():
    assert paths.PACKAGE_DIR == REPO / "mlprep_desktop"
    assert paths.bundle_location() == ("checkout", REPO)
    assert paths.bundled_database() == REPO / "questions.sqlite"
    assert paths.resources_dir() == REPO / "resources"
    assert (paths.resources_dir() / "icons" / "mlprep.svg").is_file()


def test_wheel_install_uses_the_package_bundle(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "mlprep_desktop"
    bundle = make_bundle(package / "_bundle")
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    assert paths.bundle_location() == ("wheel", bundle)
    assert paths.bundled_database() == bundle / "questions.sqlite"
    assert paths.question_sources() == bundle / "resources" / "questions"


def test_frozen_app_uses_the_bundle_under_meipass(tmp_path, monkeypatch):
    internal = tmp_path / "dist" / "mlprep" / "_internal"
    bundle = make_bundle(internal / "mlprep_desktop" / "_bundle")
    # PyInstaller gives modules a __file__ under sys._MEIPASS, so PACKAGE_DIR points there too
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(paths, "PACKAGE_DIR", internal / "mlprep_desktop")
    assert paths.bundle_location() == ("frozen", bundle)
    assert paths.resources_dir() == bundle / "resources"


def test_frozen_bundle_wins_over_anything_next_to_the_package(tmp_path, monkeypatch):
    frozen = make_bundle(tmp_path / "meipass" / "mlprep_desktop" / "_bundle")
    make_bundle(tmp_path / "elsewhere" / "mlprep_desktop" / "_bundle")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "meipass"), raising=False)
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path / "elsewhere" / "mlprep_desktop")
    assert paths.bundle_location() == ("frozen", frozen)


def test_no_bundle_anywhere_points_at_the_checkout_layout(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path / "src" / "mlprep_desktop")
    assert paths.bundle_location() == ("checkout", tmp_path / "src")
    assert not paths.bundled_database().exists()
