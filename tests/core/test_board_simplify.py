"""Freehand input: smoothing while drawing and simplification when a stroke ends."""
from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from mlprep_desktop.core.board_geometry import distance_to_segment
from mlprep_desktop.core.board_simplify import InputSmoother, dedupe, finish_stroke, simplify, smooth_segments


def test_a_straight_line_keeps_only_its_ends():
    points = [(float(i), 2.0 * i) for i in range(100)]
    assert simplify(points, 0.5) == [0, 99]


def test_corners_are_kept():
    points = [(float(i), 0.0) for i in range(50)] + [(49.0, float(j)) for j in range(1, 50)]
    kept = simplify(points, 0.5)
    assert kept == [0, 49, 98]


def test_a_circle_keeps_enough_points_to_stay_within_tolerance():
    points = [(100 * math.cos(t / 400 * math.tau), 100 * math.sin(t / 400 * math.tau)) for t in range(401)]
    kept = simplify(points, 0.5)
    assert 25 < len(kept) < 70  # a chord of a 100-unit circle may span ~0.2 rad at 0.5 units


finite = st.floats(min_value=-500, max_value=500, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(finite, finite), min_size=3, max_size=80), st.floats(min_value=0.1, max_value=5))
def test_every_sample_stays_within_tolerance_of_the_simplified_line(points, tolerance):
    kept = simplify(points, tolerance)
    assert kept[0] == 0 and kept[-1] == len(points) - 1 and kept == sorted(set(kept))
    for a, b in zip(kept, kept[1:]):
        for i in range(a + 1, b):
            assert distance_to_segment(points[i], points[a], points[b]) <= tolerance + 1e-6


def test_dedupe_drops_samples_closer_than_the_minimum_but_keeps_the_last():
    points = [(0.0, 0.0), (0.1, 0.0), (0.2, 0.0), (5.0, 0.0), (5.05, 0.0)]
    assert dedupe(points, 1.0) == [0, 4]
    assert dedupe([(1.0, 1.0)], 1.0) == [0]


def test_finish_stroke_is_relative_to_its_first_point_and_keeps_pressures_aligned():
    samples = [(100.0 + i, 50.0 + (i % 2) * 3) for i in range(20)]
    pressures = [i / 19 for i in range(20)]
    stroke = finish_stroke(samples, pressures, color="#e03131", width=4, tolerance=0.5, z=3)
    assert (stroke.x, stroke.y) == (100.0, 50.0)
    assert stroke.points[:2] == (0.0, 0.0)
    assert len(stroke.pressures) == stroke.point_count
    assert stroke.pressures[0] == 0.0 and stroke.pressures[-1] == 1.0
    assert stroke.color == "#e03131" and stroke.width == 4 and stroke.z == 3
    assert stroke.points[-2:] == (19.0, 3.0)


def test_finish_stroke_simplifies_a_long_straight_drag():
    samples = [(float(i), float(i)) for i in range(300)]
    stroke = finish_stroke(samples)
    assert stroke.point_count == 2 and stroke.pressures == ()


def test_a_single_click_is_a_dot():
    stroke = finish_stroke([(7.0, 8.0)])
    assert stroke.point_count == 1 and (stroke.x, stroke.y) == (7.0, 8.0)
    assert smooth_segments(stroke.points) == []


def test_smooth_segments_pass_through_midpoints_with_samples_as_controls():
    segments = smooth_segments((0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 20.0, 10.0))
    assert segments == [(10.0, 0.0, 10.0, 5.0), (10.0, 10.0, 15.0, 10.0)]
    assert smooth_segments((0.0, 0.0, 5.0, 5.0)) == []  # two points: a straight line


def test_input_smoother_damps_jitter_and_converges():
    smoother = InputSmoother(0.5)
    assert smoother.add((0.0, 0.0)) == (0.0, 0.0)
    assert smoother.add((10.0, 0.0)) == (5.0, 0.0)
    for _ in range(30):
        last = smoother.add((10.0, 0.0))
    assert math.isclose(last[0], 10.0, abs_tol=1e-6)
