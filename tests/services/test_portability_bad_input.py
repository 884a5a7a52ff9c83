"""Bad input for JSON import and for exports: a clear message naming the file, nothing written."""
from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from mlprep_desktop.core import portable_format
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.services.portability import export_json, import_json, preview_import
from tests.services.portable_helpers import fill, open_context
from tests.services.test_portability import dump


@pytest.fixture
def ctx(tmp_path, bundle):
    c = open_context(tmp_path / "db" / "questions.sqlite", bundle)
    fill(c)
    yield c
    c.close()


@pytest.fixture
def good(ctx, tmp_path) -> Path:
    out = tmp_path / "good.json"
    export_json(ctx.database, out)
    return out


def refused(ctx, path: Path, match: str) -> None:
    before = dump(ctx.database.path)
    for run in (preview_import, import_json):
        with pytest.raises(OperationError, match=match) as info:
            run(ctx.database, path)
        assert str(path) in str(info.value)
    assert dump(ctx.database.path) == before


def test_truncated_json(ctx, good, tmp_path):
    bad = tmp_path / "cut.json"
    text = good.read_text()
    bad.write_text(text[: len(text) // 2])
    refused(ctx, bad, "ends too early")


def test_malformed_json(ctx, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "mlprep-export", "version": 1, "sections": {,}}')
    refused(ctx, bad, r"not valid JSON .* line 1")


def test_not_an_export(ctx, tmp_path):
    bad = tmp_path / "other.json"
    bad.write_text('{"hello": 1}')
    refused(ctx, bad, "not an MLPrep Desktop export")


def test_a_newer_format_version_is_refused(ctx, good):
    doc = json.loads(good.read_text())
    doc["version"] = portable_format.FORMAT_VERSION + 1
    good.write_text(json.dumps(doc))
    refused(ctx, good, "newer MLPrep Desktop")


def test_duplicate_ids_are_refused(ctx, good):
    doc = json.loads(good.read_text())
    doc["sections"]["notes"].append(dict(doc["sections"]["notes"][0]))
    good.write_text(json.dumps(doc))
    refused(ctx, good, r"notes has the id .* twice")


def test_duplicate_keys_in_an_object_are_refused(ctx, tmp_path):
    bad = tmp_path / "dup.json"
    bad.write_text('{"format": "mlprep-export", "format": "x", "version": 1, "sections": {}}')
    refused(ctx, bad, "appears twice")


def test_wrong_value_types_are_refused(ctx, good):
    doc = json.loads(good.read_text())
    doc["sections"]["notes"][0]["body"] = {"nested": True}
    good.write_text(json.dumps(doc))
    refused(ctx, good, r"notes row 1: 'body' must be text")


def test_a_500_mb_file_is_refused_by_its_size_without_reading_it(ctx, tmp_path, monkeypatch):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:
        f.truncate(500 * 1024 * 1024)  # sparse: takes no disk space
    opened = []
    real_read = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: opened.append(self) or real_read(self, *a, **k))
    refused(ctx, huge, "500 MB, larger than the 200 MB")
    assert huge not in opened


def test_a_missing_file(ctx, tmp_path):
    refused(ctx, tmp_path / "nowhere.json", "cannot be read")


def test_binary_garbage(ctx, tmp_path):
    bad = tmp_path / "bin.json"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    refused(ctx, bad, "not UTF-8")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_export_into_a_read_only_folder(ctx, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(OperationError, match=r"Could not write .*ro/e\.json: Permission denied"):
            export_json(ctx.database, folder / "e.json")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_export_onto_a_full_disk_leaves_the_old_file(ctx, good, monkeypatch):
    before = good.read_bytes()

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(OperationError, match=r"Could not write .*good\.json: No space left on device"):
        export_json(ctx.database, good)
    assert good.read_bytes() == before
    assert [p.name for p in good.parent.iterdir() if p.name.endswith(".part")] == []


def test_cli_import_of_a_bad_file_fails_with_the_message(ctx, tmp_path):
    bad = tmp_path / "cut.json"
    bad.write_text('{"format": "mlprep-export", "vers')
    path = ctx.database.path
    ctx.close()
    from mlprep_desktop import cli
    result = subprocess.run([os.sys.executable, "-m", "mlprep_desktop", "import", str(bad), "--db", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert str(bad) in result.stderr and "ends too early" in result.stderr
    assert cli  # the module the subprocess runs


def test_export_onto_a_read_only_file_system(ctx, tmp_path, monkeypatch):
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    target = tmp_path / "out" / "e.json"
    target.parent.mkdir()
    with pytest.raises(OperationError, match=r"Could not write .*e\.json: Read-only file system"):
        export_json(ctx.database, target)
    assert not target.exists()


def test_zips_are_never_extracted_by_an_import(ctx, tmp_path):
    """Importing .apkg is not a feature: a deck or a zip (with ../ paths, or a bomb) is refused
    by its name, or read as text and refused, and nothing is ever unpacked."""
    import zipfile

    from mlprep_desktop.services.imports import import_path

    inner = tmp_path / "inner"
    inner.mkdir()
    for name in ("evil.apkg", "evil.zip", "evil.json", "evil.csv"):
        bomb = inner / name
        with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("../escaped.txt", "pwned")
            z.writestr("bomb.bin", b"\0" * (20 * 1024 * 1024))
        before = dump(ctx.database.path)
        with pytest.raises(OperationError, match=r"evil\.\w+: (cannot import this kind|is not UTF-8)"):
            import_path(ctx.database, bomb)
        assert dump(ctx.database.path) == before
    assert not (tmp_path / "escaped.txt").exists() and not (inner.parent / "escaped.txt").exists()
