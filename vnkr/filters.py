"""Which groups of a comparison a fact-checker asks for: of a time, a document, a language, a verdict, a statistic.

Every filter keeps or drops whole groups (a conflict keeps both its sides), and filters combine:
a group is kept when it passes each one given. Within one filter, the values given are
alternatives (`--status conflict --status inconsistent`). A group passes
- a period when its time overlaps it (a group with no time passes none);
- a document (its stem, or a glob such as `0*_vi_*`) when one of its sources is that document;
- a language when one of its sources is in it;
- a statistic (`KITA`, case folded) when one of its sources attributes its figure to it.
A time series is kept, whole, when one of its points is a kept group's figure: the trend around it.

Unknown values are errors that name the choices: a period that is no ISO time, a document
pattern no document read matches, a statistic no claim names and no rule knows.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel

from vnkr.compare import Comparison, Group, Series, Status
from vnkr.normalize.intervals import bounds, overlap

SHOWN = 10  # documents or statistics an error lists
PERIOD_FORMS = "2024, 2024-Q1, 2024-H2, 2024-04, 2024-04-30 or an interval such as 2024-01/2024-06"
PART = re.compile(r"^(\d{4})-([QH])([1-4])$")


class FilterError(ValueError):
    """A filter's value that no group could ever pass: the message names the choices."""


class GroupFilter(BaseModel):
    """The filters of `compare` and `report`; an empty filter keeps every group."""

    topic: str | None = None
    metric: str | None = None
    periods: list[str] = []  # each an ISO time (as --period / --year give it); a group overlaps every one
    docs: list[str] = []  # document stems or globs: a group with a source of any
    langs: list[str] = []  # en, vi, ko: a group with a source in any
    statuses: list[Status] = []  # a group with any of these verdicts
    sources: list[str] = []  # statistics (KITA, GSO ...): a group with a source attributing to any

    def given(self) -> list[str]:
        """The filters set, as their options read: what an empty result says it was asked."""
        shown = [("--topic", [self.topic] if self.topic else []), ("--metric", [self.metric] if self.metric else []), ("--period", self.periods),
                 ("--doc", self.docs), ("--lang", self.langs), ("--status", self.statuses), ("--source", self.sources)]  # fmt: skip
        return [f"{name} {' or '.join(values)}" for name, values in shown if values]


def period_bounds(text: str) -> tuple[date, date] | None:
    """The days of a period as claims write it, and a quarter or half year: '2024-Q1' → Jan 1 to Mar 31."""
    if "/" in text:
        first, _, last = text.partition("/")
        a, b = period_bounds(first), period_bounds(last)
        return (a[0], b[1]) if a and b and a[0] <= b[1] else None
    part = PART.match(text.strip())
    if part:
        year, kind, number = int(part[1]), part[2], int(part[3])
        if kind == "H" and number > 2:
            return None
        months = 3 if kind == "Q" else 6
        first_month = (number - 1) * months + 1
        last = bounds(f"{year}-{first_month + months - 1:02d}")
        return date(year, first_month, 1), last[1]
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text.strip()):
        return None
    return bounds(text.strip())


def check(wanted: GroupFilter, docs: Iterable[str] | None = None, statistics: Iterable[str] | None = None) -> None:
    """Raise FilterError for a value no group could pass, naming the choices: a period that is no
    ISO time, a document pattern that matches none of `docs` (those read), a statistic not among
    `statistics` (those the claims name and the rules know). Without `docs` or `statistics`
    (before anything is read), those are not checked."""
    for period in wanted.periods:
        if period_bounds(period) is None:
            raise FilterError(f"--period {period}: not a period; give {PERIOD_FORMS}")
    names = sorted(set(docs or []))
    for pattern in wanted.docs if docs is not None else []:
        if not any(_doc_matches(name, pattern) for name in names):
            raise FilterError(f"--doc {pattern}: no document read is named so; documents: {_listing(names) or 'none'}")
    known = {s.casefold(): s for s in statistics or []}
    for source in wanted.sources if statistics is not None else []:
        if source.casefold() not in known:
            raise FilterError(f"--source {source}: no claim names this statistic and no rule knows it; statistics: {_listing(sorted(known.values())) or 'none'}")


def _listing(names: list[str]) -> str:
    return ", ".join(names[:SHOWN]) + (f" (and {len(names) - SHOWN} more)" if len(names) > SHOWN else "")


def _doc_matches(name: str, pattern: str) -> bool:
    return name == pattern or fnmatch.fnmatchcase(name, pattern)


def keeps(wanted: GroupFilter, group: Group) -> bool:
    """Whether a group passes every filter given."""
    if wanted.topic and group.topic != wanted.topic or wanted.metric and group.metric != wanted.metric:
        return False
    if wanted.statuses and group.status not in wanted.statuses:
        return False
    if wanted.periods:
        time = bounds(group.time)
        if time is None or not all(overlap(time, period_bounds(p)) for p in wanted.periods):
            return False
    if wanted.docs and not any(_doc_matches(s.doc, p) for s in group.sources for p in wanted.docs):
        return False
    if wanted.langs and not any(s.lang in wanted.langs for s in group.sources):
        return False
    sources = {s.casefold() for s in wanted.sources}
    return not sources or any(s.source is not None and s.source.casefold() in sources for s in group.sources)


def _fact(item: Group | Series) -> tuple:
    return (item.topic, item.metric, item.modality, item.unit, item.subject, item.counterpart, item.scope)


def apply(comparison: Comparison, wanted: GroupFilter) -> Comparison:
    """The groups that pass the filter, in their order, and the series that run through one of them."""
    groups = [g for g in comparison.groups if keeps(wanted, g)]
    figures = {(_fact(g), g.time, s.doc) for g in groups for s in g.sources}
    series = [s for s in comparison.series if any((_fact(s), p.time, p.doc) in figures for p in s.points)]
    return Comparison(groups=groups, series=series)
