"""Never lose a note: the app is killed (SIGKILL, no chance to clean up) right after typing and
one autosave interval; the next start shows the text."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.notebook_helpers import db_rows, open_notebook

TEXT = "Killed mid-session: L2 shrinks weights, L1 zeroes some."
ROOT = Path(__file__).resolve().parents[2]


def read_line(proc: subprocess.Popen, limit_s: float = 120.0) -> str:
    """The child's next output line; a safety limit only so a broken child cannot hang the suite."""
    ready, _, _ = select.select([proc.stdout], [], [], limit_s)
    if not ready:
        proc.kill()
        pytest.fail("the app did not report READY")
    return proc.stdout.readline().strip()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_text_survives_sigkill_after_one_autosave_interval(qtbot, open_window, db_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.notebook_kill_child", str(db_path), TEXT],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = read_line(proc)
        assert line.startswith("READY "), line
        note_id = int(line.split()[1])
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    window, tab = open_notebook(qtbot, open_window)  # a new start on the same file
    assert tab.current_note is not None and tab.current_note.id == note_id
    assert tab.editor.toPlainText() == TEXT
    assert db_rows(db_path, "SELECT body FROM notes WHERE id = ?", (note_id,)) == [(TEXT,)]
