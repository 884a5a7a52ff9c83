"""``PythonPicker``: the "Python for exercises" control of the preferences — which interpreter
runs coding exercises. A path (typed, or chosen with Browse…) is checked to be a working
Python 3 before it is stored; "Use the built-in Python" goes back to the app's own.

Writes run through the ``OperationRunner`` (``ExerciseOperations.set_python``); a refused
path is explained in ``status`` (and the stored choice is kept). Emits nothing: the runner
reports the change.
"""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from mlprep_desktop.services.exercise_ops import ExerciseOperations
from mlprep_desktop.ui.operation_runner import OperationRunner


class PythonPicker(QWidget):
    def __init__(self, exercise_ops: ExerciseOperations, operations: OperationRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = exercise_ops
        self._runner = operations
        tr = self.tr
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exercisePythonEdit")
        self.path_edit.setAccessibleName(tr("Python for exercises"))
        self.path_edit.setPlaceholderText(tr("Built-in Python (the app's own)"))
        self.path_edit.setToolTip(tr("The Python that runs your coding exercises: e.g. your own environment "
                                     "with scikit-learn or PyTorch. Press Enter to check and use it."))
        self.path_edit.setClearButtonEnabled(True)
        self.browse = QPushButton(tr("&Browse…"), self)
        self.browse.setObjectName("exercisePythonBrowse")
        self.browse.setAccessibleName(tr("Browse for a Python"))
        self.browse.setToolTip(tr("Choose a Python interpreter (python3, or a virtual environment's bin/python)"))
        self.reset = QPushButton(tr("Use the &built-in Python"), self)
        self.reset.setObjectName("exercisePythonReset")
        self.reset.setAccessibleName(tr("Use the built-in Python"))
        self.reset.setToolTip(tr("Run exercises with the Python the app itself runs on"))
        self.status = QLabel(self)
        self.status.setObjectName("exercisePythonStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.reset)
        layout.addLayout(buttons)
        self.path_edit.returnPressed.connect(self._on_path_edit_return_pressed)
        self.path_edit.editingFinished.connect(self._on_path_edit_editing_finished)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.reset.clicked.connect(self.use_builtin)
        self.reload()

    # ----- public API
    def reload(self) -> None:
        """Show the stored choice."""
        current = self._ops.python() or ""
        self.path_edit.setText(current)
        self._show_current(current)

    def choose(self, path: str) -> bool:
        """Check ``path`` and use it for exercises ('' = the built-in one). False (and the reason
        shown in ``status``; the stored choice unchanged) if it is not a working Python 3."""
        path = path.strip()
        if path == (self._ops.python() or ""):
            self._show_current(path)
            return True
        problem: list[str] = []
        outcome = self._runner.run(lambda: self._ops.set_python(path), source=self,
                                   on_error=problem.append, report=False)
        if outcome is None:
            self.status.setText(self.tr(f"Not changed: {problem[0] if problem else 'refused'}"))
            self.status.setProperty("problem", True)
            return False
        self.path_edit.setText(path)
        self._show_current(path)
        return True

    def use_builtin(self) -> None:
        self.choose("")

    # ----- internals
    def _show_current(self, path: str) -> None:
        self.status.setProperty("problem", False)
        if path:
            self.status.setText(self.tr(f"Exercises run with {path}."))
        else:
            self.status.setText(self.tr(f"Exercises run with the built-in Python ({sys.version.split()[0]})."))

    def _on_path_edit_return_pressed(self) -> None:
        self.choose(self.path_edit.text())

    def _on_path_edit_editing_finished(self) -> None:
        if not self.path_edit.hasFocus():  # focus left the field: take what was typed
            self.choose(self.path_edit.text())

    def _on_browse_clicked(self) -> None:
        start = self.path_edit.text().strip() or "/usr/bin"
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Python for exercises"), start)
        if path:
            self.path_edit.setText(path)
            self.choose(path)
