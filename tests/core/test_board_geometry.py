"""Whiteboard geometry: snapping, attachment points, arrow heads, pressure outlines, resizing."""
from __future__ import annotations

import math

import pytest

from mlprep_desktop.core.board_geometry import (
    ATTACH_GAP,
    arrow_head,
    boundary_point,
    distance_to_segment,
    moved,
    normalized_rect,
    pressure_outline,
    resized,
    route_connector,
    snap,
    snap_angle,
    snap_point,
)
from mlprep_desktop.core.board_model import Connector, Shape, Stroke, Text


def test_snap_rounds_to_the_grid():
    assert snap(29, 20) == 20 and snap(31, 20) == 40 and snap(-11, 20) == -20
    assert snap_point((9.9, 10.1), 20) == (0, 20)
    assert snap(13.3, 0) == 13.3


def test_snap_angle_keeps_length_and_uses_15_degree_steps():
    x, y = snap_angle((0, 0), (100, 8))
    assert (round(x, 6), round(y, 6)) == (100.319490, 0.0) or math.isclose(math.hypot(x, y), math.hypot(100, 8))
    angle = math.degrees(math.atan2(*reversed(snap_angle((0, 0), (50, 52)))))
    assert math.isclose(angle, 45.0, abs_tol=1e-9)


def test_normalized_rect_from_any_two_corners_and_squares():
    assert normalized_rect((50, 40), (10, 10)) == (10, 10, 40, 30)
    assert normalized_rect((0, 0), (30, -10), square=True) == (0, -30, 30, 30)


def test_boundary_point_of_a_rectangle_faces_the_target():
    rect = (0.0, 0.0, 100.0, 50.0)
    x, y = boundary_point("rect", rect, (500.0, 25.0))
    assert (x, y) == (100.0 + ATTACH_GAP, 25.0)
    x, y = boundary_point("rect", rect, (50.0, -300.0), gap=0)
    assert (x, y) == (50.0, 0.0)


def test_boundary_point_of_an_ellipse_lies_on_it():
    rect = (0.0, 0.0, 200.0, 100.0)
    for target in [(400.0, 300.0), (-50.0, 10.0), (100.0, 500.0)]:
        x, y = boundary_point("ellipse", rect, target, gap=0)
        assert math.isclose(((x - 100) / 100) ** 2 + ((y - 50) / 50) ** 2, 1.0, rel_tol=1e-9)


def test_boundary_point_when_the_target_is_the_centre():
    assert boundary_point("rect", (0, 0, 10, 10), (5, 5), gap=0) == (10.0, 5.0)


def test_a_connector_attached_at_both_ends_runs_between_the_outlines():
    a = ("rect", (0.0, 0.0, 100.0, 100.0))
    b = ("rect", (300.0, 0.0, 100.0, 100.0))
    routed = route_connector(Connector("c", 0, 0, 1, 1, start="a", end="b"), a, b)
    assert (routed.x, routed.y) == (100 + ATTACH_GAP, 50)
    assert routed.end_point == (300 - ATTACH_GAP, 50)


def test_a_connector_attached_at_one_end_aims_at_its_free_end():
    shape = ("ellipse", (0.0, 0.0, 100.0, 100.0))
    routed = route_connector(Connector("c", 0, 0, 50, 300, end=None, start="s"), shape, None)
    assert routed.end_point == (50, 300)
    assert math.isclose(routed.x, 50.0) and math.isclose(routed.y, 100 + ATTACH_GAP)


def test_arrow_head_points_at_the_tip():
    tip, left, right = arrow_head((100.0, 0.0), (0.0, 0.0), 2.0)
    assert tip == (100.0, 0.0)
    assert left[0] < 100 and right[0] < 100 and left[1] == -right[1] != 0


def test_pressure_outline_is_wider_where_the_pen_pressed_harder():
    points = [0.0, 0.0, 50.0, 0.0, 100.0, 0.0]
    outline = pressure_outline(points, [0.0, 0.5, 1.0], 10.0)
    assert len(outline) == 6
    half_widths = [abs(y) for _, y in outline[:3]]
    assert half_widths == pytest.approx([1.25, 3.125, 5.0])
    assert len(pressure_outline([5.0, 5.0], [1.0], 4.0)) == 8


def test_moved_shifts_any_item():
    assert moved(Shape("r", "rect", 1, 2, 3, 4), 10, -1) == Shape("r", "rect", 11, 1, 3, 4)
    assert moved(Text("t", 0, 0, "x"), 5, 5).x == 5


def test_resized_maps_items_from_one_box_to_another():
    old, new = (0.0, 0.0, 100.0, 100.0), (50.0, 50.0, 200.0, 50.0)
    shape = resized(Shape("r", "rect", 0, 0, 100, 100), old, new)
    assert (shape.x, shape.y, shape.w, shape.h) == (50, 50, 200, 50)
    stroke = resized(Stroke("s", 50, 50, (0.0, 0.0, 50.0, 50.0)), old, new)
    assert (stroke.x, stroke.y, stroke.points) == (150, 75, (0, 0, 100, 25))
    text = resized(Text("t", 0, 0, "x", size=20), old, new)
    assert text.size == 10
    line = resized(Connector("c", 0, 0, 100, 100), old, new)
    assert (line.x, line.y, line.end_point) == (50, 50, (250, 100))


def test_distance_to_segment():
    assert distance_to_segment((5, 5), (0, 0), (10, 0)) == 5
    assert distance_to_segment((-3, 4), (0, 0), (10, 0)) == 5
