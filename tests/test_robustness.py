"""Bad, big and strange input never crashes vnkr and never loses a claim."""

import json
import os
import subprocess
import sys
import unicodedata
from datetime import date

import pytest
from conftest import ROOT, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import vnkr.cli
import vnkr.extraction
from vnkr.cli import app
from vnkr.corpus import Document, Reader, ReadError
from vnkr.pipeline import SENTENCE_WINDOW, extract_documents, extract_text
from vnkr.rules import shipped_rules

runner = CliRunner()
SEED_TEXT = (SEEDS / "001_67d74b846c6c8d2b.txt").read_text(encoding="utf-8")


def claims_of(nlp, text, max_block=100_000):
    document = Document(doc="d", path="-", text=text, published=date(2025, 8, 8))
    claims = next(extract_documents(nlp, [document], max_block=max_block))[1]
    assert document.errors == []
    return claims


def test_unreadable_files_are_reported_and_the_rest_is_written(tmp_path):
    (tmp_path / "a.txt").write_text("Trade reached $5 billion last year.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "c.txt").mkdir()  # a directory where a file was expected
    (tmp_path / "d.txt").write_text("Over 10,000 Korean firms operate in Vietnam.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert docs == ["a", "d"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "b.txt: binary file" in errors[0] and "c.txt: is a directory" in errors[1]


def test_permission_denied_is_a_read_error(tmp_path, monkeypatch):
    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(ReadError, match="x.txt: permission denied"):
        Reader(shipped_rules(), date(2026, 1, 1)).read_bytes(str(tmp_path / "x.txt"))


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "old.txt"
    text = "Korea’s investment reached €5 billion, over 10,000 Korean firms — “a record”."
    path.write_bytes(text.encode("cp1252"))
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    assert "old.txt: not UTF-8" in result.stderr and "cp1252" in result.stderr
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert {c["text"] for c in claims} >= {"€5 billion", "over 10,000"}
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"]


@pytest.mark.parametrize("text", ["", "   \n\t  \n", "no punctuation here and 10,000 Korean firms and more words", "word " * 20000 + "$5 billion"])
def test_degenerate_files(nlp, text):
    for claim in claims_of(nlp, text):
        assert text[claim.start : claim.end] == claim.text


def test_crlf_nfd_and_odd_spaces_give_the_same_claims(nlp):
    def key(claims):
        return [(c.text.replace("\u00a0", " "), c.label, c.value, c.unit, c.topic, c.metric, c.period) for c in claims]

    base = claims_of(nlp, SEED_TEXT)
    for variant in (SEED_TEXT.replace("\n", "\r\n"), unicodedata.normalize("NFD", SEED_TEXT), SEED_TEXT.replace(" ", "\u00a0", 40)):
        claims = claims_of(nlp, variant)
        assert key(claims) == key(base)
        assert all(variant[c.start : c.end] == c.text for c in claims)


def test_blocks_keep_document_offsets(nlp):
    text = (SEED_TEXT + "\n\n") * 12
    whole = claims_of(nlp, text)
    pieces = claims_of(nlp, text, max_block=5_000)
    assert [(c.start, c.end, c.value) for c in pieces] == [(c.start, c.end, c.value) for c in whole]
    assert all(text[c.start : c.end] == c.text for c in pieces)


def write_big(path, size):
    filler = ("Cooperation-between-the-two-countries-continues-to-deepen " * 1000 + "\n\n").encode()
    claim = b"Last year, bilateral trade reached $86.7 billion.\n\n"
    with open(path, "wb") as handle:
        while handle.tell() < size:
            handle.write(claim)
            handle.write(filler * 20)
    return path.stat().st_size // (len(claim) + len(filler) * 20)


def peak_rss_of_extract(path) -> int:
    """Peak resident memory (KiB) of `python -m vnkr extract PATH`, in a process of its own."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run([sys.executable, '-m', 'vnkr', 'extract', sys.argv[1], '--published', sys.argv[2], '-o', sys.argv[3]], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = path.with_suffix(".jsonl")
    done = subprocess.run([sys.executable, "-c", probe, str(path), f"{path.stem}=2025-08-08", str(out)], capture_output=True, text=True, check=True)
    return int(done.stdout.strip())


def test_a_50_mb_document_in_memory_bounded_by_the_block(tmp_path):
    """Read in chunks and processed in blocks: spaCy's max_length is never reached, offsets stay
    exact, and peak memory is that of a 5 MB document, not ten times more."""
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    write_big(small, 5_000_000)
    expected = write_big(big, 50_000_000)
    small_rss, big_rss = peak_rss_of_extract(small), peak_rss_of_extract(big)
    assert big_rss < small_rss + 40_000, (small_rss, big_rss)  # KiB: within 40 MB of the 5 MB run
    lines = big.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == expected
    text = big.read_text(encoding="utf-8")
    last = json.loads(lines[-1])
    assert text[last["start"] : last["end"]] == "$86.7 billion" and last["period"] == "2024"


def test_streamed_and_whole_reading_give_the_same_claims(tmp_path, monkeypatch):
    import vnkr.corpus

    seed = (SEEDS / "001_67d74b846c6c8d2b.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text("published: 2025-08-08\nsource: test\n---\n" + seed * 3, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(("Korea’s investment reached €5 billion, over 10,000 Korean firms. " * 400).encode("cp1252"))
    (tmp_path / "c.txt").write_bytes("\ufeff".encode() + (SEEDS / "004_a66a65299ebfe08f.txt").read_bytes())
    whole = runner.invoke(app, ["extract", str(tmp_path)])
    monkeypatch.setattr(vnkr.corpus, "STREAM_BYTES", 1_000)
    monkeypatch.setattr(vnkr.corpus, "CHUNK_BYTES", 777)
    streamed = runner.invoke(app, ["extract", str(tmp_path)])
    assert streamed.exit_code == whole.exit_code == 0
    assert streamed.stdout == whole.stdout and whole.stdout.count("\n") > 50
    assert "b.txt: not UTF-8" in streamed.stderr and "cp1252" in streamed.stderr


def test_blocks_of_any_chunking_are_the_same():
    from vnkr.pipeline import blocks

    text = (SEED_TEXT + "\n\n") * 3
    whole = list(blocks([text], 4_000))
    for size in (1, 999, 4_000, 10_000):
        chunks = [text[i : i + size] for i in range(0, len(text), size)]
        assert list(blocks(chunks, 4_000)) == whole
    assert all(len(piece) <= 4_000 for _, piece in whole)
    assert "".join(piece for _, piece in whole) == text
    assert list(blocks([], 10)) == [(0, "")]


def test_an_interrupted_run_leaves_no_half_written_file(tmp_path, monkeypatch):
    out = tmp_path / "claims.jsonl"
    out.write_text("previous complete output\n", encoding="utf-8")
    real = vnkr.extraction.extract_paths

    def interrupted(*args, **kwargs):
        for index, result in enumerate(real(*args, **kwargs)):
            if index == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(vnkr.extraction, "extract_paths", interrupted)
    result = runner.invoke(app, ["extract", str(SEEDS), "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "previous complete output\n"
    assert sorted(os.listdir(tmp_path)) == ["claims.jsonl"]


NEWS_ALPHABET = st.sampled_from(
    list("0123456789 ,.-–$%()\n\u00a0")
    + ["US$", " billion", " million", " over ", " Korean firms", " in 2024", " August 10 to 13", " Việt Nam"]
    + [" third-largest", " double", " last year", " No. ", " per cent", "’s", " Sunday", " May 30 to June 1", " 2024-27",
     " the first 11 months of", " December of last year", " Q3", " the end of April", " from", " by", " ranked",
     " largest investor", " top", " times", "-fold", " W", "VND", " 2019.In", "./.", " that in 2018,"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(NEWS_ALPHABET, max_size=60).map("".join))
def test_random_news_like_text_never_raises(nlp, text):
    document = Document(doc="h", path="-", text=text, published=date(2025, 8, 8))
    for claim in extract_text(nlp, text, document):
        assert text[claim.start : claim.end] == claim.text
    assert document.errors == []  # a component that raised would be reported here, not raised


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_random_unicode_never_raises(nlp, text):
    for published in (None, date(2025, 8, 8)):
        document = Document(doc="h", path="-", text=text, published=published)
        for claim in extract_text(nlp, text, document):
            assert text[claim.start : claim.end] == claim.text
        assert document.errors == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(SEED_TEXT)), st.integers(0, 400), st.text(max_size=20))
def test_mutated_seed_never_raises(nlp, at, cut, insert):
    text = SEED_TEXT[:at] + insert + SEED_TEXT[at + cut :]
    document = Document(doc="m", path="-", text=text, published=date(2025, 8, 8))
    for claim in extract_text(nlp, text, document):
        assert text[claim.start : claim.end] == claim.text
    assert document.errors == []


def test_a_component_failing_on_one_document_does_not_stop_the_run(tmp_path, monkeypatch):
    from vnkr.components.topics import TopicReader

    real = TopicReader.__call__

    def fragile(self, doc):
        if "BOOM" in doc.text:
            raise ValueError("simulated bug")
        return real(self, doc)

    monkeypatch.setattr(TopicReader, "__call__", fragile)
    (tmp_path / "a.txt").write_text("Trade reached $5 billion last year. BOOM", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Over 10,000 Korean firms operate in Vietnam.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["b"]
    assert len(result.stderr.strip().splitlines()) == 1
    assert "a.txt: vnkr_topics failed on the block at character 0 (ValueError: simulated bug)" in result.stderr
    assert "Traceback" not in result.output


# Text shaped like what scrapers and exports produce, in English, Vietnamese, Korean and saved pages
# (benchmarks/shapes.py makes it; `make bench` measures peak memory and output size of the
# full-size shapes, the 200,000-row table among them).
sys.path.insert(0, str(ROOT / "benchmarks"))
import shapes  # noqa: E402


def extract_file(tmp_path, text):
    """The claims `vnkr extract FILE` writes, as dicts, and the text it read."""
    path = tmp_path / "shape.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--reference-date", "2026-01-01"])
    assert result.exit_code == 0 and result.stderr == ""
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_bounded_and_exact(text, claims):
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert text[claim["sentence_start"] :][: len(claim["sentence"])] == claim["sentence"]
        assert claim["sentence_start"] <= claim["start"] and claim["end"] <= claim["sentence_start"] + len(claim["sentence"])
        assert len(claim["sentence"]) <= SENTENCE_WINDOW


def test_a_one_line_list_of_50000_figures_gives_each_figure_once(tmp_path):
    """A flattened list page: no sentence punctuation, 0.9 MB on one line. Each claim carries its
    item, not the whole line (peak memory and output size: `make bench`)."""
    text = shapes.figures_run(50_000)
    claims = extract_file(tmp_path, text)
    assert sorted(c["value"] for c in claims) == [shapes.figure(i) for i in range(50_000)]
    assert_bounded_and_exact(text, claims)
    assert max(len(c["sentence"]) for c in claims) < 30


def test_a_table_of_one_row_a_line_gives_each_figure_once(tmp_path):
    text = shapes.table(20_000)
    claims = extract_file(tmp_path, text)
    assert [c["value"] for c in claims] == [shapes.figure(i) for i in range(20_000)]
    assert {c["unit"] for c in claims} == {"company"}
    assert_bounded_and_exact(text, claims)


def test_a_5_mb_token_is_read_past(tmp_path):
    text = shapes.single_token(5_000_000)
    claims = extract_file(tmp_path, text)
    assert [c["text"] for c in claims] == ["$5 billion", "Over 10,000"]
    assert_bounded_and_exact(text, claims)


ITEMS = st.tuples(
    st.sampled_from(["", "Korea ", "Hanoi ", "Samsung ", "exports ", "trade reached "]),
    st.integers(1, 10**7).map("{:,}".format),
    st.sampled_from([" firms", " people", "%", " visits", " tonnes", "", " billion USD"]),
).map("".join)
SEPARATORS = st.sampled_from([", ", "; ", " • ", " | ", " ", " and ", ",", "\n", " · "])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(ITEMS, min_size=1, max_size=20), st.integers(1, 200), SEPARATORS, st.sampled_from(["", "x" * 3_000]))
def test_output_grows_with_the_claims_not_with_the_sentence(nlp, items, repeat, separator, filler):
    """Lists of any length and separator (and a long token in them): each claim's line is bounded,
    so the output is at most a constant times the claims, whatever the length of the run."""
    text = filler + " " + separator.join(items * repeat) + " " + filler
    document = Document(doc="h", path="-", text=text, published=date(2025, 8, 8))
    claims = extract_text(nlp, text, document)
    output = sum(len(claim.to_json().encode()) + 1 for claim in claims)
    assert output <= 2_000 * len(claims)
    assert_bounded_and_exact(text, [claim.model_dump() for claim in claims])
    assert document.errors == []


def test_saved_pages_of_a_long_list_and_a_big_table_give_each_figure_once(tmp_path):
    """The same shapes inside saved news pages: a paragraph that is one long list, and a <table>."""
    from pages import build_page

    figures = [shapes.figure(i) for i in range(3_000)]
    rows = "".join(f"<tr><td>{shapes.PLACES[i % 6]}</td><td>{2000 + i % 25}</td><td>{shapes.figure(i):,} firms</td></tr>\n" for i in range(3_000))
    table = "<table><tr><th>Province</th><th>Year</th><th>Korean firms</th></tr>\n" + rows + "</table>"
    pages = {
        "list.html": build_page(shapes.figures_run(3_000), "Korean firms by province", "wire", date(2025, 8, 8)),
        "table.html": build_page("Korean firms by province, as the ministry lists them.", "Korean firms", "portal", date(2025, 8, 8)).replace("</p>", "</p>" + table, 1),
    }
    for name, page in pages.items():
        (tmp_path / name).write_text(page, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--reference-date", "2026-01-01"])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    for name in pages:
        mine = [c for c in claims if c["path"].endswith(name) and c["unit"] in {"company", "person", "visit"}]
        assert sorted(c["value"] for c in mine) == figures, name
        text = runner.invoke(app, ["text", str(tmp_path / name)]).stdout
        assert_bounded_and_exact(text, [c for c in claims if c["path"].endswith(name)])


@pytest.mark.parametrize(
    "lang, item",
    [
        ("vi", lambda n: f"{n:,}".replace(",", ".") + " doanh nghiệp Hàn Quốc"),  # Vietnamese: '.' between thousands
        ("ko", lambda n: f"{n}명"),
    ],
)
def test_a_one_line_list_in_vietnamese_or_korean_gives_each_figure_once(tmp_path, lang, item):
    figures = [shapes.figure(i) for i in range(5_000)]
    text = ", ".join(item(n) for n in figures) + "\n"
    claims = extract_file(tmp_path, text)
    assert {c["lang"] for c in claims} == {lang}
    assert sorted(c["value"] for c in claims) == figures
    assert_bounded_and_exact(text, claims)
    assert max(len(c["sentence"]) for c in claims) < 40


def test_read_errors_come_in_input_order_though_the_pipeline_reads_ahead(tmp_path):
    from vnkr.extraction import Settings, extract_paths

    for n in range(6):
        (tmp_path / f"{n}a.txt").write_text(f"Trade reached ${n + 1} billion in 2023.", encoding="utf-8")
        (tmp_path / f"{n}b.txt").write_bytes(b"\x00binary")
    results = list(extract_paths(Settings(reference=date(2026, 1, 1)), [str(tmp_path)]))
    assert [os.path.basename(r.path) for r in results] == [f"{n}{k}.txt" for n in range(6) for k in "ab"]
    assert [r.error is not None for r in results] == [False, True] * 6
