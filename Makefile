# rolemap: `make run` and `make test` set everything up themselves and are safe to run twice.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup system-deps bench-deps lint bench clean bytecode

# Loads the bundled sample, groups its near-duplicates, prints its market summary, then serves the web app
# (Ctrl-C stops).
run: setup bytecode
	$(BIN)/rolemap ingest --sample
	$(BIN)/rolemap near-dups --apply --limit 3
	$(BIN)/rolemap market --top 5
	$(BIN)/rolemap serve --host 127.0.0.1 --port $(or $(PORT),8000)

# The suite on TEST_JOBS processes (pytest-xdist; each has its own PostgreSQL and temporary stores): two,
# the cores CI has. TEST_JOBS=0 runs it in this process, as plain `pytest` does.
TEST_JOBS ?= 2
test: setup system-deps lint bytecode
	$(BIN)/pytest -n $(TEST_JOBS)

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

# Compiled once, so the hundreds of `rolemap` processes the tests start read bytecode instead of compiling
# every library they import (an environment with PYTHONDONTWRITEBYTECODE, or a pip that does not compile,
# otherwise doubles the suite's time). Only changed files are compiled again.
bytecode: setup
	@$(BIN)/python -m compileall -q -j 0 "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" src >/dev/null

# Debian's PostgreSQL (the store tests start a server on loopback) and chromium (the browser tests drive
# it with Playwright; Playwright's own browser download is never used).
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$$missing postgresql"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian's$$missing for the tests"; \
		($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null) \
		|| echo "could not install$$missing: those tests will be skipped with that reason"; \
	fi

# wrk, the load generator of bench/web_bench.py (a C program: it leaves the cores to the server).
bench-deps:
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null)

bench: setup bench-deps
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/skillspan_bench.py
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/market_bench.py
	$(BIN)/python bench/jd_lint_bench.py
	$(BIN)/python bench/web_bench.py
	$(BIN)/python bench/near_dup_bench.py
	$(BIN)/python bench/scale_bench.py
	$(BIN)/python bench/startup_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
