"""Markdown to the HTML subset Qt's rich text shows: fenced code highlighted by Pygments with
inline styles, tables, LaTeX math as image references, search terms highlighted.

Safety contract (the text may come from the user):
- raw HTML is never passed through: ``<script>`` arrives as the text "<script>";
- links keep their href only for ``http``, ``https``, ``mailto`` and the app's ``question:``,
  ``board:`` and ``note:`` schemes (and in-page ``#`` anchors); any other href is dropped;
- images keep their src only for the app's own ``mlmath:`` and ``board:`` schemes.
Math is returned as ``RenderedHtml.images`` (key -> SVG); the HTML refers to ``mlmath:KEY``.
"""
from __future__ import annotations

import html as _html
import re
import time
import xml.etree.ElementTree as etree  # noqa: N813 (the usual name)
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from mlprep_desktop.rendering.math_svg import (
    DISPLAY_MATH,
    INLINE_MATH,
    MAX_FORMULA_CHARS,
    MathError,
    MathImage,
    MathTooLargeError,
    baseline_aligned,
    is_cached,
    render_math,
)

LINK_SCHEMES = frozenset({"http", "https", "mailto", "question", "board", "note"})
IMAGE_SCHEMES = frozenset({"mlmath", "board"})
_SKIP_HIGHLIGHT = frozenset({"pre", "code", "img"})


@dataclass(frozen=True)
class RenderTheme:
    dark: bool = False
    text_color: str = "#1a1a1a"
    highlight_background: str = "#ffe066"
    highlight_color: str = "#000000"
    code_style: str = ""  # Pygments style name; "" picks one for light or dark
    x_height: float = 7.0  # px, of the font the HTML is shown in (aligns inline math's baseline)

    @property
    def pygments_style(self) -> str:
        return self.code_style or ("monokai" if self.dark else "friendly")


@dataclass
class RenderedHtml:
    html: str
    images: dict[str, MathImage] = field(default_factory=dict)
    # Formulas left as source because the render's math budget ran out: (latex, display, color).
    # Draw them (``prerender_math``) a few at a time, then render again.
    pending_math: tuple[tuple[str, bool, str], ...] = ()


class MarkdownRenderer:
    """Renders Markdown with one theme. Not thread-safe: one renderer per thread."""

    def __init__(self, theme: RenderTheme | None = None) -> None:
        self.theme = theme or RenderTheme()
        self._images: dict[str, MathImage] = {}
        self._terms: list[str] = []
        self._math_deadline: float | None = None
        self._pending: dict[tuple[str, bool, str], None] = {}
        self._md = markdown.Markdown(
            extensions=[
                "fenced_code",
                "tables",
                "sane_lists",
                "codehilite",
                _AppExtension(self),
            ],
            extension_configs={
                "codehilite": {
                    "noclasses": True,
                    "pygments_style": self.theme.pygments_style,
                    "guess_lang": False,
                    "use_pygments": True,
                }
            },
            output_format="html",
        )

    def render(self, text: str, highlight: Iterable[str] = (), math_budget: float | None = None) -> RenderedHtml:
        """HTML for ``text``; words starting with any of ``highlight`` are marked.

        ``math_budget`` (seconds): once drawing new formulas has taken that long, the rest are
        shown as their source and listed in ``pending_math`` (the GUI draws them in slices and
        renders again), so a note with thousands of formulas never blocks for long. None: draw
        every formula now.

        Never raises for any text: what the Markdown parser cannot handle (absurd nesting
        depth, say) is shown as escaped plain text with a note."""
        self._math_deadline = None if math_budget is None else time.perf_counter() + math_budget
        self._pending = {}
        self._images = {}
        self._terms = [t for t in highlight if t]
        self._md.reset()
        try:
            html = self._md.convert(text or "")
        except (RecursionError, ValueError, IndexError) as exc:
            self._md.reset()
            self._images = {}
            return RenderedHtml(
                "<p><i>This text could not be formatted (%s); it is shown as written.</i></p><pre>%s</pre>"
                % (_html.escape(type(exc).__name__), _html.escape(text or ""))
            )
        # Pygments ends a block with a newline that Qt draws as an empty, shaded last line.
        html = _CODE_END.sub("</code></pre>", html)
        html = _CODE_BLOCK.sub(_boxed_code, html)
        return RenderedHtml(html, dict(self._images), tuple(self._pending))

    # used by the extension's processors
    def _math_element(self, latex: str, display: bool) -> etree.Element:
        color = self.theme.text_color
        if len(latex) > MAX_FORMULA_CHARS:  # never drawn: no need to wait for it
            return self._math_source(latex, display, f"This formula of {len(latex):,} characters is not drawn "
                                                     f"(the limit is {MAX_FORMULA_CHARS}); it is shown as written")
        if (self._math_deadline is not None and time.perf_counter() > self._math_deadline
                and not is_cached(latex, display, color)):
            self._pending[(latex, display, color)] = None
            return self._math_source(latex, display, "This formula is being drawn")
        try:
            image = render_math(latex, display=display, color=color)
        except MathTooLargeError as exc:
            return self._math_source(latex, display, f"This {exc}")
        except MathError:
            return self._math_source(latex, display, "This formula could not be rendered")
        if not display:
            image = baseline_aligned(image, self.theme.x_height)
        self._images[image.key] = image
        img = etree.Element("img")
        img.set("src", f"mlmath:{image.key}")
        img.set("width", f"{image.width:.2f}")
        img.set("height", f"{image.height:.2f}")
        img.set("alt", latex)
        img.set("class", "math-display" if display else "math")
        img.set("style", "vertical-align: middle")
        return img


    @staticmethod
    def _math_source(latex: str, display: bool, why: str) -> etree.Element:
        code = etree.Element("code")
        code.text = markdown.util.AtomicString(("$$%s$$" if display else "$%s$") % latex)
        code.set("title", why)
        return code


def prerender_math(pending: Iterable[tuple[str, bool, str]], budget: float) -> list[tuple[str, bool, str]]:
    """Draw pending formulas into the cache for at most about ``budget`` seconds (one formula
    is bounded by ``MAX_FORMULA_CHARS``); returns those still to draw."""
    todo = list(pending)
    deadline = time.perf_counter() + budget
    done = 0
    while done < len(todo) and time.perf_counter() < deadline:
        latex, display, color = todo[done]
        done += 1
        try:
            render_math(latex, display=display, color=color)
        except MathError:
            pass  # shown as source when rendered again
    return todo[done:]


class _MathInline(InlineProcessor):
    def __init__(self, pattern: re.Pattern, display: bool, owner: MarkdownRenderer) -> None:
        super().__init__(pattern.pattern)
        self.compiled_re = re.compile(pattern.pattern, pattern.flags | re.DOTALL | re.UNICODE)
        self._display = display
        self._owner = owner

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Markdown's API)
        return self._owner._math_element(m.group(1).strip(), self._display), m.start(0), m.end(0)


_CODE_END = re.compile(r"\n+</code></pre>")
_CODE_BLOCK = re.compile(r'<div class="codehilite" style="background: ([^";]*)"><pre style="[^"]*">(.*?)</pre></div>',
                         re.DOTALL)


def _boxed_code(m: re.Match) -> str:
    """A highlighted code block as a one-cell table. Qt paints a <pre>'s background line by
    line (pale stripes at blank lines, no padding) and cannot scroll one block sideways, so a
    long line widened the whole page; a table cell is one padded box whose lines wrap in it."""
    background = m.group(1)
    return (f'<table class="codehilite" width="100%" cellspacing="0" cellpadding="8" bgcolor="{background}" '
            f'style="background-color: {background}; margin-top: 6px; margin-bottom: 6px;"><tr><td>'
            f'<pre style="white-space: pre-wrap; margin: 0px; padding: 0px; background-color: {background};">'
            f'{m.group(2)}</pre></td></tr></table>')
# Python-Markdown looks for the ']' of every '[' by scanning forward, so its cost is the sum of
# the distances from each '[' to its ']' (or to the block's end): 10,000 unclosed brackets took
# half a minute. A block over this budget has its brackets escaped (shown as typed, no links).
_BRACKET_SCAN_BUDGET = 400_000


def _defuse_brackets(block: str) -> str:
    """``block`` (one paragraph) with '[' escaped if its link parsing would take too long."""
    if _bracket_scan_cost(block) > _BRACKET_SCAN_BUDGET:
        return block.replace("\\[", "[").replace("[", "\\[")
    return block


def _bracket_scan_cost(block: str) -> int:
    """Sum over '[' of the distance to its matching ']' (or to the end): linear, with a stack."""
    cost = 0
    opened: list[int] = []
    for m in re.finditer(r"[\[\]]", block):
        if m.group() == "[":
            opened.append(m.start())
        elif opened:
            cost += m.start() - opened.pop()
    end = len(block)
    return cost + sum(end - i for i in opened)
_LIST_ITEM = re.compile(r"^( *)([-*+]|\d+[.)]) +\S")
_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*(.*)$")


class _CommonMarkFences(Preprocessor):
    """Fenced code as CommonMark reads it, in the shape Python-Markdown's ``fenced_code`` wants:
    a fence may be indented by up to three spaces (removed from the code lines too), the closing
    fence is any run of the same character at least as long as the opening one, and a fence
    that is never closed runs to the end of the text (instead of becoming inline text)."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            opening = _FENCE_OPEN.match(lines[i])
            if not opening or (opening.group(2)[0] == "`" and "`" in opening.group(3)):
                out.append(lines[i])
                i += 1
                continue
            indent, fence, info = len(opening.group(1)), opening.group(2), opening.group(3).strip()
            closing = re.compile(r"^ {0,3}%s{%d,}[ \t]*$" % (re.escape(fence[0]), len(fence)))
            if info and not info.startswith("{"):
                info = info.split()[0]
            out.append(fence + info)
            i += 1
            while i < len(lines) and not closing.match(lines[i]):
                line = lines[i]
                out.append(line[min(indent, len(line) - len(line.lstrip(" "))):])
                i += 1
            if i < len(lines):
                out.append(fence)
                i += 1
                continue
            trailing = 0  # an unclosed fence: it ends with the text (before its blank lines)
            while out[-1 - trailing] == "" and trailing < len(out) - 1:
                trailing += 1
            out[len(out) - trailing:len(out) - trailing] = [fence]
        return out


class _CommonMarkLists(Preprocessor):
    """Lists as authors write them (CommonMark): a list may follow a paragraph line without a
    blank line, and nested items may be indented by two spaces. Python-Markdown wants a
    blank line and four spaces, so both are added here (code blocks are already stashed)."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        in_list = False
        for line in lines:
            item = _LIST_ITEM.match(line)
            if item:
                indent = len(item.group(1))
                if indent:
                    line = " " * (4 * ((indent + 1) // 2)) + line[indent:]
                elif out and out[-1].strip() and not in_list:
                    out.append("")
                in_list = True
            elif not line.strip():
                in_list = False
            out.append(line)
        return out


# Inline Markdown (emphasis, links, escapes, math) costs time quadratic in a paragraph's length
# in Python-Markdown; a paragraph longer than this (a pasted wall of text) is shown as written.
MAX_BLOCK_CHARS = 5_000
# Of such a paragraph, this much is shown: Qt lays out one paragraph as a whole, ~0.5 ms per KB,
# so all of a pasted 350 KB line would stall the preview for a quarter of a second at each refresh.
MAX_SHOWN_CHARS = 20_000


def _breakable(text: str, every: int = 80) -> str:
    """``text`` with a zero-width space every ``every`` characters: Qt lays out a long line
    without break opportunities in time quadratic in its length (seconds at 100 KB)."""
    return "&#8203;".join(text[i:i + every] for i in range(0, len(text), every))


def _first_chars(lines: list[str], limit: int) -> list[str]:
    """The lines of a paragraph up to ``limit`` characters in all (the last one cut)."""
    shown: list[str] = []
    left = limit
    for line in lines:
        if left <= 0:
            break
        shown.append(line[:left])
        left -= len(line) + 1
    return shown


class _LongBlocks(Preprocessor):
    """Shows an over-long paragraph as escaped plain text with a note, instead of formatting it
    (fenced code is already set aside by then and is not affected)."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] = []

        def flush() -> None:
            size = sum(len(line) + 1 for line in block)
            if size > MAX_BLOCK_CHARS:
                shown = _first_chars(block, MAX_SHOWN_CHARS)
                body = "<br>".join(_breakable(_html.escape(line)) for line in shown)
                if size > MAX_SHOWN_CHARS:
                    note = (f"<p><i>This paragraph of {size:,} characters is too long to format; "
                            f"its first {MAX_SHOWN_CHARS:,} are shown as written, and the editor "
                            "holds all of it.</i></p>")
                else:
                    note = (f"<p><i>This paragraph of {size:,} characters is too long to format; "
                            "it is shown as written.</i></p>")
                out.append(self.md.htmlStash.store(f"{note}<p>{body}</p>"))
            elif sum(line.count("[") for line in block) >= 64:
                out.extend(_defuse_brackets("\n".join(block)).split("\n"))
            else:
                out.extend(block)
            block.clear()

        for line in lines:
            if line.strip():
                block.append(line)
            else:
                flush()
                out.append(line)
        flush()
        return out


class _SanitizeAndDecorate(Treeprocessor):
    """Drops unsafe hrefs/srcs, centres display math, frames tables, marks search terms."""

    def __init__(self, md: markdown.Markdown, owner: MarkdownRenderer) -> None:
        super().__init__(md)
        self._owner = owner

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                self._sanitize(parent, child)
        for p in root.iter("p"):
            kids = list(p)
            if len(kids) == 1 and kids[0].get("class") == "math-display" and not (p.text or "").strip():
                p.set("align", "center")
        for table in root.iter("table"):
            table.set("border", "1")
            table.set("cellspacing", "0")
            table.set("cellpadding", "4")
        terms = self._owner._terms
        if terms:
            pattern = re.compile(
                r"(?<!\w)(?:%s)\w*" % "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)),
                re.IGNORECASE | re.UNICODE,
            )
            _highlight(root, pattern, self._owner.theme)

    @staticmethod
    def _sanitize(parent: etree.Element, el: etree.Element) -> None:
        if el.tag == "a":
            href = el.get("href", "")
            if not _allowed(href, LINK_SCHEMES, allow_anchor=True):
                el.attrib.pop("href", None)
                el.set("title", "Link removed: only web, mail and in-app links are allowed")
        elif el.tag == "img" and el.get("class", "").startswith("math"):
            return
        elif el.tag == "img":
            if not _allowed(el.get("src", ""), IMAGE_SCHEMES, allow_anchor=False):
                alt = el.get("alt", "")
                el.tag = "span"
                el.attrib.clear()
                el.text = f"[image: {alt}]" if alt else "[image]"


def _allowed(url: str, schemes: frozenset[str], *, allow_anchor: bool) -> bool:
    url = url.strip()
    if not url:
        return False
    if allow_anchor and url.startswith("#"):
        return True
    try:
        scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    except ValueError:  # e.g. 'http://[::1' (an unclosed IPv6 host)
        return False
    return scheme in schemes


def _highlight(root: etree.Element, pattern: re.Pattern, theme: RenderTheme) -> None:
    style = f"background-color: {theme.highlight_background}; color: {theme.highlight_color}"

    def spans(text: str) -> tuple[str, list[etree.Element]]:
        pieces = []
        head = None
        pos = 0
        for m in pattern.finditer(text):
            if head is None:
                head = text[: m.start()]
            else:
                pieces[-1].tail = text[pos : m.start()]
            span = etree.Element("span")
            span.set("style", style)
            span.set("class", "hit")
            span.text = m.group(0)
            pieces.append(span)
            pos = m.end()
        if head is None:
            return text, []
        pieces[-1].tail = text[pos:]
        return head, pieces

    def walk(el: etree.Element) -> None:
        if el.tag in _SKIP_HIGHLIGHT or el.get("class") == "hit":
            return
        for child in list(el):
            walk(child)
            if child.tail and not isinstance(child.tail, markdown.util.AtomicString):
                head, new = spans(child.tail)
                if new:
                    child.tail = head
                    index = list(el).index(child)
                    for offset, span in enumerate(new, start=1):
                        el.insert(index + offset, span)
        if el.text and not isinstance(el.text, markdown.util.AtomicString):
            head, new = spans(el.text)
            if new:
                el.text = head
                for offset, span in enumerate(new):
                    el.insert(offset, span)

    walk(root)


class _AppExtension(Extension):
    def __init__(self, owner: MarkdownRenderer) -> None:
        super().__init__()
        self._owner = owner

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # No raw HTML, ever: without these, '<script>' is escaped as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.preprocessors.register(_CommonMarkFences(md), "commonmark_fences", 28)
        md.preprocessors.register(_CommonMarkLists(md), "commonmark_lists", 20)
        md.preprocessors.register(_LongBlocks(md), "long_blocks", 19)
        md.inlinePatterns.register(_MathInline(DISPLAY_MATH, True, self._owner), "math_display", 186)
        md.inlinePatterns.register(_MathInline(INLINE_MATH, False, self._owner), "math_inline", 185)
        md.treeprocessors.register(_SanitizeAndDecorate(md, self._owner), "app_sanitize", 1)
