"""The parts of a whole within one document, which the claim's frame does not carry: new and
additional registered capital make the total; Korea's and Japan's figures make "the two together";
the figures a sentence lists make the one it says is their total; a share is its part over the whole;
shares of one whole imply the same whole; an amount of increase over a year cannot be larger than
the level it led to.

News states these figures with frames that extraction reads unevenly (the subject of a period's
total is often the country the article is about, its time often stated once for a paragraph), so
these relations are keyed on what a reader keys them on: the figure's topic and unit, its time when
both state one, and the words around it (`resources/check/cues-<lang>.toml`: "new",
"additional", "disbursed", "in all"). They are told only when the figures fit: a miss may be two
wholes or two times and is withheld (counted, not told). The one exception is an increase larger
than the level it reached, which no reading of the frame makes right.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations
from typing import Literal

from pydantic import ValidationError

from vnkr.check import (
    RESOURCES,
    Finding,
    Relation,
    Trial,
    _choices,
    _finding,
    _point,
    _quotient,
    _sentence,
    _signs,
    _trial_growth,
    _trial_sum,
    _usable,
    allows,
    half_unit,
)
from vnkr.languages import LANGUAGES
from vnkr.rules import RulesError, Strict, _format_error, _load_toml

Mark = Literal["new", "additional", "total", "disbursed", "cumulative", "combined", "in_all", "year_before", "whole"]
COMPONENTS = ("new", "additional", "total", "disbursed", "cumulative")
LOOSE = "related by topic, unit and the words around each figure, because they fit (a miss may be two wholes or two times)"
NEAR_SENTENCES = 2  # the parts of a combined figure are in its sentence or the two before
PART_CHOICES = 2  # the figures before a share that may be its part
WHOLE_CHOICES = 8  # the wholes nearest a share that it is checked against
EARLIER_SHARES = 12  # the shares before a share that it is checked against (shares of one whole stand together)
COMBINED_PARTS = 8  # the figures before a combined figure that may be its parts
ATTACHED = re.compile(r"\s*(의|of|in)?\s*", re.IGNORECASE)  # what stands between a figure and a word that hangs on it
CLOSE = 0.02  # a whole its list's sentence does not name must be this close to their sum, not merely within an "about"


class Cue(Strict):
    id: str
    example: str
    marks: Mark
    words: list[str]


class Cues(Strict):
    whole_words: bool = True  # Korean glues particles to words: its cues match inside words
    cue: list[Cue] = []

    def marks(self, window: str) -> set[str]:
        return {mark for mark, _, _ in self.occurrences(window)}

    def occurrences(self, text: str) -> list[tuple[str, int, int]]:
        """Each cue word found in `text`: its mark and where it stands."""
        text = text.lower()
        return [(mark, hit.start(), hit.end()) for mark, pattern in _compiled(self) for hit in pattern.finditer(text)]


_COMPILED: dict[int, list[tuple[str, re.Pattern]]] = {}


def _compiled(cues: Cues) -> list[tuple[str, re.Pattern]]:
    """Each cue word as a pattern, compiled once per loaded cues file."""
    if id(cues) not in _COMPILED:
        bound = (r"(?<!\w)", r"(?!\w)") if cues.whole_words else ("", "")
        _COMPILED[id(cues)] = [(cue.marks, re.compile(f"{bound[0]}{re.escape(word.lower())}{bound[1]}")) for cue in cues.cue for word in cue.words]
    return _COMPILED[id(cues)]


@lru_cache(maxsize=8)
def load_cues(lang: str) -> Cues:
    """A language's cue words (resources/check/cues-<lang>.toml); a language vnkr does not know
    reads the English ones. A shipped file missing or broken is a RulesError naming it."""
    path = RESOURCES / "check" / f"cues-{lang if lang in LANGUAGES else 'en'}.toml"
    data = _load_toml(path, "missing; the shipped rules are incomplete (reinstall vnkr)")
    try:
        return Cues.model_validate(data)
    except ValidationError as error:
        raise RulesError(_format_error(f"vnkr/resources/check/{path.name}", error)) from None


def _component(marks: set[str]) -> str | None:
    """The part of registered capital words name: both new and additional (or a word for both) are the total."""
    if "total" in marks or {"new", "additional"} <= marks:
        return "total"
    return next((mark for mark in ("disbursed", "cumulative", "new", "additional") if mark in marks), None)


def load_all_cues() -> None:
    """Every language's cue words, so that a broken file is said before any claim is read."""
    for lang in LANGUAGES:
        load_cues(lang)


# --- what check reads of each figure --------------------------------------------------------------
class Read:
    """A document's figures with what the words before each say: its component, whether it names
    itself the sum of others."""

    def __init__(self, claims: list[dict]):
        ordered = sorted((c for c in claims if _usable(c) and c.get("value") is not None), key=lambda c: c.get("start", 0))
        self.claims = ordered
        self.marks: dict[int, set[str]] = {}
        sentences = sorted({_sentence(c) for c in ordered if _sentence(c) is not None})
        self.sentence_no = {s: i for i, s in enumerate(sentences)}
        self.sentences = sentences
        self.in_sentence: dict = {}
        for claim in ordered:
            self.in_sentence.setdefault(_sentence(claim), []).append(claim)
        self._after: dict[int, set[str]] = {}
        self._cache: dict = {}  # levels by topic, wholes and their starts, a share's trials against named wholes
        self._shares: list[tuple[dict, list[dict]]] | None = None
        for claim in ordered:
            self.marks[id(claim)] = load_cues(claim.get("lang") or "en").marks(self._window(claim))
        self.components = self._components()

    def _components(self) -> dict[int, str | None]:
        """Each figure's component, from the component words of its sentence: a word belongs to the
        next figure of its unit ('신규투자는 75억 달러, 증자는 38억 달러'), unless it hangs on the
        figure just before it ('52억불의 추가 FDI', '$2 billion of new capital') or no figure follows
        ('$7.25 billion was disbursed')."""
        groups: dict[tuple, list[dict]] = {}
        for claim in self.claims:
            if claim.get("sentence_start") is not None:
                groups.setdefault((_sentence(claim), claim.get("unit")), []).append(claim)
        out: dict[int, str | None] = {}
        for figures in groups.values():
            offset, sentence = figures[0]["sentence_start"], figures[0].get("sentence") or ""
            marks: dict[int, set[str]] = {id(c): set() for c in figures}
            for mark, start, _ in load_cues(figures[0].get("lang") or "en").occurrences(sentence):
                if mark not in COMPONENTS:
                    continue
                before = [c for c in figures if c.get("end", 0) - offset <= start]
                after = [c for c in figures if c.get("start", 0) - offset >= start]
                hangs = before and ATTACHED.fullmatch(sentence[before[-1].get("end", 0) - offset : start])
                owner = before[-1] if hangs or (before and not after) else (after[0] if after else None)
                if owner is not None:
                    marks[id(owner)].add(mark)
            out.update({key: _component(found) for key, found in marks.items()})
        return out

    def _window(self, claim: dict) -> str:
        """The words between a figure and the previous figure of its unit in its sentence."""
        sentence, offset = claim.get("sentence") or "", claim.get("sentence_start")
        if offset is None:
            return ""
        begin = 0
        for other in self.in_sentence[_sentence(claim)]:
            if other is claim:
                break
            if other.get("unit") == claim.get("unit"):
                begin = max(begin, other.get("end", 0) - offset)
        return sentence[max(0, begin) : max(0, claim.get("start", 0) - offset)]

    def component(self, claim: dict) -> str | None:
        return self.components.get(id(claim))

    def component_said(self, share: dict) -> str | None:
        """The component a share's own words name for its whole ('chiếm 38% tổng vốn đăng ký cấp mới')."""
        return _component(self.marks_after(share))

    def is_level(self, claim: dict) -> bool:
        """A level, not a change: no base, or a 'change' whose words name a component ('vốn tăng
        thêm' is additional capital, not an increase)."""
        if claim.get("unit") in ("%", "rank", "x", None) or (claim.get("metric") or "").endswith(("_change", "_growth", "_rank")):
            return False
        return claim.get("base") is None or self.component(claim) in ("new", "additional", "total")

    def levels(self, topic: str | None = None) -> list[dict]:
        if topic not in self._cache:
            self._cache[topic] = [c for c in self.claims if self.is_level(c) and _topic_ok(c.get("topic"), topic)]
        return self._cache[topic]

    def wholes(self, topic: str | None, near: dict) -> list[dict]:
        """The levels whose words may name them a whole (a component, a 'total' or 'whole' word),
        the ones nearest `near` first."""
        if ("wholes", topic) not in self._cache:
            self._cache[("wholes", topic)] = [c for c in self.levels(topic) if self.component(c) is not None or self.says(c, "in_all") or self.says(c, "whole")]
            self._cache[("starts", topic)] = [c.get("start", 0) for c in self._cache[("wholes", topic)]]
        found = self._cache[("wholes", topic)]
        at = bisect.bisect_left(self._cache[("starts", topic)], near.get("start", 0)) if len(found) > 4 * WHOLE_CHOICES else 0
        nearby = found[max(0, at - 2 * WHOLE_CHOICES) : at + 2 * WHOLE_CHOICES] if at else found[: 4 * WHOLE_CHOICES]
        return sorted(nearby, key=lambda c: abs(c.get("start", 0) - near.get("start", 0)))

    def sentence_before(self, claim: dict) -> list[dict]:
        """The figures of the sentence before a figure's own."""
        at = self.sentence_no.get(_sentence(claim))
        return self.in_sentence[self.sentences[at - 1]] if at else []

    def says(self, claim: dict, mark: str) -> bool:
        """Its words say `mark`, before it ('작년 동기 대비 129억 달러', 'a total of 12,410') or after
        it up to the next figure ('up $12.9 billion year-on-year', '$93.8 billion combined')."""
        if mark in self.marks[id(claim)]:
            return True
        return mark in self.marks_after(claim)

    def marks_after(self, claim: dict) -> set[str]:
        """What the words after a figure say, up to the next figure of its sentence."""
        if id(claim) not in self._after:
            sentence, offset = claim.get("sentence") or "", claim.get("sentence_start")
            later = [o.get("start", 0) for o in self.in_sentence.get(_sentence(claim), []) if o.get("start", 0) > claim.get("start", 0)]
            after = "" if offset is None else sentence[max(0, claim.get("end", 0) - offset) : (min(later) - offset) if later else len(sentence)]
            self._after[id(claim)] = load_cues(claim.get("lang") or "en").marks(after)
        return self._after[id(claim)]

    def near(self, claim: dict, other: dict, sentences: int = 0) -> bool:
        a, b = self.sentence_no.get(_sentence(claim)), self.sentence_no.get(_sentence(other))
        return a is not None and b is not None and 0 <= a - b <= sentences


def _topic_ok(topic: str | None, wanted: str | None) -> bool:
    """Topics agree, or one is not told ('other' is what extraction says when it cannot tell)."""
    return wanted is None or topic in (wanted, "other", None) or wanted == "other"


def _year(period: str) -> str:
    """The year a period lies in ('2016-01/2016-05' and '2016-05' in 2016), else the period itself."""
    ends = {end[:4] for end in period.split("/")}
    return ends.pop() if len(ends) == 1 else period


def _same_time(*claims: dict) -> bool:
    """Stated times in one year: a period read as the month it ends ('2016-05' for January to May)
    or as its year still meets the figures it goes with; a time not stated meets any."""
    return len({_year(c["period"]) for c in claims if c.get("period")}) <= 1


def _topics(relation: Relation, read: Read) -> list[str | None]:
    return relation.topics or sorted({c.get("topic") for c in read.claims if c.get("topic")})


def _named(trial: Trial, roles: list[str]) -> Trial:
    """The trial with its figures' roles said as the reader says them ('new', 'additional'; 'KR', 'JP')."""
    return trial.model_copy(update={"figures": [(role, claim) for role, (_, claim) in zip(roles, trial.figures, strict=True)]})


def _fits(relation: Relation, trials: list[Trial], approx: float) -> Finding | None:
    """The best trial, told only when it fits (a miss is withheld: counted, not told)."""
    return _finding(relation, trials, approx, ambiguous=True, note=LOOSE)


# --- the relations ----------------------------------------------------------------------------------
def component_sum(relation: Relation, read: Read, approx: float) -> Iterator[Finding]:
    """New + additional = total registered: each pair of parts against the totals of its time."""
    for topic in _topics(relation, read):
        levels = read.levels(topic)
        by = {name: [c for c in levels if read.component(c) == name] for name in COMPONENTS}
        unmarked = [c for c in levels if read.component(c) is None]
        for parts in _choices(*(by[name] for name in relation.components)):
            if len({c.get("unit") for c in parts}) != 1 or not _same_time(*parts):
                continue
            wholes = [w for w in by[relation.whole] + unmarked if w.get("unit") == parts[0].get("unit") and _same_time(w, *parts) and all(w is not p for p in parts)]
            trials = [_named(_trial_sum(w, list(parts), approx), [relation.whole, *relation.components]) for w in wholes]
            found = _fits(relation, trials, approx)
            if found:
                yield found


def combined_sum(relation: Relation, read: Read, approx: float) -> Iterator[Finding]:
    """'The two together': a figure whose words say it combines the figures of named actors, against
    pairs and triples of the figures of different actors in its sentence or the two before."""
    for whole in read.levels():
        if not read.says(whole, "combined") or (relation.topics and whole.get("topic") not in relation.topics):
            continue
        parts = [c for c in read.levels(whole.get("topic")) if c is not whole and c.get("subject") and c.get("unit") == whole.get("unit")
                 and read.near(whole, c, NEAR_SENTENCES) and _same_time(whole, c) and c.get("start", 0) < whole.get("start", 0)][-COMBINED_PARTS:]  # fmt: skip
        trials = [_named(_trial_sum(whole, list(group), approx), ["combined", *(c["subject"] for c in group)]) for size in (2, 3)
                  for group in combinations(parts, size) if len({c["subject"] for c in group}) == size]  # fmt: skip
        found = _fits(relation, trials, approx)
        if found:
            yield found


def listed_sum(relation: Relation, read: Read, approx: float) -> Iterator[Finding]:
    """The figures one sentence lists (three or more of one unit) against the figure it calls their
    total ('... 200 in construction, 15,374 in all'), else against a figure of the document they fit."""
    by_sentence: dict = {}
    for claim in read.levels():
        by_sentence.setdefault((_sentence(claim), claim.get("unit")), []).append(claim)
    for (sentence, unit), listed in by_sentence.items():
        topic = next((c["topic"] for c in listed if c.get("topic") not in (None, "other")), None)
        if relation.topics and topic not in relation.topics:
            continue
        stated = [c for c in listed if read.says(c, "in_all") and c is not listed[0]]
        if stated:
            whole = stated[-1]
            parts = [c for c in listed if c is not whole and c.get("start", 0) < whole.get("start", 0)]
            wholes = [whole] if len(parts) >= 2 else []
        else:
            parts = listed
            subjects = {p.get("subject") for p in parts} - {None}  # a whole of one actor sums no figures of others ('China 1.12 million' is no sum of China, Japan, ...)
            total = sum(_point(p) for p in parts)  # a whole they do not name must be close to their sum (CLOSE)
            wholes = [c for c in read.levels(topic) if _sentence(c) != sentence and c.get("unit") == unit and (c.get("subject") is None or subjects <= {c.get("subject")})
                      and abs(_point(c) - total) <= CLOSE * abs(_point(c))] if len(parts) >= 3 else []  # fmt: skip
        wholes = [w for w in wholes if _same_time(w, *parts)]
        trials = [_trial_sum(w, parts, approx) for w in wholes]
        if not stated:
            trials = [t for t in trials if t.off <= CLOSE * abs(t.stated or 0)]
        found = _fits(relation, trials, approx)
        if found:
            yield found


def _shares(read: Read) -> list[tuple[dict, list[dict]]]:
    """Each share with the figures that may be its part: the two just before it in its sentence
    ('$3.99 billion, 35% of the total'; '60 countries' may stand between), else the two nearest
    earlier figures of the share's subject ('Korea poured $3.99 billion ... Korea held 35.37%')."""
    if read._shares is not None:
        return read._shares
    pairs = []
    for share in read.claims:
        if share.get("unit") != "%" or share.get("base") is not None or share.get("direction") or share.get("metric") not in ("share", None):
            continue
        sentence = read.in_sentence.get(_sentence(share), [])
        level = {id(c) for c in read.levels(share.get("topic"))}
        own = [c for c in sentence if c.get("start", 0) < share.get("start", 0) and id(c) in level]
        alone = sum(1 for c in sentence if c.get("unit") == "%") == 1
        if not own and share.get("subject") and alone:  # a sentence of several shares ('51%, 24% and 10%') lists parts of another figure
            near = read.sentence_before(share) + [c for c in sentence if c.get("start", 0) < share.get("start", 0)]
            own = [c for c in near if c.get("subject") == share["subject"] and id(c) in level]
        if own:
            pairs.append((share, own[-PART_CHOICES:]))
    read._shares = pairs
    return pairs


def _trial_share(share: dict, part: dict, whole: dict, approx: float) -> Trial | None:
    """A share may be truncated rather than rounded ('4.9%' for 4.98%): it allows up to its next unit."""
    quotient = _quotient(allows(part, approx), allows(whole, approx))
    if quotient is None or _point(whole) == 0:
        return None
    low, high = allows(share, approx)
    high += high - low if share.get("qualifier", "exact") == "exact" else 0.0
    return Trial(stated=_point(share), implied=_point(part) / _point(whole) * 100, implied_low=quotient[0] * 100, implied_high=quotient[1] * 100,
                 stated_low=low, stated_high=high, figures=[("share", share), ("part", part), ("total", whole)])  # fmt: skip


def _named_whole_trials(read: Read, share: dict, parts: list[dict], approx: float) -> list[Trial]:
    """A share against a whole the document names: a total (new and additional), a figure its own
    words name ('38% of new registered capital': the new capital), a figure called a total or the
    whole ('총 202억 달러', '전체 FDI'), or a larger figure of the share's own sentence ('2,260 billion won, 65% of 3,500')
    or of the sentence before it (the whole a sentence breaks down)."""
    if ("named", id(share)) in read._cache:
        return read._cache[("named", id(share))]
    named = read.component_said(share)
    trials = []
    for part in parts:
        named_wholes = [c for c in read.wholes(part.get("topic"), share) if read.component(c) in ("total", named or "total") or read.says(c, "in_all") or read.says(c, "whole")]
        near = read.in_sentence.get(_sentence(share), []) + read.sentence_before(share)  # '18 million came. Of them, Asians were 14.3 million (79.9%)'
        own = [c for c in near if read.is_level(c) and _topic_ok(c.get("topic"), part.get("topic"))]
        wholes = {id(c): c for c in named_wholes + own if c is not part and c.get("unit") == part.get("unit") and _point(c) > _point(part) and _same_time(c, part, share)}
        nearest = sorted(wholes.values(), key=lambda c: abs(c.get("start", 0) - share.get("start", 0)))[:WHOLE_CHOICES]
        trials += [t for w in nearest for t in [_trial_share(share, part, w, approx)] if t]
    read._cache[("named", id(share))] = trials
    return trials


def part_share(relation: Relation, read: Read, approx: float) -> Iterator[Finding]:
    """A share against its part and a whole the document names."""
    for share, parts in _shares(read):
        if relation.topics and share.get("topic") not in relation.topics:
            continue
        found = _fits(relation, _named_whole_trials(read, share, parts, approx), approx)
        if found:
            yield found


def _trial_common(s1: dict, p1: dict, s2: dict, p2: dict, approx: float) -> Trial | None:
    """The second share against the whole the first share and its part imply (a part restated with
    its share tells nothing)."""
    if p1.get("unit") != p2.get("unit") or p1.get("value") == p2.get("value") or not _topic_ok(p1.get("topic"), p2.get("topic")) or not _same_time(s1, p1, s2, p2) or _point(s1) == 0:
        return None
    whole = _quotient(allows(p1, approx), tuple(x / 100 for x in allows(s1, approx)))
    implied = _quotient(allows(p2, approx), whole) if whole else None
    if implied is None:
        return None
    low, high = allows(s2, approx)
    return Trial(stated=_point(s2), implied=_point(p2) / (_point(p1) / _point(s1)), implied_low=implied[0] * 100, implied_high=implied[1] * 100,
                 stated_low=low, stated_high=high, figures=[("share", s2), ("part", p2), ("other part", p1), ("its share", s1)])  # fmt: skip


def _near_wholes(s1: dict, p1: dict, s2: dict, p2: dict) -> bool:
    """The wholes two shares imply are within a fifth of each other (cheap, before a trial is made)."""
    if not _point(s1) or not _point(s2):
        return False
    w1, w2 = _point(p1) / _point(s1), _point(p2) / _point(s2)
    return w1 > 0 and w2 > 0 and max(w1, w2) <= 1.2 * min(w1, w2)


def common_whole(relation: Relation, read: Read, approx: float) -> Iterator[Finding]:
    """Shares of one whole imply the same whole ('Korea $2.48 billion, 48.8%; Singapore $502.1
    million, 9.9%'): each share whose whole the document does not name, against the shares
    before it (the best fit is told)."""
    pairs = [(s, ps) for s, ps in _shares(read) if not relation.topics or s.get("topic") in relation.topics]
    for index, (s2, p2s) in enumerate(pairs):
        named = _finding(relation, _named_whole_trials(read, s2, p2s, approx), approx, ambiguous=True, note=LOOSE)
        if named is not None and named.status == "consistent":
            continue  # checked against the whole itself
        trials = [t for s1, p1s in pairs[max(0, index - EARLIER_SHARES) : index] for p1 in p1s for p2 in p2s
                  if _near_wholes(s1, p1, s2, p2) for t in [_trial_common(s1, p1, s2, p2, approx)] if t]  # fmt: skip
        if named is not None:  # a named whole it misses outweighs a loose fit: only a fit at the share's own precision is told
            trials = [t for t in trials if t.off <= 2 * half_unit(s2)]
        found = _fits(relation, trials, approx)
        if found:
            yield found


def increase_bound(relation: Relation, read: Read, approx: float) -> Iterator[Finding]:
    """An increase stated in an amount right after the level it led to ('$3.8 billion, up $12.9
    billion on a year earlier'): the level before would be below zero."""
    for change in read.claims:
        if change.get("base") != "change" or change.get("direction") != "up" or change.get("label") != "MONEY" or read.is_level(change):
            continue
        if not read.says(change, "year_before"):  # 'investors added $3.94 billion to existing projects' is no change over a year
            continue
        if (relation.topics and change.get("topic") not in relation.topics) or "balance" in (change.get("metric") or ""):
            continue
        before = [c for c in read.in_sentence.get(_sentence(change), []) if c.get("start", 0) < change.get("start", 0)]
        if not before or before[-1].get("unit") != change.get("unit") or before[-1].get("label") != "MONEY" or before[-1].get("base") is not None:
            continue
        level = before[-1]
        (c_low, c_high), (_, l_high) = allows(change, approx), allows(level, approx)
        trial = Trial(stated=_point(change), implied=_point(level), implied_low=0.0, implied_high=l_high, stated_low=c_low, stated_high=c_high,
                      figures=[("increase", change), ("level reached", level)])  # fmt: skip
        found = _finding(relation, [trial], approx, ambiguous=False)
        if found is not None and found.status == "inconsistent":  # a fit says little: most increases are smaller than their level
            found.reason += "; an increase larger than the level it reached leaves the level before it below zero"
            yield found


def _two_digits(percent: dict) -> bool:
    """A percentage shown with two digits or more: a loose relation that '2%' fits says little (any
    two figures within a point of it do)."""
    return half_unit(percent) <= 0.05 * abs(_point(percent)) + 1e-12


RATIO_SENTENCES = 3  # the level a ratio to another actor's level speaks of is in the sentences before it


def _ratios(read: Read) -> Iterator[tuple[dict, list[dict]]]:
    """Each percentage that is no change, with the levels it may be taken of: the one just before and
    the one just after it in its sentence ('중국(2천676억달러)의 30%', '30% of trade with China
    ($267.66 billion)'), and those of the sentence before ('China ($272.9 billion) ... 32% of China's')."""
    for ratio in read.claims:
        if ratio.get("unit") != "%" or ratio.get("base") not in (None, "ratio") or ratio.get("direction") or ratio.get("metric") not in ("share", None):
            continue
        own = [c for c in read.in_sentence.get(_sentence(ratio), []) if read.is_level(c)]
        before = [c for c in own if c.get("start", 0) < ratio.get("start", 0)][-1:]
        after = [c for c in own if c.get("start", 0) > ratio.get("start", 0)][:1]
        others = before + after + [c for c in read.sentence_before(ratio) if read.is_level(c)]
        if others:
            yield ratio, others


def level_ratio(relation: Relation, read: Read, approx: float) -> Iterator[Finding]:
    """'Trade with Vietnam is 32% of trade with China ($272.9 billion)': a level of the sentences before
    the percentage (not of its own sentence, where a share's part stands) over another actor's level
    of the same metric beside it (or of a metric not read: "China's $267.66 billion" often has none)."""
    for ratio, others in _ratios(read):
        if (relation.topics and ratio.get("topic") not in relation.topics) or not _two_digits(ratio):
            continue
        trials = []
        for other in others:
            levels = [c for c in read.levels(other.get("topic")) if c is not other and read.near(ratio, c, RATIO_SENTENCES) and _sentence(c) not in (_sentence(ratio), _sentence(other))
                      and c.get("unit") == other.get("unit") and other.get("metric") in (c.get("metric"), None) and _same_time(c, other)]  # fmt: skip
            trials += [t for level in levels for t in [_trial_share(ratio, level, other, approx)] if t and t.off <= 2 * half_unit(ratio)]  # loosely related: a fit at the ratio's own precision
        found = _fits(relation, [_named(t, ["ratio", "level", "other level"]) for t in trials], approx)
        if found:
            yield found


def _growth_levels(read: Read, rate: dict) -> list[dict]:
    """The levels a change of no metric may be between: two of its own sentence ('from 79.4 to 86.7,
    up 9.2%'), else its sentence's one and the sentence before's ('272,573 students. That is 17.5%
    more than a year earlier (232,031)')."""
    def levels(sentence: list[dict]) -> list[dict]:
        return [c for c in sentence if read.is_level(c) and c.get("unit") not in (None, "%") and _topic_ok(c.get("topic"), rate.get("topic"))]

    own = levels(read.in_sentence.get(_sentence(rate), []))
    return own if len(own) >= 2 else own + levels(read.sentence_before(rate)) if own else []


def level_growth(relation: Relation, read: Read, approx: float) -> Iterator[Finding]:
    """A percentage change whose metric extraction did not read, against two levels of one unit
    beside it, either way round; told only when it fits at the rate's own precision."""
    for rate in read.claims:
        if rate.get("unit") != "%" or rate.get("base") != "change" or rate.get("metric") is not None:
            continue
        if (relation.topics and rate.get("topic") not in relation.topics) or not _two_digits(rate):
            continue
        levels = _growth_levels(read, rate)
        trials = [t for sign in _signs(rate) for new, old in combinations(levels, 2) for pair in ((new, old), (old, new)) if pair[0].get("unit") == pair[1].get("unit")
                  for t in [_trial_growth(rate, pair[0], pair[1], approx, sign)] if t and t.off <= 4 * half_unit(rate)]  # fmt: skip
        found = _fits(relation, trials, approx)
        if found:
            yield found


WITHIN = {"component_sum": component_sum, "combined_sum": combined_sum, "listed_sum": listed_sum, "part_share": part_share,
          "common_whole": common_whole, "increase_bound": increase_bound, "level_ratio": level_ratio,
          "level_growth": level_growth}  # fmt: skip
