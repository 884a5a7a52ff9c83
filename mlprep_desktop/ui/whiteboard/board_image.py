"""Boards as pictures: PNG images (any scale), SVG files, list thumbnails.

``render_board_image(scene_json, scale)`` is the entry point for other parts of the app (the
notebook draws ``![[board:NAME]]`` with it): it needs a QApplication but no window.

Exports always use the light theme on white paper (printable, and the same whichever palette
the app is in); selection marks, handles and half-drawn previews never appear in a picture.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
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
    """Render without selection, handles or previews (and in ``theme`` if given)."""
    selected = scene.selectedItems()
    for item in selected:
        item.setSelected(False)
    hidden = [i for i in scene.items() if i.isVisible() and i.parentItem() is None and not scene.is_board_graphic(i)]
    for item in hidden:
        item.hide()
    old_theme = scene.theme
    if theme is not None:
        scene.set_theme(theme)
    try:
        yield
    finally:
        if theme is not None:
            scene.set_theme(old_theme)
        for item in hidden:
            item.show()
        for item in selected:
            item.setSelected(True)


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


def thumbnail_png(scene: BoardScene, width: int = 160, height: int = 100) -> bytes:
    """A small PNG of the whole board in the scene's current theme, for the board list."""
    theme = scene.theme
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(theme.paper)
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
    return png_bytes(image)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)

