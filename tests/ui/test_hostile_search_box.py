"""A pasted megabyte in a search box (#17): the box keeps its first MAX_SEARCH_CHARS (Qt's line
edit laid out all of two 1 MB strings, ~1-2 s), the search answers from those, nothing raises."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit

from mlprep_desktop.core.search_query import MAX_SEARCH_CHARS
from tests.ui.notebook_helpers import open_notebook
from tests.ui.stall_meter import StallMeter

TWO_MB_STRINGS = "a" * 1_000_000 + " " + "alpha" * 200_000


def test_two_pasted_1_mb_strings_are_cut_in_the_question_search(qtbot, open_window):
    window = open_window()
    window.show_tab(window.browser)
    box = window.findChild(QLineEdit, "searchBox")
    QApplication.clipboard().setText(TWO_MB_STRINGS)
    box.setFocus()
    with StallMeter() as meter:
        box.paste()
        qtbot.waitUntil(lambda: window.browser.model.rowCount() == 0)
    assert len(box.text()) == MAX_SEARCH_CHARS and box.text() == TWO_MB_STRINGS[:MAX_SEARCH_CHARS]
    assert meter.longest < 5.0, f"stalled {meter.longest:.1f} s"
    box.setText("overfitting")  # the box still searches
    qtbot.waitUntil(lambda: window.browser.model.rowCount() > 0)


def test_two_pasted_1_mb_strings_are_cut_in_the_notes_search(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    tab.pane.search.setText(TWO_MB_STRINGS)
    assert len(tab.pane.search.text()) == MAX_SEARCH_CHARS


def test_a_pasted_megabyte_title_shows_what_is_kept(qtbot, open_window, db_path):
    """The note title took Qt's default 32,767 characters while 300 were saved: what was on
    screen was not what a restart showed. The field now takes what is kept."""
    from mlprep_desktop.core.note_models import MAX_TITLE_CHARS
    from tests.ui.notebook_helpers import db_rows

    window, tab = open_notebook(qtbot, open_window)
    note = tab.new_note()
    title = window.findChild(QLineEdit, "noteTitle")
    QApplication.clipboard().setText("Backprop " + "a" * 1_000_000)
    title.selectAll()
    title.setFocus()
    with StallMeter() as meter:
        title.paste()
        assert tab.flush_pending()
    assert meter.longest < 5.0, f"stalled {meter.longest:.1f} s"
    assert title.text() == ("Backprop " + "a" * MAX_TITLE_CHARS)[:MAX_TITLE_CHARS]
    assert db_rows(db_path, "SELECT title FROM notes WHERE id = ?", (note.id,))[0][0] == title.text()
