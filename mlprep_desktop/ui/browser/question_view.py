"""``QuestionView``: rendered Markdown in a QTextBrowser that never follows links by itself.

Math images come from the last ``RenderedHtml`` (``mlmath:KEY``) and are drawn from SVG with
Qt's SVG renderer at the screen's pixel ratio; inline formulas sit on the text's baseline
(``MathBaselineHandler``). Any other resource (``file:``, ``http:`` …)
is refused. A click on ``question:ID`` emits ``question_link_activated`` (``note:ID``:
``note_link_activated``); ``http(s)`` and
``mailto`` open in the system's handler; everything else does nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser, QWidget

from mlprep_desktop.rendering.markdown_html import RenderedHtml
from mlprep_desktop.rendering.math_svg import MathImage
from mlprep_desktop.ui.theme import document_css
from mlprep_desktop.ui.widgets.math_baseline import MathBaselineHandler
from mlprep_desktop.ui.widgets.readable_width import ReadableWidth


def svg_to_image(image: MathImage, ratio: float) -> QImage:
    renderer = QSvgRenderer(QByteArray(image.svg.encode("utf-8")))
    width = max(1, round(image.width * ratio))
    height = max(1, round(image.height * ratio))
    out = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(0)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out.setDevicePixelRatio(ratio)
    return out


class QuestionView(QTextBrowser):
    question_link_activated = Signal(str)
    board_link_activated = Signal(str)
    note_link_activated = Signal(int)  # note:ID links (e.g. "Notes that link here")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._images: dict[str, MathImage] = {}
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.document().setDocumentMargin(12)
        self.readable_width = ReadableWidth(self)  # ~90 characters a line on a wide screen
        self._math_handler = MathBaselineHandler(self.document(), self._images_get)

    def _images_get(self, key: str) -> MathImage | None:
        return self._images.get(key)

    def show_rendered(self, rendered: RenderedHtml) -> None:
        self._images = rendered.images
        self.document().setDefaultStyleSheet(document_css(self))
        self.setHtml(rendered.html)

    def plain_text(self) -> str:
        return self.document().toPlainText()

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt's API)
        if url.scheme() == "mlmath" and kind == QTextDocument.ResourceType.ImageResource.value:
            image = self._images.get(url.path())
            if image is not None:
                return svg_to_image(image, max(1.0, self.devicePixelRatioF()) * 2.0)
        return None  # never read files or the network

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == "question":
            self.question_link_activated.emit(url.path())
        elif scheme == "board":
            self.board_link_activated.emit(url.path())
        elif scheme == "note" and url.path().isdigit():
            self.note_link_activated.emit(int(url.path()))
        elif scheme in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        # file:, javascript: and unknown schemes: deliberately nothing
