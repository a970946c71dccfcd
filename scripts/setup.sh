#!/usr/bin/env bash
# Create .venv and install the project (idempotent). Sourced by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-12)-${1:-app}
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "${1:-app}" = test ]; then
    # torch first, pinned to the CPU build on this machine's disk; otherwise pip takes a CUDA build
    .venv/bin/python -m pip install -q "torch==2.13.0"
    .venv/bin/python -m pip install -q -e ".[st,test]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi
