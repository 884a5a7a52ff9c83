"""Issue 16, opening a big board: strokes are built on a short path (``StrokeGraphic.__init__``
and ``BoardScene.load``); what they show must be exactly what the general path
(``apply_model`` / ``_put``) makes of the same stroke."""
from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QByteArray, QDataStream, QIODevice

from mlprep_desktop.core.board_model import INK, Shape, Stroke
from mlprep_desktop.ui.whiteboard.board_items import StrokeGraphic
from mlprep_desktop.ui.whiteboard.board_scene import BoardScene
from mlprep_desktop.ui.whiteboard.board_theme import CanvasTheme
from tests.ui.board_helpers import break_board


def path_bytes(path) -> bytes:
    """Every element of a path, bit for bit (QPainterPath's == is fuzzy)."""
    data = QByteArray()
    QDataStream(data, QIODevice.OpenModeFlag.WriteOnly) << path
    return bytes(data)


def looks(graphic: StrokeGraphic) -> tuple:
    return (path_bytes(graphic.path()), graphic.pen(), graphic.brush(), graphic.boundingRect(),
            graphic.pos(), graphic.zValue(), graphic.flags(), graphic.model)


def strokes() -> list[Stroke]:
    rng = random.Random(16)
    made = [
        Stroke("dot", 0.0, 0.0, (3.0, 4.0)),
        Stroke("two", 10.0, 0.0, (0.0, 0.0, 5.0, 5.0), "#e03131", 0.2),
        Stroke("still", 0.0, -5.0, (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0)),  # repeated samples
        Stroke("high", -40.0, 7.5, (0.0, 0.0, 30.0, 2.0, 60.0, 0.0), "#fcc419", 14.0, highlighter=True, z=3.0),
        Stroke("press", 5.0, 5.0, (0.0, 0.0, 10.0, 0.0, 20.0, 5.0), INK, 4.0, (0.2, 0.8, 0.5), z=2.0),
    ]
    for i in range(20):
        points = [round(rng.uniform(-200, 200), 2) for _ in range(2 * rng.randint(1, 40))]
        made.append(Stroke(f"r{i}", rng.choice((0.0, 12.5)), rng.uniform(-50, 50), tuple(points),
                           rng.choice((INK, "#1971c2", "#2f9e4480")), rng.choice((0.5, 3.5, 7.0)), z=float(i)))
    return made


@pytest.mark.parametrize("theme", [CanvasTheme.light(), CanvasTheme.dark_theme()], ids=["light", "dark"])
def test_a_stroke_built_directly_looks_as_one_brought_to_it_by_apply_model(qtbot, theme):
    for model in strokes():
        direct = StrokeGraphic(model, theme)
        general = StrokeGraphic(Stroke("other", 99.0, 99.0, (0.0, 0.0, 1.0, 1.0), "#123456", 9.0), theme)
        general.apply_model(model, theme)
        assert looks(direct) == looks(general), model.id
        assert direct.sceneBoundingRect() == general.sceneBoundingRect()


def test_loading_a_board_makes_the_graphics_a_change_by_change_build_makes(qtbot):
    items = [*strokes(), Shape("box", "rect", 0, 0, 40, 30, z=50.0),
             Stroke("r3", 1.0, 2.0, (0.0, 0.0, 8.0, 8.0), z=60.0)]  # a repeated id: the last one wins
    loaded = BoardScene()
    loaded.load(items, warm_json=False)
    built = BoardScene()
    built.load([], warm_json=False)
    for model in items:
        built.apply_states({model.id: model})
    assert [m.id for m in loaded.models()] == [m.id for m in built.models()]
    assert loaded.models() == built.models()
    for graphic in built.graphics():
        twin = loaded.graphic(graphic.model.id)
        assert type(twin) is type(graphic)
        if isinstance(graphic, StrokeGraphic):
            assert looks(twin) == looks(graphic)
    assert loaded.content_rect() == built.content_rect()
    assert loaded.graphic("r3").model.points == (0.0, 0.0, 8.0, 8.0)


def test_opening_a_board_pauses_the_collector_while_building_and_enables_it_again(open_window, db_path, monkeypatch):
    import gc

    from mlprep_desktop.core.board_model import scene_to_json

    window = open_window()
    window.show_tab(window.whiteboard)
    tab = window.whiteboard
    good = window.context.boards.create("Strokes")
    window.context.boards.save_scene(good.id, scene_to_json(strokes()))
    broken = window.context.boards.create("Broken")
    break_board(db_path, broken.id)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    seen: list[bool] = []
    load = BoardScene.load

    def watched_load(scene, items, **kwargs):
        seen.append(gc.isenabled())
        load(scene, items, **kwargs)

    monkeypatch.setattr(BoardScene, "load", watched_load)
    assert gc.isenabled()
    assert tab.open_board(good.id)
    assert seen == [False] and gc.isenabled()
    assert tab.scene.item_count() == len({s.id for s in strokes()})
    assert tab.open_board(broken.id)
    assert tab.read_only and "could not be read" in errors[-1]
    assert gc.isenabled()


def union_of_graphics(scene: BoardScene):
    rect = None
    for graphic in scene.graphics():
        box = graphic.sceneBoundingRect()
        rect = box if rect is None else rect.united(box)
    return rect.getRect()


def test_the_bounds_gathered_while_loading_are_the_graphics_own_until_the_event_loop_runs(qtbot):
    from PySide6.QtWidgets import QApplication

    only_strokes = [s for s in strokes() if s.id != "r3"]
    scene = BoardScene()
    scene.load(only_strokes, warm_json=False)
    assert scene._loaded_rect is not None  # the fit after an open reads this
    assert scene.content_rect().getRect() == union_of_graphics(scene)  # bit for bit
    far = scene.graphic("dot")
    far.setPos(5000.0, 5000.0)  # moved by Qt (a drag), not through the scene
    QApplication.processEvents()
    assert scene._loaded_rect is None
    assert scene.content_rect().getRect() == union_of_graphics(scene)
    assert scene.content_rect().contains(far.sceneBoundingRect())


def test_a_change_through_the_scene_right_after_loading_is_in_its_bounds(qtbot):
    scene = BoardScene()
    scene.load([s for s in strokes() if s.id != "r3"], warm_json=False)
    moved = Stroke("dot", 7000.0, -3000.0, (3.0, 4.0))
    scene.apply_states({"dot": moved})
    assert scene.content_rect().getRect() == union_of_graphics(scene)
    assert scene.content_rect().contains(scene.graphic("dot").sceneBoundingRect())
    mixed = BoardScene()
    mixed.load([*strokes(), Shape("box", "rect", -9000, 0, 40, 30)], warm_json=False)  # not only strokes
    assert mixed._loaded_rect is None
    assert mixed.content_rect().left() == -9000 - 1.5
