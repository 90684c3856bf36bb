"""`vnkr_quantities`: numbers with what they measure: money, counts, percentages, ranks, multipliers,
durations, and measures in units (QUANTITY: '1,200 MW', '$520 per tonne', ages).

Anchors (digits, the rules' number words, ranks and multiplier words) are read from the
doc's token arrays; a small reader grows each anchor into its number phrase and reads the
words around it: a currency before or after, a percent sign, a unit of measure, "-fold", a
duration word, the noun it counts (a known one, else any plural noun). Qualifiers are added later by `vnkr_qualifiers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import LIKE_NUM, LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from vnkr.components.base import Component, named
from vnkr.components.dates import expand_macros
from vnkr.components.facts import CLAIMS, DATES, TEXT, Facts, member, meta, rules_for, sentence_of, text_of
from vnkr.normalize.numbers import ATTACHED_SCALE, NumberVocabulary, foreign_grouped_count, join_spaced_groups, words_value
from vnkr.normalize.units import per, symbol
from vnkr.rules import Counting, Magnitude, NotNumber, RulesError, RuleSet, SmallCount

HYPHENS = {"-", "–", "—"}
COMPARATIVES = {"more", "less", "fewer"}
AGE = "old"  # "30 years old" is an age, not a duration
AGE_UNIT = "year"  # an age is a QUANTITY in years
SUBJECTS = "vnkr_subject_phrases"  # doc.user_data key: where "the number of"-style phrases stand
RANGE_RATIO = 10  # a range's first number shares the second's scale only when near its number: "10-12 billion"
RANK_WINDOW = 4  # tokens a rank pattern may reach from one of its literal words


@dataclass(frozen=True)
class Lexicon:
    """The rules' vocabulary, in the shapes the reader looks words up in."""

    numbers: NumberVocabulary
    currency_before: dict[str, str]
    currency_after: PhraseTable
    percent_after: PhraseTable
    count_nouns: dict[str, str]
    count_phrases: PhraseTable  # nouns of several words: "doanh nghiệp"
    weak_count_nouns: dict[str, str]
    durations: dict[str, tuple[str, float]]
    measures: PhraseTable  # unit words after a number → the unit's symbol: "megawatts" → "MW"
    per_words: set[str]
    per_nouns: dict[str, str]
    not_plurals: set[str]
    age_before: set[str]
    age_apposed_max: int
    fractions: dict[str, float]
    fold_words: set[str]
    times_words: dict[str, tuple[set[str], set[str]]]
    superlatives: set[str]
    rank_nouns: set[str]
    rank_gap: int
    rank_blockers: list[tuple[str, ...]]
    rank_needs_article: set[str]
    rank_prefixes: set[str]
    rank_verbs: set[str]
    rank_places: set[str]
    not_numbers: list[NotNumber]
    not_counts: list[NotNumber]  # not_number rules that hold only for a bare count: "the two ministers", not "the 5% tariff"
    not_multiplier_next: set[str]
    counting: Counting
    small_counts: list[SmallCount]
    stop_after: set[str]
    stop_before: set[str]
    bare_followers: set[str]
    count_verbs: set[str]
    ellipsis_after: list[str]
    subject_phrases: list[tuple[str, ...]]
    qualifier_words: set[str]  # one-word qualifiers before a number: Korean "최대 50%" is "up to", not a list's size
    magnitudes: list[MagnitudeReader]

    @classmethod
    def from_rules(cls, rules: RuleSet, nlp: Language) -> Lexicon:
        def split(phrase: str) -> tuple[str, ...]:
            return tuple(phrase.lower().split())

        def tokens(phrase: str) -> tuple[str, ...]:  # as the tokenizer cuts it: "kilowatt-hours" is three tokens
            return tuple(t.lower_ for t in nlp.make_doc(phrase) if not t.is_space)

        currency_before = {w: c.code for c in rules.currency for w in c.before}
        currency_after = PhraseTable((split(w), c.code) for c in rules.currency for w in c.after)
        count_nouns = {n: u.unit for u in rules.count_unit for n in u.nouns if " " not in n}
        count_phrases = PhraseTable((split(n), u.unit) for u in rules.count_unit for n in u.nouns if " " in n)
        weak_count_nouns = {n: u.unit for u in rules.count_unit for n in u.weak_nouns}
        durations = {w.lower(): (d.unit, d.factor) for d in rules.duration_unit for w in d.words}
        fold, times = set(), {}
        for rule in rules.multiplier_suffix:
            for word in rule.words:
                if rule.requires_context:
                    times[word.lower()] = ({w.lower() for w in rule.context_before}, {w.lower() for w in rule.context_after})
                else:
                    fold.add(word.lower().lstrip("-"))
        rank = rules.rank
        return cls(
            numbers=NumberVocabulary.from_rules(rules),
            currency_before=currency_before,
            currency_after=currency_after,
            percent_after=PhraseTable((split(w), "%") for p in rules.percent for w in p.after),
            count_nouns=count_nouns,
            count_phrases=count_phrases,
            weak_count_nouns=weak_count_nouns,
            durations=durations,
            # the words as the tokenizer cuts them, and an attached form as the one token its suffix rule cuts: "60km/h"
            measures=PhraseTable(
                [(tokens(w), m.symbol or symbol(m.unit)) for m in rules.measure_unit for w in m.words]
                + [((a.lower(),), m.symbol or symbol(m.unit)) for m in rules.measure_unit for a in m.attached]
            ),
            per_words={w.lower() for w in rules.measures.per},
            per_nouns={n.lower(): u for n, u in rules.measures.per_nouns.items()},
            not_plurals={w.lower() for w in rules.counting.not_plurals},
            age_before={w.lower() for w in rules.measures.age_before},
            age_apposed_max=rules.measures.age_apposed_max,
            fractions={w.lower(): v for w, v in rules.measures.fractions.items()},
            fold_words=fold,
            times_words=times,
            superlatives={w.lower() for r in rank for w in r.superlatives},
            rank_nouns={w.lower() for r in rank for w in r.nouns},
            rank_gap=max((r.max_gap for r in rank), default=4),
            rank_blockers=[tuple(b.lower().split()) for r in rank for b in r.blocked_by],
            rank_needs_article={w.lower() for r in rank for w in r.needs_article},
            rank_prefixes={p.lower() for r in rules.rank_number for p in r.prefixes},
            rank_verbs={v for r in rules.rank_verb for v in r.verbs},
            rank_places={p.lower() for r in rank for p in r.places},
            not_numbers=[r for r in rules.not_number if r.applies_to == "number"],
            not_counts=[r for r in rules.not_number if r.applies_to == "count"],
            not_multiplier_next={w for r in rules.not_number if r.applies_to == "multiplier" for w in r.next_words},
            counting=rules.counting,
            small_counts=rules.small_count,
            stop_after={w.lower() for w in rules.counting.stop_after},
            stop_before={w.lower() for w in rules.counting.stop_before},
            count_verbs={w.lower() for w in rules.counting.count_verbs},
            ellipsis_after=[w.lower() for w in rules.counting.ellipsis_after],
            bare_followers={w.lower() for w in rules.counting.bare_followers},
            subject_phrases=[tuple(p.lower().split()) for p in rules.counting.subject_phrases],
            qualifier_words={c for q in rules.qualifier if q.position == "before" for c in q.cues if " " not in c},
            magnitudes=[MagnitudeReader(rule) for rule in rules.magnitude],
        )


class MagnitudeReader:
    """One magnitude rule, ready to read: 'tens of thousands', 'hàng chục nghìn', '수십억'."""

    def __init__(self, rule: Magnitude):
        self.rule = rule
        self.words = dict(rule.words)
        self.markers = {m.lower() for m in rule.markers}
        self.glued: dict[str, float] = {}  # "수만" → 1e4: the marker with one to three scales, as one word
        if rule.glued:
            combos = {"": 1.0}
            for _ in range(3):
                combos = {k + w: v * x for k, v in combos.items() for w, x in self.words.items()} | combos
            self.glued = {m + k: v for m in self.markers for k, v in combos.items() if k}

    def anchors(self) -> set[str]:
        """The words a magnitude may be found at."""
        return set(self.glued) if self.rule.glued else set(self.words)

    def read(self, doc: Doc, i: int) -> tuple[int, int, int, float] | None:
        """(start, end, context, low) of the magnitude at token i; `context` is where the words that
        say what it counts begin (past the joiner: 'tens of thousands *of* workers')."""
        rule, token = self.rule, doc[i]
        if rule.glued:
            if token.lower_ not in self.glued:
                return None
            return i, i + 1, i + 1, self.glued[token.lower_]
        if token.lower_ not in self.words:
            return None
        start = i
        if self.markers:
            if not i or doc[i - 1].lower_ not in self.markers:
                return None
            start = i - 1
        elif i and (doc[i - 1].like_num or doc[i - 1].lower_ in self.words):
            return None  # "3 millions", and the second word of a magnitude read already
        low, count, j = self.words[token.lower_], 1, i + 1
        joiner = (rule.joiner or "").lower()
        while True:
            k = j + 1 if joiner and j < len(doc) and doc[j].lower_ == joiner else j
            if k >= len(doc) or doc[k].lower_ not in self.words or (self.markers and k != j):
                break
            low, count, j = low * self.words[doc[k].lower_], count + 1, k + 1
        if count < rule.min_words:
            return None
        context = j + 1 if joiner and j < len(doc) and doc[j].lower_ == joiner else j
        return start, j, context, low


class PhraseTable(dict):
    """Phrases (tuples of lowercased words) → values, with their first words and longest length known."""

    def __init__(self, items):
        super().__init__(items)
        self.first = {key[0] for key in self}
        self.longest = max((len(key) for key in self), default=0)


def _match_words(doc: Doc, start: int, table: PhraseTable) -> tuple[int, str] | None:
    """The longest phrase of `table` starting at token `start`: (length, value)."""
    if start >= len(doc) or doc[start].lower_ not in table.first:
        return None
    for length in range(min(table.longest, len(doc) - start), 0, -1):
        key = tuple(t.lower_ for t in doc[start : start + length])
        if key in table:
            return length, table[key]
    return None


def singular(word: str, counting: Counting) -> str:
    """'countries' → 'country', 'reactors' → 'reactor', 'people' → 'person': the rules' irregular
    plurals first, then the first plural ending that fits (spaCy's blank English has no lemmatizer)."""
    if word in counting.irregular_plurals:
        return counting.irregular_plurals[word]
    for plural, single in counting.singular_endings:
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: len(word) - len(plural)] + single
    return word


def _literal_words(token: dict) -> set[str]:
    """The words a token pattern names literally (LOWER or LOWER IN a list; not a "@macro")."""
    lower = token.get("LOWER")
    if isinstance(lower, str) and not lower.startswith("@"):
        return {lower}
    if isinstance(lower, dict) and isinstance(lower.get("IN"), list):
        return set(lower["IN"])
    return set()


def _is_year(token) -> bool:
    """'2019' in 'visitors to Vietnam in 2019 was 4.3 million' is a time, not a rival number."""
    return token.shape_ == "dddd" and 1900 <= int(token.text) <= 2100


def _range_partner(first: Span, second: Span) -> bool:
    """Whether `second` is the upper end of a range whose lower end is the money `first`."""
    between = first.doc[first.end : second.start]
    return first._.vnkr.label == "MONEY" and len(between) == 1 and between[0].lower_ in HYPHENS | {"to"}


def _after_name(doc: Doc, start: int, sent_start: int) -> bool:
    """'Model 3 sedans', 'Boeing 787 jets': a number right after a capitalised word inside a
    sentence is part of a name, not a count."""
    return start - 1 > sent_start and doc[start - 1].is_title and doc[start - 1].is_alpha


def _beside_digits(doc: Doc, i: int) -> bool:
    """Whether the token at i has a group of digits right before or after it: '1900 1234'."""
    return (i > 0 and doc[i - 1].is_digit) or (i + 1 < len(doc) and doc[i + 1].is_digit)


def _digit_group(token) -> bool:
    """A bare group of digits next to a number makes both part of a code: '3822 4422'."""
    return token is not None and token.is_digit and not _is_year(token)


def _not_a_claim(rule: NotNumber, doc: Doc, start: int, end: int, value: float) -> bool:
    """Whether a not_number rule holds for the number phrase doc[start:end]."""
    if rule.next_words:
        j = end
        if rule.hyphenated:
            if j >= len(doc) or doc[j].lower_ not in HYPHENS or doc[j - 1].whitespace_:
                return False
            j += 1
        if j < len(doc) and doc[j].lower_ in rule.next_words:
            return True
    if rule.previous_words and start and doc[start - 1].lower_ in rule.previous_words:
        return rule.below is None or value < rule.below
    return False


class QuantityRecognizer(Component):
    def __init__(self, nlp: Language, rules: RuleSet):
        self.lex = Lexicon.from_rules(rules, nlp)
        numbers = self.lex.numbers
        self.range_words = HYPHENS | {"to"} | {w.lower() for w in numbers.fmt.range_words}
        self.range_openers = {o.lower(): {w.lower() for w in joiners} for o, joiners in numbers.fmt.range_openers.items()}
        self.change_openers = {w.lower() for w in numbers.fmt.change_openers}
        # the change words of the direction rules: "rose from X to Y" is two figures, not a range
        self.change_words = {w for o in rules.metric_override if o.direction for p in o.phrases for w in p.lower().split()}
        self.signs = dict(numbers.fmt.signs)
        self.sign_words = {w.lower(): way for w, way in numbers.fmt.sign_words.items()}
        self.level_words = {w.lower() for w in numbers.fmt.level_words}
        self.fraction_joiners = [(tuple(j.lower().split()), way) for j, way in rules.measures.fraction_joiners.items()]
        self.ratio_words = numpy.array(sorted({nlp.vocab.strings.add(w[0]) for w, _ in self.fraction_joiners}), dtype="uint64")
        self.age_after = [tuple(p.lower().split()) for p in rules.measures.age_after]
        self.age_after_next = {w.lower() for w in rules.measures.age_after_next}
        self.sign_chars = re.compile("|".join(f"{re.escape(c)}(?=\\d)" for c in self.signs if not c.isascii())) if any(not c.isascii() for c in self.signs) else None
        self.fraction_after = {w.lower() for w in rules.measures.fraction_after}
        self.not_fraction_after = {w.lower() for w in rules.measures.not_fraction_after}
        self.fraction_words = numpy.array(sorted(nlp.vocab.strings.add(w) for w in self.lex.fractions), dtype="uint64")
        self.subjects = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.subjects.add("SUBJECT", [nlp.make_doc(" ".join(p)) for p in self.lex.subject_phrases])
        self.phrase_ranks = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.rank_phrase_values = {r.id: r.value for r in rules.rank_phrase}
        for rule in rules.rank_phrase:
            self.phrase_ranks.add(rule.id, [nlp.make_doc(p) for p in rule.phrases])
        self.rank_patterns = Matcher(nlp.vocab, validate=True)
        self.rank_pattern_rules = {r.id: r for r in rules.rank_pattern}
        macros = {"counting": list(numbers.fmt.counting_words), "rank_noun": sorted(self.lex.rank_nouns)}
        # the patterns run only near their own literal words ("thứ", "위", "가장"), as the date patterns do
        literal = {w for rule in rules.rank_pattern for pattern in rule.patterns for token in pattern for w in _literal_words(token)}
        self.rank_anchor_words = numpy.array(sorted(nlp.vocab.strings.add(w) for w in literal), dtype="uint64")
        for rule in rules.rank_pattern:
            try:
                self.rank_patterns.add(rule.id, [expand_macros(p, macros, rule.id) for p in rule.patterns])
            except (ValueError, KeyError) as error:
                raise RulesError(f"rank_pattern {rule.id!r}: not a valid token pattern: {str(error).splitlines()[0]}") from None
        letters = "".join(sorted(w for w in set(numbers.glued) | set(numbers.scales) if len(w) == 1))
        self.glued_word = re.compile(rf"(?<![^\W\d_])[{re.escape(letters)}]{{2,}}(?![^\W\d_])") if numbers.glued else None
        # anchors, read from token arrays: spaCy's LIKE_NUM flag, and the rules' words by their hashes
        self.anchor_words = [
            (kind, numpy.array(sorted(nlp.vocab.strings.add(w) for w in words), dtype="uint64"))
            for kind, words in (
                ("MULTIPLIER", set(numbers.multipliers)),
                ("RANK", self.lex.superlatives),
                ("ORDINAL", set(numbers.ordinals)),
                ("NUMBER", set(numbers.units) | set(numbers.scales) | {w for m in self.lex.magnitudes for w in m.anchors()}),
            )
        ]

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
            token = doc[i]
            if not i:
                continue
            for words, way in self.fraction_joiners:
                j, k = token.i, token.i + len(words)
                if k >= len(doc) or tuple(t.lower_ for t in doc[j:k]) != words:
                    continue
                left, right = self._whole(doc[j - 1]), self._whole(doc[k])
                if left is None or right is None:
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

    def rank_phrases(self, doc: Doc) -> list[tuple[Span, Facts]]:
        """'takes the lead among ...', 'topped the list of ...': ranks said as idioms."""
        found = []
        for key, start, end in self.phrase_ranks(doc):
            rule_id = doc.vocab.strings[key]
            found.append((Span(doc, start, end), Facts(label="ORDINAL", value=self.rank_phrase_values[rule_id], unit="rank", rule=f"rank-phrase:{rule_id}")))
        return found

    def _rank_matches(self, doc: Doc):
        """The rank patterns' matches, run in windows around their literal words."""
        if not self.rank_pattern_rules:
            return
        hits = numpy.flatnonzero(numpy.isin(doc.to_array([LOWER]), self.rank_anchor_words)).tolist()
        windows: list[list[int]] = []
        for i in hits:
            lo, hi = max(0, i - RANK_WINDOW), min(len(doc), i + RANK_WINDOW + 1)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            for key, start, end in self.rank_patterns(doc[lo:hi]):
                yield key, lo + start, lo + end

    def pattern_ranks(self, doc: Doc) -> list[tuple[Span, Facts]]:
        """'lớn thứ ba', '3위', '세 번째': ranks by the rules' token patterns, the value read from the match."""
        found = []
        numbers = self.lex.numbers
        for key, start, end in self._rank_matches(doc):
            rule = self.rank_pattern_rules[doc.vocab.strings[key]]
            value = rule.value
            for token in doc[start:end] if value is None else ():
                number = numbers.digits(token.text)
                if number is None:
                    number = numbers.fmt.counting_words.get(token.lower_) or numbers.ordinals.get(token.lower_)
                if number is not None and float(number).is_integer() and number >= 1:
                    value = int(number)
                    break
            if value is None:
                continue
            first, last = (start + rule.span[0], start + rule.span[1]) if rule.span else (start, end)
            found.append((Span(doc, first, min(last, end)), Facts(label="ORDINAL", value=value, unit="rank", rule=f"rank-pattern:{rule.id}")))
        return found

    def anchors(self, doc: Doc) -> list[tuple[int, str]]:
        """(token index, kind) of every token that may begin a claim, in order."""
        attrs = doc.to_array([LOWER, LIKE_NUM])
        kinds: dict[int, str] = {i: "NUMBER" for i in numpy.flatnonzero(attrs[:, 1]).tolist()}
        if self.glued_word is not None:  # "오백억": numerals in words, found in the text as the tokens carry no flag for them
            for match in self.glued_word.finditer(doc.text):
                span = doc.char_span(match.start(), match.end())
                if span is not None and len(span) == 1:
                    kinds[span.start] = "NUMBER"
        for kind, hashes in self.anchor_words:
            for i in numpy.flatnonzero(member(attrs[:, 0], hashes)).tolist():
                kinds.setdefault(i, kind)
        if self.sign_chars is not None:  # "−2%": a minus sign spaCy's LIKE_NUM does not know
            for found in self.sign_chars.finditer(doc.user_data.get(TEXT) or doc.text):
                span = doc.char_span(found.start(), found.start() + 1, alignment_mode="expand")
                if span is not None and span[0].idx == found.start():
                    kinds.setdefault(span.start, "NUMBER")
        return sorted(kinds.items())

    # --- the number phrase -------------------------------------------------------------
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

    def _opener(self, doc: Doc, start: int) -> int | None:
        """The token before a number, past its currency ('between $5 and $6'), or None."""
        j = start - 1
        if j >= 1 and doc[j].lower_ in self.lex.currency_before:
            j -= 1
        return j if j >= 0 else None

    def _range_end(self, doc: Doc, start: int, end: int, first: float) -> tuple[int, float | None, int, float, bool] | None:
        """For the first number of a range ('$10-12 billion', '10 to 15 percent', 'between 5% and 6%'):
        where the second number ends, the scale it carries, which the first shares, where it
        begins, its value, and whether the first carries its own unit ('5% to 6%')."""
        # the first number's own percent sign or currency word, written again after the second: "5% to 6%"
        tables = (self.lex.percent_after, self.lex.currency_after)
        own = next(((length, table) for table in tables if (length := (_match_words(doc, end, table) or (0,))[0])), None)
        joiner = end + (own[0] if own else 0)
        k = joiner + 1  # where the second number begins, past its currency: "$89 to $93 billion"
        if k + 1 < len(doc) and doc[k].lower_ in self.lex.currency_before:
            k += 1
        if k >= len(doc) or self.lex.numbers.digits(doc[k].text) is None:
            return None
        opener = self._opener(doc, start)
        joiners = self.range_openers.get(doc[opener].lower_, set()) if opener is not None else set()
        if doc[joiner].lower_ not in self.range_words and doc[joiner].lower_ not in joiners:
            return None
        second = self.number_phrase(doc, k)
        if second is None or (own and _match_words(doc, second[1], own[1]) is None):
            return None  # "5% to 6": the second number is something else
        numbers = self.lex.numbers
        scales = [t.lower_ for t in doc[k : second[1]] if t.lower_ in numbers.scales or t.lower_ in numbers.attached_scales]
        scale = words_value(["1"] + scales, numbers) if scales else None
        if scale and first > RANGE_RATIO * second[2] / scale:
            scale = None  # "$370,000 to $5.5 million": the first number is whole, not 370,000 million
        return second[1], scale, k, second[2], own is not None

    def _is_range(self, doc: Doc, start: int, low: float, second_start: int, high: float, whole: bool) -> bool:
        """Whether two numbers joined by a range word are one range: the second above the first, not two
        years ('2020-2025' is a time), not the old and the new level of a change ('rose from $5
        billion to $7 billion')."""
        if not low < high or (_is_year(doc[start]) and _is_year(doc[second_start])):
            return False
        opener = self._opener(doc, start)
        joiner = second_start - 1 - (doc[second_start - 1].lower_ in self.lex.currency_before)
        # "from" leads to the new level; so does "to" after a whole figure ("by $43.6 billion to $419.2
        # billion"), not after a bare number that shares the second's unit ("dropped by 1 to 1.5 degrees")
        leads = (opener is not None and doc[opener].lower_ in self.change_openers) or (doc[joiner].lower_ in self.level_words and whole)
        first = opener if opener is not None else start
        reach = self.lex.numbers.fmt.change_reach
        # a change word shortly before: "rose from X to Y", "increased by X to Y" are a change and a level;
        # not across an opener further back: in "down from the $89 to $93 billion" the range is the old level
        changed = [t.i for t in doc[max(0, first - reach) : first + 1] if t.lower_ in self.change_words]
        if not changed or any(t.lower_ in self.change_openers for t in doc[changed[-1] + 1 : first]):
            return True
        return not leads

    # --- what follows or precedes ------------------------------------------------------
    def _currency_before(self, doc: Doc, start: int) -> tuple[int, str] | None:
        """The currency written before a number: one token ('$', 'HK$'), or two, glued or not ('HK $')."""
        if start == 0:
            return None
        if start >= 2:
            joined = doc[start - 2].lower_ + doc[start - 2].whitespace_ + doc[start - 1].lower_
            if joined in self.lex.currency_before:
                return start - 2, self.lex.currency_before[joined]
        prev = doc[start - 1].lower_
        if prev in self.lex.currency_before:
            return start - 1, self.lex.currency_before[prev]
        return None

    def _plural_noun(self, doc: Doc, j: int, value: float) -> str | None:
        """'61 countries', 'two nuclear reactors', 'more than 400 booths': any plural noun right after a
        figure, past a few modifiers, is what it counts, in the singular; not a word that only ends
        like a plural ('perhaps'), not a duration ('three consecutive years'), and below the rules'
        small_count values not rhetoric ('two foundations')."""
        counting = self.lex.counting
        if value < counting.plural_min_value:
            return None
        sent_end = sentence_of(doc, j).end if j < len(doc) else j
        for token in doc[j : min(sent_end, j + counting.plural_modifiers + 1)]:
            lower = token.lower_
            if not token.is_alpha or lower in self.lex.stop_after or lower in self.lex.not_plurals or lower in self.lex.durations:
                return None
            noun = None
            if token.text.islower() and len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
                noun = singular(lower, counting)
            elif lower in counting.irregular_plurals and token.text.islower():
                noun = counting.irregular_plurals[lower]
            if noun is not None:
                modifiers = {t.lower_ for t in doc[j : token.i]}
                small = (r for r in self.lex.small_counts if value < r.below)
                return None if any(lower in r.not_nouns or modifiers & set(r.not_modifiers) for r in small) else noun
        return None

    def _per_unit(self, doc: Doc, i: int) -> tuple[int, str] | None:
        """'per tonne', 'a barrel', 'per capita' at token i: (tokens taken, the unit's symbol)."""
        if i + 1 >= len(doc) or doc[i].lower_ not in self.lex.per_words:
            return None
        if (measure := _match_words(doc, i + 1, self.lex.measures)) is not None:
            return measure[0] + 1, measure[1]
        noun = doc[i + 1].lower_
        unit = self.lex.per_nouns.get(noun) or (self.lex.count_nouns.get(noun) if doc[i].lower_ == "per" else None)
        return (2, unit) if unit else None

    def _counted_noun(self, doc: Doc, start: int, end: int) -> str | None:
        """The unit of what a count counts: the noun after it past a few modifiers, or just before it."""
        counting = self.lex.counting
        words = 0
        j = end
        sent = sentence_of(doc, start)
        sent_end = sent.end
        weak = None
        while j < sent_end and words < counting.max_modifiers:
            token = doc[j]
            lower = token.lower_
            if lower in self.lex.count_phrases.first and (phrase := _match_words(doc, j, self.lex.count_phrases)):
                return phrase[1]
            if lower in self.lex.count_nouns:
                # the head of a compound is its last noun: "business experts" counts experts
                while j + 1 < sent_end and doc[j + 1].lower_ in self.lex.count_nouns:
                    j += 1
                return self.lex.count_nouns[doc[j].lower_]
            if weak is None and lower in self.lex.weak_count_nouns:
                weak = self.lex.weak_count_nouns[lower]
            if lower in HYPHENS or token.is_space:
                j += 1
                continue
            if weak is not None and lower in {"and", "or"}:
                j += 1  # "30 Vietnamese and Korean companies"
                continue
            if token.is_punct or token.like_num or lower in self.lex.stop_after:
                break
            words += 1
            j += 1
        if weak is not None:
            return weak
        # before it: "mutual visits exceeding 5 million", "diaspora in South Korea (over 350,000)"
        follower = doc[end] if end < sent_end else None
        if follower is not None and not follower.is_punct and follower.lower_ not in self.lex.bare_followers:
            return None
        sent_start = sent.start
        j = start - 1
        seen = 0
        verb = False
        while j >= sent_start and seen < counting.max_before:
            token = doc[j]
            if token.lower_ in self.lex.count_verbs or (verb and token.text == ","):
                verb = True  # "students, numbering 85,957": what is counted stands before the verb
                j -= 1
                continue
            if token.lower_ == "than" and j - 1 >= sent_start and doc[j - 1].lower_ in COMPARATIVES:
                j -= 2  # "numbers more than 270,000": the qualifier is not what stops the search
                continue
            if (token.like_num and not _is_year(token)) or token.lower_ in self.lex.stop_before or (token.is_punct and token.text not in "()"):
                break
            if token.lower_ in self.lex.count_nouns:
                return self.lex.count_nouns[token.lower_]
            if verb and token.lower_ in self.lex.weak_count_nouns:
                return self.lex.weak_count_nouns[token.lower_]  # "Vietnamese in South Korea number over 170,000"
            seen += 1
            j -= 1
        return self._subject_noun(doc, sent.start, start)

    def _subject_noun(self, doc: Doc, sent_start: int, start: int) -> str | None:
        """'The number of Vietnamese students at Korea's universities reached 37,426': the noun after a
        subject phrase shortly before, with no other figure between."""
        lowest = max(sent_start, start - self.lex.counting.max_subject)
        for phrase_start, phrase_end in reversed(doc.user_data.get(SUBJECTS, [])):
            if phrase_start >= start:
                continue
            if phrase_start < lowest or any(t.like_num and not _is_year(t) for t in doc[phrase_end:start]):
                return None
            for token in doc[phrase_end : min(start, phrase_end + 4)]:
                if token.lower_ in self.lex.count_nouns:
                    return self.lex.count_nouns[token.lower_]
            return None
        return None

    def _rank_noun_follows(self, doc: Doc, end: int) -> bool:
        for token in doc[end : min(len(doc), end + self.lex.rank_gap + 1)]:
            if token.lower_ in self.lex.rank_nouns:
                return True
            if token.is_punct and token.text not in HYPHENS:
                return False
        return False

    def _rank_blocked(self, doc: Doc, start: int) -> bool:
        window = tuple(t.lower_ for t in doc[max(0, start - 5) : start])
        for blocker in self.lex.rank_blockers:
            n = len(blocker)
            if any(window[k : k + n] == blocker for k in range(len(window) - n + 1)):
                return True
        return False

    # --- the readers for each anchor kind -----------------------------------------------
    def read_rank(self, doc: Doc, i: int) -> tuple[Span, Facts] | None:
        """'largest investor' → rank 1 when a rankable noun follows and no 'one of' precedes;
        'the top three investors' is a list, not a rank."""
        lower = doc[i].lower_
        if self._rank_blocked(doc, i) or not self._rank_noun_follows(doc, i + 1):
            return None
        if i + 1 < len(doc) and (doc[i + 1].like_num and self.lex.numbers.ordinal_value(doc[i + 1].text) is None):
            return None
        if lower in self.lex.rank_needs_article and (i == 0 or doc[i - 1].lower_ != "the"):
            return None
        return Span(doc, i, i + 1), Facts(label="ORDINAL", value=1, unit="rank", rule="rank-superlative")

    def read_ordinal(self, doc: Doc, i: int) -> tuple[Span, Facts] | None:
        """'third-largest', '2nd biggest', 'ranked third'; a bare 'first' is not a claim."""
        value = self.lex.numbers.ordinal_value(doc[i].text)
        if value is None:
            return None
        j = i + 1
        if j < len(doc) and doc[j].lower_ in HYPHENS:
            j += 1
        if j < len(doc) and doc[j].lower_ in self.lex.superlatives:
            if self._rank_blocked(doc, i) or not self._rank_noun_follows(doc, j + 1):
                return None
            return Span(doc, i, j + 1), Facts(label="ORDINAL", value=value, unit="rank", rule="rank-ordinal")
        if (i and doc[i - 1].lower_ in self.lex.rank_verbs) or (i + 1 < len(doc) and doc[i + 1].lower_ in self.lex.rank_places):
            return Span(doc, i, i + 1), Facts(label="ORDINAL", value=value, unit="rank", rule="rank-ranked")
        return None

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

    def read_number(self, doc: Doc, i: int) -> tuple[Span, Facts] | None:
        """read_figure, and for a language whose ranges are bounds, the end of a range it is."""
        result = self.read_figure(doc, i)
        if result is not None and self.lex.numbers.fmt.range_bounds and result[1].low is None:
            span, facts = result
            numbers, s, e = self.lex.numbers, span.start, span.end
            if e + 1 < len(doc) and doc[e].lower_ in self.range_words and numbers.digits(doc[e + 1].text) is not None:
                facts.qualifier = "at_least"  # "30 đến 50%", "2만~4만": the lower end
            elif s >= 2 and doc[s - 1].lower_ in self.range_words and (numbers.digits(doc[s - 2].text) is not None or doc[s - 2].lower_ in numbers.scales):
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
            phrase = self.number_phrase(doc, i)
            if phrase is None:
                return None
            start, end, value, had_scale = phrase
            context = end  # where the words that say what the number is begin
            if (in_range := self._range_end(doc, start, end, value)) is not None:
                second_end, scale, second_start, second, own_unit = in_range
                whole = own_unit or had_scale or self._currency_before(doc, start) is not None  # the first a figure on its own
                if scale and not had_scale:
                    value, had_scale = value * scale, True
                if self._is_range(doc, start, value, second_start, second, whole):
                    ends, end, context = (value, second), second_end, second_end  # one figure: its span runs to the second's end
                elif not own_unit:
                    context = second_end  # "from 5 to 7 percent": the second's unit serves the first
        result = self._figure(doc, start, end, context, value, had_scale)
        if result is None:
            return None
        span, facts = result
        if ends is not None and facts.label != "ORDINAL":
            facts.value, (facts.low, facts.high) = None, ends
        signed = self._signed(doc, start)
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

    def _signed(self, doc: Doc, start: int) -> tuple[str, int] | None:
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

    def _figure(self, doc: Doc, start: int, end: int, context: int, value: float, had_scale: bool) -> tuple[Span, Facts] | None:
        """What the number phrase doc[start:end] measures, by the words from `context` on."""
        rank = self._rank_by_number(doc, start, end, value)
        if rank is not None:
            return rank or None
        if self._not_a_figure(doc, start, end, context, value):
            return None
        measure = self._measure(doc, start, end, context, value, had_scale)
        if measure is not None:
            return measure or None
        if any(_not_a_claim(rule, doc, start, end, value) for rule in self.lex.not_counts):
            return None
        if doc[start].is_digit and _after_name(doc, start, sentence_of(doc, start).start):
            return None  # "Planet 9 project", "Model 3 sedans": a name, not a count
        unit, rule = self._counted_noun(doc, start, context), "count"
        # "hotline 1900 1234 operates", "the 2019 elections": a year or one of several digit groups counts nothing
        code = len(doc[start:end]) == 1 and doc[start].is_digit and len(doc[start]) > 3 and (_is_year(doc[start]) or _beside_digits(doc, start))
        if unit is None and not code and (unit := self._plural_noun(doc, context, value)) is not None:
            rule = "count-plural"
        # with nothing counted, only a figure written as one is a claim: "350,000", "5 million", not "Decree 1505"
        group = self.lex.numbers.fmt.group
        grouped = any(group in t.text and self.lex.numbers.digits(t.text) is not None for t in doc[start:end])
        grouped = grouped or (end - start > 1 and all(t.is_digit for t in doc[start:end]))  # "143 000"
        if unit is None and not (had_scale or (grouped and value >= self.lex.counting.min_bare_value)):
            return None
        return Span(doc, start, end), Facts(label="CARDINAL", value=value, unit=unit, rule=rule if unit else "number", scaled=had_scale)

    def _rank_by_number(self, doc: Doc, start: int, end: int, value: float) -> tuple[Span, Facts] | bool | None:
        """'No. 1 investor', '10 largest economies': a rank (or False: not a figure); None: no rank."""
        prev = doc[start - 1] if start else None
        nxt = doc[end].lower_ if end < len(doc) else ""
        if prev is not None and (prev.lower_ in self.lex.rank_prefixes or (prev.text == "." and start >= 2 and doc[start - 2].lower_ in self.lex.rank_prefixes)):
            if not self._rank_noun_follows(doc, end):
                return False  # "No. 12 Le Duan street"
            first = start - 1 if prev.text != "." else start - 2
            return Span(doc, first, end), Facts(label="ORDINAL", value=value, unit="rank", rule="rank-number")
        if nxt in self.lex.superlatives:
            if self._rank_blocked(doc, start) or not self._rank_noun_follows(doc, end + 1):
                return False
            return Span(doc, start, end + 1), Facts(label="ORDINAL", value=value, unit="rank", rule="rank-top-n")
        if prev is not None and prev.lower_ in self.lex.superlatives and prev.lower_ not in self.lex.qualifier_words:
            return False  # "the top three investors": the size of a list
        return None

    def _not_a_figure(self, doc: Doc, start: int, end: int, context: int, value: float) -> bool:
        """Codes and phone numbers, list markers, and the rules' not_number cases."""
        prev = doc[start - 1] if start else None
        nxt = doc[context] if context < len(doc) else None
        if (_digit_group(prev) and doc[start].is_digit) or (context == end and _digit_group(nxt)):
            return True  # "+84 24 3822 4422"
        line_start = prev is None or (prev.is_space and ("\n" in prev.text or start == 1))
        if line_start and nxt is not None and nxt.text in {".", ")"}:
            return True  # "1." opening a line
        return any(_not_a_claim(rule, doc, start, end, value) for rule in self.lex.not_numbers)

    def _measure(self, doc: Doc, start: int, end: int, context: int, value: float, had_scale: bool) -> tuple[Span, Facts] | bool | None:
        """Money, a price per unit, a percentage, a measure ('1,200 MW'), an age, a multiplier or a
        duration, by the words around the number (False: not a figure; None: none of these). Words
        after a range's second number serve its first."""
        n = len(doc)
        own = context == end  # the words follow this number itself, not a range's second one
        currency = self._currency_before(doc, start)
        after = _match_words(doc, context, self.lex.currency_after) if context < n else None
        if self._age_before(doc, start) or self._apposed_age(doc, start, end, value) or self._age_after(doc, start, end, value):
            return Span(doc, start, end), Facts(label="QUANTITY", value=value, unit=AGE_UNIT, rule="age")  # "aged 35"
        if currency or after:
            first, code = currency if currency else (start, after[1])
            last = end + (after[0] if after and own else 0)
            if (rate := self._per_unit(doc, last if own else context + (after[0] if after else 0))) is not None:
                length, unit = rate  # "$2,500 per tonne": a price, not an amount of money
                return Span(doc, first, last + (length if own else 0)), Facts(label="QUANTITY", value=value, unit=per(code, unit), rule="measure-per")
            return Span(doc, first, last), Facts(label="MONEY", value=value, unit=code, rule=f"currency-{code.lower()}", scaled=had_scale)
        percent = _match_words(doc, context, self.lex.percent_after) if context < n else None
        if percent:
            return Span(doc, start, end + (percent[0] if own else 0)), Facts(label="PERCENT", value=value, unit="%", rule="percent")
        nxt = doc[context].lower_ if context < n else ""
        j = context + 1 if nxt in HYPHENS else context
        if (measure := _match_words(doc, j, self.lex.measures)) is not None:
            length, unit = measure
            if (rate := self._per_unit(doc, j + length)) is not None:
                unit = per(unit, rate[1])  # "350 km per hour"
                length += rate[0]
            return Span(doc, start, j + length if own else end), Facts(label="QUANTITY", value=value, unit=unit, rule="measure", scaled=had_scale)
        if own and j < n and doc[j].lower_ in self.lex.fold_words:
            return Span(doc, start, j + 1), Facts(label="MULTIPLIER", value=value, unit="x", rule="multiplier-fold")
        if own and nxt in self.lex.times_words:
            before_words, after_words = self.lex.times_words[nxt]
            before = doc[start - 1].lower_ if start else ""
            later = doc[end + 1].lower_ if end + 1 < n else ""
            if before in before_words or later in after_words:
                return Span(doc, start, end + 1), Facts(label="MULTIPLIER", value=value, unit="x", rule="multiplier-times")
        if j < n and doc[j].lower_ in self.lex.durations:
            following = [t.lower_ for t in doc[j + 1 : j + 3]]
            if following[:1] == [AGE] or (following[:1] and following[0] in HYPHENS and following[1:] == [AGE]):
                last = j + (2 if following[0] == AGE else 3)  # "a 30-year-old engineer", "35 years old": an age
                return Span(doc, start, last if own else end), Facts(label="QUANTITY", value=value, unit=AGE_UNIT, rule="age")
            unit, factor = self.lex.durations[doc[j].lower_]
            return Span(doc, start, j + 1 if own else end), Facts(label="DURATION", value=value * factor, unit=unit, rule="duration")
        return None

    def _age_before(self, doc: Doc, start: int) -> bool:
        """'aged 35', 'aged about 73': an age word right before the number or before its qualifier."""
        before = self.lex.age_before
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

    def __call__(self, doc: Doc) -> Doc:
        taken = bytearray(len(doc))
        for span in doc.spans[DATES] if DATES in doc.spans else []:
            taken[span.start : span.end] = b"\x01" * len(span)
        for a, b in meta(doc).skip:
            if (dateline := doc.char_span(a, b, alignment_mode="expand")) is not None:
                taken[dateline.start : dateline.end] = b"\x01" * len(dateline)
        doc.user_data[SUBJECTS] = sorted((s, e) for _, s, e in self.subjects(doc))
        readers = {"NUMBER": self.read_number, "ORDINAL": self.read_ordinal, "MULTIPLIER": self.read_multiplier, "RANK": self.read_rank}
        found: list[Span] = []
        for span, facts in self.pattern_ranks(doc) + self.fractions(doc) + self.ratios(doc):
            if not any(taken[span.start : span.end]):
                taken[span.start : span.end] = b"\x01" * len(span)
                span._.vnkr = facts
                found.append(span)
        for i, kind in self.anchors(doc):
            if taken[i]:
                continue
            if kind == "NUMBER" and self.lex.numbers.ordinal_value(doc[i].text) is not None and doc[i].lower_ not in self.lex.numbers.units:
                kind = "ORDINAL"
            result = readers[kind](doc, i)
            if result is None and kind == "MULTIPLIER" and doc[i].lower_ in self.lex.numbers.units:
                result = self.read_number(doc, i)  # Vietnamese "ba" is a factor after "gấp", else three: "ba triệu"
            if result is None:
                continue
            span, facts = result
            if any(taken[span.start : span.end]):
                continue
            taken[span.start : span.end] = b"\x01" * len(span)
            span._.vnkr = facts
            found.append(span)
        for span, facts in self.rank_phrases(doc):
            if not any(taken[span.start : span.end]):
                taken[span.start : span.end] = b"\x01" * len(span)
                span._.vnkr = facts
                found.append(span)
        self._inherit_currency(found)
        self._inherit_count_unit(found)
        self._count_thousands(found)
        found.sort(key=lambda s: s.start)
        doc.spans[CLAIMS] = found
        return doc

    def _count_thousands(self, found: list[Span]) -> None:
        """'33,000 người', 'hơn 3,500 người': a count of people, visits or firms written with English
        thousands in Vietnamese text is thousands, not a decimal (a count has no thousandths)."""
        for span in found:
            facts = span._.vnkr
            if facts.label == "CARDINAL" and facts.unit and not facts.scaled and facts.value is not None:
                count = foreign_grouped_count(text_of(span), self.lex.numbers.fmt)
                if count is not None and abs(count - facts.value * 1000) < 1e-6 * max(count, 1):
                    facts.value = count

    def _inherit_count_unit(self, found: list[Span]) -> None:
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
            if any(before == phrase or before.endswith(" " + phrase) for phrase in self.lex.ellipsis_after):
                facts.unit, facts.rule = earlier._.vnkr.unit, "count-ellipsis"

    @staticmethod
    def _inherit_currency(found: list[Span]) -> None:
        """A bare scaled amount takes the currency of the money before it in its sentence:
        '100 billion USD of two-way trade and towards the target of 150 billion'."""
        ordered = sorted(found, key=lambda s: s.start)
        for index, span in enumerate(ordered):
            facts = span._.vnkr
            if facts.label != "CARDINAL" or facts.unit is not None:
                continue
            if index and _range_partner(ordered[index - 1], span):
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


@Language.factory("vnkr_quantities", default_config={"rules": None})
def make_quantities(nlp: Language, name: str, *, rules: str | None) -> QuantityRecognizer:
    return named(QuantityRecognizer(nlp, rules_for(rules, nlp.lang)), name)
