"""The parent side of an exercise run: start the child, watch it, kill it, read its results.

``ExerciseProcess(code, tests, limits).run()`` blocks until the run ends (use it from a worker
thread or the command line); ``stop()`` may be called from any thread and kills the child's
whole process group at once. Whatever happens, the child's group is killed and the temporary
folder removed before ``run`` returns. No Qt.
"""
from __future__ import annotations

import atexit
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from mlprep_desktop.core.exercise import test_names
from mlprep_desktop.runner.harness import SOLUTION, TESTS
from mlprep_desktop.runner.results import (
    Limits,
    RunResult,
    StopReason,
    TestResult,
    TestStatus,
    install_hint,
)

_CHUNK = 65536
_LIVE: weakref.WeakSet[ExerciseProcess] = weakref.WeakSet()


@atexit.register
def _kill_live_runs() -> None:
    """The app is exiting: no child outlives it."""
    for process in list(_LIVE):
        process.stop()


def child_command(python: str | None = None) -> list[str]:
    """The command that starts the harness: this app's own entry point, or ``python``."""
    if python:
        return [python, "-I", "-X", "utf8", "-c", harness_source()]
    if getattr(sys, "frozen", False):
        return [sys.executable, "run-exercise"]
    return [sys.executable, "-I", "-X", "utf8", "-m", "mlprep_desktop.runner"]


def harness_source() -> str:
    """The harness as source text, to run under another interpreter with ``-c``."""
    from importlib import resources

    return resources.files("mlprep_desktop.runner").joinpath("harness.py").read_text(encoding="utf-8")


def _child_env(workdir: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": workdir,
        "TMPDIR": workdir,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONUNBUFFERED": "1",
        # One thread per BLAS / OpenMP pool: the child may not start threads (RLIMIT_NPROC).
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NUMEXPR_NUM_THREADS": "1",
        "VECLIB_MAXIMUM_THREADS": "1",
    }
    for key in ("LD_LIBRARY_PATH", "SYSTEMROOT"):
        if key in os.environ and getattr(sys, "frozen", False):
            env[key] = os.environ[key]
    return env


class ExerciseProcess:
    """One run of ``code`` (as solution.py) against ``tests`` (a tests module's source)."""

    def __init__(self, code: str, tests: str, limits: Limits | None = None, *,
                 requires: tuple[str, ...] | list[str] = (), python: str | None = None,
                 isolate_network: bool = True, on_event: Callable[[dict], None] | None = None,
                 command: list[str] | None = None) -> None:
        """``on_event`` is called on the running thread with each event the child reports
        (``begin`` of a test, its ``test`` result …); ``command`` replaces ``child_command``."""
        self.code = code
        self.tests = tests
        self.limits = limits or Limits()
        self.requires = tuple(requires)
        self.python = python or None
        self.isolate_network = isolate_network
        self.on_event = on_event
        self.command = command
        self.pid: int | None = None  # the child's pid (= its process group), once started
        self.workdir: str | None = None
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._stop_requested = False
        self._killed_for: StopReason | None = None
        self._kill_detail = ""

    # ----- control (any thread)
    def stop(self) -> None:
        """Kill the run now (its whole process group); ``run`` then returns STOPPED."""
        with self._lock:
            self._stop_requested = True
            self._kill(StopReason.STOPPED, "stopped by you")

    def _kill(self, reason: StopReason, detail: str) -> None:
        if self._killed_for is None:
            self._killed_for, self._kill_detail = reason, detail
        if self._pid is not None:
            try:
                os.killpg(self._pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    # ----- the run (one thread)
    def run(self) -> RunResult:
        workdir = self.workdir = tempfile.mkdtemp(prefix="mlprep-run-")
        try:
            return self._run_in(workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _run_in(self, workdir: str) -> RunResult:
        Path(workdir, SOLUTION).write_text(self.code, encoding="utf-8")
        Path(workdir, TESTS).write_text(self.tests, encoding="utf-8")
        read_fd, write_fd = os.pipe()
        config = {
            "result_fd": write_fd,
            "cpu_seconds": self.limits.cpu_seconds,
            "memory_mb": self.limits.memory_mb,
            "file_bytes": self.limits.file_bytes,
            "open_files": self.limits.open_files,
            "requires": list(self.requires),
            "isolate_network": self.isolate_network,
        }
        started = time.monotonic()
        with self._lock:
            if self._stop_requested:
                os.close(read_fd)
                os.close(write_fd)
                return self._result([], b"", False, started, None, None)
            try:
                proc = subprocess.Popen(
                    [*(self.command or child_command(self.python)), json.dumps(config)],
                    cwd=workdir, env=_child_env(workdir), stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, pass_fds=(write_fd,),
                    start_new_session=True, close_fds=True,
                )
            except OSError as exc:
                os.close(read_fd)
                os.close(write_fd)
                self._killed_for, self._kill_detail = StopReason.CRASHED, f"cannot start {exc.filename or 'Python'}: {exc.strerror}"
                return self._result([], b"", False, started, None, None)
            self._pid = self.pid = proc.pid
            _LIVE.add(self)
        os.close(write_fd)
        try:
            events, output, cut, rusage, status = self._watch(proc, read_fd, started)
        finally:
            os.close(read_fd)
            with self._lock:
                try:  # anything the child left behind in its group goes too
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                self._pid = None
            if proc.stdout is not None:
                proc.stdout.close()
        return self._result(events, output, cut, started, status, rusage)

    def _watch(self, proc: subprocess.Popen, read_fd: int, started: float):
        selector = selectors.DefaultSelector()
        out_fd = proc.stdout.fileno()
        os.set_blocking(out_fd, False)
        os.set_blocking(read_fd, False)
        selector.register(out_fd, selectors.EVENT_READ, "out")
        selector.register(read_fd, selectors.EVENT_READ, "events")
        pidfd = None
        if hasattr(os, "pidfd_open"):
            try:
                pidfd = os.pidfd_open(proc.pid)
                selector.register(pidfd, selectors.EVENT_READ, "exit")
            except OSError:
                pidfd = None
        output = bytearray()
        cut = False
        buffer = b""
        events: list[dict] = []
        deadline = started + self.limits.wall_seconds
        status = rusage = None
        try:
            while True:
                if status is None:
                    pid, raw, usage = os.wait4(proc.pid, os.WNOHANG)
                    if pid:
                        status, rusage = raw, usage
                        proc.returncode = os.waitstatus_to_exitcode(raw)
                open_fds = [k.fd for k in selector.get_map().values() if k.data != "exit"]
                if status is not None and not open_fds:
                    break
                now = time.monotonic()
                if now >= deadline and status is None:
                    with self._lock:
                        self._kill(StopReason.TIME_LIMIT, f"wall-clock limit {self.limits.wall_seconds:g} s")
                    deadline = now + 5.0  # its death is reported by wait4 next
                timeout = max(0.0, deadline - now)
                if status is not None:
                    timeout = 0.0 if not open_fds else min(timeout, 0.2)
                elif pidfd is None:
                    timeout = min(timeout, 0.05)
                ready = selector.select(timeout)
                if status is not None and not ready:
                    break  # exited; a leftover holder of the pipes is killed by the caller
                for key, _ in ready:
                    if key.data == "exit":
                        selector.unregister(key.fd)
                        continue
                    try:
                        data = os.read(key.fd, _CHUNK)
                    except BlockingIOError:
                        continue
                    if not data:
                        selector.unregister(key.fd)
                        continue
                    if key.data == "events":
                        buffer += data
                        *lines, buffer = buffer.split(b"\n")
                        for line in lines:
                            try:
                                event = json.loads(line)
                            except ValueError:
                                continue
                            events.append(event)
                            if self.on_event is not None:
                                self.on_event(event)
                    elif not cut:
                        room = self.limits.output_bytes - len(output)
                        output += data[:room]
                        if len(data) > room:
                            cut = True
                            with self._lock:
                                self._kill(StopReason.OUTPUT_CAP, "output cap reached")
        finally:
            selector.close()
            if pidfd is not None:
                os.close(pidfd)
        if status is None:
            _, status, rusage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        return events, bytes(output), cut, rusage, status

    # ----- turning what happened into a result
    def _result(self, events: list[dict], output: bytes, cut: bool, started: float,
                status: int | None, rusage) -> RunResult:
        wall = time.monotonic() - started
        cpu = (rusage.ru_utime + rusage.ru_stime) if rusage is not None else 0.0
        sandbox = next((e for e in events if e.get("event") == "sandbox"), {})
        names = next((e["names"] for e in events if e.get("event") == "tests"), None)
        if names is None:
            names = test_names(self.tests)
        finished = {e["name"]: e for e in events if e.get("event") == "test"}
        begun = [e["name"] for e in events if e.get("event") == "begin"]
        running = begun[-1] if begun and begun[-1] not in finished else None
        done = any(e.get("event") == "done" for e in events)
        reason, detail, error_line = self._stop_reason(events, done, status, cpu)
        memory = any(e.get("memory") for e in events if e.get("event") in ("test", "load_error"))
        if reason is None and memory:
            reason, detail = StopReason.MEMORY, f"out of memory (limit {self.limits.memory_mb} MB)"
        load = next((e for e in events if e.get("event") == "load_error"), None)
        tests = []
        for name in names:
            event = finished.get(name)
            if event is not None:
                tests.append(TestResult(name, TestStatus(event["status"]), event.get("message", ""),
                                        event.get("line"), event.get("test_line"),
                                        float(event.get("seconds", 0.0)), event.get("traceback", "")))
            elif name == running:
                tests.append(TestResult(name, TestStatus.ERROR, detail or "the run ended during this test"))
            elif load is not None:
                tests.append(TestResult(name, TestStatus.ERROR, load.get("message", ""),
                                        load.get("line") if load.get("file") == SOLUTION else None))
            else:
                tests.append(TestResult(name, TestStatus.NOT_RUN))
        text = output.decode("utf-8", errors="replace")
        if cut:
            text += f"\n… output cut at {self.limits.output_bytes:,} bytes"
        return RunResult(
            tests=tuple(tests), output=text, output_cut=cut, stop_reason=reason, stop_detail=detail,
            error_line=error_line, wall_seconds=wall, cpu_seconds=cpu,
            network_isolated=bool(sandbox.get("network_isolated")),
            files_restricted=bool(sandbox.get("files_restricted")),
            processes_blocked=bool(sandbox.get("no_spawn")),
            sandbox_note="; ".join(str(sandbox.get(k, "")) for k in ("network_note", "spawn_note", "files_note")
                                   if sandbox.get(k)),
            missing_modules=tuple(next((e["modules"] for e in events if e.get("event") == "missing"), ())),
            limits=self.limits,
        )

    def _stop_reason(self, events: list[dict], done: bool, status: int | None, cpu: float):
        missing = next((e for e in events if e.get("event") == "missing"), None)
        if missing is not None:
            return StopReason.MISSING_MODULE, install_hint(missing["modules"], self.python or "this app's Python"), None
        if self._killed_for is not None:
            return self._killed_for, self._kill_detail, None
        load = next((e for e in events if e.get("event") == "load_error"), None)
        if load is not None:
            line = load.get("line")
            where = f" ({load.get('file')} line {line})" if line else ""
            return StopReason.LOAD_ERROR, f"{load.get('message', '')}{where}", line if load.get("file") == SOLUTION else None
        if done:
            return None, "", None
        if status is not None and os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu >= self.limits.cpu_seconds - 0.5):
                return StopReason.TIME_LIMIT, f"time limit {self.limits.cpu_seconds} s", None
            return StopReason.CRASHED, f"killed by {signal.Signals(sig).name}", None
        code = os.waitstatus_to_exitcode(status) if status is not None else None
        return StopReason.CRASHED, f"the process exited with code {code} before the tests finished", None


def run_exercise(code: str, tests: str, limits: Limits | None = None, **options) -> RunResult:
    """Run ``code`` against ``tests`` and wait for the result (see ``ExerciseProcess``)."""
    return ExerciseProcess(code, tests, limits, **options).run()
