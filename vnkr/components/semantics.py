"""`vnkr_semantics`: what each claim is about (topic, metric), when (period), whether it is a goal
(modality), and who is named (entities); and which time expressions are claims of their own.

A time expression that is the period of a numeric claim in its clause is not emitted; one
that dates an event the rules know (a visit, diplomatic ties, a summit) is a DATE claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vnkr.components.facts import CLAIMS, DATES, meta, rules_for, sentence_of
from vnkr.normalize.actors import ActorFinder, Mention
from vnkr.rules import CountMetric, Cue, MetricOverride, RuleSet

AFTER_PENALTY = 2  # a cue after the figure is read as slightly farther than one before it
COUNT_WINDOW = 8  # words either side of a count in which what it counts is described
# labels whose cue must stand close by: (words before, words after); None reads the whole sentence
CUE_WINDOWS = {"ORDINAL": (0, 6), "DURATION": (0, 2)}
NO_PERIOD = {"DATE", "DURATION"}
ARTICLES = {"the", "a", "an"}


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    rule: object


def _word_pattern(phrase: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")


class Semantics:
    def __init__(self, nlp: Language, rules: RuleSet):
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cue_rules: dict[str, Cue | MetricOverride] = {}
        for rule in rules.cue:
            self._add(nlp, f"cue:{rule.id}", rule.phrases, rule)
        for rule in rules.metric_override:
            self._add(nlp, f"override:{rule.id}", rule.phrases, rule)
        self.targets = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in rules.target:
            self.targets.add(rule.scope, [nlp.make_doc(p) for p in rule.phrases])
        self.terminators = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.terminators.add("END", [nlp.make_doc(w) for w in rules.terminators.words])
        self.count_metrics: list[CountMetric] = list(rules.count_metric)
        self.patterns: dict[str, re.Pattern] = {}
        self.actors = ActorFinder(list(rules.actor))
        self.reporting = {w.lower() for w in rules.reporting.words}
        periods = rules.periods
        self.prepositions = {w.lower() for w in periods.prepositions}
        self.baseline = {w.lower() for w in periods.baseline}
        self.clause_breaks = {w.lower() for w in periods.clause_breaks}
        self.opening = {w.lower() for w in periods.opening}
        self.max_gap = periods.max_gap
        cal = rules.calendar
        self.relative_words = set(cal.shifts) | set(cal.days) | set(cal.weekdays)

    def _add(self, nlp: Language, key: str, phrases: list[str], rule) -> None:
        self.cue_rules[key] = rule
        self.cues.add(key, [nlp.make_doc(p) for p in phrases])

    def _pattern(self, phrase: str) -> re.Pattern:
        pattern = self.patterns.get(phrase)
        if pattern is None:
            pattern = self.patterns[phrase] = _word_pattern(phrase)
        return pattern

    # --- period -------------------------------------------------------------------------
    def _opening_date(self, doc: Doc, sent: Span, dates: list[Span]) -> Span | None:
        """A date that opens its sentence and is set off by a comma: 'Last year, ...', 'As of the end of April, ...'."""
        for date in dates:
            before = [t for t in doc[sent.start : date.start] if not t.is_space]
            after = doc[date.end] if date.end < sent.end else None
            if len(before) <= 3 and all(t.lower_ in self.opening for t in before) and after is not None and after.text == ",":
                return date
        return None

    def _following_date(self, doc: Doc, claim: Span, dates: list[Span], starts: list[int]) -> tuple[Span, str] | None:
        """The date after a figure in its clause, with how it is introduced: 'US$500 million in 1992' → 'in',
        'visited Vietnam last year' → '' (a relative date needs no preposition), 'up 20% from 2023' → 'from'."""
        for date in dates:
            if date.start < claim.end:
                continue
            gap = [t for t in doc[claim.end : date.start] if not t.is_space]
            while gap and gap[-1].lower_ in ARTICLES:
                gap.pop()  # "in the first half of 2024"
            if len(gap) > self.max_gap or any(claim.end <= s < date.start for s in starts) or any(t.is_punct and t.text not in "-–" for t in gap):
                return None
            words = {t.lower_ for t in gap}
            if words & self.baseline:
                return date, "baseline"
            if gap and gap[-1].lower_ in self.prepositions:
                return date, gap[-1].lower_
            if doc[date.start].lower_ in self.relative_words:
                return date, ""
            return None
        return None

    def _preceding_date(self, doc: Doc, claim: Span, dates: list[Span], starts: list[int]) -> Span | None:
        """'in Q3 2023 it was 800 million dollars': the nearest date before, in the same clause."""
        for date in reversed(dates):
            if date.end > claim.start:
                continue
            between = doc[date.end : claim.start]
            if any(date.end <= s < claim.start for s in starts) or any(t.lower_ in self.clause_breaks for t in between):
                return None
            return date if len(between) <= self.max_gap + 2 else None
        return None

    def _assign_periods(self, doc: Doc, sent: Span, claims: list[Span], dates: list[Span], published_year: int | None) -> set[int]:
        """Give each figure the date of its clause; returns the starts of the dates used so (periods and baselines)."""
        used: set[int] = set()
        opening = self._opening_date(doc, sent, dates)
        starts = sorted(c.start for c in claims)
        for claim in claims:
            facts = claim._.vnkr
            if facts.label in NO_PERIOD:
                continue
            chosen, introduced = None, ""
            following = self._following_date(doc, claim, dates, starts)
            if following is not None:
                date, introduced = following
                used.add(date.start)
                chosen = None if introduced == "baseline" else date
            if chosen is None and introduced != "baseline":
                chosen = self._preceding_date(doc, claim, dates, starts)
            if chosen is None and opening is not None and opening.end <= claim.start:
                chosen = opening
            if chosen is not None:
                facts.period = chosen._.vnkr.date
                used.add(chosen.start)
                if introduced == "by" and published_year and facts.period and int(facts.period[:4]) > published_year:
                    facts.modality = "target"  # "by 2030" in a 2025 article: a goal, not a figure
        return used

    def _reported_on(self, doc: Doc, date: Span) -> bool:
        """'his office said on Wednesday': the date of a statement, not of an event."""
        words = [t.lower_ for t in doc[max(0, date.start - 2) : date.start]]
        return any(w in self.reporting for w in words)

    # --- topic and metric ---------------------------------------------------------------
    def _nearest_cue(self, claim: Span, hits: list[CueHit], label: str) -> Cue | None:
        window = CUE_WINDOWS.get(label)
        best, best_score, fallback, fallback_score = None, None, None, None
        for hit in hits:
            rule = hit.rule
            if not isinstance(rule, Cue):
                continue
            if hit.start >= claim.end:
                distance = hit.start - claim.end + AFTER_PENALTY
                if window is not None and hit.start - claim.end > window[1]:
                    continue
            elif hit.end <= claim.start:
                distance = claim.start - hit.end
                if window is not None and distance > window[0]:
                    continue
            else:
                distance = 0
            if label in rule.metrics:
                if best_score is None or distance < best_score:
                    best, best_score = rule, distance
            elif fallback_score is None or distance < fallback_score:
                fallback, fallback_score = rule, distance
        if best is not None:
            return best
        return fallback if label not in {"DATE", "DURATION"} else None

    def _count_metric(self, text: str, claim_at: tuple[int, int], unit: str, value: float) -> CountMetric | None:
        """The count rule for `unit` whose required phrase stands closest to the claim in `text`."""
        best, best_distance = None, None
        for rule in self.count_metrics:
            if rule.unit != unit or any(self._pattern(p).search(text) for p in rule.excludes):
                continue
            if (rule.min_value is not None and value < rule.min_value) or (rule.max_value is not None and value > rule.max_value):
                continue
            if not rule.requires:
                distance = len(text)  # a rule with no cue is the fallback
            else:
                distances = [
                    max(0, claim_at[0] - m.end(), m.start() - claim_at[1]) for p in rule.requires for m in self._pattern(p).finditer(text)
                ]
                if not distances:
                    continue
                distance = min(distances)
            if best_distance is None or distance < best_distance:
                best, best_distance = rule, distance
        return best

    def _classify(self, claim: Span, hits: list[CueHit], sent: Span) -> bool:
        """Set topic and metric; False when a DATE names no event the rules know."""
        facts = claim._.vnkr
        label = facts.label
        if label == "CARDINAL" and facts.unit:
            doc = claim.doc
            near = doc[max(sent.start, claim.start - COUNT_WINDOW) : min(sent.end, claim.end + COUNT_WINDOW)]
            at = (claim.start_char - near.start_char, claim.end_char - near.start_char)
            rule = self._count_metric(near.text.lower(), at, facts.unit, facts.value)
            if rule is not None:
                facts.topic, facts.metric = rule.topic.value, rule.metric
                return True
        cue = self._nearest_cue(claim, hits, label)
        if cue is None:
            return label != "DATE"
        facts.topic = cue.topic.value
        facts.metric = cue.metrics.get(label)
        for hit in hits:
            rule = hit.rule
            if isinstance(rule, MetricOverride) and rule.topic == cue.topic and label in rule.labels and hit.start < claim.start:
                facts.metric = rule.metric
        return True

    # --- modality -----------------------------------------------------------------------
    def _is_target(self, doc: Doc, claim: Span, targets: list[tuple[str, int, int]], ends: list[int]) -> bool:
        for scope, start, end in targets:
            if scope == "forward" and end <= claim.start:
                if not any(end <= e < claim.start for e in ends):
                    return True
            elif scope == "backward" and start >= claim.end and start - claim.end <= 2:
                return True
        return False

    # --- entities -----------------------------------------------------------------------
    @staticmethod
    def _rank_direction(sent: Span, claim: Span, mentions: list[Mention]) -> tuple[str | None, str | None]:
        """(subject, holder) of a rank: 'Vietnam is South Korea's third-largest trading partner'."""
        offset = sent.start_char
        rank_start, rank_end = claim.start_char - offset, claim.end_char - offset
        text = sent.text
        before = [m for m in mentions if m.end <= rank_start]
        holder = None
        if before and re.match(r"^\s*['’]s\s+(?:\w+\s+){0,2}$", text[before[-1].end : rank_start]):
            holder = before[-1].id
            before = before[:-1]
        else:
            for mention in mentions:
                if mention.start >= rank_end and re.search(r"\b(in|of|for|to)\s+(the\s+)?$", text[rank_end : mention.start]) and mention.start - rank_end < 60:
                    holder = mention.id
                    break
        subject = next((m.id for m in reversed(before) if m.id != holder), None)
        return subject, holder

    def __call__(self, doc: Doc) -> Doc:
        claims = list(doc.spans[CLAIMS]) if CLAIMS in doc.spans else []
        dates = list(doc.spans[DATES]) if DATES in doc.spans else []
        if not claims and not dates:
            return doc
        hits = [CueHit(s, e, self.cue_rules[doc.vocab.strings[k]]) for k, s, e in self.cues(doc)]
        targets = [(doc.vocab.strings[k], s, e) for k, s, e in self.targets(doc)]
        ends = [s for _, s, _ in self.terminators(doc)]
        by_sentence: dict[int, tuple[Span, list[Span], list[Span]]] = {}
        for span in claims:
            sent = sentence_of(doc, span.start)
            by_sentence.setdefault(sent.start, (sent, [], []))[1].append(span)
        for span in dates:
            sent = sentence_of(doc, span.start)
            by_sentence.setdefault(sent.start, (sent, [], []))[2].append(span)

        published = meta(doc).published
        out: list[Span] = []
        for sent, numeric, times in by_sentence.values():
            used = self._assign_periods(doc, sent, numeric, times, published.year if published else None)
            candidates = numeric + [d for d in times if d.start not in used and not self._reported_on(doc, d)]
            sent_hits = [h for h in hits if sent.start <= h.start < sent.end]
            sent_targets = [t for t in targets if sent.start <= t[1] < sent.end]
            sent_ends = [e for e in ends if sent.start <= e < sent.end]
            mentions = None
            last_rank: tuple[str | None, str | None] = (None, None)
            for claim in sorted(candidates, key=lambda s: s.start):
                facts = claim._.vnkr
                if not self._classify(claim, sent_hits, sent):
                    continue
                if self._is_target(doc, claim, sent_targets, sent_ends):
                    facts.modality = "target"
                if mentions is None:
                    mentions = self.actors.find(sent.text)
                seen = set()
                facts.entities = []
                for mention in mentions:
                    if mention.id not in seen:
                        seen.add(mention.id)
                        facts.entities.append({"text": mention.text, "label": mention.label, "id": mention.id})
                if facts.label == "ORDINAL":
                    subject, holder = self._rank_direction(sent, claim, mentions)
                    if holder is None and last_rank[1] is not None:
                        # "X is Y's third-largest trading partner and its largest ... partner"
                        subject, holder = last_rank
                    facts.subject, facts.holder = last_rank = subject, holder
                out.append(claim)
        out.sort(key=lambda s: s.start)
        doc.spans[CLAIMS] = out
        return doc


@Language.factory("vnkr_semantics", default_config={"rules": None})
def make_semantics(nlp: Language, name: str, *, rules: str | None) -> Semantics:
    return Semantics(nlp, rules_for(rules))
