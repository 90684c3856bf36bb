"""The HTML report: one self-contained file a person opens to look at conflicts, not JSON.

It holds the compare groups (conflicts first) with each source's sentence and figure marked,
every document with its claims marked (fields on hover and on click), a plotly chart per
metric's time series with one mark per source, and filters by topic and status. plotly.js is
inlined from the plotly package, so the file opens with no network. Groups are read by field
name, so fields and status values that compare gains later show up without changes here.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from datetime import timedelta
from html import escape
from pathlib import Path

from vnkr.compare import Comparison
from vnkr.corpus import Document
from vnkr.normalize.intervals import bounds
from vnkr.rules import RESOURCES

STATUS_ORDER = ("conflict", "inconsistent", "agree", "single")  # an unknown status comes after these
GROUP_SHOWN = ("status", "topic", "metric", "modality", "unit", "subject", "counterpart", "scope", "time", "reason", "sources", "kind", "disagreement")
CLAIM_FIELDS = ("label", "text", "value", "low", "high", "unit", "qualifier", "topic", "metric", "period", "date", "modality", "subject", "counterpart", "scope", "direction", "id", "rule")
FRAME = ("subject", "counterpart", "scope", "modality", "unit")
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "cross", "star", "hexagon", "triangle-down")
SERIES_KEYS = ("topic", "metric", "modality", "unit", "subject", "counterpart", "scope")
LINKABLE = re.compile(r"https?://[^\x00-\x20\x7f]+", re.IGNORECASE)  # what a browser follows as a web page, nothing else
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class DocumentText:
    """A document as the report shows it: claims are marked by their offsets into `text`."""

    doc: str
    path: str
    text: str
    published: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, document: Document) -> DocumentText:
        published = document.published.isoformat() if document.published else None
        return cls(doc=document.doc, path=document.path, text=document.text, published=published, url=document.url)


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def _mark_in(sentence: str, text: str, disputed: bool = False) -> str:
    """The sentence with the figure's first occurrence marked (or the figure beside it when absent)."""
    mark = f"<mark class='fig{' disputed' if disputed else ''}'>{escape(text)}</mark>"
    at = sentence.find(text) if text else -1
    if at < 0:
        return f"{escape(sentence)} {mark}"
    return f"{escape(sentence[:at])}{mark}{escape(sentence[at + len(text):])}"


def _corrected(item: dict) -> str:
    """A small mark on what a reviewer's corrections file changed (`corrected: true`)."""
    return "<span class='corrected' title='changed by a reviewer&#39;s correction (--corrections)'>✎ corrected</span> " if item.get("corrected") else ""


def _disagreement(value: object) -> str:
    """Which two figures disagree: '“$87 billion” (doc a) vs “$7 billion” (doc b), 1143% apart'."""
    if not isinstance(value, dict) or not {"a_text", "b_text"} <= value.keys():
        return escape(_extra(value))
    apart = f", {value['apart']:.0%} apart" if isinstance(value.get("apart"), int | float) and math.isfinite(value["apart"]) else ""
    return escape(f"“{value['a_text']}” ({value.get('a_doc')}) vs “{value['b_text']}” ({value.get('b_doc')}){apart}")


def _extra(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return "; ".join(_extra(v) for v in value)
    return str(value)


def _group_html(group: dict, known_docs: set[str]) -> str:
    status = str(group.get("status", ""))
    frame = " · ".join(f"{k} {escape(str(group[k]))}" for k in FRAME if group.get(k))
    extras = "".join(
        f"<div class='extra'><b>{escape(k)}</b>: {escape(_extra(v))}</div>" for k, v in group.items() if k not in GROUP_SHOWN and v not in (None, "", [], {})
    )
    disagreement = group.get("disagreement")
    if disagreement:
        extras = f"<div class='extra disagreement'><b>disagree</b>: {_disagreement(disagreement)}</div>{extras}"
    disputed = {disagreement.get("a"), disagreement.get("b")} if isinstance(disagreement, dict) else set()
    rows = []
    for source in group.get("sources", []):
        doc = str(source.get("doc", ""))
        link = f"<a href='#doc-{escape(doc)}'>{escape(doc)}</a>" if doc in known_docs else escape(doc)
        when = f" <span class='muted'>{escape(str(source['published']))}</span>" if source.get("published") else ""
        mentions = source.get("mentions") or [source]  # every place the document states the figure
        said = "".join(f"<div class='said'>{_corrected(m)}{_mark_in(str(m.get('sentence') or ''), str(m.get('text') or ''), m.get('id') in disputed)}</div>" for m in mentions)
        said += "".join(
            f"<div class='said outlier'><span class='muted'>also states (outlier):</span> {_corrected(m)}{_mark_in(str(m.get('sentence') or ''), str(m.get('text') or ''))}</div>"
            for m in source.get("outliers") or []
        )  # its other figures in the group: shown, not hidden
        cite = " · ".join(escape(str(source[k])) for k in ("outlet", "title") if source.get(k))
        cite += f" {_url_html(str(source['url']))}" if source.get("url") else ""
        cite = f" <span class='muted'>{cite}</span>" if cite else ""
        rows.append(f"<li class='source'><div class='who'>{link}{when}{cite}</div><div>{said}</div></li>")
    return (
        f"<article class='group' data-topic='{escape(str(group.get('topic', '')))}' data-status='{escape(status)}'>"
        f"<header><span class='badge {escape(status)}'>{escape(status)}</span> <b>{escape(str(group.get('metric', '')))}</b>"
        f" <span class='muted'>{escape(str(group.get('topic', '')))}{' · ' + escape(str(group['time'])) if group.get('time') else ''}</span></header>"
        f"<div class='frame muted'>{frame}</div><p class='reason'>{escape(str(group.get('reason', '')))}</p>{extras}<ul class='sources'>{''.join(rows)}</ul></article>"
    )


def _title(claim: dict) -> str:
    return " · ".join(f"{k}: {claim[k]}" for k in CLAIM_FIELDS[:14] if claim.get(k) not in (None, "")) + (" · corrected by a reviewer" if claim.get("corrected") else "")


def _marked_text(document: DocumentText, claims: list[tuple[int, dict]]) -> tuple[str, int]:
    """The document's text with each claim marked; overlapping claims share one mark. Returns (html, marked)."""
    text = document.text
    usable = sorted(((i, c) for i, c in claims if text[c["start"] : c["end"]] == c["text"]), key=lambda ic: (ic[1]["start"], -ic[1]["end"]))
    clusters: list[tuple[int, int, list[tuple[int, dict]]]] = []
    for index, claim in usable:
        if clusters and claim["start"] < clusters[-1][1]:
            start, end, members = clusters[-1]
            clusters[-1] = (start, max(end, claim["end"]), [*members, (index, claim)])
        else:
            clusters.append((claim["start"], claim["end"], [(index, claim)]))
    out, position = [], 0
    for start, end, members in clusters:
        first = members[0][1]
        ids = ",".join(str(i) for i, _ in members)
        title = "\n".join(_title(c) for _, c in members)
        out.append(escape(text[position:start]))
        corrected = " corrected" if any(c.get("corrected") for _, c in members) else ""
        out.append(
            f"<mark class='claim{corrected}' tabindex='0' id='c-{escape(first.get('id', ''))}' data-topic='{escape(str(first.get('topic', '')))}' "
            f"data-claims='{ids}' title='{escape(title)}'>{escape(text[start:end])}{'<sup>✎</sup>' if corrected else ''}</mark>"
        )
        position = end
    out.append(escape(text[position:]))
    return "".join(out), len(usable)


def _url_html(url: str) -> str:
    """A link only to an http(s) page; any other URL (javascript:, data:, file:) is input shown as text, never followed."""
    if LINKABLE.fullmatch(url):
        return f"<a href='{escape(url)}' rel='noreferrer'>{escape(url)}</a>"
    return f"<span class='url'>{escape(url)}</span>"


def _document_html(document: DocumentText, claims: list[tuple[int, dict]]) -> str:
    body, marked = _marked_text(document, claims)
    url = f" · {_url_html(document.url)}" if document.url else ""
    published = escape(document.published or "published unknown")
    unmarked = f" ({len(claims) - marked} not marked: their text is not at their offsets)" if marked < len(claims) else ""
    return (
        f"<details class='document' id='doc-{escape(document.doc)}' open><summary><b>{escape(document.doc)}</b> "
        f"<span class='muted'>{published} · {len(claims)} claims{unmarked}</span></summary>"
        f"<div class='path muted'>{escape(document.path)}{url}</div><div class='text'>{body}</div></details>"
    )


def _midpoint(time: str | None) -> str | None:
    span = bounds(time)
    if span is None:
        return None
    first, last = span
    return (first + timedelta(days=(last - first).days // 2)).isoformat()


def _chart(series: dict, groups: list[dict]) -> dict:
    """A plotly figure: one mark per source of every group of the series, one colour per document, and the series line."""
    import plotly.graph_objects as go

    figure = go.Figure()
    points = [(p, _midpoint(p.get("time"))) for p in series.get("points", [])]
    line = [(x, p["value"]) for p, x in points if x is not None]
    if line:
        figure.add_trace(go.Scatter(x=[x for x, _ in line], y=[y for _, y in line], mode="lines", name="one figure per period", line={"color": "#999", "dash": "dot"}, hoverinfo="skip"))
    by_doc: dict[str, list[tuple[str, float, str]]] = {}
    for group in groups:
        x = _midpoint(group.get("time"))
        for source in group.get("sources", []):
            if x is not None and source.get("value") is not None:
                said = (str(source["doc"]), f"{source.get('text', '')} ({group.get('time')})", str(group.get("status", "")))
                by_doc.setdefault(source["doc"], []).append((x, source["value"], "<br>".join(escape(part) for part in said)))
    for number, (doc, marks) in enumerate(sorted(by_doc.items())):
        marker = {"size": 12, "opacity": 0.8, "symbol": SYMBOLS[number % len(SYMBOLS)]}  # sources that agree exactly still show apart
        figure.add_trace(go.Scatter(x=[m[0] for m in marks], y=[m[1] for m in marks], mode="markers", name=escape(str(doc)), text=[m[2] for m in marks], hoverinfo="text", marker=marker))
    figure.update_layout(
        height=360, margin={"l": 50, "r": 10, "t": 10, "b": 30}, legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        xaxis={"type": "date"}, yaxis={"title": {"text": escape(str(series.get("unit") or ""))}}, paper_bgcolor="white", plot_bgcolor="#fafafa", autosize=True,
    )  # fmt: skip
    return json.loads(figure.to_json())


def _series_groups(series: dict, groups: list[dict]) -> list[dict]:
    """The groups a series is drawn from: those that share every key the series has."""
    keys = [k for k in SERIES_KEYS if k in series]
    return [g for g in groups if g.get("status") is not None and all(g.get(k) == series[k] for k in keys)]


def _chips(name: str, values: list[str]) -> str:
    boxes = "".join(f"<label class='chip'><input type='checkbox' data-filter='{name}' value='{escape(v)}' checked> {escape(v)}</label>" for v in values)
    return f"<fieldset class='filter'><legend>{name}</legend>{boxes}</fieldset>"


def _finite(data: object) -> object:
    """The data with each NaN or Infinity as null: JSON has no such numbers, and one would stop the page's script."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    return data


def _json_script(element_id: str, data: object) -> str:
    """Data for the page's script. `<`, `>` and `&` are written as \\u escapes, so no text in it ('</script>',
    '<!--<script>') can end or change the script element; U+2028/U+2029 too, which old parsers take as line ends."""
    text = json.dumps(_finite(data), ensure_ascii=False, allow_nan=False).translate(SCRIPT_SAFE)
    return f"<script type='application/json' id='{element_id}'>{text}</script>"


def readable_sources(claims: list[dict], known: set[str], roots: list[str]) -> tuple[list[dict], list[str]]:
    """The claims whose document may be read again for its text, and the paths of the others, to be said.

    A claims file is input like any other: the path it names is only opened when it lies under one of
    `roots` (the documents and directories the user named), so a line naming /etc/passwd embeds nothing."""
    allowed = [Path(os.path.realpath(root)) for root in roots]
    kept, skipped = [], {}
    for claim in claims:
        path = claim.get("path")
        if claim["doc"] in known or not isinstance(path, str) or path == "-":
            continue
        if any(Path(os.path.realpath(path)).is_relative_to(root) for root in allowed):
            kept.append(claim)
        else:
            skipped[path] = None
    return kept, list(skipped)


def render_report(comparison: Comparison, claims: list[dict], documents: list[DocumentText], title: str = "vnkr report", checks_html: str = "") -> str:
    """The whole report as one HTML string with its scripts and styles inlined; `checks_html` is the
    "Checks" section of vnkr check (vnkr/check_view.py), placed after the groups."""
    from plotly.offline import get_plotlyjs

    groups = sorted((g.model_dump(mode="json") for g in comparison.groups), key=lambda g: _status_rank(str(g.get("status"))))
    series = [s.model_dump(mode="json") for s in comparison.series]
    known_docs = {d.doc for d in documents}
    by_doc: dict[str, list[tuple[int, dict]]] = {}
    for index, claim in enumerate(claims):
        by_doc.setdefault(claim["doc"], []).append((index, claim))
    counts = {s: sum(1 for g in groups if g.get("status") == s) for s in dict.fromkeys(str(g.get("status")) for g in groups)}
    topics = sorted({str(g.get("topic")) for g in groups} | {str(c.get("topic")) for c in claims})
    statuses = sorted(counts, key=_status_rank)
    charts = [(s, _chart(s, _series_groups(s, groups))) for s in series]
    chart_html = "".join(
        f"<figure class='chart-card' data-topic='{escape(str(s.get('topic')))}'><h3>{escape(str(s.get('metric')))}"
        f" <span class='muted'>{escape(str(s.get('unit') or ''))} · {escape(str(s.get('topic')))} · {escape(str(s.get('modality')))} · trend {escape(str(s.get('trend')))}</span></h3>"
        f"<div class='chart' id='chart-{i}'></div></figure>"
        for i, (s, _) in enumerate(charts)
    )
    summary = " · ".join(f"<span class='badge {escape(s)}'>{counts[s]} {escape(s)}</span>" for s in statuses)
    details = [{k: c.get(k) for k in (*CLAIM_FIELDS, "doc", "sentence", "published")} | ({"corrected": True} if c.get("corrected") else {}) for c in claims]
    assets = RESOURCES / "report"
    style = assets.joinpath("report.css").read_text(encoding="utf-8")
    script = assets.joinpath("report.js").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{style}</style></head>
<body><header class="top"><h1>{escape(title)}</h1>
<p class="muted">{len(documents)} documents · {len(claims)} claims · {len(groups)} groups · {len(charts)} charts</p>
<p>{summary}</p><nav><a href="#groups">Groups</a>{' <a href="#checks">Checks</a>' if checks_html else ''} <a href="#charts">Charts</a> <a href="#documents">Documents</a></nav>
<form id="filters">{_chips("topic", topics)}{_chips("status", statuses)}</form></header>
<main><section id="groups"><h2>Compare groups</h2>{''.join(_group_html(g, known_docs) for g in groups) or "<p class='muted'>No groups.</p>"}</section>{checks_html}
<section id="charts"><h2>Time series</h2>{chart_html or "<p class='muted'>No metric has figures for more than one period.</p>"}</section>
<section id="documents"><h2>Documents</h2>{''.join(_document_html(d, by_doc.get(d.doc, [])) for d in documents)}</section></main>
<aside id="detail" hidden><button type="button" id="detail-close" aria-label="close">×</button><div id="detail-body"></div></aside>
{_json_script("vnkr-claims", details)}{_json_script("vnkr-charts", [figure for _, figure in charts])}
<script type="text/javascript">{get_plotlyjs()}</script>
<script type="text/javascript">{script}</script>
</body></html>
"""
