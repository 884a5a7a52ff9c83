"""Notes and questions: [[id]] links, completion after [[, the browser's Notes button, the
"· Note" mark, backlinks, board pictures and the daily study log."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPushButton, QTextBrowser

from mlprep_desktop.services.changes import Change, ChangeKind
from mlprep_desktop.ui.browser.question_table_model import ID_ROLE
from tests.ui.notebook_helpers import click_link, db_rows, list_titles, open_notebook

QID = "bias-variance-tradeoff"


def status_of(window, question_id: str) -> str:
    model = window.browser.model
    row = model.row_of(question_id)
    assert model.index(row, 0).data(ID_ROLE) == question_id
    return model.index(row, 4).data()


def test_a_question_link_in_a_note_opens_that_question_in_the_browser(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    tab.new_note()
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, f"Revise [[{QID}]] tonight.")
    preview = window.findChild(QTextBrowser, "notePreview")
    title = window.context.questions.get(QID).title
    qtbot.waitUntil(lambda: title in preview.toPlainText())
    click_link(qtbot, preview, f"question:{QID}")
    assert window.tabs.currentWidget() is window.browser
    assert window.browser.current_question.id == QID


def test_typing_double_brackets_offers_question_titles(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    tab.new_note()
    editor = tab.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "See [[overfit")
    completer = editor.completer
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    model = completer.completionModel()
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    title = window.context.questions.get("what-is-overfitting").title
    assert f"{' '.join(title.split())} — what-is-overfitting" in shown
    assert all("overfit" in s.lower() for s in shown)
    row = next(r for r, s in enumerate(shown) if s.endswith("— what-is-overfitting"))
    popup.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(popup, "\r")  # Enter in the popup picks it
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert editor.toPlainText() == "See [[what-is-overfitting]]"
    qtbot.keyClicks(editor, " done")
    assert editor.toPlainText() == "See [[what-is-overfitting]] done" and not popup.isVisible()


def test_notes_button_opens_the_questions_note_and_the_browser_marks_and_links_it(qtbot, open_window, db_path):
    window, tab = open_notebook(qtbot, open_window)
    window.show_tab(window.browser)
    window.browser.select_question(QID)
    notes_button = window.findChild(QPushButton, "notesButton")
    assert notes_button.isVisible() and "Note" not in status_of(window, QID)
    qtbot.mouseClick(notes_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is tab
    note = tab.current_note
    assert note.question_id == QID and note.title.startswith("Notes: ")
    assert tab.editor.hasFocus()
    qtbot.keyClicks(tab.editor, "Trade-off between underfitting and overfitting.")
    window.show_tab(window.browser)  # flushes the note: the first edit stored it (issue 18)
    note = tab.current_note
    assert note.id and "· Note" in status_of(window, QID)

    other = window.context.notes.create("Exam prep", f"Link to [[{QID}]]")
    # as the notebook reports its writes
    window.operations.publish(Change.of(ChangeKind.NOTES, ChangeKind.NOTE_LINKS, note_ids=[other.id]),
                              window.notebook)
    view = window.findChild(QTextBrowser, "questionView")
    qtbot.waitUntil(lambda: "Notes that link here" in view.toPlainText())
    assert "Exam prep" in view.toPlainText() and note.title in view.toPlainText()
    click_link(qtbot, view, f"note:{other.id}")
    assert window.tabs.currentWidget() is tab and tab.current_note.id == other.id

    window.show_tab(window.browser)
    qtbot.mouseClick(notes_button, Qt.MouseButton.LeftButton)
    assert tab.current_note.id == note.id  # opened again, not a second note
    assert db_rows(db_path, "SELECT COUNT(*) FROM notes WHERE question_id = ?", (QID,)) == [(1,)]
    body = db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (note.id,))[0][0]
    assert f"[[{QID}]]" in body and "Trade-off between underfitting and overfitting." in body


def test_a_board_picture_shows_in_the_preview_and_a_missing_board_says_so(qtbot, open_window):
    from mlprep_desktop.core.board_model import Connector, scene_to_json

    window, tab = open_notebook(qtbot, open_window)
    window.context.boards.create("Margin sketch", scene_json=scene_to_json([Connector("a", 0, 0, 200, 80)]))
    tab.new_note()
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, "![[board:Margin sketch]] and ![[board:No such board]]")
    preview = tab.preview
    qtbot.waitUntil(lambda: "[board No such board not found]" in preview.toPlainText())
    assert 'src="board:Margin%20sketch"' in preview.shown.html
    image = preview.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("board:Margin%20sketch"))
    assert image is not None and image.width() > 100 and image.height() > 40
    assert preview.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("board:No such board")) is None


def test_daily_study_log_template_lists_todays_questions(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    browser = window.browser
    browser.select_question(QID)
    browser.toggle_answer()
    browser.rate(1)  # Again: to revisit
    browser.select_question("what-is-overfitting")
    browser.toggle_answer()
    browser.rate(4)
    action = tab.pane.new_log_action
    assert action.shortcut().toString() == "Ctrl+Shift+N"
    action.trigger()
    today = date.today().isoformat()
    note = tab.current_note
    assert note.title == f"Study log {today}" and note.tags == ("study-log",)
    text = tab.editor.toPlainText()
    for part in (f"**Date:** {today}", "## Questions done", "## What I learned", "## What to revisit"):
        assert part in text
    done = text.split("## Questions done")[1].split("## What I learned")[0]
    revisit = text.split("## What to revisit")[1]
    assert f"[[{QID}]] — rated Again" in done and "[[what-is-overfitting]] — rated Easy" in done
    assert QID in revisit and "what-is-overfitting" not in revisit
    assert tab.editor.textCursor().block().text() == "- "  # ready to type what was learned
    action.trigger()  # today's log again: the same note, not a copy
    assert list_titles(tab) == [f"Study log {today}"]


def test_my_project_template_links_the_behavioural_questions_and_they_open(qtbot, open_window, db_path):
    from mlprep_desktop.core.project_template import linked_ids

    window, tab = open_notebook(qtbot, open_window)
    action = tab.pane.new_project_action
    assert action in tab.pane.new_button.menu().actions() and action.objectName() == "noteNewProject"
    action.trigger()
    note = tab.current_note
    assert note.title == "My project" and note.tags == ("my-project",)
    assert tab.header.title.hasFocus() and tab.header.title.selectedText() == "My project"
    qtbot.keyClicks(tab.header.title, "My project: churn")
    text = tab.editor.toPlainText()
    for heading in ("## Problem", "## Data", "## Model", "## Metrics", "## Trade-offs", "## Failures", "## Impact"):
        assert heading in text
    # Every link resolves: the preview shows the question's title, never "not found".
    tab.set_view_mode("split")
    preview = window.findChild(QTextBrowser, "notePreview")
    first = linked_ids()[0]
    title = window.context.questions.get(first).title
    qtbot.waitUntil(lambda: title in preview.toPlainText())
    assert "no question with this id" not in preview.toPlainText()
    for qid in linked_ids():
        assert window.context.questions.get(qid).title in preview.toPlainText()
    # After a restart the note is there with its new title, and a link opens the question.
    window.close()
    window = open_window()
    window.show_tab(window.notebook)
    tab = window.notebook
    assert "My project: churn" in list_titles(tab)
    window.close()
    rows = db_rows(db_path, "SELECT title FROM notes WHERE title LIKE 'My project%'")
    assert [r[0] for r in rows] == ["My project: churn"]


def test_the_double_bracket_list_of_ten_thousand_questions_shows_the_first_hundred_that_match(qtbot, open_window):
    """Issue 17: Qt filtering and laying out 10,000 titles stalled each key for ~0.5 s; the list
    shows at most LINK_CHOICES, alphabetically, and narrows as the user types."""
    from mlprep_desktop.ui.notebook.note_editor import LINK_CHOICES

    window, tab = open_notebook(qtbot, open_window)
    tab.new_note()
    editor = tab.editor
    editor.set_question_titles({f"q{i:05d}": f"Question number {i}" for i in range(10_000)})
    editor.setFocus()
    qtbot.keyClicks(editor, "[[")
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    model = editor.completer.completionModel()
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert len(shown) == LINK_CHOICES and shown == sorted(shown, key=str.casefold)
    assert popup.textElideMode() == Qt.TextElideMode.ElideMiddle  # a long title keeps its id in view
    qtbot.keyClicks(editor, "NUMBER 123")
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Question number 1234 — q01234" in shown and len(shown) == 11  # 123 and 1230-1239
    assert all("number 123" in s for s in shown)
    row = shown.index("Question number 1234 — q01234")
    popup.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(popup, "\r")
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert editor.toPlainText() == "[[q01234]]"


def test_a_renamed_question_shows_its_new_title_in_the_preview_and_the_link_list(qtbot, open_window):
    """The titles are read from the file when needed (issue 16): an edit shows at once."""
    from dataclasses import replace

    from mlprep_desktop.core.models import Question
    from mlprep_desktop.services.own_questions import add_question, edit_question

    window, tab = open_notebook(qtbot, open_window)
    db = window.context.database
    draft = Question(id="", type="theory", topic="fundamentals", difficulty="beginner", minutes=5,
                     title="Zanzibar sampling", prompt="Why sample?", answer="Because.",
                     key_points=("a point",), pitfalls=(), follow_ups=())
    added = window.operations.run(lambda: add_question(db, draft))
    assert added is not None
    qid = added.value.id
    tab.new_note()
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, f"See [[{qid}]] ")
    preview = window.findChild(QTextBrowser, "notePreview")
    qtbot.waitUntil(lambda: "Zanzibar sampling" in preview.toPlainText())

    assert window.operations.run(lambda: edit_question(db, replace(added.value, title="Quokka sampling")))
    qtbot.waitUntil(lambda: "Quokka sampling" in preview.toPlainText())
    assert "Zanzibar" not in preview.toPlainText()
    qtbot.keyClicks(tab.editor, "[[quokka")
    popup = tab.editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    model = tab.editor.completer.completionModel()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [f"Quokka sampling — {qid}"]
