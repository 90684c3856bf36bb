import pytest

from vnkr.normalize.numbers import NumberVocabulary, parse_digits, parse_number
from vnkr.rules import shipped_rules

VOCAB = NumberVocabulary.from_rules(shipped_rules())


@pytest.mark.parametrize(
    "text,expected",
    [
        ("10,000", 10000),
        ("85.87", 85.87),
        ("five", 5),
        ("twenty-one", 21),
        ("a hundred", 100),
        ("two hundred thousand", 200000),
        ("5 million", 5e6),
        ("five million", 5e6),
        ("1.5bn", 1.5e9),
        ("3 tn", 3e12),
        ("300m", 3e8),
        ("1,200", 1200),
        ("a dozen", 12),
        ("three", 3),
        ("Covid", None),
        ("way", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text, VOCAB) == expected


@pytest.mark.parametrize("text,expected", [("10,000", 10000.0), ("1,234,567.5", 1234567.5), ("7", 7.0), ("1,00", None), ("abc", None), ("19-", None)])
def test_parse_digits(text, expected):
    assert parse_digits(text) == expected


@pytest.mark.parametrize("word,expected", [("third", 3), ("2nd", 2), ("10th", 10), ("first", 1), ("largest", None)])
def test_ordinal_value(word, expected):
    assert VOCAB.ordinal_value(word) == expected
