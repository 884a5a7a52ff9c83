"""Benchmark: a 1 MB note in the Notebook tab (not collected by pytest).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_notebook.py [--size BYTES]

Builds a note of ``--size`` characters in each shape (``--shape``, default both), stores it in a
fresh database and measures, in the real main window, side-by-side view:

- ``study``: a realistic study note (headings, prose, lists, fenced Python, inline and display
  math, tables, [[links]]);
- ``fence``: the whole note is ONE fenced Python block (a pasted log or source file), the case
  that used to re-render the whole note with Pygments after every typing pause.

Per shape:
- open: from choosing the note to editor, highlighting and preview window all shown;
- typing: the time each keystroke takes to handle (key event + resulting repaint work), typed
  one every 100 ms in the middle of the note, so the autosave (1 s) and preview timers fire in
  between, plus the longest stall of the event loop during that typing, and the longest stall
  including the pauses after it (when the autosave and the preview refresh run);
- autosave: one debounced save of the whole note (text out of the editor, SQL, FTS5, links);
- preview refresh after an edit, and a search over all notes.
Prints one line per figure (milliseconds).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mlprep_desktop.app import create_main_window, ensure_application  # noqa: E402
from mlprep_desktop.core.note_models import NoteFilter  # noqa: E402

SECTION = """## {i}. Regularization, take {i}

The **bias** of an estimator is $E[\\hat\\theta_{i}] - \\theta$; its *variance* is how much it moves
between training sets. Compare [[bias-variance-tradeoff]] and [[l1-vs-l2-regularization]].

- Low bias, high variance: a deep tree grown on sample {i}.
- High bias, low variance: a linear model on curved data, fold {i}.

$$\\hat w_{{ridge}} = (X^\\top X + {i} I)^{{-1}} X^\\top y$$

```python
def ridge_{i}(X, y, lam={i}.0):
    \"\"\"Closed-form ridge regression, variant {i}.\"\"\"
    n, d = X.shape
    return np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)
```

| model {i} | bias | variance |
|-----------|------|----------|
| tree      | low  | high     |
| linear    | high | low      |

"""


def study_note(size: int) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        part = SECTION.format(i=i)
        parts.append(part)
        total += len(part)
        i += 1
    return "".join(parts)[:size]


FENCE_LINE = "    result_{i} = model.fit(X_train[{i}:], y_train[{i}:], epochs={i} % 7 + 1)  # run {i}\n"


def one_fence_note(size: int) -> str:
    """A note that is one fenced code block from its second line to its last."""
    head, tail = "# Pasted training script\n\n```python\ndef train_all(model, X_train, y_train):\n", "```\n"
    lines, total, i = [head], len(head) + len(tail), 0
    while total < size:
        line = FENCE_LINE.format(i=i)
        lines.append(line)
        total += len(line)
        i += 1
    return "".join(lines) + tail


SHAPES = {"study": study_note, "fence": one_fence_note}


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_048_576, help="characters in the note (default 1 MiB)")
    parser.add_argument("--keys", type=int, default=60, help="keystrokes to type")
    parser.add_argument("--shape", choices=[*SHAPES, "all"], default="all", help="which note to measure")
    args = parser.parse_args()

    app = ensure_application()
    folder = Path(tempfile.mkdtemp(prefix="mlprep-bench-"))
    window = create_main_window(folder / "bench.sqlite")
    window.resize(1280, 800)
    window.show()
    tab = window.notebook
    window.show_tab(tab)
    spin(100)
    small = window.context.notes.create("Small note", "A short note.")
    for shape in (SHAPES if args.shape == "all" else [args.shape]):
        print(f"== {shape} ==")
        measure(app, window, SHAPES[shape](args.size), small.id, args.keys)
    window.close()
    QApplication.processEvents()
    return 0


def measure(app, window, text: str, small_id: int, keys_to_type: int) -> None:
    tab = window.notebook
    note = window.context.notes.create("Large note", text)
    tab.refresh()
    tab.open_note(small_id)
    spin(100)
    print(f"note: {len(text):,} characters, {text.count(chr(10)) + 1:,} lines")

    start = time.perf_counter()
    tab.open_note(note.id)
    app.processEvents()
    opened = time.perf_counter() - start
    print(f"open (editor + highlighting + preview window): {ms(opened)}")

    editor = tab.editor
    cursor = editor.textCursor()
    cursor.setPosition(len(text) // 2)
    editor.setTextCursor(cursor)
    editor.centerCursor()
    editor.setFocus()
    spin(300)

    latencies: list[float] = []
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last_tick = [clock.elapsed()]
    keys = iter("the quick brown fox jumps over the lazy dog " * 10)

    def type_one() -> None:
        now = clock.elapsed()
        gaps.append(now - last_tick[0])
        last_tick[0] = now
        t0 = time.perf_counter()
        QTest.keyClick(editor, next(keys))
        app.processEvents()
        latencies.append(time.perf_counter() - t0)

    stalls = [0.0, time.perf_counter()]  # longest gap between 10 ms heartbeats, last beat

    def heartbeat() -> None:
        now = time.perf_counter()
        stalls[0] = max(stalls[0], now - stalls[1])
        stalls[1] = now

    beat = QTimer()
    beat.setInterval(10)
    beat.timeout.connect(heartbeat)
    beat.start()
    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(type_one)
    timer.start()
    while len(latencies) < keys_to_type:
        if len(latencies) in (20, 40):  # pauses: autosave (1 s) and preview refresh run now
            timer.stop()
            spin(1500)
            last_tick[0] = clock.elapsed() - 100
            type_one()
            timer.start()
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    timer.stop()
    spin(1500)  # the last autosave and preview refresh
    beat.stop()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"typing, per keystroke: median {ms(statistics.median(latencies))}, p95 {ms(p95)}, "
          f"max {ms(latencies[-1])} ({len(latencies)} keys, one per 100 ms)")
    print(f"typing, longest gap between 100 ms key ticks: {max(gaps):8.1f} ms")
    print(f"longest event-loop stall while typing and in the pauses (autosave, preview): {ms(stalls[0])}")

    QTest.keyClick(editor, "x")
    start = time.perf_counter()
    tab.flush_pending()
    print(f"autosave of the whole note: {ms(time.perf_counter() - start)}")

    QTest.keyClick(editor, "y")
    start = time.perf_counter()
    tab.sync.render_now()
    app.processEvents()
    print(f"preview refresh after an edit: {ms(time.perf_counter() - start)}")

    start = time.perf_counter()
    rows = window.context.notes.list(NoteFilter(text="ridge regression"))
    print(f"search over notes ('ridge regression', {len(rows)} hits): {ms(time.perf_counter() - start)}")

    start = time.perf_counter()
    tab.open_note(small_id)
    tab.open_note(note.id)
    app.processEvents()
    print(f"switch away and back (flush + reopen): {ms(time.perf_counter() - start)}")


if __name__ == "__main__":
    sys.exit(main())
