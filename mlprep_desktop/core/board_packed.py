"""A board's items in a compact binary form, stored beside its JSON so a big board opens
without parsing megabytes of text (issue 16: a 5,000-stroke board's JSON is 3.2 MB).

Contract:
- The JSON (``board_model``) stays the source of truth. A packed scene is a cache of exactly
  what ``read_scene`` makes of that JSON: ``unpack_scene(pack_scene(pieces))`` equals
  ``read_scene(join_scene_json(fragments))[1]`` when each piece was made by ``pack_item``
  from the JSON fragment's own dict (``item_to_dict``) - see ``BoardScene.stored``.
  Storage keeps it only with a digest of the JSON it was made with, and drops it when the
  JSON changes without it (``storage.boards``).
- A stroke is packed as numbers (its points and pressures as IEEE doubles, little-endian):
  unpacked in a few C calls instead of parsed and checked value by value. Any other item
  (shapes, text, connectors, kinds from a newer app: a few per board) is kept as its JSON
  fragment and read by ``item_from_dict``, as ``read_scene`` reads it.
- The packed form names the board format version of the JSON it was made with; ``unpack_scene``
  reads only this version's (``VERSION``), so a board a newer app stored is read from its JSON,
  which says it is newer (shown read-only, never saved over).
- ``unpack_scene`` raises ``PackedFormatError`` for data it cannot read; the caller then
  reads the JSON.
"""
from __future__ import annotations

import json
import struct
from collections.abc import Iterable
from typing import Any

from mlprep_desktop.core.board_model import VERSION, BoardItem, Stroke, item_from_dict

MAGIC = b"MLPK2"  # 2: the header names the JSON's board format version
_STROKE, _JSON = 1, 2
# kind, id bytes, colour bytes, doubles of points, doubles of pressures, highlighter, x, y, width, z
_STROKE_HEAD = struct.Struct("<BIIIIBdddd")
_JSON_HEAD = struct.Struct("<BI")
_HEADER = struct.Struct("<II")  # board format version of the JSON, number of items
_DOUBLES: dict[int, struct.Struct] = {}


class PackedFormatError(ValueError):
    """Packed scene data this version cannot read (the JSON is read instead)."""


def _doubles(count: int) -> struct.Struct:
    shape = _DOUBLES.get(count)
    if shape is None:
        if len(_DOUBLES) > 4096:
            _DOUBLES.clear()
        shape = _DOUBLES[count] = struct.Struct(f"<{count}d")
    return shape


def pack_item(raw: dict[str, Any], fragment: str | None = None) -> bytes:
    """One item's piece, made from its stored dict (``item_to_dict``: what its JSON holds;
    ``fragment``: that JSON, when the caller has it).

    Raises ``BoardFormatError`` when the JSON reader would refuse the item."""
    item = item_from_dict(raw)
    if type(item) is Stroke and raw.get("id"):
        item_id, color = item.id.encode(), item.color.encode()
        return b"".join((
            _STROKE_HEAD.pack(_STROKE, len(item_id), len(color), len(item.points), len(item.pressures),
                              item.highlighter, item.x, item.y, item.width, item.z),
            item_id, color, _doubles(len(item.points)).pack(*item.points),
            _doubles(len(item.pressures)).pack(*item.pressures)))
    text = (fragment if fragment is not None else json.dumps(raw, separators=(",", ":"), ensure_ascii=False)).encode()
    return _JSON_HEAD.pack(_JSON, len(text)) + text


def pack_scene(pieces: Iterable[bytes], version: int = VERSION) -> bytes:
    """The packed scene of the items whose pieces are given, in the order the JSON (of board
    format ``version``) lists them."""
    pieces = list(pieces)
    return b"".join((MAGIC, _HEADER.pack(version, len(pieces)), *pieces))


def unpack_scene(data: bytes) -> list[BoardItem]:
    """The items, in z order, as ``read_scene`` reads the JSON the data was made with."""
    try:
        items = _unpack(data)
    except (struct.error, UnicodeDecodeError, ValueError, TypeError, KeyError) as exc:
        if isinstance(exc, PackedFormatError):
            raise
        raise PackedFormatError(f"packed scene unreadable: {exc}") from exc
    items.sort(key=lambda i: i.z)
    return items


def _unpack(data: bytes) -> list[BoardItem]:
    if data[:len(MAGIC)] != MAGIC:
        raise PackedFormatError("not a packed scene")
    offset = len(MAGIC)
    version, count = _HEADER.unpack_from(data, offset)
    if version != VERSION:
        raise PackedFormatError(f"made for board format version {version}")
    offset += _HEADER.size
    items: list[BoardItem] = []
    append, stroke_head, head_size = items.append, _STROKE_HEAD.unpack_from, _STROKE_HEAD.size
    colors: dict[bytes, str] = {}
    seen: set[str] = set()
    for _ in range(count):
        kind = data[offset]
        if kind == _STROKE:
            _, id_len, color_len, n_points, n_pressures, highlighter, x, y, width, z = stroke_head(data, offset)
            offset += head_size
            item_id = data[offset:offset + id_len].decode()
            offset += id_len
            color_key = data[offset:offset + color_len]
            color = colors.get(color_key)
            if color is None:
                color = colors[color_key] = color_key.decode()
            offset += color_len
            points = _doubles(n_points).unpack_from(data, offset)
            offset += 8 * n_points
            pressures = _doubles(n_pressures).unpack_from(data, offset) if n_pressures else ()
            offset += 8 * n_pressures
            if n_points < 2 or n_points % 2:
                raise PackedFormatError(f"stroke {item_id} has an odd or empty point list")
            item: BoardItem = Stroke(item_id, x, y, points, color, width, pressures, bool(highlighter), z)
        elif kind == _JSON:
            _, length = _JSON_HEAD.unpack_from(data, offset)
            offset += _JSON_HEAD.size
            end = offset + length
            if end > len(data):
                raise PackedFormatError("packed scene cut short")
            item = item_from_dict(json.loads(data[offset:end]))
            offset = end
        else:
            raise PackedFormatError(f"unknown packed item kind {kind}")
        if item.id in seen:  # never written so (see BoardScene.stored); the JSON would differ
            raise PackedFormatError(f"item id {item.id} repeated")
        seen.add(item.id)
        append(item)
    if offset != len(data):
        raise PackedFormatError("packed scene has trailing data")
    return items
