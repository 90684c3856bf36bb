"""Shares: 'half of', 'two-thirds of', and fractions said as two whole numbers ('one in three', '3분의 1')."""

from __future__ import annotations

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from vnkr.components.facts import Facts, member
from vnkr.components.quantities.lexicon import HYPHENS, Lexicon
from vnkr.rules import RuleSet


class Fractions:
    """Finds fractions from the token array, by the rules' fraction words and joiners."""

    def __init__(self, nlp: Language, rules: RuleSet, lex: Lexicon):
        self.lex = lex
        self.fraction_joiners = [(tuple(j.lower().split()), way) for j, way in rules.measures.fraction_joiners.items()]
        self.ratio_words = numpy.array(sorted({nlp.vocab.strings.add(w[0]) for w, _ in self.fraction_joiners}), dtype="uint64")
        self.fraction_after = {w.lower() for w in rules.measures.fraction_after}
        self.not_fraction_after = {w.lower() for w in rules.measures.not_fraction_after}
        self.fraction_words = numpy.array(sorted(nlp.vocab.strings.add(w) for w in self.lex.fractions), dtype="uint64")

    def fractions(self, doc: Doc) -> list[tuple[Span, Facts]]:
        """'half of', 'a third of', 'two-thirds of': a share of something, not 'the first half of 2024'."""
        found = []
        numbers = self.lex.numbers
        hits = numpy.flatnonzero(member(doc.to_array([LOWER]), self.fraction_words)).tolist() if len(self.fraction_words) else []
        for i in hits:  # found from the token array, as the other anchors: a 50 MB document is no Python walk
            token = doc[i]
            share = self.lex.fractions[token.lower_]
            if i + 1 >= len(doc) or doc[i + 1].lower_ not in self.fraction_after:
                continue
            start, count = i, 1.0
            if i >= 2 and doc[i - 1].lower_ in HYPHENS and doc[i - 2].lower_ in numbers.units:
                start, count = i - 2, numbers.units[doc[i - 2].lower_]  # "two-thirds"
            elif i and (doc[i - 1].lower_ in numbers.units or doc[i - 1].lower_ in numbers.articles):
                start, count = i - 1, numbers.units.get(doc[i - 1].lower_, 1.0)  # "a third", "three quarters"
            elif token.lower_ not in {"half", "halves"}:
                continue  # "third of" alone is an ordinal's business
            if start and doc[start - 1].lower_ in self.not_fraction_after:
                continue
            found.append((Span(doc, start, i + 1), Facts(label="QUANTITY", value=round(count * share, 4), unit="fraction", rule="fraction")))
        return found

    def ratios(self, doc: Doc) -> list[tuple[Span, Facts]]:
        """'one in three', 'one out of five', 'hai phần ba', '3분의 1': a fraction said as two whole numbers."""
        found = []
        if not len(self.ratio_words):
            return found
        for i in numpy.flatnonzero(member(doc.to_array([LOWER]), self.ratio_words)).tolist():  # from the token array, as fractions
            if not i:
                continue
            left = self._whole(doc[i - 1])  # the part (or whole) before the joiner, whichever joiner it is
            if left is None:
                continue
            for words, way in self.fraction_joiners:
                j, k = i, i + len(words)
                if k >= len(doc) or tuple(t.lower_ for t in doc[j:k]) != words:
                    continue
                right = self._whole(doc[k])
                if right is None:
                    continue
                part, whole = (left, right) if way == "over" else (right, left)
                if 1 <= part < whole <= 1000:
                    found.append((Span(doc, j - 1, k + 1), Facts(label="QUANTITY", value=round(part / whole, 4), unit="fraction", rule="fraction-ratio")))
        return found

    def _whole(self, token) -> int | None:
        """A small whole number written in digits or words: '3', 'three', 'hai'."""
        numbers = self.lex.numbers
        value = numbers.digits(token.text)
        if value is None:
            value = numbers.units.get(token.lower_) or numbers.fmt.counting_words.get(token.lower_)
        return int(value) if value is not None and float(value).is_integer() else None
