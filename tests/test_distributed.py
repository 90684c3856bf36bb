"""Extract and compare on a Dask LocalCluster of two worker processes: the bytes of --jobs 1, a
document a worker fails on, a worker killed mid-run, each also with an article archive cut into
runs of lines. One cluster serves the module; the kill is last."""

import faulthandler
import json
import os
import shutil
import signal
import sys

import pytest
from archives import build_archive
from conftest import SEEDS
from typer.testing import CliRunner

from vnkr import parts
from vnkr.cli import app
from vnkr.readers.archive import cut_archive

distributed = pytest.importorskip("distributed")

runner = CliRunner()
REF = ["--reference-date", "2026-11-22"]
FAULT = "003_"  # the seed document the fault injected below fails on
RUN_BYTES = 16_384  # parts.PARTITION_BYTES in these tests: the archive below is cut into 8 runs
BAD_LINE = 230  # the archive's broken line, in its 6th run


@pytest.fixture(autouse=True)
def bounded():
    """A test that hangs (a cluster that never recovers) ends the run with its traceback after 120 s."""
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield cluster.scheduler_address, client


@pytest.fixture(scope="module")
def seed_output():
    return runner.invoke(app, ["extract", str(SEEDS), *REF]).stdout


@pytest.fixture
def corpus(tmp_path):
    """Forty documents: the seeds, eight times over."""
    for copy in range(8):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, tmp_path / f"{copy}_{seed.name}")
    return tmp_path


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """A 300-line archive cut into runs of RUN_BYTES, whose names depend on earlier runs."""
    monkeypatch.setattr(parts, "PARTITION_BYTES", RUN_BYTES)
    path = build_archive(tmp_path / "crawl.jsonl", 300, bad=(BAD_LINE,))
    runs = list(cut_archive(str(path), RUN_BYTES))
    assert len(runs) > 4 and runs[0].last < BAD_LINE and any(r.taken for r in runs)
    return path


def run(*args):
    return runner.invoke(app, [*args])


def test_extract_on_the_cluster_gives_the_bytes_of_jobs_1(cluster, seed_output, monkeypatch):
    monkeypatch.setattr(parts, "PARTITION_FILES", 2)  # three partitions of the five seeds
    result = run("extract", str(SEEDS), "--scheduler", cluster[0], *REF)
    assert result.exit_code == 0, result.output
    assert result.stdout == seed_output


def test_partitioned_output_directory(cluster, seed_output, monkeypatch, tmp_path):
    monkeypatch.setattr(parts, "PARTITION_FILES", 2)
    (tmp_path / "part-00009.jsonl").write_text("stale\n")
    result = run("extract", str(SEEDS), "--scheduler", cluster[0], "-o", str(tmp_path), *REF)
    assert result.exit_code == 0 and result.stdout == ""
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    assert "".join((tmp_path / n).read_text(encoding="utf-8") for n in names) == seed_output


def test_an_archive_cut_into_runs_gives_the_bytes_and_the_error_line_of_jobs_1(cluster, archive):
    one = run("extract", str(archive), *REF)
    remote = run("extract", str(archive), "--scheduler", cluster[0], *REF)
    assert remote.exit_code == one.exit_code == 1
    assert remote.stdout == one.stdout and one.stdout.count("\n") > 300
    assert remote.stderr == one.stderr and one.stderr.count("\n") == 1 and one.stderr.startswith(f"vnkr: error: {archive}:{BAD_LINE}: not valid JSON")
    docs = {json.loads(line)["doc"] for line in remote.stdout.splitlines()}
    assert {"korea-trade-outlook-30-45", "crawl-203-203", "crawl-294-294"} <= docs  # named after lines of earlier runs


def test_an_archive_gives_a_part_per_run(cluster, archive, monkeypatch, tmp_path):
    monkeypatch.setattr(parts, "PARTITION_FILES", 2)
    local, remote = tmp_path / "local", tmp_path / "remote"
    local.mkdir()
    remote.mkdir()
    single = run("extract", str(SEEDS), str(archive), *REF).stdout
    assert run("extract", str(SEEDS), str(archive), "-o", str(local), *REF).exit_code == 1
    assert run("extract", str(SEEDS), str(archive), "-o", str(remote), "--scheduler", cluster[0], *REF).exit_code == 1
    found = [(p.name, p.read_text(encoding="utf-8")) for p in parts.claims_files(remote)]
    assert found == [(p.name, p.read_text(encoding="utf-8")) for p in parts.claims_files(local)]
    assert len(found) == 3 + len(list(cut_archive(str(archive), RUN_BYTES)))  # the seeds in partitions of 2 files, then a part per run
    assert "".join(text for _, text in found) == single


def test_compare_of_a_claims_directory_on_the_cluster(cluster, monkeypatch, tmp_path):
    monkeypatch.setattr(parts, "PARTITION_FILES", 2)
    assert run("extract", str(SEEDS), "-o", str(tmp_path), *REF).exit_code == 0
    local = run("compare", str(tmp_path), "--format", "json")
    remote = run("compare", str(tmp_path), "--format", "json", "--scheduler", cluster[0])
    assert remote.exit_code == local.exit_code == 0, remote.output
    assert remote.stdout == local.stdout
    assert sum(json.loads(line)["kind"] == "group" for line in local.stdout.splitlines()) > 5


def test_a_hostile_claims_line_on_the_cluster_is_one_error(cluster, tmp_path):
    """A line whose value is 1e400 or whose date is February 30 is one error naming it; the others are compared, as in one process."""
    lines = run("extract", str(SEEDS), *REF).stdout.splitlines()
    lines[3] = json.dumps({**json.loads(lines[3]), "value": 1}).replace('"value": 1,', '"value": 1e400,')
    lines[5] = json.dumps({**json.loads(lines[5]), "label": "DATE", "value": None, "date": "2024-02-30"})
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    local = run("compare", str(path), "--format", "json")
    remote = run("compare", str(path), "--format", "json", "--scheduler", cluster[0])
    assert remote.exit_code == local.exit_code == 1 and remote.stdout == local.stdout and local.stdout.count("\n") > 5
    errors = [line for line in remote.stderr.splitlines() if line.startswith("vnkr: error:")]
    assert [e.split(": ")[2] for e in errors] == [f"{path}:4", f"{path}:6"]


def _fail_on(marker):
    """Injected into each worker: writing a result for a document whose path holds `marker`, or
    whose doc is `marker`, raises."""
    from vnkr import extraction

    original = extraction.__dict__.setdefault("_original_result", extraction._result)

    def broken(document, *args):
        if marker and (marker in document.path or marker == document.doc):
            raise RuntimeError("injected fault")
        return original(document, *args)

    extraction._result = broken if marker else original


def test_a_document_a_worker_fails_on_is_one_line_and_the_rest_goes_on(cluster, seed_output):
    address, client = cluster
    client.run(_fail_on, FAULT)
    try:
        result = run("extract", str(SEEDS), "--scheduler", address, *REF)
    finally:
        client.run(_fail_on, None)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("vnkr: error:")]
    assert len(errors) == 1 and FAULT in errors[0] and "RuntimeError: injected fault" in errors[0] and "Traceback" not in result.stderr
    expected = [line for line in seed_output.splitlines() if f'"doc":"{FAULT}' not in line]
    assert result.stdout.splitlines() == expected and len(expected) < len(seed_output.splitlines())


def test_an_archived_document_a_worker_fails_on_is_one_line_and_its_run_goes_on(cluster, archive):
    address, client = cluster
    failing = "crawl-203-203"  # line 203, named after line 180 of the run before
    client.run(_fail_on, failing)
    try:
        result = run("extract", str(archive), "--scheduler", address, *REF)
    finally:
        client.run(_fail_on, None)
    errors = [line for line in result.stderr.splitlines() if line.startswith("vnkr: error:")]
    assert errors[0] == f"vnkr: error: {archive} ({failing}): failed on a worker (RuntimeError: injected fault); skipped"
    assert len(errors) == 2 and errors[1].startswith(f"vnkr: error: {archive}:{BAD_LINE}: not valid JSON")
    expected = [line for line in run("extract", str(archive), *REF).stdout.splitlines() if f'"doc":"{failing}"' not in line]
    assert result.exit_code == 1 and result.stdout.splitlines() == expected


def test_a_scheduler_out_of_reach_is_one_line():
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = run("extract", str(SEEDS), "--scheduler", "tcp://127.0.0.1:9", *REF)
    assert result.exit_code == 2
    assert result.stderr.startswith("vnkr: error: --scheduler tcp://127.0.0.1:9: cannot reach the scheduler") and "Traceback" not in result.stderr


def test_a_worker_killed_mid_run_loses_no_claim(cluster, corpus, archive, monkeypatch):
    from datetime import date

    from vnkr.distributed import extract_on_dask
    from vnkr.extraction import Settings, extract_paths

    address, client = cluster
    monkeypatch.setattr(parts, "PARTITION_FILES", 2)
    settings = Settings(reference=date(2026, 11, 22))
    files = [str(archive), *sorted(str(p) for p in corpus.iterdir() if p.suffix == ".txt")]  # the archive's runs are in flight at the kill
    expected = [r.model_dump() for r in extract_paths(settings, files)]
    pids = client.run(os.getpid)
    results = extract_on_dask(settings, files, address)
    got = [next(results).model_dump()]
    os.kill(pids[sorted(pids)[0]], signal.SIGKILL if sys.platform != "win32" else signal.SIGTERM)
    got.extend(r.model_dump() for r in results)
    assert got == expected
    assert sorted(client.run(os.getpid).values()) != sorted(pids.values()) or len(client.scheduler_info()["workers"]) < 2
