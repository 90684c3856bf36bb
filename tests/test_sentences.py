"""Sentences stay bounded whatever the text's shape: long runs are cut at their separators, and a
claim carries at most a window of its sentence, at its offset in the document."""

import pytest

from vnkr.components.sentences import SentenceSplitter
from vnkr.pipeline import SENTENCE_WINDOW, sentence_window

LONGEST = 60  # a small bound, so that the cases stay readable


@pytest.fixture(scope="module")
def split(nlp):
    splitter = SentenceSplitter(nlp, set(), longest=LONGEST)
    return lambda text: [s.text.strip() for s in splitter(nlp.make_doc(text)).sents]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence within the bound keeps its commas and semicolons
        ("Exports rose 12%, imports fell; trade grew.", ["Exports rose 12%, imports fell; trade grew."]),
        # too long: cut at every semicolon
        (
            "Hanoi had 1,234 Korean firms and 2,345 workers; Busan 3,456 visits; Seoul 4,567 people",
            ["Hanoi had 1,234 Korean firms and 2,345 workers;", "Busan 3,456 visits;", "Seoul 4,567 people"],
        ),
        # bullets and bars cut like semicolons
        (
            "• Hanoi 1,234 Korean firms in 2024 • Busan 2,345 visitors • Seoul 3,456 | Hue 4,567",
            ["•", "Hanoi 1,234 Korean firms in 2024 •", "Busan 2,345 visitors •", "Seoul 3,456 |", "Hue 4,567"],
        ),
        # no semicolon: at every list separator
        (
            "Korea 100 firms, 101 people, Vietnam 102 visits, 103 workers, Seoul 104 firms",
            ["Korea 100 firms,", "101 people,", "Vietnam 102 visits,", "103 workers,", "Seoul 104 firms"],
        ),
        # a piece between semicolons still too long is cut at its commas; a short one is left whole
        (
            "Trade rose 12%, exports 8%; Korea 100 firms, 101 people, Vietnam 102 visits, 103 workers, Hue 104 firms",
            ["Trade rose 12%, exports 8%;", "Korea 100 firms,", "101 people,", "Vietnam 102 visits,", "103 workers,", "Hue 104 firms"],
        ),
        # no separator at all: pieces of at most LONGEST characters, cut between words
        (
            "Korea 100 firms Vietnam 101 people Seoul 102 visits Hanoi 103 workers Busan 104 firms Hue 105 people",
            ["Korea 100 firms Vietnam 101 people Seoul 102 visits Hanoi", "103 workers Busan 104 firms Hue 105 people"],
        ),
        # a line break and a full stop still end sentences first
        ("Trade rose 12%.\nKorea 100 firms, 101 people.", ["Trade rose 12%.", "Korea 100 firms, 101 people."]),
        # one token longer than the bound stays one piece
        ("x" * 100, ["x" * 100]),
    ],
)
def test_long_runs_are_cut_at_their_separators(split, text, expected):
    assert split(text) == expected


def test_every_piece_of_a_long_run_is_within_the_bound(split):
    text = " ".join(f"Korea {i} firms and" + (";" if i % 7 == 0 else ",") for i in range(500))
    pieces = split(text)
    assert len(pieces) > 50 and max(map(len, pieces)) <= LONGEST


@pytest.mark.parametrize(
    "text, sentence, span, width, expected",
    [
        # a sentence within the width: the whole of it, without its outer spaces
        ("  Trade rose 12%.  ", (0, 19), (13, 16), 1000, (2, 17)),
        # a long one: `width` characters centred on the span, cut back to whole words
        ("aaa bbb ccc 12% ddd eee fff", (0, 27), (12, 15), 11, (8, 19)),
        ("aaa bbb ccc 12% ddd eee fff", (0, 27), (12, 15), 13, (8, 19)),
        # a span at the very start or end: the window slides to stay inside the sentence
        ("12% aaa bbb ccc ddd eee", (0, 23), (0, 3), 10, (0, 7)),
        ("aaa bbb ccc ddd eee 12%", (0, 23), (20, 23), 10, (16, 23)),
        # no space to cut at: exactly `width` characters
        ("xxxxxxxx12%xxxxxxxx", (0, 19), (8, 11), 7, (6, 13)),
    ],
)
def test_sentence_window(text, sentence, span, width, expected):
    left, right = sentence_window(text, sentence, span, width)
    assert (left, right) == expected
    assert right - left <= width and left <= span[0] and span[1] <= right


def test_a_claim_in_a_huge_sentence_carries_a_window_of_it(extract):
    """A sentence with no separator and one enormous token can only be bounded by the window."""
    blob = "Ab9+/" * 1_000
    text = f"{blob} trade reached $5 billion {blob}"
    (claim,) = extract(text)
    assert claim.text == "$5 billion" and len(claim.sentence) <= SENTENCE_WINDOW
    assert text[claim.sentence_start :][: len(claim.sentence)] == claim.sentence
    assert claim.sentence_start <= claim.start and claim.end <= claim.sentence_start + len(claim.sentence)
