"""Whiteboard editing: select, move, resize, attached arrows, clipboard, z-order, styles,
grid snapping, zoom and pan, tablet pressure."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QNativeGestureEvent, QPointingDevice, QTabletEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QToolButton

from mlprep_desktop.core.board_model import Connector, Shape, Stroke, Text
from tests.ui.test_whiteboard import at, drag, key, models, whiteboard

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def two_boxes_and_an_arrow(tab):
    key(tab, Qt.Key.Key_R)
    drag(tab, [(-200, -40), (-120, 40)], steps=2)
    drag(tab, [(100, -40), (180, 40)], steps=2)
    key(tab, Qt.Key.Key_A)
    drag(tab, [(-160, 0), (140, 0)], steps=4)  # from inside one box to inside the other
    left, right = models(tab, Shape)
    (arrow,) = models(tab, Connector)
    return left, right, arrow


def test_an_arrow_drawn_between_shapes_attaches_and_follows_them(open_window):
    _, tab = whiteboard(open_window)
    left, right, arrow = two_boxes_and_an_arrow(tab)
    assert (arrow.start, arrow.end) == (left.id, right.id)
    assert arrow.x == pytest.approx(-120 + 6) and arrow.end_point[0] == pytest.approx(100 - 6)
    key(tab, Qt.Key.Key_V)
    drag(tab, [(150, 20), (150, 170), (150, 220)], steps=3)  # move the right box down by 200
    (moved_right,) = [m for m in models(tab, Shape) if m.id == right.id]
    assert (moved_right.x, moved_right.y) == (100, 160)
    (arrow_now,) = models(tab, Connector)
    assert arrow_now.end == right.id
    end_x, end_y = arrow_now.end_point
    assert 100 - 7 <= end_x <= 180 + 7 and 160 - 7 <= end_y <= 240 + 7  # on the moved box's outline
    assert (arrow_now.x, arrow_now.y) != (arrow.x, arrow.y)  # its start slid round the left box
    key(tab, Qt.Key.Key_Z, CTRL)
    assert models(tab, Connector)[0].end_point == pytest.approx(arrow.end_point)


def test_deleting_a_shape_frees_the_arrow_and_undo_reattaches_it(open_window):
    _, tab = whiteboard(open_window)
    left, right, arrow = two_boxes_and_an_arrow(tab)
    key(tab, Qt.Key.Key_V)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, -200, 0))
    key(tab, Qt.Key.Key_Delete)
    assert [m.id for m in models(tab, Shape)] == [right.id]
    assert models(tab, Connector)[0].start is None
    key(tab, Qt.Key.Key_Z, CTRL)
    assert models(tab, Connector)[0].start == left.id and len(models(tab, Shape)) == 2


def test_dragging_a_line_end_onto_a_shape_attaches_it(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(100, -40), (180, 40)], steps=2)
    key(tab, Qt.Key.Key_L)
    drag(tab, [(-200, 0), (-50, 0)], steps=2)
    key(tab, Qt.Key.Key_V)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, -120, 0))
    drag(tab, [(-50, 0), (60, 10), (140, 10)], steps=3)  # the end handle, into the box
    (line,) = models(tab, Connector)
    (box,) = models(tab, Shape)
    assert line.end == box.id and line.end_point[0] == pytest.approx(100 - 6, abs=0.5)


def test_select_move_and_resize_with_a_handle(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (100, 50)], steps=2)
    key(tab, Qt.Key.Key_V)
    drag(tab, [(50, 0), (80, 20), (90, 30)], steps=2)  # grab the top edge, move by (40, 30)
    (box,) = models(tab)
    assert (box.x, box.y, box.w, box.h) == (40, 30, 100, 50)
    drag(tab, [(140, 80), (200, 120), (240, 130)], steps=2)  # bottom-right handle
    (box,) = models(tab)
    assert (box.x, box.y, box.w, box.h) == (40, 30, 200, 100)
    key(tab, Qt.Key.Key_Z, CTRL)
    key(tab, Qt.Key.Key_Z, CTRL)
    (box,) = models(tab)
    assert (box.x, box.y, box.w, box.h) == (0, 0, 100, 50)


def test_rubber_band_selects_and_arrow_keys_nudge(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_P)
    drag(tab, [(0, 0), (40, 20)], steps=2)
    drag(tab, [(0, 100), (40, 120)], steps=2)
    drag(tab, [(300, 0), (340, 20)], steps=2)
    key(tab, Qt.Key.Key_V)
    drag(tab, [(-20, -20), (100, 150)], steps=3)
    assert len(tab.scene.selected_graphics()) == 2
    key(tab, Qt.Key.Key_Right, SHIFT)
    xs = sorted(m.x for m in models(tab))
    assert xs == [pytest.approx(10, abs=1), pytest.approx(10, abs=1), pytest.approx(300, abs=1)]


def test_copy_paste_duplicate_delete_and_z_order(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_O)
    drag(tab, [(0, 0), (60, 60)], steps=2)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(30, 30), (90, 90)], steps=2)
    ellipse, rect = models(tab)
    assert rect.z > ellipse.z
    key(tab, Qt.Key.Key_V)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 5, 30))
    assert [g.model.id for g in tab.scene.selected_graphics()] == [ellipse.id]
    key(tab, Qt.Key.Key_BracketRight, CTRL | SHIFT)
    assert models(tab)[-1].id == ellipse.id  # now in front
    key(tab, Qt.Key.Key_BracketLeft, CTRL | SHIFT)
    assert models(tab)[0].id == ellipse.id  # back again
    key(tab, Qt.Key.Key_C, CTRL)
    key(tab, Qt.Key.Key_V, CTRL)
    key(tab, Qt.Key.Key_V, CTRL)
    ellipses = [m for m in models(tab, Shape) if m.kind == "ellipse"]
    assert sorted((m.x, m.y) for m in ellipses) == [(0, 0), (20, 20), (40, 40)]
    assert len({m.id for m in ellipses}) == 3
    key(tab, Qt.Key.Key_D, CTRL)
    assert len(models(tab, Shape)) == 5
    key(tab, Qt.Key.Key_Delete)
    assert len(models(tab, Shape)) == 4
    key(tab, Qt.Key.Key_A, CTRL)
    key(tab, Qt.Key.Key_X, CTRL)
    assert models(tab) == []
    key(tab, Qt.Key.Key_V, CTRL)
    assert len(models(tab)) == 4


def test_pasting_plain_text_makes_a_text_item(open_window):
    _, tab = whiteboard(open_window)
    QApplication.clipboard().setText("precision = TP / (TP + FP)")
    key(tab, Qt.Key.Key_V, CTRL)
    (text,) = models(tab, Text)
    assert text.text == "precision = TP / (TP + FP)"


def test_palette_width_and_fill_style_new_items_and_restyle_the_selection(open_window):
    window, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_R)
    QTest.mouseClick(window.findChild(QToolButton, "color1"), Qt.MouseButton.LeftButton)  # red
    QTest.mouseClick(window.findChild(QToolButton, "width3"), Qt.MouseButton.LeftButton)  # bold
    fill = window.findChild(QComboBox, "fillMode")
    fill.setCurrentIndex(2)
    fill.activated.emit(2)  # solid
    drag(tab, [(0, 0), (80, 50)], steps=2)
    (box,) = models(tab)
    assert (box.color, box.width, box.fill) == ("#e03131", 7.0, "#e03131")
    key(tab, Qt.Key.Key_V)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 40, 25))
    QTest.mouseClick(window.findChild(QToolButton, "color5"), Qt.MouseButton.LeftButton)  # blue
    (box,) = models(tab)
    assert (box.color, box.fill) == ("#1971c2", "#1971c2")
    key(tab, Qt.Key.Key_Z, CTRL)
    assert models(tab)[0].color == "#e03131"


def test_grid_snaps_shapes(open_window):
    window, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_G)
    assert window.findChild(QToolButton, "gridButton").isChecked() and tab.scene.grid_enabled
    key(tab, Qt.Key.Key_R)
    drag(tab, [(13, 17), (97, 71)], steps=2)
    (box,) = models(tab)
    assert (box.x, box.y, box.w, box.h) == (20, 20, 80, 60)
    key(tab, Qt.Key.Key_V)
    drag(tab, [(60, 20), (75, 30), (77, 33)], steps=2)  # moved by (17, 13): lands on the grid
    (box,) = models(tab)
    assert (box.x, box.y) == (40, 40)


def test_ctrl_wheel_zooms_around_the_pointer_and_fit_shows_everything(open_window):
    window, tab = whiteboard(open_window)
    label = window.findChild(QToolButton, "zoomLabel")
    vp = tab.view.viewport()
    pointer = at(tab, 50, 50)
    wheel = QWheelEvent(QPointF(pointer), QPointF(vp.mapToGlobal(pointer)), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, CTRL, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(vp, wheel)
    assert tab.view.zoom() == pytest.approx(1.2)
    assert label.text() == "120 %"
    assert tab.view.mapToScene(pointer).x() == pytest.approx(50, abs=1)  # the point under the pointer stays
    key(tab, Qt.Key.Key_P)
    drag(tab, [(-3000, -2000), (3000, 2000)], steps=2)
    key(tab, Qt.Key.Key_F)
    visible = tab.view.visible_rect()
    assert visible.contains(QPointF(-3000, -2000)) and visible.contains(QPointF(3000, 2000))
    assert tab.view.zoom() < 0.2 and label.text() == f"{round(tab.view.zoom() * 100)} %"
    key(tab, Qt.Key.Key_0, CTRL)
    assert label.text() == "100 %"


def test_pinch_zooms(open_window):
    _, tab = whiteboard(open_window)
    vp = tab.view.viewport()
    center = QPointF(vp.rect().center())
    event = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(),
                                2, center, center, QPointF(vp.mapToGlobal(center.toPoint())), 0.5, QPointF(), 1)
    QApplication.sendEvent(vp, event)
    assert tab.view.zoom() == pytest.approx(1.5)


def test_space_drag_and_middle_button_pan_without_drawing(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_P)
    vp = tab.view.viewport()
    before = tab.view.mapToScene(vp.rect().center())
    start = vp.rect().center()
    QTest.keyPress(vp, Qt.Key.Key_Space)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(-50, -25))
    QTest.mouseMove(vp, start + QPoint(-100, -50))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(-100, -50))
    QTest.keyRelease(vp, Qt.Key.Key_Space)
    after = tab.view.mapToScene(vp.rect().center())
    assert (after - before).x() == pytest.approx(100, abs=2) and (after - before).y() == pytest.approx(50, abs=2)
    QTest.mousePress(vp, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(40, 0))
    QTest.mouseRelease(vp, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, start + QPoint(40, 0))
    assert tab.view.mapToScene(vp.rect().center()).x() == pytest.approx(after.x() - 40, abs=2)
    assert models(tab) == []  # panning drew nothing
    key(tab, Qt.Key.Key_M)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(0, 30))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(0, 30))
    assert tab.view.mapToScene(vp.rect().center()).y() == pytest.approx(after.y() - 30, abs=2)
    assert models(tab) == []


def test_tablet_pressure_makes_a_stroke_of_varying_width(open_window):
    _, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_P)
    vp = tab.view.viewport()
    device = QPointingDevice.primaryPointingDevice()

    def send(kind, x, pressure):
        local = QPointF(at(tab, x, 0))
        event = QTabletEvent(kind, device, local, QPointF(vp.mapToGlobal(local.toPoint())), pressure, 0, 0, 0, 0, 0,
                             Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
        QApplication.sendEvent(vp, event)

    send(QTabletEvent.Type.TabletPress, 0, 0.1)
    for i in range(1, 21):
        send(QTabletEvent.Type.TabletMove, i * 10, 0.1 + 0.045 * i)
    send(QTabletEvent.Type.TabletRelease, 200, 1.0)
    (stroke,) = models(tab, Stroke)
    assert stroke.pressures and stroke.pressures[0] < 0.2 and max(stroke.pressures) > 0.9
    graphic = tab.scene.graphic(stroke.id)
    assert graphic.brush().style() == Qt.BrushStyle.SolidPattern  # drawn as a filled outline
    rect = graphic.sceneBoundingRect()
    assert rect.width() > 190


def test_a_custom_colour_and_the_text_size(open_window, monkeypatch):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    window, tab = whiteboard(open_window)
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *args: QColor("#0c8599")))
    key(tab, Qt.Key.Key_T)
    size = window.findChild(QComboBox, "textSize")
    size.setCurrentIndex(2)
    size.activated.emit(2)  # large
    QTest.mouseClick(window.findChild(QToolButton, "colorCustom"), Qt.MouseButton.LeftButton)
    vp = tab.view.viewport()
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 0, 0))
    QTest.keyClicks(vp, "teal")
    QTest.keyClick(vp, Qt.Key.Key_Escape)
    (text,) = models(tab, Text)
    assert (text.color, text.size) == ("#0c8599", 32)
    key(tab, Qt.Key.Key_V)
    graphic = tab.scene.graphic(text.id)
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tab.view.mapFromScene(graphic.sceneBoundingRect().center()))
    assert size.currentIndex() == 2  # the style row shows the selected text's style
    size.setCurrentIndex(3)
    size.activated.emit(3)  # huge: applies to the selected text
    assert models(tab, Text)[0].size == 48
    assert graphic.sceneBoundingRect().height() > 48


def test_a_new_board_says_so_in_the_status_bar(open_window):
    window, _ = whiteboard(open_window)
    assert "Made “Untitled board”" in window.statusBar().currentMessage()


def typed(tab, text: str) -> None:
    """Type ``text`` where a user's keys go: into the widget that has the keyboard focus."""
    for ch in text:
        if ch == "\n":
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        else:
            QTest.keyClicks(QApplication.focusWidget(), ch)


def test_an_autosave_while_typing_near_the_right_edge_neither_ends_the_text_nor_switches_tools(open_window, qtbot):
    _, tab = whiteboard(open_window)
    vp = tab.view.viewport()
    key(tab, Qt.Key.Key_T)
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 0, 0))
    typed(tab, "first")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # an edit: the autosave is now due
    assert tab._saver.pending
    edge = QPoint(vp.width() - 60, vp.height() // 2)
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, edge)
    typed(tab, "Plain la")
    qtbot.waitUntil(lambda: not tab._saver.pending)  # the debounced autosave runs mid-word
    typed(tab, "bel\nsecond line of very long text")  # l, e, s, v, o, t, h: all tool keys
    assert tab.view.tool.name == "text"
    graphic = tab.scene.editing_text()
    assert graphic is not None and graphic.toPlainText() == "Plain label\nsecond line of very long text"
    caret = graphic.textCursor()
    line = graphic.document().findBlock(caret.position()).layout().lineForTextPosition(
        caret.positionInBlock())
    block_top = graphic.document().documentLayout().blockBoundingRect(caret.block()).top()
    caret_scene = graphic.mapToScene(QPointF(line.cursorToX(caret.positionInBlock())[0], block_top + line.y()))
    assert vp.rect().contains(tab.view.mapFromScene(caret_scene))  # the view followed the caret
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert sorted(t.text for t in models(tab, Text)) == ["Plain label\nsecond line of very long text", "first"]


def stale_pixels(window) -> int:
    """Pixels where what is on screen (the window's backing store) differs from a full repaint."""
    def shown():
        QApplication.processEvents()
        return window.screen().grabWindow(window.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32)

    before = shown()
    window.whiteboard.view.viewport().update()
    after = shown()
    return sum(before.pixel(x, y) != after.pixel(x, y) for y in range(before.height()) for x in range(before.width()))


@pytest.mark.parametrize("zoom", [1.0, 0.4, 3.0])
def test_dragging_a_selected_shape_leaves_no_trail_of_the_box_and_handles(open_window, zoom):
    window, tab = whiteboard(open_window)
    tab.editor.add([Shape("r", "rect", 0, 0, 150, 100, "ink", 2.0, None, 1),
                    Text("t", 0, 150, "label", "ink", 22, 2)], "Add")
    tab.view.set_zoom(zoom)
    tab.view.centerOn(75, 100)
    key(tab, Qt.Key.Key_V)
    vp = tab.view.viewport()
    for item_id in ("r", "t"):
        center = tab.view.mapFromScene(tab.scene.graphic(item_id).sceneBoundingRect().center())
        QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
        point = QPoint(center)
        for _ in range(12):
            point += QPoint(3, 4)
            QTest.mouseMove(vp, point)
            QApplication.processEvents()  # paint each step, as the screen would
            assert tab.view.handles.box.contains(tab.scene.graphic(item_id).model_rect())  # handles follow
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert stale_pixels(window) == 0


def test_the_handles_claim_all_they_paint(open_window):
    _, tab = whiteboard(open_window)
    tab.editor.add([Shape("r", "rect", 0, 0, 150, 100, "ink", 2.0, None, 1)], "Add")
    key(tab, Qt.Key.Key_V)
    tab.scene.graphic("r").setSelected(True)
    handles = tab.view.handles
    area = handles.boundingRect()
    for name in ("tl", "tr", "bl", "br"):
        point = handles.point(name)
        assert area.contains(QRectF(point.x() - 5, point.y() - 5, 10, 10))  # a whole handle and its pen


def test_a_strokes_bounds_hold_all_it_paints_without_outlining_it(qtbot):
    """Issue 16: opening a 5,000-stroke board spent 0.15 s fitting it into view, Qt outlining
    every stroke with its pen to learn its bounds. A stroke now keeps bounds from its control
    points widened by half the pen: never smaller than Qt's outline (nothing painted is cut or
    left behind), and not much larger."""
    import random

    from PySide6.QtGui import QPainterPathStroker

    from mlprep_desktop.ui.whiteboard.board_items import StrokeGraphic
    from mlprep_desktop.ui.whiteboard.board_theme import CanvasTheme

    light = CanvasTheme.light()

    rng = random.Random(16)
    for width in (0.5, 3.0, 12.0, 40.0):
        for _ in range(25):
            n = rng.choice((1, 2, 3, 12, 60))
            hand = rng.random() < 0.8  # a hand's samples, a few px apart; else wild jumps
            points, x, y = [], rng.uniform(-300, 300), rng.uniform(-300, 300)
            for _ in range(n):
                points += [x, y]
                step = 6.0 if hand else 300.0
                x, y = x + rng.uniform(-step, step), y + rng.uniform(-step, step)
            graphic = StrokeGraphic(Stroke("s", 5.0, -7.0, tuple(points), "#336699", width), light)
            stroker = QPainterPathStroker(graphic.pen())
            painted = stroker.createStroke(graphic.path()).boundingRect()
            ours = graphic.boundingRect()
            half = graphic.pen().widthF() / 2  # the rule, read from the path without stroking it
            assert ours == graphic.path().controlPointRect().adjusted(-half, -half, half, half)
            assert ours.contains(painted.adjusted(0.01, 0.01, -0.01, -0.01)), (width, n, ours, painted)
            if hand:  # control points hug a hand-drawn curve: the bounds are barely larger
                slack = max(ours.width() - painted.width(), ours.height() - painted.height())
                assert slack <= 0.1 * width + 6.0, (width, n, slack)
            assert graphic.sceneBoundingRect() == ours.translated(5.0, -7.0)
    widened = StrokeGraphic(Stroke("w", 0, 0, (0.0, 0.0, 100.0, 0.0), "#000000", 2.0), light)
    widened.apply_model(Stroke("w", 0, 0, (0.0, 0.0, 100.0, 0.0), "#000000", 30.0), light)  # a restyle
    assert widened.boundingRect().height() >= 30.0
