"""The runner as a user meets it: right and wrong code, and every hostile case of issue 11.

Each run checks that nothing is left behind: the child's process group is gone and the
temporary folder removed. Limits are small (1-2 s) so the suite stays quick; no sleeps.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from mlprep_desktop.runner.process import ExerciseProcess
from mlprep_desktop.runner.results import Limits, StopReason, TestStatus

TESTS = '''
from solution import add


def test_small():
    assert add(1, 2) == 3, f"add(1, 2) returned {add(1, 2)}"


def test_zero():
    assert add(0, 0) == 0


def test_negative():
    assert add(-1, 1) == 0
'''
QUICK = Limits(cpu_seconds=2, wall_seconds=4.0, memory_mb=512)
RIGHT = "def add(a, b):\n    return a + b\n"


def run(code: str, tests: str = TESTS, limits: Limits = QUICK, **options):
    process = ExerciseProcess(code, tests, limits, **options)
    result = process.run()
    assert process.pid is not None
    with pytest.raises(ProcessLookupError):  # the whole group is gone
        os.killpg(process.pid, 0)
    assert not Path(process.workdir).exists(), "the temporary folder was left behind"
    return result


def statuses(result) -> list[str]:
    return [t.status.value for t in result.tests]


def test_right_code_passes_every_test():
    result = run(RIGHT)
    assert result.all_passed and result.summary() == "3/3 tests passed"
    assert [t.name for t in result.tests] == ["test_small", "test_zero", "test_negative"]


def test_wrong_code_names_the_failing_test_and_its_message():
    result = run("def add(a, b):\n    return a - b\n")
    assert result.summary() == "1/3 tests passed"
    small = result.tests[0]
    assert small.status is TestStatus.FAILED and small.message == "add(1, 2) returned -1"
    assert result.tests[1].passed
    assert result.tests[2].message == "assertion failed: assert add(-1, 1) == 0"


def test_error_points_at_the_line_of_the_users_code():
    code = "def add(a, b):\n    total = a + b\n    return total / 0\n"
    result = run(code)
    first = result.tests[0]
    assert first.status is TestStatus.ERROR and first.message.startswith("ZeroDivisionError")
    assert first.line == 3 and first.test_line == 6
    assert "solution.py" in first.traceback


def test_printed_output_is_captured():
    result = run("def add(a, b):\n    print('adding', a, b)\n    return a + b\n")
    assert result.all_passed and "adding 1 2" in result.output and not result.output_cut


def test_syntax_error_is_reported_with_its_line():
    result = run("def add(a, b):\n    return (a +\n\n")
    assert result.stop_reason is StopReason.LOAD_ERROR
    assert result.error_line == 2
    assert "SyntaxError" in result.summary() and "line 2" in result.summary()
    assert all(t.status is TestStatus.ERROR and t.line == 2 for t in result.tests)


def test_infinite_loop_is_stopped_by_the_cpu_limit():
    result = run("def add(a, b):\n    while True:\n        pass\n", limits=Limits(cpu_seconds=1, wall_seconds=10))
    assert result.stop_reason is StopReason.TIME_LIMIT
    assert result.summary() == "Stopped: time limit 1 s · 0/3 tests passed"
    assert statuses(result) == ["error", "not run", "not run"]


def test_test_that_never_returns_is_stopped_by_the_wall_clock():
    blocking = "import select\n\ndef add(a, b):\n    select.select([], [], [])\n"
    result = run(blocking, limits=Limits(cpu_seconds=5, wall_seconds=1.0))
    assert result.stop_reason is StopReason.TIME_LIMIT
    assert "wall-clock limit 1 s" in result.summary()
    assert result.tests[0].status is TestStatus.ERROR


def test_stop_kills_the_run_at_once():
    holder: list[ExerciseProcess] = []

    def on_event(event):
        if event.get("event") == "begin":
            holder[0].stop()

    process = ExerciseProcess("def add(a, b):\n    while True:\n        pass\n", TESTS,
                              Limits(cpu_seconds=30, wall_seconds=60), on_event=on_event)
    holder.append(process)
    result = process.run()
    assert result.stop_reason is StopReason.STOPPED and result.summary().startswith("Stopped")
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)


def test_self_referencing_list_runs_out_of_memory():
    code = "def add(a, b):\n    x = []\n    while True:\n        x.append(x)\n"
    result = run(code, limits=Limits(cpu_seconds=20, wall_seconds=40, memory_mb=256))
    assert result.stop_reason is StopReason.MEMORY
    assert result.tests[0].message.startswith("MemoryError") and "256 MB" in result.summary()


def test_huge_print_is_a_memory_error_or_capped():
    result = run("def add(a, b):\n    print('x' * 10**9)\n", limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512))
    assert result.stop_reason is StopReason.MEMORY


def test_output_over_the_cap_stops_the_run_and_is_marked_cut():
    code = "def add(a, b):\n    while True:\n        print('y' * 10_000)\n"
    result = run(code, limits=Limits(cpu_seconds=5, wall_seconds=10, output_bytes=100_000))
    assert result.stop_reason is StopReason.OUTPUT_CAP and result.output_cut
    kept, marker = result.output.rsplit("\n… ", 1)
    assert len(kept.encode()) == 100_000 and marker == "output cut at 100,000 bytes"


def test_fork_bomb_cannot_start_a_process():
    code = "import os\n\ndef add(a, b):\n    while True:\n        os.fork()\n"
    result = run(code)
    assert result.stop_reason is None
    assert "may not start processes" in result.tests[0].message


def test_os_system_runs_nothing(tmp_path):
    marker = tmp_path / "marker"
    code = f"import os\n\ndef add(a, b):\n    os.system('touch {marker}')\n    return a + b\n"
    result = run(code)
    assert result.all_passed  # the call returns an error status; the test goes on
    assert not marker.exists()


def test_subprocess_is_refused():
    code = "import subprocess\n\ndef add(a, b):\n    subprocess.run(['true'])\n"
    result = run(code)
    assert result.tests[0].status is TestStatus.ERROR and "may not start processes" in result.tests[0].message


def test_runs_in_an_empty_temporary_folder():
    tests = "import os\n\ndef test_folder():\n    assert sorted(os.listdir('.')) == ['exercise_tests.py', 'solution.py'], os.listdir('.')\n" \
            "    assert os.environ['HOME'] == os.getcwd()\n"
    assert run("", tests).all_passed


def test_no_network_when_the_namespace_applies():
    tests = ("import socket\n\ndef test_connect():\n    s = socket.socket()\n    s.settimeout(1)\n"
             "    s.connect(('127.0.0.1', 9))\n")
    result = run("", tests)
    assert result.network_isolated == _userns_available(), result.sandbox_note
    if result.network_isolated:
        assert result.tests[0].status is TestStatus.ERROR
        assert result.tests[0].message.startswith(("OSError", "ConnectionRefusedError", "PermissionError"))


def test_closing_stdout_does_not_lose_the_results():
    tests = ("import os, sys\n\ndef test_close():\n    sys.stdout.close()\n    os.close(1)\n    os.close(2)\n\n"
             "def test_after():\n    assert 1 + 1 == 2\n")
    result = run("", tests)
    assert statuses(result) == ["passed", "passed"] and result.stop_reason is None


def test_sys_exit_in_a_test_is_an_error_and_the_others_run():
    tests = "import sys\n\ndef test_exit():\n    sys.exit(3)\n\ndef test_after():\n    pass\n"
    result = run("", tests)
    assert statuses(result) == ["error", "passed"]
    assert "sys.exit(3)" in result.tests[0].message


def test_os_exit_in_a_test_is_a_crash_named_at_that_test():
    tests = "import os\n\ndef test_before():\n    pass\n\ndef test_exit():\n    os._exit(4)\n\ndef test_after():\n    pass\n"
    result = run("", tests)
    assert result.stop_reason is StopReason.CRASHED and "code 4" in result.summary()
    assert statuses(result) == ["passed", "error", "not run"]


def test_tests_module_that_never_finishes_importing():
    result = run("", "while True:\n    pass\n\ndef test_never():\n    pass\n", limits=Limits(cpu_seconds=1, wall_seconds=10))
    assert result.stop_reason is StopReason.TIME_LIMIT
    assert [t.name for t in result.tests] == ["test_never"]


def test_missing_module_says_how_to_install_it():
    result = run(RIGHT, requires=("numpy_or_not_xyz", "sklearn"))
    if "sklearn" in result.missing_modules:
        assert "scikit-learn" in result.stop_detail
    assert result.stop_reason is StopReason.MISSING_MODULE
    assert "numpy_or_not_xyz" in result.summary() and "pip install" in result.summary()


def test_another_interpreter_runs_the_harness_from_source():
    result = run(RIGHT, python=sys.executable)
    assert result.all_passed


def test_the_app_entry_point_dispatches_to_the_harness():
    result = run(RIGHT, command=[sys.executable, "-I", "-m", "mlprep_desktop", "run-exercise"])
    assert result.all_passed


def test_reading_outside_the_folder_is_refused_where_landlock_exists():
    tests = f"def test_read():\n    open({__file__!r}).read()\n\ndef test_own_folder():\n" \
            "    open('notes.txt', 'w').write('ok')\n    assert open('notes.txt').read() == 'ok'\n"
    result = run("", tests)
    assert result.files_restricted == _landlock_available(), result.sandbox_note
    assert result.tests[1].passed
    if result.files_restricted:
        assert result.tests[0].message.startswith("PermissionError")


def _landlock_available() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    return libc.syscall(444, None, ctypes.c_size_t(0), ctypes.c_uint32(1)) >= 1


def _userns_available() -> bool:
    if not sys.platform.startswith("linux") or not Path("/usr/bin/unshare").exists():
        return False
    import subprocess

    return subprocess.run(["/usr/bin/unshare", "-Urn", "true"], capture_output=True).returncode == 0
