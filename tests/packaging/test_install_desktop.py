"""``make install-desktop`` / ``uninstall-desktop`` and the scripts behind them, into a temporary
XDG_DATA_HOME: from the checkout and from the frozen folder's layout."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mlprep_desktop import app

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ID = app.DESKTOP_ID
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

pytestmark = pytest.mark.skipif(shutil.which("make") is None or shutil.which("sh") is None,
                                reason="needs make and sh")


def installed_files(data: Path) -> list[Path]:
    return [
        data / "applications" / f"{ID}.desktop",
        data / "metainfo" / f"{ID}.metainfo.xml",
        data / "icons" / "hicolor" / "scalable" / "apps" / f"{ID}.svg",
        *(data / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{ID}.png" for n in SIZES),
    ]


def fake_program(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "mlprep"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    return program


def run(command: list[str], home: Path, **kw) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "LANG": "C.UTF-8"}
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, **kw)


def entry_lines(data: Path) -> dict[str, str]:
    text = (data / "applications" / f"{ID}.desktop").read_text()
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_make_install_desktop_then_uninstall(tmp_path):
    home = tmp_path / "home"
    data = home / "share"
    program = fake_program(tmp_path / "my apps" / "bin")  # a space in the path
    # things of other apps in the same folders must survive the uninstall
    other = data / "applications" / "other.desktop"
    other_icon = data / "icons" / "hicolor" / "48x48" / "apps" / "other.png"
    for path in (other, other_icon):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("keep me")

    done = run(["make", "-s", "-C", str(REPO), "install-desktop", f"MLPREP_EXEC={program}"], home)
    assert done.returncode == 0, done.stdout + done.stderr
    for path in installed_files(data):
        assert path.is_file(), path
    entry = entry_lines(data)
    assert entry["Exec"] == f'"{program}"'
    assert entry["TryExec"] == str(program)
    assert entry["Icon"] == ID
    assert (data / "icons/hicolor/scalable/apps" / f"{ID}.svg").read_bytes() == \
        (REPO / "resources/icons/mlprep.svg").read_bytes()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(data / "applications" / f"{ID}.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    done = run(["make", "-s", "-C", str(REPO), "uninstall-desktop"], home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not any(path.exists() for path in installed_files(data))
    assert other.read_text() == other_icon.read_text() == "keep me"
    assert "Removed the MLPrep Desktop launcher" in done.stdout


def test_installing_twice_replaces_the_entry(tmp_path):
    home = tmp_path / "home"
    first, second = fake_program(tmp_path / "a"), fake_program(tmp_path / "b")
    for program in (first, second):
        done = run(["sh", str(LINUX / "install-desktop.sh"), "--exec", str(program)], home)
        assert done.returncode == 0, done.stderr
    assert entry_lines(home / "share")["TryExec"] == str(second)
    assert len(list((home / "share" / "applications").glob("*.desktop"))) == 1


def test_frozen_folder_installs_its_own_program(tmp_path):
    """dist/mlprep/ holds the scripts next to the program and the icons under _internal/."""
    folder = tmp_path / "dist" / "mlprep"
    program = fake_program(folder)
    for name in (f"{ID}.desktop", f"{ID}.metainfo.xml", "install-desktop.sh", "uninstall-desktop.sh"):
        shutil.copy2(LINUX / name, folder / name)
    shutil.copytree(REPO / "resources" / "icons", folder / "_internal/mlprep_desktop/_bundle/resources/icons")
    home = tmp_path / "home"

    done = run(["sh", str(folder / "install-desktop.sh")], home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert entry_lines(home / "share")["Exec"] == f'"{program}"'
    assert all(path.is_file() for path in installed_files(home / "share"))

    done = run(["sh", str(folder / "uninstall-desktop.sh")], home)
    assert done.returncode == 0, done.stderr
    assert not any(path.exists() for path in installed_files(home / "share"))


def test_a_missing_program_is_refused_and_nothing_is_written(tmp_path):
    home = tmp_path / "home"
    done = run(["sh", str(LINUX / "install-desktop.sh"), "--exec", str(tmp_path / "nowhere" / "mlprep")], home)
    assert done.returncode == 1
    assert "is not an executable program" in done.stderr
    assert not (home / "share").exists()


def test_without_a_program_on_path_it_says_what_to_do(tmp_path):
    done = run(["sh", str(LINUX / "install-desktop.sh")], tmp_path / "home")
    assert done.returncode == 1
    assert "pass --exec PROGRAM" in done.stderr


def test_uninstall_when_nothing_is_installed_is_calm(tmp_path):
    done = run(["sh", str(LINUX / "uninstall-desktop.sh")], tmp_path / "home")
    assert done.returncode == 0
    assert "nothing to remove" in done.stdout


def test_the_scripts_are_executable():
    for name in ("install-desktop.sh", "uninstall-desktop.sh"):
        assert os.access(LINUX / name, os.X_OK), name
