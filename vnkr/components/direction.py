"""`vnkr_direction`: `up` or `down` for a figure that is a change ('rose 12%', 'fell by 2.9%', 'a 5% drop').

The change words are those of the metric overrides that carry a `direction` (percent-growth,
percent-decline), so one vocabulary says both that a percentage is a growth rate and which way
the figure went. A change word reaches the figure before it across the `between` words only
('rose *by* nearly 12%'); any other word, 'to' first of all ('rose to $5 billion': a level),
stops it. After the figure only the change nouns count ('a 12% rise', '3 percent growth').
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from vnkr.components.base import Component, named
from vnkr.components.facts import CLAIMS, rules_for
from vnkr.components.quantities.lexicon import HYPHENS
from vnkr.rules import RuleSet

CHANGES = {"PERCENT", "MONEY", "CARDINAL", "QUANTITY"}  # a date, a rank, a duration or a factor is no change
CONVERTED = {"MONEY", "QUANTITY"}  # the figures a bracket after them restates in another unit: '1 degree C (1.8 F)'
RESTATE_NOUNS = 2  # words of a counted noun between a change figure and its restatement: '125,600 *new jobs* or 2.2%'
ELIDED_GAP = 5  # tokens from a change figure to the 'by' of a figure whose change word is left out: ', Burlington by'


class DirectionReader(Component):
    def __init__(self, rules: RuleSet):
        self.words = {p: o.direction for o in rules.metric_override if o.direction for p in o.phrases if " " not in p}
        # two-word change words, read from their second word: Vietnamese "tăng trưởng", "sụt giảm"
        self.pairs = {p: o.direction for o in rules.metric_override if o.direction for p in o.phrases if p.count(" ") == 1}
        settings = rules.direction
        self.between = set(settings.between)
        self.nouns = {n: self.words[n] for n in settings.nouns if n in self.words}
        self.between_after = set(settings.between_after) | HYPHENS
        self.stems = sorted(self.nouns.items(), key=lambda n: -len(n[0])) if settings.stems else []
        self.reach = settings.max_distance
        self.not_after = set(settings.not_after)
        self.particles = set(settings.particles)
        self.by_words = set(settings.by_words)
        self.max_object = settings.max_object
        self.restate_words = set(settings.restate_words)

    def before(self, doc: Doc, span: Span) -> str | None:
        """The direction of a change word standing before the figure, across `between` words only, or
        across an object of a few words when a `by` word stands before the figure ('cut costs by 10%')."""
        object_words, by = 0, False
        for token in reversed(doc[max(0, span.start - self.reach - self.max_object) : span.start]):
            lower = token.lower_
            if self.pairs and token.i and (pair := f"{doc[token.i - 1].lower_} {lower}") in self.pairs:
                return self.pairs[pair]
            if lower in self.words:
                if token.i and doc[token.i - 1].lower_ in self.not_after and (not self.particles or lower in self.particles):
                    return None  # "making up 25 percent" is a share
                return self.words[lower]
            by = by or (lower in self.by_words and not object_words)
            if lower in self.between and not object_words and span.start - token.i <= self.reach:
                continue
            if not by or token.is_punct or token.like_num or object_words == self.max_object:
                return None
            object_words += 1
        return None

    def after(self, doc: Doc, span: Span) -> str | None:
        """The direction of a change noun right after the figure: 'a 12% rise', 'a $2 billion increase', Korean
        '9.1% 증가했다' (its verbs follow the figure)."""
        j = span.end
        while j < len(doc) and doc[j].lower_ in self.between_after:
            j += 1
        if j >= len(doc):
            return None
        word = doc[j].lower_
        return self.nouns.get(word) or next((way for stem, way in self.stems if word.startswith(stem)), None)

    def elided(self, doc: Doc, span: Span, previous: Span | None) -> str | None:
        """'A was down 2.3%, B by 2.6%': a figure after a `by` word whose change word is left out, a comma and
        a name after the change figure of its own kind before it, went the same way."""
        if previous is None or not span.start or doc[span.start - 1].lower_ not in self.by_words:
            return None
        one, other = previous._.vnkr, span._.vnkr
        gap = doc[previous.end : span.start - 1]
        if one.direction is None or one.label != other.label or not 2 <= len(gap) <= ELIDED_GAP or gap[0].text != ",":
            return None
        return one.direction if all(t.is_alpha and not t.is_stop and t.lower_ not in self.words for t in gap[1:]) else None

    def __call__(self, doc: Doc) -> Doc:
        previous = None
        for span in doc.spans[CLAIMS] if CLAIMS in doc.spans else []:
            facts = span._.vnkr
            if facts.label in CHANGES:
                # a sign the number carries ("-1.3%", set by vnkr_quantities) says it first
                facts.direction = facts.direction or self.before(doc, span) or self.after(doc, span) or self.elided(doc, span, previous)
            previous = span
        restate(doc)
        self.restated_change(doc)
        return doc

    def restated_change(self, doc: Doc) -> None:
        """'The Dow lost 190 points, or 0.6%', 'grew by 125,600 jobs or 2.2 per cent': a figure in another
        unit right after a change figure and a restate word (',' 'or') is the same change, gone the same way."""
        claims = list(doc.spans[CLAIMS]) if CLAIMS in doc.spans else []
        for first, second in zip(claims, claims[1:]):
            one, other = first._.vnkr, second._.vnkr
            gap = [t for t in doc[first.end : second.start] if t.text != ","]
            if one.direction is None or other.direction is not None or not gap or gap[-1].lower_ not in self.restate_words:
                continue
            if len(gap) > RESTATE_NOUNS + 1 or not all(t.is_alpha and t.lower_ not in self.words for t in gap[:-1]):
                continue  # only the counted noun of the first figure may stand between: '190 *points*, or 0.6%'
            if one.label in CHANGES and other.label in CHANGES and (one.label, one.unit) != (other.label, other.unit):
                other.direction = one.direction


def restate(doc: Doc) -> None:
    """A figure in brackets right after another of its kind is the same figure in another unit: it went
    the same way and is bounded alike ('fell by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)',
    'just under 296 hp (224 kW / 300 PS)', 'more than 7.5 million crowns (US $1.1 million)')."""
    claims = list(doc.spans[CLAIMS]) if CLAIMS in doc.spans else []
    for first, second in zip(claims, claims[1:]):
        between = doc[first.end].text if second.start == first.end + 1 else None  # the one token between, if one
        opened = between == "(" or (between == "/" and first.start and doc[first.start - 1].text == "(")
        if not opened:
            continue
        one, other = first._.vnkr, second._.vnkr
        if one.label not in CONVERTED or other.label != one.label or "age" in (one.rule, other.rule):
            continue
        other.direction = other.direction or one.direction
        if other.qualifier == "exact":
            other.qualifier = one.qualifier


@Language.factory("vnkr_direction", default_config={"rules": None})
def make_direction(nlp: Language, name: str, *, rules: str | None) -> DirectionReader:
    return named(DirectionReader(rules_for(rules, nlp.lang)), name)
