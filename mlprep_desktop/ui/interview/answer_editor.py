"""``AnswerEditor``: a plain-text Markdown editor, highlighted by Pygments, that reports focus loss."""
from __future__ import annotations

from pygments.token import Token
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from mlprep_desktop.ui.theme import is_dark

_IN_FENCE = 1


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours Markdown line by line with Pygments' lexer; fenced code blocks span lines."""

    def __init__(self, document: QTextDocument, dark: bool) -> None:
        super().__init__(document)
        from pygments.lexers.markup import MarkdownLexer  # not at import: off the start path

        self._lexer = MarkdownLexer(stripnl=False, ensurenl=False)
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        from pygments.styles import get_style_by_name

        style = get_style_by_name("monokai" if dark else "friendly")
        self._formats: dict = {}
        for token, spec in style:
            if not (spec["color"] or spec["bold"] or spec["italic"]):
                continue
            fmt = QTextCharFormat()
            if spec["color"]:
                fmt.setForeground(QColor(f"#{spec['color']}"))
            if spec["bold"]:
                fmt.setFontWeight(QFont.Weight.Bold)
            if spec["italic"]:
                fmt.setFontItalic(True)
            self._formats[token] = fmt
        self._code = QTextCharFormat(self._format_for(Token.Literal.String.Backtick))
        self._code.setFontFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
        self.rehighlight()

    def _format_for(self, token) -> QTextCharFormat:
        while token is not None:
            fmt = self._formats.get(token)
            if fmt is not None:
                return fmt
            token = token.parent
        return QTextCharFormat()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's API)
        fence = text.lstrip().startswith(("```", "~~~"))
        in_fence = self.previousBlockState() == _IN_FENCE
        if in_fence or fence:
            self.setFormat(0, len(text), self._code)
            self.setCurrentBlockState(_IN_FENCE if in_fence != fence else 0)
            return
        self.setCurrentBlockState(0)
        for index, token, value in self._lexer.get_tokens_unprocessed(text + "\n"):
            if index >= len(text):
                break
            if token is Token.Text or token is Token.Text.Whitespace:
                continue
            self.setFormat(index, min(len(value), len(text) - index), self._format_for(token))


class AnswerEditor(QPlainTextEdit):
    """Says when it loses focus, so the answer is flushed; follows the palette (light/dark)."""

    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(False)
        self._highlighter: MarkdownHighlighter | None = None  # made when first shown (Pygments' lexers: ~4 MB)

    @property
    def highlighter(self) -> MarkdownHighlighter:
        """Markdown colours; made on first use or first show (an editor never shown needs none)."""
        if self._highlighter is None:
            self._highlighter = MarkdownHighlighter(self.document(), is_dark(self.palette()))
        return self._highlighter

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        self.highlighter  # noqa: B018 (coloured from the first paint)
        super().showEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        palette_changed = event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if palette_changed and self._highlighter is not None:
            self._highlighter.set_dark(is_dark(self.palette()))
