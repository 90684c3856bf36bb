"""The rules kept on disk (vnkr.rules_cache): used again only while every rules file is byte for byte
the same; a damaged or unwritable cache is a warning, never a failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

from vnkr import rules_cache
from vnkr.rules import load_rules

CUE = """[[cue]]
id = "chips"
topic = "trade"
example = "chip shipments of $5 billion"
phrases = ["chip shipments"]
metrics = {{ MONEY = "{metric}" }}
"""
TEXT = "Chip shipments reached $5 billion last year.\n"


def _metric(rules, cue_id="chips"):
    return next(c.metrics["MONEY"] for c in rules.cue if c.id == cue_id)


def test_a_changed_rules_file_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("VNKR_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "mine.toml"
    user.write_text(CUE.format(metric="chip_exports"), encoding="utf-8")
    assert _metric(load_rules(user)) == "chip_exports"
    assert len(list((tmp_path / "cache").glob("rules-en-user-*.pickle"))) == 1
    assert _metric(load_rules(user)) == "chip_exports"  # from the entry
    user.write_text(CUE.format(metric="chip_sales"), encoding="utf-8")
    assert _metric(load_rules(user)) == "chip_sales"
    assert len(list((tmp_path / "cache").glob("rules-en-user-*.pickle"))) == 2


def test_the_key_changes_with_any_source_byte(tmp_path):
    source = tmp_path / "numbers.toml"
    source.write_text("[number]\n", encoding="utf-8")
    before = rules_cache.key("rules-en", [source])
    assert rules_cache.key("rules-en", [source]) == before
    source.write_text("[number] \n", encoding="utf-8")
    assert rules_cache.key("rules-en", [source]) != before
    assert rules_cache.key("rules-vi", [source]) != rules_cache.key("rules-en", [source])


def test_a_damaged_entry_is_a_warning_and_is_rebuilt(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("VNKR_CACHE_DIR", str(tmp_path))
    user = tmp_path / "mine.toml"
    user.write_text(CUE.format(metric="chip_exports"), encoding="utf-8")
    load_rules(user)
    (entry,) = tmp_path.glob("rules-en-user-*.pickle")
    entry.write_bytes(b"\x80\x05not a pickle")
    assert _metric(load_rules(user)) == "chip_exports"
    assert "unreadable rules cache" in capsys.readouterr().err
    assert _metric(load_rules(user)) == "chip_exports"  # rewritten: read without a word
    assert capsys.readouterr().err == ""


def test_an_unwritable_cache_is_a_warning(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("VNKR_CACHE_DIR", str(blocker / "cache"))  # under a file: no directory can be made
    user = tmp_path / "mine.toml"
    user.write_text(CUE.format(metric="chip_exports"), encoding="utf-8")
    assert _metric(load_rules(user)) == "chip_exports"
    assert "cannot write the rules cache" in capsys.readouterr().err


def _extract(rules, cache, text_path):
    env = {**os.environ, "VNKR_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-m", "vnkr", "extract", str(text_path), "--rules", str(rules), "--reference-date", "2025-08-08"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done, [json.loads(line) for line in done.stdout.splitlines()]


def test_extract_reads_a_changed_rules_file_again(tmp_path):
    """Two runs of `vnkr extract --rules`, the file changed between them: the second uses the change."""
    text = tmp_path / "a.txt"
    text.write_text(TEXT, encoding="utf-8")
    rules = tmp_path / "mine.toml"
    rules.write_text(CUE.format(metric="chip_exports"), encoding="utf-8")
    first, claims = _extract(rules, tmp_path / "cache", text)
    assert [c["metric"] for c in claims if c["label"] == "MONEY"] == ["chip_exports"]
    assert first.stderr == ""
    assert len(list((tmp_path / "cache").glob("rules-en-user-*.pickle"))) == 1
    rules.write_text(CUE.format(metric="chip_sales"), encoding="utf-8")
    _, claims = _extract(rules, tmp_path / "cache", text)
    assert [c["metric"] for c in claims if c["label"] == "MONEY"] == ["chip_sales"]
