"""What an exercise run produced: per-test results, output, and why it stopped. No Qt."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# Import names whose pip package is called differently (for "how to install it").
PIP_NAMES = {"sklearn": "scikit-learn", "cv2": "opencv-python", "PIL": "pillow", "yaml": "pyyaml"}


class TestStatus(str, Enum):
    __test__ = False  # not a pytest test class
    PASSED = "passed"
    FAILED = "failed"  # an assertion failed
    ERROR = "error"  # any other exception, or the process died during the test
    NOT_RUN = "not run"


class StopReason(str, Enum):
    """Why a run ended before every test had run normally."""

    TIME_LIMIT = "time limit"  # CPU seconds or wall-clock seconds
    MEMORY = "memory"  # MemoryError under the address-space limit
    OUTPUT_CAP = "output cap"  # printed more than the output cap
    STOPPED = "stopped"  # the user pressed Stop (or the app closed)
    CRASHED = "crashed"  # the process died: os._exit, a signal, a broken interpreter
    MISSING_MODULE = "missing module"  # a module in ``requires`` is not installed
    LOAD_ERROR = "load error"  # solution.py or the tests do not import (syntax error …)


@dataclass(frozen=True)
class Limits:
    """The limits a run is held to (the OS enforces them in the child)."""

    cpu_seconds: int = 10
    wall_seconds: float = 20.0
    memory_mb: int = 1024
    output_bytes: int = 1_000_000
    file_bytes: int = 16 << 20
    open_files: int = 64

    @classmethod
    def for_exercise(cls, time_limit: int | None, memory_mb: int | None) -> Limits:
        cpu = int(time_limit or cls.cpu_seconds)
        return cls(cpu_seconds=cpu, wall_seconds=max(2.0 * cpu, cls.wall_seconds),
                   memory_mb=int(memory_mb or cls.memory_mb))


@dataclass(frozen=True)
class TestResult:
    __test__ = False
    name: str
    status: TestStatus
    message: str = ""
    line: int | None = None  # the line of solution.py the failure points at, if any
    test_line: int | None = None  # the line of the tests it failed in
    seconds: float = 0.0
    traceback: str = ""

    @property
    def passed(self) -> bool:
        return self.status is TestStatus.PASSED


@dataclass(frozen=True)
class RunResult:
    tests: tuple[TestResult, ...]
    output: str = ""
    output_cut: bool = False
    stop_reason: StopReason | None = None
    stop_detail: str = ""  # a sentence for the user saying what happened
    error_line: int | None = None  # for a load error: the line in solution.py
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0
    network_isolated: bool = False
    files_restricted: bool = False  # Landlock: no reading outside Python's folders
    processes_blocked: bool = False  # seccomp: no fork / exec
    sandbox_note: str = ""
    missing_modules: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)

    @property
    def passed(self) -> int:
        return sum(t.passed for t in self.tests)

    @property
    def total(self) -> int:
        return len(self.tests)

    @property
    def all_passed(self) -> bool:
        return bool(self.tests) and self.passed == self.total and self.stop_reason is None

    def summary(self) -> str:
        """One line for the user: '3/5 tests passed', 'Stopped: time limit 10 s' …"""
        counts = f"{self.passed}/{self.total} tests passed"
        reason = self.stop_reason
        if reason is None:
            return counts
        if reason is StopReason.TIME_LIMIT:
            return f"Stopped: {self.stop_detail or 'time limit'} · {counts}"
        if reason is StopReason.MEMORY:
            return f"Out of memory (limit {self.limits.memory_mb} MB) · {counts}"
        if reason is StopReason.OUTPUT_CAP:
            return f"Stopped: output over {self.limits.output_bytes // 1_000_000} MB · {counts}"
        if reason is StopReason.STOPPED:
            return f"Stopped · {counts}"
        if reason is StopReason.MISSING_MODULE:
            return self.stop_detail
        if reason is StopReason.LOAD_ERROR:
            return f"Does not run: {self.stop_detail}"
        return f"Crashed: {self.stop_detail} · {counts}"


def install_hint(modules: tuple[str, ...] | list[str], python: str) -> str:
    """'scikit-learn is not installed …' with the command that installs it."""
    packages = [PIP_NAMES.get(m, m) for m in modules]
    names = ", ".join(packages)
    verb = "is" if len(packages) == 1 else "are"
    return (f"{names} {verb} not installed for {python}. Install with: "
            f"{python} -m pip install {' '.join(packages)} — or choose a Python that has "
            f"{'it' if len(packages) == 1 else 'them'} in Settings (exercise interpreter).")


# ----- storing a result (an interview keeps its item's last run; JSON-ready dicts)
STORED_OUTPUT_CHARS = 20_000  # what a stored result keeps of the printed output


def result_to_dict(result: RunResult) -> dict:
    """``result`` as plain JSON-ready data (``result_from_dict`` reads it back). The printed
    output is kept to ``STORED_OUTPUT_CHARS`` (marked as cut); tracebacks are dropped."""
    output = result.output
    cut = result.output_cut or len(output) > STORED_OUTPUT_CHARS
    return {
        "tests": [{"name": t.name, "status": t.status.value, "message": t.message[:2000], "line": t.line,
                   "test_line": t.test_line, "seconds": t.seconds} for t in result.tests],
        "output": output[:STORED_OUTPUT_CHARS],
        "output_cut": cut,
        "stop_reason": result.stop_reason.value if result.stop_reason is not None else None,
        "stop_detail": result.stop_detail,
        "error_line": result.error_line,
        "wall_seconds": result.wall_seconds,
        "cpu_seconds": result.cpu_seconds,
        "missing_modules": list(result.missing_modules),
        "limits": {"cpu_seconds": result.limits.cpu_seconds, "wall_seconds": result.limits.wall_seconds,
                   "memory_mb": result.limits.memory_mb, "output_bytes": result.limits.output_bytes},
    }


def result_from_dict(data: object) -> RunResult | None:
    """The result ``result_to_dict`` stored; None when ``data`` is not one (damaged, absent)."""
    if not isinstance(data, dict) or not isinstance(data.get("tests"), list):
        return None
    try:
        tests = tuple(
            TestResult(str(t["name"]), TestStatus(t.get("status", "not run")), str(t.get("message") or ""),
                       _int_or_none(t.get("line")), _int_or_none(t.get("test_line")), float(t.get("seconds") or 0.0))
            for t in data["tests"]
        )
        reason = data.get("stop_reason")
        limits = data.get("limits") if isinstance(data.get("limits"), dict) else {}
        return RunResult(
            tests=tests,
            output=str(data.get("output") or ""),
            output_cut=bool(data.get("output_cut")),
            stop_reason=StopReason(reason) if reason else None,
            stop_detail=str(data.get("stop_detail") or ""),
            error_line=_int_or_none(data.get("error_line")),
            wall_seconds=float(data.get("wall_seconds") or 0.0),
            cpu_seconds=float(data.get("cpu_seconds") or 0.0),
            missing_modules=tuple(str(m) for m in data.get("missing_modules") or ()),
            limits=Limits(**{k: v for k, v in limits.items() if k in Limits.__dataclass_fields__}),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _int_or_none(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
