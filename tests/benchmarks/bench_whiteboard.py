"""Whiteboard speed on a board with 5,000 freehand strokes (not a test; run it:
``QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_whiteboard.py``).

Builds the strokes the way the pen tool does (raw samples of a wandering hand, smoothed and
simplified by ``finish_stroke``), stores the board in a fresh database, then measures in a
real main window (1280×800):
- load: read the row, parse the JSON, build the graphics, and paint the first frame;
- frames: one repaint with the whole board in view, at 100 % and at 400 %;
- pan: scrolling 40 px per frame (Qt repaints only the uncovered strip);
- zoom: one Ctrl+wheel step (×1.2 around the centre) and its repaint;
- autosave: the scene's JSON (cached per unchanged item) and the list thumbnail.
Each figure is the median (and 95th percentile) of wall-clock milliseconds, with the CPU time
of this process beside it (the machine may be busy with other work).
``--compare-index`` repeats the measurements with Qt's BSP tree index instead of the
NoIndex the scene uses (the reason for that choice).
"""
from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QApplication, QGraphicsScene

from mlprep_desktop.app import create_main_window
from mlprep_desktop.core.board_model import INK, scene_from_json, scene_to_json
from mlprep_desktop.core.board_simplify import InputSmoother, finish_stroke
from mlprep_desktop.ui.whiteboard.board_image import thumbnail_png

STROKES = 5000
COLORS = [INK, INK, INK, "#e03131", "#1971c2", "#2f9e44", "#f08c00"]


def make_strokes(n: int, seed: int = 5) -> tuple[list, int]:
    """``n`` strokes as the pen tool stores them, and how many raw samples they came from."""
    rng = random.Random(seed)
    strokes, raw = [], 0
    for i in range(n):
        x, y = rng.uniform(0, 6000), rng.uniform(0, 4000)
        heading = rng.uniform(0, math.tau)
        samples = []
        smoother = InputSmoother(0.35)
        for _ in range(rng.randint(40, 160)):  # a 0.3-1.3 s drag at ~120 mouse events per second
            heading += rng.gauss(0, 0.25)
            x += 4 * math.cos(heading) + rng.gauss(0, 0.4)
            y += 4 * math.sin(heading) + rng.gauss(0, 0.4)
            samples.append(smoother.add((x, y)))
        raw += len(samples)
        highlighter = i % 25 == 0
        strokes.append(finish_stroke(samples, color="#fcc419" if highlighter else rng.choice(COLORS),
                                     width=14.0 if highlighter else 3.5, highlighter=highlighter,
                                     tolerance=0.5, z=float(i + 1)))
    return strokes, raw


def timed(fn, repeat: int = 1) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return walls, cpus


def report(label: str, walls: list[float], cpus: list[float]) -> None:
    if len(walls) > 2:
        p95 = statistics.quantiles(walls, n=20)[-1]
        print(f"{label:38} median {statistics.median(walls):7.1f} ms  p95 {p95:7.1f} ms"
              f"   (cpu median {statistics.median(cpus):6.1f} ms, n={len(walls)})")
    else:
        print(f"{label:38} {walls[0]:7.1f} ms   (cpu {cpus[0]:6.1f} ms)")


def settle(app, tab) -> None:
    """Let the background work after opening a board (serialising items for autosave) finish."""
    while tab.scene._warm_queue:
        app.processEvents()
    app.processEvents()


def drag_selection(app, tab, count: int, frames_n: int, label: str) -> None:
    """Select ``count`` strokes and move them a few pixels per frame, as a mouse drag does."""
    graphics = tab.scene.graphics()[:count]
    for graphic in graphics:
        graphic.setSelected(True)
    vp = tab.view.viewport()

    def step() -> None:
        for graphic in graphics:
            graphic.moveBy(3, 2)
        vp.repaint()

    report(f"{label}drag {count} selected strokes, per frame", *timed(step, frames_n))
    tab.scene.clearSelection()


def frames(app, tab, label: str, frames_n: int) -> None:
    view, vp = tab.view, tab.view.viewport()
    view.fit_to_content()
    report(f"{label}frame, whole board in view", *timed(vp.repaint, frames_n))
    center = tab.scene.content_rect().center()
    for zoom in (1.0, 4.0):
        view.set_zoom(zoom)
        view.centerOn(center)
        report(f"{label}frame at {zoom * 100:.0f} %", *timed(vp.repaint, frames_n))
    view.set_zoom(1.0)
    view.centerOn(center)
    vp.repaint()
    bar = view.horizontalScrollBar()

    def pan() -> None:
        bar.setValue(bar.value() + 40)
        app.processEvents()

    report(f"{label}pan 40 px (100 %)", *timed(pan, frames_n))
    view.fit_to_content()
    vp.repaint()
    report(f"{label}pan 40 px (whole board)", *timed(pan, frames_n))
    view.fit_to_content()
    steps = iter([1.2] * frames_n + [1 / 1.2] * frames_n)

    def zoom_step() -> None:
        view.zoom_by(next(steps))
        vp.repaint()

    report(f"{label}zoom step ×1.2 + repaint", *timed(zoom_step, frames_n))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--strokes", type=int, default=STROKES)
    parser.add_argument("--frames", type=int, default=20)
    parser.add_argument("--compare-index", action="store_true")
    args = parser.parse_args()

    w0 = time.perf_counter()
    strokes, raw = make_strokes(args.strokes)
    kept = sum(s.point_count for s in strokes)
    print(f"{len(strokes)} strokes: {raw} raw samples -> {kept} stored points "
          f"({100 * kept / raw:.0f} %), built in {(time.perf_counter() - w0):.1f} s")
    scene_json = scene_to_json(strokes)
    print(f"scene JSON: {len(scene_json) / 1e6:.2f} MB")

    with tempfile.TemporaryDirectory() as tmp:
        window = create_main_window(Path(tmp) / "bench.sqlite")
        app = QApplication.instance()
        window.resize(1280, 800)
        window.show()
        tab = window.whiteboard
        window.show_tab(tab)
        app.processEvents()
        board = window.context.boards.create("Bench: 5,000 strokes")
        report("save scene (one transaction)", *timed(lambda: window.context.boards.save_scene(board.id, scene_json)))
        vp = tab.view.viewport()

        parse = timed(lambda: scene_from_json(window.context.boards.get(board.id).scene_json), 3)
        report("read row + parse JSON", *parse)

        def load() -> None:
            tab.open_board(board.id)
            vp.repaint()

        report("load: open board + first frame", *timed(load))
        assert tab.scene.item_count() == len(strokes)
        report("idle JSON warm-up (in the background)", *timed(lambda: settle(app, tab)))
        print(f"viewport {vp.width()}×{vp.height()} px, scene index: {tab.scene.itemIndexMethod().name}")
        frames(app, tab, "", args.frames)

        report("autosave JSON, nothing changed", *timed(tab.scene.to_json, 5))
        graphic = tab.scene.graphic(strokes[0].id)
        graphic.setPos(graphic.pos() + QPointF(5, 5))
        report("autosave JSON, one stroke moved", *timed(tab.scene.to_json, 1))
        report("list thumbnail (160×100 PNG)", *timed(lambda: thumbnail_png(tab.scene), 3))
        center = tab.scene.content_rect().center()
        report("eraser hit test (14 px)", *timed(
            lambda: tab.scene.items(QRectF(center.x() - 7, center.y() - 7, 14, 14)), 50))
        tab.view.fit_to_content()
        drag_selection(app, tab, 1000, args.frames, "")

        if args.compare_index:
            tab.scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
            report("[BSP] build the tree (first query)", *timed(
                lambda: tab.scene.items(QRectF(center.x() - 7, center.y() - 7, 14, 14))))
            frames(app, tab, "[BSP] ", args.frames)
            report("[BSP] eraser hit test (14 px)", *timed(
                lambda: tab.scene.items(QRectF(center.x() - 7, center.y() - 7, 14, 14)), 50))
            tab.view.fit_to_content()
            drag_selection(app, tab, 1000, args.frames, "[BSP] ")
        tab._saver.cancel()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
