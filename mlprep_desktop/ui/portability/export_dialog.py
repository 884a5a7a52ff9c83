"""``ExportDialog``: choose what to export (format, which questions) and where."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.services.exports import EXPORTERS


class ExportDialog(QDialog):
    """Collects (format, path, only-shown-questions); the caller runs the export."""

    def __init__(self, shown_count: int, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setAccessibleName(self.tr("Export"))
        self.setWindowTitle(self.tr("Export"))
        self.resize(620, 220)
        self._folder = folder
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        self.format.setAccessibleName(self.tr("Export format"))
        for key, (label, _suffix, _fn) in EXPORTERS.items():
            self.format.addItem(self.tr(label), key)
        self.format.setToolTip(self.tr("JSON holds everything of yours and can be imported into another "
                                       "installation; CSV, Markdown and Anki hold questions"))
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        self.path.setAccessibleName(self.tr("Export to"))
        browse = QPushButton(self.tr("&Choose…"), self)
        browse.setObjectName("exportBrowseButton")
        browse.setToolTip(self.tr("Choose the file (or, for Markdown, the new folder) to write"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.all_questions = QRadioButton(self.tr("&All questions"), self)
        self.all_questions.setObjectName("exportAllQuestions")
        self.shown_questions = QRadioButton(self.tr("Only the question shown in Browse") if shown_count == 1
                                            else self.tr(f"Only the {shown_count} questions shown in Browse"), self)
        self.shown_questions.setObjectName("exportShownQuestions")
        self.shown_questions.setToolTip(self.tr("The questions the browser's search and filters show now"))
        self.all_questions.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("&Format:"), self.format)
        form.addRow(self.tr("To:"), row)
        form.addRow(self.tr("Questions:"), self.all_questions)
        form.addRow("", self.shown_questions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Export"))
        self.ok_button.setObjectName("exportButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.path.textChanged.connect(self._update)
        self._on_format_changed()

    def chosen_format(self) -> str:
        return self.format.currentData()

    def chosen_path(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def only_shown(self) -> bool:
        return self.shown_questions.isChecked() and self.chosen_format() != "json"

    def _default_path(self) -> Path:
        suffix = EXPORTERS[self.chosen_format()][1]
        name = {"json": "mlprep-export", "csv": "mlprep-questions", "md": "mlprep-questions",
                "anki": "mlprep-deck"}.get(self.chosen_format(), "mlprep")
        return self._folder / f"{name}{suffix}"

    def _on_format_changed(self) -> None:
        self.path.setText(str(self._default_path()))
        questions = self.chosen_format() != "json"
        self.all_questions.setEnabled(questions)
        self.shown_questions.setEnabled(questions)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.path.text().strip()))

    def _on_browse_clicked(self) -> None:
        if EXPORTERS[self.chosen_format()][1] == "":
            chosen = QFileDialog.getSaveFileName(self, self.tr("New folder for the Markdown files"),
                                                 self.path.text())[0]
        else:
            suffix = EXPORTERS[self.chosen_format()][1]
            chosen = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text(),
                                                 self.tr(f"*{suffix}"))[0]
        if chosen:
            self.path.setText(chosen)
