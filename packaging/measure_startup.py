"""Time from starting the app to its main window being drawn: the median of N runs.

    python packaging/measure_startup.py [--runs 5] -- PROGRAM [ARGS...]
    make startup-time                      (the editable install and the frozen app)

Each run starts ``PROGRAM ARGS --db <temporary file> --report-startup``, which prints
``window-shown <time.monotonic()>`` once the window is drawn and quits (see
mlprep_desktop/startup_probe.py). The elapsed time is that stamp minus this script's own
monotonic reading taken just before the process was started, so it covers interpreter or
bootloader start, imports, opening the database, building the window and the first paint.
One unmeasured warm-up run first creates the database from the bundle (the first start
ever copies it) and warms the file cache, as on a laptop that has run the app before.
The Qt platform is whatever the environment says (QT_QPA_PLATFORM, WAYLAND_DISPLAY, DISPLAY);
with none of them set, offscreen.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MARKER = "window-shown"


def platform_env() -> tuple[str, dict[str, str]]:
    """(Qt platform name, environment) for the runs: the session's, else offscreen."""
    env = dict(os.environ)
    if env.get("QT_QPA_PLATFORM"):
        return env["QT_QPA_PLATFORM"], env
    if env.get("WAYLAND_DISPLAY"):
        return "wayland", env
    if env.get("DISPLAY"):
        return f"xcb (DISPLAY={env['DISPLAY']})", env
    env["QT_QPA_PLATFORM"] = "offscreen"
    return "offscreen", env


def time_one(command: list[str], timeout: float = 120.0, env: dict[str, str] | None = None) -> float:
    """Seconds from starting ``command`` to the window-shown stamp it prints."""
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    stamps = [line.split()[1] for line in done.stdout.splitlines() if line.startswith(MARKER + " ")]
    if done.returncode != 0 or not stamps:
        raise SystemExit(
            f"measure_startup: {' '.join(command)} exited {done.returncode} without '{MARKER}':\n"
            f"{done.stdout}\n{done.stderr}"
        )
    return float(stamps[0]) - start


def measure(program: list[str], runs: int, warmup: int = 1, env: dict[str, str] | None = None) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="mlprep-startup-") as folder:
        command = [*program, "--db", str(Path(folder) / "questions.sqlite"), "--report-startup"]
        for _ in range(warmup):
            time_one(command, env=env)
        return [time_one(command, env=env) for _ in range(runs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("program", nargs="+", help="the mlprep command, e.g. dist/mlprep/mlprep")
    args = parser.parse_args(argv)
    platform, env = platform_env()
    times = measure(args.program, args.runs, args.warmup, env)
    shown = ", ".join(f"{t:.3f}" for t in times)
    print(f"{' '.join(args.program)}: start to window drawn, {args.runs} runs: {shown} s; "
          f"median {statistics.median(times):.3f} s (Qt platform: {platform})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
