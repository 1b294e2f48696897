# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
# Both create .venv and install the project into it; nothing is assumed installed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DANVAN := $(BIN)/danvan
OUT := out
DEMO_DB := $(OUT)/demo.lbdb
LINT_DIR := tests/cypher_lint

.PHONY: demo test bench bench-scale lint venv clean node browser

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	mkdir -p $(VENV)/typecheck/danvan
	for room in cli graph loaders queries viz; do ln -sfn ../../../$$room $(VENV)/typecheck/danvan/$$room; done
	touch $(STAMP)

# Neo4j's own Cypher parser and linter (npm), used by the tests to check every Cypher text sent to Neo4j.
node: $(LINT_DIR)/node_modules/.installed

$(LINT_DIR)/node_modules/.installed: $(LINT_DIR)/package.json $(LINT_DIR)/package-lock.json
	cd $(LINT_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Headless Chromium for the map tests; skipped with a visible reason where it cannot be installed.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "note: could not install chromium; browser tests will be skipped"; \
	  else echo "note: chromium not installed and not root; browser tests will be skipped"; fi; }

demo: venv
	rm -rf $(DEMO_DB) $(OUT)/demo.lbdb.wal
	$(DANVAN) build data/articles --db $(DEMO_DB)
	$(DANVAN) stats --db $(DEMO_DB)
	$(DANVAN) export --db $(DEMO_DB) --format turtle --out $(OUT)/graph.ttl --created 2026-01-01
	$(DANVAN) query run-all --db $(DEMO_DB) --out $(OUT)/queries
	$(DANVAN) map-index --db $(DEMO_DB) --out $(OUT)/maps
	@echo "demo written to $(OUT)/: graph.ttl, queries/, maps/index.html (database: $(DEMO_DB))"

test: venv node browser
	$(BIN)/ruff check cli graph loaders queries viz tests
	$(BIN)/ruff format --check cli graph loaders queries viz tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# HELDOUT=FILE: record ids (one a line) that the resolution bench leaves out of the corpora.
bench: venv
	$(BIN)/python tests/bench/accuracy.py
	$(BIN)/python tests/bench/tenure.py
	$(BIN)/python tests/bench/audit.py report
	$(BIN)/python tests/bench/extract.py
	$(BIN)/python tests/bench/build.py
	$(BIN)/python tests/bench/queries.py
	$(BIN)/python tests/bench/rdf.py
	$(BIN)/python tests/bench/maps.py
	$(BIN)/python tests/bench/resolution.py $(if $(HELDOUT),--exclude $(HELDOUT))
	$(BIN)/python tests/bench/startup.py
	$(BIN)/python tests/bench/scale.py --sizes 100000

# The 300k and 1M points of the scale curve. With today's whole-archive resolution 100k articles peak at about
# 15 GB, so these runs are expected to stop (time-out or out of memory); the script reports each step's status.
bench-scale: venv
	$(BIN)/python tests/bench/scale.py --sizes 300000,1000000 --timeout 7200

lint: venv
	$(BIN)/ruff check cli graph loaders queries viz tests
	$(BIN)/ruff format --check cli graph loaders queries viz tests
	$(BIN)/mypy

clean:
	rm -rf $(OUT) .danvan
