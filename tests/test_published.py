"""The document's own date, with a fixed reference date (never today)."""

from datetime import date

import pytest

from vnkr.published import PublishedDetector
from vnkr.rules import shipped_rules

DETECTOR = PublishedDetector(shipped_rules().calendar)
REFERENCE = date(2026, 11, 22)


@pytest.mark.parametrize(
    "body,expected,source",
    [
        (" date 2025-08-08 At the invitation of the RoK President", date(2025, 8, 8), "header-iso"),
        ("Headline\n\nMay 29, 2024 - 18:12\nThe visit is a prelude.", date(2024, 5, 29), "header-month-first"),
        ("Headline\n\n03:17 - 11/10/2023\n\nText", date(2023, 10, 11), "header-day-first"),
        ("Headline\nSeoul, Aug 7 (NationPress) Lee said in an interview released on Thursday.", date(2025, 8, 7), "dateline"),
        ("HANOI, Dec 5, 2019 (Reuters) - South Korea and Vietnam agreed on Thursday to expand trade.", date(2019, 12, 5), "header-month-first"),
        ("No date in this text at all. Trade grew 5 percent.", None, "none"),
        ("Korea, Vietnam pledge deeper ties\nPosted : 2024-11-22 16:59  Updated : 2024-11-22 17:30\nText", date(2024, 11, 22), "header-iso"),
        ("Headline\nUpdated: 14:05, 22/11/2024\nText", date(2024, 11, 22), "header-day-first"),
        ("Headline\nBy Nguyen Van A   Friday, November 22, 2024 | 09:15 am GMT+7\nText", date(2024, 11, 22), "header-month-first"),
        ("Headline\n22 November 2024\nText", date(2024, 11, 22), "header-day-month"),
        ("Headline\n2024.11.22 10:30\nText", date(2024, 11, 22), "header-iso"),
        ("Headline\nPublished 2024-11-22T10:00:00+07:00\nText", date(2024, 11, 22), "header-iso"),
        ("Headline\n" + "The two countries established diplomatic ties on December 22, 1992, and have since grown close. " * 2, None, "none"),
    ],
)
def test_header_forms(body, expected, source):
    found = DETECTOR.detect(body, REFERENCE)
    assert (found.date, found.source) == (expected, source)
    if expected:
        assert found.start is not None and body[found.start : found.end]


@pytest.mark.parametrize(
    "weekday,expected",
    [("Thursday", 2025), ("Friday", 2026), ("Wednesday", 2024)],
)
def test_dateline_year_is_the_latest_that_fits_the_named_weekday(weekday, expected):
    body = f"Seoul, Aug 7 (Yonhap) -- The office said on {weekday} that the visit will go ahead."
    assert DETECTOR.detect(body, REFERENCE).date == date(expected, 8, 7)


def test_a_dateline_repeating_the_header_date_is_skipped_too():
    body = " date 2023-06-22 VIETNAM, June 22 - HÀ NỘI — The president arrived on Thursday."
    found = DETECTOR.detect(body, REFERENCE)
    assert found.date == date(2023, 6, 22)
    assert [body[a:b] for a, b in found.spans] == ["2023-06-22", "June 22"]


def test_dateline_year_not_after_the_reference():
    body = "Seoul, Dec 24 (Yonhap) -- Talks were held."
    assert DETECTOR.detect(body, date(2026, 11, 22)).date == date(2025, 12, 24)


def test_the_article_stamp_wins_over_a_site_banner():
    body = "May 25, 2020 21:52 | About us\n\nNumber of Vietnamese students in RoK reached over 37,000\n\n16:27 | 01/10/2019\n\nText."
    found = DETECTOR.detect(body, REFERENCE)
    assert found.date == date(2019, 10, 1) and body[found.start : found.end] == "01/10/2019"
