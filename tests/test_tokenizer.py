"""The chunk memo in front of spaCy's tokenizer gives exactly the tokens spaCy's tokenizer gives."""

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from vnkr.pipeline import build_nlp
from vnkr.tokenizer import ChunkMemoTokenizer


def tokens(doc):
    return [(t.text, t.whitespace_, t.idx) for t in doc]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Trade reached $5 billion in 2023."),
        ("en", "  leading spaces, double  spaces,\ttabs and a line\n\nbreak  \n  "),
        ("en", "The U.S. and Korea don't trade 1.5bn of it; (KOTRA) said \"no\"."),
        ("en", "VND10 trillion, 500MW, 1992–2022 and 2016.In the first ..."),
        ("en", "word\u00a0after a no-break space\u2009and a thin one"),
        ("en", ""),
        ("en", " "),
        ("vi", "Kim ngạch đạt 86,7 tỷ USD, tăng 12% so với năm 2023."),
        ("ko", "양국 교역액은 868억달러를 기록했다. 한국은 베트남의 최대 투자국이다."),
    ],
)
def test_same_tokens_as_spacys_tokenizer(lang, text):
    memo = build_nlp(None, lang).tokenizer
    assert isinstance(memo, ChunkMemoTokenizer)
    assert tokens(memo(text)) == tokens(memo.tokenizer(text))
    assert tokens(memo(text)) == tokens(memo.tokenizer(text))  # again, from the memo


def test_same_tokens_on_the_seeds():
    memo = build_nlp().tokenizer
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert tokens(memo(text)) == tokens(memo.tokenizer(text)), path.name


def test_the_memo_is_bounded_and_forgetting_changes_nothing():
    inner = build_nlp().tokenizer.tokenizer
    memo = ChunkMemoTokenizer(inner, max_chunks=8)
    texts = [f"Korea invested ${n} billion in {n} projects, up {n}% on-year." for n in range(30)]
    for text in texts:
        assert tokens(memo(text)) == tokens(inner(text))
        assert len(memo.words) <= max(8, len(set(text.split())))


# no emoticon characters (: ; = _ ^ <): see test_an_emoticon_across_a_space
PIECES = list("ab1. ,$%'-\n\t\u00a0\u2009\"()Uu") + ["U.S.", "don't", "bn", "2023", "  ", "Mr.", "e.g."]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_random_text_gives_the_same_tokens(text):
    memo = build_nlp().tokenizer
    assert tokens(memo(text)) == tokens(memo.tokenizer(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters=":;=_^<"), max_size=60))
def test_any_unicode_gives_the_same_tokens(text):
    memo = build_nlp().tokenizer
    assert tokens(memo(text)) == tokens(memo.tokenizer(text))


def test_an_emoticon_across_a_space():
    """The one difference: spaCy matches its special cases (emoticons) on the whole text, so ':) )'
    is read as ':))' across the space and then as no special at all; per chunk, ':)' is the emoticon."""
    memo = build_nlp().tokenizer
    assert [t.text for t in memo("a:) )")] == ["a", ":)", ")"]
    assert [t.text for t in memo.tokenizer("a:) )")] == ["a", ":", ")", ")"]
