"""`vnkr_modality`: a figure is a target when a goal cue governs it ('aim to raise ... to', 'the goal of').

Cues are directional, as in medspaCy's ConText: a "forward" cue reaches every later figure of
its sentence until a terminator ('while', 'up from', 'reached'); a "backward" cue reaches only
the figure just before it ('the US$150 billion target').
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vnkr.components.base import Component, named
from vnkr.components.facts import CLAIMS, meta, rules_for, sentence_of
from vnkr.normalize.intervals import bounds
from vnkr.rules import RuleSet

LIST_MARKS = set(",()[]▲△■□•·ㆍ~∼-–/%'\"‘’“”")  # punctuation inside a clause: a list's, a bracket's, a range's
NO_MODALITY = {"DURATION"}  # how long a visit lasts is never a goal
FILLER_REACH = 2  # filler words skipped between a baseline word and its figure
CONVERSION_GAP = 3  # the bracket and a qualifier or two between a figure and its conversion


class ModalityReader(Component):
    def __init__(self, nlp: Language, rules: RuleSet):
        self.targets = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in rules.target:
            self.targets.add(f"{rule.scope}/{'future' if rule.future_only else ''}/{rule.reach}", [nlp.make_doc(p) for p in rule.phrases])
        self.terminators = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.terminators.add("END", [nlp.make_doc(w) for w in rules.terminators.words])
        self.baseline = {w.lower() for w in rules.periods.baseline}
        self.fillers = {w.lower() for w in rules.modality.baseline_fillers}  # "so *với mức* 6,5 tỷ USD"
        self.date_goals = set(rules.modality.date_goal_metrics)
        self.breaks = {w.lower() for w in rules.cue_after_breaks.words}  # "5,000 people *and* is expected to": another verb's cue
        self.clause_ends = tuple(rules.modality.clause_ends)
        self.origins = set(rules.modality.origins)

    def in_clause(self, doc: Doc, claim, start: int, goals: list[int]) -> bool:
        """Whether a cue at token `start` ends the clause of the figure before it: no word with a clause ending and no
        punctuation but a list's between them ("제조업 11,200명, 건설업 200명 ... 채용될 예정이다"), and the figure
        is not where a change starts ("960만대에서 ... 늘어날 예정"; "870억달러의 교역을 2030년까지 1500억달러로
        늘리는 ... 예정이다": a figure of a time to come, at `goals`, stands between)."""
        if start < claim.end or any(t.lower_ in self.origins for t in doc[claim.end : min(start, claim.end + 2)]):
            return False
        if any(claim.end <= g < start for g in goals):
            return False
        return not any((t.is_punct and t.text not in LIST_MARKS) or (self.clause_ends and t.lower_.endswith(self.clause_ends)) for t in doc[claim.end : start])

    def __call__(self, doc: Doc) -> Doc:
        claims = doc.spans[CLAIMS] if CLAIMS in doc.spans else []
        if not len(claims):
            return doc
        published = meta(doc).published
        cues = [(doc.vocab.strings[k], s, e) for k, s, e in self.targets(doc)]
        ends = [s for _, s, _ in self.terminators(doc)]
        before = None
        goals = [c.start for c in claims if c._.vnkr.period and published and (b := bounds(c._.vnkr.period)) and b[0] > published]
        for claim in claims:
            facts = claim._.vnkr
            if before is not None and _converts(doc, before, claim):
                facts.modality = before._.vnkr.modality  # "6,5 tỷ USD (khoảng 157.860 tỷ đồng)": the same figure
                before = claim
                continue
            before = claim
            if facts.label in NO_MODALITY or self._baseline(doc, claim.start):
                continue  # "from USD 78 billion last year to USD 100 billion": the baseline is what was
            if facts.label == "DATE" and facts.metric not in self.date_goals:
                continue  # the date of a summit agreed on is when it happens, not a goal
            time = bounds(facts.period) if facts.label != "DATE" else None
            if time and published and time[0] > published:
                facts.modality = "target"  # a figure of a time still to come is a goal or a forecast, not a fact
                continue
            past = bool(time and published and time[1] < published)  # 'bringing trade to $80 billion in 2023', told in 2024
            sent = sentence_of(doc, claim.start)
            for cue, start, end in cues:
                scope, future_only, reach = cue.split("/")
                if not sent.start <= start < sent.end or (future_only and past):
                    continue
                forward = scope == "forward" and end <= claim.start and not any(end <= e < claim.start for e in ends)
                backward = scope == "backward" and 0 <= start - claim.end <= int(reach) and not any(t.lower_ in self.breaks or t.is_punct for t in doc[claim.end : start])
                covering = scope == "covering" and start <= claim.start < end
                # ("지난해 300억 달러, 올해 350억 달러로 늘어날 전망"; "200여 명의 경제사절단이 동행할 예정이다": who attends a
                # scheduled event is no goal)
                clause = scope == "clause" and not past and not facts.gathered and self.in_clause(doc, claim, start, goals)
                if forward or backward or covering or clause:
                    facts.modality = "target"
                    if facts.period_from in ("published", "context") and published and facts.period and len(facts.period) == 7 and facts.period <= published.isoformat()[:7]:
                        facts.period, facts.period_from = None, None  # a plan is no news of the day (`news_metrics`)
                    break
        return doc

    def _baseline(self, doc: Doc, start: int) -> bool:
        """Whether the figure at `start` is what a change started from: a baseline word before it, across
        at most two filler words ("từ mức 6,5 tỷ USD hiện tại")."""
        before = start - 1
        while before >= 0 and start - before <= FILLER_REACH and doc[before].lower_ in self.fillers:
            before -= 1
        return before >= 0 and doc[before].lower_ in self.baseline


def _converts(doc: Doc, before: Span, claim: Span) -> bool:
    """Whether `claim` stands in brackets right after `before` ("1,8 tỷ USD (khoảng 43.730 tỷ đồng)",
    "$1 billion (about 154.5 billion yen)"): the same amount in another currency."""
    gap = doc[before.end : claim.start]
    return before._.vnkr.label == claim._.vnkr.label == "MONEY" and 1 <= len(gap) <= CONVERSION_GAP and gap[0].text == "("


@Language.factory("vnkr_modality", default_config={"rules": None})
def make_modality(nlp: Language, name: str, *, rules: str | None) -> ModalityReader:
    return named(ModalityReader(nlp, rules_for(rules, nlp.lang)), name)
