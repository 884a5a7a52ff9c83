"""``FirstRunGuide``: a short "what each tab is for" panel across the top of the window on the
first start. Part of the window, not a dialog: nothing waits on it and the window works around
it. *Got it* hides it for good (the ``help.guide_done`` setting, through ``Preferences``);
Help › Getting started shows it again. Emits ``dismissed`` and ``shortcuts_requested``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

GUIDE_DONE_KEY = "help.guide_done"  # True once the user closed the first-run guide

_TEXT = (
    "<b>Welcome to MLPrep.</b> "
    "<b>Today</b>: what to study now — due reviews, then new questions up to your daily goal. "
    "<b>Browse</b>: search the bank, write your answer, reveal the model answer, rate it 1–4. "
    "<b>Interview</b>: timed mock interviews, then a review against the key points. "
    "<b>Whiteboard</b>: diagrams. <b>Notebook</b>: Markdown notes linked to questions.<br>"
    "Everything saves as you type. Settings: Edit › Preferences (Ctrl+,). Every key: Help › Keyboard "
    "shortcuts (F1)."
)


class FirstRunGuide(QFrame):
    dismissed = Signal()
    shortcuts_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunGuide")
        self.setAccessibleName(self.tr("Getting started"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().AlternateBase)
        self.text = QLabel(self.tr(_TEXT), self)
        self.text.setObjectName("firstRunGuideText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.shortcuts = QPushButton(self.tr("Keyboard shortcuts"), self)
        self.shortcuts.setObjectName("firstRunGuideShortcuts")
        self.shortcuts.setToolTip(self.tr("Every key the app answers to (F1)"))
        self.close_button = QPushButton(self.tr("Got it"), self)
        self.close_button.setObjectName("firstRunGuideClose")
        self.close_button.setAccessibleName(self.tr("Close the guide"))
        self.close_button.setToolTip(self.tr("Hide this guide; Help › Getting started shows it again"))
        buttons = QVBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.shortcuts)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.close_button.clicked.connect(self._on_close_clicked)
        self.shortcuts.clicked.connect(self.shortcuts_requested)

    def _on_close_clicked(self) -> None:
        self.hide()
        self.dismissed.emit()
