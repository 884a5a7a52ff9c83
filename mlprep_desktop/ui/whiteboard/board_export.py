"""Export commands of the whiteboard tab: PNG (1× and 2×), SVG, and copy as image.

The file dialog is the only user interaction; the writing itself is in ``board_image``.
The folder last exported to is remembered (``context.preferences``).
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QStandardPaths, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from mlprep_desktop.services.preferences import Preferences
from mlprep_desktop.ui.whiteboard.board_image import MARGIN, scene_image, write_png, write_svg
from mlprep_desktop.ui.whiteboard.board_scene import BoardScene

EXPORT_DIR_KEY = "whiteboard.export_dir"


def file_stem(name: str) -> str:
    """A board name as a safe file name stem."""
    stem = re.sub(r"[^\w\- ]+", "", name, flags=re.UNICODE).strip().replace(" ", "-")
    return stem[:80] or "board"


class BoardExporter(QObject):
    message = Signal(str)
    error_occurred = Signal(str)

    def __init__(self, scene: BoardScene, settings: Preferences, parent: QWidget) -> None:
        super().__init__(parent)
        self._scene = scene
        self._settings = settings
        self._parent = parent

    def export_png(self, board_name: str, scale: float = 1.0) -> Path | None:
        suffix = "" if scale == 1 else f"@{scale:g}x"
        path = self._ask(board_name + suffix, self.tr("PNG image (*.png)"), ".png")
        if path is None:
            return None
        try:
            write_png(self._scene, path, scale)
        except OSError as exc:
            self.error_occurred.emit(str(exc))
            return None
        self.message.emit(self.tr(f"Exported {path.name}"))
        return path

    def export_svg(self, board_name: str) -> Path | None:
        path = self._ask(board_name, self.tr("SVG image (*.svg)"), ".svg")
        if path is None:
            return None
        try:
            write_svg(self._scene, path, board_name)
        except OSError as exc:
            self.error_occurred.emit(str(exc))
            return None
        self.message.emit(self.tr(f"Exported {path.name}"))
        return path

    def copy_image(self) -> bool:
        """The selection (or, with nothing selected, the whole board) to the clipboard at 2×."""
        selected = self._scene.selected_graphics()
        source = None
        if selected:
            rect = QRectF()
            for graphic in selected:
                rect = rect.united(graphic.sceneBoundingRect())
            source = rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        image, _ = scene_image(self._scene, 2.0, source=source)
        image.setDevicePixelRatio(2.0)
        QApplication.clipboard().setImage(image)
        self.message.emit(self.tr("Copied the selection as an image.") if selected
                          else self.tr("Copied the board as an image."))
        return True

    def _ask(self, name: str, file_filter: str, suffix: str) -> Path | None:
        folder = self._settings.get(EXPORT_DIR_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
        default = str(Path(folder) / (file_stem(name) + suffix))
        chosen, _ = QFileDialog.getSaveFileName(self._parent, self.tr("Export board"), default, file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self._settings.remember(EXPORT_DIR_KEY, str(path.parent))  # a convenience only
        return path
