"""Scoring compare against facts, on hand-made gold; and agreement with ../shared/tools/score_compare.py."""

import importlib.util
import io
import json
import subprocess
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from conftest import REFERENCE, SEEDS, SHARED
from hypothesis import given
from hypothesis import strategies as st

from vnkr.compare import Group
from vnkr.evaluate_compare import Fact, FactsError, check_facts, read_facts, score_compare, verdict

REFERENCE_SCORER = SHARED / "tools" / "score_compare.py"


def gold_claim(doc, start, end, value=None, qualifier="exact", date=None):
    return {"doc": doc, "start": start, "end": end, "text": "x" * (end - start), "label": "DATE" if date else "MONEY",
            "value": value, "qualifier": qualifier, "date": date, "optional": False}  # fmt: skip


# Three documents a, b, c. A fact's members are gold claims given by document and start.
GOLD = [
    gold_claim("a", 0, 10, 100), gold_claim("b", 0, 10, 102, "approx"), gold_claim("c", 0, 10, 130),  # trade: c disagrees
    gold_claim("a", 20, 30, 5), gold_claim("b", 20, 30, 5),  # visits
    gold_claim("a", 60, 70, date="1992"), gold_claim("b", 60, 70, date="1992-12-22"),  # ties: overlapping dates agree
    gold_claim("a", 100, 110, 7), gold_claim("b", 100, 110, 7),  # only one required document
    gold_claim("a", 120, 130, 10), gold_claim("b", 120, 130, 11),  # the file says they agree
    gold_claim("a", 140, 150, 50), gold_claim("b", 140, 150, 50), gold_claim("c", 140, 150, 60),  # so it does, over all three
    gold_claim("c", 40, 50, 3), gold_claim("a", 80, 90, 3),  # gold claims no fact holds
]  # fmt: skip
FACTS = [
    Fact(fact="trade", members=[("a", 0), ("b", 0), ("c", 0)]),
    Fact(fact="visits", members=[("a", 20, False), ("b", 20, False)]),
    Fact(fact="ties", members=[("a", 60), ("b", 60)]),
    Fact(fact="optional", members=[("a", 100), ("b", 100, True)]),
    Fact(fact="forced", members=[("a", 120), ("b", 120)], verdict="agree"),
    Fact(fact="declared", members=[("a", 140), ("b", 140), ("c", 140)], verdict="agree"),
]


def group(status, *sources):
    return {"kind": "group", "topic": "trade", "metric": "trade_value", "modality": "reported", "time": "2024", "status": status,
            "sources": [{"doc": doc, "id": f"{doc}:{start}-{end}", "text": f"{doc}{start}"} for doc, start, end in sources]}  # fmt: skip


A0, B0, C0, A20, B20 = ("a", 0, 10), ("b", 0, 10), ("c", 0, 10), ("a", 20, 30), ("b", 20, 30)


# (judged, right, facts found, conflicts reported, conflicts right, gold conflicts found); 5 facts of 2+ documents, 1 a conflict
@pytest.mark.parametrize(
    "name,groups,expected",
    [
        ("a right agree group", [group("agree", A0, B0)], (1, 1, 1, 0, 0, 0)),
        ("the fact's verdict over the group's documents only", [group("agree", A0, B0)], (1, 1, 1, 0, 0, 0)),
        ("a group that mixes facts", [group("agree", A0, B20)], (1, 0, 0, 0, 0, 0)),
        ("a wrong status", [group("conflict", A0, B0)], (1, 0, 0, 1, 0, 0)),
        ("a missed conflict", [group("agree", A0, C0)], (1, 0, 0, 0, 0, 0)),
        ("a right conflict", [group("conflict", A0, C0)], (1, 1, 1, 1, 1, 1)),
        ("a right conflict over every document", [group("conflict", A0, B0, C0)], (1, 1, 1, 1, 1, 1)),
        ("a conflict within one document is always wrong", [group("conflict", A0, A20)], (1, 0, 0, 1, 0, 0)),
        ("agreement within one document is not judged", [group("agree", A0, A20)], (0, 0, 0, 0, 0, 0)),
        ("gold claims outside the facts are not judged", [group("agree", ("c", 40, 50), ("a", 80, 90))], (0, 0, 0, 0, 0, 0)),
        ("unless they claim a conflict", [group("conflict", ("c", 40, 50), ("a", 80, 90))], (1, 0, 0, 1, 0, 0)),
        ("figures outside the gold are judged", [group("agree", ("a", 200, 210), ("b", 200, 210))], (1, 0, 0, 0, 0, 0)),
        ("overlapping dates agree", [group("agree", ("a", 60, 70), ("b", 60, 70))], (1, 1, 1, 0, 0, 0)),
        ("the file's verdict holds over all its documents", [group("agree", ("a", 120, 130), ("b", 120, 130))], (1, 1, 1, 0, 0, 0)),
        ("the file's verdict over three documents", [group("agree", ("a", 140, 150), ("b", 140, 150), ("c", 140, 150))], (1, 1, 1, 0, 0, 0)),
        ("and only over all of them", [group("agree", ("a", 140, 150), ("c", 140, 150))], (1, 0, 0, 0, 0, 0)),
        ("a fact with an optional member is not counted", [group("agree", ("a", 100, 110), ("b", 100, 110))], (1, 1, 0, 0, 0, 0)),
        ("a source maps to the fact it overlaps most", [group("agree", ("a", 0, 25), B0)], (1, 1, 1, 0, 0, 0)),
        ("on a tie, to the first fact", [group("agree", ("a", 5, 25), B0)], (1, 1, 1, 0, 0, 0)),
        ("a fact is found once", [group("agree", A0, B0), group("agree", ("a", 2, 8), ("b", 1, 9))], (2, 2, 1, 0, 0, 0)),
        ("two facts found", [group("agree", A0, B0), group("agree", A20, B20)], (2, 2, 2, 0, 0, 0)),
        ("series are not groups", [{"kind": "series", "points": []}], (0, 0, 0, 0, 0, 0)),
    ],
)
def test_score_compare(name, groups, expected):
    result = score_compare(groups, FACTS, GOLD)
    counts = (result.groups_judged, result.groups_right, result.facts_found, result.conflicts_reported, result.conflicts_right, result.gold_conflicts_found)
    assert counts == expected, name
    assert (result.facts, result.gold_conflicts) == (5, 1)


CASES = test_score_compare.pytestmark[0].args[1]


def test_ratios_and_summary():
    result = score_compare([group("agree", A20, B20), group("conflict", A0, C0), group("conflict", A0, A20)], FACTS, GOLD)
    assert (result.group_precision, result.fact_recall, result.compare_f1) == (0.667, 0.4, 0.5)
    assert (result.conflict_precision, result.conflict_recall) == (0.5, 1.0)
    assert result.summary() == "compare: group precision 0.67 (2/3)  fact recall 0.40 (2/5)  F1 0.50  conflicts P 0.50 (1/2) R 1.00 (1/1)"


def test_verdict_lines_say_why():
    result = score_compare([group("conflict", A0, A20), group("agree", A0, B20), group("agree", A0, B0)], FACTS, GOLD)
    assert result.lines == sorted(result.lines)
    assert "WRONG  within one document, conflict: trade_value/reported/2024: ['a0', 'a20']" in result.lines
    assert "WRONG  agree    trade_value/reported/2024: mixes ['trade', 'visits']: [('a', 'a0'), ('b', 'b20')]" in result.lines
    assert "RIGHT  agree    trade_value/reported/2024: fact trade: want agree: [('a', 'a0'), ('b', 'b0')]" in result.lines
    assert "MISSED agree    visits: docs ['a', 'b']" in result.lines
    assert not any("trade: docs" in line for line in result.lines)


SPANS = st.one_of(  # gold spans, and any others
    st.sampled_from([(g["doc"], g["start"], g["end"]) for g in GOLD]),
    st.tuples(st.sampled_from("abc"), st.integers(0, 140), st.integers(1, 20)).map(lambda t: (t[0], t[1], t[1] + t[2])),
)


GROUPS = st.lists(st.tuples(st.sampled_from(["agree", "conflict", "single", "inconsistent"]), st.lists(SPANS, max_size=4)), max_size=6)


@given(GROUPS)
def test_any_groups_score_within_bounds(drawn):
    result = score_compare([group(status, *spans) for status, spans in drawn], FACTS, GOLD)
    assert 0 <= result.groups_right <= result.groups_judged <= len(drawn) and result.facts_found <= result.facts
    assert 0 <= result.conflicts_right <= result.conflicts_reported and result.gold_conflicts_found <= result.gold_conflicts


def test_compare_models_score_like_their_json():
    source = {"value": 1.0, "unit": "USD", "qualifier": "exact", "period": "2024", "date": None, "published": None, "sentence": "s"}
    raw = group("agree", A0, B0)
    model = Group(**{**raw, "unit": "USD", "reason": "", "basis": "period", "sources": [{**s, **source} for s in raw["sources"]]})
    assert score_compare([model], FACTS, GOLD) == score_compare([raw], FACTS, GOLD)


@pytest.mark.parametrize(
    "figures,expected",
    [
        ({"a": [(100, "exact")], "b": [(104, "exact")]}, "agree"),
        ({"a": [(100, "exact")], "b": [(106, "exact")]}, "conflict"),
        ({"a": [(100, "approx")], "b": [(110, "exact")]}, "agree"),
        ({"a": [(100, "more_than")], "b": [(300, "exact")]}, "agree"),
        ({"a": [(100, "less_than")], "b": [(300, "exact")]}, "conflict"),
        ({"a": [(100, "nearly")], "b": [(95, "exact")]}, "agree"),
        ({"a": [("1992", "date")], "b": [("1992-12-22", "date")]}, "agree"),
        ({"a": [("1992-12", "date")], "b": [("1993", "date")]}, "conflict"),
        ({"a": [("2025-08-10/2025-08-13", "date")], "b": [("2025-08-12", "date")]}, "agree"),
        ({"a": [(100, "exact"), (200, "exact")]}, "agree"),  # one document never conflicts with itself
    ],
)
def test_verdict(figures, expected):
    assert verdict(figures) == expected


def test_a_member_outside_the_gold_is_named():
    with pytest.raises(FactsError, match="'trade': c:5 is not the start of a gold claim"):
        check_facts([Fact(fact="trade", members=[("a", 0), ("c", 5)])], GOLD)


def test_read_facts_names_the_bad_line(tmp_path):
    path = tmp_path / "facts.jsonl"
    path.write_text('{"fact": "t", "members": [["a", 0], ["b", 0, true]], "verdict": "conflict"}\n\n{"fact": "u", "members": [["a"]]}\n', encoding="utf-8")
    with pytest.raises(FactsError, match=r"facts.jsonl:3: members.0"):
        read_facts(path)
    path.write_text('{"fact": "t", "members": [["a", 0], ["b", 0, true]], "verdict": "conflict"}\n', encoding="utf-8")
    assert read_facts(path) == [Fact(fact="t", members=[("a", 0), ("b", 0, True)], verdict="conflict")]


# --- agreement with the reference implementation ------------------------------------------
needs_reference = pytest.mark.skipif(not REFERENCE_SCORER.exists(), reason=f"{REFERENCE_SCORER} not found (../shared is not here)")


def write_table_inputs(folder):
    facts, gold = folder / "facts.jsonl", folder / "gold.jsonl"
    facts.write_text("".join(f.model_dump_json(exclude_none=True) + "\n" for f in FACTS), encoding="utf-8")
    gold.write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    return facts, gold


def reference(tmp_path, groups, facts, gold_files):
    compared = tmp_path / "compare.jsonl"
    compared.write_text("".join(json.dumps(g) + "\n" for g in groups), encoding="utf-8")
    done = subprocess.run([sys.executable, str(REFERENCE_SCORER), str(compared), str(facts), *map(str, gold_files), "--json", "--show"],
                          capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    lines = done.stdout.splitlines()
    return json.loads(lines[-2]), lines[:-2], lines[-1]


def numbers(result):
    return result.model_dump(exclude={"lines"})


@needs_reference
@pytest.mark.parametrize("name,groups,expected", CASES)
def test_agrees_with_the_reference_on_the_table(tmp_path, name, groups, expected):
    facts, gold = write_table_inputs(tmp_path)
    ours = score_compare(groups, FACTS, GOLD)
    want, lines, summary = reference(tmp_path, groups, facts, [gold])
    assert (numbers(ours), ours.lines, ours.summary()) == (want, lines, summary)


@needs_reference
@given(GROUPS)
def test_agrees_with_the_reference_on_any_groups(drawn):
    spec = importlib.util.spec_from_file_location("score_compare", REFERENCE_SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    groups = [group(status, *spans) for status, spans in drawn]
    with tempfile.TemporaryDirectory() as folder:
        facts, gold = write_table_inputs(Path(folder))
        compared = Path(folder) / "compare.jsonl"
        compared.write_text("".join(json.dumps(g) + "\n" for g in groups), encoding="utf-8")
        printed = io.StringIO()
        with redirect_stdout(printed):
            scorer.main([str(compared), str(facts), str(gold), "--json", "--show"])
    lines = printed.getvalue().splitlines()
    ours = score_compare(groups, FACTS, GOLD)
    assert (numbers(ours), ours.lines, ours.summary()) == (json.loads(lines[-2]), lines[:-2], lines[-1])


@needs_reference
def test_agrees_with_the_reference_on_the_dev_articles(tmp_path):
    from vnkr.claims_io import read_jsonl
    from vnkr.compare import compare
    from vnkr.extraction import Settings, extract_paths

    facts, gold_files = SHARED / "dev" / "facts.jsonl", [SHARED / "gold" / "seeds.jsonl", SHARED / "dev" / "gold.jsonl"]
    claims = [json.loads(line) for r in extract_paths(Settings(reference=REFERENCE), [str(SEEDS), str(SHARED / "dev" / "input")]) for line in r.lines]
    comparison = compare(claims)
    groups = [json.loads(item.model_dump_json()) for item in [*comparison.groups, *comparison.series]]
    ours = score_compare(comparison.groups, read_facts(facts), [g for path in gold_files for g in read_jsonl(path)])
    want, lines, summary = reference(tmp_path, groups, facts, gold_files)
    assert ours.groups_judged > 0
    assert (numbers(ours), ours.lines, ours.summary()) == (want, lines, summary)
