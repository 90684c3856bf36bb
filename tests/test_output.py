"""Where extract writes: checked writes, a quiet end when the reader leaves, and -o that writes
through links, onto devices and FIFOs, and keeps a file's mode and owner."""

import errno
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

import vnkr.output
from vnkr.cli import app

runner = CliRunner()
REF = ["--reference-date", "2026-11-22"]
SEED = str(SEEDS / "001_67d74b846c6c8d2b.txt")


def extract(*args):
    return runner.invoke(app, ["extract", *args, *REF])


@pytest.fixture(scope="module")
def expected():
    result = extract(str(SEEDS))
    assert result.exit_code == 0 and result.stdout.count("\n") > 40
    return result.stdout


def vnkr_process(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "vnkr", "extract", *args, *REF], **kwargs)


def test_a_reader_that_closes_the_pipe_ends_vnkr_quietly():
    """`vnkr extract seeds/ ... | head -1`: status 0, nothing on stderr, as rg does. The output (160 KB)
    is more than a pipe holds, so vnkr writes after the reader has gone."""
    process = vnkr_process(str(SEEDS), str(SEEDS), str(SEEDS), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()  # what head does after its line
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 0
    assert json.loads(first)["doc"]
    assert stderr == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_disk_is_one_line_and_status_1():
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "vnkr", "extract", str(SEEDS), *REF], stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == ["vnkr: error: stdout: cannot write (No space left on device)"]


@pytest.fixture
def full_device(tmp_path):
    """A device that is always full: as root a private copy of /dev/full, so that a regression
    (replacing the node with a file, as vnkr once did) cannot touch the machine's own."""
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    if os.geteuid() != 0:
        return Path("/dev/full")  # /dev is not ours to replace
    node = tmp_path / "full"
    full = os.stat("/dev/full")
    os.mknod(node, stat.S_IFCHR | 0o666, full.st_rdev)
    return node


def test_output_onto_a_full_device_is_written_directly_and_fails_in_one_line(full_device):
    before = os.stat(full_device)
    result = extract(str(SEEDS), "-o", str(full_device))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"vnkr: error: {full_device}: cannot write (No space left on device)"
    after = os.stat(full_device)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino  # the device node is still itself


def test_a_failed_write_leaves_the_previous_file_intact(tmp_path, monkeypatch, expected):
    out = tmp_path / "claims.jsonl"
    out.write_text("previous complete output\n", encoding="utf-8")
    real, taken = os.write, []

    def write_until_full(fd, data):
        if taken:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        taken.append(len(data))
        return real(fd, data)

    monkeypatch.setattr(vnkr.output, "CHUNK", 1_000)
    monkeypatch.setattr(vnkr.output.os, "write", write_until_full)
    result = extract(str(SEEDS), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"vnkr: error: {out}: cannot write (No space left on device)"
    assert out.read_text(encoding="utf-8") == "previous complete output\n"
    assert os.listdir(tmp_path) == ["claims.jsonl"]  # no temporary file left behind


def test_short_writes_are_completed(tmp_path, monkeypatch, expected):
    """A write may take fewer bytes than given (a pipe, a signal, over 2 GiB at once): the rest follows."""
    real = os.write
    monkeypatch.setattr(vnkr.output.os, "write", lambda fd, data: real(fd, bytes(data[:777])))
    out = tmp_path / "claims.jsonl"
    result = extract(str(SEEDS), "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == expected


def test_a_write_that_takes_nothing_is_an_error_not_a_loop(monkeypatch):
    monkeypatch.setattr(vnkr.output.os, "write", lambda fd, data: 0)
    with pytest.raises(OSError, match="took no bytes"):
        vnkr.output.write_all(1, b"x")


def test_output_through_a_symlink_writes_its_target(tmp_path, expected):
    target, link = tmp_path / "claims.jsonl", tmp_path / "latest.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link.symlink_to(target.name)
    assert extract(str(SEEDS), "-o", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8") == expected
    dangling = tmp_path / "next.jsonl"
    dangling.symlink_to("new.jsonl")  # a link to a file not yet there: the file is created
    assert extract(str(SEEDS), "-o", str(dangling)).exit_code == 0
    assert dangling.is_symlink() and (tmp_path / "new.jsonl").read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask):
    out = tmp_path / "claims.jsonl"
    old = os.umask(umask)
    try:
        result = extract(SEED, "-o", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_an_existing_file_keeps_its_mode_and_owner(tmp_path):
    out = tmp_path / "claims.jsonl"
    out.write_text("old\n", encoding="utf-8")
    os.chmod(out, 0o640)
    owner = (out.stat().st_uid, out.stat().st_gid)
    if os.geteuid() == 0:
        owner = (4321, 4321)  # root can give the file away: the new one must follow
        os.chown(out, *owner)
    assert extract(SEED, "-o", str(out)).exit_code == 0
    info = out.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640
    assert (info.st_uid, info.st_gid) == owner
    assert out.read_text(encoding="utf-8").count("\n") > 5


def test_output_onto_a_fifo_is_written_directly(tmp_path, expected):
    fifo = tmp_path / "claims.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = extract(str(SEEDS), "-o", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 0
    assert received == [expected.encode("utf-8")]
    assert stat.S_ISFIFO(fifo.stat().st_mode) and os.listdir(tmp_path) == ["claims.fifo"]


def test_output_through_a_link_to_a_pipe_writes_the_pipe(tmp_path):
    """What `-o /dev/stdout` does; a link of our own, so that a regression replaces only it."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    done = subprocess.run([sys.executable, "-m", "vnkr", "extract", SEED, "-o", str(link), *REF], capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.decode("utf-8") == extract(SEED).stdout
    assert link.is_symlink()
