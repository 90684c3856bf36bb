"""From paths to claims: reading, the pipeline, and worker processes for `--jobs`.

Both paths run the same code on each document, so `--jobs N` gives the same bytes, in the
same order, as one process. The workers take pieces of the input (pieces()): a file, or a run
of an article archive's lines, so that one large archive keeps every worker busy.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice

from pydantic import BaseModel

from vnkr import parts
from vnkr.components.facts import rules_for
from vnkr.corpus import Document, Reader, ReadError, Skipped, iter_paths, regular_or_absent, shown
from vnkr.models import Claim
from vnkr.pipeline import extract_by_language
from vnkr.readers import is_jsonl
from vnkr.readers.archive import Lines, cut_archive, is_article_archive

Piece = str | Lines  # what a worker takes: a path, or a run of an archive's lines


@dataclass(frozen=True)
class Settings:
    rules: str | None = None
    reference: date = field(default_factory=date.today)
    published: tuple[tuple[str, date | None], ...] = ()
    lang: str | None = None  # every document's language; None: front matter or the text says


class Result(BaseModel):
    """One document's outcome: its claims as JSON lines, or the error that stopped it."""

    path: str
    doc: str | None = None
    published: str | None = None
    lines: list[str] = []
    warnings: list[str] = []
    error: str | None = None
    url: str | None = None
    outlet: str | None = None  # the report cites the document by these
    title: str | None = None
    text: str | None = None  # the document's text, when asked for (the report marks claims in it)
    archive_offset: int | None = None  # an archived article's: the byte its line starts at (parts.PartWriter cuts by it)


def _reader(settings: Settings) -> Reader:
    return Reader(rules_for(settings.rules), settings.reference, dict(settings.published), settings.lang, lambda lang: rules_for(settings.rules, lang))


def read_documents(settings: Settings, path: str) -> Iterator[Document | ReadError]:
    """The documents of one path as `extract` reads them (a bad archive line comes as a ReadError)."""
    return _reader(settings).documents(path)


def read_sources(settings: Settings, claims: list[dict], known: set[str]) -> Iterator[Document]:
    """The documents that claims read from a claims file came from, read again from their `path`
    where it is still there (for the report's marked texts); unreadable ones are left out."""
    wanted = {c["doc"] for c in claims} - known
    reader = _reader(settings)
    for path in dict.fromkeys(c["path"] for c in claims if c["doc"] in wanted):
        if path == "-" or not os.path.isfile(path):
            continue
        try:
            yield from (found for found in reader.documents(path) if isinstance(found, Document) and found.doc in wanted)
        except ReadError:
            continue


def _result(document: Document, lines: list[str], texts: bool = False) -> Result:
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
        url=document.url,
        outlet=document.outlet,
        title=document.title,
        text=document.text if texts else None,
        archive_offset=document.archive_offset,
    )


def path_of(piece: Piece) -> str:
    return piece.path if isinstance(piece, Lines) else piece


def pieces(files: list[str]) -> Iterator[Piece]:
    """The files, an article archive cut into runs of lines of about parts.PARTITION_BYTES each
    (read lazily: the cutting pass over an archive keeps ahead of the workers)."""
    for path in files:
        if path != "-" and is_jsonl(path) and regular_or_absent(path) and is_article_archive(path):
            yield from cut_archive(path, parts.PARTITION_BYTES)
        else:
            yield path


def _serial(settings: Settings, paths: list[Piece], texts: bool = False, stdin: bytes | None = None) -> Iterator[Result]:
    """Results in input order: the pipeline reads documents ahead (it works on batches), so a read
    error is held with the number of documents before it and given after their Results."""
    reader = _reader(settings)
    errors: deque[tuple[int, Result]] = deque()
    read = 0

    def documents() -> Iterator[Document]:
        nonlocal read
        for piece in paths:
            path = path_of(piece)
            try:
                for item in [reader.document(path, stdin)] if path == "-" and stdin is not None else reader.documents(piece):
                    if isinstance(item, ReadError):
                        errors.append((read, Result(path=shown(path), error=str(item), archive_offset=item.archive_offset)))
                    else:
                        read += 1
                        yield item
            except ReadError as error:
                errors.append((read, Result(path=shown(path), error=str(error))))

    done = 0
    for document, lines in extract_by_language(documents(), settings.rules, keep=Claim.to_json):
        while errors and errors[0][0] <= done:
            yield errors.popleft()[1]
        yield _result(document, lines, texts)
        done += 1
    while errors:
        yield errors.popleft()[1]


def one_by_one(settings: Settings, piece: Piece, stdin: bytes | None = None) -> list[Result]:
    """A piece's Results document by document, for a worker that failed on it as a whole: a
    document the pipeline fails on is one error Result naming it (an archived one by its doc)."""
    path = path_of(piece)
    reader = _reader(settings)
    try:
        found = [reader.document(path, stdin)] if path == "-" and stdin is not None else list(reader.documents(piece))
    except ReadError as error:
        return [Result(path=path, error=str(error))]
    except Exception as error:  # noqa: BLE001 - the reading itself: the piece is the smallest unit
        where = f"{path}:{piece.first}-{piece.last}" if isinstance(piece, Lines) else path
        return [Result(path=path, error=f"{where}: failed on a worker ({type(error).__name__}: {error}); skipped")]
    results = []
    for item in found:
        if isinstance(item, ReadError):
            results.append(Result(path=path, error=str(item), archive_offset=item.archive_offset))
            continue
        try:
            results.extend(_result(document, lines) for document, lines in extract_by_language([item], settings.rules, keep=Claim.to_json))
        except Exception as error:  # noqa: BLE001 - this document only
            where = path if item.archive_offset is None else f"{path} ({item.doc})"
            results.append(Result(path=path, error=f"{where}: failed on a worker ({type(error).__name__}: {error}); skipped", archive_offset=item.archive_offset))
    return results


_worker: dict = {}
TASK_FILES = 16  # files a worker takes at once at most: its pipeline works on them as one stream, in batches
AHEAD = 4  # tasks in flight per worker: enough to keep every worker busy, few enough to hold their Results


def _leave_signals_to_the_main_process() -> None:
    """A worker leaves SIGINT, SIGTERM and SIGHUP to the main process, which ends the workers itself.
    Set at the fork itself, not in the pool's initializer: a worker forked from the CLI has its handlers
    (they raise to unwind a run) until then, and a pool ending its workers at that moment printed a
    traceback from the initializer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signo in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signo is not None:
            signal.signal(signo, signal.SIG_DFL)


_forking_workers = False  # while a pool of this process is open, a fork is one of its workers
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())
_mask_before_fork: set = set()


def _before_fork() -> None:
    """The stop signals are blocked across a worker's fork, so that none reaches it before it has let
    go of the main process's handlers (a pool ending its workers sends SIGTERM at any moment)."""
    if _forking_workers:
        _mask_before_fork.clear()
        _mask_before_fork.update(signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS))


def _after_fork_in_parent() -> None:
    if _forking_workers:
        signal.pthread_sigmask(signal.SIG_SETMASK, _mask_before_fork)


def _after_fork_in_child() -> None:
    if _forking_workers:
        _leave_signals_to_the_main_process()
        signal.pthread_sigmask(signal.SIG_SETMASK, _mask_before_fork)


if hasattr(os, "register_at_fork") and hasattr(signal, "pthread_sigmask"):
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child)


def _init_worker(settings: Settings) -> None:
    _leave_signals_to_the_main_process()  # a spawned worker, which no fork hook reached
    _worker["settings"] = settings


def _work(item: tuple[list[Piece], bytes | None]) -> list[Result]:
    """The Results of a task (files, or a run of an archive's lines), as one process gives them."""
    task, stdin = item
    return list(_serial(_worker["settings"], task, stdin=stdin))


def tasks(work: Iterable[Piece], size: int) -> Iterator[list[Piece]]:
    """Consecutive files, `size` at a time; a run of an archive's lines is a task of its own."""
    task: list[Piece] = []
    for piece in work:
        if isinstance(piece, Lines):
            if task:
                yield task
                task = []
            yield [piece]
            continue
        task.append(piece)
        if len(task) == size:
            yield task
            task = []
    if task:
        yield task


def _where(piece: Piece) -> str:
    return f"{piece.path}:{piece.first}-{piece.last if piece.last is not None else 'end'}" if isinstance(piece, Lines) else piece


def _named(task: list[Piece]) -> str:
    """A task's pieces, which are consecutive in input order: the first to the last."""
    return _where(task[0]) if len(task) == 1 else f"{_where(task[0])} to {_where(task[-1])} ({len(task)} files)"


def _offset(piece: Piece) -> int | None:
    return piece.start if isinstance(piece, Lines) else None


class _Workers:
    """The worker processes of `--jobs`. When one dies (killed, out of memory, a crash in native
    code) concurrent.futures marks the whole pool broken and ends the others: a new pool is made."""

    def __init__(self, settings: Settings, jobs: int):
        self.settings = settings
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, item: tuple[list[Piece], bytes | None]) -> Future:
        if self.pool is None:
            self.pool = self._new()
        try:
            return self.pool.submit(_work, item)
        except BrokenProcessPool as error:  # a worker died since the last submit
            future: Future = Future()
            future.set_exception(error)
            return future

    def _new(self) -> ProcessPoolExecutor:
        """Forked from this process once it has built the pipeline, so that no worker imports spaCy
        and builds it again (on 2 cores that start-up was a third of a million words' run); spawned
        where fork is missing or unsafe (another thread running in this process)."""
        global _forking_workers
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 else "spawn"
        _forking_workers = True
        return ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(method), initializer=_init_worker, initargs=(self.settings,))

    def close(self, wait: bool = True) -> None:
        """Ends the pool; not waiting (an interrupted run), the tasks not started are dropped and the
        workers end after their current one (terminating one while it sends its Results would leave
        the pool's thread waiting for the rest of them, and the interpreter's exit with it)."""
        global _forking_workers
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)
        self.pool = None
        _forking_workers = False

    def alone(self, item: tuple[list[Piece], bytes | None]) -> list[Result] | None:
        """A task of a pool that broke, again, with no other task in flight; None if a worker dies
        on it once more (then it is the cause)."""
        try:
            return self.submit(item).result()
        except BrokenProcessPool:
            self.close()
            return None


def _parallel(settings: Settings, work: Iterator[Piece], jobs: int, files: int) -> Iterator[Result]:
    """Each worker takes a task: up to TASK_FILES files (fewer when there are few, so that every
    worker has some) or a run of an archive's lines, with AHEAD tasks per worker in flight; Results
    are given in input order. The tasks a dead worker's pool lost are done again, one at a time,
    with a warning naming their files; one a worker dies on again is an error naming them."""
    size = max(1, min(TASK_FILES, files // (4 * jobs)))
    items = ((task, sys.stdin.buffer.read() if "-" in task else None) for task in tasks(work, size))
    workers = _Workers(settings, jobs)
    pending: deque[tuple[tuple, Future]] = deque()
    finished = False
    try:
        for item in islice(items, AHEAD * jobs):
            pending.append((item, workers.submit(item)))
        while pending:
            item, future = pending[0]
            try:
                results = future.result()
            except BrokenProcessPool:
                pending = _again(workers, pending)
                continue
            pending.popleft()
            for item in islice(items, 1):
                pending.append((item, workers.submit(item)))
            yield from results
        finished = True
    finally:
        workers.close(wait=finished)


def _again(workers: _Workers, pending: deque) -> deque:
    """After the pool broke: the tasks it finished are kept, the others are done again, alone."""
    workers.close()
    again: deque = deque()
    for item, future in pending:
        if future.done() and not future.cancelled() and future.exception() is None:
            again.append((item, future))
            continue
        results = workers.alone(item)
        if results is None:
            results = [
                Result(path=path_of(piece), error=f"{_where(piece)}: lost: a worker process died twice while extracting it; its claims are missing", archive_offset=_offset(piece))
                for piece in item[0]
            ]
        else:
            note = f"{_named(item[0])}: a worker process died while extracting; extracted again"
            if results:
                results[0].warnings.insert(0, note)
            else:
                results = [Result(path=path_of(item[0][0]), warnings=[note], archive_offset=_offset(item[0][0]))]
        done: Future = Future()
        done.set_result(results)
        again.append((item, done))
    return again


Runner = Callable[[Settings, list[str]], Iterator[Result]]  # extracts listed files elsewhere: on a Dask cluster


def extract_paths(
    settings: Settings,
    paths: list[str],
    jobs: int = 1,
    on_start: Callable[[int], None] | None = None,
    texts: bool = False,
    run: Runner | None = None,
) -> Iterator[Result]:
    """A Result per document, in input order; unreadable documents come as Results with an error.
    With `texts`, each Result carries its document's text (in one process). With `run` (the CLI
    passes vnkr.distributed's for --scheduler), the listed files are extracted by it instead."""
    skipped: list[Skipped] = []
    files = list(iter_paths(paths, skipped.append))
    for entry in skipped:  # said first: the files are read after
        yield Result(path=entry.path, error=entry.message) if entry.error else Result(path=entry.path, warnings=[entry.message])
    if on_start:
        on_start(len(files))
    if run is not None and not texts:
        yield from run(settings, files)
    elif texts or jobs <= 1:
        yield from _serial(settings, files, texts)
    else:
        work = pieces(files)
        first = list(islice(work, 2))
        yield from _serial(settings, files) if len(first) < 2 else _parallel(settings, chain(first, work), jobs, len(files))
