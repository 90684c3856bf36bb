"""Reading claims and gold JSONL line by line: a line that cannot be a claim is an error naming
the file and line, and the other lines are still read.

Given a list for `errors`, a bad line's message goes there and the line is skipped; without one,
the first bad line raises ClaimsFileError. What compare, report and eval compute with is checked
here, once: a number that is finite, dates and periods that are ISO dates or intervals, offsets
in order, and text that can be written out (no lone surrogate).
"""

from __future__ import annotations

import codecs
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from pathlib import Path

from pydantic import ValidationError

from vnkr.jsonl import LineError, parse, surrogate_reason
from vnkr.models import Claim
from vnkr.normalize.intervals import bounds

REQUIRED_KEYS = ("doc", "start", "end", "text", "label")
TIME_KEYS = ("date", "period", "published")
NUMBER_KEYS = ("value", "low", "high")  # a range's ends are figures too
SHOWN_CHARS = 40
SHARED_KEYS = ("doc", "path", "published", "label", "unit", "qualifier", "topic", "metric", "period", "modality", "subject", "counterpart",
               "scope", "lang", "direction", "rule", "url")  # fmt: skip
GOLD_TYPES = {"doc": str, "text": str, "label": str, "start": int, "end": int}


class ClaimsFileError(ValueError):
    """A claims or gold file that cannot be read; the message names the file (and the line)."""


def _texts(handle) -> Iterator[tuple[int, str | None]]:
    """(line number, text or None when not UTF-8) of each line, the BOM of the first dropped."""
    for number, raw in enumerate(handle, start=1):
        if isinstance(raw, str):
            yield number, raw
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None


def _object(text: str | None) -> dict:
    """A line's claim object, or LineError saying why it is none."""
    if text is None:
        raise LineError("not UTF-8")
    data = parse(text)
    if not isinstance(data, dict):
        raise LineError(f"expected a JSON object, got {type(data).__name__}")
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise LineError(f"missing key {missing[0]!r}")
    return data


def _shown(value: object) -> str:
    """A value in a message: its repr, cut short (a hostile line may hold megabytes)."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else f"{text[: SHOWN_CHARS - 3]}..."


def check_values(data: dict, line: str) -> None:
    """LineError when a value would make compare, report or eval fail or say something wrong."""
    for key in NUMBER_KEYS:
        value = data.get(key)
        if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        try:
            finite = math.isfinite(float(value))
        except OverflowError:
            finite = False
        if not finite:
            raise LineError(f"{key}: {value!r} is not a finite number" if isinstance(value, float) else f"{key}: too large to be a number")
    for key in TIME_KEYS:
        time = data.get(key)
        if time is None:
            continue
        span = bounds(time) if isinstance(time, str) else None
        if span is None or span[0] > span[1]:
            raise LineError(f"{key}: {_shown(time)} is not an ISO date or interval (YYYY, YYYY-MM, YYYY-MM-DD, A/B)")
    start, end = data.get("start"), data.get("end")
    if isinstance(start, int) and isinstance(end, int) and start > end:
        raise LineError(f"end: {end} is before start {start}")
    reason = surrogate_reason(line, data)
    if reason:
        raise LineError(f"holds {reason}")


def _read(path: Path | str, one: Callable[[dict, str], dict], errors: list[str] | None) -> list[tuple[int, dict]]:
    """(line number, `one(object, line)`) of each line of the file ('-': stdin)."""
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        source = nullcontext(getattr(sys.stdin, "buffer", sys.stdin)) if name == "<stdin>" else open(path, "rb")
    except OSError as error:
        raise ClaimsFileError(f"{name}: cannot read ({error.strerror})") from None
    out = []
    with source as handle:
        try:
            for number, text in _texts(handle):
                if text is not None and not text.strip():
                    continue
                try:
                    out.append((number, one(_object(text), text)))
                except (LineError, RecursionError) as error:
                    message = f"{name}:{number}: {error if isinstance(error, LineError) else 'nested too deeply to read'}"
                    if errors is None:
                        raise ClaimsFileError(message) from None
                    errors.append(f"{message}; line skipped")
        except OSError as error:
            raise ClaimsFileError(f"{name}: cannot read ({error.strerror})") from None
    return out


def _gold(data: dict, line: str) -> dict:
    for key, kind in GOLD_TYPES.items():
        if not isinstance(data.get(key), kind) or isinstance(data[key], bool) or (kind is int and data[key] < 0):
            raise LineError(f"{key}: expected {'a whole number, 0 or more' if kind is int else 'a string'}")
    alts = data.get("alts")
    if alts is not None and not (isinstance(alts, dict) and all(isinstance(v, list) for v in alts.values())):
        raise LineError("alts: expected an object of lists of accepted values")
    check_values(data, line)
    return data


class _Claims:
    """Claims validated, their repeated values held once: a value that many claims share (their
    document, path, label, topic, an actor) is one string, not one per claim, and so is an
    entity; a million claims are then about half the memory."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.entities: dict[tuple, dict] = {}

    def __call__(self, data: dict, line: str) -> dict:
        try:
            claim = Claim.model_validate(data).model_dump(mode="json")
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise LineError(f"{where + ': ' if where else ''}{first['msg'].lower()}") from None
        check_values(claim, line)
        for key in SHARED_KEYS:
            if isinstance(value := claim[key], str):
                claim[key] = self.values.setdefault(value, value)
        claim["entities"] = [self.entities.setdefault(tuple(e.values()), e) for e in claim["entities"]]
        return claim


def read_gold(path: Path | str, errors: list[str] | None = None) -> list[tuple[int, dict]]:
    """(line number, object) of each line of a gold JSONL file, checked for the keys and values matching needs."""
    return _read(path, _gold, errors)


def read_jsonl(path: Path | str, errors: list[str] | None = None) -> list[dict]:
    """Every object of a gold JSONL file, checked for the keys and values matching needs."""
    return [data for _, data in read_gold(path, errors)]


def read_claims_file(path: Path | str, errors: list[str] | None = None) -> list[dict]:
    """Claims from `vnkr extract`, each validated against the claim record."""
    return [claim for _, claim in _read(path, _Claims(), errors)]
