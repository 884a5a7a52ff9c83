"""``ActivityHeatmap``: reviews per day over the last year as a calendar of coloured squares
(weeks as columns, Monday on top), drawn with QPainter. Hovering a square tells its count."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

WEEKS = 53
CELL = 11
GAP = 2
LEFT = 26  # room for the weekday labels
TOP = 16  # room for the month labels
_LEVELS = (1, 3, 6, 10)  # reviews per day at which the colour steps up


class ActivityHeatmap(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityHeatmap")
        self.setAccessibleName(self.tr("Reviews per day over the last year"))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._counts: dict[date, int] = {}
        self._today = date.today()

    # ----- data
    def set_counts(self, counts: dict[date, int], today: date) -> None:
        self._counts = dict(counts)
        self._today = today
        total = self.total()
        self.setAccessibleDescription(self.tr(f"{total} reviews on {self.active_days()} days in the last year"))
        self.setToolTip("")
        self.update()

    def total(self) -> int:
        return sum(n for d, n in self._counts.items() if d >= self.first_day())

    def active_days(self) -> int:
        return sum(1 for d, n in self._counts.items() if n and d >= self.first_day())

    def count_on(self, day: date) -> int:
        return self._counts.get(day, 0)

    def first_day(self) -> date:
        """The Monday of the first column."""
        monday = self._today - timedelta(days=self._today.weekday())
        return monday - timedelta(weeks=WEEKS - 1)

    # ----- geometry
    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(LEFT + WEEKS * (CELL + GAP), TOP + 7 * (CELL + GAP))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def cell_rect(self, day: date) -> QRect:
        offset = (day - self.first_day()).days
        week, weekday = divmod(offset, 7)
        return QRect(LEFT + week * (CELL + GAP), TOP + weekday * (CELL + GAP), CELL, CELL)

    def day_at(self, point: QPoint) -> date | None:
        x, y = point.x() - LEFT, point.y() - TOP
        if x < 0 or y < 0:
            return None
        week, weekday = x // (CELL + GAP), y // (CELL + GAP)
        if week >= WEEKS or weekday >= 7:
            return None
        day = self.first_day() + timedelta(days=week * 7 + weekday)
        return day if day <= self._today else None

    # ----- painting
    def _level_colour(self, level: int) -> QColor:
        palette = self.palette()
        if level < 0:
            base = palette.color(QPalette.ColorRole.Base)
            text = palette.color(QPalette.ColorRole.Text)
            return _mix(base, text, 0.10)
        accent = QColor(46, 160, 67) if palette.color(QPalette.ColorRole.Base).lightness() > 128 else QColor(57, 211, 83)
        return _mix(palette.color(QPalette.ColorRole.Base), accent, 0.25 + 0.75 * level / len(_LEVELS))

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        painter.setPen(text)
        for weekday, label in ((0, self.tr("Mon")), (2, self.tr("Wed")), (4, self.tr("Fri"))):
            painter.drawText(QRect(0, TOP + weekday * (CELL + GAP) - 2, LEFT - 4, CELL + 4),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        first = self.first_day()
        last_month = None
        for week in range(WEEKS):
            monday = first + timedelta(weeks=week)
            if monday.month != last_month and week < WEEKS - 2:
                painter.setPen(text)
                painter.drawText(LEFT + week * (CELL + GAP), TOP - 4, monday.strftime("%b"))
                last_month = monday.month
        painter.setPen(Qt.PenStyle.NoPen)
        cells: dict[int, list[QRect]] = {}  # by level: one brush per level, not per day
        for offset in range((self._today - first).days + 1):
            week, weekday = divmod(offset, 7)
            level = _level(self._counts.get(first + timedelta(days=offset), 0))
            cells.setdefault(level, []).append(
                QRect(LEFT + week * (CELL + GAP), TOP + weekday * (CELL + GAP), CELL, CELL))
        for level, rects in cells.items():
            painter.setBrush(self._level_colour(level))
            for rect in rects:
                painter.drawRoundedRect(rect, 2, 2)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(text)
        painter.drawRoundedRect(self.cell_rect(self._today).adjusted(0, 0, -1, -1), 2, 2)
        painter.end()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        day = self.day_at(event.position().toPoint())
        if day is None:
            QToolTip.hideText()
            return
        n = self._counts.get(day, 0)
        what = self.tr("no reviews") if n == 0 else self.tr(f"{n} review{'s' if n != 1 else ''}")
        QToolTip.showText(event.globalPosition().toPoint(), f"{what} · {day.strftime('%a %d %b %Y')}", self)


def _level(count: int) -> int:
    """-1 for a day without reviews, else how many of ``_LEVELS`` the count reaches."""
    return -1 if count <= 0 else sum(count >= step for step in _LEVELS)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))
