"""``UsingItDialog`` (Help › Using MLPrep): the README's "Using it" section, in the app.

The README is bundled with the app (a checkout's own, the wheel's and the frozen build's
``_bundle/README.md``), so the text a user reads here is the one on the project page.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from mlprep_desktop.core.paths import bundle_dir
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
from mlprep_desktop.ui.theme import document_css, render_theme

SECTION = "## Using it"


def using_it_markdown(readme: Path | None = None) -> str | None:
    """The "Using it" section of the README (its heading included), or None if not found."""
    path = readme or bundle_dir() / "README.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    start = text.find("\n" + SECTION + "\n")
    if start < 0:
        return None
    body = text[start + 1:]
    end = body.find("\n## ", len(SECTION))
    return body if end < 0 else body[:end]


class UsingItDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usingItDialog")
        self.setWindowTitle(self.tr("Using MLPrep"))
        self.setModal(False)
        self.view = QTextBrowser(self)
        self.view.setObjectName("usingItText")
        self.view.setAccessibleName(self.tr("Using MLPrep"))
        self.view.setOpenLinks(False)  # nothing leaves the app by accident
        self.view.document().setDefaultStyleSheet(document_css(self.view))
        markdown = using_it_markdown()
        if markdown is None:
            markdown = self.tr("The guide (README.md) is not part of this installation. "
                               "Press F1 for the keyboard shortcuts.")
        self.view.setHtml(MarkdownRenderer(render_theme(self.view)).render(markdown).html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(760, 680)
