"""Text a user can paste never freezes the notebook: highlighting is bounded per line, and a
note with thousands of formulas is previewed at once with its math drawn a slice at a time.
Bounds are generous (they catch the old freezes of seconds to minutes, not milliseconds)."""
from __future__ import annotations

import pytest

from mlprep_desktop.rendering.math_svg import MAX_FORMULA_CHARS
from mlprep_desktop.rendering.note_html import LARGE_NOTE_CHARS
from tests.ui.notebook_helpers import db_rows, open_notebook
from tests.ui.stall_meter import StallMeter


def stored_note(window, tab, title: str, body: str, *, split: bool = False):
    """A note stored as another program (or an import) would, listed in the notebook; with
    ``split`` the notebook shows editor and preview side by side."""
    note = window.context.notes.create(title, body)
    tab.refresh()
    if split:
        tab.set_view_mode("split")
    return note


def test_a_pasted_350_kb_line_of_emphasis_markers_highlights_and_types_without_freezing(qtbot, open_window,
                                                                                      db_path):
    window, tab = open_notebook(qtbot, open_window)
    line = ("*a **a " * 50_000)[:350_000]
    note = stored_note(window, tab, "Pasted", line)
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


@pytest.mark.parametrize("line, anywhere", [("x+" * 175_000, True), (("*a **a " * 50_000)[:350_000], False)],
                         ids=["formula", "emphasis"])
def test_pasting_a_350_kb_line_into_a_note_does_not_freeze(qtbot, open_window, db_path, line, anywhere):
    """Ctrl+V of one 350 KB line into a short note. A line with no break opportunity (a formula)
    took Qt ~30 s to lay out wrapped at word boundaries; the paste switches to wrapping anywhere
    first, as opening such a note does."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextOption
    from PySide6.QtWidgets import QApplication

    window, tab = open_notebook(qtbot, open_window)
    note = stored_note(window, tab, "Pasted into", "Intro", split=True)
    tab.open_note(note.id)
    editor = tab.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QApplication.clipboard().setText(line)
    assert editor.wordWrapMode() != QTextOption.WrapMode.WrapAnywhere
    with StallMeter() as meter:
        qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(editor, "xyz")
        tab.sync.render_now()
    assert meter.longest < 5.0, f"stalled {meter.longest:.1f} s (the formula froze it for ~30 s)"
    assert (editor.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere) == anywhere  # prose wraps at words
    tab.flush_pending()
    assert db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (note.id,))[0][0] == "Intro" + line + "xyz"


def test_prose_keeps_wrapping_at_words_however_long_its_lines(qtbot, open_window):
    """Only a long run without a space wraps anywhere: a long paragraph still wraps at words,
    pasted or opened; a run that grows long by pasting next to it does switch."""
    from PySide6.QtGui import QTextOption
    from PySide6.QtWidgets import QApplication

    words, anywhere = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere, QTextOption.WrapMode.WrapAnywhere
    window, tab = open_notebook(qtbot, open_window)
    note = stored_note(window, tab, "Prose", "a few words " * 2_000)  # one 24 KB line
    tab.open_note(note.id)
    editor = tab.editor
    assert editor.wordWrapMode() == words
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QApplication.clipboard().setText("more words " * 2_000)
    editor.paste()
    assert editor.wordWrapMode() == words
    QApplication.clipboard().setText("x" * 3_000)
    editor.paste()
    assert editor.wordWrapMode() == words  # 3,000 characters without a space: still fine
    editor.paste()
    assert editor.wordWrapMode() == anywhere  # 6,000 together: a run Qt lays out slowly
    note = stored_note(window, tab, "Formula", "$$" + "x+" * 5_000 + "$$")
    tab.open_note(note.id)
    assert editor.wordWrapMode() == anywhere


def test_bold_is_still_highlighted_at_the_start_of_a_long_line(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    note = stored_note(window, tab, "Bold", "**bold** " + "plain " * 2_000)
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
    note = stored_note(window, tab, "Many formulas", text, split=True)
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
    note = stored_note(window, tab, "Huge", f"Before\n\n$${formula}$$\n\nAfter", split=True)
    with StallMeter() as meter:
        tab.open_note(note.id)
        qtbot.waitUntil(lambda: tab.preview.shown is not None and "Before" in tab.preview.toPlainText(), timeout=60_000)
    assert meter.longest < 5.0, f"stalled {meter.longest:.1f} s"
    shown = tab.preview.shown
    assert not shown.images and not shown.pending_math
    assert "not drawn" in shown.html or "too long to format" in shown.html  # says why


def test_twenty_thousand_copies_of_one_formula_on_one_line_preview_without_freezing(qtbot, open_window,
                                                                                  monkeypatch):
    """The issue's 105 s: one 340 KB line of the same formula. Such a paragraph is too long to
    format: the preview shows its start as written and says so, and no formula is drawn."""
    from mlprep_desktop.rendering import math_svg

    drawn: list[str] = []
    real_draw = math_svg._draw
    monkeypatch.setattr(math_svg, "_draw", lambda latex, *a: drawn.append(latex) or real_draw(latex, *a))
    math_svg._cache.clear()
    window, tab = open_notebook(qtbot, open_window)
    line = "$x^2 + y^2 + 17$ " * 20_000
    note = stored_note(window, tab, "Same formula", line, split=True)
    with StallMeter() as meter:
        tab.open_note(note.id)
        preview = tab.preview
        qtbot.waitUntil(lambda: preview.shown is not None and "x^2 + y^2 + 17" in preview.toPlainText(),
                        timeout=60_000)
        tab.editor.setFocus()
        qtbot.keyClicks(tab.editor, "abc")
        tab.sync.render_now()
    assert meter.longest < 5.0, f"stalled {meter.longest:.1f} s (it took 105 s)"
    shown = tab.preview.shown
    assert "too long to format" in shown.html and not shown.images and not shown.pending_math
    assert drawn == []


def test_ten_thousand_different_formulas_preview_a_part_and_a_refresh_draws_nothing_again(qtbot, open_window,
                                                                                         monkeypatch):
    """The issue's 37 s, and every refresh drawing them all again (more formulas than the cache
    held): the preview shows a part of such a note, drawn once; typing redraws none of it."""
    from mlprep_desktop.rendering import math_svg

    drawn: list[str] = []
    real_draw = math_svg._draw
    monkeypatch.setattr(math_svg, "_draw", lambda latex, *a: drawn.append(latex) or real_draw(latex, *a))
    math_svg._cache.clear()
    window, tab = open_notebook(qtbot, open_window)
    text = "\n\n".join(f"Step {i}: $z_{{{i}}} = \\alpha_{{{i}}} + {i}$" for i in range(10_000))
    assert len(text) > LARGE_NOTE_CHARS
    note = stored_note(window, tab, "Ten thousand formulas", text, split=True)
    with StallMeter() as meter:
        tab.open_note(note.id)
        preview = tab.preview
        qtbot.waitUntil(lambda: preview.shown is not None and preview.shown.images
                        and not preview.shown.pending_math and not tab.sync._math.busy, timeout=60_000)
        shown = preview.shown
        assert shown.partial and "Step 0:" in preview.toPlainText() and "Step 9999:" not in preview.toPlainText()
        first_pass = len(drawn)
        assert 0 < first_pass < math_svg.CACHE_SIZE  # a part, not all 10,000
        tab.editor.setFocus()
        qtbot.keyClicks(tab.editor, "abc")
        tab.sync.render_now()
        qtbot.waitUntil(lambda: not tab.sync._math.busy and not tab.preview.shown.pending_math, timeout=60_000)
    assert meter.longest < 5.0, f"stalled {meter.longest:.1f} s (it took 37 s)"
    assert len(drawn) == first_pass, "a refresh drew formulas again"


def test_a_long_note_is_loaded_without_a_highlighter_call_per_block_and_previewed_on_the_next_turn(
        qtbot, open_window, monkeypatch):
    """10,000 formulas are 20,000 blocks: Qt called highlightBlock (Python) for each while the
    note loaded (~150-230 ms of a ~430 ms stall), and the preview was rendered in the same turn.
    Now only the blocks in view are highlighted, every block still gets the state a full pass
    gives (fences, $$ blocks), and the preview comes on the next turn."""
    from PySide6.QtGui import QTextCharFormat

    from mlprep_desktop.ui.notebook.markdown_highlighter import FENCE_BASE, MATH, NORMAL, NoteHighlighter

    window, tab = open_notebook(qtbot, open_window)
    code = "```python\n" + "".join(f"x_{i} = {i}  # $a$ **b**\n" for i in range(300)) + "```\n\n$$\nx\n$$\n\n"
    text = code + "\n\n".join(f"Step {i}: $z_{{{i}}} = \\alpha_{{{i}}} + {i}$" for i in range(10_000))
    assert len(text) > LARGE_NOTE_CHARS
    note = stored_note(window, tab, "Ten thousand formulas", text, split=True)
    calls: list[int] = []  # highlightBlock calls (it asks _should_format once each; Qt caches it)
    real = NoteHighlighter._should_format
    monkeypatch.setattr(NoteHighlighter, "_should_format", lambda self: calls.append(1) or real(self))
    with StallMeter() as meter:
        tab.open_note(note.id)
        assert tab.sync.pending  # the preview: on the next turn of the event loop
        editor = tab.editor
        blocks = editor.document().blockCount()
        assert blocks > 20_000 and editor.highlighter.lazy and 0 < len(calls) < 1_000, len(calls)
        qtbot.waitUntil(lambda: not tab.sync.pending and "Step 0:" in tab.preview.toPlainText(), timeout=60_000)
    assert meter.longest < 2.0, f"stalled {meter.longest:.1f} s"
    calls.clear()
    cursor = editor.textCursor()
    cursor.setPosition(len("```python\n") + 1)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, "y")  # typing highlights that line, not the blocks after it
    assert 0 < len(calls) < 10, len(calls)
    document = editor.document()
    loaded = [document.findBlockByNumber(n).userState() for n in range(blocks)]

    def formats_of(n: int) -> list[tuple]:
        return [(f.start, f.length, QTextCharFormat(f.format)) for f in document.findBlockByNumber(n).layout().formats()]

    formats = [formats_of(n) for n in range(40)]
    assert any(f.fontWeight() >= 700 for _, _, f in formats[0])  # the fence, highlighted
    assert formats[1] and loaded[1] >= FENCE_BASE and loaded[300] == loaded[1]  # code: in view highlighted
    assert loaded[301] == NORMAL and loaded[303:306] == [MATH, MATH, NORMAL]  # the fence closed; a $$ block
    editor.highlighter.set_lazy(False)
    editor.highlighter.rehighlight()  # a full pass, block by block, gives the same states and formats
    assert loaded == [document.findBlockByNumber(n).userState() for n in range(blocks)]
    assert formats == [formats_of(n) for n in range(40)]


def test_a_long_notes_preview_is_rendered_a_piece_per_turn_and_shows_what_one_render_shows(
        qtbot, open_window, monkeypatch):
    """The window of a long note (10,000 formulas: ~65-115 ms of Markdown and math in one turn)
    is rendered a piece per turn of the event loop and shown once complete; rendering it at
    once (render_now) shows the same."""
    from PySide6.QtCore import QTimer

    from mlprep_desktop.rendering.note_html import NoteRenderer

    window, tab = open_notebook(qtbot, open_window)
    text = "\n\n".join(f"Step {i}: $z_{{{i}}} = \\alpha_{{{i}}} + {i}$" for i in range(10_000))
    note = stored_note(window, tab, "Ten thousand formulas", text, split=True)
    turns = [0]
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: turns.__setitem__(0, turns[0] + 1))
    pieces: list[int] = []  # the turn each piece of the window was rendered in
    real = NoteRenderer._cached
    monkeypatch.setattr(NoteRenderer, "_cached", lambda self, *a: pieces.append(turns[0]) or real(self, *a))
    shown_after: list[int] = []  # pieces rendered when the preview was shown
    show = type(tab.preview).show_preview
    monkeypatch.setattr(type(tab.preview), "show_preview",
                        lambda self, *a: shown_after.append(len(pieces)) or show(self, *a))
    ticker.start()
    tab.open_note(note.id)
    qtbot.waitUntil(lambda: bool(shown_after), timeout=60_000)
    ticker.stop()
    first_render = pieces[: shown_after[0]]
    assert len(first_render) >= 2 and len(set(first_render)) == len(first_render), first_render  # one a turn
    qtbot.waitUntil(lambda: not tab.sync._math.busy and not tab.sync.pending, timeout=60_000)
    stepped = (tab.preview.toPlainText(), tab.preview.shown.first_line, tab.preview.shown.last_line)
    assert "Step 0:" in stepped[0] and "$z_" not in stepped[0]  # every formula of the window drawn
    tab.sync.render_now()  # at once: the same window, the same text
    assert (tab.preview.toPlainText(), tab.preview.shown.first_line, tab.preview.shown.last_line) == stepped
