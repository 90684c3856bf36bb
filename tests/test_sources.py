"""`source` (who a figure comes from) and `base` (ratio or change): construct tables in three languages, and
every rule's example read as its rule says."""

from __future__ import annotations

import pytest
from conftest import REFERENCE, assert_case, load_cases

from vnkr.corpus import Document
from vnkr.normalize.actors import ActorFinder
from vnkr.pipeline import build_nlp, extract_text
from vnkr.rules import Actor, RulesError, parse_rules, shipped_rules

LANGS = ("en", "vi", "ko")
CASES = load_cases("sources.jsonl")


def extract_in(lang: str, text: str):
    return extract_text(build_nlp(None, lang), text, Document(doc="t", path="-", text=text, published=REFERENCE, lang=lang))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}:{c['construct']}" for c in CASES])
def test_construct(case):
    assert_case(extract_in(case["lang"], case["text"]), case)


def _own(lang: str, section: str):
    """A language's rules as it ships them (vi and ko replace the English table's ids with their own names)."""
    return [(lang, r) for r in getattr(shipped_rules(lang), section)]


SOURCES = [pair for lang in LANGS for pair in _own(lang, "source")]


@pytest.mark.parametrize("lang,rule", SOURCES, ids=[f"{lang}:{r.id}" for lang, r in SOURCES])
def test_source_examples_name_their_body(lang, rule):
    bodies = [Actor(id=s.id, example=s.example, label="ORG", aliases=s.aliases) for s in shipped_rules(lang).source]
    assert rule.id in {m.id for m in ActorFinder(bodies, glued=True).find(rule.example)}


ATTRIBUTIONS = [pair for lang in LANGS for pair in _own(lang, "attribution") if lang == "en" or pair[1].id.startswith(f"{lang}-")]


@pytest.mark.parametrize("lang,rule", ATTRIBUTIONS, ids=[f"{lang}:{r.id}" for lang, r in ATTRIBUTIONS])
def test_attribution_examples_give_a_source(lang, rule):
    assert any(c.source for c in extract_in(lang, rule.example)), rule.example


RATIOS = [pair for lang in LANGS for pair in _own(lang, "base_ratio") if lang == "en" or pair[1].id.startswith(f"{lang}-")]


@pytest.mark.parametrize("lang,rule", RATIOS, ids=[f"{lang}:{r.id}" for lang, r in RATIOS])
def test_ratio_examples_are_ratios(lang, rule):
    assert "ratio" in {c.base for c in extract_in(lang, rule.example)}, rule.example


@pytest.mark.parametrize(
    "data,message",
    [
        ({"source": [{"id": "X", "example": "e", "aliases": ["X"], "country": "KR"}]}, "source[0].country: unknown key"),
        ({"source": [{"id": "X", "example": "e", "aliases": []}]}, "source[0].aliases"),
        ({"attribution": [{"id": "a", "example": "e", "before": ["per"], "gap": 9}]}, "attribution[0].gap"),
        ({"base_ratio": [{"id": "r", "example": "e", "after": ["of"], "reach": 3}]}, "base_ratio[0].reach: unknown key"),
    ],
)
def test_source_rules_are_strict(data, message):
    with pytest.raises(RulesError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_rules(data, "user.toml")


def test_a_users_body_is_a_source(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[source]]\nid = "ACME"\nexample = "ACME Research said"\naliases = ["ACME Research"]\n', encoding="utf-8")
    text = "Exports rose 3% in May, ACME Research said."
    claims = extract_text(build_nlp(str(rules), "en"), text, Document(doc="t", path="-", text=text, published=REFERENCE))
    assert [c.source for c in claims] == ["ACME"]
