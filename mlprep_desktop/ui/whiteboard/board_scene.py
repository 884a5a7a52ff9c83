"""``BoardScene``: the items of one board as graphics, and the scene's JSON.

Contract:
- The scene is the one place that turns models into graphics: ``load`` (a whole board) and
  ``apply_states`` (a set of items to a given state, ``None`` meaning absent) are how
  everything changes it; commands in ``board_commands`` call ``apply_states`` for undo/redo.
- Graphics that are not registered (previews, the item being typed, selection handles) are
  never saved. ``to_json()`` writes only registered items plus items of unknown kinds;
  ``stored()`` gives that JSON with its packed form (``core.board_packed``), made from the
  same items, for storage to keep beside it.
- Attached connector ends follow their shapes: whenever a shape or text moves or changes,
  the connectors attached to it are re-routed (``core.board_geometry.route_connector``).

Index: ``NoIndex``, chosen by measurement (``tests/benchmarks/bench_whiteboard.py
--compare-index``). On a 5,000-stroke board a linear scan of bounding boxes in C++ answers
"what is under the eraser / the click / the viewport" in under a millisecond (the BSP tree:
about 0.3 ms), and painting, panning and zooming cost the same with either index, because
the time goes into rasterising strokes. Without a tree, adding, moving and erasing items
never re-balance anything: dragging 1,000 selected strokes costs ~45 ms a frame instead of
~55 ms (p95 ~50 ms against 80-100 ms). Painting speed comes from elsewhere: strokes are
simplified when drawn, their paths are built once and cached, and they paint in C++ (see
``board_items``).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from mlprep_desktop.core.board_geometry import route_connector, snap
from mlprep_desktop.core.board_model import (
    BoardFormatError,
    BoardItem,
    Connector,
    RawItem,
    Stroke,
    item_to_dict,
    join_scene_json,
)
from mlprep_desktop.core.board_packed import pack_item, pack_scene
from mlprep_desktop.ui.whiteboard.board_items import StrokeGraphic, TextGraphic, graphic_class, make_graphic
from mlprep_desktop.ui.whiteboard.board_theme import CanvasTheme

GRID = 20.0
WARM_BATCH = 150  # items serialised (JSON and packed form) per idle tick after a board opens (~9-12 ms)


class BoardScene(QGraphicsScene):
    theme_changed = Signal()
    text_edit_finished = Signal(object)  # a TextGraphic whose in-place edit ended

    def __init__(self, theme: CanvasTheme | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.theme = theme or CanvasTheme.light()
        self.grid_enabled = False
        self._dragging = False  # snap positions only while the user drags items
        self._graphics: dict[str, QGraphicsItem] = {}
        self._raw: dict[str, RawItem] = {}
        self._connectors: set[str] = set()
        # item id -> (model, its JSON fragment, its packed piece or None): reused while the model is
        self._json_cache: dict[str, tuple[BoardItem, str, bytes | None]] = {}
        self._rerouting = False
        self._z_range: tuple[float, float] | None = None
        # The union of the strokes' bounds, gathered while a board made only of strokes loads:
        # the fit that follows the open reads it instead of asking every graphic again. Kept
        # only until control returns to the event loop or the board changes through this scene.
        self._loaded_rect: QRectF | None = None
        self._warm_queue: list[str] = []
        self._warm_timer = QTimer(self)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._on_warm_timer_timeout)
        # No background brush: the view paints the paper (and the grid), every picture fills
        # its own paper first, and list thumbnails are drawn on a transparent background.

    # ----- contents
    def load(self, items: Iterable[BoardItem], *, warm_json: bool = True) -> None:
        """Replace everything with ``items`` (a board being opened). ``warm_json``: serialise
        the items for autosave in idle moments afterwards (not for a one-off picture)."""
        self.clearSelection()
        for graphic in list(self._graphics.values()):
            self.removeItem(graphic)
        self._graphics.clear()
        self._raw.clear()
        self._connectors.clear()
        self._json_cache.clear()
        self._z_range = None
        self._loaded_rect = None
        graphics, theme, add = self._graphics, self.theme, self.addItem
        rect: QRectF | None = QRectF()
        for model in items:
            if type(model) is Stroke and model.id not in graphics:  # the bulk of a big board
                graphic = StrokeGraphic(model, theme)
                add(graphic)
                graphics[model.id] = graphic
                if rect is not None:  # the graphic's sceneBoundingRect(), without asking it
                    rect = rect.united(graphic.bounds_at(model.x, model.y))
            else:
                rect = None
                self._put(model)
        self.reroute(list(self._graphics))
        if rect is not None and graphics:
            self._loaded_rect = rect
            QTimer.singleShot(0, self, self._forget_loaded_rect)
        # Serialise the items in idle moments now, so the first autosave of a big board is quick.
        self._warm_queue = list(self._graphics) if warm_json else []
        if self._warm_queue:
            self._warm_timer.start()
        else:
            self._warm_timer.stop()

    def apply_states(self, states: dict[str, BoardItem | None]) -> None:
        """Bring each listed item to its state (``None``: remove it); re-route connectors."""
        for item_id, model in states.items():
            self._put(model, item_id)
        self.reroute(list(states))

    def register(self, graphic: QGraphicsItem) -> None:
        """Make a graphic already in the scene (the text just typed) part of the board."""
        self._loaded_rect = None
        if graphic.scene() is not self:
            self.addItem(graphic)
        self._graphics[graphic.model.id] = graphic
        self._z_range = None

    def _put(self, model: BoardItem | None, item_id: str | None = None) -> None:
        item_id = item_id if item_id is not None else model.id
        self._z_range = None
        self._loaded_rect = None
        current = self._graphics.get(item_id)
        if model is None:
            self._raw.pop(item_id, None)
            self._connectors.discard(item_id)
            self._json_cache.pop(item_id, None)
            if current is not None:
                del self._graphics[item_id]
                current.setSelected(False)
                self.removeItem(current)
            return
        if isinstance(model, RawItem):
            self._raw[item_id] = model
            return
        if current is not None and type(current) is graphic_class(model):
            current.apply_model(model, self.theme)
        else:
            if current is not None:
                self.removeItem(current)
            graphic = make_graphic(model, self.theme)
            self.addItem(graphic)
            self._graphics[item_id] = graphic
            if isinstance(graphic, TextGraphic):
                self.watch_text(graphic)
        if isinstance(model, Connector):
            self._connectors.add(item_id)
        else:
            self._connectors.discard(item_id)

    def watch_text(self, graphic: TextGraphic) -> None:
        graphic.editing_finished.connect(self.text_edit_finished)

    def graphic(self, item_id: str) -> QGraphicsItem | None:
        return self._graphics.get(item_id)

    def graphics(self) -> list[QGraphicsItem]:
        return list(self._graphics.values())

    def is_board_graphic(self, item: QGraphicsItem | None) -> bool:
        model = getattr(item, "model", None)
        return model is not None and self._graphics.get(model.id) is item

    def models(self) -> list[BoardItem]:
        """Every item of the board, in z order (as saved)."""
        items: list[BoardItem] = [g.current_model() for g in self._graphics.values()]
        items.extend(self._raw.values())
        items.sort(key=lambda m: m.z)
        return items

    def model(self, item_id: str) -> BoardItem | None:
        graphic = self._graphics.get(item_id)
        return graphic.current_model() if graphic is not None else self._raw.get(item_id)

    def to_json(self) -> str:
        """The scene as stored. Items whose model did not change reuse their cached JSON."""
        return self.stored()[0]

    def stored(self) -> tuple[str, bytes | None]:
        """The scene's JSON and its packed form, made from the same items (the packed form is
        None when some item's JSON would not read back, or ids repeat: the JSON reader then
        decides). Items whose model did not change reuse both from the cache."""
        fragments: list[str] = []
        pieces: list[bytes | None] = []
        models = self.models()
        for model in models:
            _, fragment, piece = self._stored_item(model)
            fragments.append(fragment)
            pieces.append(piece)
        packed = None
        if models and None not in pieces and len({m.id for m in models}) == len(models):
            packed = pack_scene(pieces)  # type: ignore[arg-type]  (no None in it)
        return join_scene_json(fragments), packed

    def stored_of(self, items: Iterable[BoardItem]) -> tuple[str, bytes | None]:
        """``stored()`` of a board of ``items`` (what saving it would write), leaving this
        scene showing them."""
        self.load(items, warm_json=False)
        return self.stored()

    def _stored_item(self, model: BoardItem) -> tuple[BoardItem, str, bytes | None]:
        cached = self._json_cache.get(model.id)
        if cached is None or cached[0] is not model:
            raw = item_to_dict(model)
            fragment = json.dumps(raw, separators=(",", ":"), ensure_ascii=False)  # item_to_json
            try:
                piece: bytes | None = pack_item(raw, fragment)
            except BoardFormatError:
                piece = None
            cached = self._json_cache[model.id] = (model, fragment, piece)
        return cached

    def _on_warm_timer_timeout(self) -> None:
        for _ in range(WARM_BATCH):
            if not self._warm_queue:
                self._warm_timer.stop()
                return
            graphic = self._graphics.get(self._warm_queue.pop())
            if graphic is not None:
                self._stored_item(graphic.current_model())

    def item_count(self) -> int:
        return len(self._graphics) + len(self._raw)

    def z_range(self) -> tuple[float, float]:
        """Lowest and highest z on the board (cached until the board changes: the drawing
        tools ask on every mouse move)."""
        if self._z_range is None:
            zs = [g.zValue() for g in self._graphics.values()] + [r.z for r in self._raw.values()]
            self._z_range = (min(zs), max(zs)) if zs else (0.0, 0.0)
        return self._z_range

    def connectors(self) -> list[Connector]:
        return [self._graphics[c].current_model() for c in self._connectors if c in self._graphics]

    def content_rect(self) -> QRectF:
        """The union of the board's graphics in scene coordinates (their sceneBoundingRect)."""
        if self._loaded_rect is not None:
            return QRectF(self._loaded_rect)
        rect = QRectF()
        for graphic in self._graphics.values():
            rect = rect.united(graphic.sceneBoundingRect())
        return rect

    def selected_graphics(self) -> list[QGraphicsItem]:
        return [g for g in self.selectedItems() if self.is_board_graphic(g)]

    # ----- attachments
    def attach_target_at(self, pos: QPointF, exclude: Iterable[str] = ()) -> QGraphicsItem | None:
        """The topmost shape or text under ``pos`` an arrow end may attach to."""
        skip = set(exclude)
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape,
                               Qt.SortOrder.DescendingOrder, QTransform()):
            if self.is_board_graphic(item) and hasattr(item, "attach_kind") and item.model.id not in skip:
                return item
        return None

    def routed(self, connector: Connector) -> Connector:
        """``connector`` with its attached ends placed on their shapes (missing shapes free the end)."""
        start = self._attach_box(connector.start)
        end = self._attach_box(connector.end)
        if connector.start and start is None:
            connector = replace(connector, start=None)
        if connector.end and end is None:
            connector = replace(connector, end=None)
        if start is None and end is None:
            return connector
        return route_connector(connector, start, end)

    def _attach_box(self, item_id: str | None):
        graphic = self._graphics.get(item_id) if item_id else None
        if graphic is None or not hasattr(graphic, "attach_kind"):
            return None
        r = graphic.model_rect()
        return (graphic.attach_kind, (r.x(), r.y(), r.width(), r.height()))

    def reroute(self, changed: Iterable[str]) -> None:
        """Re-route every connector attached to one of ``changed`` (or itself in ``changed``)."""
        if self._rerouting or not self._connectors:
            return
        changed = set(changed)
        self._rerouting = True
        try:
            for cid in list(self._connectors):
                graphic = self._graphics.get(cid)
                if graphic is None:
                    continue
                model = graphic.current_model()
                if cid in changed or model.start in changed or model.end in changed:
                    routed = self.routed(model)
                    if routed != model:
                        graphic.apply_model(routed, self.theme)
        finally:
            self._rerouting = False

    def graphic_moved(self, graphic: QGraphicsItem) -> None:
        """Called by shapes and text when they move or change size (see ``board_items``)."""
        if self.is_board_graphic(graphic):
            self.reroute([graphic.model.id])

    # ----- grid and dragging
    def set_dragging(self, dragging: bool) -> None:
        """While the user drags items with the select tool, their positions snap to the grid."""
        self._dragging = dragging

    def snapped_drag_position(self, pos: QPointF) -> QPointF:
        if self._dragging and self.grid_enabled:
            return QPointF(snap(pos.x(), GRID), snap(pos.y(), GRID))
        return pos

    def snap_point(self, pos: QPointF) -> QPointF:
        if self.grid_enabled:
            return QPointF(snap(pos.x(), GRID), snap(pos.y(), GRID))
        return pos

    # ----- theme
    def _forget_loaded_rect(self) -> None:
        self._loaded_rect = None

    def set_theme(self, theme: CanvasTheme) -> None:
        if theme == self.theme:
            return
        self._loaded_rect = None
        self.theme = theme
        for graphic in self._graphics.values():
            graphic.set_theme(theme)
        for item in self.items():
            if not self.is_board_graphic(item) and hasattr(item, "set_theme") and getattr(item, "model", None):
                item.set_theme(theme)
        self.theme_changed.emit()

    def editing_text(self) -> TextGraphic | None:
        item = self.focusItem()
        return item if isinstance(item, TextGraphic) and item.editing else None
