#!/usr/bin/env bash
# Fresh machine → the whole test suite (installs the venv, test extras, Chromium if missing).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh test
.venv/bin/ruff check .   # the linter first ([tool.ruff] in pyproject.toml; seconds)
exec .venv/bin/python -m pytest "$@"
