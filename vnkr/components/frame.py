"""`vnkr_frame`: whose figure each claim is, of what other side, narrowed to what (the spec's "frame").

Korea's exports to Vietnam, Vietnam's exports to Korea, bilateral turnover and Korea's trade with
China are four facts; so are all Korean investment and Samsung's. The frame tells them apart:
`subject` (the exporter, investor, the nationality counted), `counterpart` (the market, the
host, where the people live) and `scope` (a product, a company, a group of people).

Each actor named near a figure gets a role from the word right before it ("exports *to*
Vietnam", "imports *from* Korea", "investment *in* Vietnam") or after it ("Korea*'s*"); a
nationality ("Korean firms") is an owner. The metric's frame rule says which role is which
side; symmetric figures take the two sides in sorted order. Ranks keep the direction
`vnkr_actors` gave them. Where the text names one side of the relationship the rules read
(`frame.pair`), the other side is the other member of the pair.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vnkr.components.base import Component, named
from vnkr.components.direction import DirectionReader
from vnkr.components.facts import (
    CLAIMS,
    MENTIONS,
    Facts,
    by_sentence,
    line_break_between,
    lower_words,
    member,
    meta,
    result_of,
    rules_for,
    sentence_of,
    text_of,
)
from vnkr.components.periods import _says
from vnkr.components.topics import count_changed, words_pattern
from vnkr.normalize.actors import ActorFinder, Mention
from vnkr.rules import FrameGroup, FrameRule, RuleSet

WORDS = re.compile(r"\w+")
SKIPPED = {"the"}  # "exports to *the* RoK": the marker is the word before the article
THIRD_REACH = 60  # characters: "Korea's trade with China ... reached $267 billion"
BESIDE_WORDS = ["with", "at", "of", ":", "("]  # between a third country and its figure: "China with $272.9 billion"
OWNS_GAP = 4  # characters between an owner and the group it owns: "South Korea's foreign investment"
HOLDER_GAP = 12  # characters between "Vietnam's" and the rank it holds ("Vietnam's *largest* investor")
NAMED_COMPANY_WORDS = 3  # words between a nationality and the company it names: "South Korean *chemical maker* Hyosung"
GROUPED_LABELS = {"CARDINAL", "PERCENT", "MONEY"}  # figures a group of people may be counted or measured by


@dataclass(frozen=True)
class GroupHit:
    rule: FrameGroup
    start: int  # tokens
    end: int


def marker_before(text: str, start: int) -> str:
    """The word right before an actor, lower case: 'to' in 'exports to the RoK'."""
    words = WORDS.findall(text[max(0, start - 40) : start])
    while words and words[-1].lower() in SKIPPED:
        words.pop()
    return words[-1].lower() if words else ""


def chars_in(sent: Span, tokens: list[int]) -> list[int]:
    """Where the tokens (sorted indices) that fall in a sentence start in it, in characters; found by bisection."""
    doc = sent.doc
    return [doc[i].idx - sent.start_char for i in tokens[bisect_left(tokens, sent.start) : bisect_left(tokens, sent.end)]]


@dataclass(frozen=True)
class Role:
    mention: Mention
    country: str  # the actor id, or a company's home country
    company: str | None  # a company's own id, which becomes the scope
    marker: str  # the word right before the actor, lower case ("" when none)
    owner: bool  # "Korea's", "Korean": the figure belongs to it
    holder: bool = False  # "Vietnam's largest investor": whose ranking it is, the other side of the figures near it
    receiver: bool = False  # "Vietnam attracted $36.6 billion": what the figure went to
    opener: bool = False  # marked as its clause's topic: Korean "LG디스플레이*가*", or a headline's "LG디스플레이*,* 베트남에 ..."
    facing: bool = False  # "his Vietnamese counterpart": the other side, named as such


class FrameReader(Component):
    def __init__(self, nlp: Language, rules: RuleSet):
        self.finder = ActorFinder(list(rules.actor), demonyms=True, prefixes=tuple(rules.frame.prefixes), glued=bool(rules.frame.particles))  # a particle glued to a Latin name: "LG의"
        self.countries = {a.id: a.country for a in rules.actor if a.country}
        self.labels = {a.id: a.label for a in rules.actor}
        self.reporters = {a.id for a in rules.actor if not a.frames}
        settings = rules.frame
        self.pair = tuple(settings.pair)
        self.possessive = re.compile(r"\s*\)?(?:" + "|".join(map(re.escape, settings.possessives)) + r")(?!\w)") if settings.possessives else None
        self.respective = [tuple(w.lower().split()) for w in rules.periods.respectively]
        self.receives = re.compile(r"\s+(?:" + "|".join(map(re.escape, settings.receivers)) + r")(?!\w)", re.IGNORECASE) if settings.receivers else None
        self.facing = re.compile(r"\s+(?:" + "|".join(map(re.escape, settings.counterpart_nouns)) + r")(?!\w)", re.IGNORECASE) if settings.counterpart_nouns else None
        owned = "|".join(map(re.escape, sorted(settings.owned_nouns, key=len, reverse=True)))
        self.owned = re.compile(r"\s+(?:" + owned + r")(?:" + "|".join(map(re.escape, settings.possessives)) + r")(?!\w)") if owned and settings.possessives else None
        self.reach = settings.reach
        # "India (seventh, 2.9 percent)": a parenthesis may open with the country's rank before its figure
        self.beside = re.compile(r"\s*(?:" + "|".join(map(re.escape, BESIDE_WORDS + settings.beside)) + r"|\(\s*[\w-]+\s*,)?\s*$")
        self.prepositions = set(settings.prepositions)
        self.openers = set(settings.openers)
        self.owner_before = set(settings.owner_before)
        particles = sorted(settings.particles, key=len, reverse=True)
        self.particle = re.compile("(?:" + "|".join(map(re.escape, particles)) + ")") if particles else None
        # words between a rank and its holder named after it ("lớn nhất *của* Việt Nam"): that actor holds the rank
        self.holder_words = {w for r in rules.rank for w in r.holder_after if " " not in w}
        self.by_metric: dict[str, FrameRule] = {}
        self.by_cue: dict[str, FrameRule] = {}
        self.by_topic: dict[str, FrameRule] = {}
        for rule in rules.frame_rule:
            for metric in rule.metrics:
                self.by_metric.setdefault(metric, rule)
            for cue in rule.cues:
                self.by_cue.setdefault(cue, rule)
            for topic in rule.topics:
                self.by_topic.setdefault(topic.value, rule)
        self.barrier_keys = numpy.array(sorted(nlp.vocab.strings.add(w.lower()) for w in rules.cue_barriers.words), dtype="uint64")
        self.comma_clauses = numpy.array(sorted(nlp.vocab.strings.add(w.lower()) for w in rules.frame.comma_clauses), dtype="uint64")
        self.comma = nlp.vocab.strings.add(",")
        self._barriers: list[int] = []  # where the current sentence's clauses break ("while imports grew"), in characters
        self._openers: list[int] = []  # where a clause opens after a comma (", with"): its actors are not a figure's before it
        self._text = ""  # the current sentence
        # by pattern, not by token: a Korean particle is glued to the group's name ("재외동포가")
        self.groups = [(group, words_pattern(group.phrases, re.IGNORECASE)) for group in rules.frame_group]
        self.changes = DirectionReader(rules)  # whether a count of a group is a change of it, read as the topics read it
        self.scopes = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.places = {rule.scope for rule in rules.scope if rule.place}
        self.company_news = set(rules.periods.company_news_metrics)
        self.bare_target_patterns = {r.id: re.compile(r"\s*(?:" + "|".join(map(re.escape, r.bare_targets)) + ")") for r in rules.frame_rule if r.bare_targets}
        self.scope_rules = {}
        for rule in rules.scope:
            self.scope_rules[rule.id] = rule
            self.scopes.add(rule.id, [nlp.make_doc(p) for p in rule.phrases])

    def rule_for(self, facts: Facts) -> FrameRule | None:
        return self.by_metric.get(facts.metric or "") or self.by_cue.get(facts.cue or "") or self.by_topic.get(facts.topic)

    def marker(self, text: str, mention: Mention) -> str:
        """The word that says an actor's role: the one before it ('exports *to* Vietnam'), or in a language
        of particles the particle after it ('베트남*으로부터*의 수입') or a prefix glued to it ('*對*베트남')."""
        if self.particle is None:
            return marker_before(text, mention.start)
        after = self.particle.match(text, mention.end)
        if after:
            return after.group(0)
        glued = mention.start > 0 and not text[mention.start - 1].isspace()
        return marker_before(text, mention.start) if glued else ""

    def roles(self, sent: Span, ranks: list[tuple[int, int]]) -> list[Role]:
        text = self._text = text_of(sent)
        self._lower = text.lower()  # for bare_targets, once per sentence, not once per figure
        out = []
        found = sent.doc.user_data.get(MENTIONS, {}).get(sent.start)
        for mention in self.finder.find(text) if found is None else found:
            if self.labels.get(mention.id) == "PERSON" or mention.id in self.reporters:
                continue  # a leader speaks for a country but owns no figure; a news agency reports it
            company = mention.id if mention.id in self.countries else None
            country = self.countries.get(mention.id, mention.id)
            marker = self.marker(text, mention)
            possessive = bool(self.possessive and self.possessive.match(text, mention.end)) or bool(self.owned and self.owned.match(text, mention.end))
            holder = (possessive and any(0 <= start - mention.end <= HOLDER_GAP for start, _ in ranks)) or (
                marker in self.holder_words and any(0 <= mention.start - end <= HOLDER_GAP for _, end in ranks)
            )
            owner = mention.demonym or possessive or marker in self.owner_before
            receiver = bool(self.receives and self.receives.match(text, mention.end))
            # a headline opens with its topic and a comma: "LG디스플레이, 베트남 공장에 8300억 더 투자"
            opener = marker in self.openers or bool(self.openers and not text[: mention.start].strip() and text[mention.end : mention.end + 1] == ",")
            facing = bool(self.facing and self.facing.match(text, mention.end))
            out.append(Role(mention, country, company, marker, owner and not holder and not receiver and not facing, holder, receiver, opener, facing))
        return self.companies_owning(text, out)

    def companies_owning(self, text: str, roles: list[Role]) -> list[Role]:
        """A country that owns the company named right after it hands the ownership on, so that the company scopes
        the figure: "South Korea's Samsung Display plans to invest $1.8 billion", "South Korean chemical maker
        Hyosung" (not "Korean firms such as Samsung", whose figure is of all the firms)."""
        out = list(roles)
        for i in range(len(out) - 1):
            country, company = out[i], out[i + 1]
            if not country.owner or country.company or not company.company or company.country != country.country:
                continue
            gap = text[country.mention.end : company.mention.start]
            if self.possessive:
                gap = self.possessive.sub("", gap, count=1)
            words = WORDS.findall(gap)
            if len(words) > NAMED_COMPANY_WORDS or not re.fullmatch(r"[\w\s-]*", gap) or any(w.lower() in self.prepositions for w in words):
                continue
            out[i] = replace(country, owner=False)
            out[i + 1] = replace(company, owner=True)
        return out

    def nearest(self, roles: list[Role], at: tuple[int, int], keep) -> Role | None:
        """The closest actor to the figure (characters from it, either side, in its clause) that `keep` accepts."""
        best, best_distance = None, None
        for role in roles:
            if not keep(role) or any(min(role.mention.end, at[1]) <= b < max(role.mention.start, at[0]) for b in self._barriers):
                continue
            if self._in_clause_after(role, at):
                continue
            distance = max(at[0] - role.mention.end, role.mention.start - at[1], 0)
            if role.mention.start >= at[1]:
                distance += 20  # an actor after the figure is read as farther: owners come first
            if distance <= self.reach and (best_distance is None or distance < best_distance):
                best, best_distance = role, distance
        return best

    def other_side(self, actor: str | None) -> str | None:
        if actor in self.pair and len(self.pair) == 2:
            return self.pair[1] if actor == self.pair[0] else self.pair[0]
        return None

    def directional(self, rule: FrameRule, roles: list[Role], at: tuple[int, int]) -> tuple[str | None, str | None, str | None]:
        """The owner is an actor named as such ("Korea's", 'Korean', 'from Korea'); the other side one after
        a counterpart marker ('in Vietnam') or whose ranking it is ("Vietnam's largest investor"); failing an
        owner, the actor that opens the clause."""
        lender = self.nearest(roles, at, lambda r: r.mention.id in rule.lenders) if rule.lenders else None
        if lender is not None:  # the lender's country gives; the lender narrows nothing (its fund, if named, is the scope)
            lender = replace(lender, company=None)
        subject = lender or self.nearest(roles, at, lambda r: (r.owner or r.marker in rule.subject_markers) and not r.holder and not r.receiver and not r.facing)
        owner = subject.country if subject else None
        targets = self.bare_targets(rule, roles)
        counterpart = self.nearest(roles, at, lambda r: ((r.marker in rule.counterpart_markers and not r.owner) or r.holder or r.receiver or r.facing or id(r) in targets) and r.country != owner)
        if subject is None and counterpart is not None and counterpart.company and not counterpart.holder:
            # a company is no host of investment: the one it is granted to is the investor ("하이퐁시는 LG디스플레이*에*
            # 7억5000만달러 추가 투자를 허가했다")
            subject, counterpart = counterpart, None
        other = counterpart.country if counterpart else None
        if subject is None:  # "Samsung has invested $22.4 billion in Vietnam"
            def opens(r: Role) -> bool:
                return r.mention.end <= at[0] and r.country != other and r.marker not in self.prepositions and r.marker not in rule.counterpart_markers and not r.receiver

            # (not over a third country right beside the figure: "베트남은 ... 필리핀(38만3천여 명)에 이어")
            opener = None if self.beside_third(roles, at) else self.nearest(roles, at, lambda r: opens(r) and r.opener)
            subject = opener or self.nearest(roles, at, opens)
        if subject is None and counterpart is None and rule.default:
            return rule.default[0], rule.default[1] if len(rule.default) > 1 else None, None
        s = subject.country if subject else None
        c = other
        if not (counterpart and counterpart.receiver):  # what a country attracted from no one named is from everyone
            s = s or self.other_side(c)
        if c is None and not self._named_apart(roles, at, self.other_side(s)):
            c = self.other_side(s)
        beside = self.beside_third(roles, at)
        if beside is not None and s is None and c is None:  # the last of a list: "...; và Nhật Bản 1,21 tỷ USD"
            s = beside.country
        elif beside is not None and beside.country not in (s, c):  # a list: "... with the US at $28 billion, followed by Hong Kong ($25.8 billion)"
            if c is not None and c not in self.pair:
                c = beside.country
            elif s is not None and s not in self.pair or s in self.pair and c in self.pair:
                s = beside.country  # "surpassing Vietnam (554,000) and the Philippines (504,000)": the Philippines' visits to Korea
        elif s is not None and s not in self.pair:
            member = self.beside_third(roles, at, pair=True)  # "Thailand with 600,000, ahead of Vietnam (550,000)": Vietnam's
            if member is not None and member.country != c:
                s = member.country
        return s, c, subject.company if subject else None

    def beside_third(self, roles: list[Role], at: tuple[int, int], pair: bool = False) -> Role | None:
        """A third country right before the figure, whose figure it is over one named further back: "China with
        $267.66 billion", "with the United States at $28 billion, followed by Hong Kong ($25.8 billion)" (a
        country: "Southeast Asia with 370,000 visitors" names where, not whose); with `pair`, a member of the pair
        there instead ("... ahead of Vietnam (550,000)")."""
        return self.nearest(
            roles, at, lambda r: (r.country in self.pair) == pair and self.labels.get(r.mention.id) == "GPE" and r.mention.end <= at[0] and self.beside.match(self._text[r.mention.end : at[0]])
        )

    def bare_targets(self, rule: FrameRule, roles: list[Role]) -> set[int]:
        """The actors a rule's `bare_targets` word follows with no particle ('한국 기업들의 *베트남* 투자', '*베트남*
        투자국 2위'), when another actor is named before it and none is marked as the other side: where the
        investment goes, not whose it is."""
        if not rule.bare_targets or any(r.marker in rule.counterpart_markers and r.marker for r in roles):
            return set()
        pattern = self.bare_target_patterns[rule.id]
        return {
            id(r) for r in roles
            if r.marker == "" and not r.owner and pattern.match(self._lower, r.mention.end)
            and any(o.mention.start < r.mention.start and o.country != r.country for o in roles)
        }

    def _named_apart(self, roles: list[Role], at: tuple[int, int], country: str | None) -> bool:
        """Whether `country` is named only in a clause opened after the figure: 'Korean exports hit $683.8
        billion, with shipments to Vietnam up 9%' is a total, not Korea's exports to Vietnam."""
        return any(r.country == country and self._in_clause_after(r, at) for r in roles)

    def _in_clause_after(self, role: Role, at: tuple[int, int]) -> bool:
        """Whether the actor stands in a clause opened after the figure: '$683.8 billion, *with* ... Vietnam'."""
        return any(at[1] <= b < role.mention.start for b in self._openers)

    def symmetric(self, rule: FrameRule, roles: list[Role], at: tuple[int, int]) -> tuple[str | None, str | None, str | None]:
        third = self.beside_third(roles, at)
        if third is None:
            third = self.nearest(roles, at, lambda r: r.country not in self.pair and (r.marker in rule.third_markers or r.owner))
            if third is not None and max(at[0] - third.mention.end, third.mention.start - at[1]) > THIRD_REACH:
                third = None
        if third is None:
            return (*sorted(self.pair), None) if len(self.pair) == 2 else (None, None, None)
        # the other side is the pair's member that owns the figure or opens the clause ("Korea's trade with China",
        # "The RoK enjoyed a surplus of ... 55.7 billion with the U.S.", "Korea's third-largest partner after China"); "positioning Vietnam behind China (272.9
        # billion USD)" does not say whose trade with China it is
        own = self.nearest(roles, at, lambda r: r.country in self.pair and (r.owner or r.holder or r.marker == ""))
        sides = sorted({third.country, own.country} if own else {third.country})
        return sides[0], sides[1] if len(sides) > 1 else None, None

    def group_hits(self, doc: Doc) -> list[GroupHit]:
        """Where the text names a group of people, in token order."""
        found = []
        text = text_of(doc[:])  # the doc's text built once, not once per group
        for group, pattern in self.groups:
            for match in pattern.finditer(text):
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is not None:
                    found.append(GroupHit(group, span.start, span.end))
        return sorted(found, key=lambda h: h.start)

    @staticmethod
    def _distance(role: Role, at: tuple[int, int]) -> int:
        return max(at[0] - role.mention.end, role.mention.start - at[1], 0)

    def group_of(self, doc: Doc, claim: Span, sent: Span, hits: list[GroupHit]) -> GroupHit | None:
        """The group of people a figure is of: the nearest named in its sentence, else a carrying group named
        before it in its paragraph or in the sentence just before ('재외동포 현황 ... / ■ 미국 254만명, 중국 246만명').
        A rank's group is the field it ranks among ('the 13th of the DAC members')."""
        facts = claim._.vnkr
        if facts.label not in GROUPED_LABELS | {"ORDINAL"} or facts.metric == "share":
            return None  # a share's group is the total it is a part of ("30% of all foreign visitors"), not its own

        def fits(hit: GroupHit) -> bool:
            return facts.topic in {t.value for t in hit.rule.topics} or (facts.topic == "other" and facts.metric is None and facts.unit in ("person", "%"))

        own = [h for h in hits if sent.start <= h.start < sent.end and fits(h)]
        if own:
            return min(own, key=lambda h: h.start - claim.end if h.start >= claim.end else claim.start - h.end)
        before = [h for h in hits if h.end <= sent.start]
        if not before or not before[-1].rule.carries or not fits(before[-1]):
            return None
        last = before[-1]
        just_before = sentence_of(doc, sent.start - 1).start if sent.start > 0 else sent.start
        if line_break_between(doc, last.end, sent.start) and last.start < just_before:
            return None  # neither this paragraph nor the sentence just before
        return last

    def grouped(
        self, group: FrameGroup, roles: list[Role], at: tuple[int, int], reach: int | None, read: tuple[str | None, str | None], group_at: tuple[int, int] | None = None
    ) -> tuple[str | None, str | None]:
        """(subject, counterpart) of a figure of a group of people. A group of one nationality ('overseas
        Koreans') fixes its side, and the country named nearest the figure is the other side, or none (all
        countries: the world); a group of every nationality ('foreign residents') leaves its side to an actor
        named nearer the figure than the group (`reach` characters; None: the group is in another sentence), or
        owning the group's name ("South Korea's foreign direct investment")."""
        subject, counterpart = read
        if group.actor is not None:
            other = self.nearest(roles, at, lambda r: r.country != group.actor and self.labels.get(r.mention.id) == "GPE")
            side = other.country if other else None
            return (group.actor, side) if group.side == "subject" else (side, group.actor)
        mine = subject if group.side == "subject" else counterpart
        named = [
            r for r in roles
            if r.country == mine
            and (reach is None or self._distance(r, at) < reach or (r.owner and group_at and 0 <= group_at[0] - r.mention.end <= OWNS_GAP) or (r.company and r.mention.end <= at[0]))
        ]  # a company named before its figure is one investor: its figure stays its own beside 'foreign investors'

        if mine is not None and not (named and self.nearest(named, at, lambda r: True)):
            if group.side == "subject" and counterpart == self.other_side(mine) and not any(r.country == counterpart for r in roles):
                counterpart = mine  # the country that opens the sentence of foreign investors' capital is its host, not Vietnam by default
            mine = None
        return (mine, counterpart) if group.side == "subject" else (subject, mine)

    def narrowed(self, company: str | None, scope: str | None) -> str | None:
        """A company's figure is the company's; in a place it names, the company's there ('samsung_bac_ninh':
        its $8.3 billion in Bac Ninh is no part of a fact with its $22.4 billion in all Vietnam)."""
        if company and scope in self.places:
            return f"{company}_{scope}"
        return company or scope

    def scope_of(self, doc: Doc, claim: Span, hits: list[tuple[str, int, int]], label: str) -> str | None:
        best, best_distance = None, None
        for rule_id, start, end in hits:
            rule = self.scope_rules[rule_id]
            if rule.place and label in ("DATE", "DURATION"):
                continue  # a visit to Bac Ninh on June 24 is the visit's date, not a Bac Ninh fact
            distance = claim.start - end if end <= claim.start else start - claim.end if start >= claim.end else 0
            if start >= claim.end and any(t.is_punct and t.text not in "-–" for t in doc[claim.end : start]):
                continue  # after the figure only in its own phrase: not "$42.5 billion, focusing on semiconductors"
            if distance <= rule.reach and (best_distance is None or distance < best_distance):
                best, best_distance = rule.scope, distance
        return best

    def __call__(self, doc: Doc) -> Doc:
        claims = list(doc.spans[CLAIMS]) if CLAIMS in doc.spans else []
        if not claims:
            return doc
        hits = sorted(((doc.vocab.strings[k], s, e) for k, s, e in self.scopes(doc)), key=lambda h: h[1])
        groups = self.group_hits(doc)
        published = meta(doc).published
        starts = [h[1] for h in hits]
        lower = doc.to_array([LOWER])
        barriers = numpy.flatnonzero(member(lower, self.barrier_keys)).tolist()  # clause breaks, found once per doc
        opens = numpy.zeros(len(lower), dtype=bool)
        if len(self.comma_clauses) and len(lower) > 1:
            opens[1:] = member(lower[1:], self.comma_clauses) & (lower[:-1] == self.comma)
        openers = numpy.flatnonzero(opens).tolist()
        framed: dict[str, Span] = {}  # topic → the last figure whose own sentence gave its frame
        hosts: dict[str, Span] = {}  # topic → the last figure with a counterpart (the host of a list of third countries)
        for sent, in_sentence, _ in by_sentence(doc, claims, []):
            ranks = [(c.start_char - sent.start_char, c.end_char - sent.start_char) for c in in_sentence if c._.vnkr.label == "ORDINAL"]
            roles = self.roles(sent, ranks)
            # a sentence's barriers and scope hits by bisection, not a scan of the whole block's
            self._barriers, self._openers = chars_in(sent, barriers), chars_in(sent, openers)
            near = hits[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            previous = None
            for claim in in_sentence:
                facts = claim._.vnkr
                at = (claim.start_char - sent.start_char, claim.end_char - sent.start_char)
                company, borrowed = None, False
                if facts.label == "ORDINAL":  # the ranked actor may be a company: Samsung is ranked, not Korea
                    subject, counterpart = facts.subject, facts.counterpart
                    company = subject if subject in self.countries and self.labels.get(subject) != "PERSON" else None
                    if subject in self.countries:
                        # a leader ranks for the country ('윤석열 정부 출범 이후 세 번째 국빈순방'); a company's rank is its
                        # country's, narrowed to it (scope): Samsung, the largest investor in Vietnam, is KR→VN, scope samsung
                        subject = self.countries.get(subject)
                    facts.subject = subject or self.other_side(counterpart)
                    group = self.group_of(doc, claim, sent, groups)
                    if counterpart is None and group is not None and group.rule.actor is None and group.rule.side == "counterpart":
                        facts.counterpart = None  # a rank among every donor, member ('thứ 13 trong số các nước thành viên DAC'): no one's ranking
                    else:
                        facts.counterpart = counterpart or self.other_side(subject)
                else:
                    rule = self.rule_for(facts)
                    group = self.group_of(doc, claim, sent, groups) if rule is None or rule.kind == "directional" else None
                    if rule is not None:
                        read = self.symmetric if rule.kind == "symmetric" else self.directional
                        facts.subject, facts.counterpart, company = read(rule, roles, at)
                        if not roles and facts.subject is None and facts.counterpart is None and group is None:
                            borrowed = self.frame_from_context(doc, claim, sent, framed)
                    if group is not None:
                        inside = sent.start <= group.start < sent.end
                        named = doc[group.start : group.end]
                        reach = (claim.start_char - named.end_char if named.end <= claim.start else named.start_char - claim.end_char) if inside else None
                        group_at = (named.start_char - sent.start_char, named.end_char - sent.start_char) if inside else None
                        facts.subject, facts.counterpart = self.grouped(group.rule, roles, at, reach, (facts.subject, facts.counterpart), group_at)
                        if group.rule.count_metric and facts.metric is None and facts.label == "CARDINAL" and facts.unit == "person" and not facts.gathered:
                            facts.metric = f"{group.rule.count_metric}_change" if count_changed(self.changes, claim) else group.rule.count_metric
                            facts.topic = group.rule.topics[0].value
                if facts.subject is not None and facts.subject not in self.pair and facts.counterpart is None and (rule_kind := self.kind_of(facts)) != "symmetric":
                    earlier = hosts.get(facts.topic)
                    if rule_kind == "directional" and self.listed_destination(doc, sent, earlier, facts.subject, roles, rule):
                        facts.subject, facts.counterpart = earlier._.vnkr.subject, facts.subject
                    else:
                        facts.counterpart = self.host_from_context(doc, sent, earlier, facts.subject) if rule_kind else None
                # a rank's scope is only its company: "the third largest partner in terms of labour" is a kind of partner
                facts.scope = self.narrowed(company, None if facts.label == "ORDINAL" else self.scope_of(doc, claim, near, facts.label))
                if company and facts.period is None and facts.metric in self.company_news and published is not None:
                    facts.period, facts.period_from = published.isoformat()[:7], "published"  # a company's news is of its day
                if previous is not None and result_of(doc, previous, claim):
                    change = previous._.vnkr  # "its imports soared 22 percent to USD 18.1 billion": one figure's change
                    facts.scope = facts.scope or change.scope
                    change.subject, change.counterpart, change.scope = facts.subject, facts.counterpart, facts.scope
                previous = claim
                if (facts.subject is not None or facts.counterpart is not None) and facts.topic != "other" and not borrowed:
                    # a frame read from context is handed on to no one; a host alone is a frame ('FDI into Korea'
                    # from every investor), so the figure after it is not given an older, one investor's frame
                    framed[facts.topic] = claim
                if facts.counterpart is not None and facts.topic != "other" and facts.label != "ORDINAL":
                    hosts[facts.topic] = claim  # (a rank's sides are read apart, and a swapped one would spread)
            self.respectively(sent, in_sentence)
        return doc

    def respectively(self, sent: Span, claims: list[Span]) -> None:
        """'215,500 Vietnamese visited the RoK and 1.7 million Koreans came to Vietnam, up 32.3 percent and 22.4
        percent, respectively': as many changes after as many levels, and a word that says so, give each change
        the frame of its level, in order (not that of the level nearest to all of them)."""
        if not self.respective or not _says(lower_words(sent.doc, sent.start, sent.end), self.respective):
            return
        levels = [c for c in claims if c._.vnkr.label in ("MONEY", "CARDINAL") and c._.vnkr.unit]
        changes = [c for c in claims if levels and c.start >= levels[-1].end and c._.vnkr.label == "PERCENT"]
        way = next((c._.vnkr.direction for c in changes if c._.vnkr.direction), None)
        if len(changes) < 2 or len(levels) != len(changes) or way is None:
            return
        for level, change in zip(levels, changes):
            own, facts = level._.vnkr, change._.vnkr
            facts.subject, facts.counterpart, facts.scope = own.subject, own.counterpart, own.scope
            facts.direction = facts.direction or way  # "up 32.3 percent and 22.4 percent": the change word said once
            if own.metric and (facts.metric is None or facts.metric.endswith("_change")):
                facts.topic, facts.metric = own.topic, f"{own.metric}_change"

    def kind_of(self, facts: Facts) -> str | None:
        """'symmetric' or 'directional' for a figure with a frame rule, 'rank' for a rank, else None."""
        if facts.label == "ORDINAL":
            return "rank"
        rule = self.rule_for(facts)
        return rule.kind if rule is not None else None

    def listed_destination(self, doc: Doc, sent: Span, earlier: Span | None, country: str, roles: list[Role], rule: FrameRule | None) -> bool:
        """Whether a third country named bare beside its figure ('Thái Lan đứng thứ ba với 1,08 triệu, tiếp theo là
        Philippines (1.086.291 người)') goes on a list of where the figure of its topic before it went: after
        'Koreans visited Japan 4.8 million times', Thailand is where Koreans went, not who went. A country named
        as the owner ('khách Thái Lan', "Thailand's") is who went."""
        if earlier is None or rule is None or not self._in_context(doc, sent, earlier):
            return False
        before = earlier._.vnkr
        if before.subject not in self.pair or before.counterpart is None or before.counterpart in self.pair or before.counterpart == country:
            return False
        own = [r for r in roles if r.country == country]
        return bool(own) and not any(r.owner or r.marker in rule.subject_markers for r in own)

    @staticmethod
    def _in_context(doc: Doc, sent: Span, earlier: Span) -> bool:
        """Whether an earlier figure is in the paragraph of a sentence, or in the sentence just before it."""
        just_before = sentence_of(doc, sent.start - 1).start if sent.start > 0 else sent.start
        return not (line_break_between(doc, earlier.end, sent.start) and earlier.start < just_before)

    @staticmethod
    def host_from_context(doc: Doc, sent: Span, earlier: Span | None, subject: str) -> str | None:
        """The other side of a third country's figure that names none is the side of the figure of its topic
        before it in its paragraph (or the sentence just before): after 'Korea invested $3.9 billion in
        Vietnam', 'Japan (2.4 billion)' invested in Vietnam; after the marriage migrants in Korea from
        Vietnam, '중국인이 3만5천명' live in Korea."""
        if earlier is None or earlier._.vnkr.counterpart in (None, subject):
            return None
        just_before = sentence_of(doc, sent.start - 1).start if sent.start > 0 else sent.start
        if line_break_between(doc, earlier.end, sent.start) and earlier.start < just_before:
            return None
        return earlier._.vnkr.counterpart

    @staticmethod
    def frame_from_context(doc: Doc, claim: Span, sent: Span, framed: dict[str, Span]) -> bool:
        """A figure whose sentence names no actor is of the actors of the figure of its topic before it in
        its paragraph: '지난해 한국의 베트남 수출은 278억달러였다. 수입은 98억달러였다.' (Korea's imports
        from Vietnam). Whether it took them."""
        earlier = framed.get(claim._.vnkr.topic)
        if earlier is None or line_break_between(doc, earlier.end, sent.start):
            return False
        claim._.vnkr.subject, claim._.vnkr.counterpart = earlier._.vnkr.subject, earlier._.vnkr.counterpart
        return True


@Language.factory("vnkr_frame", default_config={"rules": None})
def make_frame(nlp: Language, name: str, *, rules: str | None) -> FrameReader:
    return named(FrameReader(nlp, rules_for(rules, nlp.lang)), name)
