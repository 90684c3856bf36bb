from datetime import date

import pytest
from conftest import load_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from vnkr.normalize.dates import FUTURE, NEAREST, PAST, infer_year, parse_date, weekday_date
from vnkr.rules import shipped_rules

CAL = shipped_rules().calendar
CASES = load_cases("dates.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[f"{c['text']}@{c['published']}" for c in CASES])
def test_parse_date(case):
    published = date.fromisoformat(case["published"]) if case["published"] else None
    assert parse_date(case["text"], published, CAL, case.get("direction", NEAREST)) == case["date"]


@pytest.mark.parametrize(
    "month,day,ref,direction,year",
    [
        (8, 10, date(2025, 8, 8), FUTURE, 2025),
        (8, 1, date(2025, 8, 8), FUTURE, 2026),
        (8, 10, date(2025, 8, 8), PAST, 2024),
        (12, 10, date(2026, 1, 5), NEAREST, 2025),
        (1, 3, date(2025, 12, 30), NEAREST, 2026),
        (6, None, date(2025, 8, 7), PAST, 2025),
    ],
)
def test_infer_year(month, day, ref, direction, year):
    assert infer_year(month, day, ref, direction) == year


def test_weekday_same_day_past_is_today():
    thursday = date(2025, 8, 7)
    assert weekday_date(3, thursday, PAST) == thursday
    assert weekday_date(3, thursday, NEAREST, shift=-1) == date(2025, 7, 31)


# the end of a year is its December in Korean and Vietnamese, glued to its year or not; a half is no end
END_OF_YEAR = [
    ("ko", "2018년 말", "2018-12"),
    ("ko", "2016년말", "2016-12"),
    ("ko", "지난해 말", "2019-12"),
    ("ko", "지난해말", "2019-12"),
    ("vi", "cuối năm 2018", "2018-12"),
    ("vi", "hết năm 2018", "2018-12"),
    ("vi", "cuối năm ngoái", "2019-12"),
]

# Vietnamese months in words after "tháng"; "9 tháng năm 2024" stays the first nine months
MONTHS_IN_WORDS = [
    ("tháng Một năm nay", "2020-01"),
    ("tháng Mười Hai năm 2015", "2015-12"),
    ("tháng Mười năm 2015", "2015-10"),
    ("tháng Giêng", "2020-01"),
    ("tháng Tám năm 2015", "2015-08"),
    ("9 tháng năm 2024", "2024-01/2024-09"),
]


@pytest.mark.parametrize("text,expected", MONTHS_IN_WORDS)
def test_vietnamese_month_in_words(text, expected):
    assert parse_date(text, date(2020, 1, 29), shipped_rules("vi").calendar) == expected


@pytest.mark.parametrize("lang,text,expected", END_OF_YEAR)
def test_end_of_a_year_is_december(lang, text, expected):
    assert parse_date(text, date(2020, 1, 29), shipped_rules(lang).calendar) == expected


# the date matcher runs, per region, only the patterns whose required words stand there: it must find what
# every pattern over the region finds, in the same order (which match wins a tie follows that order)
def _date_words(lang: str) -> list[str]:
    """The calendar's words and every date pattern's example, to build text from."""
    rules = shipped_rules(lang)
    cal = rules.calendar
    return sorted({*cal.months, *cal.weekdays, *cal.units, *cal.relative, *cal.markers, *cal.quarters, *(r.example for r in rules.date_pattern)})


DATE_WORDS = {lang: _date_words(lang) for lang in ("en", "vi", "ko")}
FILLER = ["2024", "2023", "15", "3", "12/2024", "1.5.2025", "the", "of", ",", ".", "năm", "tháng", "년", "월", "일", "지난해", "up", "to", "(", ")"]


@pytest.mark.parametrize("lang", ["en", "vi", "ko"])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_date_matches_as_every_pattern_finds_them(lang, data):
    from vnkr.pipeline import build_nlp

    nlp = build_nlp(lang=lang)
    dates = nlp.get_pipe("vnkr_dates")
    words = data.draw(st.lists(st.sampled_from(DATE_WORDS[lang] + FILLER), max_size=30))
    doc = nlp.make_doc(" ".join(words))
    every = [(key, lo + start, lo + end) for lo, hi in dates.regions(doc) for key, start, end in dates.matcher(doc[lo:hi])]
    assert list(dates.matches(doc)) == every
