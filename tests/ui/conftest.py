"""UI fixtures: a main window on a fresh copy of the real bundled bank, and a way to reopen it."""
from __future__ import annotations

from pathlib import Path

import pytest

from mlprep_desktop.app import create_main_window
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.ui.help.first_run_guide import GUIDE_DONE_KEY


@pytest.fixture(autouse=True)
def guide_already_seen(request, monkeypatch):
    """Every database a UI test opens has the first-run guide marked as seen (the setting a
    user sets by closing it), so tests meet the window as a returning user does. A test of the
    guide itself is marked ``first_start``."""
    if request.node.get_closest_marker("first_start"):
        return
    real_open = AppContext.open.__func__

    def open_seen(cls, *args, **kwargs):
        context = real_open(cls, *args, **kwargs)
        if context.preferences.get(GUIDE_DONE_KEY) is None:
            context.preferences.remember(GUIDE_DONE_KEY, True)
        return context

    monkeypatch.setattr(AppContext, "open", classmethod(open_seen))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "questions.sqlite"


@pytest.fixture
def open_window(qtbot, db_path):
    """open_window() builds a main window on the test's database file (again after a close);
    open_window(clock=FakeClock()) gives it a clock the test moves by hand."""

    def _open(clock=None):
        window = create_main_window(db_path) if clock is None else create_main_window(db_path, clock=clock)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
        return window

    return _open


@pytest.fixture
def context(db_path):
    """The app's database context on the test's file, without a window (for testing one tab)."""
    ctx = AppContext.open(db_path)
    yield ctx
    ctx.close()
