# Two entry points: `make demo` (the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Base install: enough for the whole workflow without machine translation.
$(VENV)/.base: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

# Test install: MT extras (CPU torch, pinned), CTranslate2, test tools and peer tools.
$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[mt,ct2,test]'
	touch $@ $(VENV)/.base

demo: $(VENV)/.base
	$(BIN)/l10n run

test: $(VENV)/.test
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m pytest -q

lint: $(VENV)/.test
	$(BIN)/ruff check l10n tests benchmarks

bench: $(VENV)/.test
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf build .l10n .pytest_cache
