"""``NoteHeader``: above the editor — title (rename by editing it), tags, the question the
note belongs to, view mode, History / Export / Delete, the save state, and in the Trash a
banner with Restore and Delete forever."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.core.note_models import MAX_TITLE_CHARS, Note, format_tags
from mlprep_desktop.core.note_policy import days_left, purge_date
from mlprep_desktop.ui.notebook.note_times import when, when_exact
from mlprep_desktop.ui.widgets.link_label import LinkLabel

VIEW_MODES = ("editor", "split", "preview")
_MODE_STYLE = (  # the chosen mode stands out, the others look like buttons, in light and dark
    "QToolButton { padding: 3px 8px; background-color: palette(button); color: palette(button-text);"
    " border: 1px solid palette(mid); }"
    "QToolButton:checked { background-color: palette(highlight); color: palette(highlighted-text);"
    " border: 1px solid palette(highlight); border-radius: 2px; }"
)
_MODE_LABELS = {"editor": ("Editor", "Ctrl+1"), "split": ("Side by side", "Ctrl+2"), "preview": ("Preview", "Ctrl+3")}


def _tool(parent: QWidget, name: str, text: str, accessible: str, tip: str) -> QToolButton:
    button = QToolButton(parent)
    button.setObjectName(name)
    button.setText(text)
    button.setAccessibleName(accessible)
    button.setToolTip(tip)
    return button


class NoteHeader(QWidget):
    edited = Signal()  # title or tags typed
    editing_finished = Signal()  # the title or tag field lost focus / Enter
    title_committed = Signal()  # Enter in the title: go on to the text
    view_mode_chosen = Signal(str)
    history_clicked = Signal()
    delete_clicked = Signal()
    restore_clicked = Signal()
    delete_forever_clicked = Signal()
    question_link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_mode = QWidget(self)
        self.view_mode.setObjectName("noteViewMode")
        self.view_mode.setAccessibleName(self.tr("View mode"))
        self.view_mode.setStyleSheet(_MODE_STYLE)
        mode_layout = QHBoxLayout(self.view_mode)
        mode_layout.setContentsMargins(0, 0, 0, 0)
        mode_layout.setSpacing(0)
        self._modes = QButtonGroup(self)
        self._modes.setExclusive(True)
        self.mode_buttons: dict[str, QToolButton] = {}
        for mode in VIEW_MODES:
            label, keys = _MODE_LABELS[mode]
            button = _tool(self.view_mode, f"noteView{mode.capitalize()}", self.tr(label), self.tr(f"{label} view"),
                           self.tr(f"Show the note as: {label.lower()} ({keys})"))
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, m=mode: self.view_mode_chosen.emit(m))
            self._modes.addButton(button)
            mode_layout.addWidget(button)
            self.mode_buttons[mode] = button

        self.history = _tool(self, "noteHistory", self.tr("History"), self.tr("Note history"),
                             self.tr("Earlier versions of this note; view and restore them (Ctrl+Shift+H)"))
        self.history.clicked.connect(self.history_clicked)
        self.export = _tool(self, "noteExport", self.tr("Export"), self.tr("Export notes"),
                            self.tr("Save this note or all notes as Markdown files or one HTML file"))
        self.export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.delete = _tool(self, "noteDelete", self.tr("Delete"), self.tr("Move note to Trash"),
                            self.tr("Move this note to the Trash; it is kept 30 days (Delete in the list)"))
        self.delete.clicked.connect(self.delete_clicked)

        self.banner = QFrame(self)
        self.banner.setObjectName("noteTrashBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.restore = QPushButton(self.tr("Restore"), self.banner)
        self.restore.setObjectName("noteRestore")
        self.restore.setAccessibleName(self.tr("Restore note"))
        self.restore.setToolTip(self.tr("Take this note out of the Trash"))
        self.restore.clicked.connect(self.restore_clicked)
        self.delete_forever = QPushButton(self.tr("Delete forever…"), self.banner)
        self.delete_forever.setObjectName("noteDeleteForever")
        self.delete_forever.setAccessibleName(self.tr("Delete note forever"))
        self.delete_forever.setToolTip(self.tr("Remove this note and its history for good"))
        self.delete_forever.clicked.connect(self.delete_forever_clicked)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.restore)
        banner_layout.addWidget(self.delete_forever)
        self.banner.hide()

        # Created after the buttons and the Trash banner on purpose: the Tab order follows
        # creation order (Qt 6 rebuilds the focus chain in that order when the tab is reparented,
        # undoing setTabOrder), so Tab goes ... Delete → question link → title → tags → the
        # editor, which follows the header.
        self.question = LinkLabel(self)
        self.question.setObjectName("noteQuestionLink")
        self.question.setAccessibleName(self.tr("Question of this note"))
        self.question.setTextFormat(Qt.TextFormat.RichText)
        self._set_question_link(False)
        self.question.setOpenExternalLinks(False)
        self.question.linkActivated.connect(lambda link: self.question_link_activated.emit(link.split(":", 1)[1]))
        self.question.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.question.setWordWrap(True)  # a long question title wraps instead of being cut
        self.title = QLineEdit(self)
        self.title.setObjectName("noteTitle")
        self.title.setAccessibleName(self.tr("Note title"))
        self.title.setToolTip(self.tr("The note's title: edit it to rename the note (F2)"))
        self.title.setPlaceholderText(self.tr("Title"))
        self.title.setMaxLength(MAX_TITLE_CHARS)  # what is saved: no longer title shown than kept
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setFrame(False)
        self.tags = QLineEdit(self)
        self.tags.setObjectName("noteTags")
        self.tags.setAccessibleName(self.tr("Note tags"))
        self.tags.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags.setToolTip(self.tr("Tags group notes; filter by them in the list"))
        self.save_state = QLabel(self)
        self.save_state.setObjectName("noteSaveState")
        self.save_state.setAccessibleName(self.tr("Save state"))

        self._title_row = QHBoxLayout()  # the title alone, when the header is narrow
        top = self._top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.view_mode)
        top.addSpacing(8)
        for button in (self.history, self.export, self.delete):
            top.addWidget(button)
        second = QHBoxLayout()
        second.addWidget(self.tags, 2)
        second.addWidget(self.question, 3)
        second.addWidget(self.save_state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._title_row)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.banner)

        self.title.textEdited.connect(lambda _t: self.edited.emit())
        self.tags.textEdited.connect(lambda _t: self.edited.emit())
        self.title.editingFinished.connect(self.editing_finished)
        self.tags.editingFinished.connect(self.editing_finished)
        self.title.returnPressed.connect(self.title_committed)

    NARROW_CHARS = 130  # below about this many characters wide, the title gets its own row

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() in (event.Type.PaletteChange, event.Type.ApplicationPaletteChange):
            self.view_mode.setStyleSheet("")  # palette(...) in a style sheet is read when it is set
            self.view_mode.setStyleSheet(_MODE_STYLE)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        narrow = self.width() < self.fontMetrics().averageCharWidth() * self.NARROW_CHARS
        if narrow and self._top.indexOf(self.title) >= 0:
            self._top.removeWidget(self.title)
            self._title_row.addWidget(self.title, 1)
            self._top.insertStretch(0, 1)
        elif not narrow and self._title_row.indexOf(self.title) >= 0:
            self._title_row.removeWidget(self.title)
            self._top.takeAt(0)  # the stretch
            self._top.insertWidget(0, self.title, 1)

    def _set_question_link(self, linked: bool) -> None:
        """The question label takes focus (and Tab) only while it shows a link."""
        flags = Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        self.question.setTextInteractionFlags(flags if linked else Qt.TextInteractionFlag.NoTextInteraction)
        self.question.setFocusPolicy(Qt.FocusPolicy.StrongFocus if linked else Qt.FocusPolicy.NoFocus)

    def show_note(self, note: Note, question_title: str | None) -> None:
        """Fill the fields from ``note`` (no ``edited`` signal)."""
        self.title.setText(note.title)
        self.title.setCursorPosition(0)
        self.tags.setText(format_tags(note.tags))
        if note.question_id:
            shown = html.escape(" ".join((question_title or note.question_id).split()))
            self.question.setText(self.tr("Question: ") + f'<a href="question:{html.escape(note.question_id)}">{shown}</a>')
            self.question.setToolTip(self.tr("Open this question in the browser"))
        else:
            if self.question.hasFocus():
                self.focusNextChild()
            self.question.clear()
            self.question.setToolTip("")
        self._set_question_link(bool(note.question_id))
        trash = note.in_trash
        for field in (self.title, self.tags):
            field.setReadOnly(trash)
        self.delete.setEnabled(not trash)
        self.history.setEnabled(True)
        self.banner.setVisible(trash)
        if trash:
            left = days_left(note.deleted_at, utc_now_iso())
            self.banner_text.setText(self.tr(
                f"This note is in the Trash (deleted {when_exact(note.deleted_at)}). It will be deleted for good on "
                f"{when(purge_date(note.deleted_at))}, in {left} day{'s' if left != 1 else ''}, unless you restore it."
            ))

    def set_view_mode(self, mode: str) -> None:
        self.mode_buttons[mode].setChecked(True)

    def set_save_state(self, text: str, problem: bool = False) -> None:
        self.save_state.setText(text)
        self.save_state.setStyleSheet("color: #d9534f; font-weight: bold;" if problem else "")
