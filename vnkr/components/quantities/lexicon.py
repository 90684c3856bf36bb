"""The quantity rules' vocabulary in the shapes the readers look words up in: currencies, units,
count nouns, ranks, magnitudes ('tens of thousands'), and phrase tables matched on tokens."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from vnkr.normalize.numbers import NumberVocabulary
from vnkr.normalize.units import symbol
from vnkr.rules import Counting, Magnitude, NotNumber, RuleSet, SmallCount

HYPHENS = {"-", "–", "—"}


@dataclass(frozen=True)
class Lexicon:
    """The rules' vocabulary, in the shapes the reader looks words up in."""

    numbers: NumberVocabulary
    currency_before: dict[str, str]
    currency_after: PhraseTable
    currency_measures: dict[tuple[str, ...], tuple[str, frozenset[str]]]  # "pounds" → ("lb", the words that make it a weight)
    percent_after: PhraseTable
    subunits: PhraseTable  # "p" → (the rule: its code, factor and cues)
    count_nouns: dict[str, str]
    count_phrases: PhraseTable  # nouns of several words: "doanh nghiệp"
    weak_count_nouns: dict[str, str]
    durations: dict[str, tuple[str, float]]
    duration_words: dict[str, tuple[str, float]]  # "나흘" → ("day", 4): a duration said in one word
    duration_totals: dict[str, set[str]]  # "박" → {"일"}: "2박3일" is three days
    measures: PhraseTable  # unit words after a number → the unit's symbol: "megawatts" → "MW"
    cased_measures: PhraseTable  # unit words matched as written, before `measures`: "Nm" → "m*N" where "nm" is "nm"
    per_words: set[str]
    per_nouns: dict[str, str]
    not_plurals: set[str]
    age_before: set[str]
    age_joiners: set[str]
    age_apposed_max: int
    age_decades: set[str]
    age_decades_next: set[str]
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
    coordinators: frozenset[str]
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
            currency_measures={split(w): (c.measure, frozenset(c.measure_cues)) for c in rules.currency if c.measure for w in c.after},
            percent_after=PhraseTable((split(w), "%") for p in rules.percent for w in p.after),
            subunits=PhraseTable((split(w), u) for u in rules.currency_subunit for w in u.after),
            count_nouns=count_nouns,
            count_phrases=count_phrases,
            weak_count_nouns=weak_count_nouns,
            durations=durations,
            duration_words={w.lower(): (d.unit, v * d.factor) for d in rules.duration_unit for w, v in d.counted.items()},
            duration_totals={w.lower(): {t.lower() for t in d.total_after} for d in rules.duration_unit if d.total_after for w in d.words},
            # the words as the tokenizer cuts them, and an attached form as the one token its suffix rule cuts: "60km/h"
            measures=PhraseTable(
                [(tokens(w), m.symbol or symbol(m.unit)) for m in rules.measure_unit for w in m.words]
                + [((a.lower(),), m.symbol or symbol(m.unit)) for m in rules.measure_unit for a in m.attached]
            ),
            cased_measures=PhraseTable((tuple(t.text for t in nlp.make_doc(w) if not t.is_space), m.symbol or symbol(m.unit)) for m in rules.measure_unit for w in m.cased),
            per_words={w.lower() for w in rules.measures.per},
            per_nouns={n.lower(): u for n, u in rules.measures.per_nouns.items()},
            not_plurals={w.lower() for w in rules.counting.not_plurals},
            age_before={w.lower() for w in rules.measures.age_before},
            age_joiners={w.lower() for w in rules.measures.age_joiners},
            age_apposed_max=rules.measures.age_apposed_max,
            age_decades={w.lower() for w in rules.measures.age_decades},
            age_decades_next={w.lower() for w in rules.measures.age_decades_next},
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
            coordinators=frozenset(w.lower() for w in rules.counting.coordinators),
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


def match_words(doc: Doc, start: int, table: PhraseTable, cased: bool = False) -> tuple[int, str] | None:
    """The longest phrase of `table` starting at token `start`: (length, value); its words in lower
    case, or, `cased`, as written."""
    word = (lambda t: t.text) if cased else (lambda t: t.lower_)
    if start >= len(doc) or word(doc[start]) not in table.first:
        return None
    reach = min(table.longest, len(doc) - start)
    words = tuple(word(t) for t in doc[start : start + reach])  # read once, not once per length
    for length in range(reach, 0, -1):
        key = words[:length]
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

