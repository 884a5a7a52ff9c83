"""The packed scene (issue 16): a cache of exactly what ``read_scene`` makes of the JSON it was
made with; anything it cannot read is a ``PackedFormatError`` (the JSON is read instead)."""
from __future__ import annotations

import random

import pytest

from mlprep_desktop.core.board_model import (
    INK,
    BoardFormatError,
    Connector,
    RawItem,
    Shape,
    Stroke,
    Text,
    item_to_dict,
    read_scene,
    scene_to_json,
)
from mlprep_desktop.core.board_packed import PackedFormatError, pack_item, pack_scene, unpack_scene


def varied_board() -> list:
    rng = random.Random(12)
    items: list = [
        Stroke("dot", 0.0, 0.0, (3.0, 4.0)),
        Stroke("rough", 0.123456, -7.891011, (0.004, 0.005, 1.2345, 9.87654, 3.0, 3.0)),  # rounded when stored
        Stroke("far", 2e6, -3e6, (5e6, 0.0, -1e7, 1.0), "#e03131", 900.0),  # clamped when read
        Stroke("press", 5.0, 5.0, (0.0, 0.0, 10.0, 0.0, 20.0, 5.0), INK, 4.0, (0.2, 0.81234, 0.5), z=2.0),
        Stroke("bad-press", 1.0, 1.0, (0.0, 0.0, 1.0, 1.0), INK, 4.0, (0.2, 0.3, 0.4)),  # dropped when read
        Stroke("high", -40.0, 7.5, (0.0, 0.0, 30.0, 2.0), "#fcc419", 14.0, highlighter=True, z=3.0),
        Stroke("odd colour", 0.0, 0.0, (0.0, 0.0, 1.0, 1.0), "tomato"),  # read as ink
        Stroke("ünïcode ✓", 1.0, 2.0, (0.0, 0.0, 1.0, 1.0), "#2f9e4480", z=3.0),  # same z: order kept
        Shape("box", "rect", 10, 20, 40, 30, fill="#ffec99", z=50.0),
        Shape("oval", "ellipse", -10, -20, 40, 30, z=-1.0),
        Connector("arrow", 0, 0, 50, 60, True, start="box", end="oval", z=51.0),
        Text("words", 3, 4, "train / val / test ∑", size=18.0),
        Text("formula", 3, 40, "$x^2$"),
        RawItem("future", {"id": "future", "type": "sticker", "x": 1, "z": 4, "emoji": "🙂"}, 4.0),
    ]
    for i in range(40):
        points = [rng.uniform(-500, 500) for _ in range(2 * rng.randint(1, 30))]
        items.append(Stroke(f"r{i}", rng.uniform(-50, 50), rng.uniform(-50, 50), tuple(points),
                            rng.choice((INK, "#1971c2")), rng.choice((0.5, 3.5)), z=float(i % 7)))
    return items


def packed(items) -> bytes:
    return pack_scene(pack_item(item_to_dict(item)) for item in sorted(items, key=lambda i: i.z))


def test_a_packed_scene_reads_back_as_its_json_does_bit_for_bit():
    items = varied_board()
    version, from_json = read_scene(scene_to_json(items))
    from_packed = unpack_scene(packed(items))
    assert from_packed == from_json
    assert [m.id for m in from_packed] == [m.id for m in from_json]  # z order, ties in stored order
    for a, b in zip(from_packed, from_json):
        if isinstance(a, Stroke):  # == on floats: -0.0 == 0.0; compare the bits too
            assert [x.hex() for x in (a.x, a.y, a.width, a.z, *a.points, *a.pressures)] == \
                   [x.hex() for x in (b.x, b.y, b.width, b.z, *b.points, *b.pressures)]
    assert version == 1


def test_an_empty_board_packs_and_reads_back_empty():
    assert unpack_scene(pack_scene([])) == []


@pytest.mark.parametrize("damage", ["magic", "cut", "trailing", "kind", "odd points", "newer"])
def test_damaged_packed_data_is_a_packed_format_error(damage):
    data = bytearray(packed(varied_board()))
    if damage == "magic":
        data[0:2] = b"XX"
    elif damage == "cut":
        del data[-9:]
    elif damage == "trailing":
        data += b"\0"
    elif damage == "kind":
        data[13] = 7  # the first item's kind (after the magic, version and count)
    elif damage == "odd points":
        data = bytearray(pack_scene([pack_item(item_to_dict(Stroke("a", 0, 0, (1.0, 2.0))))]))
        data[13 + 9] = 3  # its count of point numbers (after kind, id and colour lengths)
    else:  # a board a newer app stored (its JSON says so, and is read instead)
        data = bytearray(pack_scene([pack_item(item_to_dict(Stroke("a", 0, 0, (1.0, 2.0))))], version=2))
    with pytest.raises(PackedFormatError):
        unpack_scene(bytes(data))


def test_an_item_the_json_reader_refuses_is_not_packed():
    raw = item_to_dict(Stroke("a", 0, 0, (1.0, 2.0)))
    raw["points"] = [1.0, 2.0, 3.0]
    with pytest.raises(BoardFormatError):
        pack_item(raw)
