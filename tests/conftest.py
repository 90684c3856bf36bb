"""Shared fixtures: one pipeline for the session, and a helper that extracts from a string."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest

from vnkr.corpus import Document
from vnkr.pipeline import build_nlp, extract_text

if "VNKR_CACHE_DIR" not in os.environ:  # the test run's own rules cache (vnkr.rules_cache), not the user's; subprocesses inherit it
    os.environ["VNKR_CACHE_DIR"] = tempfile.mkdtemp(prefix="vnkr-test-cache-")
    atexit.register(shutil.rmtree, os.environ["VNKR_CACHE_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CASES = Path(__file__).resolve().parent / "cases"
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("VNKR_SHARED", ROOT.parent / "shared"))  # articles and gold kept outside the repo; tests needing them skip
REFERENCE = date(2025, 8, 8)  # the fixed "published" of every date test; never today


def load_cases(name: str) -> list[dict]:
    with open(CASES / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def assert_case(claims, case: dict) -> None:
    """A construct table's row: each expected claim found by its text with the fields given; no absent one."""
    by_text = {c.text: c for c in claims}
    for expected in case.get("expect", []):
        assert expected["text"] in by_text, f"{expected['text']!r} not found; got {sorted(by_text)}"
        claim = by_text[expected["text"]].model_dump(mode="json")
        for key, value in expected.items():
            if key in ("value", "low", "high") and value is not None:
                assert claim[key] == pytest.approx(value), key
            else:
                assert claim[key] == value, f"{expected['text']!r}: {key}"
    for absent in case.get("absent", []):
        assert not any(c.text.endswith(absent) or c.text == absent for c in claims), f"{absent!r} should not be a claim: {[c.text for c in claims]}"


@pytest.fixture(scope="session")
def nlp():
    return build_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    def run(text: str, published: date | None = REFERENCE):
        return extract_text(nlp, text, Document(doc="t", path="-", text=text, published=published))

    return run
