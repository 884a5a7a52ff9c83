"""Starting on a file that cannot be used says what is really wrong (not "already open"), and
an empty file is never silently replaced: the user is asked first."""
from __future__ import annotations

import errno
import os
import sys
import tempfile

from PySide6.QtWidgets import QMessageBox

from mlprep_desktop import app as app_module


def _capture_boxes(monkeypatch) -> list[str]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs the app's own
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    return shown


def test_a_read_only_mount_is_reported_as_such_not_as_already_open(qapp, tmp_path, monkeypatch):
    shown = _capture_boxes(monkeypatch)

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    assert app_module.run(tmp_path / "data" / "questions.sqlite") == 2
    assert len(shown) == 1 and "read-only disk or mount" in shown[0] and "already open" not in shown[0]


def test_an_empty_file_is_kept_when_the_user_says_no(qapp, tmp_path, monkeypatch):
    _capture_boxes(monkeypatch)
    path = tmp_path / "mine.sqlite"
    path.write_bytes(b"")
    asked: list[str] = []
    monkeypatch.setattr(app_module, "_ask_start_afresh", lambda p, message: asked.append(message) or False)
    assert app_module.run(path) == 2
    assert asked and "empty (0 bytes)" in asked[0]
    assert path.exists() and path.stat().st_size == 0


def test_an_empty_file_becomes_a_new_database_only_when_the_user_says_yes(qapp, tmp_path, monkeypatch):
    _capture_boxes(monkeypatch)
    path = tmp_path / "fresh.sqlite"
    path.write_bytes(b"")
    monkeypatch.setattr(app_module, "_ask_start_afresh", lambda p, message: True)
    opened: list[object] = []
    real_open = app_module._open_or_report
    monkeypatch.setattr(app_module, "_open_or_report", lambda p: opened.append(real_open(p)) or None)
    assert app_module.run(path) == 2  # our stand-in returned no window, so run stops there
    assert opened and opened[0] is not None and path.stat().st_size > 0
    opened[0].close()
    opened[0].deleteLater()
    assert os.path.exists(path)
