"""Plane geometry for the whiteboard: snapping, where an attached arrow meets its shape,
arrow heads, the outline of a pressure-sensitive stroke, and moving or scaling items.

Everything here is plain Python on floats and tuples (no Qt) so it is unit-tested alone.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from mlprep_desktop.core.board_model import BoardItem, Connector, RawItem, Shape, Stroke, Text

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, w, h

ATTACH_GAP = 6.0  # scene units between an attached arrow's tip and its shape


def snap(value: float, grid: float) -> float:
    return round(value / grid) * grid if grid > 0 else value


def snap_point(p: Point, grid: float) -> Point:
    return (snap(p[0], grid), snap(p[1], grid))


def snap_angle(origin: Point, p: Point, step_degrees: float = 15.0) -> Point:
    """``p`` moved onto the nearest ray from ``origin`` at a multiple of ``step_degrees``."""
    dx, dy = p[0] - origin[0], p[1] - origin[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return p
    step = math.radians(step_degrees)
    angle = round(math.atan2(dy, dx) / step) * step
    return (origin[0] + length * math.cos(angle), origin[1] + length * math.sin(angle))


def normalized_rect(a: Point, b: Point, square: bool = False) -> Rect:
    """The box spanned by two corners; ``square`` makes it a square grown from ``a``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if square:
        side = max(abs(dx), abs(dy))
        dx = math.copysign(side, dx or 1.0)
        dy = math.copysign(side, dy or 1.0)
    x, y = min(a[0], a[0] + dx), min(a[1], a[1] + dy)
    return (x, y, abs(dx), abs(dy))


def boundary_point(kind: str, rect: Rect, toward: Point, gap: float = ATTACH_GAP) -> Point:
    """Where the ray from the centre of a shape toward ``toward`` leaves the shape, ``gap``
    further out. ``kind`` is "ellipse" or anything boxy ("rect", "text")."""
    x, y, w, h = rect
    cx, cy = x + w / 2, y + h / 2
    dx, dy = toward[0] - cx, toward[1] - cy
    length = math.hypot(dx, dy)
    if length < 1e-9:
        dx, dy, length = 1.0, 0.0, 1.0
    ux, uy = dx / length, dy / length
    a, b = max(w / 2, 1e-9), max(h / 2, 1e-9)
    if kind == "ellipse":
        t = 1.0 / math.sqrt((ux / a) ** 2 + (uy / b) ** 2)
    else:
        tx = a / abs(ux) if abs(ux) > 1e-12 else math.inf
        ty = b / abs(uy) if abs(uy) > 1e-12 else math.inf
        t = min(tx, ty)
    return (cx + ux * (t + gap), cy + uy * (t + gap))


def rect_center(rect: Rect) -> Point:
    return (rect[0] + rect[2] / 2, rect[1] + rect[3] / 2)


def route_connector(
    connector: Connector,
    start: tuple[str, Rect] | None,
    end: tuple[str, Rect] | None,
) -> Connector:
    """The connector with its attached ends moved onto their shapes' outlines.

    ``start`` / ``end`` are (kind, rect) of the attached shapes, or None for a free end. An end
    aims at the other shape's centre when both are attached, else at the other free end."""
    p1 = (connector.x, connector.y)
    p2 = connector.end_point
    aim1 = rect_center(end[1]) if end else p2
    aim2 = rect_center(start[1]) if start else p1
    if start:
        p1 = boundary_point(start[0], start[1], aim1)
    if end:
        p2 = boundary_point(end[0], end[1], aim2)
    return replace(connector, x=p1[0], y=p1[1], ex=p2[0] - p1[0], ey=p2[1] - p1[1])


def arrow_head(tip: Point, tail: Point, width: float) -> tuple[Point, Point, Point]:
    """The three corners of a filled arrow head at ``tip``, pointing away from ``tail``."""
    dx, dy = tip[0] - tail[0], tip[1] - tail[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    size = min(max(10.0, width * 3.5), max(length * 0.6, 4.0))
    half = size * 0.45
    base = (tip[0] - ux * size, tip[1] - uy * size)
    return (tip, (base[0] - uy * half, base[1] + ux * half), (base[0] + uy * half, base[1] - ux * half))


def pressure_outline(points: Sequence[float], pressures: Sequence[float], width: float) -> list[Point]:
    """A closed polygon around a stroke whose width follows the pen pressure (flat x, y list).

    Each point is offset to both sides along the local normal by half its width
    (``width * (0.25 + 0.75 * pressure)``); the polygon runs down one side and back the other."""
    pts = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]
    n = len(pts)
    if n == 0:
        return []
    if n == 1:
        r = width * (0.25 + 0.75 * (pressures[0] if pressures else 1.0)) / 2
        x, y = pts[0]
        return [(x + r * math.cos(a), y + r * math.sin(a)) for a in (i * math.pi / 4 for i in range(8))]
    left: list[Point] = []
    right: list[Point] = []
    for i, (x, y) in enumerate(pts):
        ax, ay = pts[max(0, i - 1)]
        bx, by = pts[min(n - 1, i + 1)]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length
        p = pressures[i] if i < len(pressures) else 1.0
        r = width * (0.25 + 0.75 * p) / 2
        left.append((x + nx * r, y + ny * r))
        right.append((x - nx * r, y - ny * r))
    return left + right[::-1]


def points_bounds(points: Sequence[float]) -> Rect:
    xs = points[0::2]
    ys = points[1::2]
    x0, y0 = min(xs), min(ys)
    return (x0, y0, max(xs) - x0, max(ys) - y0)


def moved(item: BoardItem, dx: float, dy: float) -> BoardItem:
    """The item shifted by (dx, dy) (a connector keeps its attachments; the scene re-routes it)."""
    if isinstance(item, RawItem):
        return item
    return replace(item, x=item.x + dx, y=item.y + dy)


def resized(item: BoardItem, old: Rect, new: Rect) -> BoardItem:
    """The item mapped from the box ``old`` onto the box ``new`` (both in scene units).

    Shapes take the new box; strokes scale their points; text scales its font size with the
    height; connectors map both ends."""
    ox, oy, ow, oh = old
    nx, ny, nw, nh = new
    sx = nw / ow if ow > 1e-9 else 1.0
    sy = nh / oh if oh > 1e-9 else 1.0

    def map_point(px: float, py: float) -> Point:
        return (nx + (px - ox) * sx, ny + (py - oy) * sy)

    if isinstance(item, Shape):
        x, y = map_point(item.x, item.y)
        return replace(item, x=x, y=y, w=max(1.0, item.w * sx), h=max(1.0, item.h * sy))
    if isinstance(item, Stroke):
        x, y = map_point(item.x, item.y)
        pts = tuple(v * (sx if i % 2 == 0 else sy) for i, v in enumerate(item.points))
        return replace(item, x=x, y=y, points=pts)
    if isinstance(item, Text):
        x, y = map_point(item.x, item.y)
        return replace(item, x=x, y=y, size=min(400.0, max(6.0, item.size * sy)))
    if isinstance(item, Connector):
        x1, y1 = map_point(item.x, item.y)
        x2, y2 = map_point(*item.end_point)
        return replace(item, x=x1, y=y1, ex=x2 - x1, ey=y2 - y1)
    return item


def distance_to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))
