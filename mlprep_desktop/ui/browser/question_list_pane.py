"""``QuestionListPane``: the browser's left pane — the search box, the facet filters, the
"no matches" hint and the question table (a ``QuestionTableModel``). It only shows; the
browser tab runs the search and reacts to its signals."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from mlprep_desktop.core.search_query import MAX_SEARCH_CHARS, search_terms
from mlprep_desktop.ui.browser.filter_bar import FilterBar
from mlprep_desktop.ui.browser.question_table_model import QuestionTableModel


class QuestionListPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_box = QLineEdit(self)
        self.search_box.setMaxLength(MAX_SEARCH_CHARS)  # a pasted megabyte is cut, not laid out
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName(self.tr("Search questions"))
        self.search_box.setPlaceholderText(self.tr("Search questions, answers and tags…  (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.filters = FilterBar(self)
        self.no_matches = QLabel(self)
        self.no_matches.setObjectName("noMatchesLabel")
        self.no_matches.setWordWrap(True)
        self.no_matches.hide()
        self.model = QuestionTableModel(self)
        self.table = self._build_table()
        self.table.viewport().installEventFilter(self)
        self.model.modelReset.connect(self.fit_status_column)
        self.model.dataChanged.connect(self.fit_status_column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.filters)
        layout.addWidget(self.no_matches)
        layout.addWidget(self.table)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("questionTable")
        table.setAccessibleName(self.tr("Questions"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the question and buttons
        table.verticalHeader().hide()
        table.setSortingEnabled(True)
        header = table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        for column in self.COLUMN_CHARS:
            header.resizeSection(column, self._column_width(column))
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        return table

    COLUMN_CHARS = {1: 8, 2: 15, 3: 13, 4: 18}  # starting widths in average characters

    def _column_width(self, column: int) -> int:
        return self.fontMetrics().averageCharWidth() * self.COLUMN_CHARS[column] + 16

    OPTIONAL_COLUMNS = (1, 3)  # Type, Difficulty: hidden first when the pane is narrow (filters show them)
    TITLE_MIN_CHARS = 40

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """A narrow pane (a 1024-px window) hides Type and Difficulty rather than cutting every
        title to a few characters; each title keeps at least ``TITLE_MIN_CHARS`` characters."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(1, self.model.columnCount())
                     if c not in self.OPTIONAL_COLUMNS)
        # a hidden section's size reads 0, so count the width the column would take when shown
        optional = sum(self._column_width(c) for c in self.OPTIONAL_COLUMNS)
        room = self.table.viewport().width() - others - optional
        narrow = room < self.fontMetrics().averageCharWidth() * self.TITLE_MIN_CHARS
        for column in self.OPTIONAL_COLUMNS:
            self.table.setColumnHidden(column, narrow)

    STATUS_COLUMN = 4
    STATUS_CHARS = (16, 34)  # the Status column's width in average characters: at least, at most
    STATUS_SHARE = 0.3  # and at most this share of the table's width, so the titles keep room
    STATUS_ROWS_MEASURED = 300  # enough to size the column; a refresh at 10,000 rows stays cheap

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's API)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_status_column()
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_status_column(self) -> None:
        """Size the Status column to its longest text ("Good · due 14 Mar · Flagged · Note"),
        between ``STATUS_CHARS`` and within ``STATUS_SHARE`` of the table; a longer text is
        elided and its tooltip has it all."""
        metrics = self.table.fontMetrics()
        column = self.STATUS_COLUMN
        texts = set(self.model.status_texts(self.STATUS_ROWS_MEASURED))  # a few distinct texts: measure each once
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        low, high = (metrics.averageCharWidth() * chars + 16 for chars in self.STATUS_CHARS)
        high = max(low, min(high, int(self.table.viewport().width() * self.STATUS_SHARE)))
        width = min(max(widest + 16, low), high)
        if self.table.horizontalHeader().sectionSize(column) != width:
            self.table.horizontalHeader().resizeSection(column, width)
            self.fit_columns()  # a wider Status may leave the titles too little room

    def show_no_matches(self, empty: bool, *, index_damaged: bool = False) -> None:
        """Say why the table is empty (the search words, or the filters), that a search of only
        punctuation searches nothing, and that only titles and tags are searched while the
        database's search index is damaged; else hide the hint."""
        text = self.search_box.text().strip()
        notes: list[str] = []
        if index_damaged:  # a search met a damaged index and fell back
            notes.append(self.tr("The search index in the database file is damaged, so only titles and tags "
                                 "are searched for now. Tools › Check database rebuilds it."))
        if text and not search_terms(text):  # "(" or "*": nothing to search for, so nothing filtered
            notes.append(self.tr(f"“{text[:40]}” has no searchable words (letters or digits), so every "
                                 "question is listed."))
        elif empty:
            what = self.tr(f"No questions match “{text}”.") if text else self.tr("No questions match these filters.")
            notes.append(what + " " + self.tr("Try fewer or shorter words, or set a filter back to “All”."))
        self.no_matches.setText(" ".join(notes))
        self.no_matches.setVisible(bool(notes))
