"""The whiteboard's scene model: plain, immutable items and the versioned JSON they are stored as.

Contract:
- Every item has a stable ``id`` (unique within a board), a position ``x, y`` in scene units
  and a stacking order ``z`` (larger is in front). Geometry is relative to ``x, y``, so moving
  an item changes only those two numbers.
- ``scene_to_json(items)`` writes ``{"format": "mlprep-board", "version": 1, "items": [...]}``
  with the items in z order; ``scene_from_json`` reads it back to equal items.
- Items of a kind this version does not know (from a newer app) are kept as ``RawItem`` and
  written back unchanged, so opening a board never loses anything. A whole scene of a newer
  ``version`` is read as far as it is understood (``read_scene`` tells the version); the app
  shows such a board read-only, so saving never downgrades it.
- Numbers must be finite (``json.loads`` lets ``NaN`` and ``Infinity`` through: they are a
  ``BoardFormatError``); huge ones are clamped when read: coordinates and sizes to
  ±``COORD_LIMIT``, ``z`` to ±``Z_LIMIT``, line widths to 0..``MAX_WIDTH``, text sizes to
  ``MIN_TEXT_SIZE``..``MAX_TEXT_SIZE``. So every item read can be drawn (Qt takes pixel sizes
  as C ints) and exported.
- ``INK`` is the theme's ink colour (black on a light canvas, near-white on a dark one); any
  other colour is ``#rrggbb`` or ``#rrggbbaa``.
"""
from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

FORMAT = "mlprep-board"
VERSION = 1
INK = "ink"
EMPTY_SCENE_JSON = json.dumps({"format": FORMAT, "version": VERSION, "items": []}, separators=(",", ":"))

COORD_LIMIT = 1_000_000.0  # scene units; a board is a few thousand across
Z_LIMIT = 1e9
MAX_WIDTH = 500.0  # the widest toolbar width is 7, a highlighter four times that
MIN_TEXT_SIZE = 4.0
MAX_TEXT_SIZE = 1000.0

_COLOR = re.compile(r"^(ink|#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?)$")


class BoardFormatError(ValueError):
    """Stored scene text that is not a board this app can read."""


@dataclass(frozen=True)
class Stroke:
    """A freehand line (pen or highlighter). ``points`` is flat: x0, y0, x1, y1, … relative to
    (x, y). ``pressures`` has one value in 0..1 per point when drawn with a tablet, else is empty."""

    id: str
    x: float
    y: float
    points: tuple[float, ...]
    color: str = INK
    width: float = 3.0
    pressures: tuple[float, ...] = ()
    highlighter: bool = False
    z: float = 0.0

    @property
    def point_count(self) -> int:
        return len(self.points) // 2


@dataclass(frozen=True)
class Shape:
    """A rectangle or an ellipse filling the box (x, y, w, h); ``fill`` is a colour or None."""

    id: str
    kind: str  # "rect" | "ellipse"
    x: float
    y: float
    w: float
    h: float
    color: str = INK
    width: float = 3.0
    fill: str | None = None
    z: float = 0.0


@dataclass(frozen=True)
class Connector:
    """A line or an arrow from (x, y) to (x + ex, y + ey). ``start`` / ``end`` name the shape
    each end is attached to (or None): an attached end follows its shape."""

    id: str
    x: float
    y: float
    ex: float
    ey: float
    arrow: bool = True
    color: str = INK
    width: float = 3.0
    start: str | None = None
    end: str | None = None
    z: float = 0.0

    @property
    def end_point(self) -> tuple[float, float]:
        return (self.x + self.ex, self.y + self.ey)


@dataclass(frozen=True)
class Text:
    """Text with its top-left corner at (x, y); may span lines. Text that begins and ends with
    ``$`` is shown as LaTeX math."""

    id: str
    x: float
    y: float
    text: str
    color: str = INK
    size: float = 20.0
    z: float = 0.0

    @property
    def is_math(self) -> bool:
        return math_source(self.text) is not None


@dataclass(frozen=True)
class RawItem:
    """An item of a kind this version does not know, kept exactly as it was stored."""

    id: str
    data: dict[str, Any]
    z: float = 0.0


BoardItem = Stroke | Shape | Connector | Text | RawItem


def new_id() -> str:
    """12 random hex digits (48 bits), as the first 12 of a UUID4 were; os.urandom directly, as
    the uuid module loads platform and libuuid (~1.4 MB resident, ~10 ms) for nothing more."""
    return os.urandom(6).hex()


def math_source(text: str) -> str | None:
    """The LaTeX inside text that begins and ends with ``$`` (``$…$`` or ``$$…$$``), else None."""
    stripped = text.strip()
    if len(stripped) < 3 or not (stripped.startswith("$") and stripped.endswith("$")):
        return None
    inner = stripped.strip("$").strip()
    return inner or None


def valid_color(value: Any) -> bool:
    return isinstance(value, str) and bool(_COLOR.match(value))


# ----- JSON

def _r(value: float) -> float | int:
    """Round a coordinate for storage (0.01 units); whole numbers are written as integers."""
    rounded = round(float(value), 2)
    return int(rounded) if rounded.is_integer() else rounded


def item_to_dict(item: BoardItem) -> dict[str, Any]:
    if isinstance(item, RawItem):
        return dict(item.data, id=item.id, z=item.z)
    base: dict[str, Any] = {"id": item.id, "z": _r(item.z), "x": _r(item.x), "y": _r(item.y)}
    if isinstance(item, Stroke):
        # the bulk of a big board: plain round() (whole numbers stay "12.0"), no per-value branch
        base.update(type="stroke", points=[round(v, 2) for v in item.points], color=item.color,
                    width=_r(item.width))
        if item.pressures:
            base["pressures"] = [round(p, 3) for p in item.pressures]
        if item.highlighter:
            base["highlighter"] = True
    elif isinstance(item, Shape):
        base.update(type=item.kind, w=_r(item.w), h=_r(item.h), color=item.color, width=_r(item.width))
        if item.fill:
            base["fill"] = item.fill
    elif isinstance(item, Connector):
        base.update(type="arrow" if item.arrow else "line", ex=_r(item.ex), ey=_r(item.ey),
                    color=item.color, width=_r(item.width))
        if item.start:
            base["start"] = item.start
        if item.end:
            base["end"] = item.end
    elif isinstance(item, Text):
        base.update(type="text", text=item.text, color=item.color, size=_r(item.size))
    else:  # pragma: no cover - the union above is closed
        raise TypeError(f"not a board item: {item!r}")
    return base


def stored_form(item: BoardItem) -> BoardItem:
    """The item exactly as it reads back from storage (coordinates to 0.01). The editor keeps
    items in this form, so what is on screen is what a reopened board shows."""
    return item if isinstance(item, RawItem) else item_from_dict(item_to_dict(item))


def item_to_json(item: BoardItem) -> str:
    """One item as compact JSON (the scene writer joins these; see ``join_scene_json``)."""
    return json.dumps(item_to_dict(item), separators=(",", ":"), ensure_ascii=False)


def join_scene_json(item_fragments: Iterable[str]) -> str:
    """The scene document around already-serialised items (given in z order)."""
    return f'{{"format":"{FORMAT}","version":{VERSION},"items":[{",".join(item_fragments)}]}}'


def scene_to_json(items: Iterable[BoardItem]) -> str:
    return join_scene_json(item_to_json(i) for i in sorted(items, key=lambda i: i.z))


def scene_from_json(text: str | None) -> list[BoardItem]:
    """The items of a stored scene, in z order. An empty or missing text is an empty board.

    Raises ``BoardFormatError`` for text that is not a board document."""
    return read_scene(text)[1]


def read_scene(text: str | None) -> tuple[int, list[BoardItem]]:
    """The scene's format ``version`` and its items, in z order (see ``scene_from_json``).
    A version above ``VERSION`` comes from a newer app: it is read as far as it is understood,
    and must not be saved over."""
    if not text or not text.strip():
        return VERSION, []
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep to be a board
        raise BoardFormatError(f"the board is not valid JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BoardFormatError("the text is not a whiteboard scene")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BoardFormatError(f"unknown board version {version!r}")
    raw_items = doc.get("items")
    if not isinstance(raw_items, list):
        raise BoardFormatError("the board has no item list")
    items: list[BoardItem] = []
    seen: set[str] = set()
    for raw in raw_items:
        item = item_from_dict(raw)
        if item.id in seen:  # ids must be unique within a board; keep the item under a new id
            item = _with_id(item, new_id())
        seen.add(item.id)
        items.append(item)
    items.sort(key=lambda i: i.z)
    return version, items


def item_from_dict(raw: Any) -> BoardItem:
    if not isinstance(raw, dict):
        raise BoardFormatError(f"a board item is not an object: {raw!r}")
    kind = raw.get("type")
    item_id = str(raw.get("id") or new_id())
    z = _num(raw, "z", 0.0, Z_LIMIT)
    try:
        if kind == "stroke":
            points = _coords(raw.get("points", ()))
            if len(points) < 2 or len(points) % 2:
                raise BoardFormatError(f"stroke {item_id} has an odd or empty point list")
            pressures = _pressures(raw["pressures"]) if raw.get("pressures") else ()
            if pressures and len(pressures) != len(points) // 2:
                pressures = ()
            return Stroke(item_id, _coord(raw, "x"), _coord(raw, "y"), points, _color(raw, "color"),
                          _width(raw), pressures, bool(raw.get("highlighter", False)), z)
        if kind in ("rect", "ellipse"):
            fill = raw.get("fill")
            return Shape(item_id, kind, _coord(raw, "x"), _coord(raw, "y"), abs(_coord(raw, "w")),
                         abs(_coord(raw, "h")), _color(raw, "color"), _width(raw),
                         fill if valid_color(fill) else None, z)
        if kind in ("arrow", "line"):
            return Connector(item_id, _coord(raw, "x"), _coord(raw, "y"), _coord(raw, "ex"), _coord(raw, "ey"),
                             kind == "arrow", _color(raw, "color"), _width(raw),
                             _ref(raw, "start"), _ref(raw, "end"), z)
        if kind == "text":
            size = _num(raw, "size", 20.0) or 20.0
            return Text(item_id, _coord(raw, "x"), _coord(raw, "y"), str(raw.get("text", "")), _color(raw, "color"),
                        min(MAX_TEXT_SIZE, max(MIN_TEXT_SIZE, size)), z)
    except (TypeError, ValueError, OverflowError) as exc:  # OverflowError: an integer beyond any float
        if isinstance(exc, BoardFormatError):
            raise
        raise BoardFormatError(f"item {item_id} is malformed: {exc}") from exc
    if not isinstance(kind, str):
        raise BoardFormatError(f"item {item_id} has no type")
    return RawItem(item_id, dict(raw), z)


def _num(raw: dict, key: str, default: float = 0.0, limit: float | None = None) -> float:
    """A finite number (clamped to ±``limit`` when given); anything else is a format error."""
    value = raw.get(key, default)
    if type(value) is float and (limit is None or -limit <= value <= limit) and value - value == 0.0:
        return value  # the usual case, four times a stroke: a finite float in range (inf - inf and NaN are NaN)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BoardFormatError(f"{key} is not a number: {value!r}")
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        raise BoardFormatError(f"{key} is out of range") from None
    if not math.isfinite(number):
        raise BoardFormatError(f"{key} is not a finite number: {value!r}")
    return number if limit is None else min(limit, max(-limit, number))


def _coord(raw: dict, key: str) -> float:
    return _num(raw, key, 0.0, COORD_LIMIT)


def _width(raw: dict) -> float:
    return min(MAX_WIDTH, max(0.0, _num(raw, "width", 3.0)))


def _coords(values: Any) -> tuple[float, ...]:
    """A stroke's flat point list as finite floats clamped to ±``COORD_LIMIT``.

    Strokes are the bulk of a big board, so the usual case is checked in C: a small sum of
    magnitudes bounds every value (and is NaN or infinite if any value is); a long stroke
    falls back to min/max, whose NaN blind spot the plain sum covers."""
    points = tuple(map(float, values))
    if sum(map(abs, points)) <= COORD_LIMIT or _within(points, -COORD_LIMIT, COORD_LIMIT):
        return points
    if not all(map(math.isfinite, points)):
        raise BoardFormatError("a point is not a finite number")
    return tuple(min(COORD_LIMIT, max(-COORD_LIMIT, v)) for v in points)


def _pressures(values: Any) -> tuple[float, ...]:
    """Pen pressures as finite floats clamped to 0..1."""
    pressures = tuple(map(float, values))
    if _within(pressures, 0.0, 1.0):
        return pressures
    if not all(map(math.isfinite, pressures)):
        raise BoardFormatError("a pressure is not a finite number")
    return tuple(min(1.0, max(0.0, p)) for p in pressures)


def _within(values: tuple[float, ...], low: float, high: float) -> bool:
    """Whether every value is a finite number in low..high (``min``/``max`` alone can miss a
    NaN; a NaN or an infinity makes the sum non-finite)."""
    return not values or (math.isfinite(sum(values)) and min(values) >= low and max(values) <= high)


def _color(raw: dict, key: str) -> str:
    value = raw.get(key, INK)
    return value if valid_color(value) else INK


def _ref(raw: dict, key: str) -> str | None:
    value = raw.get(key)
    return str(value) if value else None


def _with_id(item: BoardItem, item_id: str) -> BoardItem:
    if isinstance(item, RawItem):
        return RawItem(item_id, dict(item.data, id=item_id), item.z)
    return replace(item, id=item_id)
