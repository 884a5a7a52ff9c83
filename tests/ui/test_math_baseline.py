"""Inline math sits on the text's line: the formula's baseline is drawn where the text's is, so
a comma after ``$b_1$`` reads as a comma, not a prime."""
from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QImage

from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
from mlprep_desktop.ui.browser.question_view import QuestionView
from mlprep_desktop.ui.theme import render_theme

RED = QColor("#ff0000")


def _ink_bottom(image: QImage, columns: range, is_ink) -> int:
    """The lowest row with ink in ``columns``."""
    for y in range(image.height() - 1, -1, -1):
        if any(is_ink(image.pixelColor(x, y)) for x in columns):
            return y
    raise AssertionError("no ink")


def _reddish(c: QColor) -> bool:
    return c.red() > 150 and c.green() < 110 and c.blue() < 110


def _dark(c: QColor) -> bool:
    return c.red() < 100 and c.green() < 100 and c.blue() < 100


@pytest.mark.parametrize(("formula", "rest"), [
    ("x_1", ""),
    ("x_1", r" and $L = -\sum_k y_k \log \hat{y}_k$ on one line"),  # a tall formula later in the line
    (r"x_{i,k}^{(2)}", ""),
    (r"x \sum_k y_k", ""),
])
def test_inline_formula_baseline_matches_the_text_baseline(qtbot, formula, rest):
    view = QuestionView()
    qtbot.addWidget(view)
    view.resize(700, 200)
    view.show()
    qtbot.waitExposed(view)
    theme = replace(render_theme(view), text_color=RED.name())  # math in red, text in black
    view.setStyleSheet("QTextBrowser { color: black; background: white; }")
    rendered = MarkdownRenderer(theme).render(f"xxxx ${formula}$, xxxx{rest}")
    view.show_rendered(rendered)
    image = view.viewport().grab().toImage()

    red_columns = [x for x in range(image.width()) if any(_reddish(image.pixelColor(x, y))
                                                           for y in range(image.height()))]
    assert red_columns, "the formula was not drawn"
    first = red_columns[0]
    math_baseline = _ink_bottom(image, range(first, first + 4), _reddish)  # the bottom of its first 'x'
    text_baseline = _ink_bottom(image, range(first - 4), _dark)  # 'xxxx' has no descenders
    assert abs(math_baseline - text_baseline) <= 1.5, (formula, math_baseline, text_baseline)


def test_inline_formula_in_a_table_cell_is_drawn_in_its_cell(qtbot):
    """Seen in the notebook screenshots: a formula in a table cell was drawn near the top of
    the page, over the heading (the cell's line was measured from the cell, not the page)."""
    view = QuestionView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    theme = replace(render_theme(view), text_color=RED.name())
    view.setStyleSheet("QTextBrowser { color: black; background: white; }")
    markdown = ("## Heading\n\nSome text above the table.\n\nMore text.\n\n"
                "| step | what |\n|------|------|\n| 1 | forward |\n| 2 | xxxx $x_1$ |\n")
    view.show_rendered(MarkdownRenderer(theme).render(markdown))
    image = view.viewport().grab().toImage()
    red_columns = [x for x in range(image.width()) if any(_reddish(image.pixelColor(x, y))
                                                           for y in range(image.height()))]
    assert red_columns, "the formula was not drawn"
    first = red_columns[0]
    math_baseline = _ink_bottom(image, range(first, first + 4), _reddish)
    text_baseline = _ink_bottom(image, range(max(0, first - 24), first - 4), _dark)  # 'xxxx' beside it
    assert abs(math_baseline - text_baseline) <= 1.5, (math_baseline, text_baseline)
