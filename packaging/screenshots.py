"""Screenshots of every tab, as a user sees them, to look at (not part of the test suite).

Opens the app on a copy of the bundled ``questions.sqlite`` with some study data (a few
ratings, a note with code and math, a board mixing text and math, an interview in progress)
and saves PNGs of Today (overview with progress, a session), Browse (a question with math and
a code block, answer shown), Interview (set-up; running; the interview bar on another tab),
Whiteboard, Notebook (side by side), Preferences and the shortcut sheet, at 1024×640 and
1440×900, light and dark::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py OUT_DIR

``--only NAME`` (repeatable) shoots only the shots whose name contains NAME.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QRect, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from mlprep_desktop.app import create_main_window
from mlprep_desktop.core.board_model import Connector, Shape, Text, scene_to_json
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.appearance import Appearance
from mlprep_desktop.ui.help.first_run_guide import GUIDE_DONE_KEY
from mlprep_desktop.ui.whiteboard.board_image import thumbnail_png

REPO = Path(__file__).resolve().parent.parent
SIZES = ((1024, 640), (1440, 900))
THEMES = ("light", "dark")
MATH_CODE_QUESTION = "build-labels-from-event-logs"
RATED = ("bias-variance-tradeoff", "residual-connections", "decision-tree-pros-cons",
         "bayes-theorem-explained", "peft-methods-compared")
NOTE = """# Backprop, by hand

The loss for one example is $L = \\frac{1}{2}(\\hat y - y)^2$, so
$\\frac{\\partial L}{\\partial \\hat y} = \\hat y - y$.

```python
def sgd_step(w, grad, lr=0.01):
    return w - lr * grad
```

| step | what |
|------|------|
| 1 | forward, cache activations |
| 2 | backward with $\\delta = \\sigma'(z) \\odot W^T \\delta'$ |

Linked question: [[bias-variance-tradeoff]]
"""
MIXED = r"Loss $x^2 + \sum_i w_i^2$ here"


def settle(ms: int = 150) -> None:
    """Let timers (debounced rendering, layouts) run."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def seed(window) -> None:
    ctx, ops = window.context, window.operations
    browser = window.browser
    for question_id, rating in zip(RATED, (3, 2, 4, 1, 3)):
        if browser.select_question(question_id):
            if not browser.revealed:
                browser.toggle_answer()
            browser.rate(rating)
    settle()
    window.notebook.open_question_note("bias-variance-tradeoff")
    window.notebook.editor.setPlainText(NOTE)
    window.notebook.flush_pending()
    window.notebook.set_view_mode("split")
    outcome = ops.run(lambda: ctx.board_ops.create("Regularised loss"))
    if outcome is not None:
        scene = scene_to_json([
            Text("t1", 40, 40, MIXED, size=24),
            Shape("s1", "rect", 40, 120, 220, 90),
            Text("t2", 60, 150, "forward pass", size=20),
            Connector("c1", 260, 165, 120, 0),
            Shape("s2", "ellipse", 380, 120, 200, 90),
            Text("t3", 420, 150, "$\\nabla_w L$", size=22),
        ])
        ops.run(lambda: ctx.board_ops.save_scene(outcome.value, scene, None))
        window.whiteboard.open_board(outcome.value.id)
        # The app stores a thumbnail with each save from the canvas; this board was written
        # directly, so draw its thumbnail from the open canvas as a save there would.
        ops.run(lambda: ctx.board_ops.save_scene(outcome.value, scene, thumbnail_png(window.whiteboard.scene)))
        window.whiteboard.refresh_list()
    settle()


def set_theme(window, theme: str) -> None:
    look = window.context.appearance.current()
    if look.theme != theme:
        window.operations.run(lambda: window.context.appearance.set(Appearance(
            theme=theme, font_size=look.font_size, editor_family=look.editor_family,
            editor_size=look.editor_size)))
    settle(300)


class Shooter:
    def __init__(self, out: Path, only: list[str]) -> None:
        self.out, self.only, self.saved = out, only, []

    def wanted(self, name: str) -> bool:
        return not self.only or any(part in name for part in self.only)

    def __call__(self, widget: QWidget, name: str) -> None:
        if not self.wanted(name):
            return
        settle(250)
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--only", action="append", default=[])
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    shoot = Shooter(args.out, args.only)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "study.sqlite"
        shutil.copy(REPO / "questions.sqlite", db)
        ctx = AppContext.open(db)
        ctx.preferences.remember(GUIDE_DONE_KEY, True)  # a returning user
        ctx.close()
        window = create_main_window(db)
        window.show()
        settle()
        seed(window)

        def each_look():
            for theme in THEMES:
                set_theme(window, theme)
                for width, height in SIZES:
                    window.resize(width, height)
                    settle(300)
                    yield f"{width}x{height}-{theme}", QRect(0, 0, width, height)

        for look, screen in each_look():  # before the interview starts
            window.show_tab(window.interview)
            shoot(window, f"interview-setup-{look}")
            window.show_tab(window.today)
            shoot(window, f"today-{look}")
            prefs = window.show_preferences()
            prefs.resize(560, 640)
            prefs.fit_to(screen)  # as on a screen of the window's size
            shoot(prefs, f"preferences-{look}")
            prefs.close()
            sheet = window.help.show_shortcuts()
            shoot(sheet, f"help-sheet-{look}")
            sheet.close()

        window.show_tab(window.interview)
        window.interview.setup.start.click()
        settle()
        window.interview.running.answer.setPlainText(
            "Bias is error from wrong assumptions; variance is sensitivity to the sample.")
        for look, _screen in each_look():
            window.show_tab(window.interview)
            shoot(window, f"interview-running-{look}")
            window.show_tab(window.browser)
            window.browser.select_question(MATH_CODE_QUESTION)
            if not window.browser.revealed:
                window.browser.toggle_answer()
            shoot(window, f"browse-{look}")
            window.show_tab(window.whiteboard)
            shoot(window, f"whiteboard-bar-{look}")
            window.show_tab(window.notebook)
            shoot(window, f"notebook-{look}")
        window.interview.runner.flush()
        window.close()
    print("\n".join(str(path) for path in shoot.saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
