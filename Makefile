SHELL := /bin/bash
# The two commands of the quick start (`make demo`, `make test`) set everything up themselves:
# each creates or reuses the virtualenv in .venv and installs what it needs into it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
HUB    := examples/walsall-2023/hub.json
STORE  := sqlite:///out/walsall.db

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint typecheck pytest docs docs-serve bench schema example clean

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	touch $@

# The runtime extras the demo needs.
$(VENV)/.demo: pyproject.toml $(VENV)/.created
	$(PY) -m pip install --quiet -e '.[cli,yaml,db,viz]'
	touch $@

# Everything the checks need (a superset of the demo's).
$(VENV)/.dev: pyproject.toml $(VENV)/.created
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.demo

demo: $(VENV)/.demo
	$(BIN)/coinnovation validate $(HUB)
	@mkdir -p out
	@rm -f out/walsall.db out/walsall.db-wal out/walsall.db-shm
	@echo
	@echo "The example hub, kept in a SQLite store:"
	$(BIN)/coinnovation store save $(HUB) $(STORE)
	$(BIN)/coinnovation summary $(STORE)
	@echo
	@echo "Organisation-level collaboration at the tables (Newman weights):"
	$(BIN)/coinnovation metrics $(STORE) --level organisation --weight newman --kind table --sort strength --top 12
	$(BIN)/coinnovation network $(STORE) --level organisation --weight newman --kind table -o out/walsall-organisations.gexf
	@echo
	@echo "The draft agreement of table 1, shared by Shapley values and checked for fairness:"
	$(BIN)/coinnovation share $(STORE) ag-01 --rule shapley --amount 20000
	@echo
	@echo "Is the community at the heart of the hub?"
	$(BIN)/coinnovation heart $(STORE) --kind table
	@echo
	@echo "The report for partners (names only with consent; pseudonyms otherwise):"
	$(BIN)/coinnovation report $(STORE) -o out/report --kind table
	@echo
	@echo "Open out/report/index.html in a browser (out/report/report.md is its Markdown twin)."

test: $(VENV)/.dev lint typecheck pytest docs

LINTED := src tests examples $(wildcard benchmarks)

lint: $(VENV)/.dev
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.dev
	$(BIN)/mypy

pytest: $(VENV)/.dev
	$(BIN)/pytest --hypothesis-profile=ci

docs: $(VENV)/.dev
	$(BIN)/mkdocs build --strict --site-dir site 2>&1 | grep -v '^INFO' ; test $${PIPESTATUS[0]} -eq 0

docs-serve: $(VENV)/.dev
	$(BIN)/mkdocs serve

$(VENV)/.bench: pyproject.toml $(VENV)/.dev
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $@

# Benchmarks (slow: tens of minutes at full size); see docs/performance.md.
bench: $(VENV)/.bench
	$(PY) benchmarks/bench_import.py
	$(PY) benchmarks/bench_load.py
	$(PY) benchmarks/bench_network.py
	$(PY) benchmarks/bench_measures.py
	$(PY) benchmarks/bench_groups.py
	$(PY) benchmarks/bench_io.py
	$(PY) benchmarks/bench_registers.py
	$(PY) benchmarks/bench_report.py
	$(PY) benchmarks/bench_heart.py
	$(PY) benchmarks/bench_inference.py
	$(PY) benchmarks/bench_parquet.py

# Regenerate committed artefacts after a model change (the tests say when they drift).
schema: $(VENV)/.dev
	$(PY) -c "import coinnovation, json; print(json.dumps(coinnovation.json_schema(), indent=2))" > docs/schema/hub.schema.json

example: $(VENV)/.dev
	$(PY) examples/walsall-2023/generate.py

clean:
	rm -rf $(VENV) site out .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache build dist
