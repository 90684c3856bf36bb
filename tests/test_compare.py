"""Agreement as intervals, and the groups the compare issue names, through the CLI."""

import json
from itertools import combinations

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.compare import compare, gap, interval, judge

runner = CliRunner()


def figure(value, qualifier="exact", doc="d", **extra):
    claim = {"doc": doc, "start": 0, "end": 1, "text": str(value), "label": "CARDINAL", "value": value, "qualifier": qualifier,
             "unit": "person", "topic": "people", "metric": "residents", "modality": "reported", "period": None, "published": "2025-08-08",
             "subject": "VN", "counterpart": "KR"}
    claim.update(extra)
    return claim


@pytest.mark.parametrize(
    "qualifier,expected",
    [("exact", (10, 10)), ("approx", (9.5, 10.5)), ("more_than", (10, float("inf"))), ("at_least", (10, float("inf"))),
     ("less_than", (float("-inf"), 10)), ("at_most", (float("-inf"), 10)), ("nearly", (9.5, 10))],
)
def test_interval(qualifier, expected):
    assert interval(10, qualifier, 0.05) == pytest.approx(expected)


@pytest.mark.parametrize(
    "a,b,agree",
    [
        (figure(10000, "more_than"), figure(10000, "approx"), True),
        (figure(300000, "approx"), figure(350000, "more_than"), False),
        (figure(100000, "approx"), figure(103000, "exact"), True),
        (figure(100, "exact"), figure(120, "exact"), False),
        (figure(5000, "less_than"), figure(6000, "more_than"), False),
        (figure(5000, "at_most"), figure(4000, "exact"), True),
        (figure(18, "nearly"), figure(17.5, "exact"), True),
        (figure(10000, "more_than"), figure(10000, "at_least"), True),
        (figure(30, "more_than"), figure(4400, "more_than"), False),
    ],
)
def test_agreement_respects_qualifiers(a, b, agree):
    assert (gap(a, b, 0.05) <= 0.05) is agree
    b = {**b, "doc": "other"}
    assert judge([a, b], 0.05)[0] == ("agree" if agree else "conflict")


@pytest.mark.parametrize(
    "a,b,agree",
    [
        (figure(None, low=10000, high=12000), figure(11000, "exact"), True),  # a point inside the range
        (figure(None, low=10000, high=12000), figure(12500, "approx"), True),  # within the tolerance of an end
        (figure(None, low=10000, high=12000), figure(15000, "exact"), False),
        (figure(None, low=10000, high=12000), figure(None, low=11500, high=14000), True),  # two ranges that meet
        (figure(None, low=10000, high=100000), figure(9000, "more_than"), True),
        (figure(None, low=1000, high=2000), figure(3000, "less_than"), True),
    ],
)
def test_a_range_is_an_interval(a, b, agree):
    assert (gap(a, b, 0.05) <= 0.05) is agree
    assert judge([a, {**b, "doc": "other"}], 0.05)[0] == ("agree" if agree else "conflict")


def test_a_range_is_compared_and_described():
    ranged = figure(None, low=4e9, high=5e9, doc="a", label="MONEY", unit="USD", text="$4-5 billion")
    result = compare([ranged, figure(7e9, doc="c", label="MONEY", unit="USD")])
    group = next(g for g in result.groups)
    assert (group.status, group.reason) == ("conflict", "7 billion USD (c) vs 4 billion to 5 billion USD (a): 44% apart")
    source = next(s for s in group.sources if s.doc == "a")
    assert (source.value, source.low, source.high) == (None, 4e9, 5e9)


def test_the_reason_says_which_figures_and_how_far_apart():
    status, reason, disagreement = judge([figure(300000, "approx", doc="a"), figure(350000, "more_than", doc="b")], 0.05)
    assert (status, reason) == ("conflict", "over 350,000 (b) vs around 300,000 (a): 17% apart")
    assert (disagreement.a_doc, disagreement.b_doc, disagreement.apart) == ("b", "a", pytest.approx(0.1667, abs=1e-3))


def test_tolerance_is_settable():
    assert judge([figure(100, doc="a"), figure(108, doc="b")], 0.1)[0] == "agree"
    assert judge([figure(100, doc="a"), figure(108, doc="b")], 0.05)[0] == "conflict"


@pytest.mark.parametrize(
    "claims,expected",
    [
        # a stock holds at the end of the time it states, read to the month: the first half is as of June
        ([figure(100, period="2016-01/2016-06", doc="a"), figure(100, period="2016-06-30", doc="b")], [("2016/2016-06-30", "agree")]),
        # a stock of a whole year is not one of a month in it (a stock grows: '3.4 billion' in 2016 vs '50 billion' as of October)
        ([figure(3.4, period="2016", doc="a"), figure(50, period="2016-10", doc="b")], [("2016", "single"), ("2016-10", "single")]),
        ([figure(100, period="2022", doc="a"), figure(200, period="2024", doc="b"), figure(100, period="2022", doc="c")], [("2022", "agree"), ("2024", "single")]),
        # a page's 'now' is as of the month to which the page states another stock ('86 billion USD as of April 2024')
        ([figure(270000, "more_than", doc="a", published="2024-06-30"), figure(86e9, doc="a", published="2024-06-30", period="2024-04", metric="investment_stock", unit="USD"),
          figure(297999, doc="b", period="2024-04-30")], [("2024-04", "single"), ("2024-04-30", "agree")]),
        # ... or as of its own month, when a stock is stated for that month; else of its year
        ([figure(92, "more_than", doc="a", published="2025-05-16"), figure(94, doc="b", period="2025-05")], [("2025-05", "agree")]),
        ([figure(87, doc="a", published="2024-07-02"), figure(86, doc="b", period="2024-04")], [("2024", "single"), ("2024-04", "single")]),
        # a stock stated for a whole year is as of its end: a page's 'now' in July is another time
        ([figure(87, doc="a", published="2024-07-02"), figure(92, doc="b", period="2024")], [("2024", "single"), ("2024", "single")]),
    ],
)
def test_stocks_are_one_fact_at_one_point_in_time(claims, expected):
    assert sorted((g.time, g.status) for g in compare(claims).groups) == expected


def test_stocks_of_several_times_make_a_series():
    result = compare([figure(100, period="2022", doc="a"), figure(200, period="2024", doc="b"), figure(100, period="2022", doc="c")])
    assert [p.time for p in result.series[0].points] == ["2022", "2024"]


def flow(value, doc, period=None, published="2016-06-28"):
    return figure(value, doc=doc, label="MONEY", unit="USD", topic="investment", metric="investment_flow", period=period, published=published,
                  subject="KR", counterpart="VN")  # fmt: skip


@pytest.mark.parametrize(
    "a,b,expected",
    [
        # neither states its period: each is only guessed to be of its page's year; they may agree, never conflict
        (flow(11e9, "a"), flow(7.56e9, "b", published="2016-05-26"), [("2016", "single"), ("2016", "single")]),
        (flow(11e9, "a"), flow(11.1e9, "b", published="2016-05-26"), [("2016", "agree")]),
        # both state it: a real disagreement
        (flow(11e9, "a", period="2015"), flow(7.56e9, "b", period="2015"), [("2015", "conflict")]),
    ],
)
def test_flows_without_a_stated_period_never_conflict(a, b, expected):
    assert sorted((g.time, g.status) for g in compare([a, b]).groups) == expected


def undated_page(*unstated, sentence="Trade soared to that level."):
    """An undated page that states two figures of 2022 in their own clauses, and more with no time."""
    stated = [flow(v, "u", period="2022", published=None) | {"period_from": "clause", "metric": m} for v, m in ((34e9, "trade_balance"), (61e9, "export_value"))]
    return stated + [flow(v, "u", published=None) | {"metric": "trade_value", "sentence": sentence} for v in unstated]


@pytest.mark.parametrize(
    "page,expected",
    [
        # a figure with no time on an undated page about 2022's figures is of 2022: against a stated 2022 figure
        (undated_page(80.7e9), [("2022", "conflict")]),
        (undated_page(87.5e9), [("2022", "agree")]),
        # its 'now' is a year the page does not name ("last year"): the figure keeps no time and stands alone
        (undated_page(80.7e9, sentence="Last year trade soared to that level."), [("2022", "single"), (None, "single")]),
    ],
)
def test_an_undated_pages_figure_takes_the_year_it_reports_on(page, expected):
    other = flow(87.7e9, "d", period="2022", published="2023-01-20") | {"metric": "trade_value"}
    groups = compare(page + [other]).groups
    assert sorted(((g.time, g.status) for g in groups if g.metric == "trade_value"), key=str) == sorted(expected, key=str)
    if expected[0][1] == "conflict":
        assert "the year its undated page reports on" in next(g for g in groups if g.metric == "trade_value").why


def visit(doc, date, text):
    return figure(None, doc=doc, label="DATE", date=date, text=text, unit=None, topic="visits", metric="visit_date", subject=None, counterpart=None)


@pytest.mark.parametrize(
    "dates,expected",
    [
        # one visit, its span of days told two ways: a conflict between the documents
        ([("a", "2023-06-21/2023-06-24", "từ 21 đến 24/6/2023"), ("b", "2023-06-22/2023-06-24", "22-24/6/2023")], "conflict"),
        # the same span, and a day or a month told inside it: one visit
        ([("a", "2023-06-22/2023-06-24", "June 22-24"), ("b", "2023-06-22/2023-06-24", "22-24/6/2023"), ("c", "2023-06-23", "June 23")], "agree"),
        ([("a", "2023-06-22/2023-06-24", "June 22-24"), ("b", "2023-06", "June")], "agree"),
        # a span a word gives is no stated span: 'early next week' is not a disagreement with 'August 10 to 13'
        ([("a", "2025-08-10/2025-08-13", "August 10 to 13"), ("b", "2025-08-11/2025-08-17", "early next week")], "agree"),
    ],
)
def test_a_span_of_days_told_two_ways_is_a_conflict(dates, expected):
    groups = compare([visit(*d) for d in dates]).groups
    assert [g.status for g in groups] == [expected]
    if expected == "conflict":
        assert "one span of days, dated differently" in groups[0].reason


def test_an_undated_pages_year_dates_only_figures_of_the_topics_it_states_for_it():
    """A licence of investment on a page that tells last year's trade as background is of no known year."""
    page = [c | {"topic": "trade"} for c in undated_page()] + [flow(1.4e9, "u", published=None)]
    other = flow(5.98e9, "d", period="2022", published="2023-01-20")
    assert sorted(((g.time, g.status) for g in compare(page + [other]).groups if g.metric == "investment_flow"), key=str) == [("2022", "single"), (None, "single")]


def test_one_figure_of_a_year_gives_an_undated_page_no_year():
    """One stated figure may be a misread time: the others of the page stay without time."""
    page = undated_page(80.7e9)[1:]
    other = flow(87.7e9, "d", period="2022", published="2023-01-20") | {"metric": "trade_value"}
    assert sorted(((g.time, g.status) for g in compare(page + [other]).groups if g.metric == "trade_value"), key=str) == [("2022", "single"), (None, "single")]


@pytest.mark.parametrize(
    "published_b,expected",
    [("2025-08-01", [("2025", "conflict")]), ("2025-02-01", [("2025", "single"), ("2025", "single")])],
)
def test_two_stocks_told_as_now_conflict_only_when_their_pages_are_close(published_b, expected):
    """'Around 300,000 live in Korea' and 'over 350,000': a conflict told a week apart, two different nows half a year apart."""
    claims = [figure(300000, "approx", doc="a", published="2025-08-08"), figure(350000, "more_than", doc="b", published=published_b)]
    assert sorted((g.time, g.status) for g in compare(claims).groups) == expected


def test_a_figure_against_the_trend_is_flagged():
    claims = [figure(v, period=p, doc=p) for v, p in ((10, "2020"), (20, "2021"), (5, "2022"), (40, "2023"))]
    points = compare(claims).series[0].points
    assert [p.fits for p in points] == [True, True, False, True]


@pytest.fixture(scope="module")
def groups():
    result = runner.invoke(app, ["compare", str(SEEDS), "--format", "json", "--reference-date", "2026-11-22"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def find(groups, metric, modality="reported", time=None):
    found = [g for g in groups if g["kind"] == "group" and g["metric"] == metric and g["modality"] == modality and (time is None or g["time"] == time)]
    assert len(found) == 1, [(g["metric"], g["time"]) for g in found]
    return found[0]


def sources(group):
    return sorted((s["doc"][:3], m["text"]) for s in group["sources"] for m in s["mentions"])


def test_residents_of_an_undated_page_are_not_joined_to_another_documents_year(groups):
    """The Vietnamese in Korea: 002 gives no date, so its figure has no time and is not compared with
    001's figure as of 2025 (undated figures joined to other documents' years made false conflicts).
    The Korean diaspora in Vietnam is another fact."""
    found = sorted(((g["status"], g["time"] or "", sources(g)[0]) for g in groups if g["kind"] == "group" and g["metric"] == "residents" and g["subject"] == "VN"))
    assert found == [("single", "", ("002", "over 350,000")), ("single", "2025", ("001", "around 300,000"))]
    [other] = [g for g in groups if g["kind"] == "group" and g["metric"] == "residents" and g["subject"] == "KR"]
    assert other["status"] == "single" and other["counterpart"] == "VN"


@pytest.mark.parametrize(
    "metric,expected",
    [
        ("multicultural_families", [("000", "approximately 100,000"), ("001", "around 100,000")]),
        ("korean_firms", [("000", "over 10,000"), ("000", "over 10,000"), ("001", "around 10,000"), ("001", "more than 10,000")]),
        ("mutual_visits", [("000", "exceeding 5 million"), ("001", "over five million")]),
        ("diplomatic_ties", [("001", "1992"), ("002", "1992")]),
        ("partnership_upgrade", [("001", "2022"), ("004", "2022")]),
    ],
)
def test_groups_that_agree(groups, metric, expected):
    group = find(groups, metric)
    assert group["status"] == "agree"
    assert sources(group) == expected


def test_trade_targets_for_2030(groups):
    value = find(groups, "trade_value", "target", "2030")
    assert value["status"] == "agree" and sources(value) == [("001", "US$150 billion"), ("003", "150 billion"), ("003", "150 billion USD")]
    growth = find(groups, "trade_growth", "target", "2030")
    assert {s["doc"][:3] for s in growth["sources"]} == {"002"}


def test_visit_dates_agree(groups):
    group = next(g for g in groups if g["kind"] == "group" and g["metric"] == "visit_date" and ("001", "August 10 to 13") in sources(g))
    assert group["status"] == "agree" and ("000", "Sunday") in sources(group)


@pytest.fixture(scope="module")
def dated_claims(tmp_path_factory):
    """The seeds' claims with the undated page dated, so its residents figure meets 001's (and conflicts)."""
    lines = [json.loads(line) for line in runner.invoke(app, ["extract", str(SEEDS), "--reference-date", "2026-11-22"]).stdout.splitlines()]
    for claim in lines:
        claim["published"] = claim["published"] or "2025-08-01"
    path = tmp_path_factory.mktemp("claims") / "claims.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in lines) + "\n", encoding="utf-8")
    return str(path)


def test_residents_conflict_once_dated(dated_claims):
    result = runner.invoke(app, ["compare", dated_claims, "--format", "json"])
    [group] = [g for g in map(json.loads, result.stdout.splitlines()) if g["kind"] == "group" and g["metric"] == "residents" and g["subject"] == "VN"]
    assert (group["status"], sources(group)) == ("conflict", [("001", "around 300,000"), ("002", "over 350,000")])
    assert group["disagreement"]["apart"] == pytest.approx(0.1667, abs=1e-3)
    assert "frame VN→KR" in group["why"] and "time as of 2025" in group["why"]


def test_conflicts_come_first_and_fail_on_conflict(dated_claims):
    result = runner.invoke(app, ["compare", dated_claims, "--format", "json", "--fail-on-conflict"])
    assert result.exit_code == 1
    statuses = [json.loads(line).get("status") for line in result.stdout.splitlines() if '"kind":"group"' in line]
    assert statuses == sorted(statuses, key=["conflict", "inconsistent", "agree", "single"].index)


def test_claims_from_stdin_filtered_by_jq_style_topic():
    extracted = runner.invoke(app, ["extract", str(SEEDS)]).stdout
    trade = "\n".join(line for line in extracted.splitlines() if json.loads(line)["topic"] == "trade")
    result = runner.invoke(app, ["compare", "-", "--format", "json"], input=trade)
    assert result.exit_code == 0
    assert {json.loads(line)["topic"] for line in result.stdout.splitlines()} == {"trade"}


def test_markdown_and_table_formats(dated_claims):
    markdown = runner.invoke(app, ["compare", dated_claims, "--topic", "people", "--format", "markdown"]).stdout
    assert markdown.startswith("| group | status |") and "**conflict**" in markdown
    table = runner.invoke(app, ["compare", dated_claims, "--topic", "people", "--format", "table"]).stdout
    assert "conflict" in table and "residents" in table


def test_unknown_topic_lists_the_known_ones():
    result = runner.invoke(app, ["compare", str(SEEDS), "--topic", "sport"])
    assert result.exit_code == 2
    assert "unknown topic 'sport'; known topics: trade, investment" in result.stderr


@pytest.mark.parametrize("bad,reason", [("not json", "not valid JSON"), ('{"doc": "a", "start": 0, "end": 1, "text": "x", "label": "COUNT"}', "")])
def test_malformed_claims_line_is_named_and_the_rest_compared(tmp_path, bad, reason):
    first = runner.invoke(app, ["extract", str(SEEDS / "001_67d74b846c6c8d2b.txt")]).stdout.splitlines()[0]
    path = tmp_path / "claims.jsonl"
    path.write_text(f"{first}\n{bad}\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(path)])
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"vnkr: error: {path}:2: {reason}") and result.stderr.rstrip().endswith("; line skipped")
    assert json.loads(first)["id"] in result.stdout  # the other line is still compared


def test_claims_of_vnkr_0_1_are_still_read(tmp_path):
    """JSONL written before the frame named a rank's counterpart `holder` and had no `sentence_start`."""
    from vnkr.claims_io import read_claims_file

    old = {"id": "a:0-13", "doc": "a", "path": "a.txt", "published": None, "sentence": "x", "start": 0, "end": 13, "text": "third-largest",
           "label": "ORDINAL", "value": 3, "unit": "rank", "date": None, "subject": "VN", "holder": "KR"}  # fmt: skip
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(old) + "\n", encoding="utf-8")
    [claim] = read_claims_file(path)
    assert (claim["subject"], claim["counterpart"]) == ("VN", "KR")


def money(value, doc, metric="trade_value", period="2024", subject="KR", counterpart="VN", scope=None, start=0, **extra):
    claim = {"doc": doc, "start": start, "end": start + 5, "text": f"${value / 1e9:g} billion", "label": "MONEY", "value": value, "qualifier": "exact",
             "unit": "USD", "topic": "trade", "metric": metric, "modality": "reported", "period": period, "published": "2025-08-08",
             "subject": subject, "counterpart": counterpart, "scope": scope}  # fmt: skip
    claim.update(extra)
    return claim


@pytest.mark.parametrize(
    "a,b",
    [
        # whose figure: exports, the other way's exports, turnover and a third country's trade are four facts
        (money(55.9e9, "a", "export_value"), money(25.6e9, "b", "export_value", subject="VN", counterpart="KR")),
        (money(55.9e9, "a", "export_value"), money(86.7e9, "b")),
        (money(86.7e9, "a"), money(272.9e9, "b", subject="CN", counterpart="KR")),
        # a company's investment is not all of its country's; students are not all residents
        (money(94e9, "a", "investment_stock", topic="investment"), money(22e9, "b", "investment_stock", topic="investment", scope="samsung")),
        (figure(300000, doc="a", subject="VN", counterpart="KR"), figure(85957, doc="b", subject="VN", counterpart="KR", scope="students")),
        # time basis: the first 11 months are not the year; a stock as of a date is not a year's flow
        (money(81e9, "a", period="2022-01/2022-11"), money(87.7e9, "b", period="2022")),
        (money(86e9, "a", "investment_stock", period="2024-04", topic="investment"), money(3.6e9, "b", "investment_flow", period="2024", topic="investment")),
    ],
)
def test_different_facts_never_share_a_group(a, b):
    result = compare([a, b])
    assert [g.status for g in result.groups] == ["single", "single"]


def test_a_document_is_one_source_however_often_it_repeats_a_figure():
    claims = [money(86.7e9, "a", start=10), money(86.7e9, "a", start=900), money(86.7e9, "a", start=1500), money(86.7e9, "b")]
    [group] = compare(claims).groups
    assert group.status == "agree" and len(group.sources) == 2
    assert [len(s.mentions) for s in group.sources] == [3, 1]
    assert group.reason.startswith("2 sources")


def test_a_document_that_contradicts_itself_is_inconsistent_not_a_conflict():
    [group] = compare([money(86.7e9, "a", start=10), money(81.5e9, "a", start=500)]).groups
    assert group.status == "inconsistent"
    assert group.disagreement.a_doc == group.disagreement.b_doc == "a"


@pytest.mark.parametrize(
    "values,expected",
    [
        # a figure retold a little differently in another sentence: inconsistent
        ((86.7e9, 81.5e9), ["inconsistent"]),
        # chips of all exports, another country's total, last year's and this year's: two facts, not an alarm
        ((62.8e9, 24.7e9), ["single", "single"]),
        ((153e9, 2.35e9), ["single", "single"]),
    ],
)
def test_a_documents_figures_far_apart_are_two_facts_not_an_inconsistency(values, expected):
    claims = [money(v, "a", start=10 + 500 * i) | {"sentence_start": 500 * i} for i, v in enumerate(values)]
    assert sorted(g.status for g in compare(claims).groups) == expected


def test_a_documents_figures_in_one_sentence_are_two_facts():
    """'Hanoi drew $4.7 billion, followed by HCM City with $3.7 billion': a list, not one figure told twice."""
    claims = [money(v, "a", start=10 + 30 * i) | {"sentence_start": 0} for i, v in enumerate((4.7e9, 3.7e9))]
    assert sorted(g.status for g in compare(claims).groups) == ["single", "single"]


def test_a_conflict_is_between_documents_and_names_the_pair():
    [group] = compare([money(86.7e9, "a"), money(81.5e9, "b"), money(86.7e9, "c")]).groups
    assert group.status == "conflict"
    assert {group.disagreement.a_doc, group.disagreement.b_doc} == {"a", "b"} or {group.disagreement.a_doc, group.disagreement.b_doc} == {"c", "b"}
    assert group.disagreement.apart == pytest.approx(0.0638, abs=1e-3)


def test_one_documents_figures_of_two_years_are_two_facts():
    result = compare([money(3.8e9, "a", "investment_flow", period="2013"), money(6.1e9, "a", "investment_flow", period="2014")])
    assert sorted((g.time, g.status) for g in result.groups) == [("2013", "single"), ("2014", "single")]
    [series] = result.series
    assert series.subject == "KR" and [p.time for p in series.points] == ["2013", "2014"]


def test_a_series_never_mixes_frames():
    claims = [money(80e9, "a", period="2023"), money(86e9, "b", period="2024"), money(267e9, "c", period="2023", subject="CN", counterpart="KR"),
              money(272e9, "d", period="2024", subject="CN", counterpart="KR")]  # fmt: skip
    series = compare(claims).series
    assert sorted((s.subject, [p.value for p in s.points]) for s in series) == [("CN", [267e9, 272e9]), ("KR", [80e9, 86e9])]


QUALIFIERS = ["exact", "approx", "more_than", "at_least", "less_than", "at_most", "nearly"]


@given(st.lists(st.tuples(st.sampled_from("abcd"), st.integers(1, 400), st.sampled_from(QUALIFIERS)), min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_judging_by_readings_finds_what_every_pair_of_documents_finds(figures):
    """Two documents conflict when no figure of one agrees with any of the other (judge compares distinct figures once)."""
    claims = [figure(v * 10, q, doc=d) for d, v, q in figures]
    docs = sorted({c["doc"] for c in claims})
    of = {d: [c for c in claims if c["doc"] == d] for d in docs}
    across = any(all(gap(a, b, 0.05) > 0.05 for a in of[x] for b in of[y]) for x, y in combinations(docs, 2))
    within = any(gap(a, b, 0.05) > 0.05 for a, b in combinations(claims, 2))
    expected = "conflict" if across else "agree" if len(docs) > 1 else "inconsistent" if within else "single"
    assert judge(claims, 0.05)[0] == expected
