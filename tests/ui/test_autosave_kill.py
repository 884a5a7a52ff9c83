"""Autosave never waits for a pause: each of the four autosaved editors is edited without a
break in a child process (``autosave_kill_child``), killed with SIGKILL at a random moment
after a few seconds, and the file must hold every edit but those of the last ~1 s.

Times are the child's own monotonic clock (printed with each edit), so the check is about what
the app had saved relative to its own progress, not about how fast this machine is.
"""
from __future__ import annotations

import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mlprep_desktop.ui.widgets.debounced_saver import MAX_WAIT_MS
from tests.ui.autosave_kill_child import word

ROOT = Path(__file__).resolve().parents[2]
# At most the maximum wait is lost, plus the time one save takes and event-loop slack.
ALLOWED_LOSS_S = MAX_WAIT_MS / 1000 + 0.6
LINE_LIMIT_S = 120.0  # only so a broken child cannot hang the suite


def read_line(proc: subprocess.Popen) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], LINE_LIMIT_S)
    if not ready:
        proc.kill()
        pytest.fail("the child app stopped reporting")
    line = proc.stdout.readline()
    if not line:
        pytest.fail(f"the child app exited early (code {proc.wait()})")
    return line.strip()


def saved_edits(db_path: Path, editor: str, record_id: str) -> int:
    """How many edits are on disk (a prefix of the edits made, or the test fails)."""
    conn = sqlite3.connect(db_path)
    try:
        if editor == "strokes":
            (scene,) = conn.execute("SELECT scene_json FROM boards WHERE id = ?", (int(record_id),)).fetchone()
            items = json.loads(scene)["items"]
            assert all(item["type"] == "stroke" for item in items)
            return len(items)
        sql = {
            "note": "SELECT body FROM notes WHERE id = ?",
            "draft": "SELECT body FROM answers WHERE question_id = ?",
            "interview": "SELECT answer FROM interview_items WHERE id = ?",
        }[editor]
        row = conn.execute(sql, (record_id,)).fetchone()
    finally:
        conn.close()
    text = row[0] if row else ""
    count = len(text) // len(word(0))
    assert text.startswith("".join(word(n) for n in range(count))), text[-60:]
    return count


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("editor", ["note", "draft", "interview", "strokes"])
def test_continuous_editing_killed_at_a_random_moment_loses_at_most_the_last_second(editor, tmp_path):
    db_path = tmp_path / "data" / "questions.sqlite"
    seed = random.randrange(1_000_000)
    kill_after = random.Random(seed).uniform(3.0, 5.0)  # seconds of continuous editing
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.autosave_kill_child", editor, str(db_path)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    times: list[float] = []
    try:
        ready = read_line(proc)
        assert ready.startswith("READY "), ready
        record_id = ready.split(maxsplit=1)[1]
        while not times or times[-1] - times[0] < kill_after:
            _, n, t = read_line(proc).split()
            assert int(n) == len(times)
            times.append(float(t))
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
        for line in proc.stdout.read().splitlines():  # what it printed before it died
            _, n, t = line.split()
            assert int(n) == len(times)
            times.append(float(t))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()

    saved = saved_edits(db_path, editor, record_id)
    end = times[-1]
    must_have = sum(1 for t in times if t <= end - ALLOWED_LOSS_S)
    lost_s = end - times[saved - 1] if saved else end - times[0]
    context = f"seed {seed}: {len(times)} edits over {end - times[0]:.1f} s, {saved} saved, last {lost_s:.2f} s lost"
    print(f"{editor}: {context}")  # the figures, with pytest -s
    assert must_have > 0, context  # the editing really went on for longer than the allowed loss
    assert saved >= must_have, context
    assert saved <= len(times) + 1, context  # an edit made but not yet reported may be saved
