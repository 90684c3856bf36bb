"""Nothing lost, nothing silently wrong (issue #24): a hostile line of an archive or of a claims
file is one error naming FILE:LINE and the other lines are still read; document names are unique
whatever the order; an empty or unread input, an unknown --metric or --published document and a
duplicate gold claim are said on stderr."""

import json

import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.models import Claim

runner = CliRunner()
REF = ["--reference-date", "2025-12-31"]
TRADE = "Bilateral trade between Vietnam and South Korea reached ${} billion in 2024."
DEEP = "[" * 100_000 + "]" * 100_000


def run(*args, input=None):
    return runner.invoke(app, [*map(str, args)], input=input)


def article(slug, value="86.7", **extra):
    return json.dumps({"url": f"https://news.example.org/economy/{slug}", "title": "Trade", "maintext": TRADE.format(value), **extra})


def errors_of(result):
    return [line for line in result.stderr.splitlines() if line.startswith("vnkr: error:")]


# --- case 5: a hostile archive line -------------------------------------------------------
HOSTILE_ARTICLES = {
    "a number of 5,000 digits": '{"url": "https://news.example.org/n", "maintext": "Trade rose.", "n": ' + "7" * 5000 + "}",
    "JSON nested 10^5 deep": '{"maintext": "Trade rose.", "d": ' + DEEP + "}",
    "a lone surrogate in maintext": '{"url": "https://news.example.org/s", "maintext": "Trade reached $5 billion \\ud800 in 2024."}',
    "a lone surrogate in the title": '{"url": "https://news.example.org/t", "title": "\\udc00", "maintext": "Trade reached $5 billion in 2024."}',
}


@pytest.mark.parametrize("where", [1, 2])
@pytest.mark.parametrize("hostile", list(HOSTILE_ARTICLES.values()), ids=list(HOSTILE_ARTICLES))
def test_a_hostile_archive_line_is_one_error_and_the_others_are_read(tmp_path, hostile, where):
    lines = [article("first", "86.7"), article("second", "90.1")]
    lines.insert(where - 1, hostile)
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("extract", path, *REF)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == errors_of(result) and len(errors_of(result)) == 1
    assert errors_of(result)[0].startswith(f"vnkr: error: {path}:{where}: ") and errors_of(result)[0].endswith("; line skipped")
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(c["doc"], c["text"]) for c in claims if c["label"] == "MONEY"} == {("first", "$86.7 billion"), ("second", "$90.1 billion")}
    assert run("extract", path, "--jobs", "2", *REF).stdout == result.stdout


def claim_line(doc, start, text, label, **fields):
    """A claim record as `vnkr extract` writes it (invented figures)."""
    record = {"id": f"{doc}:{start}-{start + len(text)}", "doc": doc, "path": f"{doc}.txt", "published": "2025-03-01", "sentence": f"A sentence with {text}.",
              "start": start, "end": start + len(text), "text": text, "label": label, "value": None, "unit": None, "date": None, "topic": "trade",
              "metric": "trade_value", "period": "2024", "subject": "KR", "counterpart": "VN", **fields}  # fmt: skip
    return Claim.model_validate(record).model_dump_json()


GOOD = [
    claim_line("alpha", 10, "$86.7 billion", "MONEY", value=86.7e9, unit="USD"),
    claim_line("beta", 20, "$87 billion", "MONEY", value=87e9, unit="USD"),
    claim_line("alpha", 40, "August 10 to 13", "DATE", date="2025-08-10/2025-08-13", topic="visits", metric="visit_date", period=None),
]
DATE_LINE = json.loads(GOOD[2])
MONEY_LINE = json.loads(GOOD[0])
HOSTILE_CLAIMS = {
    "a DATE of February 30": json.dumps({**DATE_LINE, "id": "gamma:1-2", "doc": "gamma", "date": "2024-02-30"}),
    "a DATE of garbage": json.dumps({**DATE_LINE, "id": "gamma:1-2", "doc": "gamma", "date": "garbage"}),
    "a period that is no date": json.dumps({**MONEY_LINE, "doc": "gamma", "period": "2024-13"}),
    "a value of 1e400": json.dumps({**MONEY_LINE, "doc": "gamma", "value": 1}).replace('"value": 1,', '"value": 1e400,'),
    "a value of 10^400 digits": json.dumps({**MONEY_LINE, "doc": "gamma", "value": 10**400}),
    "a range's end of 1e400": json.dumps({**MONEY_LINE, "doc": "gamma", "value": None, "low": 1, "high": 2}).replace('"high": 2', '"high": 1e400'),
    "a value that is NaN": json.dumps({**MONEY_LINE, "doc": "gamma", "value": 1}).replace('"value": 1,', '"value": NaN,'),
    "a surrogate in the sentence": json.dumps({**MONEY_LINE, "doc": "gamma", "sentence": "Trade \ud800 rose."}),
    "a number of 5,000 digits": json.dumps({**MONEY_LINE, "doc": "gamma"})[:-1] + ', "x": ' + "9" * 5000 + "}",
    "JSON nested 10^5 deep": DEEP,
    "a JSON string": '"a claim"',
    "a start that is text": json.dumps({**MONEY_LINE, "doc": "gamma", "start": "ten"}),
    "an end before its start": json.dumps({**MONEY_LINE, "doc": "gamma", "start": 50, "end": 40}),
}


@pytest.fixture(params=list(HOSTILE_CLAIMS), ids=list(HOSTILE_CLAIMS))
def hostile_claims(request, tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join([GOOD[0], HOSTILE_CLAIMS[request.param], *GOOD[1:]]) + "\n", encoding="utf-8")
    return path


def assert_one_error_for_line_2(result, path):
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit) and "Traceback" not in result.output, result.output
    [error] = errors_of(result)
    assert error.startswith(f"vnkr: error: {path}:2: ") and error.endswith("; line skipped")


def test_a_hostile_claims_line_in_compare_is_one_error(hostile_claims):
    result = run("compare", hostile_claims, "--format", "json")
    assert_one_error_for_line_2(result, hostile_claims)
    docs = {s["doc"] for line in result.stdout.splitlines() for s in json.loads(line).get("sources", [])}
    assert docs == {"alpha", "beta"}  # every other line compared


def test_a_hostile_claims_line_in_report_is_one_error(hostile_claims, tmp_path):
    result = run("report", hostile_claims, "-o", tmp_path / "report.html")
    assert_one_error_for_line_2(result, hostile_claims)
    assert "(3 claims" in result.stderr and (tmp_path / "report.html").exists()


def test_a_hostile_claims_line_in_eval_is_one_error(hostile_claims, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    result = run("eval", "--gold", gold, hostile_claims, "--format", "json")
    assert_one_error_for_line_2(result, hostile_claims)
    assert json.loads(result.stdout)["span"]["recall"] == 1.0


def test_a_hostile_gold_line_is_one_error(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([GOOD[0], HOSTILE_CLAIMS["a value of 1e400"], *GOOD[1:]]) + "\n", encoding="utf-8")
    claims = tmp_path / "claims.jsonl"
    claims.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    result = run("eval", "--gold", gold, claims, "--format", "json")
    assert_one_error_for_line_2(result, gold)
    assert json.loads(result.stdout)["span"]["gold"] == 3


@pytest.mark.parametrize("content", ['{"alpha": ' + DEEP + "}", '{"alpha": 2025}', '{"alpha": 1' + "0" * 5000 + "}"], ids=["deep", "not a list", "long number"])
def test_a_hostile_published_gold_file_is_one_error(tmp_path, content):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    accepted = tmp_path / "published.json"
    accepted.write_text(content, encoding="utf-8")
    result = run("eval", "--gold", gold, gold, "--published-gold", accepted)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert result.stderr.startswith(f"vnkr: error: {accepted}: not a JSON object of accepted dates") and len(result.stderr.splitlines()) == 1


CLAIM_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**300, max_value=10**420), st.floats(), st.text(max_size=12),
    st.sampled_from(["2024", "2024-02-30", "2024-13", "2025-08-10/2025-08-01", "garbage", "\ud800", "MONEY", "DATE", "trade", "trade_value"]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.dictionaries(st.sampled_from(sorted(MONEY_LINE)), CLAIM_VALUES, max_size=4), min_size=1, max_size=6))
def test_any_claims_line_is_a_claim_or_one_error_and_compare_never_fails(tmp_path, changes):
    """Any value in any field of a claim: the line is read or is one error naming it, and what is
    read compares, renders and is written as UTF-8 JSON."""
    from vnkr.claims_io import read_claims_file
    from vnkr.compare import compare
    from vnkr.render import comparison_markdown

    path = tmp_path / "claims.jsonl"
    lines = [json.dumps({**(DATE_LINE if n % 2 else MONEY_LINE), "start": n, "end": n + 3, **change}, allow_nan=True) for n, change in enumerate(changes)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = []
    claims = read_claims_file(path, errors)
    assert len(claims) + len(errors) == len(lines) and all(e.startswith(f"{path}:") and "\n" not in e for e in errors)
    result = compare(claims)
    for item in [*result.groups, *result.series]:
        item.model_dump_json().encode("utf-8")
    comparison_markdown(result).encode("utf-8")


# --- case 6: unique names -----------------------------------------------------------------
@pytest.mark.parametrize("slugs", [("a-3", "a", "a"), ("a-4", "a-3", "a", "a"), ("a-3", "a", "a", "a-3-2")])
def test_archive_names_are_unique_whatever_the_order(tmp_path, slugs):
    """Each article's figure is its own: no later article is named as an earlier one."""
    path = tmp_path / "crawl.jsonl"
    lines = [article(slug, f"{80 + n}.5") for n, slug in enumerate(slugs)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("extract", path, *REF)
    money = [json.loads(line) for line in result.stdout.splitlines() if '"label":"MONEY"' in line]
    assert len(money) == len(slugs) and len({c["doc"] for c in money}) == len(slugs), [c["doc"] for c in money]
    for claim in money:
        assert claim["text"] in run("text", path, "--doc", claim["doc"]).stdout
    groups = [json.loads(line) for line in run("compare", path, "--format", "json", *REF).stdout.splitlines()]
    assert sum(len(s["mentions"]) for g in groups for s in g["sources"]) == len(slugs)


# --- case 13: empty answers ---------------------------------------------------------------
def test_an_empty_folder_is_said(tmp_path):
    result = run("extract", tmp_path, *REF)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == f"vnkr: warning: {tmp_path}: no *.txt, *.html or *.htm file in this directory; nothing read from it"
    compared = run("compare", tmp_path, *REF)
    assert "nothing read from it" in compared.stderr and "nothing to compare: no claims were read" in compared.stderr


def test_a_folder_of_an_archive_names_what_it_skipped(tmp_path):
    (tmp_path / "crawl.jsonl").write_text(article("first") + "\n", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("x", encoding="utf-8")
    result = run("extract", tmp_path, *REF)
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"vnkr: warning: {tmp_path}: skipped 1 file that is not *.txt, *.html or *.htm: crawl.jsonl; nothing read from it")
    assert f"read when named: {tmp_path / 'crawl.jsonl'}" in result.stderr
    (tmp_path / "a.txt").write_text(TRADE.format("86.7"), encoding="utf-8")
    result = run("extract", tmp_path, *REF)
    assert result.stdout and "skipped 1 file" in result.stderr and "nothing read" not in result.stderr


@pytest.mark.parametrize("given", ["trade_valu", "trade"])
def test_an_unknown_metric_is_an_error_listing_the_known(tmp_path, given):
    claims = tmp_path / "claims.jsonl"
    claims.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    for source in (claims, SEEDS):
        result = run("compare", source, "--metric", given, *REF)
        assert result.exit_code == 2 and result.stdout == "" and len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(f"vnkr: error: unknown metric {given!r}") and "known metrics: " in result.stderr and "trade_value" in result.stderr


def test_a_metric_the_rules_know_is_valid_without_claims(tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    result = run("compare", claims, "--metric", "aid_value")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == "vnkr: warning: nothing to compare: of 3 claims read, none has metric 'aid_value' and a value or date"
    own = tmp_path / "own.jsonl"
    own.write_text(claim_line("alpha", 10, "$86.7 billion", "MONEY", value=86.7e9, unit="USD", metric="rice_exports") + "\n", encoding="utf-8")
    assert run("compare", own, "--metric", "rice_exports", "--format", "json").exit_code == 0  # a metric a claim has is valid too


@pytest.mark.parametrize("command", [["extract"], ["compare", "--format", "json"]])
def test_published_for_no_document_is_an_error_listing_them(command):
    result = run(*command, SEEDS, "--published", "nosuchdoc=2025-01-01", *REF)
    assert result.exit_code == 2 and result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert "no document 'nosuchdoc'" in result.stderr and "001_67d74b846c6c8d2b" in result.stderr
    good = run(*command, SEEDS, "--published", "001_67d74b846c6c8d2b=2025-01-01", *REF)
    assert good.exit_code == 0 and good.stderr == ""


def test_published_names_an_archived_article(tmp_path):
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join([article("a-3"), article("a"), article("a")]) + "\n", encoding="utf-8")
    assert run("extract", path, "--published", "a-3-2=2024-05-01", *REF).exit_code == 0
    result = run("extract", path, "--published", "a-4=2024-05-01", *REF)
    assert result.exit_code == 2 and "documents: a-3, a, a-3-2" in result.stderr


# --- case 14: duplicate gold ----------------------------------------------------------------
def test_a_duplicate_gold_claim_is_said_and_counted_once(tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([*GOOD, GOOD[1]]) + "\n", encoding="utf-8")
    result = run("eval", "--gold", gold, claims, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.strip() == f"vnkr: warning: {gold}:4: the same claim as {gold}:2 (beta 20-31); counted once"
    score = json.loads(result.stdout)
    assert score["span"]["recall"] == 1.0 and score["span"]["gold"] == 3


# --- case 14: a million claims in one group -------------------------------------------------
def test_a_large_group_holds_each_claim_in_bounded_memory(tmp_path):
    """Memory grows by claim, never by pair; read and compared, a claim with its actors takes under
    2.6 kB (3.5 kB before repeated values were held once and mentions shared their field set)."""
    import gc
    import tracemalloc

    from vnkr.claims_io import read_claims_file
    from vnkr.compare import compare

    entities = [{"text": "Vietnam", "label": "GPE", "id": "VN"}, {"text": "South Korea", "label": "GPE", "id": "KR"}]
    path = tmp_path / "claims.jsonl"
    lines = (claim_line(f"doc{n % 200}", n, f"${80 + n % 7}.5 billion", "MONEY", value=(80 + n % 7) * 1e9, unit="USD", entities=entities) for n in range(4000))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gc.collect()
    tracemalloc.start()
    try:
        claims = read_claims_file(path)
        result = compare(claims)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(result.groups) == 1 and sum(len(s.mentions) + len(s.outliers) for s in result.groups[0].sources) == 4000
    assert held / 4000 < 2600, held / 4000
