"""Every construct of the recognition and semantics issues, as tables of text → expected claims (tests/cases/*.jsonl).

Each case is extracted with the fixed published date 2025-08-08."""

import pytest
from conftest import load_cases

CASES = load_cases("recognition.jsonl") + load_cases("semantics.jsonl") + load_cases("frame.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["construct"] for c in CASES])
def test_construct(extract, case):
    claims = extract(case["text"])
    by_text = {c.text: c for c in claims}
    for expected in case.get("expect", []):
        assert expected["text"] in by_text, f"{expected['text']!r} not found; got {sorted(by_text)}"
        claim = by_text[expected["text"]].model_dump(mode="json")
        for key, value in expected.items():
            if key == "value":
                assert claim[key] == pytest.approx(value), key
            else:
                assert claim[key] == value, f"{expected['text']!r}: {key}"
    for absent in case.get("absent", []):
        assert not any(c.text.endswith(absent) or c.text == absent for c in claims), f"{absent!r} should not be a claim: {[c.text for c in claims]}"


def test_offsets_are_into_the_text(extract):
    text = "Trade reached US$86.7\u00a0billion in 2024, and over 10,000 Korean firms operate in Việt Nam."
    for claim in extract(text):
        assert text[claim.start : claim.end] == claim.text
