"""One hostile input, measured in a fresh app: the event loop's longest stall while it loads
(used by bench_hostile.py, which runs it in a child process against the current tree and an
older one). Prints ``stall <seconds>`` or ``error <text>``. Not collected by pytest.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/hostile_probe.py CASE
"""
from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit


def _matrix(n: int) -> str:
    return r"\begin{bmatrix}" + r"\\".join("&".join("1" for _ in range(n)) for _ in range(n)) + r"\end{bmatrix}"


NOTES = {
    "bold-line-350kb": lambda: ("*a **a " * 50_000)[:350_000],
    "same-formula-20000": lambda: "$x^2 + y^2$ " * 20_000,
    "formulas-10000": lambda: "\n\n".join(f"Step {i}: $z_{{{i}}} = \\alpha_{{{i}}} + {i}$" for i in range(10_000)),
    "formula-100kb": lambda: "$$" + "x+" * 50_000 + "$$",
    "matrix-300": lambda: "$$" + _matrix(300) + "$$",
    "brackets-150kb": lambda: "[" * 150_000,
}
CASES = [*NOTES, "search-32k-words", "save-while-locked"]


class Heartbeat:
    def __init__(self) -> None:
        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.beat)
        self.timer.start()

    def beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def settle(seconds: float) -> None:
    """Let timers run (debounces, previews, math drawn in slices) for ``seconds``."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        QTest.qWait(20)


def main(case: str) -> int:
    from mlprep_desktop.app import create_main_window

    folder = Path(tempfile.mkdtemp(prefix="mlprep-hostile-"))
    window = create_main_window(folder / "questions.sqlite")
    window.resize(1280, 800)
    window.show()
    settle(0.5)
    beat = Heartbeat()
    if case in NOTES:
        tab = window.notebook
        window.tabs.setCurrentWidget(tab)
        note = window.context.notes.create("Hostile", NOTES[case]())
        tab.refresh()
        tab.set_view_mode("split")
        beat.last = time.perf_counter()
        tab.open_note(note.id)
        tab.editor.setFocus()
        QTest.keyClicks(tab.editor, "abc")
        settle(3.0)
    elif case == "search-32k-words":
        window.tabs.setCurrentWidget(window.browser)
        box = window.findChild(QLineEdit, "searchBox")
        beat.last = time.perf_counter()
        box.setText(" ".join(f"w{i}" for i in range(32_000)))
        settle(1.0)
    elif case == "save-while-locked":
        window.tabs.setCurrentWidget(window.notebook)
        note = window.context.notes.create("Locked", "start")
        window.notebook.refresh()
        window.notebook.open_note(note.id)
        other = sqlite3.connect(window.context.database.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        QApplication.instance().setProperty("quiet", True)
        beat.last = time.perf_counter()
        window.notebook.editor.setFocus()
        QTest.keyClicks(window.notebook.editor, " typed while locked")
        settle(3.0)
        other.execute("ROLLBACK")
    else:
        print(f"error unknown case {case}")
        return 2
    beat.beat()
    print(f"stall {beat.longest:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    from mlprep_desktop.app import ensure_application

    ensure_application()
    sys.exit(main(sys.argv[1]))
