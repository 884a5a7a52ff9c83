"""``NotePreview``: the rendered note, with the question view's safe link and math handling,
plus board pictures (``board:NAME`` images, fitted to the width) and, for a long note shown a
window at a time, links to the earlier and later parts (``part_requested``: -1 or +1)."""
from __future__ import annotations

from PySide6.QtCore import QUrl, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QWidget

from mlprep_desktop.rendering.note_html import NEXT_PART, PREVIOUS_PART, NotePreviewHtml
from mlprep_desktop.ui.browser.question_view import QuestionView
from mlprep_desktop.ui.notebook.board_images import BoardImages
from mlprep_desktop.ui.theme import document_css


def framed(image: QImage, color: QColor) -> QImage:
    """A copy of ``image`` with a one-pixel frame, so a board's paper stands out from the page."""
    out = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(out)
    painter.setPen(color)
    painter.drawRect(0, 0, out.width() - 1, out.height() - 1)
    painter.end()
    return out


class NotePreview(QuestionView):
    part_requested = Signal(int)

    def __init__(self, boards: BoardImages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._boards = boards
        self.shown: NotePreviewHtml | None = None

    def show_preview(self, preview: NotePreviewHtml, fraction: float | None = None) -> None:
        """Show ``preview``; keep the scroll position, or go to ``fraction`` (0..1) of it."""
        bar = self.verticalScrollBar()
        old_value, old_max = bar.value(), bar.maximum()
        self._images = preview.images
        # long code lines wrap, as in the editor, instead of scrolling the narrow side-by-side pane
        self.document().setDefaultStyleSheet(document_css(self) + " pre { white-space: pre-wrap; }")
        self.setHtml(preview.html)
        self.shown = preview
        if fraction is not None:
            self.scroll_to_fraction(fraction)
        elif old_max > 0:
            bar.setValue(round(old_value * bar.maximum() / old_max) if bar.maximum() != old_max else old_value)

    def scroll_to_fraction(self, fraction: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(round(max(0.0, min(1.0, fraction)) * bar.maximum()))

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt's API)
        if url.scheme() == "board" and kind == QTextDocument.ResourceType.ImageResource.value:
            image = self._boards.image(url.path())
            if image is None:
                return None
            width = max(120, self.viewport().width() - 48)
            if image.width() > width:
                image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            return framed(image, self.palette().color(QPalette.ColorRole.Mid))
        return super().loadResource(kind, url)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if not url.scheme() and url.fragment() in (PREVIOUS_PART, NEXT_PART):
            self.part_requested.emit(-1 if url.fragment() == PREVIOUS_PART else 1)
            return
        super()._on_anchor_clicked(url)
