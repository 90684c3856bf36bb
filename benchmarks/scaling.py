"""Where the time of `vnkr extract` goes, how extract and compare grow, and the Dask speed-up.

  profile   cProfile of the extract path on --words/10 words: the top functions by own time;
  scaling   extract on --words/100, --words/10 and --words words (10^4, 10^5, 10^6 by default) and
            compare on --words/1000, /100 and /10 claims (10^3, 10^4, 10^5), each in a fresh
            process after the pipeline is built; prints the growth exponent of each (the slope of
            log time over log size: 1 is linear, 2 quadratic) and peak memory;
  dask      extract of the --words corpus on a LocalCluster of two worker processes (started and
            warmed up before the clock starts, as a cluster is kept running), against one warm
            process; checks that the bytes are the same. Then the same for one article archive of
            --words/50 lines (the seeds' paragraphs, a line each), which Dask takes in runs of lines.

A compare step whose time, extrapolated from the two steps before it, would pass COMPARE_BUDGET
seconds is not run, and the line says so (compare is quadratic in the size of a group today, and
10^5 claims take about two minutes).

Usage: python benchmarks/scaling.py [--words 1000000]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import math
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from throughput import SEEDS, build_corpus, peak_rss_mb

PROFILE_TOP = 15
COMPARE_BUDGET = 120.0  # seconds one compare step may be expected to take
REFERENCE = date(2026, 1, 1)


def _digest(results) -> tuple[int, str]:
    """(claims, sha256 of the JSONL) of a stream of Results, none of them held."""
    count, digest = 0, hashlib.sha256()
    for result in results:
        for line in result.lines:
            digest.update(line.encode("utf-8") + b"\n")
            count += 1
    return count, digest.hexdigest()


def _extract(folder: Path) -> tuple[int, str]:
    from vnkr.extraction import Settings, extract_paths

    return _digest(extract_paths(Settings(reference=REFERENCE), [str(folder)]))


def build_archive(path: Path, lines: int) -> int:
    """A news-please archive of `lines` lines, each a paragraph of the seeds, every tenth URL slug
    used before (renamed as a serial reading names it); returns its words."""
    paragraphs = [p for seed in sorted(SEEDS.glob("*.txt")) for p in seed.read_text(encoding="utf-8-sig").split("\n\n") if len(p.split()) > 20]
    words = 0
    with open(path, "w", encoding="utf-8") as handle:
        for line in range(lines):
            text = paragraphs[line % len(paragraphs)]
            words += len(text.split())
            slug = f"trade-{line - 5}" if line % 10 == 5 else f"trade-{line}"
            article = {"url": f"https://news.example.org/{slug}.html", "title": f"Note {line}", "maintext": text, "date_publish": "2025-06-01 08:00:00", "language": "en"}
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return words


def stage_extract(folder: Path) -> None:
    from vnkr.pipeline import build_nlp

    build_nlp()  # once, before the clock: extract_paths finds it built
    start = time.perf_counter()
    claims, _ = _extract(folder)
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_rss_mb": peak_rss_mb(), "claims": claims}))


def stage_compare(count: int) -> None:
    """compare() on `count` claims: the seeds' claims, each copy as if from other documents."""
    from vnkr.compare import compare
    from vnkr.extraction import Settings, extract_paths

    base = [json.loads(line) for result in extract_paths(Settings(reference=REFERENCE), [str(SEEDS)]) for line in result.lines]
    claims = []
    for copy in range(math.ceil(count / len(base))):
        claims.extend(dict(c, doc=f"{c['doc']}_{copy}", id=f"{c['doc']}_{copy}:{c['start']}-{c['end']}") for c in base)
    claims = claims[:count]
    start = time.perf_counter()
    result = compare(claims)
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_rss_mb": peak_rss_mb(), "groups": len(result.groups)}))


def stage_profile(folder: Path) -> None:
    from vnkr.pipeline import build_nlp

    build_nlp()  # once, before the clock: extract_paths finds it built
    profile = cProfile.Profile()
    profile.enable()
    _extract(folder)
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(PROFILE_TOP)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    head = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    print("\n".join(lines[head:]))


def stage_dask(folder: Path) -> None:
    """`folder` is a folder of files or one archive."""
    from distributed import Client, LocalCluster

    from vnkr.corpus import iter_paths
    from vnkr.distributed import extract_on_dask
    from vnkr.extraction import Settings
    from vnkr.pipeline import build_nlp

    build_nlp()  # once, before the clock: extract_paths finds it built
    start = time.perf_counter()
    serial = _extract(folder)
    one = time.perf_counter() - start
    files = list(iter_paths([str(folder)]))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(build_nlp, None)
        start = time.perf_counter()
        found = _digest(extract_on_dask(Settings(reference=REFERENCE), files, cluster.scheduler_address))
        two = time.perf_counter() - start
    print(json.dumps({"one": one, "dask": two, "same": found == serial}))


def run_stage(*args: str) -> str:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def exponent(sizes: list[float], seconds: list[float]) -> float:
    """The least-squares slope of log(seconds) over log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / spread if spread else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000, help="largest corpus in words (default 1,000,000)")
    parser.add_argument("--stage", choices=["extract", "compare", "profile", "dask"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage == "extract":
        return stage_extract(args.folder)
    if args.stage == "compare":
        return stage_compare(args.count)
    if args.stage == "profile":
        return stage_profile(args.folder)
    if args.stage == "dask":
        return stage_dask(args.folder)

    base = Path(tempfile.mkdtemp(prefix="vnkr-scaling-"))
    try:
        folders = []
        for step, target in enumerate([args.words // 100, args.words // 10, args.words]):
            folder = base / f"corpus-{step}"
            folder.mkdir()
            folders.append((folder, build_corpus(folder, target)[1]))

        print(f"== profile: vnkr extract on {folders[1][1]:,} words, top {PROFILE_TOP} functions by own time (cProfile)")
        print(run_stage("--stage", "profile", "--folder", str(folders[1][0])))

        print("== scaling: vnkr extract, one warm process")
        sizes, times = [], []
        for folder, words in folders:
            found = json.loads(run_stage("--stage", "extract", "--folder", str(folder)).splitlines()[-1])
            sizes.append(words)
            times.append(found["seconds"])
            print(f"  {words:>10,} words  {found['seconds']:8.2f} s  {words / found['seconds']:>9,.0f} words/s  peak RSS {found['peak_rss_mb']:.0f} MB")
        print(f"extract growth exponent: {exponent(sizes, times):.2f}   (1 = linear)")

        print("== scaling: vnkr compare (the seeds' claims, each copy as from other documents)")
        sizes, times = [], []
        for count in [max(10, args.words // 1000), max(100, args.words // 100), max(1000, args.words // 10)]:
            if len(sizes) >= 2:
                expected = times[-1] * (count / sizes[-1]) ** exponent(sizes[-2:], times[-2:])
                if expected > COMPARE_BUDGET:
                    print(f"  {count:>10,} claims  not run: about {expected:,.0f} s expected at the exponent so far")
                    continue
            found = json.loads(run_stage("--stage", "compare", "--count", str(count)).splitlines()[-1])
            sizes.append(count)
            times.append(found["seconds"])
            print(f"  {count:>10,} claims  {found['seconds']:8.2f} s  {found['groups']:>6,} groups  peak RSS {found['peak_rss_mb']:.0f} MB")
        print(f"compare growth exponent: {exponent(sizes, times):.2f}   (1 = linear, 2 = quadratic)")

        folder, words = folders[-1]
        print(f"== dask: vnkr extract on {words:,} words, LocalCluster of 2 worker processes against 1 process")
        found = json.loads(run_stage("--stage", "dask", "--folder", str(folder)).splitlines()[-1])
        print(f"  1 process {found['one']:.2f} s, Dask {found['dask']:.2f} s: Dask speed-up {found['one'] / found['dask']:.2f}x   output identical: {found['same']}")
        archive = base / "crawl.jsonl"
        lines = max(1000, args.words // 50)
        words = build_archive(archive, lines)
        print(f"== dask: vnkr extract on one archive of {lines:,} lines ({words:,} words, {archive.stat().st_size / 2**20:.1f} MiB), runs of lines on 2 workers against 1 process")
        one_archive = json.loads(run_stage("--stage", "dask", "--folder", str(archive)).splitlines()[-1])
        print(f"  1 process {one_archive['one']:.2f} s, Dask {one_archive['dask']:.2f} s: Dask speed-up {one_archive['one'] / one_archive['dask']:.2f}x   output identical: {one_archive['same']}")
        if args.words < 1_000_000:
            print(f"note: {args.words:,} words is a smoke run; the sizes are too small for the exponents and speed-ups to be measurements")
        if not (found["same"] and one_archive["same"]):
            sys.exit(1)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
