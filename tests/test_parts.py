"""`vnkr extract -o DIR`: partitioned JSONL, read back by compare as a claims directory."""

from conftest import SEEDS
from typer.testing import CliRunner

from vnkr import parts
from vnkr.cli import app

runner = CliRunner()
REF = ["--reference-date", "2026-11-22"]


def run(*args):
    return runner.invoke(app, [*args])


def test_parts_joined_are_the_single_file(monkeypatch, tmp_path):
    monkeypatch.setattr(parts, "PARTITION_FILES", 3)
    single = run("extract", str(SEEDS), *REF).stdout
    (tmp_path / "part-00007.jsonl").write_text("left by a longer run\n")
    result = run("extract", str(SEEDS), "-o", str(tmp_path), "--jobs", "2", *REF)
    assert result.exit_code == 0 and result.stdout == ""
    assert [p.name for p in parts.claims_files(tmp_path)] == ["part-00000.jsonl", "part-00001.jsonl"]
    assert "".join(p.read_text(encoding="utf-8") for p in parts.claims_files(tmp_path)) == single
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_an_empty_input_still_gives_one_part(tmp_path):
    empty = tmp_path / "in"
    empty.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    assert run("extract", str(empty), "-o", str(out)).exit_code == 0
    assert [(p.name, p.read_text()) for p in out.iterdir()] == [("part-00000.jsonl", "")]


def test_compare_reads_a_claims_directory(tmp_path):
    claims = tmp_path / "claims.jsonl"
    folder = tmp_path / "parts"
    folder.mkdir()
    assert run("extract", str(SEEDS), "-o", str(claims), *REF).exit_code == 0
    assert run("extract", str(SEEDS), "-o", str(folder), *REF).exit_code == 0
    by_file = run("compare", str(claims), "--format", "json")
    assert by_file.stdout and run("compare", str(folder), "--format", "json").stdout == by_file.stdout
