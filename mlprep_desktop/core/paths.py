"""Where the bundled database and resources are, in a checkout, a wheel and a frozen build.

- wheel install: ``mlprep_desktop/_bundle/{questions.sqlite,resources}`` (force-included);
- frozen (PyInstaller): the same ``_bundle`` folder under ``sys._MEIPASS``;
- editable checkout: the repository root, one level above the package.
"""
from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundle_dir() -> Path:
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "mlprep_desktop" / "_bundle")
    candidates.append(PACKAGE_DIR / "_bundle")
    candidates.append(PACKAGE_DIR.parent)
    for candidate in candidates:
        if (candidate / "questions.sqlite").exists():
            return candidate
    return PACKAGE_DIR.parent


def bundled_database() -> Path:
    return bundle_dir() / "questions.sqlite"


def resources_dir() -> Path:
    return bundle_dir() / "resources"


def question_sources() -> Path:
    return resources_dir() / "questions"
