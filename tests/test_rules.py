"""Rules are data: loaded strictly, overridable, and every rule's example is a test."""

import pytest
from conftest import REFERENCE

from vnkr.pipeline import build_nlp, extract_text
from vnkr.rules import RulesError, load_rules, parse_rules, shipped_rules

RULES = shipped_rules()
EXAMPLE_SECTIONS = (
    "number_word", "currency", "percent", "count_unit", "duration_unit", "multiplier_suffix", "qualifier",
    "rank", "rank_number", "rank_verb", "rank_phrase", "cue", "metric_override", "count_metric", "target", "small_count", "magnitude",
)


def test_every_rule_has_an_id_and_an_example():
    for rule in RULES.all_rules():
        assert rule.id and rule.example


@pytest.mark.parametrize(
    "section,rule",
    [(s, r) for s in EXAMPLE_SECTIONS for r in getattr(RULES, s)],
    ids=lambda v: v if isinstance(v, str) else v.id,
)
def test_each_example_yields_a_claim(extract, section, rule):
    assert extract(rule.example), f"{section} {rule.id}: {rule.example!r} yields no claim"


@pytest.mark.parametrize("rule", RULES.not_number, ids=lambda r: r.id)
def test_not_number_examples_yield_no_claim(extract, rule):
    assert extract(rule.example) == [], rule.id


@pytest.mark.parametrize("rule", RULES.count_metric, ids=lambda r: r.id)
def test_count_metric_examples_get_their_metric(extract, rule):
    found = {(c.unit, c.topic, c.metric) for c in extract(rule.example)}
    assert (rule.unit, rule.topic.value, rule.metric) in found, f"{rule.id}: {rule.example!r} gives {found}"


@pytest.mark.parametrize("rule", RULES.cue, ids=lambda r: r.id)
def test_cue_examples_get_their_topic(extract, rule):
    topics = {c.topic for c in extract(rule.example)}
    assert rule.topic.value in topics, f"{rule.id}: {rule.example!r} gives {topics}"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"cue": [{"id": "x", "example": "e", "topic": "trade", "phrases": ["a"], "topci": 1}]}, "rules.toml: cue[0].topci: unknown key"),
        ({"cue": [{"id": "x", "example": "e", "topic": "trading", "phrases": ["a"]}]}, "rules.toml: cue[0].topic: input should be"),
        ({"currency": [{"id": "x", "example": "e", "code": "dollar"}]}, "rules.toml: currency[0].code"),
        ({"colour": []}, "rules.toml: colour: unknown key"),
        ({"magnitude": [{"id": "x", "example": "e", "words": {"tens": 10}, "spread": 1}]}, "rules.toml: magnitude[0].spread: input should be greater than 1"),
        ({"magnitude": [{"id": "x", "example": "e", "words": {"tens": 10}, "joner": "of"}]}, "rules.toml: magnitude[0].joner: unknown key"),
        ({"number_format": {"signs": {"-": "sideways"}}}, "rules.toml: number_format.signs.-: input should be 'up' or 'down'"),
        ({"measures": {"fraction_joiners": {"in": "across"}}}, "rules.toml: measures.fraction_joiners.in: input should be 'over' or 'under'"),
        ({"cue": [{"id": "x", "example": "e", "topic": "trade", "phrases": []}, {"id": "x", "example": "e", "topic": "trade", "phrases": []}]}, "duplicate id 'x'"),
    ],
)
def test_malformed_rules_name_file_key_and_expectation(data, message):
    with pytest.raises(RulesError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_rules(data, "rules.toml")


def test_user_rules_add_and_override(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[cue]]\nid = "semiconductors"\ntopic = "trade"\nexample = "chip shipments of $5 billion"\nphrases = ["chip shipments"]\nmetrics = { MONEY = "chip_exports" }\n'
        '[calendar]\nmonths = { "thg" = 8 }\n',
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert any(c.id == "semiconductors" for c in rules.cue)
    assert any(c.id == "trade" for c in rules.cue)
    assert rules.calendar.months["thg"] == 8 and rules.calendar.months["june"] == 6
    claims = extract_text(build_nlp(str(path)), "Last year chip shipments of $5 billion were made.")
    assert [c.metric for c in claims] == ["chip_exports"]


def test_missing_rules_file(tmp_path):
    with pytest.raises(RulesError, match="no such rules file"):
        load_rules(tmp_path / "nope.toml")


def test_bad_date_pattern_is_a_rules_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[date_pattern]]\nid = "broken"\nexample = "x"\npattern = [{ LOWER = { IN = "@planets" } }]\n', encoding="utf-8")
    with pytest.raises(RulesError, match="broken.*@planets"):
        build_nlp(str(path))


@pytest.mark.parametrize("rule", RULES.actor, ids=lambda r: r.id)
def test_actor_examples_name_their_actor(rule):
    from vnkr.normalize.actors import ActorFinder

    found = ActorFinder(list(RULES.actor), demonyms=True).find(rule.example)
    if rule.label == "NOT_ACTOR":  # no actor: its example names one fewer than it would without it
        others = [a for a in RULES.actor if a.id != rule.id]
        assert len(found) < len(ActorFinder(others, demonyms=True).find(rule.example))
    else:
        assert rule.id in {m.id for m in found}


@pytest.mark.parametrize("rule", RULES.date_pattern, ids=lambda r: r.id)
def test_date_pattern_examples_are_read(nlp, rule):
    from vnkr.components.facts import DocMeta

    doc = nlp.make_doc(rule.example)
    doc._.vnkr_meta = DocMeta(published=REFERENCE)
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert any(span.label_ == rule.id and span._.vnkr.date for span in doc.spans["vnkr_dates"]), f"{rule.id}: {rule.example!r}"
