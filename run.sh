#!/usr/bin/env bash
# Fresh machine → running app: venv, install, build the index, serve http://127.0.0.1:7860
# (pass --host 0.0.0.0 --port 8080 to listen elsewhere).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh app
# the first start builds here, with progress lines; a restart serves the published index at once
# (`qa serve` rebuilds a changed corpus in the background meanwhile)
[ -e "${QA_INDEX:-index}/current" ] || .venv/bin/qa build
# glibc gives each of the server's threads its own malloc arena; two keep the memory a loaded
# server holds ~250 MB lower (eval/bench_serve.py at 32 clients: 1,276 vs 1,523 MB) at the same speed
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec .venv/bin/qa serve "$@"
