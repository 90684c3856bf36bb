"""The HTML report as markup: order of groups, marks in sentences and documents, charts, nothing fetched."""

import json
import math
import re
from html import escape
from types import SimpleNamespace

import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.report import DocumentText, _json_script, render_report

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


def test_chart_labels_show_input_as_typed():
    """plotly reads trace names and hover texts as a little HTML; a doc name is text there, not markup."""
    odd = "<a href='https://x.example.org'>a</a>"
    groups = [group("conflict", odd), group("single", odd)]
    groups[1]["time"] = "2024"
    for one in groups:
        one["unit"] = "<b>USD</b>"
    series = Dumped(topic="trade", metric="trade_value", modality="reported", unit="<b>USD</b>", trend="up",
                    points=[{"time": "2023", "value": 79e9, "text": "$79 billion", "doc": odd}, {"time": "2024", "value": 80e9, "text": "$80 billion", "doc": odd}])  # fmt: skip
    figure = data_blocks(render_report(comparison(groups, [series]), [], []))["vnkr-charts"][1][0]
    marks = [trace for trace in figure["data"] if trace["mode"] == "markers"]
    assert [t["name"] for t in marks] == [escape(odd)] and marks[0]["text"][0].startswith(escape(odd) + "<br>")
    assert figure["layout"]["yaxis"]["title"]["text"] == "&lt;b&gt;USD&lt;/b&gt;"


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
    result = runner.invoke(app, ["report", str(claims_file), "--documents", str(DATA / "articles"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<details class='document'") == 3 and "<mark class='claim'" in page and "not marked" not in page


def snapshot(folder):
    """Every file and directory under `folder`, with the bytes of each file."""
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else "dir" for p in folder.rglob("*")}


@pytest.mark.parametrize("target", ["claims-directory", "claims-part", "html-named-directory", "claims.jsonl", "report", "-"])
def test_a_report_goes_to_an_html_file_and_nothing_else_is_touched(tmp_path, monkeypatch, target):
    """`-o DIR` used to write the page as DIR/part-00000.jsonl and delete the other parts of a claims directory."""
    monkeypatch.chdir(tmp_path)
    claims_dir = tmp_path / "claims"
    claims_dir.mkdir()
    assert runner.invoke(app, ["extract", str(DATA / "articles"), "-o", str(claims_dir), *REF]).exit_code == 0
    (tmp_path / "html-named-directory.html").mkdir()
    (tmp_path / "claims.jsonl").write_text("kept\n", encoding="utf-8")
    output = {
        "claims-directory": claims_dir, "claims-part": claims_dir / "part-00000.jsonl", "html-named-directory": tmp_path / "html-named-directory.html",
        "claims.jsonl": tmp_path / "claims.jsonl", "report": tmp_path / "report", "-": "-",
    }[target]  # fmt: skip
    before = snapshot(tmp_path)
    result = runner.invoke(app, ["report", str(DATA / "articles"), "-o", str(output), *REF])
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and str(output) in result.stderr and "HTML file" in result.stderr
    assert snapshot(tmp_path) == before


UNSAFE_URLS = [
    "javascript:document.title=1//x/y", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd", "vbscript:msgbox(1)", "//evil.example.org/x", "https://a.example.org/x onmouseover=alert(1)",
]  # fmt: skip


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_a_url_that_is_not_http_is_text_not_a_link(url):
    page = render_report(comparison([]), [], [DocumentText(doc="d", path="d.txt", text="Trade rose.", url=url)])
    markup = page.split("<script")[0]  # plotly.js, inlined after it, writes links of its own
    assert not re.findall(r"<a href=['\"](?!#)", markup)
    assert f"<span class='url'>{escape(url)}</span>" in page


@pytest.mark.parametrize("url", ["https://news.example.org/d?a=1&b=2", "HTTP://news.example.org/d"])
def test_a_web_url_is_a_link(url):
    page = render_report(comparison([]), [], [DocumentText(doc="d", path="d.txt", text="Trade rose.", url=url)])
    assert f"<a href='{escape(url)}' rel='noopener noreferrer'>" in page


def test_an_archive_url_with_a_script_is_shown_as_text(tmp_path):
    archive = tmp_path / "archive.jsonl"
    body = (DATA / "articles" / "trade-outlook.txt").read_text(encoding="utf-8")
    archive.write_text(json.dumps({"url": "javascript:document.title=1//x/y", "maintext": body, "date_publish": "2024-06-01 08:00:00"}) + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(archive), "-o", str(out), *REF])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<span class='url'>javascript:document.title=1//x/y</span>" in page and "href='javascript" not in page


def data_blocks(page):
    """The JSON of each data script, read as strict JSON (no NaN, no Infinity)."""
    blocks = re.findall(r"<script type='application/json' id='([\w-]+)'>(.*?)</script>", page, re.S)

    def refuse(token):
        raise ValueError(f"{token} is not JSON")

    return {name: (text, json.loads(text, parse_constant=refuse)) for name, text in blocks}


HOSTILE = "x<!--<script>alert(1)</script></script><script>document.title='1'</script>\u2028\u2029&amp;"


def test_no_input_text_can_end_or_change_the_embedded_data():
    """A doc name or sentence holding '<!--<script>' left the claims' script element open: the page was dead."""
    claims = [claim(HOSTILE, 0, 5, "Trade", sentence=HOSTILE, value=math.nan), claim(HOSTILE, 6, 10, "rose", value=math.inf, unit=HOSTILE)]
    page = render_report(comparison([]), claims, [DocumentText(doc=HOSTILE, path=HOSTILE, text="Trade rose.")])
    blocks = data_blocks(page)
    assert set(blocks) == {"vnkr-claims", "vnkr-charts"}
    for text, _ in blocks.values():
        assert not re.search("[<>&\u2028\u2029]", text)
    details = blocks["vnkr-claims"][1]
    assert [d["doc"] for d in details] == [HOSTILE, HOSTILE] and details[0]["sentence"] == HOSTILE and details[1]["unit"] == HOSTILE
    assert [d["value"] for d in details] == [None, None]
    assert "<!--" not in page.split("<script type='text/javascript'>")[0]  # in the markup, input is escaped too


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(), lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)))
def test_any_data_is_embedded_as_strict_json_that_holds_no_markup(data):
    text = re.fullmatch(r"<script type='application/json' id='x'>(.*)</script>", _json_script("x", data), re.S).group(1)
    assert not re.search("[<>&\u2028\u2029]", text)
    read = json.loads(text, parse_constant=lambda token: pytest.fail(f"{token} in the JSON"))

    def finite(value):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, list):
            return [finite(v) for v in value]
        if isinstance(value, dict):
            return {k: finite(v) for k, v in value.items()}
        return value

    assert read == finite(data)


def test_a_file_named_like_markup_and_a_claim_of_nan_leave_the_page_working(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "x<!--<script>.txt").write_text((DATA / "articles" / "trade-outlook.txt").read_text(encoding="utf-8"), encoding="utf-8")
    claims = runner.invoke(app, ["extract", str(folder), *REF]).stdout.splitlines()
    odd = [json.loads(line) for line in claims[:3]]
    odd[0]["value"], odd[1]["value"] = math.nan, -math.inf
    (tmp_path / "claims.jsonl").write_text("".join(json.dumps(c) + "\n" for c in odd), encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(tmp_path / "claims.jsonl"), "--documents", str(folder), "-o", str(out)])
    assert result.exit_code == 1, result.output  # a line whose value is no number is an error naming it (claims_io), the others are shown
    errors = [line for line in result.stderr.splitlines() if line.startswith("vnkr: error:")]
    assert [e.split(": ")[2] for e in errors] == [f"{tmp_path / 'claims.jsonl'}:1", f"{tmp_path / 'claims.jsonl'}:2"] and "is not a finite number" in errors[0]
    page = out.read_text(encoding="utf-8")
    details = data_blocks(page)["vnkr-claims"][1]
    assert [d["id"] for d in details] == [odd[2]["id"]] and details[0]["doc"] == "x<!--<script>"
    assert "<details class='document' id='doc-x&lt;!--&lt;script&gt;'" in page


def claims_of_articles(tmp_path):
    claims_file = tmp_path / "claims.jsonl"
    claims_file.write_text(runner.invoke(app, ["extract", str(DATA / "articles"), *REF]).stdout, encoding="utf-8")
    return claims_file


def secret_file(tmp_path):
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("The vault code is 4321 and the key is under the mat.\n", encoding="utf-8")
    return secret


def add_claim_naming(claims_file, path):
    """A claims line, valid in every field, whose document is said to be at `path`."""
    line = {**json.loads(claims_file.read_text(encoding="utf-8").splitlines()[0]), "doc": "secret", "path": str(path), "id": "secret:18-22"}
    with claims_file.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")


@pytest.mark.parametrize("how", ["named", "linked"])
def test_a_report_reads_no_file_a_claim_names_outside_the_paths_given(tmp_path, how):
    """A claims line naming /etc/passwd as its path used to put that file into the report."""
    secret = secret_file(tmp_path)
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    path = secret
    if how == "linked":  # a link inside an allowed directory that leads out of it is not under it
        path = allowed / "secret.txt"
        path.symlink_to(secret)
    claims_file = claims_of_articles(tmp_path)
    add_claim_naming(claims_file, path)
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(claims_file), "--documents", str(DATA / "articles"), "--documents", str(allowed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "vault code" not in page and "id='doc-secret'" not in page
    assert f"{path}: named by claims but not under a path given or --documents, so not read" in result.stderr
    assert page.count("<details class='document'") == 3  # the articles under --documents are shown


def test_without_documents_a_report_from_claims_reads_none_and_says_so(tmp_path):
    claims_file = claims_of_articles(tmp_path)
    add_claim_naming(claims_file, secret_file(tmp_path))
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(claims_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "vault code" not in page and "<details class='document'" not in page and "<article class='group'" in page
    assert "named by claims but not under a path given or --documents, so not read" in result.stderr and "(and 3 more)" in result.stderr


def cited(doc, text, value, **fields):
    return {**source(doc, text, f"They said {text}.", value), "id": f"{doc}:3-9", **fields}


def test_the_report_opens_on_a_line_per_conflict_and_inconsistency():
    conflict = group("conflict", counterpart="VN")
    conflict["sources"] = [
        cited("a", "$79 billion", 79e9, outlet="Wire <i>One</i> (a reprint of a story by another outlet)", published="2024-01-02"),
        cited("b", "$87 billion", 87e9, outlet=None, published=None),
    ]
    conflict["disagreement"] = {"a": "a:3-9", "a_text": "$79 billion", "a_doc": "a", "b": "b:3-9", "b_text": "$87 billion", "b_doc": "b",
                                "apart": 0.101, "a_source": "KITA", "b_source": "VN_CUSTOMS", "two_statistics": True}  # fmt: skip
    inconsistent = group("inconsistent")
    inconsistent["time"], inconsistent["modality"] = None, "target"
    inconsistent["disagreement"] = {"a": "a:0-1", "a_text": "70,000", "a_doc": "a", "b": "a:5-9", "b_text": "20,000", "b_doc": "a", "apart": 2.5}
    page = render_report(comparison([group("single"), group("agree"), inconsistent, conflict]), [], [])
    lines = re.findall(r"<li class='conflict-line'.*?</li>", page)
    assert len(lines) == 2 and page.index("id='summary'") < page.index("id='groups'")
    text = [re.sub(r"<[^>]+>", "", line) for line in lines]
    assert text[0] == (
        "conflict trade_value trade · ?→VN · 2023: $79 billion (Wire &lt;i&gt;One&lt;/i&gt;, 2024-01-02) vs $87 billion (b, undated)"
        " — 10% apart · two statistics (KITA vs VN_CUSTOMS), not a misprint"
    )
    assert text[1] == "inconsistent trade_value trade · target · undated: 70,000 vs 20,000 in one document (a, 2024-01-01) — one is 3.5× the other"
    heads = re.findall(r"<h3 class='summary-head'>([^<]*)</h3>", page)
    assert heads == ["1 conflict: documents that disagree", "1 inconsistency: a document that disagrees with itself"]
    assert "<a href='#g-0'>" in lines[0] and "id='g-0'" in page and "title='Wire &lt;i&gt;One&lt;/i&gt; (a reprint" in lines[0]


def test_no_conflict_is_said_at_the_top():
    page = render_report(comparison([group("agree"), group("single")]), [], [])
    assert "<li class='conflict-line'" not in page and "No conflict and no inconsistency among 2 groups." in page


def test_groups_that_agree_and_single_source_groups_are_folded_behind_their_count():
    groups = [group("single", "s1"), group("disputed"), group("conflict"), group("single", "s2"), group("agree"), group("single", "s3"), group("inconsistent")]
    page = render_report(comparison(groups), [], [])
    folds = re.findall(r"<details class='folded' id='(\w+)-groups'><summary>(.*?)</summary>(.*?)</details>", page, re.S)
    assert [(status, re.sub(r"<[^>]+>", "", summary)) for status, summary, _ in folds] == [
        ("agree", "1 agree groups whose documents agree "), ("single", "3 single groups of one document each: nothing to compare them with "),
    ]  # fmt: skip
    assert [re.findall(r"data-status='(\w+)'", cards) for _, _, cards in folds] == [["agree"], ["single"] * 3]
    outside = re.sub(r"<details class='folded' id='(\w+)-groups'>.*?</details>", r"<FOLD \1>", page, flags=re.S)
    shown = re.findall(r"<article class='group' data-topic='trade' data-status='(\w+)'|<FOLD (\w+)>", outside)
    assert shown == [("conflict", ""), ("inconsistent", ""), ("", "agree"), ("", "single"), ("disputed", "")]


def test_each_figure_shows_its_claim_id_with_a_box_to_mark_it():
    one = group("inconsistent", doc="d'<x>")
    one["sources"][0]["mentions"] = [{"id": "d'<x>:0-1", "text": "$79 billion", "sentence": "Trade hit $79 billion."}]
    one["sources"][0]["outliers"] = [{"id": "d'<x>:40-52", "text": "$7 billion", "sentence": "Or $7 billion."}]
    page = render_report(comparison([one]), [], [])
    for cid in ("d'<x>:0-1", "d'<x>:40-52"):
        assert f"<input type='checkbox' class='pick' data-claim='{escape(cid)}' aria-label='mark {escape(cid)} for the corrections skeleton'><code>{escape(cid)}</code>" in page
    assert 'id="skeleton" disabled' in page


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://news.example.org/a?x=1&y=2", "<a class='outlet' href='https://news.example.org/a?x=1&amp;y=2' rel='noopener noreferrer'>Wire &amp; Co</a>"),
        ("javascript:alert(1)", "<span class='outlet'>Wire &amp; Co</span> · <q class='title'>Trade &lt;up&gt;</q> · <time>2024-01-01</time> · <span class='url'>javascript:alert(1)</span>"),
    ],
)
def test_a_source_cites_its_outlet_title_and_date(url, outlet):
    one = group("conflict")
    one["sources"][0].update(outlet="Wire & Co", title="Trade <up>", url=url)
    page = render_report(comparison([one]), [], [])
    cite = re.search(r"<span class='cite muted'>(.*?)</span></div>", page).group(1)
    assert cite.startswith(outlet) and "<q class='title'>Trade &lt;up&gt;</q> · <time>2024-01-01</time>" in cite


def test_a_document_is_folded_and_its_summary_cites_it(tmp_path):
    body = (DATA / "articles" / "trade-outlook.txt").read_text(encoding="utf-8")
    (tmp_path / "cited.txt").write_text(f"---\npublished: 2024-03-14\noutlet: Wire & Co\ntitle: Trade <up>\n---\n{body}", encoding="utf-8")
    out = tmp_path / "report.html"
    assert runner.invoke(app, ["report", str(tmp_path / "cited.txt"), "-o", str(out), *REF]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    summary = re.search(r"<details class='document' id='doc-cited'><summary>(.*?)</summary>", page).group(1)
    assert "<span class='outlet'>Wire &amp; Co</span> · <q class='title'>Trade &lt;up&gt;</q> · <time>2024-03-14</time> · " in summary


def test_a_chart_legend_is_drawn_below_the_plot_one_entry_per_trace():
    groups = [group("conflict", doc) for doc in ("a", "<b>")]
    series = Dumped(topic="trade", metric="trade_value", modality="reported", unit="USD", trend="up",
                    points=[{"time": "2022", "value": 7e9, "text": "$7 billion", "doc": "a"}, {"time": "2023", "value": 79e9, "text": "$79 billion", "doc": "a"}])  # fmt: skip
    page = render_report(comparison(groups, [series]), [], [])
    figure = data_blocks(page)["vnkr-charts"][1][0]
    assert figure["layout"]["showlegend"] is False
    legend = re.findall(r"<button type='button' class='legend-item' data-trace='(\d+)'[^>]*><span class='glyph' style='color:([^']+)'[^>]*>.</span> ([^<]*)</button>", page)
    assert [(int(n), label) for n, _, label in legend] == [(0, "one figure per period"), (1, "&lt;b&gt;"), (2, "a")]
    assert [t["name"] for t in figure["data"]] == ["one figure per period", "&lt;b&gt;", "a"]
    assert [c for _, c, _ in legend[1:]] == [t["marker"]["color"] for t in figure["data"][1:]]


APART = [(0.082, "8% apart"), (0.999, "100% apart"), (2.5, "one is 3.5× the other"), (89.09, "one is 90× the other"), (185714284.7, "one is 185,714,286× the other"), (math.nan, ""), (None, "")]


@pytest.mark.parametrize(("apart", "said"), APART)
def test_how_far_apart_reads_as_a_person_would_say_it(apart, said):
    one = group("conflict")
    one["disagreement"] = {"a": "a:0-1", "a_text": "3.9 billion", "a_doc": "a", "b": "b:0-1", "b_text": "$21", "b_doc": "b", "apart": apart}
    line = re.sub(r"<[^>]+>", "", re.search(r"<li class='conflict-line'.*?</li>", render_report(comparison([one]), [], [])).group(0))
    assert line.endswith(f"(b, undated) — {said}" if said else "(b, undated)")
