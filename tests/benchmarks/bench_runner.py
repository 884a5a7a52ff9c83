"""Exercise runner benchmark (not part of ``make test``): ``make bench-runner``.

1. Start-to-first-result of a trivial exercise (one test) against ``python -c pass``,
   interleaved runs, median / min / max and the ratio of medians (goal: <= 3x plus the tests'
   own time, which is ~0 here).
2. The largest event-loop stall while runs are active in the GUI: a 5 ms QTimer records the
   longest gap between its ticks while the coding pane's worker runs the k-means reference
   (numpy import + 9 tests) three times (goal: < 100 ms).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from mlprep_desktop.runner.process import ExerciseProcess
from mlprep_desktop.runner.results import Limits

TRIVIAL_TESTS = "from solution import f\n\ndef test_f():\n    assert f() == 1\n"
TRIVIAL_CODE = "def f():\n    return 1\n"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))


def python_pass() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def first_result() -> tuple[float, float, float]:
    """(seconds to the first test result, seconds for the whole run, tests' own seconds)."""
    start = time.perf_counter()
    first: list[float] = []

    def on_event(event: dict) -> None:
        if event.get("event") == "test" and not first:
            first.append(time.perf_counter() - start)

    result = ExerciseProcess(TRIVIAL_CODE, TRIVIAL_TESTS, Limits(), on_event=on_event).run()
    total = time.perf_counter() - start
    assert result.all_passed, result.summary()
    return first[0], total, sum(t.seconds for t in result.tests)


def describe(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"{name:34} median {statistics.median(ms):7.1f} ms   min {min(ms):7.1f}   max {max(ms):7.1f}"


def startup_benchmark() -> None:
    base, firsts, totals, own = [], [], [], []
    python_pass()
    first_result()  # warm the page cache for both
    for _ in range(ROUNDS):
        base.append(python_pass())
        f, t, o = first_result()
        firsts.append(f)
        totals.append(t)
        own.append(o)
    print(f"runner start-to-first-result, {ROUNDS} interleaved rounds ({sys.executable})")
    print(describe("python -c pass", base))
    print(describe("runner: first test result", firsts))
    print(describe("runner: whole run (incl. cleanup)", totals))
    print(describe("tests' own time", own))
    ratio = statistics.median(firsts) / statistics.median(base)
    print(f"ratio first-result / python -c pass: {ratio:.2f}x (goal <= 3x plus the tests' own time)")


def stall_benchmark() -> None:
    from pathlib import Path

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from mlprep_desktop.bank.source import parse_source
    from mlprep_desktop.ui.coding.run_worker import RunWorker

    app = QApplication.instance() or QApplication([])
    root = Path(__file__).resolve().parents[2]
    exercise = parse_source(root / "resources/questions/clustering/kmeans-from-scratch.md")[0].exercise()
    worker = RunWorker()
    clock = QElapsedTimer()
    clock.start()
    gaps: list[int] = []
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    loop = QEventLoop()
    remaining = [3]
    results = []

    def next_run(result=None, _token=None) -> None:
        if result is not None:
            results.append(result)
        if remaining[0] == 0:
            loop.quit()
            return
        remaining[0] -= 1
        worker.start(ExerciseProcess(exercise.solution, exercise.tests, Limits(), requires=exercise.requires))

    worker.finished.connect(next_run)
    QTimer.singleShot(0, next_run)
    loop.exec()
    timer.stop()
    worker.shutdown()
    assert all(r.all_passed for r in results), [r.summary() for r in results]
    print(f"event loop while 3 k-means runs were active ({sum(r.wall_seconds for r in results):.2f} s of runs): "
          f"largest gap between 5 ms ticks {max(gaps)} ms, median {statistics.median(gaps):.0f} ms "
          f"(goal: no stall over 100 ms)")
    del app


if __name__ == "__main__":
    startup_benchmark()
    stall_benchmark()
