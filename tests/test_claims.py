"""Every construct of the recognition and semantics issues, as tables of text → expected claims (tests/cases/*.jsonl).

Each case is extracted with the fixed published date 2025-08-08."""

import pytest
from conftest import assert_case, load_cases

CASES = load_cases("recognition.jsonl") + load_cases("semantics.jsonl") + load_cases("frame.jsonl") + load_cases("direction.jsonl") + load_cases("quantities.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["construct"] for c in CASES])
def test_construct(extract, case):
    assert_case(extract(case["text"]), case)


@pytest.mark.parametrize(
    "text,figure,period",
    [
        # a month range with no year is of the latest year the text named
        ("Korea invested US$2.1 billion in Vietnam in the first half of 2015. In the January-June period, total registered capital reached US$7 billion.",
         "US$7 billion", "2015-01/2015-06"),
        # a time told from 'now' stays unresolved
        ("Korea invested US$2.1 billion in Vietnam in 2015. Last year, Korea invested US$3 billion.", "US$3 billion", None),
    ],
)
def test_a_page_with_no_date_reads_times_with_no_year_by_the_year_it_named(extract, text, figure, period):
    claims = {c.text: c for c in extract(text, published=None)}
    assert claims[figure].period == period


def test_offsets_are_into_the_text(extract):
    text = "Trade reached US$86.7\u00a0billion in 2024, and over 10,000 Korean firms operate in Việt Nam."
    for claim in extract(text):
        assert text[claim.start : claim.end] == claim.text
