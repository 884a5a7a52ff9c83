"""Benchmark: the longest event-loop stall for each hostile input of issue #17, before and
after, in one run (not collected by pytest).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_hostile.py [--before REV] [--cap S]

"before" is the tree at ``--before`` (default fdde94c, the commit the issue measured), taken
out with ``git archive`` into a temporary folder; "after" is this working tree. Each case runs
in a fresh child process (hostile_probe.py) with the same Python, so both use the same
libraries; a case still running after ``--cap`` seconds is stopped and shown as "> cap".
The two trees' runs of a case are interleaved.
"""
from __future__ import annotations

import argparse
import os
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


def checkout(rev: str) -> Path:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="mlprep-before-"))
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def run(tree: Path, case: str, cap: float) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(tree))
    try:
        out = subprocess.run([sys.executable, str(PROBE), case], cwd=tree, env=env, capture_output=True,
                             text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return f"> {cap:.0f} s"
    for line in out.stdout.splitlines():
        if line.startswith("stall "):
            return f"{float(line.split()[1]) * 1000:,.0f} ms"
    return "failed: " + (out.stderr.strip().splitlines() or ["?"])[-1][:60]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default="fdde94c")
    parser.add_argument("--cap", type=float, default=60.0)
    parser.add_argument("--cases", nargs="*", default=CASES)
    args = parser.parse_args()
    before = checkout(args.before)
    print(f"{'case':<22} {'before (' + args.before + ')':>22} {'after':>12}")
    for case in args.cases:
        old = run(before, case, args.cap)
        new = run(ROOT, case, args.cap)
        print(f"{case:<22} {old:>22} {new:>12}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
