"""The board scene model and its versioned JSON, without Qt."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlprep_desktop.core.board_model import (
    COORD_LIMIT,
    EMPTY_SCENE_JSON,
    INK,
    MAX_TEXT_SIZE,
    MAX_WIDTH,
    MIN_TEXT_SIZE,
    VERSION,
    Z_LIMIT,
    BoardFormatError,
    Connector,
    RawItem,
    Shape,
    Stroke,
    Text,
    item_to_json,
    join_scene_json,
    math_source,
    read_scene,
    scene_from_json,
    scene_to_json,
)

ITEMS = [
    Stroke("s1", 10.5, -20.25, (0.0, 0.0, 5.5, 2.25, 9.0, 8.0), "#e03131", 3.5, (0.2, 0.55, 1.0), False, 1.0),
    Stroke("s2", 0.0, 0.0, (0.0, 0.0, 40.0, 0.0), "#fcc41980", 14.0, (), True, 2.0),
    Shape("r1", "rect", 100.0, 50.0, 120.0, 60.0, INK, 2.0, "#1971c240", 3.0),
    Shape("e1", "ellipse", 300.0, 50.0, 80.0, 80.0, "#2f9e44", 2.0, None, 4.0),
    Connector("a1", 220.0, 80.0, 80.0, 10.0, True, INK, 2.0, "r1", "e1", 5.0),
    Connector("l1", 0.0, 200.0, 100.0, -50.0, False, "#868e96", 7.0, None, None, 6.0),
    Text("t1", 40.0, 300.0, "train 70 %\nvalidation 15 %\ntest 15 % — ünïcode ✓", INK, 22.0, 7.0),
    Text("t2", 40.0, 400.0, r"$\hat{y} = \sigma(Wx + b)$", "#9c36b5", 32.0, 8.0),
]


def test_every_kind_of_item_round_trips_exactly():
    text = scene_to_json(ITEMS)
    doc = json.loads(text)
    assert doc["format"] == "mlprep-board" and doc["version"] == 1
    assert [i["type"] for i in doc["items"]] == ["stroke", "stroke", "rect", "ellipse", "arrow", "line", "text", "text"]
    assert scene_from_json(text) == ITEMS


def test_items_are_written_and_read_in_z_order():
    shuffled = [ITEMS[4], ITEMS[0], ITEMS[7], ITEMS[2]]
    text = scene_to_json(shuffled)
    assert [i["id"] for i in json.loads(text)["items"]] == ["s1", "r1", "a1", "t2"]
    stored = json.loads(text)
    stored["items"].reverse()  # a file written in another order still reads back by z
    assert [i.id for i in scene_from_json(json.dumps(stored))] == ["s1", "r1", "a1", "t2"]


def test_coordinates_are_stored_to_a_hundredth():
    stroke = Stroke("s", 1.23456, 2.0, (0.0, 0.0, 3.14159, 2.71828))
    doc = json.loads(scene_to_json([stroke]))["items"][0]
    assert doc["x"] == 1.23 and doc["y"] == 2 and doc["points"] == [0, 0, 3.14, 2.72]


def test_items_of_unknown_kinds_are_kept_verbatim():
    raw = {"type": "sticky-note", "id": "n1", "z": 2.5, "x": 1, "colour": "pink", "nested": {"a": [1, 2]}}
    text = join_scene_json([item_to_json(ITEMS[0]), json.dumps(raw)])
    items = scene_from_json(text)
    assert items[1] == RawItem("n1", raw, 2.5)
    again = json.loads(scene_to_json(items))["items"][1]
    assert again == raw


def test_empty_text_is_an_empty_board():
    assert scene_from_json("") == []
    assert scene_from_json(None) == []
    assert scene_from_json(EMPTY_SCENE_JSON) == []


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        json.dumps({"format": "excalidraw", "version": 1, "items": []}),
        json.dumps({"format": "mlprep-board", "version": "one", "items": []}),
        json.dumps({"format": "mlprep-board", "version": 1, "items": {}}),
        json.dumps({"format": "mlprep-board", "version": 1, "items": [{"type": "stroke", "id": "s", "points": [1]}]}),
        json.dumps({"format": "mlprep-board", "version": 1, "items": [{"type": "rect", "id": "r", "x": "left"}]}),
        json.dumps({"format": "mlprep-board", "version": 1, "items": [{"id": "x"}]}),
        json.dumps({"format": "mlprep-board", "version": 1, "items": ["stroke"]}),
    ],
)
def test_text_that_is_not_a_board_raises_a_format_error(text):
    with pytest.raises(BoardFormatError):
        scene_from_json(text)


def test_a_newer_version_is_read_as_far_as_it_is_understood():
    doc = {"format": "mlprep-board", "version": 7, "items": [
        {"type": "rect", "id": "r", "x": 0, "y": 0, "w": 10, "h": 10, "z": 1},
        {"type": "hologram", "id": "h", "z": 2},
    ]}
    items = scene_from_json(json.dumps(doc))
    assert isinstance(items[0], Shape) and isinstance(items[1], RawItem)


def test_bad_colours_fall_back_to_ink_and_duplicate_ids_are_renamed():
    doc = {"format": "mlprep-board", "version": 1, "items": [
        {"type": "text", "id": "same", "x": 0, "y": 0, "text": "a", "color": "javascript:alert(1)", "z": 1},
        {"type": "text", "id": "same", "x": 0, "y": 0, "text": "b", "color": "#12345", "z": 2},
    ]}
    a, b = scene_from_json(json.dumps(doc))
    assert a.color == INK and b.color == INK
    assert a.id == "same" and b.id != "same"


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("$x^2$", "x^2"),
        ("  $$\\frac{a}{b}$$ ", "\\frac{a}{b}"),
        ("$ \\alpha $", "\\alpha"),
        ("costs $5", None),
        ("$$", None),
        ("$", None),
        ("plain", None),
        ("$a$ and $b$", "a$ and $b"),  # begins and ends with $: the whole text is one formula
    ],
)
def test_math_source(text, latex):
    assert math_source(text) == latex
    assert Text("t", 0, 0, text).is_math is (latex is not None)


coords = st.floats(min_value=-1e5, max_value=1e5, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(coords, coords), min_size=1, max_size=40),
       st.sampled_from([INK, "#e03131", "#fcc41980"]), st.booleans())
def test_any_stroke_round_trips_within_storage_precision(points, color, highlighter):
    flat = tuple(v for p in points for v in p)
    stroke = Stroke("s", points[0][0], points[0][1], flat, color, 3.0, (), highlighter, 0.0)
    (back,) = scene_from_json(scene_to_json([stroke]))
    assert back.color == color and back.highlighter == highlighter
    assert len(back.points) == len(flat)
    assert all(abs(a - b) <= 0.005 + 1e-9 for a, b in zip(back.points, flat))


@pytest.mark.parametrize("item", [
    '{"type":"rect","id":"r","x":NaN,"y":0,"w":9,"h":9}',
    '{"type":"rect","id":"r","x":0,"y":0,"w":Infinity,"h":9}',
    '{"type":"arrow","id":"a","x":0,"y":0,"ex":-Infinity,"ey":0}',
    '{"type":"text","id":"t","x":0,"y":0,"text":"a","size":NaN}',
    '{"type":"line","id":"l","x":0,"y":0,"ex":1,"ey":1,"width":NaN}',
    '{"type":"rect","id":"r","x":0,"y":0,"w":9,"h":9,"z":NaN}',
    '{"type":"stroke","id":"s","x":0,"y":0,"points":[0,0,NaN,1]}',
    '{"type":"stroke","id":"s","x":0,"y":0,"points":[0,0,"inf",1]}',
    '{"type":"stroke","id":"s","x":0,"y":0,"points":[0,0,1,1],"pressures":[0.5,NaN]}',
])
def test_non_finite_numbers_are_a_format_error(item):
    # json.loads lets NaN and Infinity through; a board holding them is not readable
    with pytest.raises(BoardFormatError):
        scene_from_json('{"format":"mlprep-board","version":1,"items":[' + item + "]}")


def test_huge_numbers_are_clamped_to_sane_ranges():
    doc = {"format": "mlprep-board", "version": 1, "items": [
        {"type": "text", "id": "t", "x": 1e30, "y": -1e30, "text": "a", "size": 1e30, "z": 1e300},
        {"type": "text", "id": "u", "x": 0, "y": 0, "text": "b", "size": -5},
        {"type": "rect", "id": "r", "x": 0, "y": 0, "w": -1e30, "h": 1e30, "width": 1e30},
        {"type": "arrow", "id": "a", "x": 0, "y": 0, "ex": 1e30, "ey": -1e30, "width": -3},
        {"type": "stroke", "id": "s", "x": 0, "y": 0, "points": [0, 0, 1e30, -1e30], "width": 1e30},
    ]}
    items = {i.id: i for i in scene_from_json(json.dumps(doc))}
    t, u, r, a, s = (items[k] for k in "turas")
    assert (t.x, t.y) == (COORD_LIMIT, -COORD_LIMIT) and t.size == MAX_TEXT_SIZE and t.z == Z_LIMIT
    assert u.size == MIN_TEXT_SIZE
    assert (r.w, r.h, r.width) == (COORD_LIMIT, COORD_LIMIT, MAX_WIDTH)
    assert (a.ex, a.ey, a.width) == (COORD_LIMIT, -COORD_LIMIT, 0.0)
    assert s.points == (0.0, 0.0, COORD_LIMIT, -COORD_LIMIT) and s.width == MAX_WIDTH
    # and the clamped board reads back the same after saving
    assert scene_from_json(scene_to_json(items.values())) == sorted(items.values(), key=lambda i: i.z)


def test_read_scene_tells_the_version():
    assert read_scene(EMPTY_SCENE_JSON) == (VERSION, [])
    assert read_scene("") == (VERSION, [])
    version, items = read_scene(json.dumps({"format": "mlprep-board", "version": VERSION + 1, "items": [
        {"type": "rect", "id": "r", "x": 0, "y": 0, "w": 10, "h": 10}]}))
    assert version == VERSION + 1 and isinstance(items[0], Shape)


def test_json_nested_too_deep_is_a_format_error():
    with pytest.raises(BoardFormatError):
        scene_from_json("[" * 100_000 + "]" * 100_000)


def test_new_item_ids_are_12_random_hex_digits():
    import re

    from mlprep_desktop.core.board_model import new_id

    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000 and all(re.fullmatch(r"[0-9a-f]{12}", i) for i in ids)
