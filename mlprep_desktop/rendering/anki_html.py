"""Markdown to the HTML an Anki card shows: math as MathJax ``\\( \\)`` / ``\\[ \\]``, code as
escaped ``<pre><code>``, the rest through the ``markdown`` package with raw HTML escaped.

Math and code are cut out before Markdown runs (so neither ``_`` nor ``*`` inside them become
emphasis) and put back after, escaped for HTML; Anki's MathJax reads the escaped text.
"""
from __future__ import annotations

import html
import re
import threading

import markdown

from mlprep_desktop.core.models import Question

DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])([^$\n]*?[^\s\\$])\$(?![\d$])")
_FENCE = re.compile(r"^(```|~~~)[ \t]*([\w+-]*)[^\n]*\n(.*?)^\1[ \t]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_TOKEN = "MLPREPANKI{}X"
_local = threading.local()


def _converter() -> markdown.Markdown:
    """This thread's Markdown converter: building one costs more than converting a card's text
    (5,000 texts took 4x longer with a new one each), and one instance is not thread-safe."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        from markdown.extensions.sane_lists import SaneListExtension
        from markdown.extensions.tables import TableExtension

        # Objects, not names: a name makes Markdown read every installed distribution's metadata.
        converter = _local.converter = markdown.Markdown(extensions=[TableExtension(), SaneListExtension()])
    return converter


def markdown_to_anki(text: str) -> str:
    """One Markdown text as card HTML."""
    kept: list[str] = []

    def keep(fragment: str, block: bool = False) -> str:
        kept.append(fragment)
        token = _TOKEN.format(len(kept) - 1)
        return f"\n\n{token}\n\n" if block else token

    text = _FENCE.sub(lambda m: keep(_pre(m.group(3), m.group(2)), block=True), text)
    text = _CODE_SPAN.sub(lambda m: keep(f"<code>{html.escape(m.group(2).strip())}</code>"), text)
    text = DISPLAY_MATH.sub(lambda m: keep(f"\\[{html.escape(m.group(1).strip(), quote=False)}\\]"), text)
    text = INLINE_MATH.sub(lambda m: keep(f"\\({html.escape(m.group(1), quote=False)}\\)"), text)
    text = text.replace("\\$", "$").replace("<", "&lt;")
    converter = _converter()
    try:
        out = converter.convert(text)
    finally:
        converter.reset()
    for index in range(len(kept) - 1, -1, -1):
        token = _TOKEN.format(index)
        out = out.replace(f"<p>{token}</p>", kept[index]).replace(token, kept[index])
    return out.strip()


def _pre(code: str, language: str) -> str:
    cls = f' class="language-{html.escape(language)}"' if language else ""
    return f"<pre><code{cls}>{html.escape(code.rstrip(chr(10)), quote=False)}</code></pre>"


def card_front(q: Question) -> str:
    front = f"<div class=\"title\">{markdown_to_anki(q.title)}</div>"
    if q.prompt:
        front += f"\n<div class=\"prompt\">{markdown_to_anki(q.prompt)}</div>"
    return front


def card_back(q: Question) -> str:
    parts = [f"<div class=\"answer\">{markdown_to_anki(q.answer)}</div>"]
    if q.key_points:
        items = "".join(f"<li>{_inline(k)}</li>" for k in q.key_points)
        parts.append(f"<h3>Key points</h3><ul class=\"key-points\">{items}</ul>")
    if q.follow_ups:
        items = "".join(f"<li><b>{_inline(f.question)}</b> {_inline(f.answer)}</li>" for f in q.follow_ups)
        parts.append(f"<h3>Follow-ups</h3><ul class=\"follow-ups\">{items}</ul>")
    return "\n".join(parts)


def _inline(text: str) -> str:
    """A list item: Markdown without the wrapping paragraph."""
    out = markdown_to_anki(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out
