"""The scoring protocol on small hand-made cases."""

import pytest

from vnkr.evaluate import field_right, match, score


def claim(doc="d", start=0, end=5, **fields):
    base = {"doc": doc, "start": start, "end": end, "text": "x" * (end - start), "label": "CARDINAL", "value": 1, "unit": None, "date": None,
            "qualifier": "exact", "topic": "other", "metric": None, "period": None, "modality": "reported"}
    base.update(fields)
    return base


@pytest.mark.parametrize(
    "field,predicted,gold,right",
    [
        ("period", "2024-04-30", "2024-04", True),
        ("period", "2024", "2024-04", False),
        ("date", "2025-08-10", "2025-08-10/2025-08-13", True),
        ("date", None, "2025", False),
        ("value", 10000.0000001, 10000, True),
        ("value", 10001, 10000, False),
        ("unit", "usd", "USD", True),
        ("metric", "my_metric", None, True),
        ("metric", "trade_value", None, False),
    ],
)
def test_field_right(field, predicted, gold, right):
    assert field_right(field, {field: predicted}, {field: gold, "alts": {}}) is right


def test_alts_are_accepted():
    assert field_right("period", {"period": None}, {"period": "2024", "alts": {"period": [None]}})


def test_matching_prefers_the_largest_overlap():
    gold = [claim(start=0, end=4), claim(start=3, end=12)]
    pairs = match([claim(start=2, end=10)], gold)
    assert pairs[0][1] is gold[1]


def test_optional_gold_is_neither_rewarded_nor_penalised():
    gold = [claim(start=0, end=5), claim(start=10, end=15, optional=True)]
    result = score([claim(start=0, end=5), claim(start=10, end=15), claim(start=20, end=25)], gold)
    assert (result.span.correct, result.span.predicted, result.span.gold) == (1, 2, 1)
    assert result.span.precision == 0.5 and result.span.recall == 1.0


def test_documents_outside_the_gold_do_not_count():
    result = score([claim(doc="other")], [claim()])
    assert result.span.predicted == 0 and result.span.recall == 0.0


@pytest.mark.parametrize(
    "predicted,gold,right",
    [
        ({"value": None, "low": 30, "high": 50}, {"value": 30, "alts": {"value": [50]}}, True),  # a gold range: one end and its alternative
        ({"value": None, "low": 50, "high": 30}, {"value": 30, "alts": {"value": [50]}}, True),
        ({"value": None, "low": 30, "high": 40}, {"value": 30, "alts": {"value": [50]}}, False),
        ({"value": None, "low": 7e9, "high": 9e9}, {"value": 7e9, "alts": {"value": [9e9, 8e9]}}, False),  # as score.py: every accepted end
        ({"value": None, "low": 30, "high": 50}, {"value": None, "label": "DATE", "alts": {}}, False),
        ({"value": 30}, {"value": 30, "alts": {"value": [50]}}, True),
        ({"value": None, "low": 30, "high": 50}, {"value": None, "low": 30, "high": 50, "alts": {}}, True),  # a gold range with low/high
        ({"value": None, "low": 30, "high": 45}, {"value": None, "low": 30, "high": 50, "alts": {}}, False),
        ({"value": 30}, {"value": None, "low": 30, "high": 50, "alts": {}}, False),
    ],
)
def test_a_predicted_range_is_right_when_its_ends_are_the_golds(predicted, gold, right):
    assert field_right("value", predicted, gold) is right
