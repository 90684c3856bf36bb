"""`vnkr_dates`: every time expression, found by the rules' token patterns and resolved against `published`.

Whether a time expression is a claim of its own or only the period of another claim is
decided later, by `vnkr_periods` and `vnkr_topics`; this component only finds and reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import numpy
from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from vnkr.components.base import Component, named
from vnkr.components.facts import DATES, Facts, member, meta, rules_for, sentence_of
from vnkr.normalize.dates import FUTURE, NEAREST, PAST, parse_date
from vnkr.rules import RulesError, RuleSet

NUMERIC_SHAPES = ["dddd"] + [f"{a}{sep}{b}{sep}dddd" for sep in "/." for a in ("d", "dd") for b in ("d", "dd")]
NUMERIC_SHAPES += [f"dddd{sep}{a}{sep}{b}" for sep in "/." for a in ("d", "dd") for b in ("d", "dd")] + ["d/dddd", "dd/dddd"]
WINDOW_BEFORE, WINDOW_AFTER = 6, 8  # tokens a date pattern may reach from its anchor


REGION_ATTRS = [LOWER, SHAPE, ORTH]  # the columns a doc's regions are read from (doc.to_array)
CONDITION_COLUMNS = {"LOWER": 0, "SHAPE": 1, "ORTH": 2, "TEXT": 2}  # the Matcher reads TEXT as ORTH
MAX_MATCHERS = 1024  # matchers of pattern subsets kept; then forgotten at once


def pattern_conditions(vocab, patterns: list[list[dict]]) -> list[tuple[int, frozenset[int], int]]:
    """(column of REGION_ATTRS, values, patterns as bits): a pattern whose bit is set can only match where
    a token with one of those values stands. Read from every token a pattern must match (no OP, or "+")
    that asks for a word or shape by value or from a list; a pattern with none has no condition."""
    by_condition: dict[tuple[int, frozenset[int]], int] = {}
    for bit, pattern in enumerate(patterns):
        for token in pattern:
            if token.get("OP", "1") not in ("1", "+"):
                continue
            for key, value in token.items():
                if key not in CONDITION_COLUMNS:
                    continue
                if isinstance(value, str):
                    words = [value]
                elif isinstance(value, dict) and list(value) == ["IN"] and all(isinstance(v, str) for v in value["IN"]):
                    words = value["IN"]
                else:
                    continue
                condition = (CONDITION_COLUMNS[key], frozenset(vocab.strings.add(w) for w in words))
                by_condition[condition] = by_condition.get(condition, 0) | 1 << bit
    return [(column, values, mask) for (column, values), mask in by_condition.items()]


class RegionMatcher:
    """spaCy's Matcher over regions of a doc (windows around anchor words), each region run with only the
    patterns whose required words and shapes all stand in it: the Matcher tries every pattern it holds at
    every token, so a region that holds a year but no month name is not tried with the month patterns.
    The patterns keep their order, and so the matches theirs (which of two equal matches wins follows it)."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab, validate=True)  # every pattern
        self.entries: list[tuple[str, list[dict]]] = []  # (key, pattern), one per pattern, in order
        self.conditions: list[tuple[int, frozenset[int], int]] = []
        self.holding: list[dict[int, int]] = []  # by column: a value → the conditions it meets, as bits
        self.every = 0  # every pattern, as bits
        self.chosen: dict[int, int] = {}  # the conditions a region meets → the patterns that may match there
        self.matchers: dict[int, Matcher] = {}  # by the patterns they hold, as bits

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        """As Matcher.add (and its errors)."""
        self.matcher.add(key, patterns)
        self.entries += [(key, pattern) for pattern in patterns]
        self.conditions = pattern_conditions(self.vocab, [pattern for _, pattern in self.entries])
        self.holding = [{} for _ in REGION_ATTRS]
        for index, (column, values, _) in enumerate(self.conditions):
            for value in values:
                self.holding[column][value] = self.holding[column].get(value, 0) | 1 << index
        self.every = (1 << len(self.entries)) - 1
        self.chosen, self.matchers = {}, {self.every: self.matcher}

    def __len__(self) -> int:
        return len(self.matcher)

    def matcher_for(self, block: numpy.ndarray) -> Matcher | None:
        """The matcher of the patterns that may match in a region (its rows of REGION_ATTRS); None if none may."""
        met = 0  # the conditions some token of the region meets, as bits
        for holding, values in zip(self.holding, block.T.tolist()):
            for value in values:
                met |= holding.get(value, 0)
        chosen = self.chosen.get(met)
        if chosen is None:
            excluded = 0
            for index, (_, _, mask) in enumerate(self.conditions):
                if not met >> index & 1:
                    excluded |= mask
            if len(self.chosen) > MAX_MATCHERS:
                self.chosen = {}
            chosen = self.chosen[met] = self.every & ~excluded
        if not chosen:
            return None
        matcher = self.matchers.get(chosen)
        if matcher is None:
            if len(self.matchers) > MAX_MATCHERS:
                self.matchers = {self.every: self.matcher}
            matcher = self.matchers[chosen] = Matcher(self.vocab)
            for bit, (key, pattern) in enumerate(self.entries):
                if chosen >> bit & 1:
                    matcher.add(key, [pattern])
        return matcher

    def matches(self, doc: Doc, regions: list[tuple[int, int]], attrs: numpy.ndarray) -> Iterator[tuple[int, int, int]]:
        """(key, start, end) of every match in the regions, in doc positions; `attrs` is doc.to_array(REGION_ATTRS)."""
        for lo, hi in regions:
            matcher = self.matcher_for(attrs[lo:hi])
            if matcher is not None:
                for key, start, end in matcher(doc[lo:hi]):
                    yield key, lo + start, lo + end


def expand_macros(pattern: list[dict], macros: dict[str, list[str]], rule_id: str) -> list[dict]:
    """Replace "@month"-style names in a token pattern with the calendar's word lists."""

    def walk(value):
        if isinstance(value, str) and value.startswith("@"):
            if value[1:] not in macros:
                raise RulesError(f"date_pattern {rule_id!r}: unknown word list {value!r} (known: {', '.join('@' + m for m in macros)})")
            return macros[value[1:]]
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    return walk(pattern)  # walk builds new lists and dicts: the rule's pattern is left as it is


def tense_matcher(nlp: Language, rules: RuleSet) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("FUTURE", [nlp.make_doc(p) for p in rules.tense.future])
    matcher.add("PAST", [nlp.make_doc(p) for p in rules.tense.past])
    return matcher


def sentence_tense(doc: Doc, span: Span, cues: list[tuple[int, int]]) -> int:
    """FUTURE or PAST by the tense cue nearest the span in its sentence, else NEAREST."""
    sent = sentence_of(doc, span.start)
    best, best_distance = NEAREST, None
    for position, direction in cues:
        if sent.start <= position < sent.end and not (span.start <= position < span.end):
            distance = span.start - position if position < span.start else position - span.end + 1
            if best_distance is None or distance < best_distance:
                best, best_distance = direction, distance
    return best


def shift_years(value: str, years: int) -> str:
    """The same time `years` later: '2024-07' → '2023-07' for -1, '2025-01/2025-07' → '2024-01/2024-07'."""
    return re.sub(r"\b\d{4}\b", lambda m: str(int(m.group()) + years), value)


class DateRecognizer(Component):
    def __init__(self, nlp: Language, rules: RuleSet):
        cal = rules.calendar
        self.calendar = cal
        macros = {
            "month": list(cal.months),
            "weekday": list(cal.weekdays),
            "part": list(cal.parts),
            "shift": list(cal.shifts),
            "unit": list(cal.units),
            "day": list(cal.days),
            "quarter": list(cal.quarters),
            "relative": list(cal.relative),
            "marker": list(cal.markers),
        }
        self.patterns = RegionMatcher(nlp.vocab)
        for rule in rules.date_pattern:
            try:
                self.patterns.add(rule.id, [expand_macros(rule.pattern, macros, rule.id)])
            except (ValueError, KeyError) as error:
                raise RulesError(f"date_pattern {rule.id!r}: not a valid token pattern: {str(error).splitlines()[0]}") from None
        self.matcher = self.patterns.matcher  # every pattern over a region: what the regions' matches add up to
        self.tense = tense_matcher(nlp, rules)
        self.passive = {w.lower() for w in rules.tense.passive}
        # the patterns run only near an anchor: a calendar word, a four-digit number or a numeric date
        # every pattern holds one of these; shift, part and ordinal words alone are too common to anchor on
        words = set(cal.months) | set(cal.weekdays) | set(cal.units) | set(cal.days) | {"quarter", "half"}
        words |= set(cal.relative) | set(cal.markers) | set(cal.half_words) | set(cal.anchors)
        words |= {w for w in cal.quarters if any(c.isdigit() for c in w)}
        self.anchor_words = numpy.array(sorted(nlp.vocab.strings.add(w) for w in words), dtype="uint64")
        self.anchor_shapes = numpy.array(sorted(nlp.vocab.strings.add(s) for s in NUMERIC_SHAPES + cal.anchor_shapes), dtype="uint64")
        self.trim = {w.lower() for w in rules.trim.words}
        self.relative = {w.lower() for w in (*cal.shifts, *cal.relative, *cal.days, *cal.weekdays)}  # words of a time told from "now"
        self.not_glued_after = {w.lower() for w in rules.calendar.not_glued_after}
        # a bare year is a count, not a date, before these words ("2000 workers", "1990 dollars")
        self.not_after_year = {n for u in rules.count_unit for n in u.nouns}
        self.not_after_year |= {w for c in rules.currency for w in c.after} | {w for p in rules.percent for w in p.after}
        self.not_after_year |= {w.lower() for r in rules.number_word if r.kind == "scale" for w in r.words}  # "1조 2000억 원"
        self.not_before_year = {w for c in rules.currency for w in c.before}
        # a scale glued right before a bare year makes it a group of one number: Korean "1만1900톤" (11,900 tonnes)
        self.scales = {w.lower() for r in rules.number_word if r.kind == "scale" for w in r.words}
        self.year_range = cal.year_range
        self.anaphoric = {rule.id for rule in rules.date_pattern if rule.anaphoric}
        self.same_time = {rule.id for rule in rules.date_pattern if rule.same_time}

    def _bare_year_is_count(self, doc: Doc, span: Span) -> bool:
        if len(span) != 1:
            return False
        value = int(span.text)
        low, high = self.year_range
        if not low <= value <= high:
            return True
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        before = doc[span.start - 1].lower_ if span.start else ""
        glued_scale = before in self.scales and not doc[span.start - 1].whitespace_
        return after in self.not_after_year or before in self.not_before_year or glued_scale or self._in_a_name(doc, span, before)

    def _in_a_name(self, doc: Doc, span: Span, before: str) -> bool:
        """'the 2030 World Expo', 'the 2018 Asian Games': a year that is part of a name dates no visit or deal."""
        if before not in self.calendar.name_articles or span.end >= len(doc):
            return False
        after = doc[span.end]
        return after.is_title and after.is_alpha and after.lower_ not in self.calendar.months

    def regions(self, doc: Doc, attrs: numpy.ndarray | None = None) -> list[tuple[int, int]]:
        """Token windows around anchors, merged where they overlap (`attrs`: the doc's LOWER and SHAPE columns first)."""
        attrs = doc.to_array(REGION_ATTRS) if attrs is None else attrs
        anchors = numpy.flatnonzero(member(attrs[:, 0], self.anchor_words) | member(attrs[:, 1], self.anchor_shapes)).tolist()
        merged: list[list[int]] = []
        for i in anchors:
            lo, hi = max(0, i - WINDOW_BEFORE), min(len(doc), i + WINDOW_AFTER)
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        return [(lo, hi) for lo, hi in merged]

    def matches(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        attrs = doc.to_array(REGION_ATTRS)
        return self.patterns.matches(doc, self.regions(doc, attrs), attrs)

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for match_id, start, end in self.matches(doc):
            while start < end - 1 and doc[start].lower_ in self.trim:
                start += 1
            while end - 1 > start and doc[end - 1].is_punct:
                end -= 1
            if end < len(doc) and doc[end].text == "/" and not doc[end - 1].whitespace_:
                continue  # "13/2023/NĐ-CP": a numbered document, not a date
            if start and doc[start - 1].lower_ in self.not_glued_after and (not doc[start - 1].whitespace_ or (start > 1 and doc[start - 2].like_num and not doc[start - 2].whitespace_)):
                continue  # "2박3일", "2박 3일간": three days of a stay, not the 3rd
            span = Span(doc, start, end, label=match_id)
            if span.text.isdigit() and self._bare_year_is_count(doc, span):
                continue
            found.append(span)
        skip = meta(doc).skip
        published = meta(doc).published
        tense_cues = [
            (start, FUTURE if doc.vocab.strings[key] == "FUTURE" or (start and doc[start - 1].lower_ in self.passive) else PAST)
            for key, start, _ in self.tense(doc)
        ]
        spans = []
        year = None  # the last year the text named: what "that year" and "a year later" refer to
        last = None  # the last time the text named: what "the same month a year earlier" refers to
        latest = None  # on a page with no date, the latest year its text has named: the year of a month it names without one
        for span in filter_spans(found):
            if any(span.start_char < b and span.end_char > a for a, b in skip):
                continue
            if span.label_ in self.anaphoric:
                if year is not None:
                    shift = next((self.calendar.anaphora[t.lower_] for t in span if t.lower_ in self.calendar.anaphora), 0)
                    value = shift_years(last, shift) if span.label_ in self.same_time else str(year + shift)
                    span._.vnkr = Facts(label="DATE", date=value, rule=span.label_)
                    spans.append(span)
                continue
            direction = sentence_tense(doc, span, tense_cues) if published else NEAREST
            value = parse_date(span.text, published, self.calendar, direction)
            if value is None and published is None and latest is not None and not any(t.lower_ in self.relative for t in span):
                value = parse_date(span.text, date(latest, 12, 31), self.calendar, PAST)  # "In the January-June period" after "in 2016"
            if value and value[:4].isdigit():
                year = int(value[:4]) if "/" not in value else int(value.rpartition("/")[2][:4])
                last = value
                # "so với cùng kỳ năm 2015" (the same period of 2015): the text's own time is the year after
                before = doc[span.start - 1].lower_ if span.start else ""
                told = year - self.calendar.anaphora.get(before, 0) if "/" not in value else year
                latest = max(latest or told, told) if published is None else None
            elif value is None:
                year = last = None  # "전년" after a "지난해" that cannot be resolved is no year before an older one
            if value is None and published is not None:
                continue
            span._.vnkr = Facts(label="DATE", date=value, rule=span.label_)
            spans.append(span)
        doc.spans[DATES] = spans
        return doc


@Language.factory("vnkr_dates", default_config={"rules": None})
def make_dates(nlp: Language, name: str, *, rules: str | None) -> DateRecognizer:
    return named(DateRecognizer(nlp, rules_for(rules, nlp.lang)), name)
