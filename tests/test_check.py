"""vnkr check: figures that imply one another fit within their rounding, or one of them is wrong.
Sentences are paraphrased; figures are made up to fit (or not)."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
from conftest import REFERENCE
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vnkr.check import CheckResult, half_unit, load_relations, parse_relations, year_before
from vnkr.checking import check
from vnkr.cli import app
from vnkr.corpus import Document
from vnkr.pipeline import build_nlp, extract_text
from vnkr.rules import RulesError

runner = CliRunner()
B = 1e9


@lru_cache(maxsize=3)
def _nlp(lang: str):
    return build_nlp(None, lang)


def claims_of(text: str, lang: str = "en", doc: str = "t") -> list[dict]:
    """The claims the real pipeline reads from a paraphrased text, as `vnkr extract` writes them."""
    found = extract_text(_nlp(lang), text, Document(doc=doc, path="-", text=text, published=REFERENCE, lang=lang))
    return [{**c.model_dump(mode="json"), "doc": doc} for c in found]


def statuses(result: CheckResult) -> list[tuple[str, str]]:
    return [(f.rule, f.status) for f in result.findings]


# --- relations within a document, through the pipeline, per language ----------------------------
TABLE = [
    # sum: exports + imports = turnover
    ("en", "In 2023, Korea's exports to Vietnam reached $52.4 billion and its imports from Vietnam $31.7 billion, while two-way trade totalled $84.1 billion.", "turnover-sum", "consistent"),
    ("en", "In 2023, Korea's exports to Vietnam reached $52.4 billion and its imports from Vietnam $31.7 billion, while two-way trade totalled $86.1 billion.", "turnover-sum", "inconsistent"),
    ("vi", "Năm 2023, xuất khẩu của Hàn Quốc sang Việt Nam đạt 52,4 tỷ USD, nhập khẩu từ Việt Nam đạt 31,7 tỷ USD, kim ngạch thương mại hai chiều đạt 84,1 tỷ USD.", "turnover-sum", "consistent"),
    ("vi", "Năm 2023, xuất khẩu của Hàn Quốc sang Việt Nam đạt 52,4 tỷ USD, nhập khẩu từ Việt Nam đạt 31,7 tỷ USD, kim ngạch thương mại hai chiều đạt 88,1 tỷ USD.", "turnover-sum", "inconsistent"),
    ("ko", "2023년 한국의 대베트남 수출은 524억달러, 수입은 317억달러, 양국 교역액은 841억달러를 기록했다.", "turnover-sum", "consistent"),
    ("ko", "2023년 한국의 대베트남 수출은 524억달러, 수입은 317억달러, 양국 교역액은 861억달러를 기록했다.", "turnover-sum", "inconsistent"),
    # difference: exports - imports = surplus
    ("en", "In 2023, Korea exported $50.2 billion worth of goods to Vietnam and imported $30.1 billion, posting a trade surplus of $20.1 billion.", "balance-difference", "consistent"),
    ("en", "In 2023, Korea exported $50.2 billion worth of goods to Vietnam and imported $30.1 billion, posting a trade surplus of $22.1 billion.", "balance-difference", "inconsistent"),
    # growth: a rate and the levels of its year and the year before
    ("en", "Two-way trade between Vietnam and South Korea reached $88.4 billion in 2024, up 10.1% from $80.3 billion in 2023.", "turnover-growth", "consistent"),
    ("en", "Two-way trade between Vietnam and South Korea reached $88.4 billion in 2024, up 15% from $80.3 billion in 2023.", "turnover-growth", "inconsistent"),
    ("vi", "Năm 2024, kim ngạch thương mại hai chiều đạt 88,4 tỷ USD, tăng 10,1% so với năm 2023 (80,3 tỷ USD).", "turnover-growth", "consistent"),
    ("vi", "Năm 2024, kim ngạch thương mại hai chiều đạt 88,4 tỷ USD, tăng 12,1% so với năm 2023 (80,3 tỷ USD).", "turnover-growth", "inconsistent"),
    ("ko", "2024년 양국 교역액은 884억달러로 2023년(803억달러)보다 10.1% 증가했다.", "turnover-growth", "consistent"),
    ("ko", "2024년 양국 교역액은 884억달러로 2023년(803억달러)보다 13.1% 증가했다.", "turnover-growth", "inconsistent"),
    # growth of the other levels: residents, two-way visits, aid
    ("en", "The number of Vietnamese residents in Korea rose 10% to 275,000 in 2024 from 250,000 in 2023.", "residents-growth", "consistent"),
    ("en", "The number of Vietnamese residents in Korea rose 14% to 275,000 in 2024 from 250,000 in 2023.", "residents-growth", "inconsistent"),
    ("vi", "Năm 2024, số người Việt Nam cư trú tại Hàn Quốc đạt 275.000 người, tăng 10% so với 250.000 người năm 2023.", "residents-growth", "consistent"),
    ("ko", "2024년 한국에 체류하는 베트남인은 27만5000명으로 2023년(25만명)보다 10% 증가했다.", "residents-growth", "consistent"),
    ("ko", "2024년 한국에 체류하는 베트남인은 27만5000명으로 2023년(25만명)보다 16% 증가했다.", "residents-growth", "inconsistent"),
    ("en", "Two-way visits between Korea and Vietnam rose 25% to 5 million in 2024 from 4 million in 2023.", "mutual-visits-growth", "consistent"),
    ("vi", "Năm 2024, vốn ODA của Hàn Quốc dành cho Việt Nam đạt 3.420 tỉ won, tăng 13,6% so với 3.010 tỉ won năm 2023.", "aid-growth", "consistent"),
    ("vi", "Năm 2024, vốn ODA của Hàn Quốc dành cho Việt Nam đạt 3.420 tỉ won, tăng 23,6% so với 3.010 tỉ won năm 2023.", "aid-growth", "inconsistent"),
    # a multiple of visits between the two years its sentence names
    ("ko", "양국 간 상호 방문객은 1992년 3000명에서 2024년 480만명으로 1600배 증가했다.", "visitors-multiple", "consistent"),
]


@pytest.mark.parametrize("lang,text,rule,status", TABLE, ids=[f"{lang}-{rule}-{status}-{i}" for i, (lang, _, rule, status) in enumerate(TABLE)])
def test_relations_within_a_document(lang, text, rule, status):
    result = check(claims_of(text, lang))
    assert (rule, status) in statuses(result), statuses(result)
    assert all(s == status for r, s in statuses(result) if r == rule)


# times read unevenly: a rate and the two levels of its own sentence, a rate whose time is not stated
# and the document's levels of two times, a total whose time is not stated and parts of a stated one
UNEVEN_TIMES = [
    ("vi", "Năm 2024, xuất khẩu của Hàn Quốc sang Việt Nam đạt 61,2 tỷ USD, tăng 8,1% so với mức 56,6 tỷ USD của năm trước.", "exports-growth"),
    ("ko", "한국의 대베트남 무역수지 흑자는 250억달러로 집계됐다. 흑자 규모는 20% 줄었다. 2022년 흑자는 312억5천만달러였다.", "balance-growth"),
    ("en", "Korea's trade surplus with Vietnam came to $25 billion. The surplus shrank 20%. In 2022 the surplus had been $31.25 billion.", "balance-growth"),
    ("en", "In 2023, Korea's exports to Vietnam reached $50.2 billion, down from $55.4 billion in 2022, and its imports from Vietnam $30.1 billion. Two-way trade nonetheless came to $80.3 billion.", "turnover-sum"),
    ("ko", "한·베트남 교역량은 794억달러에서 867억달러로 늘었다. 교역량 증가율은 베트남이 9.3%로 가장 높았다.", "turnover-growth"),
]


@pytest.mark.parametrize("lang,text,rule", UNEVEN_TIMES, ids=[f"{lang}-{rule}-{i}" for i, (lang, _, rule) in enumerate(UNEVEN_TIMES)])
def test_figures_whose_times_are_read_unevenly_are_related_when_they_fit(lang, text, rule):
    assert (rule, "consistent") in statuses(check(claims_of(text, lang)))
    moved = text.replace("8,1%", "9,1%").replace("20%", "25%").replace("$80.3", "$82.3").replace("9.3%", "12.3%")
    result = check(claims_of(moved, lang))
    assert rule not in {r for r, _ in statuses(result)} and result.withheld >= 1  # a miss may be two times: withheld


def test_a_figure_without_its_time_beside_the_figures_of_one_year_is_of_that_year():
    """'Soared 160 times since 1992 to 80.7 billion' where the document states only 2022's exports and
    imports: a misprint for 87.7 billion is told, not withheld as a figure of another time."""
    text = "Năm 2022, xuất khẩu của Hàn Quốc sang Việt Nam đạt 60,98 tỷ USD, nhập khẩu đạt 26,72 tỷ USD. Kim ngạch thương mại hai chiều đã tăng 160 lần kể từ năm 1992, lên 80,7 tỷ USD."
    assert ("turnover-sum", "inconsistent") in statuses(check(claims_of(text, "vi")))
    assert ("turnover-sum", "consistent") in statuses(check(claims_of(text.replace("80,7", "87,7"), "vi")))
    parts = [fig(60.98 * B, "export_value", period="2022", start=10), fig(26.72 * B, "import_value", period="2022", start=20)]
    untimed = fig(80.7 * B, "trade_value", period=None, start=40)
    assert statuses(check([*parts, untimed])) == [("turnover-sum", "inconsistent")]
    other_year = fig(55.4 * B, "export_value", period="2021", start=50)  # a second year: the untimed figure may be of either
    assert statuses(check([*parts, untimed, other_year])) == []


def test_two_untimed_levels_of_two_sentences_are_not_taken_for_two_times():
    """'Over 700,000 this year' and '764,800, up 12%' are one figure told twice, not last year's and this year's."""
    text = "베트남을 찾은 한국인 수가 70만 명을 훌쩍 넘어선 것으로 나타났다. 베트남을 찾은 한국인 수는 지난해보다 12% 늘어난 76만 4천800명으로 집계됐다."
    assert "visitors-growth" not in {r for r, _ in statuses(check(claims_of(text, "ko")))}


def test_a_miss_is_withheld_when_another_total_of_the_document_fits_the_parts():
    """'$76.68 billion in 2023' of Korea's trade with Japan, read as with Vietnam, misses the parts that
    the document's own turnover fits: it may be of another frame, so its miss is not told."""
    exports, imports = fig(53.49 * B, "export_value", start=10), fig(25.94 * B, "import_value", start=20)
    own, other = fig(79.43 * B, "trade_value", period=None, start=0), fig(76.68 * B, "trade_value", start=30)
    assert statuses(check([exports, imports, other])) == [("turnover-sum", "inconsistent")]
    result = check([own, exports, imports, other])
    assert statuses(result) == [("turnover-sum", "consistent")] and result.withheld == 1


def test_a_total_restated_without_its_time_is_checked_once():
    exports, imports = fig(53.49 * B, "export_value", start=10), fig(25.94 * B, "import_value", start=20)
    timed, restated = fig(79.43 * B, "trade_value", start=0), fig(79.43 * B, "trade_value", period=None, start=40)
    assert statuses(check([timed, exports, imports, restated])) == [("turnover-sum", "consistent")]


def test_a_finding_names_its_figures_and_how_far_they_miss():
    text = "In 2023, Korea's exports to Vietnam reached $52.4 billion and its imports from Vietnam $31.7 billion, while two-way trade totalled $86.1 billion."
    finding = next(f for f in check(claims_of(text)).findings if f.rule == "turnover-sum")
    assert [f.role for f in finding.figures] == ["total", "part", "part"]
    assert {f.text for f in finding.figures} == {"$86.1 billion", "$52.4 billion", "$31.7 billion"}
    assert all(f.doc == "t" and f.sentence == text and f.id.startswith("t:") for f in finding.figures)
    assert finding.implied == pytest.approx(84.1 * B)
    assert finding.off == pytest.approx(2 * B)
    assert finding.miss == pytest.approx(2 * B - 0.15 * B)  # three figures each ±0.05 billion
    assert not finding.within_rounding and "86.1" in finding.reason


# --- hand-built claims: precision, time, frame -----------------------------------------------------
def fig(value, metric, text=None, doc="a", period="2023", subject="KR", counterpart="VN", start=0, unit="USD", **extra):
    out = {"doc": doc, "id": f"{doc}:{start}-{start + 5}", "start": start, "end": start + 5, "text": text or f"${value / B:g} billion", "label": "MONEY",
           "value": value, "qualifier": "exact", "unit": unit, "topic": "trade", "metric": metric, "modality": "reported", "period": period,
           "subject": subject, "counterpart": counterpart, "scope": None, "sentence": f"{metric} {text or value} in {period}.", "sentence_start": start,
           "published": "2024-03-01", "base": None, "direction": None, "path": f"{doc}.txt", "lang": "en", "date": None}  # fmt: skip
    out.update(extra)
    return out


def pct(value, metric, text=None, **extra):
    return fig(value, metric, text=text or f"{value:g}%", unit="%", label="PERCENT", **({"base": "change", "direction": "up"} | extra))


def trade(total, exports, imports, **extra):
    return [fig(total, "trade_value", start=0, **extra), fig(exports, "export_value", start=10, **extra), fig(imports, "import_value", start=20, subject="VN", counterpart="KR", **extra)]


@pytest.mark.parametrize(
    "text,value,half",
    [
        ("9.2%", 9.2, 0.05),
        ("$86.7 billion", 86.7e9, 0.05e9),
        ("86,7 tỷ USD", 86.7e9, 0.05e9),
        ("$500 million", 500e6, 50e6),  # trailing zeros of a whole number are not taken as significant
        ("534억9천만달러", 53.49e9, 5e6),
        ("18.33 percent", 18.33, 0.005),
        ("100%", 100, 0.5),  # a percentage is to its unit
        ("$80.0 billion", 80e9, 0.05e9),  # a decimal part's zero counts
        ("double", 2, 0.5),  # in words: one digit
    ],
)
def test_a_figure_is_taken_at_the_precision_it_is_shown(text, value, half):
    assert half_unit({"text": text, "value": value, "unit": "%" if "%" in text or "percent" in text else "USD"}) == pytest.approx(half)


@pytest.mark.parametrize(
    "qualifier,total,status",
    [
        ("more_than", 80e9, "consistent"),  # over $80 billion: 84.1 is over
        ("more_than", 90e9, "inconsistent"),  # over $90 billion: 84.1 is not
        ("approx", 86e9, "consistent"),  # about $86 billion: within 5%
        ("nearly", 84e9, "consistent"),
        ("less_than", 70e9, "inconsistent"),  # under $70 billion (to the nearest ten: under 75)
    ],
)
def test_qualifiers_widen_or_open_what_a_figure_allows(qualifier, total, status):
    claims = trade(total, 52.4 * B, 31.7 * B)
    claims[0]["qualifier"] = qualifier
    assert statuses(check(claims)) == [("turnover-sum", status)]


def test_figures_of_different_periods_or_frames_are_not_related():
    claims = trade(86.1 * B, 52.4 * B, 31.7 * B)
    assert statuses(check([claims[0] | {"period": "2024"}, *claims[1:]])) == []
    assert statuses(check([claims[0] | {"counterpart": None}, *claims[1:]])) == []  # a frame not read
    assert statuses(check([claims[0] | {"scope": "semiconductors"}, *claims[1:]])) == []
    assert statuses(check([claims[0] | {"modality": "target"}, *claims[1:]])) == []  # a goal is no sum of this year's flows
    assert statuses(check([claims[0] | {"doc": "b"}, *claims[1:]])) == []  # sums are within one document


def test_a_period_not_stated_is_related_only_when_the_figures_fit():
    untimed = [c | {"period": None} for c in trade(84.1 * B, 52.4 * B, 31.7 * B)]
    (finding,) = check(untimed).findings
    assert finding.status == "consistent" and finding.note and "time not stated" in finding.note
    assert check([c | {"period": None} for c in trade(86.1 * B, 52.4 * B, 31.7 * B)]).findings == []


def test_an_open_bound_far_from_what_the_others_imply_tells_nothing():
    claims = trade(80 * B, 52.4 * B, 31.7 * B)
    claims[0] |= {"qualifier": "more_than", "text": "over $80 billion"}
    assert statuses(check(claims)) == [("turnover-sum", "consistent")]  # 84.1 is over 80, and near it
    claims[0] |= {"value": 40 * B, "text": "over $40 billion"}
    assert statuses(check(claims)) == []  # true, but 'over 40' says little of 84.1


def test_a_role_filled_twice_is_flagged_only_when_no_choice_fits():
    fits = [*trade(84.1 * B, 52.4 * B, 31.7 * B), fig(272.9 * B, "trade_value", start=30)]  # another pair's total misread as this one
    assert ("turnover-sum", "consistent") in statuses(check(fits))
    misses = [*trade(86.1 * B, 52.4 * B, 31.7 * B), fig(272.9 * B, "trade_value", start=30)]
    result = check(misses)
    assert statuses(result) == [] and result.withheld == 2  # each total misses; neither is told


def test_cli_says_how_many_misses_it_withheld(tmp_path):
    path = tmp_path / "claims.jsonl"
    claims = [*trade(86.1 * B, 52.4 * B, 31.7 * B), fig(272.9 * B, "trade_value", start=30)]
    path.write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0 and result.stdout == ""
    assert "2 relation(s) missed but are not told" in result.stderr


def test_growth_follows_the_direction_and_the_ratio_form():
    levels = [fig(88.4 * B, "trade_value", period="2024"), fig(80.3 * B, "trade_value", period="2023", start=10)]
    down = pct(10.1, "trade_value_change", period="2024", start=20, direction="down")
    assert statuses(check([*levels, down])) == [("turnover-growth", "inconsistent")]
    ratio = pct(110.1, "trade_value_change", period="2024", start=20, base="ratio", direction=None)
    assert statuses(check([*levels, ratio])) == [("turnover-ratio", "consistent")]
    amount = fig(8.1 * B, "trade_value", period="2024", start=20, base="change", direction="up")  # 'up $8.1 billion'
    assert statuses(check([*levels, amount])) == [("turnover-growth", "consistent")]
    unsure = pct(10.1, "trade_value_change", period="2024", start=20, direction=None)  # no direction said: either fits
    assert statuses(check([*levels, unsure])) == [("turnover-growth", "consistent")]


def test_year_before():
    assert year_before("2024") == "2023"
    assert year_before("2022-01/2022-11") == "2021-01/2021-11"
    assert year_before("2024-03") == "2023-03"
    assert year_before("2024-03-05") is None and year_before(None) is None


def test_a_multiple_counts_from_the_year_its_sentence_names():
    since = "Trade has grown 164 times since 1992 to $80.7 billion."
    multiple = fig(164, "trade_growth", text="164 times", unit="x", label="MULTIPLIER", period=None, start=0, sentence=since, sentence_start=0)
    end = fig(80.7 * B, "trade_value", period="2024", start=30, sentence=since, sentence_start=0)
    base = fig(0.492 * B, "trade_value", text="$492 million", period="1992", start=90)
    assert statuses(check([multiple, end, base])) == [("turnover-multiple", "consistent")]
    assert statuses(check([multiple, end, base | {"value": 0.3 * B, "text": "$300 million"}])) == [("turnover-multiple", "inconsistent")]
    against = "Trade grew 18-fold by 2024 compared with 2006."
    fold = fig(18, "trade_growth", text="18-fold", unit="x", label="MULTIPLIER", period="2024", start=0, sentence=against, sentence_start=0)
    then = fig(4.8 * B, "trade_value", text="$4.8 billion", period="2006", start=200)
    assert statuses(check([fold, end | {"sentence": "Trade was $86.7 billion in 2024.", "sentence_start": 100, "value": 86.7 * B, "text": "$86.7 billion"}, then])) == [
        ("turnover-multiple", "consistent")
    ]


def test_a_share_is_its_part_over_the_whole():
    said = "Korea's stock of $94 billion is 18.1% of all FDI."
    share = pct(18.1, "share", text="18.1%", base=None, direction=None, topic="investment", period="2025-05", start=30, sentence=said, sentence_start=0)
    part = fig(94 * B, "investment_stock", text="$94 billion", topic="investment", period="2025-05", start=10, sentence=said, sentence_start=0)
    whole = fig(519 * B, "investment_stock", text="$519 billion", topic="investment", period="2025-05", subject=None, start=60, sentence="all FDI", sentence_start=60)
    assert statuses(check([share, part, whole])) == [("investment-share", "consistent")]
    assert statuses(check([share | {"value": 25.0, "text": "25%"}, part, whole])) == [("investment-share", "inconsistent")]


def test_ranks_of_one_list_do_not_repeat():
    def rank(subject, value, start):
        return fig(value, "trade_partner_rank", text=f"rank {value}", unit="rank", label="ORDINAL", subject=subject, counterpart="KR", start=start,
                   sentence="China first, the US second, Vietnam third.", sentence_start=0)  # fmt: skip

    assert statuses(check([rank("CN", 1, 0), rank("US", 2, 10), rank("VN", 3, 20)])) == [("partner-ranks", "consistent")]
    assert statuses(check([rank("CN", 1, 0), rank("US", 3, 10), rank("VN", 3, 20)])) == [("partner-ranks", "inconsistent")]


# --- across documents --------------------------------------------------------------------------
def test_a_growth_rate_is_checked_against_levels_other_sources_agree_on():
    levels = [fig(88.4 * B, "trade_value", doc=d, period="2024") for d in ("b", "c")] + [fig(80.3 * B, "trade_value", doc=d, period="2023", start=10) for d in ("b", "c")]
    fits = check([*levels, pct(10.1, "trade_value_change", doc="a", period="2024")])
    (finding,) = fits.findings
    assert (finding.rule, finding.status, finding.across) == ("turnover-growth", "consistent", True)
    assert finding.figures[0].doc == "a" and {f.doc for f in finding.figures[1:]} <= {"b", "c"}
    misses = check([*levels, pct(15.0, "trade_value_change", doc="a", period="2024")])
    assert statuses(misses) == [("turnover-growth", "inconsistent")]


def test_an_open_bound_does_not_vouch_for_a_level():
    """'over $10 billion' agrees with '$88.4 billion' as compare reads it, but does not vouch for it."""
    levels = [fig(88.4 * B, "trade_value", doc="b", period="2024"), fig(10 * B, "trade_value", doc="c", period="2024", qualifier="more_than", text="over $10 billion")]
    levels += [fig(80.3 * B, "trade_value", doc=d, period="2023", start=10) for d in ("b", "c")]
    result = check([*levels, pct(15.0, "trade_value_change", doc="a", period="2024")])
    assert statuses(result) == [] and result.withheld == 1


def test_partial_periods_are_related_to_the_same_months_a_year_before():
    levels = [fig(40.2 * B, "trade_value", doc=d, period="2024-01/2024-06") for d in ("b", "c")] + [fig(36.8 * B, "trade_value", doc=d, period="2023-01/2023-06", start=10) for d in ("b", "c")]
    assert statuses(check([*levels, pct(9.2, "trade_value_change", doc="a", period="2024-01/2024-06")])) == [("turnover-growth", "consistent")]
    assert statuses(check([*levels, pct(19.2, "trade_value_change", doc="a", period="2024-01/2024-06")])) == [("turnover-growth", "inconsistent")]


def test_each_document_stating_a_rate_is_checked():
    levels = [fig(88.4 * B, "trade_value", doc=d, period="2024") for d in ("b", "c")] + [fig(80.3 * B, "trade_value", doc=d, period="2023", start=10) for d in ("b", "c")]
    rates = [pct(15.0, "trade_value_change", doc=d, period="2024", start=40) for d in ("a", "z")]
    result = check([*levels, *rates])
    assert sorted(f.figures[0].doc for f in result.findings) == ["a", "z"]


def test_a_level_only_one_other_source_states_is_used_only_for_a_fit():
    levels = [fig(88.4 * B, "trade_value", doc="b", period="2024"), fig(80.3 * B, "trade_value", doc="c", period="2023")]
    assert statuses(check([*levels, pct(10.1, "trade_value_change", doc="a", period="2024")])) == [("turnover-growth", "consistent")]
    assert statuses(check([*levels, pct(15.0, "trade_value_change", doc="a", period="2024")])) == []


# --- generated: figures that fit are never flagged, one moved beyond rounding always is ----------------
shown = st.integers(min_value=0, max_value=2)  # decimals shown


def _rounded(value: float, decimals: int) -> tuple[float, str]:
    text = f"{value:.{decimals}f}"
    return float(text) * B, f"${text} billion"


@settings(max_examples=150, deadline=None)
@given(st.floats(1, 500), st.floats(1, 500), shown, shown, shown)
def test_generated_sums_that_fit_are_never_flagged(exports, imports, d_total, d_exp, d_imp):
    total, t_text = _rounded(exports + imports, d_total)
    e, e_text = _rounded(exports, d_exp)
    i, i_text = _rounded(imports, d_imp)
    claims = trade(total, e, i)
    for claim, text in zip(claims, (t_text, e_text, i_text)):
        claim["text"] = text
    assert statuses(check(claims)) == [("turnover-sum", "consistent")]


@settings(max_examples=150, deadline=None)
@given(st.floats(1, 500), st.floats(1, 500), st.integers(1, 2), st.floats(1.01, 5), st.sampled_from([1, -1]))
def test_generated_sums_with_one_figure_moved_beyond_rounding_are_always_flagged(exports, imports, decimals, beyond, sign):
    """Shown with decimals ('$100.0 billion'), so that every digit counts."""
    total, t_text = _rounded(exports + imports, decimals)
    e, e_text = _rounded(exports, decimals)
    i, i_text = _rounded(imports, decimals)
    allowed = 3 * 0.5 * 10**-decimals  # each of the three figures may be off by half its last digit
    moved = total / B + sign * beyond * allowed * 2
    if moved <= 0:
        return
    total, t_text = _rounded(moved, decimals + 3)  # four or five decimals: never read as a thousands group
    claims = trade(total, e, i)
    for claim, text in zip(claims, (t_text, e_text, i_text)):
        claim["text"] = text
    assert statuses(check(claims)) == [("turnover-sum", "inconsistent")]


GROWTHS = [("trade_value", "turnover-growth"), ("aid_value", "aid-growth"), ("residents", "residents-growth"), ("mutual_visits", "mutual-visits-growth")]


@pytest.mark.parametrize("metric,rule", GROWTHS)
@settings(max_examples=60, deadline=None)
@given(st.floats(1, 300), st.floats(-60, 200), shown, st.integers(0, 2))
def test_generated_growth_that_fits_is_never_flagged(metric, rule, old, rate, d_level, d_rate):
    new = old * (1 + rate / 100)
    n, n_text = _rounded(new, d_level)
    o, o_text = _rounded(old, d_level)
    if n <= 0 or o <= 0:
        return
    r_text = f"{abs(rate):.{d_rate}f}"
    change = pct(float(r_text), f"{metric}_change", text=f"{r_text}%", period="2024", start=20, direction="up" if rate >= 0 else "down")
    claims = [fig(n, metric, text=n_text, period="2024"), fig(o, metric, text=o_text, period="2023", start=10), change]
    assert [s for _, s in statuses(check(claims))] in ([], ["consistent"])  # [] only when a level rounds to nothing
    if o_text != "$0 billion" and n_text != "$0 billion":
        assert statuses(check(claims)) == [(rule, "consistent")]


@pytest.mark.parametrize("metric,rule", GROWTHS)
@settings(max_examples=60, deadline=None)
@given(st.floats(10, 300), st.floats(-50, 100), st.floats(1.5, 20))
def test_generated_growth_with_the_rate_moved_beyond_rounding_is_always_flagged(metric, rule, old, rate, beyond):
    new = old * (1 + rate / 100)
    n, n_text = _rounded(new, 1)
    o, o_text = _rounded(old, 1)
    low, high = (n / B - 0.05) / (o / B + 0.05), (n / B + 0.05) / (o / B - 0.05)
    slack = (high - low) * 100 + 0.1  # what the levels' rounding and the rate's own allow
    moved = rate + beyond * slack
    change = pct(round(abs(moved), 1), f"{metric}_change", text=f"{abs(moved):.1f}%", period="2024", start=20, direction="up" if moved >= 0 else "down")
    claims = [fig(n, metric, text=n_text, period="2024"), fig(o, metric, text=o_text, period="2023", start=10), change]
    assert statuses(check(claims)) == [(rule, "inconsistent")]


METRICS = ["trade_value", "export_value", "import_value", "trade_balance", "trade_value_change", "trade_growth", "share", "investment_stock", "trade_partner_rank", None]
random_claim = st.fixed_dictionaries(
    {
        "doc": st.sampled_from(["a", "b"]),
        "start": st.integers(0, 50),
        "text": st.text(max_size=12),
        "label": st.sampled_from(["MONEY", "PERCENT", "MULTIPLIER", "ORDINAL", "CARDINAL", "DATE"]),
        "value": st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False), st.integers(-5, 5)),
        "low": st.one_of(st.none(), st.floats(0, 100)),
        "high": st.one_of(st.none(), st.floats(100, 200)),
        "qualifier": st.sampled_from(["exact", "approx", "more_than", "at_least", "less_than", "at_most", "nearly"]),
        "unit": st.sampled_from(["USD", "%", "x", "rank", None]),
        "topic": st.just("trade"),
        "metric": st.sampled_from(METRICS),
        "modality": st.sampled_from(["reported", "target"]),
        "period": st.sampled_from([None, "2023", "2024", "1992", "2024-01/2024-06", "2023-01/2023-06", "2024-05-01", "x"]),
        "subject": st.sampled_from(["KR", "VN", None]),
        "counterpart": st.sampled_from(["KR", "VN", None]),
        "scope": st.sampled_from([None, "semiconductors"]),
        "base": st.sampled_from([None, "change", "ratio"]),
        "direction": st.sampled_from([None, "up", "down"]),
        "sentence": st.sampled_from(["up 164 times since 1992", "in 2024", ""]),
        "sentence_start": st.integers(0, 3),
        "published": st.sampled_from([None, "2025-01-01"]),
        "date": st.sampled_from([None, "2024"]),
    }
)


@settings(max_examples=200, deadline=None)
@given(st.lists(random_claim, max_size=12))
def test_random_claims_never_crash(claims):
    for claim in claims:
        claim["end"] = claim["start"] + 3
        claim["id"] = f"{claim['doc']}:{claim['start']}-{claim['end']}"
    result = check(claims)
    assert all(f.status in ("consistent", "inconsistent") for f in result.findings)


# --- the rules file ------------------------------------------------------------------------------
def test_the_shipped_relations_cover_every_kind_each_with_an_id_and_example():
    relations = load_relations().relation
    assert {r.kind for r in relations} == {"sum", "difference", "growth", "ratio", "multiple", "share", "rank_sequence",
                                           "component_sum", "combined_sum", "listed_sum", "part_share", "common_whole", "increase_bound", "level_ratio", "level_growth"}  # fmt: skip
    assert all(r.id and r.example for r in relations)


@pytest.mark.parametrize(
    "data,message",
    [
        ({"relation": [{"id": "x", "example": "e", "kind": "sum", "total": ["trade_value:AB"], "parts": [["export_value:AB"]], "colour": 1}]}, "unknown key"),
        ({"relation": [{"id": "x", "example": "e", "kind": "sum", "total": ["trade_value:AB"]}]}, "needs parts"),
        ({"relation": [{"id": "x", "example": "e", "kind": "growth", "rate": ["trade_value_change"], "level": ["trade_value:AB"]}]}, "is not metric"),
        ({"relation": [{"id": "x", "example": "e", "kind": "sums", "total": ["trade_value:AB"]}]}, "kind"),
        ({"relation": [{"id": "x", "kind": "rank_sequence", "ranks": ["investor_rank"]}]}, "example"),
        ({"relations": []}, "unknown key"),  # a misspelt table is an error, not nothing
    ],
)
def test_a_bad_relation_is_an_error_naming_the_key(data, message):
    with pytest.raises(RulesError, match=message):
        parse_relations(data, "my.toml")


# --- the command ---------------------------------------------------------------------------------
@pytest.fixture
def claims_file(tmp_path):
    path = tmp_path / "claims.jsonl"
    claims = [*trade(86.1 * B, 52.4 * B, 31.7 * B, doc="a"), *trade(84.1 * B, 52.4 * B, 31.7 * B, doc="b")]
    path.write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    return path


def test_cli_writes_one_finding_per_line(claims_file):
    result = runner.invoke(app, ["check", str(claims_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["figures"][0]["doc"], f["status"]) for f in findings] == [("a", "inconsistent"), ("b", "consistent")]
    assert all(f["kind"] == "check" and f["rule"] == "turnover-sum" for f in findings)


def test_cli_fail_on_inconsistent_and_formats(claims_file):
    assert runner.invoke(app, ["check", str(claims_file), "--fail-on-inconsistent", "--format", "json"]).exit_code == 1
    markdown = runner.invoke(app, ["check", str(claims_file), "--format", "markdown"])
    assert markdown.exit_code == 0 and markdown.stdout.startswith("| status |") and "**inconsistent**" in markdown.stdout
    table = runner.invoke(app, ["check", str(claims_file), "--format", "table"], env={"COLUMNS": "80"})
    assert table.exit_code == 0 and "inconsistent" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 80


def test_cli_reads_articles_and_says_when_nothing_relates(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("In 2023, Korea's exports to Vietnam reached $52.4 billion and its imports from Vietnam $31.7 billion, while two-way trade totalled $86.1 billion.\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(article), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout.splitlines()[0])["status"] == "inconsistent"
    alone = tmp_path / "b.txt"
    alone.write_text("Korea's exports to Vietnam reached $52.4 billion in 2023.\n", encoding="utf-8")
    empty = runner.invoke(app, ["check", str(alone), "--format", "json"])
    assert empty.exit_code == 0 and empty.stdout == "" and "no relation found among 1 claims" in empty.stderr


def test_cli_output_file_and_user_relations(tmp_path, claims_file):
    out = tmp_path / "checks.jsonl"
    assert runner.invoke(app, ["check", str(claims_file), "-o", str(out)]).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    loose = tmp_path / "relations.toml"
    loose.write_text("[tolerance]\napprox = 0.05\n[[relation]]\nid = 'turnover-sum'\nkind = 'sum'\nexample = 'e'\ntotal = ['trade_value:AB']\nparts = [['export_value:AB'], ['import_value:BA']]\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(claims_file), "--relations", str(loose), "--format", "json"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[[relation]]\nid = 'x'\n", encoding="utf-8")
    failed = runner.invoke(app, ["check", str(claims_file), "--relations", str(bad)])
    assert failed.exit_code == 2 and "bad.toml" in failed.stderr and "Traceback" not in failed.output


def test_cli_unknown_topic_is_an_error(claims_file):
    result = runner.invoke(app, ["check", str(claims_file), "--topic", "weather"])
    assert result.exit_code == 2 and "unknown topic" in result.stderr


def test_the_report_has_a_checks_section_with_text_escaped(tmp_path):
    claims = trade(86.1 * B, 52.4 * B, 31.7 * B, doc="a")
    claims[0]["sentence"] = "<script>alert(1)</script> trade totalled $86.1 billion"
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<section id='checks'>" in page and "turnover-sum" in page and "href='#checks'" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_corrections_file_changes_what_is_checked(tmp_path):
    """A reviewer who drops a misread figure drops the finding it made; the others stay."""
    from typer.testing import CliRunner

    from vnkr.cli import app

    article = tmp_path / "a.txt"
    article.write_text(
        "---\npublished: 2024-02-01\n---\n"
        "In 2023, Korea exported $50.2 billion worth of goods to Vietnam and imported $30.1 billion. "
        "Two-way trade reached $80.3 billion in 2023.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    before = runner.invoke(app, ["check", str(article), "--format", "json"])
    assert before.exit_code == 0, before.output
    rules = {json.loads(line)["rule"] for line in before.stdout.splitlines()}
    assert "turnover-sum" in rules
    claims = runner.invoke(app, ["extract", str(article)]).stdout.splitlines()
    total = next(json.loads(line)["id"] for line in claims if json.loads(line)["text"] == "$80.3 billion")
    fix = tmp_path / "fix.toml"
    fix.write_text(f'[[correction]]\nid = "{total}"\ndrop = true\n', encoding="utf-8")
    after = runner.invoke(app, ["check", str(article), "--format", "json", "--corrections", str(fix)])
    assert after.exit_code == 0, after.output
    assert "turnover-sum" not in {json.loads(line)["rule"] for line in after.stdout.splitlines()}
