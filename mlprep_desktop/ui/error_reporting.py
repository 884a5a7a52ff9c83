"""Uncaught exceptions: logged to a rotating file in the app's log folder (``app.log_dir``) and
shown in a dialog. ``log_file()`` says where that file is (Help › About shows it)."""
from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("mlprep")


def setup_logging(log_dir: Path) -> Path | None:
    """Log to ``log_dir/mlprep.log`` (rotating); to standard error only when that folder
    cannot be written (the app still starts, and says why if the database cannot be used)."""
    path = log_dir / "mlprep.log"
    if log_file() == path:
        return path  # already logging there (a second start in one process: tests)
    for old in [h for h in log.handlers if isinstance(h, RotatingFileHandler)]:
        log.removeHandler(old)  # one log file per process
        old.close()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError as exc:
        logging.basicConfig(level=logging.INFO)
        log.warning("cannot write the log file %s (%s); logging to standard error", path, exc)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def log_file() -> Path | None:
    """The file the app logs to (set up by ``setup_logging``), or None (standard error)."""
    for handler in log.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def install_excepthook(log_path: Path | None) -> None:
    """Replace ``sys.excepthook``: log the traceback, then tell the user (GUI thread only)."""

    def hook(kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("uncaught exception\n%s", text)
        sys.__stderr__.write(text)
        if QApplication.instance() is not None:
            box = QMessageBox(QMessageBox.Icon.Critical, "MLPrep Desktop",
                              f"Something went wrong: {value}\n\nYour saved work is safe. "
                              + (f"Details were written to {log_path}." if log_path else ""))
            box.setDetailedText(text)
            box.exec()

    sys.excepthook = hook
