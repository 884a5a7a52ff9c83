"""``StudyBar``: Show answer, the four ratings and the revisit flag, under the question view."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from mlprep_desktop.core.models import Rating

_RATING_TIPS = {
    Rating.AGAIN: "I could not answer it: show it again soon",
    Rating.HARD: "I answered with real difficulty",
    Rating.GOOD: "I answered it well",
    Rating.EASY: "It was easy",
}


class StudyBar(QWidget):
    reveal_toggled = Signal()
    rated = Signal(int)
    flag_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.show_answer = QPushButton(self.tr("Show answer (Space)"), self)
        self.show_answer.setObjectName("showAnswerButton")
        self.show_answer.setAccessibleName(self.tr("Show answer"))
        self.show_answer.setToolTip(self.tr("Reveal the model answer, key points and follow-ups (Space)"))
        self.show_answer.clicked.connect(self.reveal_toggled)
        layout.addWidget(self.show_answer)
        layout.addSpacing(12)
        self.rate_buttons: list[QPushButton] = []
        for rating in Rating:
            button = QPushButton(f"{rating.label} ({int(rating)})", self)
            button.setObjectName(f"rate{int(rating)}")
            button.setAccessibleName(self.tr(f"Rate {rating.label}"))
            button.setToolTip(self.tr(_RATING_TIPS[rating]) + f" ({int(rating)})")
            button.clicked.connect(lambda _=False, r=int(rating): self.rated.emit(r))
            layout.addWidget(button)
            self.rate_buttons.append(button)
        layout.addStretch(1)
        self.flag = QPushButton(self.tr("Flag to revisit (F)"), self)
        self.flag.setObjectName("flagButton")
        self.flag.setAccessibleName(self.tr("Flag to revisit"))
        self.flag.setToolTip(self.tr("Mark this question to come back to it (F)"))
        self.flag.setCheckable(True)
        self.flag.toggled.connect(self._on_flag_toggled)
        layout.addWidget(self.flag)
        self.set_question_loaded(False)

    def set_question_loaded(self, loaded: bool) -> None:
        self.show_answer.setEnabled(loaded)
        self.flag.setEnabled(loaded)
        if not loaded:
            self.set_revealed(False)

    def set_revealed(self, revealed: bool) -> None:
        self.show_answer.setText(self.tr("Hide answer (Space)") if revealed else self.tr("Show answer (Space)"))
        for button in self.rate_buttons:
            button.setEnabled(revealed)

    def set_flagged(self, flagged: bool) -> None:
        """Show the stored flag without emitting ``flag_toggled``."""
        self.flag.blockSignals(True)
        self.flag.setChecked(flagged)
        self.flag.blockSignals(False)
        self._relabel_flag(flagged)

    def _on_flag_toggled(self, checked: bool) -> None:
        self._relabel_flag(checked)
        self.flag_toggled.emit(checked)

    def _relabel_flag(self, flagged: bool) -> None:
        self.flag.setText(self.tr("Flagged (F)") if flagged else self.tr("Flag to revisit (F)"))
