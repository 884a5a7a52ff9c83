"""File › Import of a large export runs in the background: the window keeps responding, says it
is busy, refuses a second import meanwhile, and every tab shows what was imported when it is done.
Bounds are generous (they catch a window frozen for the whole import, not milliseconds)."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressBar, QTableView

from mlprep_desktop.services.app_context import AppContext
from tests.services.portable_helpers import write_large_export
from tests.ui.test_portability_ui import previewed

COUNT = 1_500  # own questions and notes, 6,000 reviews: ~4 MB


def error_box(window):
    box = window.findChild(QMessageBox, "errorMessage")
    return box if box is not None and box.isVisible() else None


def table_titles(window) -> list[str]:
    model = window.findChild(QTableView, "questionTable").model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_a_large_import_keeps_the_window_responding_and_every_tab_shows_it(qtbot, open_window, tmp_path, db_path):
    window = open_window()
    export = write_large_export(tmp_path / "large.json", COUNT, sorted(window.context.questions.titles()))
    ticks: list[bool] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(window.portability.importing))
    timer.start(0)
    preview = previewed(qtbot, window, export)  # read and checked on a worker thread too
    text = preview.findChild(object, "importPreview").toPlainText()
    assert f"own questions: {COUNT} to add" in text and f"notes: {COUNT} to add" in text
    assert ticks.count(True) >= 3  # the event loop ran while the file was checked
    ticks.clear()

    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    busy = window.findChild(QProgressBar, "portabilityBusy")
    assert window.portability.importing and busy.isVisible()
    assert "Importing large.json" in window.statusBar().currentMessage()
    # A second import while this one runs is refused with a word why, not queued silently.
    assert not window.portability.preview_import(export)
    qtbot.waitUntil(lambda: error_box(window) is not None)
    assert "still running" in error_box(window).text()
    error_box(window).close()

    qtbot.waitUntil(lambda: f"own questions: {COUNT} added" in window.statusBar().currentMessage(), timeout=180_000)
    timer.stop()
    assert ticks.count(True) >= 3  # the event loop ran while the import was written
    assert not window.portability.importing and not busy.isVisible() and error_box(window) is None

    # Browse refreshed on the change: the imported questions are listed and found.
    window.tabs.setCurrentWidget(window.browser)
    window.browser.search_box.setText("Imported question 1234")
    window.browser.refresh()
    qtbot.waitUntil(lambda: any("Imported question 1234?" in t for t in table_titles(window)))
    # ...and so did the notebook.
    qtbot.waitUntil(lambda: window.notebook.pane.model.rowCount() >= COUNT)
    window.close()

    ctx = AppContext.open(db_path)
    try:
        assert ctx.questions.get("my-imported-question-1499").title == "Imported question 1499?"
        rows = ctx.database.query("SELECT count(*) FROM questions WHERE source = 'user'")
        assert rows[0][0] == COUNT
        assert len(ctx.notes.list()) == COUNT
    finally:
        ctx.close()


def test_a_file_that_changed_after_its_preview_is_refused_whole_and_said_why(qtbot, open_window, tmp_path, db_path):
    window = open_window()
    export = write_large_export(tmp_path / "large.json", 50, sorted(window.context.questions.titles()))
    preview = previewed(qtbot, window, export)
    export.write_text(export.read_text(encoding="utf-8")[:-200], encoding="utf-8")  # cut short meanwhile
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: error_box(window) is not None, timeout=60_000)
    assert str(export) in error_box(window).text()
    assert not window.portability.importing
    assert not window.findChild(QProgressBar, "portabilityBusy").isVisible()
    assert window.context.database.query("SELECT count(*) FROM questions WHERE source = 'user'")[0][0] == 0
    assert window.context.notes.list() == []
