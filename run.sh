#!/usr/bin/env bash
# Fresh machine → running app: venv, install, build the index, serve http://127.0.0.1:7860
# (pass --host 0.0.0.0 --port 8080 to listen elsewhere).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh app
.venv/bin/qa build
exec .venv/bin/qa serve "$@"
