# The two commands: `make run` and `make test`. Both install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# npm packages (NHS.UK frontend for the board pages): reinstalled only when package.json changes.
NODE_STAMP := node_modules/.installed

.PHONY: install run test lint clean bench

install: $(STAMP) $(NODE_STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(NODE_STAMP): package.json
	npm install --no-audit --no-fund
	touch $(NODE_STAMP)

run: install
	./bin/run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python bin/mypy-baseline

# One process per core (pytest-xdist), each with its own test database, cache prefix and broker
# folder. A transactional test empties its database; tests/conftest.py puts the reference data
# back. PYTEST_ARGS adds to it, e.g. PYTEST_ARGS="-n 0 tests/web" for one process.
test: lint
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# The benchmark (bench/README.md): not part of `make test` or CI. Uses DATABASE_URL and REDIS_URL
# when set (PostgreSQL), else starts throwaway servers as .ci/run does. BENCH_ARGS, e.g. --scales 0.1.
bench: install
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	command -v wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk)
	./bench/with-services sh -c '$(BIN)/python manage.py migrate --noinput && $(BIN)/python bench/run.py $(BENCH_ARGS)'

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache node_modules
