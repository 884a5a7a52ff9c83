"""``mlprep --smoke-test`` passes on a working install and fails, with a message, when it is not."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTabWidget

from mlprep_desktop import cli, smoke_test
from mlprep_desktop.app import create_main_window
from mlprep_desktop.core import paths
from mlprep_desktop.rendering import markdown_html
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer, RenderedHtml
from mlprep_desktop.ui.browser import browser_tab, question_view

REPO = Path(__file__).resolve().parents[2]


def tab_count(qtbot, tmp_path: Path) -> int:
    window = create_main_window(tmp_path / "count" / "questions.sqlite")
    qtbot.addWidget(window)
    return window.findChild(QTabWidget, "mainTabs").count()


def test_smoke_test_passes_in_process_and_visits_every_tab(qtbot, tmp_path):
    lines = smoke_test.run_smoke_test(report=lambda _line: None)
    assert lines[0].startswith("ok: bundle (checkout) at ")
    tabs = [line for line in lines if line.startswith("ok: tab ")]
    count = tab_count(qtbot, tmp_path)
    assert len(tabs) == count >= 1
    assert all(f"/{count} " in line for line in tabs)
    assert "'Today' (todayTab)" in tabs[0] and "'Browse' (browserTab)" in tabs[1]
    rendered = [line for line in lines if line.startswith("ok: rendered ")]
    assert rendered, lines
    images, colours = map(int, re.search(r"(\d+) formula images, code in (\d+) colours", rendered[0]).groups())
    assert images >= 1 and colours >= 2


def test_smoke_test_leaves_no_database_behind(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # re-read TMPDIR
    smoke_test.run_smoke_test(report=lambda _line: None)
    assert list(tmp_path.iterdir()) == []


def test_missing_bundle_fails_with_a_message(qtbot, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path / "site-packages" / "mlprep_desktop")
    assert smoke_test.main() == 1
    err = capsys.readouterr().err
    assert "smoke test FAILED: the bundled question bank is missing" in err


def test_math_drawn_empty_fails(qtbot, monkeypatch, capsys):
    real = question_view.svg_to_image

    def blank(image, ratio):
        out = real(image, ratio)
        out.fill(0)
        return out

    monkeypatch.setattr(question_view, "svg_to_image", blank)
    assert smoke_test.main() == 1
    assert re.search(r"formula image mlmath:\w+ of '[\w-]+' is empty", capsys.readouterr().err)


def test_code_without_highlighting_fails(qtbot, monkeypatch, capsys):
    class Uncoloured(MarkdownRenderer):
        def render(self, text, highlight=(), math_budget=None):
            rendered = super().render(text, highlight, math_budget)
            return RenderedHtml(re.sub(r"color: ?#[0-9a-fA-F]{3,6};?", "", rendered.html), rendered.images)

    monkeypatch.setattr(markdown_html, "MarkdownRenderer", Uncoloured)  # Browse takes it when built
    assert smoke_test.main() == 1
    assert "is not highlighted" in capsys.readouterr().err


def test_an_exception_in_a_tab_fails_the_test(qtbot, monkeypatch, capsys):
    def broken(self):
        raise RuntimeError("draft could not be written")

    monkeypatch.setattr(browser_tab.BrowserTab, "flush_pending", broken)
    assert smoke_test.main() == 1
    assert "draft could not be written" in capsys.readouterr().err


def test_smoke_test_takes_no_database(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.parse_args(["--smoke-test", "--db", "x.sqlite"])
    assert stop.value.code == 2
    assert "--smoke-test runs on its own temporary database" in capsys.readouterr().err


def test_mlprep_smoke_test_command_exits_zero(tmp_path):
    """The command line path, in a process of its own started outside the checkout."""
    done = subprocess.run(
        [sys.executable, "-m", "mlprep_desktop", "--smoke-test"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**_clean_env(), "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "smoke test passed"
    assert "ok: Qt platform 'offscreen'" in done.stdout


def _clean_env() -> dict[str, str]:
    # no QT_QPA_PLATFORM: the smoke test must choose offscreen by itself
    return {k: v for k, v in os.environ.items() if not k.startswith("QT_QPA")}
