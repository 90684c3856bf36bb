"""Rich tables and markdown for people; the library returns models, this module only draws them."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from vnkr.evaluate import Score

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
