"""`vnkr_sentences`: sentence boundaries for news text with headlines, bullets and no final periods,
and for text with no sentences at all (a flattened table, a list page): a run longer than a news
sentence is cut at its separators, so that no component ever sees a 100,000-character sentence."""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, IS_DIGIT, IS_SPACE, IS_TITLE, IS_UPPER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from vnkr.components.base import Component, named
from vnkr.components.facts import LINE_BREAKS, SENT_STARTS, member, rules_for

ENDERS = {".", "!", "?", "…", "...", "。"}
CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
OPENERS = "\"'“‘(-–•*["
# What cuts a run that is too long to be a sentence, strongest first; the last resort is a word boundary.
SEPARATORS = ({";", "；", "|", "•", "·", "∙", "▪", "▫", "●", "○", "◦", "■", "□", "‣", "⁃", "►", "▶", "◆"}, {",", "，", "、"})
LONGEST = 500  # characters; no news sentence of the dev articles is longer than 480


class SentenceSplitter(Component):
    """A line break always ends a sentence; '.', '!' or '?' does when a capital, digit, quote or a letter of a
    script without case follows.
    A sentence longer than `longest` characters is cut at every semicolon or bullet; a piece still
    too long at every list separator; one still too long (no separator) into pieces of at most
    `longest` characters at word boundaries. So components and claims see bounded sentences.

    Only line breaks and sentence-final marks are looked at in Python; the rest is read from arrays.
    """

    def __init__(self, nlp: Language, abbreviations: set[str], longest: int = LONGEST):
        self.abbreviations = abbreviations
        self.longest = longest
        self.enders = numpy.array(sorted(nlp.vocab.strings.add(e) for e in ENDERS), dtype="uint64")
        self.closers = {nlp.vocab.strings.add(c) for c in CLOSERS}
        self.separators = [numpy.array([nlp.vocab.strings.add(c) for c in level], dtype="uint64") for level in SEPARATORS]

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        attrs = doc.to_array([ORTH, IS_SPACE, IS_TITLE, IS_UPPER, IS_DIGIT, IDX])
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
                first = doc[j].text[0]
                if not (capital[j] or first in OPENERS or (first.isalpha() and first.lower() == first.upper())):
                    continue  # a letter with no case (Hangul, Han) may start a sentence: "밝혔다. 이는 ..."
            if j < n and j > starts[-1]:
                starts.append(j)
        at = numpy.append(attrs[:, 5], doc[-1].idx + len(doc[-1].text_with_ws))  # at[i]: where token i starts; at[b] - at[a]: the length of tokens a..b-1
        starts = self._bounded(starts, orth, space, at)
        values = numpy.full((n, 1), -1, dtype="int64")  # -1: not a start; set in one call, not token by token
        values[starts, 0] = 1
        doc.from_array([SENT_START], values.astype("uint64"))
        doc.user_data[SENT_STARTS] = starts
        doc.user_data[LINE_BREAKS] = breaks
        return doc

    def _bounded(self, starts: list[int], orth, space, at) -> list[int]:
        """`starts` with every sentence longer than `longest` characters cut into pieces."""
        if numpy.diff(at[numpy.append(starts, len(orth))]).max(initial=0) <= self.longest:
            return starts  # the usual case: no sentence is too long
        bounded: list[int] = []
        for start, end in zip(starts, starts[1:] + [len(orth)]):
            bounded.append(start)
            bounded.extend(self._cuts(start, end, 0, orth, space, at))
        return bounded

    def _cuts(self, start: int, end: int, level: int, orth, space, at) -> list[int]:
        """Where pieces start inside tokens [start, end) when it is too long: after each separator of
        `level`, and within each piece still too long, after the separators of the next level."""
        if at[end] - at[start] <= self.longest or end - start < 2:
            return []
        if level == len(self.separators):
            return self._word_cuts(start, end, at)
        marks = numpy.flatnonzero(numpy.isin(orth[start:end], self.separators[level])) + start + 1
        bounds = [start]
        for j in marks.tolist():
            while j < end and space[j]:
                j += 1
            if bounds[-1] < j < end:
                bounds.append(j)
        cuts: list[int] = []
        for a, b in zip(bounds, bounds[1:] + [end]):
            if a > start:
                cuts.append(a)
            cuts.extend(self._cuts(a, b, level + 1, orth, space, at))
        return cuts

    def _word_cuts(self, start: int, end: int, at) -> list[int]:
        """Pieces of at most `longest` characters, cut between tokens (a single longer token is one piece)."""
        cuts, piece = [], start
        for i in range(start + 1, end):
            if at[i + 1] - at[piece] > self.longest:
                cuts.append(i)
                piece = i
        return cuts


@Language.factory("vnkr_sentences", default_config={"rules": None, "longest": LONGEST})
def make_sentences(nlp: Language, name: str, *, rules: str | None, longest: int) -> SentenceSplitter:
    return named(SentenceSplitter(nlp, {a.lower() for a in rules_for(rules, nlp.lang).sentences.abbreviations}, longest), name)
