"""What a number measures, read from the words around it: money, a price per unit, a percentage, a
measure in units, an age, a multiplier, a duration or a count; a range is one figure with `low` and `high`."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from vnkr.components.facts import Facts, sentence_of
from vnkr.components.quantities.context import (
    after_name,
    beside_digits,
    counted_noun,
    currency_before,
    digit_group,
    is_year,
    not_a_claim,
    per_unit,
    plural_noun,
)
from vnkr.components.quantities.lexicon import HYPHENS, Lexicon, match_words
from vnkr.components.quantities.phrase import NumberPhrases
from vnkr.components.quantities.ranks import Ranks
from vnkr.normalize.units import per
from vnkr.rules import RuleSet

AGE = "old"  # "30 years old" is an age, not a duration
AGE_UNIT = "year"  # an age is a QUANTITY in years
DECADE = 10  # "30대" is the ages 30 to 39
AGE_DECADES = "age-decades"  # the rule of an age group's claim
LEVEL_REACH = 8  # tokens from a bare new level's 'to' back to the 'from' of its change
LEVEL_RATIO = 10  # a bare new level shares the old one's unit only within this factor of it
LEVEL_LABELS = {"MONEY", "QUANTITY", "PERCENT", "DURATION"}
DECIMAL = re.compile(r"\d{1,3}(?:,\d{3})*\.\d+")  # "3.65", "1,463.78"; not "1.2.3"


def _is_code(text: str) -> bool:
    """Letters and digits in one token: 'F-5', 'PLX-R18'."""
    return any(c.isalpha() for c in text) and any(c.isdigit() for c in text)


class Figures:
    """Reads the figure at a number or multiplier anchor: its number phrase or range, then what it measures."""

    def __init__(self, rules: RuleSet, lex: Lexicon, phrases: NumberPhrases, ranks: Ranks):
        self.lex, self.phrases, self.ranks = lex, phrases, ranks
        self.age_after = [tuple(p.lower().split()) for p in rules.measures.age_after]
        self.age_after_next = {w.lower() for w in rules.measures.age_after_next}

    def read_multiplier(self, doc: Doc, i: int) -> tuple[Span, Facts] | None:
        nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if nxt in self.lex.not_multiplier_next or (nxt in HYPHENS and not doc[i].whitespace_):
            return None
        word = doc[i].lower_
        start = i
        if (after := self.lex.numbers.multiplier_after.get(word)) is not None:
            if not i or doc[i - 1].lower_ not in after:
                return None  # "đôi" alone is a pair, "gấp đôi" a doubling
            start = i - 1
        return Span(doc, start, i + 1), Facts(label="MULTIPLIER", value=self.lex.numbers.multipliers[word], unit="x", rule="multiplier-word")

    def read_duration_word(self, doc: Doc, i: int) -> tuple[Span, Facts] | None:
        """'나흘': a duration said in one word, the number and the unit together."""
        unit, value = self.lex.duration_words[doc[i].lower_]
        return Span(doc, i, i + 1), Facts(label="DURATION", value=value, unit=unit, rule="duration-word")

    def read_number(self, doc: Doc, i: int) -> tuple[Span, Facts] | None:
        """read_figure, and for a language whose ranges are bounds, the end of a range it is."""
        result = self.read_figure(doc, i)
        if result is not None and self.lex.numbers.fmt.range_bounds and result[1].low is None:
            span, facts = result
            numbers, s, e = self.lex.numbers, span.start, span.end
            if e + 1 < len(doc) and doc[e].lower_ in self.phrases.range_words and numbers.digits(doc[e + 1].text) is not None:
                facts.qualifier = "at_least"  # "30 đến 50%", "2만~4만": the lower end
            elif s >= 2 and doc[s - 1].lower_ in self.phrases.range_words and (numbers.digits(doc[s - 2].text) is not None or doc[s - 2].lower_ in numbers.scales):
                facts.qualifier = "at_most"
        return result

    def read_figure(self, doc: Doc, i: int) -> tuple[Span, Facts] | None:
        """A number phrase, a range of two ('$10-12 billion') or a vague magnitude ('tens of
        thousands'), and what it measures: a rank, money, a percentage, a multiplier, a duration
        or a count; None when it is no figure at all. A range is one figure with `low` and `high`."""
        ends = None
        magnitude = next(((m, reader.rule.spread) for reader in self.lex.magnitudes if (m := reader.read(doc, i)) is not None), None)
        if magnitude is not None:
            (start, end, context, value), spread = magnitude
            had_scale, ends = True, (value, value * spread)
        else:
            phrase = self.phrases.number_phrase(doc, i)
            if phrase is None:
                return None
            start, end, value, had_scale = phrase
            context = end  # where the words that say what the number is begin
            if (in_range := self.phrases.range_end(doc, start, end, value)) is not None:
                second_end, scale, second_start, second, own_unit = in_range
                whole = own_unit or had_scale or currency_before(self.lex, doc, start) is not None  # the first a figure on its own
                if scale and not had_scale:
                    value, had_scale = value * scale, True
                if self.phrases.is_range(doc, start, value, second_start, second, whole):
                    ends, end, context = (value, second), second_end, second_end  # one figure: its span runs to the second's end
                elif not own_unit:
                    context = second_end  # "from 5 to 7 percent": the second's unit serves the first
        result = self._figure(doc, start, end, context, value, had_scale)
        if result is None:
            return None
        span, facts = result
        if ends is not None and facts.label != "ORDINAL":
            facts.value, (facts.low, facts.high) = None, ends
            if facts.rule == AGE_DECADES:
                if not (float(ends[1]).is_integer() and ends[1] % 10 == 0):
                    return None  # "30~45대" is no way to write ages
                facts.high = ends[1] + DECADE - 1  # "30~40대": from 30 to 49
        signed = self.phrases.signed(doc, start)
        if signed is not None:
            way, first = signed
            if facts.label == "CARDINAL" and not facts.scaled:
                return None  # "COVID -19 tests": a sign on a bare count is part of a name
            if facts.label == "QUANTITY" and way == "down":  # "minus 130 degrees": a measure below zero
                facts.value, facts.low, facts.high = (None if v is None else -v for v in (facts.value, facts.high, facts.low))
            elif facts.label != "QUANTITY":
                facts.direction = way  # "-1.3%", "$-50.8 billion": the magnitude as written, and which way it went
            span = Span(doc, min(first, span.start), span.end)
        return span, facts

    def read_notation(self, doc: Doc, start: int, end: int, value: float) -> tuple[Span, Facts] | None:
        """A number in scientific notation over doc[start:end] ('6.022 x 10^23'), and what it measures."""
        return self._figure(doc, start, end, end, value, True)

    def _figure(self, doc: Doc, start: int, end: int, context: int, value: float, had_scale: bool) -> tuple[Span, Facts] | None:
        """What the number phrase doc[start:end] measures, by the words from `context` on."""
        rank = self.ranks.rank_by_number(doc, start, end, value)
        if rank is not None:
            return rank or None
        if self._not_a_figure(doc, start, end, context, value):
            return None
        measure = self._measure(doc, start, end, context, value, had_scale)
        if measure is not None:
            return measure or None
        if any(not_a_claim(rule, doc, start, end, value) for rule in self.lex.not_counts):
            return None
        if doc[start].is_digit and after_name(doc, start, sentence_of(doc, start).start) and not self._noun_right_after(doc, context):
            return None  # "Planet 9 project", "Model 3 sedans": a name, not a count; "Việt Nam 50 dự án" is a count
        unit, rule = counted_noun(self.lex, doc, start, context), "count"
        if unit is None and (unit := self._coordinated_noun(doc, context)) is not None:
            rule = "count-coordinated"
        # "hotline 1900 1234 operates", "the 2019 elections": a year or one of several digit groups counts nothing
        code = len(doc[start:end]) == 1 and doc[start].is_digit and len(doc[start]) > 3 and (is_year(doc[start]) or beside_digits(doc, start))
        if unit is None and not code and (unit := plural_noun(self.lex, doc, context, value)) is not None:
            rule = "count-plural"
        # with nothing counted, only a figure written as one is a claim: "350,000", "5 million", not "Decree 1505"
        group = self.lex.numbers.fmt.group
        grouped = any(group in t.text and self.lex.numbers.digits(t.text) is not None for t in doc[start:end])
        grouped = grouped or (end - start > 1 and all(t.is_digit for t in doc[start:end]))  # "143 000"
        if unit is None and not had_scale and (level := self._level_after_change(doc, start, end, value)) is not None:
            return level
        if unit is None and not (had_scale or (grouped and value >= self.lex.counting.min_bare_value) or self._bare_decimal(doc, start, end)):
            return None
        return Span(doc, start, end), Facts(label="CARDINAL", value=value, unit=unit, rule=rule if unit else "number", scaled=had_scale)

    def _bare_decimal(self, doc: Doc, start: int, end: int) -> bool:
        """'rose 8.15% to 3.65', '(0.5 WAR)': a number written with decimals measures something even when
        nothing is said to be counted; not a version or a section after a name ('Industry 4.0')."""
        if not self.lex.counting.bare_decimals or end - start != 1 or not DECIMAL.fullmatch(doc[start].text):
            return False
        if end + 1 < len(doc) and doc[end].lower_ in self.lex.coordinators and doc[end + 1].like_num:
            return False  # "8.4 and 7.5 times": the first of two that share the second's unit, not a bare number
        return not after_name(doc, start, sentence_of(doc, start).start) and not (start and doc[start - 1].is_title)

    def _level_after_change(self, doc: Doc, start: int, end: int, value: float) -> tuple[Span, Facts] | None:
        """'dropped from 208 pounds to 193', 'from 21 mpg combined to 23': a bare new level after 'to' is
        in the unit of the old level after 'from' shortly before it; not when the old level carries a
        scale the new one lacks ('from $5 billion to 7') or the two are far apart in size."""
        level = start - 1
        if level < 2 or doc[level].lower_ not in self.phrases.level_words:
            return None
        sent_start = sentence_of(doc, start).start
        opener = next((k for k in range(level - 1, max(sent_start, level - LEVEL_REACH) - 1, -1) if doc[k].lower_ in self.phrases.change_openers), None)
        first = next((k for k in range(opener + 1, level) if doc[k].like_num), None) if opener is not None else None
        if first is None or (old := self.read_figure(doc, first)) is None:
            return None
        span, facts = old
        between = doc[span.end : level]
        if span.start <= opener or span.end > level or len(between) > 2 or any(t.like_num or t.is_punct for t in between):
            return None
        size = facts.value if facts.value is not None else facts.low
        if facts.label not in LEVEL_LABELS or not facts.unit or facts.scaled or facts.rule == "age" or not size or not 0 < value / size <= LEVEL_RATIO or value * LEVEL_RATIO < size:
            return None
        return Span(doc, start, end), Facts(label=facts.label, value=value, unit=facts.unit, rule="level-after-change")

    def _whole_duration(self, doc: Doc, j: int) -> tuple[int, float] | None:
        """After the unit word at j ('박' of '2박3일', '2박 3일간'), a whole number and a word of the rule's
        total_after, glued or after one space: (where it ends, that number), the duration the phrase says."""
        totals = self.lex.duration_totals.get(doc[j].lower_)
        if not totals or j + 2 >= len(doc) or len(doc[j].whitespace_) > 1 or doc[j + 1].whitespace_ or doc[j + 2].lower_ not in totals:
            return None
        value = self.lex.numbers.digits(doc[j + 1].text)
        return (j + 3, value) if value is not None and value.is_integer() else None

    def _noun_right_after(self, doc: Doc, j: int) -> bool:
        """Whether one of the rules' counted nouns follows at token j: a number after a name counts it."""
        return j < len(doc) and (doc[j].lower_ in self.lex.count_nouns or match_words(doc, j, self.lex.count_phrases) is not None)

    def _coordinated_noun(self, doc: Doc, j: int) -> str | None:
        """'55,000 and 97,000 students': a count joined by a coordinator to a count of the rules' nouns
        counts the same noun; the second's number is read as a number, and its noun must follow it."""
        if j + 1 >= len(doc) or doc[j].lower_ not in self.lex.coordinators or not doc[j + 1].like_num or is_year(doc[j + 1]):
            return None
        second = self.phrases.number_phrase(doc, j + 1)
        return None if second is None or not self._noun_right_after(doc, second[1]) else counted_noun(self.lex, doc, j + 1, second[1])

    def _not_a_figure(self, doc: Doc, start: int, end: int, context: int, value: float) -> bool:
        """Codes and phone numbers, list markers, and the rules' not_number cases."""
        prev = doc[start - 1] if start else None
        nxt = doc[context] if context < len(doc) else None
        if (digit_group(prev) and doc[start].is_digit) or (context == end and digit_group(nxt)):
            return True  # "+84 24 3822 4422"
        if start >= 2 and prev.text in HYPHENS and not prev.whitespace_ and not doc[start - 2].whitespace_ and _is_code(doc[start - 2].text):
            return True  # "F-5-2": the last part of a code of letters and digits ("F-5" "-" "2")
        line_start = prev is None or (prev.is_space and ("\n" in prev.text or start == 1))
        if line_start and nxt is not None and nxt.text in {".", ")"}:
            return True  # "1." opening a line
        return any(not_a_claim(rule, doc, start, end, value) for rule in self.lex.not_numbers)

    def _currency_as_measure(self, doc: Doc, start: int, context: int, length: int) -> str | None:
        """The unit a currency word after a number is when its sentence speaks of that measure: 'he
        weighed 208 pounds' is a weight, 'a fee of 40 million pounds' money."""
        found = self.lex.currency_measures.get(tuple(t.lower_ for t in doc[context : context + length]))
        if found is None:
            return None
        unit, cues = found
        return unit if any(t.lower_ in cues for t in sentence_of(doc, start)) else None

    def _measure(self, doc: Doc, start: int, end: int, context: int, value: float, had_scale: bool) -> tuple[Span, Facts] | bool | None:
        """Money, a price per unit, a percentage, a measure ('1,200 MW'), an age, a multiplier or a
        duration, by the words around the number (False: not a figure; None: none of these). Words
        after a range's second number serve its first."""
        n = len(doc)
        own = context == end  # the words follow this number itself, not a range's second one
        currency = currency_before(self.lex, doc, start)
        after = match_words(doc, context, self.lex.currency_after) if context < n else None
        if (decades := self._age_decades(doc, start, context, value)) is not None:
            return decades
        if self._age_before(doc, start) or self._apposed_age(doc, start, end, value) or self._age_after(doc, start, end, value):
            return Span(doc, start, end), Facts(label="QUANTITY", value=value, unit=AGE_UNIT, rule="age")  # "aged 35"
        if after and not currency and (weight := self._currency_as_measure(doc, start, context, after[0])) is not None:
            return Span(doc, start, end + (after[0] if own else 0)), Facts(label="QUANTITY", value=value, unit=weight, rule="measure", scaled=had_scale)
        if currency or after:
            first, code = currency if currency else (start, after[1])
            last = end + (after[0] if after and own else 0)
            if (rate := per_unit(self.lex, doc, last if own else context + (after[0] if after else 0))) is not None:
                length, unit = rate  # "$2,500 per tonne": a price, not an amount of money
                return Span(doc, first, last + (length if own else 0)), Facts(label="QUANTITY", value=value, unit=per(code, unit), rule="measure-per")
            return Span(doc, first, last), Facts(label="MONEY", value=value, unit=code, rule=f"currency-{code.lower()}", scaled=had_scale)
        if (sub := self._subunit(doc, start, context)) is not None:
            length, rule = sub  # "118.5p": pence, money in pounds
            return Span(doc, start, end + (length if own else 0)), Facts(label="MONEY", value=value / round(1 / rule.factor), unit=rule.code, rule=f"subunit-{rule.id}")
        percent = match_words(doc, context, self.lex.percent_after) if context < n else None
        if percent:
            return Span(doc, start, end + (percent[0] if own else 0)), Facts(label="PERCENT", value=value, unit="%", rule="percent")
        nxt = doc[context].lower_ if context < n else ""
        j = context + 1 if nxt in HYPHENS else context
        if (measure := match_words(doc, j, self.lex.cased_measures, cased=True) or match_words(doc, j, self.lex.measures)) is not None:
            length, unit = measure
            if (rate := per_unit(self.lex, doc, j + length)) is not None:
                unit = per(unit, rate[1])  # "350 km per hour"
                length += rate[0]
            return Span(doc, start, j + length if own else end), Facts(label="QUANTITY", value=value, unit=unit, rule="measure", scaled=had_scale)
        if own and j < n and doc[j].lower_ in self.lex.fold_words:
            return Span(doc, start, j + 1), Facts(label="MULTIPLIER", value=value, unit="x", rule="multiplier-fold")
        if own and nxt in self.lex.times_words:
            before_words, after_words = self.lex.times_words[nxt]
            before = doc[start - 1].lower_ if start else ""
            later = doc[end + 1].lower_ if end + 1 < n else ""
            if before in before_words or later in after_words or not float(value).is_integer():  # "6.5 times earnings": no count of times
                return Span(doc, start, end + 1), Facts(label="MULTIPLIER", value=value, unit="x", rule="multiplier-times")
        if j < n and doc[j].lower_ in self.lex.durations:
            following = [t.lower_ for t in doc[j + 1 : j + 3]]
            if following[:1] == [AGE] or (following[:1] and following[0] in HYPHENS and following[1:] == [AGE]):
                last = j + (2 if following[0] == AGE else 3)  # "a 30-year-old engineer", "35 years old": an age
                return Span(doc, start, last if own else end), Facts(label="QUANTITY", value=value, unit=AGE_UNIT, rule="age")
            unit, factor = self.lex.durations[doc[j].lower_]
            if own and (total := self._whole_duration(doc, j)) is not None:
                last, value = total  # "2박3일": two nights, three days
                return Span(doc, start, last), Facts(label="DURATION", value=value * factor, unit=unit, rule="duration-total")
            return Span(doc, start, j + 1 if own else end), Facts(label="DURATION", value=value * factor, unit=unit, rule="duration")
        return None

    def _subunit(self, doc: Doc, start: int, context: int):
        """(tokens, rule) of a currency's subunit written after the number, when its rule's cues, if any,
        stand in the sentence."""
        found = match_words(doc, context, self.lex.subunits) if context < len(doc) else None
        if found is None:
            return None
        rule = found[1]
        return found if not rule.cues or any(t.lower_ in rule.cues for t in sentence_of(doc, start)) else None

    def _age_decades(self, doc: Doc, start: int, context: int, value: float) -> tuple[Span, Facts] | None:
        """'30대 남성' (men in their thirties): a round number of tens before an age-group word and a word
        of people is the ages from it to its decade's end; a range's second end is read by read_figure."""
        j = context
        if not (j + 1 < len(doc) and doc[j].lower_ in self.lex.age_decades and doc[j + 1].lower_ in self.lex.age_decades_next):
            return None
        if not (float(value).is_integer() and 10 <= value <= 90 and value % 10 == 0):
            return None
        return Span(doc, start, j + 1), Facts(label="QUANTITY", value=None, low=value, high=value + DECADE - 1, unit=AGE_UNIT, rule=AGE_DECADES)

    def _age_before(self, doc: Doc, start: int) -> bool:
        """'aged 35', 'aged about 73', 'the age of 21': an age word right before the number, before its
        qualifier, or before a joiner."""
        before, joiners = self.lex.age_before, self.lex.age_joiners
        if start >= 2 and doc[start - 1].lower_ in joiners and doc[start - 2].lower_ in before:
            return True  # "over the age of 21"
        return bool(start) and (doc[start - 1].lower_ in before or (start >= 2 and doc[start - 1].lower_ in self.lex.qualifier_words and doc[start - 2].lower_ in before))

    def _age_after(self, doc: Doc, start: int, end: int, value: float) -> bool:
        """'He will be 35 by the end of the year': a whole number after a phrase of the rules, ending its clause."""
        if not (1 <= value <= self.lex.age_apposed_max and end == start + 1 and doc[start].is_digit):
            return False
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and not nxt.is_punct and nxt.lower_ not in self.age_after_next:
            return False
        words = tuple(t.lower_ for t in doc[max(0, start - 3) : start])
        return any(words[len(words) - len(p) :] == p for p in self.age_after if len(p) <= len(words))

    def _apposed_age(self, doc: Doc, start: int, end: int, value: float) -> bool:
        """'Maddon, 66, has used ...': whole digits between commas right after a name are the person's age."""
        if not (1 <= value <= self.lex.age_apposed_max and end == start + 1 and doc[start].is_digit and 2 <= start and end < len(doc)):
            return False
        name = doc[start - 2]
        return doc[start - 1].text == "," and doc[end].text == "," and name.is_title and name.is_alpha
