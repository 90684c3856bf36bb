"""Partitioned output: `vnkr extract -o DIR` writes part-00000.jsonl, part-00001.jsonl, ... into DIR.

A part holds the claims of PARTITION_FILES input files, so the parts are the partitions a Dask
run computes, and the parts read in name order are the bytes of one `--jobs 1` JSONL. Each part
is written atomically once complete; parts of an earlier, longer run are removed at the end.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PARTITION_FILES = 32  # input files per partition: one Dask task, one part file
PART_GLOB = "part-*.jsonl"


def part_name(index: int) -> str:
    return f"part-{index:05d}.jsonl"


def claims_files(directory: Path) -> list[Path]:
    """The part files of a claims directory, in order."""
    return sorted(directory.glob(PART_GLOB))


def is_claims_directory(path: str) -> bool:
    return Path(path).is_dir() and bool(claims_files(Path(path)))


class PartWriter:
    """Receives the claims of documents in input order (`start(path)` before each document's lines)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.files_per_part = PARTITION_FILES
        self.index = 0
        self.files = 0
        self.path: str | None = None
        self.buffer: list[str] = []

    def start(self, path: str) -> None:
        if path == self.path:
            return  # more documents of one file (an archive) stay in its part
        if self.files and self.files % self.files_per_part == 0:
            self._flush()
        self.path = path
        self.files += 1

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
