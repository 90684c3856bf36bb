"""The HTML report: one self-contained file a person opens to look at conflicts, not JSON.

It opens on the answer to "what conflicts?": one line per conflict and inconsistency. Below come
the compare groups (conflicts first; those that agree and those of one document folded behind their count) with each
source's sentence, figure, claim id and citation, a plotly chart per metric's time series with one
mark per source and its legend beside the plot rather than over it, and every document (folded)
with its claims marked (fields on hover and on click). A search box and filters by topic and status
narrow all of it; claims ticked by their id are downloaded as a corrections skeleton. plotly.js is
inlined from the plotly package, so the file opens with no network. Groups are read by field
name, so fields and status values that compare gains later show up without changes here.
"""

from __future__ import annotations

import itertools
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
GLYPHS = ("●", "◆", "■", "▲", "✚", "★", "⬢", "▼")  # each symbol as the HTML legend draws it
COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")
SUMMARISED = {"conflict": "documents that disagree", "inconsistent": "a document that disagrees with itself"}  # the report opens with these, a line each
COUNTED = {"conflict": ("conflict", "conflicts"), "inconsistent": ("inconsistency", "inconsistencies")}
FOLDED = {"agree": "groups whose documents agree", "single": "groups of one document each: nothing to compare them with"}  # behind their count
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
    outlet: str | None = None
    title: str | None = None

    @classmethod
    def of(cls, document: Document) -> DocumentText:
        published = document.published.isoformat() if document.published else None
        return cls(doc=document.doc, path=document.path, text=document.text, published=published, url=document.url, outlet=document.outlet, title=document.title)


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def _mark_in(sentence: str, text: str, disputed: bool = False) -> str:
    """The sentence with the figure's first occurrence marked (or the figure beside it when absent)."""
    mark = f"<mark class='fig{' disputed' if disputed else ''}'>{escape(text)}</mark>"
    at = sentence.find(text) if text else -1
    if at < 0:
        return f"{escape(sentence)} {mark}"
    return f"{escape(sentence[:at])}{mark}{escape(sentence[at + len(text):])}"


def _apart(apart: object) -> str:
    """How far apart two figures are: '8% apart', and from twice on 'one is 12× the other' (not '1100% apart')."""
    if not isinstance(apart, int | float) or not math.isfinite(apart):
        return ""
    factor = apart + 1
    return f"{apart:.0%} apart" if apart < 1 else f"one is {factor:,.0f}× the other" if factor >= 100 else f"one is {factor:.2g}× the other"


def _corrected(item: dict) -> str:
    """A small mark on what a reviewer's corrections file changed (`corrected: true`)."""
    return "<span class='corrected' title='changed by a reviewer&#39;s correction (--corrections)'>✎ corrected</span> " if item.get("corrected") else ""


def _disagreement(value: object) -> str:
    """Which two figures disagree: '“$87 billion” (doc a) vs “$7 billion” (doc b), one is 12× the other'."""
    if not isinstance(value, dict) or not {"a_text", "b_text"} <= value.keys():
        return escape(_extra(value))
    apart = f", {_apart(value.get('apart'))}" if _apart(value.get("apart")) else ""
    return escape(f"“{value['a_text']}” ({value.get('a_doc')}) vs “{value['b_text']}” ({value.get('b_doc')}){apart}")


def _extra(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return "; ".join(_extra(v) for v in value)
    return str(value)


def _claim_id(claim_id: object) -> str:
    """A claim's id, small and selectable for the corrections file, with a box that marks it for the skeleton."""
    if not claim_id:
        return ""
    cid = escape(str(claim_id))
    return f"<span class='cid'><input type='checkbox' class='pick' data-claim='{cid}' aria-label='mark {cid} for the corrections skeleton'><code>{cid}</code></span>"


def _cite_html(outlet: object, title: object, published: object, url: object) -> str:
    """Who said it, under what title and when: the outlet links to the page when its URL is a web page."""
    web = isinstance(url, str) and LINKABLE.fullmatch(url) is not None
    parts = []
    if outlet and web:
        parts.append(f"<a class='outlet' href='{escape(str(url))}' rel='noopener noreferrer'>{escape(str(outlet))}</a>")
    elif outlet:
        parts.append(f"<span class='outlet'>{escape(str(outlet))}</span>")
    if title:
        parts.append(f"<q class='title'>{escape(str(title))}</q>")
    if published:
        parts.append(f"<time>{escape(str(published))}</time>")
    if url and not (outlet and web):
        parts.append(_url_html(str(url)))
    return " · ".join(parts)


def _group_html(group: dict, number: int, known_docs: set[str]) -> str:
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
        mentions = source.get("mentions") or [source]  # every place the document states the figure
        said = "".join(
            f"<div class='said'>{_corrected(m)}{_mark_in(str(m.get('sentence') or ''), str(m.get('text') or ''), m.get('id') in disputed)} {_claim_id(m.get('id'))}</div>" for m in mentions
        )
        said += "".join(
            f"<div class='said outlier'><span class='muted'>also states (outlier):</span> "
            f"{_corrected(m)}{_mark_in(str(m.get('sentence') or ''), str(m.get('text') or ''))} {_claim_id(m.get('id'))}</div>"
            for m in source.get("outliers") or []
        )  # its other figures in the group: shown, not hidden
        cite = _cite_html(source.get("outlet"), source.get("title"), source.get("published"), source.get("url"))
        cite = f" <span class='cite muted'>{cite}</span>" if cite else ""
        rows.append(f"<li class='source'><div class='who'>{link}{cite}</div><div>{said}</div></li>")
    return (
        f"<article class='group' data-topic='{escape(str(group.get('topic', '')))}' data-status='{escape(status)}' id='g-{number}'>"
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
        return f"<a href='{escape(url)}' rel='noopener noreferrer'>{escape(url)}</a>"
    return f"<span class='url'>{escape(url)}</span>"


def _document_html(document: DocumentText, claims: list[tuple[int, dict]]) -> str:
    """A document, folded: its summary cites it (outlet, title, published), its body is its text with the claims marked."""
    body, marked = _marked_text(document, claims)
    url = f" · {_url_html(document.url)}" if document.url else ""
    cite = _cite_html(document.outlet, document.title, document.published or "published unknown", None)
    unmarked = f" ({len(claims) - marked} not marked: their text is not at their offsets)" if marked < len(claims) else ""
    return (
        f"<details class='document' id='doc-{escape(document.doc)}'><summary><b>{escape(document.doc)}</b> "
        f"<span class='muted'>{cite} · {len(claims)} claims{unmarked}</span></summary>"
        f"<div class='path muted'>{escape(document.path)}{url}</div><div class='text'>{body}</div></details>"
    )


def _midpoint(time: str | None) -> str | None:
    span = bounds(time)
    if span is None:
        return None
    first, last = span
    return (first + timedelta(days=(last - first).days // 2)).isoformat()


@dataclass(frozen=True)
class LegendEntry:
    """One trace as the page's legend names it: drawn in HTML below the plot, so no number of documents covers it."""

    glyph: str
    color: str
    label: str
    note: str = ""  # said on hover: the document's outlet


def _chart(series: dict, groups: list[dict]) -> tuple[dict, list[LegendEntry]]:
    """A plotly figure: one mark per source of every group of the series, one colour and symbol per document, and
    the series line; with its legend, which the page draws outside the plot (plotly's own is off)."""
    import plotly.graph_objects as go

    figure = go.Figure()
    legend = []
    points = [(p, _midpoint(p.get("time"))) for p in series.get("points", [])]
    line = [(x, p["value"]) for p, x in points if x is not None]
    if line:
        figure.add_trace(go.Scatter(x=[x for x, _ in line], y=[y for _, y in line], mode="lines", name="one figure per period", line={"color": "#999", "dash": "dot"}, hoverinfo="skip"))
        legend.append(LegendEntry("⋯", "#999", "one figure per period"))
    by_doc: dict[str, list[tuple[str, float, str]]] = {}
    outlets: dict[str, str] = {}
    for group in groups:
        x = _midpoint(group.get("time"))
        for source in group.get("sources", []):
            if x is not None and source.get("value") is not None:
                said = (str(source["doc"]), f"{source.get('text', '')} ({group.get('time')})", str(group.get("status", "")))
                by_doc.setdefault(source["doc"], []).append((x, source["value"], "<br>".join(escape(part) for part in said)))
                outlets[source["doc"]] = str(source.get("outlet") or "")
    for number, (doc, marks) in enumerate(sorted(by_doc.items())):
        color, symbol = COLORS[number % len(COLORS)], number % len(SYMBOLS)  # 10 colours by 8 symbols: 40 documents apart
        marker = {"size": 12, "opacity": 0.8, "symbol": SYMBOLS[symbol], "color": color}  # sources that agree exactly still show apart
        figure.add_trace(go.Scatter(x=[m[0] for m in marks], y=[m[1] for m in marks], mode="markers", name=escape(str(doc)), text=[m[2] for m in marks], hoverinfo="text", marker=marker))
        legend.append(LegendEntry(GLYPHS[symbol], color, str(doc), outlets.get(doc, "")))
    figure.update_layout(
        height=300, margin={"l": 50, "r": 10, "t": 10, "b": 30}, showlegend=False,
        xaxis={"type": "date"}, yaxis={"title": {"text": escape(str(series.get("unit") or ""))}}, paper_bgcolor="white", plot_bgcolor="#fafafa", autosize=True,
    )  # fmt: skip
    return json.loads(figure.to_json()), legend


def _legend_html(legend: list[LegendEntry]) -> str:
    """The chart's legend as a list below it: a button per trace shows or hides it."""
    items = "".join(
        f"<li><button type='button' class='legend-item' data-trace='{number}' aria-pressed='true' title='{escape(entry.note)}'>"
        f"<span class='glyph' style='color:{entry.color}' aria-hidden='true'>{entry.glyph}</span> {escape(entry.label)}</button></li>"
        for number, entry in enumerate(legend)
    )
    return f"<ul class='legend'>{items}</ul>"


def _chart_card(number: int, series: dict, legend: list[LegendEntry]) -> str:
    return (
        f"<figure class='chart-card' data-topic='{escape(str(series.get('topic')))}'><h3>{escape(str(series.get('metric')))}"
        f" <span class='muted'>{escape(str(series.get('unit') or ''))} · {escape(str(series.get('topic')))} · {escape(str(series.get('modality')))}"
        f"{' · ' + escape(frame) if (frame := _frame(series)) else ''} · trend {escape(str(series.get('trend')))}</span></h3>"
        f"<div class='chart' id='chart-{number}'></div>{_legend_html(legend)}</figure>"
    )


def _frame(fact: dict) -> str:
    """'KR→VN [students]': who measures what against whom, as compare's tables write it."""
    from vnkr.render import frame_text

    return frame_text(fact.get("subject"), fact.get("counterpart"), fact.get("scope"))


def _said_by(source: dict) -> str:
    """'(VnExpress, 2023-04-12)': the outlet (the document when it names none) and date of one side of a disagreement."""
    outlet = str(source.get("outlet") or source.get("doc") or "")
    short = outlet.split(" (")[0] or outlet  # 'Talk Vietnam (cached excerpt of ...)': the name; the rest on hover
    short = short if len(short) <= 40 else short[:39].rstrip() + "…"
    return f"<span class='muted' title='{escape(outlet)}'>({escape(short)}, {escape(str(source.get('published') or 'undated'))})</span>"


def _summary_line(group: dict, number: int) -> str:
    """One conflict or inconsistency: the fact, each side's figure with who said it and when, how far apart."""
    status = escape(str(group.get("status", "")))
    modality = group.get("modality") if group.get("modality") != "reported" else None  # a target or forecast says so; a reported figure is the usual
    fact = " · ".join(escape(str(part)) for part in (group.get("topic"), modality, _frame(group), group.get("time") or "undated") if part)
    head = f"<span class='badge {status}'>{status}</span> <a href='#g-{number}'><b>{escape(str(group.get('metric', '')))}</b></a> <span class='muted'>{fact}</span>: "
    sources = {str(s.get("doc")): s for s in group.get("sources", [])}
    side = group.get("disagreement")
    if not isinstance(side, dict) or not {"a_text", "b_text"} <= side.keys():
        return f"<li class='conflict-line' data-topic='{escape(str(group.get('topic', '')))}' data-status='{status}'>{head}{escape(str(group.get('reason', '')))}</li>"
    a, b = sources.get(str(side.get("a_doc")), {"doc": side.get("a_doc")}), sources.get(str(side.get("b_doc")), {"doc": side.get("b_doc")})
    if side.get("a_doc") == side.get("b_doc"):
        said = f"<b>{escape(str(side['a_text']))}</b> vs <b>{escape(str(side['b_text']))}</b> in one document {_said_by(a)}"
    else:
        said = f"<b>{escape(str(side['a_text']))}</b> {_said_by(a)} vs <b>{escape(str(side['b_text']))}</b> {_said_by(b)}"
    said += f" — {_apart(side.get('apart'))}" if _apart(side.get("apart")) else ""
    if side.get("two_statistics"):
        said += f" · two statistics ({escape(str(side.get('a_source')))} vs {escape(str(side.get('b_source')))}), not a misprint"
    said += f" · {len(sources)} sources" if len(sources) > 2 else ""
    return f"<li class='conflict-line' data-topic='{escape(str(group.get('topic', '')))}' data-status='{status}'>{head}{said}</li>"


def _summary_html(groups: list[dict]) -> str:
    """The report's first screen: a line per conflict and inconsistency, each a link to its group."""
    parts = []
    for status, heading in SUMMARISED.items():
        lines = [_summary_line(g, n) for n, g in enumerate(groups) if g.get("status") == status]
        if lines:
            parts.append(f"<h3 class='summary-head'>{len(lines)} {COUNTED[status][len(lines) != 1]}: {heading}</h3><ul class='conflicts'>{''.join(lines)}</ul>")
    return "".join(parts) or f"<p class='muted'>No conflict and no inconsistency among {len(groups)} groups.</p>"


def _groups_html(groups: list[dict], known_docs: set[str]) -> str:
    """Every group card in order (groups come sorted by status); those that agree and those of one document
    folded behind their count where they come, so that the conflicts are what the section shows."""
    parts: list[str] = []
    for status, run in itertools.groupby(enumerate(groups), key=lambda numbered: str(numbered[1].get("status"))):
        cards = [_group_html(group, number, known_docs) for number, group in run]
        if status in FOLDED:
            parts.append(
                f"<details class='folded' id='{escape(status)}-groups'><summary><span class='badge {escape(status)}'>{len(cards)} {escape(status)}</span> "
                f"{FOLDED[status]} <span class='match-count muted'></span></summary>{''.join(cards)}</details>"
            )
        else:
            parts.extend(cards)
    return "".join(parts) or "<p class='muted'>No groups.</p>"


def _section(section_id: str, heading: str, body: str) -> tuple[str, str, str]:
    """A section of the report: it gets its place in the page and a link in the page's nav."""
    return section_id, heading, f"<section id='{section_id}'><h2>{escape(heading)}</h2>{body}</section>"


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
    charts = [(s, *_chart(s, _series_groups(s, groups))) for s in series]
    chart_html = "".join(_chart_card(i, s, legend) for i, (s, _, legend) in enumerate(charts))
    summary = " · ".join(f"<span class='badge {escape(s)}'>{counts[s]} {escape(s)}</span>" for s in statuses)
    sections = [
        _section("summary", "What conflicts", _summary_html(groups)),
        _section("groups", "Compare groups", _groups_html(groups, known_docs)),
        *([("checks", "Checks", checks_html)] if checks_html else []),  # vnkr check's section, whole
        _section("charts", "Time series", f"<div class='charts'>{chart_html}</div>" if chart_html else "<p class='muted'>No metric has figures for more than one period.</p>"),
        _section("documents", "Documents", "".join(_document_html(d, by_doc.get(d.doc, [])) for d in documents) or "<p class='muted'>No document text.</p>"),
    ]  # a new part of the report is one more _section here
    nav = " ".join(f"<a href='#{section_id}'>{escape(heading)}</a>" for section_id, heading, _ in sections)
    details = [{k: c.get(k) for k in (*CLAIM_FIELDS, "doc", "sentence", "published")} | ({"corrected": True} if c.get("corrected") else {}) for c in claims]
    assets = RESOURCES / "report"
    style = assets.joinpath("report.css").read_text(encoding="utf-8")
    script = assets.joinpath("report.js").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{style}</style></head>
<body><header class="top"><h1>{escape(title)}</h1>
<p><span class="muted">{len(documents)} documents · {len(claims)} claims · {len(groups)} groups · {len(charts)} charts:</span> {summary}</p><nav>{nav}</nav></header>
<div id="tools" role="search"><input type="search" id="search" placeholder="Search text, outlet, figure" aria-label="Search the report by text, outlet, figure or claim id" autocomplete="off">
<span id="search-count" class="muted" aria-live="polite"></span>
<button type="button" id="skeleton" disabled title="Tick a claim's box beside its id to add it">Corrections skeleton (<span id="picked">0</span>)</button>
<details id="filter-box"><summary>Filters</summary><form id="filters">{_chips("topic", topics)}{_chips("status", statuses)}</form></details></div>
<main>{''.join(html for _, _, html in sections)}</main>
<aside id="detail" hidden><button type="button" id="detail-close" aria-label="close">×</button><div id="detail-body"></div></aside>
{_json_script("vnkr-claims", details)}{_json_script("vnkr-charts", [figure for _, figure, _ in charts])}
<script type="text/javascript">{get_plotlyjs()}</script>
<script type="text/javascript">{script}</script>
</body></html>
"""
