"""`vnkr_topics`: what each claim is about, as a topic and a metric, from the rules' cues.

A count takes its metric from what it counts and the words near it (count_metric rules); any
other claim from the nearest cue phrase in its sentence that gives a metric for its label
(for a rank only the words after it: 'largest *investor*'). A DATE that dates no event the
rules know is dropped here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_PUNCT, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vnkr.components.base import Component, named
from vnkr.components.direction import DirectionReader
from vnkr.components.facts import (
    CLAIMS,
    DATES,
    SENT_STARTS,
    Marks,
    doc_text,
    line_break_between,
    member,
    rules_for,
    sentence_of,
    text_of,
)
from vnkr.components.modality import LIST_MARKS
from vnkr.rules import CountMetric, Cue, MetricOverride, RuleSet, ShareCue

AFTER_PENALTY = 3  # a cue after the figure is read as farther than one before it: subjects come first
COUNT_WINDOW = 16  # words either side of a count in which what it counts is described
# how far a cue may stand from a claim: (words before, words after); a DATE reads its whole sentence,
# since a list of visits may name its months far from the word "visits"
CUE_WINDOWS = {"ORDINAL": (0, 8), "DURATION": (0, 2), "DATE": None}
DEFAULT_WINDOW = (20, 8)
# a rank said with a verb or an idiom names what it ranks around it, not after it:
# "ranked second among 97 countries and territories investing in Vietnam"
RULE_WINDOWS = {"rank-ranked": (12, 10), "rank-phrase": (12, 10)}
INHERITS = {"MONEY", "PERCENT", "ORDINAL", "MULTIPLIER"}  # figures that take their paragraph's topic when they name none
INHERITING_RULES = {"count-plural"}  # ... and counts of nouns no rule knows: "among 17 sending countries" after a sentence on workers
# ranks that name nothing they rank ("to fourth place", "ranks first", "the No. 3 spot")
BARE_RANKS = {"rank-ranked", "rank-number", "rank-phrase"}
NEEDS_METRIC = {"DATE", "DURATION"}  # without a cue that gives their metric they take no topic
# a rank takes the nearest cue that names what it ranks; an amount the nearest that measures amounts
# ("the largest investor in Vietnam with 86 billion USD in investment": investment, not investor)
PREFERS_METRIC = NEEDS_METRIC | {"ORDINAL", "MONEY", "MULTIPLIER"}
MAX_WORDS_JUDGED = 200_000  # words whose glued change stem is remembered; past it the memo starts again


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    rule: Cue | MetricOverride


def _word_end(phrase: str) -> str:
    # a Korean word may have a particle glued after it: "교민은", "관광객이"
    return "" if "\uac00" <= phrase[-1:] <= "\ud7a3" else r"(?!\w)"


def word_pattern(phrase: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + _word_end(phrase))


def words_pattern(phrases: list[str], flags: int = 0) -> re.Pattern:
    """The word patterns of several phrases as one, the longest phrase first; the word start is tested once
    for all of them (a lookbehind in front of every alternative made the regex engine try each at every
    character: five times slower on news text)."""
    ordered = sorted(phrases, key=len, reverse=True)
    # the phrases' first characters, looked ahead for first (under the same flags, so in any case that matches
    # them): the engine passes every other character at once instead of testing the word start and each phrase
    first = "(?=[" + "".join(sorted({re.escape(p[0]) for p in ordered})) + "])" if ordered and all(ordered) else ""
    return re.compile(first + r"(?<!\w)(?:" + "|".join(re.escape(p) + _word_end(p) for p in ordered) + ")", flags)


def inherit_from_paragraph(doc: Doc, claims: list[Span], barriers: Marks | None = None, bare_ranks: set[str] = frozenset()) -> None:
    """A figure whose own words name no topic is about what its paragraph (or the sentence before) is about: 'Vietnam retained
    the third position, following China with $267.66 billion' after a sentence on trade partners.
    A rank that names nothing it ranks ('third position', 'fourth place') ranks what the rank before it
    in the paragraph ranked; a count whose words name nothing it counts ('China came first with 5.8 million
    people') counts what the count of the same unit before it counted, unless a clause of contrast
    stands between ('..., while Samsung employs 90,000 workers')."""
    last: dict[str, Span] = {}
    starts = doc.user_data.get(SENT_STARTS) or [0]
    for claim in claims:
        facts = claim._.vnkr
        here = bisect_right(starts, claim.start)
        for kind, previous in list(last.items()):
            if line_break_between(doc, previous.end, claim.start) and bisect_right(starts, previous.start) < here - 1:
                del last[kind]  # neither this paragraph nor the sentence just before (wire copy puts each sentence on its own line)
        if (facts.label in INHERITS or facts.rule in INHERITING_RULES) and facts.topic == "other" and "any" in last:
            facts.topic = last["any"]._.vnkr.topic
            amount = last.get(f"amount:{facts.unit}")
            if facts.label == "MONEY" and amount is not None and facts.metric is None and amount._.vnkr.topic == facts.topic:
                facts.metric = amount._.vnkr.metric  # "... 667억 달러로 최대 투자자가 됐다. 일본은 595억 달러, 싱가포르는 498억 달러": the same measure, of others
        count = f"count:{facts.unit}"
        if facts.label == "CARDINAL" and facts.guessed and count in last and not (barriers and barriers.within(last[count].end, claim.start)):
            facts.topic, facts.metric = last[count]._.vnkr.topic, last[count]._.vnkr.metric
        if facts.label == "ORDINAL" and facts.metric is None and "rank" in last and ((facts.rule or "").split(":")[0] in BARE_RANKS or facts.rule in bare_ranks):
            facts.topic, facts.metric = last["rank"]._.vnkr.topic, last["rank"]._.vnkr.metric
        if facts.topic != "other" and facts.label != "DATE":
            last["any"] = claim
        if facts.label == "ORDINAL" and facts.metric:
            last["rank"] = claim
        if facts.label == "MONEY" and _level(claim):
            last[f"amount:{facts.unit}"] = claim  # (of its currency: "667억 달러(81조 원)" is followed by dollars)
        if facts.label == "CARDINAL" and facts.unit and not facts.guessed:
            last[count] = claim


CONVERSION_REACH = 12  # words in the brackets of a figure's conversion: "7억5천만 달러(8388억 원가량)"


def past_brackets(claim: Span) -> int:
    """Where a figure's phrase goes on after the brackets of its conversion: "7억5천만 달러(8388억 원가량) 규모의
    추가 투자", "$750 million (KRW 838.8 billion) of new investment"; for the figure in the brackets, after its
    closing bracket. Else the figure's end."""
    doc = claim.doc
    if claim.start and doc[claim.start - 1].text == "(":
        close = next((i for i in range(claim.end, min(len(doc), claim.end + 3)) if doc[i].is_punct), None)
        if close is not None and doc[close].text == ")":
            return close + 1  # ("8388억 원가량)": a qualifier may stand before the bracket closes)
    if claim.end < len(doc) and doc[claim.end].text == "(":
        for i in range(claim.end + 1, min(len(doc), claim.end + CONVERSION_REACH)):
            if doc[i].text == ")":
                return i + 1
            if doc[i].is_punct and doc[i].text not in ".,":
                break
    return claim.end


LEVELS = ("MONEY", "CARDINAL", "QUANTITY")  # the labels of a metric's level, whose change a percentage may be


def level_metric(cue: Cue) -> str:
    """What a change told as a percentage changes: the metric the cue gives an amount or a count
    ('exports rose 9%' changes export_value, 'arrivals grew 12%' visitors), else the cue's topic."""
    return next((cue.metrics[label] for label in LEVELS if label in cue.metrics), cue.topic.value)


def override_metric(rule: MetricOverride, cue: Cue) -> str:
    """The metric an override gives a claim whose cue is `cue`: its "{topic}" and "{metric}" filled."""
    return rule.metric.replace("{topic}", cue.topic.value).replace("{metric}", level_metric(cue))


def count_changed(changes: DirectionReader, claim: Span) -> bool:
    """Whether a count is a change of what it counts: a change word right after it ('1만6천명이 증가했다', 'a
    5,000 increase'); not a level in brackets after the change it results from ('2400배(480만명) 증가'), nor
    one a change word before leads to ('30% 늘어 15만명이 됐다', 'rose to 5,000')."""
    return bool(changes.after(claim.doc, claim)) and not (claim.start and claim.doc[claim.start - 1].text == "(")


FLOW_INTO = {"investment_stock": "investment_flow", "investment_flow": "investment_flow"}  # what an amount a stock grew by is
NEXT_FIGURE_REACH = 8  # words between an "and" and the figure whose phrase it opens


def next_figure_openers(claims: list[Span], joins: numpy.ndarray, punct: numpy.ndarray) -> numpy.ndarray:
    """The joining words ('and', 'và') that open the phrase of the next figure, not punctuated from it: a cue
    after one of them is that figure's ('exports totaling $61 billion *and* imports amounting to $27
    billion'), while 'in terms of labour and trade' or 'countries and territories' join words of one phrase."""
    opens = numpy.zeros(len(joins), dtype=bool)
    for claim in claims:
        for i in range(claim.start - 1, max(-1, claim.start - 1 - NEXT_FIGURE_REACH), -1):
            if punct[i]:
                break
            if joins[i]:
                opens[i] = True
                break
    return opens


def within_a_year(period: str | None) -> bool:
    """Whether a period is one whole year or a span inside one ('2015-01/2015-02', the first two months):
    the time of a flow, so a 'total' over it is no stock."""
    if not period:
        return False
    start, _, end = period.partition("/")
    return len(period) == 4 or (bool(end) and start[:4] == end[:4])


def known_metrics(rules: RuleSet) -> set[str]:
    """Every metric these rules can give a claim: of a cue, a count rule, a frame rule, a date
    goal, and of each override with each cue it may follow (what `--metric` may name)."""
    found = {m for cue in rules.cue for m in cue.metrics.values()}
    found |= {m.metric for m in rules.count_metric if m.metric}
    found |= {m for rule in rules.frame_rule for m in rule.metrics} | set(rules.modality.date_goal_metrics)
    found |= {override_metric(rule, cue) for rule in rules.metric_override for cue in rules.cue if rule.topic in (None, cue.topic)}
    return found


def unit_of_bare_counts(doc: Doc, claims: list[Span], barriers: Marks, count_nouns: dict[str, str]) -> None:
    """A count whose own words name nothing it counts counts what its context counts, nearest first:
    a count of its sentence ('nearly 3.5 million Korean visitors, up from 2.5 million in 2017';
    'accounting for 134,655 out of more than 1 million foreign workers'), a counted noun earlier in
    its clause ('the number of Korean visitors totaled 2.05 million'), or the last count of the
    sentence just before it ('... 200,000 international students. They included 70,212 from Vietnam'). No clause of contrast ('while', 'but') may stand between."""
    ordered = sorted(claims, key=lambda s: s.start)
    counts = [c for c in ordered if c._.vnkr.label == "CARDINAL" and c._.vnkr.unit]
    starts = [c.start for c in counts]

    def counts_in(span: Span) -> list[Span]:  # by bisection: a table of 5,000 counts is no 5,000² scan
        return counts[bisect_left(starts, span.start) : bisect_left(starts, span.end)]

    for claim in ordered:
        facts = claim._.vnkr
        if facts.label != "CARDINAL" or facts.unit is not None or facts.value is None:
            continue
        sent = sentence_of(doc, claim.start)
        near = [c for c in counts_in(sent) if not barriers.within(min(c.end, claim.end), max(c.start, claim.start))]
        unit = None
        if near:
            unit = min(near, key=lambda c: abs(c.start - claim.start))._.vnkr.unit
        else:
            barrier = barriers.last(sent.start, claim.start)
            clause_start = sent.start if barrier is None else barrier + 1
            nouns = [count_nouns[t.lower_] for t in doc[clause_start : claim.start] if t.lower_ in count_nouns]
            if nouns:
                unit = nouns[-1]
            elif sent.start > 0:  # the sentence just before, in its paragraph or as wire copy's line of its own
                before = sentence_of(doc, sent.start - 1)
                earlier = counts_in(before)
                unit = earlier[-1]._.vnkr.unit if earlier else None
        if unit is not None:
            facts.unit, facts.rule = unit, "count-context"


def converted_alike(doc: Doc, claims: list[Span]) -> None:
    """An amount in brackets right after another of its topic is the same amount converted ('110억 달러(약 15조3000억원)',
    'KRW 180.4 billion (USD 151 million)'): it measures what the first measures."""
    ordered = sorted(claims, key=lambda c: c.start)
    for first, second in zip(ordered, ordered[1:]):
        a, b = first._.vnkr, second._.vnkr
        if a.label == b.label == "MONEY" and a.topic == b.topic and a.metric and [t.text for t in doc[first.end : second.start]] == ["("]:
            b.metric = a.metric


def read_shares(doc: Doc, claims: list[Span], cues: list[ShareCue], barriers: Marks) -> None:
    """A percentage that names a total near it is a `share`, whatever its topic ('over 90 percent of total
    registered capital'); one that follows a share in a list of its sentence is a share too ('51 percent,
    followed by construction (24 percent) and real estate (10 percent)')."""
    ordered = sorted(claims, key=lambda c: c.start)
    for claim in ordered:
        if claim._.vnkr.label == "PERCENT" and claim._.vnkr.metric is None and any(_names_total(doc, claim, cue) for cue in cues):
            claim._.vnkr.metric = "share"
    for before, claim in zip(ordered, ordered[1:]):  # next to each other: no other figure between
        if claim._.vnkr.label != "PERCENT" or before._.vnkr.label != "PERCENT" or claim._.vnkr.metric is not None or before._.vnkr.metric != "share":
            continue
        if not barriers.within(before.end, claim.start) and sentence_of(doc, before.start).start == sentence_of(doc, claim.start).start:
            claim._.vnkr.metric = "share"


def changes_told_after(doc: Doc, claims: list[Span]) -> None:
    """A percentage change whose sentence names no measure (no cue) is the change of the level before it: of its
    own sentence ('베트남인은 28만명으로 지난해보다 38%나 늘어났다', the count's metric read from what it counts), else
    of the sentence just before ('지난해 수출은 278억달러였다. 전년 대비 24.2% 증가했다.'; '... 945억달러로 집계됐다.
    이는 1년 전보다 9.0% 증가한 수치다.'): its last level with a metric, nothing further back."""
    starts = doc.user_data.get(SENT_STARTS) or [0]
    by_sentence: dict[int, list[Span]] = {}
    for claim in claims:
        by_sentence.setdefault(bisect_right(starts, claim.start), []).append(claim)
    for here, group in by_sentence.items():
        bare = [c for c in group if c._.vnkr.label == "PERCENT" and c._.vnkr.direction and c._.vnkr.metric is None and c._.vnkr.cue is None]
        if not bare or any(c._.vnkr.cue is not None for c in group):
            continue  # a sentence that names a measure of its own is read by its cues
        for claim in bare:
            # a level of its own sentence before it ('28만명으로 ... 38%나 늘어났다'), else the last of the sentence before
            own = [c for c in group if c.end <= claim.start and c._.vnkr.label in LEVELS]
            # an amount of its own sentence that names no measure is what it changes ('registered $1.3 billion in new
            # projects, an increase of 12%'): no metric, rather than the one of a sentence before
            levels = [c for c in own if _level(c)] if own else [c for c in by_sentence.get(here - 1, []) if _level(c)]
            if not levels or line_break_between(doc, levels[-1].end, claim.start) and not _same_line_block(doc, levels[-1], claim):
                continue
            claim._.vnkr.topic, claim._.vnkr.metric = levels[-1]._.vnkr.topic, f"{levels[-1]._.vnkr.metric}_change"


def _level(claim: Span) -> bool:
    """Whether a figure is a level of a metric (an amount or a count), whose change a percentage may be."""
    metric = claim._.vnkr.metric
    return claim._.vnkr.label in LEVELS and bool(metric) and not metric.endswith("_change") and metric != "share"


def _same_line_block(doc: Doc, first: Span, second: Span) -> bool:
    """Whether only one line break stands between two figures (wire copy puts each sentence on its own line), not a blank line."""
    return "\n\n" not in doc_text(doc)[first.end_char : second.start_char].replace("\r", "")


CHANGE_GAP = 3  # words between a change and the count it changed: "24% 증가한 1만5천명"


def changes_of_counts(doc: Doc, claims: list[Span]) -> None:
    """A percentage change that names nothing it changes, beside a count, is the count's change: in brackets after
    it ('4만1천명(45%↑)') or, as Korean says it, before it with its verb ('24% 증가한 1만5천명')."""
    ordered = sorted(claims, key=lambda c: c.start)
    for first, second in zip(ordered, ordered[1:]):
        a, b = first._.vnkr, second._.vnkr
        if a.label == "CARDINAL" and b.label == "PERCENT":
            count, change, between = a, b, [t.text for t in doc[first.end : second.start] if not t.is_space]
            beside = between in (["("], ["명", "("])
        elif a.label == "PERCENT" and b.label == "CARDINAL":
            count, change, between = b, a, [t for t in doc[first.end : second.start] if not t.is_space]
            beside = 0 < len(between) <= CHANGE_GAP and not any(t.is_punct for t in between)
        else:
            continue
        named = change.metric is not None and change.metric != f"{change.topic}_change"  # not the change of a topic only ("people_change")
        if beside and change.direction and not named and count.metric and not count.metric.endswith("_change"):
            change.metric, change.topic = f"{count.metric}_change", count.topic


def _names_total(doc: Doc, claim: Span, cue: ShareCue) -> bool:
    sent = sentence_of(doc, claim.start)
    if cue.position == "after":
        words = [t.lower_ for t in doc[claim.end : min(sent.end, claim.end + cue.reach + 1)] if not t.is_space]
        first = words[0] if words else None
    else:
        words = [t.lower_ for t in doc[max(sent.start, claim.start - cue.reach) : claim.start] if not t.is_space]
        first = words[-1] if words else None
    if cue.first and first not in cue.first:
        return False
    return any(w in cue.totals for w in words)


class TopicReader(Component):
    def __init__(self, nlp: Language, rules: RuleSet):
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cue_rules: dict[str, Cue | MetricOverride] = {}
        for kind, group in (("cue", rules.cue), ("override", rules.metric_override)):
            for rule in group:
                key = f"{kind}:{rule.id}"
                self.cue_rules[key] = rule
                self.cues.add(key, [nlp.make_doc(p) for p in rule.phrases])
        self.count_metrics: list[CountMetric] = list(rules.count_metric)
        self.gatherings = rules.gatherings.words
        self.count_metrics_of: dict[str, list[CountMetric]] = {}  # by unit, in the rules' order
        for rule in self.count_metrics:
            self.count_metrics_of.setdefault(rule.unit, []).append(rule)
        self.changes = DirectionReader(rules)  # the change words that follow a figure
        self.count_nouns = {n: u.unit for u in rules.count_unit for n in u.nouns if " " not in n}
        self.share_cues = list(rules.share_cue)
        self.clause_ends = tuple(rules.modality.clause_ends)
        # a language whose nouns come before their adjectives reaches back further: "nhà đầu tư nước ngoài lớn nhất"
        self.windows = {**CUE_WINDOWS, **{label: tuple(w) for label, w in rules.cue_windows.items()}}
        self.barrier_keys = numpy.array(sorted({nlp.vocab.strings.add(w.lower()) for w in rules.cue_barriers.words}), dtype="uint64")
        self.after_break_keys = numpy.array(sorted({nlp.vocab.strings.add(w.lower()) for w in rules.cue_after_breaks.words}), dtype="uint64")
        self.dashes = numpy.array(sorted(nlp.vocab.strings.add(d) for d in "-–"), dtype="uint64")  # punctuation that joins a phrase
        self.not_event = {w.lower() for w in rules.not_event.words}
        self.not_event_reach = rules.not_event.reach
        self.occasions = set(rules.not_event.occasions)
        self.patterns: dict[str, re.Pattern] = {}
        self.bare_ranks = {f"rank-pattern:{rule.id}" for rule in rules.rank_pattern if rule.bare}
        self.fields_after = {f"rank-pattern:{rule.id}" for rule in rules.rank_pattern if rule.field_after}
        # a language whose change verbs take endings ("늘었다", "늘어난", "늘어났다") finds them by their stems, as
        # `vnkr_direction` does: the overrides that carry a direction, longest stem first
        self.change_stems = sorted(((p, rule) for rule in rules.metric_override if rule.direction for p in rule.phrases if " " not in p), key=lambda x: -len(x[0])) if rules.direction.stems else []
        self.stem_prefixes = tuple(stem for stem, _ in self.change_stems)  # one C-level test passes most words by
        self.stem_rule_of: dict[int, MetricOverride | None] = {}  # a word's hash → stem_rule(word), judged once per process

    def one_clause(self, words: Span) -> bool:
        """Whether the words between a figure and an override's phrase end no clause: no punctuation but a list's
        or a bracket's, no word with a clause ending ("지출됐으며")."""
        return not any((t.is_punct and t.text not in LIST_MARKS) or (self.clause_ends and t.lower_.endswith(self.clause_ends)) for t in words)

    def stem_hits(self, doc: Doc) -> list[CueHit]:
        """The change words said with an ending glued to their stem ('11.2% 늘어난', '42% 늘었다'), which the
        phrase matcher, matching whole words, misses. Each distinct word is judged once, not each token."""
        if not self.change_stems:
            return []
        lowers = doc.to_array(LOWER)
        rules = {}  # a word's hash → the change rule its ending is glued to
        for key in numpy.unique(lowers).tolist():
            if key not in self.stem_rule_of:
                if len(self.stem_rule_of) > MAX_WORDS_JUDGED:
                    self.stem_rule_of.clear()
                self.stem_rule_of[key] = self.stem_rule(doc.vocab.strings[key])
            if self.stem_rule_of[key] is not None:
                rules[key] = self.stem_rule_of[key]
        if not rules:
            return []
        keys = numpy.array(sorted(rules), dtype="uint64")
        return [CueHit(i, i + 1, rules[int(lowers[i])]) for i in numpy.flatnonzero(member(lowers, keys)).tolist()]

    def stem_rule(self, lower: str) -> MetricOverride | None:
        """The change rule whose stem `lower` is, with an ending glued to it."""
        if not lower.startswith(self.stem_prefixes):
            return None
        rule = next((r for stem, r in self.change_stems if lower.startswith(stem) and lower != stem), None)
        return rule if rule is not None and not any(lower == p for p in rule.phrases) else None

    def pattern(self, phrase: str) -> re.Pattern:
        if phrase not in self.patterns:
            self.patterns[phrase] = word_pattern(phrase)
        return self.patterns[phrase]

    def standing(self, phrases: list[str], text: str) -> list[re.Pattern]:
        """The word patterns of those phrases that stand in `text` at all: a pattern matches only where its
        phrase does, and a substring test costs a fraction of a regex scan (a count rule has dozens of phrases)."""
        return [self.pattern(p) for p in phrases if p in text]

    def nearest_cue(self, claim: Span, hits: list[CueHit], label: str, barriers: Marks, puncts: Marks) -> CueHit | None:
        """The closest cue decides the topic ('mutual visitors have grown by 2,400 times' is tourism,
        though 'trade' stands further back); a DATE or DURATION needs a cue with a metric for it."""
        kind = (claim._.vnkr.rule or "").split(":")[0]
        window = RULE_WINDOWS.get(kind) or self.windows.get(label, DEFAULT_WINDOW)
        best, best_score, fallback, fallback_score = None, None, None, None
        field_after = claim._.vnkr.rule in self.fields_after  # "thứ nhất về đầu tư, thứ hai về ODA": not the field before
        after = past_brackets(claim)
        for hit in hits:
            rule = hit.rule
            if not isinstance(rule, Cue) or (field_after and hit.end <= claim.start):
                continue
            if hit.start >= claim.end:
                if claim.end < hit.start < after:
                    continue  # a word in the brackets of its conversion is not what the figure measures
                distance = hit.start - after + AFTER_PENALTY
                if window is not None and hit.start - after > window[1]:
                    continue
                # a figure's cue after it stands within its phrase ("USD 34 billion trade deficit", not ", and the
                # surplus" nor "$61 billion and imports of ..."); an event's may follow a comma ("on June 24, wrapping
                # up a three-day State visit"); the brackets of its conversion are part of its phrase
                if barriers.within(after, hit.start) or (label != "DATE" and puncts.within(after, hit.start)):
                    continue
            elif hit.end <= claim.start:
                distance = claim.start - hit.end
                if window is not None and distance > window[0]:
                    continue
                if barriers.within(hit.end, claim.start):
                    continue
            else:
                distance = 0
            # nearer first, then one that has a metric for the label, then the longer phrase ("trade deficit" over "trade")
            score = (distance, label not in rule.metrics, hit.start - hit.end)
            if label in rule.metrics and (best_score is None or score < best_score):
                best, best_score = hit, score
            if fallback_score is None or score < fallback_score:
                fallback, fallback_score = hit, score
        if label in PREFERS_METRIC and best is not None:
            return best
        return None if label in NEEDS_METRIC else fallback

    def gathered(self, text: str) -> bool:
        """Whether `text` near a count of people tells of a meeting ('met with 300 people representing the
        Korean community'): those present are no population, no travellers, no workforce."""
        return any(pattern.search(text) for pattern in self.standing(self.gatherings, text))

    def count_metric(self, text: str, claim_at: tuple[int, int], unit: str, value: float, gathered: bool = False) -> CountMetric | None:
        """The count rule for `unit` whose required phrase stands closest to the claim in `text`; of a
        gathering's count, only a rule that gives no metric."""
        best, best_distance = None, None
        for rule in self.count_metrics_of.get(unit, ()):
            if (gathered and rule.metric) or (rule.excludes and any(pattern.search(text) for pattern in self.standing(rule.excludes, text))):
                continue
            if (rule.min_value is not None and value < rule.min_value) or (rule.max_value is not None and value > rule.max_value):
                continue
            if rule.also_requires and not any(pattern.search(text) for pattern in self.standing(rule.also_requires, text)):
                continue
            if not rule.requires:
                distance = len(text)  # a rule with no cue is the fallback
            else:
                distances = [max(0, claim_at[0] - m.end(), m.start() - claim_at[1]) for pattern in self.standing(rule.requires, text) for m in pattern.finditer(text)]
                if not distances:
                    continue
                distance = len(text) if rule.fallback else min(distances)
            if best_distance is None or distance < best_distance:
                best, best_distance = rule, distance
        return best

    def anniversary(self, hit: CueHit, sent: Span, date: Span | None = None) -> bool:
        """Whether the event a date's cue names is only an anniversary's: 'the 30th anniversary of
        diplomatic relations this year' and 'the FTA, marking its 10th anniversary this year' do
        not date the ties or the agreement."""
        before = sent.doc[max(sent.start, hit.start - self.not_event_reach) : hit.start]
        between = sent.doc[hit.end : date.start] if date is not None and hit.end <= date.start <= hit.end + self.not_event_reach else []
        return any(t.lower_ in self.not_event for t in (*before, *between))

    @staticmethod
    def time_of(sent: Span) -> str | None:
        """The one span of time a sentence states, if it states one ('Riêng 2 tháng đầu năm 2015 Hàn Quốc ...'):
        its figures' periods are read later (`vnkr_sentence_periods`), but whether a total is over part of a
        year is known now (a single year may be an event's: 'since ties were set up in 1992')."""
        doc = sent.doc
        times = {d._.vnkr.date for d in doc.spans[DATES] if sent.start <= d.start < sent.end and d._.vnkr is not None and d._.vnkr.date} if DATES in doc.spans else set()
        return times.pop() if len(times) == 1 and "/" in next(iter(times)) else None

    def classify(self, claim: Span, hits: list[CueHit], sent: Span, barriers: Marks, puncts: Marks) -> bool:
        """Set topic and metric; False for a DATE that names no event the rules know."""
        facts = claim._.vnkr
        label = facts.label
        if label == "CARDINAL" and facts.unit:
            first, last = max(sent.start, claim.start - COUNT_WINDOW), min(sent.end, claim.end + COUNT_WINDOW)
            if (barrier := barriers.last(first, claim.start)) is not None:
                first = barrier + 1  # what is counted is described in the figure's own clause
            if (barrier := barriers.first(claim.end, last)) is not None:
                last = barrier
            near = claim.doc[first:last]
            at = (claim.start_char - near.start_char, claim.end_char - near.start_char)
            # a range ("3,000 to 4,500 workers", "tens of thousands") is held to a rule's bounds by its lower end
            text = text_of(near).lower()
            facts.gathered = facts.unit == "person" and self.gathered(text)
            rule = self.count_metric(text, at, facts.unit, facts.value if facts.value is not None else facts.low, facts.gathered)
            if rule is not None:
                facts.topic, facts.metric, facts.guessed = rule.topic.value, rule.metric, not rule.requires
                facts.unit = rule.counts_as or facts.unit
                if rule.metric and count_changed(self.changes, claim):
                    facts.metric = f"{rule.metric}_change"
                return True
        hit = self.nearest_cue(claim, hits, label, barriers, puncts)
        if hit is not None and label == "DATE" and self.anniversary(hit, sent, claim):
            # the date of an anniversary, unless an event held on such occasions is named before it: "upgraded ties
            # to a comprehensive strategic partnership on the 30th anniversary of diplomatic relations (12/2022)"
            before = [h for h in hits if h.end <= hit.start and isinstance(h.rule, Cue) and h.rule.metrics.get("DATE") in self.occasions and not self.anniversary(h, sent)]
            hit = self.nearest_cue(claim, before, label, barriers, puncts)
        if hit is None:
            if label != "DATE":
                self.override(claim, hits, sent, None)  # "전체의 71.6%를 차지했다": a share whatever it is a share of
            return label != "DATE"
        cue = hit.rule
        facts.topic = cue.topic.value
        facts.cue = cue.id
        facts.metric = cue.metrics.get(label)
        self.override(claim, hits, sent, cue)
        if label == "PERCENT" and facts.metric is None and facts.direction and self.changes.after(claim.doc, claim):
            facts.metric = f"{level_metric(cue)}_change"  # "a 29.5 per cent increase": the change noun follows the figure
        if facts.label == "MONEY" and facts.direction and facts.metric and not facts.metric.endswith(("_change", "_growth")):
            # "up $3 billion", "11억 달러 커진": an amount of change; what a stock grew by is the flow into it
            # ("투자는 60억 달러 늘었으며", "tổng vốn ... tăng hơn 200 triệu USD so với đầu năm")
            facts.metric = FLOW_INTO.get(facts.metric, f"{facts.metric}_change")
        return True

    def override(self, claim: Span, hits: list[CueHit], sent: Span, cue: Cue | None) -> None:
        """The metric overrides near a claim, in order: 'cumulative' makes a stock, 'rose 9%' a change of the
        cue's metric. With no cue only an override that names its metric whole applies ('share')."""
        facts = claim._.vnkr
        applied: list[CueHit] = []
        for hit in hits:
            rule = hit.rule
            if not isinstance(rule, MetricOverride) or facts.label not in rule.labels:
                continue
            if any(a.start <= hit.start and hit.end <= a.end for a in applied):
                continue  # the "up" of "making up 18.4 percent" is part of a share's phrase, no change of its own
            if cue is None and (rule.topic is not None or "{" in rule.metric):
                continue
            before = hit.end <= claim.start
            if not before and (rule.position == "before" or hit.start < claim.end):
                continue
            # (a figure's phrase goes on after the brackets of its conversion: "56억달러(약 7조원)로 불어났다")
            distance = claim.start - hit.end if before else hit.start - max(claim.end, min(past_brackets(claim), hit.start))
            if (cue is not None and rule.topic not in (None, cue.topic)) or (rule.max_distance is not None and distance > rule.max_distance):
                continue
            if rule.not_for_a_year and within_a_year(facts.period or self.time_of(sent)):
                continue
            if rule.in_clause and not self.one_clause(claim.doc[hit.end : claim.start] if before else claim.doc[claim.end : hit.start]):
                continue
            if rule.unless and any(self.pattern(p).search(text_of(sent).lower()) for p in rule.unless):
                continue
            facts.metric = override_metric(rule, cue) if cue is not None else rule.metric
            applied.append(hit)

    def __call__(self, doc: Doc) -> Doc:
        claims = list(doc.spans[CLAIMS]) if CLAIMS in doc.spans else []
        if not claims:
            return doc
        hits = sorted([*(CueHit(s, e, self.cue_rules[doc.vocab.strings[k]]) for k, s, e in self.cues(doc)), *self.stem_hits(doc)], key=lambda h: h.start)
        starts = [h.start for h in hits]
        attrs = doc.to_array([LOWER, ORTH, IS_PUNCT])
        barriers = Marks(member(attrs[:, 0], self.barrier_keys))
        punct = attrs[:, 2].astype(bool) & ~member(attrs[:, 1], self.dashes)
        puncts = Marks(punct | next_figure_openers(claims, member(attrs[:, 0], self.after_break_keys), punct))
        unit_of_bare_counts(doc, claims, barriers, self.count_nouns)
        kept = []
        for claim in claims:
            sent = sentence_of(doc, claim.start)  # its cues found by bisection: a block of 5,000 claims is no 5,000² scan
            if self.classify(claim, hits[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)], sent, barriers, puncts):
                kept.append(claim)
        converted_alike(doc, kept)
        read_shares(doc, kept, self.share_cues, barriers)
        inherit_from_paragraph(doc, kept, barriers, self.bare_ranks)
        changes_of_counts(doc, kept)
        changes_told_after(doc, kept)
        doc.spans[CLAIMS] = kept
        return doc


@Language.factory("vnkr_topics", default_config={"rules": None})
def make_topics(nlp: Language, name: str, *, rules: str | None) -> TopicReader:
    return named(TopicReader(nlp, rules_for(rules, nlp.lang)), name)
