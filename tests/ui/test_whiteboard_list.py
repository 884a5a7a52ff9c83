"""The board list's cards: names a user can tell apart, text that fits the card, a framed
thumbnail in the palette's colours, and a rename editor beside the thumbnail."""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView, QStyleOptionViewItem

from mlprep_desktop.core.board_model import Shape, scene_to_json
from mlprep_desktop.ui.whiteboard.board_image import list_thumbnail, png_bytes, render_board_image
from mlprep_desktop.ui.whiteboard.board_list import THUMB
from mlprep_desktop.ui.whiteboard.board_theme import CanvasTheme
from tests.ui.test_whiteboard import drag, key, whiteboard

LONG_NAME = "Your A/B test reports 20% uplift — is it real?"


def dark_palette(palette: QPalette) -> QPalette:
    dark = QPalette(palette)
    for role, color in ((QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Window, "#2d2d2d"),
                        (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.WindowText, "#e6e6e6")):
        dark.setColor(role, QColor(color))
    return dark


def card(board_list: QListView, board_id: int) -> QRect:
    model = board_list.model()
    return board_list.visualRect(model.index(model.row_of(board_id), 0))


def ink_mask(image: QImage, rect: QRect, background: QColor) -> list[tuple[int, int]]:
    """The pixels of ``rect`` (in ``image``) that are not ``background``."""
    return [(x - rect.left(), y - rect.top()) for y in range(rect.top(), rect.bottom() + 1)
            for x in range(rect.left(), rect.right() + 1)
            if abs(image.pixelColor(x, y).lightness() - background.lightness()) > 40]


def test_a_duplicated_boards_card_shows_how_its_name_differs(open_window):
    window, tab = whiteboard(open_window)
    board_list = window.findChild(QListView, "boardList")
    first = tab.current_board_id
    tab.rename_board(first, LONG_NAME)
    copy = tab.duplicate_board(first)
    tab.new_board()  # neither of the two is selected now
    QApplication.processEvents()
    image = board_list.viewport().grab().toImage()
    base = board_list.palette().color(QPalette.ColorRole.Base)
    names = []
    for board_id in (first, copy):
        rect = card(board_list, board_id)
        names.append(ink_mask(image, QRect(rect.left() + THUMB.width() + 16, rect.top(), rect.width() - THUMB.width()
                                           - 16, rect.height() // 2), base))
    assert names[0] and names[1] and names[0] != names[1]
    index = board_list.model().index(board_list.model().row_of(copy), 0)
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith(LONG_NAME + " copy")  # the whole name


def test_a_cards_text_fits_the_card(open_window):
    window, tab = whiteboard(open_window, new_board=False)
    question = next(iter(tab._ctx.questions.titles()))
    board = tab._ctx.boards.for_question(question)
    tab._ctx.boards.rename(board.id, LONG_NAME + " " + LONG_NAME)
    tab.refresh_list()
    board_list = window.findChild(QListView, "boardList")
    index = board_list.model().index(board_list.model().row_of(board.id), 0)
    delegate = board_list.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(board_list)
    option.font = board_list.font()
    option.widget = board_list
    height = delegate.sizeHint(option, index).height()
    width = board_list.viewport().width()
    # draw the card with room to spare below it: nothing may spill past its own height
    option.rect = QRect(0, 0, width, 4 * height)
    image = QImage(width, 4 * height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    text_column = QRect(THUMB.width() + 16, 0, width - THUMB.width() - 16, 4 * height)
    drawn = ink_mask(image, text_column, QColor("white"))
    assert drawn and max(y for _, y in drawn) < height - 2
    assert len({y // 5 for _, y in drawn}) >= 6  # the name and the subtitle, several lines of them


def test_every_thumbnail_is_framed_even_an_empty_board(open_window):
    window, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (60, 40)], steps=2)
    key(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # empty again, and saved so
    tab.flush_pending()
    board_list = window.findChild(QListView, "boardList")
    assert board_list.model().index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    empty = tab.current_board_id
    tab.new_board()  # unselected: the card's background is the list's
    QApplication.processEvents()
    rect = card(board_list, empty)
    image = board_list.viewport().grab().toImage()
    frame = image.pixelColor(rect.left() + 6, rect.center().y())
    assert frame.lightness() < 235  # a visible edge where the white picture ends


def test_the_rename_editor_sits_beside_the_thumbnail(open_window):
    window, tab = whiteboard(open_window)
    board_list = window.findChild(QListView, "boardList")
    board_list.setFocus()
    QTest.keyClick(board_list, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not board_list and editor.isVisible()
    rect = card(board_list, tab.current_board_id)
    assert editor.geometry().left() >= rect.left() + 6 + THUMB.width()
    assert editor.geometry().bottom() <= rect.bottom()


def test_thumbnails_follow_the_palette(open_window):
    window, tab = whiteboard(open_window)
    key(tab, Qt.Key.Key_R)
    drag(tab, [(0, 0), (160, 100)], steps=2)
    tab.flush_pending()  # the thumbnail is stored while the app is light
    index = tab.list_model.index(tab.list_model.row_of(tab.current_board_id), 0)

    def shown() -> QImage:
        return index.data(Qt.ItemDataRole.DecorationRole).toImage()

    light = shown()
    assert light.pixelColor(light.width() // 2, light.height() // 2).lightness() > 230  # white paper
    tab.setPalette(dark_palette(tab.palette()))
    dark = shown()
    paper = dark.pixelColor(dark.width() // 2, dark.height() // 2)
    assert paper.lightness() < 60
    brightest = max(dark.pixelColor(x, y).lightness() for x in range(dark.width()) for y in range(dark.height()))
    assert brightest > 150  # the rectangle, drawn in ink: light on the dark paper


def test_a_thumbnail_stored_opaque_by_an_older_version_follows_the_palette_too(qapp):
    old = render_board_image(scene_to_json([Shape("r", "rect", 0, 0, 160, 100, "ink", 4.0)]))  # white paper
    opaque = QImage(old.size(), QImage.Format.Format_RGB32)
    opaque.fill(QColor("white"))
    painter = QPainter(opaque)
    painter.drawImage(0, 0, old)
    painter.end()
    dark = list_thumbnail(png_bytes(opaque), CanvasTheme.dark_theme(), THUMB)
    assert dark.pixelColor(dark.width() // 2, dark.height() // 2).lightness() < 60
    assert max(dark.pixelColor(x, dark.height() // 2).lightness() for x in range(dark.width())) > 150
    light = list_thumbnail(png_bytes(opaque), CanvasTheme.light(), THUMB)
    assert light.pixelColor(light.width() // 2, light.height() // 2).lightness() > 230
