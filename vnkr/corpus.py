"""Reading documents: paths, decoding, front matter and the published date.

Offsets are into the decoded text exactly as `open(path, newline="")` reads it: the BOM
dropped, line endings and Unicode normal form left as they are. A saved page (.html) is read
as its main text, an article archive (.jsonl) as one document per line (vnkr.readers).
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vnkr.languages import LANGUAGES, detect
from vnkr.published import Published, PublishedDetector
from vnkr.readers import is_html, is_jsonl
from vnkr.readers.archive import Article, BadLine, Lines, archive_lines, is_article_archive, read_archive
from vnkr.rules import RuleSet, shipped_rules

FRONT_LINE = re.compile(r"^[A-Za-z_][\w-]*:[ \t]?.*$")
FRONT_CLOSE = re.compile(r"^---[ \t]*$")
FRONT_MAX_LINES = 50
FALLBACK_ENCODING = "cp1252"
STREAM_BYTES = 4_000_000  # a larger file is read in chunks, never held whole
CHUNK_BYTES = 1 << 20
HEAD_CHARS = 20_000  # what a streamed document's front matter and published date are read from
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm")  # what a directory is searched for
SAVED_ASSETS = "_files"  # a browser's "save page" puts the page's frames and scripts in PAGE_files/
URL_KEYS = ("url", "source")  # front matter keys that may give a text's URL


class ReadError(Exception):
    """A document that cannot be read; the message is one line naming the file and why. An
    archive's bad line also says where it starts (`archive_offset`, as Document's)."""

    def __init__(self, message: str, archive_offset: int | None = None):
        super().__init__(message)
        self.archive_offset = archive_offset


@dataclass
class Document:
    doc: str  # the file's stem
    path: str  # as the user gave it
    text: str  # the whole decoded text
    body_start: int = 0  # where the text after front matter begins
    front_matter: dict[str, str] = field(default_factory=dict)
    lang: str = "en"  # en, vi or ko: front matter, --lang, or the text's own script
    published: date | None = None
    skip: tuple[tuple[int, int], ...] = ()  # the document's own date as written (header, dateline), relative to the body
    reference: date | None = None  # the reading's "now": a yearless dateline is not after it
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # blocks that could not be processed
    stream: Callable[[], Iterator[str]] | None = None  # chunks of a large file's text; `text` is then its head
    url: str | None = None  # the page's canonical URL, an archived article's URL, or front matter's url/source
    meta_published: date | None = None  # the page's or archive's own date: before the text's header rules
    archive_offset: int | None = None  # an archived article's: the byte of the archive its line starts at
    outlet: str | None = None  # who published it: front matter's outlet, an archive line's source_domain, a page's site name
    title: str | None = None  # its headline: front matter's title, an archive line's or a page's title

    @property
    def body(self) -> str:
        """The text after front matter (of a streamed document, only its head)."""
        return self.text[self.body_start :]

    def chunks(self) -> Iterator[str]:
        """The body, in one piece or, for a large file, chunk by chunk."""
        if self.stream is None:
            yield self.body
            return
        skip = self.body_start
        for chunk in self.stream():
            if skip >= len(chunk):
                skip -= len(chunk)
                continue
            yield chunk[skip:]
            skip = 0


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """UTF-8 (BOM dropped), else cp1252, else latin-1; returns (text, warning or None)."""
    if b"\x00" in data:
        raise ReadError(f"{name}: binary file (NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        where = error.start
    for encoding in (FALLBACK_ENCODING, "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, f"{name}: not UTF-8 (byte {where}), decoded as {encoding}"
    raise ReadError(f"{name}: cannot decode")  # latin-1 decodes every byte: unreachable


@contextmanager
def _reading(path: str) -> Iterator[None]:
    """OS errors while reading `path`, as one-line ReadErrors."""
    try:
        yield
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory, expected a file") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except OSError as error:
        raise ReadError(f"{path}: cannot read ({error.strerror})") from None


def _decodes(path: str, encoding: str) -> bool:
    """Whether a whole file decodes in `encoding`, read chunk by chunk."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def split_front_matter(text: str) -> tuple[dict[str, str], int]:
    """`key: value` lines at the very top closed by a line `---`; returns (keys, body start)."""
    position = 0
    lines = text.splitlines(keepends=True)
    if lines and FRONT_CLOSE.match(lines[0].rstrip("\r\n")):
        position += len(lines[0])
        lines = lines[1:]
    found: dict[str, str] = {}
    for line in lines[:FRONT_MAX_LINES]:
        stripped = line.rstrip("\r\n")
        if FRONT_CLOSE.match(stripped):
            return (found, position + len(line)) if found else ({}, 0)
        if not FRONT_LINE.match(stripped):
            return {}, 0
        key, _, value = stripped.partition(":")
        found[key.strip().lower()] = value.strip()
        position += len(line)
    return {}, 0


def _front_url(front: dict[str, str]) -> str | None:
    return next((front[k] for k in URL_KEYS if front.get(k, "").startswith(("http://", "https://"))), None)


def parse_iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _saved_asset(path: Path, top: Path) -> bool:
    """A file inside PAGE_files/ beside a saved PAGE.html: the page's frames, not an article."""
    for folder in path.relative_to(top).parents:
        name = folder.name
        if name.endswith(SAVED_ASSETS) and any((top / folder.parent / (name[: -len(SAVED_ASSETS)] + s)).exists() for s in (".html", ".htm")):
            return True
    return False


def iter_paths(paths: list[str]) -> Iterator[str]:
    """Each path as given: a file, every *.txt, *.html and *.htm below a directory (sorted), or '-' for stdin."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES and not _saved_asset(p, path))
            for child in sorted(found, key=lambda p: p.as_posix()):
                yield str(child)
        else:
            yield raw


def missing_paths(paths: list[str]) -> list[str]:
    return [p for p in paths if p != "-" and not Path(p).exists()]


class Reader:
    """Turns paths into Documents with their language and published date."""

    def __init__(
        self,
        rules: RuleSet,
        reference: date,
        published_overrides: dict[str, date | None] | None = None,
        lang: str | None = None,
        rules_of: Callable[[str], RuleSet] | None = None,
    ):
        self.rules_of = rules_of or (lambda code: rules if code == "en" else shipped_rules(code))
        self.detectors = {"en": PublishedDetector(rules.calendar)}
        self.reference = reference
        self.overrides = published_overrides or {}
        self.lang = lang

    def detector(self, lang: str) -> PublishedDetector:
        if lang not in self.detectors:
            self.detectors[lang] = PublishedDetector(self.rules_of(lang).calendar)
        return self.detectors[lang]

    def _set_lang(self, document: Document) -> None:
        """Front matter's `lang:`, else --lang, else the script of the text."""
        given = document.front_matter.get("lang", "").strip().lower()
        if given and given not in LANGUAGES:
            document.warnings.append(f"{document.path}: front matter 'lang: {given}' is not one of {', '.join(LANGUAGES)}; detected from the text")
            given = ""
        document.lang = given or self.lang or detect(document.body)

    def read_bytes(self, path: str) -> bytes:
        if path == "-":
            return sys.stdin.buffer.read()
        with _reading(path), open(path, "rb") as handle:
            return handle.read()

    def documents(self, path: str | Lines) -> Iterator[Document | ReadError]:
        """The documents of one path: one for a text or a page, one per line of an article archive
        or of a run of its lines (a bad line comes as a ReadError, and the other lines are still read)."""
        if isinstance(path, Lines):
            yield from self.archive(path.path, path)
        elif path != "-" and is_jsonl(path):
            yield from self.archive(path)
        else:
            yield self.read(path)

    def page(self, path: str, data: bytes) -> Document:
        """A saved page: its main text (trafilatura), date and canonical URL; no main text is a warning."""
        if b"\x00" in data:
            raise ReadError(f"{path}: binary file (NUL bytes), skipped")
        from vnkr.readers.html import read_page  # trafilatura is imported only when a page is read

        page = read_page(data)
        front = {"lang": page.lang} if page.lang else {}
        document = Document(doc=Path(path).stem, path=path, text=page.text, front_matter=front, reference=self.reference, url=page.url, meta_published=page.published,
                            outlet=page.outlet, title=page.title)
        if not page.text.strip():
            document.text = ""
            document.warnings.append(f"{path}: no main text found in the page (navigation and boilerplate only?); no claims")
        self._set_published(document)
        return document

    def archive(self, path: str, run: Lines | None = None) -> Iterator[Document | ReadError]:
        """An article archive (news-please JSONL), or the run of its lines `run`, read line by line."""
        run = run or Lines(path)
        with _reading(path):
            if not is_article_archive(path):
                raise ReadError(f"{path}: not an article archive (its first line has no 'maintext'); a claims file is read by compare and eval")
            for item in read_archive(path, archive_lines(run), run.taken):
                yield ReadError(item.message, item.offset) if isinstance(item, BadLine) else self.article(path, item)

    def article(self, path: str, article: Article) -> Document:
        front = {"lang": article.lang} if article.lang else {}
        document = Document(
            doc=article.doc,
            path=path,
            text=article.text,
            front_matter=front,
            reference=self.reference,
            url=article.url,
            meta_published=article.published,
            archive_offset=article.offset,
            outlet=article.outlet,
            title=article.title,
        )
        self._set_published(document)
        return document

    def document(self, path: str, data: bytes) -> Document:
        if path != "-" and is_html(path):
            return self.page(path, data)
        name = "<stdin>" if path == "-" else path
        text, warning = decode(data, name)
        stem = "stdin" if path == "-" else Path(path).stem
        front, body_start = split_front_matter(text)
        document = Document(doc=stem, path=path, text=text, body_start=body_start, front_matter=front, reference=self.reference, url=_front_url(front),
                            outlet=front.get("outlet") or None, title=front.get("title") or None)
        if warning:
            document.warnings.append(warning)
        self._set_published(document)
        return document

    def _set_published(self, document: Document) -> None:
        """Command line, then front matter, then the page's metadata, then the header or dateline;
        the dateline is never a claim."""
        self._set_lang(document)  # the language first: it picks the header forms to read
        found: Published = self.detector(document.lang).detect(document.body, self.reference)
        document.skip = found.spans
        document.published = document.meta_published or found.date
        value = document.front_matter.get("published")
        if value is not None:
            unknown = value.lower() in {"unknown", "none", "null", ""}
            document.published = None if unknown else parse_iso_date(value)
            if document.published is None and not unknown:
                document.warnings.append(f"{document.path}: front matter 'published: {value}' is not an ISO date; taken as unknown")
        if document.doc in self.overrides:
            document.published = self.overrides[document.doc]

    def read(self, path: str) -> Document:
        if path != "-" and not is_html(path) and os.path.isfile(path) and os.path.getsize(path) > STREAM_BYTES:
            return self.streamed(path)
        return self.document(path, self.read_bytes(path))

    def _encoding(self, path: str) -> tuple[str, str | None]:
        """The encoding of a large file, checked chunk by chunk: (encoding, warning or None)."""
        with open(path, "rb") as handle:
            decoder = codecs.getincrementaldecoder("utf-8")()
            position = 0
            failed = None
            while chunk := handle.read(CHUNK_BYTES):
                if b"\x00" in chunk:
                    raise ReadError(f"{path}: binary file (NUL bytes), skipped")
                if failed is None:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError as error:
                        failed = position + error.start
                position += len(chunk)
            if failed is None:
                try:
                    decoder.decode(b"", final=True)  # a sequence cut off at the end
                except UnicodeDecodeError:
                    failed = position
        if failed is None:
            return "utf-8-sig", None
        encoding = FALLBACK_ENCODING if _decodes(path, FALLBACK_ENCODING) else "latin-1"
        return encoding, f"{path}: not UTF-8 (byte {failed}), decoded as {encoding}"

    def streamed(self, path: str) -> Document:
        """A large file: its head is read for front matter and date, its text streamed in chunks."""
        with _reading(path):
            encoding, warning = self._encoding(path)
            with open(path, encoding=encoding, newline="") as handle:
                head = handle.read(HEAD_CHARS)
        front, body_start = split_front_matter(head)
        document = Document(doc=Path(path).stem, path=path, text=head, body_start=body_start, front_matter=front, reference=self.reference, url=_front_url(front),
                            outlet=front.get("outlet") or None, title=front.get("title") or None)
        if warning:
            document.warnings.append(warning)

        def stream() -> Iterator[str]:
            try:
                with open(path, encoding=encoding, newline="") as handle:
                    while chunk := handle.read(CHUNK_BYTES):
                        yield chunk
            except OSError as error:
                document.errors.append(f"reading stopped ({error.strerror}); the rest of the file was not processed")

        document.stream = stream
        self._set_published(document)
        return document
