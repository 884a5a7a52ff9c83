"""``BoardImages``: pictures of whiteboard boards for ``![[board:NAME]]`` in notes.

A board is found by name (``BoardRepository.find_by_name``) and drawn with the whiteboard's
``render_board_image``. A missing board, or one that cannot be drawn, counts as not found
and the preview says so. Pictures are cached by name until ``clear()`` (call it when boards
change).
"""
from __future__ import annotations

import logging

from PySide6.QtGui import QImage

from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.ui.whiteboard.board_image import png_bytes, render_board_image

log = logging.getLogger("mlprep")


class BoardImages:
    def __init__(self, context: AppContext) -> None:
        self._ctx = context
        self._images: dict[tuple[str, bool], QImage | None] = {}
        self.dark = False  # draw on the whiteboard's dark paper (the preview in a dark palette)

    def clear(self) -> None:
        self._images.clear()

    def exists(self, name: str) -> bool:
        return self.image(name) is not None

    def image(self, name: str, dark: bool | None = None) -> QImage | None:
        """The board's picture at scale 1 (None when there is no such board to draw)."""
        dark = self.dark if dark is None else dark
        key = (" ".join(name.split()).casefold(), dark)
        if key not in self._images:
            self._images[key] = self._draw(name, dark)
        return self._images[key]

    def png(self, name: str) -> bytes | None:
        """The board's picture on light paper as PNG bytes (for exports)."""
        image = self.image(name, dark=False)
        return None if image is None else png_bytes(image)

    def _draw(self, name: str, dark: bool) -> QImage | None:
        try:
            board = self._ctx.boards.find_by_name(name)
            if board is None:
                return None
            image = render_board_image(board.scene_json, 1.0, dark=dark)
        except Exception:  # a board the whiteboard cannot draw is shown as not found, and logged
            log.exception("could not draw board %r for a note", name)
            return None
        return image if image is not None and not image.isNull() else None
