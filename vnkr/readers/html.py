"""Saved news pages: the main text and the page's own metadata, through trafilatura and htmldate.

trafilatura finds the article body without navigation, teasers, cookie banners, comments and
scripts; the headline and that text are what offsets point into (`vnkr text page.html` prints it). The date comes
from the page's markup only (meta `article:published_time`, JSON-LD `datePublished`, `<time>`,
the URL), read by htmldate with its free-text search off, so that a date in the prose is
never taken for the page's own.

Two kinds of page do not go through trafilatura, and a warning says so; their text is then the
plain text of the whole page (every element's text but scripts, styles and the like, a line per
block), which `vnkr text` prints as for any page: a page whose markup, scripts and styles left out,
is over PAGE_MAX_CHARS (trafilatura's time and memory grow faster than the page: 10 MB took
109 s and 413 MB), and a page nested deeper than lxml builds a tree of (about 2,000 elements;
lxml's default limit of 256 is lifted) or on which trafilatura fails.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config
from trafilatura.utils import decode_file, repair_faulty_html

from vnkr.readers import with_headline

DATE_PARAMS = {"original_date": True, "extensive_search": False}
MIN_TEXT_CHARS = 40  # less is a menu or a cookie notice, not an article: the page has no main text
PAGE_MAX_CHARS = 2_000_000  # markup given to trafilatura at most (2 MB of text took it 1.7 s and 175 MB)
# trafilatura's parser, with libxml2's depth limit of 256 lifted: a deeper page gave no text at all
PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
BULK = ("script", "style", "noscript", "template", "svg", "math")  # what makes a saved page big without being its text
NOT_TEXT = {*BULK, "title"}  # elements whose content is never the article's text (an unclosed one would hide the rest)
BULKY = re.compile(r"<(%s)\b[^>]*>.*?</\1\s*>|\s(?:src|href)\s*=\s*[\"']data:[^\"']*[\"']" % "|".join(BULK), re.IGNORECASE | re.DOTALL)
BLOCKS = {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "article", "section", "header",
          "footer", "main", "aside", "nav", "blockquote", "pre", "figure", "figcaption", "form", "hr", "body", "html", "address", "details", "summary"}
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
BREAKS = re.compile(r" ?\n[ \n]*")  # a line break with the spaces and empty lines around it
PIECES = 10_000


@dataclass(frozen=True)
class Page:
    text: str  # the main text; empty when the page has none
    published: date | None = None
    url: str | None = None  # the canonical URL, when the page names one
    title: str | None = None
    outlet: str | None = None  # the site's name, when the page gives one
    lang: str | None = None  # the primary subtag of <html lang>, when given
    plain: str | None = None  # why the text is the page's plain text, not trafilatura's main text


for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)  # their notes are not the user's warnings


def _config():
    config = use_config()
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", str(MIN_TEXT_CHARS))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeout: pages are local files
    return config


CONFIG = _config()


class _PlainText(HTMLParser):
    """The text of every element but scripts, styles and the like, a line per block; an event
    stream (html.parser), so no depth limit and memory for the text only."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.joined: list[str] = []  # the parts, joined every PIECES: a big page has millions of them
        self.hidden = 0  # inside how many NOT_TEXT elements
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "html" and self.lang is None:
            self.lang = _primary(dict(attrs).get("lang"))
        if tag in NOT_TEXT:
            self.hidden += 1
        elif tag in BLOCKS:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_TEXT:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self._add(data)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        if len(self.parts) == PIECES:
            self._flush()

    def _flush(self) -> None:
        """The parts so far, spaces and empty lines squeezed, onto `joined` (piece by piece: one
        re.sub over a 50 MB text holds a list of its millions of pieces)."""
        chunk = BREAKS.sub("\n", SPACES.sub(" ", "".join(self.parts)))
        self.parts = []
        if self.joined and self.joined[-1].endswith(("\n", " ")) and chunk.startswith(("\n", " ")):
            if self.joined[-1].endswith(" "):
                self.joined[-1] = self.joined[-1][:-1]
            chunk = ("\n" if "\n" in (self.joined[-1][-1:], chunk.lstrip(" ")[:1]) else " ") + chunk.lstrip(" \n")
            self.joined[-1] = self.joined[-1].rstrip("\n")
        if chunk:
            self.joined.append(chunk)

    def text(self) -> str:
        self._flush()
        return "".join(self.joined).strip()


def plain_text(markup: str) -> tuple[str, str | None]:
    """(the page's plain text, its <html lang>), read in pieces."""
    parser = _PlainText()
    for start in range(0, len(markup), 1 << 20):
        parser.feed(markup[start : start + (1 << 20)])
    parser.close()
    return parser.text(), parser.lang


def _primary(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    return value.split("-")[0].split("_")[0] or None


def _tree(markup: str):
    """The page's tree as trafilatura's load_html builds it, with PARSER; None when lxml cannot."""
    markup = repair_faulty_html(markup, markup[:50].lower())
    try:
        return lxml_html.fromstring(markup, parser=PARSER)
    except ValueError:  # a str with an encoding declaration
        return lxml_html.fromstring(markup.encode("utf-8", "surrogatepass"), parser=PARSER)
    except (etree.ParserError, etree.XMLSyntaxError):
        return None


def _plain_page(markup: str, why: str) -> Page:
    text, lang = plain_text(markup)
    return Page(text=text if len(text) >= MIN_TEXT_CHARS else "", lang=lang, plain=f"{why}: read as the plain text of the whole page (its menus and teasers too)")


def read_page(data: bytes) -> Page:
    """The main text of a saved page and its metadata; a page with no main text gives text ''."""
    markup = decode_file(data)
    if len(markup) > PAGE_MAX_CHARS:
        size = len(markup) - sum(m.end() - m.start() for m in BULKY.finditer(markup))  # without scripts, styles and inline images: what makes most saved pages big
        if size > PAGE_MAX_CHARS:
            return _plain_page(markup, f"its markup is {size:,} characters without scripts and styles, over the {PAGE_MAX_CHARS:,} given to the main-text extractor")
        markup = BULKY.sub("", markup)
    tree = _tree(markup)
    lang = _primary(tree.get("lang")) if tree is not None else None
    held = len("".join(tree.itertext())) if tree is not None else 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # lxml's FutureWarnings from inside trafilatura
            found = None if tree is None else trafilatura.bare_extraction(
                tree, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True, date_extraction_params=DATE_PARAMS, config=CONFIG
            )
    except Exception as error:  # noqa: BLE001 - the extractor's own failure on this page: its plain text is still there
        return _plain_page(markup, f"the main-text extractor failed ({type(error).__name__})")
    if found is None or not (found.text or "").strip():
        plain, plain_lang = plain_text(markup)
        if len(plain) >= MIN_TEXT_CHARS and held < len(plain) / 2:  # the tree lost the text: nested deeper than lxml builds
            return Page(text=plain, lang=lang or plain_lang, plain="nested deeper than the HTML parser builds a tree of: read as the plain text of the whole page (its menus and teasers too)")
        return Page(text="", lang=lang)
    published = None
    if found.date:
        try:
            published = date.fromisoformat(found.date[:10])
        except ValueError:
            published = None
    return Page(text=with_headline(found.title, found.text or ""), published=published, url=found.url or None, title=found.title or None, lang=lang, outlet=found.sitename or None)
