"""File › Restore backup…, automatic backups while the app runs, and a damaged file at start."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QPushButton, QTableView

from mlprep_desktop.app import create_main_window
from mlprep_desktop.services.backups import BackupService
from mlprep_desktop.storage.database import CorruptDatabaseError, open_database
from mlprep_desktop.ui.backup.backup_scheduler import BackupScheduler
from mlprep_desktop.ui.backup.damaged_start import offer_newest_backup


def note_titles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT title FROM notes WHERE deleted_at IS NULL"))
    finally:
        conn.close()


def menu_action(window, menu_title: str, name: str) -> QAction:
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    action = window.findChild(QAction, name)
    assert action is not None and action in menus[menu_title].actions(), name
    return action


def window_to_replace(qtbot, db_path):
    """A shown window not registered with qtbot: a restore deletes it, so qtbot must not close it."""
    window = create_main_window(db_path)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_restore_from_the_dialog_rebuilds_the_window_on_the_backup(qtbot, db_path):
    window = window_to_replace(qtbot, db_path)
    window.context.notes.create("Before the backup", "kept")
    backup = window.data_safety.service.create()
    window.context.notes.create("After the backup", "only in the pre-restore copy")
    action = menu_action(window, "File", "restoreBackupAction")
    assert action.isEnabled() and action.toolTip()
    action.trigger()
    dialog = window.findChild(QDialog, "restoreBackupDialog")
    qtbot.waitExposed(dialog)
    assert dialog.accessibleName()
    table = dialog.findChild(QTableView, "backupTable")
    model = table.model()
    assert model.rowCount() == 1
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == ["Date", "Size", "Answered", "Notes", "Boards", "Reviews"]
    assert model.index(0, 3).data() == "1" and model.index(0, 1).data()  # one note, a size
    gone: list[bool] = []
    window.destroyed.connect(lambda *_: gone.append(True))
    with qtbot.waitSignal(window.data_safety.window_replaced) as replaced:
        qtbot.mouseClick(dialog.findChild(QPushButton, "restoreBackupButton"), Qt.MouseButton.LeftButton)
    new = replaced.args[0]
    qtbot.addWidget(new)
    assert new is not window and new.isVisible()
    qtbot.waitUntil(lambda: bool(gone))  # the old window (and its closed database) is gone
    assert [n.title for n in new.context.notes.list()] == ["Before the backup"]
    new.show_tab(new.notebook)
    assert new.notebook.pane.list.model().rowCount() == 1  # what the user sees
    assert note_titles(db_path) == ["Before the backup"]
    copies = [b for b in new.data_safety.service.backups() if b.path != backup.path]
    assert len(copies) == 1 and note_titles(copies[0].path) == ["After the backup", "Before the backup"]
    assert "Restored the backup" in new.statusBar().currentMessage()


def test_a_bad_file_is_refused_and_the_window_keeps_working(qtbot, open_window, db_path, tmp_path):
    window = open_window()
    window.context.notes.create("Mine", "")
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database at all " * 100)
    assert window.data_safety.restore_from(bad) is None
    assert str(bad) in window.statusBar().currentMessage()
    window.context.notes.create("Still writable", "")
    assert note_titles(db_path) == ["Mine", "Still writable"]


def test_the_scheduler_backs_up_on_start_when_due_then_not_again_and_on_close(qtbot, db_path, bundle):
    open_database(db_path, bundle).close()
    service = BackupService(db_path)
    scheduler = BackupScheduler(service)
    with qtbot.waitSignal(scheduler.succeeded, timeout=30_000) as done:
        scheduler.start()
    assert done.args[0].path.exists()
    scheduler.wait()
    scheduler.stop()
    again = BackupScheduler(service)
    again.start()  # the newest is seconds old: nothing to do
    assert not again.running
    again.back_up_on_close()
    assert len(service.backups()) == 2


def test_at_app_start_the_due_backup_waits_until_the_window_is_shown(qtbot, db_path, bundle):
    """The app starts its scheduler with a delay (issue 16): the backup's thread does not run
    beside the first frame, and still comes once the delay has passed; closing before then
    still leaves the closing backup."""
    open_database(db_path, bundle).close()
    service = BackupService(db_path)
    scheduler = BackupScheduler(service)
    scheduler.start(first_after_ms=200)
    assert not scheduler.running and service.backups() == []
    with qtbot.waitSignal(scheduler.succeeded, timeout=30_000):
        pass
    scheduler.wait()
    assert len(service.backups()) == 1
    early = BackupScheduler(BackupService(db_path, folder=db_path.parent / "early"))
    early.start(first_after_ms=60_000)
    early.back_up_on_close()
    assert len(early.service.backups()) == 1


def test_a_failing_automatic_backup_is_reported(qtbot, db_path, bundle, tmp_path):
    open_database(db_path, bundle).close()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the backups folder should be")
    scheduler = BackupScheduler(BackupService(db_path, folder=blocked))
    with qtbot.waitSignal(scheduler.failed, timeout=30_000) as failed:
        scheduler.start()
    assert "automatic backup failed" in failed.args[0] and str(blocked) in failed.args[0]


def damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 3] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_file_at_start_offers_the_newest_sound_backup(qtbot, db_path, bundle):
    database = open_database(db_path, bundle)
    from mlprep_desktop.storage.notes import NoteRepository

    NoteRepository(database).create("Saved in the backup", "")
    database.close()
    service = BackupService(db_path)
    service.create()
    damaged = damage(db_path)
    try:
        create_main_window(db_path)
        raise AssertionError("a damaged file must be refused")
    except CorruptDatabaseError as exc:
        problem = str(exc)
    asked: list[str] = []
    assert offer_newest_backup(db_path, problem, ask=lambda text: asked.append(text) or False) == (False, problem)
    assert db_path.read_bytes() == damaged  # declined: not touched
    restored, notice = offer_newest_backup(db_path, problem, ask=lambda text: asked.append(text) or True)
    assert restored and "moved, unchanged, to" in notice
    assert "1 notes" in asked[0] and "Restore it?" in asked[0]
    window = create_main_window(db_path)
    qtbot.addWidget(window)
    assert [n.title for n in window.context.notes.list()] == ["Saved in the backup"]
    moved = [p for p in service.folder.glob("damaged-*.sqlite")]
    assert len(moved) == 1 and moved[0].read_bytes() == damaged


def test_without_a_backup_a_damaged_file_is_only_refused(db_path, bundle):
    open_database(db_path, bundle).close()
    damaged = damage(db_path)
    assert offer_newest_backup(db_path, "refused", ask=lambda text: True) == (False, "refused")
    assert db_path.read_bytes() == damaged


def test_check_database_from_the_tools_menu_reports_and_repairs(qtbot, open_window, db_path):
    from PySide6.QtWidgets import QMessageBox

    window = open_window()
    action = menu_action(window, "Tools", "checkDatabaseAction")
    assert action.toolTip()
    action.trigger()
    box = window.findChild(QMessageBox, "checkDatabaseReport")
    qtbot.waitExposed(box)
    assert box.text().startswith("The database is sound")
    box.accept()
    note = window.context.notes.create("Indexed", "gradient clipping")
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO notes_fts (rowid, title, body) VALUES (?, 'ghost', 'phantom')", (note.id + 100,))
    conn.commit()
    conn.close()
    action.trigger()
    box = window.data_safety.checker.report_box
    qtbot.waitExposed(box)
    assert "Fixed: the search index notes_fts" in box.text()
    assert [n.title for n in window.context.notes.list()] == ["Indexed"]


def test_restoring_during_a_running_interview_leaves_no_stray_writes(qtbot, db_path):
    from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

    window = window_to_replace(qtbot, db_path)
    backup = window.data_safety.service.create()
    window.show_tab(window.interview)
    qtbot.mouseClick(window.findChild(QPushButton, "interviewStart"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.findChild(QPlainTextEdit, "interviewAnswer"), "half an answer")
    errors: list[str] = []
    window.operations.error_occurred.connect(errors.append)
    gone: list[bool] = []
    window.destroyed.connect(lambda *_: gone.append(True))
    new = window.data_safety.restore_from(backup.path)
    qtbot.addWidget(new)
    qtbot.waitUntil(lambda: bool(gone))  # the old window's timers had their chance to fire
    assert errors == []
    box = new.findChild(QMessageBox, "errorMessage")
    assert box is None or not box.isVisible()
    sessions = sqlite3.connect(db_path).execute("SELECT count(*) FROM interview_sessions").fetchone()[0]
    assert sessions == 0  # the backup predates the interview
    copies = [b for b in new.data_safety.service.backups() if b.path != backup.path]
    conn = sqlite3.connect(copies[0].path)
    assert conn.execute("SELECT answer FROM interview_items WHERE answer != ''").fetchall() == [("half an answer",)]
    conn.close()
