"""``NoteListPane``: the notebook's left side — New, search, tag filter, the note list and
the Trash switch. It only shows and asks; the tab decides (signals in, ``set_*`` out)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.note_models import NoteFilter, NoteSummary
from mlprep_desktop.core.search_query import MAX_SEARCH_CHARS
from mlprep_desktop.ui.notebook.creation_actions import daily_log_action
from mlprep_desktop.ui.notebook.note_list_model import ID_ROLE, NoteListDelegate, NoteListModel

SEARCH_DELAY_MS = 150


class NoteListPane(QWidget):
    filter_changed = Signal()
    note_chosen = Signal(int)  # the user picked a note in the list
    new_requested = Signal(str)  # "blank", "daily_log" or "project"
    delete_requested = Signal()
    rename_requested = Signal()
    empty_trash_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, new_log_action: QAction | None = None) -> None:
        """``new_log_action``: the "Daily study log" action when its owner made it already
        (the notebook makes it before its page: the window binds its key at start)."""
        super().__init__(parent)
        self._build(new_log_action)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.filter_changed)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.filter_changed.emit())
        self.trash.toggled.connect(self._on_trash_toggled)
        self.list.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        self.list.installEventFilter(self)

    def _build(self, new_log_action: QAction | None) -> None:
        self.new_button = QToolButton(self)
        self.new_button.setObjectName("noteNew")
        self.new_button.setAccessibleName(self.tr("New note"))
        self.new_button.setText(self.tr("New note"))
        self.new_button.setToolTip(self.tr("Write a new note (Ctrl+N); the arrow offers templates"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.new_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        menu = QMenu(self.new_button)
        self.new_blank_action = QAction(self.tr("Blank note"), self)
        self.new_blank_action.setObjectName("noteNewBlank")
        self.new_blank_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_blank_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_blank_action.triggered.connect(lambda: self.new_requested.emit("blank"))
        if new_log_action is None:
            new_log_action = daily_log_action(self)
            new_log_action.triggered.connect(lambda: self.new_requested.emit("daily_log"))
        self.new_log_action = new_log_action
        self.new_project_action = QAction(self.tr("From template: My project"), self)
        self.new_project_action.setObjectName("noteNewProject")
        self.new_project_action.setToolTip(self.tr(
            "One note per project you will talk about: problem, data, model, metrics, trade-offs, "
            "failures, impact, linked to the behavioural questions"))
        self.new_project_action.triggered.connect(lambda: self.new_requested.emit("project"))
        menu.addAction(self.new_blank_action)
        menu.addAction(self.new_log_action)
        menu.addAction(self.new_project_action)
        self.new_button.setMenu(menu)
        self.new_button.clicked.connect(lambda: self.new_requested.emit("blank"))

        self.search = QLineEdit(self)
        self.search.setMaxLength(MAX_SEARCH_CHARS)  # a pasted megabyte is cut, not laid out
        self.search.setObjectName("noteSearch")
        self.search.setAccessibleName(self.tr("Search notes"))
        self.search.setPlaceholderText(self.tr("Search notes…  (Ctrl+F)"))
        self.search.setToolTip(self.tr("Finds notes by words in their title or text"))
        self.search.setClearButtonEnabled(True)

        self.tag_filter = QComboBox(self)
        self.tag_filter.setObjectName("noteTagFilter")
        self.tag_filter.setAccessibleName(self.tr("Filter notes by tag"))
        self.tag_filter.setToolTip(self.tr("Show only notes with this tag"))
        self.tag_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_filter.setMinimumContentsLength(10)
        self.tag_filter.addItem(self.tr("All tags"), None)

        self.model = NoteListModel(self)
        self.list = QListView(self)
        self.list.setObjectName("noteList")
        self.list.setAccessibleName(self.tr("Notes"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(NoteListDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        rename = QAction(self.tr("Rename (F2)"), self.list)
        rename.triggered.connect(self.rename_requested)
        delete = QAction(self.tr("Move to Trash (Delete)"), self.list)
        delete.triggered.connect(self.delete_requested)
        self.list.addActions([rename, delete])

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("noteListEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.trash = QToolButton(self)
        self.trash.setObjectName("noteTrash")
        self.trash.setAccessibleName(self.tr("Trash"))
        self.trash.setCheckable(True)
        self.trash.setToolTip(self.tr("Show deleted notes; they are kept 30 days and can be restored"))
        self.empty_trash = QPushButton(self.tr("Empty Trash…"), self)
        self.empty_trash.setObjectName("noteEmptyTrash")
        self.empty_trash.setAccessibleName(self.tr("Empty Trash"))
        self.empty_trash.setToolTip(self.tr("Delete every note in the Trash for good"))
        self.empty_trash.clicked.connect(self.empty_trash_requested)
        self.empty_trash.hide()
        self.set_trash_count(0)

        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.trash)
        bottom.addStretch(1)
        bottom.addWidget(self.empty_trash)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.tag_filter)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)

    # ----- state shown
    @property
    def trash_mode(self) -> bool:
        return self.trash.isChecked()

    def set_trash_mode(self, on: bool) -> None:
        """Switch between notes and Trash without emitting ``filter_changed``."""
        self.trash.blockSignals(True)
        self.trash.setChecked(on)
        self.trash.blockSignals(False)
        self._show_trash_mode(on)

    def current_filter(self) -> NoteFilter:
        return NoteFilter(text=self.search.text(), tag=self.tag_filter.currentData(), trash=self.trash_mode)

    def clear_filters(self) -> None:
        """Show every note (without emitting ``filter_changed``)."""
        self._search_timer.stop()
        for widget in (self.search, self.tag_filter):
            widget.blockSignals(True)
        self.search.clear()
        self.tag_filter.setCurrentIndex(0)
        for widget in (self.search, self.tag_filter):
            widget.blockSignals(False)

    def set_rows(self, rows: list[NoteSummary], current_id: int | None) -> None:
        self._search_timer.stop()
        self.list.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.select(current_id)
        self.list.selectionModel().blockSignals(False)
        flt = self.current_filter()
        if rows:
            self.empty_label.hide()
        else:
            if flt.text.strip() or flt.tag:
                what = self.tr("No notes match.") + " " + self.tr("Try other words, or set the tag filter to “All tags”.")
            elif flt.trash:
                what = self.tr("The Trash is empty.")
            else:
                what = self.tr("No notes yet. Press Ctrl+N to write one.")
            self.empty_label.setText(what)
            self.empty_label.show()

    def select(self, note_id: int | None) -> None:
        """Select ``note_id``'s row (if listed) without emitting ``note_chosen``."""
        row = self.model.row_of(note_id) if note_id is not None else -1
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            index = self.model.index(row)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)
        else:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        selection.blockSignals(False)

    def set_tags(self, counts: dict[str, int]) -> None:
        """Refill the tag filter, keeping the chosen tag while it is still used."""
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), None)
        for tag, n in counts.items():
            self.tag_filter.addItem(f"#{tag} ({n})", tag)
        index = self.tag_filter.findData(chosen) if chosen else 0
        self.tag_filter.setCurrentIndex(max(0, index))
        self.tag_filter.blockSignals(False)
        if chosen and index < 0:
            self.filter_changed.emit()

    def set_trash_count(self, count: int) -> None:
        self.trash.setText(self.tr(f"Trash ({count})") if not self.trash_mode else self.tr("◀ Back to notes"))
        self._trash_count = count
        self.empty_trash.setEnabled(count > 0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ----- events
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's API)
        if watched is self.list and event.type() == QEvent.Type.KeyPress and not event.modifiers():
            if event.key() == Qt.Key.Key_Delete:
                self.delete_requested.emit()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.list.currentIndex()
                if current.isValid():
                    self.note_chosen.emit(current.data(ID_ROLE))
                return False
        return super().eventFilter(watched, event)

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.note_chosen.emit(current.data(ID_ROLE))

    def _on_trash_toggled(self, on: bool) -> None:
        self._show_trash_mode(on)
        self.filter_changed.emit()

    def _show_trash_mode(self, on: bool) -> None:
        self.empty_trash.setVisible(on)
        self.new_button.setEnabled(True)
        self.set_trash_count(getattr(self, "_trash_count", 0))
        self.list.setAccessibleName(self.tr("Notes in the Trash") if on else self.tr("Notes"))

    def _on_search_return_pressed(self) -> None:
        self._search_timer.stop()
        self.filter_changed.emit()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
