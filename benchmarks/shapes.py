"""Text shaped like what scrapers and exports produce, and what `vnkr extract` does with it:
peak memory, output size, claims and exit status, each shape in a process of its own.

  figures  one line of figures with no sentence punctuation (a flattened list page):
           "Korea 100 firms, 101 people, Vietnam 102 visits, ..."; 10,000 figures make 170 KB,
           50,000 make 0.9 MB
  table    a table of one row a line, cells between " | " (an exported spreadsheet)
  token    one token of 5 MB (a base64 blob, a minified script) between two sentences with claims

tests/test_robustness.py checks the claims of these shapes; this measures them.
Usage: python benchmarks/shapes.py [--scale 1.0]   (--scale 0.1: a tenth of every size)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PLACES = ("Korea", "Vietnam", "Seoul", "Hanoi", "Busan", "Hue")
NOUNS = ("firms", "people", "visits", "workers")


def figure(i: int) -> int:
    """The i-th figure of a shape: all different, so that each can be found exactly once."""
    return 100 + i


def figures_run(n: int) -> str:
    """One line of n figures, every second one after a place name, separated by commas only."""
    parts = []
    for i in range(n):
        item = f"{figure(i):,} {NOUNS[i % len(NOUNS)]}"
        parts.append(f"{PLACES[(i // 2) % len(PLACES)]} {item}" if i % 2 == 0 else item)
    return ", ".join(parts) + "\n"


def table(rows: int) -> str:
    """A header and `rows` rows: place | year | firms | note."""
    lines = ["Province | Year | Korean firms | Note"]
    for i in range(rows):
        lines.append(f"{PLACES[i % len(PLACES)]} | {2000 + i % 25} | {figure(i):,} firms | -")
    return "\n".join(lines) + "\n"


def single_token(size: int) -> str:
    """A token of `size` characters with a sentence of claims on each side."""
    return "Trade reached $5 billion last year.\n" + ("Ab9+/" * (size // 5 + 1))[:size] + "\nOver 10,000 Korean firms operate in Vietnam.\n"


# name: (the text at a scale, the claims it holds at that scale)
SHAPES = {
    "figures, 10,000 in one line": (lambda scale: figures_run(int(10_000 * scale)), lambda scale: int(10_000 * scale)),
    "figures, 50,000 in one line": (lambda scale: figures_run(int(50_000 * scale)), lambda scale: int(50_000 * scale)),
    "table, 200,000 rows": (lambda scale: table(int(200_000 * scale)), lambda scale: int(200_000 * scale)),
    "single token, 5 MB": (lambda scale: single_token(int(5_000_000 * scale)), lambda scale: 2),
}
BOUNDS = {"figures, 50,000 in one line": (500, 50e6)}  # at full scale: peak RSS (MB) and output bytes at most


def measure(path: Path) -> dict:
    """Peak RSS (MB), output bytes, claims and exit status of `python -m vnkr extract PATH -o OUT`."""
    out = path.with_suffix(".jsonl")
    process = subprocess.Popen([sys.executable, "-m", "vnkr", "extract", str(path), "-o", str(out)], stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    size = out.stat().st_size if out.exists() else 0
    with open(out, "rb") if out.exists() else open(os.devnull, "rb") as handle:
        claims = sum(1 for _ in handle)
    out.unlink(missing_ok=True)
    return {"peak_rss_mb": usage.ru_maxrss / 1024, "output_bytes": size, "claims": claims, "status": process.returncode}


def report(scale: float = 1.0) -> bool:
    """Writes each shape to a temporary file, measures it and prints a line about it; whether every
    shape gave its claims with exit status 0 and, at full scale, stayed within its bounds."""
    print(f"shapes (scale {scale:g}): peak RSS and output of vnkr extract, each in a process of its own")
    good = True
    with tempfile.TemporaryDirectory(prefix="vnkr-shapes-") as folder:
        for index, (name, (make, expected)) in enumerate(SHAPES.items()):
            path = Path(folder) / f"shape{index}.txt"
            path.write_text(make(scale), encoding="utf-8")
            size = path.stat().st_size
            m = measure(path)
            path.unlink()
            print(
                f"  {name:<28} input {size / 1e6:6.2f} MB   peak RSS {m['peak_rss_mb']:5.0f} MB   "
                f"output {m['output_bytes'] / 1e6:6.2f} MB ({m['output_bytes'] / max(size, 1):4.1f}x input)   {m['claims']:,} claims   exit {m['status']}"
            )
            problems = []
            if m["status"] != 0 or m["claims"] != expected(scale):
                problems.append(f"expected {expected(scale):,} claims and exit 0")
            rss, output = BOUNDS.get(name, (None, None))
            if scale >= 1 and rss is not None and (m["peak_rss_mb"] > rss or m["output_bytes"] > output):
                problems.append(f"expected peak RSS under {rss} MB and output under {output / 1e6:.0f} MB")
            for problem in problems:
                print(f"    FAILED: {problem}")
            good = good and not problems
    return good


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every shape's size (default 1)")
    parser.add_argument("--write", type=Path, help="only write the shapes, full size, into this folder (to measure them by hand)")
    args = parser.parse_args()
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for index, (make, _) in enumerate(SHAPES.values()):
            (args.write / f"shape{index}.txt").write_text(make(1.0), encoding="utf-8")
        return
    if not report(args.scale):
        sys.exit(1)


if __name__ == "__main__":
    main()
