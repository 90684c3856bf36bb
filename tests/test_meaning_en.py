"""What English figures mean on articles from any outlet (issue #21): change nouns, stocks, forecasts,
world figures and places, as a table of text → expected claims (tests/cases/meaning_en.jsonl), extracted
with the fixed published date 2025-08-08."""

import pytest
from conftest import assert_case, load_cases

CASES = load_cases("meaning_en.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["construct"] for c in CASES])
def test_meaning(extract, case):
    assert_case(extract(case["text"]), case)
