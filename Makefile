# Everything a fresh machine with Python 3.11+ and make needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

SHARED ?= ../shared

.PHONY: install install-test run test bench eval-dev-ml clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/vnkr extract seeds/

test: install-test
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/throughput.py $(BENCH_ARGS)

# Vietnamese and Korean articles of ../shared/dev-ml against their gold (skipped without ../shared)
eval-dev-ml: install
	@if [ -d "$(SHARED)/dev-ml/input" ]; then \
		out=$$(mktemp) && $(BIN)/vnkr extract $(SHARED)/dev-ml/input > $$out && \
		$(BIN)/python $(SHARED)/tools/score.py $$out $(SHARED)/dev-ml/gold.jsonl $(SHARED)/dev-ml/published.json; \
		status=$$?; rm -f $$out; exit $$status; \
	else echo "eval-dev-ml: skipped, $(SHARED)/dev-ml not found"; fi

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
