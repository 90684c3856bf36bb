"""vnkr check: the parts of a whole within one document (check_parts). Sentences are paraphrased,
figures made up to fit (or not); each row goes through the real pipeline."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_check import claims_of
from typer.testing import CliRunner

import vnkr.check_parts
from vnkr.check import load_relations, parse_relations
from vnkr.check_parts import load_cues
from vnkr.checking import check
from vnkr.cli import app
from vnkr.rules import RulesError

FITS = [
    # new + additional = total registered capital
    ("en", "In the first half, 800 new projects registered $6.2 billion and 300 projects increased their investment by $2.5 billion. Total registered and additional capital came to $8.7 billion.", "capital-components"),
    ("vi", "Trong 5 tháng, cả nước có 800 dự án cấp mới với vốn đăng ký 6,2 tỷ USD; 300 dự án tăng vốn thêm 2,5 tỷ USD. Tổng vốn đăng ký cấp mới và tăng thêm đạt 8,7 tỷ USD.", "capital-components"),
    ("ko", "상반기 신규 투자는 800건에 62억 달러, 증자는 300건에 25억 달러였다. 신규 및 증자를 합쳐 총 87억 달러가 투자됐다.", "capital-components"),
    # two named actors and their combined figure
    ("en", "Korean investment in Vietnam has reached about $51.2 billion, while Japanese investment has reached $42.6 billion, about $93.8 billion combined.", "combined-actors"),
    ("vi", "Lũy kế, Hàn Quốc đã đầu tư khoảng 51,2 tỷ USD. Nhật Bản đầu tư khoảng 42,6 tỷ USD. Như vậy, hai nước đã rót tổng cộng khoảng 93,8 tỷ USD vào Việt Nam.", "combined-actors"),
    ("ko", "한국의 대베트남 투자는 지금까지 512억 달러다. 일본의 대베트남 투자는 426억 달러다. 이 두 나라의 투자 총액은 938억 달러에 이르렀다.", "combined-actors"),
    # a listed breakdown and its total
    ("en", "The quota covers 9,120 workers for factories, 2,410 workers for fishing, 730 workers for farms and 150 workers for building sites, a total of 12,410 workers.", "listed-parts"),
    ("vi", "Chỉ tiêu gồm 9.120 lao động sản xuất, 2.410 lao động ngư nghiệp, 730 lao động nông nghiệp và 150 lao động xây dựng, tổng cộng 12.410 người.", "listed-parts"),
    ("ko", "지난해 업종별 입국자는 제조업 9120명, 어업 2410명, 농업 730명, 건설업 150명 등 총 1만2410명이었다.", "listed-parts"),
    # a share against its part and the named total
    ("en", "New and additional capital totalled $12.5 billion in the period. Korea led with $4.1 billion, accounting for 32.8% of the total.", "share-of-whole"),
    ("vi", "Tổng vốn đăng ký cấp mới và tăng thêm là 12,5 tỷ USD. Hàn Quốc dẫn đầu với 4,1 tỷ USD, chiếm 32,8% tổng vốn.", "share-of-whole"),
    ("ko", "신규 및 증자 합쳐 총 125억 달러가 투자됐다. 한국이 1위(투자액 41억 달러, 총 투자액의 32.8%)였다.", "share-of-whole"),
    # the whole a share's words name (new registered capital), and a figure called the whole
    ("vi", "Trong 2 tháng, 600 dự án được cấp phép với tổng vốn đăng ký 3,5 tỷ USD. Hàn Quốc dẫn đầu với 1,4 tỷ USD, chiếm 40% tổng vốn đăng ký cấp mới.", "share-of-whole"),
    ("ko", "올해 1~8월 전체 외국인직접투자는 82억 달러로 집계됐다. 한국은 이 기간에 25억6300만 달러를 투자해 전체의 31.26%를 차지했다.", "share-of-whole"),
    # a component named after its figure ('131억불의 신규 FDI')
    ("ko", "10월까지 1,050건으로 141억불의 신규 FDI가 있었다. 진행 중인 사업에서 52억불의 추가 FDI도 있어 합계 193억불을 유치했다.", "capital-components"),
    # a multiple of investment against the levels of its two years ('folds' read as a multiplier)
    ("en", "Korea's investment in Vietnam has grown quickly, a rise of 150 folds from US$80 million in 1995 to US$12.1 billion in 2015.", "investment-multiple"),
    # shares that imply the same whole, no whole stated
    ("vi", "Hàn Quốc dẫn đầu với 2,2 tỷ USD, chiếm 44% tổng vốn cấp mới; Singapore đứng thứ hai với 600 triệu USD, chiếm 12%.", "shares-one-whole"),
    ("en", "Korea led with $2.2 billion, or 44% of the new capital, ahead of Singapore with $600 million, or 12%.", "shares-one-whole"),
    # a sentence that breaks down the whole of the sentence before it
    ("en", "Vietnam welcomed 16 million foreign visitors in 2019, a record. Of these, Asian visitors numbered 12.6 million (78.8%).", "share-of-whole"),
    ("vi", "Năm ngoái, đã có 16 triệu khách quốc tế tới Việt Nam. Trong đó, khách châu Á đạt 12,6 triệu người (78,8%), tăng 15% so với năm trước.", "share-of-whole"),
    ("ko", "지난해 1천600만명의 외국인 관광객이 베트남을 찾았다. 아시아 관광객이 1천260만명(78.8%)으로 전년보다 15% 늘었다.", "share-of-whole"),
    # a change of no metric between two levels beside it
    ("en", "Foreign students in Korea numbered 254,310 in July. The figure was up 17.5% from 216,440 a year earlier.", "growth-of-unnamed-level"),
    ("vi", "Số du học sinh nước ngoài tại Hàn Quốc đạt 254.310 người. Con số này tăng 17,5% so với mức 216.440 người cùng kỳ năm trước.", "growth-of-unnamed-level"),
    ("ko", "국내 외국인 유학생은 총 25만4310명으로 집계됐다. 이는 전년 같은 달(21만6440명) 대비 17.5% 증가한 수치다.", "growth-of-unnamed-level"),
    # a level of the sentences before over another actor's level beside the percentage
    ("en", "Trade between Korea and Vietnam rose to $91.2 billion last year. That volume equals 35% of Korea's trade with China ($260.5 billion) and 47% of its trade with the US ($194.1 billion).", "ratio-to-other-level"),
    ("vi", "Năm ngoái, kim ngạch thương mại hai nước đạt 91,2 tỷ USD. Con số này bằng 35% kim ngạch thương mại Hàn-Trung (260,5 tỷ USD) và bằng 47% kim ngạch Hàn-Mỹ (194,1 tỷ USD).", "ratio-to-other-level"),
    ("ko", "지난해 한·베트남 교역액은 912억달러로 늘었다. 이 같은 교역 규모는 1위 중국(2천605억달러)과 2위 미국(1천941억달러)에 이어 세 번째다. 중국의 35%, 미국의 47% 수준이다.", "ratio-to-other-level"),
]


@pytest.mark.parametrize(("lang", "text", "rule"), FITS)
def test_parts_of_a_whole_fit(lang: str, text: str, rule: str) -> None:
    found = [(f.rule, f.status) for f in check(claims_of(text, lang)).findings]
    assert (rule, "consistent") in found, found


MISSES = [
    # a miss of these loosely keyed relations may be two wholes or two times: counted, never told
    ("en", "In the first half, 800 new projects registered $6.2 billion and 300 projects increased their investment by $2.5 billion. Total registered and additional capital came to $9.9 billion.", "capital-components"),
    ("ko", "지난해 업종별 입국자는 제조업 9120명, 어업 2410명, 농업 730명, 건설업 150명 등 총 1만3410명이었다.", "listed-parts"),
    ("vi", "Tổng vốn đăng ký cấp mới và tăng thêm là 12,5 tỷ USD. Hàn Quốc dẫn đầu với 4,1 tỷ USD, chiếm 39% tổng vốn.", "share-of-whole"),
]


@pytest.mark.parametrize(("lang", "text", "rule"), MISSES)
def test_a_miss_of_a_loose_relation_is_withheld(lang: str, text: str, rule: str) -> None:
    result = check(claims_of(text, lang))
    assert all(f.rule != rule for f in result.findings)
    assert result.withheld >= 1


INCREASES = [
    # an amount of increase over a year larger than the level it reached: a misprint (129% as 129억 달러)
    ("ko", "증자는 535건으로 38억 달러(작년 동기 대비 129억 달러 증가)에 달했다.", "inconsistent"),
    ("en", "Additional capital reached $3.8 billion, up $12.9 billion year-on-year.", "inconsistent"),
    ("vi", "Vốn tăng thêm đạt 3,8 tỷ USD, tăng 12,9 tỷ USD so với cùng kỳ.", "inconsistent"),
    # no year before: money added to projects is no change over a year
    ("en", "New projects registered $2.27 billion while investors added $3.94 billion to existing projects.", None),
    # an increase smaller than its level says nothing
    ("ko", "증자는 38억 달러(작년 동기 대비 12억 달러 증가)에 달했다.", None),
]


@pytest.mark.parametrize(("lang", "text", "status"), INCREASES)
def test_an_increase_larger_than_its_level(lang: str, text: str, status: str | None) -> None:
    found = [f.status for f in check(claims_of(text, lang)).findings if f.rule == "increase-bound"]
    assert found == ([status] if status else [])


NOT_RELATED = [
    # a sentence of several shares lists the parts of some other figure: no share of the figure before it
    ("en", "Japan invested $1.48 billion in the period, while Korea's new and additional capital topped $6.22 billion. Of Japan's capital, manufacturing took 51 percent, construction 24 percent and real estate 10 percent.", "share-of-whole"),
    # one actor's figure is no sum of the listed actors' figures, however close
    ("vi", "Khách Trung Quốc trong quý đạt 1,12 triệu người. Trong tháng, Trung Quốc có 417.000 người, Nhật Bản 383.000 người, Đài Loan 140.000 người, Mỹ 132.000 người và Việt Nam 53.000 người.", "listed-parts"),
    # a part and its share restated imply no second whole
    ("vi", "Có hơn 106.000 sinh viên Việt Nam, chiếm gần 39% tổng số. Việt Nam đứng đầu với hơn 106.000 du học sinh, chiếm gần 39%.", "shares-one-whole"),
    # a change of no metric that its levels do not make: not told (the levels may be of other times)
    ("ko", "국내 외국인 유학생은 총 25만4310명으로 집계됐다. 이는 전년 같은 달(21만6440명) 대비 27.5% 증가한 수치다.", "growth-of-unnamed-level"),
    # a ratio to another actor's level that no level before it makes: not told (it may be of another level)
    ("ko", "지난해 한·베트남 교역액은 912억달러로 늘었다. 이 같은 교역 규모는 1위 중국(2천605억달러)과 2위 미국(1천941억달러)에 이어 세 번째다. 중국의 39%, 미국의 52% 수준이다.", "ratio-to-other-level"),
]


@pytest.mark.parametrize(("lang", "text", "rule"), NOT_RELATED)
def test_figures_that_do_not_make_a_whole(lang: str, text: str, rule: str) -> None:
    assert all(f.rule != rule for f in check(claims_of(text, lang)).findings)


def test_every_language_has_its_cues() -> None:
    for lang in ("en", "vi", "ko"):
        marks = {cue.marks for cue in load_cues(lang).cue}
        assert {"new", "additional", "total", "combined", "in_all", "year_before"} <= marks, lang


@pytest.mark.parametrize(("damage", "message"), [("missing", "missing; the shipped rules are incomplete"), ("bad", "not valid TOML")])
def test_a_cues_file_missing_or_broken_is_an_error(tmp_path, monkeypatch, damage: str, message: str) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(vnkr.check_parts.RESOURCES, resources)
    broken = resources / "check" / "cues-ko.toml"
    broken.unlink() if damage == "missing" else broken.write_text("[[cue]\n", encoding="utf-8")
    monkeypatch.setattr(vnkr.check_parts, "RESOURCES", resources)
    load_cues.cache_clear()
    claims = tmp_path / "claims.jsonl"
    claims.write_text("", encoding="utf-8")
    try:
        result = CliRunner().invoke(app, ["check", str(claims)])
    finally:
        load_cues.cache_clear()
    assert result.exit_code == 2
    assert result.stderr.startswith(f"vnkr: error: {broken}: {message}") and result.stderr.count("\n") == 1


def test_a_component_sum_needs_its_components() -> None:
    data = {"relation": [{"id": "x", "kind": "component_sum", "example": "e", "whole": "total"}]}
    with pytest.raises(RulesError, match="needs components"):
        parse_relations(data, "mine.toml")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "value": st.one_of(st.none(), st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)),
    "unit": st.sampled_from(["USD", "%", "person", None, "rank"]),
    "base": st.sampled_from([None, "change", "ratio"]),
    "direction": st.sampled_from([None, "up", "down"]),
    "label": st.sampled_from(["MONEY", "PERCENT", "CARDINAL"]),
    "qualifier": st.sampled_from(["exact", "approx", "more_than", "nearly"]),
    "subject": st.sampled_from([None, "KR", "JP"]),
    "topic": st.sampled_from(["investment", "people"]),
    "period": st.sampled_from([None, "2016", "2016-01/2016-06"]),
    "start": st.integers(0, 200),
    "sentence_start": st.sampled_from([0, 100]),
    "sentence": st.text(max_size=120),
    "text": st.text(min_size=1, max_size=8),
    "lang": st.sampled_from(["en", "vi", "ko"]),
}), max_size=12))
def test_random_figures_never_crash(claims: list[dict]) -> None:
    for index, claim in enumerate(claims):
        claim.update(doc="d", id=f"d:{index}", end=claim["start"] + len(claim["text"]))
    relations = load_relations()
    result = check(claims, relations)
    assert all(f.status in ("consistent", "inconsistent") for f in result.findings)


def _ratio_claims(level: float, other: float, ratio_text: str) -> list[dict]:
    """A level, another actor's level in the next sentence, and a percentage of it in the third."""
    from test_check import fig, pct

    return [
        fig(level * 1e9, "trade_value", text=f"${level:.1f} billion", start=10, sentence="Trade came to some level.", sentence_start=0),
        fig(other * 1e9, "trade_value", text=f"${other:.1f} billion", start=110, subject="CN", counterpart="KR", sentence="Trade with China was another.", sentence_start=100),
        pct(float(ratio_text), None, text=f"{ratio_text}%", start=210, base="ratio", direction=None, sentence="That is a share of it.", sentence_start=200),
    ]


@settings(max_examples=80, deadline=None)
@given(st.floats(5, 300), st.floats(5, 300), st.integers(0, 1))
def test_generated_ratios_to_another_level_that_fit_are_found(level: float, other: float, decimals: int) -> None:
    level, other = round(level, 1), round(other, 1)
    ratio = f"{level / other * 100:.{decimals}f}"
    assume(len(ratio.replace(".", "").lstrip("0")) >= 2)  # a one-digit percentage is not loosely related
    claims = _ratio_claims(level, other, ratio)
    assert ("ratio-to-other-level", "consistent") in [(f.rule, f.status) for f in check(claims).findings]


@settings(max_examples=80, deadline=None)
@given(st.floats(5, 300), st.floats(5, 300), st.floats(3, 50), st.sampled_from([1, -1]))
def test_generated_ratios_moved_beyond_rounding_are_never_told(level: float, other: float, beyond: float, sign: int) -> None:
    """A miss may be a ratio to another level than the one read: it is not told, either way."""
    level, other = round(level, 1), round(other, 1)
    moved = level / other * 100 * (1 + sign * beyond / 100) + sign * 2
    if moved <= 0:
        return
    claims = _ratio_claims(level, other, f"{moved:.1f}")
    assert all(f.rule != "ratio-to-other-level" for f in check(claims).findings)


def _unnamed_growth_claims(old: int, rate_text: str, new: int) -> list[dict]:
    """A count, and a change of no metric against the count a year earlier in the next sentence."""
    from test_check import fig, pct

    people = {"unit": "person", "label": "CARDINAL", "topic": "people"}
    return [
        fig(new, None, text=f"{new:,}", start=10, sentence="Students came to some number.", sentence_start=0, **people),
        fig(old, None, text=f"{old:,}", start=110, sentence="That is some percent more than a year earlier.", sentence_start=100, **people),
        pct(float(rate_text), None, text=f"{rate_text}%", start=150, sentence="That is some percent more than a year earlier.", sentence_start=100, topic="people"),
    ]


@settings(max_examples=80, deadline=None)
@given(st.integers(1_000, 900_000), st.floats(0.5, 150), st.integers(1, 2))
def test_generated_unnamed_growth_that_fits_is_found(old: int, rate: float, decimals: int) -> None:
    new = round(old * (1 + rate / 100))
    shown = f"{(new / old - 1) * 100:.{decimals}f}"
    assume(len(shown.replace(".", "").lstrip("0")) >= 2)  # a one-digit percentage is not loosely related
    claims = _unnamed_growth_claims(old, shown, new)
    assert ("growth-of-unnamed-level", "consistent") in [(f.rule, f.status) for f in check(claims).findings]


@settings(max_examples=80, deadline=None)
@given(st.integers(1_000, 900_000), st.floats(0.5, 150), st.floats(1, 30))
def test_generated_unnamed_growth_moved_beyond_rounding_is_never_told(old: int, rate: float, beyond: float) -> None:
    new = round(old * (1 + rate / 100))
    moved = (new / old - 1) * 100 + beyond
    claims = _unnamed_growth_claims(old, f"{moved:.1f}", new)
    assert all(f.rule != "growth-of-unnamed-level" for f in check(claims).findings)


def test_a_one_digit_percentage_is_not_loosely_related() -> None:
    """'2%' is within a point of many quotients (62,899 of 3.29 million is 1.9%): it tells nothing."""
    assert all(f.rule != "ratio-to-other-level" for f in check(_ratio_claims(62.9, 3286.4, "2")).findings)
    assert ("ratio-to-other-level", "consistent") in [(f.rule, f.status) for f in check(_ratio_claims(62.9, 328.6, "19")).findings]
