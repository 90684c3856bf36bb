"""Readers for the kinds of input beyond plain text: saved news pages and article archives.

Each turns its input into the text that offsets point into plus the metadata the page or
archive gives (date, canonical URL, title, language); `vnkr.corpus` makes Documents of them.
"""

from __future__ import annotations

from pathlib import Path

HTML_SUFFIXES = (".html", ".htm")
ARCHIVE_SUFFIX = ".jsonl"


def is_html(path: str) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


def is_jsonl(path: str) -> bool:
    return Path(path).suffix.lower() == ARCHIVE_SUFFIX


def with_headline(title: str | None, body: str) -> str:
    """The article's text as vnkr reads it: its headline on the first line, then the body, unless
    the body already opens with the headline (extractors and crawlers keep the two apart)."""
    title = (title or "").strip()
    if not title or not body.strip() or body.lstrip().startswith(title):
        return body
    return f"{title}\n{body}"
