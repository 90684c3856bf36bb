"""What English figures mean on articles from any outlet (issue #21): change nouns, stocks, forecasts,
world figures and places, as a table of text → expected claims (tests/cases/meaning_en.jsonl), extracted
with the fixed published date 2025-08-08."""

import pytest
from conftest import assert_case, load_cases

CASES = load_cases("meaning_en.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["construct"] for c in CASES])
def test_meaning(extract, case):
    assert_case(extract(case["text"]), case)


def test_a_level_whose_own_time_cannot_be_told_takes_no_time_from_the_change_before_it(extract):
    """With no published date, "last year" cannot be resolved; the level it dates still does not take the year
    of the level it grew from."""
    claims = {c.text: c for c in extract("The deficit of $3.1 billion in 2008 widened to $12.5 billion last year.", published=None)}
    assert claims["$3.1 billion"].period == "2008"
    assert claims["$12.5 billion"].period is None
