"""The formula cache: one LRU of the last CACHE_SIZE results (failures too) that ``is_cached``
reads; ziamath is imported only when a formula is first drawn."""
from __future__ import annotations

import subprocess
import sys

import pytest

from mlprep_desktop.rendering import math_svg
from mlprep_desktop.rendering.math_svg import MathError, is_cached, render_math


@pytest.fixture
def small_cache(monkeypatch):
    cache = math_svg._MathCache(2)
    monkeypatch.setattr(math_svg, "_cache", cache)
    drawn: list[str] = []
    real = math_svg._draw

    def counting(latex, display, color, size):
        drawn.append(latex)
        return real(latex, display, color, size)

    monkeypatch.setattr(math_svg, "_draw", counting)
    return drawn


def test_a_drawn_formula_is_cached_and_not_drawn_again(small_cache):
    assert not is_cached("x^2")
    first = render_math("  x^2 ")
    assert is_cached("x^2") and is_cached(" x^2")
    assert render_math("x^2") is first
    assert small_cache == ["x^2"]
    assert not is_cached("x^2", display=True)  # another key: display, colour and size count


def test_the_least_recently_used_formula_is_dropped_beyond_the_size(small_cache):
    render_math("a")
    render_math("b")
    render_math("a")  # a is now the most recent
    render_math("c")  # drops b
    assert is_cached("a") and is_cached("c") and not is_cached("b")
    render_math("b")
    assert small_cache == ["a", "b", "c", "b"]


def test_a_failure_is_cached_too(small_cache):
    for _ in range(2):
        with pytest.raises(MathError):
            render_math(r"\frac{")
    assert small_cache == [r"\frac{"]
    assert is_cached(r"\frac{")


def test_importing_the_renderers_does_not_import_ziamath():
    code = ("import sys, mlprep_desktop.rendering.markdown_html, mlprep_desktop.rendering.math_svg as m; "
            "print('ziamath' in sys.modules); m.render_math('x'); print('ziamath' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
