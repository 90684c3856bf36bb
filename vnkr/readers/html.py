"""Saved news pages: the main text and the page's own metadata, through trafilatura and htmldate.

trafilatura finds the article body without navigation, teasers, cookie banners, comments and
scripts; the headline and that text are what offsets point into (`vnkr text page.html` prints it). The date comes
from the page's markup only (meta `article:published_time`, JSON-LD `datePublished`, `<time>`,
the URL), read by htmldate with its free-text search off, so that a date in the prose is
never taken for the page's own.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml import html as lxml_html
from trafilatura.settings import use_config

from vnkr.readers import with_headline

DATE_PARAMS = {"original_date": True, "extensive_search": False}
MIN_TEXT_CHARS = 40  # less is a menu or a cookie notice, not an article: the page has no main text


@dataclass(frozen=True)
class Page:
    text: str  # the main text; empty when the page has none
    published: date | None = None
    url: str | None = None  # the canonical URL, when the page names one
    title: str | None = None
    outlet: str | None = None  # the site's name, when the page gives one
    lang: str | None = None  # the primary subtag of <html lang>, when given


for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)  # their notes are not the user's warnings


def _config():
    config = use_config()
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", str(MIN_TEXT_CHARS))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeout: pages are local files
    return config


CONFIG = _config()


def _lang(data: bytes) -> str | None:
    try:
        root = lxml_html.fromstring(data)
    except (ValueError, lxml_html.etree.ParserError):
        return None
    value = (root.get("lang") or "").strip().lower()
    return value.split("-")[0].split("_")[0] or None


def read_page(data: bytes) -> Page:
    """The main text of a saved page and its metadata; a page with no main text gives text ''."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml's FutureWarnings from inside trafilatura
        found = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True, date_extraction_params=DATE_PARAMS, config=CONFIG
        )
    if found is None:
        return Page(text="", lang=_lang(data))
    published = None
    if found.date:
        try:
            published = date.fromisoformat(found.date[:10])
        except ValueError:
            published = None
    return Page(text=with_headline(found.title, found.text or ""), published=published, url=found.url or None, title=found.title or None, lang=_lang(data),
        outlet=found.sitename or None,
    )
