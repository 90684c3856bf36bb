"""Shared fixtures: one pipeline for the session, and a helper that extracts from a string."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from vnkr.corpus import Document
from vnkr.pipeline import build_nlp, extract_text

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CASES = Path(__file__).resolve().parent / "cases"
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("VNKR_SHARED", ROOT.parent / "shared"))  # articles and gold kept outside the repo; tests needing them skip
REFERENCE = date(2025, 8, 8)  # the fixed "published" of every date test; never today


def load_cases(name: str) -> list[dict]:
    with open(CASES / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def nlp():
    return build_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    def run(text: str, published: date | None = REFERENCE):
        return extract_text(nlp, text, Document(doc="t", path="-", text=text, published=published))

    return run
