"""One running app per database file: a second one is refused, a crashed one's lock is taken over."""
from __future__ import annotations

import os
import subprocess
import sys

from mlprep_desktop.app import database_lock


def test_a_second_app_on_the_same_file_does_not_get_the_lock(qapp, tmp_path):
    path = tmp_path / "questions.sqlite"
    first = database_lock(path)
    assert first is not None and first.isLocked()
    assert database_lock(path) is None
    # a lock held by another process is refused as well
    code = ("import sys; from mlprep_desktop.app import database_lock; "
            "sys.exit(0 if database_lock(__import__('pathlib').Path(sys.argv[1])) is None else 1)")
    assert subprocess.run([sys.executable, "-c", code, str(path)], env=os.environ.copy()).returncode == 0
    first.unlock()
    assert database_lock(path) is not None


def test_a_lock_left_by_a_dead_process_is_taken_over(qapp, tmp_path):
    path = tmp_path / "questions.sqlite"
    code = ("import os, sys; from mlprep_desktop.app import database_lock; "
            "lock = database_lock(__import__('pathlib').Path(sys.argv[1])); os._exit(0 if lock else 1)")
    assert subprocess.run([sys.executable, "-c", code, str(path)], env=os.environ.copy()).returncode == 0
    assert (tmp_path / "questions.sqlite.lock").exists()  # left behind, as after a crash
    assert database_lock(path) is not None
