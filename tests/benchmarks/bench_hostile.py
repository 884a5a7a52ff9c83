"""Benchmark: the longest event-loop stall for each hostile input of issue #17, before and after
(not collected by pytest; ``make bench-hostile``).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_hostile.py [--runs N]
        [--cases CASE ...] [--before REV [--cap S]]

"after" is this working tree, measured now: each case runs ``--runs`` times (default 3), each in
a fresh child process (hostile_probe.py), and the median and the worst run are shown. For the
note and paste cases "Qt floor" is the same text set (or pasted) and the same keys in a bare
QPlainTextEdit of the editor's size, font and wrap mode, its scroll bar shown from the start, in
the same process: one layout of the text per edit by Qt, below which no code of ours can go (for
the note cases the floor has no preview: drawing formulas is all ours).

"before" is, by default, the figure recorded for that input, labelled with where it comes from:
the issue's own measurements (on fdde94c; several ran for minutes, so they are not re-run on a
shared machine by default), or a figure measured in this session on the commit before a fix.
``--before REV`` measures the tree at REV instead (``git archive`` into a temporary folder, one
run per case, interleaved with the after runs, stopped after ``--cap`` seconds and shown as
"> cap"); probe cases the old tree cannot run are shown as failed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).resolve().parent / "hostile_probe.py"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile_probe import CASES  # noqa: E402

ISSUE = "issue #17 (fdde94c)"
# case -> (what the input is, the recorded "before", where that figure comes from)
RECORDED: dict[str, tuple[str, str, str]] = {
    "open-emphasis-350kb": ("note of one 350 KB line of '*a **a ', opened, typed in", "479 s",
                            ISSUE + ": that line pasted"),
    "paste-emphasis-350kb": ("the same line pasted (Ctrl+V) into a note, typed after", "479 s", ISSUE),
    "paste-formula-350kb": ("350 KB 'x+x+…' (no break) pasted into a note", "16.5 s",
                            "session 4, e36287a (before 65efab5); each key 11.3 s"),
    "same-formula-20000": ("20,000 copies of one formula on a line", "105 s", ISSUE),
    "formulas-10000": ("10,000 different formulas", "37 s", ISSUE),
    "formula-100kb": ("one 100 KB $$ formula", "> 120 s", ISSUE),
    "matrix-300": ("a 300 x 300 matrix", "> 120 s", ISSUE),
    "brackets-150kb": ("150 KB of nested [", "> 120 s", ISSUE),
    "interview-review-300kb": ("review of a 300 KB answer, 6,000 formulas", "1.9 s",
                               "session 4, 65efab5 (review windowed, math drawn at once); the issue gave none"),
    "search-32k-words": ("32,000 distinct words in the search box", "5.1 s", ISSUE + ": search terms alone"),
    "search-two-1mb-strings": ("two 1 MB strings in the search box", "> 60 s",
                               ISSUE + ": through the repository; 1.1-2.0 s in the box on 65efab5"),
    "save-while-locked": ("typing while another program holds the write lock", "5 s",
                          ISSUE + ": every save"),
}


def checkout(rev: str) -> Path:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="mlprep-before-"))
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def probe(tree: Path, case: str, cap: float) -> dict[str, float] | str:
    """{'stall': s, 'floor': s} from one run of the probe on ``tree``, or why it gave none.
    The probe is always this tree's: ``tree`` only decides which app it imports."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(tree))
    try:
        out = subprocess.run([sys.executable, str(PROBE), case], cwd=tree, env=env, capture_output=True,
                             text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return f"> {cap:.0f} s"
    values = {line.split()[0]: float(line.split()[1]) for line in out.stdout.splitlines()
              if line.startswith(("stall ", "floor "))}
    if "stall" not in values:
        return "failed: " + (out.stderr.strip().splitlines() or ["?"])[-1][:50]
    return values


def seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", nargs="*", default=CASES)
    parser.add_argument("--before", metavar="REV", help="measure 'before' on this commit instead of the record")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds a --before run may take")
    args = parser.parse_args()
    old_tree = checkout(args.before) if args.before else None
    before_head = f"before ({args.before})" if args.before else "before (recorded)"
    print(f"Worst event-loop stall per hostile input (#17); after = this tree, median of {args.runs} runs "
          f"(worst run), each in a fresh app; heartbeat 5 ms.\n")
    header = f"{'case':<24} {before_head:>20} {'after':>9} {'(worst)':>9} {'Qt floor':>9}  input"
    print(header)
    print("-" * len(header))
    notes: list[str] = []
    for case in args.cases:
        what, recorded, source = RECORDED.get(case, (case, "?", "no record"))
        if old_tree is not None:
            old = probe(old_tree, case, args.cap)
            before = seconds(old["stall"]) if isinstance(old, dict) else old
        else:
            before = recorded
            notes.append(f"{case}: before = {source}")
        runs = [probe(ROOT, case, 600.0) for _ in range(args.runs)]
        good = [r for r in runs if isinstance(r, dict)]
        if not good:
            print(f"{case:<24} {before:>20} {runs[0]!s:>30}  {what}", flush=True)
            continue
        stalls = [r["stall"] for r in good]
        floors = [r["floor"] for r in good if "floor" in r]
        floor = seconds(statistics.median(floors)) if floors else "-"
        print(f"{case:<24} {before:>20} {seconds(statistics.median(stalls)):>9} {seconds(max(stalls)):>9} "
              f"{floor:>9}  {what}", flush=True)
    if notes:
        print("\nWhere each 'before' comes from:")
        for note in notes:
            print(f"  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
