"""The board list: a model over ``BoardSummary`` rows and the panel around it.

``BoardListModel`` shows each board's name, thumbnail and last-edited time, and what it is
linked to. Renaming in place (F2 or double-click) does not write anything itself: it emits
``rename_requested`` and the tab decides (names must be unique).

Each card: the thumbnail (in the current palette's canvas colours, framed even when the board
is empty), the name in bold on up to two lines (elided in the middle, so "… copy" and
"… (2)" stay visible; the tooltip has it whole), and the edited time and link on up to two
lines under it. Every line fits the card; the rename editor covers only the name.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPalette, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.board_records import BoardSummary, edited_label
from mlprep_desktop.ui.whiteboard.board_image import list_thumbnail
from mlprep_desktop.ui.whiteboard.board_theme import CanvasTheme

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
THUMB = QSize(96, 60)


class BoardListModel(QAbstractListModel):
    rename_requested = Signal(int, str)

    def __init__(self, parent=None, theme: CanvasTheme | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BoardSummary] = []
        self._thumbs: dict[tuple[int, str], QPixmap] = {}
        self._question_titles: dict[str, str] = {}
        self._theme = theme or CanvasTheme.light()

    @property
    def theme(self) -> CanvasTheme:
        return self._theme

    def set_theme(self, theme: CanvasTheme) -> None:
        """Show the thumbnails on ``theme``'s paper, in its ink (the palette changed)."""
        if theme == self._theme:
            return
        self._theme = theme
        self._thumbs.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0),
                                  [Qt.ItemDataRole.DecorationRole])

    def set_rows(self, rows: list[BoardSummary], question_titles: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if question_titles is not None:
            self._question_titles = question_titles
        keep = {(r.id, r.updated_at) for r in rows}
        self._thumbs = {k: v for k, v in self._thumbs.items() if k in keep}
        self.endResetModel()

    def board(self, row: int) -> BoardSummary:
        return self._rows[row]

    def row_of(self, board_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == board_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        board = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return board.name
        if role == ID_ROLE:
            return board.id
        if role == SUBTITLE_ROLE:
            return self._subtitle(board)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(board)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{board.name}\n{self._subtitle(board)}\n" + self.tr("F2 renames; Delete removes (after asking)")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{board.name}, {self._subtitle(board)}"
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        name = " ".join(str(value).split())
        board = self._rows[index.row()]
        if name and name != board.name:
            self.rename_requested.emit(board.id, name)
        return True

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def _subtitle(self, board: BoardSummary) -> str:
        text = edited_label(board.updated_at, datetime.now().astimezone())
        if board.question_id:
            title = self._question_titles.get(board.question_id, board.question_id)
            text += " · " + self.tr("question") + f": {title}"
        elif board.interview_item_id is not None:
            text += " · " + self.tr("mock interview answer")
        return text

    def _thumbnail(self, board: BoardSummary) -> QPixmap | None:
        if not board.thumbnail:
            return None
        key = (board.id, board.updated_at)
        pixmap = self._thumbs.get(key)
        if pixmap is None:
            image = list_thumbnail(board.thumbnail, self._theme, THUMB)
            pixmap = QPixmap.fromImage(image) if image is not None else QPixmap()
            self._thumbs[key] = pixmap
        return pixmap if not pixmap.isNull() else None


class BoardDelegate(QStyledItemDelegate):
    """Thumbnail on the left, the name in bold and the edited time (and link) under it."""

    PAD = 6
    GAP = 10  # between the thumbnail and the text
    NAME_LINES = 2
    SUBTITLE_LINES = 2

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._editing = QPersistentModelIndex()  # the row whose name the rename editor covers

    def _fonts(self, option) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt's API)
        bold, font = self._fonts(option)
        text = (self.NAME_LINES * QFontMetrics(bold).height() + 4
                + self.SUBTITLE_LINES * QFontMetrics(font).height())
        return QSize(200, max(THUMB.height(), text) + 2 * self.PAD)

    def _text_rect(self, option) -> QRect:
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        return rect.adjusted(THUMB.width() + self.GAP, 0, 0, 0)

    def paint(self, painter, option, index) -> None:
        style = option.widget.style() if option.widget else None
        painter.save()
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        thumb_rect = QRect(rect.left(), rect.top() + (rect.height() - THUMB.height()) // 2,
                           THUMB.width(), THUMB.height())
        model = index.model()
        theme = model.theme if isinstance(model, BoardListModel) else CanvasTheme.from_palette(palette)
        painter.fillRect(thumb_rect, theme.paper)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            x = thumb_rect.left() + (thumb_rect.width() - pixmap.width()) // 2
            y = thumb_rect.top() + (thumb_rect.height() - pixmap.height()) // 2
            painter.drawPixmap(x, y, pixmap)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(thumb_rect.adjusted(0, 0, -1, -1))  # the frame, over the picture's edge

        text_rect = self._text_rect(option)
        width = text_rect.width()
        bold, font = self._fonts(option)
        painter.setFont(bold)
        painter.setPen(text_color)
        bold_metrics = QFontMetrics(bold)
        y = text_rect.top()
        editing = self._editing.isValid() and self._editing == index  # the editor shows the name
        for line in wrap_lines(index.data() or "", bold_metrics, width, self.NAME_LINES,
                               Qt.TextElideMode.ElideMiddle):
            if not editing:
                painter.drawText(QRect(text_rect.left(), y, width, bold_metrics.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += bold_metrics.height()
        y += 4
        painter.setFont(font)
        muted = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        metrics = QFontMetrics(font)
        room = max(1, (text_rect.bottom() + 1 - y) // metrics.height())
        for line in wrap_lines(index.data(SUBTITLE_ROLE) or "", metrics, width, min(room, self.SUBTITLE_LINES),
                               Qt.TextElideMode.ElideRight):
            painter.drawText(QRect(text_rect.left(), y, width, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += metrics.height()
        painter.restore()

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt's API)
        self._editing = QPersistentModelIndex(index)  # its name is not painted under the editor
        return super().createEditor(parent, option, index)

    def destroyEditor(self, editor, index) -> None:  # noqa: N802 (Qt's API)
        self._editing = QPersistentModelIndex()
        super().destroyEditor(editor, index)

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: N802 (Qt's API)
        """The rename editor covers the name only, never the thumbnail."""
        text_rect = self._text_rect(option)
        height = max(editor.sizeHint().height(), QFontMetrics(self._fonts(option)[0]).height() + 4)
        editor.setGeometry(QRect(text_rect.left() - 3, text_rect.top() - 2, text_rect.width() + 3, height))


def wrap_lines(text: str, metrics: QFontMetrics, width: int, max_lines: int,
               mode: Qt.TextElideMode) -> list[str]:
    """``text`` broken at spaces (or anywhere, for a word too long) into at most ``max_lines``
    lines of ``width`` pixels; what does not fit is elided from the last line with ``mode``."""
    rest = " ".join(text.split())
    lines: list[str] = []
    while rest and len(lines) < max_lines - 1 and metrics.horizontalAdvance(rest) > width:
        fits = _fitting(rest, metrics, width)
        space = rest.rfind(" ", 0, fits + 1)
        cut = space if space > 0 else fits
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        lines.append(metrics.elidedText(rest, mode, width))
    return lines


def _fitting(text: str, metrics: QFontMetrics, width: int) -> int:
    """How many leading characters of ``text`` fit in ``width`` pixels (at least one)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


class BoardListPanel(QWidget):
    """The list of boards with New, Rename, Duplicate and Delete under it."""

    board_activated = Signal(int)
    delete_requested = Signal(int)
    duplicate_requested = Signal(int)

    def __init__(self, model: BoardListModel, new_action, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QListView(self)
        self.view.setObjectName("boardList")
        self.view.setAccessibleName(self.tr("Boards"))
        self.view.setModel(model)
        self.view.setItemDelegate(BoardDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setUniformItemSizes(True)
        self.view.setToolTip(self.tr("Your boards, most recently edited first"))
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)

        self.new_button = self._button("boardNew", self.tr("New"), self.tr("Make a new board (Ctrl+N)"))
        self.new_button.clicked.connect(new_action.trigger)
        self.rename_button = self._button("boardRename", self.tr("Rename"), self.tr("Rename the board (F2)"))
        self.rename_button.clicked.connect(self.edit_current_name)
        self.duplicate_button = self._button("boardDuplicate", self.tr("Duplicate"),
                                             self.tr("Make a copy of the board (Ctrl+Shift+D)"))
        self.duplicate_button.clicked.connect(lambda: self._emit_for_current(self.duplicate_requested))
        self.delete_button = self._button("boardDelete", self.tr("Delete"),
                                          self.tr("Delete the board (asks first)"))
        self.delete_button.clicked.connect(lambda: self._emit_for_current(self.delete_requested))
        delete_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(lambda: self._emit_for_current(self.delete_requested))

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        for button in (self.new_button, self.rename_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.update_buttons()

    def _button(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setObjectName(name)
        button.setAccessibleName(tip.split(" (")[0])
        button.setToolTip(tip)
        return button

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_board(self, board_id: int) -> None:
        """Make ``board_id`` current without emitting ``board_activated``."""
        row = self.model.row_of(board_id)
        self.view.selectionModel().blockSignals(True)
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:
            self.view.clearSelection()
        self.view.selectionModel().blockSignals(False)
        self.view.viewport().update()
        self.update_buttons()

    def edit_current_name(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.setFocus()
            self.view.edit(index)

    def update_buttons(self) -> None:
        has = self.view.currentIndex().isValid()
        for button in (self.rename_button, self.duplicate_button, self.delete_button):
            button.setEnabled(has)

    def _emit_for_current(self, signal) -> None:
        board_id = self.current_id()
        if board_id is not None:
            signal.emit(board_id)

    def _on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.update_buttons()
        if current.isValid():
            self.board_activated.emit(current.data(ID_ROLE))
