"""Rich tables and markdown for people; the library returns models, this module only draws them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from rich.console import Console
from rich.table import Table
from rich.text import Text

from vnkr.compare import Comparison, Group, Source
from vnkr.evaluate import Score
from vnkr.evaluate_compare import CompareScore
from vnkr.summary import Finding, Side

out = Console(highlight=False, soft_wrap=True)


def print_score(score: Score, show: bool = False) -> None:
    table = Table(title="vnkr eval", show_lines=False)
    for column in ("", "precision", "recall", "F1", "correct", "predicted", "gold"):
        table.add_column(column, justify="right" if column else "left")
    for name in ("span", "quantity", "claim"):
        prf = getattr(score, name)
        table.add_row(name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}", str(prf.correct), str(prf.predicted), str(prf.gold))
    out.print(table)
    fields = Table(title="field accuracy on matched claims")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    for name, value in score.fields.items():
        fields.add_row(name, f"{value:.3f}")
    if score.published is not None:
        fields.add_row("published (per document)", f"{score.published:.3f}")
    out.print(fields)
    if show:
        for title, rows in (("false positives", score.false_positives), ("misses", score.false_negatives), ("wrong fields", score.wrong_fields)):
            out.print(f"\n[bold]{title}[/bold] ({len(rows)})")
            for miss in rows:
                out.print(f"  {miss.doc}:{miss.start}-{miss.end} {miss.text!r} {miss.detail}", markup=False)


STATUS_STYLE = {"conflict": "bold red", "inconsistent": "bold yellow", "agree": "green", "single": "dim"}


def frame_text(subject: str | None, counterpart: str | None, scope: str | None) -> str:
    """'KR→VN', 'KR–VN' for a pair, with the scope: 'VN→KR [students]'."""
    if not (subject or counterpart or scope):
        return ""
    text = f"{subject or '?'}→{counterpart or '?'}"
    return f"{text} [{scope}]" if scope else text


def _group_title(group: Group | Finding) -> str:
    parts = [f"{group.topic}/{group.metric}", group.modality]
    if group.unit and group.unit not in {"rank"}:
        parts.append(group.unit)
    frame = frame_text(group.subject, group.counterpart, group.scope)
    if frame:
        parts.append(frame)
    if group.time:
        parts.append(group.time if group.basis != "as_of_published" else f"as of {group.time}")
    return " · ".join(parts)


def _mentions_text(source: Source) -> str:
    """The texts that state a source's figure, each once with how often: "'150 billion USD', '150 billion' (×2)"."""
    counts: dict[str, int] = {}
    for mention in source.mentions or []:
        counts[mention.text] = counts.get(mention.text, 0) + 1
    if not counts:
        return repr(source.text)
    return ", ".join(repr(text) + (f" (×{n})" if n > 1 else "") for text, n in counts.items())


def citation(outlet: str | None, title: str | None, url: str | None) -> str:
    """What lets a reader find a source again: 'Yonhap, 'Trade hits record', https://...'."""
    return ", ".join(part for part in (outlet, title and repr(title), url) if part)


def _source_line(source: Source) -> str:
    """'doc: '$86.7 billion' (×2) (2024, period from clause; KITA) — outlet, 'title', url; also states '$7 billion' (outliers)'"""
    when = source.period or source.date or (f"as of {source.published}" if source.published else "undated")
    if source.period and source.period_from:
        when += f", period from {source.period_from}"
    if source.source:
        when += f"; {source.source}"
    if source.published and not when.startswith("as of"):
        when += f"; published {source.published}"
    if source.corrected:
        when += "; ✎ corrected"
    cite = citation(source.outlet, source.title, source.url)
    apart = f"; also states {', '.join(dict.fromkeys(repr(m.text) for m in source.outliers))} (outliers)" if source.outliers else ""
    return f"{source.doc}: {_mentions_text(source)} ({when}){' — ' + cite if cite else ''}{apart}"


def _why_cell(group: Group) -> str:
    """The verdict's reason, and what makes the sources one fact."""
    return f"{group.reason}\n(one fact: {group.why})" if group.why else group.reason


SERIES_COLUMNS = ("time", "figure", "document", "change from previous", "fits the trend")
SOURCES_HEADER = "sources: doc: figure as written (×times) (time; statistic; published) — outlet, title, url"


def _column(table: Table, header: str, ratio: int | None = None) -> None:
    """A column whose cells wrap, and fold a word longer than the column, rather than cut it."""
    table.add_column(header, overflow="fold", no_wrap=False, ratio=ratio)


def print_comparison(comparison: Comparison) -> None:
    """A table for people, conflicts first in red: it wraps to the terminal's width (COLUMNS) and cuts nothing."""
    console = Console(highlight=False)  # made now: the width is the terminal's (or COLUMNS) at this run
    table = Table(title="vnkr compare", show_lines=True, caption=SOURCES_HEADER, expand=True)  # expand: the columns take their ratios
    _column(table, "status: fact (topic/metric · modality · unit · frame · time)", 3)
    _column(table, "why: the verdict, and what makes one fact", 3)
    _column(table, "sources", 4)
    for group in comparison.groups:
        fact = Text(group.status, style=STATUS_STYLE[group.status])
        fact.append(f": {_group_title(group)}")
        table.add_row(fact, Text(_why_cell(group)), Text("\n".join(_source_line(s) for s in group.sources)))
    console.print(table)
    for series in comparison.series:
        trend = Table(title=f"{series.topic}/{series.metric} ({series.modality}) over time: trend {series.trend}")
        for column in SERIES_COLUMNS:
            _column(trend, column)
        for point in series.points:
            change = "" if point.change is None else f"{point.change:+.1%}"
            trend.add_row(point.time, Text(point.text), Text(point.doc), change, Text("yes" if point.fits else "does not fit the trend", style="" if point.fits else "bold red"))
        console.print(trend)


def markdown_cell(text: str) -> str:
    """Text as one cell of a markdown table: its pipes escaped, its lines joined."""
    return text.replace("|", "\\|").replace("\n", " ")


def comparison_markdown(comparison: Comparison) -> str:
    """Markdown for pasting into a report."""
    lines = ["| group | status | why | sources |", "|---|---|---|---|"]
    for group in comparison.groups:
        status = f"**{group.status}**" if group.status == "conflict" else group.status
        sources = "<br>".join(markdown_cell(_source_line(s)) for s in group.sources)
        lines.append(f"| {markdown_cell(_group_title(group))} | {status} | {markdown_cell(_why_cell(group))} | {sources} |")
    for series in comparison.series:
        lines += ["", f"**{series.topic}/{series.metric} ({series.modality}) over time** — trend {series.trend}", "", "| " + " | ".join(SERIES_COLUMNS) + " |", "|---|---|---|---|---|"]
        for point in series.points:
            change = "" if point.change is None else f"{point.change:+.1%}"
            lines.append(f"| {point.time} | {markdown_cell(point.text)} | {point.doc} | {change} | {'yes' if point.fits else 'does not fit the trend'} |")
    return "\n".join(lines)


def _side_text(side: Side) -> str:
    """A side as a citation, who says it and when: '$86.7 billion' (Yonhap, 2025-01-03, doc 003_x)."""
    said = ", ".join(part for part in (side.outlet, side.published or "undated", f"doc {side.doc}") if part)
    return f"{side.text!r} ({said})"


def _statistics_text(finding: Finding) -> str:
    a, b = finding.a.source, finding.b.source
    if finding.two_statistics:
        return f"two statistics, not a misprint: {a} vs {b}"
    if a and b:
        return f"both cite {a}"
    if a or b:
        return f"only one side names a statistic ({a or b})"
    return "no statistic named"


def summary_line(finding: Finding) -> str:
    """One line per conflict or inconsistency: the fact, each side with its outlet and date, how far apart, the statistics."""
    apart = "dates do not overlap" if finding.apart is None else f"{finding.apart:.0%} apart"
    if finding.status == "inconsistent":
        said = ", ".join(part for part in (finding.a.outlet, finding.a.published or "undated") if part)
        sides = f"{finding.a.doc} ({said}) states {finding.a.text!r} and {finding.b.text!r}"
    else:
        sides = f"{_side_text(finding.a)} vs {_side_text(finding.b)}"
    return f"{finding.status}: {_group_title(finding)}: {sides}: {apart}; {_statistics_text(finding)}"


# --- CSV, for a spreadsheet: one header line, then rows in a fixed column order --------------
CLAIM_COLUMNS = (
    "id", "doc", "path", "published", "url", "outlet", "title", "lang", "start", "end", "text", "label", "value", "low", "high", "unit",
    "qualifier", "date", "period", "period_from", "topic", "metric", "modality", "subject", "counterpart", "scope", "direction", "base",
    "source", "entities", "rule", "sentence",
)  # fmt: skip
GROUP_COLUMNS = (
    "group", "status", "topic", "metric", "modality", "unit", "subject", "counterpart", "scope", "time", "basis", "apart", "two_statistics", "reason",
    "doc", "url", "outlet", "title", "published", "lang", "text", "value", "low", "high", "qualifier", "period", "date", "source", "mentions",
    "outliers", "id", "sentence",
)  # fmt: skip


def _cell(value: object) -> str:
    """A value as a spreadsheet reads it: empty for none, whole numbers without '.0', true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_line(values: Iterable[object]) -> str:
    """One CSV record (RFC 4180: quoted where needed, CRLF at its end)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([_cell(v) for v in values])
    return buffer.getvalue()


def claim_csv_line(claim: dict) -> str:
    """A claim record as one row of CLAIM_COLUMNS; its entities as their ids joined by ';'."""
    row = {**claim, "entities": ";".join(e["id"] for e in claim.get("entities") or [])}
    return csv_line(row.get(column) for column in CLAIM_COLUMNS)


def comparison_csv(comparison: Comparison) -> Iterator[str]:
    """The header, then one row per source of each group (GROUP_COLUMNS; `group` numbers the groups from 1).
    Series are not rows: they are the groups' figures over time, in the table, markdown and JSON."""
    yield csv_line(GROUP_COLUMNS)
    for number, group in enumerate(comparison.groups, 1):
        apart = group.disagreement.apart if group.disagreement else None
        statistics = group.disagreement.two_statistics if group.disagreement else False
        for s in group.sources:
            yield csv_line(
                [number, group.status, group.topic, group.metric, group.modality, group.unit, group.subject, group.counterpart, group.scope, group.time,
                 group.basis, apart, statistics, group.reason, s.doc, s.url, s.outlet, s.title, s.published, s.lang, s.text, s.value, s.low, s.high,
                 s.qualifier, s.period, s.date, s.source, len(s.mentions), "; ".join(m.text for m in s.outliers), s.id, s.sentence]
            )  # fmt: skip


def print_compare_score(score: CompareScore, show: bool = False) -> None:
    """compare against the facts: the measures, score_compare.py's summary line, and with `show` each verdict."""
    table = Table(title="vnkr eval: compare against the facts")
    for column in ("", "value", "of"):
        table.add_column(column, justify="right" if column else "left")
    for name, value, part, whole in (
        ("group precision", score.group_precision, score.groups_right, score.groups_judged),
        ("fact recall", score.fact_recall, score.facts_found, score.facts),
        ("compare F1", score.compare_f1, None, None),
        ("conflict precision", score.conflict_precision, score.conflicts_right, score.conflicts_reported),
        ("conflict recall", score.conflict_recall, score.gold_conflicts_found, score.gold_conflicts),
    ):
        table.add_row(name, f"{value:.3f}", "" if part is None else f"{part}/{whole}")
    out.print(table)
    out.print(score.summary(), markup=False)
    if show:
        out.print(f"\n[bold]compare groups and missed facts[/bold] ({len(score.lines)})")
        for line in score.lines:
            out.print(f"  {line}", markup=False)
