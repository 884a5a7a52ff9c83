"""``paused_gc``: the collector is off inside, back to its previous state outside."""
from __future__ import annotations

import gc

import pytest

from mlprep_desktop.core.gc_pause import paused_gc


@pytest.fixture(autouse=True)
def collector_back_on():
    yield
    gc.enable()


def test_the_collector_is_paused_inside_and_enabled_again_after():
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_exception_inside_still_enables_it_again():
    gc.enable()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with paused_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()
