"""Units of measure: every unit's example is a QUANTITY in its unit, pint checks the rules' units,
and any `<number> <unit word>` news writes reads back as its value and the unit's symbol."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnkr.normalize.units import UnitError, per, symbol
from vnkr.rules import RulesError, parse_rules, shipped_rules

RULES = shipped_rules()
UNITS = {m.id: m for m in RULES.measure_unit}
WORDS = [(w, m.symbol or symbol(m.unit)) for m in RULES.measure_unit for w in m.words]
GLUED = [(w, m.symbol or symbol(m.unit)) for m in RULES.measure_unit for w in m.attached]


@pytest.mark.parametrize("rule", RULES.measure_unit, ids=lambda r: r.id)
def test_each_unit_example_is_a_quantity_in_its_unit(extract, rule):
    found = {(c.label, c.unit) for c in extract(rule.example)}
    assert ("QUANTITY", rule.symbol or symbol(rule.unit)) in found, f"{rule.id}: {rule.example!r} gives {found}"


@pytest.mark.parametrize(
    "expression,expected",
    [("megawatt", "MW"), ("metric_ton", "t"), ("kilometer ** 2", "km2"), ("TEU", "TEU"), ("kilowatt_hour", "kWh"), ("kilometer / hour", "km/h")],
)
def test_pint_gives_the_symbol(expression, expected):
    assert symbol(expression) == expected


@pytest.mark.parametrize("numerator,denominator,expected", [("USD", "t", "USD/t"), ("USD", "person", "USD/person"), ("km", "hour", "km/h")])
def test_compound_unit(numerator, denominator, expected):
    assert per(numerator, denominator) == expected


def test_a_unit_pint_does_not_know_is_a_rules_error():
    with pytest.raises(UnitError):
        symbol("megawombat")
    bad = {"measure_unit": [{"id": "x", "example": "5 zorks", "unit": "zork", "words": ["zorks"]}]}
    with pytest.raises(RulesError, match="measure_unit.*zork"):
        parse_rules(bad, "test.toml")


def _written(value: float) -> str:
    return f"{value:,.1f}" if not float(value).is_integer() else f"{int(value):,}"


NUMBERS = st.one_of(st.integers(min_value=1, max_value=9_999_999), st.integers(min_value=1, max_value=99_999).map(lambda n: n / 10))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=NUMBERS, written=st.one_of(st.sampled_from(WORDS).map(lambda w: (*w, False)), st.sampled_from(GLUED).map(lambda w: (*w, True))))
def test_number_and_unit_round_trip(extract, value, written):
    form, unit, glued = written
    number = _written(value)
    phrase = f"{number}{form}" if glued else f"{number} {form}"
    text = f"Officials said the figure stood at {phrase} in total last month."
    claims = [c for c in extract(text) if c.label == "QUANTITY"]
    assert [(c.value, c.unit) for c in claims] == [(pytest.approx(value), unit)], (text, claims)
