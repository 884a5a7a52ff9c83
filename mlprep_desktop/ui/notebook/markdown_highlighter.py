"""``NoteHighlighter``: Markdown in the note editor, and the code in fenced blocks highlighted
with Pygments by the block's language (line by line, one lexer per language).

Block states: ``NORMAL``, ``MATH`` (inside a ``$$`` block) or a fence state that encodes the
fence's language and character, so each line knows whether it is code and in which language.

Lazy mode (for long notes): only blocks near the editor's viewport get their formats; the
others only get their state, which is cheap. ``format_visible()`` formats what has scrolled
into view. So a 1 MB note opens quickly and typing rehighlights one line.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.token import Token
from pygments.util import ClassNotFound
from PySide6.QtCore import SIGNAL, SLOT, QObject
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from mlprep_desktop.rendering.math_svg import INLINE_MATH
from mlprep_desktop.ui.notebook.markdown_spans import code_spans, em_spans, link_spans, strong_spans

NORMAL = -1  # Qt's state for a block not highlighted yet (and before the first block)
MATH = 1
FENCE_BASE = 2
LAZY_MARGIN_BLOCKS = 120
# Work per line is bounded: inline Markdown (bold, links, math …) is found in the first
# MAX_INLINE_CHARS of a line and code is lexed in the first MAX_CODE_CHARS; the rest of a longer
# line keeps a plain format. Bold, italic, links and code spans are found in linear time
# (markdown_spans: the regular expressions used before were quadratic, 175 ms for 2,000
# backticks); at this size the worst line costs ~5 ms a keystroke (~10 ms at 10,000).
MAX_INLINE_CHARS = 5_000
MAX_CODE_CHARS = 10_000

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_QUOTE = re.compile(r"^\s*>")
_LIST = re.compile(r"^\s*([-*+]|\d+[.)])\s+(\[[ xX]\]\s)?")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_WIKI = re.compile(r"!?\[\[[^\[\]\n]+\]\]")
_MATH = re.compile(r"\$\$.+?\$\$|" + INLINE_MATH.pattern)
_PIPE = re.compile(r"\|")
# QSyntaxHighlighter's own connection to its document (see NoteHighlighter.detached)
_CONTENTS_CHANGE = "contentsChange(int,int,int)"
_REFORMAT = "_q_reformatBlocks(int,int,int)"


def _finder(pattern: re.Pattern) -> Callable[[str], Iterable[tuple[int, int]]]:
    return lambda text: (m.span() for m in pattern.finditer(text))


# In this order (a later format wins where spans overlap); each gives (start, end) pairs.
_INLINE: list[tuple[str, Callable[[str], Iterable[tuple[int, int]]]]] = [
    ("strong", strong_spans),
    ("em", em_spans),
    ("link", link_spans),
    ("wiki", _finder(_WIKI)),
    ("math", _finder(_MATH)),
    ("pipe", _finder(_PIPE)),
    ("code", code_spans),
]
_PALETTES = {
    False: {"heading": "#1f4e9c", "link": "#0b62b8", "wiki": "#7a3fb0", "code": "#a33a2c", "code_bg": "#ececec",
            "math": "#00736b", "muted": "#7a7a7a", "marker": "#b8501f", "fence": "#6a6a6a"},
    True: {"heading": "#8ab4f8", "link": "#6cb6ff", "wiki": "#d2a6ff", "code": "#f4a480", "code_bg": "#2e2e2e",
           "math": "#7fdbca", "muted": "#9a9a9a", "marker": "#f0a35e", "fence": "#a0a0a0"},
}


def _fmt(color: str | None = None, *, bold: bool = False, italic: bool = False, background: str | None = None,
         underline: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if background:
        fmt.setBackground(QColor(background))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if underline:
        fmt.setFontUnderline(True)
    return fmt


class NoteHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, editor: QPlainTextEdit | None = None, dark: bool = False) -> None:
        super().__init__(document)  # the first highlight pass is deferred to the event loop
        self._editor = editor
        self._lazy = False
        self._at_top = False  # see at_top()
        self._detached = False  # see detached()
        self._formatting_visible = False
        self._top_range: tuple[int, int] | None = None
        self._formatted: set[int] = set()
        self._languages: list[str] = []
        self._lexers: dict[str, object | None] = {}
        self._set_theme(dark)
        document.blockCountChanged.connect(self._on_document_block_count_changed)

    # ----- public API
    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._set_theme(dark)
            self._formatted.clear()
            self.rehighlight()

    def set_lazy(self, lazy: bool) -> None:
        """Format only blocks near the viewport (set before loading a long text)."""
        self._lazy = lazy
        self._formatted.clear()

    @property
    def lazy(self) -> bool:
        return self._lazy

    @contextmanager
    def at_top(self) -> Iterator[None]:
        """While a new text is loaded (its view at the top): the range of blocks near the view
        is worked out once, not once per block (a note of 20,000 lines asked the editor for its
        first visible block, height and font metrics 20,000 times: ~80-170 ms of each open)."""
        self._at_top, self._top_range = True, None
        try:
            yield
        finally:
            self._at_top, self._top_range = False, None

    @contextmanager
    def detached(self, text: str) -> Iterator[None]:
        """While a long text is loaded in lazy mode: Qt does not call ``highlightBlock`` for each
        of its blocks (a Python call a block: ~150-230 ms for 20,000 blocks, where the load
        itself takes ~40 ms); afterwards each block gets its state from the same rules
        (``_next_state``, without Qt's per-block calls and formats) and ``format_visible``
        formats the blocks in view. If Qt's connection cannot be undone, Qt highlights as usual.
        ``text``: what is loaded (its lines give the states without asking Qt for each block)."""
        document = self.document()
        detached = QObject.disconnect(document, SIGNAL(_CONTENTS_CHANGE), self, SLOT(_REFORMAT))
        self._detached = detached
        try:
            yield
        finally:
            self._detached = False
            if detached:
                QObject.connect(document, SIGNAL(_CONTENTS_CHANGE), self, SLOT(_REFORMAT))
                self._set_states(text)

    def language_at(self, block) -> str | None:
        """The fence language ('' when none given) if ``block`` is code inside a fence, else None."""
        state = block.previous().userState() if block.previous().isValid() else -1
        if state < FENCE_BASE:
            return None
        if _FENCE.match(block.text()):
            return None  # the closing fence line
        return self._languages[(state - FENCE_BASE) // 2]

    def format_visible(self) -> int:
        """In lazy mode, format the blocks near the viewport that have no formats yet."""
        if not self._lazy or self._editor is None or self._detached or self._formatting_visible:
            return 0  # (each block formatted asks for a repaint, which called this again: 80 times)
        self._formatting_visible = True
        try:
            first, last = self._visible_range()
            block = self.document().findBlockByNumber(first)
            done = 0
            while block.isValid() and block.blockNumber() <= last:
                if block.blockNumber() not in self._formatted:
                    self.rehighlightBlock(block)
                    done += 1
                block = block.next()
        finally:
            self._formatting_visible = False
        return done

    # ----- QSyntaxHighlighter
    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's API)
        state, kind = self._next_state(self.previousBlockState(), text)
        self.setCurrentBlockState(state)
        if not self._should_format():
            return
        if kind == "markdown":
            self._highlight_markdown(text)
        elif kind == "code":
            self._highlight_code(text, self._languages[(state - FENCE_BASE) // 2])
        else:  # a fence line, or a line of a $$ block
            self.setFormat(0, len(text), self._formats[kind])

    def _next_state(self, previous: int, text: str) -> tuple[int, str]:
        """The state of a block of ``text`` after a block in state ``previous`` (-1: none), and
        what the block is: 'fence' (a fence line), 'code', 'math' or 'markdown'."""
        if previous >= FENCE_BASE:
            tilde = (previous - FENCE_BASE) % 2
            fence = _FENCE.match(text)
            if fence and fence.group(1)[0] == ("~" if tilde else "`") and not text[fence.end():].strip() \
                    and not fence.group(2):
                return NORMAL, "fence"
            return previous, "code"
        if previous == MATH:
            return (NORMAL if "$$" in text else MATH), "math"
        fence = _FENCE.match(text)
        if fence and not (fence.group(1)[0] == "`" and "`" in text[fence.end():]):
            language = fence.group(2).lower()
            return FENCE_BASE + self._language_id(language) * 2 + (fence.group(1)[0] == "~"), "fence"
        if text.count("$$") % 2 == 1 and text.lstrip().startswith("$$"):
            return MATH, "math"
        return NORMAL, "markdown"

    # ----- internals
    def _set_theme(self, dark: bool) -> None:
        self._dark = dark
        colors = _PALETTES[dark]
        self._formats = {
            "heading": _fmt(colors["heading"], bold=True),
            "quote": _fmt(colors["muted"], italic=True),
            "marker": _fmt(colors["marker"], bold=True),
            "rule": _fmt(colors["muted"]),
            "strong": _fmt(bold=True),
            "em": _fmt(italic=True),
            "link": _fmt(colors["link"]),
            "wiki": _fmt(colors["wiki"], underline=True),
            "math": _fmt(colors["math"]),
            "pipe": _fmt(colors["muted"]),
            "code": _fmt(colors["code"], background=colors["code_bg"]),
            "fence": _fmt(colors["fence"], bold=True),
        }
        self._style = get_style_by_name("monokai" if dark else "friendly")
        self._token_formats: dict[object, QTextCharFormat] = {}

    def _set_states(self, text: str) -> None:
        """Each block's state, as ``highlightBlock`` would set it (without formats), so that a
        later edit or ``format_visible`` highlights only the blocks it touches. A block of
        ``NORMAL`` state (most) keeps Qt's default; only the others are set."""
        document = self.document()
        lines = text.split("\n")
        if len(lines) != document.blockCount():  # Qt broke the text elsewhere too: ask each block
            state, block = NORMAL, document.begin()
            while block.isValid():
                state = self._next_state(state, block.text())[0]
                block.setUserState(state)
                block = block.next()
            return
        state = self._next_state(NORMAL, lines[0])[0]
        states = [(0, state)]  # the first block's: always set
        for number in range(1, len(lines)):
            line = lines[number]
            if state == NORMAL and "`" not in line and "~" not in line and "$$" not in line:
                continue  # neither a fence nor a $$ line: stays NORMAL (what _next_state gives)
            state = self._next_state(state, line)[0]
            if state != NORMAL:
                states.append((number, state))
        block, last = document.begin(), 0
        for number, state in states:
            block = block.next() if number == last + 1 else document.findBlockByNumber(number)
            block.setUserState(state)
            last = number

    def _should_format(self) -> bool:
        block = self.currentBlock()
        number = block.blockNumber()
        if self._lazy and self._editor is not None:
            first, last = self._visible_range()
            if not first <= number <= last:
                self._formatted.discard(number)
                return False
        self._formatted.add(number)
        return True

    def _visible_range(self) -> tuple[int, int]:
        if self._at_top and self._top_range is not None:
            return self._top_range
        editor = self._editor
        first = 0 if self._at_top else editor.firstVisibleBlock().blockNumber()
        lines = max(1, editor.viewport().height() // max(1, editor.fontMetrics().lineSpacing()))
        visible = max(0, first - LAZY_MARGIN_BLOCKS), first + lines + LAZY_MARGIN_BLOCKS
        if self._at_top:
            self._top_range = visible
        return visible

    def _language_id(self, language: str) -> int:
        if language not in self._languages:
            self._languages.append(language)
        return self._languages.index(language)

    def _lexer(self, language: str):
        if language not in self._lexers:
            try:
                self._lexers[language] = get_lexer_by_name(language, stripnl=False, ensurenl=False) if language else None
            except ClassNotFound:
                self._lexers[language] = None
        return self._lexers[language]

    def _highlight_code(self, text: str, language: str) -> None:
        lexer = self._lexer(language)
        if lexer is None or len(text) > MAX_CODE_CHARS:
            self.setFormat(0, len(text), self._formats["code"])
            if lexer is None:
                return
            text = text[:MAX_CODE_CHARS]
        for index, token_type, value in lexer.get_tokens_unprocessed(text):
            fmt = self._token_format(token_type)
            if fmt is not None:
                self.setFormat(index, len(value), fmt)

    def _token_format(self, token_type) -> QTextCharFormat | None:
        if token_type not in self._token_formats:
            style = self._style.style_for_token(token_type) if token_type is not Token.Text else {}
            fmt = None
            if style.get("color") or style.get("bold") or style.get("italic"):
                fmt = _fmt("#" + style["color"] if style.get("color") else None,
                           bold=bool(style.get("bold")), italic=bool(style.get("italic")))
            self._token_formats[token_type] = fmt
        return self._token_formats[token_type]

    def _highlight_markdown(self, text: str) -> None:
        if _HEADING.match(text):
            self.setFormat(0, len(text), self._formats["heading"])
            return
        if _RULE.match(text):
            self.setFormat(0, len(text), self._formats["rule"])
            return
        if _QUOTE.match(text):
            self.setFormat(0, len(text), self._formats["quote"])
        marker = _LIST.match(text)
        if marker:
            self.setFormat(0, marker.end(), self._formats["marker"])
        text = text[:MAX_INLINE_CHARS]
        if not any(c in text for c in "*_[$|`"):
            return
        for name, find in _INLINE:
            fmt = self._formats[name]
            for start, end in find(text):
                self.setFormat(start, end - start, fmt)

    def _on_document_block_count_changed(self, _count: int) -> None:
        self._formatted.clear()  # block numbers moved; formats already applied stay in place
