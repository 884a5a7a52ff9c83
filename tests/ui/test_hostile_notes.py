"""Text a user can paste never freezes the notebook: highlighting is bounded per line, and a
note with thousands of formulas is previewed at once with its math drawn a slice at a time.
Bounds are generous (they catch the old freezes of seconds to minutes, not milliseconds)."""
from __future__ import annotations

import pytest

from mlprep_desktop.rendering.math_svg import MAX_FORMULA_CHARS
from mlprep_desktop.rendering.note_html import LARGE_NOTE_CHARS
from tests.ui.notebook_helpers import db_rows, open_notebook
from tests.ui.stall_meter import StallMeter


def test_a_pasted_350_kb_line_of_emphasis_markers_highlights_and_types_without_freezing(qtbot, open_window,
                                                                                      db_path):
    window, tab = open_notebook(qtbot, open_window)
    line = ("*a **a " * 50_000)[:350_000]
    note = window.context.notes.create("Pasted", line)
    tab.refresh()
    with StallMeter() as meter:
        tab.open_note(note.id)
        editor = tab.editor
        editor.highlighter.rehighlight()  # the whole line, as a paste would
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        editor.setFocus()
        qtbot.keyClicks(editor, "xyz")  # each key re-highlights that one long line
    assert meter.longest < 5.0, f"stalled {meter.longest:.1f} s (it used to take minutes)"
    tab.flush_pending()
    assert db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (note.id,))[0][0].endswith("xyz")


def test_bold_is_still_highlighted_at_the_start_of_a_long_line(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    note = window.context.notes.create("Bold", "**bold** " + "plain " * 2_000)
    tab.refresh()
    tab.open_note(note.id)
    editor = tab.editor
    editor.highlighter.rehighlight()
    formats = editor.document().firstBlock().layout().formats()
    assert any(f.start == 0 and f.format.fontWeight() >= 700 for f in formats)


def test_thousands_of_formulas_are_previewed_at_once_and_drawn_without_blocking(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    count = 2_500
    text = "\n\n".join(f"Step {i}: $z_{{{i}}} = \\alpha_{{{i}}} x + {i}$." for i in range(count))
    assert len(text) < LARGE_NOTE_CHARS  # previewed whole
    note = window.context.notes.create("Many formulas", text)
    tab.refresh()
    tab.set_view_mode("split")
    with StallMeter() as meter:
        tab.open_note(note.id)
        preview = tab.preview
        assert preview.shown is not None and "Step 0" in preview.toPlainText()
        qtbot.waitUntil(lambda: preview.shown is not None and not preview.shown.pending_math
                        and len(preview.shown.images) == count, timeout=120_000)
    assert meter.longest < 2.0, f"stalled {meter.longest:.1f} s while drawing {count} formulas"


def _matrix(n: int) -> str:
    return r"\begin{bmatrix}" + r"\\".join("&".join("1" for _ in range(n)) for _ in range(n)) + r"\end{bmatrix}"


@pytest.mark.parametrize("formula", [
    "x+" * 50_000,  # a 100 KB formula
    _matrix(300),  # a 300 x 300 matrix
    "[" * 150_000,  # 150 KB of nested brackets
    _matrix(12),  # short enough to draw... but over the limit: shown as written
], ids=["100kb", "matrix300", "brackets150kb", "matrix12"])
def test_an_oversized_formula_is_shown_as_written_with_a_note(qtbot, open_window, formula):
    window, tab = open_notebook(qtbot, open_window)
    assert len(formula) > MAX_FORMULA_CHARS
    note = window.context.notes.create("Huge", f"Before\n\n$${formula}$$\n\nAfter")
    tab.refresh()
    tab.set_view_mode("split")
    with StallMeter() as meter:
        tab.open_note(note.id)
        qtbot.waitUntil(lambda: tab.preview.shown is not None and "Before" in tab.preview.toPlainText(), timeout=60_000)
    assert meter.longest < 5.0, f"stalled {meter.longest:.1f} s"
    shown = tab.preview.shown
    assert not shown.images and not shown.pending_math
    assert "not drawn" in shown.html or "too long to format" in shown.html  # says why
