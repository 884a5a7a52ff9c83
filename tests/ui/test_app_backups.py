"""The real app start (``mlprep --db PATH``, via --report-startup, which quits once the window
is drawn): automatic backups on start and on quit, complete and verified, nothing left over."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_and_quit(db: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "mlprep_desktop", "--db", str(db), "--report-startup"],
                          capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_each_session_leaves_a_verified_backup_and_no_temporary_files(tmp_path):
    db = tmp_path / "data" / "questions.sqlite"
    start_and_quit(db)
    folder = db.parent / "backups"
    first = sorted(folder.glob("questions-*.sqlite"))
    assert first  # at start (none yet) and on quit
    start_and_quit(db)  # the newest is seconds old: no backup at start, one on quit
    second = sorted(folder.glob("questions-*.sqlite"))
    assert len(second) == len(first) + 1
    assert sorted(p.name for p in folder.iterdir()) == [p.name for p in second]  # no temporaries
    for path in second:
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT count(*) FROM questions").fetchone()[0] > 100
        finally:
            conn.close()
