"""`vnkr_sentences`: sentence boundaries for news text with headlines, bullets and no final periods."""

from __future__ import annotations

import numpy
from spacy.attrs import IS_DIGIT, IS_SPACE, IS_TITLE, IS_UPPER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from vnkr.components.facts import LINE_BREAKS, SENT_STARTS, member, rules_for

ENDERS = {".", "!", "?", "…", "...", "。"}
CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
OPENERS = "\"'“‘(-–•*["


class SentenceSplitter:
    """A line break always ends a sentence; '.', '!' or '?' does when a capital, digit or quote follows.

    Only line breaks and sentence-final marks are looked at in Python; the rest is read from arrays.
    """

    def __init__(self, nlp: Language, abbreviations: set[str]):
        self.abbreviations = abbreviations
        self.enders = numpy.array(sorted(nlp.vocab.strings.add(e) for e in ENDERS), dtype="uint64")
        self.closers = {nlp.vocab.strings.add(c) for c in CLOSERS}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        attrs = doc.to_array([ORTH, IS_SPACE, IS_TITLE, IS_UPPER, IS_DIGIT])
        orth, space = attrs[:, 0], attrs[:, 1].astype(bool)
        capital = attrs[:, 2].astype(bool) | attrs[:, 3].astype(bool) | attrs[:, 4].astype(bool)
        marks = numpy.flatnonzero(space | member(orth, self.enders))
        starts = [0]
        breaks = []
        for i in marks.tolist():
            token = doc[i]
            if space[i]:
                if "\n" not in token.text:
                    continue
                breaks.append(i)
                j = i + 1
                while j < n and space[j]:
                    j += 1
            else:
                prev = doc[i - 1] if i else None
                if prev is not None and not prev.whitespace_ and prev.lower_ in self.abbreviations:
                    continue
                j = i + 1
                while j < n and (space[j] and "\n" not in doc[j].text or orth[j] in self.closers):
                    j += 1
                if j >= n or space[j]:
                    continue  # a line break follows and ends the sentence itself
                if not (capital[j] or doc[j].text[0] in OPENERS):
                    continue
            if j < n and j > starts[-1]:
                starts.append(j)
        values = numpy.full((n, 1), -1, dtype="int64")  # -1: not a start; set in one call, not token by token
        values[starts, 0] = 1
        doc.from_array([SENT_START], values.astype("uint64"))
        doc.user_data[SENT_STARTS] = starts
        doc.user_data[LINE_BREAKS] = breaks
        return doc


@Language.factory("vnkr_sentences", default_config={"rules": None})
def make_sentences(nlp: Language, name: str, *, rules: str | None) -> SentenceSplitter:
    return SentenceSplitter(nlp, {a.lower() for a in rules_for(rules, nlp.lang).sentences.abbreviations})
