"""``PythonHighlighter``: Python colours for a QTextDocument, from a Pygments style.

Each line is lexed on its own; a block state remembers an open triple-quoted string so
docstrings spanning lines stay coloured as strings."""
from __future__ import annotations

from pygments.token import String, Token
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

_OPEN = {'"""': 1, "'''": 2}


class PythonHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        from pygments.lexers.python import PythonLexer  # not at import: off the start path

        self._lexer = PythonLexer(stripnl=False, ensurenl=False)
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        from pygments.styles import get_style_by_name

        self._style = get_style_by_name("monokai" if dark else "friendly")
        self._formats: dict[object, QTextCharFormat | None] = {}
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's API)
        start = 0
        previous = self.previousBlockState()
        if previous in (1, 2):  # inside a triple-quoted string from an earlier line
            quote = '"""' if previous == 1 else "'''"
            end = text.find(quote)
            if end < 0:
                self.setFormat(0, len(text), self._format(String.Doc))
                self.setCurrentBlockState(previous)
                return
            start = end + 3
            self.setFormat(0, start, self._format(String.Doc))
        self.setCurrentBlockState(0)
        rest = text[start:]
        for index, token_type, value in self._lexer.get_tokens_unprocessed(rest):
            fmt = self._format(token_type)
            if fmt is not None:
                self.setFormat(start + index, len(value), fmt)
        for quote, state in _OPEN.items():  # a triple quote opened and not closed on this line
            if rest.count(quote) % 2 == 1:
                self.setCurrentBlockState(state)
                self.setFormat(start + rest.rfind(quote), len(rest) - rest.rfind(quote), self._format(String.Doc))

    def _format(self, token_type) -> QTextCharFormat | None:
        if token_type not in self._formats:
            style = self._style.style_for_token(token_type) if token_type is not Token.Text else {}
            fmt = None
            if style.get("color") or style.get("bold") or style.get("italic"):
                fmt = QTextCharFormat()
                if style.get("color"):
                    fmt.setForeground(QColor("#" + style["color"]))
                if style.get("bold"):
                    fmt.setFontWeight(QFont.Weight.Bold)
                if style.get("italic"):
                    fmt.setFontItalic(True)
            self._formats[token_type] = fmt
        return self._formats[token_type]
