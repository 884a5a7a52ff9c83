"""``mlprep --report-startup`` and packaging/measure_startup.py: the startup-time figure."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging"))
import measure_startup  # noqa: E402


@pytest.fixture
def app_env():
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}


def test_report_startup_prints_when_the_window_is_drawn_then_quits(tmp_path, app_env):
    db = tmp_path / "data" / "questions.sqlite"
    before = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "mlprep_desktop", "--db", str(db), "--report-startup"],
        capture_output=True, text=True, timeout=120, env=app_env, cwd=tmp_path,
    )
    after = time.monotonic()
    assert done.returncode == 0, done.stderr
    stamps = [line.split() for line in done.stdout.splitlines() if line.startswith("window-shown ")]
    assert len(stamps) == 1
    assert before < float(stamps[0][1]) < after  # one clock for both processes
    assert db.exists()  # it really started the app on that file


def test_measure_startup_reports_each_run_and_the_median(tmp_path, app_env, monkeypatch, capsys):
    for key, value in app_env.items():
        monkeypatch.setenv(key, value)
    started = time.monotonic()
    assert measure_startup.main(["--runs", "2", "--warmup", "0", "--", sys.executable, "-m", "mlprep_desktop"]) == 0
    elapsed = time.monotonic() - started
    out = capsys.readouterr().out
    assert "start to window drawn, 2 runs:" in out
    runs = [float(t) for t in out.split("runs: ")[1].split(" s;")[0].split(", ")]
    median = float(out.rsplit("median ", 1)[1].split(" s")[0])
    assert len(runs) == 2 and all(0 < t < elapsed for t in runs)
    assert min(runs) <= median <= max(runs)


def test_measure_startup_fails_loudly_when_the_app_does_not_report(tmp_path):
    with pytest.raises(SystemExit) as stop:
        measure_startup.time_one([sys.executable, "-c", "print('no window here')"])
    assert "without 'window-shown'" in str(stop.value)
