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
	pytest-newest pytest-floors pytest-floors-hyper package

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

# The other supported Pythons (the oldest, $(PYTHON), is .venv's), each found in pyenv or on
# the PATH by scripts/find-python and set up by uv (pip's resolution in a fraction of its
# time; `make package` installs with pip, as users do): `make pytest-3.12` and `make
# pytest-3.13` run the whole suite there (networkx 3.7 and nx-parallel on both; 3.11 gets
# networkx 3.6). These runs and the floors' use Hypothesis's `versions` profile: fewer
# examples than `make test`'s `ci` profile, since they look for a version that breaks the
# library (tests/conftest.py).
NEWEST := 3.13

.venv-3.%/.dev: pyproject.toml $(VENV)/.dev
	py="$$(scripts/find-python 3.$*)" && $(BIN)/uv venv --quiet --clear --python "$$py" .venv-3.$*
	$(BIN)/uv pip install --quiet --python .venv-3.$*/bin/python --compile-bytecode \
	  -e '.[dev,parallel]'
	touch $@

pytest-3.%: .venv-3.%/.dev
	$(NO_SERVICES) .venv-3.$*/bin/pytest --hypothesis-profile=versions -p no:cacheprovider

pytest-newest: pytest-$(NEWEST)

# The dependencies at their floors, on $(PYTHON): each `name>=X` of the core and of the
# extras below pinned to `name==X` by scripts/floors (a package named twice at its highest
# floor), what they depend on resolved around them by uv. `hyper` cannot join them (xgi 0.10
# needs SciPy 1.15, which would lift the core's SciPy floor out of the test): the suite skips
# its tests here (COINNOVATION_TEST_WITHOUT) and `pytest-floors-hyper` runs them with SciPy
# at 1.15. The PostgreSQL store is tested at the floors of SQLAlchemy and psycopg when CI
# gives this run a database of its own (COINNOVATION_FLOORS_POSTGRES_URL). Bytecode is
# compiled at install, as pip does, so old releases' invalid escapes in docstrings are not
# compiled under the suite's warnings-as-errors.
FLOOR_EXTRAS := cli,yaml,excel,viz,db,postgres,testing,pandas,parquet,fast
FLOOR_TOOLS  := 'pytest>=8' 'jsonschema>=4.20'

FLOORS_LISTED := pydantic|networkx|attrs|numpy|scipy|click|rich|pyyaml|openpyxl|matplotlib|\
	sqlalchemy|psycopg|hypothesis|pandas|pyarrow|rustworkx|networkit|xgi

.venv-floors/.dev: EXTRAS := $(FLOOR_EXTRAS)
.venv-floors-hyper/.dev: EXTRAS := $(FLOOR_EXTRAS),hyper
.venv-floors/.dev .venv-floors-hyper/.dev: pyproject.toml scripts/floors $(VENV)/.dev
	$(BIN)/uv venv --quiet --clear --python "$$(command -v $(PYTHON))" $(@D)
	$(PY) scripts/floors $(EXTRAS) > $(@D)/floors.txt
	$(BIN)/uv pip install --quiet --python $(@D)/bin/python --compile-bytecode \
	  -c $(@D)/floors.txt -e '.[$(EXTRAS)]' $(FLOOR_TOOLS)
	$(BIN)/uv pip list --python $(@D)/bin/python 2>/dev/null \
	  | grep -iE '^($(subst $(space),,$(FLOORS_LISTED))) '
	touch $@

space := $(subst ,, )
FLOORS_POSTGRES := $(if $(COINNOVATION_FLOORS_POSTGRES_URL),\
	COINNOVATION_TEST_POSTGRES_URL=$(COINNOVATION_FLOORS_POSTGRES_URL) COINNOVATION_REQUIRE_POSTGRES=1)

pytest-floors: .venv-floors/.dev
	$(NO_SERVICES) $(FLOORS_POSTGRES) COINNOVATION_TEST_WITHOUT=hyper \
	  .venv-floors/bin/pytest --hypothesis-profile=versions -p no:cacheprovider

# The tests of the `hyper` extra alone (tests/conftest.py picks them), at its floors (xgi
# 0.10, SciPy 1.15; the rest as above).
pytest-floors-hyper: .venv-floors-hyper/.dev
	$(NO_SERVICES) COINNOVATION_TEST_ONLY=hyper \
	  .venv-floors-hyper/bin/pytest --hypothesis-profile=versions -p no:cacheprovider

# The package as users install it: wheel and sdist, their metadata, and the wheel with only
# its core dependencies in a fresh environment, smoke-tested from outside the tree, on
# $(PYTHON) and on Python 3.12 (which CI runs no whole suite on: 3.11 and 3.13 are either side).
package: $(VENV)/.dev
	PYTHONS="$$(command -v $(PYTHON)) $$(scripts/find-python 3.12)" BIN=$(BIN) scripts/check-package

clean:
	rm -rf $(VENV) .venv-3.* .venv-floors* dist site out .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache build dist
