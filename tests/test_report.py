"""The HTML report as markup: order of groups, marks in sentences and documents, charts, nothing fetched."""

import json
import re
from types import SimpleNamespace

import pytest
from conftest import DATA
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.report import DocumentText, render_report

runner = CliRunner()
REF = ["--reference-date", "2026-11-22"]


class Dumped(dict):
    """A stand-in for a pydantic model of compare: the report reads groups and series by field name."""

    def model_dump(self, mode="python"):
        return dict(self)


def source(doc, text, sentence, value):
    return {"doc": doc, "id": f"{doc}:0-1", "text": text, "value": value, "unit": "USD", "qualifier": "exact", "period": "2023", "date": None, "published": "2024-01-01", "sentence": sentence}


def group(status, doc="a", **extra):
    return Dumped(topic="trade", metric="trade_value", modality="reported", unit="USD", time="2023", status=status, reason=f"{status} reason",
                  sources=[source(doc, "$79 billion", "Trade hit $79 billion in 2023.", 79e9)], **extra)  # fmt: skip


def comparison(groups, series=()):
    return SimpleNamespace(groups=list(groups), series=list(series))


def test_groups_come_conflicts_first_and_new_fields_and_statuses_show():
    statuses = ["single", "agree", "disputed", "inconsistent", "conflict"]
    groups = [group(s, counterpart="VN", scope="semiconductors") for s in statuses]
    groups[-1]["disagreement"] = {"a": "a:0-1", "a_text": "$79 billion", "a_doc": "a", "b": "b:5-9", "b_text": "$87 billion", "b_doc": "b", "apart": 0.1}
    groups[-1]["verdict"] = {"high": "$87 billion", "low": "$79 billion"}
    page = render_report(comparison(groups), [], [])
    shown = re.findall(r"<article class='group' data-topic='trade' data-status='(\w+)'", page)
    assert shown == ["conflict", "inconsistent", "agree", "single", "disputed"]
    assert "counterpart VN" in page and "scope semiconductors" in page
    assert "<b>disagree</b>: “$79 billion” (a) vs “$87 billion” (b), 10% apart" in page
    assert "<b>verdict</b>: high: $87 billion, low: $79 billion" in page
    assert "Trade hit <mark class='fig disputed'>$79 billion</mark> in 2023." in page
    assert "Trade hit <mark class='fig'>$79 billion</mark> in 2023." in page  # the other groups'


def test_every_mention_of_a_source_is_shown():
    two = group("inconsistent")
    two["sources"][0]["mentions"] = [
        {"id": "a:0-1", "text": "$79 billion", "sentence": "Trade hit $79 billion in 2023."},
        {"id": "a:40-52", "text": "$81 billion", "sentence": "Later it said $81 billion."},
    ]
    page = render_report(comparison([two]), [], [])
    assert "Later it said <mark class='fig'>$81 billion</mark>." in page and "Trade hit <mark class='fig'>$79 billion</mark>" in page


def claim(doc, start, end, text, **fields):
    return {"doc": doc, "id": f"{doc}:{start}-{end}", "start": start, "end": end, "text": text, "label": "MONEY", "topic": "trade", **fields}


def test_every_claim_is_marked_in_its_document_and_overlaps_share_a_mark():
    text = "Trade & investment: $5 billion <in> 2023, over 10,000 firms."
    claims = [claim("d", 20, 30, "$5 billion"), claim("d", 21, 30, "5 billion"), claim("d", 42, 53, "over 10,000", topic="business"), claim("d", 0, 5, "wrong")]
    page = render_report(comparison([]), claims, [DocumentText(doc="d", path="d.txt", text=text, url="https://news.example.org/d")])
    marks = re.findall(r"<mark class='claim'[^>]*data-claims='([\d,]+)'[^>]*>([^<]*)</mark>", page)
    assert marks == [("0,1", "$5 billion"), ("2", "over 10,000")]
    assert "Trade &amp; investment: " in page and "&lt;in&gt;" in page
    assert "1 not marked" in page and "https://news.example.org/d" in page


def test_a_chart_has_one_mark_per_source():
    groups = [group("conflict", "a"), group("single", "b")]
    groups[0]["sources"].append(source("c", "$87 billion", "Trade hit $87 billion.", 87e9))
    groups[1]["time"] = "2024"
    series = Dumped(topic="trade", metric="trade_value", modality="reported", unit="USD", trend="up",
                    points=[{"time": "2023", "value": 79e9, "text": "$79 billion", "doc": "a"}, {"time": "2024", "value": 80e9, "text": "$80 billion", "doc": "b"}])  # fmt: skip
    page = render_report(comparison(groups, [series]), [], [])
    figures = json.loads(re.search(r"<script type='application/json' id='vnkr-charts'>(.*?)</script>", page, re.S).group(1))
    assert len(figures) == 1
    marks = [trace for trace in figures[0]["data"] if trace["mode"] == "markers"]
    assert sorted(t["name"] for t in marks) == ["a", "b", "c"] and sum(len(t["y"]) for t in marks) == 3


def test_the_report_fetches_nothing():
    page = render_report(comparison([group("conflict")]), [], [])
    assert not re.search(r"<(script|img|iframe)[^>]+src=|<link[^>]+stylesheet", page)
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js is inside


def test_report_command_writes_one_file(tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(DATA / "articles"), "-o", str(out), *REF])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "wrote" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count("<details class='document'") == 3 and "<mark class='claim'" in page
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_report_command_needs_an_existing_directory(tmp_path):
    result = runner.invoke(app, ["report", str(DATA / "articles"), "-o", str(tmp_path / "no" / "r.html")])
    assert result.exit_code == 2 and "does not exist" in result.stderr


@pytest.mark.parametrize("value", ["bad-date"])
def test_report_command_checks_its_options(tmp_path, value):
    result = runner.invoke(app, ["report", str(DATA / "articles"), "-o", str(tmp_path / "r.html"), "--reference-date", value])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_a_report_from_a_claims_file_marks_the_documents_it_came_from(tmp_path):
    claims_file = tmp_path / "claims.jsonl"
    claims_file.write_text(runner.invoke(app, ["extract", str(DATA / "articles"), *REF]).stdout, encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(claims_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<details class='document'") == 3 and "<mark class='claim'" in page and "not marked" not in page
