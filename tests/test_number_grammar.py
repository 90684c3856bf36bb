"""Every number as news writes it, in each language (issue #22): tables of paraphrased text → the
value, unit and label read back, and generated numbers rendered in every notation the grammar
claims to read, run through the real pipeline."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import REFERENCE, assert_case, load_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnkr.components.facts import DATES, DocMeta
from vnkr.corpus import Document
from vnkr.normalize.dates import full_year, parse_date
from vnkr.normalize.numbers import NumberVocabulary, join_spaced_groups, words_value
from vnkr.pipeline import build_nlp, extract_text
from vnkr.rules import shipped_rules

CASES = load_cases("number_grammar.jsonl")
GENERATED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def extract_in(lang: str, text: str):
    return extract_text(build_nlp(None, lang), text, Document(doc="t", path="-", text=text, published=REFERENCE, lang=lang))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}:{c['construct']}" for c in CASES])
def test_number_as_written(case):
    assert_case(extract_in(case["lang"], case["text"]), case)


# --- the grammar alone ------------------------------------------------------------------


@pytest.mark.parametrize(
    "words,value",
    [
        (["1", "천", "5", "백", "억"], 1.5e11),
        (["794", "억", "3", "천", "만"], 79_430_000_000),
        (["2", "천", "676", "억", "6", "천", "만"], 267_660_000_000),
        (["1", "조", "2", "천", "억"], 1.2e12),
        (["1", "천", "5", "백", "30"], 1530),
        (["12000", "억"], 1.2e12),
        (["1.5", "조"], 1.5e12),
    ],
)
def test_korean_sub_units_add_up_inside_a_group(words, value):
    assert words_value(words, NumberVocabulary.from_rules(shipped_rules("ko"))) == value


@pytest.mark.parametrize(
    "lang,parts,joined",
    [
        ("en", ["143", "000"], "143,000"),
        ("en", ["1", "500", "000"], "1,500,000"),
        ("vi", ["143", "000"], "143.000"),
        ("vi", ["1", "500,5"], "1.500,5"),
        ("en", ["2024", "150"], None),  # a year and a number
        ("en", ["12", "34"], None),
        ("en", ["012", "345"], None),  # a leading zero: a code
        ("en", ["143"], None),
    ],
)
def test_spaced_groups(lang, parts, joined):
    assert join_spaced_groups(parts, shipped_rules(lang).number_format) == joined


# --- dates as each language writes them -------------------------------------------------


def dates_in(lang: str, text: str, published: date = REFERENCE) -> list[tuple[str, str | None]]:
    """The time expressions the date component finds in `text`, with their ISO values."""
    nlp = build_nlp(None, lang)
    doc = nlp.make_doc(text)
    doc._.vnkr_meta = DocMeta(published=published)
    doc = nlp.get_pipe("vnkr_sentences")(doc)
    doc = nlp.get_pipe("vnkr_dates")(doc)
    return [(span.text, span._.vnkr.date) for span in doc.spans[DATES]]


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("vi", "Hai nước lập quan hệ ngoại giao ngày 22-12-1992.", [("22-12-1992", "1992-12-22")]),
        ("en", "Diplomatic ties date from 22-12-1992.", [("22-12-1992", "1992-12-22")]),
        ("vi", "Tháng 10-2009 hai bên ký hiệp định.", [("Tháng 10-2009", "2009-10")]),
        ("vi", "từ tháng 3-2024 nhà máy hoạt động", [("tháng 3-2024", "2024-03")]),
        ("vi", "tháng 10.2009 hai bên ký hiệp định", [("tháng 10.2009", "2009-10")]),
        ("vi", "quan hệ được nâng cấp (12/2022).", [("12/2022", "2022-12")]),
        ("en", "The plant opened in 10/2009.", [("10/2009", "2009-10")]),
        ("ko", "2024.03.15 발표에 따르면 수출이 늘었다", [("2024.03.15", "2024-03-15")]),
        ("ko", "2024. 3. 15. 발표에 따르면", [("2024. 3. 15", "2024-03-15")]),
        ("ko", "24.03.15 발표에 따르면 수출이 늘었다", [("24.03.15", "2024-03-15")]),
        ("ko", "19.7.1 기준 체류 외국인", [("19.7.1", "2019-07-01")]),
        ("vi", "Hồ sơ được nhận đến hết ngày 30-10.", [("ngày 30-10", "2025-10-30")]),
        ("en", "The deal signed on 2024/3/15 took effect.", [("2024/3/15", "2024-03-15")]),
        ("ko", "24년 3월 수출이 늘었다", [("24년 3월", "2024-03")]),
        ("ko", "'24년 수출은 늘었다", [("24년", "2024")]),
        ("ko", "’98년 외환위기 때", [("98년", "1998")]),
        ("ko", "수교 30년 만에 교역이 늘었다", []),  # thirty years, not 2030
        ("vi", "theo Nghị định 13/2023/NĐ-CP về dữ liệu", []),  # a numbered document
    ],
)
def test_dates_as_written(lang, text, expected):
    assert dates_in(lang, text) == expected


@pytest.mark.parametrize(
    "short,ref,year",
    [(24, date(2025, 8, 8), 2024), (98, date(2025, 8, 8), 1998), (45, date(2025, 8, 8), 2045), (46, date(2025, 8, 8), 1946), (24, None, 2024), (98, None, 1998)],
)
def test_two_digit_year(short, ref, year):
    assert full_year(short, ref) == year


@pytest.mark.parametrize("text,expected", [("22-12-1992", "1992-12-22"), ("2024.3.15", "2024-03-15"), ("10/2009", "2009-10"), ("13/2009", None), ("31-02-2024", None)])
def test_parse_numeric_dates(text, expected):
    assert parse_date(text, None, shipped_rules().calendar) == expected


# --- generated: a value in every notation, through the real pipeline ----------------------


def figures(lang: str, text: str) -> list:
    return [c for c in extract_in(lang, text) if c.label != "DATE"]


def assert_one(lang: str, text: str, value: float, unit: str | None, label: str) -> None:
    found = figures(lang, text)
    assert len(found) == 1, f"{text!r}: {[(c.text, c.value) for c in found]}"
    claim = found[0]
    assert (claim.value, claim.unit, claim.label) == (pytest.approx(value, rel=1e-9), unit, label), f"{text!r}: {claim.text!r}"


KO_SCALES = (("조", 10**12), ("억", 10**8), ("만", 10**4))
KO_SUFFIXES = [("달러", "USD", "MONEY"), ("원", "KRW", "MONEY"), ("명", "person", "CARDINAL")]
KO_GLUED = [("弗", "USD", "MONEY"), ("t", "t", "QUANTITY")]  # written glued to the number only: "10억弗", "1만5,000t"


@st.composite
def korean_group(draw, group: int) -> str:
    """A number below 10⁴ as Korean writes it before a scale: '2000', '2,000', '2천', '1천5백', '1천500'."""
    forms = [str(group)]
    if group >= 1000:
        forms.append(f"{group:,}")
    if group >= 1000:
        thousands, rest = divmod(group, 1000)
        hundreds, tail = divmod(rest, 100)
        forms.append(f"{thousands}천" + (str(rest) if rest else ""))
        if hundreds and not tail:
            forms.append(f"{thousands}천{hundreds}백")
    elif group >= 100 and group % 100 == 0:
        forms.append(f"{group // 100}백")
    return draw(st.sampled_from(forms))


GROUPS = st.one_of(
    st.just(0),
    st.integers(min_value=1, max_value=9999),
    st.builds(lambda thousands, hundreds: thousands * 1000 + hundreds * 100, st.integers(1, 9), st.integers(0, 9)),  # "1천5백"
)


@st.composite
def korean_number(draw) -> tuple[str, int, bool]:
    """(text, value, whether it needs a counted word after it to be read as one number): a value below
    10¹³ drawn as its groups of four digits, each often zero or round, so that every split is met."""
    groups = [draw(GROUPS) for _ in range(4)]  # 조, 억, 만 and the digits below 만
    if not any(groups[:3]):
        groups[2] = draw(st.integers(min_value=1, max_value=9999))
    value = sum(group * 10 ** (12 - 4 * k) for k, group in enumerate(groups))
    merge_top = draw(st.booleans()) and groups[0] > 0  # "12000억"
    spaced = draw(st.booleans())
    parts, rest = [], value
    for syllable, scale in KO_SCALES:
        if merge_top and syllable == "조":
            continue
        count, rest = divmod(rest, scale)
        if count:
            group = draw(korean_group(count)) if count < 10**4 else (draw(st.sampled_from([str(count), f"{count:,}"])))
            parts.append(group + syllable)
    if rest:
        parts.append(draw(st.sampled_from([str(rest), f"{rest:,}"])))
    return (" " if spaced else "").join(parts), value, spaced and bool(rest)


@st.composite
def korean_decimal(draw) -> tuple[str, float, bool]:
    """'1.5조', '86.7억': a decimal before a scale syllable."""
    whole, tenth = draw(st.integers(min_value=1, max_value=9999)), draw(st.integers(min_value=1, max_value=9))
    syllable, size = draw(st.sampled_from(KO_SCALES))
    return f"{whole}.{tenth}{syllable}", (whole * 10 + tenth) * size / 10, False


@GENERATED
@given(st.one_of(korean_number(), korean_decimal()), st.sampled_from(KO_SUFFIXES + KO_GLUED + [None]), st.booleans())
def test_korean_number_in_every_notation(number, suffix, space_before_suffix):
    """Every split of the scales ('1조2천억', '1조 2000억', '1조2,000억', '12000억', '1.5조'), with and
    without spaces, with and without a currency or counter, glued or not."""
    text, value, needs_suffix = number
    if suffix is None:
        if needs_suffix:
            suffix = KO_SUFFIXES[2]
        elif value >= 10**12:  # a bare amount of a 조 or more counts nothing: won, the 원 left out
            assert_one("ko", f"올해 규모는 {text}에 이른다.", value, "KRW", "MONEY")
            return
        else:
            assert_one("ko", f"올해 규모는 {text}에 이른다.", value, None, "CARDINAL")
            return
    word, unit, label = suffix
    particle = "이" if word == "명" else "로"
    spaced = space_before_suffix and suffix not in KO_GLUED
    assert_one("ko", f"올해 규모는 {text}{' ' if spaced else ''}{word}{particle} 집계됐다.", value, unit, label)


VI_SCALES = (("nghìn", 10**3), ("triệu", 10**6), ("tỷ", 10**9), ("nghìn tỷ", 10**12))
VI_SUFFIXES = [("USD", "USD", "MONEY"), ("đồng", "VND", "MONEY"), ("người", "person", "CARDINAL")]
VI_WORDS = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}


@st.composite
def vietnamese_number(draw) -> tuple[str, float]:
    """'86,7 tỷ', '86.700 triệu', '1.500,25 tỷ', 'ba tỷ', '143.000', '143 000', and English groups of
    three or more ('10,012,735': two commas are no decimal mark)."""
    kind = draw(st.sampled_from(["scaled", "words", "grouped", "spaced", "english"]))
    if kind == "english":
        value = draw(st.integers(min_value=10**6, max_value=10**13 - 1))
        return f"{value:,}", value
    if kind in ("grouped", "spaced"):
        value = draw(st.integers(min_value=1000, max_value=10**13 - 1))
        return f"{value:,}".replace(",", "." if kind == "grouped" else " "), value
    word, size = draw(st.sampled_from(VI_SCALES))
    if kind == "words":
        count = draw(st.sampled_from(sorted(VI_WORDS)))
        return f"{VI_WORDS[count]} {word}", count * size
    whole, hundredths = draw(st.integers(min_value=1, max_value=9999)), draw(st.integers(min_value=0, max_value=99))
    grouped = f"{whole:,}".replace(",", ".") if draw(st.booleans()) else str(whole)
    return grouped + (f",{hundredths:02d}".rstrip("0") if hundredths else "") + f" {word}", (whole * 100 + hundredths) * size / 100


@GENERATED
@given(vietnamese_number(), st.sampled_from(VI_SUFFIXES))
def test_vietnamese_number_in_every_notation(number, suffix):
    (text, value), (after, unit, label) = number, suffix
    assert_one("vi", f"Năm ngoái có {text} {after} được ghi nhận.", value, unit, label)


SPACES = [" ", "\u00a0", "\u202f", "\u2009"]


@GENERATED
@given(st.integers(min_value=1000, max_value=10**13 - 1), st.sampled_from(SPACES), st.sampled_from(["en", "vi", "ko"]))
def test_spaced_thousands_in_every_language(value, space, lang):
    number = f"{value:,}".replace(",", space)
    text = {
        "en": f"About {number} people work there.",
        "vi": f"Khoảng {number} người làm việc ở đó.",
        "ko": f"약 {number}명이 일하고 있다.",
    }[lang]
    assert_one(lang, text, value, "person", "CARDINAL")


EN_SCALES = (("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("trillion", 10**12))


@st.composite
def english_money(draw) -> tuple[str, float]:
    """'$86.7 billion', '$86,700 million', '$1 500 000', '$1,500,000'."""
    if draw(st.booleans()):
        value = draw(st.integers(min_value=1000, max_value=10**13 - 1))
        return "$" + f"{value:,}".replace(",", draw(st.sampled_from([",", " "]))), value
    whole, tenth = draw(st.integers(min_value=1, max_value=999_999)), draw(st.integers(min_value=0, max_value=9))
    word, size = draw(st.sampled_from(EN_SCALES))
    number = (f"{whole:,}" if draw(st.booleans()) else str(whole)) + (f".{tenth}" if tenth else "")
    return f"${number} {word}", (whole * 10 + tenth) * size / 10


@GENERATED
@given(english_money())
def test_english_money_in_every_notation(money):
    text, value = money
    assert_one("en", f"Investment reached {text} last year.", value, "USD", "MONEY")


HANGUL_DIGITS = "일이삼사오육칠팔구"


def hangul(group: int) -> str:
    """1 ≤ group < 10⁴ in Hangul numerals: 3500 → '삼천오백', 1020 → '천이십', 7 → '칠'."""
    text = ""
    for size, syllable in ((1000, "천"), (100, "백"), (10, "십"), (1, "")):
        digit, group = divmod(group, size)
        if digit:
            text += ("" if digit == 1 and syllable else HANGUL_DIGITS[digit - 1]) + syllable
    return text


@GENERATED
@given(st.integers(min_value=1, max_value=9999), st.sampled_from([("억", 10**8), ("만", 10**4), ("", 1)]), st.sampled_from(KO_SUFFIXES))
def test_korean_numerals_in_words(group, scale, suffix):
    """'오백억 원', '삼천오백만 달러', '이십 명': the numerals said in words before a currency or counter."""
    (syllable, size), (word, unit, label) = scale, suffix
    text = hangul(group) + syllable
    if len(text) < 2 or text[-1] not in "십백천만억조":
        return  # '칠 명' is not how a figure is written; a lone scale syllable ('만') is as often a word
    assert_one("ko", f"올해 모두 {text} {word}이 집계됐다.", group * size, unit, label)
