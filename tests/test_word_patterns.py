"""words_pattern (several phrases as one regex, their first characters looked ahead for) finds what the
phrases' own word patterns, tried one after another at each position as an alternation, find."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from vnkr.components.topics import word_pattern, words_pattern

# letters whose case the regex engine folds in its own ways (ſ and s, ı and i, K and the Kelvin sign, ß),
# Vietnamese and Hangul, and the characters around words
LETTERS = "aksiKSIſıKßẞĐđơƠệỆ교민재외동포-' .,()\n"
PHRASES = st.lists(st.text(alphabet=LETTERS.replace(" ", "").replace("\n", ""), min_size=1, max_size=4), min_size=1, max_size=5)


def alternation(phrases: list[str], flags: int) -> re.Pattern:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(word_pattern(p).pattern for p in ordered), flags)


@settings(max_examples=300, deadline=None)
@given(PHRASES, st.text(alphabet=LETTERS, max_size=60), st.sampled_from([0, re.IGNORECASE]))
def test_words_pattern_finds_what_the_alternation_finds(phrases, text, flags):
    expected = [m.span() for m in alternation(phrases, flags).finditer(text)]
    assert [m.span() for m in words_pattern(phrases, flags).finditer(text)] == expected


def test_words_pattern_names_each_phrase_as_a_word():
    pattern = words_pattern(["trade", "trade deficit", "교민"], re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("Trade deficits; the TRADE DEFICIT of 교민은 and untrade")] == ["Trade", "TRADE DEFICIT", "교민"]
