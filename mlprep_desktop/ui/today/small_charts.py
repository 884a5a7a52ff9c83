"""Two small QPainter charts for the progress page: ``BarChart`` (the due forecast) and
``TrendChart`` (mock-interview scores). Each takes plain numbers and labels."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class _Chart(QWidget):
    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._values: list[float] = []
        self._labels: list[str] = []
        self.empty_text = ""

    def set_values(self, values: Sequence[float], labels: Sequence[str]) -> None:
        self._values = [float(v) for v in values]
        self._labels = list(labels)
        self.setAccessibleDescription(self.empty_text if self.is_empty() else
                                      ", ".join(f"{lbl}: {v:g}" for lbl, v in zip(self._labels, self._values)))
        self.update()

    def is_empty(self) -> bool:
        """Nothing to draw: the chart says ``empty_text`` instead."""
        return not self._values

    def values(self) -> list[float]:
        return list(self._values)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 120)

    def _colours(self) -> tuple[QColor, QColor, QColor]:
        palette = self.palette()
        return (palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.WindowText),
                palette.color(QPalette.ColorRole.Mid))


class BarChart(_Chart):
    """One bar per value with its count on top and a label under it; with every value 0 the
    labels and ``empty_text`` in the middle (an empty box looked broken on a first start)."""

    def is_empty(self) -> bool:
        return not any(self._values)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        bar, text, _grid = self._colours()
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        height = painter.fontMetrics().height()
        area = QRectF(self.rect()).adjusted(2, height + 2, -2, -(height + 4))
        if self.is_empty() and self.empty_text:
            painter.setPen(text)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
        n = max(1, len(self._values))
        top = max(self._values, default=0) or 1.0
        slot = area.width() / n
        painter.setBrush(bar)  # bars drawn with the brush: fillRect's overloads made Qt build types at first paint
        for i, value in enumerate(self._values):
            h = area.height() * value / top
            rect = QRectF(area.left() + i * slot + slot * 0.15, area.bottom() - h, slot * 0.7, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRect(rect)
            painter.setPen(text)
            if value:
                painter.drawText(QRectF(rect.left() - 6, rect.top() - height - 1, rect.width() + 12, height),
                                 Qt.AlignmentFlag.AlignCenter, f"{value:g}")
            if i < len(self._labels) and (n <= 14 or i % 2 == 0):
                painter.drawText(QRectF(area.left() + i * slot - 4, area.bottom() + 2, slot + 8, height),
                                 Qt.AlignmentFlag.AlignCenter, self._labels[i])
        painter.end()


class TrendChart(_Chart):
    """A line through the values (0–100) with dots, and the last value written at its end."""

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line, text, grid = self._colours()
        height = painter.fontMetrics().height()
        area = QRectF(self.rect()).adjusted(44, 8, -44, -8)
        painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
        for level in (0, 50, 100):
            y = area.bottom() - area.height() * level / 100
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - height / 2, 38, height), Qt.AlignmentFlag.AlignRight, f"{level}%")
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
        if not self._values:
            painter.setPen(text)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()
            return
        n = len(self._values)
        points = [QPointF(area.left() + (area.width() * i / (n - 1) if n > 1 else area.width() / 2),
                          area.bottom() - area.height() * max(0.0, min(100.0, v)) / 100)
                  for i, v in enumerate(self._values)]
        path = QPainterPath(points[0])
        for p in points[1:]:
            path.lineTo(p)
        painter.setPen(QPen(line, 2))
        painter.drawPath(path)
        painter.setBrush(line)
        for p in points:
            painter.drawEllipse(p, 3, 3)
        painter.setPen(text)
        painter.drawText(QRectF(points[-1].x() + 6, points[-1].y() - height / 2, 40, height),
                         Qt.AlignmentFlag.AlignLeft, f"{self._values[-1]:.0f}%")
        painter.end()
