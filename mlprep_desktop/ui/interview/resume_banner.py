"""``ResumeBanner``: a non-modal notice that an interview was interrupted, with Resume and Abandon."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from mlprep_desktop.core.interview import Countdown
from mlprep_desktop.core.interview_models import InterviewRecord
from mlprep_desktop.ui.interview.history_model import local_time


class ResumeBanner(QFrame):
    resume_clicked = Signal()
    abandon_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewResumeBanner")
        self.setAccessibleName(self.tr("Interrupted interview"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        self.setPalette(palette)
        self.text = QLabel(self)
        self.text.setObjectName("interviewResumeText")
        self.text.setWordWrap(True)
        self.resume = QPushButton(self.tr("Resume"), self)
        self.resume.setObjectName("interviewResume")
        self.resume.setAccessibleName(self.tr("Resume the interrupted interview"))
        self.resume.setToolTip(self.tr("Carry on where you stopped; the clock starts again"))
        self.abandon = QPushButton(self.tr("Abandon"), self)
        self.abandon.setObjectName("interviewAbandon")
        self.abandon.setAccessibleName(self.tr("Abandon the interrupted interview"))
        self.abandon.setToolTip(self.tr("Stop it for good; it stays in the history as abandoned"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.resume)
        layout.addWidget(self.abandon)
        self.record_id: int | None = None  # the session offered
        self.resume.clicked.connect(self.resume_clicked)
        self.abandon.clicked.connect(self.abandon_clicked)
        self.hide()

    def show_for(self, record: InterviewRecord, others: int = 0) -> None:
        """Offer ``record``; ``others``: how many more interrupted interviews wait after it."""
        total = Countdown(record.total_budget_seconds, sum(i.elapsed_seconds for i in record.items))
        left = (self.tr(f"{total.text} left") if total.remaining > 0
                else self.tr(f"{total.text[1:]} over time"))
        self.text.setText(self.tr(
            f"<b>An interview was interrupted</b> (started {local_time(record.started_at)}), at question "
            f"{record.current_index + 1} of {len(record.items)} with {left}. "
            "The time while the app was closed did not count. Resume it, or abandon it (it stays in the history)."
        ) + ((self.tr(" 1 more interrupted interview will be offered after this one.") if others == 1
              else self.tr(f" {others} more interrupted interviews will be offered after this one.")) if others else ""))
        self.record_id = record.id
        self.show()
