"""``EmptyBoardsPage``: what the whiteboard shows instead of a canvas while there are no boards —
a line saying what boards are for and a button that makes the first one."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyBoardsPage(QWidget):
    def __init__(self, new_board: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        hint = QLabel(self.tr("No boards yet. Make one to sketch a network, a data split or a system design."), self)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        start = QPushButton(self.tr("New board (Ctrl+N)"), self)
        start.setObjectName("emptyNewBoard")
        start.setAccessibleName(self.tr("New board"))
        start.clicked.connect(new_board.trigger)
        layout.addWidget(start, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
