"""Reading loses nothing and never hangs: special files, bad bytes, wide encodings, big and deep
pages, a page's declared language against its script, file names that are not UTF-8."""

import json
import os
import resource
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.readers import html as html_reader

runner = CliRunner()
REF = ["--reference-date", "2026-11-22"]
KEY = ("text", "label", "value", "unit", "qualifier", "metric", "period", "lang")
# paraphrased, not from any article
KOREAN = """한국과 베트남의 교역 규모가 지난해 크게 늘었다.
산업통상자원부에 따르면 2023년 한국의 대베트남 수출은 534억 달러를 기록했다.
같은 기간 베트남으로부터의 수입은 260억 달러로 12.5% 증가했다.
현재 베트남에 진출한 한국 기업은 9,000개가 넘는다.
양국 정부는 2030년까지 교역액 1,500억 달러를 달성한다는 목표를 세웠다.
"""
VIETNAMESE = """Kim ngạch thương mại giữa Việt Nam và Hàn Quốc năm 2023 đạt 79 tỷ USD, tăng 3,5% so với năm trước.
Theo Bộ Công Thương, xuất khẩu của Việt Nam sang Hàn Quốc đạt 23,5 tỷ USD.
Hiện có hơn 9.000 doanh nghiệp Hàn Quốc đang hoạt động tại Việt Nam.
Hai nước đặt mục tiêu nâng kim ngạch lên 150 tỷ USD vào năm 2030.
"""
ENGLISH = (DATA / "articles" / "trade-outlook.txt").read_text(encoding="utf-8")


def extract(*args, input=None):
    result = runner.invoke(app, ["extract", *map(str, args), *REF], input=input)
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def values(claims):
    return sorted((tuple(c[k] for k in KEY) for c in claims), key=repr)


def process(*args, timeout=180, limit_memory=False):
    """vnkr extract as a real process; with `limit_memory`, in 2 GB of address space (a read that never ends fails fast)."""

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run(
        [sys.executable, "-m", "vnkr", "extract", *args, *REF], capture_output=True, timeout=timeout, cwd=ROOT, preexec_fn=cap if limit_memory else None
    )


def lines(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def reference_claims(tmp_path_factory):
    """The claims of each text as a clean UTF-8 file."""
    folder = tmp_path_factory.mktemp("clean")
    found = {}
    for name, text in (("ko", KOREAN), ("vi", VIETNAMESE), ("en", ENGLISH)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        found[name] = extract(folder / f"{name}.txt")[1]
        assert len(found[name]) >= 4
    return found


# 8. FIFOs, sockets and devices


def test_a_directory_reads_only_its_regular_files_and_says_what_it_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(folder / "sock.txt"))
    try:
        done = process(str(folder), timeout=120)  # before: waited forever on pipe.txt
    finally:
        listening.close()
    assert done.returncode == 0, done.stderr
    assert {c["doc"] for c in lines(done.stdout)} == {"a"}
    warnings = done.stderr.decode().splitlines()
    assert len(warnings) == 2
    assert "pipe.txt: a FIFO, not a regular file; skipped" in warnings[0] and "sock.txt: a socket, not a regular file; skipped" in warnings[1]


def test_a_named_fifo_is_read_without_waiting_for_a_writer_and_a_device_up_to_a_bound(tmp_path):
    silent, fed = tmp_path / "silent.txt", tmp_path / "fed.txt"
    os.mkfifo(silent)
    os.mkfifo(fed)

    def feed():
        with open(fed, "w", encoding="utf-8") as handle:  # blocks until vnkr opens it
            handle.write(ENGLISH)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    # before: /dev/zero was read until memory ran out (MemoryError); silent.txt was waited on forever
    done = process(str(silent), str(fed), "/dev/zero", timeout=120, limit_memory=True)
    writer.join(timeout=10)
    errors = done.stderr.decode().splitlines()
    assert done.returncode == 1 and "Traceback" not in done.stderr.decode()
    assert {c["doc"] for c in lines(done.stdout)} == {"fed"}
    assert len(errors) == 2, errors
    assert "silent.txt: a FIFO that gave nothing (no writer?); skipped" in errors[0]
    assert "/dev/zero: a character device is over 64 MiB" in errors[1]


def test_a_fifo_named_like_an_archive_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "crawl.jsonl")
    done = process(str(tmp_path / "crawl.jsonl"), timeout=120)
    assert done.returncode == 1
    assert done.stderr.decode().strip() == f"vnkr: error: {tmp_path / 'crawl.jsonl'}: not a regular file; an article archive is read from a file"


# 9. big and deeply nested pages


def page(body: str, depth: int = 0, lang: str = "en", head: str = "") -> str:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body.splitlines()[1:] if line.strip())
    nav = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
    return (
        f'<html lang="{lang}"><head><title>Trade</title>{head}</head><body>{nav}'
        + "<div>" * depth
        + f"<article><h1>{body.splitlines()[0]}</h1>{paragraphs}</article>"
        + "</div>" * depth
        + "</body></html>"
    )


def offsets_hold(path: Path, claims: list[dict]) -> bool:
    text = runner.invoke(app, ["text", str(path)]).stdout
    return all(text[c["start"] : c["end"]] == c["text"] and text[c["sentence_start"] :].startswith(c["sentence"]) for c in claims)


@pytest.mark.parametrize("depth,plain", [(400, False), (1500, False), (3000, True)])
def test_a_deeply_nested_page_keeps_its_text(tmp_path, reference_claims, depth, plain):
    path = tmp_path / "deep.html"
    path.write_text(page(ENGLISH, depth), encoding="utf-8")
    result, claims = extract(path)  # before: no text past about 255 levels, so no claims
    assert result.exit_code == 0
    assert values(claims) == values(reference_claims["en"])
    assert offsets_hold(path, claims)
    said = [line for line in result.stderr.splitlines() if "deep.html" in line]
    assert said == (["vnkr: warning: " + f"{path}: nested deeper than the HTML parser builds a tree of: read as the plain text of the whole page (its menus and teasers too)"] if plain else [])


def test_a_page_over_the_bound_is_read_as_plain_text_and_said(tmp_path, monkeypatch, reference_claims):
    monkeypatch.setattr(html_reader, "PAGE_MAX_CHARS", 3000)
    path = tmp_path / "big.html"
    path.write_text(page(ENGLISH + "\n" + "Background paragraph without figures.\n" * 60), encoding="utf-8")
    result, claims = extract(path)
    assert result.exit_code == 0
    assert "characters without scripts and styles, over the 3,000 given to the main-text extractor: read as the plain text of the whole page" in result.stderr
    assert values(reference_claims["en"]) == values([c for c in claims if c["text"] in ENGLISH])
    assert offsets_hold(path, claims)


def test_a_page_big_from_its_scripts_still_goes_through_the_extractor(tmp_path, monkeypatch, reference_claims):
    monkeypatch.setattr(html_reader, "PAGE_MAX_CHARS", 3000)
    path = tmp_path / "scripty.html"
    script = "<script>var price = 1234567;\n" + "track('view', 42);\n" * 400 + "</script><style>p { margin: 0 }</style>"
    path.write_text(page(ENGLISH, head=script), encoding="utf-8")
    result, claims = extract(path)
    assert result.exit_code == 0 and result.stderr == ""
    assert values(claims) == values(reference_claims["en"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", " ", "\n", "a", "b c", "<br>", "<script>x</script>", "&amp;", "<div>", "</div>", "\t"]), max_size=40), st.integers(1, 6))
def test_plain_text_is_the_same_whatever_pieces_it_is_joined_in(pieces, size):
    markup = "".join(pieces)
    whole = html_reader.plain_text(markup)
    old = html_reader.PIECES
    html_reader.PIECES = size
    try:
        assert html_reader.plain_text(markup) == whole
    finally:
        html_reader.PIECES = old


# 11. bad bytes and wide encodings


@pytest.mark.parametrize("name,text", [("ko", KOREAN), ("vi", VIETNAMESE)])
def test_one_bad_byte_does_not_garble_a_utf8_text(tmp_path, reference_claims, name, text):
    data = text.encode("utf-8")
    path = tmp_path / f"{name}-bad.txt"
    path.write_bytes(data[:40] + b"\xff" + data[40:] + b"\xfe")
    result, claims = extract(path)  # before: the whole text read as latin-1
    assert result.exit_code == 0
    assert result.stderr.strip() == f"vnkr: warning: {path}: not UTF-8 at bytes 40, {len(data) + 1}; read as UTF-8 with those bytes as U+FFFD"
    assert values(claims) == values(reference_claims[name])
    decoded = path.read_bytes().decode("utf-8", errors="replace")
    assert all(decoded[c["start"] : c["end"]] == c["text"] for c in claims)


DECODINGS = [  # bytes -> how they are read: UTF-8 when its multi-byte sequences outnumber the bytes that are not UTF-8
    (KOREAN.encode("utf-8") + b"\xff", "utf-8"),
    ("Vietnam’s “exports”".encode("utf-8") + b"\x96", "utf-8"),
    ("Korea’s €5 billion — “a record”, the café’s".encode("cp1252"), "cp1252"),
    (b"plain ASCII and one \xe9 byte", "cp1252"),
    ("one café".encode("utf-8") + b" and \x93three\x94 \x96 bad", "cp1252"),
    (b"\x81\x8d undefined in cp1252 \xe9", "latin-1"),
]


def test_a_text_is_utf8_when_its_sequences_outnumber_its_bad_bytes():
    from vnkr.corpus import decode

    for data, encoding in DECODINGS:
        text, warning = decode(data, "f.txt")
        assert text == data.decode(encoding, errors="replace"), data
        assert ("as U+FFFD" in warning) if encoding == "utf-8" else (f"decoded as {encoding}" in warning), warning


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_a_utf16_file_with_a_bom_is_read(tmp_path, reference_claims, encoding, bom):
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + KOREAN.encode(encoding))
    result, claims = extract(path)  # before: "binary file (NUL bytes), skipped"
    assert result.exit_code == 0 and result.stderr == ""
    assert values(claims) == values(reference_claims["ko"])
    with open(path, encoding="utf-16", newline="") as handle:
        decoded = handle.read()
    assert all(decoded[c["start"] : c["end"]] == c["text"] for c in claims)


def test_a_streamed_file_with_a_bad_byte_stays_utf8(tmp_path, monkeypatch, reference_claims):
    monkeypatch.setattr("vnkr.corpus.STREAM_BYTES", 100)
    monkeypatch.setattr("vnkr.corpus.CHUNK_BYTES", 7)  # chunks that cut sequences
    path = tmp_path / "long.txt"
    path.write_bytes(KOREAN.encode("utf-8") + b"\xff")
    result, claims = extract(path)
    assert f"{path}: not UTF-8 at byte {len(KOREAN.encode('utf-8'))}; read as UTF-8" in result.stderr
    assert values(claims) == values(reference_claims["ko"])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=60) | st.text(max_size=30).map(lambda t: t.encode("utf-8") + b"\xff" + t.encode("utf-8")[:3]), st.lists(st.integers(0, 60), max_size=5))
def test_the_utf8_census_is_the_same_whatever_the_pieces(data, cuts):
    from vnkr.corpus import Utf8Census

    whole = Utf8Census()
    whole.feed(data, final=True)
    pieces = Utf8Census()
    at = 0
    for cut in sorted(cuts):
        pieces.feed(data[at:cut])
        at = max(at, cut)
    pieces.feed(data[at:], final=True)
    assert (pieces.multi, pieces.bad_count, pieces.bad) == (whole.multi, whole.bad_count, whole.bad)
    assert whole.multi + whole.bad_count <= len(data)
    replaced = data.decode("utf-8", errors="replace").count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    assert (whole.bad_count == 0) == (replaced == 0)


# 12. a page's declared language against its script


@pytest.mark.parametrize("name,text,script", [("ko", KOREAN, "Hangul"), ("vi", VIETNAMESE, "Vietnamese letters")])
def test_the_script_outranks_a_page_that_declares_english(tmp_path, reference_claims, name, text, script):
    path = tmp_path / f"{name}.html"
    path.write_text(page("Headline\n" + text), encoding="utf-8")
    result, claims = extract(path)  # before: read as English, 0 or 1 claims
    assert result.exit_code == 0
    assert result.stderr.strip().startswith(f"vnkr: warning: {path}: the page declares lang 'en' but its text is written in {script}")
    assert result.stderr.strip().endswith(f"; read as {name}")
    assert values(claims) == values(reference_claims[name])
    result, claims = extract(path, "--lang", "en")  # the user's word still wins
    assert result.stderr == "" and {c["lang"] for c in claims} <= {"en"}
    path.write_text(page("Headline\n" + ENGLISH, lang=name), encoding="utf-8")
    result, claims = extract(path)  # English has no letters to contradict a declared language
    assert result.stderr == "" and claims and {c["lang"] for c in claims} == {name}


# 14. directories that cannot be listed, names that are not UTF-8


def test_a_directory_that_cannot_be_listed_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(ENGLISH, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root reads any directory: deny it as chmod 000 does for a user
    result, claims = extract(tmp_path)  # before: skipped without a word, exit 0
    assert result.exit_code == 1
    assert {c["doc"] for c in claims} == {"a"}
    assert result.stderr.strip() == f"vnkr: error: {tmp_path / 'locked'}: cannot list this directory (Permission denied); the documents in it were not read"


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any directory")
def test_a_directory_without_permission_is_an_error(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "locked").chmod(0)
    try:
        result, _ = extract(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert result.exit_code == 1 and "locked: cannot list this directory" in result.stderr


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_replacement_characters(tmp_path):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"trade-\xff.txt"), "w", encoding="utf-8") as handle:
        handle.write(ENGLISH)
    done = process(os.fsdecode(folder), timeout=180)  # before: an error, and the file's claims lost
    assert done.returncode == 0, done.stderr
    claims = lines(done.stdout)
    assert len(claims) >= 4
    shown = f"{tmp_path / 'in'}/trade-\ufffd.txt"
    assert {(c["doc"], c["path"]) for c in claims} == {("trade-\ufffd", shown)}
    assert all(c["id"].startswith("trade-\ufffd:") for c in claims)
    assert done.stderr.decode().strip() == f"vnkr: warning: {shown}: the file name is not UTF-8; its doc and path show those bytes as U+FFFD"
