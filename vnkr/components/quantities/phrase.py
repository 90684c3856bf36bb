"""The grammar of a number phrase on tokens: digits and number words grown into one number ('5.2 billion',
'twenty-one', '143 000', '27만2573'), the sign it carries ('-1.3%', 'minus 5'), and two numbers joined
into a range ('$10-12 billion', 'between 5% and 6%') or not (a change 'from X to Y', two years)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from vnkr.components.quantities.context import is_year
from vnkr.components.quantities.lexicon import HYPHENS, Lexicon, match_words
from vnkr.normalize.numbers import ATTACHED_SCALE, join_spaced_groups, words_value
from vnkr.rules import RuleSet

RANGE_RATIO = 10  # a range's first number shares the second's scale only when near its number: "10-12 billion"


class NumberPhrases:
    """Reads the number phrase at a token with the rules' number words, signs and range words."""

    def __init__(self, lex: Lexicon, rules: RuleSet):
        self.lex = lex
        numbers = self.lex.numbers
        self.range_words = HYPHENS | {"to"} | {w.lower() for w in numbers.fmt.range_words}
        self.range_openers = {o.lower(): {w.lower() for w in joiners} for o, joiners in numbers.fmt.range_openers.items()}
        self.change_openers = {w.lower() for w in numbers.fmt.change_openers}
        # the change words of the direction rules: "rose from X to Y" is two figures, not a range
        self.change_words = {w for o in rules.metric_override if o.direction for p in o.phrases for w in p.lower().split()}
        self.signs = dict(numbers.fmt.signs)
        self.sign_words = {w.lower(): way for w, way in numbers.fmt.sign_words.items()}
        self.level_words = {w.lower() for w in numbers.fmt.level_words}
        self.by_words = set(rules.direction.by_words)  # "raise ... *by* $750 million to $3.25 billion"
        self.sign_chars = re.compile("|".join(f"{re.escape(c)}(?=\\d)" for c in self.signs if not c.isascii())) if any(not c.isascii() for c in self.signs) else None

    def _joins(self, left, right) -> bool:
        """Whether a hyphen between two tokens is inside one number."""
        numbers = self.lex.numbers
        words = numbers.units.keys() | numbers.scales.keys()
        left_is = left.lower_ in words or numbers.digits(left.text) is not None
        return left_is and (right.lower_ in numbers.scales or (left.lower_ in numbers.units and right.lower_ in numbers.units))

    def number_phrase(self, doc: Doc, i: int) -> tuple[int, int, float, bool] | None:
        """The number phrase at token i: (start, end, value, had_scale) or None."""
        numbers = self.lex.numbers
        token = doc[i]
        start = i
        if token.lower_ in numbers.scales and i and doc[i - 1].lower_ in numbers.articles:
            start = i - 1
        elif token.lower_ in numbers.scales and not numbers.fmt.bare_scales:
            return None  # Korean "만" alone is "only"; a scale counts only after a number
        elif token.lower_ in numbers.scales and i and doc[i - 1].text[-1:].isdigit():
            return None  # "Y=590 billion": the scale of a number the grammar could not read, not one billion
        elif token.lower_ in numbers.before_scale and (i + 1 >= len(doc) or doc[i + 1].lower_ not in numbers.scales):
            return None  # Vietnamese "hai nước" is two countries, said in words: a number only before a scale, "hai triệu"
        words = [t.lower_ for t in doc[start : i + 1]]
        if (glued := numbers.glued_words(token.lower_)) is not None:
            # "오백억 원", "삼천 명": numerals in words only before a currency or a counter; alone "구조" is a structure
            after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            if after not in numbers.fmt.spaced_after_scale and after not in self.lex.currency_after.first:
                return None
            words = glued
        if self.sign(token):
            words[-1] = words[-1][1:]  # "-1.3": the magnitude; the sign is the change's direction
        first_is_digits = numbers.digits(words[-1]) is not None
        fmt = numbers.fmt
        end = i + 1
        if first_is_digits and (spaced := self._spaced_thousands(doc, i)) is not None:
            end, words[-1] = spaced  # "143 000 people", "9 996명"
        had_scale = token.lower_ in numbers.scales
        while end < len(doc):
            nxt = doc[end]
            lower = nxt.lower_
            previous = doc[end - 1].text[1:] if end - 1 == i and self.sign(doc[end - 1]) else doc[end - 1].text
            attached = lower in numbers.attached_scales and numbers.digits(previous) is not None
            if attached and doc[end - 1].whitespace_ and len(lower) < 2:
                attached = False  # "5 m" is five metres as often as five million; "5 bn" is not
            if lower in numbers.scales or attached:
                had_scale = True
                words.append(lower)
                end += 1
            elif not first_is_digits and lower in numbers.units and not doc[end - 1].text[0].isdigit():
                words.append(lower)
                end += 1
            elif fmt.digits_after_scale and doc[end - 1].lower_ in numbers.scales and numbers.digits(nxt.text) is not None and (
                not doc[end - 1].whitespace_ or self._spaced_group(doc, end)
            ):
                words.append(lower)  # "27만2573", "1조2000억", "255만 7047명"
                end += 1
            elif lower in fmt.suffixes and not doc[end - 1].whitespace_:
                end += 1  # "29만4천여": the suffix belongs to the number, its qualifier is read later
            elif lower in HYPHENS and not doc[end - 1].whitespace_ and end + 1 < len(doc) and self._joins(doc[end - 1], doc[end + 1]):
                # "twenty-one", "one-hundred-billion", "245-billion"
                words.append(doc[end + 1].lower_)
                had_scale = had_scale or doc[end + 1].lower_ in numbers.scales
                end += 2
            else:
                break
        value = words_value(words, numbers)
        if value is None:
            attached = ATTACHED_SCALE.match(token.lower_)
            if attached and attached.group(2) in numbers.attached_scales:
                value, had_scale = words_value([token.lower_], numbers), True
        if value is None:
            return None
        return start, end, value, had_scale

    def _spaced_thousands(self, doc: Doc, i: int) -> tuple[int, str] | None:
        """'143 000', '1 500 000' from token i: (end, the number in the language's grouping). Not
        digits beside other digits ('+84 24 382 442', '2024 15'): groups of three after a head of one to
        three digits, each after a single space; a run of digits that is not all such groups is a code."""
        before = doc[i - 1].text if i else ""
        if before == "+" or any(c.isdigit() for c in before) or doc[i].whitespace_ != " ":
            return None
        end = i + 1
        while end < len(doc) and doc[end - 1].whitespace_ == " " and doc[end].text[:1].isdigit() and doc[end].like_num:
            end += 1
        text = join_spaced_groups([t.text for t in doc[i:end]], self.lex.numbers.fmt)
        return None if text is None else (end, text)

    def sign(self, token) -> str | None:
        """The direction of a sign glued to a number: '-1.3' → down, '+0.8' → up."""
        text = token.text
        if len(text) < 2 or text[0] not in self.signs or not text[1].isdigit():
            return None
        return self.signs[text[0]] if self.lex.numbers.digits(text[1:]) is not None or ATTACHED_SCALE.match(text[1:].lower()) else None

    def _spaced_group(self, doc: Doc, j: int) -> bool:
        """Whether the digits at token j, after a scale and a space, are the lower groups of one Korean number:
        '255만 7047명', '1조 2000억 원' (a smaller scale or a counted word follows), not '18만 2020년'."""
        numbers = self.lex.numbers
        scale, value = numbers.scales[doc[j - 1].lower_], numbers.digits(doc[j].text)
        after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
        if after in numbers.scales:
            return numbers.scales[after] < scale
        return after in numbers.fmt.spaced_after_scale and value is not None and value < scale

    def opener(self, doc: Doc, start: int) -> int | None:
        """The token before a number, past its currency ('between $5 and $6'), or None."""
        j = start - 1
        if j >= 1 and doc[j].lower_ in self.lex.currency_before:
            j -= 1
        return j if j >= 0 else None

    def range_end(self, doc: Doc, start: int, end: int, first: float) -> tuple[int, float | None, int, float, bool] | None:
        """For the first number of a range ('$10-12 billion', '10 to 15 percent', 'between 5% and 6%'):
        where the second number ends, the scale it carries, which the first shares, where it
        begins, its value, and whether the first carries its own unit ('5% to 6%')."""
        # the first number's own percent sign, currency word or unit, written again after the second: "5% to 6%",
        # "between 15kHz and 17kHz"
        tables = (self.lex.percent_after, self.lex.currency_after, self.lex.measures)
        own = next(((length, table) for table in tables if (length := (match_words(doc, end, table) or (0,))[0])), None)
        joiner = end + (own[0] if own else 0)
        k = joiner + 1  # where the second number begins, past its currency: "$89 to $93 billion"
        if k + 1 < len(doc) and doc[k].lower_ in self.lex.currency_before:
            k += 1
        numeral = k < len(doc) and doc[k].lower_ in self.lex.numbers.units and doc[start].lower_ in self.lex.numbers.units
        if k >= len(doc) or (self.lex.numbers.digits(doc[k].text) is None and not numeral):
            return None  # a number in words after a number in words: "four to five thousand people"
        opener = self.opener(doc, start)
        joiners = self.range_openers.get(doc[opener].lower_, set()) if opener is not None else set()
        if doc[joiner].lower_ not in self.range_words and doc[joiner].lower_ not in joiners:
            return None
        second = self.number_phrase(doc, k)
        if second is None or (own and (match_words(doc, second[1], own[1]) or (0, None))[1] != match_words(doc, end, own[1])[1]):
            return None  # "5% to 6", "15 km to 17 kg": the second number is something else
        numbers = self.lex.numbers
        scales = [t.lower_ for t in doc[k : second[1]] if t.lower_ in numbers.scales or t.lower_ in numbers.attached_scales]
        scale = words_value(["1"] + scales, numbers) if scales else None
        if scale and first > RANGE_RATIO * second[2] / scale:
            scale = None  # "$370,000 to $5.5 million": the first number is whole, not 370,000 million
        return second[1], scale, k, second[2], own is not None

    def is_range(self, doc: Doc, start: int, low: float, second_start: int, high: float, whole: bool) -> bool:
        """Whether two numbers joined by a range word are one range: the second above the first, not two
        years ('2020-2025' is a time), not the old and the new level of a change ('rose from $5
        billion to $7 billion')."""
        if not low < high or (is_year(doc[start]) and is_year(doc[second_start])):
            return False
        opener = self.opener(doc, start)
        joiner = second_start - 1 - (doc[second_start - 1].lower_ in self.lex.currency_before)
        # "from" leads to the new level; so does "to" after a whole figure ("by $43.6 billion to $419.2
        # billion"), not after a bare number that shares the second's unit ("dropped by 1 to 1.5 degrees")
        leads = (opener is not None and doc[opener].lower_ in self.change_openers) or (doc[joiner].lower_ in self.level_words and whole)
        first = opener if opener is not None else start
        reach = self.lex.numbers.fmt.change_reach
        # a change word shortly before: "rose from X to Y", "increased by X to Y" are a change and a level;
        # not across an opener further back: in "down from the $89 to $93 billion" the range is the old level
        if leads and opener is not None and doc[opener].lower_ in self.by_words and not self._percent(doc, start, joiner):
            return False  # "by $750 million to $3.25 billion": an amount and the level it makes, however far the verb
        changed = [t.i for t in doc[max(0, first - reach) : first + 1] if t.lower_ in self.change_words]
        if not changed or any(t.lower_ in self.change_openers for t in doc[changed[-1] + 1 : first]):
            return True
        return not leads

    def _percent(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a percent sign or word stands between two tokens: 'by 10% to 15%' is a range of changes."""
        return any(match_words(doc, i, self.lex.percent_after) for i in range(start, end))

    def signed(self, doc: Doc, start: int) -> tuple[str, int] | None:
        """The direction of the sign a number carries, glued ('-1.3%') or as a word before it ('minus 5',
        'minus-130'), and where the span starts with it."""
        if (way := self.sign(doc[start])) is not None:
            return way, start
        j = start - 1
        if j >= 1 and doc[j].lower_ in HYPHENS and not doc[j].whitespace_:
            j -= 1
        if j >= 0 and doc[j].lower_ in self.sign_words:
            return self.sign_words[doc[j].lower_], j
        return None
