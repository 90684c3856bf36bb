"""Cases a review of the robustness work found (issue 24, tried again by someone who did not write it):
an output that is also an input, closed standard streams, empty documents, and a link in a folder to a
file outside it. Closed streams need a real process: the descriptor is closed before vnkr starts."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS
from typer.testing import CliRunner

from vnkr.cli import app

runner = CliRunner()
ARTICLE = sorted(SEEDS.glob("*.txt"))[0]


def _vnkr(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vnkr", *args], capture_output=True, timeout=300, **kwargs)


def test_extract_onto_its_own_input_is_refused_and_the_input_kept(tmp_path):
    article = tmp_path / "in.txt"
    article.write_bytes(ARTICLE.read_bytes())
    result = runner.invoke(app, ["extract", str(article), "-o", str(article)])
    assert result.exit_code == 2
    assert "is also an input" in result.stderr
    assert article.read_bytes() == ARTICLE.read_bytes()


def test_a_report_over_a_page_of_the_folder_it_reads_is_refused(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>Korea invested 5 billion USD in Vietnam in 2024, a record for its firms there.</p></article></body></html>")
    before = page.read_bytes()
    result = runner.invoke(app, ["report", str(tmp_path), "-o", str(page)])
    assert result.exit_code == 2
    assert "is also an input" in result.stderr
    assert page.read_bytes() == before


def test_closed_stdin_and_stdout_are_said_not_tracebacks(tmp_path):
    closed_in = _vnkr("extract", "-", stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert closed_in.returncode == 0 and b"Traceback" not in closed_in.stderr
    assert b"empty" in closed_in.stderr
    closed_out = _vnkr("extract", str(ARTICLE), preexec_fn=lambda: os.close(1))
    assert closed_out.returncode == 1 and b"Traceback" not in closed_out.stderr
    assert b"stdout: closed" in closed_out.stderr


def test_an_empty_document_is_said(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.txt"), str(tmp_path / "blank.txt")])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.count("no claims") == 2


def test_a_link_in_a_folder_to_a_file_outside_it_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The private key is 4096 bits long and was made in 2024.")
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    (folder / "notes.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(Path("a") / ARTICLE.name)
    result = runner.invoke(app, ["extract", str(folder)])
    assert "a link to a file outside" in result.stderr and "notes.txt" in result.stderr
    assert "private key" not in result.stdout
    assert '"doc":"inside"' in result.stdout.replace(" ", "")  # a link inside the folder is read
    named = runner.invoke(app, ["extract", str(folder / "notes.txt")])
    assert "4096" in named.stdout  # named on the command line, it is read
