"""benchmarks/newsquant.py: its matching on a few sentences written for the test in NewsQuant's
format (the benchmark's own data stay outside the repo), and its skip line without them."""

import json
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import newsquant  # noqa: E402

SENTENCES = [
    {  # value and unit right, a range as a range, a count through vnkr's count table ('workers' is person);
        # the old and new level of a change are NewsQuant's range, its change '=' as vnkr's record of the new level says
        "text": "The carmaker employs 4,200 workers and its range grew from 300 to 350 miles.",
        "quantities": [
            {"change": "=", "value": "4200.0", "unit": "workers", "normalized_unit": "worker", "referred_concepts": "-"},
            {"change": "=", "value": "300.0-350.0", "unit": "miles", "normalized_unit": "mile", "referred_concepts": "-"},
        ],
    },
    {  # pint's units and vnkr's: 'two weeks' is 14 days; mph is mile per hour
        "text": "The storm lasted two weeks with winds of 90 mph.",
        "quantities": [
            {"change": "=", "value": "2", "unit": "weeks", "normalized_unit": "week", "referred_concepts": "-"},
            {"change": "=", "value": "90.0", "unit": "mph", "normalized_unit": "mile per hour", "referred_concepts": "-"},
        ],
    },
    {  # signed changes: the magnitude with its direction is NewsQuant's negative number and its change
        "text": "The Stoxx 50 closed -1.3% lower while the FTSE added 0.8%.",
        "quantities": [
            {"change": "down", "value": "-1.3", "unit": "%", "normalized_unit": "percentage", "referred_concepts": "-"},
            {"change": "up", "value": "0.8", "unit": "%", "normalized_unit": "percentage", "referred_concepts": "-"},
        ],
    },
    {  # a range claim is one prediction; the change of a qualifier ('about' is ~), one of them wrong ('=')
        "text": "Regulators may impose a fine of $3 billion to $5 billion on about 12 firms.",
        "quantities": [
            {"change": "=", "value": "3000000000.0-5000000000.0", "unit": "$", "normalized_unit": "dollar", "referred_concepts": "-"},
            {"change": "=", "value": "12", "unit": "firms", "normalized_unit": "firm", "referred_concepts": "-"},
        ],
    },
    {  # the value right, the unit wrong (the gold says euro), and a gold quantity missed
        "text": "Tickets cost $40 and the club sold out.",
        "quantities": [
            {"change": "=", "value": "40.0", "unit": "euros", "normalized_unit": "euro", "referred_concepts": "-"},
            {"change": "=", "value": "1", "unit": "club", "normalized_unit": "club", "referred_concepts": "-"},
        ],
    },
]


def test_scores_value_and_unit_one_to_one(tmp_path, capsys):
    data = tmp_path / "NewsQuant.json"
    data.write_text(json.dumps(SENTENCES), encoding="utf-8")
    rows = newsquant.run(json.loads(data.read_text(encoding="utf-8")))
    assert [(r["gold"], r["pred"], r["value"], r["value+unit"], r["value+change"]) for r in rows] == [
        (2, 2, 2, 2, 2), (2, 2, 2, 2, 2), (2, 2, 2, 2, 2), (2, 2, 2, 2, 1), (2, 1, 1, 0, 1)
    ]  # fmt: skip
    assert newsquant.main(["--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "vnkr all               value         100.0   90.0   94.7   9/10/9" in out
    assert "vnkr all               value+change   88.9   80.0   84.2   8/10/9" in out
    assert "CQE                    value+change   88.2   88.1   88.1" in out


@pytest.mark.parametrize(
    "gold,expected",
    [("6.0", (6.0,)), ("252.0-287.0", (252.0, 287.0)), ("-1.4", (-1.4,)), ("4.8-4.7", (4.8, 4.7)), ("1.99E-29", (1.99e-29,))],
)
def test_gold_values(gold, expected):
    assert newsquant.gold_value(gold) == expected


def test_without_data_one_line_and_success(tmp_path, capsys):
    assert newsquant.main(["--data", str(tmp_path / "absent.json")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("skipped:") and "satya77/CQE_Evaluation" in out[0]


@pytest.mark.parametrize(
    "gold,claim",
    [
        ("different boss", ("count", "boss")),  # a lemma ending in -ss is singular already
        ("virus", ("count", "virus")),
        ("snap man coverage", ("count", "snap")),  # vnkr counts the phrase's head noun
        ("barrel of oil", ("measure", "oil_barrel")),  # a unit of a substance
    ],
)
def test_gold_units_read_as_vnkr_writes_them(gold, claim):
    kind, unit = claim
    pred = (kind, newsquant.pint_unit(unit) if kind == "measure" else unit)
    assert newsquant.same_family(newsquant.gold_unit(gold, {}), pred)


def test_an_amount_in_pence_is_the_number_written(tmp_path):
    text = "Its shares closed at 118.5p on Friday."
    gold = [{"change": "=", "value": "118.5", "unit": "p", "normalized_unit": "penny", "referred_concepts": "-"}]
    (row,) = newsquant.run([{"text": text, "quantities": gold}])
    assert row["value"] == 1


def test_an_amount_in_a_subunit_carries_the_subunit_as_its_unit():
    gold = [{"change": "up", "value": "12", "unit": "sen", "normalized_unit": "sen", "referred_concepts": "-"}]
    (row,) = newsquant.run([{"text": "The planter rose 12 sen on Monday.", "quantities": gold}])
    assert (row["value"], row["value+unit"]) == (1, 1)


@pytest.mark.parametrize(
    "text,changes",
    [
        # a change named by a noun is the amount of a thing: NewsQuant's '='; a verb or adverb moves the figure
        ("Analysts see a 12% drop in the index, while the rival index fell 3%.", ["=", "down"]),
        ("The carrier posted a loss of 45 cents a share and an increase of 8,200 jobs.", ["=", "="]),
        # the bound word nearest the number decides, as in CQE: 'up about' is ~, 'climbed more than' >
        ("The fund was up about 14 per cent and its rival climbed more than 6%.", ["~", ">"]),
        # vnkr's `nearly` is CQE's < when its word is 'under', also for the figure restated in brackets
        ("The engine makes just under 250 hp (186 kW) and almost 400 Nm.", ["<", "<", "~"]),
        # a change restated after 'or' went the same way; restating a named change it stays '='
        ("The index lost 120 points, or 0.7%, after a gain of 900 jobs or 2 per cent.", ["down", "down", "=", "="]),
    ],
)
def test_changes_as_cqe_reads_them(text, changes):
    from vnkr.components.facts import rules_for

    newsquant.CHANGE_NOUNS.update(rules_for(None, "en").direction.nouns)
    (row,) = newsquant.run([{"text": text, "quantities": []}])
    assert [p["change"] for p in row["predictions"]] == changes


def test_a_price_in_p_is_of_the_units_cqe_gives_the_symbol():
    # CQE's unit dictionary gives 'p' to both penny and point; NewsQuant writes a share price's 'p' as point
    gold = [{"change": "=", "value": "164", "unit": "p", "normalized_unit": "point", "referred_concepts": "-"}]
    (row,) = newsquant.run([{"text": "The broker's shares closed at 164p on Friday.", "quantities": gold}])
    assert (row["value"], row["value+unit"]) == (1, 1)
