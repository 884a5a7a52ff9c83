"""Boards as pictures: PNG images (any scale), SVG files, list thumbnails.

``render_board_image(scene_json, scale)`` is the entry point for other parts of the app (the
notebook draws ``![[board:NAME]]`` with it): it needs a QApplication but no window.

Exports always use the light theme on white paper (printable, and the same whichever palette
the app is in); selection marks, handles and half-drawn previews never appear in a picture.

List thumbnails follow the app's palette instead. The stored PNG (``thumbnail_png``) has a
transparent background and notes the ink colour it was drawn with; ``list_thumbnail`` puts it
on the current theme's paper with its ink in the current theme's ink, so a board saved in
the light palette reads in the dark one and back, without drawing the board again.
"""
from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from mlprep_desktop.core.board_model import scene_from_json
from mlprep_desktop.ui.whiteboard.board_scene import BoardScene
from mlprep_desktop.ui.whiteboard.board_theme import CanvasTheme

MARGIN = 16.0
MAX_SIDE = 16384  # pixels; a bigger export is scaled down to fit
EMPTY_SIZE = QSize(240, 120)


def render_board_image(scene_json: str, scale: float = 1.0, *, dark: bool = False) -> QImage:
    """A stored scene as an image at ``scale`` (1.0: one pixel per scene unit), on paper of
    the light (or ``dark``) theme. An empty board gives a blank 240×120 image.

    Raises ``core.board_model.BoardFormatError`` when ``scene_json`` is not a board."""
    theme = CanvasTheme.dark_theme() if dark else CanvasTheme.light()
    scene = BoardScene(theme)
    try:
        scene.load(scene_from_json(scene_json), warm_json=False)
        image, _ = scene_image(scene, scale, theme=theme)
    finally:
        scene.load([], warm_json=False)
        scene.deleteLater()
    return image


@contextmanager
def clean_render(scene: BoardScene, theme: CanvasTheme | None = None) -> Iterator[None]:
    """Render without selection, handles or previews (and in ``theme`` if given).

    Side-effect free for the user: the scene's signals are blocked while it lasts (the
    selection comes back as it was, so nothing needs to hear about it), and items that are
    not part of the board are made fully transparent rather than hidden, because hiding the
    text being typed would take its focus and end the edit (an autosave runs while the user
    types)."""
    blocked = scene.blockSignals(True)
    selected = scene.selectedItems()
    for item in selected:
        item.setSelected(False)
    extras = [(i, i.opacity()) for i in scene.items()
              if i.isVisible() and i.parentItem() is None and not scene.is_board_graphic(i)]
    for item, _ in extras:
        item.setOpacity(0.0)
    old_theme = scene.theme
    if theme is not None:
        scene.set_theme(theme)
    try:
        yield
    finally:
        if theme is not None:
            scene.set_theme(old_theme)
        for item, opacity in extras:
            item.setOpacity(opacity)
        for item in selected:
            item.setSelected(True)
        scene.blockSignals(blocked)


def export_rect(scene: BoardScene, margin: float = MARGIN) -> QRectF:
    """The part of the scene a picture shows: the content plus a margin."""
    content = scene.content_rect()
    if content.isEmpty():
        return QRectF()
    return content.adjusted(-margin, -margin, margin, margin)


def scene_image(scene: BoardScene, scale: float = 1.0, *, theme: CanvasTheme | None = None,
                margin: float = MARGIN, source: QRectF | None = None) -> tuple[QImage, QRectF]:
    """The board (or the ``source`` part of the scene) as an image, and the scene rectangle
    it shows: pixel = (point - rect.topLeft()) * scale."""
    theme = theme or CanvasTheme.light()
    source = QRectF(source) if source is not None else export_rect(scene, margin)
    if source.isEmpty():
        image = QImage(EMPTY_SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(theme.paper)
        return image, QRectF(0, 0, EMPTY_SIZE.width() / scale, EMPTY_SIZE.height() / scale)
    scale = min(scale, MAX_SIDE / source.width(), MAX_SIDE / source.height())
    size = QSize(max(1, math.ceil(source.width() * scale)), max(1, math.ceil(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(theme.paper)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    with clean_render(scene, theme):
        scene.render(painter, QRectF(0, 0, source.width() * scale, source.height() * scale), source,
                     Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image, source


def write_png(scene: BoardScene, path: Path | str, scale: float = 1.0) -> QRectF:
    """Save the board as PNG. Returns the scene rectangle shown. Raises OSError on failure."""
    image, source = scene_image(scene, scale)
    if not image.save(str(path), "PNG"):
        raise OSError(f"Could not write {path}")
    return source


def write_svg(scene: BoardScene, path: Path | str, title: str = "Whiteboard") -> QRectF:
    """Save the board as SVG (vector: strokes and shapes as paths, text as text)."""
    source = export_rect(scene)
    if source.isEmpty():
        source = QRectF(0, 0, EMPTY_SIZE.width(), EMPTY_SIZE.height())
    width, height = math.ceil(source.width()), math.ceil(source.height())
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setTitle(title)
    generator.setDescription("Exported from MLPrep Desktop")
    theme = CanvasTheme.light()
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"Could not write {path}")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(QRectF(0, 0, width, height), theme.paper)
    with clean_render(scene, theme):
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source,
                     Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return source


THUMB_INK_KEY = "mlprep-ink"  # PNG text: the ink colour a thumbnail was drawn with


def thumbnail_png(scene: BoardScene, width: int = 160, height: int = 100) -> bytes:
    """A small PNG of the whole board for the board list: the items in the scene's current
    theme on a transparent background, the theme's ink noted in the PNG (see
    ``list_thumbnail``)."""
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    source = export_rect(scene, 8.0)
    if not source.isEmpty():
        scale = min(width / source.width(), height / source.height(), 1.0)
        w, h = source.width() * scale, source.height() * scale
        target = QRectF((width - w) / 2, (height - h) / 2, w, h)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        with clean_render(scene):
            scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        painter.end()
    image.setText(THUMB_INK_KEY, scene.theme.ink.name())
    return png_bytes(image)


def list_thumbnail(png: bytes, theme: CanvasTheme, size: QSize) -> QImage | None:
    """A stored thumbnail as the board list shows it in ``theme``: scaled to fit ``size``, on
    the theme's paper, what was drawn in ink in the theme's ink. None if ``png`` is no image.

    A thumbnail stored before they were transparent (opaque, on the paper of the palette it
    was saved in) has its greys carried from that paper and ink to ``theme``'s."""
    image = QImage.fromData(png, "PNG")
    if image.isNull():
        return None
    ink = image.text(THUMB_INK_KEY)
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied).scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    if ink and QColor(ink).isValid():
        _recolour(image, QColor(ink), theme.ink)
    else:
        _retheme_opaque(image, theme)
    shown = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
    shown.fill(theme.paper)
    painter = QPainter(shown)
    painter.drawImage(0, 0, image)
    painter.end()
    return shown


def _pixels(image: QImage):
    """(memory, offsets of blue, green, red, alpha) of a ``Format_ARGB32`` image's bytes."""
    order = (0, 1, 2, 3) if sys.byteorder == "little" else (3, 2, 1, 0)
    return image.bits(), order


def _recolour(image: QImage, old: QColor, new: QColor) -> None:
    """Pixels of colour ``old`` (any alpha) become ``new``, in place. Colours are compared
    with a tolerance that grows as alpha falls (a faint pixel's colour is only approximate)."""
    bits, (bi, gi, ri, ai) = _pixels(image)
    ob, og, orr = old.blue(), old.green(), old.red()
    nb, ng, nr = new.blue(), new.green(), new.red()
    for i in range(0, len(bits), 4):
        a = bits[i + ai]
        if not a:
            continue
        tolerance = 6 + 510 // a
        if (abs(bits[i + bi] - ob) <= tolerance and abs(bits[i + gi] - og) <= tolerance
                and abs(bits[i + ri] - orr) <= tolerance):
            bits[i + bi], bits[i + gi], bits[i + ri] = nb, ng, nr


def _retheme_opaque(image: QImage, theme: CanvasTheme) -> None:
    """An opaque thumbnail drawn on the other theme's paper, brought to ``theme``, in place:
    greys between the old paper and ink go to the same place between ``theme``'s; a colour
    is taken off the old paper (as the colour and coverage it was painted with) and put on
    the new one."""
    if image.width() == 0 or image.height() == 0:
        return
    paper = image.pixelColor(0, 0)
    if paper.alpha() < 255 or (paper.lightness() >= 128) == (theme.paper.lightness() >= 128):
        return  # transparent, or drawn in a palette like this one
    ink = (CanvasTheme.light() if paper.lightness() >= 128 else CanvasTheme.dark_theme()).ink
    old_paper = (paper.blue(), paper.green(), paper.red())
    p0, i0 = sum(old_paper) / 3, (ink.red() + ink.green() + ink.blue()) / 3
    new_paper = (theme.paper.blue(), theme.paper.green(), theme.paper.red())
    new_ink = (theme.ink.blue(), theme.ink.green(), theme.ink.red())
    bits, (bi, gi, ri, _) = _pixels(image)
    for i in range(0, len(bits), 4):
        pixel = (bits[i + bi], bits[i + gi], bits[i + ri])
        if max(pixel) - min(pixel) <= 16:  # ink on paper
            t = min(1.0, max(0.0, (sum(pixel) / 3 - p0) / (i0 - p0)))
            out = [n + (k - n) * t for n, k in zip(new_paper, new_ink)]
        else:  # a colour, painted over the paper with some coverage
            cover = max((c - q) / (255 - q) if c >= q else (q - c) / q if q else 0.0
                        for c, q in zip(pixel, old_paper))
            color = [q + (c - q) / cover for c, q in zip(pixel, old_paper)]
            out = [n + (c - n) * cover for c, n in zip(color, new_paper)]
        bits[i + bi], bits[i + gi], bits[i + ri] = (min(255, max(0, round(v))) for v in out)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)

