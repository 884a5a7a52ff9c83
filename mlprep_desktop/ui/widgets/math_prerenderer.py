"""``MathPrerenderer``: draws the formulas a render left pending, a slice at a time.

A view renders with a math budget (``MarkdownRenderer.render(…, math_budget=…)``); formulas
not drawn in time are shown as source and handed here. They are drawn in slices of
``SLICE_S`` on the GUI thread between events (ziamath is not thread-safe, and a formula is
bounded by ``MAX_FORMULA_CHARS``), so typing and scrolling stay responsive; ``finished`` then
asks the view to render again, now from the cache. A new ``start`` replaces what was pending.
The process's first formulas wait while ziamath and its font load on a background thread
(~0.2-0.3 s that blocked the window when the first formula was drawn here).
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from mlprep_desktop.rendering.markdown_html import prerender_math
from mlprep_desktop.rendering.math_svg import drawing_loading, drawing_ready, load_drawing_in_background

# Time a view may spend drawing new formulas in one render, and in one slice afterwards.
RENDER_BUDGET_S = 0.04
SLICE_S = 0.03
# While ziamath loads on a background thread (the process's first formulas), look this often.
LOADING_POLL_MS = 20


class MathPrerenderer(QObject):
    finished = Signal()  # every pending formula is drawn: render again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._todo: list[tuple[str, bool, str]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def busy(self) -> bool:
        return bool(self._todo)

    def start(self, pending: Iterable[tuple[str, bool, str]], after_ms: int = 0) -> None:
        """Draw ``pending`` (replacing any earlier list) from ``after_ms`` on (a view that is
        typed into waits for a pause: a new ``start`` restarts the wait); nothing to do:
        nothing happens."""
        self._todo = list(pending)
        if self._todo:
            self._timer.start(after_ms)
        else:
            self._timer.stop()

    def cancel(self) -> None:
        self._todo = []
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        if not drawing_ready():  # the first formula of the process: load ziamath off this thread
            load_drawing_in_background()
            if drawing_loading():
                self._timer.start(LOADING_POLL_MS)
                return
        self._todo = prerender_math(self._todo, SLICE_S)
        if self._todo:
            self._timer.start(0)
        else:
            self.finished.emit()
