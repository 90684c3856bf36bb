"""Throughput and memory of vnkr's extract path against spaCy's bare tokenizer.

Builds a corpus of at least --words words by replicating the seeds into a temporary folder,
then measures, each stage in a fresh process so that its peak memory is its own:

  (a) spacy.blank("en").pipe over the texts (the tokenizer alone);
  (b) vnkr's whole extract path: reading files, the pipeline, JSONL written to a file (the pipeline
      is built before the clock starts, as (a)'s spacy.blank is; its start-up is printed apart);
  (b) again with --jobs 2, and on a quarter of the corpus, to show that peak memory does
      not grow with the corpus;
  (c) text shaped like scrapes and exports (benchmarks/shapes.py): a one-line list of 50,000
      figures, a 200,000-row table, a 5 MB token; peak memory and output size of each.
      A smoke run (--words under 1,000,000) measures them at a tenth of their size.

With --lang vi or --lang ko the corpus is the Vietnamese or Korean articles of
../shared/dev-ml/input (the language detected from each file), and (a) is spaCy's rule-based
tokenizer of that language, the one vnkr's pipeline for it starts from.

Then both again as whole processes (`vnkr extract DIR -o FILE` against a script that imports spaCy and
tokenizes the same files): start-up counts there, as it does for a user; wall and cpu time.

Usage: python benchmarks/throughput.py [--words 1000000] [--lang en|vi|ko] [--shapes-scale 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import shapes  # benchmarks/shapes.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV_ML = Path(os.environ.get("VNKR_SHARED", ROOT.parent / "shared")) / "dev-ml" / "input"  # as tests/conftest.py


def sources(lang: str) -> list[Path]:
    """The texts a corpus is replicated from: the seeds, or the dev-ml articles of one language."""
    if lang == "en":
        return sorted(SEEDS.glob("*.txt"))
    from vnkr.languages import detect

    return [p for p in sorted(DEV_ML.glob("*.txt")) if detect(p.read_text(encoding="utf-8-sig")) == lang]


def build_corpus(folder: Path, words: int, lang: str = "en") -> tuple[int, int]:
    """Copies of the source texts under `folder` until they hold at least `words` words; (files, words)."""
    seeds = sources(lang)
    if not seeds:
        raise SystemExit(f"no {lang} texts to build a corpus from")
    texts = [(p.stem, p.read_bytes()) for p in seeds]
    counts = [len(t.decode("utf-8-sig").split()) for _, t in texts]
    total = files = 0
    copy = 0
    while total < words:
        sub = folder / f"{copy // 500:04d}"
        sub.mkdir(exist_ok=True)
        for (stem, data), count in zip(texts, counts):
            (sub / f"{stem}_{copy:06d}.txt").write_bytes(data)
            total += count
            files += 1
        copy += 1
    return files, total


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def stage_tokenizer(folder: Path, lang: str = "en") -> None:
    import spacy

    nlp = spacy.blank("en") if lang == "en" else spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    paths = sorted(folder.rglob("*.txt"))
    start = time.perf_counter()
    texts = (p.read_text(encoding="utf-8-sig") for p in paths)
    for _doc in nlp.pipe(texts):
        pass
    report(time.perf_counter() - start)


def stage_extract(folder: Path, jobs: int, lang: str = "en") -> None:
    from datetime import date

    from vnkr.extraction import Settings, extract_paths
    from vnkr.pipeline import build_nlp

    output = folder.parent / f"claims-{folder.name}-{jobs}.jsonl"
    built = time.perf_counter()
    build_nlp(lang=lang)  # built once per process, before the clock starts, as (a)'s spacy.blank is
    start = time.perf_counter()
    claims = 0
    with open(output, "w", encoding="utf-8") as handle:
        for result in extract_paths(Settings(reference=date(2026, 1, 1)), [str(folder)], jobs=jobs):
            if result.lines:
                handle.write("\n".join(result.lines) + "\n")
                claims += len(result.lines)
    report(time.perf_counter() - start, claims=claims, startup=start - built)


# the bare tokenizer as a whole process: the interpreter, spaCy's import, spacy.blank, reading, tokenizing
TOKENIZER_PROCESS = """
import pathlib, sys, spacy
folder, lang = pathlib.Path(sys.argv[1]), sys.argv[2]
nlp = spacy.blank("en") if lang == "en" else spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
for _doc in nlp.pipe(p.read_text(encoding="utf-8-sig") for p in sorted(folder.rglob("*.txt"))):
    pass
"""


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of a command run to its end; cpu is its user + system time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_process(folder: Path, words: int, lang: str, target: float) -> None:
    """`vnkr extract` against the bare tokenizer, each a whole process from start to exit: start-up
    counts, as it does for a user (the rules come from the cache, warm after the first run)."""
    output = folder.parent / f"whole-{lang}.jsonl"
    vnkr = [sys.executable, "-m", "vnkr", "extract", str(folder), "-o", str(output), "--reference-date", "2026-01-01"]
    timed(vnkr[:3] + ["--help"])  # the interpreter's and the rules cache's files warm, for both
    a_wall, a_cpu = timed([sys.executable, "-c", TOKENIZER_PROCESS, str(folder), lang])
    b_wall, b_cpu = timed(vnkr)
    print(f"whole process, {lang}: bare tokenizer {words / a_wall:>10,.0f} words/s ({a_wall:.1f} s wall, {a_cpu:.1f} s cpu)")
    print(f"whole process, {lang}: vnkr extract   {words / b_wall:>10,.0f} words/s ({b_wall:.1f} s wall, {b_cpu:.1f} s cpu)")
    print(f"whole-process ratio (vnkr / tokenizer words/s) on {lang}: {a_wall / b_wall:.2f} by wall time, {a_cpu / b_cpu:.2f} by cpu time   (target >= {target})")


def report(seconds: float, **extra) -> None:
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_rss_mb(), **extra}))


def run_stage(stage: str, folder: Path, jobs: int = 1, lang: str = "en") -> dict:
    """One stage in a fresh interpreter; its children's memory is counted by the stage's workers."""
    out = subprocess.run(
        [sys.executable, __file__, "--stage", stage, "--folder", str(folder), "--jobs", str(jobs), "--lang", lang],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000, help="corpus size in words (default 1,000,000)")
    parser.add_argument("--shapes-scale", type=float, help="size of the shapes of (c), 1 = full (default: 1, or 0.1 for a smoke run)")
    parser.add_argument("--stage", choices=["tokenizer", "extract"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--lang", choices=["en", "vi", "ko"], default="en", help="the language of the corpus (vi, ko: from ../shared/dev-ml)")
    args = parser.parse_args()
    if args.stage == "tokenizer":
        return stage_tokenizer(args.folder, args.lang)
    if args.stage == "extract":
        return stage_extract(args.folder, args.jobs, args.lang)
    if args.lang != "en":
        return main_language(args.lang, args.words)

    base = Path(tempfile.mkdtemp(prefix="vnkr-bench-"))
    try:
        full, small = base / "corpus", base / "quarter"
        full.mkdir()
        small.mkdir()
        files, words = build_corpus(full, args.words)
        _, small_words = build_corpus(small, args.words // 4)
        print(f"corpus: {files} files, {words:,} words (seeds replicated); quarter corpus: {small_words:,} words")
        a = run_stage("tokenizer", full)
        b = run_stage("extract", full)
        b2 = run_stage("extract", full, jobs=2)
        bq = run_stage("extract", small)
        rate_a, rate_b, rate_b2 = words / a["seconds"], words / b["seconds"], words / b2["seconds"]
        print(f"(a) spacy.blank('en').pipe      {rate_a:>10,.0f} words/s   peak RSS {a['peak_rss_mb']:.0f} MB")
        print(f"(b) vnkr extract, 1 process     {rate_b:>10,.0f} words/s   peak RSS {b['peak_rss_mb']:.0f} MB   {b['claims']:,} claims")
        print(f"(b) vnkr extract, --jobs 2      {rate_b2:>10,.0f} words/s   (parent RSS {b2['peak_rss_mb']:.0f} MB)")
        print(f"ratio (b)/(a), 1 process: {rate_b / rate_a:.2f}   (target >= 0.8)")
        print(f"start-up, not in (b): building vnkr's pipeline {b['startup']:.2f} s once per process (rules, matchers)")
        whole_process(full, words, "en", 0.8)
        print(f"--jobs 2 speed-up over 1 process: {rate_b2 / rate_b:.2f}x   (target >= 1.8)")
        if words < 1_000_000:
            print(f"note: {words:,} words is a smoke run; start-up (imports, building the pipeline) dominates it, so the ratio is no measurement")
        print(f"peak RSS of (b): {bq['peak_rss_mb']:.0f} MB on {small_words:,} words, {b['peak_rss_mb']:.0f} MB on {words:,} words")
        same = (base / "claims-corpus-1.jsonl").read_bytes() == (base / "claims-corpus-2.jsonl").read_bytes()
        print(f"--jobs 2 output identical to --jobs 1: {same}")
        scale = args.shapes_scale if args.shapes_scale is not None else (1.0 if words >= 1_000_000 else 0.1)
        shaped = shapes.report(scale)
        if not (same and shaped):
            sys.exit(1)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main_language(lang: str, words: int) -> None:
    """The throughput ratio on Vietnamese or Korean text against that language's bare tokenizer."""
    if not sources(lang):
        print(f"skipped: no {lang} articles in {DEV_ML}")
        return
    base = Path(tempfile.mkdtemp(prefix=f"vnkr-bench-{lang}-"))
    try:
        folder = base / "corpus"
        folder.mkdir()
        files, words = build_corpus(folder, words, lang)
        print(f"corpus: {files} files, {words:,} words ({lang} articles of dev-ml replicated)")
        a = run_stage("tokenizer", folder, lang=lang)
        b = run_stage("extract", folder, lang=lang)
        rate_a, rate_b = words / a["seconds"], words / b["seconds"]
        print(f"(a) spaCy's rule-based '{lang}' tokenizer {rate_a:>10,.0f} words/s")
        print(f"(b) vnkr extract, 1 process      {rate_b:>10,.0f} words/s   peak RSS {b['peak_rss_mb']:.0f} MB   {b['claims']:,} claims")
        print(f"ratio (b)/(a) on {lang}: {rate_b / rate_a:.2f}")
        whole_process(folder, words, lang, 0.5)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
