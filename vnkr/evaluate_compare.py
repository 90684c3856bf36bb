"""Scoring `compare` against facts that two or more documents state (../shared/gold/README.md,
"Facts: how `compare` is scored"); the numbers agree with ../shared/tools/score_compare.py.

A group's sources are mapped to facts through the gold claims they overlap. A group with sources
from 2+ documents is right when all of them map to one fact and its status equals that fact's
verdict over those documents; a conflict inside one document is always wrong. A group whose
sources are all gold claims that no fact holds is not judged, unless it claims a conflict; one
with a source outside the gold is judged (and wrong), as the reference does.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError

TOLERANCE = 0.05  # the protocol's, fixed: not compare's --tolerance


class FactsError(ValueError):
    """A facts file that cannot be read, or a fact pointing at no gold claim; the message says where."""


class Fact(BaseModel):  # other keys are ignored, as the reference does
    fact: str
    members: list[tuple[str, int] | tuple[str, int, bool]]  # [doc, start of a gold claim, optional?]
    verdict: Literal["agree", "conflict"] | None = None


class CompareScore(BaseModel):
    groups_judged: int
    groups_right: int
    group_precision: float
    facts: int  # facts stated by 2+ documents (not counting optional members)
    facts_found: int
    fact_recall: float
    compare_f1: float
    conflicts_reported: int
    conflicts_right: int
    conflict_precision: float
    gold_conflicts: int
    gold_conflicts_found: int
    conflict_recall: float
    lines: list[str] = []  # one verdict per judged group and missed fact, sorted

    def summary(self) -> str:
        """The one-line report of score_compare.py, from the counts (not the rounded ratios)."""
        p, r = _ratio(self.groups_right, self.groups_judged), _ratio(self.facts_found, self.facts)
        return (
            f"compare: group precision {p:.2f} ({self.groups_right}/{self.groups_judged})  fact recall {r:.2f} ({self.facts_found}/{self.facts})  "
            f"F1 {_f1(p, r):.2f}  conflicts P {_ratio(self.conflicts_right, self.conflicts_reported):.2f} ({self.conflicts_right}/{self.conflicts_reported}) "
            f"R {_ratio(self.gold_conflicts_found, self.gold_conflicts):.2f} ({self.gold_conflicts_found}/{self.gold_conflicts})"
        )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def read_facts(path: Path | str) -> list[Fact]:
    """Every fact of a facts JSONL file; a malformed line is an error naming the file and line."""
    facts = []
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    facts.append(Fact.model_validate_json(line))
                except ValidationError as error:
                    first = error.errors()[0]
                    where = ".".join(str(p) for p in first["loc"])
                    raise FactsError(f"{path}:{number}: {where + ': ' if where else ''}{first['msg'].lower()}") from None
    except OSError as error:
        raise FactsError(f"{path}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise FactsError(f"{path}: not UTF-8 text") from None
    return facts


# --- the verdict of a fact over some documents, from the gold ---------------------------------
Figure = tuple[float, str] | tuple[str, Literal["date"]]  # (value, qualifier), or (ISO date, "date")


def _figure_interval(value: float, qualifier: str) -> tuple[float, float]:
    """The values a gold figure allows ('approx' is within the tolerance either side)."""
    v = float(value)
    return {
        "exact": (v, v), "approx": (v * (1 - TOLERANCE), v * (1 + TOLERANCE)), "more_than": (v, float("inf")),
        "at_least": (v, float("inf")), "nearly": (v * (1 - TOLERANCE), v), "less_than": (0.0, v), "at_most": (0.0, v),
    }.get(qualifier, (v, v))  # fmt: skip


def _date_span(text: str) -> tuple[str, str]:
    """'2024' → ('2024-01-01', '2024-12-31'); ISO strings compare in date order."""
    first, _, last = text.partition("/")
    last = last or first
    low = first + "-01-01"[len(first) - 4 :] if len(first) < 10 else first
    high = last + "-12-31"[len(last) - 4 :] if len(last) < 10 else last
    return low, high


def _agree(a: Figure, b: Figure) -> bool:
    if a[1] == "date":  # dates agree when their intervals overlap ('1992' and '1992-12-22')
        (a0, a1), (b0, b1) = _date_span(a[0]), _date_span(b[0])
        return a0 <= b1 and b0 <= a1
    (a0, a1), (b0, b1) = _figure_interval(*a), _figure_interval(*b)
    gap = max(0.0, max(a0, b0) - min(a1, b1))
    scale = max(abs(a[0]), abs(b[0])) or 1.0
    return gap / scale <= TOLERANCE + 1e-9


def verdict(figures_by_doc: dict[str, list[Figure]]) -> Literal["agree", "conflict"]:
    """conflict when two documents hold figures that cannot agree."""
    docs = list(figures_by_doc)
    for i, first in enumerate(docs):
        for second in docs[i + 1 :]:
            if any(not _agree(a, b) for a in figures_by_doc[first] for b in figures_by_doc[second]):
                return "conflict"
    return "agree"


# --- mapping sources to facts -----------------------------------------------------------------
class _Facts:
    """The facts with their gold figures per document, and the gold spans sources are mapped by."""

    def __init__(self, facts: list[Fact], gold: Iterable[dict]) -> None:
        by_start = {(g["doc"], g["start"]): g for g in gold}
        self.facts = facts
        self.spans: dict[str, list[tuple[int, int, int]]] = {}  # doc -> (start, end, fact index)
        self.figures: list[dict[str, list[Figure]]] = []
        self.required_docs: list[set[str]] = []
        for index, fact in enumerate(facts):
            figures: dict[str, list[Figure]] = {}
            required = set()
            for doc, start, *optional in fact.members:
                claim = by_start.get((doc, start))
                if claim is None:
                    raise FactsError(f"fact {fact.fact!r}: {doc}:{start} is not the start of a gold claim (is its gold file given?)")
                self.spans.setdefault(doc, []).append((claim["start"], claim["end"], index))
                figures.setdefault(doc, []).append((claim["value"], claim["qualifier"]) if claim["value"] is not None else (claim["date"], "date"))
                if not (optional and optional[0]):
                    required.add(doc)
            self.figures.append(figures)
            self.required_docs.append(required)
        self.gold_spans: dict[str, list[tuple[int, int]]] = {}
        for (doc, _), claim in by_start.items():
            self.gold_spans.setdefault(doc, []).append((claim["start"], claim["end"]))

    def verdict(self, index: int) -> str:
        return self.facts[index].verdict or verdict(self.figures[index])

    def fact_of(self, source: dict) -> int | None:
        """The fact whose gold claim overlaps the source most (the first on a tie), or None."""
        start, end = _span(source)
        best, most = None, 0
        for s, e, index in self.spans.get(source["doc"], ()):
            overlap = min(end, e) - max(start, s)
            if overlap > most:
                best, most = index, overlap
        return best

    def in_gold(self, source: dict) -> bool:
        start, end = _span(source)
        return any(min(end, e) - max(start, s) > 0 for s, e in self.gold_spans.get(source["doc"], ()))


def check_facts(facts: list[Fact], gold: Iterable[dict]) -> None:
    """Raise FactsError when a fact's member is not the start of a gold claim."""
    _Facts(facts, gold)


def _span(source: dict) -> tuple[int, int]:
    """The offsets of a source from its id, 'doc:start-end'."""
    start, end = source["id"].rsplit(":", 1)[1].split("-")
    return int(start), int(end)


def _as_dict(group: BaseModel | dict) -> dict:
    return group.model_dump() if isinstance(group, BaseModel) else group


# --- scoring ----------------------------------------------------------------------------------
def score_compare(groups: Iterable[BaseModel | dict], facts: list[Fact], gold: Iterable[dict]) -> CompareScore:
    """Judge compare's groups (Group models or their JSON; series are skipped) against the facts,
    whose members are gold claims given by document and start offset."""
    known = _Facts(facts, gold)
    groups = [g for g in map(_as_dict, groups) if g.get("kind", "group") == "group"]
    judged = right = conflicts = conflicts_right = 0
    found: set[int] = set()
    conflicts_found: set[int] = set()  # through a conflict group over documents whose gold conflicts
    lines = []
    for group in groups:
        sources, status = group["sources"], group["status"]
        docs = {s["doc"] for s in sources}
        fact_ids = {known.fact_of(s) for s in sources}
        if fact_ids == {None} and all(known.in_gold(s) for s in sources) and status != "conflict":
            continue  # gold claims that no two documents share (ranks, event dates): not judged
        label = f"{group.get('metric')}/{group.get('modality')}/{group.get('time')}"
        if len(docs) < 2:
            if status == "conflict":
                judged += 1
                conflicts += 1
                lines.append(f"WRONG  within one document, conflict: {label}: {[s.get('text') for s in sources]}")
            continue
        judged += 1
        conflicts += status == "conflict"
        ok = False
        if len(fact_ids) == 1 and None not in fact_ids:
            index = next(iter(fact_ids))
            figures = {d: known.figures[index][d] for d in docs if d in known.figures[index]}
            want = known.facts[index].verdict if set(known.figures[index]) <= docs else None
            want = want or verdict(figures)
            ok = status == want
            if ok:
                found.add(index)
            if status == "conflict" and verdict(figures) == "conflict":
                conflicts_found.add(index)
            why = f"fact {known.facts[index].fact}: want {want}"
        else:
            why = f"mixes {sorted(known.facts[i].fact if i is not None else '-' for i in fact_ids)}"
        right += ok
        conflicts_right += ok and status == "conflict"
        lines.append(f"{'RIGHT ' if ok else 'WRONG '} {status:8} {label}: {why}: {[(s['doc'][:3], s.get('text')) for s in sources]}")

    multi = [i for i in range(len(facts)) if len(known.required_docs[i]) >= 2]
    gold_conflicts = {i for i in multi if known.verdict(i) == "conflict"}
    found_multi = [i for i in multi if i in found]
    for index in multi:
        if index not in found:
            lines.append(f"MISSED {known.verdict(index):8} {facts[index].fact}: docs {sorted(d[:3] for d in known.figures[index])}")
    p, r = _ratio(right, judged), _ratio(len(found_multi), len(multi))
    conflicts_hit = len(conflicts_found & gold_conflicts)
    return CompareScore(
        groups_judged=judged, groups_right=right, group_precision=round(p, 3), facts=len(multi), facts_found=len(found_multi),
        fact_recall=round(r, 3), compare_f1=round(_f1(p, r), 3), conflicts_reported=conflicts, conflicts_right=conflicts_right,
        conflict_precision=round(_ratio(conflicts_right, conflicts), 3), gold_conflicts=len(gold_conflicts),
        gold_conflicts_found=conflicts_hit, conflict_recall=round(_ratio(conflicts_hit, len(gold_conflicts)), 3), lines=sorted(lines),
    )  # fmt: skip

