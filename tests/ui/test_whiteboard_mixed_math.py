"""Whiteboard text that mixes words and formulas (``Loss $x^2 + \\sum_i w_i^2$ here``) is drawn
as the question view draws it, on the board, in a PNG export and in a note's board picture;
while it is edited, its source shows."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics, QImage

from mlprep_desktop.core.board_model import Text, scene_to_json
from mlprep_desktop.ui.whiteboard.board_image import MARGIN, render_board_image
from mlprep_desktop.ui.whiteboard.board_items import TextGraphic
from mlprep_desktop.ui.whiteboard.board_theme import CanvasTheme

MIXED = r"Loss $x^2 + \sum_i w_i^2$ here"


def _source_width(size: float) -> float:
    font = QFont()
    font.setPixelSize(round(size))
    return QFontMetrics(font).horizontalAdvance(MIXED)


def _inked_columns(image: QImage) -> list[int]:
    return [x for x in range(image.width())
            if any(image.pixelColor(x, y).lightness() < 128 for y in range(image.height()))]


def test_mixed_text_is_drawn_with_its_formula_and_edited_as_source(qapp):
    graphic = TextGraphic(Text("t", 0, 0, MIXED, size=24), CanvasTheme.light())
    assert graphic.is_mixed_math_shown and not graphic.is_math_shown
    # the formula is drawn, not its LaTeX: the item is much narrower than the source text
    assert graphic.boundingRect().width() < 0.8 * _source_width(24)
    graphic.start_editing()
    assert not graphic.is_mixed_math_shown and graphic.toPlainText() == MIXED  # the source is edited
    graphic.finish_editing()
    graphic.apply_model(graphic.model, CanvasTheme.light())
    assert graphic.is_mixed_math_shown


def test_mixed_text_in_the_png_export_and_the_note_picture(qapp):
    image = render_board_image(scene_to_json([Text("t", 0, 0, MIXED, size=24)]))
    columns = _inked_columns(image)
    assert columns, "nothing drawn"
    width = columns[-1] - columns[0]
    assert width < 0.8 * _source_width(24), "the LaTeX source was drawn, not the formula"
    # words on both sides of the formula: ink at the start and at the end
    assert columns[0] < MARGIN + 8
    # the text sits on one line: the ink is not taller than a formula with a sum
    assert image.height() < 4 * 24 + 2 * MARGIN


def test_text_without_math_or_with_a_bad_formula_stays_plain(qapp):
    assert not TextGraphic(Text("a", 0, 0, "costs $5 and $6", size=20), CanvasTheme.light()).is_mixed_math_shown
    bad = TextGraphic(Text("b", 0, 0, r"see $\frac{$ here", size=20), CanvasTheme.light())
    assert not bad.is_mixed_math_shown and bad.toPlainText() == r"see $\frac{$ here"
