"""The Python-Markdown side of ``markdown_html``: the app's extension (no raw HTML, CommonMark
fences and lists, long blocks cut, math as images, links and images sanitized, search terms
highlighted). Imported by ``MarkdownRenderer`` on its first render, not at start-up."""
from __future__ import annotations

import html as _html
import re
import xml.etree.ElementTree as etree  # noqa: N813 (the usual name)
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from mlprep_desktop.rendering.markdown_html import (
    _SKIP_HIGHLIGHT,
    IMAGE_SCHEMES,
    LINK_SCHEMES,
    MAX_BLOCK_CHARS,
    MAX_SHOWN_CHARS,
    RenderTheme,
)
from mlprep_desktop.rendering.math_svg import DISPLAY_MATH, INLINE_MATH

if TYPE_CHECKING:
    from mlprep_desktop.rendering.markdown_html import MarkdownRenderer


class _MathInline(InlineProcessor):
    def __init__(self, pattern: re.Pattern, display: bool, owner: MarkdownRenderer) -> None:
        super().__init__(pattern.pattern)
        self.compiled_re = re.compile(pattern.pattern, pattern.flags | re.DOTALL | re.UNICODE)
        self._display = display
        self._owner = owner

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Markdown's API)
        return self._owner._math_element(m.group(1).strip(), self._display), m.start(0), m.end(0)


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


class AppExtension(Extension):
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
