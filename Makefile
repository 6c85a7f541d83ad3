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

.PHONY: demo test lint typecheck pytest docs docs-serve bench schema example clean \
	pytest-newest pytest-floors package

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

LINTED := src tests examples scripts $(wildcard benchmarks)

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

# -- what CI runs besides `make test` (issue 14) ------------------------------------------------
# The services' tests (PostgreSQL, the browser) and lint, types and docs run once, in
# `make test`; these targets run the test suite where else users run it.
NO_SERVICES := env -u COINNOVATION_REQUIRE_BROWSER -u COINNOVATION_REQUIRE_POSTGRES \
	-u COINNOVATION_TEST_POSTGRES_URL

# The newest supported Python (the oldest is $(PYTHON), in .venv): found in pyenv or on the
# PATH by scripts/find-python, or named with NEWEST_PYTHON=/path/to/python3.13.
NEWEST        ?= 3.13
NEWEST_PYTHON ?=
VENV_NEWEST   := .venv-$(NEWEST)

$(VENV_NEWEST)/.dev: pyproject.toml
	py="$(NEWEST_PYTHON)"; py="$${py:-$$(scripts/find-python $(NEWEST))}" && \
	  "$$py" -m venv --clear $(VENV_NEWEST)
	$(VENV_NEWEST)/bin/python -m pip install --quiet -e '.[dev,parallel]'
	touch $@

# The whole suite on the newest Python (networkx 3.7 there, 3.6 on 3.11; nx-parallel).
pytest-newest: $(VENV_NEWEST)/.dev
	$(NO_SERVICES) $(VENV_NEWEST)/bin/pytest --hypothesis-profile=ci -p no:cacheprovider

# Not yet in CI: it fails at today's floors (see the CHANGELOG, issue 14). The core's
# dependencies at their floors: each `name>=X` of pyproject's dependencies pinned
# to `name==X` (scripts/floors), the extras the suite needs resolved around them by uv (from
# the dev extra), on $(PYTHON). Not `hyper`: xgi 0.10 itself needs SciPy 1.15, which would
# lift the core's SciPy floor out of the test; the PostgreSQL server's tests run once, in
# `make test`. pyarrow is held at its floor too: recent pyarrow needs NumPy 2 without its
# metadata saying so. Bytecode is compiled at install, as pip does, so old releases' invalid
# escapes in docstrings are not compiled under the suite's warnings-as-errors.
VENV_FLOORS   := .venv-floors
FLOOR_EXTRAS  := cli,yaml,excel,viz,db,postgres,testing,pandas,parquet,fast

$(VENV_FLOORS)/.dev: pyproject.toml scripts/floors $(VENV)/.dev
	$(BIN)/uv venv --quiet --clear --python "$$(command -v $(PYTHON))" $(VENV_FLOORS)
	$(PY) scripts/floors parquet > $(VENV_FLOORS)/floors.txt
	$(BIN)/uv pip install --quiet --python $(VENV_FLOORS)/bin/python --compile-bytecode \
	  -c $(VENV_FLOORS)/floors.txt -e '.[$(FLOOR_EXTRAS)]' 'pytest>=8' 'jsonschema>=4.20'
	$(BIN)/uv pip list --python $(VENV_FLOORS)/bin/python 2>/dev/null \
	  | grep -iE '^(pydantic|networkx|attrs|numpy|scipy|pyarrow) '
	touch $@

pytest-floors: $(VENV_FLOORS)/.dev
	$(NO_SERVICES) $(VENV_FLOORS)/bin/pytest --hypothesis-profile=ci -p no:cacheprovider \
	  --ignore=tests/export/test_hypergraph.py

# The package as users install it: wheel and sdist, their metadata, and the wheel with only
# its core dependencies in a fresh environment, smoke-tested from outside the tree.
package: $(VENV)/.dev
	PYTHON="$$(command -v $(PYTHON))" BIN=$(BIN) scripts/check-package

clean:
	rm -rf $(VENV) $(VENV_NEWEST) $(VENV_FLOORS) dist site out .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache build dist
