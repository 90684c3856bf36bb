"""`vnkr_sources` and `vnkr_base`: who the text says a figure comes from, and how a change is stated.

A statistical body of the rules' table (`source`, matched like actors) named in a sentence is the
source of that sentence's figures when attribution words stand beside it ("*according to* KITA",
"MOTIE *said*", "*theo* Tổng cục Hải quan", "한국무역협회*에 따르면*"); a body named without them
("KOTRA opened an office in Hanoi") is an actor, not a source. After a cue that allows it, a body
not in the table is the source by its name as written ("according to the Korea Development
Institute"). The scope is the sentence only: a later sentence often moves on to another source,
and a wrong source is worse than none.

`base` says how a figure stated against an earlier time is stated: `change` (the difference,
"up 39.7%") when vnkr_direction found a direction or the metric is a change, `ratio` (the new
level as a share of the old, "139.7% of the same period last year") by the `base_ratio` cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from vnkr.components.base import Component, named
from vnkr.components.facts import CLAIMS, by_sentence, line_break_between, rules_for, text_of
from vnkr.normalize.actors import ActorFinder, Mention
from vnkr.rules import Actor, Attribution, RuleSet

WORD = r"[^\s,.;:()\"“”]+"  # a word between a cue and a body, no punctuation
HANGUL_END = r"(?:(?!\w)|(?<=[\uac00-\ud7a3]))"
EARLIER = "^"  # the source of an anaphor ("the agency said"): that of an earlier sentence of the paragraph  # a Korean cue takes endings: "수준*이다*"
CAPITALISED = r"[A-Z][\w'’&.-]*"


def _alternatives(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


@dataclass(frozen=True)
class Cue:
    """One attribution rule, compiled."""

    rule: Attribution
    before: re.Pattern | None  # matches the text before a body, ending at it
    after: re.Pattern | None  # matches from the end of a body
    closing: re.Pattern | None  # must be found after the `after` words
    names_before: re.Pattern | None  # a `before` cue a name not in the table may follow (SourceReader.names)
    glued_after: tuple[tuple[str, re.Pattern], ...]  # each `after` phrase, glued to the Hangul word before it


def _compile(rule: Attribution) -> Cue:
    gap = rf"(?:\s+{WORD}){{0,{rule.gap}}}"
    before = re.compile(rf"(?<!\w)(?:{_alternatives(rule.before)}){gap}\s+$", re.IGNORECASE) if rule.before else None
    after = (
        re.compile(rf"\s*(?:\([^()]{{0,60}}\)\s*)?(?:['’]s\s+)?(?:{WORD}\s+){{0,{rule.gap}}}(?:{_alternatives(rule.after)}){HANGUL_END}", re.IGNORECASE)
        if rule.after
        else None
    )
    closing = re.compile(rf"(?:{_alternatives(rule.closing)})", re.IGNORECASE) if rule.closing else None
    names_before = re.compile(rf"(?<!\w)(?i:{_alternatives(rule.before)})\s+") if rule.before else None
    glued_after = tuple((phrase, re.compile(rf"(?<=[\uac00-\ud7a3)]){re.escape(phrase)}")) for phrase in rule.after)
    return Cue(rule, before, after, closing, names_before, glued_after)


class SourceReader(Component):
    def __init__(self, rules: RuleSet):
        bodies = [Actor(id=s.id, example=s.example, label="ORG", aliases=s.aliases) for s in rules.source]
        self.finder = ActorFinder(bodies, glued=True)
        self.cues = [_compile(rule) for rule in rules.attribution]
        settings = rules.source_names
        self.heads = set(settings.heads)
        self.suffixes = tuple(settings.suffixes)
        connectors = _alternatives(settings.connectors) if settings.connectors else None
        part = f"{CAPITALISED}|{connectors}" if connectors else CAPITALISED
        # a name: capitalised words, joined by connectors ("Korea Institute *for* Industrial Economics *and* Trade")
        self.name_pattern = re.compile(rf"(?:the\s+)?({CAPITALISED}(?:\s+(?:{part}))*)")
        self.connectors = set(settings.connectors)
        self.lead, self.max_words = settings.lead, settings.max_words
        self.anaphors = re.compile(rf"(?<!\w)(?:{_alternatives(settings.anaphors)}){HANGUL_END}", re.IGNORECASE) if settings.anaphors else None
        self.lead_head = re.compile(rf"(?:{_alternatives(settings.heads)})(?!\w)") if settings.heads else None

    def attributed(self, text: str) -> list[tuple[int, str]]:
        """(where, source) of each body the sentence gives figures to."""
        found = []
        mentions = self.finder.find(text)
        if self.anaphors:
            # a common noun, not the start of a name ("the agency", not "the Agency for ...")
            mentions += [Mention(m.start(), m.end(), m.group(), "ORG", EARLIER) for m in self.anaphors.finditer(text) if not m.group().split()[-1][:1].isupper()]
        for mention in mentions:
            for cue in self.cues:
                if cue.before and cue.before.search(text[: mention.start]):
                    found.append((mention.start, mention.id))
                    break
                if cue.after and (match := cue.after.match(text, mention.end)):
                    if cue.closing is None or cue.closing.search(text, match.end()):
                        found.append((mention.start, mention.id))
                        break
        named_at = [(m.start, m.end) for m in mentions]
        for cue in self.cues:
            if cue.rule.names:
                found += [n for n in self.names(text, cue) if not any(a <= n[0] < b for a, b in named_at)]
        return found

    def names(self, text: str, cue: Cue) -> list[tuple[int, str]]:
        """Bodies not in the table, by their name as written: capitalised words with a head word after a
        cue ("according to the Korea Development Institute"), or a word ending in an organisation's
        suffix glued to a cue after it ("대외경제정책연구원에 따르면")."""
        out = []
        if cue.rule.before and self.heads:
            for match in cue.names_before.finditer(text):
                if self.lead:
                    if name := self.led_name(text, match.end()):
                        out.append((match.end(), name))
                    continue
                name = self.name_pattern.match(text, match.end())
                if name:
                    words = name.group(1).split()
                    while words and words[-1] in self.connectors:
                        words.pop()
                    if any(w.strip(".,'’") in self.heads for w in words):
                        out.append((name.start(1), " ".join(words).rstrip(".")))
        if cue.rule.after and self.suffixes:
            for phrase, glued in cue.glued_after:
                if phrase not in text:  # the pattern matches only where its phrase stands: no scan
                    continue
                for match in glued.finditer(text):
                    word = re.split(r"\s", text[: match.start()])[-1]
                    word = re.sub(r"\([^()]*\)$", "", word)
                    if any(word.endswith(s) and len(word) >= len(s) + 2 for s in self.suffixes):
                        out.append((match.start() - len(word), word))
        return out

    def led_name(self, text: str, start: int) -> str | None:
        """A name that starts with a head word and runs to the next punctuation mark ("Bộ Ngoại giao Hàn Quốc,")."""
        if not self.lead_head.match(text, start):
            return None
        words = re.split(r"\s+", re.split(r"[,;:()\"“”]|\.(?:\s|$)", text[start:], maxsplit=1)[0].strip())
        return " ".join(words) if len(words) <= self.max_words else None

    def __call__(self, doc: Doc) -> Doc:
        claims = list(doc.spans[CLAIMS]) if CLAIMS in doc.spans else []
        earlier: tuple[int, str] | None = None  # (sentence start, source) of the last attributed sentence
        for sent, in_sentence, _ in by_sentence(doc, claims, []):
            sources = self.attributed(text_of(sent))
            if earlier is not None and line_break_between(doc, earlier[0], sent.start):
                earlier = None  # a new paragraph
            if any(s == EARLIER for _, s in sources):
                # an anaphor stands for the paragraph's last source, and for nothing in a paragraph that named none
                sources = [(at, earlier[1]) if s == EARLIER else (at, s) for at, s in sources if s != EARLIER or earlier is not None]
            if not sources:
                continue
            for claim in in_sentence:
                at = claim.start_char - sent.start_char
                claim._.vnkr.source = min(sources, key=lambda s: abs(s[0] - at))[1]  # the body nearest the figure
            earlier = (sent.start, claim._.vnkr.source)
        return doc


class BaseReader(Component):
    def __init__(self, rules: RuleSet):
        before = [p for r in rules.base_ratio for p in r.before]
        after = [p for r in rules.base_ratio for p in r.after]
        self.before = re.compile(rf"(?<!\w)(?:{_alternatives(before)})\s*$", re.IGNORECASE) if before else None
        self.after = re.compile(rf"\s*(?:{_alternatives(after)}){HANGUL_END}", re.IGNORECASE) if after else None

    def ratio(self, text: str, start: int, end: int) -> bool:
        return bool((self.before and self.before.search(text[max(0, start - 40) : start])) or (self.after and self.after.match(text, end)))

    def __call__(self, doc: Doc) -> Doc:
        if CLAIMS not in doc.spans or not doc.spans[CLAIMS]:
            return doc
        text = text_of(doc[:])
        for span in doc.spans[CLAIMS]:
            facts = span._.vnkr
            if facts.direction or (facts.metric or "").endswith("_change"):
                facts.base = "change"
            elif facts.label == "PERCENT" and facts.metric != "share" and self.ratio(text, span.start_char, span.end_char):
                facts.base = "ratio"
        return doc


@Language.factory("vnkr_sources", default_config={"rules": None})
def make_sources(nlp: Language, name: str, *, rules: str | None) -> SourceReader:
    return named(SourceReader(rules_for(rules, nlp.lang)), name)


@Language.factory("vnkr_base", default_config={"rules": None})
def make_base(nlp: Language, name: str, *, rules: str | None) -> BaseReader:
    return named(BaseReader(rules_for(rules, nlp.lang)), name)
