"""Where the log goes (issue 18, item 9): the platform's app log folder, never a ``logs``
folder beside whatever file ``--db`` names; Help › About says where."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

import mlprep_desktop.app as app_module
from mlprep_desktop.ui.error_reporting import log_file


def test_a_db_named_on_the_command_line_gets_no_logs_folder_beside_it(qapp, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs the app's own
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    monkeypatch.setattr(app_module, "start_problem", lambda path: "stop here: this test only starts logging")
    db = tmp_path / "prep" / "x.sqlite"
    db.parent.mkdir()
    try:
        assert app_module.run(db) == 2
        assert not (db.parent / "logs").exists()
        expected = app_module.log_dir() / "mlprep.log"
        assert expected.is_relative_to(tmp_path / "xdg-data")  # the platform's data home (conftest's XDG)
        assert log_file() == expected
        logging.getLogger("mlprep").info("hello from the test")
        assert "hello from the test" in expected.read_text(encoding="utf-8")
    finally:
        for handler in list(logging.getLogger("mlprep").handlers):
            logging.getLogger("mlprep").removeHandler(handler)
            handler.close()


def test_about_says_where_the_log_is(open_window, tmp_path: Path):
    from mlprep_desktop.ui.error_reporting import setup_logging

    path = setup_logging(tmp_path / "the-logs")
    try:
        window = open_window()
        assert str(path) in window.about_text()
    finally:
        for handler in list(logging.getLogger("mlprep").handlers):
            logging.getLogger("mlprep").removeHandler(handler)
            handler.close()


def test_the_log_rotates_at_its_size_limit_and_keeps_three_older_files(tmp_path: Path):
    """mlprep.log never grows past its limit: the full file becomes mlprep.log.1, the older
    ones move up to .3 and the oldest is dropped; no record is lost from the files kept."""
    import logging

    from mlprep_desktop.ui.error_reporting import RotatingLog

    path = tmp_path / "mlprep.log"
    handler = RotatingLog(path, max_bytes=2_000, backups=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("mlprep.test-rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for n in range(400):
            logger.warning("record %04d %s", n, "x" * 30)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["mlprep.log", "mlprep.log.1", "mlprep.log.2", "mlprep.log.3"]
    assert all(p.stat().st_size < 2_000 for p in tmp_path.iterdir())
    kept = [line for name in reversed(names) for line in (tmp_path / name).read_text().splitlines()]
    numbers = [int(line.split()[1]) for line in kept]
    assert numbers == list(range(numbers[0], 400))  # the newest records, in order, none missing
