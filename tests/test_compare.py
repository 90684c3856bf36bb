"""Agreement as intervals, and the groups the compare issue names, through the CLI."""

import json

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.compare import compare, gap, interval, judge

runner = CliRunner()


def figure(value, qualifier="exact", doc="d", **extra):
    claim = {"doc": doc, "start": 0, "end": 1, "text": str(value), "label": "CARDINAL", "value": value, "qualifier": qualifier,
             "unit": "person", "topic": "people", "metric": "residents", "modality": "reported", "period": None, "published": "2025-08-08"}
    claim.update(extra)
    return claim


@pytest.mark.parametrize(
    "qualifier,expected",
    [("exact", (10, 10)), ("approx", (10, 10)), ("more_than", (10, float("inf"))), ("at_least", (10, float("inf"))),
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


def test_the_reason_says_which_figures_and_how_far_apart():
    status, reason, disagreement = judge([figure(300000, "approx", doc="a"), figure(350000, "more_than", doc="b")], 0.05)
    assert (status, reason) == ("conflict", "over 350,000 (b) vs around 300,000 (a): 17% apart")
    assert (disagreement.a_doc, disagreement.b_doc, disagreement.apart) == ("b", "a", pytest.approx(0.1667, abs=1e-3))


def test_tolerance_is_settable():
    assert judge([figure(100, doc="a"), figure(108, doc="b")], 0.1)[0] == "agree"
    assert judge([figure(100, doc="a"), figure(108, doc="b")], 0.05)[0] == "conflict"


def test_stocks_whose_times_overlap_are_one_fact_and_others_are_separate():
    result = compare([figure(100, period="2022", doc="a"), figure(200, period="2024", doc="b"), figure(100, period="2022-05", doc="c")])
    assert sorted((g.time, g.status) for g in result.groups) == [("2022", "agree"), ("2024", "single")]
    assert [p.time for p in result.series[0].points] == ["2022", "2024"]


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


def test_residents_conflict(groups):
    """The Vietnamese in Korea: two documents disagree. The Korean diaspora in Vietnam is another fact."""
    [group] = [g for g in groups if g["kind"] == "group" and g["metric"] == "residents" and g["subject"] == "VN"]
    assert (group["status"], group["counterpart"]) == ("conflict", "KR")
    assert sources(group) == [("001", "around 300,000"), ("002", "over 350,000")]
    assert group["disagreement"]["apart"] == pytest.approx(0.1667, abs=1e-3)
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


def test_conflicts_come_first_and_fail_on_conflict():
    result = runner.invoke(app, ["compare", str(SEEDS), "--format", "json", "--fail-on-conflict"])
    assert result.exit_code == 1
    statuses = [json.loads(line).get("status") for line in result.stdout.splitlines() if '"kind":"group"' in line]
    assert statuses == sorted(statuses, key=["conflict", "inconsistent", "agree", "single"].index)


def test_claims_from_stdin_filtered_by_jq_style_topic():
    extracted = runner.invoke(app, ["extract", str(SEEDS)]).stdout
    trade = "\n".join(line for line in extracted.splitlines() if json.loads(line)["topic"] == "trade")
    result = runner.invoke(app, ["compare", "-", "--format", "json"], input=trade)
    assert result.exit_code == 0
    assert {json.loads(line)["topic"] for line in result.stdout.splitlines()} == {"trade"}


def test_markdown_and_table_formats():
    markdown = runner.invoke(app, ["compare", str(SEEDS), "--topic", "people", "--format", "markdown"]).stdout
    assert markdown.startswith("| group | status |") and "**conflict**" in markdown
    table = runner.invoke(app, ["compare", str(SEEDS), "--topic", "people", "--format", "table"]).stdout
    assert "conflict" in table and "residents" in table


def test_unknown_topic_lists_the_known_ones():
    result = runner.invoke(app, ["compare", str(SEEDS), "--topic", "sport"])
    assert result.exit_code == 2
    assert "unknown topic 'sport'; known topics: trade, investment" in result.stderr


@pytest.mark.parametrize("bad,reason", [("not json", "not valid JSON"), ('{"doc": "a", "start": 0, "end": 1, "text": "x", "label": "COUNT"}', "")])
def test_malformed_claims_line_is_named(tmp_path, bad, reason):
    first = runner.invoke(app, ["extract", str(SEEDS / "001_67d74b846c6c8d2b.txt")]).stdout.splitlines()[0]
    path = tmp_path / "claims.jsonl"
    path.write_text(f"{first}\n{bad}\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"vnkr: error: {path}:2: {reason}")


def test_claims_of_vnkr_0_1_are_still_read(tmp_path):
    """JSONL written before the frame named a rank's counterpart `holder` and had no `sentence_start`."""
    from vnkr.claims_io import read_claims_file

    old = {"id": "a:0-13", "doc": "a", "path": "a.txt", "published": None, "sentence": "x", "start": 0, "end": 13, "text": "third-largest",
           "label": "ORDINAL", "value": 3, "unit": "rank", "date": None, "subject": "VN", "holder": "KR"}  # fmt: skip
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(old) + "\n", encoding="utf-8")
    [claim] = read_claims_file(path)
    assert (claim["subject"], claim["counterpart"]) == ("VN", "KR")
