"""`vnkr_quantities`: numbers with what they measure: money, counts, percentages, ranks, multipliers,
durations, and measures in units (QUANTITY: '1,200 MW', '$520 per tonne', ages).

Anchors (digits, the rules' number words, ranks and multiplier words) are read from the
doc's token arrays; a small reader grows each anchor into its number phrase and reads the
words around it: a currency before or after, a percent sign, a unit of measure, "-fold", a
duration word, the noun it counts (a known one, else any plural noun). Qualifiers are added later by `vnkr_qualifiers`.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LIKE_NUM, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vnkr.components.base import Component, named
from vnkr.components.facts import CLAIMS, DATES, Facts, doc_text, member, meta, rules_for
from vnkr.components.quantities.context import SUBJECTS
from vnkr.components.quantities.fractions import Fractions
from vnkr.components.quantities.inherit import (
    bare_money,
    count_thousands,
    inherit_count_unit,
    inherit_currency,
    scale_as_unit,
)
from vnkr.components.quantities.lexicon import HYPHENS, Lexicon
from vnkr.components.quantities.measure import Figures
from vnkr.components.quantities.phrase import NumberPhrases
from vnkr.components.quantities.ranks import Ranks
from vnkr.components.quantities.scientific import notations
from vnkr.rules import RuleSet

__all__ = ["HYPHENS", "QuantityRecognizer"]


class QuantityRecognizer(Component):
    """Finds the anchors of a document's figures and has the readers of each kind read them."""

    def __init__(self, nlp: Language, rules: RuleSet):
        self.lex = Lexicon.from_rules(rules, nlp)
        numbers = self.lex.numbers
        self.phrases = NumberPhrases(self.lex, rules)
        self.ranks = Ranks(nlp, rules, self.lex)
        self.fractions = Fractions(nlp, rules, self.lex)
        self.figures = Figures(rules, self.lex, self.phrases, self.ranks)
        self.scale_or_unit = {k.lower(): v for k, v in rules.measures.scale_or_unit.items()}
        self.bare_money = (rules.measures.bare_money, rules.measures.bare_money_from)
        self.subjects = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.subjects.add("SUBJECT", [nlp.make_doc(" ".join(p)) for p in self.lex.subject_phrases])
        letters = "".join(sorted(w for w in set(numbers.glued) | set(numbers.scales) if len(w) == 1))
        # a word of its own, or glued to the currency or counter it is read before: "오백억원"
        after = "|".join(sorted(map(re.escape, {*numbers.fmt.spaced_after_scale, *self.lex.currency_after.first}), key=len, reverse=True))
        self.glued_word = re.compile(rf"(?<![^\W\d_])[{re.escape(letters)}]{{2,}}(?:(?![^\W\d_])|(?={after}))") if numbers.glued else None
        # anchors, read from token arrays: spaCy's LIKE_NUM flag, and the rules' words by their hashes
        self.anchor_words = [
            (kind, numpy.array(sorted(nlp.vocab.strings.add(w) for w in words), dtype="uint64"))
            for kind, words in (
                ("MULTIPLIER", set(numbers.multipliers)),
                ("RANK", self.lex.superlatives),
                ("ORDINAL", set(numbers.ordinals)),
                ("DURATION", set(self.lex.duration_words)),
                ("NUMBER", set(numbers.units) | set(numbers.scales) | {w for m in self.lex.magnitudes for w in m.anchors()}),
            )
        ]

    def anchors(self, doc: Doc) -> list[tuple[int, str]]:
        """(token index, kind) of every token that may begin a claim, in order."""
        attrs = doc.to_array([LOWER, LIKE_NUM])
        kinds: dict[int, str] = {i: "NUMBER" for i in numpy.flatnonzero(attrs[:, 1]).tolist()}
        text = doc_text(doc)
        if self.glued_word is not None:  # "오백억": numerals in words, found in the text as the tokens carry no flag for them
            for match in self.glued_word.finditer(text):
                span = doc.char_span(match.start(), match.end())
                if span is not None and len(span) == 1:
                    kinds[span.start] = "NUMBER"
        for kind, hashes in self.anchor_words:
            for i in numpy.flatnonzero(member(attrs[:, 0], hashes)).tolist():
                kinds.setdefault(i, kind)
        if self.phrases.sign_chars is not None:  # "−2%": a minus sign spaCy's LIKE_NUM does not know
            for found in self.phrases.sign_chars.finditer(text):
                span = doc.char_span(found.start(), found.start() + 1, alignment_mode="expand")
                if span is not None and span[0].idx == found.start():
                    kinds.setdefault(span.start, "NUMBER")
        return sorted(kinds.items())

    def scientific(self, doc: Doc) -> list[tuple[Span, Facts]]:
        """Numbers in scientific notation ('1.99×10−30 kilograms'), read as any figure from there on."""
        found = []
        for start, end, value in notations(doc):
            result = self.figures.read_notation(doc, start, end, value)
            if result is not None:
                found.append(result)
        return found

    def __call__(self, doc: Doc) -> Doc:
        taken = bytearray(len(doc))
        for span in doc.spans[DATES] if DATES in doc.spans else []:
            taken[span.start : span.end] = b"\x01" * len(span)
        for a, b in meta(doc).skip:
            if (dateline := doc.char_span(a, b, alignment_mode="expand")) is not None:
                taken[dateline.start : dateline.end] = b"\x01" * len(dateline)
        doc.user_data[SUBJECTS] = sorted((s, e) for _, s, e in self.subjects(doc))
        readers = {"NUMBER": self.figures.read_number, "ORDINAL": self.ranks.read_ordinal, "MULTIPLIER": self.figures.read_multiplier, "RANK": self.ranks.read_rank, "DURATION": self.figures.read_duration_word}
        found: list[Span] = []
        for span, facts in self.ranks.pattern_ranks(doc) + self.fractions.fractions(doc) + self.fractions.ratios(doc) + self.scientific(doc):
            if not any(taken[span.start : span.end]):
                taken[span.start : span.end] = b"\x01" * len(span)
                span._.vnkr = facts
                found.append(span)
        for i, kind in self.anchors(doc):
            if taken[i]:
                continue
            if kind == "NUMBER" and ((self.lex.numbers.ordinal_value(doc[i].text) is not None and doc[i].lower_ not in self.lex.numbers.units) or self.ranks.counted_rank(doc, i)):
                kind = "ORDINAL"
            result = readers[kind](doc, i)
            if result is None and kind == "MULTIPLIER" and doc[i].lower_ in self.lex.numbers.units:
                result = self.figures.read_number(doc, i)  # Vietnamese "ba" is a factor after "gấp", else three: "ba triệu"
            if result is None:
                continue
            span, facts = result
            if any(taken[span.start : span.end]):
                continue
            taken[span.start : span.end] = b"\x01" * len(span)
            span._.vnkr = facts
            found.append(span)
        for span, facts in self.ranks.rank_phrases(doc):
            if not any(taken[span.start : span.end]):
                taken[span.start : span.end] = b"\x01" * len(span)
                span._.vnkr = facts
                found.append(span)
        inherit_currency(found, self.lex.numbers.fmt.implied_currency, self.lex.numbers.fmt.implied_money_words)
        inherit_count_unit(found, self.lex.ellipsis_after)
        count_thousands(found, self.lex.numbers.fmt)
        scale_as_unit(found, self.scale_or_unit)
        bare_money(found, *self.bare_money, self.lex.count_nouns)
        found.sort(key=lambda s: s.start)
        doc.spans[CLAIMS] = found
        return doc


@Language.factory("vnkr_quantities", default_config={"rules": None})
def make_quantities(nlp: Language, name: str, *, rules: str | None) -> QuantityRecognizer:
    return named(QuantityRecognizer(nlp, rules_for(rules, nlp.lang)), name)
