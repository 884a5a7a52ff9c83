"""LaTeX math to SVG, offline, through ziamath; cached by (source, display, colour, size).

ziamath (a few hundred ms to import, fonts included) is imported on the first formula drawn,
not when this module is. The cache is one small LRU (``_MathCache``) of the last
``CACHE_SIZE`` results, failures included, which ``is_cached`` can ask.

``find_math`` is the one definition of where math is in Markdown text, shared by the
Markdown renderer and the bank check: ``$$…$$`` (display, may span lines) and ``$…$``
(inline: no space just inside the dollars, the closing one not followed by a digit, so
'5 $ and 6 $' stays text). ``\\$`` is a literal dollar.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])([^$\n]*?[^\s\\$])\$(?![\d$])")
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')
_SIZE_ATTR = re.compile(r'\b(width|height)="[-\d.]+"')


# A formula's drawing time grows with its length (~0.4 ms a character, more for nesting and
# matrices): longer ones are shown as their source, so drawing one never blocks for long.
MAX_FORMULA_CHARS = 300
# Drawn formulas kept (SVG text, a few KB each): more than a long note holds.
CACHE_SIZE = 8192


class MathError(ValueError):
    """A formula the renderer cannot draw."""


class MathTooLargeError(MathError):
    """A formula too long to draw in reasonable time; it is shown as source."""


@dataclass(frozen=True)
class MathImage:
    key: str
    svg: str
    width: float
    height: float
    depth: float  # how far the image reaches below the text baseline, in px
    aligned: bool = False  # padded by ``baseline_aligned``: to be drawn on the text's baseline


def baseline_aligned(image: MathImage, x_height: float) -> MathImage:
    """``image`` padded (transparent space above or below) so that Qt's rich text, laying it
    out with ``vertical-align: middle``, reserves exactly the room the formula needs above and
    below the text's baseline.

    Qt gives a "middle" image a descent of ``(height - x_height / 2) / 2`` below the baseline
    (``x_height``: the surrounding font's, in px, as ``QFontMetrics.xHeight()`` gives it); the
    padded image's descent is made to equal that. Qt then draws it centred in the line box;
    the UI's ``MathBaselineHandler`` moves it so the formula's baseline is the line's.
    Cached (a note re-renders its thousands of formulas on every preview)."""
    cache_key = (image.key, x_height)
    aligned = _aligned.get(cache_key)
    if aligned is None:
        if len(_aligned) > CACHE_SIZE:
            _aligned.clear()
        aligned = _aligned[cache_key] = _pad_to_baseline(image, x_height)
    return aligned


_aligned: dict[tuple[str, float], MathImage] = {}


def _digest(text: str) -> str:
    """A short stable key for a drawing (the image's name in the HTML). hashlib is imported
    here, on the first formula drawn: it loads OpenSSL (~3.4 MB resident, ~4 ms), which a start
    without math has no use for (issue 16)."""
    import hashlib

    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _pad_to_baseline(image: MathImage, x_height: float) -> MathImage:
    height, depth = image.height, image.depth
    pad = height - 2 * depth - x_height / 2  # > 0: room below; < 0: room above
    match = _VIEWBOX.search(image.svg)
    if match is None:
        return image
    x, y, w, h = (float(v) for v in match.groups())
    top, bottom = (0.0, pad) if pad > 0 else (-pad, 0.0)
    new_height = height + top + bottom
    head = image.svg[: match.end()]
    head = _SIZE_ATTR.sub(lambda m: f'height="{new_height:.3f}"' if m.group(1) == "height" else m.group(0), head)
    head = _VIEWBOX.sub(f'viewBox="{x:.3f} {y - top:.3f} {w:.3f} {h + top + bottom:.3f}"', head)
    key = _digest(f"{image.key}|{top:.3f}|{bottom:.3f}")
    return MathImage(key=key, svg=head + image.svg[match.end():], width=image.width, height=new_height,
                     depth=depth + bottom, aligned=True)


def find_math(markdown_text: str) -> list[tuple[str, bool]]:
    """Every formula in Markdown text as (latex, is_display), ignoring code."""
    text = _FENCE.sub("", markdown_text)
    text = _CODE_SPAN.sub("", text)
    found = [(m.group(1).strip(), True) for m in DISPLAY_MATH.finditer(text)]
    text = DISPLAY_MATH.sub(" ", text)
    found += [(m.group(1).strip(), False) for m in INLINE_MATH.finditer(text)]
    return found


def render_math(latex: str, display: bool = False, color: str = "black", size: float = 15.5) -> MathImage:
    """SVG for one formula. Raises MathError for what ziamath cannot parse or draw, and
    MathTooLargeError (without trying) for one over ``MAX_FORMULA_CHARS`` characters."""
    latex = latex.strip()
    if len(latex) > MAX_FORMULA_CHARS:
        raise MathTooLargeError(
            f"formula of {len(latex):,} characters not drawn (the limit is {MAX_FORMULA_CHARS}); shown as written"
        )
    return _render(latex, display, color, size)


def drawing_ready() -> bool:
    """True once ziamath (and its font) is loaded: a first formula costs ~0.3 s more."""
    return _ziamath is not None


_loader: threading.Thread | None = None


def load_drawing_in_background() -> None:
    """Start loading ziamath and its font (~0.2-0.3 s, once) on a background thread, so the
    GUI thread does not wait for it on its first formula; ``drawing_loading`` says while it
    runs. Only the import runs there: every formula is still drawn by the caller's thread (a
    formula drawn meanwhile waits for the import to finish, as before). A failed import is
    left to the first formula drawn, which reports it as before."""
    global _loader
    if _ziamath is None and not drawing_loading():
        _loader = threading.Thread(target=_load_quietly, name="mlprep-math-loader", daemon=True)
        _loader.start()


def drawing_loading() -> bool:
    return _loader is not None and _loader.is_alive()


def _load_quietly() -> None:
    try:
        _ziamath_module()
    except Exception:  # reported by the first formula drawn, on its own thread
        pass


def is_cached(latex: str, display: bool = False, color: str = "black", size: float = 15.5) -> bool:
    """True if this formula is already drawn (``render_math`` returns at once)."""
    return (latex.strip(), display, color, size) in _cache


_Key = tuple[str, bool, str, float]


class _MathCache:
    """The last ``capacity`` results (an image or the MathError), least recently used dropped."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[_Key, MathImage | MathError] = OrderedDict()

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: _Key) -> MathImage | MathError | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: _Key, value: MathImage | MathError) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()


_cache = _MathCache(CACHE_SIZE)


def _render(latex: str, display: bool, color: str, size: float) -> MathImage:
    key = (latex, display, color, size)
    image = _cache.get(key)
    if image is None:
        image = _draw(latex, display, color, size)
        _cache.put(key, image)  # failures are cached too
    if isinstance(image, MathError):
        raise image
    return image


_ziamath = None


def _ziamath_module():
    """ziamath, imported and configured on first use."""
    global _ziamath
    if _ziamath is None:
        import ziamath

        ziamath.config.svg2 = False  # SVG 1.1: what Qt's SVG renderer draws
        _ziamath = ziamath
    return _ziamath


def _draw(latex: str, display: bool, color: str, size: float) -> MathImage | MathError:
    try:
        svg = _ziamath_module().Latex(latex, size=size, color=color, inline=not display).svg()
    except Exception as exc:  # ziamath raises many kinds for bad input
        return MathError(f"cannot render math {latex!r}: {exc}")
    match = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', svg)
    if not match:
        return MathError(f"cannot render math {latex!r}: no size in SVG")
    _, y, w, h = (float(v) for v in match.groups())
    key = _digest(f"{display}|{color}|{size}|{latex}")
    return MathImage(key=key, svg=svg, width=w, height=h, depth=max(0.0, h + y))
