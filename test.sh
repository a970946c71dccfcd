#!/usr/bin/env bash
# Fresh machine → full test suite.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh test
exec .venv/bin/python -m pytest "$@"
