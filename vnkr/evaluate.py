"""The scoring protocol of `../shared/gold/README.md`: overlap matching, optional claims, alts,
intervals for dates and periods, and the metric rule for gold nulls."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from vnkr.normalize.intervals import inside

FIELDS = ("label", "value", "unit", "date", "qualifier", "topic", "metric", "period", "modality")
QUANTITY_FIELDS = ("value", "unit", "date")
INTERVAL_FIELDS = {"date", "period"}
SPEC_METRICS = {
    "trade_value", "trade_growth", "trade_partner_rank", "investment_flow", "investment_stock",
    "investment_growth", "investor_rank", "korean_firms", "residents", "multicultural_families",
    "mutual_visits", "visit_date", "visit_duration", "visit_count", "diplomatic_ties",
    "partnership_upgrade", "summit_host", "aid_partner_rank", "national_goal",
}  # fmt: skip


class PRF(BaseModel):
    precision: float
    recall: float
    f1: float
    correct: int
    predicted: int
    gold: int


class Miss(BaseModel):
    doc: str
    start: int
    end: int
    text: str
    detail: str = ""


class Score(BaseModel):
    span: PRF
    quantity: PRF
    claim: PRF
    fields: dict[str, float]
    published: float | None = None
    false_positives: list[Miss] = []
    false_negatives: list[Miss] = []
    wrong_fields: list[Miss] = []


def _same(field: str, predicted: Any, gold: Any) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if field in INTERVAL_FIELDS:
        return inside(predicted, gold)
    if isinstance(gold, (int, float)) and not isinstance(gold, bool):
        try:
            p = float(predicted)
        except (TypeError, ValueError):
            return False
        return abs(p - gold) <= 1e-6 * max(abs(gold), abs(p), 1e-12)
    return str(predicted).lower() == str(gold).lower()


def field_right(field: str, predicted: dict, gold: dict) -> bool:
    value = predicted.get(field)
    if field == "value" and gold.get("value") is None and gold.get("low") is not None and gold.get("high") is not None:
        # a gold range written with low/high: right when the prediction is the same range
        return value is None and all(_same(field, predicted.get(end), gold[end]) for end in ("low", "high"))
    if field == "value" and value is None and predicted.get("low") is not None and predicted.get("high") is not None:
        # a predicted range is right when the gold's value and its alternative values are its ends
        # (the gold writes a range as one end in `value`, the other in `alts.value`), as score.py has it
        ends = [gold.get("value"), *(gold.get("alts") or {}).get("value", [])]
        return gold.get("value") is not None and all(any(_same(field, end, e) for end in (predicted["low"], predicted["high"])) for e in ends if e is not None)
    if field == "metric" and gold.get("metric") is None and value is not None and value not in SPEC_METRICS:
        return True
    accepted = [gold.get(field)] + list((gold.get("alts") or {}).get(field, []))
    return any(_same(field, value, g) for g in accepted)


def gold_duplicates(read: list[tuple[str, dict]]) -> tuple[list[dict], list[str]]:
    """The gold claims, each span once, and a warning for each line that repeats an earlier line's
    span (doc, start, end): matching pairs a prediction with one gold claim, so a second one
    would always be missed. `read` holds ("FILE:LINE", claim) pairs."""
    first: dict[tuple, tuple[str, dict]] = {}
    kept, warnings = [], []
    for where, claim in read:
        span = (claim["doc"], claim["start"], claim["end"])
        if span not in first:
            first[span] = (where, claim)
            kept.append(claim)
            continue
        earlier, held = first[span]
        same = "the same claim" if held == claim else "the same span with other fields"
        warnings.append(f"{where}: {same} as {earlier} ({claim['doc']} {claim['start']}-{claim['end']}); counted once")
    return kept, warnings


def _prf(correct: int, predicted: int, gold: int) -> PRF:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4), correct=correct, predicted=predicted, gold=gold)


def match(predictions: list[dict], gold: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each prediction with its gold claim (or None): overlap, largest first, predictions by start."""
    by_doc: dict[str, list[dict]] = {}
    for claim in gold:
        by_doc.setdefault(claim["doc"], []).append(claim)
    used: set[int] = set()
    pairs = []
    for prediction in sorted(predictions, key=lambda c: (c["doc"], c["start"], c["end"])):
        best, best_overlap = None, 0
        for candidate in by_doc.get(prediction["doc"], []):
            if id(candidate) in used:
                continue
            overlap = min(prediction["end"], candidate["end"]) - max(prediction["start"], candidate["start"])
            if overlap > best_overlap:
                best, best_overlap = candidate, overlap
        if best is not None:
            used.add(id(best))
        pairs.append((prediction, best))
    return pairs


def score(predictions: Iterable[dict], gold: list[dict], published: dict[str, str | None] | None = None, accepted_published: dict[str, list] | None = None) -> Score:
    """Score predicted claims (dicts of the claim record) against gold claims."""
    gold_docs = {g["doc"] for g in gold}
    predictions = [p for p in predictions if p["doc"] in gold_docs]
    pairs = match(predictions, gold)
    matched_gold = {id(g) for _, g in pairs if g is not None}
    required = [g for g in gold if not g.get("optional")]

    counted = [(p, g) for p, g in pairs if g is None or not g.get("optional")]
    hits = [(p, g) for p, g in counted if g is not None]
    predicted_n = len(counted)
    field_right_counts = {f: 0 for f in FIELDS}
    quantity_ok = claim_ok = 0
    wrong: list[Miss] = []
    for prediction, gold_claim in hits:
        right = {f: field_right(f, prediction, gold_claim) for f in FIELDS}
        for f, ok in right.items():
            field_right_counts[f] += ok
        quantity_ok += all(right[f] for f in QUANTITY_FIELDS)
        claim_ok += all(right.values())
        bad = [f"{f}: {prediction.get(f)!r} (gold {gold_claim.get(f)!r})" for f, ok in right.items() if not ok]
        if bad:
            wrong.append(Miss(doc=prediction["doc"], start=prediction["start"], end=prediction["end"], text=prediction["text"], detail="; ".join(bad)))

    published_accuracy = None
    if published is not None and accepted_published is not None:
        docs = sorted(accepted_published)
        right_docs = sum(1 for d in docs if published.get(d) in accepted_published[d])
        published_accuracy = round(right_docs / len(docs), 4) if docs else None

    return Score(
        span=_prf(len(hits), predicted_n, len(required)),
        quantity=_prf(quantity_ok, predicted_n, len(required)),
        claim=_prf(claim_ok, predicted_n, len(required)),
        fields={f: round(field_right_counts[f] / len(hits), 4) if hits else 0.0 for f in FIELDS},
        published=published_accuracy,
        false_positives=[Miss(doc=p["doc"], start=p["start"], end=p["end"], text=p["text"], detail=p.get("label", "")) for p, g in pairs if g is None],
        false_negatives=[Miss(doc=g["doc"], start=g["start"], end=g["end"], text=g["text"], detail=g["label"]) for g in required if id(g) not in matched_gold],
        wrong_fields=wrong,
    )
