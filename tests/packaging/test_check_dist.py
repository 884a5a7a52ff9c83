"""packaging/check_dist.py, which `make wheel` and `make package` run on the real artefacts."""
from __future__ import annotations

import io
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging"))
import check_dist  # noqa: E402

BANK = b"SQLite format 3\x00 the bank"
WHEEL_FILES = {
    "mlprep_desktop/cli.py": b"",
    "mlprep_desktop/smoke_test.py": b"",
    "mlprep_desktop/_bundle/questions.sqlite": BANK,
    "mlprep_desktop/_bundle/resources/icons/mlprep.svg": b"<svg/>",
    "mlprep_desktop/_bundle/README.md": b"## Using it\n",
    "mlprep_desktop/_bundle/resources/questions/fundamentals/a.md": b"+++",
    "mlprep_desktop-0.1.0.dist-info/entry_points.txt": b"[gui_scripts]\nmlprep = mlprep_desktop.cli:main\n",
}
SDIST_FILES = ("questions.sqlite", "resources/icons/mlprep.svg", "pyproject.toml", "Makefile",
               "packaging/mlprep.spec", f"packaging/linux/{check_dist.APP_ID}.desktop",
               "mlprep_desktop/smoke_test.py", "tests/conftest.py")


def make_dist(folder: Path, wheel_files: dict[str, bytes], sdist_files=SDIST_FILES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / "mlprep_desktop-0.1.0-py3-none-any.whl", "w") as archive:
        for name, data in wheel_files.items():
            archive.writestr(name, data)
    with tarfile.open(folder / "mlprep_desktop-0.1.0.tar.gz", "w:gz") as archive:
        for name in sdist_files:
            info = tarfile.TarInfo(f"mlprep_desktop-0.1.0/{name}")
            archive.addfile(info, io.BytesIO(b""))
    return folder


def make_frozen(folder: Path) -> Path:
    for name in check_dist.FROZEN_REQUIRED:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"x")
    (folder / "mlprep").chmod(0o755)
    plugins = folder / "_internal/PySide6/Qt/plugins"
    for name in ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "platforms/libqwayland.so",
                 "imageformats/libqsvg.so", "iconengines/libqsvgicon.so"):
        (plugins / name).parent.mkdir(parents=True, exist_ok=True)
        (plugins / name).write_bytes(b"\x7fELF")
    numpy = folder / "_internal/numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so"
    numpy.parent.mkdir(parents=True, exist_ok=True)
    numpy.write_bytes(b"\x7fELF")
    return folder


def test_a_complete_wheel_and_sdist_pass(tmp_path):
    bank = tmp_path / "questions.sqlite"
    bank.write_bytes(BANK)
    problems, report = check_dist.check_wheel(make_dist(tmp_path / "dist", WHEEL_FILES), bank)
    assert problems == []
    assert report[0].startswith("wheel: mlprep_desktop-0.1.0-py3-none-any.whl, ")
    assert "1 question sources" in report[0]


def test_a_wheel_without_the_bank_or_the_command_fails(tmp_path):
    files = {k: v for k, v in WHEEL_FILES.items() if "questions.sqlite" not in k and "entry_points" not in k}
    problems, _ = check_dist.check_wheel(make_dist(tmp_path / "dist", files), None)
    assert any("lacks mlprep_desktop/_bundle/questions.sqlite" in p for p in problems)
    assert any("does not declare the mlprep command" in p for p in problems)


def test_a_stale_bank_in_the_wheel_fails(tmp_path):
    bank = tmp_path / "questions.sqlite"
    bank.write_bytes(BANK + b" but newer")
    problems, _ = check_dist.check_wheel(make_dist(tmp_path / "dist", WHEEL_FILES), bank)
    assert problems == [f"mlprep_desktop-0.1.0-py3-none-any.whl carries a questions.sqlite that differs from {bank}"]


def test_an_sdist_without_the_bank_fails(tmp_path):
    dist = make_dist(tmp_path / "dist", WHEEL_FILES, [n for n in SDIST_FILES if n != "questions.sqlite"])
    problems, _ = check_dist.check_wheel(dist, None)
    assert problems == ["mlprep_desktop-0.1.0.tar.gz lacks questions.sqlite"]


def test_a_complete_frozen_folder_passes(tmp_path):
    problems, report = check_dist.check_frozen(make_frozen(tmp_path / "mlprep"))
    assert problems == []
    assert report[0].startswith(f"frozen: {tmp_path / 'mlprep'}, ")


def test_a_frozen_folder_with_webengine_or_without_svg_fails(tmp_path):
    app = make_frozen(tmp_path / "mlprep")
    (app / "_internal/PySide6/Qt/plugins/imageformats/libqsvg.so").unlink()
    (app / "_internal/PySide6/Qt/lib").mkdir(parents=True)
    (app / "_internal/PySide6/Qt/lib/libQt6WebEngineCore.so.6").write_bytes(b"x")
    (app / f"_internal/{check_dist.BUNDLE}/questions.sqlite").unlink()
    problems, _ = check_dist.check_frozen(app)
    assert any("lacks the Qt plugin imageformats/libqsvg.so" in p for p in problems)
    assert any("libQt6WebEngineCore.so.6, which it does not need" in p for p in problems)
    assert any("lacks _internal/mlprep_desktop/_bundle/questions.sqlite" in p for p in problems)


def test_a_frozen_folder_without_numpy_with_scipy_or_over_budget_fails(tmp_path, monkeypatch):
    app = make_frozen(tmp_path / "mlprep")
    for lib in (app / "_internal/numpy").rglob("*.so"):
        lib.unlink()
    (app / "_internal/scipy").mkdir()
    (app / "_internal/scipy/_lib.so").write_bytes(b"x")
    monkeypatch.setattr(check_dist, "FROZEN_BUDGET_MB", 0)
    problems, _ = check_dist.check_frozen(app)
    assert any("lacks NumPy" in p for p in problems)
    assert any("_internal/scipy/_lib.so, which it does not need" in p for p in problems)
    assert any("over the budget of 0 MB" in p for p in problems)
