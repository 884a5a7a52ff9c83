"""One hostile input of issue #17, measured in a fresh app: the event loop's longest stall while
it loads and is edited (used by bench_hostile.py, which runs it in a child process). Keys are typed one per turn
of the event loop; a short note is opened first, so what any first note pays once (building the
Markdown parser, loading ziamath) is not counted against the hostile input. Prints
``stall <seconds>``; the note and paste cases also print ``floor <seconds>``: the same text set
(or pasted) and the same keys in a bare QPlainTextEdit of the editor's size, font and wrap mode,
in the same run. The bare editor shows its vertical scroll bar from the start, so the floor is
one layout of the text per edit: Qt's own cost, which no code of ours can go below (a bare
editor whose bar appears after the text lays a long line out twice). Not collected by pytest.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/hostile_probe.py CASE
"""
from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit


def _matrix(n: int) -> str:
    return r"\begin{bmatrix}" + r"\\".join("&".join("1" for _ in range(n)) for _ in range(n)) + r"\end{bmatrix}"


def _emphasis_line() -> str:
    return ("*a **a " * 50_000)[:350_000]


# Notes opened in the notebook (split view), then typed into.
NOTES: dict[str, Callable[[], str]] = {
    "open-emphasis-350kb": _emphasis_line,
    "same-formula-20000": lambda: "$x^2 + y^2$ " * 20_000,
    "formulas-10000": lambda: "\n\n".join(f"Step {i}: $z_{{{i}}} = \\alpha_{{{i}}} + {i}$" for i in range(10_000)),
    "formula-100kb": lambda: "$$" + "x+" * 50_000 + "$$",
    "matrix-300": lambda: "$$" + _matrix(300) + "$$",
    "brackets-150kb": lambda: "[" * 150_000,
}
# One line pasted with Ctrl+V into a short note, then typed after.
PASTES: dict[str, Callable[[], str]] = {
    "paste-emphasis-350kb": _emphasis_line,
    "paste-formula-350kb": lambda: "x+" * 175_000,
}
SEARCHES: dict[str, Callable[[], str]] = {
    "search-32k-words": lambda: " ".join(f"w{i}" for i in range(32_000)),
    "search-two-1mb-strings": lambda: "a" * 1_000_000 + " " + "alpha" * 200_000,
}
CASES = [*NOTES, *PASTES, "interview-review-300kb", *SEARCHES, "save-while-locked"]


class Heartbeat:
    """A 5 ms timer: the longest gap between its ticks is the longest stall."""

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

    def restart(self) -> None:
        self.longest = 0.0
        self.last = time.perf_counter()


def settle(seconds: float) -> None:
    """Let timers run (debounces, previews, math drawn in slices) for ``seconds``."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        QTest.qWait(20)


def type_keys(editor: QPlainTextEdit) -> None:
    """Three keys, each in its own turn of the event loop, as a typist's keys come."""
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for key in "abc":
        QTest.keyClick(editor, key)
        settle(0.1)


def paste_and_type(editor: QPlainTextEdit, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QApplication.clipboard().setText(text)
    QTest.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    settle(1.0)
    type_keys(editor)


def main(case: str) -> int:
    from mlprep_desktop.app import create_main_window

    folder = Path(tempfile.mkdtemp(prefix="mlprep-hostile-"))
    window = create_main_window(folder / "questions.sqlite")
    window.resize(1280, 800)
    window.show()
    settle(0.5)
    beat = Heartbeat()
    floor = None
    if case in NOTES or case in PASTES:
        window.tabs.setCurrentWidget(window.notebook)
        tab = window.notebook
        settle(0.2)
        tab.set_view_mode("split")
        warm = window.context.notes.create("Warm-up", "A first note: *Markdown* and $x^2$.")
        tab.refresh()
        tab.open_note(warm.id)  # what any first note pays once (the Markdown parser, ziamath)
        settle(1.0)
        note = window.context.notes.create("Hostile", NOTES[case]() if case in NOTES else "Intro")
        tab.refresh()
        if case in NOTES:
            text = NOTES[case]()
            beat.restart()
            tab.open_note(note.id)
            settle(0.3)
            type_keys(tab.editor)
        else:
            tab.open_note(note.id)
            settle(0.3)
            text = PASTES[case]()
            beat.restart()
            paste_and_type(tab.editor, text)
        settle(3.0)
        beat.beat()
        # the same in a bare widget: Qt's floor
        stall = beat.longest
        bare = QPlainTextEdit()
        bare.setFont(tab.editor.font())
        bare.setWordWrapMode(tab.editor.wordWrapMode())
        bare.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        bare.resize(tab.editor.size())
        bare.setPlainText("Intro")
        window.hide()
        bare.show()
        settle(0.3)
        beat.restart()
        if case in NOTES:
            bare.setPlainText(text)
            settle(0.3)
            type_keys(bare)
        else:
            paste_and_type(bare, text)
        settle(1.0)
        beat.beat()
        floor, beat.longest = beat.longest, stall
    elif case == "interview-review-300kb":
        from mlprep_desktop.core.interview_models import InterviewConfig

        tab = window.interview
        window.tabs.setCurrentWidget(tab)
        settle(0.2)
        assert tab.start(InterviewConfig(count=1))
        answer = "\n\n".join(f"Point {i}: the loss term $w_{{{i}}}^2$ shrinks weight {i}." for i in range(6_000))
        tab.running.answer.setPlainText(answer)
        settle(0.5)
        beat.restart()
        tab.runner.end()
        settle(3.0)
    elif case in SEARCHES:
        window.tabs.setCurrentWidget(window.browser)
        settle(0.2)
        box = window.findChild(QLineEdit, "searchBox")
        text = SEARCHES[case]()
        beat.restart()
        box.setText(text)
        settle(2.0)
    elif case == "save-while-locked":
        window.tabs.setCurrentWidget(window.notebook)
        settle(0.2)
        note = window.context.notes.create("Locked", "start")
        window.notebook.refresh()
        window.notebook.open_note(note.id)
        other = sqlite3.connect(window.context.database.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        QApplication.instance().setProperty("quiet", True)
        beat.restart()
        window.notebook.editor.setFocus()
        QTest.keyClicks(window.notebook.editor, " typed while locked")
        settle(3.0)
        other.execute("ROLLBACK")
    else:
        print(f"error unknown case {case}")
        return 2
    beat.beat()
    print(f"stall {beat.longest:.3f}", flush=True)
    if floor is not None:
        print(f"floor {floor:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    from mlprep_desktop.app import ensure_application

    ensure_application()
    sys.exit(main(sys.argv[1]))
