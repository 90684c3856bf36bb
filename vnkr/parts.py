"""Partitioned output: `vnkr extract -o DIR` writes part-00000.jsonl, part-00001.jsonl, ... into DIR.

A part holds the claims of PARTITION_FILES input files, or of the articles of an archive whose
lines start in one run of PARTITION_BYTES bytes (Result.archive_offset // PARTITION_BYTES), so
the parts are the partitions a Dask run computes, whatever runs the extraction, and the parts read
in name order are the bytes of one `--jobs 1` JSONL. Each part is written atomically once
complete; parts of an earlier, longer run are removed at the end. A run that fails (a full or
read-only disk) or is stopped leaves no part of its own: the parts it wrote are removed, and with
them the earlier run's, which are no longer a whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from vnkr.output import OutputError

PARTITION_FILES = 32  # input files per partition: one Dask task, one part file
PARTITION_BYTES = 1 << 20  # an article archive is cut into partitions of the lines starting in each MiB
PART_GLOB = "part-*.jsonl"


def part_name(index: int) -> str:
    return f"part-{index:05d}.jsonl"


def claims_files(directory: Path) -> list[Path]:
    """The part files of a claims directory, in order."""
    return sorted(directory.glob(PART_GLOB))


def is_claims_directory(path: str) -> bool:
    return Path(path).is_dir() and bool(claims_files(Path(path)))


class PartWriter:
    """Receives the claims of documents in input order (`start(path, archive_offset)` before each
    document's lines)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.index = 0
        self.files = 0  # files in the part being written, or 0 if it is an archive's run of lines
        self.path: str | None = None
        self.run: int | None = None
        self.buffer: list[str] = []

    def start(self, path: str, archive_offset: int | None = None) -> None:
        run = None if archive_offset is None else archive_offset // PARTITION_BYTES
        if path == self.path and run == self.run:
            return  # more documents of one file or of one run of an archive's lines
        if self.path is not None and (run is not None or not self.files or self.files == PARTITION_FILES):
            self._flush()
            self.files = 0
        self.path, self.run = path, run
        self.files += run is None

    def write(self, text: str) -> None:
        self.buffer.append(text)

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        """Complete: the last part is written. Failed or stopped: no part is left (abort)."""
        if kind is None:
            try:
                self.close()
                return
            except BaseException:
                self.abort()
                raise
        self.abort()

    def close(self) -> None:
        """The last part (an empty input still gives part-00000.jsonl), and no stale parts after it."""
        self._flush()
        try:
            for stale in claims_files(self.directory):
                if stale.name > part_name(self.index - 1):
                    stale.unlink()
        except OSError as error:
            raise self._error(error) from None

    def abort(self) -> None:
        """The parts of an unfinished run removed; an earlier run's too once any was replaced."""
        if not self.index:
            return  # nothing replaced: an earlier run's parts are still a whole
        for part in claims_files(self.directory):
            try:
                part.unlink(missing_ok=True)
            except OSError:
                pass  # the error that stopped the run is the one to report

    def _error(self, error: OSError) -> OutputError:
        return OutputError(f"{self.directory / part_name(self.index)}: cannot write ({error.strerror or error})")

    def _flush(self) -> None:
        try:
            handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.directory, prefix=".part.", suffix=".tmp", delete=False, newline="\n")
        except OSError as error:
            raise self._error(error) from None
        try:
            with handle:
                handle.write("".join(self.buffer))
                handle.flush()
                os.fsync(handle.fileno())  # a full disk may only say so here
            os.replace(handle.name, self.directory / part_name(self.index))
        except BaseException as error:
            Path(handle.name).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise self._error(error) from None
            raise
        self.index += 1
        self.buffer = []
