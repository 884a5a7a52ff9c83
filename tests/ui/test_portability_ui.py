"""File › Import / Export and Questions › New / Edit question, as a user drives them."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QTextBrowser

from mlprep_desktop.services.app_context import AppContext
from tests.services.portable_helpers import fill


def action(window, name):
    from PySide6.QtGui import QAction

    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def previewed(qtbot, window, path):
    """Start File › Import of ``path`` (past the file dialog) and wait for its preview dialog."""
    assert window.portability.preview_import(path)

    def shown():
        dialog = window.portability.dialog
        return dialog is not None and dialog.objectName() == "importPreviewDialog" and dialog.isVisible()

    qtbot.waitUntil(shown, timeout=60_000)
    return window.portability.dialog


def editor(window):
    dialog = window.portability.dialog
    assert dialog is not None and dialog.objectName() == "questionEditor" and dialog.isVisible()
    return dialog


def test_menus_hold_the_actions_with_shortcuts(open_window):
    window = open_window()
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    file_names = [a.objectName() for a in menus["File"].actions()]
    assert "importAction" in file_names and "exportAction" in file_names
    assert [a.objectName() for a in menus["Questions"].actions()] == ["newQuestionAction", "editQuestionAction"]
    from PySide6.QtGui import QAction, QShortcut

    others = [a.shortcut().toString() for a in window.findChildren(QAction)
              if a.objectName() not in ("importAction", "exportAction", "newQuestionAction", "editQuestionAction")]
    others += [s.key().toString() for s in window.findChildren(QShortcut)]
    for name in ("importAction", "exportAction", "newQuestionAction", "editQuestionAction"):
        key = action(window, name).shortcut().toString()
        assert key and key not in others, (name, key)  # an ambiguous shortcut fires nothing


def test_write_a_question_then_edit_it_and_find_it_after_a_restart(qtbot, open_window):
    window = open_window()
    action(window, "newQuestionAction").trigger()
    dialog = editor(window)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "questionTitle"), "Why does the wombat $\\lambda$ shrink weights?")
    dialog.topic.setCurrentIndex(dialog.topic.findData("optimization"))
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "questionAnswer"), "Because $$\\lambda \\|w\\|^2$$ penalises.")
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "questionKeyPoints"), "penalty")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    view = window.findChild(QTextBrowser, "questionView")
    assert window.tabs.currentWidget() is window.browser
    assert "wombat" in view.toPlainText()
    assert window.browser.current_question.id == "my-why-does-the-wombat-lambda-shrink-weights"
    # edit it from the Questions menu
    window.portability.update_enabled()
    assert action(window, "editQuestionAction").isEnabled()
    action(window, "editQuestionAction").trigger()
    dialog = editor(window)
    assert dialog.findChild(QPlainTextEdit, "questionKeyPoints").toPlainText() == "penalty"
    title = dialog.findChild(QLineEdit, "questionTitle")
    title.clear()
    qtbot.keyClicks(title, "Why does the numbat shrink weights?")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "numbat" in view.toPlainText())
    db_path = window.context.database.path
    window.close()
    ctx = AppContext.open(db_path)
    try:
        q = ctx.questions.get("my-why-does-the-wombat-lambda-shrink-weights")
        assert q.title == "Why does the numbat shrink weights?" and q.source == "user" and q.topic == "optimization"
    finally:
        ctx.close()


def test_a_refused_question_keeps_the_dialog_and_what_was_typed(qtbot, open_window):
    window = open_window()
    action(window, "newQuestionAction").trigger()
    dialog = editor(window)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "questionTitle"), "No answer yet?")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    problem = dialog.findChild(object, "questionEditorProblem")
    qtbot.waitUntil(problem.isVisible)
    assert "the answer is empty" in problem.text()
    assert dialog.isVisible() and dialog.findChild(QLineEdit, "questionTitle").text() == "No answer yet?"
    dialog.reject()


def test_bank_questions_cannot_be_edited(open_window):
    window = open_window()
    assert window.browser.current_question.source == "bank"
    window.portability.update_enabled()
    assert not action(window, "editQuestionAction").isEnabled()


def test_export_json_then_preview_and_import_into_another_window(qtbot, open_window, tmp_path, db_path):
    window = open_window()
    fill(window.context, ids=tuple(sorted(window.context.questions.titles()))[:3])
    action(window, "exportAction").trigger()
    dialog = window.portability.dialog
    assert dialog.objectName() == "exportDialog"
    fmt = dialog.findChild(QComboBox, "exportFormat")
    fmt.setCurrentIndex(fmt.findData("json"))
    path = dialog.findChild(QLineEdit, "exportPath")
    path.setText(str(tmp_path / "all.json"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "all.json").exists())
    assert "Exported to" in window.statusBar().currentMessage()
    assert json.loads((tmp_path / "all.json").read_text())["sections"]["notes"]
    window.close()

    other = AppContext.open(tmp_path / "other.sqlite")
    other.close()
    from mlprep_desktop.app import create_main_window

    second = create_main_window(tmp_path / "other.sqlite")
    qtbot.addWidget(second)
    second.show()
    preview = previewed(qtbot, second, tmp_path / "all.json")
    text = preview.findChild(QPlainTextEdit, "importPreview").toPlainText()
    assert "notes: 2 to add, 0 to update" in text
    assert second.context.notes.list() == []  # nothing written yet
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "notes: 2 added" in second.statusBar().currentMessage(), timeout=60_000)
    assert len(second.context.notes.list()) == 1
    # the notebook tab's list shows the imported note (it refreshed on the change)
    from PySide6.QtWidgets import QListView

    second.show_tab(second.notebook)
    notes = second.findChild(QListView, "noteList").model()
    qtbot.waitUntil(lambda: any("Note a" in str(notes.index(r, 0).data()) for r in range(notes.rowCount())))
    second.close()


def test_a_bad_import_file_is_named_in_the_error_and_no_dialog_opens(qtbot, open_window, tmp_path):
    window = open_window()
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "mlprep-export", "version": 99, "sections": {}}')
    window.portability.preview_import(bad)  # read and checked in the background
    qtbot.waitUntil(lambda: (box := window.findChild(QMessageBox, "errorMessage")) is not None and box.isVisible(),
                    timeout=30_000)
    box = window.findChild(QMessageBox, "errorMessage")
    assert str(bad) in box.text() and "newer MLPrep Desktop" in box.text()
    assert window.portability.dialog is None and not window.portability.importing


def test_anki_export_of_the_questions_shown(qtbot, open_window, tmp_path):
    window = open_window()
    everything = len(window.browser.shown_question_ids())
    window.browser.search_box.setText("gradient")
    window.browser.refresh()
    shown = window.browser.shown_question_ids()
    assert 0 < len(shown) < everything  # a filtered subset, whatever the bank's size
    dialog = window.portability.export()
    dialog.format.setCurrentIndex(dialog.format.findData("anki"))
    dialog.shown_questions.setChecked(True)
    dialog.path.setText(str(tmp_path / "deck.apkg"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    done = f"Exported {len(shown)} questions as an Anki deck"
    qtbot.waitUntil(lambda: done in window.statusBar().currentMessage(), timeout=60_000)
    assert (tmp_path / "deck.apkg").exists()


def test_an_anki_deck_of_every_question_is_written_while_the_window_keeps_responding(qtbot, open_window,
                                                                                       tmp_path):
    from PySide6.QtCore import QTimer

    window = open_window()
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(window.portability.exporting))
    dialog = window.portability.export()
    dialog.format.setCurrentIndex(dialog.format.findData("anki"))
    dialog.path.setText(str(tmp_path / "all.apkg"))
    timer.start(0)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.portability.exporting and "Exporting" in window.statusBar().currentMessage()
    assert not (tmp_path / "all.apkg").exists()
    # A second export while this one is written is refused with a word why, not queued silently.
    again = window.portability.export()
    again.format.setCurrentIndex(again.format.findData("anki"))
    again.path.setText(str(tmp_path / "again.apkg"))
    qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
    box = window.findChild(QMessageBox, "errorMessage")
    qtbot.waitUntil(box.isVisible)
    assert "still being written" in box.text()
    box.close()
    qtbot.waitUntil(lambda: "as an Anki deck" in window.statusBar().currentMessage(), timeout=120_000)
    timer.stop()
    assert (tmp_path / "all.apkg").stat().st_size > 10_000 and not (tmp_path / "again.apkg").exists()
    assert ticks.count(True) >= 3  # the event loop ran while the deck was being written


def test_an_anki_export_that_fails_in_the_background_says_why(qtbot, open_window, tmp_path, monkeypatch):
    from mlprep_desktop.services import anki_export

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(anki_export, "write_anki", full_disk)
    window = open_window()
    dialog = window.portability.export()
    dialog.format.setCurrentIndex(dialog.format.findData("anki"))
    dialog.path.setText(str(tmp_path / "deck.apkg"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    def shown():
        box = window.findChild(QMessageBox, "errorMessage")
        return box is not None and box.isVisible()

    qtbot.waitUntil(shown, timeout=30_000)
    box = window.findChild(QMessageBox, "errorMessage")
    assert "Could not export to" in box.text() and "No space left" in box.text()
    assert not window.portability.exporting and not (tmp_path / "deck.apkg").exists()
