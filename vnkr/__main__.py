"""`python -m vnkr`."""

from vnkr.cli import app

app(prog_name="vnkr")
