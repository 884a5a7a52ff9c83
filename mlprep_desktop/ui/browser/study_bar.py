"""``StudyBar``: Show answer, the four ratings and the revisit flag, under the question view."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mlprep_desktop.core.models import Rating
from mlprep_desktop.ui.widgets.palette_style_sheet import set_palette_style_sheet

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
    sketch_clicked = Signal()
    notes_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        layout = QHBoxLayout()  # reveal and rate
        second = QHBoxLayout()  # flag, and the links to the other tabs
        rows.addLayout(layout)
        rows.addLayout(second)
        self.show_answer = QPushButton(self.tr("Show answer (Ctrl+Enter)"), self)
        self.show_answer.setObjectName("showAnswerButton")
        self.show_answer.setAccessibleName(self.tr("Show answer"))
        self.show_answer.setToolTip(self.tr("Reveal the model answer, key points and follow-ups (Ctrl+Enter, "
                                            "also while typing your answer; Space from the list or the question)"))
        self.show_answer.clicked.connect(self.reveal_toggled)
        layout.addWidget(self.show_answer)
        layout.addSpacing(12)
        self.rate_buttons: list[QPushButton] = []
        for rating in Rating:
            button = QPushButton(f"{rating.label} ({int(rating)})", self)
            button.setObjectName(f"rate{int(rating)}")
            button.setAccessibleName(self.tr(f"Rate {rating.label}"))
            button.setToolTip(self.tr(_RATING_TIPS[rating]) + f" ({int(rating)})")
            button.setCheckable(True)  # checked: the rating last given to the shown question
            set_palette_style_sheet(button, "QPushButton:checked { font-weight: bold; border: 2px solid "
                                            "palette(highlight); border-radius: 3px; padding: 2px 6px; }")
            button.clicked.connect(lambda _=False, r=int(rating): self._on_rate_clicked(r))
            layout.addWidget(button)
            self.rate_buttons.append(button)
        layout.addStretch(1)
        self.flag = QPushButton(self.tr("Flag to revisit (F)"), self)
        self.flag.setObjectName("flagButton")
        self.flag.setAccessibleName(self.tr("Flag to revisit"))
        self.flag.setToolTip(self.tr("Mark this question to come back to it (F)"))
        self.flag.setCheckable(True)
        self.flag.toggled.connect(self._on_flag_toggled)
        second.addWidget(self.flag)
        # Shown by the main window only when the tab they open exists (see enable_links).
        self.sketch = QPushButton(self.tr("Sketch (S)"), self)
        self.sketch.setObjectName("sketchButton")
        self.sketch.setAccessibleName(self.tr("Sketch on the whiteboard"))
        self.sketch.setToolTip(self.tr("Open this question's whiteboard board (S)"))
        self.sketch.clicked.connect(self.sketch_clicked)
        self.sketch.hide()
        second.addWidget(self.sketch)
        self.notes = QPushButton(self.tr("Notes (N)"), self)
        self.notes.setObjectName("notesButton")
        self.notes.setAccessibleName(self.tr("Notes for this question"))
        self.notes.setToolTip(self.tr("Open (or create) this question's note in the notebook (N)"))
        self.notes.clicked.connect(self.notes_clicked)
        self.notes.hide()
        second.addWidget(self.notes)
        second.addStretch(1)
        self.last_rating = QLabel(self)
        self.last_rating.setObjectName("lastRatingLabel")
        self.last_rating.setTextFormat(Qt.TextFormat.PlainText)
        self.last_rating.hide()
        second.addWidget(self.last_rating)
        self._last_rating: int | None = None
        self.set_question_loaded(False)

    def set_question_loaded(self, loaded: bool) -> None:
        for button in (self.show_answer, self.flag, self.sketch, self.notes):
            button.setEnabled(loaded)
        if not loaded:
            self.set_revealed(False)

    def set_revealed(self, revealed: bool) -> None:
        self.show_answer.setText(self.tr("Hide answer (Ctrl+Enter)") if revealed else self.tr("Show answer (Ctrl+Enter)"))
        for button in self.rate_buttons:
            button.setEnabled(revealed)

    def set_last_rating(self, rating: int | None, detail: str = "") -> None:
        """Show the rating last given to the shown question (its button checked, and "Rated
        Good · due 14 Mar" beside the flag); None: not rated yet."""
        self._last_rating = rating
        for value, button in enumerate(self.rate_buttons, start=1):
            button.setChecked(value == rating)
        if rating is None:
            self.last_rating.clear()
            self.last_rating.hide()
            return
        label = Rating(rating).label
        self.last_rating.setText(self.tr(f"Rated {label}") + (f" · {detail}" if detail else ""))
        self.last_rating.setToolTip(self.tr(f"Your last rating of this question: {label}. Rate again after "
                                            "revealing the answer (1–4)."))
        self.last_rating.show()

    def _on_rate_clicked(self, rating: int) -> None:
        self.set_last_rating(self._last_rating)  # a click only checks a button once the rating is stored
        self.rated.emit(rating)

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
