"""What the components know about a claim span, carried as `span._.vnkr` from one component to the next."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from vnkr.rules import RuleSet, load_rules

CLAIMS = "vnkr_claims"  # the span group of claims
DATES = "vnkr_dates"  # the span group of every time expression, claim or not
SENT_STARTS = "vnkr_sentence_starts"  # doc.user_data key: token indices where sentences start
MENTIONS = "vnkr_mentions"  # doc.user_data key: {sentence start: the actors named in it, nationalities too}
LINE_BREAKS = "vnkr_line_breaks"  # doc.user_data key: indices of the whitespace tokens that hold a line break
BASELINES = "vnkr_baselines"  # doc.user_data key: starts of the dates a figure is compared with ("up 20% from 2023")
TEXT = "vnkr_text"  # doc.user_data key: the doc's text, built once (Doc.text and Span.text join their tokens on every call)
LOWERS = "vnkr_lowers"  # doc.user_data key: the doc's LOWER array (every token's lower-case form, by its hash)


@dataclass
class Facts:
    label: str
    value: float | None = None
    unit: str | None = None
    date: str | None = None
    qualifier: str = "exact"
    rule: str | None = None
    scaled: bool = False  # the number had a scale word ("150 billion"): a bare amount that may be money
    topic: str = "other"
    cue: str | None = None  # the id of the topic cue that gave the topic
    metric: str | None = None
    guessed: bool = False  # topic from a count rule that needs no cue ("1.8 million people"): its context may say better
    gathered: bool = False  # people at an event ("met with 300 people representing the community"): a count of no population
    period: str | None = None
    period_from: str | None = None  # where the period was read: clause, sentence, context, published
    modality: str = "reported"
    subject: str | None = None
    counterpart: str | None = None
    scope: str | None = None
    direction: str | None = None
    low: float | None = None  # a range's ends ("$10-12 billion", "tens of thousands"); its value is None
    high: float | None = None
    base: str | None = None  # ratio or change: how a figure stated against an earlier time is stated
    source: str | None = None  # who the text says the figure comes from: a source id, or the name as written
    entities: list[dict] = field(default_factory=list)


@dataclass
class DocMeta:
    """Document-level facts set before the pipeline runs."""

    published: date | None = None
    skip: tuple[tuple[int, int], ...] = ()  # char ranges of the document's own date (header, dateline): never claims
    reference: date | None = None  # "now", for a document with no published date
    owner: object = None  # the Document the block belongs to, to report a failure on it
    offset: int = 0  # where the block starts in the document's body


if not Span.has_extension("vnkr"):
    Span.set_extension("vnkr", default=None)
if not Doc.has_extension("vnkr_meta"):
    Doc.set_extension("vnkr_meta", default=None)


def member(values: numpy.ndarray, table: numpy.ndarray) -> numpy.ndarray:
    """numpy.isin(values, table) for a sorted table of hashes: one binary search per value (isin sorts
    both arrays on every call, six times slower on a document's tokens)."""
    if not len(table):
        return numpy.zeros(len(values), dtype=bool)
    return table[numpy.minimum(numpy.searchsorted(table, values), len(table) - 1)] == values


class Marks:
    """Which tokens of a doc are of a kind (clause barriers, punctuation), asked as 'is one of them
    among tokens [start, end)' in constant time instead of a walk over the tokens between."""

    def __init__(self, flags: numpy.ndarray):
        self.upto = [0, *numpy.cumsum(flags, dtype="int64").tolist()]  # upto[i]: how many of tokens 0..i-1 are marked
        self.at = numpy.flatnonzero(flags).tolist()

    def within(self, start: int, end: int) -> bool:
        return end > start and self.upto[end] > self.upto[start]

    def first(self, start: int, end: int) -> int | None:
        """The first marked token in [start, end)."""
        k = bisect_left(self.at, start)
        return self.at[k] if k < len(self.at) and self.at[k] < end else None

    def last(self, start: int, end: int) -> int | None:
        """The last marked token in [start, end)."""
        k = bisect_left(self.at, end) - 1
        return self.at[k] if k >= 0 and self.at[k] >= start else None


RESULT_GAP = 5  # words between a change and its result ("21.6 per cent on-year to $12.73 billion")
RESULT_WORDS = {"to", "at"}  # "rose 12% *to* $25.6 billion"


def result_of(doc: Doc, change: Span, figure: Span) -> bool:
    """Whether `figure` is what `change` changed to: 'tumbled 21.6 per cent on-year *to* $12.73 billion',
    'doubling bilateral trade to US$150 billion'. Used by vnkr_periods (one time) and vnkr_frame (one frame)."""
    words = [t for t in doc[change.end : figure.start] if not t.is_space]
    return 0 < len(words) <= RESULT_GAP and words[-1].lower_ in RESULT_WORDS and not any(t.is_punct and t.text not in "-–" for t in words)


def doc_text(doc: Doc) -> str:
    """doc.text, built once per doc (Doc.text joins every token on every call)."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def lower_words(doc: Doc, start: int, end: int) -> list[str]:
    """The lower-case forms of tokens [start, end), looked up by their hashes in the doc's LOWER array (made
    once per doc): the phrase tests that look at a whole sentence run for every sentence, several times
    over, and a Token object per word costs more than the look-up."""
    keys = doc.user_data.get(LOWERS)
    if keys is None:
        keys = doc.user_data[LOWERS] = doc.to_array(LOWER)
    strings = doc.vocab.strings
    return [strings[key] for key in keys[start:end].tolist()]


def text_of(span: Span) -> str:
    """span.text, cut from the doc's text built once."""
    return doc_text(span.doc)[span.start_char : span.end_char]


# the last doc asked about, its sentence starts, and the sentence Spans made for it by index: the components
# ask for the same sentences again and again, one doc at a time (held as one tuple, replaced whole)
_held_sentences: tuple = (None, None, {})


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token i, from the starts `vnkr_sentences` recorded (no walk over tokens);
    each sentence's Span is made once per doc (callers read it, none changes it)."""
    global _held_sentences
    starts = doc.user_data.get(SENT_STARTS)
    if not starts:
        return doc[i : i + 1].sent
    k = bisect_right(starts, i) - 1
    held = _held_sentences
    if held[0] is not doc or held[1] is not starts:
        held = _held_sentences = (doc, starts, {})
    sentence = held[2].get(k)
    if sentence is None:
        end = starts[k + 1] if k + 1 < len(starts) else len(doc)
        sentence = held[2][k] = Span(doc, starts[k], end)
    return sentence


def line_break_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a line break (a new paragraph, in news copy) stands between tokens start and end."""
    breaks = doc.user_data.get(LINE_BREAKS)
    if breaks is None:
        return any("\n" in t.text for t in doc[start:end] if t.is_space)
    k = bisect_right(breaks, start)
    return k < len(breaks) and breaks[k] < end


def by_sentence(doc: Doc, claims: list[Span], dates: list[Span]) -> list[tuple[Span, list[Span], list[Span]]]:
    """(sentence, its claims, its dates) for every sentence that holds either, in order."""
    groups: dict[int, tuple[Span, list[Span], list[Span]]] = {}
    starts = doc.user_data.get(SENT_STARTS)
    for index, spans in ((1, claims), (2, dates)):
        for span in sorted(spans, key=lambda s: s.start):
            if starts:  # a sentence's Span is made once, not once per span in it
                key = starts[bisect_right(starts, span.start) - 1]
                group = groups.get(key) or groups.setdefault(key, (sentence_of(doc, span.start), [], []))
            else:
                sent = sentence_of(doc, span.start)
                group = groups.setdefault(sent.start, (sent, [], []))
            group[index].append(span)
    return [groups[k] for k in sorted(groups)]


def meta(doc: Doc) -> DocMeta:
    return doc._.vnkr_meta or DocMeta()


@lru_cache(maxsize=16)
def rules_for(path: str | None, lang: str = "en") -> RuleSet:
    """The rules a component is configured with: shipped for its language, plus a user's file."""
    return load_rules(Path(path) if path else None, lang)
