"""Apply an ``Appearance`` (theme, font size, editor font) to the running application, live.

The theme is the application palette (``system`` gives the platform's back); the font size is
the application font; the editor font is a per-class application font for the editors named in
``EDITOR_CLASSES`` (Qt re-resolves every existing and new widget of those classes, so nothing
has to be restarted). Tabs already re-render their HTML on ``ApplicationPaletteChange``.
What was applied is kept as properties of the QApplication (one per process, like the
palette itself), so each window applies only what changed.
"""
from __future__ import annotations

import json
from dataclasses import asdict

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from mlprep_desktop.services.appearance import Appearance
from mlprep_desktop.ui.theme import is_dark

EDITOR_CLASSES = ("CodeEditor", "NoteEditor")  # the fixed-width editors the editor font is for
EDITOR_MIN_POINTS = 10.5
_APPLIED = "mlprepAppearance"  # QApplication property: the JSON of the appearance applied
_SYSTEM_FONT = "mlprepSystemFont"  # QApplication property: the font before any was applied


def default_editor_font() -> QFont:
    """The system's fixed-width font, at least 10.5 pt."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), EDITOR_MIN_POINTS))
    return font


def editor_font(appearance: Appearance) -> QFont:
    font = default_editor_font()
    if appearance.editor_family:
        font.setFamily(appearance.editor_family)
        font.setFixedPitch(True)
    if appearance.editor_size:
        font.setPointSize(appearance.editor_size)
    return font


def dark_palette() -> QPalette:
    """A dark palette with readable contrast for every role the app uses."""
    p = QPalette()
    window, base, text = QColor("#2b2b2b"), QColor("#1e1e1e"), QColor("#e6e6e6")
    disabled = QColor("#7f7f7f")
    for role, color in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor("#262626")),
        (QPalette.ColorRole.ToolTipBase, QColor("#3a3a3a")), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#9a9a9a")), (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#353535")), (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#ff6b6b")), (QPalette.ColorRole.Light, QColor("#505050")),
        (QPalette.ColorRole.Midlight, QColor("#404040")), (QPalette.ColorRole.Mid, QColor("#303030")),
        (QPalette.ColorRole.Dark, QColor("#191919")), (QPalette.ColorRole.Shadow, QColor("#000000")),
        (QPalette.ColorRole.Highlight, QColor("#3d7cc9")), (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
        (QPalette.ColorRole.Link, QColor("#6cb4ff")), (QPalette.ColorRole.LinkVisited, QColor("#c79bff")),
    ):
        p.setColor(role, color)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def light_palette() -> QPalette:
    app = QApplication.instance()
    return app.style().standardPalette() if isinstance(app, QApplication) else QPalette()


def apply_appearance(appearance: Appearance) -> bool:
    """Make the application look as ``appearance`` says; does nothing already done (the
    default appearance before anything was applied leaves the platform's look untouched).
    True if the palette changed: the caller re-renders what it drew from the old one (each
    widget hears of the change in turn, so a tab may hear before its own text view)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    palette_changed = False
    applied = app.property(_APPLIED)
    before = Appearance.from_json(json.loads(applied)) if isinstance(applied, str) else Appearance()
    if app.property(_SYSTEM_FONT) is None:
        app.setProperty(_SYSTEM_FONT, QFont(QApplication.font()))
    if applied is None or appearance.theme != before.theme:
        if appearance.theme == "dark":
            QApplication.setPalette(dark_palette())
        elif appearance.theme == "light":
            QApplication.setPalette(light_palette())
        elif applied is not None:
            QApplication.setPalette(QPalette())  # an empty palette: the platform's again
        palette_changed = appearance.theme != "system" or applied is not None
    use_indicator_contrast(app)  # unticked boxes stay visible on a dark palette (the system's too)
    app_font_set = appearance.font_size != before.font_size
    if app_font_set:
        font = QFont(app.property(_SYSTEM_FONT))
        if appearance.font_size:
            font.setPointSize(appearance.font_size)
        QApplication.setFont(font)  # this also forgets every class's font: the editors' are set again
    if applied is None or app_font_set or (appearance.editor_family, appearance.editor_size) != (
            before.editor_family, before.editor_size):
        _set_editor_fonts(appearance)
    app.setProperty(_APPLIED, json.dumps(asdict(appearance)))
    return palette_changed


def use_indicator_contrast(app: QApplication) -> None:
    """On a dark palette, wrap the application's style in ``IndicatorContrastStyle`` once, if
    it is Fusion (the style Qt uses where the platform offers none, and the one a dark palette
    is drawn with). Called again whenever the palette changes. On a light palette the wrapper
    changes nothing, so it is not made there: every primitive Qt draws would pass through
    Python, and its module (QStyle and its options' types) is not imported at start (issue 16)."""
    if not is_dark(app.palette()):
        return
    if not app.topLevelWidgets():
        _wrap_style(app)
    else:
        # The palette turned dark while the app runs: Qt deletes the old style when it sets the
        # new one, so that happens on the next turn of the event loop, not inside the event
        # (a combo box's change) that may still be using it.
        QTimer.singleShot(0, app, lambda: _wrap_style(app))


def _wrap_style(app: QApplication) -> None:
    from mlprep_desktop.ui.indicator_contrast import IndicatorContrastStyle

    style = app.style()
    if not is_dark(app.palette()) or isinstance(style, IndicatorContrastStyle) or style.name().lower() != "fusion":
        return
    app.setStyle(IndicatorContrastStyle("fusion"))
    applied = app.property(_APPLIED)
    if isinstance(applied, str):  # setting a style forgets every class's font: the editors' again
        _set_editor_fonts(Appearance.from_json(json.loads(applied)))


def _set_editor_fonts(appearance: Appearance) -> None:
    """The editor font as the class font of each editor class (new editors take it)."""
    font = editor_font(appearance)
    for class_name in EDITOR_CLASSES:
        QApplication.setFont(font, class_name)


def use_editor_font(editor: QWidget) -> None:
    """Called at the end of an editor's ``__init__``: take the editor font (the class font
    cannot reach a Python subclass while its C++ part is being built)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.property(_APPLIED) is None:
        apply_appearance(Appearance())  # the defaults: the system's fixed-width font
    QApplication.sendEvent(editor, QEvent(QEvent.Type.ApplicationFontChange))
