# ANTQ: `make demo` runs the product on SQLite with a demo province; `make test` runs every check.
# Both work on a fresh clone with only Python >= 3.11 and npm: they create or refresh .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ANTQ := $(VENV)/bin/antq
INSTALLED := $(VENV)/.installed
ASSETS := node_modules/.package-lock.json
PG_URL ?= postgres://postgres@localhost:5432/antq

.PHONY: install demo test lint imports check-migrations schema pytest pytest-pg messages makemessages clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

messages: $(INSTALLED)
	$(VENV)/bin/pybabel compile --domain=django --directory=antq/locale --statistics

install: $(INSTALLED) $(ASSETS) messages

demo: install
	$(ANTQ) migrate --noinput
	$(ANTQ) demo
	@echo "ANTQ is at http://127.0.0.1:8000  (a worker runs beside it; Ctrl+C stops both)"
	@$(ANTQ) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(ANTQ) runserver 127.0.0.1:8000

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .

# The walls between apps (pyproject.toml [tool.importlinter], docs/architecture.md).
imports: $(INSTALLED)
	$(VENV)/bin/lint-imports

check-migrations: $(INSTALLED)
	$(ANTQ) makemigrations --check --dry-run

schema: $(INSTALLED)
	mkdir -p var
	$(ANTQ) spectacular --validate --fail-on-warn --file var/openapi.yml

pytest: install
	$(VENV)/bin/pytest

# The same suite on PostgreSQL when DATABASE_URL is set or one answers on localhost:5432;
# pytest-django creates and drops its own throw-away test database.
pytest-pg: install
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(PY) -c "import sys, psycopg; from psycopg.conninfo import conninfo_to_dict; \
	  kw = conninfo_to_dict(sys.argv[1]); kw['dbname'] = 'postgres'; psycopg.connect(**kw, connect_timeout=3).close()" \
	  "$$url" 2>/dev/null; then \
	  echo "== pytest on PostgreSQL ($$url)"; DATABASE_URL="$$url" $(VENV)/bin/pytest -m "not browser"; \
	else echo "== no PostgreSQL answers: skipping the PostgreSQL run"; fi

test: install lint imports check-migrations schema pytest pytest-pg

makemessages: $(INSTALLED)
	cd antq && ../$(ANTQ) makemessages --locale=vi --no-obsolete --no-location --ignore="*/tests/*"

clean:
	rm -rf $(VENV) node_modules var
