#!/usr/bin/env bash
# Fresh machine → the whole test suite (installs the venv, test extras, Chromium if missing).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh test
.venv/bin/ruff check .   # the linter first ([tool.ruff] in pyproject.toml; seconds)
.venv/bin/mypy           # then the type checker ([tool.mypy]: qa, eval, train, tests; ~10 s)
# Two pytest-xdist workers, one per core, each test sent to whichever is free (worksteal): 6.7 min
# instead of 9 on 2 cores. One OpenMP thread per process: two workers whose torch threads spin
# for both cores took 12.4 min, and a hostile-load latency test failed.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# Bytecode caches for the repository's own modules (git ignores __pycache__): where the machine sets
# PYTHONDONTWRITEBYTECODE, each test process compiled tests/ (with pytest's assert rewriting) and qa/
# again, ~1.5 s per worker's collection.
unset PYTHONDONTWRITEBYTECODE
exec .venv/bin/python -m pytest -n "${QA_TEST_WORKERS:-2}" --dist worksteal "$@"
