"""Saved pages against plain text: does `vnkr extract page.html` find what `vnkr extract article.txt` finds?

Each .txt article is wrapped in the page shapes of tests/pages.py (its first line as the page's
headline, the date in the page's metadata, plus, when the text itself gives its date, one
shape with no date markup, where the header rules must find it), written to a temporary folder, and extracted; the claims
are compared by their values (text, label, value, unit, qualifier, topic, metric, period, date,
modality), offsets aside, and `published` per page.

    .venv/bin/python benchmarks/html_parity.py seeds/ ../shared/dev/input
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pages import SHAPES, build_page  # noqa: E402

from vnkr.corpus import Reader, iter_paths  # noqa: E402
from vnkr.pipeline import build_nlp, extract_documents  # noqa: E402
from vnkr.rules import shipped_rules  # noqa: E402

KEY = ("text", "label", "value", "unit", "qualifier", "topic", "metric", "period", "date", "modality")
TITLE_CHARS = 160


def _values(claims) -> Counter:
    return Counter(tuple(getattr(c, k) for k in KEY) for c in claims)


def _pages(document, published: date | None) -> list[tuple[str, str]]:
    """(name, html) of each shape; the first short line is the headline, the rest the article."""
    body = document.body
    lines = body.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    title = "News"
    if first is not None and len(lines[first]) <= TITLE_CHARS:
        title, body = lines[first].strip(), "\n".join(lines[first + 1 :])
    url = document.url or f"https://news.example.org/{document.doc}"
    pages = [(shape, build_page(body, title, shape, published, url)) for shape in SHAPES]
    if "published" not in document.front_matter:  # a date the text itself gives: a page without date markup must find it too
        pages.append(("wire-undated", build_page(body, title, "wire", None, url)))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--reference-date", default=date.today().isoformat())
    parser.add_argument("--show", action="store_true", help="list the claims that differ")
    parser.add_argument("--keep", help="write the pages into this folder (default: a temporary one, removed)")
    args = parser.parse_args()
    reader = Reader(shipped_rules(), date.fromisoformat(args.reference_date))
    nlp = build_nlp()
    totals = Counter()
    with tempfile.TemporaryDirectory(prefix="vnkr-pages-") as temporary:
        folder = args.keep or temporary
        for path in iter_paths(args.paths):
            if not path.endswith(".txt"):
                continue
            text_doc = reader.read(path)
            _, text_claims = next(extract_documents(nlp, [text_doc]))
            expected = _values(text_claims)
            for shape, page in _pages(text_doc, text_doc.published):
                page_path = Path(folder) / f"{text_doc.doc}.{shape}.html"
                page_path.write_text(page, encoding="utf-8")
                page_doc = reader.read(str(page_path))
                _, page_claims = next(extract_documents(nlp, [page_doc]))
                found = _values(page_claims)
                same = sum((expected & found).values())
                totals.update(pages=1, expected=sum(expected.values()), found=sum(found.values()), same=same,
                              same_published=page_doc.published == text_doc.published, identical=expected == found)  # fmt: skip
                if args.show and expected != found:
                    for claim in (expected - found).elements():
                        print(f"  {text_doc.doc} [{shape}] missing {claim[:3]}")
                    for claim in (found - expected).elements():
                        print(f"  {text_doc.doc} [{shape}] extra   {claim[:3]}")
                if page_doc.published != text_doc.published:
                    print(f"  {text_doc.doc} [{shape}] published {page_doc.published} vs {text_doc.published}")
    recall = totals["same"] / totals["expected"] if totals["expected"] else 1.0
    precision = totals["same"] / totals["found"] if totals["found"] else 1.0
    print(
        f"pages={totals['pages']} identical={totals['identical']} claims text={totals['expected']} html={totals['found']} same={totals['same']} "
        f"recall={recall:.3f} precision={precision:.3f} published same={totals['same_published']}/{totals['pages']}"
    )


if __name__ == "__main__":
    main()
