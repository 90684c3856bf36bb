"""Where `vnkr extract` and `vnkr report` write, so that no line is lost and no file is half replaced.

Text goes out in chunks of about `CHUNK` characters, each write checked and a short one
completed (one huge write can be cut short silently). stdout: a reader that closes the pipe
(`| head`) ends the run quietly, as `rg ... | head` does; any other failure is an `OutputError`. `-o PATH`:
a regular file (or a new one) is written beside it and renamed onto it only when complete and
synced, with the old file's mode and owner (a new file gets the mode the umask gives); a symlink
is followed to its target; what is not a regular file (a device, a FIFO) is written directly.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

CHUNK = 1 << 16  # characters held before a write
MAX_WRITE = 1 << 20  # bytes given to one write


class OutputError(Exception):
    """A write that failed (no space, an I/O error); the message names the output."""


class ReaderGone(Exception):
    """The reader of the output closed it: nothing more is wanted, and that is no error."""


def write_all(fd: int, data: bytes) -> None:
    """Write every byte: a write may take fewer than it is given (a pipe, a signal, more than 2 GiB)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:MAX_WRITE])
        if written <= 0:
            raise OSError(errno.EIO, "the output took no bytes")
        view = view[written:]


class Output:
    """Buffered text to a file descriptor, or to a text stream that has none (a test runner's stdout)."""

    def __init__(self, name: str, fd: int | None = None, stream: TextIO | None = None):
        self.name = name
        self.fd = fd
        self.stream = stream
        self.pending: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.pending.append(text)
        self.size += len(text)
        if self.size >= CHUNK:
            self.flush()

    def flush(self) -> None:
        text, self.pending, self.size = "".join(self.pending), [], 0
        try:
            if self.fd is not None:
                write_all(self.fd, text.encode("utf-8"))
            else:
                self.stream.write(text)
                self.stream.flush()
        except OSError as error:
            raise failure(self.name, error) from None


def failure(name: str, error: OSError) -> Exception:
    """What a failed write means: the reader left (a closed pipe), or the output failed."""
    if error.errno == errno.EPIPE:
        return ReaderGone(name)
    return OutputError(f"{name}: cannot write ({error.strerror or error})")


def _silence_stdout() -> None:
    """After stdout failed, nothing more may reach it, not even the interpreter's flush at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


CLOSED: set[str] = set()  # standard streams whose descriptor was closed when vnkr started (the CLI stands devnull in)


@contextmanager
def _stdout() -> Iterator[Output]:
    if "stdout" in CLOSED:
        raise OutputError("stdout: closed when vnkr started; nothing can be written there (give -o FILE)")
    sys.stdout.flush()
    try:
        out = Output("stdout", fd=sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both
        out = Output("stdout", stream=sys.stdout)
    try:
        yield out
        out.flush()
    except (OutputError, ReaderGone):
        _silence_stdout()
        raise


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new file next to `target`; created with mode 0o666 so that the umask applies, as to any new file."""
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), temporary
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, f"no free temporary name beside {target}")


@contextmanager
def _file(path: Path) -> Iterator[Output]:
    name = str(path)
    try:
        old = os.stat(path)  # what the links lead to, /dev/stdout's pipe too
    except FileNotFoundError:
        old = None
    except OSError as error:
        raise failure(name, error) from None
    if old is not None and not stat.S_ISREG(old.st_mode):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
        except OSError as error:
            raise failure(name, error) from None
        try:
            out = Output(name, fd=fd)
            yield out
            out.flush()
        finally:
            os.close(fd)
        return
    target = Path(os.path.realpath(path))  # the file a symlink names, which the rename replaces
    try:
        fd, temporary = _create_beside(target)
    except OSError as error:
        raise failure(name, error) from None
    try:
        try:
            if old is not None:
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
                try:
                    os.fchown(fd, old.st_uid, old.st_gid)
                except PermissionError:
                    pass  # only root gives a file away; the rename then leaves it ours
            out = Output(name, fd=fd)
            yield out
            out.flush()
            try:
                os.fsync(fd)  # a full disk may only say so here
                os.replace(temporary, target)
            except OSError as error:
                raise failure(name, error) from None
        finally:
            os.close(fd)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def open_output(path: Path | None):
    """A context giving an `Output`: stdout when `path` is None. Raises OutputError or ReaderGone."""
    return _stdout() if path is None else _file(path)
