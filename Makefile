# Everything a fresh machine with Python 3.11+ and make needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install install-test run lint test bench bench-quant eval-seeds eval-dev eval-dev-ml clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/vnkr extract seeds/

# ruff from PyPI into the venv, pinned to a minor version so that new rules do not fail CI unasked
$(VENV)/.installed-lint: | $(BIN)/python
	$(BIN)/python -m pip install --quiet 'ruff>=0.17,<0.18'
	touch $@

# ruff's default rules and sorted imports ([tool.ruff] in pyproject.toml); `ruff check --fix` sorts them
lint: $(VENV)/.installed-lint
	$(BIN)/ruff check vnkr tests benchmarks

test: install-test lint
	$(BIN)/python -m pytest

$(VENV)/.installed-dask: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dask]'
	touch $@

# whole-process figures count start-up: the package's bytecode is written first, as pip does on install
bench: install $(VENV)/.installed-dask
	$(BIN)/python -m compileall -q vnkr
	$(BIN)/python benchmarks/throughput.py $(BENCH_ARGS)
	VNKR_SHARED=$(SHARED) $(BIN)/python benchmarks/throughput.py --lang vi $(BENCH_ARGS)
	VNKR_SHARED=$(SHARED) $(BIN)/python benchmarks/throughput.py --lang ko $(BENCH_ARGS)
	$(BIN)/python benchmarks/scaling.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/newsquant.py

# Quantities in general news: NewsQuant (CQE's benchmark), kept outside the repo; skips without it.
bench-quant: install
	$(BIN)/python benchmarks/newsquant.py $(BENCH_ARGS)

# Claims of the seed documents against their gold (both in the repo).
eval-seeds: install
	@echo "== claims of seeds/ against tests/data/seeds.gold.jsonl"
	@$(BIN)/vnkr eval seeds/ --gold tests/data/seeds.gold.jsonl

# Claims of the dev articles against their gold; compare on seeds + dev against the facts they share.
eval-dev:
	@if [ ! -d "$(SHARED)/dev" ]; then echo "eval-dev: skipped, $(SHARED)/dev not found"; exit 0; fi; \
	$(MAKE) --no-print-directory -s install && \
	echo "== claims of $(SHARED)/dev/input against $(SHARED)/dev/gold.jsonl" && \
	$(BIN)/vnkr eval $(SHARED)/dev/input --gold $(SHARED)/dev/gold.jsonl --published-gold $(SHARED)/dev/published.json && \
	echo "== claims and compare of seeds/ and $(SHARED)/dev/input against both golds and $(SHARED)/dev/facts.jsonl" && \
	$(BIN)/vnkr eval seeds/ $(SHARED)/dev/input --gold tests/data/seeds.gold.jsonl --gold $(SHARED)/dev/gold.jsonl --facts $(SHARED)/dev/facts.jsonl

# Claims of the Vietnamese and Korean articles of ../shared/dev-ml against their gold.
eval-dev-ml:
	@if [ ! -d "$(SHARED)/dev-ml" ]; then echo "eval-dev-ml: skipped, $(SHARED)/dev-ml not found"; exit 0; fi; \
	$(MAKE) --no-print-directory -s install && \
	echo "== claims of $(SHARED)/dev-ml/input against $(SHARED)/dev-ml/gold.jsonl" && \
	$(BIN)/vnkr eval $(SHARED)/dev-ml/input --gold $(SHARED)/dev-ml/gold.jsonl --published-gold $(SHARED)/dev-ml/published.json

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
