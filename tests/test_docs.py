"""The docs say what the code does: every option of every command is in the user guide, every
example command of the docs runs, links between the docs lead somewhere, and the README stays
short enough to read in ten minutes.

Example commands are the lines of ```sh blocks that start with `vnkr ` and the `$ ` lines of
```console blocks (a shell session: `$ mkdir parts` may prepare what the next line needs), in
README.md and docs/*.md. Each block runs in order in a fresh directory that holds links to the
repository's `seeds/`, `tests/data/` and `docs/examples/` and the claims of seeds/ as
`claims.jsonl` (what the tour's first command writes), and every command must exit 0. A block
marked `# needs ../shared` runs only when the shared articles are there (conftest.SHARED,
linked as the directory's `../shared`); otherwise it is skipped and says so."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typer
from conftest import ROOT, SHARED
from typer.testing import CliRunner

from vnkr.cli import app

README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "guide.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
README_MAX_WORDS = 1500
NEEDS_SHARED = "# needs ../shared"
LINKED = ("seeds", "tests/data", "docs/examples")  # what the examples may read, linked into their directory
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
SIMPLE = re.compile(r"^vnkr ([^|&;<>$`()]*?)(?:\s*>\s*([\w./-]+))?$")  # no pipe, no chaining, no substitution; at most `> FILE`
TIMEOUT = 600  # seconds for one example; a Dask cluster starts on a loaded machine within it


# --- (a) every option of every command is in the guide -------------------------------------
def _options() -> list[tuple[str | None, str]]:
    """(command, option) for every option string of every command, read from the click command
    objects typer builds (None: the options of `vnkr` itself). Options are told by their
    `param_type_name`: recent typer vendors its own click, whose classes are not click's."""
    group = typer.main.get_command(app)
    root = group.context_class(group, info_name="vnkr")

    def options(command, context) -> list[str]:
        return [opt for param in command.get_params(context) if param.param_type_name == "option" for opt in param.opts + param.secondary_opts]

    found = [(None, opt) for opt in options(group, root)]
    for name, command in group.commands.items():
        found += [(name, opt) for opt in options(command, command.context_class(command, info_name=name, parent=root))]
    return found


def _section(text: str, command: str) -> str | None:
    """The guide's section `## vnkr COMMAND`, up to the next heading of its level."""
    match = re.search(rf"^## vnkr {re.escape(command)}\s*$(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else None


def _mentions(text: str, option: str) -> bool:
    """`--published` is not mentioned by `--published-gold`, nor `-o` by `-option`."""
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def test_options_are_read_from_the_app():
    options = _options()
    assert (None, "--version") in options and ("extract", "--jobs") in options and ("extract", "-j") in options and ("eval", "--gold") in options


@pytest.mark.parametrize("command,option", _options(), ids=lambda v: v or "vnkr")
def test_every_option_is_in_the_guide(command, option):
    guide = GUIDE.read_text(encoding="utf-8")
    if command is None:
        assert _mentions(guide, option), f"docs/guide.md does not mention `vnkr {option}`"
        return
    section = _section(guide, command)
    assert section is not None, f"docs/guide.md has no section '## vnkr {command}'"
    assert _mentions(section, option), f"docs/guide.md, section 'vnkr {command}', does not mention {option}"


# --- (b) every example command runs ----------------------------------------------------------
def _blocks(path: Path) -> list[tuple[int, list[str]]]:
    """The example commands of a markdown file, block by block: (the fence's line, its commands)."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for match in FENCE.finditer(text):
        kind, body = match.groups()
        commands = []
        for line in body.splitlines():
            line = line.strip()
            if kind == "sh" and line.startswith(("vnkr ", "$ vnkr ")):
                commands.append(line.removeprefix("$ "))
            elif kind == "console" and line.startswith("$ "):
                commands.append(line[2:])
        if commands:
            blocks.append((text.count("\n", 0, match.start()) + 1, commands))
    return blocks


def _examples(path: Path) -> list[str]:
    return [command for _, commands in _blocks(path) for command in commands]


def _missing(command: str) -> str | None:
    """What an example needs that this machine lacks, if anything."""
    if NEEDS_SHARED in command and not SHARED.is_dir():
        return f"{SHARED} not found"
    if re.search(r"\|\s*jq\b", command) and shutil.which("jq") is None:
        return "jq is not installed"
    if "--scheduler" in command and importlib.util.find_spec("distributed") is None:
        return "vnkr[dask] is not installed"
    return None


def _in_process(command: str) -> tuple[list[str], str | None] | None:
    """The arguments of a command that needs no shell (`vnkr ARGS`, or `vnkr ARGS > FILE`) and the
    file it writes stdout to; None for any other command."""
    match = SIMPLE.match(command)
    if match is None:
        return None
    return shlex.split(match.group(1), comments=True), match.group(2)


def _vnkr_bin() -> Path:
    found = Path(sys.executable).parent / "vnkr"
    return found if found.exists() else Path(shutil.which("vnkr") or "vnkr")


@pytest.fixture(scope="module")
def seed_claims() -> bytes:
    """`vnkr extract seeds/`, which the tour writes to claims.jsonl first and later blocks read."""
    result = CliRunner().invoke(app, ["extract", str(ROOT / "seeds")])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _workdir(tmp_path: Path, claims: bytes) -> Path:
    """A directory with the repository's example inputs linked in, claims.jsonl, and ../shared beside it."""
    work = tmp_path / "repo"
    for name in LINKED:
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).symlink_to(ROOT / name, target_is_directory=True)
    (work / "claims.jsonl").write_bytes(claims)
    if SHARED.is_dir():
        (tmp_path / "shared").symlink_to(SHARED.resolve(), target_is_directory=True)
    return work


def _run(command: str, work: Path, env: dict[str, str]) -> tuple[int, str]:
    """(exit status, stderr) of one example. A command with no shell syntax runs through typer's
    CliRunner, in this process (the pipelines are built once: a third of the time); the others
    through bash, with the venv's vnkr."""
    simple = _in_process(command)
    if simple is None:
        done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=work, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)
        return done.returncode, done.stderr
    args, out = simple
    result = CliRunner().invoke(app, args)
    if out:
        (work / out).write_bytes(result.stdout_bytes)
    crash = f" {result.exception!r}" if result.exit_code and result.exception and not isinstance(result.exception, SystemExit) else ""
    return result.exit_code, result.stderr + crash


def test_examples_are_found():
    assert "vnkr extract seeds/ > claims.jsonl" in _examples(README)
    assert any("--scheduler local" in c for c in _examples(GUIDE))
    assert any(c.startswith("mkdir") for c in _examples(GUIDE))  # console blocks: every $ line
    assert not any(c.startswith("make") for doc in DOCS for c in _examples(doc))  # sh blocks: only vnkr lines


def test_needs_shared_marks_blocks_of_their_own():
    """A block of ../shared examples is skipped whole and visibly, never a line inside a block that runs."""
    marked = [(doc.name, line, commands) for doc in DOCS for line, commands in _blocks(doc) if any(NEEDS_SHARED in c for c in commands)]
    assert marked, "no example marked '# needs ../shared'"
    for name, line, commands in marked:
        assert all(NEEDS_SHARED in c and "../shared" in c.split("#")[0] for c in commands), f"{name}:{line}: every line of a '# needs ../shared' block needs ../shared and says so"


BLOCKS = [(doc, line, commands) for doc in DOCS for line, commands in _blocks(doc)]


@pytest.mark.parametrize("doc,line,commands", BLOCKS, ids=[f"{doc.name}:{line}" for doc, line, _ in BLOCKS])
def test_examples_run(doc, line, commands, tmp_path, monkeypatch, seed_claims):
    vnkr = _vnkr_bin()
    assert vnkr.exists(), f"no vnkr executable beside {sys.executable}"
    work = _workdir(tmp_path, seed_claims)
    monkeypatch.chdir(work)
    env = {**os.environ, "PATH": f"{vnkr.parent}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "120"}
    failed, skipped = [], []
    for command in commands:
        missing = _missing(command)
        if missing:
            skipped.append(f"{command}  ({missing})")
            continue
        code, stderr = _run(command, work, env)
        if code != 0:
            failed.append(f"{command}\n    exit {code}: {stderr.strip()[-600:]}")
    assert not failed, f"{doc.name}:{line}: examples that fail:\n" + "\n".join(failed)
    if skipped:
        pytest.skip(f"{doc.name}:{line}: not run: " + "; ".join(skipped))


# --- links and length --------------------------------------------------------------------------
def _slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation but - dropped, spaces as -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {_slug(m) for m in re.findall(r"^#{1,6} (.+)$", text, re.MULTILINE)}


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_relative_links_lead_somewhere(doc):
    broken = []
    for target in LINK.findall(FENCE.sub("", doc.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            broken.append(f"{target}: no file {file}")
        elif anchor and file.suffix == ".md" and anchor not in _anchors(file):
            broken.append(f"{target}: no heading #{anchor} in {file.name}")
    assert not broken, f"{doc.name}: " + "; ".join(broken)


def test_every_dependency_says_why():
    """Each requirement of pyproject.toml (runtime, extras, build) has its row in the guide's table."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*project["project"]["dependencies"], *(d for extra in project["project"]["optional-dependencies"].values() for d in extra), *project["build-system"]["requires"]]
    names = {re.match(r"[A-Za-z0-9_.-]+", spec).group(0).lower() for spec in wanted}
    section = GUIDE.read_text(encoding="utf-8").split("### What gets installed, and why", 1)[1].split("\n## ", 1)[0]
    rows = {name.strip().lower() for line in section.splitlines() if line.startswith("| ") for name in re.sub(r"\(.*?\)", "", line.split("|")[1]).split(",")}
    assert names <= rows, f"docs/guide.md, 'What gets installed, and why', has no row for {sorted(names - rows)}"


def test_readme_is_short():
    words = len(README.read_text(encoding="utf-8").split())
    assert words < README_MAX_WORDS, f"README.md has {words} words; keep it under {README_MAX_WORDS} and move the rest to docs/"
