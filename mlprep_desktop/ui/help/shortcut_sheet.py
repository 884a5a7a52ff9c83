"""``ShortcutSheet`` (Help › Keyboard shortcuts, F1): every key the app answers to, by place.

The menu commands are read from the window's menus when the sheet opens (so a new menu action
with a shortcut appears by itself); the keys the tabs handle themselves are listed in
``TAB_KEYS`` (tests/ui/test_help.py checks that every QAction / QShortcut key of the window
is on the sheet). Non-modal: it can stay open beside the window.
"""
from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QMenu, QTextBrowser, QVBoxLayout, QWidget

TAB_KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Anywhere", (
        ("Ctrl+1", "Today (not in the Notebook or an interview review, where Ctrl+1 means more)"),
        ("Alt+underlined letter", "Go to that tab or menu"),
        ("Ctrl+Shift+N", "Today's study log in the Notebook"),
        ("Ctrl+Shift+M", "Back to the running interview (from the interview bar on the other tabs)"),
    )),
    ("Today", (
        ("Enter", "Start or continue the session"),
        ("Ctrl+Enter", "Show / hide the model answer (also from My answer)"),
        ("Space", "Show the answer (outside the My answer box)"),
        ("1 – 4", "Rate: Again, Hard, Good, Easy"),
        ("F", "Flag the question"),
        ("Esc", "Leave the session (Continue resumes it)"),
    )),
    ("Browse", (
        ("Ctrl+F", "Search"),
        ("Ctrl+Enter", "Show / hide the model answer (also from My answer)"),
        ("Space", "Show the answer (outside the My answer box)"),
        ("1 – 4", "Rate: Again, Hard, Good, Easy"),
        ("F", "Flag the question"),
        ("S / N", "Sketch the question on a board / open its note"),
        ("Ctrl+Enter", "Run the tests of a coding exercise (from its code editor)"),
        ("Ctrl+.", "Stop the running tests"),
        ("Ctrl+/", "Comment or uncomment lines in the code editor"),
        ("Tab / Shift+Tab", "Indent / dedent in the code editor"),
    )),
    ("Interview", (
        ("Ctrl+Enter", "Start the interview; next question; finish"),
        ("Ctrl+Shift+Enter", "Skip the question"),
        ("Alt+Right / Alt+Left", "Next / previous question"),
        ("Ctrl+P", "Pause or resume the clock"),
        ("Ctrl+R", "Reveal the model answer (practice mode)"),
        ("Ctrl+Shift+E", "End the interview early"),
        ("Alt+Down / Alt+Up", "Next / previous answer in the review"),
        ("Ctrl+1 – 4", "Score technical accuracy in the review"),
        ("Alt+1 – 4", "Score communication in the review"),
    )),
    ("Whiteboard", (
        ("V P H L A R O T E M", "Select, pen, highlighter, line, arrow, rectangle, ellipse, text, eraser, hand"),
        ("Space + drag", "Pan"),
        ("Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y", "Undo / redo"),
        ("Ctrl+X / C / V", "Cut / copy / paste"),
        ("Ctrl+D", "Duplicate the selection"),
        ("Ctrl+A", "Select everything"),
        ("Delete / Backspace", "Delete the selection (in the board list: delete the board, asks first)"),
        ("Arrows, Shift+arrows", "Nudge the selection by 1 / 10 pixels"),
        ("Enter / F2", "Edit the selected text"),
        ("Esc", "Stop drawing; clear the selection"),
        ("Ctrl+Shift+] / Ctrl+Shift+[", "Bring to front / send to back"),
        ("Ctrl+wheel, Ctrl++ / Ctrl+= / Ctrl+-", "Zoom in / out"),
        ("Ctrl+0", "Zoom to 100 %"),
        ("F", "Fit the board in the window"),
        ("G", "Snap to the grid"),
        ("Ctrl+N", "New board"),
        ("Ctrl+Shift+D", "Duplicate the board"),
        ("Ctrl+E / Ctrl+Alt+E", "Export PNG / PNG at 2×"),
        ("Ctrl+Shift+E", "Export SVG"),
        ("Ctrl+Shift+C", "Copy the selection (or the board) as an image"),
    )),
    ("Notebook", (
        ("Ctrl+N", "New note"),
        ("Ctrl+F", "Search the notes"),
        ("Ctrl+S", "Save now (notes save as you type anyway)"),
        ("Ctrl+1 / 2 / 3", "Editor / side by side / preview"),
        ("F2", "Rename the note"),
        ("Ctrl+Shift+H", "The note's earlier versions"),
        ("Delete", "Move the note chosen in the list to the Trash"),
        ("[[", "Link a question (completion)"),
    )),
)


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) of every menu command that has a shortcut, in menu order."""
    found: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), title)
            elif not action.isSeparator() and not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                found.append((title, action.text().replace("&", "").rstrip("…"), keys))

    for top in window.menuBar().actions():
        if isinstance(top, QAction) and top.menu() is not None:
            walk(top.menu(), top.text().replace("&", ""))
    return found


def sheet_html(window: QMainWindow) -> str:
    rows = ["<h3>Menu commands</h3><table cellpadding='3'>"]
    for menu, command, keys in menu_shortcuts(window):
        rows.append(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(menu)} › {escape(command)}</td></tr>")
    rows.append("</table>")
    for place, keys in TAB_KEYS:
        rows.append(f"<h3>{escape(place)}</h3><table cellpadding='3'>")
        rows += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(what)}</td></tr>" for k, what in keys]
        rows.append("</table>")
    return "".join(rows)


class ShortcutSheet(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setModal(False)
        self._window = window
        self.view = QTextBrowser(self)
        self.view.setObjectName("shortcutSheetText")
        self.view.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.view.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(620, 600)
        self.refresh()

    def refresh(self) -> None:
        self.view.setHtml(sheet_html(self._window))
