# АИС «Ресурс». `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
PYTHON ?= python3
UV := $(PYTHON) -m uv
MANAGE := $(UV) run --frozen python manage.py
# Without DEBUG the system refuses to start with no SECRET_KEY (config/settings.py). Unless the
# environment gives one, `make` uses a key of this checkout's own, made once in var/secret_key
# (var/ is not in git).
SECRET_KEY ?= $(shell test -s var/secret_key || (mkdir -p var && umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' >var/secret_key); cat var/secret_key)
export SECRET_KEY

.PHONY: run test setup browser lint bench

setup:
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen

browser:
	@dpkg -s chromium chromium-l10n >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n >/dev/null)

run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input -v0
	$(MANAGE) load_demo
	@mkdir -p var/log
	@for i in $$(seq 1 $(WORKERS)); do \
		$(MANAGE) db_worker >>var/log/worker.log 2>&1 & \
	done; \
	( while true; do $(MANAGE) daily_jobs >>var/log/scheduler.log 2>&1; sleep 3600; done ) & \
	trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	echo "Фоновый обработчик задач запущен (журнал: var/log/worker.log); проверка просроченных пунктов дорожных карт, отчётные периоды, напоминания о сроках отчётов и пересчёт показателей — раз в час."; \
	echo "АИС «Ресурс»: http://$(HOST):$(PORT)/"; \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost,$(HOST)}" $(UV) run --frozen gunicorn config.wsgi -c config/gunicorn.py --bind $(HOST):$(PORT) --workers 2 --threads 4

lint: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen lint-imports
	$(UV) run --frozen mypy
	$(MANAGE) makemigrations --check --dry-run

test: setup browser lint
	$(UV) run --frozen pytest

bench: setup
	$(UV) run --frozen python -m bench.run --suite all
