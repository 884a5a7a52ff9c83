"""Check what the built artefacts carry (``make wheel`` and ``make package`` run it).

    python packaging/check_dist.py wheel DIST_DIR      the wheel and the sdist in DIST_DIR
    python packaging/check_dist.py frozen APP_DIR      the PyInstaller one-folder app

The wheel must carry the bundled database (byte-identical to the checkout's) and resources/
under ``mlprep_desktop/_bundle/`` and declare the ``mlprep`` command; the sdist must carry
everything to rebuild and test it. The frozen folder must hold the bundle where
core/paths.py looks under ``sys._MEIPASS``, the Qt plugins a desktop needs (platforms xcb,
wayland and offscreen; SVG image format and icon engine) and no QtWebEngine, QML/Quick or
network stack, carries NumPy (exercises run with it) but not SciPy or pandas, and stays within
``FROZEN_BUDGET_MB``. Prints the sizes; exits 1 naming every problem.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.mlprep.MLPrepDesktop"
BUNDLE = "mlprep_desktop/_bundle"

FROZEN_REQUIRED = (
    "mlprep",
    "install-desktop.sh",
    "uninstall-desktop.sh",
    f"{APP_ID}.desktop",
    f"{APP_ID}.metainfo.xml",
    f"_internal/{BUNDLE}/questions.sqlite",
    f"_internal/{BUNDLE}/README.md",
    f"_internal/{BUNDLE}/resources/icons/mlprep.svg",
    f"_internal/{BUNDLE}/resources/icons/mlprep-256.png",
)
FROZEN_PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqoffscreen.so",
    "platforms/libqwayland*.so",
    "imageformats/libqsvg.so",
    "iconengines/libqsvgicon.so",
)
FROZEN_BUDGET_MB = 200  # issue 11: the one-folder app under 200 MB with NumPy inside
FROZEN_FORBIDDEN = ("_internal/scipy", "_internal/pandas", "_internal/sklearn", "WebEngine", "libQt6Qml", "libQt6Quick", "libQt6Pdf", "libQt6Network", "QtWebEngine",
                    "/qml/", "/translations/", "libqgtk3")


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_wheel(dist: Path, bank: Path | None = ROOT / "questions.sqlite") -> tuple[list[str], list[str]]:
    """(problems, report lines) for the single wheel and sdist in ``dist``."""
    problems: list[str] = []
    report: list[str] = []
    wheels = sorted(dist.glob("*.whl"))
    sdists = sorted(dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        return [f"expected one wheel and one sdist in {dist}, found {[p.name for p in wheels + sdists]}"], report
    wheel, sdist = wheels[0], sdists[0]
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for required in (f"{BUNDLE}/questions.sqlite", f"{BUNDLE}/resources/icons/mlprep.svg", f"{BUNDLE}/README.md",
                         "mlprep_desktop/smoke_test.py", "mlprep_desktop/cli.py"):
            if required not in names:
                problems.append(f"{wheel.name} lacks {required}")
        sources = [n for n in names if n.startswith(f"{BUNDLE}/resources/questions/") and n.endswith(".md")]
        if not sources:
            problems.append(f"{wheel.name} carries no question sources under {BUNDLE}/resources/questions/")
        entry_points = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points[0]).decode() if entry_points else ""
        if "[gui_scripts]" not in text or "mlprep = mlprep_desktop.cli:main" not in text:
            problems.append(f"{wheel.name} does not declare the mlprep command (gui_scripts)")
        if bank is not None and bank.exists() and f"{BUNDLE}/questions.sqlite" in names:
            if _sha256(archive.read(f"{BUNDLE}/questions.sqlite")) != _sha256(bank.read_bytes()):
                problems.append(f"{wheel.name} carries a questions.sqlite that differs from {bank}")
    report.append(f"wheel: {wheel.name}, {megabytes(wheel.stat().st_size)}; "
                  f"bundle: questions.sqlite and {len(sources)} question sources, icons")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for required in ("questions.sqlite", "resources/icons/mlprep.svg", "pyproject.toml", "Makefile",
                     "packaging/mlprep.spec", f"packaging/linux/{APP_ID}.desktop",
                     "mlprep_desktop/smoke_test.py", "tests/conftest.py"):
        if required not in names:
            problems.append(f"{sdist.name} lacks {required}")
    report.append(f"sdist: {sdist.name}, {megabytes(sdist.stat().st_size)}")
    return problems, report


def folder_size(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (symbolic links not counted twice)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check_frozen(app: Path) -> tuple[list[str], list[str]]:
    """(problems, report lines) for the one-folder app ``app`` (dist/mlprep)."""
    problems = [f"{app} lacks {name}" for name in FROZEN_REQUIRED if not (app / name).is_file()]
    if (app / "mlprep").is_file() and not (app / "mlprep").stat().st_mode & 0o111:
        problems.append(f"{app / 'mlprep'} is not executable")
    plugin_dirs = sorted(app.glob("_internal/**/plugins/platforms"))
    plugins = plugin_dirs[0].parent if plugin_dirs else None
    if plugins is None:
        problems.append(f"{app} has no Qt plugins folder")
    else:
        for pattern in FROZEN_PLUGINS:
            if not list(plugins.glob(pattern)):
                problems.append(f"{app} lacks the Qt plugin {pattern}")
    files = [p for p in app.rglob("*") if p.is_file()]
    for path in files:
        shown = "/" + path.relative_to(app).as_posix()
        bad = [marker for marker in FROZEN_FORBIDDEN if marker in shown]
        if bad:
            problems.append(f"{app} carries {shown}, which it does not need")
    if not list((app / "_internal" / "numpy").glob("_core/_multiarray_umath*.so")):  # its .py sit in the PYZ
        problems.append(f"{app} lacks NumPy, which the exercises run with")
    size = folder_size(app)
    if size > FROZEN_BUDGET_MB * 1_000_000:
        problems.append(f"{app} is {megabytes(size)}, over the budget of {FROZEN_BUDGET_MB} MB")
    report = [f"frozen: {app}, {megabytes(size)} in {len(files)} files (budget {FROZEN_BUDGET_MB} MB)"]
    return problems, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("wheel", "frozen"))
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    problems, report = check_wheel(args.path) if args.kind == "wheel" else check_frozen(args.path)
    for line in report:
        print(line)
    for problem in problems:
        print(f"check_dist: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
