"""Every construct of the recognition and semantics issues, as tables of text → expected claims (tests/cases/*.jsonl).

Each case is extracted with the fixed published date 2025-08-08."""

import pytest
from conftest import assert_case, load_cases

CASES = load_cases("recognition.jsonl") + load_cases("semantics.jsonl") + load_cases("frame.jsonl") + load_cases("direction.jsonl") + load_cases("quantities.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["construct"] for c in CASES])
def test_construct(extract, case):
    assert_case(extract(case["text"]), case)


def test_offsets_are_into_the_text(extract):
    text = "Trade reached US$86.7\u00a0billion in 2024, and over 10,000 Korean firms operate in Việt Nam."
    for claim in extract(text):
        assert text[claim.start : claim.end] == claim.text
