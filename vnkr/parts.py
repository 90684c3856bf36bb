"""Partitioned output: `vnkr extract -o DIR` writes part-00000.jsonl, part-00001.jsonl, ... into DIR.

A part holds the claims of PARTITION_FILES input files, or of the articles of an archive whose
lines start in one run of PARTITION_BYTES bytes (Result.archive_offset // PARTITION_BYTES), so
the parts are the partitions a Dask run computes, whatever runs the extraction, and the parts read
in name order are the bytes of one `--jobs 1` JSONL. Each part is written atomically once
complete; parts of an earlier, longer run are removed at the end.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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

    def close(self) -> None:
        """The last part (an empty input still gives part-00000.jsonl), and no stale parts after it."""
        self._flush()
        for stale in claims_files(self.directory):
            if stale.name > part_name(self.index - 1):
                stale.unlink()

    def _flush(self) -> None:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.directory, prefix=".part.", suffix=".tmp", delete=False, newline="\n")
        try:
            with handle:
                handle.write("".join(self.buffer))
            os.replace(handle.name, self.directory / part_name(self.index))
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise
        self.index += 1
        self.buffer = []
