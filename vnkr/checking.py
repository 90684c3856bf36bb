"""`vnkr check` as a whole: the relations of vnkr/check.py (sums, differences, growth, multiples, shares,
ranks) and of vnkr/check_parts.py (the parts of a whole) over every document, and growth rates across them."""

from __future__ import annotations

from vnkr.check import (
    CheckResult,
    Finding,
    Index,
    Relations,
    _across_growth,
    _levels_by_time,
    _ranks,
    _within_difference,
    _within_growth,
    _within_multiple,
    _within_share,
    _within_sum,
    load_relations,
)
from vnkr.check_parts import WITHIN, Read
from vnkr.compare import by_document


def check(claims: list[dict], relations: Relations | None = None, topic: str | None = None, metric: str | None = None) -> CheckResult:
    """Every relation the claims let one test, within each document and, for growth rates, across
    documents; consistent findings too (a fact-checker wants to know a figure was checked)."""
    relations = relations or load_relations()
    approx = relations.tolerance.approx
    chosen = [c for c in claims if (topic is None or c.get("topic") == topic)]
    by_doc = by_document(chosen)
    by_time = _levels_by_time(chosen, approx) if any(r.kind in ("growth", "ratio", "multiple") for r in relations.relation) else {}
    findings: list[Finding] = []
    for doc in sorted(by_doc):
        index = Index(by_doc[doc])
        read = Read(by_doc[doc]) if any(r.kind in WITHIN for r in relations.relation) else None
        for relation in relations.relation:
            if relation.kind in WITHIN:
                findings += WITHIN[relation.kind](relation, read, approx)
            elif relation.kind == "sum":
                findings += _within_sum(relation, index, approx)
            elif relation.kind == "difference":
                findings += _within_difference(relation, index, approx)
            elif relation.kind in ("growth", "ratio"):
                findings += _within_growth(relation, index, approx)
            elif relation.kind == "multiple":
                findings += _within_multiple(relation, index, approx, by_time)
            elif relation.kind == "share":
                findings += _within_share(relation, index, approx)
            else:
                findings += _ranks(relation, by_doc[doc], approx)
    for relation in relations.relation:
        if relation.kind in ("growth", "ratio"):
            findings += _across_growth(relation, chosen, by_time, approx)
    if metric is not None:
        findings = [f for f in findings if any(fig.metric == metric for fig in f.figures)]
    findings = list({(f.rule, tuple(sorted(fig.id for fig in f.figures))): f for f in findings}.values())
    told = [f for f in findings if not f._withheld]
    told.sort(key=lambda f: (f.status != "inconsistent", f.figures[0].doc, f.rule))
    return CheckResult(findings=told, claims=len(claims), withheld=len(findings) - len(told))
