"""The command line through typer's runner, and once as a real subprocess."""

import json
import subprocess
import sys

import pytest
from conftest import DATA, ROOT, SEEDS
from typer.testing import CliRunner

from vnkr.cli import app

runner = CliRunner()
REF = ["--reference-date", "2026-11-22"]


def run(*args, input=None):
    return runner.invoke(app, [*args], input=input)


@pytest.fixture(scope="module")
def seed_output():
    result = run("extract", str(SEEDS), *REF)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_extract_prints_one_claim_per_line(seed_output):
    claims = [json.loads(line) for line in seed_output.splitlines()]
    assert len(claims) > 40
    assert {c["doc"] for c in claims} == {p.stem for p in SEEDS.glob("*.txt")}
    assert any(c["label"] == "MONEY" for c in claims)
    starts = [(c["path"], c["start"]) for c in claims]
    assert starts == sorted(starts)


def test_output_file_equals_stdout(tmp_path, seed_output):
    out = tmp_path / "claims.jsonl"
    result = run("extract", str(SEEDS), "-o", str(out), *REF)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == seed_output
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]


def test_two_runs_are_byte_identical(seed_output):
    assert run("extract", str(SEEDS), *REF).stdout == seed_output


def test_jobs_gives_the_same_bytes(seed_output):
    result = run("extract", str(SEEDS), "--jobs", "2", *REF)
    assert result.exit_code == 0
    assert result.stdout == seed_output


def test_published_override(seed_output):
    result = run("extract", str(SEEDS / "002_19c6e7be20873370.txt"), "--published", "002_19c6e7be20873370=2024-12-01")
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert {c["published"] for c in claims} == {"2024-12-01"}


@pytest.mark.parametrize("value", ["nodate", "002=2024-13-01"])
def test_bad_published_override_is_one_line(value):
    result = run("extract", str(SEEDS), "--published", value)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--published" in result.stderr


def test_stdin(seed_output):
    text = (SEEDS / "004_a66a65299ebfe08f.txt").read_text(encoding="utf-8")
    result = run("extract", "-", input=text)
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert claims and all(c["doc"] == "stdin" and text[c["start"] : c["end"]] == c["text"] for c in claims)


def test_schema_lists_every_key_of_the_record():
    schema = json.loads(run("schema").stdout)
    for key in ("id", "doc", "path", "published", "sentence", "start", "end", "text", "label", "value", "unit", "date", "qualifier", "topic", "metric", "period", "modality"):
        assert key in schema["properties"]


@pytest.mark.parametrize("command", [[], ["extract"], ["schema"], ["eval"], ["compare"]])
def test_help_explains_with_examples(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_missing_path_exits_2_with_one_line():
    result = run("extract", "no/such/dir")
    assert result.exit_code == 2
    assert result.stderr.strip() == "vnkr: error: no/such/dir: no such file or directory"


def test_output_into_a_missing_directory_is_one_line(tmp_path):
    result = run("extract", str(SEEDS), "-o", str(tmp_path / "nope" / "claims.jsonl"))
    assert result.exit_code == 2 and "its directory does not exist" in result.stderr and "Traceback" not in result.output


def test_malformed_rules_file_is_one_line(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[cue]]\nid = "x"\nexample = "e"\ntopic = "trade"\nphrases = ["a"]\nweight = 3\n', encoding="utf-8")
    result = run("extract", str(SEEDS), "--rules", str(rules))
    assert result.exit_code == 2
    assert "rules.toml: cue[0].weight: unknown key" in result.stderr
    assert "Traceback" not in result.output


def test_eval_prints_the_scores():
    result = run("eval", "--gold", str(DATA / "seeds.gold.jsonl"), str(SEEDS), "--format", "json", *REF)
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout)
    assert score["span"]["f1"] >= 0.95 and score["claim"]["f1"] >= 0.9 and score["published"] == 1.0


def test_eval_reads_a_claims_file(tmp_path, seed_output):
    claims = tmp_path / "claims.jsonl"
    claims.write_text(seed_output, encoding="utf-8")
    result = run("eval", "--gold", str(DATA / "seeds.gold.jsonl"), str(claims), "--show")
    assert result.exit_code == 0 and "span" in result.stdout and "false positives" in result.stdout


def test_eval_names_the_malformed_line(tmp_path, seed_output):
    claims = tmp_path / "claims.jsonl"
    lines = seed_output.splitlines()
    lines[2] = '{"doc": "x", "start": 1'
    claims.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("eval", "--gold", str(DATA / "seeds.gold.jsonl"), str(claims))
    assert result.exit_code == 1 and "span" in result.stdout  # the other lines are scored
    assert f"{claims}:3: not valid JSON" in result.stderr


def test_real_subprocess():
    done = subprocess.run([sys.executable, "-m", "vnkr", "extract", "seeds/"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(json.loads(line)["text"] for line in lines)


def test_every_line_round_trips_through_the_schema(seed_output):
    from vnkr.models import Claim

    schema = json.loads(run("schema").stdout)
    for line in seed_output.splitlines():
        claim = Claim.model_validate_json(line)
        assert claim.to_json() == line
        assert set(json.loads(line)) <= set(schema["properties"])


@pytest.mark.parametrize("command", ["extract", "eval", "compare"])
def test_every_option_has_an_example(command):
    from typer.main import get_command

    click_command = get_command(app).commands[command]
    for param in click_command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert "Example" in (param.help or ""), f"{command} {param.opts}"


def test_eval_takes_published_overrides():
    result = run("eval", "--gold", str(DATA / "seeds.gold.jsonl"), str(SEEDS), "--format", "json", "--published", "000_2b49abe66bcee836=2020-01-01")
    assert json.loads(result.stdout)["published"] == 0.8


@pytest.fixture()
def two_reports(tmp_path):
    """Two made-up reports of one year's trade that disagree, their claims as gold in two files, and the fact they share."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("published: 2025-03-01\n\nTrade between Vietnam and South Korea reached $86 billion in 2024, officials said.\n", encoding="utf-8")
    (docs / "b.txt").write_text("published: 2025-02-10\n\nTwo-way trade between South Korea and Vietnam hit 95 billion USD in 2024.\n", encoding="utf-8")
    claims = [json.loads(line) for line in run("extract", str(docs), *REF).stdout.splitlines()]
    assert [c["doc"] for c in claims] == ["a", "b"]
    for claim, folder, name, published in zip(claims, ("ga", "gb"), ("gold.jsonl", "b.jsonl"), ("published.json", "b.published.json")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(json.dumps(claim) + "\n", encoding="utf-8")
        (tmp_path / folder / published).write_text(json.dumps({claim["doc"]: ["2025-03-01"]}), encoding="utf-8")
    facts = tmp_path / "facts.jsonl"
    facts.write_text(json.dumps({"fact": "trade 2024", "members": [[c["doc"], c["start"]] for c in claims]}) + "\n", encoding="utf-8")
    return docs, ["--gold", str(tmp_path / "ga" / "gold.jsonl"), "--gold", str(tmp_path / "gb" / "b.jsonl")], facts


def test_eval_scores_compare_against_facts(two_reports):
    docs, gold, facts = two_reports
    result = run("eval", str(docs), *gold, "--facts", str(facts), "--format", "json", *REF)
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout)
    assert score["span"]["f1"] == 1.0 and score["published"] == 0.5  # both gold files' published dates, found beside them
    assert score["compare"]["groups_right"] == score["compare"]["groups_judged"] == 1
    assert score["compare"]["conflict_recall"] == score["compare"]["fact_recall"] == 1.0 and "lines" not in score["compare"]


def test_eval_shows_each_compare_verdict(two_reports):
    docs, gold, facts = two_reports
    result = run("eval", str(docs), *gold, "--facts", str(facts), "--show", *REF)
    assert result.exit_code == 0, result.output
    assert "compare: group precision 1.00 (1/1)  fact recall 1.00 (1/1)  F1 1.00  conflicts P 1.00 (1/1) R 1.00 (1/1)" in result.stdout
    assert "RIGHT  conflict trade_value/reported/2024: fact trade 2024: want conflict" in result.stdout


def test_eval_names_a_fact_outside_the_gold(two_reports):
    docs, gold, facts = two_reports
    result = run("eval", str(docs), *gold[:2], "--facts", str(facts), *REF)
    assert result.exit_code == 2 and "fact 'trade 2024': b:" in result.stderr and "is not the start of a gold claim" in result.stderr
    facts.write_text('{"fact": "x", "members": [["a", "zero"]]}\n', encoding="utf-8")
    result = run("eval", str(docs), *gold, "--facts", str(facts), *REF)
    assert result.exit_code == 2 and f"{facts}:1: members.0" in result.stderr and "Traceback" not in result.output


def test_the_progress_bar_starts_no_thread(monkeypatch):
    """So that --jobs workers are forked, not spawned (a spawned worker imports spaCy and builds the pipeline again)."""
    import io
    import threading

    from rich.console import Console

    import vnkr.cli

    screen = io.StringIO()
    monkeypatch.setattr(vnkr.cli, "err", Console(file=screen, force_terminal=True, width=80))
    progress = vnkr.cli._Progress()
    threads = threading.active_count()
    progress.start(25)
    progress.advance()
    assert threading.active_count() == threads
    assert "extracting" in screen.getvalue()
    progress.stop()
