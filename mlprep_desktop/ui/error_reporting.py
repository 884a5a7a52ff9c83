"""Uncaught exceptions: logged to a rotating file in the app's log folder (``app.log_dir``) and
shown in a dialog. ``log_file()`` says where that file is (Help › About shows it)."""
from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("mlprep")
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3


class RotatingLog(logging.FileHandler):
    """A log file of at most ``max_bytes``: when a record would pass that, the file becomes
    ``<name>.1`` (older ones move up to ``<name>.<backups>``, the oldest is dropped) and a new
    one starts. What ``logging.handlers.RotatingFileHandler`` does, without importing
    ``logging.handlers`` at start: with its socket, pickle and queue modules that cost 2.3 MB
    resident and ~15 ms (issue 16)."""

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() and \
                    self.stream.tell() + len(self.format(record)) + 1 >= self.max_bytes:
                self._rotate()
        except Exception:  # as logging does: a logging failure never reaches the app
            self.handleError(record)
            return
        super().emit(record)

    def _rotate(self) -> None:
        self.stream.close()
        self.stream = None  # type: ignore[assignment]  # FileHandler opens it again on emit
        for n in range(self.backups - 1, 0, -1):
            older = f"{self.baseFilename}.{n}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{n + 1}")
        if os.path.exists(self.baseFilename):
            os.replace(self.baseFilename, self.baseFilename + ".1")


def setup_logging(log_dir: Path) -> Path | None:
    """Log to ``log_dir/mlprep.log`` (rotating); to standard error only when that folder
    cannot be written (the app still starts, and says why if the database cannot be used)."""
    path = log_dir / "mlprep.log"
    if log_file() == path:
        return path  # already logging there (a second start in one process: tests)
    for old in [h for h in log.handlers if isinstance(h, RotatingLog)]:
        log.removeHandler(old)  # one log file per process
        old.close()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingLog(path)
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
        if isinstance(handler, RotatingLog):
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
