"""Export: PNG at 1× and 2× (ink where the stroke is, blank elsewhere), SVG that parses,
copy as image, thumbnails, and ``render_board_image`` for the notebook."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from mlprep_desktop.core.board_model import Shape, Stroke, Text, scene_to_json
from mlprep_desktop.ui.whiteboard.board_image import MARGIN, render_board_image
from tests.ui.test_whiteboard import at, drag, key, models, whiteboard


def choose_file(monkeypatch, path) -> list[str]:
    """The next save dialog 'returns' ``path``; returns the default names it offered."""
    offered: list[str] = []

    def fake(parent, caption, default, file_filter):
        offered.append(default)
        return str(path), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return offered


def ink_at(image: QImage, x: int, y: int, radius: int = 2) -> bool:
    return any(image.pixelColor(x + dx, y + dy).lightness() < 120
               for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1)
               if 0 <= x + dx < image.width() and 0 <= y + dy < image.height())


def blank_at(image: QImage, x: int, y: int) -> bool:
    color = image.pixelColor(x, y)
    return color.red() > 250 and color.green() > 250 and color.blue() > 250


def draw_line(tab):
    key(tab, Qt.Key.Key_P)
    drag(tab, [(0, 0), (100, 0), (200, 0)], steps=4)
    key(tab, Qt.Key.Key_V)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 100, 0))
    assert tab.scene.selected_graphics()  # selection marks must not show in exports


@pytest.mark.parametrize(("action", "scale", "modifiers"), [
    ("exportPng", 1, Qt.KeyboardModifier.ControlModifier),
    ("exportPng2x", 2, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier),
])
def test_exported_png_has_ink_where_the_stroke_was_and_is_blank_elsewhere(open_window, tmp_path, monkeypatch,
                                                                         action, scale, modifiers):
    window, tab = whiteboard(open_window)
    draw_line(tab)
    offered = choose_file(monkeypatch, tmp_path / "out")
    assert window.findChild(object, action).isEnabled()
    key(tab, Qt.Key.Key_E, modifiers)  # Ctrl+E, Ctrl+Alt+E
    path = tmp_path / "out.png"  # the suffix is added
    assert path.exists() and offered and offered[0].endswith(".png")
    image = QImage(str(path))
    stroke = models(tab, Stroke)[0]
    width = 200 + 2 * MARGIN + stroke.width
    assert image.width() == pytest.approx(width * scale, abs=2 * scale)
    # scene x maps to (x - left) * scale, the line is at scene y = 0
    left = -MARGIN - stroke.width / 2
    top = -MARGIN - stroke.width / 2
    y = round((0 - top) * scale)
    for x in (10, 100, 190):
        assert ink_at(image, round((x - left) * scale), y), x
    for px, py in ((2, 2), (image.width() - 3, 2), (image.width() // 2, 3), (image.width() // 2, image.height() - 3)):
        assert blank_at(image, px, py), (px, py)  # no selection box, no handles, white paper


def test_exported_svg_parses_and_holds_the_drawing(open_window, tmp_path, monkeypatch):
    window, tab = whiteboard(open_window)
    draw_line(tab)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 50), (120, 110)], steps=2)
    key(tab, Qt.Key.Key_T)
    QTest.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(tab, 0, 160))
    QTest.keyClicks(tab.view.viewport(), "loss")
    QTest.keyClick(tab.view.viewport(), Qt.Key.Key_Escape)
    choose_file(monkeypatch, tmp_path / "diagram.svg")
    window.findChild(object, "exportSvg").trigger()  # the Export menu's entry (or Ctrl+Shift+E)
    root = ET.parse(tmp_path / "diagram.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    view_box = [float(v) for v in root.get("viewBox").split()]
    assert view_box[2] > 200 and view_box[3] > 150
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert root.findall(".//svg:path", ns)  # the stroke
    assert any(float(r.get("width")) == 120 for r in root.findall(".//svg:rect", ns))  # the rectangle
    texts = "".join("".join(t.itertext()) for t in root.findall(".//svg:text", ns))
    assert "loss" in texts


def dark_pixels(image: QImage, rect: QRect) -> int:
    return sum(image.pixelColor(x, y).lightness() < 128
               for y in range(rect.top(), rect.bottom() + 1) for x in range(rect.left(), rect.right() + 1))


def test_math_in_an_exported_svg_is_as_heavy_as_on_the_canvas_and_in_a_png(open_window, tmp_path, monkeypatch):
    window, tab = whiteboard(open_window)
    tab.editor.add([Text("m", 0, 0, r"$\frac{a}{b} + \sum_i x_i^2$", size=22)], "Add")
    math_rect = tab.scene.graphic("m").sceneBoundingRect()
    choose_file(monkeypatch, tmp_path / "math.svg")
    window.findChild(object, "exportSvg").trigger()
    choose_file(monkeypatch, tmp_path / "math.png")
    window.findChild(object, "exportPng").trigger()
    png = QImage(str(tmp_path / "math.png"))
    renderer = QSvgRenderer(str(tmp_path / "math.svg"))
    svg = QImage(png.size(), QImage.Format.Format_ARGB32)
    svg.fill(QColor("white"))
    painter = QPainter(svg)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, png.width(), png.height()))
    painter.end()
    area = QRect(round(MARGIN), round(MARGIN), round(math_rect.width()), round(math_rect.height()))
    in_png, in_svg = dark_pixels(png, area), dark_pixels(svg, area)
    assert in_png > 100
    assert in_svg == pytest.approx(in_png, rel=0.15)  # not drawn with an extra outline


def test_copy_as_image_puts_the_board_on_the_clipboard(open_window):
    window, tab = whiteboard(open_window)
    draw_line(tab)
    tab.scene.clearSelection()
    QTest.keyClick(tab.view.viewport(), Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    image = QApplication.clipboard().image()
    assert not image.isNull() and image.width() >= 2 * 200
    assert "Copied" in window.statusBar().currentMessage()


def test_the_board_list_shows_a_thumbnail_after_saving(open_window):
    _, tab = whiteboard(open_window)
    draw_line(tab)
    tab.flush_pending()
    board = tab._ctx.boards.get(tab.current_board_id)
    thumb = QImage.fromData(board.thumbnail, "PNG")
    assert (thumb.width(), thumb.height()) == (160, 100)
    row = [thumb.pixelColor(x, 50) for x in range(160)]
    assert any(c.alpha() > 128 and c.lightness() < 160 for c in row)  # the ink
    assert thumb.pixelColor(2, 2).alpha() == 0  # no paper: the list puts it on the palette's
    index = tab.list_model.index(tab.list_model.row_of(board.id), 0)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None


def test_render_board_image_draws_a_stored_scene(qapp):
    items = [
        Shape("r", "rect", 0, 0, 100, 50, "#e03131", 4),
        Text("t", 0, 80, r"$\alpha + \beta$", size=24),
    ]
    image = render_board_image(scene_to_json(items))
    image2 = render_board_image(scene_to_json(items), scale=2.0)
    assert image2.width() == pytest.approx(2 * image.width(), abs=2)
    # the rectangle's red edge at scene (50, 0)
    color = image.pixelColor(round(50 + MARGIN + 2), round(MARGIN + 2))
    assert color.red() > 180 and color.green() < 120
    assert blank_at(image, round(50 + MARGIN + 2), round(25 + MARGIN + 2))  # inside: unfilled paper
    empty = render_board_image("")
    assert (empty.width(), empty.height()) == (240, 120)
    dark = render_board_image(scene_to_json(items), dark=True)
    assert dark.pixelColor(1, 1).lightness() < 60


@pytest.mark.parametrize("bad", [
    '{"format":"mlprep-board","version":1,"items":[{"type":"rect","id":"r","x":NaN,"y":0,"w":9,"h":9}]}',
    '{"format":"mlprep-board","version":1,"items":[{"type":"rect","id":"r","x":0,"y":0,"w":Infinity,"h":9}]}',
])
def test_render_board_image_refuses_non_finite_numbers_as_a_format_error(qapp, bad):
    from mlprep_desktop.core.board_model import BoardFormatError

    with pytest.raises(BoardFormatError):
        render_board_image(bad)


def test_render_board_image_draws_a_board_with_huge_numbers_at_a_bounded_size(qapp):
    huge = ('{"format":"mlprep-board","version":1,"items":[{"type":"rect","id":"r","x":0,"y":0,'
            '"w":1e30,"h":1e30,"width":1e30},{"type":"text","id":"t","x":-1e300,"y":0,"text":"a","size":1e30}]}')
    image = render_board_image(huge)
    assert 0 < image.width() <= 16384 and 0 < image.height() <= 16384
