"""The validated rules kept on disk, so that a run reads them instead of parsing and checking every
TOML file (and asking pint about every unit) again: about half of what building a pipeline costs.

An entry's key is a hash of the bytes of every rules file it was built from (the shipped ones and a
user's --rules file), of the code that reads them, and of the versions of vnkr, Python, pydantic and
pint: a changed file is a new key, so an entry is never stale. The directory is VNKR_CACHE_DIR, else
$XDG_CACHE_HOME/vnkr, else ~/.cache/vnkr. A cache that cannot be read or written is a warning on
stderr, and the rules are read from their files as without it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import vnkr

T = TypeVar("T")
KEEP = 32  # entries kept; older ones are removed when a new one is written
CODE = ("rules.py", "rules_cache.py", "models.py", "languages.py", "normalize/units.py")  # what builds an entry
_warned: set[str] = set()


def cache_dir() -> Path:
    if os.environ.get("VNKR_CACHE_DIR"):
        return Path(os.environ["VNKR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vnkr"


def _warn(message: str) -> None:
    """Once per process and message: the run goes on without the cache."""
    if message not in _warned:
        _warned.add(message)
        print(f"vnkr: warning: {message}", file=sys.stderr)


def _versions() -> bytes:
    import pydantic

    pint = ""
    site = Path(pydantic.__file__).resolve().parent.parent  # pint's version from its installed metadata, not by importing it
    for found in site.glob("[Pp]int-*.dist-info"):
        pint = found.name
    return f"{vnkr.__version__} {sys.version} {pydantic.VERSION} {pint}".encode()


def key(name: str, sources: list[Path]) -> str:
    """The hash an entry built from `sources` is kept under; OSError when one cannot be read."""
    digest = hashlib.sha256(b"vnkr rules cache 1\0" + name.encode() + b"\0" + _versions())
    package = Path(vnkr.__file__).resolve().parent
    for path in [package / code for code in CODE] + sources:
        data = path.read_bytes()
        digest.update(b"\0%d\0" % len(data) + data)
    return digest.hexdigest()


def cached(name: str, sources: list[Path], build: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """build(), or what it returned before from the same bytes of `sources`. A source that cannot be
    read is build()'s to report: nothing is cached then."""
    try:
        entry = cache_dir() / f"{name}-{key(name, sources)[:40]}.pickle"
    except OSError:
        return build()
    try:
        with entry.open("rb") as handle:
            value = pickle.load(handle)
        if valid(value):
            return value
        _warn(f"{entry}: not a rules cache entry of this vnkr; the rules are read from their files")
    except FileNotFoundError:
        pass
    except Exception as error:  # noqa: BLE001 - a damaged entry is rebuilt, whatever the damage
        _warn(f"{entry}: unreadable rules cache ({type(error).__name__}); the rules are read from their files")
    value = build()
    _write(entry, value)
    return value


def _write(entry: Path, value: object) -> None:
    """Written to a temporary file and renamed: a reader sees a whole entry or none."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        _warn(f"cannot write the rules cache in {entry.parent} ({error.strerror or error}); the rules are read from their files each run")
        return
    _prune(entry.parent)


def _prune(directory: Path) -> None:
    """The KEEP newest entries stay; another process may be removing the same ones."""
    entries = []
    for path in directory.glob("rules-*.pickle"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, old in sorted(entries, reverse=True)[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass