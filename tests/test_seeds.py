"""The demo corpus end to end: exact offsets, and the scores on the seed gold."""

import json
from datetime import date

import pytest
from conftest import DATA, SEEDS

from vnkr.evaluate import score
from vnkr.extraction import Settings, extract_paths

REFERENCE = date(2026, 11, 22)


@pytest.fixture(scope="module")
def results():
    return list(extract_paths(Settings(reference=REFERENCE), [str(SEEDS)]))


def test_every_offset_is_exact(results):
    assert len(results) == 5
    for result in results:
        with open(result.path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
        assert result.lines, result.path
        for line in result.lines:
            claim = json.loads(line)
            assert text[claim["start"] : claim["end"]] == claim["text"]
            assert claim["text"] in claim["sentence"]
            assert text[claim["sentence_start"] :][: len(claim["sentence"])] == claim["sentence"]


def test_seed_gold_scores(results):
    gold = [json.loads(line) for line in open(DATA / "seeds.gold.jsonl", encoding="utf-8")]
    accepted = json.load(open(DATA / "seeds.gold.published.json", encoding="utf-8"))
    predictions = [json.loads(line) for r in results for line in r.lines]
    published = {r.doc: r.published for r in results}
    result = score(predictions, gold, published, accepted)
    assert result.span.f1 >= 0.95
    assert result.quantity.f1 >= 0.95
    assert result.claim.f1 >= 0.90
    for field in ("topic", "metric", "period", "modality"):
        assert result.fields[field] >= 0.90, field
    assert result.published == 1.0
