"""vnkr on NewsQuant, a benchmark of quantities in general news (Almasian et al., "CQE: A
Comprehensive Quantity Extractor", EMNLP 2022; github.com/vivkaz/CQE).

NewsQuant is third-party data and stays out of this repo. The default source is the 590-sentence
test set of CQE's evaluation repository (github.com/satya77/CQE_Evaluation,
data/formatted_test_set/NewsQuant.json), the set of its published table
data/evaluation_output/NewsQuant.csv; put it at ../bench-data/NewsQuant.json beside the repo, or
pass --data (the older 475-sentence file of github.com/vivkaz/CQE reads the same way).

Each sentence runs through vnkr's English pipeline on its own. A claim is a prediction unless it
is a DATE (NewsQuant annotates no dates or years). A range claim (`low`/`high`) is one prediction
of a range; so are two claims of a change's old and new level, which vnkr keeps apart as two
figures and NewsQuant's gold writes as one range ('from 4.8% to 4.7%', 'fell from $75 per barrel
to $45.88'), its change what vnkr's record of the new level says. A claim whose text
carries a minus sign ('-1.3%', 'minus-5 yards') is the negative number NewsQuant writes; an amount
in a currency's subunit is the number written ('118.5p' is 118.5, where vnkr says 1.185 GBP). Gold and
predictions are matched one to one, per sentence:

  value        equal within REL_TOL (a fraction's 0.3333 is the gold's 0.333…); or, when both
               units are units pint knows, equal after converting the claim into the gold's unit
               (vnkr writes 'two weeks' as 14 days); a range matches a range, bound by bound
  value+unit   the value, and the unit of the same family: pint's dimensionality for measures
               ('mph' and 'mile per hour'), the currency's name for money, the counted noun for
               counts (vnkr's unit, or the gold's noun read through vnkr's own count_unit table:
               gold 'workers' is vnkr 'person'), see gold_unit / claim_unit
  value+change the value, and the gold's `change` (=, ~, >, <, up, down) equal to the claim's, as
               CQE reads a change from the bound words before a number, the nearest deciding: the
               qualifier first (approx ~, nearly ~ or, said 'under', <, more_than and at_least >,
               less_than and at_most <), else the direction (up, down), except a change a noun
               names ('a 19% drop', 'a loss of 63 cents': NewsQuant's '='), else '='; a figure
               restated in brackets or after 'or' takes its source's cue words, see claim_change

CQE's own script (evaluate_models.py) compares values with np.isclose(rtol=1e-5) and units as
normalised strings, and lets one prediction match several gold quantities; this one matches one
to one, so its numbers are, if anything, a little stricter. Scores are printed for all
sentences, the DEV half (even-indexed: the half rules may be made from) and the HELD-OUT half
(odd-indexed: measured only), beside CQE's published scores on the 590 sentences.

    .venv/bin/python benchmarks/newsquant.py [--data PATH] [--misses dev] [--false-positives dev] [--changes dev] [--units dev]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "bench-data" / "NewsQuant.json"
SOURCE = "https://github.com/satya77/CQE_Evaluation (data/formatted_test_set/NewsQuant.json, 590 sentences)"
REL_TOL = 1e-3
RANGE_WORDS = {"-", "–", "—", "to", "and"}
FROM_TO_GAP = 40  # 'from $36,040 at 10.45pm last night to $34,935': NewsQuant's range, a few words between

# published scores on the 590 sentences, data/evaluation_output/NewsQuant.csv of
# github.com/satya77/CQE_Evaluation: (system, P, R, F1) for value, value+unit and value+change
PUBLISHED = {
    "value": [("CQE", 92.0, 91.9, 92.0), ("GPT-3", 72.1, 69.1, 70.6), ("quantulum3", 65.0, 83.3, 73.0), ("text-recognizer", 59.7, 82.2, 69.1), ("ccg_nlp", 50.6, 66.0, 57.3)],
    "value+unit": [("CQE", 85.6, 85.5, 85.6), ("GPT-3", 60.3, 57.9, 59.1), ("quantulum3", 42.1, 53.9, 47.2), ("text-recognizer", 29.6, 40.7, 34.2), ("ccg_nlp", 32.8, 42.8, 37.1)],
    "value+change": [("CQE", 88.2, 88.1, 88.1), ("GPT-3", 53.1, 50.9, 51.9), ("ccg_nlp", 44.2, 57.6, 50.0)],
}
KINDS = ("value", "value+unit", "value+change")
# a claim's qualifier → NewsQuant's `change`; a direction (up, down) is its own change
CHANGES = {"exact": "=", "approx": "~", "nearly": "~", "more_than": ">", "at_least": ">", "less_than": "<", "at_most": "<"}
MINUS = ("-", "\u2212", "minus")
UNDER = ("under", "below")  # the words of vnkr's `nearly` that CQE reads as < ('just under'); its others are ~
# a subunit's symbol → the units CQE's unit dictionary (CQE/unit.json) gives that symbol: 'p' is a symbol
# of both 'penny' and 'point', and NewsQuant writes a share price's '164p' as 'point'
SUBUNIT_SYMBOLS = {"p": ("penny", "point"), "pence": ("penny",)}
RESTATED = {"(", "/"}  # what stands between a figure and the same figure restated in brackets ('296 hp (224 kW / 300 PS)')

# vnkr's currency codes → NewsQuant's currency names
CURRENCIES = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen", "CNY": "chinese yuan",
    "KRW": "south korean won", "VND": "vietnamese dong", "AUD": "australian dollar", "HKD": "hong kong dollar",
    "CAD": "canadian dollar", "NZD": "new zealand dollar", "ILS": "shekel", "INR": "indian rupee", "DKK": "danish krone",
    "CHF": "swiss franc", "MXN": "peso", "PHP": "peso", "SGD": "singapore dollar", "RUB": "russian ruble",
    "MYR": "malaysian ringgit", "THB": "thai baht", "IDR": "indonesian rupiah", "TWD": "new taiwan dollar",
}  # fmt: skip
# NewsQuant's unit names that pint spells otherwise, or that are one family for this comparison
GOLD_SPELLINGS = {
    "pound-foot": "foot * force_pound", "foot pound-force": "foot * force_pound", "newton metre": "newton * meter", "nm": "newton * meter",
    "parts-per-billion": "ppb", "milliampere-hour": "milliampere * hour", "pound-mass": "pound", "metric ton": "metric_ton",
    "brake horsepower": "horsepower", "revolutions per minute": "revolution / minute", "count per minute": "1 / minute",
    "celsius": "degree_Celsius", "fahrenheit": "degree_Fahrenheit", "percentage": "percent", "united states dollar": "dollar",
    "pesos": "peso", "basis point": "basis_point", "kilopound per square inch": "ksi",
}  # fmt: skip


SYMBOLS: dict[str, str] = {}  # a claim's unit symbol → the pint expression of its measure_unit rule; filled by run()
SUBUNITS: dict[str, float] = {}  # a claim's rule 'subunit-pence' → the subunit's factor (0.01); filled by run()
CHANGE_NOUNS: set[str] = set()  # the change nouns of vnkr's direction rules ('drop', 'increase'); filled by run()


def registry():
    from vnkr.normalize.units import registry as units

    return units()


def pint_unit(name: str):
    """The pint unit a unit name stands for, or None."""
    try:
        return registry().Unit(name)
    except Exception:  # noqa: BLE001 - pint raises several kinds for names it does not know
        return None


def gold_unit(name: str, count_nouns: dict[str, str]) -> tuple[str, object, str]:
    """A gold quantity's unit family: ('money', (currency, per unit)), ('measure', pint unit),
    ('fraction', None), ('age', None), ('percent', None), ('times', None), ('count', its noun phrase) or
    ('none', None); and, third, the noun a count of it would carry ('yards' → 'yard', gold
    'workers' → vnkr's 'person'), as NewsQuant names some units that pint also knows ('point')."""
    name = GOLD_SPELLINGS.get(name.strip().lower(), name.strip().lower())
    head = name.split()[-1] if name.split() else name
    noun = count_nouns.get(head) or count_nouns.get(head + "s") or _singular(head)
    if name in {"-", ""}:
        return "none", None, noun
    if name.startswith("%") and name != "%":
        return "fraction", None, noun  # NewsQuant writes 'a third of the population' as 0.333 '% population'
    if name.endswith("of age"):
        return "age", None, noun
    if name == "percent":
        return "percent", None, noun
    if name == "count":
        return "times", None, noun  # '3200 times', 'sixfold'
    money = [c for c in sorted(set(CURRENCIES.values()), key=len, reverse=True) if name == c or name.startswith(c + " per ")]
    if money:
        rest = name[len(money[0]) :].removeprefix(" per ").strip()
        return "money", (money[0], pint_unit(rest) if rest else None), noun
    if name != "g" and (unit := pint_unit(name)) is not None:
        return "measure", unit, noun
    measure, of, _ = name.partition(" of ")
    if of and (unit := pint_unit(GOLD_SPELLINGS.get(measure, measure))) is not None:
        return "measure", unit, noun  # 'barrel of oil': a unit of a substance
    return "count", name, noun


def _singular(word: str) -> str:
    """A gold unit's head as vnkr's counted noun: NewsQuant writes lemmas, mostly singular already
    ('boss', 'virus'), some plural ('Americans')."""
    if word.endswith(("ss", "us", "is")) or not word.endswith("s"):
        return word
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def measure_unit(symbol: str):
    """The pint unit of a claim's unit symbol, through vnkr's own measure_unit rules ('km2' is
    'kilometer ** 2', 'bp' a basis point), else pint's reading of it, else the symbol itself."""
    return pint_unit(SYMBOLS.get(symbol, symbol)) or symbol


def claim_unit(claim, count_nouns: dict[str, str]) -> tuple[str, object]:
    """A claim's unit family, in the terms of gold_unit."""
    label, unit = claim.label, claim.unit
    if claim.rule in SUBUNITS:  # '18 sen': NewsQuant names the subunit, vnkr the currency (0.18 MYR)
        written = claim.text.split()[-1].lower().strip(".").lstrip("0123456789.,")
        return "count", SUBUNIT_SYMBOLS.get(written, _singular(written))
    if label == "MONEY":
        return "money", (CURRENCIES.get(unit, unit.lower() if unit else None), None)
    if label == "PERCENT":
        return "percent", None
    if label == "MULTIPLIER":
        return "times", None
    if label == "QUANTITY" and unit == "fraction":
        return "fraction", None
    if label == "QUANTITY" and claim.rule == "age":
        return "age", None
    if label in {"QUANTITY", "DURATION"} and unit:
        if "/" in unit and unit.split("/")[0] in CURRENCIES:
            code, per = unit.split("/", 1)
            return "money", (CURRENCIES[code], measure_unit(per))
        return "measure", measure_unit(unit)
    if label == "CARDINAL" and unit:
        return "count", count_nouns.get(unit, unit)
    return "none", None


def same_family(gold, pred) -> bool:
    """Whether a claim's unit is of the gold's family: the same counted noun, currency (and per-unit
    dimension), or, for measures, the same dimension ('mph' and 'mile per hour', 'yd' and 'yard')."""
    kind, unit, noun = gold
    if pred[0] == "count" and isinstance(pred[1], tuple):
        return noun in pred[1]  # a subunit symbol CQE reads as one of several units ('p': penny or point)
    if pred[0] == "count" and (pred[1] == noun or (kind == "count" and pred[1] in unit_words(unit))):
        return True  # vnkr counts the head noun of NewsQuant's phrase: 'snap' of '65 snaps of man coverage'
    if kind != pred[0]:
        return False
    if kind == "money":
        (name, per), (pname, pper) = unit, pred[1]
        return name == pname and (per is None) == (pper is None) and (per is None or _dimension(per) == _dimension(pper))
    if kind == "measure":
        return _dimension(unit) == _dimension(pred[1])
    return unit == pred[1]


def unit_words(noun) -> set[str]:
    """The words of a gold count's noun phrase, each as vnkr's counted noun would be."""
    return {_singular(w) for w in str(noun).split()} if noun else set()


def _dimension(unit):
    try:
        return registry().get_dimensionality(unit) if not isinstance(unit, str) else unit
    except Exception:  # noqa: BLE001
        return str(unit)


def gold_value(text: str) -> tuple[float, ...]:
    """'6.0' → (6.0,), '252.0-287.0' → (252.0, 287.0), '-1.4' → (-1.4,), '1.99E-8' → (1.99e-8,):
    a range as CQE's evaluate_models.py reads one (a '-' inside, no exponent, no leading sign)."""
    if "E" not in text and not text.startswith("-") and "-" in text:
        head, _, tail = text.partition("-")
        return float(head), float(tail)
    return (float(text),)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


def values_match(gold: tuple[float, ...], gold_family, pred: tuple[float, ...], pred_family) -> bool:
    if len(gold) != len(pred):
        return False
    if all(close(g, p) for g, p in zip(gold, pred)):
        return True
    if gold_family[0] == pred_family[0] == "measure" and not isinstance(gold_family[1], str) and not isinstance(pred_family[1], str):
        try:  # 'two weeks', which vnkr writes as 14 days
            q = registry().Quantity
            return all(close(g, q(p, pred_family[1]).to(gold_family[1]).magnitude) for g, p in zip(gold, pred))
        except Exception:  # noqa: BLE001 - different dimensions: no match
            return False
    return False


def claim_value(claim) -> tuple[float, ...]:
    """A claim's number(s) as NewsQuant writes them: a range as its two ends, a figure written with
    a minus sign as a negative number (vnkr keeps the magnitude and says `direction` down)."""
    low, high = getattr(claim, "low", None), getattr(claim, "high", None)  # a record of vnkr before ranges has neither
    if claim.value is None and low is not None and high is not None:
        return float(low), float(high)
    if claim.value is None:
        return ()
    value = float(claim.value)
    if claim.rule in SUBUNITS:  # '118.5p': vnkr says £1.185, NewsQuant the pence as written
        value = round(value / SUBUNITS[claim.rule], 6)
    digits = next((i for i, ch in enumerate(claim.text) if ch.isdigit()), 0)
    if value > 0 and any(claim.text[:digits].lower().replace(" ", "").endswith((m, m + "$", "$" + m)) for m in MINUS):
        value = -value
    return (value,)


def claim_change(claim, sentence: str = "", source=None) -> str:
    """A claim's NewsQuant `change`, as CQE reads one from the bound words before a number, the nearest
    deciding (NumberNormalizer.normalize_bound_token): the qualifier first ('up about 19%' is ~,
    'climbed more than 3%' >), 'just under' < where vnkr's `nearly` also holds 'almost' (~); else the
    direction, unless a change noun gave it ('a 19% drop', 'a loss of 63 cents': the amount of a change
    named as a thing, which NewsQuant writes '='). `source` is the figure a claim restates ('296 hp (224
    kW)', '190 points, or 0.6%'): its cue words are the source's."""
    cue = source or claim
    if claim.qualifier == "nearly" and any(w in _cue(cue.text) for w in UNDER):
        return "<"
    if claim.qualifier != "exact" or claim.direction not in ("up", "down"):
        return CHANGES.get(claim.qualifier, "=")
    return "=" if named_change(cue, sentence) else claim.direction


def _cue(text: str) -> list[str]:
    """The words of a claim's text before its number ('just under 296 hp' → ['just', 'under'])."""
    digits = next((i for i, ch in enumerate(text) if ch.isdigit()), len(text))
    return text[:digits].lower().split()


def named_change(claim, sentence: str) -> bool:
    """Whether a change noun, not a verb or adverb, says the figure is a change: one right after it
    ('a 19% drop'), or one with 'of' right before it ('an increase of 60,600')."""
    if not sentence:
        return False
    after = sentence[claim.end :].lower().lstrip(" -").split()[:1]
    before = sentence[: claim.start].lower().split()[-2:]
    return any(_noun(w) for w in after) or (len(before) == 2 and before[1] == "of" and _noun(before[0]))


def _noun(word: str) -> bool:
    word = word.strip(".,;:()")
    return word in CHANGE_NOUNS or (word.endswith("s") and word[:-1] in CHANGE_NOUNS)


def predictions(claims, sentence: str, count_nouns: dict[str, str]) -> list[dict]:
    """The claims as predictions: DATEs left out, a range one prediction, the two levels of a change
    ('from X to Y') one prediction of a range."""
    kept = [c for c in claims if c.label != "DATE"]
    out: list[dict] = []
    source = previous = None
    for claim in kept:
        restated = previous is not None and restates(sentence[previous.end : claim.start])
        source, previous = source if restated else claim, claim
        change = claim_change(claim, sentence, source if restated else None)
        entry = {"value": claim_value(claim), "family": claim_unit(claim, count_nouns), "change": change, "claim": claim}
        if out and len(out[-1]["value"]) == 1 and len(entry["value"]) == 1:
            prev = out[-1]["claim"]
            between = sentence[prev.end : claim.start].strip().lower()
            opened = sentence[: prev.start].lower().split()[-1:] == ["from"]
            if opened and (between in RANGE_WORDS or between.split()[-1:] == ["to"]) and len(between) <= FROM_TO_GAP:
                if claim.value != prev.value and (prev.label == claim.label or prev.label == "CARDINAL"):
                    # the pair's change is what vnkr's records say of the new level (its direction or qualifier), not
                    # one made up from the two values: NewsQuant writes such a range mostly as '=' ('from 4.8 to 4.7')
                    out[-1] = {"value": out[-1]["value"] + entry["value"], "family": entry["family"], "change": entry["change"], "claim": claim, "first": prev}
                    continue
        out.append(entry)
    return out


def restates(between: str) -> bool:
    """Whether the text between two figures makes the second the first restated: a bracket, or 'or' after
    at most the first's counted noun ('190 points, or 0.6%', as vnkr_direction's restate_words read it)."""
    words = between.replace(",", " ").lower().split()
    if words in ([w] for w in RESTATED):
        return True
    return bool(words) and words[-1] == "or" and len(words) <= 3 and all(w.isalpha() for w in words)


def score(rows: list[dict]) -> dict[str, tuple[float, float, float, int, int, int]]:
    result = {}
    for kind in KINDS:
        tp = sum(r[kind] for r in rows)
        gold = sum(r["gold"] for r in rows)
        pred = sum(r["pred"] for r in rows)
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[kind] = (100 * p, 100 * r, 100 * f, tp, gold, pred)
    return result


def match_sentence(gold: list[dict], preds: list[dict], count_nouns: dict[str, str]) -> dict:
    """One-to-one matches of a sentence by value; of those, how many carry the gold's unit and how many
    its change. A pair that matches unit and change is preferred, then one with the unit, then one
    with the change, then the value alone."""
    gold_items = [(gold_value(q["value"]), gold_unit(q["normalized_unit"], count_nouns), q) for q in gold]
    used_gold, used_pred = set(), set()
    unit_ok = change_ok = 0
    wrong_change, wrong_unit = [], []
    for need_unit, need_change in ((True, True), (True, False), (False, True), (False, False)):
        for gi, (gv, gf, q) in enumerate(gold_items):
            if gi in used_gold:
                continue
            for pi, pred in enumerate(preds):
                if pi in used_pred or not values_match(gv, gf, pred["value"], pred["family"]):
                    continue
                same, change = same_family(gf, pred["family"]), pred["change"] == q["change"]
                if (need_unit and not same) or (need_change and not change):
                    continue
                used_gold.add(gi)
                used_pred.add(pi)
                unit_ok += same
                change_ok += change
                if not change:
                    wrong_change.append((q, pred))
                if not same:
                    wrong_unit.append((q, pred))
                break
    return {
        "gold": len(gold_items),
        "pred": len(preds),
        "value": len(used_gold),
        "value+unit": unit_ok,
        "value+change": change_ok,
        "missed": [gold_items[i][2] for i in range(len(gold_items)) if i not in used_gold],
        "false": [preds[i] for i in range(len(preds)) if i not in used_pred],
        "wrong_change": wrong_change,
        "wrong_unit": wrong_unit,
    }


def run(data: list[dict]) -> list[dict]:
    from vnkr.components.facts import rules_for
    from vnkr.corpus import Document
    from vnkr.normalize.units import symbol
    from vnkr.pipeline import build_nlp, extract_documents

    nlp = build_nlp(lang="en")
    rules = rules_for(None, "en")
    count_nouns = {n.lower(): u.unit for u in rules.count_unit for n in u.nouns}
    SYMBOLS.update({m.symbol or symbol(m.unit): m.unit for m in rules.measure_unit})
    SUBUNITS.update({f"subunit-{u.id}": u.factor for u in rules.currency_subunit})
    CHANGE_NOUNS.update(rules.direction.nouns)
    documents = [Document(doc=f"s{i:04d}", path=f"s{i:04d}", text=item["text"]) for i, item in enumerate(data)]
    rows = []
    for (_, claims), item in zip(extract_documents(nlp, documents), data):
        preds = predictions(claims, item["text"], count_nouns)
        rows.append(match_sentence(item["quantities"], preds, count_nouns) | {"text": item["text"], "predictions": preds})
    return rows


def report(rows: list[dict]) -> None:
    halves = {"all": rows, "dev (even)": rows[0::2], "held-out (odd)": rows[1::2]}
    print(f"NewsQuant: {len(rows)} sentences, {sum(r['gold'] for r in rows)} gold quantities")
    print(f"{'':22} {'kind':12} {'P':>6} {'R':>6} {'F1':>6}   tp/gold/pred")
    for name, part in halves.items():
        for kind, (p, r, f, tp, gold, pred) in score(part).items():
            print(f"{'vnkr ' + name:22} {kind:12} {p:6.1f} {r:6.1f} {f:6.1f}   {tp}/{gold}/{pred}")
    print("published (all 590 sentences; CQE's own matching):")
    for kind, systems in PUBLISHED.items():
        for system, p, r, f in systems:
            print(f"{system:22} {kind:12} {p:6.1f} {r:6.1f} {f:6.1f}")


def details(rows: list[dict], which: str, misses: bool | None | str) -> None:
    """The misses, the false positives, (misses None) the wrong changes or ("units") the wrong units of
    one half, for the work on the dev half."""
    part = rows[0::2] if which == "dev" else rows[1::2] if which == "held-out" else rows
    for row in part:
        if misses == "units":
            for q, pred in row["wrong_unit"]:
                c = pred["claim"]
                print(f"UNIT gold {q['normalized_unit']!r} vnkr {c.label} {c.unit} {c.text!r} | {row['text']}")
            continue
        if misses is None:
            for q, pred in row["wrong_change"]:
                print(f"CHANGE gold {q['change']} vnkr {pred['change']} {pred['claim'].text!r} | {row['text']}")
            continue
        items = row["missed"] if misses else row["false"]
        for item in items:
            if misses:
                print(f"MISS {item['value']} {item['normalized_unit']!r} | {row['text']}")
            else:
                c = item["claim"]
                print(f"FP {c.label} {c.text!r} {c.value} {c.unit} | {row['text']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NewsQuant.json, the 590 sentences of CQE_Evaluation (default ../bench-data/NewsQuant.json)")
    parser.add_argument("--misses", choices=["dev", "held-out", "all"], help="also list the gold quantities missed in this half")
    parser.add_argument("--false-positives", choices=["dev", "held-out", "all"], help="also list the unmatched predictions in this half")
    parser.add_argument("--changes", choices=["dev", "held-out", "all"], help="also list the matched values whose change is wrong in this half")
    parser.add_argument("--units", choices=["dev", "held-out", "all"], help="also list the matched values whose unit is wrong in this half")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: {args.data} not found; get it from {SOURCE}")
        return 0
    data = json.loads(args.data.read_text(encoding="utf-8"))
    rows = run(data)
    report(rows)
    if args.misses:
        details(rows, args.misses, misses=True)
    if args.false_positives:
        details(rows, args.false_positives, misses=False)
    if args.changes:
        details(rows, args.changes, misses=None)
    if args.units:
        details(rows, args.units, misses="units")
    return 0


if __name__ == "__main__":
    sys.exit(main())
