"""``NotePage``: the open note — its header (title, tags, view mode, actions), the Markdown
editor and the live preview (with a notice line above it), side by side in a splitter whose
panes the view mode shows or hides. It only shows; the notebook tab loads and saves."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from mlprep_desktop.ui.notebook.board_images import BoardImages
from mlprep_desktop.ui.notebook.note_editor import NoteEditor
from mlprep_desktop.ui.notebook.note_header import NoteHeader
from mlprep_desktop.ui.notebook.note_preview import NotePreview


class NotePage(QWidget):
    def __init__(self, boards: BoardImages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = NoteHeader(self)
        self.editor = NoteEditor(self)
        self.editor.setObjectName("noteEditor")
        self.editor.setAccessibleName(self.tr("Note text"))
        self.editor.setPlaceholderText(self.tr(
            "Write in Markdown: # headings, **bold**, lists, ```python code```, $math$, tables.\n"
            "Type [[ to link a question; ![[board:NAME]] shows a whiteboard board."))
        self.preview = NotePreview(boards, self)
        self.preview.setObjectName("notePreview")
        self.preview.setAccessibleName(self.tr("Note preview"))
        self.preview_notice = QLabel(self)
        self.preview_notice.setObjectName("notePreviewNotice")
        self.preview_notice.setWordWrap(True)
        self.preview_notice.hide()
        self.preview_box = QWidget(self)
        box = QVBoxLayout(self.preview_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.preview_notice)
        box.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("noteSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
