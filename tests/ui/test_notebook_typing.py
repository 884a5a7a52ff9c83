"""Typing a fenced code block into a note line by line, as anyone does: auto-indent helps inside
the block and leaves nothing behind after it; the preview shows a code block and a real table;
the editor stops colouring code at the closing fence; an unclosed fence previews as code."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from mlprep_desktop.ui.notebook.markdown_highlighter import NORMAL
from tests.ui.notebook_helpers import open_notebook, type_lines

TYPED = ("```python\n"
         "def f(x):\n"
         "    return x\n"
         "```\n"
         "\n"
         "| Penalty | Sparse? |\n"
         "|---|---|\n"
         "| L1 | yes |")


def _formats(editor, number: int):
    return editor.document().findBlockByNumber(number).layout().formats()


def test_typed_code_block_closes_and_the_table_after_it_stays_markdown(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    tab.new_note()
    editor = tab.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    # exactly what a user types: Enter after 'def f(x):' indents, so 'return x' and '```' are
    # typed on an indented line; then a blank line and a table
    type_lines(qtbot, editor, "```python", "def f(x):", "return x", "```", "", "| Penalty | Sparse? |",
               "|---|---|", "| L1 | yes |")
    assert editor.toPlainText() == TYPED

    # the editor: code is coloured inside the fence, the table after it is Markdown again
    plain = editor.palette().color(QPalette.ColorRole.Text)
    assert any(r.start == 0 and r.length == 3 and r.format.fontWeight() > 400 for r in _formats(editor, 1))
    assert editor.highlighter.language_at(editor.document().findBlockByNumber(2)) == "python"
    for number in (4, 5, 6, 7):
        block = editor.document().findBlockByNumber(number)
        assert editor.highlighter.language_at(block) is None
        assert block.userState() == NORMAL  # not inside a fence
    pipe = tab.editor.highlighter._formats["pipe"].foreground().color()
    table_formats = _formats(editor, 5)
    assert table_formats and all(r.format.foreground().color() == pipe for r in table_formats)
    assert all(r.format.foreground().color() != plain for r in table_formats)
    # 'Penalty' is not lexed as a Python name (no Pygments format on it)
    assert not any(r.start <= 2 < r.start + r.length for r in table_formats)

    # the preview: a highlighted code block and a real table
    preview = tab.preview
    qtbot.waitUntil(lambda: preview.shown is not None and "<table" in preview.shown.html)
    html = preview.shown.html
    assert 'class="codehilite"' in html and "<pre" in html
    assert "```" not in html  # no fence shown as text
    assert "return" in html.split("<pre", 1)[1].split("</pre>", 1)[0]
    assert "Penalty" not in html.split("<pre", 1)[1].split("</pre>", 1)[0]  # the table is not code
    assert "<th>Penalty</th>" in html
    assert preview.document().rootFrame().childFrames()  # Qt laid out a real table


def test_enter_on_a_whitespace_only_line_clears_it(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    tab.new_note()
    editor = tab.editor
    editor.setFocus()
    # inside code a blank line keeps the indent for the next line but leaves no trailing spaces
    type_lines(qtbot, editor, "```python", "def f(x):", "y = x", "", "return y")
    assert editor.toPlainText() == "```python\ndef f(x):\n    y = x\n\n    return y"
    # outside code, Enter on an indented empty line ends the indentation
    editor.clear()
    qtbot.keyClicks(editor, "    ")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "text")
    assert editor.toPlainText() == "\ntext"


def test_a_fence_snaps_to_its_opening_column_and_no_indent_leaks_out(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    tab.new_note()
    editor = tab.editor
    editor.setFocus()
    # an indented fence (in a list item, say) closes at its own column; the line after it
    # starts there too, not at the code's deeper indentation
    type_lines(qtbot, editor, "  ~~~", "if x:", "y()", "~~~", "after")
    assert editor.toPlainText() == "  ~~~\n  if x:\n      y()\n  ~~~\n  after"
    # a shorter run of backticks is not a closing fence and is left where it was typed
    editor.clear()
    type_lines(qtbot, editor, "````", "def g():", "```")
    assert editor.toPlainText() == "````\ndef g():\n    ```"


def test_unclosed_fence_previews_as_code_to_the_end_of_the_note(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    tab.new_note()
    tab.editor.setFocus()
    type_lines(qtbot, tab.editor, "Intro", "", "```python", "def f(x):", "return x")
    preview = tab.preview
    qtbot.waitUntil(lambda: preview.shown is not None and "<pre" in preview.shown.html)
    html = preview.shown.html
    assert "<p>Intro</p>" in html
    code = html.split("<pre", 1)[1].split("</pre>", 1)[0]
    assert "def" in code and "return" in code and "\n" in code  # a block of lines, not one inline line
    assert "<p><div" not in html
