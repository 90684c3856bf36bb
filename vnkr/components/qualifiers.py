"""`vnkr_qualifiers`: 'over', 'around', 'nearly' … standing right before a claim join its span and set its qualifier.

Some languages put the cue after the figure and its counted noun (Korean "3만 명 이상",
"300억달러 육박"): such cues set the qualifier but stay outside the span.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from vnkr.components.base import Component, named
from vnkr.components.facts import CLAIMS, rules_for
from vnkr.components.quantities.measure import AGE_DECADES
from vnkr.rules import RuleSet

AFTER_REACH = 3  # counted nouns, currency words and particles a cue after the figure may stand past


class QualifierReader(Component):
    def __init__(self, rules: RuleSet):
        self.cues = {tuple(cue.split()): rule.qualifier.value for rule in rules.qualifier if rule.position == "before" for cue in rule.cues}
        self.longest = max((len(k) for k in self.cues), default=0)
        self.last_words = {k[-1] for k in self.cues if k}
        self.after = {cue: rule.qualifier.value for rule in rules.qualifier if rule.position == "after" for cue in rule.cues}
        self.after_stems = sorted(((stem, rule.qualifier.value) for rule in rules.qualifier for stem in rule.stems), key=lambda s: -len(s[0]))
        self.passable = {n for u in rules.count_unit for n in u.nouns} | {w for c in rules.currency for w in c.after} | set(rules.tokenizer.particles)
        self.passable |= set(rules.tokenizer.stems) | {w for p in rules.percent for w in p.after}

    def cue_before(self, doc: Doc, start: int) -> tuple[int, str] | None:
        """(first token of the cue, qualifier) for the longest cue ending right before `start`."""
        reach = min(self.longest, start)
        if not reach or doc[start - 1].lower_ not in self.last_words:  # every cue ends in one of its last words
            return None
        before = tuple(t.lower_ for t in doc[start - reach : start])  # read once, not once per length
        for length in range(reach, 0, -1):
            words = before[reach - length :]
            if words in self.cues:
                return start - length, self.cues[words]
        return None

    def after_cue(self, word: str) -> str | None:
        if word in self.after:
            return self.after[word]
        return next((qualifier for stem, qualifier in self.after_stems if word.startswith(stem)), None)

    def cue_after(self, doc: Doc, span: Span) -> str | None:
        """The qualifier of a cue at the end of the span ('29만4천여') or after it past a few unit words."""
        if not self.after and not self.after_stems:
            return None
        if span[-1].lower_ in self.after and len(span) > 1:
            return self.after[span[-1].lower_]
        for token in doc[span.end : min(len(doc), span.end + AFTER_REACH + 1)]:
            if (qualifier := self.after_cue(token.lower_)) is not None:
                return qualifier
            if token.lower_ not in self.passable:
                return None
        return None

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for span in doc.spans[CLAIMS] if CLAIMS in doc.spans else []:
            facts = span._.vnkr
            cue = self.cue_before(doc, span.start)
            if cue and facts.label != "DATE":
                first, qualifier = cue
                span = Span(doc, first, span.end, label=span.label)
                facts.qualifier = qualifier
                span._.vnkr = facts
            elif facts.label not in ("DATE", "ORDINAL") and facts.rule != AGE_DECADES and facts.qualifier == "exact" and (after := self.cue_after(doc, span)):
                # not the 대 of an age group ("30대 남성"): its low and high say the ages, the word is no "or more"
                facts.qualifier = after
            spans.append(span)
        doc.spans[CLAIMS] = spans
        return doc


@Language.factory("vnkr_qualifiers", default_config={"rules": None})
def make_qualifiers(nlp: Language, name: str, *, rules: str | None) -> QualifierReader:
    return named(QualifierReader(rules_for(rules, nlp.lang)), name)
