"""``BoardToolBar``: the two rows above the canvas.

Row 1: the tools, undo/redo, zoom (out, level, in, fit), grid and the export menu.
Row 2: the style of the current tool: eight colours plus a custom one, three stroke widths,
fill for closed shapes and the text size. Choosing a style also restyles the selection
(the tab decides; this widget only reports what was chosen).

Focus: a click on the toolbar never takes the keyboard from the canvas (buttons take no
focus, the two lists only by Tab), so single-key tool shortcuts keep working after it;
``choice_finished`` tells the tab when the custom colour dialog has closed, so it can give
the keyboard back to the canvas.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop.core.board_model import INK
from mlprep_desktop.ui.whiteboard.board_actions import TOOLS, BoardActions
from mlprep_desktop.ui.whiteboard.board_styles import ToolStyle
from mlprep_desktop.ui.whiteboard.board_theme import PALETTE, CanvasTheme, qcolor
from mlprep_desktop.ui.whiteboard.tool_icons import swatch_icon, tool_icon, width_icon

WIDTHS: tuple[tuple[float, str], ...] = ((2.0, "Thin"), (3.5, "Medium"), (7.0, "Bold"))
TEXT_SIZES: tuple[tuple[float, str], ...] = ((16, "Small"), (22, "Medium"), (32, "Large"), (48, "Huge"))
FILLS: tuple[tuple[str, str], ...] = (("none", "No fill"), ("tint", "Light fill"), ("solid", "Solid fill"))
_STROKED = {"select", "pen", "highlighter", "line", "arrow", "rect", "ellipse"}
_FILLED = {"select", "rect", "ellipse"}
_TEXT = {"select", "text"}


class BoardToolBar(QWidget):
    color_chosen = Signal(str)
    width_chosen = Signal(float)
    fill_chosen = Signal(str)
    text_size_chosen = Signal(float)
    choice_finished = Signal()  # the custom colour dialog closed (a colour chosen or not)

    def __init__(self, actions: BoardActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self._custom = "#0c8599"
        self._theme = CanvasTheme.from_palette(self.palette())
        self._shown: tuple[ToolStyle, str] = (ToolStyle(), "select")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.tools_bar = QToolBar(self.tr("Tools"), self)
        self.tools_bar.setObjectName("whiteboardTools")
        self.tools_bar.setIconSize(QSize(22, 22))
        self.style_bar = QToolBar(self.tr("Style"), self)
        self.style_bar.setObjectName("whiteboardStyle")
        self.style_bar.setIconSize(QSize(22, 22))
        layout.addWidget(self.tools_bar)
        layout.addWidget(self.style_bar)
        self._build_tools_row()
        self._build_style_row()
        self.refresh_icons(CanvasTheme.from_palette(self.palette()))

    # ----- construction
    def _build_tools_row(self) -> None:
        bar, acts = self.tools_bar, self._actions
        for spec in TOOLS:
            action = acts.tools[spec.name]
            bar.addAction(action)
            button = bar.widgetForAction(action)
            button.setObjectName(spec.object_name)
            button.setAccessibleName(self.tr(spec.label))
        bar.addSeparator()
        for action, name in ((acts.undo, "undoButton"), (acts.redo, "redoButton")):
            bar.addAction(action)
            bar.widgetForAction(action).setObjectName(name)
        bar.addSeparator()
        bar.addAction(acts.zoom_out)
        self.zoom_label = QToolButton(self)
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setAccessibleName(self.tr("Zoom level"))
        self.zoom_label.setToolTip(self.tr("Zoom level. Click for 100 % (Ctrl+0); Ctrl+wheel or pinch to zoom"))
        self.zoom_label.setAutoRaise(True)
        self.zoom_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("8888 %") + 12)
        self.zoom_label.clicked.connect(acts.zoom_reset.trigger)
        bar.addWidget(self.zoom_label)
        bar.addAction(acts.zoom_in)
        bar.addAction(acts.fit)
        bar.widgetForAction(acts.fit).setObjectName("fitButton")
        bar.addAction(acts.grid)
        bar.widgetForAction(acts.grid).setObjectName("gridButton")
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setAccessibleName(self.tr("Export"))
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTip(self.tr("Export the board as PNG (1× or 2×) or SVG, or copy it as an image"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(self.export_button)
        for action in (acts.export_png, acts.export_png2x, acts.export_svg, acts.copy_image):
            menu.addAction(action)
        self.export_button.setMenu(menu)
        bar.addWidget(self.export_button)

    def _build_style_row(self) -> None:
        bar = self.style_bar
        self.colors = QButtonGroup(self)
        self.colors.setExclusive(True)
        self.color_buttons: list[QToolButton] = []
        for index, (value, label) in enumerate(PALETTE):
            button = self._tool_button(f"color{index}", self.tr(label), self.tr(f"{label} (colour)"))
            button.setCheckable(True)
            button.setProperty("color", value)
            button.clicked.connect(lambda _=False, v=value: self.color_chosen.emit(v))
            self.colors.addButton(button)
            self.color_buttons.append(button)
            bar.addWidget(button)
        self.custom_color = self._tool_button("colorCustom", self.tr("Custom colour"),
                                              self.tr("Pick any colour…"))
        self.custom_color.setCheckable(True)
        self.custom_color.clicked.connect(self._on_custom_color_clicked)
        self.colors.addButton(self.custom_color)
        bar.addWidget(self.custom_color)
        bar.addSeparator()
        self.widths = QButtonGroup(self)
        self.widths.setExclusive(True)
        self.width_buttons: list[QToolButton] = []
        for index, (width, label) in enumerate(WIDTHS, start=1):
            button = self._tool_button(f"width{index}", self.tr(f"{label} stroke"), self.tr(f"{label} stroke"))
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, w=width: self.width_chosen.emit(w))
            self.widths.addButton(button)
            self.width_buttons.append(button)
            bar.addWidget(button)
        bar.addSeparator()
        self.fill_label = QLabel(self.tr(" Fill "), self)
        bar.addWidget(self.fill_label)
        self.fill = QComboBox(self)
        self.fill.setObjectName("fillMode")
        self.fill.setAccessibleName(self.tr("Fill for rectangles and ellipses"))
        self.fill.setToolTip(self.tr("Fill for rectangles and ellipses"))
        for value, label in FILLS:
            self.fill.addItem(self.tr(label), value)
        self.fill.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keyboard on the canvas
        self.fill.activated.connect(lambda i: self.fill_chosen.emit(self.fill.itemData(i)))
        self.fill_label.setBuddy(self.fill)
        bar.addWidget(self.fill)
        bar.addSeparator()
        self.size_label = QLabel(self.tr(" Text "), self)
        bar.addWidget(self.size_label)
        self.text_size = QComboBox(self)
        self.text_size.setObjectName("textSize")
        self.text_size.setAccessibleName(self.tr("Text size"))
        self.text_size.setToolTip(self.tr("Size of new text (and of selected text)"))
        for size, label in TEXT_SIZES:
            self.text_size.addItem(self.tr(label), size)
        self.text_size.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.text_size.activated.connect(lambda i: self.text_size_chosen.emit(float(self.text_size.itemData(i))))
        self.size_label.setBuddy(self.text_size)
        bar.addWidget(self.text_size)

    def _tool_button(self, name: str, accessible: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setIconSize(QSize(22, 22))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    # ----- state
    def show_style(self, style: ToolStyle, tool: str) -> None:
        """Show ``style`` (the current tool's) without emitting anything."""
        self._shown = (style, tool)
        match = next((b for b in self.color_buttons if b.property("color") == style.color), None)
        if match is None:
            self._custom = style.color if style.color != INK else self._custom
            self._paint_custom()
            match = self.custom_color
        match.setChecked(True)
        nearest = min(range(len(WIDTHS)), key=lambda i: abs(WIDTHS[i][0] - style.width))
        self.width_buttons[nearest].setChecked(True)
        self.fill.setCurrentIndex(max(0, self.fill.findData(style.fill)))
        size_index = min(range(len(TEXT_SIZES)), key=lambda i: abs(TEXT_SIZES[i][0] - style.text_size))
        self.text_size.setCurrentIndex(size_index)
        for button in self.width_buttons:
            button.setEnabled(tool in _STROKED)
        self.fill.setEnabled(tool in _FILLED)
        self.text_size.setEnabled(tool in _TEXT)

    def set_zoom(self, level: float) -> None:
        self.zoom_label.setText(f"{round(level * 100)} %")

    def refresh_icons(self, theme: CanvasTheme) -> None:
        text = self.palette().color(QPalette.ColorRole.ButtonText)
        for spec in TOOLS:
            self._actions.tools[spec.name].setIcon(tool_icon(spec.name, text))
        for action, name in ((self._actions.undo, "undo"), (self._actions.redo, "redo"),
                             (self._actions.fit, "fit"), (self._actions.grid, "grid")):
            action.setIcon(tool_icon(name, text))
        self._actions.zoom_in.setText("+")
        self._actions.zoom_out.setText("−")
        self.export_button.setIcon(tool_icon("export", text))
        border = QColor(text)
        border.setAlpha(140)
        for button in self.color_buttons:
            button.setIcon(swatch_icon(qcolor(button.property("color"), theme), border))
        for button, (width, _) in zip(self.width_buttons, WIDTHS):
            button.setIcon(width_icon(width, text))
        self._theme = theme
        self._paint_custom()

    def _paint_custom(self) -> None:
        text = self.palette().color(QPalette.ColorRole.ButtonText)
        self.custom_color.setIcon(swatch_icon(qcolor(self._custom, self._theme), text))

    def _on_custom_color_clicked(self) -> None:
        chosen = QColorDialog.getColor(qcolor(self._custom, self._theme), self, self.tr("Custom colour"))
        if chosen.isValid():
            self._custom = chosen.name()
            self._paint_custom()
            self.color_chosen.emit(self._custom)
        else:
            self.show_style(*self._shown)
        self.choice_finished.emit()
