"""Article archives: JSONL files of articles, one object per line, as news crawlers write them.

The keys are news-please's (`maintext`, `date_publish`, `url`, `title`, `language`); an
archive is told apart from a claims file by its first object, which has `maintext` and no
`label`/`start` (a claim's keys). Offsets point into the headline (`title`) and `maintext`, one
line apart, as `vnkr text archive.jsonl --doc DOC` prints them.

A large archive is read in runs of lines (Lines, cut_archive) by several workers at once; a run
carries what its documents' names and line numbers depend on, so they are those of one reading.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain, count
from pathlib import Path
from urllib.parse import urlsplit

from vnkr.jsonl import LineError, parse, surrogate_reason
from vnkr.readers import with_headline

TEXT_KEY = "maintext"
READ_KEYS = (TEXT_KEY, "title", "url", "language", "date_publish")  # what vnkr takes from an article object
CLAIM_KEYS = ("label", "start")
DOC_CHARS = re.compile(r"[^\w.-]+")
LINE_ENDS = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # a line of bytes split where a text reading ends lines


@dataclass(frozen=True)
class BadLine:
    offset: int  # the byte of the archive its line starts at
    message: str  # one line naming the archive, the line number and why


@dataclass(frozen=True)
class Article:
    doc: str  # from the URL's last path segment, else the archive's stem and line number
    line: int
    offset: int  # the byte of the archive its line starts at
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    outlet: str | None = None  # news-please's source_domain


def _first_object(path: str) -> dict | None:
    """The first line that is a JSON object (a malformed or undecodable line before it is reported when read)."""
    try:
        for _, _, line in archive_lines(Lines(path)):
            try:
                data = parse(line) if line and line.strip() else None
            except LineError:
                continue
            if isinstance(data, dict):
                return data
    except OSError:
        return None
    return None


def is_article_archive(path: str) -> bool:
    """A JSONL file whose first object is an article (`maintext`), not a claim (`label`, `start`)."""
    first = _first_object(path)
    return first is not None and TEXT_KEY in first and not all(k in first for k in CLAIM_KEYS)


def _date(value: object) -> date | None:
    """news-please writes '2024-05-29 18:12:00'; ISO forms with 'T' read too."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _url(data: dict) -> str | None:
    url = data.get("url")
    return url if isinstance(url, str) and url else None


def _doc_name(url: str | None, stem: str, line: int) -> str:
    if url:
        segments = [s for s in urlsplit(url).path.split("/") if s]
        if segments:
            name = DOC_CHARS.sub("-", re.sub(r"\.[a-z]{2,5}$", "", segments[-1])).strip("-")
            if name:
                return name
    return f"{stem}-{line}"


def _unique(seen: set[str], name: str, line: int, taken: Callable[[str], None] | None = None) -> str:
    """`name`, or `name-<line>` when an earlier line took it, or `name-<line>-2`, -3 ... when an
    earlier line took that too (one whose URL ends in it): the first name no earlier line took,
    which is taken from then on. `taken` is told each name found taken on the way."""
    for doc in chain((name, f"{name}-{line}"), (f"{name}-{line}-{n}" for n in count(2))):
        if doc not in seen:
            seen.add(doc)
            return doc
        if taken is not None:
            taken(doc)
    raise AssertionError("unreachable: the names to try never end")


def _article_object(text: str | None) -> dict | str:
    """A line's article object, or why it is not one."""
    if text is None:
        return "not UTF-8"
    try:
        data = parse(text)
    except LineError as error:
        return str(error)
    if not isinstance(data, dict):
        return f"expected a JSON object, got {type(data).__name__}"
    if not isinstance(data.get(TEXT_KEY), str):
        return f"no article text (key {TEXT_KEY!r} missing or not a string)"
    for key in READ_KEYS:
        reason = surrogate_reason(text, data.get(key), f"key {key!r} holds ")
        if reason:
            return reason
    return data


@dataclass(frozen=True)
class Lines:
    """A run of an archive's lines: those whose line of bytes starts in [start, end) of the file
    (end None: to its end), numbered from `first` to `last`. `taken` holds the names that lines
    before the run took and that its own lines would otherwise take: with it the run names its
    documents as a reading of the whole archive does, without reading what comes before it."""

    path: str
    start: int = 0
    end: int | None = None
    first: int = 1
    last: int | None = None
    taken: frozenset[str] = frozenset()


def archive_lines(run: Lines) -> Iterator[tuple[int, int, str | None]]:
    """(line number, byte where its line of bytes starts, text or None if not UTF-8) of each line
    of `run`, reading only the run's bytes. Lines end where `open(path, newline="")` ends them
    (\\n, \\r\\n or a lone \\r), and the file's BOM is dropped, as a text reading of the file does."""
    number = run.first
    with open(run.path, "rb") as handle:
        handle.seek(run.start)
        offset = run.start
        for raw in handle:  # a line of bytes ends at \n, which is never inside a UTF-8 character
            if run.end is not None and offset >= run.end:
                break
            data = raw[len(codecs.BOM_UTF8) :] if offset == 0 and raw.startswith(codecs.BOM_UTF8) else raw
            for line in LINE_ENDS.findall(data) if b"\r" in data or not data else (data,):
                try:
                    yield number, offset, line.decode("utf-8")
                except UnicodeDecodeError:
                    yield number, offset, None
                number += 1
            offset += len(raw)


def cut_archive(path: str, size: int) -> Iterator[Lines]:
    """An article archive as runs of lines, a run per `size` bytes: a line belongs to run
    `start // size` of the byte its line starts at, so a run starts at the first line at or after a
    multiple of `size`. One pass over the file parses each line for its URL only (no text is
    processed) to give each run its line numbers and the earlier names it needs (Lines.taken)."""
    stem = Path(path).stem
    seen: set[str] = set()
    run: dict | None = None

    def before_run(name: str) -> None:
        if name not in run["new"]:
            run["taken"].add(name)  # a name a line before the run took: the run's reader must know it

    for number, offset, text in archive_lines(Lines(path)):
        if run is None or offset // size != run["index"]:
            if run is not None:
                yield Lines(path, run["start"], offset, run["first"], number - 1, frozenset(run["taken"]))
            run = {"index": offset // size, "start": offset, "first": number, "taken": set(), "new": set()}
        if text is None or not text.strip() or isinstance(data := _article_object(text), str):
            continue
        run["new"].add(_unique(seen, _doc_name(_url(data), stem, number), number, before_run))
    if run is not None:
        yield Lines(path, run["start"], None, run["first"], number, frozenset(run["taken"]))


def read_archive(path: str, lines: Iterable[tuple[int, int, str | None]], taken: Iterable[str] = ()) -> Iterator[Article | BadLine]:
    """Each line's Article, or a BadLine whose message names the line; a bad line does not stop the rest.
    `lines` come from archive_lines; `taken` are the names lines before them took (Lines.taken)."""
    stem = Path(path).stem
    seen: set[str] = set(taken)
    for number, offset, line in lines:
        if line is not None and not line.strip():
            continue
        data = _article_object(line)
        if isinstance(data, str):
            yield BadLine(offset, f"{path}:{number}: {data}; line skipped")
            continue
        url = _url(data)
        doc = _unique(seen, _doc_name(url, stem, number), number)
        language = data.get("language")
        title = data.get("title") if isinstance(data.get("title"), str) else None
        yield Article(
            doc=doc, line=number, offset=offset, text=with_headline(title, data[TEXT_KEY]), published=_date(data.get("date_publish")), url=url, title=title,
            lang=language.strip().lower() if isinstance(language, str) and language.strip() else None,
            outlet=data.get("source_domain") if isinstance(data.get("source_domain"), str) and data.get("source_domain") else None,
        )  # fmt: skip
