"""The child side of an exercise run: limits itself, imports the tests, runs each test.

Runs as ``python -I -m mlprep_desktop.runner CONFIG`` (venv, wheel), ``mlprep run-exercise
CONFIG`` (frozen build) or ``OTHER_PYTHON -I -c <this file's source> CONFIG`` (a Python the user
chose), so it imports the standard library only. The working directory is an empty temp
folder holding ``solution.py`` and ``exercise_tests.py``.

Protocol: one JSON object per line on the file descriptor ``config["result_fd"]`` (user code
owns stdout/stderr): ``sandbox``, then ``missing`` or ``load_error`` or ``tests``; per test
``begin`` and ``test``; finally ``done``. The parent treats a process that ends before
``done`` as stopped or crashed during the last ``begin``.
"""
from __future__ import annotations

import ctypes
import importlib
import importlib.util
import inspect
import json
import linecache
import os
import resource
import sys
import time
import traceback

SOLUTION = "solution.py"
TESTS = "exercise_tests.py"
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


class _Channel:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send(self, **event) -> None:
        data = (json.dumps(event, ensure_ascii=False) + "\n").encode("utf-8")
        while data:
            try:
                written = os.write(self.fd, data)
            except OSError:
                return  # the parent went away or user code closed our fd: nothing to tell
            data = data[written:]


# Syscalls that start a process or a program, per architecture (seccomp filter below).
_NO_SPAWN = {
    "x86_64": (0xC000003E, {56: "clone", 57: "fork", 58: "vfork", 59: "execve", 322: "execveat", 435: "clone3"}),
    "aarch64": (0xC00000B7, {220: "clone", 221: "execve", 281: "execveat", 435: "clone3"}),
}


def _forbid_spawning() -> tuple[bool, str]:
    """Install a seccomp filter refusing fork/clone/exec with EPERM (ENOSYS for clone3, so
    libc falls back to clone). Works for every user, root included (root ignores RLIMIT_NPROC)."""
    import platform
    import struct

    machine = platform.machine()
    if not sys.platform.startswith("linux") or machine not in _NO_SPAWN:
        return False, f"no seccomp filter for {sys.platform}/{machine}"
    arch, calls = _NO_SPAWN[machine]
    ld_abs, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06
    allow, errno_base = 0x7FFF0000, 0x00050000
    blocked = sorted(calls)
    program = [(ld_abs, 0, 0, 4)]  # seccomp_data.arch
    pairs = len(blocked) * 2
    program.append((jeq, 0, pairs + 2, arch))  # another architecture: jump to "allow"
    program.append((ld_abs, 0, 0, 0))  # seccomp_data.nr
    program.append((jge, pairs + 1, 0, 0x40000000))  # x32 ABI numbers: jump to "refuse"
    for number in blocked:
        program.append((jeq, 0, 1, number))
        program.append((ret, 0, 0, errno_base | (38 if number == 435 else 1)))  # ENOSYS / EPERM
    program.append((ret, 0, 0, allow))
    program.append((ret, 0, 0, errno_base | 1))
    code = b"".join(struct.pack("HBBI", *ins) for ins in program)
    buffer = ctypes.create_string_buffer(code, len(code))

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(len(program), ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)  # this process's libc (find_library would spawn ldconfig)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        return False, f"prctl: {os.strerror(ctypes.get_errno())}"
    if libc.prctl(22, 2, ctypes.byref(prog), 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        return False, f"seccomp: {os.strerror(ctypes.get_errno())}"
    return True, "no new processes (seccomp)"


def _isolate_network() -> tuple[bool, str]:
    """Enter new user + network namespaces (no interfaces but a down loopback)."""
    if not sys.platform.startswith("linux"):
        return False, "not Linux"
    unshare = getattr(os, "unshare", None)
    try:
        if unshare is not None:
            unshare(_CLONE_NEWUSER | _CLONE_NEWNET)
        else:
            libc = ctypes.CDLL(None, use_errno=True)  # this process's libc (find_library would spawn ldconfig)
            if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    except (OSError, AttributeError) as exc:
        return False, f"network namespace unavailable: {exc}"
    return True, "no network (user + network namespace)"


_LANDLOCK_CREATE, _LANDLOCK_ADD_RULE, _LANDLOCK_RESTRICT = 444, 445, 446  # same on x86_64 and arm64
_READ = (1 << 0) | (1 << 2) | (1 << 3)  # EXECUTE, READ_FILE, READ_DIR
_FILE_ONLY = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 14) | (1 << 15)  # rights that apply to files


def _readable_roots() -> list[str]:
    """Where Python and its packages live: readable (not writable) for user code."""
    import sysconfig

    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    roots.update(v for k, v in sysconfig.get_paths().items() if k in ("stdlib", "platstdlib", "purelib", "platlib"))
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        roots.add(meipass)
        # PyInstaller 6 keeps the Python modules (numpy's too) in an archive inside the program
        # file itself, beside _internal: imports after the lock would otherwise be refused.
        roots.add(os.path.realpath(sys.executable))
    roots.update(("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/local/lib", "/usr/share/zoneinfo",
                  "/sys/devices/system/cpu", "/proc/self", "/proc/cpuinfo", "/proc/meminfo",
                  "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"))
    return sorted(r for r in roots if r and os.path.exists(r))


def _restrict_files(workdir: str) -> tuple[bool, str]:
    """Landlock: user code may read Python's own folders and write only its working folder;
    with Landlock ABI 4+ it may not open TCP connections either. Linux 5.13+."""
    if not sys.platform.startswith("linux"):
        return False, "no Landlock"
    import struct

    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    abi = libc.syscall(_LANDLOCK_CREATE, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    if abi < 1:
        return False, f"Landlock unavailable: {os.strerror(ctypes.get_errno())}"
    handled = (1 << 13) - 1
    if abi >= 2:
        handled |= 1 << 13  # REFER
    if abi >= 3:
        handled |= 1 << 14  # TRUNCATE
    if abi >= 5:
        handled |= 1 << 15  # IOCTL_DEV
    attr = struct.pack("QQ", handled, 3) if abi >= 4 else struct.pack("Q", handled)  # 3: bind + connect TCP
    attr_buffer = ctypes.create_string_buffer(attr, len(attr))
    ruleset = libc.syscall(_LANDLOCK_CREATE, attr_buffer, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        return False, f"Landlock ruleset: {os.strerror(ctypes.get_errno())}"
    try:
        for root, access in [*((r, _READ) for r in _readable_roots()), (workdir, handled)]:
            try:
                fd = os.open(root, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                if not os.path.isdir(root):
                    access &= _FILE_ONLY
                rule = ctypes.create_string_buffer(struct.pack("=Qi", access & handled, fd), 12)
                libc.syscall(_LANDLOCK_ADD_RULE, ruleset, 1, rule, ctypes.c_uint32(0))
            finally:
                os.close(fd)
        if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS, required first
            return False, f"prctl: {os.strerror(ctypes.get_errno())}"
        if libc.syscall(_LANDLOCK_RESTRICT, ruleset, ctypes.c_uint32(0)) != 0:
            return False, f"Landlock restrict: {os.strerror(ctypes.get_errno())}"
    finally:
        os.close(ruleset)
    return True, "files: read Python's folders, write only the exercise folder" + ("; no TCP" if abi >= 4 else "")


def _set_limits(config: dict, channel_fd: int) -> list[str]:
    cpu = int(config.get("cpu_seconds", 10))
    memory = int(config.get("memory_mb", 1024)) * 1024 * 1024
    files = int(config.get("file_bytes", 16 << 20))
    open_files = max(int(config.get("open_files", 64)), channel_fd + 8)
    limits = [
        ("RLIMIT_CORE", 0, 0),
        ("RLIMIT_CPU", cpu, cpu + 1),  # SIGXCPU at the soft limit, SIGKILL a second later
        ("RLIMIT_AS", memory, memory),
        ("RLIMIT_FSIZE", files, files),
        ("RLIMIT_NOFILE", open_files, open_files),
        ("RLIMIT_NPROC", 0, 0),  # no fork, no exec'd helpers, no threads
    ]
    failed = []
    for name, soft, hard in limits:
        which = getattr(resource, name, None)
        if which is None:
            failed.append(name)
            continue
        try:
            _, old_hard = resource.getrlimit(which)
            if old_hard != resource.RLIM_INFINITY:
                soft, hard = min(soft, old_hard), min(hard, old_hard)
            resource.setrlimit(which, (soft, hard))
        except (OSError, ValueError):
            failed.append(name)
    return failed


def _user_line(tb, filename: str) -> int | None:
    """The deepest line of ``filename`` (in the working folder) in a traceback."""
    here = os.getcwd()
    line = None
    for frame in traceback.extract_tb(tb):
        if os.path.dirname(os.path.abspath(frame.filename)) == here and os.path.basename(frame.filename) == filename:
            line = frame.lineno
    return line


def _user_traceback(exc: BaseException) -> str:
    """The traceback restricted to the user's and the tests' frames."""
    here = os.getcwd()
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if os.path.dirname(os.path.abspath(f.filename)) == here]
    text = "".join(traceback.format_list(frames)) + "".join(traceback.format_exception_only(type(exc), exc))
    return text[-4000:]


def _describe(exc: BaseException, memory_mb: int) -> tuple[str, str]:
    """(status, message) for an exception a test raised."""
    if isinstance(exc, AssertionError):
        message = str(exc)
        if not message:
            line = _user_line(exc.__traceback__, TESTS)
            source = linecache.getline(os.path.join(os.getcwd(), TESTS), line).strip() if line else ""
            message = f"assertion failed: {source}" if source else "assertion failed"
        return "failed", message
    if isinstance(exc, MemoryError):
        return "error", f"MemoryError: out of memory (limit {memory_mb} MB)"
    if isinstance(exc, SystemExit):
        return "error", f"the code called sys.exit({exc.code!r}); tests must return normally"
    if isinstance(exc, KeyboardInterrupt):
        return "error", "KeyboardInterrupt"
    text = f"{type(exc).__name__}: {exc}"
    if (isinstance(exc, OSError) and exc.errno in (1, 11)) or "can't start new thread" in str(exc):
        text += " (exercise code may not start processes or threads)"
    return "error", text[:2000]


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # the user's code may have closed or replaced the stream
            pass


def run(config: dict) -> None:
    channel = _Channel(int(config["result_fd"]))
    memory_mb = int(config.get("memory_mb", 1024))
    isolated, note = _isolate_network() if config.get("isolate_network", True) else (False, "not requested")
    unlimited = _set_limits(config, channel.fd)
    try:
        no_spawn, spawn_note = _forbid_spawning()
    except (OSError, AttributeError, ValueError) as exc:
        no_spawn, spawn_note = False, f"seccomp unavailable: {exc}"
    try:
        files_restricted, files_note = _restrict_files(os.getcwd())
    except (OSError, AttributeError, ValueError) as exc:
        files_restricted, files_note = False, f"Landlock unavailable: {exc}"
    channel.send(event="sandbox", network_isolated=isolated, network_note=note, no_spawn=no_spawn,
                 spawn_note=spawn_note, files_restricted=files_restricted, files_note=files_note,
                 limits_not_set=unlimited, python=sys.version.split()[0])
    missing = [name for name in config.get("requires", []) if _find_spec(name) is None]
    if missing:
        channel.send(event="missing", modules=missing, python=sys.executable)
        return
    here = os.getcwd()
    sys.path.insert(0, here)
    sys.dont_write_bytecode = True
    try:
        module = importlib.import_module(TESTS[:-3])
    except BaseException as exc:  # any failure to load is reported, never raised
        line, where = None, SOLUTION
        if isinstance(exc, SyntaxError) and exc.filename and os.path.basename(exc.filename) in (SOLUTION, TESTS):
            line, where = exc.lineno, os.path.basename(exc.filename)
        else:
            line = _user_line(exc.__traceback__, SOLUTION)
            if line is None:
                line, where = _user_line(exc.__traceback__, TESTS), TESTS
        status, message = _describe(exc, memory_mb)
        if isinstance(exc, SyntaxError):
            message = f"SyntaxError: {exc.msg}"
        channel.send(event="load_error", message=message, line=line, file=where,
                     traceback=_user_traceback(exc), memory=isinstance(exc, MemoryError))
        return
    tests = [(name, fn) for name, fn in vars(module).items()
             if name.startswith("test_") and inspect.isfunction(fn) and fn.__module__ == module.__name__
             and not inspect.signature(fn).parameters]
    channel.send(event="tests", names=[name for name, _ in tests])
    for name, fn in tests:
        channel.send(event="begin", name=name)
        started = time.perf_counter()
        status, message, line, test_line, trace, memory = "passed", "", None, None, "", False
        try:
            fn()
        except BaseException as exc:  # sys.exit and friends are results too
            status, message = _describe(exc, memory_mb)
            line = _user_line(exc.__traceback__, SOLUTION)
            test_line = _user_line(exc.__traceback__, TESTS)
            trace = _user_traceback(exc)
            memory = isinstance(exc, MemoryError)
            del exc
        _flush()
        channel.send(event="test", name=name, status=status, message=message, line=line,
                     test_line=test_line, seconds=time.perf_counter() - started, traceback=trace,
                     memory=memory)
    channel.send(event="done")


def _find_spec(name: str):
    try:
        return importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the child: ``argv[0]`` is the JSON config."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: run-exercise CONFIG_JSON (started by MLPrep Desktop, not by hand)", file=sys.stderr)
        return 2
    config = json.loads(args[0])
    try:
        sys.stdout.reconfigure(errors="replace", line_buffering=True)
        sys.stderr.reconfigure(errors="replace")
    except (AttributeError, ValueError):
        pass
    try:
        run(config)
    finally:
        _flush()
    # Skip atexit handlers and finalizers of user code: the results are already sent.
    os._exit(0)


if __name__ == "__main__":
    main()
