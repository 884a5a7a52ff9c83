"""``mlprep --smoke-test``: does this installation work? Exit 0 if it does.

The same check runs in a checkout (``make smoke``), in a fresh virtual environment from the
wheel and in the frozen folder (``dist/mlprep/mlprep --smoke-test``), so it only uses what a
user's start uses. In order, stopping at the first failure:

1. the bundle: ``questions.sqlite`` and the app icon where ``core/paths.py`` finds them;
2. Qt: the platform plugin (offscreen unless ``QT_QPA_PLATFORM`` names another), the SVG image
   format and the window icon drawn from its SVG;
3. a temporary database created from the bundle and the main window built on it, shown;
4. every tab of ``mainTabs``, whatever tabs exist: made current, visible, sized and drawn;
5. one question with fenced code and math, rendered in the browser with its answer shown:
   every formula is an image with visible pixels, and the code is drawn in several colours.

An exception raised in a slot or event handler during the run fails it too. Nothing outside
the temporary folder is written; the user's own database is not opened.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)


class SmokeTestError(Exception):
    """A check failed; the message says which and why."""


def main() -> int:
    """Entry point of ``mlprep --smoke-test``: prints progress, returns the exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        run_smoke_test()
    except SmokeTestError as exc:
        print(f"smoke test FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    except Exception:  # anything unexpected is a failure too, with its traceback
        print("smoke test FAILED with an unexpected error:\n" + traceback.format_exc(), file=sys.stderr, flush=True)
        return 1
    print("smoke test passed", flush=True)
    return 0


def run_smoke_test(report: Callable[[str], None] | None = None) -> list[str]:
    """Run every check; raise ``SmokeTestError`` at the first failure. Returns the report
    lines (also passed to ``report`` as they happen; default: print them)."""
    lines: list[str] = []

    def say(text: str) -> None:
        lines.append(text)
        (report or (lambda t: print(t, flush=True)))(text)

    bundle = check_bundle(say)
    from mlprep_desktop.app import create_main_window, ensure_application

    app = ensure_application()
    check_qt(app, say)
    errors: list[str] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, value, tb: errors.append("".join(traceback.format_exception(kind, value, tb)))
    try:
        with tempfile.TemporaryDirectory(prefix="mlprep-smoke-") as folder:
            window = create_main_window(Path(folder) / "questions.sqlite")
            try:
                say(f"ok: database created from {bundle} in a temporary folder")
                window.show()
                _wait_until(lambda: window.windowHandle() is not None and window.windowHandle().isExposed(),
                            "the main window was not shown")
                _raise_if(errors)
                say(f"ok: main window shown, {window.width()}x{window.height()}")
                check_tabs(window, say, errors)
                check_rendering(window, say, errors)
                check_exercise(window, say)
            finally:
                window.close()
                window.context.close()  # before the folder goes; closing twice is harmless
                window.deleteLater()
            _raise_if(errors)
    finally:
        sys.excepthook = previous_hook
    return lines


SMOKE_EXERCISE = "stable-softmax-cross-entropy"


def check_exercise(window, say: Callable[[str], None]) -> None:
    """Run an exercise's reference solution in the sandboxed child, as Run does: the runner's
    entry point, NumPy and the sandbox must all work here (the frozen app once had none)."""
    ops = window.context.exercise_ops
    exercise = ops.exercise(SMOKE_EXERCISE)
    result = ops.process(SMOKE_EXERCISE, exercise.solution).run()
    if not result.all_passed:
        failed = "; ".join(f"{t.name}: {t.message.strip()[:300]}" for t in result.tests if not t.passed)
        raise SmokeTestError(f"the reference of {SMOKE_EXERCISE} did not pass: {result.summary()} — {failed}")
    say(f"ok: exercise {SMOKE_EXERCISE} run in the sandbox with NumPy: {result.summary()} "
        f"in {result.wall_seconds:.2f} s")


def check_bundle(say: Callable[[str], None]) -> Path:
    from mlprep_desktop.core.paths import bundle_location, resources_dir

    kind, folder = bundle_location()
    database = folder / "questions.sqlite"
    if not database.is_file():
        raise SmokeTestError(f"the bundled question bank is missing: {database}")
    icon = resources_dir() / "icons" / "mlprep.svg"
    if not icon.is_file():
        raise SmokeTestError(f"the app icon is missing: {icon}")
    say(f"ok: bundle ({kind}) at {folder}")
    return database


def check_qt(app, say: Callable[[str], None]) -> None:
    from PySide6.QtGui import QImageReader

    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise SmokeTestError(f"Qt cannot read SVG images (image format plugins: {sorted(formats)})")
    icon = app.windowIcon()
    if icon.isNull() or _visible_pixels(icon.pixmap(64, 64).toImage()) == 0:
        raise SmokeTestError("the window icon (resources/icons/mlprep.svg) could not be drawn")
    say(f"ok: Qt platform '{app.platformName()}', SVG and window icon drawn")


def check_tabs(window, say: Callable[[str], None], errors: list[str]) -> None:
    from PySide6.QtWidgets import QTabWidget

    tabs = window.findChild(QTabWidget, "mainTabs")
    if tabs is None or tabs.count() == 0:
        raise SmokeTestError("the main window has no tabs (mainTabs)")
    for index in range(tabs.count()):
        title = tabs.tabText(index).replace("&", "")
        tabs.setCurrentIndex(index)
        page = tabs.widget(index)
        _wait_until(lambda page=page: page.isVisible() or bool(errors), f"tab '{title}' did not become visible")
        _raise_if(errors, f"tab '{title}'")  # first: an exception while the tab was built and shown
        if page.width() < 50 or page.height() < 50:
            raise SmokeTestError(f"tab '{title}' has no room: {page.width()}x{page.height()}")
        if page.grab().isNull():
            raise SmokeTestError(f"tab '{title}' could not be drawn")
        page.flush_pending()
        _raise_if(errors, f"tab '{title}'")
        say(f"ok: tab {index + 1}/{tabs.count()} '{title}' ({page.objectName() or 'no objectName'}) shown and drawn")


def check_rendering(window, say: Callable[[str], None], errors: list[str]) -> None:
    """Show a question with code and math in the browser and check both on screen."""
    from mlprep_desktop.core.models import QuestionFilter
    from mlprep_desktop.rendering.math_svg import find_math
    from mlprep_desktop.rendering.question_html import question_markdown

    questions = window.context.questions
    with_code, with_math, with_both = None, None, None
    for row in questions.search(QuestionFilter()):
        text = question_markdown(questions.get(row.id), reveal=True)
        code, math = bool(FENCE.search(text)), bool(find_math(text))
        with_code = with_code or (row.id if code else None)
        with_math = with_math or (row.id if math else None)
        if code and math:
            with_both = row.id
            break
    if with_code is None or with_math is None:
        raise SmokeTestError("the bank has no question with fenced code and math to render")
    chosen = [with_both] if with_both else [with_code, with_math]
    browser = window.browser
    window.tabs.setCurrentWidget(browser)
    images, colours = 0, 0
    for question_id in chosen:
        if not browser.select_question(question_id):
            raise SmokeTestError(f"the browser could not show question '{question_id}'")
        if not browser.revealed:
            browser.toggle_answer()
        _raise_if(errors, f"showing '{question_id}'")
        view = browser.view
        if view.viewport().grab().isNull():
            raise SmokeTestError(f"question '{question_id}' could not be drawn")
        images = max(images, _count_math_images(view, question_id))
        colours = max(colours, _count_code_colours(view))
    if images == 0:
        raise SmokeTestError(f"no formula of {chosen} was drawn as an image")
    if colours < 2:
        raise SmokeTestError(f"the code of {chosen} is not highlighted ({colours} colour)")
    say(f"ok: rendered {' and '.join(chosen)}: {images} formula images, code in {colours} colours")


def _count_math_images(view, question_id: str) -> int:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    document = view.document()
    names = set()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name().startswith("mlmath:"):
                names.add(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    for name in names:
        image = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        if not isinstance(image, QImage) or image.isNull() or _visible_pixels(image) == 0:
            raise SmokeTestError(f"formula image {name} of '{question_id}' is empty")
    return len(names)


def _count_code_colours(view) -> int:
    """Distinct text colours in the view's code blocks (a code block is a one-cell table whose
    lines wrap; a plain <pre> block does not wrap)."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    colours = set()
    block = view.document().begin()
    while block.isValid():
        in_code = block.blockFormat().nonBreakableLines() or QTextCursor(block).currentTable() is not None
        if in_code and block.text().strip():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.hasProperty(QTextFormat.Property.ForegroundBrush):
                    colours.add(fmt.foreground().color().name())
                it += 1
        block = block.next()
    return len(colours)


def _visible_pixels(image) -> int:
    """How many pixels are not fully transparent (stops counting at 10)."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    found = 0
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).alpha() > 0:
                found += 1
                if found >= 10:
                    return found
    return found


def _wait_until(condition: Callable[[], bool], failure: str, timeout: float = 10.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SmokeTestError(failure)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _raise_if(errors: list[str], where: str = "") -> None:
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    if errors:
        raise SmokeTestError(f"an error was raised{' in ' + where if where else ''}:\n{errors[0]}")
