"""``PreviewSync``: keeps the preview in step with the editor.

- Renders after a pause in typing (``PREVIEW_MS``; longer for long notes) and only while the
  preview is visible; a view-mode switch that shows it renders at once if it is stale.
- Scrolls the preview with the editor (by proportion).
- A long note (over ``LARGE_NOTE_CHARS``) is rendered on the event loop's next turn after it is
  opened (not in the turn that loads it into the editor), and is previewed a window at a time around the editor's
  first visible line, with links to the earlier and later parts; the window follows the editor.
  Such a window is rendered a piece per turn of the event loop when it follows a pause, an open
  or drawn formulas (``render_now`` still renders at once): ~65-115 ms of Markdown and math for
  10,000 formulas became a few stalls of ~20-50 ms. Until it is shown, ``pending`` is True.
"""
from __future__ import annotations

from collections.abc import Generator

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel

from mlprep_desktop.rendering.note_html import LARGE_NOTE_CHARS, NotePreviewHtml, NoteRenderer
from mlprep_desktop.ui.notebook.note_editor import NoteEditor
from mlprep_desktop.ui.notebook.note_preview import NotePreview
from mlprep_desktop.ui.widgets.math_prerenderer import RENDER_BUDGET_S, MathPrerenderer


class PreviewSync(QObject):
    PREVIEW_MS = 250
    LARGE_PREVIEW_MS = 600

    def __init__(self, editor: NoteEditor, preview: NotePreview, notice: QLabel, renderer: NoteRenderer,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._preview = preview
        self._notice = notice
        self._renderer = renderer
        self._mode = "split"
        self._active = False
        self._stale = True
        self._line: int | None = None  # the line a long note's window is around (None: the editor's top)
        self._moving_editor = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        # a long note's window rendered a piece per turn: (its steps, editor's top line, length)
        self._steps: tuple[Generator[None, None, NotePreviewHtml], int, int] | None = None
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._on_step_timer_timeout)
        self._math = MathPrerenderer(self)  # formulas a render left pending, drawn a slice at a time
        self._math.finished.connect(self._on_math_finished)
        editor.verticalScrollBar().valueChanged.connect(self._on_editor_scrolled)
        preview.part_requested.connect(self._on_preview_part_requested)

    @property
    def view_mode(self) -> str:
        return self._mode

    @property
    def pending(self) -> bool:
        return self._timer.isActive() or self._steps is not None

    def set_view_mode(self, mode: str) -> None:
        self._mode = mode
        had_focus = self._editor.hasFocus()
        self._editor.setVisible(mode != "preview")
        self._preview.parentWidget().setVisible(mode != "editor")
        if mode != "editor" and self._stale:
            self.render_now()
        if mode == "preview":
            self._preview.setFocus()
        elif had_focus or mode == "editor":
            self._editor.setFocus()

    def note_loaded(self, active: bool = True) -> None:
        """A note (or nothing, when ``active`` is False) was loaded into the editor."""
        self._active = active
        self._line = None
        self._cancel_steps()
        self._preview.verticalScrollBar().setValue(0)
        if active and self._editor.document().characterCount() > LARGE_NOTE_CHARS:
            # on the next turn of the event loop: loading a long note and rendering its
            # preview (~100 ms each for 10,000 formulas) are then two short stalls, not one
            self._stale = True
            self._timer.start(0)
            return
        self.render_now()

    def schedule(self) -> None:
        """Re-render after a pause (the text or what it refers to changed)."""
        self._stale = True
        self._cancel_steps()
        if self._mode == "editor":
            return
        large = self._editor.document().characterCount() > LARGE_NOTE_CHARS
        self._timer.start(self.LARGE_PREVIEW_MS if large else self.PREVIEW_MS)

    def render_now(self) -> None:
        self._render(stepped=False)

    def _on_timer_timeout(self) -> None:
        self._render(stepped=True)

    def _on_math_finished(self) -> None:
        self._render(stepped=True)

    def _render(self, stepped: bool) -> None:
        """Render the preview: at once, or with ``stepped`` a long note's window a piece per
        turn of the event loop (shown when the last piece is done)."""
        self._timer.stop()
        self._cancel_steps()
        if not self._active:
            self._math.cancel()
            self._preview.clear()
            self._notice.hide()
            self._stale = False
            return
        if self._mode == "editor":
            self._stale = True
            return
        text = self._editor.toPlainText()
        top = self._editor.firstVisibleBlock().blockNumber()
        steps = self._renderer.render_steps(text, around_line=self._line if self._line is not None else top,
                                            math_budget=RENDER_BUDGET_S)
        if stepped and len(text) > LARGE_NOTE_CHARS:
            self._steps = (steps, top, len(text))
            self._step_timer.start()
            return
        while True:
            try:
                next(steps)
            except StopIteration as done:
                self._show(done.value, top, len(text))
                return

    def _on_step_timer_timeout(self) -> None:
        if self._steps is None:
            return
        steps, top, length = self._steps
        try:
            next(steps)
        except StopIteration as done:
            self._steps = None
            self._show(done.value, top, length)
            return
        self._step_timer.start()

    def _cancel_steps(self) -> None:
        if self._steps is not None:
            self._steps[0].close()
            self._steps = None
        self._step_timer.stop()

    def _show(self, result: NotePreviewHtml, top: int, length: int) -> None:
        self._math.start(result.pending_math)
        fraction = None
        if result.partial:
            span = max(1, result.last_line - result.first_line + 1)
            fraction = (top - result.first_line) / span if self._line is None else 0.0
            self._notice.setText(self.tr(
                f"This is a long note ({length:,} characters), so the preview shows lines "
                f"{result.first_line + 1}–{result.last_line + 1} of {result.total_lines}, around the editor's "
                "position. It follows the editor as you scroll."))
        self._notice.setVisible(result.partial)
        self._preview.show_preview(result, fraction)
        self._stale = False

    def _on_editor_scrolled(self, value: int) -> None:
        if self._moving_editor or self._mode != "split" or not self._active:
            return
        self._line = None
        shown = self._preview.shown
        if shown is not None and shown.partial:
            top = self._editor.firstVisibleBlock().blockNumber()
            if shown.first_line <= top <= shown.last_line:
                self._preview.scroll_to_fraction((top - shown.first_line) / max(1, shown.last_line - shown.first_line + 1))
            else:
                self._stale = True
                self._timer.start(self.PREVIEW_MS)
            return
        bar = self._editor.verticalScrollBar()
        self._preview.scroll_to_fraction(value / bar.maximum() if bar.maximum() else 0.0)

    def _on_preview_part_requested(self, direction: int) -> None:
        shown = self._preview.shown
        if shown is None or not shown.partial:
            return
        line = max(0, shown.first_line - 1) if direction < 0 else min(shown.total_lines - 1, shown.last_line + 1)
        self._line = line
        self._moving_editor = True
        try:  # bring the editor along, so both show the same part
            block = self._editor.document().findBlockByNumber(line)
            self._editor.setTextCursor(QTextCursor(block))
            self._editor.centerCursor()
        finally:
            self._moving_editor = False
        self.render_now()
