# rolemap: `make run` and `make test` set everything up themselves and are safe to run twice.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup system-deps lint bench clean

run: setup
	$(BIN)/rolemap ingest --sample
	$(BIN)/rolemap market

test: setup system-deps lint
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

# Debian's PostgreSQL, for the tests that run against a real server (started by the tests on loopback).
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
		echo "installing Debian's postgresql for the store tests"; \
		($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null) \
		|| echo "postgresql could not be installed: its tests will be skipped with that reason"; \
	fi

bench: setup
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/market_bench.py
	$(BIN)/python bench/jd_lint_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
