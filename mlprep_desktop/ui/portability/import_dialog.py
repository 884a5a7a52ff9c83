"""``ImportPreviewDialog``: what an import would add and update, before anything is written."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ImportPreviewDialog(QDialog):
    """Shows the preview lines for ``path``; Import accepts (the caller then imports)."""

    def __init__(self, path: Path, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setAccessibleName(self.tr("Import preview"))
        self.setWindowTitle(self.tr("Import %1").replace("%1", path.name))
        self.resize(640, 360)
        intro = QLabel(self.tr("Nothing has been written yet. Importing %1 will:").replace("%1", str(path)), self)
        intro.setWordWrap(True)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("importPreview")
        self.preview.setAccessibleName(self.tr("What the import will do"))
        self.preview.setReadOnly(True)
        self.preview.setPlainText("\n".join(line.strip() for line in lines[1:]) or self.tr("nothing to import"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("&Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip(self.tr("Merge it into your data now, in one step (nothing of yours is lost)"))
        nothing = any("nothing to import" in line for line in lines) or len(lines) <= 1
        self.import_button.setEnabled(not nothing)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
