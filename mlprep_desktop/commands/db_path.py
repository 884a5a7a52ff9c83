"""The database a command works on: ``--db PATH``, else ``$MLPREP_DB``, else the app's file in
the user's data folder (the same place the app uses, found without starting a GUI)."""
from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "MLPREP_DB"


def resolve_db(db: Path | None) -> Path:
    if db is not None:
        return Path(db).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    from mlprep_desktop.qt_platform import data_folder

    return data_folder() / "questions.sqlite"
