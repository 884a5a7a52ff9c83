"""Services fixtures: an AppContext on a fresh copy of the small test bank, with a fake clock."""
from __future__ import annotations

import pytest

from mlprep_desktop.services.app_context import AppContext


class ManualClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def ctx(tmp_path, bundle, clock):
    context = AppContext.open(tmp_path / "user" / "questions.sqlite", bundle, clock=clock)
    yield context
    context.close()
