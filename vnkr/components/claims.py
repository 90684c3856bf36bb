"""`vnkr_claims`: vnkr's claims inside any English spaCy pipeline (`nlp.add_pipe("vnkr_claims")`).

Registered through the `spacy_factories` entry point, so it is found once vnkr is installed. The
component runs vnkr's own pipeline (build_nlp: its tokenizer and components) on the doc's text, so
the claims are those `vnkr extract` finds in the same text, and puts them on the host doc:

- `doc.spans["vnkr_claims"]`: one span per claim, labelled MONEY, PERCENT, ..., widened to the host's
  tokens when they cut a claim (`1.5bn` is one token in a plain English tokenizer);
- `span._.claim`: the claim record as a dict, the JSONL line of `vnkr extract` (`Claim(**span._.claim)`
  gives the pydantic model). A dict, not the model, because a span's extension values travel
  with the doc (Doc.to_bytes, `nlp.pipe(n_process=2)`) only when msgpack can write them.

Sentences a pipeline already set (a sentencizer, a parser) are kept: vnkr's own splitter runs only
on a doc without them. Config is keyword-only: `rules` (a TOML file), `reference_date` and
`published` (ISO dates; `published` None reads the date from the text like `vnkr extract`,
"unknown" leaves it unknown).
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from vnkr.components.facts import CLAIMS, LINE_BREAKS, SENT_STARTS, rules_for

CLAIM = "claim"  # the span extension holding the claim record
UNKNOWN = "unknown"

if not Span.has_extension(CLAIM):
    Span.set_extension(CLAIM, default=None)


def _iso(name: str, value: str | None) -> date | None:
    if value is None or value == UNKNOWN and name == "published":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"vnkr_claims: {name} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def keep_sentences(inner: Doc, starts: list[int]) -> None:
    """vnkr's doc gets the sentences of the host: each starts at the first of its tokens at or after
    a host sentence's first character. Its line breaks are recorded as vnkr_sentences records them."""
    attrs = inner.to_array([IDX, IS_SPACE])
    found = sorted({bisect_left(attrs[:, 0].tolist(), char) for char in starts} - {len(inner)} | {0})
    values = numpy.full((len(inner), 1), -1, dtype="int64")
    values[found, 0] = 1
    inner.from_array([SENT_START], values.astype("uint64"))
    inner.user_data[SENT_STARTS] = found
    inner.user_data[LINE_BREAKS] = [i for i in numpy.flatnonzero(attrs[:, 1]).tolist() if "\n" in inner[i].text]


class ClaimsComponent:
    def __init__(self, nlp: Language, name: str, *, rules: str | None, reference_date: str | None, published: str | None):
        self.name = name
        self.rules = rules
        self.reference = _iso("reference_date", reference_date)
        self.published = published
        self.published_date = _iso("published", published)
        rules_for(rules)  # a bad rules file fails when the pipe is added, not on the first doc

    def __call__(self, doc: Doc) -> Doc:
        from vnkr.corpus import Reader
        from vnkr.pipeline import _claims_of, _docs, build_nlp

        inner_nlp = build_nlp(self.rules)
        reader = Reader(rules_for(self.rules), self.reference or date.today())
        document = reader.document("-", doc.text.encode("utf-8"))
        document.doc = "text"
        if self.published is not None:
            document.published = self.published_date
        inner, (_, offset, piece) = next(_docs(inner_nlp, document, max(len(doc.text), 1)))
        own_sentences = len(inner) > 0 and doc.has_annotation("SENT_START")
        if own_sentences:
            keep_sentences(inner, [s.start_char - offset for s in doc.sents if s.start_char >= offset])
        for name, proc in inner_nlp.pipeline:
            if not (own_sentences and name == "vnkr_sentences"):
                inner = proc(inner)
        spans = []
        for claim in _claims_of(inner, document, offset, piece):
            span = doc.char_span(claim.start, claim.end, label=claim.label, alignment_mode="expand")
            if span is not None:
                span._.set(CLAIM, claim.model_dump(mode="json"))
                spans.append(span)
        doc.spans[CLAIMS] = spans
        return doc


@Language.factory("vnkr_claims", default_config={"rules": None, "reference_date": None, "published": None})
def make_claims(nlp: Language, name: str, *, rules: str | None, reference_date: str | None, published: str | None) -> ClaimsComponent:
    return ClaimsComponent(nlp, name, rules=rules, reference_date=reference_date, published=published)
