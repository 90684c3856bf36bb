"""A reviewer's corrections file (--corrections): its two formats, what applying it does to claims and
to compare's groups, and the commands that read it, through typer's runner. Texts are paraphrased."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vnkr.cli import app
from vnkr.compare import compare
from vnkr.corrections import CorrectionsError, Links, apply, read_corrections

runner = CliRunner()

# a figure's starting level read with the year of its end: "grew from $86.8 billion" is the year before's
GREW = "Seoul, January 20, 2026\n\nLast year, trade between South Korea and Vietnam grew from $86.8 billion to $94.5 billion, the trade ministry said.\n"
STATED = "Hanoi, March 2, 2025\n\nTrade between Vietnam and South Korea reached $86.7 billion in 2024, according to customs data.\n"
MISREAD = "a:84-97"  # "$86.8 billion", read as 2025's
OTHER = "b:68-81"  # "$86.7 billion" in 2024


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text(GREW, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STATED, encoding="utf-8")
    return tmp_path


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def claim(cid="d:0-5", **extra):
    doc, _, span = cid.partition(":")
    start, _, end = span.partition("-")
    record = {"id": cid, "doc": doc, "start": int(start), "end": int(end), "text": "$5 billion", "label": "MONEY", "value": 5e9, "unit": "USD",
              "low": None, "high": None, "qualifier": "exact", "topic": "trade", "metric": "trade_value", "modality": "reported", "period": "2024",
              "period_from": "clause", "published": "2025-03-02", "subject": "KR", "counterpart": "VN", "scope": None, "sentence": "Trade was $5 billion."}  # fmt: skip
    record.update(extra)
    return record


# --- the file -----------------------------------------------------------------------------
VALID = [
    ("fix.toml", '[[correction]]\nid = "a:1-5"\ndrop = true\nnote = "a margin, not a stock"\n', [("drop", "a:1-5")]),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = { period = "2023-01/2023-11", metric = "trade_value", subject = "VN", counterpart = "KR" }\n', [("set", "a:1-5")]),
    ("fix.toml", '[[correction]]\nsame = ["a:1-5", "b:7-9"]\n[[correction]]\ndifferent = ["a:1-5", "c:2-4"]\n', [("same", "a:1-5"), ("different", "a:1-5")]),
    ("fix.toml", "# nothing to correct yet\n", []),
    (  # the skeleton `vnkr report` offers, filled in
        "corrections.toml",
        '# vnkr corrections skeleton: fill in one of drop / set for each claim\n[[correction]]\nid = "a:1-5"   # "$86.8 billion" — Last year, trade grew\n'
        '# drop = true\nset = { period = "2024", metric = "trade_value" }\n\n[[correction]]\nid = "b:7-9"\ndrop = true\n# set = { period = "YYYY", metric = "METRIC" }\n',
        [("set", "a:1-5"), ("drop", "b:7-9")],
    ),
    ("fix.jsonl", '{"id": "a:1-5", "drop": true}\n\n{"id": "b:7-9", "set": {"value": 86.8e9, "qualifier": "approx"}}\n', [("drop", "a:1-5"), ("set", "b:7-9")]),
    ("fix.jsonl", '{"same": ["a:1-5", "b:7-9"], "note": "one fact"}\n{"id": "a:1-5", "set": {"period": null}}\n', [("same", "a:1-5"), ("set", "a:1-5")]),
    ("fixes", '{"id": "a:1-5", "drop": true}\n', [("drop", "a:1-5")]),  # no suffix: JSONL by its first character
]


@pytest.mark.parametrize("name,text,expected", VALID)
def test_a_valid_file_is_read(tmp_path, name, text, expected):
    found = read_corrections(write(tmp_path, name, text)).items
    kinds = [("drop" if c.drop else "set" if c.fix else "same" if c.same else "different", c.ids[0]) for c in found]
    assert kinds == expected


INVALID = [
    (
        "fix.toml",
        '[[correction]]\nid = "a:1-5"\ndrop = true\n\n[[correction]]\nid = "b:1-5"\nset = { metric = "trade_vlue" }\n',
        "fix.toml:5: [[correction]] #2: set.metric: unknown metric 'trade_vlue' (did you mean trade_value",
    ),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = { period = "2023-13" }\n', "fix.toml:1: [[correction]] #1: set.period: '2023-13' is not an ISO date"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = { value = "86.8" }\n', "fix.toml:1: [[correction]] #1: set.value: expected a finite number"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = { value = true }\n', "set.value: expected a finite number"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = { value = inf }\n', "set.value: expected a finite number"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = { topic = "trades" }\n', "set.topic: input should be"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = { label = "MONEY" }\n', "set.label: unknown key"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = { subject = "korea" }\n', "set.subject: 'korea' is not an actor id"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = {}\n', "set: nothing to set"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\ndrop = true\nset = { period = "2023" }\n', "exactly one of drop, set, same, different (got drop, set)"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\ndrop = false\n', "drop: only drop = true drops a claim"),
    ("fix.toml", '[[correction]]\nset = { period = "2023" }\n', "set needs the id of the claim it corrects"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\n# drop = true\n', "fix.toml:1: [[correction]] #1: nothing to do: give one of drop, set, same, different (or remove this correction)"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nsame = ["a:1-5", "b:1-2"]\n', "id is not used with same"),
    ("fix.toml", '[[correction]]\nsame = ["a:1-5"]\n', "fix.toml:1: [[correction]] #1: same: expected two claim ids"),
    ("fix.toml", '[[correction]]\ndifferent = ["a:1-5", "a:1-5"]\n', "different: the same claim twice"),
    ("fix.toml", '[[correction]]\nid = "a"\ndrop = true\n', "id: 'a' is not a claim id as vnkr extract prints it"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nremove = true\n', "remove: unknown key"),
    ("fix.toml", '[[corrections]]\nid = "a:1-5"\ndrop = true\n', "fix.toml: corrections: unknown key"),
    ("fix.toml", '[[correction]]\nid = "a:1-5\n', "fix.toml: not valid TOML"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\ndrop = true\n[[correction]]\nid = "a:1-5"\nset = { period = "2023" }\n', "fix.toml: line 4: a second correction of a:1-5 (line 1 is the first)"),
    (
        "fix.toml",
        '[[correction]]\nsame = ["a:1-5", "b:1-5"]\n[[correction]]\nsame = ["b:1-5", "c:1-5"]\n[[correction]]\ndifferent = ["c:1-5", "a:1-5"]\n',
        "fix.toml: line 5: c:1-5 and a:1-5 are declared different here and the same",
    ),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\ndrop = true\n[[correction]]\nsame = ["b:1-5", "a:1-5"]\n', "fix.toml: line 4: a:1-5 is dropped by another correction"),
    ("fix.jsonl", '{"id": "a:1-5", "drop": true}\n{"id": "b:1-5", "set": {"period": "2023"\n', "fix.jsonl:2: not valid JSON"),
    ("fix.jsonl", '["a:1-5"]\n', "fix.jsonl:1: expected a JSON object, got list"),
    ("fix.jsonl", '\n{"id": "a:1-5", "set": {"low": 5, "high": 3}}\n', "fix.jsonl:2: set: low 5 is above high 3"),
    ("fix.jsonl", '{"id": "a:1-5", "set": {"metric": "trade_value"}, "drop": true}\n', "fix.jsonl:1: exactly one of"),
    ("fix.jsonl", '{"id": "a:1-5", "set": {"value": 5, "high": 6}}\n', "fix.jsonl:1: set: value is a single figure, low and high a range"),
    ("fix.jsonl", '{"id": "a:1-5", "set": {"value": 1' + "0" * 400 + "}}\n", "fix.jsonl:1: set.value: expected a finite number"),
    ("fix.jsonl", '{"id": "a:1-5", "set": {"value": 1e999}}\n', "fix.jsonl:1: set.value: expected a finite number"),
    ("fix.jsonl", '{"id": "a:1-5", "note": "\\ud83d"}\n', "fix.jsonl:1: holds a lone surrogate"),
    ("fix.jsonl", '{"id": "a:1-5", "drop": true, "x\\ny": 1}\n', "fix.jsonl:1: 'x\\ny': unknown key"),
    ("fix.toml", '[[correction]]\nid = "a:1-5"\nset = { "per\\niod" = "2023" }\n', "fix.toml:1: [[correction]] #1: set.'per\\niod': unknown key"),
    ("fix.jsonl", b'{"id": "a:1-5", "drop": true}\n{"note": "\xff"}\n', "fix.jsonl:2: not UTF-8"),
]


@pytest.mark.parametrize("name,text,message", INVALID)
def test_a_bad_file_is_one_error_naming_the_file_and_where(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(CorrectionsError) as raised:
        read_corrections(path)
    said = str(raised.value)
    assert "\n" not in said and said.startswith(str(path))
    assert message in said.replace(str(tmp_path) + "/", "")


KEYS = st.sampled_from(["id", "drop", "set", "same", "different", "note", "period", "value", "metric", "low"]) | st.text(max_size=4)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | st.sampled_from(["a:1-5", "b:2-9", "2023", "trade_value"]),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=12)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200) | JSON.map(json.dumps), suffix=st.sampled_from([".toml", ".jsonl", ""]))
def test_any_file_is_read_or_one_error(tmp_path, text, suffix):
    path = write(tmp_path, f"fix{suffix}", text)
    try:
        read_corrections(path)
    except CorrectionsError as error:
        assert "\n" not in str(error) and str(error).startswith(str(path))


def test_a_metric_of_the_users_rules_may_be_set(tmp_path):
    path = write(tmp_path, "fix.toml", '[[correction]]\nid = "a:1-5"\nset = { metric = "rice_exports" }\n')
    with pytest.raises(CorrectionsError):
        read_corrections(path)
    rules = write(tmp_path, "rules.toml", '[[count_metric]]\nid = "rice"\nexample = "3 million tonnes of rice"\nunit = "t"\ntopic = "trade"\nmetric = "rice_exports"\n')
    assert read_corrections(path, str(rules)).items[0].fix.metric == "rice_exports"


# --- applying drops and sets --------------------------------------------------------------
APPLIED = [
    ('set = { period = "2023" }', {}, {"period": "2023", "period_from": "correction", "corrected": True}),
    ('set = { metric = "investment_stock" }', {}, {"metric": "investment_stock", "topic": "investment", "corrected": True}),  # the topic follows
    ('set = { metric = "share", topic = "trade" }', {}, {"metric": "share", "topic": "trade"}),
    ("set = { value = 6e9 }", {"value": None, "low": 5e9, "high": 7e9}, {"value": 6000000000, "low": None, "high": None}),  # a single figure now
    ("set = { low = 4e9, high = 6e9 }", {}, {"value": None, "low": 4e9, "high": 6e9}),  # a range now
    ('set = { subject = "VN", counterpart = "KR", scope = "semiconductors", qualifier = "approx" }', {}, {"subject": "VN", "counterpart": "KR", "scope": "semiconductors", "qualifier": "approx"}),
    ('set = { date = "1992-12-22" }', {"label": "DATE", "value": None, "unit": None, "date": "1992"}, {"date": "1992-12-22"}),
]


@pytest.mark.parametrize("fix,before,after", APPLIED)
def test_a_set_changes_the_claim_and_marks_it(tmp_path, fix, before, after):
    corrections = read_corrections(write(tmp_path, "fix.toml", f'[[correction]]\nid = "d:0-5"\n{fix}\n'))
    untouched = claim("e:0-5")
    fixed, warnings = apply([claim(**before), untouched], corrections)
    assert warnings == []
    assert {k: fixed[0][k] for k in after} == after and fixed[0]["corrected"] is True
    assert fixed[1] is untouched and "corrected" not in untouched


def test_a_whole_number_is_written_as_the_record_writes_it(tmp_path):
    corrections = read_corrections(write(tmp_path, "fix.toml", '[[correction]]\nid = "d:0-5"\nset = { value = 6e9 }\n[[correction]]\nid = "e:0-5"\nset = { high = 7.5e9, low = 5.0e9 }\n'))
    fixed, _ = apply([claim(), claim("e:0-5")], corrections)
    assert type(fixed[0]["value"]) is int and (fixed[1]["low"], fixed[1]["high"]) == (5000000000, 7.5e9) and type(fixed[1]["low"]) is int


def test_a_drop_removes_the_claim(tmp_path):
    corrections = read_corrections(write(tmp_path, "fix.toml", '[[correction]]\nid = "d:0-5"\ndrop = true\n'))
    fixed, warnings = apply([claim(), claim("e:0-5")], corrections)
    assert [c["id"] for c in fixed] == ["e:0-5"] and warnings == []


@pytest.mark.parametrize(
    "fix,before,warning",
    [
        ('set = { date = "2023" }', {}, "a MONEY claim has a value, not a date"),
        ("set = { value = 5 }", {"label": "DATE", "value": None, "date": "1992"}, "a DATE claim has a date, not a value"),
        ("set = { low = 9e9 }", {"value": None, "low": 5e9, "high": 7e9}, "low 9000000000 would be above high 7000000000.0"),
        ("set = { high = 9e9 }", {}, "a range needs both low and high"),
    ],
)
def test_a_set_that_does_not_fit_its_claim_is_a_warning_and_leaves_it(tmp_path, fix, before, warning):
    path = write(tmp_path, "fix.toml", f'[[correction]]\nid = "d:0-5"\n{fix}\n')
    original = claim(**before)
    fixed, warnings = apply([original], read_corrections(path))
    assert fixed == [original]
    assert len(warnings) == 1 and warning in warnings[0] and warnings[0].startswith(f"{path}: line 1: d:0-5")


def test_a_correction_whose_claim_is_gone_is_a_warning_naming_it(tmp_path):
    path = write(tmp_path, "fix.jsonl", '{"id": "x:1-2", "drop": true}\n{"different": ["d:0-5", "y:3-4"]}\n')
    fixed, warnings = apply([claim()], read_corrections(path))
    assert fixed == [claim()]
    assert warnings == [f"{path}: line 1: no claim x:1-2 among the claims read; this drop correction is not applied",
                        f"{path}: line 2: no claim y:3-4 among the claims read; this different correction is not applied"]  # fmt: skip


def test_same_claims_that_measure_different_things_are_a_warning(tmp_path):
    path = write(tmp_path, "fix.toml", '[[correction]]\nsame = ["d:0-5", "e:0-5"]\n')
    claims = [claim(), claim("e:0-5", unit="KRW")]
    _, warnings = apply(claims, read_corrections(path))
    assert len(warnings) == 1 and "measure different things" in warnings[0]
    groups = compare(claims, links=read_corrections(path).links).groups
    assert sorted(g.unit for g in groups) == ["KRW", "USD"]  # not joined: a KRW figure is no USD figure


# --- same and different in compare ---------------------------------------------------------
def _groups(claims, links=None):
    return sorted(sorted(s.id for s in g.sources) for g in compare(claims, links=links).groups)


def test_same_joins_figures_of_two_years_and_a_figure_with_no_metric():
    first = claim("a:0-5", period=None, metric="investment_stock", topic="investment", published="2024-06-01", subject=None, counterpart=None, scope="samsung")
    second = claim("b:0-5", period=None, metric="investment_stock", topic="investment", published="2025-02-01", subject=None, counterpart=None, scope="samsung")
    unread = claim("c:0-5", metric=None, topic="other", subject=None, counterpart=None, period=None, published="2025-02-01")
    assert _groups([first, second, unread]) == [["a:0-5"], ["b:0-5"]]
    links = Links(same=(("a:0-5", "b:0-5"), ("c:0-5", "a:0-5")))
    (group,) = compare([first, second, unread], links=links).groups
    assert sorted(s.id for s in group.sources) == ["a:0-5", "b:0-5", "c:0-5"] and group.metric == "investment_stock"
    assert {s.id: s.corrected for s in group.sources} == {"a:0-5": False, "b:0-5": False, "c:0-5": True}  # only c's fields changed


def test_different_parts_two_figures_of_one_group():
    claims = [claim("a:0-5"), claim("b:0-5", value=5.1e9), claim("c:0-5", value=4.9e9)]
    assert _groups(claims) == [["a:0-5", "b:0-5", "c:0-5"]]
    links = Links(different=(("a:0-5", "c:0-5"),))
    assert _groups(claims, links) == [["a:0-5", "b:0-5"], ["c:0-5"]]
    moved = next(g for g in compare(claims, links=links).groups if len(g.sources) == 1)
    assert moved.sources[0].corrected and moved.sources[0].mentions[0].corrected


def test_different_parts_a_document_from_itself():
    claims = [claim("a:0-5"), claim("a:9-14", value=5.6e9)]
    assert [g.status for g in compare(claims).groups] == ["inconsistent"]
    links = Links(different=(("a:0-5", "a:9-14"),))
    assert sorted(g.status for g in compare(claims, links=links).groups) == ["single", "single"]


def test_different_parts_the_dates_of_one_event():
    ties = {"label": "DATE", "value": None, "unit": None, "topic": "diplomacy", "metric": "diplomatic_ties", "period": None}
    claims = [claim("a:0-5", date="1992-12-22", **{k: v for k, v in ties.items()}), claim("b:0-5", date="1992", **ties)]
    assert len(compare(claims).groups) == 1
    assert len(compare(claims, links=Links(different=(("a:0-5", "b:0-5"),))).groups) == 2


# --- the commands ---------------------------------------------------------------------------
def _extract(*args):
    result = run("extract", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_extract_applies_drops_and_sets_and_changes_no_other_byte(corpus):
    plain = _extract(corpus)
    assert MISREAD in plain and "corrected" not in plain
    fixes = write(corpus.parent, "fix.toml", f'[[correction]]\nid = "{MISREAD}"\nset = {{ period = "2024" }}\n[[correction]]\nid = "a:101-114"\ndrop = true\n')
    lines = _extract(corpus, "--corrections", fixes).splitlines()
    before = plain.splitlines()
    assert len(lines) == len(before) - 1
    fixed = json.loads(lines[0])
    assert fixed["id"] == MISREAD and fixed["period"] == "2024" and fixed["period_from"] == "correction" and fixed["corrected"] is True
    assert lines[1:] == [line for line in before[1:] if '"a:101-114"' not in line]  # the rest as they were, byte for byte


def test_extract_with_corrections_of_other_claims_is_byte_identical_and_warns(corpus):
    plain = _extract(corpus)
    fixes = write(corpus.parent, "fix.toml", '[[correction]]\nid = "z:1-9"\ndrop = true\n[[correction]]\nsame = ["a:84-97", "q:3-4"]\n')
    result = run("extract", corpus, "--corrections", fixes)
    assert result.exit_code == 0 and result.stdout == plain
    assert result.stderr.splitlines() == [
        f"vnkr: warning: {fixes}: line 1: no claim z:1-9 among the claims read; this drop correction is not applied",
        f"vnkr: warning: {fixes}: line 4: no claim q:3-4 among the claims read; this same correction is not applied",
    ]


@pytest.mark.parametrize("command", ["extract", "compare", "report"])
def test_a_bad_corrections_file_is_one_line_and_exit_2(corpus, command):
    fixes = write(corpus.parent, "fix.jsonl", '{"id": "a:84-97", "set": {"period": "last year"}}\n')
    result = run(command, corpus, "--corrections", fixes, *(["-o", corpus.parent / "r.html"] if command == "report" else []))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"vnkr: error: {fixes}:1: set.period: 'last year' is not an ISO date or interval (YYYY, YYYY-MM, YYYY-MM-DD, A/B)\n"


def _compare(*args):
    result = run("compare", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return [g for g in map(json.loads, result.stdout.splitlines()) if g["kind"] == "group"]


def test_compare_a_misread_period_fixed_joins_the_fact(corpus):
    assert "corrected" not in run("compare", corpus, "--format", "json").stdout  # without the file, nothing says so
    before = _compare(corpus)
    # $86.8 and $94.5 billion, both read as "2025", one sentence's change: two facts, neither joins 2024's
    assert sorted((g["time"], g["status"], [s["id"] for s in g["sources"]]) for g in before) == [
        ("2024", "single", [OTHER]), ("2025", "single", ["a:101-114"]), ("2025", "single", [MISREAD])]
    fixes = write(corpus.parent, "fix.toml", f'[[correction]]\nid = "{MISREAD}"\nset = {{ period = "2024" }}\nnote = "the level it grew from"\n')
    after = _compare(corpus, "--corrections", fixes)
    assert {g["time"]: (g["status"], sorted(s["id"] for s in g["sources"])) for g in after} == {"2025": ("single", ["a:101-114"]), "2024": ("agree", [MISREAD, OTHER])}
    joined = next(g for g in after if g["time"] == "2024")
    assert {s["id"]: s.get("corrected", False) for s in joined["sources"]} == {MISREAD: True, OTHER: False}
    assert "a: correction" in joined["why"]


def test_compare_tables_mark_the_corrected_sources(corpus):
    fixes = write(corpus.parent, "fix.toml", f'[[correction]]\nid = "{MISREAD}"\nset = {{ metric = "trade_value", scope = "manufacturing" }}\n')
    assert "corrected" not in run("compare", corpus, "--format", "markdown").stdout
    table = run("compare", corpus, "--format", "markdown", "--corrections", fixes).stdout
    assert [line.count("✎ corrected") for line in table.splitlines() if "[manufacturing]" in line and "|" in line] == [1]


def test_compare_same_and_different_through_the_cli(corpus):
    fixes = write(corpus.parent, "fix.jsonl", json.dumps({"same": [OTHER, MISREAD]}) + "\n")
    after = _compare(corpus, "--corrections", fixes)
    joined = next(g for g in after if MISREAD in {s["id"] for s in g["sources"]})
    assert joined["time"] == "2024" and sorted(s["id"] for s in joined["sources"]) == [MISREAD, OTHER]
    claims = _extract(corpus)
    stdin = runner.invoke(app, ["compare", "-", "--format", "json", "--corrections", str(fixes)], input=claims)
    assert stdin.exit_code == 0 and [json.loads(line)["time"] for line in stdin.stdout.splitlines() if '"group"' in line] == [g["time"] for g in after]
    apart = write(corpus.parent, "apart.jsonl", json.dumps({"different": [MISREAD, "a:101-114"]}) + "\n")
    parted = _compare(corpus, "--corrections", apart)
    assert sorted((g["time"], g["status"]) for g in parted) == [("2024", "single"), ("2025", "single"), ("2025", "single")]


def test_report_marks_the_corrected_claims(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    fixes = write(out, "fix.toml", f'[[correction]]\nid = "{MISREAD}"\nset = {{ period = "2024" }}\n')
    plain = run("report", corpus, "-o", out / "plain.html")
    assert plain.exit_code == 0 and "corrected" not in (out / "plain.html").read_text(encoding="utf-8")
    result = run("report", corpus, "-o", out / "fixed.html", "--corrections", fixes)
    assert result.exit_code == 0, result.output
    page = (out / "fixed.html").read_text(encoding="utf-8")
    assert page.count("✎ corrected</span>") == 1  # the one mention, in its group
    assert "<mark class='claim corrected'" in page and '"corrected": true' in page  # in its document, and its fields
