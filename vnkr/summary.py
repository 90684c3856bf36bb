"""The conflicts of a comparison, one line each, as a fact-checker reads them: which fact, who says
what (figure as written, outlet, date), how far apart, and whether the sides cite two statistics."""

from __future__ import annotations

from pydantic import BaseModel

from vnkr.compare import Comparison, Group, Source


class Side(BaseModel):
    """One side of a disagreement: the figure as its document writes it, and what cites it."""

    doc: str
    text: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None  # the statistic the document attributes the figure to


class Finding(BaseModel):
    """A conflict (two documents) or an inconsistency (one document against itself)."""

    status: str
    topic: str
    metric: str
    modality: str
    unit: str | None
    subject: str | None = None
    counterpart: str | None = None
    scope: str | None = None
    time: str | None
    basis: str
    a: Side
    b: Side
    apart: float | None  # relative gap of the two figures; None for dates, which do not overlap
    two_statistics: bool  # the sides name different statistics: not a misprint


FACT_FIELDS = set(Finding.model_fields) & set(Group.model_fields)  # the group's fact and status, as Finding has them


def _side(group: Group, doc: str, text: str, statistic: str | None) -> Side:
    source: Source | None = next((s for s in group.sources if s.doc == doc), None)
    if source is None:
        return Side(doc=doc, text=text, source=statistic)
    return Side(doc=doc, text=text, outlet=source.outlet, published=source.published, url=source.url, title=source.title, source=statistic)


def summarize(comparison: Comparison) -> list[Finding]:
    """Every group that is a conflict or an inconsistency, in the comparison's order."""
    found = []
    for group in comparison.groups:
        d = group.disagreement
        if d is None:
            continue
        fact = group.model_dump(include=FACT_FIELDS)
        sides = _side(group, d.a_doc, d.a_text, d.a_source), _side(group, d.b_doc, d.b_text, d.b_source)
        found.append(Finding(**fact, a=sides[0], b=sides[1], apart=d.apart, two_statistics=d.two_statistics))
    return found
