"""vnkr check's findings for people: a terminal table, markdown, and the report's "Checks" section."""

from __future__ import annotations

from html import escape

from rich.console import Console
from rich.table import Table
from rich.text import Text

from vnkr.check import CheckResult, Figure, Finding
from vnkr.render import markdown_cell

STATUS_STYLE = {"inconsistent": "bold red", "consistent": "green"}


def _where(figure: Figure) -> str:
    """'rate 9.2% (2024) doc:930-934'"""
    when = figure.period or "time not stated"
    return f"{figure.role}: {figure.text!r} ({when}) {figure.id}"


def _how(finding: Finding) -> str:
    return f"{finding.reason}" + (f"\n({finding.note})" if finding.note else "")


def print_checks(result: CheckResult, console: Console | None = None) -> None:
    """One row per finding, inconsistent first; cells wrap (the table fits the terminal, 80 columns too)."""
    table = Table(title=f"vnkr check: {len(result.findings)} relations among {result.claims} claims", show_lines=True)
    table.add_column("status", no_wrap=True)
    table.add_column("rule", overflow="fold", min_width=min(20, max((len(f.rule) for f in result.findings), default=4)))
    table.add_column("what the figures imply", overflow="fold", ratio=3)
    table.add_column("figures", overflow="fold", ratio=3)
    for finding in result.findings:
        style = STATUS_STYLE[finding.status]
        table.add_row(Text(finding.status, style=style), Text(finding.rule), Text(_how(finding)), Text("\n".join(_where(f) for f in finding.figures)))
    (console or Console(highlight=False, soft_wrap=False)).print(table)


def checks_markdown(result: CheckResult) -> str:
    lines = ["| status | rule | what the figures imply | figures |", "|---|---|---|---|"]
    for finding in result.findings:
        status = f"**{finding.status}**" if finding.status == "inconsistent" else finding.status
        figures = "<br>".join(markdown_cell(_where(f)) for f in finding.figures)
        lines.append(f"| {status} | {finding.rule} | {markdown_cell(_how(finding))} | {figures} |")
    return "\n".join(lines)


def _figure_html(figure: Figure) -> str:
    sentence = escape(figure.sentence)
    text = escape(figure.text)
    marked = sentence.replace(text, f"<mark class='fig'>{text}</mark>", 1) if text and text in sentence else f"{sentence} <mark class='fig'>{text}</mark>"
    return f"<li><b>{escape(figure.role)}</b> <code>{escape(figure.id)}</code> ({escape(figure.period or 'time not stated')}): <q>{marked}</q></li>"


def checks_section(result: CheckResult) -> str:
    """The report's "Checks" section: each finding with its figures' sentences; all text escaped."""
    if not result.findings:
        return "<section id='checks'><h2>Checks</h2><p class='muted'>No relation between figures could be checked.</p></section>"
    cards = []
    for finding in result.findings:
        status = escape(finding.status)
        badge = "agree" if finding.status == "consistent" else "conflict"  # the report's colours: green, red
        note = f"<p class='muted'>{escape(finding.note)}</p>" if finding.note else ""
        figures = "".join(_figure_html(f) for f in finding.figures)
        cards.append(
            f"<article class='check-card' data-check='{status}'><h3><span class='badge {badge}'>{status}</span> {escape(finding.rule)}</h3>"
            f"<p>{escape(finding.reason)}</p>{note}<ul>{figures}</ul></article>"
        )
    counts = " · ".join(f"{sum(1 for f in result.findings if f.status == s)} {s}" for s in ("inconsistent", "consistent"))
    return f"<section id='checks'><h2>Checks</h2><p class='muted'>Relations between figures: {escape(counts)}</p>{''.join(cards)}</section>"
