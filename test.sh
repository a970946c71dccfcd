#!/usr/bin/env bash
# Fresh machine → the whole test suite (installs the venv, test extras, Chromium if missing).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh test
.venv/bin/ruff check .   # the linter first ([tool.ruff] in pyproject.toml; seconds)
.venv/bin/mypy           # then the type checker ([tool.mypy]: qa, eval, train, tests; ~10 s)
exec .venv/bin/python -m pytest "$@"
