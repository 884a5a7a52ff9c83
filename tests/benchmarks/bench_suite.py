"""Speed at scale, each figure beside its baseline from the same run (not a test; `make bench`).

Builds its own database of 10,000 questions (tests/big_bank.py: the bundle's questions plus
numbered copies, the full-text index kept by the triggers, study state of every kind) and a
board of 5,000 pen strokes, then measures,
interleaving app and baseline runs (median of several, min–max shown):

- start: ``python -m mlprep_desktop --db <10k copy> --report-startup`` against a bare PySide6 QMainWindow
  drawn the same way (packaging/bare_window.py), one process per run;
- search: per keystroke (every prefix of a few phrases), ``QuestionRepository.browse_rows`` (the
  Browse tab's call: every matching row's id in order, made a ``QuestionRow`` only when the
  table shows it, and the facet counts) p95 against the raw FTS5 MATCH for the same prefixes;
  and, for information, ``browse`` (every row made a ``QuestionRow``, not on the typing path);
- Browse refresh at 10k (all rows, painted) against a bare QTableView reset with the same rows;
- keystroke to table shown, through the window: a key typed in the search box until the
  table shows the new rows (debounce included), p95;
- whiteboard open at 5,000 strokes (first frame painted) against a bare QGraphicsScene
  holding 5,000 path items built from the same JSON;
- RSS after visiting every tab against the bare window (one process each);
- opening the database (integrity check included) and PRAGMA quick_check at 10k.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_suite.py [--quick] [--only start|whiteboard]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = 10_000
STROKES = 5_000
PHRASES = ["gradient descent", "transformer attention", "bias variance", "regularization", "precision recall"]
TABS = ("today", "browser", "interview", "whiteboard", "notebook")


# ----- data
def board_json(cache: Path) -> str:
    """The 5,000-stroke scene as the pen tool stores it (cached: building it takes a while)."""
    if cache.exists():
        return cache.read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from mlprep_desktop.core.board_model import scene_to_json
    from tests.benchmarks.bench_whiteboard import make_strokes

    text = scene_to_json(make_strokes(STROKES)[0])
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(text, encoding="utf-8")
    return text


# ----- measuring
class Pair:
    """One row of the table: app and baseline samples (ms, MB …), a goal ratio or limit."""

    def __init__(self, label: str, unit: str, goal: str, stat: str = "median") -> None:
        self.label, self.unit, self.goal, self.stat = label, unit, goal, stat
        self.app: list[float] = []
        self.base: list[float] = []

    def value(self, samples: list[float]) -> float:
        if self.stat == "p95" and len(samples) >= 4:
            return statistics.quantiles(samples, n=20, method="inclusive")[-1]
        return statistics.median(samples)

    def cells(self) -> tuple[str, str, str, str]:
        def cell(samples: list[float]) -> str:
            if not samples:
                return "-"
            return f"{self.value(samples):.1f} [{min(samples):.1f}-{max(samples):.1f}]"

        ratio = f"{self.value(self.app) / self.value(self.base):.2f}x" if self.app and self.base else "-"
        return cell(self.app), cell(self.base), ratio, self.goal


def ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def interleave(pair: Pair, app: Callable[[], float], base: Callable[[], float] | None, runs: int) -> Pair:
    for i in range(runs):
        order = [(pair.app, app), (pair.base, base)] if i % 2 == 0 else [(pair.base, base), (pair.app, app)]
        for samples, fn in order:
            if fn is not None:
                samples.append(fn())
    return pair


# ----- start-up and memory (one process per run)
def start_ms(command: list[str]) -> float:
    sys.path.insert(0, str(ROOT / "packaging"))
    from measure_startup import platform_env, time_one

    return time_one(command, env=platform_env()[1]) * 1000


def rss_mb(command: list[str]) -> float:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    lines = [line for line in done.stdout.splitlines() if line.startswith("rss-kb ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return int(lines[-1].split()[1]) / 1024


def rss_child(db_path: str) -> int:
    """``--rss-child DB``: open the app on DB, visit every tab, print ``rss-kb``."""
    from PySide6.QtWidgets import QApplication

    from mlprep_desktop.app import create_main_window

    sys.path.insert(0, str(ROOT / "packaging"))
    from bare_window import current_rss_kb

    window = create_main_window(Path(db_path))
    window.resize(1280, 800)
    window.show()
    app = QApplication.instance()
    for name in TABS:
        window.show_tab(getattr(window, name))
        for _ in range(3):
            app.processEvents()
    print(f"rss-kb {current_rss_kb()}", flush=True)
    window.close()
    return 0


# ----- in-process items
def search_items(db_path: Path, runs: int) -> tuple[list[Pair], list[tuple[str, int]]]:
    """Per keystroke: the repository's browse_rows (rows + facet counts) against the raw MATCH;
    browse (every row made) for information."""
    from mlprep_desktop.core.models import QuestionFilter
    from mlprep_desktop.core.search_query import fts_query
    from mlprep_desktop.storage.database import open_database
    from mlprep_desktop.storage.questions import QuestionRepository

    database = open_database(db_path, db_path)
    repo = QuestionRepository(database)
    raw = sqlite3.connect(db_path)
    prefixes = [phrase[:n] for phrase in PHRASES for n in range(1, len(phrase) + 1) if phrase[n - 1] != " "]
    pair = Pair("search per keystroke, p95 (rows + counts)", "ms", "<= 2x", stat="p95")
    every = Pair("  the same, every row made (browse)", "ms", "(info)", stat="p95")
    hits = []
    for prefix in prefixes:
        match = fts_query(prefix)

        def app(prefix: str = prefix) -> float:
            return ms(lambda: repo.browse_rows(QuestionFilter(text=prefix)))

        def app_every(prefix: str = prefix) -> float:
            return ms(lambda: repo.browse(QuestionFilter(text=prefix)))

        def base(match: str = match) -> float:
            return ms(lambda: raw.execute(
                "SELECT rowid FROM questions_fts WHERE questions_fts MATCH ? "
                "ORDER BY bm25(questions_fts, 10.0, 4.0, 1.0, 2.0, 6.0)", (match,)).fetchall())

        interleave(pair, app, base, runs)
        interleave(every, app_every, None, max(1, runs // 3))
        every.base = pair.base
        hits.append((prefix, len(repo.browse(QuestionFilter(text=prefix))[0])))
    raw.close()
    database.close()
    return [pair, every], hits


class BareTableModel:
    """Built lazily (needs Qt): a minimal QAbstractTableModel over tuples."""

    @staticmethod
    def make():
        from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

        class Model(QAbstractTableModel):
            def __init__(self) -> None:
                super().__init__()
                self.rows: list = []

            def set_rows(self, rows: list) -> None:
                self.beginResetModel()
                self.rows = rows
                self.endResetModel()

            def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
                return 0 if parent.isValid() else len(self.rows)

            def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
                return 0 if parent.isValid() else 5

            def data(self, index, role=Qt.ItemDataRole.DisplayRole):
                if role == Qt.ItemDataRole.DisplayRole:
                    return self.rows[index.row()][index.column()]
                return None

        return Model()


def window_items(db_path: Path, scene_text: str, runs: int, keystroke_phrases: list[str],
                 only_board: bool = False) -> list[Pair]:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTableView

    from mlprep_desktop.app import create_main_window

    window = create_main_window(db_path)
    app = QApplication.instance()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    browser = window.browser
    ctx = window.context
    # Stored as the app saves a board (its JSON and its packed form, made from the same items),
    # and once more as a board saved before migration 12 or imported (JSON only).
    from mlprep_desktop.core.board_model import scene_from_json
    from mlprep_desktop.ui.whiteboard.board_scene import BoardScene

    stored_json, packed = BoardScene().stored_of(scene_from_json(scene_text))
    assert stored_json == scene_text and packed is not None
    big = ctx.boards.create("Bench: 5,000 strokes")
    ctx.boards.save_scene(big.id, scene_text, packed=packed)
    json_only = ctx.boards.create("Bench: 5,000 strokes, JSON only")
    ctx.boards.save_scene(json_only.id, scene_text)
    small = ctx.boards.create("Bench: empty")

    if only_board:
        boards = whiteboard_items(window, big.id, json_only.id, small.id, runs)
        window.close()
        return boards

    # Browse refresh at 10k: everything shown, painted.
    window.show_tab(browser)
    app.processEvents()
    bare_table = QTableView()
    bare_model = BareTableModel.make()
    bare_table.setModel(bare_model)
    bare_table.resize(browser.table.size())
    bare_table.show()
    raw = sqlite3.connect(db_path)

    def app_refresh() -> float:
        def run() -> None:
            browser.refresh()
            browser.table.viewport().repaint()
        return ms(run)

    def bare_refresh() -> float:
        def run() -> None:
            rows = raw.execute("SELECT id, title, type, topic, difficulty FROM questions WHERE retired = 0 "
                               "ORDER BY topic, difficulty, title").fetchall()
            bare_model.set_rows(rows)
            bare_table.viewport().repaint()
        return ms(run)

    refresh = interleave(Pair(f"Browse refresh, {QUESTIONS // 1000}k rows shown", "ms", "<= 2x"),
                         app_refresh, bare_refresh, runs)
    bare_table.close()

    # Keystroke to table shown, through the window (debounce included).
    keystroke = Pair("keystroke to table shown, p95", "ms", "<= 100 ms", stat="p95")
    box = browser.search_box
    box.setFocus()

    def settle() -> None:
        timer = browser._search_timer
        while timer.isActive():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        app.processEvents()

    for phrase in keystroke_phrases:
        box.clear()
        settle()
        for char in phrase:
            start = time.perf_counter()
            QTest.keyClick(box, char)
            settle()
            browser.table.viewport().repaint()
            keystroke.app.append((time.perf_counter() - start) * 1000)
    box.clear()
    settle()

    boards = whiteboard_items(window, big.id, json_only.id, small.id, runs)
    raw.close()
    window.close()
    return [refresh, keystroke, *boards]


def whiteboard_items(window, big_id: int, json_only_id: int, small_id: int, runs: int) -> list[Pair]:
    """Whiteboard open at 5k strokes (first frame painted) against a bare scene of path items
    built from the same JSON; and, for information, the same board stored as JSON only."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPainterPath, QPen
    from PySide6.QtWidgets import QApplication, QGraphicsPathItem, QGraphicsScene, QGraphicsView

    app = QApplication.instance()
    ctx = window.context
    small = ctx.boards.get(small_id)
    # Whiteboard open at 5k strokes, first frame painted.
    tab = window.whiteboard
    window.show_tab(tab)
    tab.open_board(small.id)
    app.processEvents()
    bare_scene = QGraphicsScene()
    bare_scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    bare_view = QGraphicsView(bare_scene)
    bare_view.resize(tab.view.size())
    bare_view.show()

    def drain() -> None:
        queue = getattr(tab.scene, "_warm_queue", None)
        while queue:
            app.processEvents()
        app.processEvents()

    # Each sample starts with the garbage collector's generations empty (gc.collect(), not
    # timed): a full collection owed by one side's allocations must not land in the other's run.
    def app_open(board_id: int = big_id) -> float:
        def run() -> None:
            tab.open_board(board_id)
            tab.view.viewport().repaint()
        gc.collect()
        took = ms(run)
        drain()
        tab.open_board(small.id)
        drain()
        return took

    def bare_open() -> float:
        def run() -> None:
            items = json.loads(ctx.boards.get(big_id).scene_json)["items"]
            for item in items:
                points = item["points"]
                path = QPainterPath()
                path.moveTo(points[0], points[1])
                for i in range(2, len(points), 2):
                    path.lineTo(points[i], points[i + 1])
                graphic = QGraphicsPathItem(path)
                pen = QPen(QColor(item.get("color", "#000")), item.get("width", 3.0))
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                graphic.setPen(pen)
                graphic.setPos(item["x"], item["y"])
                bare_scene.addItem(graphic)
            bare_view.fitInView(bare_scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
            bare_view.viewport().repaint()
        gc.collect()
        took = ms(run)
        bare_scene.clear()
        app.processEvents()
        return took

    board = interleave(Pair(f"whiteboard open, {STROKES // 1000}k strokes", "ms", "<= 1.2x"),
                       app_open, bare_open, runs)  # ~1 s a pair: as many as the others
    json_only = interleave(Pair("  the same board stored as JSON only (before its first save)", "ms", "(info)"),
                           lambda: app_open(json_only_id), bare_open, runs)
    bare_view.close()
    tab._saver.cancel()
    return [board, json_only]


def database_items(db_path: Path, runs: int) -> list[Pair]:
    """Opening ``db_path`` (a copy of its own, which nothing else holds open) as the app does
    at start: after the app's own clean close (the integrity check runs after the window is
    shown), and, for information, when the file was changed outside the app (checked first)."""
    from mlprep_desktop.services.app_context import AppContext
    from mlprep_desktop.storage.clean_close import forget_clean_close

    def app_open(changed_outside: bool = False) -> float:
        if changed_outside:
            forget_clean_close(db_path)
        start = time.perf_counter()
        context = AppContext.open(db_path)
        took = (time.perf_counter() - start) * 1000
        context.close()  # a clean close: recorded beside the file
        return took

    def bare_open() -> float:
        def run() -> None:
            conn = sqlite3.connect(db_path)
            conn.execute("SELECT COUNT(*) FROM questions").fetchone()
            conn.close()
        return ms(run)

    def quick_check() -> float:
        def run() -> None:
            conn = sqlite3.connect(db_path)
            conn.execute("PRAGMA quick_check").fetchall()
            conn.close()
        return ms(run)

    app_open()  # the first open of a copied file checks it; its close is the app's clean close
    opened = interleave(Pair("open database after a clean close (before the window)", "ms", "check off start path"),
                        app_open, bare_open, runs)
    changed = interleave(Pair("  the same, file changed outside the app (checked first)", "ms", "(info)"),
                         lambda: app_open(changed_outside=True), bare_open, runs)
    check = interleave(Pair(f"PRAGMA quick_check, {db_path.stat().st_size / 1e6:.0f} MB file", "ms", "(info)"),
                       quick_check, None, runs)
    return [opened, changed, check]


def print_table(title: str, pairs: list[Pair]) -> None:
    header = ("item", "app", "baseline", "ratio", "goal")
    rows = [(p.label + f" ({p.unit})", *p.cells()) for p in pairs]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    print(f"\n{title}")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="interleaved pairs per item (default 7)")
    parser.add_argument("--quick", action="store_true", help="fewer runs: a rough table in a minute")
    parser.add_argument("--only", choices=["start", "whiteboard"],
                        help="measure one row only (for whiteboard the window is still opened on the 10k database)")
    parser.add_argument("--rss-child", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        return rss_child(args.rss_child)
    runs = 3 if args.quick else args.runs
    python = sys.executable
    bare = [python, str(ROOT / "packaging" / "bare_window.py")]
    started = time.perf_counter()
    # The app as installed: pip (and the frozen build) compile its modules to bytecode once;
    # with PYTHONDONTWRITEBYTECODE set, every start would compile ~200 modules from source
    # again (~0.2 s) while the bare window's PySide6 has its bytecode.
    import compileall

    compileall.compile_dir(str(ROOT / "mlprep_desktop"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="mlprep-bench-") as folder:
        tmp = Path(folder)
        db = tmp / "bench10k.sqlite"
        sys.path.insert(0, str(ROOT))
        from tests.big_bank import build_big_bank

        count = build_big_bank(db)
        scene_text = board_json(ROOT / "build" / "bench" / f"board-{STROKES}.json")
        print(f"database: {count} questions, {db.stat().st_size / 1e6:.1f} MB; board: {STROKES} strokes, "
              f"{len(scene_text) / 1e6:.1f} MB JSON (built in {time.perf_counter() - started:.0f} s)")
        pairs: list[Pair] = []
        if args.only == "whiteboard":
            pairs += window_items(db, scene_text, runs, [], only_board=True)
            print_table(f"MLPrep speed at {QUESTIONS:,} questions, whiteboard row only (median [min-max] of "
                        f"interleaved runs; {time.perf_counter() - started:.0f} s)", pairs)
            return 0
        start_db = tmp / "start" / "questions.sqlite"
        start_db.parent.mkdir()
        shutil.copy(db, start_db)
        open_db = tmp / "open" / "questions.sqlite"  # a copy nothing else holds open
        open_db.parent.mkdir()
        shutil.copy(db, open_db)
        # Memory is measured on the 10k database as built, copied now: once the window items
        # below have stored the 5,000-stroke boards, a plain copy of the file holds whatever
        # its write-ahead log last checkpointed, and the Whiteboard tab may open a big board.
        rss_db = tmp / "rss" / "questions.sqlite"
        rss_db.parent.mkdir()
        shutil.copy(db, rss_db)
        app_cmd = [python, "-m", "mlprep_desktop", "--db", str(start_db), "--report-startup"]
        start_ms(app_cmd)  # warm-up: file cache, first backup
        start_ms([*bare, "--report-startup"])
        pairs.append(interleave(Pair("start to window drawn, 10k db", "ms", "<= 2.5x"),
                                lambda: start_ms(app_cmd), lambda: start_ms([*bare, "--report-startup"]), runs))
        if args.only == "start":
            print_table(f"MLPrep speed at {QUESTIONS:,} questions, start row only (median [min-max] of "
                        f"interleaved runs; {time.perf_counter() - started:.0f} s)", pairs)
            return 0
        search, _hits = search_items(db, runs)
        pairs += search
        pairs += window_items(db, scene_text, runs, PHRASES[:2] if not args.quick else PHRASES[:1])
        pairs.append(interleave(Pair("RSS after visiting every tab", "MB", "<= 1.8x"),
                                lambda: rss_mb([python, __file__, "--rss-child", str(rss_db)]),
                                lambda: rss_mb([*bare, "--report-rss"]), max(2, runs // 3)))
        pairs += database_items(open_db, runs)
    print_table(f"MLPrep speed at {QUESTIONS:,} questions (median [min-max] of interleaved runs; "
                f"p95 where stated; {time.perf_counter() - started:.0f} s)", pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
