"""Ranges as one claim with `low` and `high`: any two numbers, written in each language's range
notations, come back exactly as the range's ends (its value null)."""

from __future__ import annotations

import pytest
from conftest import REFERENCE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnkr.corpus import Document
from vnkr.pipeline import build_nlp, extract_text

GLUED = {"": "", " million": "m", " billion": "bn"}  # "$5m-$7m"
SCALES = {"en": {1: "", 1e6: " million", 1e9: " billion"}, "vi": {1: "", 1e6: " triệu", 1e9: " tỷ"}, "ko": {1: "", 1e4: "만", 1e8: "억"}}


def written(x: float, lang: str) -> str:
    """A number as the language writes it: '1,250' and '2.5' in English, '1.250' and '2,5' in Vietnamese."""
    text = f"{int(x):,}" if float(x).is_integer() else f"{x:,.1f}"
    if lang == "ko":
        return text.replace(",", "")
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


# (language, notation): the range as the text writes it, from its two numbers and the scale word
NOTATIONS = {
    ("en", "hyphen money"): lambda a, b, s: f"Lenders will commit ${a}-{b}{s} to the port.",
    ("en", "to money"): lambda a, b, s: f"Lenders will commit ${a} to ${b}{s} to the port.",
    ("en", "hyphen money, each end glued to its currency and scale"): lambda a, b, s: f"Lenders will commit ${a}{GLUED[s]}-${b}{GLUED[s]} to the port.",
    ("en", "between percent"): lambda a, b, s: f"Growth will be between {a}% and {b}% next year.",
    ("en", "to measure"): lambda a, b, s: f"The mills will ship {a} to {b}{s} tonnes of steel.",
    ("en", "between measure, each end with its unit"): lambda a, b, s: f"Most adults hear tones between {a} kHz and {b} kHz.",
    ("en", "to measure, each end glued to its unit"): lambda a, b, s: f"The farm will add {a}MW to {b}MW of capacity.",
    ("vi", "từ đến money"): lambda a, b, s: f"Vốn đầu tư dự kiến từ {a} đến {b}{s} USD.",
    ("vi", "hyphen percent"): lambda a, b, s: f"Lãi suất dao động {a}-{b}% mỗi năm.",
    ("ko", "tilde money"): lambda a, b, s: f"투자액은 {a}~{b}{s} 달러로 예상된다.",
    ("ko", "tilde percent"): lambda a, b, s: f"성장률은 {a}~{b}%로 전망된다.",
}
PERCENT = {"between percent", "hyphen percent", "tilde percent", "between measure, each end with its unit", "to measure, each end glued to its unit"}  # no scale word

numbers = st.one_of(st.integers(1, 1899), st.integers(1, 9999).map(lambda n: n / 10))


@pytest.mark.parametrize("lang,notation", sorted(NOTATIONS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=st.tuples(numbers, numbers).filter(lambda p: p[0] < p[1]), scale_index=st.integers(0, 2))
def test_a_range_comes_back_as_its_two_ends(lang, notation, pair, scale_index):
    low, high = pair
    if lang == "ko" and (not float(low).is_integer() or not float(high).is_integer()) and scale_index:
        scale_index = 0  # "2.5~3.5억" is no way to write it; a Korean range with a scale has whole numbers
    scale = 1 if notation in PERCENT else sorted(SCALES[lang])[scale_index]
    text = NOTATIONS[(lang, notation)](written(low, lang), written(high, lang), SCALES[lang][scale])
    claims = extract_text(build_nlp(None, lang), text, Document(doc="t", path="-", text=text, published=REFERENCE, lang=lang))
    ranges = [c for c in claims if c.low is not None]
    assert len(ranges) == 1, (text, [(c.text, c.value, c.low, c.high) for c in claims])
    claim = ranges[0]
    assert claim.value is None
    assert (claim.low, claim.high) == (pytest.approx(low * scale, rel=1e-12), pytest.approx(high * scale, rel=1e-12)), text
