"""Where the bundled database and resources are, in a checkout, a wheel and a frozen build.

- wheel install: ``mlprep_desktop/_bundle/{questions.sqlite,resources}`` (force-included);
- frozen (PyInstaller): the same ``_bundle`` folder under ``sys._MEIPASS``;
- editable checkout: the repository root, one level above the package.
"""
from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _candidates() -> list[tuple[str, Path]]:
    found = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        found.append(("frozen", Path(frozen) / "mlprep_desktop" / "_bundle"))
    found.append(("wheel", PACKAGE_DIR / "_bundle"))
    found.append(("checkout", PACKAGE_DIR.parent))
    return found


def bundle_location() -> tuple[str, Path]:
    """(kind, folder): where the bundled database is — ``"frozen"``, ``"wheel"`` or
    ``"checkout"`` — tried in that order; the checkout if none holds ``questions.sqlite``."""
    for kind, candidate in _candidates():
        if (candidate / "questions.sqlite").exists():
            return kind, candidate
    return "checkout", PACKAGE_DIR.parent


def bundle_dir() -> Path:
    return bundle_location()[1]


def bundled_database() -> Path:
    return bundle_dir() / "questions.sqlite"


def resources_dir() -> Path:
    return bundle_dir() / "resources"


def question_sources() -> Path:
    return resources_dir() / "questions"
