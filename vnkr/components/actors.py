"""`vnkr_actors`: the actors named in each claim's sentence, and who ranks where.

'Vietnam is South Korea's third-largest trading partner': subject VN, holder KR. A rank
coordinated with an earlier one ('... and its largest development partner') shares its
direction when it names no other actor of its own.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from vnkr.components.base import Component, named
from vnkr.components.facts import CLAIMS, MENTIONS, by_sentence, rules_for, text_of
from vnkr.normalize.actors import ActorFinder, Mention
from vnkr.rules import RuleSet

POSSESSIVE = re.compile(r"^\s*\)?['’]s\s+(?:\w+\s+){0,2}$")  # "Korea's", "Korea's now the", "(RoK)'s"
HOLDER_AFTER = re.compile(r"\b(in|of|for|to)\s+(the\s+)?$")  # "the largest investor in Vietnam"
APPOSITION = re.compile(r"^\s*[-–—,(]?\s*(?:the\s+)?$")  # an actor named right before its rank
HOLDER_REACH = 60  # characters after a rank in which its holder may be named


def rank_direction(
    sent: Span,
    claim: Span,
    mentions: list[Mention],
    copula: re.Pattern | None = None,
    possessive: re.Pattern = POSSESSIVE,
    holder_after: re.Pattern = HOLDER_AFTER,
    object_before: re.Pattern | None = None,
) -> tuple[str | None, str | None]:
    """(subject, holder) of a rank, from the actors around it in its sentence: the subject is the
    actor named before a copula ('South Korea *is* ...'), else the nearest before the rank."""
    offset = sent.start_char
    rank_start, rank_end = claim.start_char - offset, claim.end_char - offset
    text = text_of(sent)
    before = [m for m in mentions if m.end <= rank_start]
    holder = None
    if before and possessive.match(text[before[-1].end : rank_start]):
        holder = before[-1].id
        before = before[:-1]
    else:
        for mention in mentions:
            if mention.start >= rank_end and mention.start - rank_end < HOLDER_REACH and holder_after.search(text[rank_end : mention.start]):
                holder = mention.id
                break
    candidates = [m for m in before if m.id != holder]
    if object_before is not None:  # an object ('invested ... *in* Vietnam, becoming the largest investor') is not ranked
        candidates = [m for m in candidates if not object_before.search(text, 0, m.start)]
    if candidates and APPOSITION.match(text[candidates[-1].end : rank_start]):
        return candidates[-1].id, holder  # "Samsung Electronics - the largest single foreign investor"
    if copula is not None:
        for mention in reversed(candidates):
            if copula.match(text, mention.end):
                return mention.id, holder
    return (candidates[-1].id if candidates else None), holder


class ActorReader(Component):
    def __init__(self, rules: RuleSet):
        self.finder = ActorFinder(list(rules.actor), demonyms=True, prefixes=tuple(rules.frame.prefixes), glued=bool(rules.frame.particles))  # a particle glued to a Latin name: "LG의"
        copulas = sorted({c.lower() for r in rules.rank for c in r.copulas}, key=len, reverse=True)
        forms = [r"\s+(?:now\s+|currently\s+|also\s+)?(?:" + "|".join(map(re.escape, copulas)) + r")\b"] if copulas else []
        particles = sorted({p for r in rules.rank for p in r.subject_particles}, key=len, reverse=True)
        forms += [r"(?:" + "|".join(map(re.escape, particles)) + r")(?!\w)"] if particles else []
        self.copula = re.compile("|".join(forms), re.IGNORECASE) if forms else None
        before = sorted({w for r in rules.rank for w in r.not_ranked_before}, key=len, reverse=True)
        after = sorted({w for r in rules.rank for w in r.not_ranked_after}, key=len, reverse=True)
        self.not_ranked_before = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, before)) + r")\s+$", re.IGNORECASE) if before else None
        self.not_ranked_after = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:" + "|".join(map(re.escape, after)) + ")") if after else None
        # a language's own possessive particle ("베트남의 최대 투자국") and words before a rank's holder ("lớn nhất tại Việt Nam")
        possessives = sorted({p for r in rules.rank for p in r.possessives}, key=len, reverse=True)
        self.possessive = re.compile(f"{POSSESSIVE.pattern}|^\\s*(?:{'|'.join(map(re.escape, possessives))})\\s+(?:\\w+\\s+){{0,2}}$") if possessives else POSSESSIVE
        if any(r.bare_holder for r in rules.rank):
            self.possessive = re.compile(f"{self.possessive.pattern}|^\\s+$")
        holder_words = sorted({w for r in rules.rank for w in r.holder_after}, key=len, reverse=True)
        objects = sorted({w for r in rules.rank for w in r.object_before}, key=len, reverse=True)
        self.object_before = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, objects)) + r")\s+(?:the\s+)?$", re.IGNORECASE) if objects else None
        self.holder_after = re.compile(f"{HOLDER_AFTER.pattern}|(?<!\\w)(?:{'|'.join(map(re.escape, holder_words))})\\s+$", re.IGNORECASE) if holder_words else HOLDER_AFTER

    def not_ranked(self, text: str, mention: Mention) -> bool:
        """Whether the words beside an actor say it is not a rank's subject: the one compared with ('*sau* Trung
        Quốc', '중국*에 이어*') or a destination ('*sang* Việt Nam')."""
        return bool(
            (self.not_ranked_before and self.not_ranked_before.search(text, max(0, mention.start - 40), mention.start))
            or (self.not_ranked_after and self.not_ranked_after.match(text, mention.end))
        )

    def __call__(self, doc: Doc) -> Doc:
        claims = list(doc.spans[CLAIMS]) if CLAIMS in doc.spans else []
        found = doc.user_data.setdefault(MENTIONS, {})
        for sent, in_sentence, _ in by_sentence(doc, claims, []):
            text = text_of(sent)
            found[sent.start] = every = self.finder.find(text)  # for vnkr_frame, which reads nationalities too
            mentions = [m for m in every if not m.demonym]
            ranked = [m for m in mentions if not self.not_ranked(text, m)]  # "following China, Vietnam is ... second"
            entities, seen = [], set()
            for mention in mentions:  # each actor once, where it is first named
                if mention.id not in seen:
                    seen.add(mention.id)
                    entities.append({"text": mention.text, "label": mention.label, "id": mention.id})
            last_rank: tuple[str | None, str | None] = (None, None)
            for claim in in_sentence:
                facts = claim._.vnkr
                facts.entities = entities
                if facts.label == "ORDINAL":
                    subject, holder = rank_direction(sent, claim, ranked, self.copula, self.possessive, self.holder_after, self.object_before)
                    if holder is None and last_rank[1] is not None and subject in (None, last_rank[0]):
                        subject, holder = last_rank  # the same actor again: "... and its largest ... partner"
                    facts.subject, facts.counterpart = last_rank = subject, holder
        return doc


@Language.factory("vnkr_actors", default_config={"rules": None})
def make_actors(nlp: Language, name: str, *, rules: str | None) -> ActorReader:
    return named(ActorReader(rules_for(rules, nlp.lang)), name)
