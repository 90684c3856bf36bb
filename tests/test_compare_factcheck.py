"""What a fact-checker needs from `compare` (claims.md, "What a fact-checker needs from it"), one
table per class of error it made on unseen articles. Claims are paraphrased, built by hand."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.compare import compare

runner = CliRunner()


def claim(value, doc, start=0, **extra):
    """A trade figure of 2024 (period read from its clause), KR→VN, unless `extra` says otherwise."""
    out = {"doc": doc, "start": start, "end": start + 5, "text": f"{value:g}", "label": "MONEY", "value": value, "qualifier": "exact",
           "unit": "USD", "topic": "trade", "metric": "trade_value", "modality": "reported", "period": "2024", "period_from": "clause",
           "published": "2025-03-01", "subject": "KR", "counterpart": "VN", "scope": None, "sentence": f"Trade reached {value:g} in 2024."}  # fmt: skip
    out.update(extra)
    return out


def date_claim(iso, doc, metric="diplomatic_ties", start=0, **extra):
    out = {"doc": doc, "start": start, "end": start + 4, "text": iso, "label": "DATE", "value": None, "date": iso, "qualifier": "exact", "unit": None,
           "topic": "diplomacy", "metric": metric, "modality": "reported", "period": None, "published": "2025-03-01", "subject": "KR",
           "counterpart": "VN", "scope": None, "sentence": f"Ties date from {iso}."}  # fmt: skip
    out.update(extra)
    return out


def only_group(claims):
    groups = [g for g in compare(claims).groups if len({s.doc for s in g.sources}) > 1]
    assert len(groups) == 1, [(g.metric, g.time, g.status) for g in groups]
    return groups[0]


# --- 1. a second, different figure in one document does not make a conflict ---------------------
B = 1e9


@pytest.mark.parametrize(
    "doc_a,doc_b,status,readings",
    [
        # b also states another country's total: a and b agree on their main figure
        ([86.7 * B], [272.9 * B, 86.7 * B], "agree", {"a": 86.7 * B, "b": 86.7 * B}),
        # b's first figure is a three-year flow; its reading is the figure that agrees with a
        ([16.3 * B, 86.5 * B], [87 * B], "agree", {"a": 86.5 * B, "b": 87 * B}),
        # no figure of one agrees with any figure of the other
        ([86.7 * B], [81.5 * B, 7 * B], "conflict", {"a": 86.7 * B, "b": 81.5 * B}),
        # both state the margin too: still agreeing on the total
        ([86.7 * B, 11 * B], [86.7 * B, 12.5 * B], "agree", {"a": 86.7 * B, "b": 86.7 * B}),
    ],
)
def test_a_document_is_judged_by_its_reading_not_its_extremes(doc_a, doc_b, status, readings):
    claims = [claim(v, "a", start=10 * i) for i, v in enumerate(doc_a)] + [claim(v, "b", start=10 * i) for i, v in enumerate(doc_b)]
    group = only_group(claims)
    assert group.status == status
    assert {s.doc: s.value for s in group.sources} == readings
    for source, figures in (("a", doc_a), ("b", doc_b)):
        [found] = [s for s in group.sources if s.doc == source]
        # every other figure of the document is listed apart, with its id: shown, not hidden
        assert len(found.mentions) + len(found.outliers) == len(figures)
        assert all(m.id.startswith(f"{source}:") for m in found.outliers)
        assert found.id == next(m.id for m in found.mentions if m.value == readings[source])


def test_the_reason_names_the_two_readings_that_disagree_not_an_outlier():
    group = only_group([claim(86.7 * B, "a"), claim(2 * B, "a", start=40), claim(81.5 * B, "b")])
    assert group.status == "conflict"
    assert group.reason.startswith("86.7 billion USD (a) vs 81.5 billion USD (b): 6% apart")
    assert "a also states 2 billion USD" in group.reason
    assert (group.disagreement.a_text, group.disagreement.b_text) == ("8.67e+10", "8.15e+10")


def test_one_document_whose_figures_disagree_is_inconsistent():
    [group] = compare([claim(86.7 * B, "a"), claim(60 * B, "a", start=30)]).groups
    assert group.status == "inconsistent" and "a states 86.7 billion USD and 60 billion USD" in group.reason
    assert [m.text for m in group.sources[0].outliers] == ["6e+10"]  # the figure that disagrees with its reading, apart


@given(st.lists(st.floats(1, 1000), min_size=1, max_size=4), st.lists(st.floats(1, 1000), min_size=1, max_size=4), st.floats(1, 1e6))
@settings(max_examples=200, deadline=None)
def test_an_unrelated_figure_never_turns_agreement_into_a_conflict(values_a, values_b, extra):
    """Adding any figure to one document of an agreeing group keeps it agreeing."""
    claims = [claim(v * B, "a", start=10 * i) for i, v in enumerate(values_a)] + [claim(v * B, "b", start=10 * i) for i, v in enumerate(values_b)]
    before = {g.status for g in compare(claims).groups if len(g.sources) > 1}
    after = {g.status for g in compare([*claims, claim(extra * B, "b", start=100)]).groups if len(g.sources) > 1}
    if before == {"agree"}:
        assert after == {"agree"}


# --- 3. an event's date is a figure ----------------------------------------------------------------
@pytest.mark.parametrize(
    "a,b,metric,scope,status",
    [
        ("1992", "1993", "diplomatic_ties", None, "conflict"),
        ("1992", "1992-12-22", "diplomatic_ties", None, "agree"),
        ("2022-12", "2012", "partnership_upgrade", "comprehensive strategic partnership", "conflict"),
        ("2022-12-05", "2022-12", "partnership_upgrade", "comprehensive strategic partnership", "agree"),
    ],
)
def test_two_documents_that_date_one_event_differently_conflict(a, b, metric, scope, status):
    group = only_group([date_claim(a, "a", metric, scope=scope), date_claim(b, "b", metric, scope=scope)])
    assert group.status == status and group.basis == "event"
    if status == "conflict":
        assert "dates do not overlap" in group.reason


def test_dates_of_visits_no_scope_names_are_not_one_event():
    """'a visit' in June and one in August may be two visits: not a conflict."""
    groups = compare([date_claim("2023-06", "a", "visit_date"), date_claim("2024-08", "b", "visit_date")]).groups
    assert sorted(g.status for g in groups) == ["single", "single"]


# --- 4. a ratio and a change on one scale ---------------------------------------------------------
def pct(value, doc, base, direction=None):
    return claim(value, doc, label="PERCENT", unit="%", metric="trade_value_change", base=base, direction=direction)


@pytest.mark.parametrize(
    "a,b,status",
    [
        (pct(139.7, "a", "ratio"), pct(39.7, "b", "change", "up"), "agree"),
        (pct(139.7, "a", "ratio"), pct(45, "b", "change", "up"), "conflict"),
        (pct(80, "a", "ratio"), pct(20, "b", "change", "down"), "agree"),
        (pct(20, "a", "change", "up"), pct(20, "b", "change", "down"), "conflict"),
        (pct(39.7, "a", None), pct(39.7, "b", "change", "up"), "agree"),
    ],
)
def test_a_ratio_and_a_change_are_judged_on_one_scale(a, b, status):
    assert only_group([a, b]).status == status


# --- 5. two statistics, not a misprint --------------------------------------------------------------
@pytest.mark.parametrize(
    "source_a,source_b,two",
    [("KITA", "VN_CUSTOMS", True), ("KITA", "KITA", False), (None, "VN_CUSTOMS", False)],
)
def test_a_disagreement_between_named_statistics_says_so(source_a, source_b, two):
    group = only_group([claim(86.7 * B, "a", source=source_a), claim(81.5 * B, "b", source=source_b)])
    assert group.status == "conflict" and group.disagreement.two_statistics is two
    assert ("two statistics, not a misprint" in group.reason) is two
    assert {s.doc: s.source for s in group.sources} == {"a": source_a, "b": source_b}


# --- 6. what cites a source --------------------------------------------------------------------------
def test_every_source_carries_what_cites_it():
    cited = {"url": "https://news.example.org/a", "outlet": "Example News", "title": "Trade hits a record"}
    group = only_group([claim(86.7 * B, "a", **cited), claim(86.7 * B, "b")])
    by_doc = {s.doc: s for s in group.sources}
    assert (by_doc["a"].url, by_doc["a"].outlet, by_doc["a"].title, by_doc["a"].published) == (*cited.values(), "2025-03-01")
    assert (by_doc["b"].url, by_doc["b"].outlet, by_doc["b"].title) == (None, None, None)


FRONT = "---\npublished: 2025-03-01\nurl: https://news.example.org/{name}\noutlet: {outlet}\ntitle: {title}\n---\n"


def test_front_matter_outlet_and_title_reach_the_compare_sources(tmp_path):
    for name, outlet, figure in (("one", "Daily A", "86.7"), ("two", "Weekly B", "81.5")):
        body = f"Trade between South Korea and Vietnam reached US${figure} billion in 2024.\n"
        (tmp_path / f"{name}.txt").write_text(FRONT.format(name=name, outlet=outlet, title=f"{outlet} on trade") + body, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    [group] = [g for g in map(json.loads, result.stdout.splitlines()) if g["kind"] == "group" and len(g["sources"]) == 2]
    assert group["status"] == "conflict"
    cites = sorted((s["doc"], s["outlet"], s["title"], s["url"], s["published"]) for s in group["sources"])
    assert cites == [("one", "Daily A", "Daily A on trade", "https://news.example.org/one", "2025-03-01"),
                     ("two", "Weekly B", "Weekly B on trade", "https://news.example.org/two", "2025-03-01")]  # fmt: skip
    assert "one fact:" in runner.invoke(app, ["compare", str(tmp_path), "--format", "markdown"]).stdout


def test_an_archive_lines_title_and_domain_are_its_citation(tmp_path):
    line = {"title": "Trade hits a record", "maintext": "Trade between South Korea and Vietnam reached US$86.7 billion in 2024.",
            "date_publish": "2025-03-01 08:00:00", "url": "https://news.example.org/trade-record", "source_domain": "news.example.org", "language": "en"}  # fmt: skip
    (tmp_path / "archive.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    claims = [json.loads(x) for x in runner.invoke(app, ["extract", str(tmp_path / "archive.jsonl")]).stdout.splitlines()]
    assert claims and {(c["outlet"], c["title"], c["url"]) for c in claims} == {("news.example.org", "Trade hits a record", "https://news.example.org/trade-record")}


# --- 7. why the sources are one fact; time from no page stays no time --------------------------------
def test_a_group_says_why_its_members_are_one_fact():
    group = only_group([claim(86.7 * B, "a"), claim(86.7 * B, "b", period_from="sentence")])
    assert group.why == "same trade_value (reported, USD); frame KR→VN; time 2024; time read from a: clause, b: sentence"


@pytest.mark.parametrize(
    "extra",
    [
        {"period": None, "published": None},  # an undated page: no time at all
        {"period": None, "published": None, "metric": "investment_stock", "topic": "investment"},
    ],
)
def test_a_figure_with_no_time_never_joins_a_dated_group(extra):
    dated = claim(86.7 * B, "a", **{k: v for k, v in extra.items() if k in ("metric", "topic")})
    groups = compare([dated, claim(50 * B, "b", **extra)]).groups
    assert sorted((g.status, len(g.sources)) for g in groups) == [("single", 1), ("single", 1)]


@pytest.mark.parametrize(
    "published,joins",
    [("2024-04-20", True), ("2024-07-02", False)],
)
def test_a_stock_with_no_period_is_as_of_its_pages_date(published, joins):
    stock = {"metric": "investment_stock", "topic": "investment"}
    claims = [claim(86 * B, "a", period="2024-04", **stock), claim(87 * B, "b", period=None, published=published, **stock)]
    assert (len(compare(claims).groups) == 1) is joins


@pytest.mark.parametrize(
    "kind,a,b",
    [
        ({"metric": "share", "unit": "%", "label": "PERCENT"}, 96, 12.5),  # 96% of what, 12.5% of what
        ({"metric": "residents", "unit": "person", "label": "CARDINAL", "topic": "people"}, 50000, 7.5e6),  # whose residents
        ({"metric": "investment_projects", "unit": None, "label": "CARDINAL", "topic": "investment"}, 583, 579),  # whose projects
    ],
)
def test_a_part_or_stock_that_names_no_whole_is_compared_with_nothing(kind, a, b):
    unnamed = {**kind, "subject": None, "counterpart": None, "period": None}
    assert [g.status for g in compare([claim(a, "a", **unnamed), claim(b, "b", **unnamed)]).groups] == ["single", "single"]
    named = {**unnamed, "subject": "KR", "counterpart": "VN", "period": "2024"}  # a flow's period stated: no guess against a guess
    assert len(compare([claim(a, "a", **named), claim(b, "b", **named)]).groups) == 1
