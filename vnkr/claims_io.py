"""Reading claims and gold JSONL: a malformed line is an error naming the file and line number."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from vnkr.models import Claim

REQUIRED_KEYS = ("doc", "start", "end", "text", "label")


class ClaimsFileError(ValueError):
    """A claims or gold file that cannot be read; the message names the line."""


def _lines(handle: IO[str], name: str) -> Iterator[tuple[int, dict]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise ClaimsFileError(f"{name}:{number}: not valid JSON ({error.msg})") from None
        if not isinstance(data, dict):
            raise ClaimsFileError(f"{name}:{number}: expected a JSON object, got {type(data).__name__}")
        missing = [k for k in REQUIRED_KEYS if k not in data]
        if missing:
            raise ClaimsFileError(f"{name}:{number}: missing key {missing[0]!r}")
        yield number, data


def read_jsonl(path: Path | str) -> list[dict]:
    """Every object of a JSONL file (gold or claims), checked for the keys matching needs."""
    name = str(path)
    try:
        if name == "-":
            return [d for _, d in _lines(sys.stdin, "<stdin>")]
        with open(path, encoding="utf-8-sig") as handle:
            return [d for _, d in _lines(handle, name)]
    except OSError as error:
        raise ClaimsFileError(f"{name}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ClaimsFileError(f"{name}: not UTF-8 text") from None


def read_claims_file(path: Path | str) -> list[dict]:
    """Claims from `vnkr extract`, each validated against the claim record."""
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        source = nullcontext(sys.stdin) if name == "<stdin>" else open(path, encoding="utf-8-sig")
    except OSError as error:
        raise ClaimsFileError(f"{name}: cannot read ({error.strerror})") from None
    claims = []
    with source as handle:
        for number, data in _lines(handle, name):
            try:
                claims.append(Claim.model_validate(data).model_dump(mode="json"))
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise ClaimsFileError(f"{name}:{number}: {where}: {first['msg'].lower()}") from None
    return claims
