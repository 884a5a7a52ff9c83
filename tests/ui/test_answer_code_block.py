"""Code blocks in answers read as one box: padded, no pale stripes at blank lines, and a long
line wraps inside the block instead of widening the whole pane. Counts are said in words
that agree with them, and an interview does not show the bank's "about N min"."""
from __future__ import annotations

from mlprep_desktop.core.models import Question
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer
from mlprep_desktop.rendering.question_html import question_markdown
from mlprep_desktop.ui.browser.question_view import QuestionView
from mlprep_desktop.ui.theme import render_theme

CODE = """Before the code.

```python
from typing import List, Tuple

import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_score  # a comment long enough to pass the edge


def f(x):
    return x
```

After the code."""


def test_code_block_is_one_padded_box_that_wraps_its_lines(qtbot):
    view = QuestionView()
    qtbot.addWidget(view)
    view.resize(520, 480)
    view.show()
    qtbot.waitExposed(view)
    view.show_rendered(MarkdownRenderer(render_theme(view)).render(CODE))
    assert view.horizontalScrollBar().maximum() == 0  # the long line wraps inside the block

    assert len(view.document().rootFrame().childFrames()) == 1, "the code block is one box"
    image = view.viewport().grab().toImage()
    first = view.cursorRect(view.document().find("from"))  # the first line of code
    row = first.center().y()
    page = image.pixelColor(1, row)
    left = next(x for x in range(image.width()) if image.pixelColor(x, row) != page)  # the box's left edge
    background = image.pixelColor(left + 2, row)
    assert first.left() >= left + 6  # padding before the code
    # down the box's left padding the background runs unbroken, past the blank lines: no stripes
    runs, inside = 0, False
    for y in range(image.height()):
        now = image.pixelColor(left + 2, y) == background
        runs += now and not inside
        inside = now
    assert runs == 1
    last = view.cursorRect(view.document().find("return"))
    assert image.pixelColor(left + 2, first.top() - 4) == background  # padding above the first line
    assert image.pixelColor(left + 2, last.bottom() + 4) == background  # and below the last


def test_an_interview_does_not_show_the_banks_minutes():
    q = Question(id="q", type="theory", topic="fundamentals", difficulty="beginner", minutes=35, title="Why?",
                 prompt="", answer="Because.", key_points=(), pitfalls=(), follow_ups=(), tags=(), related=())
    assert "about 35 min" in question_markdown(q, reveal=False)
    assert "min" not in question_markdown(q, reveal=False, show_minutes=False).split("\n\n")[1]
