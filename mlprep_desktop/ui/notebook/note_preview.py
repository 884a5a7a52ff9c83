"""``NotePreview``: the rendered note, with the question view's safe link and math handling,
plus board pictures (``board:NAME`` images, fitted to the width) and, for a long note shown a
window at a time, links to the earlier and later parts (``part_requested``: -1 or +1).

A board picture is scaled down (never up) to the width of the view, keeping its aspect ratio,
and scaled again when the view's width changes (``FIT_DELAY_MS`` after the last resize)."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
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

    FIT_DELAY_MS = 50
    MARGIN = 24  # room left beside a picture (document margins, the frame)
    REGROW = 32  # px the view must widen by before pictures are scaled up again

    def __init__(self, boards: BoardImages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._boards = boards
        self.shown: NotePreviewHtml | None = None
        self._board_urls: dict[str, QUrl] = {}  # board pictures in the shown document, by URL text
        self._fitted_width = 0
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(self.FIT_DELAY_MS)
        self._fit_timer.timeout.connect(self.fit_board_pictures)

    def show_preview(self, preview: NotePreviewHtml, fraction: float | None = None) -> None:
        """Show ``preview``; keep the scroll position, or go to ``fraction`` (0..1) of it."""
        bar = self.verticalScrollBar()
        old_value, old_max = bar.value(), bar.maximum()
        self._images = preview.images
        # long code lines wrap, as in the editor, instead of scrolling the narrow side-by-side pane
        self.document().setDefaultStyleSheet(document_css(self) + " pre { white-space: pre-wrap; }")
        self._board_urls.clear()
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
            width = self._picture_width()
            image = self._board_picture(url.path(), width)
            if image is not None:
                self._board_urls[url.toString()] = QUrl(url)
                self._fitted_width = width
            return image
        return super().loadResource(kind, url)

    def fit_board_pictures(self) -> None:
        """Show the board pictures scaled to the current width (the document is laid out again)."""
        self._fit_timer.stop()
        width = self._picture_width()
        if not self._needs_fit(width):
            return
        if self.shown is not None:
            self.show_preview(self.shown)  # loads the pictures again at this width, keeps the scroll position

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        if self._needs_fit(self._picture_width()):
            self._fit_timer.start()

    def _needs_fit(self, width: int) -> bool:
        # narrower: always (never a horizontal scroll bar); wider: only by more than a scroll
        # bar's width, so a scroll bar that comes and goes with the new size cannot loop
        return bool(self._board_urls) and (width < self._fitted_width or width > self._fitted_width + self.REGROW)

    def _picture_width(self) -> int:
        return max(120, self.viewport().width() - 2 * round(self.document().documentMargin()) - self.MARGIN)

    def _board_picture(self, name: str, width: int) -> QImage | None:
        image = self._boards.image(name)
        if image is None:
            return None
        if image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return framed(image, self.palette().color(QPalette.ColorRole.Mid))

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if not url.scheme() and url.fragment() in (PREVIOUS_PART, NEXT_PART):
            self.part_requested.emit(-1 if url.fragment() == PREVIOUS_PART else 1)
            return
        super()._on_anchor_clicked(url)
