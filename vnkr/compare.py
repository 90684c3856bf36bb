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

import math
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from vnkr.models import Topic
from vnkr.normalize.intervals import bounds, overlap

if TYPE_CHECKING:
    from vnkr.corrections import Links

Status = Literal["conflict", "inconsistent", "agree", "single"]
SHOWN = 12  # distinct figures a group's reason lists
STATUS_ORDER = {"conflict": 0, "inconsistent": 1, "agree": 2, "single": 3}
# figures that hold at a point in time ("as of"): two of them are one fact when their times overlap;
# any other figure is of a period (a year's trade), and only the same period makes the same fact
STOCKS = frozenset({"investment_stock", "investment_projects", "korean_firms", "residents", "multicultural_families"})
# dates of one event: relations are established once per pair; a framework, an FTA or a visit is one
# event only when the claim's scope names it (else 'a visit' may be any of several)
EVENTS = frozenset({"diplomatic_ties"})
NAMED_EVENTS = frozenset({"partnership_upgrade", "visit_date", "fta_signing", "summit_host"})
# a part of a total, a stock or a population is one fact only when its frame or scope names whose it is:
# '96% of projects', '50,000 residents', '583 projects' naming nobody may be of anyone
PARTS = frozenset({"share"})
WHOSE = PARTS | STOCKS
NOW = -1  # the point of the stocks told as of their pages' dates in one year: never a stock stated for the whole year
DAY_ISO = len("2023-06-22")
DIGITS = re.compile(r"\d+")
PAGE_YEAR = "page_year"  # the period_from of a time compare gives a figure of an undated page (`page_years`)
PAGE_YEAR_FIGURES = 2
ONE_FIGURE_APART = 0.5  # a document's own two figures further apart (relative) are two facts, not one told two ways
MEASURED_MODALITY = "any"  # the modality of a group of measured things: not compared
MEASURE_REACH = 40  # characters between a figure with no metric and the phrase that names what it measures
READ_FROM = {PAGE_YEAR: "the year its undated page reports on"}
NOW_SPAN_DAYS = 92  # two pages' "now" (a stock stated with no time) are one time when at most a quarter apart
OPEN = {"more_than": (0, 1), "at_least": (0, 1), "less_than": (-1, 0), "at_most": (-1, 0)}
CORRECTED = Field(default=False, exclude_if=lambda corrected: not corrected)  # a reviewer's correction changed it; written only when true


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
    corrected: bool = CORRECTED


class Source(BaseModel):
    """One document's word on a fact: its reading (the figure of it that agrees with the other
    sources, else its first), every mention of that figure, and apart from them the document's other
    figures in the group (`outliers`: usually a misread frame or period), with what cites it."""

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
    period_from: str | None = None  # where the reading's period was read: clause, sentence, context, published
    base: str | None = None  # ratio or change, for a figure stated against an earlier time
    source: str | None = None  # the statistic the document names for the figure (KITA, VN_CUSTOMS ...)
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    mentions: list[Mention] = []
    outliers: list[Mention] = []
    corrected: bool = CORRECTED  # a reviewer's correction changed one of its claims


class Disagreement(BaseModel):
    """The two figures of a conflict or an inconsistency that are furthest apart."""

    a: str  # the id of one mention
    a_text: str
    a_doc: str
    b: str
    b_text: str
    b_doc: str
    apart: float | None  # relative gap; None for dates
    a_source: str | None = None  # the statistic each side names, when it names one
    b_source: str | None = None
    two_statistics: bool = False  # the sides name different statistics: not a misprint


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
    why: str = ""  # what makes the sources one fact: the shared frame and time, and where each time was read
    disagreement: Disagreement | None = None
    sources: list[Source]
    measure: str | None = None  # for figures with no metric: the measured thing their clauses name (`metric` holds it too)


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
    """The values a figure allows: 'over 10,000' → (10,000, ∞); 'nearly 18' → [18·(1−tol), 18]; 'around 18' → 18 ± tol."""
    if qualifier in OPEN:
        low, high = OPEN[qualifier]
        return (value, math.inf) if high else (-math.inf, value)
    if qualifier == "nearly":
        return value * (1 - tolerance), value
    if qualifier == "approx":  # 'around', 'an estimated': the tolerance either side, as the scoring protocol reads it
        return value * (1 - tolerance), value * (1 + tolerance)
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
    if "as_written" in claim:  # a ratio or a change put on one scale
        return f"{claim['text']} ({claim['value']:+.4g}% change)"
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


def agrees(a: dict, b: dict, tolerance: float) -> bool:
    """Whether two figures can be the same: dates whose times overlap, numbers within the tolerance."""
    if a["label"] == "DATE" or b["label"] == "DATE":
        ta, tb = claim_time(a), claim_time(b)
        return not (ta and tb) or overlap(ta, tb)
    return gap(a, b, tolerance) <= tolerance


def _apart(a: dict, b: dict, tolerance: float) -> float:
    """How far apart two figures read, relative to the smaller (a reader's '17% apart'); dates: ∞."""
    if a["label"] == "DATE":
        return math.inf
    if is_range(a) or is_range(b):  # from the range's nearer end: '7 billion' is 44% beyond '4 to 5 billion'
        return gap(a, b, tolerance)
    x, y = point(a), point(b)
    return abs(x - y) / (min(abs(x), abs(y)) or 1.0)


def _number(value: float) -> str:
    for size, word in SCALES:
        if abs(value) >= size:
            return f"{value / size:,.4g} {word}"
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"


def on_one_scale(claim: dict) -> dict:
    """A percentage stated against an earlier time as a signed change: a ratio of 139.7% of last year
    is a change of +39.7%, 'down 5%' is -5%; any other figure as it is."""
    base, value = claim.get("base"), claim.get("value")
    if value is None or claim.get("unit") != "%" or base not in ("ratio", "change"):
        return claim
    signed = value - 100 if base == "ratio" else (-value if claim.get("direction") == "down" else value)
    return {**claim, "value": signed, "as_written": claim.get("value")}


class Reading(BaseModel):
    """How a group's documents read: each document's reading (its figure that agrees with most other
    documents, else its first) and its figures that do not agree with that reading."""

    reading: dict[str, dict]
    outliers: dict[str, list[dict]]


def readings(by_doc: dict[str, list[dict]], tolerance: float) -> Reading:
    """Each document's reading of the fact. Figures are compared once per distinct figure, so a group
    of many documents that repeat a few figures is judged quickly."""
    distinct: dict[tuple, dict] = {}
    for mine in by_doc.values():
        for claim in mine:
            distinct.setdefault(_figure_key(claim), claim)
    keys = list(distinct)
    agree = {k: {j for j in keys if agrees(distinct[k], distinct[j], tolerance)} for k in keys}
    held = [{_figure_key(c) for c in mine} for mine in by_doc.values()]
    support = {k: sum(1 for h in held if agree[k] & h) for k in keys}  # documents with a figure that agrees
    reading, outliers = {}, {}
    for doc, mine in by_doc.items():
        best = max(mine, key=lambda c: support[_figure_key(c)])  # max keeps the first of equals: the document's first figure
        reading[doc] = best
        outliers[doc] = [c for c in mine if _figure_key(c) not in agree[_figure_key(best)]]
    return Reading.model_construct(reading=reading, outliers=outliers)


def _figure_key(claim: dict) -> tuple:
    return (claim.get("value"), claim.get("low"), claim.get("high"), claim.get("qualifier"), claim.get("date"), claim["label"] == "DATE")


def _conflicting(by_doc: dict[str, list[dict]], read: Reading, tolerance: float) -> tuple[dict, dict] | None:
    """Two documents of which no figure of one agrees with any figure of the other: their readings,
    of the pair whose documents are most often repeated by others (the widest disagreement on a tie)."""
    by_figures: dict[frozenset, list[str]] = {}
    for doc, mine in by_doc.items():
        by_figures.setdefault(frozenset(_figure_key(c) for c in mine), []).append(doc)
    found, best = None, None
    for (first, docs_a), (second, docs_b) in combinations(by_figures.items(), 2):
        mine_a, mine_b = by_doc[docs_a[0]], by_doc[docs_b[0]]
        if any(agrees(a, b, tolerance) for a in mine_a for b in mine_b):
            continue
        a, b = read.reading[docs_a[0]], read.reading[docs_b[0]]
        rank = (len(docs_a) + len(docs_b), _apart(a, b, tolerance))
        if best is None or rank > best:
            found, best = (a, b), rank
    return found


def _disagreement(pair: tuple[dict, dict], apart: float) -> Disagreement:
    a, b = sorted(pair, key=lambda c: point(c) if c["label"] != "DATE" else 0, reverse=True)
    statistics = a.get("source") is not None and b.get("source") is not None and a["source"] != b["source"]
    return Disagreement(a=_id(a), a_text=a["text"], a_doc=a["doc"], b=_id(b), b_text=b["text"], b_doc=b["doc"],
                        apart=None if math.isinf(apart) else round(apart, 4), a_source=a.get("source"), b_source=b.get("source"),
                        two_statistics=statistics)  # fmt: skip


def _outlier_note(read: Reading) -> str:
    noted = [f"{doc} also states {', '.join(dict.fromkeys(describe(c) for c in extra))}" for doc, extra in read.outliers.items() if extra]
    return f"; {'; '.join(noted)} (listed apart as outliers)" if noted else ""


def judge(claims: list[dict], tolerance: float, event: bool = False) -> tuple[Status, str, Disagreement | None]:
    """Whether the documents agree. Two documents `conflict` when no figure of one agrees with any
    figure of the other: a second figure one of them puts into the group (a misread frame or period)
    does not undo its agreement on the main one. One document alone whose figures disagree is
    `inconsistent`; one alone that agrees with itself is `single`."""
    return judge_readings(claims, tolerance, event)[:3]


def _day_spans(claims: list[dict]) -> list[dict]:
    """The claims that date a span of days by its two days ('from June 21 to 24', '22-24/6/2023'), not a
    day, a month, or a span a word gives ('early next week')."""
    return [
        c for c in claims
        if "/" in (c.get("date") or "") and all(len(end) == DAY_ISO for end in c["date"].split("/")) and len(DIGITS.findall(c["text"])) >= 2
    ]  # fmt: skip


def _spans_apart(by_doc: dict[str, list[dict]]) -> tuple[dict, dict] | None:
    """Two documents that each give the span of days their overlapping dates are of (a visit 'from 21 to
    24 June' and 'from 22 to 24 June'), overlapping, and no span of one is a span of the other: one event
    dated two ways. A day or a month told inside a span is a part of it, never a disagreement."""
    spans = {doc: found for doc, mine in by_doc.items() if (found := _day_spans(mine))}
    for (_, mine), (_, theirs) in combinations(spans.items(), 2):
        if {c["date"] for c in mine} & {c["date"] for c in theirs}:
            continue
        # spans that do not overlap are two events, joined only through a longer time between them
        pair = next(((a, b) for a in mine for b in theirs if overlap(claim_time(a), claim_time(b))), None)
        if pair is not None:
            return pair
    return None


def judge_readings(claims: list[dict], tolerance: float, event: bool = False) -> tuple[Status, str, Disagreement | None, Reading]:
    """judge, with each document's reading and outliers. Dates disagree only when they date one
    `event`; other dates were grouped because their times overlap."""
    claims = [on_one_scale(c) for c in claims if c["label"] != "DATE" or claim_time(c)] or [on_one_scale(c) for c in claims]
    by_doc = by_document(sorted(claims, key=lambda c: c.get("start", 0)))
    read = readings(by_doc, tolerance)
    if claims[0]["label"] == "DATE" and not event:  # joined because their times overlap: one span of time, told in parts
        read = Reading.model_construct(reading={d: mine[0] for d, mine in by_doc.items()}, outliers={d: [] for d in by_doc})
        if (pair := _spans_apart(by_doc)) is not None:
            read.reading.update({c["doc"]: c for c in pair})
            first, other = pair
            reason = f"{first['date']} ({first['doc']}) vs {other['date']} ({other['doc']}): one span of days, dated differently"
            return "conflict", reason, _disagreement(pair, math.inf), read
        shown = ", ".join(dict.fromkeys(describe(read.reading[d]) for d in by_doc))
        return ("single", f"one source: {shown}", None, read) if len(by_doc) == 1 else ("agree", f"{len(by_doc)} sources, dates overlap: {shown}", None, read)
    pair = _conflicting(by_doc, read, tolerance) if len(by_doc) > 1 else None
    if pair is not None:
        high, low = sorted(pair, key=lambda c: point(c) if c["label"] != "DATE" else 0, reverse=True)
        apart = _apart(high, low, tolerance)
        disagreement = _disagreement(pair, apart)
        how = "dates do not overlap" if math.isinf(apart) else f"{apart:.0%} apart"
        reason = f"{describe(high)} ({high['doc']}) vs {describe(low)} ({low['doc']}): {how}"
        if disagreement.two_statistics:
            reason += f"; two statistics, not a misprint: {high['source']} ({high['doc']}) vs {low['source']} ({low['doc']})"
        return "conflict", reason + _outlier_note(read), disagreement, read
    figures = list(dict.fromkeys(describe(read.reading[d]) for d in by_doc))
    shown = ", ".join(figures[:SHOWN]) + (f" and {len(figures) - SHOWN} more" if len(figures) > SHOWN else "")
    if len(by_doc) == 1:
        doc, mine = next(iter(by_doc.items()))
        distinct = list({_figure_key(c): c for c in reversed(mine)}.values())[::-1]
        pair = next(((a, b) for a, b in combinations(distinct, 2) if not agrees(a, b, tolerance)), None)
        if pair:
            first, other = pair
            apart = _apart(first, other, tolerance)
            high, low = sorted((first, other), key=lambda c: point(c) if c["label"] != "DATE" else 0, reverse=True)
            how = "" if math.isinf(apart) else f": {apart:.0%} apart"
            return "inconsistent", f"{doc} states {describe(high)} and {describe(low)}{how}", _disagreement((first, other), apart), read
        return "single", f"one source: {shown}", None, read
    return "agree", f"{len(by_doc)} sources within {tolerance:.0%}: {shown}{_outlier_note(read)}", None, read


# --- grouping --------------------------------------------------------------------------
def _key(claim: dict) -> tuple:
    """The fact a claim states, but for its time: what is measured, for whom, of what. A figure with no
    metric is keyed by the measured thing its clause names and its unit only: the frame and modality
    read for such figures are too often wrong to part them (`MEASURED_MODALITY`)."""
    if claim.get("measure"):
        return ("other", claim["measure"], MEASURED_MODALITY, claim.get("unit"), None, None, claim.get("scope"))
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


def _is_event(claims: list[dict], key: tuple) -> bool:
    """Whether a fact's dates are of one event, so that two documents dating it differently disagree:
    the relations established (once per pair), or a framework, an FTA or a visit its scope names."""
    metric, scope = key[1], key[6]
    return bool(claims) and claims[0]["label"] == "DATE" and (metric in EVENTS or (metric in NAMED_EVENTS and scope is not None))


def _clusters(claims: list[dict], stock: bool, event: bool = False, nows: dict[str, tuple[int, int]] | None = None) -> list[list[dict]]:
    """Claims of one fact at one time. The dates of one event are one cluster, whatever they say.
    Other dates join when their times overlap (transitively). A stock holds at a point: the end of the
    time it states, read to the month ('as of April 2024'; the first half of 2016 is as of June, not
    as of the year or of October); one stated for a whole year is of that year. A stock with no period
    is as of its page's 'now' (`document_nows`), else as of the month of its page's date when a stock is
    stated as of that month, else with the others told as of their pages' dates that year (not with one
    stated for the whole year: '$92 billion accumulated in 2024' is as of its end, a page of July's 'now'
    is not). Figures of a period join only the same period (the first 11 months are not
    the year), and one with no period only others with none from the same year. A figure with no time
    at all (no period, an undated page) stands alone: joined to the times of other documents it made
    most of the false conflicts on unseen articles."""
    timed = [c for c in claims if claim_time(c)]
    if event:
        clusters = [timed] if timed else []
    elif stock:
        clusters = _stock_clusters(timed, nows or {})
    elif claims and claims[0]["label"] == "DATE":
        clusters = _overlapping(timed)
    else:
        by_time: dict[tuple, list[dict]] = {}
        for claim in timed:
            by_time.setdefault((_basis(claim), claim_time(claim)), []).append(claim)
        clusters = [by_time[t] for t in sorted(by_time, key=lambda t: (t[1], t[0]))]
    clusters.extend([c] for c in claims if not claim_time(c))
    return clusters


def _overlapping(claims: list[dict]) -> list[list[dict]]:
    """Claims whose times overlap, transitively, in time order."""
    clusters: list[list[dict]] = []
    spans: list[tuple[date, date]] = []
    for claim in sorted(claims, key=claim_time):
        first, last = claim_time(claim)
        if clusters and first <= spans[-1][1]:
            clusters[-1].append(claim)
            spans[-1] = (spans[-1][0], max(spans[-1][1], last))
        else:
            clusters.append([claim])
            spans.append((first, last))
    return clusters


def _as_of(claim: dict) -> tuple[int, int]:
    """The month a stated stock holds at (the end of its time), or (year, 0) for a whole year."""
    first, last = claim_time(claim)
    whole_year = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year
    return (last.year, 0) if whole_year else (last.year, last.month)


def _stock_clusters(claims: list[dict], nows: dict[str, tuple[int, int]]) -> list[list[dict]]:
    """Stocks at one point in time: see `_clusters`."""
    by_point: dict[tuple[int, int], list[dict]] = {}
    for claim in (c for c in claims if _basis(c) != "as_of_published"):
        by_point.setdefault(_as_of(claim), []).append(claim)
    for claim in (c for c in claims if _basis(c) == "as_of_published"):
        day = (bounds(claim["published"]) or claim_time(claim))[0]
        points = [p for p in (nows.get(claim["doc"]), (day.year, day.month)) if p in by_point]
        by_point.setdefault(points[0] if points else (day.year, NOW), []).append(claim)
    return [by_point[p] for p in sorted(by_point, key=lambda p: (p[0], p[1] if p[1] > 0 else 13 - p[1]))]


def document_nows(claims: Iterable[dict]) -> dict[str, tuple[int, int]]:
    """The month each page's 'now' stands at: the latest month to which it states a stock, when that is at
    most a quarter before its date ('86 billion USD as of April 2024' on a page of June 30: the community
    it 'now numbers' on that page is counted as of April too)."""
    nows: dict[str, tuple[int, int]] = {}
    for claim in claims:
        if claim.get("metric") not in STOCKS or _basis(claim) != "period" or not claim.get("published") or claim_time(claim) is None:
            continue
        point, day = _as_of(claim), bounds(claim["published"])
        if point[1] and day and date(*point, 1) <= day[0] <= bounds(f"{point[0]}-{point[1]:02d}")[1] + timedelta(days=NOW_SPAN_DAYS):
            nows[claim["doc"]] = max(nows.get(claim["doc"], point), point)
    return nows


def page_years(claims: Iterable[dict]) -> dict[str, tuple[int, frozenset[str]]]:
    """The year each undated page reports on, and the topics it states figures of for that year: the latest
    whole year for which its own sentences state a reported figure ('a surplus of $34.25 billion in 2022';
    two figures at least, each in its own clause: one misread time makes no year), when it names no later
    time but a target's. A figure of such a page that has no time of its own, of one of those topics, but
    a stock, is of that year: trade that 'soared to $80.7 billion' on a page about 2022's trade is 2022's
    trade; a licence of investment on a page that tells last year's exports as background is not. A page
    that states only event dates or targets, or none, has no such year: its figures stay without time."""
    stated: dict[str, Counter[int]] = {}
    topics: dict[tuple[str, int], set[str]] = {}
    last_named: dict[str, int] = {}
    for claim in claims:
        if claim.get("published") or claim.get("modality") == "target" or (time := claim_time(claim)) is None:
            continue
        doc = claim["doc"]
        last_named[doc] = max(last_named.get(doc, time[1].year), time[1].year)
        whole_year = time[0] == date(time[0].year, 1, 1) and time[1] == date(time[0].year, 12, 31)
        if claim["label"] != "DATE" and whole_year and claim.get("period_from") == "clause":
            stated.setdefault(doc, Counter())[time[0].year] += 1
            topics.setdefault((doc, time[0].year), set()).add(claim.get("topic", "other"))
    years = {doc: max(y for y, n in counts.items() if n >= PAGE_YEAR_FIGURES) for doc, counts in stated.items() if max(counts.values()) >= PAGE_YEAR_FIGURES}
    years = {doc: year for doc, year in years.items() if last_named[doc] <= year}
    if years:  # "지난해 ... 284억달러" on an undated page: its 'now' is some later year the page does not name
        relative = {claim["doc"] for claim in claims if claim["doc"] in years and _names_relative_year(claim.get("sentence", ""), claim.get("lang", "en"))}
        years = {doc: year for doc, year in years.items() if doc not in relative}
    return {doc: (year, frozenset(topics[(doc, year)])) for doc, year in years.items()}


@lru_cache(maxsize=8)
def _relative_years(lang: str) -> re.Pattern[str]:
    """The words of a language's rules that name a year relative to the page's date: 'last year', 'năm
    ngoái', '지난해'."""
    from vnkr.rules import shipped_rules

    calendar = shipped_rules(lang).calendar
    units = [u for u, kind in calendar.units.items() if kind == "year"]
    words = [f"{shift} {unit}" for shift in calendar.shifts for unit in units] + [f"{unit} {shift}" for shift in calendar.shifts for unit in units]
    words += [w for w, (kind, _) in calendar.relative.items() if kind == "year"]
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(words, key=len, reverse=True)) or "(?!)", re.IGNORECASE)


def _names_relative_year(sentence: str, lang: str) -> bool:
    return bool(_relative_years(lang).search(sentence))


@lru_cache(maxsize=8)
def _measured_rules(lang: str) -> list[tuple[str, re.Pattern[str], frozenset[str]]]:
    from vnkr.rules import shipped_rules

    rules = shipped_rules(lang)
    # a phrase may carry a particle glued after it, in a language that glues them ("연봉은")
    glued = "|".join(re.escape(p) for p in sorted(rules.frame.particles, key=len, reverse=True))
    found = []
    for rule in rules.measured:
        words = "|".join(re.escape(p) for p in sorted(rule.phrases, key=len, reverse=True))
        found.append((rule.id, re.compile(rf"(?<!\w)(?:{words})(?:{glued})?(?!\w)", re.IGNORECASE), frozenset(rule.labels)))
    return found


def measured_thing(claim: dict) -> str | None:
    """What a figure with no metric measures: the measured-thing rule whose phrase stands nearest to it
    in its sentence, at most MEASURE_REACH characters away ('a salary of $50,000', '10.000 lao động')."""
    sentence, offset = claim.get("sentence") or "", claim.get("sentence_start", 0)
    lo, hi = claim["start"] - offset, claim["end"] - offset
    best: tuple[int, str] | None = None
    for rule_id, pattern, labels in _measured_rules(claim.get("lang", "en")):
        if claim["label"] == "DATE" or (labels and claim["label"] not in labels):
            continue
        for found in pattern.finditer(sentence):
            distance = max(found.start() - hi, lo - found.end(), 0)
            if distance <= MEASURE_REACH and (best is None or distance < best[0]):
                best = (distance, rule_id)
    return best[1] if best else None


def _with_measure(claim: dict) -> dict:
    """A claim with no metric, keyed by what it measures when its clause names that: compared like a metric
    (a count's unit, 'job', 'person' or none, is then the measured thing's)."""
    if claim.get("metric") or claim["label"] == "DATE" or (thing := measured_thing(claim)) is None:
        return claim
    return {**claim, "metric": thing, "measure": thing, "unit": None if claim["label"] == "CARDINAL" else claim.get("unit")}


def _dated_by_page_year(claim: dict, years: dict[str, tuple[int, frozenset[str]]]) -> dict:
    """The claim with the year its undated page reports on, when it has no time of its own and is of a topic
    the page states figures of for that year."""
    year, topics = years.get(claim["doc"], (None, frozenset()))
    if year is None or claim["label"] == "DATE" or claim.get("period") or claim.get("modality") == "target" or claim.get("metric") in STOCKS:
        return claim  # a stock with no time is as of the page's 'now', which is after the year it reports on
    if claim.get("topic", "other") not in topics:
        return claim
    return {**claim, "period": str(year), "period_from": PAGE_YEAR}


def _retold_differently(cluster: list[dict], tolerance: float) -> bool:
    """Whether one document tells a figure of one fact two ways: two of its figures, in two sentences,
    that disagree by at most ONE_FIGURE_APART. On unseen pages nearly every other pair was two facts
    read as one: a list's items in one sentence ('Hanoi $4.7 billion, HCM City $3.7 billion'), a change
    'from X to Y', a part and its whole (chips of all exports), another country's figure, a figure of
    another year; a figure retold wrongly (a rounding, a typo) stays close and comes back apart."""
    for a, b in combinations(cluster, 2):
        if (a.get("sentence_start") is not None and a.get("sentence_start") == b.get("sentence_start")) or agrees(a, b, tolerance):
            continue
        if a["label"] == "DATE" or _apart(a, b, tolerance) <= ONE_FIGURE_APART:
            return True
    return False


def _agreeing_parts(cluster: list[dict], tolerance: float) -> list[list[dict]]:
    """The figures of a cluster parted into sets whose figures all agree with one another, in order of
    value: '24만 달러' a year and '$20,000', '2만달러' a month are two facts, the two monthly ones one."""
    parts: list[list[dict]] = []
    for claim in sorted(cluster, key=lambda c: (point(c), c.get("start", 0))):
        part = next((p for p in parts if all(agrees(claim, other, tolerance) for other in p)), None)
        if part is None:
            parts.append([claim])
        else:
            part.append(claim)
    return parts


def _unstated_flows(cluster: list[dict], key: tuple) -> bool:
    """Figures of a period (a year's trade, a flow of investment) none of which states its period: each
    is only guessed to be of the year its page was published ('FDI hit $11 billion', told in June, is
    of the first half). They may agree; a conflict between them is a guess against a guess, so each
    document stands alone."""
    return key[1] not in STOCKS and all(_basis(c) == "as_of_published" or c.get("period_from") == PAGE_YEAR for c in cluster)


def _nows_apart(cluster: list[dict], key: tuple, disagreement: Disagreement | None) -> bool:
    """A stock stated with no time is as of its page's date, 'now'. Two such figures on pages more than
    a quarter apart are two different nows (a community, a stock of investment grows between them):
    their gap is no conflict, and each document stands alone."""
    if key[1] not in STOCKS or disagreement is None:
        return False
    by_id = {_id(c): c for c in cluster}
    sides = [by_id.get(disagreement.a), by_id.get(disagreement.b)]
    if any(c is None or _basis(c) != "as_of_published" for c in sides):
        return False
    days = [bounds(c["published"]) for c in sides]
    return all(days) and abs((days[0][0] - days[1][0]).days) > NOW_SPAN_DAYS


def by_document(claims: Iterable[dict]) -> dict[str, list[dict]]:
    """The claims of each document, in the order given, documents in the order first seen."""
    by_doc: dict[str, list[dict]] = {}
    for claim in claims:
        by_doc.setdefault(claim["doc"], []).append(claim)
    return by_doc


def _id(claim: dict) -> str:
    return claim.get("id") or f"{claim['doc']}:{claim['start']}-{claim['end']}"


MENTION_FIELDS = set(Mention.model_fields)  # one set for every Mention: each would hold its own (728 bytes, twice the rest)


def _mention(claim: dict) -> Mention:
    """A claim's Mention, built from its validated record (claims_io, extraction) as Mention(...) would:
    a group may hold a million of them."""
    value, low, high = (None if claim.get(k) is None else float(claim[k]) for k in ("value", "low", "high"))
    return Mention.model_construct(
        MENTION_FIELDS, id=_id(claim), text=claim["text"], value=value, low=low, high=high, qualifier=claim.get("qualifier", "exact"),
        period=claim.get("period"), date=claim.get("date"), sentence=claim.get("sentence", ""), corrected=bool(claim.get("corrected")),
    )  # fmt: skip


def _sources(claims: list[dict], read: Reading) -> list[Source]:
    """One source per document: its reading, the mentions that agree with it, and its outliers apart."""
    out = []
    for doc, mine in by_document(claims).items():
        mine.sort(key=lambda c: c.get("start", 0))
        apart = {_id(c) for c in read.outliers.get(doc, [])}
        reading_id = _id(read.reading[doc]) if doc in read.reading else _id(mine[0])
        first = next(c for c in mine if _id(c) == reading_id)
        out.append(
            Source(doc=doc, id=_id(first), text=first["text"], value=first.get("value"), low=first.get("low"), high=first.get("high"), unit=first.get("unit"), qualifier=first.get("qualifier", "exact"),
                   period=first.get("period"), date=first.get("date"), published=first.get("published"), sentence=first.get("sentence", ""),
                   lang=first.get("lang", "en"), period_from=first.get("period_from"), base=first.get("base"), source=first.get("source"),
                   url=first.get("url"), outlet=first.get("outlet"), title=first.get("title"),
                   mentions=[_mention(c) for c in mine if _id(c) not in apart], outliers=[_mention(c) for c in mine if _id(c) in apart],
                   corrected=any(c.get("corrected") for c in mine))
        )  # fmt: skip
    return out


def _why(key: tuple, time: str | None, basis: str, sources: list[Source], measure: str | None = None) -> str:
    """What makes the sources one fact: the metric (or the measured thing their clauses name), frame and
    time they share, and where each read its time."""
    topic, metric, modality, unit, subject, counterpart, scope = key
    what = f"no metric; each clause names {measure}" if measure else metric
    parts = [f"same {what} ({modality}{', ' + unit if unit else ''})"]
    frame = f"{subject or '?'}→{counterpart or '?'}" if subject or counterpart else "no frame named"
    parts.append(f"frame {frame}{' [' + scope + ']' if scope else ''}")
    if basis == "event":
        parts.append(f"one event, dated {time}" if time else "one event")
    elif time:
        parts.append(f"time {'as of ' if basis == 'as_of_published' else ''}{time}")
    else:
        parts.append("no time")
    read_from = [f"{s.doc}: {READ_FROM.get(s.period_from, s.period_from) or ('publication date' if basis == 'as_of_published' or not s.period else 'unknown')}" for s in sources]
    if basis != "event":
        parts.append("time read from " + ", ".join(read_from))
    return "; ".join(parts)


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


def compare(claims: Iterable[dict], tolerance: float = 0.05, topic: str | None = None, metric: str | None = None, links: Links | None = None) -> Comparison:
    """Group comparable claims, judge each group, and build a time series per metric. A reviewer's
    `links` (vnkr.corrections) join the claims it declares one fact and part those it declares two."""
    claims = links.join(list(claims)) if links else list(claims)
    years = page_years(claims)
    claims = [_dated_by_page_year(c, years) for c in claims] if years else claims
    claims = [_with_measure(c) for c in claims]
    chosen = [
        c for c in claims
        if c.get("metric") and (topic is None or c["topic"] == topic) and (metric is None or c["metric"] == metric)
        and (c.get("date") if c["label"] == "DATE" else c.get("value") is not None or is_range(c))
    ]  # fmt: skip
    nows = document_nows(chosen)
    by_key: dict[tuple, list[dict]] = {}
    for claim in chosen:
        by_key.setdefault(_key(claim), []).append(claim)
    groups: list[Group] = []
    series: list[Series] = []
    for key in sorted(by_key, key=lambda k: tuple("" if v is None else str(v) for v in k)):
        key_groups = []
        event = _is_event(by_key[key], key)
        # figures with no metric only ever agree: a frame or a time misread would make their conflicts false
        measured = key[2] == MEASURED_MODALITY
        whole_unnamed = key[1] in WHOSE and not any(key[4:7])
        clusters = [[c] for c in by_key[key]] if whole_unnamed else _clusters(by_key[key], key[1] in STOCKS, event, nows)
        pending = list(links.regroup(clusters) if links else clusters)
        while pending:
            cluster = pending.pop(0)
            status, reason, disagreement, read = judge_readings(cluster, tolerance, event)
            if status == "conflict" and (_unstated_flows(cluster, key) or measured):
                pending[:0] = _agreeing_parts(cluster, tolerance)  # a guess against a guess: only what agrees is one fact
                continue
            if status == "conflict" and _nows_apart(cluster, key, disagreement):
                pending[:0] = by_document(cluster).values()
                continue
            if status == "inconsistent" and (measured or not _retold_differently(cluster, tolerance)):  # a month's salary and a year's
                pending[:0] = _agreeing_parts(cluster, tolerance)
                continue
            stated = [c for c in cluster if _basis(c) != "as_of_published"]  # a page's 'now' joined to a stated time is of that time
            times = [t for t in (claim_time(c) for c in stated or cluster) if t]
            topic_, metric_, modality, unit, subject, counterpart, scope = key
            bases = {_basis(c) for c in cluster}
            basis = bases.pop() if len(bases) == 1 else "as_of_published"  # a mix is as of the years published
            sources = _sources(cluster, read)
            key_groups.append(
                Group(topic=topic_, metric=metric_, modality=modality, unit=unit, subject=subject, counterpart=counterpart, scope=scope,
                      time=_time_text(times), basis=basis, status=status, reason=reason, why=_why(key, _time_text(times), basis, sources, cluster[0].get("measure")),
                      disagreement=disagreement, sources=sources, measure=cluster[0].get("measure"))  # fmt: skip
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
