"""``MathBaselineHandler``: draws inline math images on the text's baseline.

Qt's rich text cannot place an image by its baseline: an image is either sat on the baseline
(its bottom there, so a formula's descent lifts it) or, with ``vertical-align: middle``,
centred in the line box, which drops a formula below the line and makes a comma after
``b_1`` read as a prime. The renderer pads inline formulas (``math_svg.baseline_aligned``)
so that the line box reserves room above and below the baseline for them; this handler then
draws each such image with the formula's own baseline on the baseline of the line it is in.
Every other image (board pictures, display math) is drawn by Qt's own handler.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPainter, QPyTextObject, QTextDocument, QTextFormat
from shiboken6 import Shiboken

from mlprep_desktop.rendering.math_svg import MathImage

_IMAGE = QTextFormat.ObjectTypes.ImageObject.value
_SCHEME = "mlmath:"


class MathBaselineHandler(QPyTextObject):
    """Installed on ``document``'s layout in place of Qt's image handler (kept as the fallback).
    ``images(key)`` gives the ``MathImage`` shown for ``mlmath:KEY``, or None."""

    def __init__(self, document: QTextDocument, images: Callable[[str], MathImage | None]) -> None:
        super().__init__(document)
        self._images = images
        layout = document.documentLayout()
        fallback = layout.handlerForObject(_IMAGE)
        self._fallback = fallback
        layout.registerHandler(_IMAGE, self)
        # Qt's handler is a child of the layout and dies with it, unseen by PySide (it is not a
        # QObject to Python): drop the wrapper then, or PySide would hand this stale wrapper
        # out for whatever object is later allocated at the same address.
        layout.destroyed.connect(lambda *_: Shiboken.invalidate(fallback))

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:  # noqa: N802 (Qt's API)
        return self._fallback.intrinsicSize(doc, pos, fmt)

    def drawObject(self, painter: QPainter, rect: QRectF, doc: QTextDocument, pos: int,  # noqa: N802 (Qt's API)
                   fmt: QTextFormat) -> None:
        self._fallback.drawObject(painter, self.placed(rect, doc, pos, fmt), doc, pos, fmt)

    def placed(self, rect: QRectF, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QRectF:
        """Where the image at ``pos`` is drawn: ``rect`` (Qt's choice), moved up or down so an
        aligned formula's baseline is on its line's baseline."""
        name = fmt.toImageFormat().name()
        image = self._images(name[len(_SCHEME):]) if name.startswith(_SCHEME) else None
        if image is None or not image.aligned or image.height <= 0:
            return rect
        block = doc.findBlock(pos)
        layout = block.layout()
        line = layout.lineForTextPosition(pos - block.position()) if layout is not None else None
        if line is None or not line.isValid():
            return rect
        # The block's place on the page: its layout's position is relative to its frame (a
        # table cell's), the layout's bounding rect adds the frames' and cells' offsets.
        top = doc.documentLayout().blockBoundingRect(block).top()
        baseline = top + line.y() + line.ascent()
        above = rect.height() * (image.height - image.depth) / image.height
        return QRectF(rect.x(), baseline - above, rect.width(), rect.height())
