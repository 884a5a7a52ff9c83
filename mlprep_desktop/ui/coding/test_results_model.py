"""``TestResultsModel``: the tests of the last run, one row each, for a list view."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt

from mlprep_desktop.runner.results import RunResult, TestResult, TestStatus

LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # the line of solution.py a failure points at (or None)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
_MARK = {TestStatus.PASSED: "✓", TestStatus.FAILED: "✗", TestStatus.ERROR: "⚠", TestStatus.NOT_RUN: "·"}


class TestResultsModel(QAbstractListModel):
    __test__ = False  # not a pytest class

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tests: list[TestResult] = []

    def set_result(self, result: RunResult | None) -> None:
        self.beginResetModel()
        self._tests = list(result.tests) if result is not None else []
        self.endResetModel()

    def set_names(self, names: list[str]) -> None:
        """Before a run: every test listed as not run yet."""
        self.beginResetModel()
        self._tests = [TestResult(name, TestStatus.NOT_RUN) for name in names]
        self.endResetModel()

    def test(self, row: int) -> TestResult:
        return self._tests[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's API)
        return 0 if parent.isValid() else len(self._tests)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        test = self._tests[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{_MARK[test.status]} {test.name}"
            message = test.message.strip().splitlines()[0] if test.message.strip() else ""
            if message:
                text += f" — {message[:200]}"
            if test.line:
                text += f"  (line {test.line})"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = test.message.strip() or test.status.value
            return tip + ("\n\n" + test.traceback.strip() if test.traceback.strip() else "")
        if role == LINE_ROLE:
            return test.line
        if role == STATUS_ROLE:
            return test.status.value
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{test.name}: {test.status.value}. {test.message}"
        return None
