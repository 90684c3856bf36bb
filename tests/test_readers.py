"""Saved pages and article archives as input: the same claims as the plain text, offsets into the text `vnkr text` prints."""

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from archives import build_archive
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pages import SHAPES, TEASERS, build_page
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.readers.archive import Article, Lines, archive_lines, cut_archive, is_article_archive, read_archive
from vnkr.readers.html import read_page

runner = CliRunner()
REF = ["--reference-date", "2026-11-22"]
ARTICLES = sorted((DATA / "articles").glob("*.txt"))
KEY = ("text", "label", "value", "unit", "qualifier", "topic", "metric", "period", "date", "modality")
# numbers that stand outside the article in every page shape: teasers, comments, cookie banner, scripts, footer
BOILERPLATE = ["$3.3 billion", "15%", "40,000", "2 million", "$50 billion", "5 million", "250,000", "12 partners", "300000", "1,024"]


def run(*args, input=None):
    return runner.invoke(app, [*args], input=input)


def claims_of(*paths):
    result = run("extract", *map(str, paths), *REF)
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def values(claims):
    return sorted((tuple(c[k] for k in KEY) for c in claims), key=repr)


def split_headline(text: str) -> tuple[str, str]:
    title, _, body = text.partition("\n")
    return title, body


@pytest.fixture(scope="module")
def text_claims():
    return {path.stem: claims_of(path)[1] for path in ARTICLES}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_a_saved_page_gives_the_claims_of_its_text(tmp_path, article, shape, text_claims):
    expected = text_claims[article.stem]
    title, body = split_headline(article.read_text(encoding="utf-8"))
    page = tmp_path / f"{article.stem}.html"
    published = date.fromisoformat(expected[0]["published"])
    page.write_text(build_page(body, title, shape, published, f"https://news.example.org/{article.stem}"), encoding="utf-8")
    result, claims = claims_of(page)
    assert result.exit_code == 0, result.output
    assert values(claims) == values(expected)
    assert {c["published"] for c in claims} == {expected[0]["published"]}
    assert {(c["path"], c["url"], c["doc"]) for c in claims} == {(str(page), f"https://news.example.org/{article.stem}", article.stem)}
    text = run("text", str(page)).stdout
    assert all(text[c["start"] : c["end"]] == c["text"] and text[c["sentence_start"] :].startswith(c["sentence"]) for c in claims)
    assert not any(number in text for number in BOILERPLATE) and not any(title in text for title, _ in TEASERS)


def test_a_page_without_date_markup_takes_the_date_its_text_gives(tmp_path, text_claims):
    article = DATA / "articles" / "trade-outlook.txt"
    title, body = split_headline(article.read_text(encoding="utf-8"))
    page = tmp_path / "undated.html"
    page.write_text(build_page(body, title, "wire", None), encoding="utf-8")
    _, claims = claims_of(page)
    assert {c["published"] for c in claims} == {"2024-03-14"}
    assert values(claims) == values(text_claims["trade-outlook"])
    assert {c["url"] for c in claims} == {None}


@pytest.mark.parametrize(
    "markup,published",
    [
        ('<meta property="article:published_time" content="2023-07-21T10:00:00+09:00">', "2023-07-21"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-12-04T08:00:00Z"}</script>', "2022-12-04"),
        ('<meta name="date" content="2024-10-02">', "2024-10-02"),
    ],
)
def test_page_metadata_wins_over_the_text(tmp_path, markup, published):
    body = "date 2025-01-01 Two-way trade between Vietnam and South Korea reached $87.7 billion in 2022, the ministry said.\n" * 2
    html = f"<html><head>{markup}</head><body><article><h1>Trade</h1><p>{body}</p><p>{body}</p></article></body></html>"
    page = tmp_path / "p.html"
    page.write_text(html, encoding="utf-8")
    _, claims = claims_of(page)
    assert claims and {c["published"] for c in claims} == {published}


def test_time_element_gives_the_date():
    html = b"""<html><body><article><h1>Korea trade</h1><p class="meta"><time datetime="2024-05-29">May 29</time></p>
    <p>Trade between Vietnam and South Korea reached $87.7 billion in 2022, officials said.</p></article></body></html>"""
    assert read_page(html).published == date(2024, 5, 29)


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><footer>(c) Outlet</footer></body></html>",
        "",
        "<html><head><title>x</title></head><body><script>var a = 100;</script></body></html>",
    ],
)
def test_a_page_with_no_main_text_is_one_warning(tmp_path, html):
    page = tmp_path / "empty.html"
    page.write_text(html, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Trade reached $5 billion in 2023.", encoding="utf-8")
    result = run("extract", str(page), str(other), *REF)
    assert result.exit_code == 0
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["other"]
    warning = result.stderr.strip().splitlines()
    assert len(warning) == 1 and "empty.html" in warning[0] and "no main text" in warning[0]


def test_a_directory_holds_pages_but_not_a_saved_pages_assets(tmp_path):
    body = "Trade between Vietnam and South Korea reached $87.7 billion in 2022, officials said."
    (tmp_path / "story.html").write_text(build_page(body, "Trade", "wire", date(2023, 1, 5)), encoding="utf-8")
    (tmp_path / "story_files").mkdir()
    (tmp_path / "story_files" / "ad-frame.html").write_text(build_page("Buy 2 get 1 free, $5 billion deals.", "Ad", "wire"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Over 10,000 Korean firms operate in Vietnam.", encoding="utf-8")
    _, claims = claims_of(tmp_path)
    assert [c["doc"] for c in claims] == ["notes", "story"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["<p>", "</p>", "<div class='x'>", "</div>", "<script>", "</script>", "<article>", "$5 billion", " trade ", "\n", "<", "&amp;", "é"]), max_size=40))
def test_any_markup_reads_without_crashing(pieces):
    page = read_page("".join(pieces).encode("utf-8"))
    assert isinstance(page.text, str)


# --- article archives ---------------------------------------------------------------------
def archive_line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "crawl.jsonl"
    lines = [
        archive_line(url="https://news.example.org/economy/korea-trade-150bn.html", title="Trade goal set at $150 billion",
                     maintext="Vietnam and South Korea aim to raise bilateral trade to $150 billion by 2030.", date_publish="2024-03-14 09:20:00", language="en"),
        "{not json",
        archive_line(title=None, maintext="More than 9,800 Korean companies operate in Vietnam.", date_publish=None),
        archive_line(url="https://news.example.org/x", maintext=42),
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_archive_is_a_corpus_and_a_bad_line_is_named(archive):
    result, claims = claims_of(archive)
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and f"{archive}:2:" in errors[0] and f"{archive}:4:" in errors[1]
    by_doc = {c["doc"]: c for c in claims if c["label"] != "MULTIPLIER"}
    assert set(by_doc) >= {"korea-trade-150bn", "crawl-3"}
    first = [c for c in claims if c["doc"] == "korea-trade-150bn"]
    assert {c["published"] for c in first} == {"2024-03-14"} and {c["url"] for c in first} == {"https://news.example.org/economy/korea-trade-150bn.html"}
    assert {c["path"] for c in claims} == {str(archive)}
    for doc in {c["doc"] for c in claims}:
        text = run("text", str(archive), "--doc", doc).stdout
        assert all(text[c["start"] : c["end"]] == c["text"] for c in claims if c["doc"] == doc)
    assert run("text", str(archive), "--doc", "korea-trade-150bn").stdout.startswith("Trade goal set at $150 billion\nVietnam and South Korea")


def test_text_of_an_archive_needs_a_doc(archive):
    result = run("text", str(archive))
    assert result.exit_code == 2 and "--doc" in result.stderr


def test_an_archive_is_told_apart_from_a_claims_file(tmp_path, archive):
    claims_file = tmp_path / "claims.jsonl"
    claims_file.write_text(claims_of(DATA / "articles" / "trade-outlook.txt")[0].stdout, encoding="utf-8")
    assert is_article_archive(str(archive)) and not is_article_archive(str(claims_file))
    for path in (archive, claims_file):
        result = run("compare", str(path), "--format", "json")
        assert result.stdout.strip(), result.output
    result = run("extract", str(claims_file))
    assert result.exit_code == 1 and "not an article archive" in result.stderr


def test_text_of_a_plain_file_is_its_bytes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("published: 2024-01-02\r\n---\r\nTrade rose 5%.\r\n".encode("utf-8"))
    result = run("text", str(path))
    assert result.stdout_bytes == "published: 2024-01-02\r\n---\r\nTrade rose 5%.\r\n".encode("utf-8")


def test_front_matter_source_is_the_url(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("source: https://news.example.org/a\npublished: 2024-01-02\n---\nTrade reached $5 billion in 2023.\n", encoding="utf-8")
    _, claims = claims_of(path)
    assert claims and {c["url"] for c in claims} == {"https://news.example.org/a"}


def test_an_archive_gives_the_same_bytes_with_jobs(archive, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(build_page("Two-way trade reached $79.4 billion in 2023, the ministry said.", "Trade", "portal", date(2024, 3, 14)), encoding="utf-8")
    one = run("extract", str(archive), str(page), *REF)
    two = run("extract", str(archive), str(page), "--jobs", "2", *REF)
    assert one.stdout == two.stdout and one.stdout.count("\n") >= 3
    assert sorted(one.stderr.splitlines()) == sorted(two.stderr.splitlines())


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=30), st.builds(json.dumps, st.dictionaries(st.sampled_from(["maintext", "url", "title", "date_publish", "language"]),
                                                                                       st.one_of(st.none(), st.integers(), st.text(max_size=20))))), max_size=8))  # fmt: skip
def test_any_archive_line_is_an_article_or_one_error_naming_it(lines):
    numbered = ((number, 0, line.replace("\n", " ") + "\n") for number, line in enumerate(lines, start=1))
    for item in read_archive("a.jsonl", numbered):
        assert isinstance(item, Article) or (item.message.startswith("a.jsonl:") and "\n" not in item.message)


ARCHIVE_LINES = st.one_of(
    st.builds(lambda slug, text: json.dumps({"maintext": text, **({"url": f"https://x.org/{slug}"} if slug else {})}),
              st.sampled_from(["", "a", "b", "a-3", "a-3-4", "b-2", "arc-4", "arc-2-2"]), st.text(max_size=12)),
    st.sampled_from(["", " ", "{", "[1]", '{"url": "https://x.org/a"}']),
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(ARCHIVE_LINES, max_size=30), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(), st.integers(1, 300))
def test_runs_of_lines_read_as_the_whole_archive(lines, end, bom, size):
    """Read run by run, with each run's taken names, an archive gives the Articles, names, line
    numbers and errors of a reading of the whole file; the line numbers are a text reading's."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "arc.jsonl")
        with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            handle.write("".join(line + end for line in lines))
        whole = list(read_archive(path, archive_lines(Lines(path))))
        names = [item.doc for item in whole if isinstance(item, Article)]
        assert len(set(names)) == len(names)  # whatever the order of the slugs
        runs = list(cut_archive(path, size))
        assert [item for run in runs for item in read_archive(path, archive_lines(run), run.taken)] == whole
        assert all(a.end == b.start and a.last + 1 == b.first for a, b in zip(runs, runs[1:]))
        with open(path, encoding="utf-8-sig", newline="") as handle:
            assert [(n, text) for n, _, text in archive_lines(Lines(path))] == list(enumerate(handle, start=1))


def test_a_line_that_is_not_utf8_is_one_error_naming_it(tmp_path):
    path = tmp_path / "crawl.jsonl"
    good = archive_line(maintext="Exports to Korea rose 12% in 2023.", url="https://n.example.org/exports")
    path.write_bytes(f"{good}\n".encode() + b'{"maintext": "caf\xe9"}\n' + f"{good}\n".encode())
    result = run("extract", str(path), *REF)
    assert result.exit_code == 1 and result.stderr.strip() == f"vnkr: error: {path}:2: not UTF-8; line skipped"
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {"exports", "exports-3"}


def test_jobs_cut_a_large_archive_into_runs_of_lines(tmp_path, monkeypatch):
    """--jobs 2 on one archive cut into runs: the bytes of --jobs 1, names that depend on earlier
    runs (a slug used before, a slug equal to a later line's own name) and the error of line 230."""
    from vnkr import parts

    archive = build_archive(tmp_path / "crawl.jsonl", 300, bad=(230,))
    monkeypatch.setattr(parts, "PARTITION_BYTES", 16_384)
    runs = list(cut_archive(str(archive), parts.PARTITION_BYTES))
    assert len(runs) > 4 and runs[0].last < 230 and any(run.taken for run in runs)
    one = run("extract", str(archive), *REF)
    two = run("extract", str(archive), "--jobs", "2", *REF)
    assert two.stdout == one.stdout and one.stdout.count("\n") > 300
    assert one.stderr == two.stderr and one.stderr.count("\n") == 1 and one.stderr.startswith(f"vnkr: error: {archive}:230: not valid JSON")
    docs = {json.loads(line)["doc"] for line in one.stdout.splitlines()}
    assert {"korea-trade-outlook-30-45", "crawl-203-203", "crawl-294-294"} <= docs
