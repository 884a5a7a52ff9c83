"""Shared fixtures. Qt runs offscreen; every test gets its own database files in tmp_path."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from mlprep_desktop.bank.build import build
from mlprep_desktop.storage.database import Database, open_database
from tests.bank_sources import write_question


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A tiny valid bank: three questions in two topics."""
    root = tmp_path / "sources"
    write_question(root, "alpha-question", topic="fundamentals", title="What is alpha regularization?",
                   related=["beta-question"])
    write_question(root, "beta-question", topic="fundamentals", type="math", title="Derive the beta gradient.",
                   answer_extra="The result is $$\\nabla_w L = X^\\top (Xw - y)$$ for all $w$.")
    write_question(root, "gamma-question", topic="evaluation", difficulty="advanced",
                   title="How do you read a gamma curve?")
    return root


@pytest.fixture
def bundle(tmp_path: Path, sources: Path) -> Path:
    out = tmp_path / "bundle" / "questions.sqlite"
    build(sources, out, coverage=False)
    return out


@pytest.fixture
def db(tmp_path: Path, bundle: Path) -> Database:
    """A fresh, migrated database created from the small bundle."""
    database = open_database(tmp_path / "user" / "questions.sqlite", bundle)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _own_data_folders(tmp_path: Path, monkeypatch):
    """The platform folders the app writes to unasked (its log folder, its default data folder)
    are the test's own, never the user's: on Linux QStandardPaths reads these at each call."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
