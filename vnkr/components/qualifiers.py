"""`vnkr_qualifiers`: 'over', 'around', 'nearly' … standing right before a claim join its span and set its qualifier."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from vnkr.components.facts import CLAIMS, rules_for
from vnkr.rules import RuleSet


class QualifierReader:
    def __init__(self, rules: RuleSet):
        self.cues = {tuple(cue.split()): rule.qualifier.value for rule in rules.qualifier for cue in rule.cues}
        self.longest = max((len(k) for k in self.cues), default=0)

    def cue_before(self, doc: Doc, start: int) -> tuple[int, str] | None:
        """(first token of the cue, qualifier) for the longest cue ending right before `start`."""
        for length in range(min(self.longest, start), 0, -1):
            words = tuple(t.lower_ for t in doc[start - length : start])
            if words in self.cues:
                return start - length, self.cues[words]
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
            spans.append(span)
        doc.spans[CLAIMS] = spans
        return doc


@Language.factory("vnkr_qualifiers", default_config={"rules": None})
def make_qualifiers(nlp: Language, name: str, *, rules: str | None) -> QualifierReader:
    return QualifierReader(rules_for(rules))
