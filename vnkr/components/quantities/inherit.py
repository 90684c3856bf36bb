"""Passes over a document's figures that complete one from its neighbour: a currency, a counted noun,
and Vietnamese counts written with English thousands."""

from __future__ import annotations

from spacy.tokens import Span

from vnkr.components.facts import sentence_of, text_of
from vnkr.components.quantities.lexicon import HYPHENS
from vnkr.normalize.numbers import foreign_grouped_count
from vnkr.rules import NumberFormat


def range_partner(first: Span, second: Span) -> bool:
    """Whether `second` is the upper end of a range whose lower end is the money `first`."""
    between = first.doc[first.end : second.start]
    return first._.vnkr.label == "MONEY" and len(between) == 1 and between[0].lower_ in HYPHENS | {"to"}


def count_thousands(found: list[Span], fmt: NumberFormat) -> None:
    """'33,000 người', 'hơn 3,500 người': a count of people, visits or firms written with English
    thousands in Vietnamese text is thousands, not a decimal (a count has no thousandths)."""
    for span in found:
        facts = span._.vnkr
        if facts.label == "CARDINAL" and facts.unit and not facts.scaled and facts.value is not None:
            count = foreign_grouped_count(text_of(span), fmt)
            if count is not None and abs(count - facts.value * 1000) < 1e-6 * max(count, 1):
                facts.value = count


def inherit_count_unit(found: list[Span], ellipsis_after: list[str]) -> None:
    """'143,000 Vietnamese have gone to work in Korea, with 42,500 currently employed': a bare count
    after 'with' counts what the count before it in its sentence counted."""
    ordered = sorted(found, key=lambda s: s.start)
    for index, span in enumerate(ordered):
        facts = span._.vnkr
        if facts.label != "CARDINAL" or facts.unit is not None or not index:
            continue
        earlier = ordered[index - 1]
        if earlier._.vnkr.label != "CARDINAL" or earlier._.vnkr.unit is None or earlier.start < sentence_of(span.doc, span.start).start:
            continue
        before = " ".join(t.lower_ for t in span.doc[max(earlier.end, span.start - 2) : span.start])
        if any(before == phrase or before.endswith(" " + phrase) for phrase in ellipsis_after):
            facts.unit, facts.rule = earlier._.vnkr.unit, "count-ellipsis"


def inherit_currency(found: list[Span], implied: dict[str, str] | None = None, money_words: list[str] = ()) -> None:
    """A bare scaled amount takes the currency of the money before it in its sentence:
    '100 billion USD of two-way trade and towards the target of 150 billion'; failing one, the currency its scale
    word implies (`implied`) in a sentence that names a measure of money (`money_words`): Korean '8300억 더 투자' is
    won, '규모는 1.1조에 이른다' says no currency."""
    ordered = sorted(found, key=lambda s: s.start)
    for index, span in enumerate(ordered):
        facts = span._.vnkr
        if facts.label != "CARDINAL" or facts.unit is not None:
            continue
        if index and range_partner(ordered[index - 1], span):
            # "$6,100-9,900": the second number of a money range
            earlier = ordered[index - 1]._.vnkr
            facts.label, facts.unit, facts.rule = "MONEY", earlier.unit, "currency-range"
            continue
        if not facts.scaled:
            continue
        sent_start = sentence_of(span.doc, span.start).start
        for earlier in reversed(ordered[:index]):
            if earlier.start < sent_start:
                break
            if earlier._.vnkr.label == "MONEY":
                facts.label, facts.unit, facts.rule = "MONEY", earlier._.vnkr.unit, "currency-coordinated"
                break
        if facts.label == "CARDINAL" and implied and span[-1].lower_ in implied and any(w in text_of(sentence_of(span.doc, span.start)).lower() for w in money_words):
            facts.label, facts.unit, facts.rule = "MONEY", implied[span[-1].lower_], "currency-implied"


def scale_as_unit(found: list[Span], scale_or_unit: dict[str, tuple[str, list[str]]]) -> None:
    """'37m (121ft)': a bare scaled number whose scale letter is glued to it, right before a figure in
    brackets in a unit of the letter's dimension, is that figure in another unit: 37 metres, not 37 million."""
    ordered = sorted(found, key=lambda s: s.start)
    for span, converted in zip(ordered, ordered[1:]):
        facts, other = span._.vnkr, converted._.vnkr
        doc, last = span.doc, span[-1]
        if facts.label != "CARDINAL" or facts.unit is not None or not facts.scaled or len(span) != 2 or doc[span.start].whitespace_:
            continue
        if [t.text for t in doc[span.end : converted.start]] != ["("] or other.label != "QUANTITY":
            continue
        unit, units = scale_or_unit.get(last.lower_, (None, []))
        if unit is not None and other.unit in units:
            number = span.doc[span.start].text.replace(",", "")
            facts.label, facts.value, facts.unit, facts.rule, facts.scaled = "QUANTITY", float(number), unit, "measure-by-conversion", False


def bare_money(found: list[Span], code: str | None, least: float, counters: dict[str, str]) -> None:
    """'투자금은 70조로', '40-45조': a bare scaled amount of `least` or more, which no count reaches, is money
    in the language's own currency when no currency was said or inherited, and no counter stands right
    after it (a noun further on that it seemed to count, '113조 규모의 프로젝트', is not what it measures)."""
    if code is None:
        return
    for span in found:
        facts, doc = span._.vnkr, span.doc
        amount = facts.value if facts.value is not None else facts.low
        counted = span.end < len(doc) and doc[span.end].lower_ in counters
        if facts.label == "CARDINAL" and facts.scaled and amount is not None and amount >= least and not counted:
            facts.label, facts.unit, facts.rule = "MONEY", code, "currency-bare"
