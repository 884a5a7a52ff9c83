"""Graphics items that show board items (``core.board_model``) on a ``BoardScene``.

Each graphic keeps its model (``.model``, immutable) and can be brought to any model with
``apply_model``; ``current_model()`` folds in a position the user changed by dragging.

Speed: a stroke is a plain ``QGraphicsPathItem`` whose path is built once from the stored
points (smoothed with quadratic segments) and cached by Qt; it overrides no virtual method,
so painting 5,000 of them stays in C++. Only shapes, text and connectors (few per board)
override ``itemChange`` / ``paint`` / ``shape`` in Python.
"""
from __future__ import annotations

import html
import re
from dataclasses import replace

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsTextItem,
    QStyle,
)

from mlprep_desktop.core.board_geometry import arrow_head, pressure_outline
from mlprep_desktop.core.board_model import BoardItem, Connector, Shape, Stroke, Text, math_source
from mlprep_desktop.core.board_simplify import smooth_segments
from mlprep_desktop.rendering.math_svg import (
    DISPLAY_MATH,
    INLINE_MATH,
    MathError,
    MathImage,
    baseline_aligned,
    render_math,
)
from mlprep_desktop.ui.browser.question_view import svg_to_image
from mlprep_desktop.ui.whiteboard.board_theme import HIGHLIGHTER_ALPHA, CanvasTheme, qcolor
from mlprep_desktop.ui.widgets.math_baseline import MathBaselineHandler

_EDITABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
_TRACKED = _EDITABLE | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
_CHANGE = QGraphicsItem.GraphicsItemChange


def stroke_path(model: Stroke) -> QPainterPath:
    """The cached outline of a stroke: a smooth centre line, or a filled pressure outline."""
    path = QPainterPath()
    if model.pressures:
        outline = pressure_outline(model.points, model.pressures, model.width)
        if outline:
            path.moveTo(*outline[0])
            for x, y in outline[1:]:
                path.lineTo(x, y)
            path.closeSubpath()
        return path
    points = model.points
    path.moveTo(points[0], points[1])
    quad_to = path.quadTo
    for segment in smooth_segments(points):
        quad_to(*segment)
    if len(points) == 2:  # a single click: a dot
        path.lineTo(points[0] + 0.01, points[1])
    else:
        path.lineTo(points[-2], points[-1])
    return path


_SVG_SHAPE = re.compile(r"<(path|rect|circle|ellipse|line|polyline|polygon)\b([^>]*?)(/?)>")


def unstroked_svg(svg: str) -> str:
    """``svg`` with ``stroke-opacity="0"`` on every shape that has no stroke of its own.

    Qt's SVG renderer paints an unstroked shape with a pen whose brush is empty: nothing on
    screen or in a PNG, but ``QSvgGenerator`` (SVG export) writes that pen out as a 1 px black
    stroke, so math came out bolder in an exported SVG than on the canvas. With a zero stroke
    opacity the generator writes ``stroke="none"``."""
    def fix(match: re.Match) -> str:
        tag, attrs, close = match.groups()
        if "stroke=" in attrs:
            return match.group(0)
        return f'<{tag}{attrs} stroke-opacity="0"{close}>'

    return _SVG_SHAPE.sub(fix, svg)


def _pen(color, width: float) -> QPen:
    return QPen(color, max(0.5, width), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)


def _stroke_color(model: Stroke, theme: CanvasTheme) -> QColor:
    color = qcolor(model.color, theme)
    if model.highlighter:
        color.setAlpha(min(color.alpha(), HIGHLIGHTER_ALPHA))
    return color


_PENS: dict[tuple[str, float, bool, int], QPen] = {}


def _stroke_pen(model: Stroke, theme: CanvasTheme) -> QPen:
    """The pen of a stroke without pressures, shared by the strokes that look alike (a board
    uses a few colours and widths; making a pen per stroke was a tenth of opening a big one)."""
    key = (model.color, model.width, model.highlighter, theme.ink.rgba())
    pen = _PENS.get(key)
    if pen is None:
        if len(_PENS) > 512:
            _PENS.clear()
        pen = _PENS[key] = _pen(_stroke_color(model, theme), model.width)
    return pen


class _ModelGraphic:
    """Mixin for every board graphic: ``model`` is the item as last applied, the graphic's
    position the live one (the user may have dragged it). Overrides no Qt virtual method."""

    model: BoardItem | None

    def current_model(self) -> BoardItem:
        """The model with the graphic's current position folded in (and kept)."""
        pos = self.pos()
        if pos.x() != self.model.x or pos.y() != self.model.y:
            self.model = replace(self.model, x=pos.x(), y=pos.y())
        return self.model

    def _place(self, model: BoardItem) -> None:
        """Move to the model's position and stacking order (``apply_model``'s last step)."""
        if self.pos() != QPointF(model.x, model.y):
            self.setPos(model.x, model.y)
        self.setZValue(model.z)


class _Tracked(_ModelGraphic):
    """Mixin for items arrows can attach to: snap while dragged, tell the scene when moved."""

    def itemChange(self, change, value):  # noqa: N802 (Qt's API)
        scene = self.scene()
        if scene is not None and getattr(self, "model", None) is not None:
            if change == _CHANGE.ItemPositionChange:
                value = scene.snapped_drag_position(value)
            elif change == _CHANGE.ItemPositionHasChanged:
                scene.graphic_moved(self)
        return super().itemChange(change, value)


class StrokeGraphic(_ModelGraphic, QGraphicsPathItem):
    """A stroke. Its bounds are the path's control points widened by half the pen, kept from
    the last change: Qt's own outlines the whole stroke with the pen (QPainterPathStroker) the
    first time it is asked, 27 µs a stroke, most of the time spent fitting a big board into
    view when it opens. With round caps and joins the stroke never reaches further out."""

    def __init__(self, model: Stroke, theme: CanvasTheme) -> None:
        self.model: Stroke | None = None
        if model.pressures:
            super().__init__()
            self._bounds = QRectF()
            self.setFlags(_EDITABLE)
            self.apply_model(model, theme)
            return
        # The usual stroke, the bulk of a big board being opened: what ``apply_model`` does for
        # a new graphic, in as few calls as it takes (its steps cost more than the path).
        path = stroke_path(model)
        super().__init__(path)
        pen = _stroke_pen(model, theme)
        self.setPen(pen)
        half = pen.widthF() / 2
        self._bounds = path.controlPointRect().adjusted(-half, -half, half, half)
        self.model = model
        self.setFlags(_EDITABLE)
        if model.x or model.y:
            self.setPos(model.x, model.y)
        self.setZValue(model.z)

    def apply_model(self, model: Stroke, theme: CanvasTheme) -> None:
        old = self.model
        if (old is None or old.points != model.points or old.pressures != model.pressures
                or (model.pressures and old.width != model.width)):
            self.setPath(stroke_path(model))
        self.model = model
        self.set_theme(theme)
        self._place(model)

    def set_theme(self, theme: CanvasTheme) -> None:
        model = self.model
        if model.pressures:
            self.setPen(QPen(Qt.PenStyle.NoPen))
            self.setBrush(QBrush(_stroke_color(model, theme)))
        else:
            self.setPen(_stroke_pen(model, theme))
            if self.brush().style() != Qt.BrushStyle.NoBrush:  # was a pressure stroke
                self.setBrush(QBrush())
        self._remember_bounds()

    def _remember_bounds(self) -> None:
        """Called after every change of path or pen (both call prepareGeometryChange first)."""
        rect = self.path().controlPointRect()
        pen = self.pen()
        if pen.style() != Qt.PenStyle.NoPen:
            half = pen.widthF() / 2
            rect.adjust(-half, -half, half, half)
        self._bounds = rect

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's API)
        return self._bounds

    def bounds_at(self, x: float, y: float) -> QRectF:
        """The bounding rectangle placed at (x, y): ``sceneBoundingRect()`` when that is the
        position and the stroke has no parent or transform (as on a board), without Qt
        calling back into ``boundingRect``."""
        return self._bounds.translated(x, y)

    def model_rect(self) -> QRectF:
        return self.mapRectToScene(self.path().boundingRect())


class _ShapeMixin(_Tracked):
    model: Shape | None

    def apply_model(self, model: Shape, theme: CanvasTheme) -> None:
        self.model = model
        self.setRect(QRectF(0, 0, model.w, model.h))
        self.set_theme(theme)
        self._place(model)

    def set_theme(self, theme: CanvasTheme) -> None:
        self.setPen(_pen(qcolor(self.model.color, theme), self.model.width))
        self.setBrush(QBrush(qcolor(self.model.fill, theme)) if self.model.fill else QBrush())

    def model_rect(self) -> QRectF:
        return QRectF(self.pos().x(), self.pos().y(), self.model.w, self.model.h)

    @property
    def attach_kind(self) -> str:
        return self.model.kind


class RectGraphic(_ShapeMixin, QGraphicsRectItem):
    def __init__(self, model: Shape, theme: CanvasTheme) -> None:
        QGraphicsRectItem.__init__(self)
        self.model = None
        self.setFlags(_TRACKED)
        self.apply_model(model, theme)


class EllipseGraphic(_ShapeMixin, QGraphicsEllipseItem):
    def __init__(self, model: Shape, theme: CanvasTheme) -> None:
        QGraphicsEllipseItem.__init__(self)
        self.model = None
        self.setFlags(_TRACKED)
        self.apply_model(model, theme)


class ConnectorGraphic(_ModelGraphic, QGraphicsPathItem):
    """A line or arrow; its position is the start point. Easy to hit: 12 px wide hit area."""

    def __init__(self, model: Connector, theme: CanvasTheme) -> None:
        super().__init__()
        self.model: Connector | None = None
        self._hit: QPainterPath | None = None
        self.setFlags(_EDITABLE)
        self.apply_model(model, theme)

    def apply_model(self, model: Connector, theme: CanvasTheme) -> None:
        old = self.model
        if old is None or (old.ex, old.ey, old.arrow, old.width) != (model.ex, model.ey, model.arrow, model.width):
            path = QPainterPath(QPointF(0, 0))
            path.lineTo(model.ex, model.ey)
            if model.arrow:
                tip, left, right = arrow_head((model.ex, model.ey), (0.0, 0.0), model.width)
                path.moveTo(*left)
                path.lineTo(*tip)
                path.lineTo(*right)
                path.closeSubpath()
            self.prepareGeometryChange()
            self._hit = None
            self.setPath(path)
        self.model = model
        self.set_theme(theme)
        self._place(model)

    def set_theme(self, theme: CanvasTheme) -> None:
        color = qcolor(self.model.color, theme)
        self.setPen(_pen(color, self.model.width))
        self.setBrush(QBrush(color) if self.model.arrow else QBrush())

    def shape(self) -> QPainterPath:
        if self._hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(max(12.0, self.model.width + 6))
            stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
            self._hit = stroker.createStroke(self.path()) + self.path()
        return self._hit

    def model_rect(self) -> QRectF:
        m = self.current_model()
        return QRectF(QPointF(m.x, m.y), QPointF(m.x + m.ex, m.y + m.ey)).normalized()


_MIXED_MATH = re.compile(DISPLAY_MATH.pattern + "|" + INLINE_MATH.pattern, re.DOTALL)
MATH_IMAGE_RATIO = 4.0  # formulas in mixed text are drawn at 4x: sharp when zoomed or exported larger


def mixed_text_html(text: str, color: str, size: float, x_height: float) -> tuple[str, dict[str, MathImage]]:
    """Text with ``$…$`` formulas as rich text: words escaped (lines and spaces kept), each
    formula an ``mlmath:`` image on the text's baseline; a formula that cannot be drawn stays
    as written. Returns the HTML and its images by key."""
    images: dict[str, MathImage] = {}
    parts: list[str] = []
    pos = 0
    for match in _MIXED_MATH.finditer(text):
        latex = (match.group(1) if match.group(1) is not None else match.group(2)).strip()
        try:
            image = baseline_aligned(render_math(latex, display=False, color=color, size=size), x_height)
        except MathError:
            continue
        parts.append(html.escape(text[pos:match.start()]))
        images[image.key] = image
        parts.append(f'<img src="mlmath:{image.key}" width="{image.width:.2f}" height="{image.height:.2f}" '
                     'style="vertical-align: middle">')
        pos = match.end()
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div style="white-space: pre-wrap; color: {color}">{body}</div>', images


class TextGraphic(_Tracked, QGraphicsTextItem):
    """Multi-line text, edited in place. Text that begins and ends with ``$`` is drawn as
    LaTeX math (the app's offline renderer) whenever it is not being edited; text that mixes
    words and ``$…$`` formulas is drawn as words with formulas on their baseline, as the
    question view shows it."""

    editing_finished = Signal(object)  # this graphic; the editor turns the edit into a command

    def __init__(self, model: Text, theme: CanvasTheme) -> None:
        QGraphicsTextItem.__init__(self)
        self.model: Text | None = None
        self._theme = theme
        self._math: tuple[QSvgRenderer, float, float] | None = None
        self._rich: QTextDocument | None = None  # mixed words and math, while not editing
        self._rich_images: dict[str, MathImage] = {}
        self._editing = False
        self.math_error = ""
        self.setFlags(_TRACKED)
        self.document().setDocumentMargin(3)
        self.document().contentsChanged.connect(self._on_document_changed)
        self.apply_model(model, theme)

    # ----- model
    def apply_model(self, model: Text, theme: CanvasTheme) -> None:
        self._theme = theme
        self.model = model
        font = QFont(self.font())
        font.setPixelSize(max(4, round(model.size)))
        if font != self.font():
            self.setFont(font)
        if self.toPlainText() != model.text:
            self.setPlainText(model.text)
        self.setDefaultTextColor(qcolor(model.color, theme))
        self._place(model)
        self._update_math()

    def set_theme(self, theme: CanvasTheme) -> None:
        self._theme = theme
        self.setDefaultTextColor(qcolor(self.model.color, theme))
        self._update_math()

    def model_rect(self) -> QRectF:
        return self.mapRectToScene(self.boundingRect())

    @property
    def attach_kind(self) -> str:
        return "text"

    @property
    def is_math_shown(self) -> bool:
        return self._math is not None

    @property
    def is_mixed_math_shown(self) -> bool:
        """True when words mixed with formulas are drawn (not their source)."""
        return self._rich is not None

    # ----- editing in place
    @property
    def editing(self) -> bool:
        return self._editing

    def start_editing(self) -> None:
        self._editing = True
        self._update_math()
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.setTextCursor(cursor)

    def finish_editing(self) -> None:
        """Leave editing and report it (``editing_finished``); safe to call more than once."""
        if not self._editing:
            return
        self._editing = False
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        if self.hasFocus():
            self.clearFocus()
        self.editing_finished.emit(self)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().focusOutEvent(event)
        keep = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)
        if self._editing and event.reason() not in keep:
            # finishing may remove this item from the scene: never inside its own event
            QTimer.singleShot(0, self, self.finish_editing)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        if event.key() == Qt.Key.Key_Escape or (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.finish_editing()
            event.accept()
            return
        super().keyPressEvent(event)

    # ----- math
    def _update_math(self) -> None:
        source = None if self._editing else math_source(self.model.text)
        self.prepareGeometryChange()
        self._math = None
        self.math_error = ""
        if source:
            color = qcolor(self.model.color, self._theme)
            try:
                image = render_math(source, display=True, color=color.name(), size=self.model.size)
            except MathError as exc:
                self.math_error = str(exc)
            else:
                renderer = QSvgRenderer(QByteArray(unstroked_svg(image.svg).encode("utf-8")))
                self._math = (renderer, image.width, image.height)
        self._rich = None
        self._rich_images = {}
        if not self._editing and source is None and _MIXED_MATH.search(self.model.text):
            self._rich = self._mixed_document()
        self.setToolTip(self.math_error)
        self.update()

    def _mixed_document(self) -> QTextDocument | None:
        color = qcolor(self.model.color, self._theme)
        x_height = float(QFontMetrics(self.font()).xHeight())
        markup, images = mixed_text_html(self.model.text, color.name(), self.model.size, x_height)
        if not images:
            return None
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(self.document().documentMargin())
        for key, image in images.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(f"mlmath:{key}"),
                            svg_to_image(image, MATH_IMAGE_RATIO))
        self._rich_images = images
        MathBaselineHandler(doc, self._rich_images.get)
        doc.setHtml(markup)
        doc.setTextWidth(doc.idealWidth() + 2 * doc.documentMargin())
        return doc

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's API)
        if self._math is not None:
            return QRectF(0, 0, self._math[1] + 6, self._math[2] + 6)
        if self._rich is not None:
            size = self._rich.size()
            return QRectF(0, 0, size.width(), size.height())
        return super().boundingRect()

    def shape(self) -> QPainterPath:
        if self._math is not None or self._rich is not None:
            path = QPainterPath()
            path.addRect(self.boundingRect())
            return path
        return super().shape()

    def paint(self, painter, option, widget=None) -> None:
        if self._rich is not None:
            context = QAbstractTextDocumentLayout.PaintContext()
            context.palette.setColor(QPalette.ColorRole.Text, qcolor(self.model.color, self._theme))
            painter.save()
            self._rich.documentLayout().draw(painter, context)
            painter.restore()
        elif self._math is None:
            super().paint(painter, option, widget)
            return
        else:
            renderer, w, h = self._math
            renderer.render(painter, QRectF(3, 3, w, h))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.save()
            painter.setPen(QPen(self._theme.accent, 0, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5))
            painter.restore()

    def _on_document_changed(self) -> None:
        scene = self.scene()
        if scene is not None and self.model is not None:
            scene.graphic_moved(self)


def graphic_class(model: BoardItem) -> type[QGraphicsItem]:
    """The graphic class that shows ``model``."""
    if isinstance(model, Stroke):
        return StrokeGraphic
    if isinstance(model, Shape):
        return EllipseGraphic if model.kind == "ellipse" else RectGraphic
    if isinstance(model, Connector):
        return ConnectorGraphic
    if isinstance(model, Text):
        return TextGraphic
    raise TypeError(f"no graphic for {model!r}")


def make_graphic(model: BoardItem, theme: CanvasTheme) -> QGraphicsItem:
    return graphic_class(model)(model, theme)
