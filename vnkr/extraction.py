"""From paths to claims: reading, the pipeline, and worker processes for `--jobs`.

Both paths run the same code on each document, so `--jobs N` gives the same bytes, in the
same order, as one process.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from vnkr.components.facts import rules_for
from vnkr.corpus import Document, Reader, ReadError, iter_paths
from vnkr.models import Claim
from vnkr.pipeline import build_nlp, extract_documents


@dataclass(frozen=True)
class Settings:
    rules: str | None = None
    reference: date = field(default_factory=date.today)
    published: tuple[tuple[str, date | None], ...] = ()


class Result(BaseModel):
    """One document's outcome: its claims as JSON lines, or the error that stopped it."""

    path: str
    doc: str | None = None
    published: str | None = None
    lines: list[str] = []
    warnings: list[str] = []
    error: str | None = None


def _reader(settings: Settings) -> Reader:
    return Reader(rules_for(settings.rules), settings.reference, dict(settings.published))


def _result(document: Document, lines: list[str]) -> Result:
    error = None
    if document.errors:
        more = f" (and {len(document.errors) - 1} more blocks)" if len(document.errors) > 1 else ""
        error = f"{document.path}: {document.errors[0]}{more}; its other claims were written"
    return Result(
        path=document.path,
        doc=document.doc,
        published=document.published.isoformat() if document.published else None,
        lines=lines,
        warnings=list(document.warnings),
        error=error,
    )


def _serial(settings: Settings, paths: list[str]) -> Iterator[Result]:
    reader = _reader(settings)
    nlp = build_nlp(settings.rules)
    errors: list[Result] = []

    def documents() -> Iterator[Document]:
        for path in paths:
            try:
                yield reader.read(path)
            except ReadError as error:
                errors.append(Result(path=path, error=str(error)))

    pending = iter(documents())
    for document, lines in extract_documents(nlp, pending, keep=Claim.to_json):
        while errors:
            yield errors.pop(0)
        yield _result(document, lines)
    while errors:
        yield errors.pop(0)


_worker: dict = {}


def _init_worker(settings: Settings) -> None:
    _worker["reader"] = _reader(settings)
    _worker["nlp"] = build_nlp(settings.rules)


def _work(item: tuple[str, bytes | None]) -> Result:
    path, data = item
    reader: Reader = _worker["reader"]
    try:
        document = reader.document(path, data) if data is not None else reader.read(path)
    except ReadError as error:
        return Result(path=path, error=str(error))
    results = list(extract_documents(_worker["nlp"], [document], keep=Claim.to_json))
    return _result(document, results[0][1] if results else [])


def _parallel(settings: Settings, paths: list[str], jobs: int) -> Iterator[Result]:
    items = ((p, sys.stdin.buffer.read() if p == "-" else None) for p in paths)
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.imap(_work, items, chunksize=1)


def extract_paths(settings: Settings, paths: list[str], jobs: int = 1, on_start: Callable[[int], None] | None = None) -> Iterator[Result]:
    """A Result per document, in input order; unreadable documents come as Results with an error."""
    files = list(iter_paths(paths))
    if on_start:
        on_start(len(files))
    if jobs <= 1 or len(files) <= 1:
        yield from _serial(settings, files)
    else:
        yield from _parallel(settings, files, jobs)
