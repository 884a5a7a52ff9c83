"""``PreferencesDialog`` (Edit › Preferences, Ctrl+,): the look (theme, font size, editor font),
studying (daily goal, desired retention, moving on after a rating), the interview defaults and the Python for exercises.

Every control applies at once — there is no OK/Cancel: each change runs one operation through
the window's ``OperationRunner`` (stored in the database's settings table), and the window
re-applies the look on the ``SETTINGS`` change, so theme and fonts change live. Autosave is
always on and is not a setting. The settings scroll (the Close button stays put) and the dialog
is never taller than the screen: all of it is reachable at 1024×640. Non-modal: the window stays usable, and a test never waits on
it. ``reload()`` shows what is stored (the window calls it when another tab changed a setting).
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.daily_queue import GOAL_RANGE
from mlprep_desktop.core.interview_models import MAX_QUESTIONS, MIN_QUESTIONS, InterviewMode, Timing
from mlprep_desktop.core.scheduling import RETENTION_RANGE
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.appearance import FONT_SIZE_RANGE, THEMES, Appearance
from mlprep_desktop.ui.appearance import default_editor_font
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.preferences.python_picker import PythonPicker

_FRAME_ALLOWANCE = 40  # title bar and borders, before the window manager says
_THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
_TIMINGS = (
    (Timing.TOTAL, "One total limit"),
    (Timing.QUESTION_MINUTES, "Each question's own time"),
    (Timing.FIXED, "Fixed time per question"),
)


def _named(widget, name: str, accessible: str, tip: str):
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setToolTip(tip)
    return widget


class PreferencesDialog(QDialog):
    def __init__(self, context: AppContext, operations: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setModal(False)
        self._context = context
        self._runner = operations
        self._loading = False
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self._build_look(body))
        column.addWidget(self._build_study(body))
        column.addWidget(self._build_interview(body))
        column.addWidget(self._build_coding(body))
        note = QLabel(self.tr("Changes apply at once and are saved in your database. Your answers, notes and "
                              "boards are always saved as you type."), body)
        note.setObjectName("preferencesNote")
        note.setWordWrap(True)
        column.addWidget(note)
        column.addStretch(1)
        scroll = QScrollArea(self)  # a small screen scrolls the settings instead of clipping them
        scroll.setObjectName("preferencesScroll")
        scroll.setWidgetResizable(True)
        self.scroll = scroll
        self._fitted = False
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter belongs to the field being edited
        self.resize(560, 640)
        self.reload()

    # ----- size
    def fit_to(self, available: QRect) -> None:
        """No taller or wider than ``available`` (a screen's free area) with the window frame,
        and inside it: the Close button is always on screen, the settings scroll."""
        frame = self.frameGeometry()
        extra_h = max(frame.height() - self.height(), _FRAME_ALLOWANCE)
        extra_w = max(frame.width() - self.width(), 8)
        self.resize(min(self.width(), available.width() - extra_w), min(self.height(), available.height() - extra_h))
        x = min(max(frame.x(), available.left()), available.right() - self.width() - extra_w + 1)
        y = min(max(frame.y(), available.top()), available.bottom() - self.height() - extra_h + 1)
        self.move(max(x, available.left()), max(y, available.top()))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().showEvent(event)
        screen = self.screen()
        if not self._fitted and screen is not None:
            self._fitted = True
            self.fit_to(screen.availableGeometry())

    # ----- construction
    def _build_look(self, parent: QWidget) -> QGroupBox:
        tr = self.tr
        box = QGroupBox(tr("Appearance"), parent)
        form = QFormLayout(box)
        self.theme = _named(QComboBox(box), "themeCombo", tr("Theme"),
                            tr("Light or dark, or follow the system's setting"))
        for theme in THEMES:
            self.theme.addItem(tr(_THEME_LABELS[theme]), theme)
        form.addRow(tr("&Theme:"), self.theme)
        low, high = FONT_SIZE_RANGE
        self.font_size = _named(QSpinBox(box), "fontSizeSpin", tr("Font size"),
                                tr("The size of the interface and of rendered answers and notes"))
        self.font_size.setRange(low - 1, high)
        self.font_size.setSpecialValueText(tr("System size"))
        self.font_size.setSuffix(tr(" pt"))
        form.addRow(tr("&Font size:"), self.font_size)
        self.editor_family = _named(QFontComboBox(box), "editorFontCombo", tr("Editor font"),
                                    tr("The fixed-width font of the note and code editors"))
        self.editor_family.setFontFilters(QFontComboBox.FontFilter.MonospacedFonts)
        self.editor_size = _named(QSpinBox(box), "editorFontSizeSpin", tr("Editor font size"),
                                  tr("The size of the note and code editors' font"))
        self.editor_size.setRange(low - 1, high)
        self.editor_size.setSpecialValueText(tr("Default size"))
        self.editor_size.setSuffix(tr(" pt"))
        self.editor_default = _named(QPushButton(tr("Default"), box), "editorFontDefault", tr("Default editor font"),
                                     tr("Go back to the system's fixed-width font"))
        row = QHBoxLayout()
        row.addWidget(self.editor_family, 1)
        row.addWidget(self.editor_size)
        row.addWidget(self.editor_default)
        editor_label = QLabel(tr("&Editor font:"), box)
        editor_label.setBuddy(self.editor_family)
        form.addRow(editor_label, row)
        self.theme.currentIndexChanged.connect(self._on_look_edited)
        self.font_size.valueChanged.connect(self._on_look_edited)
        self.editor_family.currentFontChanged.connect(self._on_look_edited)
        self.editor_size.valueChanged.connect(self._on_look_edited)
        self.editor_default.clicked.connect(self._on_editor_default_clicked)
        return box

    def _build_study(self, parent: QWidget) -> QGroupBox:
        tr = self.tr
        box = QGroupBox(tr("Studying"), parent)
        form = QFormLayout(box)
        self.goal = _named(QSpinBox(box), "preferencesGoal", tr("Daily goal"),
                           tr("How many questions a day (reviews and new); the Today tab shows the same goal"))
        self.goal.setRange(*GOAL_RANGE)
        self.goal.setSuffix(tr(" questions a day"))
        form.addRow(tr("Daily &goal:"), self.goal)
        self.retention = _named(QDoubleSpinBox(box), "preferencesRetention", tr("Desired retention"),
                                tr("The chance of recall the scheduler aims for at each review "
                                   "(0.90 is usual; higher means more reviews)"))
        self.retention.setRange(*RETENTION_RANGE)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        form.addRow(tr("Desired &retention:"), self.retention)
        self.advance = _named(QCheckBox(tr("After rating in Browse, go to the &next question"), box),
                              "preferencesAdvanceAfterRating", tr("Go to the next question after rating"),
                              tr("Rating a question in Browse (1–4) moves on to the next one in the list"))
        form.addRow(self.advance)
        self.advance.toggled.connect(self._on_advance_toggled)
        self.goal.valueChanged.connect(self._on_goal_edited)
        self.retention.editingFinished.connect(self._on_retention_edited)
        return box

    def _build_interview(self, parent: QWidget) -> QGroupBox:
        tr = self.tr
        box = QGroupBox(tr("Mock interviews: the set-up a new interview starts from"), parent)
        form = QFormLayout(box)
        self.count = _named(QSpinBox(box), "interviewDefaultCount", tr("Default number of questions"),
                            tr("How many questions a new interview has"))
        self.count.setRange(MIN_QUESTIONS, MAX_QUESTIONS)
        form.addRow(tr("&Questions:"), self.count)
        self.timing = _named(QComboBox(box), "interviewDefaultTiming", tr("Default timing"),
                             tr("How the clock's budget is set"))
        for value, label in _TIMINGS:
            self.timing.addItem(tr(label), value.value)
        form.addRow(tr("T&iming:"), self.timing)
        self.fixed_minutes = _named(QSpinBox(box), "interviewDefaultMinutes", tr("Minutes per question"),
                                    tr("Minutes allowed for every question (fixed timing)"))
        self.fixed_minutes.setRange(1, 60)
        self.fixed_minutes.setSuffix(tr(" min per question"))
        self.total_minutes = _named(QSpinBox(box), "interviewDefaultTotal", tr("Total minutes"),
                                    tr("Minutes for the whole interview (one total limit)"))
        self.total_minutes.setRange(5, 240)
        self.total_minutes.setSuffix(tr(" min in total"))
        row = QHBoxLayout()
        row.addWidget(self.fixed_minutes)
        row.addWidget(self.total_minutes)
        row.addStretch(1)
        self._time_row = row
        self._interview_form = form
        form.addRow(tr("Time:"), row)
        self.mode = _named(QComboBox(box), "interviewDefaultMode", tr("Default mode"),
                           tr("Exam hides difficulty and answers until the end; practice lets you reveal them"))
        self.mode.addItem(tr("Exam"), InterviewMode.EXAM.value)
        self.mode.addItem(tr("Practice"), InterviewMode.PRACTICE.value)
        form.addRow(tr("M&ode:"), self.mode)
        for spin in (self.count, self.fixed_minutes, self.total_minutes):
            spin.valueChanged.connect(self._on_interview_edited)
        for combo in (self.timing, self.mode):
            combo.currentIndexChanged.connect(self._on_interview_edited)
        return box

    def _build_coding(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Coding exercises: Python for exercises"), parent)
        layout = QVBoxLayout(box)
        self.python = PythonPicker(self._context.exercise_ops, self._runner, box)
        layout.addWidget(self.python)
        return box

    # ----- public API
    def reload(self) -> None:
        """Show the stored settings (signals of the controls are not acted on meanwhile)."""
        self._loading = True
        try:
            look = self._context.appearance.current()
            self.theme.setCurrentIndex(max(0, self.theme.findData(look.theme)))
            self.font_size.setValue(look.font_size or self.font_size.minimum())
            family = look.editor_family or default_editor_font().family()
            self.editor_family.setCurrentFont(QFont(family))
            self.editor_size.setValue(look.editor_size or self.editor_size.minimum())
            study = self._context.today.settings()
            if not self.goal.hasFocus():
                self.goal.setValue(study.goal)
            if not self.retention.hasFocus():
                self.retention.setValue(study.retention)
            self.advance.setChecked(self._context.preferences.advance_after_rating)
            config = self._context.interview_ops.last_config()
            self.count.setValue(config.count)
            self.timing.setCurrentIndex(max(0, self.timing.findData(config.timing.value)))
            self.fixed_minutes.setValue(config.fixed_minutes)
            self.total_minutes.setValue(config.total_minutes)
            self.mode.setCurrentIndex(max(0, self.mode.findData(config.mode.value)))
            self._show_timing()
        finally:
            self._loading = False

    def appearance(self) -> Appearance:
        """What the look controls say."""
        family = self.editor_family.currentFont().family()
        minimum = self.font_size.minimum()
        return Appearance(
            theme=str(self.theme.currentData()),
            font_size=0 if self.font_size.value() == minimum else self.font_size.value(),
            editor_family="" if family == default_editor_font().family() else family,
            editor_size=0 if self.editor_size.value() == minimum else self.editor_size.value(),
        )

    # ----- handlers
    def _on_look_edited(self, *_args) -> None:
        if self._loading:
            return
        look = self.appearance()
        if look != self._context.appearance.current():
            self._runner.run(lambda: self._context.appearance.set(look), source=self)

    def _on_editor_default_clicked(self) -> None:
        self._loading = True
        self.editor_family.setCurrentFont(QFont(default_editor_font().family()))
        self.editor_size.setValue(self.editor_size.minimum())
        self._loading = False
        self._on_look_edited()

    def _on_goal_edited(self, value: int) -> None:
        if not self._loading and value != self._context.today.settings().goal:
            self._runner.run(lambda: self._context.today.set_goal(value), source=self)

    def _on_advance_toggled(self, on: bool) -> None:
        if not self._loading:
            self._context.preferences.set_advance_after_rating(on)  # a convenience: never worth a dialog

    def _on_retention_edited(self) -> None:
        value = round(self.retention.value(), 2)
        if not self._loading and abs(value - self._context.today.settings().retention) > 1e-9:
            self._runner.run(lambda: self._context.today.set_retention(value), source=self)

    def _on_interview_edited(self, *_args) -> None:
        self._show_timing()
        if self._loading:
            return
        ops = self._context.interview_ops
        config = replace(ops.last_config(), count=self.count.value(), timing=Timing(self.timing.currentData()),
                         fixed_minutes=self.fixed_minutes.value(), total_minutes=self.total_minutes.value(),
                         mode=InterviewMode(self.mode.currentData()))
        if config != ops.last_config():
            self._runner.run(lambda: ops.set_defaults(config), source=self)

    def _show_timing(self) -> None:
        timing = self.timing.currentData()
        self._interview_form.setRowVisible(self._time_row, timing != Timing.QUESTION_MINUTES.value)
        self.fixed_minutes.setVisible(timing == Timing.FIXED.value)  # after the row: it shows all
        self.total_minutes.setVisible(timing == Timing.TOTAL.value)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter confirms a field (the Python path), never closes the dialog
        super().keyPressEvent(event)
