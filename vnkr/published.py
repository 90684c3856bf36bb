"""The document's own date, from its header or dateline (spec: "The document's date")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vnkr.rules import Calendar

KEYWORD_CHARS = 600  # "date 2025-08-08" may open a long first line
HEADER_CHARS = 1500  # other header forms stand on the first short lines ...
HEADER_LINES = 12  # ... among the first non-empty lines
SHORT_LINE = 100  # a longer line is prose, whose dates are events, not the document's own
# what may stand beside the date on a line that is only a time stamp: times, zones, weekdays, separators
STAMP_WORDS = "mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|updated|published|posted"


def stamp_line(extra: list[str] = ()) -> re.Pattern:
    """A line that holds only a date and what a time stamp has beside it: times, zones, weekdays, separators."""
    words = STAMP_WORDS + "".join("|" + re.escape(w) for w in sorted(extra, key=len, reverse=True))
    return re.compile(
        r"^[\s|,\-–—:/.()]*(?:(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|(?:gmt|utc|ict|kst|pt|et)(?:[+-]\d{1,2})?|"
        rf"{words})[\s|,\-–—:/.()]*)*$",
        re.IGNORECASE,
    )


STAMP_LINE = stamp_line()
REPEAT_CHARS = 300  # a dateline repeating the header's date stands this close to the top
DATELINE_CHARS = 2500  # a dateline may follow a synopsis or a list of key points
MAX_YEARS_BACK = 40


@dataclass(frozen=True)
class Published:
    date: date | None
    start: int | None = None  # the date's characters in the body: never a claim
    end: int | None = None
    source: str = "none"
    also: tuple[tuple[int, int], ...] = ()  # a dateline repeating the date ("VIETNAM, June 22 -")

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return (((self.start, self.end),) if self.start is not None else ()) + self.also


def _months_alternation(cal: Calendar) -> str:
    return "|".join(sorted((re.escape(m) for m in cal.months), key=len, reverse=True))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _marked_form(cal: Calendar) -> tuple[str, re.Pattern, tuple] | None:
    """A header date written with the calendar's markers: '2025년 8월 11일', 'ngày 4 tháng 9 năm 2025'."""
    by_kind = {kind: "|".join(re.escape(m) for m, k in cal.markers.items() if k == kind) for kind in ("year", "month", "day")}
    if not all(by_kind.values()):
        return None
    y, m, d = (f"(?:{by_kind[k]})" for k in ("year", "month", "day"))
    if cal.markers_after:
        return "header-marked", re.compile(rf"(?<!\d)(\d{{4}})\s*{y}\s*(\d{{1,2}})\s*{m}\s*(\d{{1,2}})\s*{d}"), ("year", "month", "day")
    return "header-marked", re.compile(rf"(?i){d}\s+(\d{{1,2}})\s+{m}\s+(\d{{1,2}})\s+{y}\s+(\d{{4}})"), ("day", "month", "year")


class PublishedDetector:
    """Reads the date a document gives itself.

    In the header (its first short lines): `date 2025-08-08`, `Posted : 2024-11-22 16:59`,
    `May 29, 2024 - 18:12`, `Friday, November 22, 2024`, `22 November 2024`, `2024.11.22`, and
    day-first numeric dates as Vietnamese outlets write them (`03:17 - 11/10/2023` is 11 October).
    Then datelines such as `Seoul, Aug 7 (NationPress)`, whose year comes from the weekdays the
    text names.
    """

    def __init__(self, cal: Calendar):
        self.cal = cal
        self.stamp = stamp_line(cal.stamp_words) if cal.stamp_words else STAMP_LINE
        months = _months_alternation(cal)
        self.keyword_iso = re.compile(r"(?i)\b(?:date|published|posted|updated)\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b")
        self.line_forms = [
            ("header-iso", re.compile(r"(?<!\d)(\d{4})([-./])(\d{1,2})\2(\d{1,2})(?!\d)"), ("year", None, "month", "day")),
            ("header-month-first", re.compile(rf"(?i)\b({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), ("month", "day", "year")),
            ("header-day-month", re.compile(rf"(?i)\b(\d{{1,2}})\s+({months})\.?,?\s+(\d{{4}})\b"), ("day", "month", "year")),
            ("header-day-first", re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/.])"), ("day", "month", "year")),
        ]
        if marked := _marked_form(cal):
            self.line_forms.append(marked)
        self.dateline = re.compile(
            rf"(?m)^[ \t]*([A-Z][A-Za-z .'-]{{1,40}}),\s+({months})\.?\s+(\d{{1,2}})(?:,\s*(\d{{4}}))?\s*(?:\(|[-–—]\s)",
            re.IGNORECASE,
        )
        self.month_day = re.compile(rf"(?i)\b({months})\.?\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{4}})")
        weekdays = "|".join(sorted((re.escape(w) for w in cal.weekdays if len(w) > 3), key=len, reverse=True))
        self.weekday = re.compile(rf"\b({weekdays})\b", re.IGNORECASE)

    def named_weekdays(self, text: str) -> set[int]:
        return {self.cal.weekdays[m.group(1).lower()] for m in self.weekday.finditer(text)}

    def infer_year(self, month: int, day: int, text: str, reference: date) -> int | None:
        """The most recent year, not after `reference`, in which the weekdays the text names fit."""
        named = self.named_weekdays(text)
        first_fit = None
        for year in range(reference.year, reference.year - MAX_YEARS_BACK, -1):
            candidate = _safe(year, month, day)
            if candidate is None or candidate > reference:
                continue
            if first_fit is None:
                first_fit = year
            if not named or candidate.weekday() in named:
                return year
        return first_fit

    def _read(self, match: re.Match, fields: tuple) -> date | None:
        parts = {}
        for name, value in zip(fields, match.groups()):
            if name == "month" and not value.isdigit():
                parts[name] = self.cal.months.get(value.lower()) or self.cal.months.get(value.lower() + ".")
            elif name:
                parts[name] = int(value)
        if not parts.get("month"):
            return None
        return _safe(parts["year"], parts["month"], parts["day"])

    def _header_lines(self, body: str):
        """(offset, line) of the first short lines: headlines, bylines, timestamps."""
        offset = 0
        seen = 0
        for line in body[:HEADER_CHARS].splitlines(keepends=True):
            stripped = line.strip()
            if stripped:
                seen += 1
                if len(stripped) <= SHORT_LINE:
                    yield offset, line
            if seen >= HEADER_LINES:
                return
            offset += len(line)

    def detect(self, body: str, reference: date) -> Published:
        found = self._header(body, reference)
        if found.date is None:
            return self._dateline(body, reference)
        for match in self.month_day.finditer(body[:REPEAT_CHARS]):
            # the same date again as a dateline: "date 2023-06-22 VIETNAM, June 22 - HÀ NỘI"
            same = self.cal.months.get(match.group(1).lower()) == found.date.month and int(match.group(2)) == found.date.day
            if same and not found.start <= match.start() < found.end:
                return Published(found.date, found.start, found.end, found.source, ((match.start(), match.end()),))
        return found

    def _header(self, body: str, reference: date) -> Published:
        if match := self.keyword_iso.search(body[:KEYWORD_CHARS]):
            found = _safe(*map(int, match.groups()))
            if found:
                return Published(found, match.start(1), match.end(3), "header-iso")
        candidates = []
        for offset, line in self._header_lines(body):
            for source, pattern, fields in self.line_forms:
                for match in pattern.finditer(line):
                    found = self._read(match, fields)
                    if found and found <= reference:
                        stamp = self.stamp.match(line[: match.start()] + line[match.end() :]) is not None
                        candidates.append((not stamp, len(candidates), Published(found, offset + match.start(), offset + match.end(), source)))
                        break
        # a line that is only a date and a time ("16:27 | 01/10/2019") is the article's stamp; a date among
        # other words ("May 25, 2020 21:52 | About us") may be the site's banner
        return min(candidates, key=lambda c: c[:2])[2] if candidates else Published(None)

    def _dateline(self, body: str, reference: date) -> Published:
        if match := self.dateline.search(body[:DATELINE_CHARS]):
            month = self.cal.months.get(match.group(2).lower())
            day = int(match.group(3))
            if month:
                year = int(match.group(4)) if match.group(4) else self.infer_year(month, day, body, reference)
                found = _safe(year, month, day) if year else None
                if found:
                    end = match.end(4) if match.group(4) else match.end(3)
                    return Published(found, match.start(2), end, "dateline")
        return Published(None)
