"""The composition root: builds the QApplication, the database context and the main window."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

import mlprep_desktop.ui  # noqa: F401 (first: it lightens PySide6's check of every later import)

# isort: split
from mlprep_desktop import APP_NAME, __version__
from mlprep_desktop.core.clock import monotonic
from mlprep_desktop.core.paths import resources_dir
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.errors import CorruptDatabaseError, DatabaseError, EmptyDatabaseFileError
from mlprep_desktop.ui.main_window import MainWindow

ORGANIZATION = "MLPrep"
APP_ID = "mlprep-desktop"
# The launcher entry is packaging/linux/<DESKTOP_ID>.desktop; Wayland matches windows to it.
DESKTOP_ID = "io.github.mlprep.MLPrepDesktop"
DB_ENV = "MLPREP_DB"
BACKGROUND_WORK_DELAY_MS = 1000  # after the window is shown: backups and the later integrity check


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (created on first call), named so data paths are stable."""
    app = QApplication.instance()
    if app is None:
        QApplication.setOrganizationName(ORGANIZATION)
        QApplication.setApplicationName(APP_ID)
        QApplication.setApplicationDisplayName(APP_NAME)
        QApplication.setApplicationVersion(__version__)
        QApplication.setDesktopFileName(DESKTOP_ID)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    icon = resources_dir() / "icons" / "mlprep.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def data_dir() -> Path:
    """The user's data folder (QStandardPaths.AppDataLocation)."""
    ensure_application()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".local" / "share" / APP_ID


def log_dir() -> Path:
    """Where the app's log goes: ``logs`` in the platform's app-local data folder
    (QStandardPaths.AppLocalDataLocation: ~/.local/share/MLPrep/mlprep-desktop/logs on Linux,
    %LOCALAPPDATA%\\MLPrep\\mlprep-desktop\\logs on Windows), wherever ``--db`` points: a
    database named on the command line never gets a ``logs`` folder beside it."""
    ensure_application()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return (Path(location) if location else Path.home() / ".local" / "share" / APP_ID) / "logs"


def default_db_path() -> Path:
    """``MLPREP_DB`` if set, otherwise ``questions.sqlite`` in the data folder."""
    env = os.environ.get(DB_ENV)
    return Path(env).expanduser() if env else data_dir() / "questions.sqlite"


def create_main_window(db_path: Path | str, *, clock: Callable[[], float] = monotonic,
                       study_clock=None) -> MainWindow:
    """Open the database at ``db_path`` (created from the bundle if missing) and return the
    ready main window, not shown and without entering the event loop. ``clock`` is the
    monotonic clock everything that measures time reads (tests pass a fake one);
    ``study_clock`` the wall clock of studying (days, due dates; default: the system's).

    Raises ``DatabaseError`` (with a message for the user) when the file cannot be used.
    """
    ensure_application()
    context = AppContext.open(Path(db_path), clock=clock, study_clock=study_clock)
    window = MainWindow(context, window_factory=lambda path: create_main_window(
        path, clock=clock, study_clock=study_clock))
    window.destroyed.connect(lambda *_: context.close())
    return window


def database_lock(path: Path) -> QLockFile | None:
    """Hold ``<db>.lock`` while the app runs; None if another running app holds it.
    A lock left by a crashed app is stale (its process is gone) and is taken over.
    Call ``folder_problem`` first: a lock file that cannot be written also gives None."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
    return lock if lock.tryLock(200) else None


def start_problem(path: Path) -> str | None:
    """What stops the app from using ``path`` before it is even opened: a folder that is
    read-only, on a read-only mount or a full disk (the lock file would fail too, and must not
    be reported as "already open")."""
    from mlprep_desktop.services.start_checks import folder_problem

    return folder_problem(path.parent)


def _ask_start_afresh(path: Path, message: str) -> bool:
    """An empty (0-byte) file was named: ask before replacing it with a new database."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME,
                      message + "\n\nStart a new, empty MLPrep database in this file instead?")
    box.setObjectName("emptyFileQuestion")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def run(db_path: Path | None = None) -> int:
    """Start the app and its event loop. Returns the exit code."""
    from mlprep_desktop.ui.error_reporting import install_excepthook, setup_logging

    app = ensure_application(sys.argv[:1])
    path = db_path or default_db_path()
    log_path = setup_logging(log_dir())
    install_excepthook(log_path)
    problem = start_problem(path)
    if problem is not None:
        print(f"mlprep: {problem}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, problem)
        return 2
    lock = database_lock(path)
    if lock is None:
        text = (f"MLPrep Desktop is already open on {path}. Two windows on one file would "
                "overwrite each other's edits, so this one will not start. Switch to the open window, "
                "or start with another file (--db PATH).")
        print(f"mlprep: {text}", file=sys.stderr)
        QMessageBox.information(None, APP_NAME, text)
        return 3
    notice = ""
    try:
        window = create_main_window(path)
    except EmptyDatabaseFileError as exc:
        if not _ask_start_afresh(path, str(exc)):
            return 2
        path.unlink()  # empty: nothing is lost; the bundle is copied in its place
        window = _open_or_report(path)
        if window is None:
            return 2
    except CorruptDatabaseError as exc:
        from mlprep_desktop.ui.backup.damaged_start import offer_newest_backup

        restored, notice = offer_newest_backup(path, str(exc))  # never writes to the damaged file
        if not restored:
            print(f"mlprep: {notice}", file=sys.stderr)
            QMessageBox.critical(None, APP_NAME, notice)
            return 2
        window = _open_or_report(path)
        if window is None:
            return 2
    except DatabaseError as exc:
        print(f"mlprep: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    current = {"window": window}  # File › Restore backup… replaces the window

    def on_window_replaced(new: MainWindow) -> None:
        current["window"] = new
        new.data_safety.window_replaced.connect(on_window_replaced)

    window.data_safety.window_replaced.connect(on_window_replaced)
    app.aboutToQuit.connect(lambda: _on_quit(current["window"]))
    window.show()
    if notice:
        window.statusBar().showMessage(notice, 30000)
    # What the start leaves for later begins once the window is on screen, so its threads do not
    # compete with the first frame (issue 16): a backup if the newest is 30 min old (then every
    # 30 min, and one on close), and the integrity check of a file unchanged since the last clean close.
    window.data_safety.scheduler.start(first_after_ms=BACKGROUND_WORK_DELAY_MS)
    QTimer.singleShot(BACKGROUND_WORK_DELAY_MS, window, window.data_safety.check_later)
    return app.exec()


def _on_quit(window: MainWindow) -> None:
    """Quitting without closing the window (session end, a signal): write what is pending,
    then the closing backup (done once, whichever comes first)."""
    window.flush_all()
    window.data_safety.on_close()


def _open_or_report(path: Path) -> MainWindow | None:
    try:
        return create_main_window(path)
    except DatabaseError as exc:
        print(f"mlprep: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return None
