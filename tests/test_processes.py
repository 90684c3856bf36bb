"""What real processes do to a run: a `--jobs` worker killed, SIGTERM/SIGHUP/SIGINT, a full or
read-only output disk, and `python -m vnkr` run beside a checkout named vnkr. Each in a real
subprocess, bounded in time, and nothing half written left behind."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

import vnkr.parts
import vnkr.rules
from vnkr.cli import app

runner = CliRunner()
REF = ["--reference-date", "2026-11-22"]
WAIT = 180  # seconds a run may take on a loaded machine before it counts as hung


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Two hundred documents: the seeds, forty times over; a few seconds of work for two workers."""
    folder = tmp_path_factory.mktemp("corpus")
    for copy in range(40):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, folder / f"{copy:02d}_{seed.name}")
    return folder


@pytest.fixture(scope="module")
def corpus_claims(corpus):
    result = runner.invoke(app, ["extract", str(corpus), *REF])
    assert result.exit_code == 0
    return result.stdout


def start(*args, cwd=ROOT):
    return subprocess.Popen(
        [sys.executable, "-m", "vnkr", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def finish(process, timeout=WAIT):
    """The process's stdout and stderr; a run still going after `timeout` is ended and fails the test."""
    try:
        return process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"still running after {timeout} s")


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def wait_for(condition, process, what):
    deadline = time.monotonic() + WAIT
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            finish(process, 1)
            pytest.fail(f"the run ended or took too long before {what}")
        time.sleep(0.02)


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith("."))


needs_proc = pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(), reason="needs /proc/PID/task/TID/children (Linux)")


@needs_proc
def test_a_killed_worker_s_tasks_are_done_again_and_named(corpus, corpus_claims, tmp_path):
    """multiprocessing.Pool waited forever for the task of a killed worker, its -o temporary left."""
    out = tmp_path / "claims.jsonl"
    process = start("extract", "--jobs", "2", str(corpus), "-o", str(out), *REF)
    wait_for(lambda: len(children(process.pid)) >= 2, process, "two workers")
    os.kill(children(process.pid)[0], signal.SIGKILL)
    _, stderr = finish(process)
    assert process.returncode == 0, stderr
    assert "a worker process died while extracting; extracted again" in stderr
    assert f"{corpus}/" in stderr and "Traceback" not in stderr
    assert out.read_text(encoding="utf-8") == corpus_claims
    assert leftovers(tmp_path) == []


@needs_proc
def test_tasks_a_worker_dies_on_twice_are_errors_naming_their_files(corpus, corpus_claims, tmp_path):
    """Every worker killed as soon as it is seen: the run still ends, each lost file named on stderr,
    the claims of what was done kept, status 1."""
    out = tmp_path / "claims.jsonl"
    process = start("extract", "--jobs", "2", str(corpus), "-o", str(out), *REF)
    deadline = time.monotonic() + WAIT
    while process.poll() is None and time.monotonic() < deadline:
        for pid in children(process.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.01)
    _, stderr = finish(process, 1)
    assert process.returncode == 1
    lost = [line for line in stderr.splitlines() if ": lost: a worker process died twice while extracting it" in line]
    assert lost and all(line.startswith(f"vnkr: error: {corpus}/") for line in lost)
    assert "Traceback" not in stderr
    kept = out.read_text(encoding="utf-8").splitlines()
    assert set(kept) <= set(corpus_claims.splitlines())
    lost_docs = {Path(line.split(": ")[2]).stem for line in lost}
    assert {json.loads(line)["doc"] for line in kept}.isdisjoint(lost_docs)
    assert leftovers(tmp_path) == []


SIGNALS = [signal.SIGTERM, signal.SIGHUP, signal.SIGINT]


@pytest.mark.parametrize("signo", SIGNALS, ids=[s.name for s in SIGNALS])
def test_a_signal_removes_the_half_written_file_and_exits_128_plus_its_number(corpus, tmp_path, signo):
    out = tmp_path / "claims.jsonl"
    out.write_text("previous complete output\n", encoding="utf-8")
    process = start("extract", str(corpus), "-o", str(out), *REF)
    wait_for(lambda: leftovers(tmp_path), process, "the temporary file")
    time.sleep(0.5)
    process.send_signal(signo)
    _, stderr = finish(process)
    assert process.returncode == 128 + signo, stderr
    assert "Traceback" not in stderr
    assert leftovers(tmp_path) == []
    assert out.read_text(encoding="utf-8") == "previous complete output\n"


@needs_proc
def test_sigterm_with_workers_and_parts_leaves_no_part_and_no_worker(corpus, tmp_path):
    """Parts already written by the stopped run are removed, with the older run's they replaced."""
    parts = tmp_path / "parts"
    parts.mkdir()
    for index in range(9):
        (parts / vnkr.parts.part_name(index)).write_text("an older run's part\n", encoding="utf-8")
    process = start("extract", "--jobs", "2", str(corpus), "-o", str(parts), *REF)
    wait_for(lambda: (parts / "part-00000.jsonl").read_text(encoding="utf-8") != "an older run's part\n", process, "the first part")
    workers = children(process.pid)
    process.send_signal(signal.SIGTERM)
    _, stderr = finish(process)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr
    assert os.listdir(parts) == []
    time.sleep(1)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()] == []


@pytest.fixture
def mounted(tmp_path):
    """A tmpfs mounted with the given options (root only); unmounted after the test."""
    points = []

    def mount(options: str) -> Path:
        point = tmp_path / f"mnt{len(points)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
        points.append(point)
        return point

    yield mount
    for point in points:
        subprocess.run(["umount", str(point)], check=False)


@pytest.mark.parametrize("options, reason", [("size=1m", "No space left on device"), ("ro,size=1m", "Read-only file system")])
def test_a_parts_directory_on_a_full_or_read_only_disk_is_one_line_and_leaves_nothing(corpus, mounted, options, reason):
    folder = mounted(options)
    process = start("extract", str(corpus), "-o", str(folder), *REF)
    _, stderr = finish(process)
    assert process.returncode == 1
    assert stderr.splitlines()[-1].startswith(f"vnkr: error: {folder}/part-") and stderr.splitlines()[-1].endswith(f": cannot write ({reason})")
    assert "Traceback" not in stderr
    assert os.listdir(folder) == []


@pytest.mark.parametrize("written_before", [0, 2])
def test_a_part_that_cannot_be_written_is_one_line(tmp_path, monkeypatch, written_before):
    """A failing disk: the error names the part; parts of the run are removed, and an older run's
    only once one of them was replaced."""
    for index in range(7):
        (tmp_path / vnkr.parts.part_name(index)).write_text("an older run's part\n", encoding="utf-8")
    monkeypatch.setattr(vnkr.parts, "PARTITION_FILES", 1)
    real, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) > written_before:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(vnkr.parts.os, "fsync", fsync)
    result = runner.invoke(app, ["extract", str(SEEDS), "-o", str(tmp_path), *REF])
    assert result.exit_code == 1
    assert result.stderr == f"vnkr: error: {tmp_path / vnkr.parts.part_name(written_before)}: cannot write (No space left on device)\n"
    assert sorted(os.listdir(tmp_path)) == ([] if written_before else [vnkr.parts.part_name(i) for i in range(7)])


def test_python_m_vnkr_beside_a_checkout_named_vnkr_finds_the_installed_package(tmp_path):
    """`import vnkr` from a folder holding a checkout named vnkr (as `git clone` names it) found that
    folder as a namespace package: no rules files, 13 claims of 71, silently."""
    (tmp_path / "vnkr").symlink_to(ROOT, target_is_directory=True)
    here = start("extract", "vnkr/seeds", *REF, cwd=tmp_path)
    there = start("extract", "seeds", *REF, cwd=ROOT)
    (claims, stderr), (expected, _) = finish(here), finish(there)
    assert here.returncode == 0, stderr
    assert claims.replace('"path":"vnkr/seeds/', '"path":"seeds/') == expected and expected.count("\n") > 40
    version = start("--version", cwd=tmp_path)
    assert finish(version)[0] == f"vnkr {vnkr.__version__}\n"


@pytest.mark.parametrize("damage, message", [("missing", "missing; the shipped rules are incomplete"), ("bad", "not valid TOML")])
def test_a_shipped_rules_file_missing_or_broken_is_an_error(tmp_path, monkeypatch, damage, message):
    resources = tmp_path / "resources"
    shutil.copytree(vnkr.rules.RESOURCES, resources)
    broken = resources / "vi" / "units.toml"
    broken.unlink() if damage == "missing" else broken.write_text("[[currency]\n", encoding="utf-8")
    monkeypatch.setattr(vnkr.rules, "RESOURCES", resources)
    vnkr.rules.shipped_rules.cache_clear()
    try:
        result = runner.invoke(app, ["extract", str(SEEDS), *REF])
    finally:
        vnkr.rules.shipped_rules.cache_clear()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"vnkr: error: {broken}: {message}") and result.stderr.count("\n") == 1
