"""Lining claims up across sources: groups of claims about the same thing, and whether they agree.

A group is claims of one topic, metric, modality and unit (and, for ranks, the same subject
and counterpart) whose times overlap: the period, the date of a DATE claim, or, for a figure with
neither, the year of its document's `published` ("as of"). A figure with no time at all
joins the group of its kind when there is exactly one; with several it cannot be placed, and
the undated figures form a group of their own. A DATE that could not be resolved is left out. Within a group every pair of figures must agree: each
qualifier makes an interval (`over 10,000` is (10,000, ∞)), and two intervals agree when the
gap between them is within the relative tolerance of the smaller figure. Dates agree when
one of them overlaps all the others.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from itertools import combinations
from typing import Literal

from pydantic import BaseModel

from vnkr.models import Topic
from vnkr.normalize.intervals import bounds, overlap

Status = Literal["conflict", "agree", "single"]
STATUS_ORDER = {"conflict": 0, "agree": 1, "single": 2}
OPEN = {"more_than": (0, 1), "at_least": (0, 1), "less_than": (-1, 0), "at_most": (-1, 0)}


class Source(BaseModel):
    doc: str
    id: str
    text: str
    value: float | None
    unit: str | None
    qualifier: str
    period: str | None
    date: str | None
    published: str | None
    sentence: str


class Group(BaseModel):
    kind: Literal["group"] = "group"
    topic: str
    metric: str
    modality: str
    unit: str | None
    subject: str | None = None
    counterpart: str | None = None
    time: str | None  # the span of the group's times, ISO interval or None
    status: Status
    reason: str
    sources: list[Source]


class Point(BaseModel):
    time: str
    value: float
    text: str
    doc: str
    change: float | None = None  # relative to the previous point
    fits: bool = True


class Series(BaseModel):
    kind: Literal["series"] = "series"
    topic: str
    metric: str
    modality: str
    unit: str | None
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
    same_direction = a["qualifier"] in OPEN and b["qualifier"] in OPEN and OPEN[a["qualifier"]] == OPEN[b["qualifier"]]
    if same_direction:
        distance = abs(a["value"] - b["value"])
    else:
        ia, ib = interval(a["value"], a["qualifier"], tolerance), interval(b["value"], b["qualifier"], tolerance)
        distance = max(0.0, ib[0] - ia[1], ia[0] - ib[1])
    if distance == 0:
        return 0.0
    smaller = min(abs(a["value"]), abs(b["value"])) or 1.0
    return distance / smaller


SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
UNIT_WORDS = {"%": "%", "x": "-fold"}


def describe(claim: dict) -> str:
    """A figure as a reader writes it: 'over 350,000', 'around 86.7 billion USD', 'third (rank)'."""
    words = {"more_than": "over ", "at_least": "at least ", "less_than": "under ", "at_most": "at most ", "approx": "around ", "nearly": "nearly "}
    if claim["label"] == "DATE":
        return f"{claim['text']} ({claim.get('date')})"
    value = float(claim["value"])
    shown = f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"
    for size, word in SCALES:
        if abs(value) >= size:
            shown = f"{value / size:,.4g} {word}"
            break
    unit = claim.get("unit")
    if unit in UNIT_WORDS:
        shown += UNIT_WORDS[unit]
    elif unit == "rank":
        shown = f"rank {shown}"
    elif unit and unit.isupper():
        shown += f" {unit}"
    return f"{words.get(claim['qualifier'], '')}{shown}"


def judge(claims: list[dict], tolerance: float) -> tuple[Status, str]:
    if len(claims) == 1:
        return "single", f"one source: {describe(claims[0])}"
    if claims[0]["label"] == "DATE":
        times = [claim_time(c) for c in claims]
        known = [t for t in times if t]
        if any(all(overlap(t, other) for other in known) for t in known):
            return "agree", "dates overlap: " + ", ".join(describe(c) for c in claims)
        return "conflict", "dates do not overlap: " + ", ".join(describe(c) for c in claims)
    worst, pair = 0.0, None
    for a, b in combinations(claims, 2):
        apart = gap(a, b, tolerance)
        if apart > worst:
            worst, pair = apart, (a, b)
    if pair is None or worst <= tolerance:
        shown = ", ".join(dict.fromkeys(describe(c) for c in claims))
        return "agree", f"{len(claims)} sources within {tolerance:.0%}: {shown}"
    high, low = sorted(pair, key=lambda c: c["value"], reverse=True)
    undated = "" if any(claim_time(c) for c in claims) else " (undated: the figures may be of different times)"
    return "conflict", f"{describe(high)} vs {describe(low)}: {worst:.0%} apart{undated}"


# --- grouping --------------------------------------------------------------------------
def _key(claim: dict) -> tuple:
    rank = claim["label"] == "ORDINAL"
    return (
        claim["topic"],
        claim["metric"],
        claim["modality"],
        claim.get("unit"),
        claim.get("subject") if rank else None,
        claim.get("counterpart") if rank else None,
    )


def _clusters(claims: list[dict]) -> list[list[dict]]:
    """Claims whose times overlap, joined transitively; claims with no time join the only group, if one."""
    timed = sorted((c for c in claims if claim_time(c)), key=lambda c: claim_time(c))
    clusters: list[list[dict]] = []
    end = None
    for claim in timed:
        start, stop = claim_time(claim)
        if clusters and start <= end:
            clusters[-1].append(claim)
            end = max(end, stop)
        else:
            clusters.append([claim])
            end = stop
    untimed = [c for c in claims if not claim_time(c)]
    if untimed:
        if len(clusters) == 1:
            clusters[0].extend(untimed)
        else:
            clusters.append(untimed)
    return clusters


def _source(claim: dict) -> Source:
    return Source(
        doc=claim["doc"], id=claim.get("id", f"{claim['doc']}:{claim['start']}-{claim['end']}"), text=claim["text"], value=claim.get("value"),
        unit=claim.get("unit"), qualifier=claim.get("qualifier", "exact"), period=claim.get("period"), date=claim.get("date"),
        published=claim.get("published"), sentence=claim.get("sentence", ""),
    )  # fmt: skip


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
    topic, metric, modality, unit = key[:4]
    return Series(topic=topic, metric=metric, modality=modality, unit=unit, trend=trend, points=points)


def compare(claims: Iterable[dict], tolerance: float = 0.05, topic: str | None = None, metric: str | None = None) -> Comparison:
    """Group comparable claims, judge each group, and build a time series per metric."""
    chosen = [
        c for c in claims
        if c.get("metric") and (topic is None or c["topic"] == topic) and (metric is None or c["metric"] == metric)
        and (c.get("date") if c["label"] == "DATE" else c.get("value") is not None)
    ]  # fmt: skip
    by_key: dict[tuple, list[dict]] = {}
    for claim in chosen:
        by_key.setdefault(_key(claim), []).append(claim)
    groups: list[Group] = []
    series: list[Series] = []
    for key in sorted(by_key, key=lambda k: tuple("" if v is None else str(v) for v in k)):
        key_groups = []
        for cluster in _clusters(by_key[key]):
            status, reason = judge(cluster, tolerance)
            times = [t for t in (claim_time(c) for c in cluster) if t]
            topic_, metric_, modality, unit, subject, counterpart = key
            key_groups.append(
                Group(topic=topic_, metric=metric_, modality=modality, unit=unit, subject=subject, counterpart=counterpart,
                      time=_time_text(times), status=status, reason=reason, sources=[_source(c) for c in cluster])  # fmt: skip
            )
        groups.extend(key_groups)
        if by_key[key][0]["label"] != "DATE":
            found = _series(key, key_groups, tolerance)
            if found:
                series.append(found)
    groups.sort(key=lambda g: STATUS_ORDER[g.status])
    return Comparison(groups=groups, series=series)


def known_topics() -> list[str]:
    return [t.value for t in Topic]
