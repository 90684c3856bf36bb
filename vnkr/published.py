"""The document's own date, from its header or dateline (spec: "The document's date")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vnkr.rules import Calendar

HEADER_CHARS = 600  # header forms are looked for this far into the body
DATELINE_CHARS = 2500  # a dateline may follow a synopsis or a list of key points
MAX_YEARS_BACK = 40


@dataclass(frozen=True)
class Published:
    date: date | None
    start: int | None = None  # the date's characters in the body: never a claim
    end: int | None = None
    source: str = "none"


def _months_alternation(cal: Calendar) -> str:
    return "|".join(sorted((re.escape(m) for m in cal.months), key=len, reverse=True))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class PublishedDetector:
    """Reads `date 2025-08-08`, `May 29, 2024 - 18:12`, `03:17 - 11/10/2023` (day first) and
    datelines such as `Seoul, Aug 7 (NationPress)`, whose year comes from the weekdays the text names."""

    def __init__(self, cal: Calendar):
        self.cal = cal
        months = _months_alternation(cal)
        self.iso = re.compile(r"(?im)^\W{0,3}(?:date|published|posted|updated)?:?\s*(\d{4})-(\d{2})-(\d{2})\b")
        self.month_first = re.compile(rf"(?im)^[ \t]*(?:[A-Za-z]+,\s+)?({months})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b(?=[^\n]{{0,30}}$)")
        self.day_first = re.compile(r"(?m)^[ \t]*(?:\d{1,2}:\d{2}\s*[-–|,]?\s*)?(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\s*[-–|,]?\s*\d{1,2}:\d{2})?[ \t]*$")
        self.dateline = re.compile(
            rf"(?m)^[ \t]*([A-Z][A-Za-z .'-]{{1,40}}),\s+({months})\.?\s+(\d{{1,2}})(?:,\s*(\d{{4}}))?\s*(?:\(|[-–—]\s)",
            re.IGNORECASE,
        )
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

    def detect(self, body: str, reference: date) -> Published:
        head = body[:HEADER_CHARS]
        if match := self.iso.search(head):
            found = _safe(*map(int, match.groups()))
            if found:
                return Published(found, match.start(1), match.end(3), "header-iso")
        if match := self.month_first.search(head):
            month = self.cal.months[match.group(1).lower()]
            found = _safe(int(match.group(3)), month, int(match.group(2)))
            if found:
                return Published(found, match.start(1), match.end(3), "header-month-first")
        if match := self.day_first.search(head):
            day, month, year = map(int, match.groups())
            found = _safe(year, month, day)
            if found:
                return Published(found, match.start(1), match.end(3), "header-day-first")
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
