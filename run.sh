#!/usr/bin/env bash
# Fresh machine → running app: venv, install, build the index, serve.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh app
.venv/bin/qa build
if .venv/bin/qa --help | grep -q serve; then
  exec .venv/bin/qa serve "$@"
fi
echo "The index is built; the web app (qa serve) is not implemented yet (issue 6)." >&2
