"""The Whiteboard tab driven like a user: mouse drags with each tool, keys, undo/redo.

Helpers here (``whiteboard``, ``drag``, ``key``, ``at``) are shared by the other
``test_whiteboard_*`` modules."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QColorDialog, QComboBox, QFileDialog, QLineEdit, QToolButton

from mlprep_desktop.core.board_geometry import distance_to_segment
from mlprep_desktop.core.board_model import Connector, Shape, Stroke, Text

TOOL_NAMES = ("toolSelect", "toolPen", "toolHighlighter", "toolLine", "toolArrow", "toolRect", "toolEllipse",
              "toolText", "toolEraser", "toolHand")


def whiteboard(open_window, new_board: bool = True):
    """A shown main window on the Whiteboard tab with an open (new) board, view at 100 %."""
    window = open_window()
    window.show_tab(window.whiteboard)
    tab = window.whiteboard
    if new_board and tab.current_board_id is None:
        tab.new_board()
    tab.view.set_zoom(1.0)
    tab.view.centerOn(0, 0)
    tab.view.setFocus()
    return window, tab


def at(tab, x: float, y: float) -> QPoint:
    """Viewport pixel of a scene point."""
    return tab.view.mapFromScene(QPointF(x, y))


def drag(tab, points, modifier=Qt.KeyboardModifier.NoModifier, steps: int = 1) -> None:
    """Press at the first scene point, move through the others (``steps`` moves per segment), release."""
    vp = tab.view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, modifier, at(tab, *points[0]))
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for i in range(1, steps + 1):
            QTest.mouseMove(vp, at(tab, x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, at(tab, *points[-1]))


def key(tab, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(tab.view.viewport(), k, modifier)


def models(tab, kind=None):
    items = tab.scene.models()
    return [m for m in items if kind is None or isinstance(m, kind)]


def test_tool_buttons_have_names_tooltips_and_single_key_shortcuts(open_window):
    window, tab = whiteboard(open_window)
    assert window.findChild(object, "whiteboardTab") is tab
    for name in ("boardList", "boardNew", "whiteboardView", "exportPng", "exportSvg", *TOOL_NAMES):
        assert window.findChild(object, name) is not None, name
    for name, letter in zip(TOOL_NAMES, "VPHLAROTEM"):
        button = window.findChild(QToolButton, name)
        assert button.accessibleName() and f"({letter})" in button.toolTip(), name
        key(tab, getattr(Qt.Key, f"Key_{letter}"))
        assert button.isChecked(), name
        assert tab.view.tool.name == button.defaultAction().data()


def test_a_pen_drag_makes_one_stroke_that_follows_the_path(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_P)
    path = [(-200, 0), (-100, -80), (0, 0), (100, 80), (200, 0)]
    drag(tab, path, steps=10)
    (stroke,) = models(tab)
    assert isinstance(stroke, Stroke) and not stroke.highlighter
    scene_points = [(stroke.x + stroke.points[i], stroke.y + stroke.points[i + 1])
                    for i in range(0, len(stroke.points), 2)]
    assert scene_points[0] == pytest.approx(path[0], abs=1)
    # simplified, yet every kept point lies on the drawn zig-zag (within the smoothing lag)
    assert 4 <= len(scene_points) < 40
    for p in scene_points:
        assert min(distance_to_segment(p, a, b) for a, b in zip(path, path[1:])) < 8
    xs = [p[0] for p in scene_points]
    ys = [p[1] for p in scene_points]
    assert min(xs) < -190 and max(xs) > 180 and min(ys) < -60 and max(ys) > 60
    # and it is on screen: ink at the apex, paper away from the line
    image: QImage = tab.view.viewport().grab().toImage()
    apex = at(tab, -100, -75)
    dark = [image.pixelColor(apex.x() + dx, apex.y() + dy).lightness() for dx in range(-4, 5) for dy in range(-4, 5)]
    assert min(dark) < 100
    away = at(tab, -100, 60)
    assert image.pixelColor(away).lightness() > 240


def test_undo_removes_the_stroke_and_redo_restores_it(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_P)
    drag(tab, [(0, 0), (50, 40), (120, 10)], steps=5)
    (stroke,) = models(tab)
    key(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert models(tab) == [] and tab.scene.graphic(stroke.id) is None
    key(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert models(tab) == [stroke] and tab.scene.graphic(stroke.id) is not None


@pytest.mark.parametrize(
    ("letter", "kind", "check"),
    [
        ("R", Shape, lambda m: m.kind == "rect" and (m.x, m.y, m.w, m.h) == (-100, -50, 150, 90)),
        ("O", Shape, lambda m: m.kind == "ellipse" and (m.x, m.y, m.w, m.h) == (-100, -50, 150, 90)),
        ("L", Connector, lambda m: not m.arrow and (m.x, m.y, m.end_point) == (-100, -50, (50, 40))),
        ("A", Connector, lambda m: m.arrow and (m.x, m.y, m.end_point) == (-100, -50, (50, 40))),
    ],
)
def test_each_shape_tool_makes_its_item(open_window, letter, kind, check):
    _, tab = whiteboard(open_window)
    key(tab, getattr(Qt.Key, f"Key_{letter}"))
    drag(tab, [(-100, -50), (50, 40)], steps=4)
    (item,) = models(tab)
    assert isinstance(item, kind) and check(item)
    drag(tab, [(0, 0), (2, 1)])  # a slip of the mouse makes nothing
    assert len(models(tab)) == 1


def test_shift_makes_squares_and_15_degree_lines(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (100, 60)], Qt.KeyboardModifier.ShiftModifier, steps=3)
    key(tab, Qt.Key.Key_L)
    drag(tab, [(0, 200), (100, 208)], Qt.KeyboardModifier.ShiftModifier, steps=3)
    square, line = models(tab)
    assert square.w == square.h == 100
    assert line.ey == pytest.approx(0, abs=1e-6)


def test_the_eraser_removes_a_whole_stroke(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_P)
    drag(tab, [(-150, -60), (150, -60)], steps=6)
    drag(tab, [(-150, 60), (150, 60)], steps=6)
    top, bottom = models(tab)
    key(tab, Qt.Key.Key_E)
    drag(tab, [(0, -100), (0, -20)], steps=4)  # crosses only the top stroke, in its middle
    assert models(tab) == [bottom]
    key(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {m.id for m in models(tab)} == {top.id, bottom.id}


def test_highlighter_strokes_are_wide_and_see_through(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_H)
    drag(tab, [(0, 0), (100, 0)], steps=3)
    (mark,) = models(tab)
    assert mark.highlighter and mark.width >= 12
    graphic = tab.scene.graphic(mark.id)
    assert graphic.pen().color().alpha() < 255


def test_text_is_typed_in_place_over_several_lines_and_tool_keys_stay_text(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_T)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 0, 0))
    vp = tab.view.viewport()
    QTest.keyClicks(vp, "pvh layers")
    QTest.keyClick(vp, Qt.Key.Key_Return)
    QTest.keyClicks(vp, "rate")
    assert tab.view.tool.name == "text"  # P, V, H went into the text, not to the tool shortcuts
    assert models(tab) == []  # not part of the board until it is finished
    QTest.keyClick(vp, Qt.Key.Key_Escape)
    (text,) = models(tab)
    assert isinstance(text, Text) and text.text == "pvh layers\nrate"
    # click it again with the text tool: edit in place, then the edit is one undo step
    graphic = tab.scene.graphic(text.id)
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tab.view.mapFromScene(graphic.sceneBoundingRect().center()))
    assert graphic.editing
    QTest.keyClicks(vp, "!")
    QTest.keyClick(vp, Qt.Key.Key_Escape)
    assert models(tab)[0].text.endswith("!")
    key(tab, Qt.Key.Key_V)  # and from the keyboard: select it, Enter edits it in place
    key(tab, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(tab, Qt.Key.Key_Return)
    assert graphic.editing
    QTest.keyClicks(vp, "?")
    QTest.keyClick(vp, Qt.Key.Key_Escape)
    assert models(tab)[0].text.endswith("!?")
    key(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    key(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert models(tab)[0].text == "pvh layers\nrate"


def test_text_between_dollars_renders_as_math(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_T)
    vp = tab.view.viewport()
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 0, 0))
    QTest.keyClicks(vp, r"$\frac{\partial L}{\partial w}$")
    QTest.keyClick(vp, Qt.Key.Key_Escape)
    (text,) = models(tab)
    graphic = tab.scene.graphic(text.id)
    assert text.is_math and graphic.is_math_shown and not graphic.math_error
    # drawn as a formula (a fraction is taller than one line of the same text)
    assert graphic.boundingRect().height() > 1.5 * text.size
    image = tab.view.viewport().grab().toImage()
    box = tab.view.mapFromScene(graphic.sceneBoundingRect()).boundingRect()
    inked = sum(image.pixelColor(x, y).lightness() < 128
                for x in range(box.left(), box.right()) for y in range(box.top(), box.bottom()))
    assert inked > 30


def test_an_empty_new_text_leaves_nothing(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_T)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 0, 0))
    QTest.keyClick(tab.view.viewport(), Qt.Key.Key_Escape)
    assert models(tab) == [] and not tab.editor.undo_stack.canUndo()


def test_editing_keys_act_on_the_text_being_typed_not_on_the_board(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 100), (80, 160)], steps=2)
    key(tab, Qt.Key.Key_T)
    vp = tab.view.viewport()
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 0, 0))
    QTest.keyClicks(vp, "abcd")
    QTest.keyClick(vp, Qt.Key.Key_Backspace)
    QTest.keyClick(vp, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # selects the text, not the items
    QTest.keyClick(vp, Qt.Key.Key_Delete)
    QTest.keyClicks(vp, "xy")
    QTest.keyClick(vp, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the text's own undo
    graphic = tab.scene.editing_text()
    assert graphic is not None and graphic.toPlainText() == ""
    QTest.keyClicks(vp, "ok")
    QTest.keyClick(vp, Qt.Key.Key_Escape)
    assert len(models(tab, Shape)) == 1  # Ctrl+A, Delete and Ctrl+Z never touched the rectangle
    assert [t.text for t in models(tab, Text)] == ["ok"]


def a_dialog_came_and_went(qtbot) -> None:
    """What a modal dialog does to the keyboard: its window takes it, and when it closes no
    window may have it (with no window manager nothing hands it back)."""
    dialog = QLineEdit()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.setFocus()
    qtbot.waitUntil(dialog.hasFocus)
    dialog.close()


def press(k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed by the user: it goes to whatever has the keyboard focus."""
    QTest.keyClick(QApplication.focusWidget(), k, modifier)


def test_a_click_on_the_fill_or_text_size_list_leaves_the_tool_keys_working(open_window):
    window, tab = whiteboard(open_window)
    for tool_key, name in ((Qt.Key.Key_R, "fillMode"), (Qt.Key.Key_T, "textSize")):
        key(tab, tool_key)
        combo = window.findChild(QComboBox, name)
        QTest.mouseClick(combo, Qt.MouseButton.LeftButton)  # opens its list
        combo.hidePopup()
        assert QApplication.focusWidget() is tab.view
        press(Qt.Key.Key_O)
        assert tab.view.tool.name == "ellipse"


def test_after_the_export_dialog_the_tool_keys_work_without_a_click(open_window, qtbot, tmp_path, monkeypatch):
    window, tab = whiteboard(open_window)
    exported = []

    def save_dialog(parent, caption, default, file_filter):
        a_dialog_came_and_went(qtbot)
        exported.append(default)
        return str(tmp_path / f"board{len(exported)}{default[-4:]}"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    tab.toolbar.export_button.menu().actions()[0].trigger()  # Export PNG… from the Export menu
    assert exported
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.view, timeout=1000)  # activation is async
    assert window.isActiveWindow()
    press(Qt.Key.Key_O)
    assert tab.view.tool.name == "ellipse"
    press(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # Export SVG…
    assert len(exported) == 2 and exported[1].endswith(".svg")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.view, timeout=1000)
    press(Qt.Key.Key_R)
    assert tab.view.tool.name == "rect"


def test_after_the_custom_colour_dialog_the_tool_keys_work_without_a_click(open_window, qtbot, monkeypatch):
    window, tab = whiteboard(open_window)

    def colour_dialog(*args):
        a_dialog_came_and_went(qtbot)
        return QColor("#0c8599")

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(colour_dialog))
    QTest.mouseClick(window.findChild(QToolButton, "colorCustom"), Qt.MouseButton.LeftButton)
    assert tab.style_for(tab.view.tool.name).color == "#0c8599"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.view, timeout=1000)
    assert window.isActiveWindow()
    press(Qt.Key.Key_F)  # fit
    press(Qt.Key.Key_O)
    assert tab.view.tool.name == "ellipse"
