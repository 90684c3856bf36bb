"""Rich tables and markdown for people; the library returns models, this module only draws them."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from vnkr.compare import Comparison, Group, Source
from vnkr.evaluate import Score
from vnkr.evaluate_compare import CompareScore

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


def _group_title(group: Group) -> str:
    parts = [f"{group.topic}/{group.metric}", group.modality]
    if group.unit and group.unit not in {"rank"}:
        parts.append(group.unit)
    frame = frame_text(group.subject, group.counterpart, group.scope)
    if frame:
        parts.append(frame)
    if group.time:
        parts.append(group.time if group.basis != "as_of_published" else f"as of {group.time}")
    return " · ".join(parts)


def _source_line(source: Source) -> str:
    """'doc: '$86.7 billion' ×2 (2024, period from clause; KITA) — outlet, url; also states: '$7 billion''"""
    when = source.period or source.date or (f"as of {source.published}" if source.published else "undated")
    if source.period and source.period_from:
        when += f", period from {source.period_from}"
    if source.source:
        when += f"; {source.source}"
    texts = ", ".join(dict.fromkeys(repr(m.text) for m in source.mentions)) or repr(source.text)
    times = f" ×{len(source.mentions)}" if len(source.mentions) > 1 else ""
    cite = ", ".join(part for part in (source.outlet, source.title and repr(source.title), source.url) if part)
    apart = f"; also states {', '.join(dict.fromkeys(repr(m.text) for m in source.outliers))} (outliers)" if source.outliers else ""
    return f"{source.doc}: {texts}{times} ({when}){' — ' + cite if cite else ''}{apart}"


def _why_cell(group: Group) -> str:
    """The verdict's reason, and what makes the sources one fact."""
    return f"{group.reason}\n(one fact: {group.why})" if group.why else group.reason


def print_comparison(comparison: Comparison) -> None:
    """A table for people: conflicts first, in red."""
    table = Table(title="vnkr compare", show_lines=True)
    table.add_column("group")
    table.add_column("status")
    table.add_column("why")
    table.add_column("sources")
    for group in comparison.groups:
        style = STATUS_STYLE[group.status]
        table.add_row(
            _group_title(group),
            f"[{style}]{group.status}[/{style}]",
            Text(_why_cell(group)),
            Text("\n".join(_source_line(s) for s in group.sources)),
        )
    out.print(table)
    for series in comparison.series:
        trend = Table(title=f"{series.topic}/{series.metric} ({series.modality}) over time: trend {series.trend}")
        for column in ("time", "figure", "source", "change", ""):
            trend.add_column(column)
        for point in series.points:
            change = "" if point.change is None else f"{point.change:+.1%}"
            trend.add_row(point.time, Text(point.text), point.doc, change, "" if point.fits else "[bold red]does not fit the trend[/bold red]")
        out.print(trend)


def comparison_markdown(comparison: Comparison) -> str:
    """Markdown for pasting into a report."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| group | status | why | sources |", "|---|---|---|---|"]
    for group in comparison.groups:
        status = f"**{group.status}**" if group.status == "conflict" else group.status
        sources = "<br>".join(cell(_source_line(s)) for s in group.sources)
        lines.append(f"| {cell(_group_title(group))} | {status} | {cell(_why_cell(group))} | {sources} |")
    for series in comparison.series:
        lines += ["", f"**{series.topic}/{series.metric} ({series.modality}) over time** — trend {series.trend}", "", "| time | figure | source | change | |", "|---|---|---|---|---|"]
        for point in series.points:
            change = "" if point.change is None else f"{point.change:+.1%}"
            lines.append(f"| {point.time} | {cell(point.text)} | {point.doc} | {change} | {'' if point.fits else 'does not fit the trend'} |")
    return "\n".join(lines)


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
