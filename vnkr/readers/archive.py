"""Article archives: JSONL files of articles, one object per line, as news crawlers write them.

The keys are news-please's (`maintext`, `date_publish`, `url`, `title`, `language`); an
archive is told apart from a claims file by its first object, which has `maintext` and no
`label`/`start` (a claim's keys). Offsets point into the headline (`title`) and `maintext`, one
line apart, as `vnkr text archive.jsonl --doc DOC` prints them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from vnkr.readers import with_headline

TEXT_KEY = "maintext"
CLAIM_KEYS = ("label", "start")
DOC_CHARS = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Article:
    doc: str  # from the URL's last path segment, else the archive's stem and line number
    line: int
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    lang: str | None = None


def _first_object(path: str) -> dict | None:
    """The first line that is a JSON object (a malformed line before it is reported when read)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for line in handle:
                try:
                    data = json.loads(line) if line.strip() else None
                except json.JSONDecodeError:
                    continue
                if isinstance(data, dict):
                    return data
    except (OSError, UnicodeDecodeError):
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


def _doc_name(url: str | None, stem: str, line: int) -> str:
    if url:
        segments = [s for s in urlsplit(url).path.split("/") if s]
        if segments:
            name = DOC_CHARS.sub("-", re.sub(r"\.[a-z]{2,5}$", "", segments[-1])).strip("-")
            if name:
                return name
    return f"{stem}-{line}"


def read_archive(path: str, lines: Iterator[str]) -> Iterator[Article | str]:
    """Each line's Article, or a one-line error naming the line; a bad line does not stop the rest."""
    stem = Path(path).stem
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield f"{where}: not valid JSON ({error.msg}); line skipped"
            continue
        if not isinstance(data, dict):
            yield f"{where}: expected a JSON object, got {type(data).__name__}; line skipped"
            continue
        text = data.get(TEXT_KEY)
        if not isinstance(text, str):
            yield f"{where}: no article text (key {TEXT_KEY!r} missing or not a string); line skipped"
            continue
        url = data.get("url") if isinstance(data.get("url"), str) and data.get("url") else None
        doc = _doc_name(url, stem, number)
        if doc in seen:
            doc = f"{doc}-{number}"
        seen.add(doc)
        language = data.get("language")
        title = data.get("title") if isinstance(data.get("title"), str) else None
        yield Article(
            doc=doc, line=number, text=with_headline(title, text), published=_date(data.get("date_publish")), url=url, title=title,
            lang=language.strip().lower() if isinstance(language, str) and language.strip() else None,
        )  # fmt: skip
