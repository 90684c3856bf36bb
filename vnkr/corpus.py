"""Reading documents: paths, decoding, front matter and the published date.

Offsets are into the decoded text exactly as `open(path, newline="")` reads it: the BOM
dropped, line endings and Unicode normal form left as they are. A saved page (.html) is read
as its main text, an article archive (.jsonl) as one document per line (vnkr.readers).

Decoding: a UTF-16 or UTF-32 file is known by its BOM; otherwise the text is UTF-8 when its
valid multi-byte sequences outnumber the bytes that are not UTF-8 (a stray byte in a Korean or
Vietnamese text), those bytes then read as U+FFFD, else cp1252 or latin-1 (a legacy file);
either way a warning names the bytes. Only regular files are read from a directory; a pipe or
device named on the command line is opened without blocking (a FIFO with no writer gives
nothing) and read up to HELD_MAX_BYTES, as any document read whole is.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vnkr.languages import LANGUAGES, SCRIPTS, detect
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
SKIPPED_SHOWN = 5  # files a warning names of those a directory holds and vnkr does not read
SAVED_ASSETS = "_files"  # a browser's "save page" puts the page's frames and scripts in PAGE_files/
URL_KEYS = ("url", "source")  # front matter keys that may give a text's URL
HELD_MAX_BYTES = 64 << 20  # the most a document read whole may be: a page, a pipe or device, stdin (a text file over STREAM_BYTES is streamed)
SHOWN_BAD_BYTES = 3  # offsets of bytes that are not UTF-8 named in a warning
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# a valid UTF-8 sequence of two to four bytes, else one byte that is not UTF-8 (RFC 3629, table 3-7 of Unicode)
UTF8_OR_BAD = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}|[\x80-\xff]"
)
KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


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
    declared_lang: str | None = None  # a page's <html lang>: below the user's word, and outranked by a script it contradicts

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


class Utf8Census:
    """Counts, over a file's bytes fed in pieces, the valid multi-byte UTF-8 sequences and the bytes
    that are not UTF-8 (with the offsets of the first few): whether the text is UTF-8 with a few bad
    bytes or a legacy encoding is decided by which are more."""

    def __init__(self) -> None:
        self.multi = 0
        self.bad: list[int] = []
        self.bad_count = 0
        self.position = 0  # of `tail` in the file
        self.tail = b""  # the last bytes of a piece, which may begin a sequence the next one ends

    def feed(self, data: bytes, final: bool = False) -> None:
        data = self.tail + data
        keep = 0 if final else min(3, len(data))
        while keep and data[-keep] < 0xC0:  # keep from the last lead byte, if it is among the last 3
            keep -= 1
        cut = len(data) - keep if keep else len(data)
        for match in UTF8_OR_BAD.finditer(data, 0, cut):
            if match.end() - match.start() > 1:
                self.multi += 1
                continue
            self.bad_count += 1
            if len(self.bad) < SHOWN_BAD_BYTES:
                self.bad.append(self.position + match.start())
        self.position += cut
        self.tail = data[cut:]

    @property
    def utf8(self) -> bool:
        return self.bad_count == 0 or self.multi > self.bad_count

    def where(self) -> str:
        shown = ", ".join(map(str, self.bad)) + (f" and {self.bad_count - len(self.bad)} more" if self.bad_count > len(self.bad) else "")
        return f"byte{'s' if self.bad_count > 1 else ''} {shown}"

    def warning(self, name: str, encoding: str) -> str | None:
        if not self.bad_count:
            return None
        if encoding.startswith("utf-8"):
            return f"{name}: not UTF-8 at {self.where()}; read as UTF-8 with {'those bytes' if self.bad_count > 1 else 'that byte'} as U+FFFD"
        return f"{name}: not UTF-8 ({self.where()}; {self.multi} UTF-8 sequences), decoded as {encoding}"


def bom_encoding(head: bytes) -> str | None:
    """'utf-16' or 'utf-32' when the bytes open with its BOM (Python's codec drops it and reads its byte order)."""
    return next((encoding for bom, encoding in BOMS if head.startswith(bom)), None)


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """UTF-16/32 by its BOM; UTF-8 (BOM dropped, a few bad bytes as U+FFFD); else cp1252, else
    latin-1; returns (text, warning or None)."""
    wide = bom_encoding(data[:4])
    if wide:
        return data.decode(wide, errors="replace"), None if _clean(data, wide) else f"{name}: not valid {wide.upper()}; its bad units read as U+FFFD"
    if b"\x00" in data:
        raise ReadError(f"{name}: binary file (NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        census = Utf8Census()
        census.feed(data, final=True)
    if census.utf8:
        return data.decode("utf-8-sig", errors="replace"), census.warning(name, "utf-8")
    for encoding in (FALLBACK_ENCODING, "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, census.warning(name, encoding)
    raise ReadError(f"{name}: cannot decode")  # latin-1 decodes every byte: unreachable


def _clean(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def shown(path: str) -> str:
    """A path as output shows it: a file name's bytes that are not UTF-8 (kept by Python as lone
    surrogates, which JSON cannot carry) as U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _note_name(document: Document, path: str) -> None:
    if document.path != path:
        document.warnings.append(f"{document.path}: the file name is not UTF-8; its doc and path show those bytes as U+FFFD")


def _without_waiting(path: str, flags: int) -> int:
    """Opens a FIFO that has no writer yet without waiting for one (the reads then block as usual)."""
    return os.open(path, flags | os.O_NONBLOCK)


def regular_or_absent(path: str) -> bool:
    """False for a FIFO, device or socket: what must not be opened to peek at (a FIFO blocks)."""
    try:
        return kind_of(os.stat(path).st_mode) is None
    except OSError:
        return True


def kind_of(mode: int) -> str | None:
    """What a non-regular, non-directory file is ('a FIFO' ...), None for a regular file or a directory."""
    return next((name for test, name in KINDS if test(mode)), None)


def read_bounded(handle, name: str, what: str) -> bytes:
    """At most HELD_MAX_BYTES from a binary handle; more is a ReadError (`what` says what was read)."""
    data = handle.read(HELD_MAX_BYTES + 1)
    if len(data) > HELD_MAX_BYTES:
        raise ReadError(f"{name}: {what} is over {HELD_MAX_BYTES >> 20} MiB, the most a document read whole may be; skipped")
    return data


@contextmanager
def _reading(path: str) -> Iterator[None]:
    """OS errors while reading `path`, as one-line ReadErrors."""
    try:
        yield
    except IsADirectoryError:
        raise ReadError(f"{shown(path)}: is a directory, expected a file") from None
    except PermissionError:
        raise ReadError(f"{shown(path)}: permission denied") from None
    except FileNotFoundError:
        raise ReadError(f"{shown(path)}: no such file") from None
    except OSError as error:
        raise ReadError(f"{shown(path)}: cannot read ({error.strerror})") from None


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


@dataclass(frozen=True)
class Skipped:
    """An entry of a directory that is not read: a FIFO, device or socket (a warning), or a
    directory that cannot be listed (an error: the documents in it are lost)."""

    path: str
    message: str
    error: bool = False


def _walk(top: str, skipped: Callable[[Skipped], None]) -> Iterator[str]:
    """The documents below a directory, sorted: regular files (or links to them) named *.txt,
    *.html, *.htm outside a saved page's assets; a directory so named too (reading it says so).
    Links to directories are not followed (as Path.rglob did). A directory that holds no document,
    and the other files below one (but hidden ones and a saved page's assets), are said: an
    archive (.jsonl) there is read only when named."""
    found, others = [], []
    root = Path(os.path.realpath(top))

    def unlistable(error: OSError) -> None:
        where = shown(error.filename or top)
        skipped(Skipped(where, f"{where}: cannot list this directory ({error.strerror}); the documents in it were not read", error=True))

    for folder, folders, files in os.walk(top, onerror=unlistable):
        for name in files + folders:
            path = Path(folder, name)
            if _saved_asset(path, Path(top)):
                continue
            if path.suffix.lower() not in DOCUMENT_SUFFIXES:
                if name in files and not _hidden(path, Path(top)) and path.is_file():
                    others.append(path.relative_to(top).as_posix())
                continue
            try:
                kind = kind_of(path.stat().st_mode)
            except OSError:
                kind = None  # a broken link: reading it says so
            if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(root):
                # a folder from elsewhere (an unpacked archive, a shared drive) must not pull ~/.ssh/id_rsa into a report
                skipped(Skipped(shown(str(path)), f"{shown(str(path))}: a link to a file outside {shown(top)}; skipped (name it on the command line to read it)"))
                continue
            if kind:
                skipped(Skipped(shown(str(path)), f"{shown(str(path))}: {kind}, not a regular file; skipped (name it on the command line to read it)"))
            else:
                found.append(path)
    if others or not found:
        skipped(Skipped(shown(top), _skipped_message(shown(top), bool(found), sorted(others))))
    return (str(path) for path in sorted(found, key=lambda p: p.as_posix()))


def iter_paths(paths: list[str], skipped: Callable[[Skipped], None] | None = None) -> Iterator[str]:
    """Each path as given: a file, the documents below a directory (_walk), or '-' for stdin;
    what a directory holds but is not read goes to `skipped`."""
    for raw in paths:
        if raw != "-" and Path(raw).is_dir():
            yield from _walk(raw, skipped or (lambda _: None))
        else:
            yield raw


def _hidden(path: Path, top: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(top).parts)


def _skipped_message(folder: str, found: bool, skipped: list[str]) -> str:
    kinds = "*" + ", *".join(DOCUMENT_SUFFIXES[:-1]) + " or *" + DOCUMENT_SUFFIXES[-1]
    if not skipped:
        return f"{folder}: no {kinds} file in this directory; nothing read from it"
    shown = ", ".join(skipped[:SKIPPED_SHOWN]) + (f" and {len(skipped) - SKIPPED_SHOWN} more" if len(skipped) > SKIPPED_SHOWN else "")
    head = f"{folder}: skipped {len(skipped)} file{'s' if len(skipped) > 1 else ''} that {'are' if len(skipped) > 1 else 'is'} not {kinds}: {shown}"
    tail = "" if found else "; nothing read from it"
    archives = [name for name in skipped if Path(name).suffix.lower() == ".jsonl"]
    if archives:
        tail += f" (an article archive is read when named: {Path(folder) / archives[0]})"
    return head + tail


def document_names(files: Iterable[str]) -> Iterator[str]:
    """The doc name of each document of `files` (from iter_paths) as reading them gives it, without
    reading any text: a file's stem, an article archive's names (one pass over its lines)."""
    for path in files:
        if path == "-":
            yield "stdin"
        elif is_jsonl(path):
            try:
                if is_article_archive(path):
                    yield from (item.doc for item in read_archive(path, archive_lines(Lines(path))) if isinstance(item, Article))
            except OSError:
                continue  # said when the archive is read
        else:
            yield Path(path).stem


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
        """Front matter's `lang:`, else --lang (the user's word), else the page's declared language
        unless the text's script contradicts it, else the script of the text."""
        given = document.front_matter.get("lang", "").strip().lower()
        if given and given not in LANGUAGES:
            document.warnings.append(f"{document.path}: front matter 'lang: {given}' is not one of {', '.join(LANGUAGES)}; detected from the text")
            given = ""
        if given or self.lang:
            document.lang = given or self.lang
            return
        detected, declared = detect(document.body), document.declared_lang
        if declared and declared not in LANGUAGES:
            document.warnings.append(f"{document.path}: the page declares lang '{declared}', not one of {', '.join(LANGUAGES)}; read as {detected}, from its text")
        elif declared and detected != "en" and detected != declared:  # 'en' is no evidence: no Hangul, no Vietnamese letters
            document.warnings.append(f"{document.path}: the page declares lang '{declared}' but its text is written in {SCRIPTS[detected]}; read as {detected}")
        elif declared:
            detected = declared
        document.lang = detected

    def read_bytes(self, path: str) -> bytes:
        """A document's bytes, read whole: at most HELD_MAX_BYTES of them. A FIFO is opened without
        waiting for a writer (O_NONBLOCK, then blocking reads): with none it gives nothing, an error."""
        if path == "-":
            return read_bounded(sys.stdin.buffer, "<stdin>", "stdin")
        if os.path.exists(path) and stat.S_ISSOCK(os.stat(path).st_mode):
            raise ReadError(f"{shown(path)}: a socket, not a file; skipped")
        with _reading(path), open(path, "rb", opener=_without_waiting) as handle:
            fcntl.fcntl(handle.fileno(), fcntl.F_SETFL, fcntl.fcntl(handle.fileno(), fcntl.F_GETFL) & ~os.O_NONBLOCK)
            kind = kind_of(os.fstat(handle.fileno()).st_mode)
            data = read_bounded(handle, shown(path), kind or "the file")
        if kind == "a FIFO" and not data:
            raise ReadError(f"{shown(path)}: a FIFO that gave nothing (no writer?); skipped")
        return data

    def documents(self, path: str | Lines) -> Iterator[Document | ReadError]:
        """The documents of one path: one for a text or a page, one per line of an article archive
        or of a run of its lines (a bad line comes as a ReadError, and the other lines are still read)."""
        if isinstance(path, Lines):
            yield from self.archive(path.path, path)
        elif path != "-" and is_jsonl(path):
            if not regular_or_absent(path):
                raise ReadError(f"{shown(path)}: not a regular file; an article archive is read from a file")
            yield from self.archive(path)
        else:
            yield self.read(path)

    def page(self, path: str, data: bytes) -> Document:
        """A saved page: its main text (trafilatura), date and canonical URL; no main text is a warning."""
        if b"\x00" in data:
            raise ReadError(f"{shown(path)}: binary file (NUL bytes), skipped")
        from vnkr.readers.html import read_page  # trafilatura is imported only when a page is read

        page = read_page(data)
        document = Document(doc=shown(Path(path).stem), path=shown(path), text=page.text, reference=self.reference, url=page.url, meta_published=page.published,
                            outlet=page.outlet, title=page.title)
        document.declared_lang = page.lang
        _note_name(document, path)
        if page.plain:
            document.warnings.append(f"{document.path}: {page.plain}")
        if not page.text.strip():
            document.text = ""
            document.warnings.append(f"{document.path}: no main text found in the page (navigation and boilerplate only?); no claims")
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
        name = "<stdin>" if path == "-" else shown(path)
        text, warning = decode(data, name)
        stem = "stdin" if path == "-" else shown(Path(path).stem)
        front, body_start = split_front_matter(text)
        document = Document(doc=stem, path=shown(path), text=text, body_start=body_start, front_matter=front, reference=self.reference, url=_front_url(front),
                            outlet=front.get("outlet") or None, title=front.get("title") or None)
        _note_name(document, path)
        if warning:
            document.warnings.append(warning)
        if not document.body.strip():
            document.warnings.append(f"{document.path}: empty (nothing but white space{' and front matter' if front else ''}); no claims")
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
        """The encoding of a large file, judged chunk by chunk as decode() judges a small one: (encoding, warning or None)."""
        census = Utf8Census()
        with open(path, "rb") as handle:
            first = True
            while chunk := handle.read(CHUNK_BYTES):
                if first and (wide := bom_encoding(chunk[:4])):
                    return wide, None if _decodes(path, wide) else f"{shown(path)}: not valid {wide.upper()}; its bad units read as U+FFFD"
                first = False
                if b"\x00" in chunk:
                    raise ReadError(f"{shown(path)}: binary file (NUL bytes), skipped")
                census.feed(chunk)
            census.feed(b"", final=True)  # a sequence cut off at the end
        if census.utf8:
            return "utf-8-sig", census.warning(shown(path), "utf-8")
        encoding = FALLBACK_ENCODING if _decodes(path, FALLBACK_ENCODING) else "latin-1"
        return encoding, census.warning(shown(path), encoding)

    def streamed(self, path: str) -> Document:
        """A large file: its head is read for front matter and date, its text streamed in chunks."""
        with _reading(path):
            encoding, warning = self._encoding(path)
            with open(path, encoding=encoding, errors="replace", newline="") as handle:
                head = handle.read(HEAD_CHARS)
        front, body_start = split_front_matter(head)
        document = Document(doc=shown(Path(path).stem), path=shown(path), text=head, body_start=body_start, front_matter=front, reference=self.reference, url=_front_url(front),
                            outlet=front.get("outlet") or None, title=front.get("title") or None)
        _note_name(document, path)
        if warning:
            document.warnings.append(warning)

        def stream() -> Iterator[str]:
            try:
                with open(path, encoding=encoding, errors="replace", newline="") as handle:
                    while chunk := handle.read(CHUNK_BYTES):
                        yield chunk
            except OSError as error:
                document.errors.append(f"reading stopped ({error.strerror}); the rest of the file was not processed")

        document.stream = stream
        self._set_published(document)
        return document
