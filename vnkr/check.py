"""Checking the arithmetic: figures that imply one another (exports + imports = turnover, this year's
level = last year's × (1 + growth), "164 times since 1992", a share of a total, the ranks of one list)
either fit together within the rounding they are shown at, or one of them is misprinted or misread.

The relations are data (resources/check/relations.toml); this module finds the figures that fill
each relation's roles and judges them. Figures are related only when their frame (subject,
counterpart, scope), unit and modality are the same and their periods the same (or the year before,
for a growth rate). Figures whose period is not stated are related among themselves within one
document (a rate only to the levels of its own sentence), and then told only when they fit: a fit
within rounding is itself evidence they are of one time, a miss may be two times. A role that a
document fills with two different figures is ambiguous: the relation is `consistent` when some
choice fits, and a miss is withheld (counted, not told) rather than called `inconsistent`.

Across documents, a growth rate or a multiple is checked against the levels that compare's groups
(each document's reading, per period; conflicting groups left out) give for both times; a miss is
told only when every level another document gives is corroborated by a third.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr, ValidationError, field_validator

from vnkr.compare import OPEN, compare, describe, interval, is_range
from vnkr.rules import RESOURCES, RulesError, Strict, _format_error, _load_toml

Kind = Literal["sum", "difference", "growth", "ratio", "multiple", "share", "rank_sequence",
               "component_sum", "combined_sum", "listed_sum", "part_share", "common_whole", "increase_bound", "level_ratio", "level_growth"]  # the last eight: check_parts
Status = Literal["consistent", "inconsistent"]
RELATIONS = RESOURCES / "check" / "relations.toml"
MAX_CHOICES = 64  # combinations of ambiguous figures tried for one relation
ROLE = re.compile(r"^[a-z_]+:(AB|BA|-B|A-)\??$")


# --- rules ---------------------------------------------------------------------------------
class Relation(Strict):
    id: str = Field(min_length=1)
    example: str = Field(min_length=1)
    kind: Kind
    total: list[str] = []
    parts: list[list[str]] = []
    result: list[str] = []
    minuend: list[str] = []
    subtrahend: list[str] = []
    absolute: bool = False
    rate: list[str] = []
    level: list[str] = []
    multiple: list[str] = []
    share: list[str] = []
    part: list[str] = []
    ranks: list[str] = []
    topics: list[str] = []  # check_parts' relations: the topics whose figures they relate (none: every topic)
    whole: str | None = None  # component_sum: the component the others add up to ("total")
    components: list[str] = []  # component_sum: the parts ("new", "additional")

    @field_validator("total", "result", "minuend", "subtrahend", "rate", "level", "multiple", "share", "part")
    @classmethod
    def _roles(cls, values: list[str]) -> list[str]:
        for value in values:
            if not ROLE.match(value):
                raise ValueError(f"{value!r} is not metric:AB, metric:BA, metric:-B or metric:A- (with ? for either orientation)")
        return values

    def needs(self) -> dict[str, tuple[str, ...]]:
        """The roles a relation of this kind must name."""
        return {
            "sum": ("total", "parts"), "difference": ("result", "minuend", "subtrahend"), "growth": ("rate", "level"),
            "ratio": ("rate", "level"), "multiple": ("multiple", "level"), "share": ("share", "part", "total"), "rank_sequence": ("ranks",),
            "component_sum": ("whole", "components"),
        }.get(self.kind, ())  # fmt: skip


class Tolerance(Strict):
    approx: float = Field(default=0.05, ge=0, lt=1)  # relative width of "about", "nearly"


class Relations(Strict):
    tolerance: Tolerance = Tolerance()
    relation: list[Relation] = []


def parse_relations(data: dict, source: str) -> Relations:
    try:
        relations = Relations.model_validate(data)
    except ValidationError as error:
        raise RulesError(_format_error(source, error)) from None
    seen = set()
    for index, relation in enumerate(relations.relation):
        if relation.id in seen:
            raise RulesError(f"{source}: relation[{index}].id: duplicate id {relation.id!r}")
        seen.add(relation.id)
        missing = [name for name in relation.needs() if not getattr(relation, name)]
        if missing:
            raise RulesError(f"{source}: relation[{index}]: a {relation.kind} relation needs {', '.join(missing)}")
    return relations


@lru_cache(maxsize=4)
def load_relations(extra: Path | None = None) -> Relations:
    """The shipped relations, and a user's file's `[[relation]]` tables over them (same id replaces)."""
    shipped = parse_relations(_load_toml(RELATIONS, "missing; the shipped rules are incomplete (reinstall vnkr)"), "vnkr/resources/check/relations.toml")
    if extra is None:
        return shipped
    data = _load_toml(Path(extra), "no such rules file")
    user = parse_relations(data, str(extra))
    by_id = {r.id: r for r in shipped.relation} | {r.id: r for r in user.relation}
    return Relations(tolerance=user.tolerance if "tolerance" in data else shipped.tolerance, relation=list(by_id.values()))


# --- findings ------------------------------------------------------------------------------
class Figure(BaseModel):
    """One figure a finding relates: where it is, what it says, what it allows."""

    role: str
    id: str
    doc: str
    text: str
    value: float | None
    low: float  # the least and most it allows, at its rounding and qualifier
    high: float
    qualifier: str
    metric: str | None
    period: str | None
    sentence: str


class Finding(BaseModel):
    kind: Literal["check"] = "check"
    rule: str
    relation: Kind
    status: Status
    across: bool  # figures of several documents
    checked: str  # the role of the figure the others are tested against
    stated: float | None  # what that figure says (a signed change for a rate)
    implied: float | None  # what the other figures make of it
    implied_low: float | None = None
    implied_high: float | None = None
    miss: float  # how far the stated figure's allowed values lie from the implied ones (0: they meet)
    off: float  # |implied - stated|: the gap before rounding is allowed for
    within_rounding: bool  # off > 0 but the figures meet at their shown precision
    unit: str | None
    reason: str
    note: str | None = None
    figures: list[Figure]
    _withheld: bool = PrivateAttr(default=False)  # a miss that may not be told (see _finding)


class CheckResult(BaseModel):
    findings: list[Finding]
    claims: int  # claims read
    withheld: int = 0  # relations that missed but are not told: a role filled twice, a time not stated, a level of one source, parts of a whole related by their words (check_parts)

    @property
    def inconsistent(self) -> int:
        return sum(1 for f in self.findings if f.status == "inconsistent")


# --- precision -----------------------------------------------------------------------------
def half_unit(claim: dict, value: float | None = None) -> float:
    """Half the unit of the last digit a figure is shown with: '9.2%' 0.05, '$86.7 billion' 0.05e9,
    '$500 million' 50e6 (trailing zeros of a whole number are not taken as significant; of a
    decimal part they are: '$80.0 billion' 0.05e9; a percentage is to its unit: '30%' 0.5), '534억9천만' 5e6.
    A rank is exact; a figure written in words ('double') is taken to one digit."""
    value = claim.get("value") if value is None else value
    text = claim.get("text") or ""
    if claim.get("unit") == "rank" or value is None or not math.isfinite(value):
        return 0.0
    if value == 0:  # '0%', '0.0%': half the last decimal shown
        decimals = DECIMALS.search(text)
        return 0.5 * 10 ** -(len(decimals[1]) if decimals else 0)
    digits = re.sub(r"\D", "", text).lstrip("0")
    if not DECIMALS.search(text) and claim.get("unit") != "%":  # '$80.0 billion' shows its zero, '$500 million' not; '30%' is to the unit
        digits = digits.rstrip("0")
    shown = min(max(len(digits), 1), 15)
    return 0.5 * 10 ** (math.floor(math.log10(abs(value))) - shown + 1)


def allows(claim: dict, approx: float) -> tuple[float, float]:
    """The values a figure allows: its qualifier's interval, widened by its rounding."""
    if is_range(claim):
        low, high = float(claim["low"]), float(claim["high"])
        return low - half_unit(claim, low), high + half_unit(claim, high)
    low, high = interval(float(claim["value"]), claim.get("qualifier", "exact"), approx)
    slack = half_unit(claim)
    return low - slack, high + slack


# --- time ----------------------------------------------------------------------------------
def year_before(period: str | None) -> str | None:
    """The same span a year earlier: '2024' → '2023', '2022-01/2022-11' → '2021-01/2021-11'."""
    if not period:
        return None
    parts = []
    for end in period.split("/"):
        match = re.fullmatch(r"(\d{4})(-\d{2})?", end)
        if not match:
            return None  # a day: "the year before" of a date is no period a level is given for
        parts.append(f"{int(match[1]) - 1}{match[2] or ''}")
    return "/".join(parts)


DECIMALS = re.compile(r"\d[.,](\d{1,2}|\d{4,})(?!\d)")  # a decimal part: not the three digits of a thousands group
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


# --- slots: the figures of one metric, frame and time in one document ---------------------------
def _role(spec: str, a: str | None, b: str | None) -> tuple[str, str | None, str | None]:
    metric, _, frame = spec.rstrip("?").partition(":")
    actor = {"A": a, "B": b, "-": None}
    return metric, actor[frame[0]], actor[frame[1]]


def _usable(claim: dict) -> bool:
    return claim.get("modality", "reported") == "reported" and claim.get("label") != "DATE" and (claim.get("value") is not None or is_range(claim))


class Index:
    """A document's figures by (metric, subject, counterpart, scope, period, is-a-change)."""

    def __init__(self, claims: list[dict]):
        self.slots: dict[tuple, list[dict]] = {}
        for claim in claims:
            if _usable(claim) and claim.get("metric"):
                change = claim.get("base") in ("change", "ratio") or claim["metric"].endswith("_change")
                key = (claim["metric"], claim.get("subject"), claim.get("counterpart"), claim.get("scope"), claim.get("period"), change)
                self.slots.setdefault(key, []).append(claim)

    def periods(self, specs: list[str], a, b, scope, change: bool = False) -> list[str | None]:
        """The periods, stated or not, for which the document gives figures of these roles."""
        wanted = {(m, s, c) for spec in specs for m, s, c in [_role(spec, a, b)] + ([_role(spec, b, a)] if spec.endswith("?") else [])}
        return sorted({k[4] for k in self.slots if (k[0], k[1], k[2]) in wanted and k[3] == scope and k[5] == change}, key=lambda p: p or "")

    def find_any(self, specs: list[str], a, b, scope, change: bool = False) -> list[dict]:
        """The figures of these roles whatever their period."""
        return [c for period in self.periods(specs, a, b, scope, change) for c in self.find(specs, a, b, scope, period, change)]

    def find(self, specs: list[str], a, b, scope, period, change: bool = False) -> list[dict]:
        out = []
        for spec in specs:
            metric, subject, counterpart = _role(spec, a, b)
            out += self.slots.get((metric, subject, counterpart, scope, period, change), [])
            if spec.endswith("?") and subject != counterpart:  # either orientation
                out += self.slots.get((metric, counterpart, subject, scope, period, change), [])
        return out


def _distinct(claims: list[dict], per_doc: bool = False) -> list[dict]:
    """One claim per figure (a document repeating '$86.7 billion' states one figure); with
    `per_doc`, one per figure and document (two documents stating '9.2%' are two checks)."""
    seen: dict[tuple, dict] = {}
    for claim in sorted(claims, key=lambda c: (c["doc"], c.get("start", 0)) if per_doc else c.get("start", 0)):
        key = (claim.get("value"), claim.get("low"), claim.get("high"), claim.get("qualifier"), claim.get("unit"))
        seen.setdefault((claim["doc"], *key) if per_doc else key, claim)
    return list(seen.values())


def _units_agree(claims: Iterable[dict]) -> bool:
    return len({c.get("unit") for c in claims}) == 1


# --- evaluation ----------------------------------------------------------------------------
class Trial(BaseModel):
    """One choice of figures for a relation's roles, judged."""

    stated: float | None
    implied: float | None
    implied_low: float
    implied_high: float
    stated_low: float
    stated_high: float
    figures: list[tuple[str, dict]]
    signs: str = ""

    @property
    def miss(self) -> float:
        return max(0.0, self.stated_low - self.implied_high, self.implied_low - self.stated_high)

    @property
    def off(self) -> float:
        if self.stated is None or self.implied is None:
            return self.miss
        return abs(self.implied - self.stated)


def _sum(lows: list[float], highs: list[float]) -> tuple[float, float]:
    return sum(lows), sum(highs)


def _quotient(num: tuple[float, float], den: tuple[float, float]) -> tuple[float, float] | None:
    if den[0] <= 0:
        return None
    return num[0] / den[1], num[1] / den[0]


def _signed_rate(claim: dict, approx: float, sign: int) -> tuple[float, float, float]:
    """A change as a signed percentage, with the values it allows: 'down 2.9%' → -2.9; a ratio
    ('139.7% of last year') → +39.7."""
    low, high = allows(claim, approx)
    value = float(claim["value"]) if claim.get("value") is not None else (low + high) / 2
    if claim.get("base") == "ratio":
        return value - 100, low - 100, high - 100
    if sign < 0:
        return -value, -high, -low
    return value, low, high


def _signs(claim: dict) -> list[int]:
    """The directions a change may have: its own, or both when the text did not say."""
    direction = claim.get("direction")
    if claim.get("base") == "ratio" or direction == "up":
        return [1]
    if direction == "down":
        return [-1]
    return [1, -1]


def _point(claim: dict) -> float:
    return float(claim["value"]) if claim.get("value") is not None else (float(claim["low"]) + float(claim["high"])) / 2


def _trial_sum(total: dict, parts: list[dict], approx: float) -> Trial:
    bounds = [allows(p, approx) for p in parts]
    low, high = _sum([b[0] for b in bounds], [b[1] for b in bounds])
    t_low, t_high = allows(total, approx)
    return Trial(stated=_point(total), implied=sum(_point(p) for p in parts), implied_low=low, implied_high=high, stated_low=t_low, stated_high=t_high,
                 figures=[("total", total), *(("part", p) for p in parts)])  # fmt: skip


def _trial_difference(result: dict, minuend: dict, subtrahend: dict, absolute: bool, approx: float) -> Trial:
    (m_low, m_high), (s_low, s_high) = allows(minuend, approx), allows(subtrahend, approx)
    low, high = m_low - s_high, m_high - s_low
    implied = _point(minuend) - _point(subtrahend)
    if absolute:
        low, high = (0.0 if low <= 0 <= high else min(abs(low), abs(high))), max(abs(low), abs(high))
        implied = abs(implied)
    r_low, r_high = allows(result, approx)
    return Trial(stated=_point(result), implied=implied, implied_low=low, implied_high=high, stated_low=r_low, stated_high=r_high,
                 figures=[("result", result), ("minuend", minuend), ("subtrahend", subtrahend)])  # fmt: skip


def _trial_growth(rate: dict, new: dict, old: dict, approx: float, sign: int) -> Trial | None:
    """A rate against the levels of its time and the year before: percent ('up 9.2%'), ratio
    ('109.2% of last year') or amount ('up $7.3 billion')."""
    n, o = allows(new, approx), allows(old, approx)
    figures = [("rate", rate), ("new", new), ("old", old)]
    if rate.get("unit") == "%":
        quotient = _quotient(n, o)
        if quotient is None or _point(old) == 0:
            return None
        stated, low, high = _signed_rate(rate, approx, sign)
        implied = (_point(new) / _point(old) - 1) * 100
        return Trial(stated=stated, implied=implied, implied_low=(quotient[0] - 1) * 100, implied_high=(quotient[1] - 1) * 100, stated_low=low, stated_high=high,
                     figures=figures, signs="+" if sign > 0 else "-")  # fmt: skip
    if rate.get("unit") != new.get("unit"):
        return None
    r_low, r_high = allows(rate, approx)
    stated = _point(rate) * sign
    if sign < 0:
        r_low, r_high = -r_high, -r_low
    return Trial(stated=stated, implied=_point(new) - _point(old), implied_low=n[0] - o[1], implied_high=n[1] - o[0], stated_low=r_low, stated_high=r_high,
                 figures=figures, signs="+" if sign > 0 else "-")  # fmt: skip


def _trial_quotient(stated: dict, num: dict, den: dict, roles: tuple[str, str, str], scale: float, approx: float) -> Trial | None:
    quotient = _quotient(allows(num, approx), allows(den, approx))
    if quotient is None or _point(den) == 0:
        return None
    s_low, s_high = allows(stated, approx)
    return Trial(stated=_point(stated), implied=_point(num) / _point(den) * scale, implied_low=quotient[0] * scale, implied_high=quotient[1] * scale,
                 stated_low=s_low, stated_high=s_high, figures=[(roles[0], stated), (roles[1], num), (roles[2], den)])  # fmt: skip


# --- building findings ---------------------------------------------------------------------
def _figure(role: str, claim: dict, approx: float) -> Figure:
    low, high = allows(claim, approx)
    return Figure(role=role, id=claim.get("id") or f"{claim['doc']}:{claim.get('start')}-{claim.get('end')}", doc=claim["doc"], text=claim["text"],
                  value=claim.get("value"), low=low, high=high, qualifier=claim.get("qualifier", "exact"), metric=claim.get("metric"),
                  period=claim.get("period"), sentence=claim.get("sentence") or "")  # fmt: skip


def _shown(value: float | None, unit: str | None) -> str:
    if value is None:
        return "?"
    if unit == "%":
        return f"{value:+.4g}%"
    return describe({"label": "X", "value": value, "unit": unit, "qualifier": "exact", "text": ""})


def _says_little(trial: Trial, approx: float) -> bool:
    """A fit that only an open bound makes, far from the figure ('over 80%' against 169%)."""
    open_ended = any(c.get("qualifier") in OPEN for _, c in trial.figures)
    return open_ended and trial.miss == 0 and trial.off > 2 * approx * max(abs(trial.stated or 0), abs(trial.implied or 0))


def _finding(relation: Relation, trials: list[Trial], approx: float, ambiguous: bool, note: str | None = None) -> Finding | None:
    """The best of the trials: a fit if any (consistent), else the nearest miss (inconsistent). A
    miss is withheld (counted, not told) when a role was ambiguous or a `note` says the figures may
    be of two times or frames. A fit that only an open bound makes tells nothing: it is left out."""
    trials = [t for t in trials if not _says_little(t, approx)]
    if not trials:
        return None
    best = min(trials, key=lambda t: (t.miss, t.off))
    status: Status = "consistent" if best.miss <= 1e-9 * max(1.0, abs(best.stated or 0)) else "inconsistent"
    checked_role, checked = best.figures[0]
    unit = "%" if relation.kind in ("growth", "ratio") and checked.get("unit") == "%" else checked.get("unit")
    unit = "%" if relation.kind in ("share", "part_share", "common_whole", "level_ratio") else ("x" if relation.kind == "multiple" else unit)
    others = ", ".join(f"{describe(c)} ({role})" for role, c in best.figures[1:])
    within = best.off > 0 and status == "consistent"
    def gap(value: float) -> str:  # a difference of percentages is in points
        return f"{value:.3g} points" if unit == "%" else _shown(value, unit).lstrip("+")

    if status == "consistent":
        how = "fits exactly" if best.off <= 1e-9 * max(1.0, abs(best.stated or 0)) else f"fits within rounding (off by {gap(best.off)})"
    else:
        how = f"misses by {gap(best.miss)} beyond rounding"
    reason = f"{checked['text']} ({checked_role}) vs {_shown(best.implied, unit)} implied by {others}: {how}"
    docs = {c["doc"] for _, c in best.figures}
    found = Finding(rule=relation.id, relation=relation.kind, status=status, across=len(docs) > 1, checked=checked_role, stated=best.stated,
                    implied=best.implied, implied_low=best.implied_low, implied_high=best.implied_high, miss=best.miss, off=best.off,
                    within_rounding=within, unit=unit, reason=reason, note=note,
                    figures=[_figure(role, c, approx) for role, c in best.figures])  # fmt: skip
    found._withheld = status == "inconsistent" and (ambiguous or note is not None)
    return found


def _choices(*roles: list[dict], unordered: bool = False) -> list[tuple[dict, ...]]:
    """The ways to fill the roles, each claim in one role at most; as sets when the roles are
    interchangeable (the parts of a sum)."""
    out, seen = [], set()
    for choice in product(*roles):
        ids = [id(c) for c in choice]
        key = frozenset(ids) if unordered else tuple(ids)
        if len(set(ids)) < len(ids) or key in seen:
            continue
        seen.add(key)
        out.append(choice)
        if len(out) >= MAX_CHOICES:
            break
    return out


def _anchors(index: Index, specs: list[str], change: bool = False) -> Iterator[tuple[tuple, list[dict]]]:
    """The slots that fill a relation's first role: each with the actors A, B its frame binds."""
    wanted = {s.partition(":")[0]: s.partition(":")[2] for s in specs}
    for key, claims in index.slots.items():
        metric, subject, counterpart, scope, period, is_change = key
        if metric not in wanted or is_change != change:
            continue
        frame = wanted[metric]
        a, b = (subject, counterpart) if frame == "AB" else (counterpart, subject) if frame == "BA" else (None, counterpart if frame == "-B" else subject)
        if frame in ("AB", "BA") and (a is None or b is None):
            continue  # a frame not read: whose figure it is cannot be told
        yield (a, b, scope, period), claims


SINGLE = "a level stated by one other source only: told only when it fits (a miss may be a misread frame)"
UNTIMED = "time not stated: related because they fit (a miss may be of two times)"


def _in_sentence(claims: list[dict], sentence) -> list[dict]:
    return [c for c in claims if _sentence(c) == sentence]


def _sentence(claim: dict):
    return claim.get("sentence_start", claim.get("sentence"))


def _other_times(index: Index, specs: list[list[str]], a, b, scope, period) -> Iterator[tuple[str | None, list[list[dict]]]]:
    """The roles filled at another time, when the anchor's own time fills none: an anchor whose time
    is not stated meets the figures of any one time; a stated one meets those whose time is not."""
    times = [None] if period else sorted({p for s in specs for p in index.periods(s, a, b, scope)} - {None})
    for time in times:
        roles = [_distinct(index.find(s, a, b, scope, time)) for s in specs]
        if all(roles):
            yield time, roles


def _rivals(index: Index, specs: list[str], a, b, scope, anchor: dict) -> list[dict]:
    """Other figures of an anchor's role in its document, of its time or of none: when one of them
    fits the parts the anchor misses, the anchor may be a figure of another frame ('Korea's trade
    with Japan, $76.68 billion in 2023' read as with Vietnam) and its miss is not told."""
    return [c for c in _distinct(index.find_any(specs, a, b, scope)) if _point(c) != _point(anchor) and c.get("period") in (None, anchor.get("period"))]


def _one_year(index: Index, specs: list[list[str]], a, b, scope) -> bool:
    """The document gives the figures of a relation's roles for one whole year only, some with no
    time stated: those are of that year ('$80.7 billion' beside 2022's exports and imports)."""
    periods = {p for spec in specs for p in index.periods(spec, a, b, scope)}
    stated = periods - {None}
    return None in periods and len(stated) == 1 and re.fullmatch(r"\d{4}", next(iter(stated))) is not None


def _within_sum(relation: Relation, index: Index, approx: float) -> Iterator[Finding]:
    for (a, b, scope, period), totals in _anchors(index, relation.total):
        for total in _distinct(totals):
            parts = [_distinct(index.find(p, a, b, scope, period)) for p in relation.parts]
            timed = all(parts) and period is not None
            for time, found_parts in ([(period, parts)] if all(parts) else _other_times(index, relation.parts, a, b, scope, period)):
                if time != period and any(_point(t) == _point(total) for t in index.find(relation.total, a, b, scope, time)):
                    continue  # the same figure, stated with its time, is checked there
                choices = [c for c in _choices(*found_parts, unordered=True) if total not in c and _units_agree([total, *c])]
                rival_fits = any(_trial_sum(r, list(c), approx).miss == 0 for r in _rivals(index, relation.total, a, b, scope, total) for c in choices if r not in c)
                ambiguous = len(_distinct(totals)) > 1 or len(choices) > 1 or rival_fits
                trials = [_trial_sum(total, list(c), approx) for c in choices]
                one_time = _one_year(index, [relation.total, *relation.parts], a, b, scope)
                found = _finding(relation, trials, approx, ambiguous, None if timed or one_time else UNTIMED)
                if found:
                    yield found


def _within_difference(relation: Relation, index: Index, approx: float) -> Iterator[Finding]:
    for (a, b, scope, period), results in _anchors(index, relation.result):
        for result in _distinct(results):
            specs = [relation.minuend, relation.subtrahend]
            roles = [_distinct(index.find(r, a, b, scope, period)) for r in specs]
            timed = all(roles) and period is not None
            for time, found_roles in ([(period, roles)] if all(roles) else _other_times(index, specs, a, b, scope, period)):
                if time != period and any(_point(r) == _point(result) for r in index.find(relation.result, a, b, scope, time)):
                    continue  # the same figure, stated with its time, is checked there
                choices = [c for c in _choices(*found_roles, unordered=relation.absolute) if result not in c and _units_agree([result, *c])]
                rival_fits = any(_trial_difference(r, m, sub, relation.absolute, approx).miss == 0
                                 for r in _rivals(index, relation.result, a, b, scope, result) for m, sub in choices if r is not m and r is not sub)  # fmt: skip
                ambiguous = len(_distinct(results)) > 1 or len(choices) > 1 or rival_fits
                trials = [_trial_difference(result, m, sub, relation.absolute, approx) for m, sub in choices]
                one_time = _one_year(index, [relation.result, *specs], a, b, scope)
                found = _finding(relation, trials, approx, ambiguous, None if timed or one_time else UNTIMED)
                if found:
                    yield found


def _rate_kind(relation: Relation, rate: dict) -> bool:
    """A growth relation takes changes ('up 9.2%', 'up $7.3 billion'); a ratio relation levels
    stated as a share of the year before ('109.2% of last year')."""
    return (rate.get("base") == "ratio") == (relation.kind == "ratio")


def _growth_trials(relation: Relation, rate: dict, news: list[dict], olds: list[dict], approx: float) -> list[Trial]:
    trials = []
    for sign in _signs(rate):
        for new, old in _choices(news, olds):
            if new is old or not _units_agree([new, old]):
                continue
            trial = _trial_growth(rate, new, old, approx, sign)
            if trial:
                trials.append(trial)
    return trials


def _untimed_levels(relation: Relation, index: Index, rate: dict, a, b, scope) -> list[dict]:
    """The levels a rate whose two times are not both read may relate: those of its own sentence
    ('exports rose 9.1% to $58.3 billion from $53.5 billion'), else, for a rate whose time is not
    stated, the document's levels of that frame ('the surplus shrank 19.5%' with '$27.55 billion'
    and '$34.24 billion in 2022' elsewhere)."""
    levels = index.find_any(relation.level, a, b, scope)
    own = _distinct(_in_sentence(levels, _sentence(rate)))
    if len(own) >= 2 or rate.get("period"):
        return own
    return list({(_point(c), _sentence(c)): c for c in sorted(levels, key=lambda c: -c.get("start", 0))}.values())  # a figure once per sentence: which sentence tells its time (_two_times)


def _two_times(trial: Trial, rate: dict) -> bool:
    """Two levels are of two times when one sentence states both ('from $79.4 billion to $86.7
    billion') or their periods differ: two untimed levels of two sentences may be one figure told
    twice ('over 700,000' and '764,800')."""
    (_, new), (_, old) = trial.figures[1:3]
    return _sentence(new) == _sentence(old) or new.get("period") != old.get("period")


def _within_growth(relation: Relation, index: Index, approx: float) -> Iterator[Finding]:
    for (a, b, scope, period), rates in _anchors(index, relation.rate, change=True):
        for rate in _distinct(rates):
            if not _rate_kind(relation, rate):
                continue
            news = _distinct(index.find(relation.level, a, b, scope, period)) if period else []
            olds = _distinct(index.find(relation.level, a, b, scope, year_before(period))) if period else []
            if news and olds:
                trials = _growth_trials(relation, rate, news, olds, approx)
                found = _finding(relation, trials, approx, len(news) > 1 or len(olds) > 1 or len(_distinct(rates)) > 1)
            else:  # a time not stated or not read: the two levels of its own sentence, else of the document at two times
                levels = _untimed_levels(relation, index, rate, a, b, scope)
                if len(levels) < 2:
                    continue
                trials = [t for t in _growth_trials(relation, rate, levels, levels, approx) if _two_times(t, rate)]
                found = _finding(relation, trials, approx, True, UNTIMED)
            if found:
                yield found


def _base_year(multiple: dict) -> str | None:
    """The year a multiple counts from: the one year its sentence names ('since 1992'), or the
    earlier of two when the other is the multiple's own period ('18-fold by 2024 against 2006') or
    it has none."""
    years = sorted(set(YEAR.findall(multiple.get("sentence") or "")))
    if len(years) == 1:
        return years[0]
    if len(years) == 2 and multiple.get("period") in (years[1], None):  # 'from 2,000 in 1992 to 4.8 million in 2024, 2,400-fold'
        return years[0]
    return None


def _multiple_ends(relation: Relation, multiple: dict, index: Index, a, b, scope, base: str) -> list[dict]:
    """The levels a multiple ends at: those of its own sentence (not of the base year), else those
    of its period when that is not the base year."""
    frames = {_role(spec, a, b) for spec in relation.level}
    levels = [c for (metric, subject, counterpart, scope_, _, change), cs in index.slots.items()
              if (metric, subject, counterpart) in frames and scope_ == scope and not change for c in cs]  # fmt: skip
    ends = [c for c in levels if _sentence(c) == _sentence(multiple) and c.get("period") != base]
    if not ends and multiple.get("period") not in (None, base):
        ends = [c for c in levels if c.get("period") == multiple["period"]]
    return _distinct(ends)


def _within_multiple(relation: Relation, index: Index, approx: float, by_time: dict) -> Iterator[Finding]:
    """'164 times since 1992': the level it ends at over the level of the year its sentence names,
    stated by the document itself or by the others (compare's readings of that year)."""
    for (a, b, scope, _), multiples in _anchors(index, relation.multiple):
        for multiple in _distinct(multiples):
            base = _base_year(multiple)
            if base is None:
                continue
            ends = _multiple_ends(relation, multiple, index, a, b, scope, base)
            bases = _distinct(index.find(relation.level, a, b, scope, base))
            bases = bases or _distinct([c for spec in relation.level for c in by_time.get((*_role(spec, a, b), scope, base), []) if c["doc"] != multiple["doc"]])
            if not ends or not bases:
                continue
            trials = [t for e, o in _choices(ends, bases) if _units_agree([e, o])
                      for t in [_trial_quotient(multiple, e, o, ("multiple", "new", "old"), 1.0, approx)] if t]  # fmt: skip
            timed = all(e.get("period") for e in ends)
            alone = any(not c.get("corroborated") for c in bases if c["doc"] != multiple["doc"])
            note = None if timed else "end time not stated: related within one sentence because they fit"
            note = note or (SINGLE if alone else None)
            found = _finding(relation, trials, approx, len(ends) > 1 or len(bases) > 1 or len(_distinct(multiples)) > 1, note)
            if found:
                yield found


def _within_share(relation: Relation, index: Index, approx: float) -> Iterator[Finding]:
    for (a, b, scope, period), shares in _anchors(index, relation.share):
        if period is None:
            continue
        for share in _distinct(shares):
            parts = [c for c in _distinct(index.find(relation.part, a, b, scope, period)) if _sentence(c) == _sentence(share)]
            totals = _distinct(index.find(relation.total, a, b, scope, period))
            if not parts or not totals:
                continue
            trials = [t for p, w in _choices(parts, totals) if _units_agree([p, w]) for t in [_trial_quotient(share, p, w, ("share", "part", "total"), 100.0, approx)] if t]
            found = _finding(relation, trials, approx, len(parts) > 1 or len(totals) > 1)
            if found:
                yield found


def _ranks(relation: Relation, claims: list[dict], approx: float) -> Iterator[Finding]:
    """The ranks one sentence gives in one ranking (metric, counterpart, scope, period): each actor a
    different rank. Two actors at one rank is a misprint or a misread frame."""
    lists: dict[tuple, list[dict]] = {}
    for claim in claims:
        if _usable(claim) and claim.get("value") is not None and claim.get("metric") in relation.ranks and claim.get("subject") and claim.get("counterpart") and claim.get("period"):
            key = (claim["metric"], claim["counterpart"], claim.get("scope"), claim["period"], _sentence(claim))
            lists.setdefault(key, []).append(claim)
    for key, ranked in lists.items():
        by_actor: dict[str, dict] = {}
        for claim in sorted(ranked, key=lambda c: c.get("start", 0)):
            by_actor.setdefault(claim["subject"], claim)
        if len(by_actor) < 2:
            continue
        chosen = list(by_actor.values())
        ranks = [int(c["value"]) for c in chosen]
        repeated = len(set(ranks)) < len(ranks)
        status: Status = "inconsistent" if repeated else "consistent"
        shown = ", ".join(f"{c['subject']} {int(c['value'])}" for c in chosen)
        reason = f"ranks in one {key[0]} list of {key[1]}: {shown}: " + ("two actors share a rank" if repeated else "no rank repeats")
        yield Finding(rule=relation.id, relation="rank_sequence", status=status, across=False, checked="ranks", stated=None, implied=None,
                      miss=float(len(ranks) - len(set(ranks))), off=0.0, within_rounding=False, unit="rank", reason=reason,
                      figures=[_figure(c["subject"], c, approx) for c in chosen])  # fmt: skip


# --- across documents ------------------------------------------------------------------------
def _levels_by_time(claims: list[dict], approx: float = 0.05) -> dict[tuple, list[dict]]:
    """compare's groups of stated periods (not a conflict): each document's reading, by metric,
    frame and period. A reading that another document's reading is near (within `approx`, point to
    point: 'over 460,000' does not vouch for 'nearly 500 million') is marked `corroborated`."""
    by_id = {c.get("id"): c for c in claims}
    out: dict[tuple, list[dict]] = {}
    for group in compare(claims).groups:
        if group.basis != "period" or group.status in ("conflict", "inconsistent") or group.modality != "reported" or not group.time:
            continue
        readings = [by_id[s.id] for s in group.sources if s.id in by_id]
        for claim in readings:
            if claim.get("base") is not None or (claim.get("metric") or "").endswith("_change") or not claim.get("period"):
                continue
            near = any(o["doc"] != claim["doc"] and abs(_point(o) - _point(claim)) <= approx * abs(_point(claim)) for o in readings)
            out.setdefault((group.metric, group.subject, group.counterpart, group.scope, claim["period"]), []).append({**claim, "corroborated": near})
    return out


def _across_growth(relation: Relation, claims: list[dict], by_time: dict, approx: float) -> Iterator[Finding]:
    """A document's growth rate against the levels other documents give for its time and the year before."""
    index = Index(claims)
    for (a, b, scope, period), rates in _anchors(index, relation.rate, change=True):
        if period is None or year_before(period) is None:
            continue
        for rate in _distinct(rates, per_doc=True):
            if not _rate_kind(relation, rate):
                continue
            own = [c for c in index.find(relation.level, a, b, scope, period) if c["doc"] == rate["doc"]]  # its own, even where sources conflict
            news = own + [c for spec in relation.level for c in by_time.get((*_role(spec, a, b), scope, period), []) if c["doc"] != rate["doc"]]
            olds = [c for spec in relation.level for c in by_time.get((*_role(spec, a, b), scope, year_before(period)), [])]
            if not news or not olds or all(c["doc"] == rate["doc"] for c in [*news, *olds]):
                continue
            trials = [t for t in _growth_trials(relation, rate, _distinct(news), _distinct(olds), approx) if {c["doc"] for _, c in t.figures[1:]} != {rate["doc"]}]
            alone = any(not c.get("corroborated") for c in [*news, *olds] if c["doc"] != rate["doc"])
            found = _finding(relation, trials, approx, False, SINGLE if alone else None)
            if found:
                yield found
