"""The `vnkr` command line: thin typer commands over the library. stdout carries data only."""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from vnkr.compare import Comparison
    from vnkr.corrections import Corrections
    from vnkr.evaluate_compare import Fact
    from vnkr.extraction import Settings
    from vnkr.filters import GroupFilter

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class _Stderr:
    """rich's Console on stderr, made when first used: `vnkr --help` does not import rich's console."""

    console = None

    def __getattr__(self, name: str):
        if _Stderr.console is None:
            from rich.console import Console

            _Stderr.console = Console(stderr=True, highlight=False, soft_wrap=True)
        return getattr(_Stderr.console, name)


err = _Stderr()


def _version(value: bool) -> None:
    if value:
        from vnkr import __version__

        print(f"vnkr {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit. Example: vnkr --version")] = False,
) -> None:
    """Extract the numeric claims of news about Vietnam–South Korea relations, and compare them across sources.

    Example: vnkr extract seeds/ | jq -c 'select(.label=="MONEY")'
    """
    _stand_in_for_closed_streams()


def _stand_in_for_closed_streams() -> None:
    """A descriptor 0 or 1 closed before start (`vnkr extract - <&-`) leaves sys.stdin or sys.stdout None:
    devnull stands in, so that stdin reads as empty (and says so) and stdout is an error when written to."""
    import os

    from vnkr.output import CLOSED

    for name, mode in (("stdin", "r"), ("stdout", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode))
            CLOSED.add(name)


def _check_output_is_no_input(output: Path | None, paths: list[str]) -> None:
    """`-o` onto a file that is also read (`vnkr extract in.txt -o in.txt`, a report over the page it
    reads) would replace the input with the output: refused before anything is touched."""
    import os

    from vnkr.corpus import DOCUMENT_SUFFIXES

    if output is None or str(output) == "-":
        return
    target = os.path.realpath(output)
    for path in paths:
        if path == "-":
            continue
        real = os.path.realpath(path)
        inside = os.path.isdir(real) and target.startswith(real.rstrip(os.sep) + os.sep) and Path(target).suffix.lower() in DOCUMENT_SUFFIXES
        if target == real or inside:
            fail(f"{output}: is also an input ({path}); write the output elsewhere")

PROGRESS_MIN_FILES = 20
PUBLISHED_SHOWN = 10  # documents an unknown --published lists
PROGRESS_REFRESH = 0.1  # seconds between redraws of the progress bar


def fail(message: str, code: int = 2) -> None:
    """One line on stderr, no traceback."""
    err.print(f"vnkr: error: {message}", markup=False)
    raise typer.Exit(code)


def warn(message: str) -> None:
    err.print(f"vnkr: warning: {message}", markup=False)


def _check_paths(paths: list[str]) -> None:
    from vnkr.corpus import missing_paths

    missing = missing_paths(paths)
    if missing:
        fail(f"{missing[0]}: no such file or directory" + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))


def _parse_published(values: list[str] | None) -> tuple[tuple[str, date | None], ...]:
    from vnkr.corpus import parse_iso_date

    out = []
    for value in values or []:
        doc, sep, raw = value.partition("=")
        if not sep or not doc:
            fail(f"--published {value!r}: expected DOC=YYYY-MM-DD (or DOC=unknown)")
        if raw.lower() in {"unknown", "none", "null"}:
            out.append((doc, None))
            continue
        parsed = parse_iso_date(raw)
        if parsed is None:
            fail(f"--published {value!r}: {raw!r} is not an ISO date (YYYY-MM-DD)")
        out.append((doc, parsed))
    return tuple(out)


def _parse_reference(value: str | None) -> date:
    if value is None:
        return date.today()
    from vnkr.corpus import parse_iso_date

    parsed = parse_iso_date(value)
    if parsed is None:
        fail(f"--reference-date {value!r}: not an ISO date (YYYY-MM-DD)")
    return parsed


def _check_lang(lang: str | None, option: str = "--lang") -> str | None:
    from vnkr.languages import LANGUAGES

    if lang is not None and lang.lower() not in LANGUAGES:
        fail(f"{option} {lang}: not one of {', '.join(LANGUAGES)}")
    return lang.lower() if lang else None


def _check_rules(rules: Path | None) -> str | None:
    """The shipped rules of every language (a file missing from the installation is an error, not
    fewer claims) and the user's file, checked before any document is read."""
    from vnkr.languages import LANGUAGES
    from vnkr.pipeline import build_nlp
    from vnkr.rules import RulesError, shipped_rules

    try:
        for lang in LANGUAGES:
            shipped_rules(lang)
        if rules is not None:
            build_nlp(str(rules))  # loads and checks every section, date patterns included
    except RulesError as error:
        fail(str(error))
    return None if rules is None else str(rules)


class Stopped(BaseException):
    """SIGTERM or SIGHUP: unwinds the run as Ctrl-C's KeyboardInterrupt does, so that what is half
    written is removed (an -o file's temporary, parts) before vnkr exits with 128 + the signal."""

    def __init__(self, signo: int):
        super().__init__(signo)
        self.signo = signo


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end a run as SIGINT does: cleaned up, exit status 128 + the signal
    (SIGINT: 130, from typer). Only the main thread can set handlers (a test runner's may not)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signo, frame):
        raise Stopped(signo)

    before = {signo: signal.signal(signo, stop) for signo in STOP_SIGNALS}
    try:
        yield
    except Stopped as stopped:
        raise typer.Exit(128 + stopped.signo) from None
    finally:
        for signo, handler in before.items():
            signal.signal(signo, handler)


def _listing(names: list[str], shown: int) -> str:
    return ", ".join(names[:shown]) + (f" (and {len(names) - shown} more)" if len(names) > shown else "")


def _check_published_docs(overrides: tuple[tuple[str, date | None], ...], paths: list[str], claims_too: bool = False) -> None:
    """Every --published names a document of `paths`: else an error listing those there are."""
    if not overrides:
        return
    from vnkr.corpus import document_names, iter_paths

    names = list(dict.fromkeys(document_names(iter_paths(paths))))
    known = set(names)
    for doc, _ in overrides:
        if doc not in known:
            hint = "; a claims file's claims keep the published date they were extracted with" if claims_too else ""
            fail(f"--published {doc}=...: no document {doc!r} among those read; documents: {_listing(names, PUBLISHED_SHOWN) or 'none'}{hint}")


def _check_metric(metric: str | None, rules: str | None, found: Iterable[str] = ()) -> None:
    """--metric is one the rules know, or one a claim read has: else an error listing them."""
    if metric is None:
        return
    import difflib

    from vnkr.components.topics import known_metrics
    from vnkr.languages import LANGUAGES
    from vnkr.rules import load_rules

    known = {m for lang in LANGUAGES for m in known_metrics(load_rules(Path(rules) if rules else None, lang))} | {m for m in found if isinstance(m, str)}
    if metric not in known:
        close = difflib.get_close_matches(metric, sorted(known), n=3)
        guess = f" (did you mean {' or '.join(close)}?)" if close else ""
        fail(f"unknown metric {metric!r}{guess}; known metrics: {', '.join(sorted(known))}")


def _nothing_compared(claims: int, topic: str | None, metric: str | None) -> str:
    """What a compare without a group says on stderr: it read claims, but none could be compared."""
    if not claims:
        return "nothing to compare: no claims were read"
    wanted = " and ".join(f"{name} {value!r}" for name, value in (("topic", topic), ("metric", metric)) if value) or "a metric"
    return f"nothing to compare: of {claims} claims read, none has {wanted} and a value or date"


@contextmanager
def _output(path: Path | None) -> Iterator:
    """stdout or the file `path` (vnkr/output.py): a failed write is one line and status 1, and a
    reader that closed the pipe (`| head`) ends vnkr with status 0 and no message, as rg does.
    An existing directory gets partitioned JSONL (vnkr.parts)."""
    from vnkr.output import OutputError, ReaderGone, open_output

    if path is not None and path.is_dir():
        from vnkr.parts import PartWriter

        try:
            with PartWriter(path) as parts:
                yield parts
        except OutputError as error:
            fail(str(error), 1)
        return
    try:
        with open_output(path) as out:
            yield out
    except ReaderGone:
        raise typer.Exit(0) from None
    except OutputError as error:
        fail(str(error), 1)


SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Run on a Dask cluster: its scheduler's address, or 'local' for a cluster on this machine (needs vnkr[dask]). Example: --scheduler tcp://10.0.0.5:8786"),
]
PublishedOption = Annotated[
    list[str] | None, typer.Option("--published", help="Set a document's published date, overriding its header. Repeatable. Example: --published 002_19c6e7be20873370=2025-08-01")
]
RulesOption = Annotated[Path | None, typer.Option("--rules", help="A TOML rules file that adds to or overrides the shipped rules. Example: --rules my-cues.toml")]
TextLangOption = Annotated[
    str | None,
    typer.Option("--text-lang", help="The language of every document read (en, vi, ko) where its front matter gives none, as extract's --lang. Example: --text-lang vi"),
]
CorrectionsOption = Annotated[
    Path | None,
    typer.Option(
        "--corrections",
        help="A reviewer's corrections file (TOML or JSONL): by claim id, drop a claim, set its fields, or declare two claims the same fact or different; "
        "corrected claims carry corrected: true. Example: --corrections fixes.toml",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="The language of every document (en, vi, ko) where its front matter gives none; default: detected from its text. Example: --lang vi"),
]
ReferenceOption = Annotated[
    str | None,
    typer.Option("--reference-date", help="The date a yearless dateline may not be after (default: today). Example: --reference-date 2025-12-31"),
]


class StatusChoice(str, Enum):
    conflict = "conflict"
    inconsistent = "inconsistent"
    agree = "agree"
    single = "single"


TopicOption = Annotated[str | None, typer.Option("--topic", help="Only groups of this topic. Example: --topic trade")]
MetricOption = Annotated[str | None, typer.Option("--metric", help="Only groups of this metric. Example: --metric trade_value")]
PeriodOption = Annotated[
    list[str] | None,
    typer.Option("--period", help="Only groups whose time overlaps this ISO period (2024, 2024-Q1, 2024-04, 2024-01/2024-06); repeatable, each must overlap. Example: --period 2024-Q1"),
]
YearOption = Annotated[list[int] | None, typer.Option("--year", min=1, max=9999, help="Only groups whose time overlaps this year (as --period YEAR). Example: --year 2024")]
DocOption = Annotated[
    list[str] | None,
    typer.Option("--doc", help="Only groups with a source from this document: its name (file stem) or a glob; repeatable, any may match. Example: --doc '0*_vi_*'"),
]
LangFilterOption = Annotated[list[str] | None, typer.Option("--lang", help="Only groups with a source in this language (en, vi, ko); repeatable. Example: --lang ko")]
StatusOption = Annotated[
    list[StatusChoice] | None,
    typer.Option("--status", help="Only groups with this verdict (conflict, inconsistent, agree, single); repeatable. Example: --status conflict"),
]
SourceOption = Annotated[
    list[str] | None,
    typer.Option("--source", help="Only groups with a source that attributes its figure to this statistic (KITA, GSO ...); repeatable. Example: --source KITA"),
]


def _group_filter(topic: str | None, metric: str | None, period: list[str] | None, year: list[int] | None, doc: list[str] | None,
                  lang: list[str] | None, status: list[StatusChoice] | None, source: list[str] | None) -> GroupFilter:  # fmt: skip
    """The filters of compare and report, their values checked where no document is needed (vnkr/filters.py)."""
    from vnkr.compare import known_topics
    from vnkr.filters import FilterError, GroupFilter, check

    if topic is not None and topic not in known_topics():
        fail(f"unknown topic {topic!r}; known topics: {', '.join(known_topics())}")
    wanted = GroupFilter(
        topic=topic, metric=metric, periods=[*(period or []), *(f"{y:04d}" for y in year or [])], docs=doc or [],
        langs=[_check_lang(value) for value in lang or []], statuses=[s.value for s in status or []], sources=source or [],
    )  # fmt: skip
    try:
        check(wanted)
    except FilterError as error:
        fail(str(error))
    return wanted


def _check_filter(wanted: GroupFilter, docs: Iterable[str], statistics: Iterable[str | None], rules: str | None) -> None:
    """--doc and --source name what was read (or, for --source, a statistic the rules know): else an error listing the choices."""
    from vnkr.filters import FilterError, check
    from vnkr.languages import LANGUAGES
    from vnkr.rules import load_rules

    known = {s.id for lang in LANGUAGES for s in load_rules(Path(rules) if rules else None, lang).source} if wanted.sources else set()
    try:
        check(wanted, docs, {*known, *(s for s in statistics if isinstance(s, str))})
    except FilterError as error:
        fail(str(error))


def _filtered(result: Comparison, wanted: GroupFilter, read: int) -> Comparison:
    """The groups the filters keep; an empty result is said on stderr, with what was asked."""
    from vnkr.filters import apply

    kept = apply(result, wanted)
    if not result.groups:
        warn(_nothing_compared(read, wanted.topic, wanted.metric))
    elif not kept.groups:
        warn(f"nothing to show: of {len(result.groups)} groups compared, none passes {' and '.join(wanted.given())}")
    return kept


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def _csv_row(line: str) -> str:
    """A claim's JSONL line as its CSV row."""
    from vnkr.render import claim_csv_line

    return claim_csv_line(json.loads(line))


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (every *.txt below, sorted) or - for stdin. Example: seeds/")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write JSONL here instead of stdout; a file is replaced only when complete, an existing directory gets part-00000.jsonl, ... Example: -o claims.jsonl"
        ),
    ] = None,
    published: PublishedOption = None,
    rules: RulesOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (with --scheduler local: Dask workers); output is identical to --jobs 1. Example: --jobs 2")] = 1,
    reference_date: ReferenceOption = None,
    lang: LangOption = None,
    scheduler: SchedulerOption = None,
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", help="jsonl (one claim per line) or csv (a header, then one row per claim, for a spreadsheet). Example: --format csv")
    ] = ExtractFormat.jsonl,
    corrections: CorrectionsOption = None,
) -> None:
    """Extract numeric claims as JSONL, one claim per line, in document order.

    Example: vnkr extract seeds/ > claims.jsonl
    """
    from vnkr.extraction import Settings, extract_paths

    _check_paths(paths)
    _check_output_is_no_input(output, paths)
    if output is not None and not (output.parent if str(output.parent) else Path(".")).is_dir():
        fail(f"{output}: its directory does not exist")
    if output_format is ExtractFormat.csv and output is not None and output.is_dir():
        fail(f"{output}: is a directory; CSV is written to one file (e.g. -o {output / 'claims.csv'})")
    row = _csv_row if output_format is ExtractFormat.csv else None
    settings = Settings(rules=_check_rules(rules), reference=_parse_reference(reference_date), published=_parse_published(published), lang=_check_lang(lang))
    _check_published_docs(settings.published, paths)
    fixes = _read_corrections(corrections, settings.rules)
    seen: set[str] = set()
    failed = 0
    with _stopped_by_signals(), _output(output) as out, _progress() as progress, _cluster_errors():
        if row is not None:
            from vnkr.render import CLAIM_COLUMNS, csv_line

            out.write(csv_line(CLAIM_COLUMNS))
        # closed on any way out: a stopped run ends its `--jobs` workers now, not at the interpreter's exit
        with closing(extract_paths(settings, paths, jobs=jobs, on_start=progress.start, run=_on_cluster(scheduler, jobs))) as results:
            for result in results:
                for warning in result.warnings:
                    warn(warning)
                if result.error:
                    failed += 1
                    err.print(f"vnkr: error: {result.error}", markup=False)
                if hasattr(out, "start"):
                    out.start(result.path, result.archive_offset)
                for line in result.lines if fixes is None else _corrected_lines(result.lines, fixes, seen):  # line by line: no string of a whole document's claims
                    out.write(line + "\n" if row is None else row(line))
                progress.advance()
    if fixes is not None:
        for warning in fixes.missing(seen):
            warn(warning)
    if failed:
        raise typer.Exit(1)


def _read_corrections(path: Path | None, rules: str | None) -> Corrections | None:
    """The corrections file, checked whole before any claim is read: a bad one is one line and exit 2."""
    if path is None:
        return None
    from vnkr.corrections import CorrectionsError, read_corrections

    try:
        corrections = read_corrections(path, rules)
    except CorrectionsError as error:
        fail(str(error))
    if not corrections.items:
        warn(f"{path}: no corrections in it")
    return corrections


def _corrected(claims: list[dict], corrections: Corrections | None) -> list[dict]:
    """The claims with a reviewer's drops and sets applied, each warning said on stderr."""
    if corrections is None:
        return claims
    from vnkr.corrections import apply

    fixed, warnings = apply(claims, corrections)
    for warning in warnings:
        warn(warning)
    return fixed


def _corrected_lines(lines: Iterable[str], corrections: Corrections, seen: set[str]) -> Iterator[str]:
    """extract's lines with the corrections applied claim by claim (a line no correction names is
    written as it was); the ids read are added to `seen`, for the warnings at the end."""
    from vnkr.corrections import claim_id
    from vnkr.models import Claim

    for line in lines:
        claim = json.loads(line)
        seen.add(claim_id(claim))
        fixed, warning = corrections.fix(claim)
        if warning:
            warn(warning)
        if fixed is claim:
            yield line
        elif fixed is not None:
            yield Claim.model_validate(fixed).to_json()


def _on_cluster(scheduler: str | None, jobs: int = 1) -> Callable | None:
    """The CLI picks where extraction runs: on the Dask cluster of --scheduler (with --jobs workers
    when it is 'local'), else None: in this process or its --jobs worker processes."""
    if not scheduler:
        return None
    from functools import partial

    from vnkr.distributed import extract_on_dask

    return partial(extract_on_dask, scheduler=scheduler, workers=jobs if jobs > 1 else 0)


@contextmanager
def _cluster_errors() -> Iterator[None]:
    """Dask missing or a scheduler out of reach: one line, exit 2."""
    from vnkr.distributed import ClusterError

    try:
        yield
    except ClusterError as error:
        fail(str(error))


class _Progress:
    """A rich progress bar on stderr when it is a terminal and there are many files. Redrawn from
    this thread (at most every PROGRESS_REFRESH seconds), not by rich's refresh thread: with no
    other thread running, `--jobs` workers can be forked from this process instead of spawned."""

    def __init__(self) -> None:
        self.bar = None
        self.task = None
        self.drawn = 0.0

    def start(self, total: int) -> None:
        if total >= PROGRESS_MIN_FILES and err.is_terminal:
            from rich.progress import Progress

            self.bar = Progress(console=err, transient=True, auto_refresh=False)
            self.bar.start()
            self.task = self.bar.add_task("extracting", total=total)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)
            if time.monotonic() - self.drawn >= PROGRESS_REFRESH:
                self.bar.refresh()
                self.drawn = time.monotonic()

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def _progress() -> Iterator[_Progress]:
    progress = _Progress()
    try:
        yield progress
    finally:
        progress.stop()


@app.command()
def schema() -> None:
    """Print the JSON Schema of the claim record.

    Example: vnkr schema | jq '.properties | keys'
    """
    from vnkr.models import Claim

    print(json.dumps(Claim.model_json_schema(), indent=2, ensure_ascii=False))


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("eval")
def evaluate(
    paths: Annotated[list[str], typer.Argument(help="Documents to extract, or a claims JSONL file from vnkr extract. Example: seeds/")],
    gold: Annotated[list[Path], typer.Option("--gold", help="Gold claims JSONL; repeatable, the files are joined. Example: --gold tests/data/seeds.gold.jsonl")],
    published_gold: Annotated[
        list[Path] | None,
        typer.Option(
            "--published-gold",
            help="Accepted published dates per doc (JSON); repeatable. Default: for each --gold, the file with .published.json beside it, "
            "else published.json in its directory, if present. Example: --published-gold tests/data/seeds.gold.published.json",
        ),
    ] = None,
    facts: Annotated[
        Path | None,
        typer.Option("--facts", help="Also score `vnkr compare` on these claims against facts JSONL (their members are --gold claims). Example: --facts ../shared/dev/facts.jsonl"),
    ] = None,
    show: Annotated[bool, typer.Option("--show", help="List false positives, misses and wrong fields (and each judged compare group). Example: --show")] = False,
    output_format: Annotated[EvalFormat, typer.Option("--format", help="table or json. Example: --format json")] = EvalFormat.table,
    published: PublishedOption = None,
    rules: RulesOption = None,
    reference_date: ReferenceOption = None,
    lang: LangOption = None,
) -> None:
    """Score claims against hand-annotated gold with the protocol of gold/README.md; with --facts, score compare too.

    Example: vnkr eval --gold tests/data/seeds.gold.jsonl seeds/
    """
    from vnkr.evaluate import score
    from vnkr.extraction import Settings
    from vnkr.render import print_score

    _check_paths(paths + [str(g) for g in gold] + ([str(facts)] if facts else []))
    gold_claims, failed = _read_gold(gold)
    accepted = _accepted_published(gold, published_gold)
    known_facts = _read_facts(facts, gold_claims) if facts else None

    settings = Settings(rules=_check_rules(rules), reference=_parse_reference(reference_date), published=_parse_published(published), lang=_check_lang(lang))
    _check_published_docs(settings.published, [p for p in paths if not _is_claims_input(p)], claims_too=any(map(_is_claims_input, paths)))
    predictions, dates, errors = _gather_claims(paths, settings)
    result = score(predictions, gold_claims, dates, accepted)
    compared = None
    if known_facts is not None:
        from vnkr.compare import compare as compare_claims
        from vnkr.evaluate_compare import score_compare

        compared = score_compare(compare_claims(predictions).groups, known_facts, gold_claims)
    if output_format is EvalFormat.json:
        data = result.model_dump()
        if not show:
            for key in ("false_positives", "false_negatives", "wrong_fields"):
                data.pop(key)
        if compared is not None:
            data["compare"] = compared.model_dump(exclude=set() if show else {"lines"})
        print(json.dumps(data, ensure_ascii=False))
    else:
        print_score(result, show)
        if compared is not None:
            from vnkr.render import print_compare_score

            print_compare_score(compared, show)
    if failed or errors:
        raise typer.Exit(1)


def _read_gold(paths: list[Path]) -> tuple[list[dict], int]:
    """The gold claims of every file, a claim given twice counted once (a duplicate would be a
    second claim to find, and lower recall); and the number of bad lines, each said on stderr."""
    from vnkr.claims_io import ClaimsFileError, read_gold
    from vnkr.evaluate import gold_duplicates

    errors: list[str] = []
    try:
        read = [(f"{path}:{number}", claim) for path in paths for number, claim in read_gold(path, errors)]
    except ClaimsFileError as error:
        fail(str(error))
    for message in errors:
        err.print(f"vnkr: error: {message}", markup=False)
    kept, duplicates = gold_duplicates(read)
    for message in duplicates:
        warn(message)
    return kept, len(errors)


def _accepted_published(gold: list[Path], given: list[Path] | None) -> dict[str, list] | None:
    """The accepted published dates of every given file, or of the files found beside the gold files."""
    if given:
        missing = [p for p in given if not p.exists()]
        if missing:
            fail(f"{missing[0]}: no such file")
        paths = given
    else:
        paths = [p for p in map(_published_beside, gold) if p is not None]
    if not paths:
        return None
    accepted: dict[str, list] = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, RecursionError, OSError) as error:  # JSONDecodeError, UnicodeDecodeError, a number too long to read
            fail(f"{path}: not a JSON object of accepted dates ({str(error)[:200] or type(error).__name__})")
        if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
            fail(f"{path}: not a JSON object of accepted dates (each document's a list of ISO dates)")
        accepted.update(data)
    return accepted


def _published_beside(gold: Path) -> Path | None:
    """seeds.gold.jsonl → seeds.gold.published.json, seeds.jsonl → seeds.published.json, else published.json."""
    candidates = (gold.with_name(gold.name.replace(".gold.jsonl", ".gold.published.json").replace(".jsonl", ".published.json")), gold.with_name("published.json"))
    return next((p for p in candidates if p.exists()), None)


def _read_facts(path: Path, gold_claims: list[dict]) -> list[Fact]:
    """The facts, checked against the gold before anything is extracted."""
    from vnkr.evaluate_compare import FactsError, check_facts, read_facts

    try:
        facts = read_facts(path)
        check_facts(facts, gold_claims)
    except FactsError as error:
        fail(str(error))
    return facts


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    summary = "summary"


def _claims_paths(path: str) -> list[str]:
    """A claims file, stdin, or the part files of a claims directory (`vnkr extract -o DIR`)."""
    from vnkr.parts import claims_files, is_claims_directory

    return [str(p) for p in claims_files(Path(path))] if is_claims_directory(path) else [path]


def _is_claims_input(path: str) -> bool:
    """stdin, a claims JSONL file (not an article archive) or a claims directory: read as claims, not as documents."""
    from vnkr.parts import is_claims_directory
    from vnkr.readers.archive import is_article_archive

    return path == "-" or (path.endswith(".jsonl") and not is_article_archive(path)) or is_claims_directory(path)


def _gather_claims(
    paths: list[str], settings: Settings, texts: list | None = None, scheduler: str | None = None
) -> tuple[list[dict], dict[str, str | None], int]:
    """Claims from claims JSONL files, claims directories or stdin, and from documents extracted on
    the fly (on the cluster, given a scheduler); with the published date of each document (for
    eval, also of documents without claims), and the number of errors said on stderr (a bad line
    of a claims file is skipped, the others read). A .jsonl file whose first object is an article
    (`maintext`) is an article archive, read as documents.
    Given a list `texts`, the extracted documents' texts are added to it (for the report)."""
    from vnkr.claims_io import ClaimsFileError, read_claims_file
    from vnkr.extraction import extract_paths
    from vnkr.report import DocumentText

    claims: list[dict] = []
    dates: dict[str, str | None] = {}
    documents = []
    errors: list[str] = []
    for path in paths:
        if _is_claims_input(path):
            try:
                found = [c for name in _claims_paths(path) for c in read_claims_file(name, errors)]
            except ClaimsFileError as error:
                fail(str(error))
            claims.extend(found)
            dates.update((c["doc"], c.get("published")) for c in found)
        else:
            documents.append(path)
    for message in errors:
        err.print(f"vnkr: error: {message}", markup=False)
    failed = len(errors)
    if documents:
        for result in extract_paths(settings, documents, texts=texts is not None, run=_on_cluster(scheduler)):
            for warning in result.warnings:
                warn(warning)
            if result.error:
                failed += 1
                err.print(f"vnkr: error: {result.error}", markup=False)
            if result.doc is not None:
                dates[result.doc] = result.published
                if texts is not None and result.text is not None:
                    texts.append(
                        DocumentText(doc=result.doc, path=result.path, text=result.text, published=result.published, url=result.url, outlet=result.outlet, title=result.title)
                    )
            claims.extend(json.loads(line) for line in result.lines)
    return claims, dates, failed


@app.command()
def compare(
    paths: Annotated[list[str], typer.Argument(help="Documents, a claims JSONL file from vnkr extract, or - for claims on stdin. Example: seeds/")],
    topic: TopicOption = None,
    metric: MetricOption = None,
    period: PeriodOption = None,
    year: YearOption = None,
    doc: DocOption = None,
    lang: LangFilterOption = None,
    status: StatusOption = None,
    source: SourceOption = None,
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only conflicts and inconsistencies, one line each (as --status conflict --status inconsistent --format summary). Example: --conflicts")
    ] = False,
    tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, help="Relative gap two figures may have and still agree. Example: --tolerance 0.1")] = 0.05,
    output_format: Annotated[
        CompareFormat | None,
        typer.Option(
            "--format",
            help="table (default on a terminal), json (one group per line; default when piped), markdown, csv (one row per source of a group) "
            "or summary (one line per conflict and inconsistency). Example: --format csv",
        ),
    ] = None,
    fail_on_conflict: Annotated[bool, typer.Option("--fail-on-conflict", help="Exit 1 when any group shown conflicts. Example: --fail-on-conflict")] = False,
    published: PublishedOption = None,
    rules: RulesOption = None,
    reference_date: ReferenceOption = None,
    text_lang: TextLangOption = None,
    scheduler: SchedulerOption = None,
    corrections: CorrectionsOption = None,
) -> None:
    """Line up the claims of several sources: who says what, where they agree and where they conflict.

    The filters (--topic, --metric, --period, --year, --doc, --lang, --status, --source) combine: a group is
    shown when it passes each; a group passes --doc or --lang when one of its sources does.

    Example: vnkr compare seeds/ --year 2024 --topic trade
    """
    from vnkr.compare import compare as compare_claims

    if conflicts and status:
        fail("--conflicts is --status conflict --status inconsistent; give one or the other")
    statuses = [StatusChoice.conflict, StatusChoice.inconsistent] if conflicts else status
    wanted = _group_filter(topic, metric, period, year, doc, lang, statuses, source)
    _check_paths(paths)
    from vnkr.extraction import Settings

    settings = Settings(rules=_check_rules(rules), reference=_parse_reference(reference_date), published=_parse_published(published), lang=_check_lang(text_lang, "--text-lang"))
    claims_only = all(p != "-" and _is_claims_input(p) for p in paths)
    extracted_only = not any(map(_is_claims_input, paths))
    if extracted_only:
        _check_metric(metric, settings.rules)  # before extracting: the claims can hold no other metric
    _check_published_docs(settings.published, [p for p in paths if not _is_claims_input(p)], claims_too=any(map(_is_claims_input, paths)))
    options = {"tolerance": tolerance, "topic": topic, "metric": metric}
    fixes = _read_corrections(corrections, settings.rules)
    with _cluster_errors():
        if scheduler and claims_only and fixes is None:  # corrections need every claim at hand: the claims are then read here
            from vnkr.claims_io import ClaimsFileError
            from vnkr.distributed import compare_on_dask

            errors: list[str] = []
            try:
                result, read = compare_on_dask([name for path in paths for name in _claims_paths(path)], scheduler, errors=errors, **options)
            except ClaimsFileError as error:
                fail(str(error))
            for message in errors:
                err.print(f"vnkr: error: {message}", markup=False)
            failed = len(errors)
            _check_metric(metric, settings.rules, (g.metric for g in result.groups))
            sources = [s for g in result.groups for s in g.sources]  # of the groups only: the claims stay on the cluster
            _check_filter(wanted, (s.doc for s in sources), (s.source for s in sources), settings.rules)
        else:
            claims, dates, failed = _gather_claims(paths, settings, scheduler=scheduler)
            claims = _corrected(claims, fixes)
            if not extracted_only:
                _check_metric(metric, settings.rules, (c.get("metric") for c in claims))
            _check_filter(wanted, [*dates, *(c["doc"] for c in claims)], (c.get("source") for c in claims), settings.rules)
            read = len(claims)
            result = compare_claims(claims, **options, links=fixes.links if fixes else None)
    result = _filtered(result, wanted, read)
    chosen = output_format or (CompareFormat.summary if conflicts else CompareFormat.table if sys.stdout.isatty() else CompareFormat.json)
    if chosen is CompareFormat.json:
        for item in [*result.groups, *result.series]:
            print(item.model_dump_json())
    elif chosen is CompareFormat.markdown:
        from vnkr.render import comparison_markdown

        print(comparison_markdown(result))
    elif chosen is CompareFormat.csv:
        from vnkr.render import comparison_csv

        for line in comparison_csv(result):
            sys.stdout.write(line)
    elif chosen is CompareFormat.summary:
        from vnkr.render import summary_line
        from vnkr.summary import summarize

        findings = summarize(result)
        for finding in findings:
            print(summary_line(finding))
        others = len(result.groups) - len(findings)
        if others:
            warn(f"the summary lists conflicts and inconsistencies only: {others} other groups not shown (see them with --format table)")
    else:
        from vnkr.render import print_comparison

        print_comparison(result)
    if failed or (fail_on_conflict and result.conflicts):
        raise typer.Exit(1)


class CheckFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command("check")
def check_command(
    paths: Annotated[list[str], typer.Argument(help="Documents, a claims JSONL file from vnkr extract, or - for claims on stdin. Example: seeds/")],
    topic: Annotated[str | None, typer.Option("--topic", help="Only claims of this topic. Example: --topic trade")] = None,
    metric: Annotated[str | None, typer.Option("--metric", help="Only relations that involve this metric. Example: --metric trade_value")] = None,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option("--format", help="table (default on a terminal), json (one finding per line; default when piped) or markdown. Example: --format json"),
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (atomically) instead of stdout. Example: -o checks.jsonl")] = None,
    relations: Annotated[
        Path | None, typer.Option("--relations", help="A TOML file of [[relation]] tables that add to or replace the shipped ones (same id). Example: --relations my-relations.toml")
    ] = None,
    fail_on_inconsistent: Annotated[bool, typer.Option("--fail-on-inconsistent", help="Exit 1 when any relation does not hold. Example: --fail-on-inconsistent")] = False,
    published: PublishedOption = None,
    rules: RulesOption = None,
    reference_date: ReferenceOption = None,
    text_lang: TextLangOption = None,
    corrections: CorrectionsOption = None,
) -> None:
    """Check the arithmetic: exports + imports = turnover, a growth rate against the two years' levels, "164 times since 1992", shares, ranks.

    Example: vnkr check seeds/ --format json | jq -c 'select(.status=="inconsistent")'
    """
    from vnkr.check import load_relations
    from vnkr.check_parts import load_all_cues
    from vnkr.checking import check
    from vnkr.compare import known_topics
    from vnkr.rules import RulesError

    if topic is not None and topic not in known_topics():
        fail(f"unknown topic {topic!r}; known topics: {', '.join(known_topics())}")
    if output is not None and output.is_dir():
        fail(f"{output}: is a directory; give a file (e.g. -o {output / 'checks.jsonl'})")
    _check_paths(paths)
    _check_output_is_no_input(output, paths)
    try:
        chosen_relations = load_relations(relations)
        load_all_cues()
    except RulesError as error:
        fail(str(error))
    from vnkr.extraction import Settings

    settings = Settings(rules=_check_rules(rules), reference=_parse_reference(reference_date), published=_parse_published(published), lang=_check_lang(text_lang, "--text-lang"))
    if not any(map(_is_claims_input, paths)):
        _check_metric(metric, settings.rules)
    _check_published_docs(settings.published, [p for p in paths if not _is_claims_input(p)], claims_too=any(map(_is_claims_input, paths)))
    fixes = _read_corrections(corrections, settings.rules)
    claims, _, failed = _gather_claims(paths, settings)
    claims = _corrected(claims, fixes)
    if any(map(_is_claims_input, paths)):
        _check_metric(metric, settings.rules, (c.get("metric") for c in claims))
    result = check(claims, chosen_relations, topic=topic, metric=metric)
    if not result.findings:
        wanted = " and ".join(f"{name} {value!r}" for name, value in (("topic", topic), ("metric", metric)) if value)
        warn(f"no relation found among {len(claims)} claims{' of ' + wanted if wanted else ''}: no figures that imply one another with a stated frame and time")
    if result.withheld:
        warn(f"{result.withheld} relation(s) missed but are not told: a figure filled twice, a time not stated, a level of one source only or parts of a whole related by their words (likely a misread frame, period or whole)")
    chosen = output_format or (CheckFormat.table if output is None and sys.stdout.isatty() else CheckFormat.json)
    if chosen is CheckFormat.table and output is None:  # rich draws for the terminal: its width, its colours
        from vnkr.check_view import print_checks

        print_checks(result)
    else:
        with _stopped_by_signals(), _output(output) as out:
            if chosen is CheckFormat.json:
                for finding in result.findings:
                    out.write(finding.model_dump_json() + "\n")
            elif chosen is CheckFormat.markdown:
                from vnkr.check_view import checks_markdown

                out.write(checks_markdown(result) + "\n")
            else:
                from rich.console import Console

                from vnkr.check_view import print_checks

                print_checks(result, Console(file=out, highlight=False, soft_wrap=False, width=80, no_color=True))
    if failed or (fail_on_inconsistent and result.inconsistent):
        raise typer.Exit(1)


@app.command("text")
def show_text(
    path: Annotated[str, typer.Argument(help="A text file, a saved page (.html) or an article archive (.jsonl). Example: page.html")],
    doc: Annotated[str | None, typer.Option("--doc", help="Which article of an archive (its doc name). Example: --doc vietnam-korea-trade")] = None,
) -> None:
    """Print a document's text exactly as claim offsets count it: of a saved page, its main text.

    Example: vnkr text page.html | cut -c 120-140
    """
    from vnkr.corpus import ReadError
    from vnkr.extraction import Settings, read_documents

    _check_paths([path])
    chosen, names = None, []
    try:
        for found in read_documents(Settings(), path):
            if isinstance(found, ReadError):
                warn(str(found))
                continue
            names.append(found.doc)
            if doc is None or found.doc == doc:
                chosen = chosen or found
    except ReadError as error:
        fail(str(error), code=1)
    if chosen is None:
        fail(f"{path}: no document {doc!r}; it holds {', '.join(names[:10]) or 'none'}" if doc else f"{path}: no document")
    if doc is None and len(names) > 1:
        fail(f"{path} holds {len(names)} documents; choose one with --doc (e.g. --doc {names[0]})")
    for warning in chosen.warnings:
        warn(warning)
    out = sys.stdout.buffer  # UTF-8 bytes, line endings as they are, whatever the locale
    for chunk in chosen.stream() if chosen.stream else [chosen.text]:
        out.write(chunk.encode("utf-8"))
    out.flush()


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(help="Documents (*.txt, *.html), article archives or claims JSONL files. Example: seeds/")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write (atomically). Example: -o report.html")],
    tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, help="Relative gap two figures may have and still agree. Example: --tolerance 0.1")] = 0.05,
    title: Annotated[str, typer.Option("--title", help="The report's heading. Example: --title 'Trade figures, 2024'")] = "vnkr report",
    documents: Annotated[
        list[str] | None,
        typer.Option(
            "--documents",
            help="Where the documents that claims files name may be read again to show their text (a directory or file; repeatable). "
            "No other file a claim names is read. Example: vnkr report claims.jsonl --documents seeds/ -o report.html",
        ),
    ] = None,
    published: PublishedOption = None,
    rules: RulesOption = None,
    reference_date: ReferenceOption = None,
    topic: TopicOption = None,
    metric: MetricOption = None,
    period: PeriodOption = None,
    year: YearOption = None,
    doc: DocOption = None,
    lang: LangFilterOption = None,
    status: StatusOption = None,
    source: SourceOption = None,
    corrections: CorrectionsOption = None,
) -> None:
    """Write one self-contained HTML file: compare groups (conflicts first), documents with their claims marked, a chart per time series.

    Example: vnkr report seeds/ -o report.html
    """
    from vnkr.compare import compare as compare_claims
    from vnkr.extraction import Settings, read_sources
    from vnkr.report import DocumentText, readable_sources, render_report

    if output.is_dir():
        fail(f"{output}: is a directory; the report is one HTML file (e.g. -o {output / 'report.html'})")
    if output.suffix.lower() not in (".html", ".htm"):
        fail(f"{output}: the report is an HTML file; give a path ending in .html (e.g. -o report.html)")
    _check_paths([*paths, *(documents or [])])
    _check_output_is_no_input(output, [*paths, *(documents or [])])
    if not (output.parent if str(output.parent) else Path(".")).is_dir():
        fail(f"{output}: its directory does not exist")
    group_filter = _group_filter(topic, metric, period, year, doc, lang, status, source)
    settings = Settings(rules=_check_rules(rules), reference=_parse_reference(reference_date), published=_parse_published(published))
    _check_published_docs(settings.published, [p for p in paths if not _is_claims_input(p)], claims_too=any(map(_is_claims_input, paths)))
    fixes = _read_corrections(corrections, settings.rules)
    texts: list = []
    claims, dates, failed = _gather_claims(paths, settings, texts)
    claims = _corrected(claims, fixes)
    _check_metric(metric, settings.rules, (c.get("metric") for c in claims))
    _check_filter(group_filter, [*dates, *(c["doc"] for c in claims)], (c.get("source") for c in claims), settings.rules)
    roots = [*(p for p in paths if not _is_claims_input(p)), *(documents or [])]  # the documents and directories the user named
    wanted, skipped = readable_sources(claims, {t.doc for t in texts}, roots)
    if skipped:
        more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
        warn(f"{skipped[0]}{more}: named by claims but not under a path given or --documents, so not read; its claims are shown without its text")
    texts += [DocumentText.of(document) for document in read_sources(settings, wanted, {t.doc for t in texts})]
    unread = sorted({c["doc"] for c in wanted} - {t.doc for t in texts})
    if unread:
        more = f" (and {len(unread) - 1} more)" if len(unread) > 1 else ""
        warn(f"document {unread[0]}{more} could not be read again from its path; its claims are shown without it")
    from vnkr.check_view import checks_section
    from vnkr.checking import check

    comparison = _filtered(compare_claims(claims, tolerance=tolerance, topic=topic, metric=metric, links=fixes.links if fixes else None), group_filter, len(claims))
    page = render_report(comparison, claims, texts, title=title, checks_html=checks_section(check(claims, topic=topic, metric=metric)))
    with _stopped_by_signals(), _output(output) as out:
        out.write(page)
    err.print(f"vnkr: wrote {output} ({len(claims)} claims, {len(texts)} documents)", markup=False)
    if failed:
        raise typer.Exit(1)
