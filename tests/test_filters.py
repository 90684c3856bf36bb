"""The fact-checker's workflow: compare's and report's filters, the conflict summary, CSV, the
citation of every source, and terminal tables that fit 80 columns. Invented articles only."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.compare import compare
from vnkr.filters import FilterError, GroupFilter, apply, check, period_bounds
from vnkr.render import CLAIM_COLUMNS, GROUP_COLUMNS

runner = CliRunner()

WIRE = """url: https://wire.example/news/2025/01/10/korea-vietnam-trade-reaches-a-record-high-in-2024-says-the-association
outlet: Example Wire
title: Korea and Vietnam trade at a record
published: 2025-01-10
---
Trade between South Korea and Vietnam reached $86.7 billion in 2024, according to KITA. Trade between South Korea and Vietnam \
reached $86.7 billion in 2024, the association added. Trade between South Korea and Vietnam was US$86.7 billion in 2024, it said.
"""
PAGE = """<!doctype html><html lang="en"><head><title>Vietnam trade figures | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="og:title" content="Vietnam trade figures">
<link rel="canonical" href="https://daily.example/vn-kr-trade">
<meta property="article:published_time" content="2025-01-12T08:00:00+07:00">
</head><body><article><h1>Vietnam trade figures</h1><p>Trade between South Korea and Vietnam reached $81.5 billion in 2024,
according to Vietnam's customs.</p><p>Some more text about the ports and the weather here.</p></article></body></html>
"""
ARCHIVE = {"title": "Trade seen from Seoul", "url": "https://archive.example/seoul-trade", "date_publish": "2025-01-15 09:00:00", "language": "en",
           "source_domain": "archive.example",
           "maintext": "Trade between South Korea and Vietnam reached $86.5 billion in 2024. Trade between South Korea and Vietnam reached $79 billion in 2023."}  # fmt: skip
VIETNAMESE = """outlet: Bao Vi Du
published: 2025-01-20
---
Kim ngạch thương mại song phương giữa Việt Nam và Hàn Quốc đạt khoảng 87 tỷ USD trong năm 2024. \
Hàn Quốc là nhà đầu tư lớn nhất tại Việt Nam với khoảng 10.000 doanh nghiệp.
"""
CITED = {  # doc -> (url, outlet, title, published): from front matter, a page's metadata, an archive line's fields
    "a_wire": ("https://wire.example/news/2025/01/10/korea-vietnam-trade-reaches-a-record-high-in-2024-says-the-association", "Example Wire",
               "Korea and Vietnam trade at a record", "2025-01-10"),
    "b_page": ("https://daily.example/vn-kr-trade", "Example Daily", "Vietnam trade figures", "2025-01-12"),
    "seoul-trade": ("https://archive.example/seoul-trade", "archive.example", "Trade seen from Seoul", "2025-01-15"),
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Four invented articles: a 2024 trade conflict between two statistics (KITA, Vietnam's customs) that
    an archive's article and a Vietnamese one agree with in part, a 2023 figure, and Vietnamese counts."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "a_wire.txt").write_text(WIRE, encoding="utf-8")
    (root / "b_page.html").write_text(PAGE, encoding="utf-8")
    (root / "c_archive.jsonl").write_text(json.dumps(ARCHIVE) + "\n", encoding="utf-8")
    (root / "d_vi.txt").write_text(VIETNAMESE, encoding="utf-8")
    return [str(root / name) for name in ("a_wire.txt", "b_page.html", "c_archive.jsonl", "d_vi.txt")]


@pytest.fixture(scope="module")
def claims_file(corpus, tmp_path_factory):
    result = runner.invoke(app, ["extract", *corpus])
    assert result.exit_code == 0, result.output
    path = tmp_path_factory.mktemp("claims") / "claims.jsonl"
    path.write_text(result.stdout, encoding="utf-8")
    return str(path)


def groups_of(result) -> list[tuple[str, str | None, list[str]]]:
    """(metric, time, docs) of each group a `--format json` run printed."""
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return [(g["metric"], g["time"], sorted(s["doc"] for s in g["sources"])) for g in lines if g["kind"] == "group"]


ALL = [
    ("trade_value", "2024", ["a_wire", "b_page", "d_vi", "seoul-trade"]),
    ("korean_firms", "2025", ["d_vi"]),
    ("investor_rank", "2025", ["d_vi"]),
    ("trade_value", "2023", ["seoul-trade"]),
]  # fmt: skip (conflicts first, then in key order)


# --- periods -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,expected",
    [
        ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
        ("2024-Q1", (date(2024, 1, 1), date(2024, 3, 31))),
        ("2024-Q4", (date(2024, 10, 1), date(2024, 12, 31))),
        ("2024-H2", (date(2024, 7, 1), date(2024, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2024-04-30", (date(2024, 4, 30), date(2024, 4, 30))),
        ("2024-01/2024-06", (date(2024, 1, 1), date(2024, 6, 30))),
        ("2023-Q4/2024-Q1", (date(2023, 10, 1), date(2024, 3, 31))),
        ("2024-Q5", None), ("2024-H3", None), ("2024-13", None), ("24", None), ("last year", None), ("2024/2023", None), ("2024-1", None),
    ],
)  # fmt: skip
def test_a_period_is_read_in_the_iso_forms_claims_use(text, expected):
    assert period_bounds(text) == expected


# --- each filter, in the library and through the CLI ------------------------------------------
@pytest.mark.parametrize(
    "options,expected",
    [
        ([], ALL),
        (["--year", "2024"], [ALL[0]]),
        (["--year", "2023"], [ALL[3]]),
        (["--period", "2024-Q3"], [ALL[0]]),
        (["--period", "2023-07/2024-03"], [ALL[0], ALL[3]]),
        (["--year", "2024", "--period", "2025-Q1"], []),
        (["--doc", "seoul-trade"], [ALL[0], ALL[3]]),
        (["--doc", "d_*"], ALL[:3]),
        (["--doc", "d_*", "--doc", "seoul-trade"], ALL),
        (["--lang", "vi"], ALL[:3]),
        (["--lang", "vi", "--year", "2025"], ALL[1:3]),
        (["--status", "conflict"], [ALL[0]]),
        (["--status", "single"], ALL[1:]),
        (["--status", "single", "--topic", "trade"], [ALL[3]]),
        (["--source", "kita"], [ALL[0]]),
        (["--source", "VN_CUSTOMS", "--status", "single"], []),
        (["--metric", "korean_firms"], [ALL[1]]),
        (["--year", "2024", "--topic", "trade", "--doc", "b_page", "--lang", "en", "--status", "conflict", "--source", "KITA"], [ALL[0]]),
    ],
)  # fmt: skip
def test_compare_filters_combine(claims_file, corpus, options, expected):
    for paths in ([claims_file], corpus):  # claims read, documents extracted on the fly
        result = runner.invoke(app, ["compare", *paths, *options, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert groups_of(result) == expected, paths
        assert ("nothing to show" in result.stderr) == (not expected)


def test_a_series_is_kept_whole_when_it_runs_through_a_kept_group(claims_file):
    result = runner.invoke(app, ["compare", claims_file, "--year", "2023", "--format", "json"])
    [series] = [json.loads(line) for line in result.stdout.splitlines() if '"kind":"series"' in line]
    assert [p["time"] for p in series["points"]] == ["2023", "2024"]
    none = runner.invoke(app, ["compare", claims_file, "--lang", "vi", "--status", "single", "--format", "json"])
    assert '"kind":"series"' not in none.stdout


def test_the_library_filter_keeps_whole_groups():
    def money(value, doc, period, lang="en", source=None):
        return {"doc": doc, "start": 0, "end": 5, "text": f"${value:g} billion", "label": "MONEY", "value": value * 1e9, "qualifier": "exact", "unit": "USD",
                "topic": "trade", "metric": "trade_value", "modality": "reported", "period": period, "published": "2025-02-01", "subject": "KR",
                "counterpart": "VN", "lang": lang, "source": source}  # fmt: skip

    comparison = compare([money(86.7, "a", "2024", source="KITA"), money(81.5, "b", "2024", lang="ko"), money(79, "a", "2023")])
    [kept] = apply(comparison, GroupFilter(langs=["ko"])).groups
    assert sorted(s.doc for s in kept.sources) == ["a", "b"]  # the Korean source's group, with the other side of its conflict
    assert apply(comparison, GroupFilter(periods=["2024-Q2"], statuses=["conflict"], sources=["kita"])).groups == [kept]
    assert apply(comparison, GroupFilter()).groups == comparison.groups


@pytest.mark.parametrize(
    "options,message",
    [
        (["--doc", "nowhere*"], "--doc nowhere*: no document read is named so; documents: a_wire, b_page, d_vi, seoul-trade"),
        (["--source", "NOBODY"], "--source NOBODY: no claim names this statistic and no rule knows it; statistics: "),
        (["--period", "2024-13"], "--period 2024-13: not a period; give 2024, 2024-Q1"),
        (["--period", "spring"], "--period spring: not a period"),
        (["--lang", "fr"], "--lang fr: not one of en, vi, ko"),
        (["--metric", "trade_valu"], "unknown metric 'trade_valu' (did you mean trade_value"),
        (["--topic", "trde"], "unknown topic 'trde'; known topics: trade"),
        (["--status", "conflicts"], "'conflicts' is not one of 'conflict', 'inconsistent', 'agree', 'single'"),
        (["--conflicts", "--status", "agree"], "--conflicts is --status conflict --status inconsistent; give one or the other"),
    ],
)
@pytest.mark.parametrize("command", ["compare", "report"])
def test_an_unknown_filter_value_is_an_error_naming_the_choices(claims_file, tmp_path, options, message, command):
    if command == "report" and options[0] == "--conflicts":
        return  # a compare option
    extra = ["-o", str(tmp_path / "r.html")] if command == "report" else []
    result = runner.invoke(app, [command, claims_file, *options, *extra])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split()), result.stderr
    assert result.stdout == "" and not (tmp_path / "r.html").exists()


def test_a_statistic_the_rules_know_is_no_error_though_no_claim_names_it(claims_file):
    result = runner.invoke(app, ["compare", claims_file, "--source", "GSO", "--format", "json"])
    assert result.exit_code == 0 and result.stdout == ""
    assert "none passes --source GSO" in result.stderr


def test_check_without_what_was_read_checks_only_periods():
    check(GroupFilter(docs=["x"], sources=["y"]))
    with pytest.raises(FilterError, match="--doc x"):
        check(GroupFilter(docs=["x"]), docs=["a"])


def test_report_draws_the_filtered_comparison(claims_file, tmp_path, monkeypatch):
    import vnkr.report

    drawn = []
    real = vnkr.report.render_report
    monkeypatch.setattr(vnkr.report, "render_report", lambda comparison, *a, **k: drawn.append(comparison) or real(comparison, *a, **k))
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", claims_file, "-o", str(out), "--year", "2024", "--lang", "vi", "--status", "conflict"])
    assert result.exit_code == 0, result.output
    [comparison] = drawn
    assert [(g.metric, g.time, g.status) for g in comparison.groups] == [("trade_value", "2024", "conflict")]
    assert out.exists()


# --- citation ----------------------------------------------------------------------------
def test_every_source_carries_its_citation_in_json_csv_markdown_and_table(corpus):
    lines = [json.loads(line) for line in runner.invoke(app, ["compare", *corpus, "--year", "2024", "--format", "json"]).stdout.splitlines()]
    [group] = [g for g in lines if g["kind"] == "group"]
    cited = {s["doc"]: (s["url"], s["outlet"], s["title"], s["published"]) for s in group["sources"]}
    assert cited == {**CITED, "d_vi": (None, "Bao Vi Du", None, "2025-01-20")}
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["compare", *corpus, "--year", "2024", "--format", "csv"]).stdout)))
    assert {r["doc"]: (r["url"], r["outlet"], r["title"], r["published"]) for r in rows if r["doc"] in CITED} == CITED
    markdown = runner.invoke(app, ["compare", *corpus, "--year", "2024", "--format", "markdown"]).stdout
    table = runner.invoke(app, ["compare", *corpus, "--year", "2024", "--format", "table"], env={"COLUMNS": "1000"}).stdout  # wide: no cell wraps
    for cited in CITED.values():
        for shown in (markdown, table):
            assert all(part in shown for part in cited), (cited, shown)


# --- the conflict summary --------------------------------------------------------------------
def test_conflicts_print_one_line_per_conflict_and_inconsistency(claims_file):
    result = runner.invoke(app, ["compare", claims_file, "--conflicts"])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    assert line == (
        "conflict: trade/trade_value · reported · USD · KR→VN · 2024: '$86.7 billion' (Example Wire, 2025-01-10, doc a_wire) vs "
        "'$81.5 billion' (Example Daily, 2025-01-12, doc b_page): 6% apart; two statistics, not a misprint: KITA vs VN_CUSTOMS"
    )
    same = runner.invoke(app, ["compare", claims_file, "--status", "conflict", "--format", "summary"])
    assert same.stdout == result.stdout
    json_too = runner.invoke(app, ["compare", claims_file, "--conflicts", "--format", "json"])
    assert [g["status"] for g in map(json.loads, json_too.stdout.splitlines()) if g["kind"] == "group"] == ["conflict"]


def test_an_inconsistency_is_one_document_against_itself(tmp_path):
    path = tmp_path / "self.txt"
    path.write_text("outlet: Example Post\npublished: 2025-03-01\n---\nTrade between South Korea and Vietnam reached $86.7 billion in 2024. "
                    "Later the article says trade between South Korea and Vietnam reached $60 billion in 2024.\n", encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["compare", str(path), "--conflicts"])
    assert result.stdout.splitlines() == [
        "inconsistent: trade/trade_value · reported · USD · KR→VN · 2024: self (Example Post, 2025-03-01) states '$86.7 billion' and '$60 billion': " "44% apart; no statistic named"
    ]


def test_a_summary_says_what_it_leaves_out(claims_file):
    result = runner.invoke(app, ["compare", claims_file, "--format", "summary"])
    assert len(result.stdout.splitlines()) == 1
    assert "the summary lists conflicts and inconsistencies only: 3 other groups not shown" in result.stderr
    none = runner.invoke(app, ["compare", claims_file, "--conflicts", "--lang", "vi", "--year", "2025"])
    assert none.exit_code == 0 and none.stdout == ""
    assert "none passes --period 2025 and --lang vi and --status conflict or inconsistent" in none.stderr


# --- CSV ---------------------------------------------------------------------------------------
def test_extract_csv_is_one_row_per_claim(corpus):
    jsonl = [json.loads(line) for line in runner.invoke(app, ["extract", *corpus]).stdout.splitlines()]
    result = runner.invoke(app, ["extract", *corpus, "--format", "csv"])
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert tuple(reader.fieldnames) == CLAIM_COLUMNS
    assert [r["id"] for r in rows] == [c["id"] for c in jsonl]
    first = rows[0]
    assert (first["value"], first["unit"], first["text"], first["url"], first["outlet"]) == ("86700000000", "USD", "$86.7 billion", CITED["a_wire"][0], "Example Wire")
    assert first["sentence"] == jsonl[0]["sentence"]  # a comma or a quote inside a cell survives
    assert first["entities"] == ";".join(e["id"] for e in jsonl[0]["entities"])


def test_extract_csv_to_a_file_and_not_to_a_directory(corpus, tmp_path):
    out = tmp_path / "claims.csv"
    assert runner.invoke(app, ["extract", *corpus, "--format", "csv", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(",".join(CLAIM_COLUMNS))
    result = runner.invoke(app, ["extract", *corpus, "--format", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a directory; CSV is written to one file" in result.stderr


def test_compare_csv_is_one_row_per_source_of_a_group(claims_file):
    result = runner.invoke(app, ["compare", claims_file, "--format", "csv"])
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert tuple(reader.fieldnames) == GROUP_COLUMNS
    assert [(r["group"], r["status"], r["metric"], r["time"], r["doc"]) for r in rows[:4]] == [("1", "conflict", "trade_value", "2024", doc) for doc in ("a_wire", "b_page", "seoul-trade", "d_vi")]
    assert len(rows) == sum(len(docs) for _, _, docs in ALL)
    conflict = rows[0]
    assert (conflict["apart"], conflict["two_statistics"], conflict["source"], conflict["mentions"]) == ("0.0638", "true", "KITA", "3")


# --- terminal tables -----------------------------------------------------------------------------
def _cells(table: str, column: int) -> str:
    """A column's text, its lines joined without white space (a folded word is whole again)."""
    return "".join(line.split("│")[column + 1].strip() for line in table.splitlines() if line.startswith("│") and line.count("│") > column + 1)


def _headers(table: str) -> list[list[str]]:
    """Each table's header, column by column: the text of its header lines joined."""
    headers, block = [], []
    for line in [*table.splitlines(), ""]:
        if line.startswith("┃"):
            block.append(line.split("┃")[1:-1])
        elif block:
            headers.append([" ".join(" ".join(cell.split()) for cell in column).strip() for column in zip(*block)])
            block = []
    return headers


def test_the_table_fits_80_columns_and_cuts_nothing(claims_file):
    result = runner.invoke(app, ["compare", claims_file, "--format", "table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert max(map(len, result.stdout.splitlines())) <= 80
    assert "…" not in result.stdout
    assert "".join(CITED["a_wire"][0].split()) in _cells(result.stdout, 2)  # the long URL, folded, all there
    assert "conflict:trade/trade_value" in _cells(result.stdout, 0)


def test_every_column_of_every_table_is_named(claims_file):
    table = runner.invoke(app, ["compare", claims_file, "--format", "table"], env={"COLUMNS": "80"}).stdout
    headers = _headers(table)
    assert len(headers) == 2  # the groups, and the trade series
    assert all(name for header in headers for name in header), headers
    assert headers[1] == ["time", "figure", "document", "change from previous", "fits the trend"]
    assert "doc: figure as written" in table  # what a source's line holds, under the table


def test_a_repeated_text_is_counted_where_it_stands(claims_file):
    markdown = runner.invoke(app, ["compare", claims_file, "--doc", "a_wire", "--format", "markdown"]).stdout
    assert "a_wire: '$86.7 billion' (×2), 'US$86.7 billion' (2024, period from clause; KITA; published 2025-01-10)" in markdown


@pytest.mark.parametrize("text_lang,lang,kept", [(None, "en", 1), (None, "vi", 0), ("vi", "vi", 1), ("vi", "en", 0)])
def test_text_lang_sets_the_documents_language_and_lang_filters_the_groups(tmp_path, text_lang, lang, kept):
    """compare's --lang is a filter; the language a document is read in, where its front matter gives none, is --text-lang."""
    path = tmp_path / "plain.txt"
    path.write_text("Trade between South Korea and Vietnam reached $86.7 billion in 2024.\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(path), *(["--text-lang", text_lang] if text_lang else []), "--lang", lang, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(groups_of(result)) == kept


def test_an_unknown_text_lang_is_an_error(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Trade reached $86.7 billion in 2024.\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(path), "--text-lang", "fr"])
    assert result.exit_code == 2 and "--text-lang fr: not one of en, vi, ko" in result.stderr
