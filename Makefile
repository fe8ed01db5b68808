# Wenchuang: `make demo` to try it, `make test` to check it. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DEMO_ENTERPRISES ?= 3000
PYTEST_ARGS ?= -n auto
# The local demo is not a deployment: DEBUG gives it a throwaway key and plain HTTP
# (a deployment sets SECRET_KEY instead, see docs/deployment.md).
LOCAL := DEBUG=$${DEBUG:-1}

.PHONY: help install demo serve worker test test-postgres lint format messages bench clean

help:
	@echo "make demo           set up (venv, database under var/, reference and demo data) and serve on http://127.0.0.1:8000"
	@echo "make test           install what the tests need and run the whole suite"
	@echo "make test-postgres  the same suite on a throwaway PostgreSQL server (needs root or postgres binaries)"
	@echo "make lint           ruff check and format check, mypy on services and selectors"
	@echo "make messages       refresh the four translation catalogues"
	@echo "make bench          run the benchmarks and write bench/RESULTS.md"

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
	$(LOCAL) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

demo: install
	$(LOCAL) $(PY) manage.py migrate --no-input -v 0
	$(LOCAL) $(PY) manage.py load_reference
	$(LOCAL) $(PY) manage.py demo_data --enterprises $(DEMO_ENTERPRISES)
	$(MAKE) serve

serve:
	@echo "Serving on http://127.0.0.1:8000 (background tasks run in a worker beside it)"
	$(LOCAL) scripts/supervise.sh $(PY) manage.py worker --interval 1 & trap 'kill $$!' EXIT; $(LOCAL) $(PY) manage.py runserver 127.0.0.1:8000

worker:
	$(LOCAL) scripts/supervise.sh $(PY) manage.py worker

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	scripts/with-postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy wenchuang/*/services.py wenchuang/workflows/services/*.py wenchuang/funding/services/*.py wenchuang/*/selectors.py \
		wenchuang/consulting/services/*.py \
		wenchuang/investment/services/*.py \
		wenchuang/market/services/*.py \
		wenchuang/events/services/*.py \
		wenchuang/workflows/reviewing/services.py wenchuang/workflows/reviewing/selectors.py

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(LOCAL) $(PY) manage.py makemessages --no-location --no-obsolete -l zh_Hans -l en -l fr -l de --ignore=.venv --ignore=node_modules --ignore=bench --ignore=tests --ignore=scripts
	$(LOCAL) $(PY) scripts/fill_source_catalogue.py
	@echo "Now translate the new or fuzzy messages in wenchuang/locale/{zh_Hans,fr,de}: make test checks them."

bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
