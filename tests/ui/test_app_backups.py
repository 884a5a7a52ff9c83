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
    assert first  # on quit (the report quits before the backup a start makes when one is due)
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


CHILD = """
import sys
from pathlib import Path
import mlprep_desktop.ui.backup.damaged_start as damaged_start
damaged_start.ask_with_message_box = lambda text: print("ASKED", text.replace(chr(10), " "), flush=True) or True
from mlprep_desktop.startup_probe import install_startup_probe
probe = install_startup_probe()
from mlprep_desktop.app import run
sys.exit(run(Path(sys.argv[1])))
"""


def test_a_damaged_file_at_start_is_replaced_by_the_newest_sound_backup_on_the_users_word(tmp_path):
    db = tmp_path / "data" / "questions.sqlite"
    start_and_quit(db)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO notes (title, body, created_at, updated_at) VALUES ('Mine', '', '2026', '2026')")
    conn.commit()
    conn.close()
    start_and_quit(db)  # its closing backup holds the note
    data = bytearray(db.read_bytes())
    data[4096 * 2: 4096 * 3] = b"\xff" * 4096
    db.write_bytes(bytes(data))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db)], capture_output=True, text=True,
                          timeout=180, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "ASKED" in done.stdout and "failed its integrity check" in done.stdout and "1 notes" in done.stdout
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT title FROM notes").fetchall() == [("Mine",)]
    finally:
        conn.close()
    (moved,) = (db.parent / "backups").glob("damaged-*.sqlite")
    assert moved.read_bytes() == bytes(data)  # never written to
