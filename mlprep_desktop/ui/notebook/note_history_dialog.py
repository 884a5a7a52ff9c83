"""``NoteHistoryDialog``: a note's earlier versions (one kept at most every 10 minutes while it
changed); pick one to read it, then restore it. Restoring is the tab's job
(``restore_requested``); the version it replaces is kept too, so nothing is lost."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.note_models import Note, NoteRevision
from mlprep_desktop.ui.notebook.note_editor import NoteEditor
from mlprep_desktop.ui.notebook.note_times import when_exact

CURRENT = -1


def _size(chars: int) -> str:
    if chars < 1000:
        return f"{chars} characters"
    return f"{chars / 1000:.1f}k characters" if chars < 1_000_000 else f"{chars / 1_000_000:.2f}M characters"


class NoteHistoryDialog(QDialog):
    restore_requested = Signal(int)  # revision id

    def __init__(
        self,
        note: Note,
        revisions: list[NoteRevision],
        load: Callable[[int], NoteRevision | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteHistoryDialog")
        self.setAccessibleName(self.tr("Note history"))
        self.setWindowTitle(self.tr(f"History of “{note.title}”"))
        self._note = note
        self._load = load
        self.list = QListWidget(self)
        self.list.setObjectName("noteRevisionList")
        self.list.setAccessibleName(self.tr("Versions"))
        current = QListWidgetItem(self.tr(f"Current version, {when_exact(note.updated_at)}\n{_size(len(note.body))}"))
        current.setData(Qt.ItemDataRole.UserRole, CURRENT)
        self.list.addItem(current)
        for revision in revisions:
            item = QListWidgetItem(self.tr(f"{when_exact(revision.written_at)}\n"
                                           f"{revision.title} · {_size(revision.size)}"))
            item.setData(Qt.ItemDataRole.UserRole, revision.id)
            item.setToolTip(self.tr(f"Written {revision.written_at}; kept {revision.kept_at} (UTC)"))
            self.list.addItem(item)
        self.text = NoteEditor(self)
        self.text.setObjectName("noteRevisionText")
        self.text.setAccessibleName(self.tr("Text of the chosen version"))
        self.text.setReadOnly(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        if not revisions:
            self.hint.setText(self.tr("No earlier versions yet. While a note changes, one earlier version is kept "
                                      "every 10 minutes."))
        else:
            self.hint.setText(self.tr("One earlier version is kept every 10 minutes while the note changes. "
                                      "Restoring keeps the current text as a version too."))
        self.restore = QPushButton(self.tr("Restore this version"), self)
        self.restore.setObjectName("noteRevisionRestore")
        self.restore.setAccessibleName(self.tr("Restore this version"))
        self.restore.setToolTip(self.tr("Make the chosen version the note's text again"))
        self.restore.clicked.connect(self._on_restore_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(self.text)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.resize(960, 620)
        self.list.currentItemChanged.connect(self._on_list_current_changed)
        self.list.setCurrentRow(1 if revisions else 0)

    def chosen_revision(self) -> int:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else CURRENT

    def _on_list_current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        revision_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else CURRENT
        if revision_id == CURRENT:
            self.text.load_text(self._note.body)
        else:
            revision = self._load(revision_id)
            self.text.load_text(revision.body or "" if revision else "")
        self.restore.setEnabled(revision_id != CURRENT)

    def _on_restore_clicked(self) -> None:
        revision_id = self.chosen_revision()
        if revision_id != CURRENT:
            self.restore_requested.emit(revision_id)
            self.accept()
