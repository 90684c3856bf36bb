"""Lining claims up across sources: groups of claims about the same thing, and whether they agree.

A group is the claims of one fact: one topic, metric, modality, unit and frame (subject,
counterpart, scope), at one time. A figure of a period groups only with the same period (the
first 11 months of 2022 are not 2022); a stock ("as of") and an event's date group with those
whose times overlap; a figure with no period is as of the year its document was published; one
with no time at all groups with nothing. A DATE that could not be resolved is left out.

A document is one source however often it repeats a figure. Figures agree as intervals: each
qualifier makes one (`over 10,000` is (10,000, ∞)), and two agree when the gap between them is
within the relative tolerance of the smaller figure. Two documents that do not agree are a
`conflict`; a document that disagrees with itself is `inconsistent`.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from datetime import date
from itertools import combinations
from typing import Literal

from pydantic import BaseModel

from vnkr.models import Topic
from vnkr.normalize.intervals import bounds, overlap

Status = Literal["conflict", "inconsistent", "agree", "single"]
SHOWN = 12  # distinct figures a group's reason lists
STATUS_ORDER = {"conflict": 0, "inconsistent": 1, "agree": 2, "single": 3}
# figures that hold at a point in time ("as of"): two of them are one fact when their times overlap;
# any other figure is of a period (a year's trade), and only the same period makes the same fact
STOCKS = frozenset({"investment_stock", "investment_projects", "korean_firms", "residents", "multicultural_families"})
OPEN = {"more_than": (0, 1), "at_least": (0, 1), "less_than": (-1, 0), "at_most": (-1, 0)}


class Mention(BaseModel):
    """One place where a document states the figure."""

    id: str
    text: str
    value: float | None
    low: float | None = None  # a range's ends (its value is None)
    high: float | None = None
    qualifier: str
    period: str | None
    date: str | None
    sentence: str


class Source(BaseModel):
    """One document's word on a fact: its first mention, and every mention (a document is one source
    however often it repeats a figure)."""

    doc: str
    id: str
    text: str
    value: float | None
    low: float | None = None  # a range's ends (its value is None)
    high: float | None = None
    unit: str | None
    qualifier: str
    period: str | None
    date: str | None
    published: str | None
    sentence: str
    lang: str = "en"
    mentions: list[Mention] = []


class Disagreement(BaseModel):
    """The two figures of a conflict or an inconsistency that are furthest apart."""

    a: str  # the id of one mention
    a_text: str
    a_doc: str
    b: str
    b_text: str
    b_doc: str
    apart: float | None  # relative gap; None for dates


class Group(BaseModel):
    kind: Literal["group"] = "group"
    topic: str
    metric: str
    modality: str
    unit: str | None
    subject: str | None = None
    counterpart: str | None = None
    scope: str | None = None
    time: str | None  # the span of the group's times, ISO interval or None
    basis: Literal["period", "as_of_published", "event", "undated"]
    status: Status
    reason: str
    disagreement: Disagreement | None = None
    sources: list[Source]


class Point(BaseModel):
    time: str
    value: float
    text: str
    doc: str
    change: float | None = None  # relative to the previous point
    fits: bool = True


class Series(BaseModel):
    """The figures of one fact over time; a series never mixes frames."""

    kind: Literal["series"] = "series"
    topic: str
    metric: str
    modality: str
    unit: str | None
    subject: str | None = None
    counterpart: str | None = None
    scope: str | None = None
    trend: Literal["up", "down", "flat"]
    points: list[Point]


class Comparison(BaseModel):
    groups: list[Group]
    series: list[Series]

    @property
    def conflicts(self) -> int:
        return sum(1 for g in self.groups if g.status == "conflict")


# --- time ------------------------------------------------------------------------------
def claim_time(claim: dict) -> tuple[date, date] | None:
    """When a claim holds: its date (DATE), its period, or the year it was published ("as of")."""
    if claim["label"] == "DATE":
        return bounds(claim.get("date"))
    if claim.get("period"):
        return bounds(claim["period"])
    if claim.get("published"):
        return bounds(claim["published"][:4])
    return None


def _time_text(times: list[tuple[date, date]]) -> str | None:
    """The span of a group's times, as short as ISO allows: '2025', '2024-04', '2025-08-10/2025-08-13'."""
    if not times:
        return None
    return compact(min(t[0] for t in times), max(t[1] for t in times))


def compact(first: date, last: date) -> str:
    def one(day: date, end: bool) -> str:
        if (day.month, day.day) == ((12, 31) if end else (1, 1)):
            return str(day.year)
        return day.isoformat()

    if first.year == last.year and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year)
    if (first.year, first.month) == (last.year, last.month) and first.day == 1 and last == bounds(f"{last.year}-{last.month:02d}")[1]:
        return f"{first.year}-{first.month:02d}"
    if first == last:
        return first.isoformat()
    return f"{one(first, False)}/{one(last, True)}"


# --- agreement -------------------------------------------------------------------------
def is_range(claim: dict) -> bool:
    """A figure stated as a range ('$10-12 billion', 'tens of thousands'): value null, low and high."""
    return claim.get("value") is None and claim.get("low") is not None and claim.get("high") is not None


def point(claim: dict) -> float:
    """A figure's one number: its value, or the middle of its range."""
    return (float(claim["low"]) + float(claim["high"])) / 2 if is_range(claim) else float(claim["value"])


def allowed(claim: dict, tolerance: float) -> tuple[float, float]:
    """The values a figure allows: its qualifier's interval, or its range (a point inside agrees)."""
    if is_range(claim):
        return float(claim["low"]), float(claim["high"])
    return interval(claim["value"], claim["qualifier"], tolerance)


def interval(value: float, qualifier: str, tolerance: float) -> tuple[float, float]:
    """The values a figure allows: 'over 10,000' → (10,000, ∞); 'nearly 18' → [18·(1−tol), 18]."""
    if qualifier in OPEN:
        low, high = OPEN[qualifier]
        return (value, math.inf) if high else (-math.inf, value)
    if qualifier == "nearly":
        return value * (1 - tolerance), value
    return value, value


def gap(a: dict, b: dict, tolerance: float) -> float:
    """How far apart two figures are, relative to the smaller: 0 when their intervals meet.

    Two bounds in the same direction ('over 30' and 'over 4,400') always meet as intervals, but
    a reader takes each as roughly its figure, so their figures are compared instead."""
    bounds = not is_range(a) and not is_range(b)
    same_direction = bounds and a["qualifier"] in OPEN and b["qualifier"] in OPEN and OPEN[a["qualifier"]] == OPEN[b["qualifier"]]
    if same_direction:
        distance = abs(a["value"] - b["value"])
    else:
        ia, ib = allowed(a, tolerance), allowed(b, tolerance)
        distance = max(0.0, ib[0] - ia[1], ia[0] - ib[1])
    if distance == 0:
        return 0.0
    smaller = min(abs(point(a)), abs(point(b))) or 1.0
    return distance / smaller


SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
UNIT_WORDS = {"%": "%", "x": "-fold"}


def describe(claim: dict) -> str:
    """A figure as a reader writes it: 'over 350,000', 'around 86.7 billion USD', 'third (rank)'."""
    words = {"more_than": "over ", "at_least": "at least ", "less_than": "under ", "at_most": "at most ", "approx": "around ", "nearly": "nearly "}
    if claim["label"] == "DATE":
        return f"{claim['text']} ({claim.get('date')})"
    if is_range(claim):
        shown = f"{_number(float(claim['low']))} to {_number(float(claim['high']))}"
    else:
        shown = _number(float(claim["value"]))
    unit = claim.get("unit")
    if unit in UNIT_WORDS:
        shown += UNIT_WORDS[unit]
    elif unit == "rank":
        shown = f"rank {shown}"
    elif unit and unit.isupper():
        shown += f" {unit}"
    return f"{words.get(claim['qualifier'], '')}{shown}"


def _number(value: float) -> str:
    for size, word in SCALES:
        if abs(value) >= size:
            return f"{value / size:,.4g} {word}"
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"


def _worst(pairs: Iterable[tuple[dict, dict]], tolerance: float) -> tuple[float, tuple[dict, dict] | None]:
    worst, found = 0.0, None
    for a, b in pairs:
        if a["label"] == "DATE":
            ta, tb = claim_time(a), claim_time(b)
            apart = 0.0 if not (ta and tb) or overlap(ta, tb) else math.inf
        else:
            apart = gap(a, b, tolerance)
        if apart > worst:
            worst, found = apart, (a, b)
    return worst, found


def _extreme_keys(label: str, tolerance: float) -> list:
    """What makes a figure an extreme of its group: the pair furthest apart is found among the extremes,
    so a group is judged in linear time, not by comparing every pair."""
    if label == "DATE":
        return [lambda c: claim_time(c)[0], lambda c: -claim_time(c)[1].toordinal()]
    bound = lambda c: allowed(c, tolerance)  # noqa: E731
    keys = [lambda c: bound(c)[0], lambda c: -bound(c)[1], point, lambda c: -point(c)]
    for direction in set(OPEN.values()):  # bounds in one direction are compared by their figures: 'over 30', 'over 4,400'
        keys.append(lambda c, d=direction: c["value"] if OPEN.get(c["qualifier"]) == d and not is_range(c) else -math.inf)
        keys.append(lambda c, d=direction: -c["value"] if OPEN.get(c["qualifier"]) == d and not is_range(c) else -math.inf)
    return keys


def _extremes(claims: list[dict], keys: list, docs: int) -> list[dict]:
    """For each key, the most extreme claim of each of the `docs` documents that go furthest."""
    out: dict[int, dict] = {}
    for key in keys:
        best: dict[str, dict] = {}
        for claim in claims:
            held = best.get(claim["doc"])
            if held is None or key(claim) > key(held):
                best[claim["doc"]] = claim
        for claim in heapq.nlargest(docs, best.values(), key=key):
            out[id(claim)] = claim
    return list(out.values())


def _disagreement(pair: tuple[dict, dict], apart: float) -> Disagreement:
    a, b = sorted(pair, key=lambda c: point(c) if c["label"] != "DATE" else 0, reverse=True)
    return Disagreement(a=_id(a), a_text=a["text"], a_doc=a["doc"], b=_id(b), b_text=b["text"], b_doc=b["doc"], apart=None if math.isinf(apart) else round(apart, 4))


def judge(claims: list[dict], tolerance: float) -> tuple[Status, str, Disagreement | None]:
    """Whether the documents agree. A `conflict` is between two documents; a document whose own
    mentions disagree is `inconsistent`; one document alone is `single`."""
    by_doc: dict[str, list[dict]] = {}
    for claim in claims:
        by_doc.setdefault(claim["doc"], []).append(claim)
    figures = list(dict.fromkeys(describe(c) for c in claims))
    shown = ", ".join(figures[:SHOWN]) + (f" and {len(figures) - SHOWN} more" if len(figures) > SHOWN else "")
    label = claims[0]["label"]
    if label == "DATE":
        claims = [c for c in claims if claim_time(c)]
        times = [claim_time(c) for c in claims]
        first_end, last_start = min(t[1] for t in times), max(t[0] for t in times)
        if any(t[0] <= first_end and t[1] >= last_start for t in times):  # one overlaps all: 'Sunday' lies within 'August 10 to 13'
            return ("single", f"one source: {shown}", None) if len(by_doc) == 1 else ("agree", f"{len(by_doc)} sources, dates overlap: {shown}", None)
    keys = _extreme_keys(label, tolerance)
    candidates = _extremes(claims, keys, docs=2)
    across = ((a, b) for a, b in combinations(candidates, 2) if a["doc"] != b["doc"])
    worst, pair = _worst(across, tolerance)
    if pair is not None and worst > tolerance:
        high, low = sorted(pair, key=lambda c: point(c) if c["label"] != "DATE" else 0, reverse=True)
        if claims[0]["label"] == "DATE":
            return "conflict", f"dates do not overlap: {describe(high)} ({high['doc']}) vs {describe(low)} ({low['doc']})", _disagreement(pair, worst)
        return "conflict", f"{describe(high)} ({high['doc']}) vs {describe(low)} ({low['doc']}): {worst:.0%} apart", _disagreement(pair, worst)
    within = [(a, b) for mentions in by_doc.values() if len(mentions) > 1 for a, b in combinations(_extremes(mentions, keys, docs=1), 2)]
    worst_within, pair_within = _worst(within, tolerance)
    if pair_within is not None and worst_within > tolerance:
        doc = pair_within[0]["doc"]
        high, low = sorted(pair_within, key=lambda c: point(c) if c["label"] != "DATE" else 0, reverse=True)
        apart = "" if math.isinf(worst_within) else f": {worst_within:.0%} apart"
        return "inconsistent", f"{doc} states {describe(high)} and {describe(low)}{apart}", _disagreement(pair_within, worst_within)
    if len(by_doc) == 1:
        return "single", f"one source: {shown}", None
    return "agree", f"{len(by_doc)} sources within {tolerance:.0%}: {shown}", None


# --- grouping --------------------------------------------------------------------------
def _key(claim: dict) -> tuple:
    """The fact a claim states, but for its time: what is measured, for whom, of what."""
    return (
        claim["topic"],
        claim["metric"],
        claim["modality"],
        claim.get("unit"),
        claim.get("subject"),
        claim.get("counterpart", claim.get("holder")),
        claim.get("scope"),
    )


def _basis(claim: dict) -> str:
    if claim["label"] == "DATE":
        return "event"
    if claim.get("period"):
        return "period"
    return "as_of_published" if claim.get("published") else "undated"


def _clusters(claims: list[dict], stock: bool) -> list[list[dict]]:
    """Claims of one fact at one time. Events and stocks join when their times overlap (transitively):
    a stock with no period is as of the year its document was published. Figures of a period join
    only the same period (the first 11 months are not the year), and one with no period only others
    with none from the same year. A figure with no time at all joins the fact's only group, if it has
    one, and a stock with no time the latest group; else it stands alone."""
    clusters: list[list[dict]] = []
    timed = [c for c in claims if claim_time(c)]
    if stock or (claims and claims[0]["label"] == "DATE"):
        end = None
        for claim in sorted(timed, key=lambda c: claim_time(c)):
            first, last = claim_time(claim)
            if clusters and first <= end:
                clusters[-1].append(claim)
                end = max(end, last)
            else:
                clusters.append([claim])
                end = last
    else:
        by_time: dict[tuple, list[dict]] = {}
        for claim in timed:
            by_time.setdefault((_basis(claim), claim_time(claim)), []).append(claim)
        clusters.extend(by_time[t] for t in sorted(by_time, key=lambda t: (t[1], t[0])))
    untimed = [c for c in claims if not claim_time(c)]
    if len(clusters) == 1 or (stock and clusters):
        clusters[-1].extend(untimed)  # a stock said with no date at all is taken as the latest known
    else:
        clusters.extend([c] for c in untimed)
    return clusters


def _id(claim: dict) -> str:
    return claim.get("id") or f"{claim['doc']}:{claim['start']}-{claim['end']}"


MENTION_FIELDS = set(Mention.model_fields)  # one set for every Mention: each would hold its own (728 bytes, twice the rest)


def _mention(claim: dict) -> Mention:
    """A claim's Mention, built from its validated record (claims_io, extraction) as Mention(...) would:
    a group may hold a million of them."""
    value, low, high = (None if claim.get(k) is None else float(claim[k]) for k in ("value", "low", "high"))
    return Mention.model_construct(
        MENTION_FIELDS, id=_id(claim), text=claim["text"], value=value, low=low, high=high, qualifier=claim.get("qualifier", "exact"),
        period=claim.get("period"), date=claim.get("date"), sentence=claim.get("sentence", ""),
    )  # fmt: skip


def _sources(claims: list[dict]) -> list[Source]:
    """One source per document, with every mention it makes."""
    by_doc: dict[str, list[dict]] = {}
    for claim in claims:
        by_doc.setdefault(claim["doc"], []).append(claim)
    out = []
    for doc, mine in by_doc.items():
        mine.sort(key=lambda c: c.get("start", 0))
        first = mine[0]
        mentions = [_mention(c) for c in mine]
        out.append(
            Source(doc=doc, id=_id(first), text=first["text"], value=first.get("value"), low=first.get("low"), high=first.get("high"), unit=first.get("unit"), qualifier=first.get("qualifier", "exact"),
                   period=first.get("period"), date=first.get("date"), published=first.get("published"), sentence=first.get("sentence", ""),
                   lang=first.get("lang", "en"), mentions=mentions)
        )  # fmt: skip
    return out


def _series(key: tuple, groups: list[Group], tolerance: float) -> Series | None:
    """The figures of one metric over time, when they speak of more than one period."""
    points = []
    for group in groups:
        if group.time is None or group.sources[0].value is None:
            continue
        best = group.sources[0]
        points.append(Point(time=group.time, value=best.value, text=best.text, doc=best.doc))
    if len({p.time for p in points}) < 2:
        return None
    points.sort(key=lambda p: p.time)
    overall = points[-1].value - points[0].value
    trend = "flat" if abs(overall) <= tolerance * abs(points[0].value or 1) else ("up" if overall > 0 else "down")
    for previous, point in zip(points, points[1:]):
        point.change = (point.value - previous.value) / previous.value if previous.value else None
        against = point.change is not None and abs(point.change) > tolerance and (point.change > 0) != (trend == "up")
        point.fits = not (trend != "flat" and against)
    topic, metric, modality, unit, subject, counterpart, scope = key
    return Series(topic=topic, metric=metric, modality=modality, unit=unit, subject=subject, counterpart=counterpart, scope=scope, trend=trend, points=points)


def compare(claims: Iterable[dict], tolerance: float = 0.05, topic: str | None = None, metric: str | None = None) -> Comparison:
    """Group comparable claims, judge each group, and build a time series per metric."""
    chosen = [
        c for c in claims
        if c.get("metric") and (topic is None or c["topic"] == topic) and (metric is None or c["metric"] == metric)
        and (c.get("date") if c["label"] == "DATE" else c.get("value") is not None or is_range(c))
    ]  # fmt: skip
    by_key: dict[tuple, list[dict]] = {}
    for claim in chosen:
        by_key.setdefault(_key(claim), []).append(claim)
    groups: list[Group] = []
    series: list[Series] = []
    for key in sorted(by_key, key=lambda k: tuple("" if v is None else str(v) for v in k)):
        key_groups = []
        for cluster in _clusters(by_key[key], key[1] in STOCKS):
            status, reason, disagreement = judge(cluster, tolerance)
            times = [t for t in (claim_time(c) for c in cluster) if t]
            topic_, metric_, modality, unit, subject, counterpart, scope = key
            bases = {_basis(c) for c in cluster}
            basis = bases.pop() if len(bases) == 1 else "as_of_published"  # a mix is as of the years published
            key_groups.append(
                Group(topic=topic_, metric=metric_, modality=modality, unit=unit, subject=subject, counterpart=counterpart, scope=scope,
                      time=_time_text(times), basis=basis, status=status, reason=reason, disagreement=disagreement, sources=_sources(cluster))  # fmt: skip
            )
        groups.extend(key_groups)
        if by_key[key][0]["label"] != "DATE":
            found = _series(key, key_groups, tolerance)
            if found:
                series.append(found)
    groups.sort(key=lambda g: STATUS_ORDER[g.status])  # stable: within a status, in key order
    return Comparison(groups=groups, series=series)


def known_topics() -> list[str]:
    return [t.value for t in Topic]
