#!/usr/bin/env bash
# Create .venv and install the project (idempotent). Used by run.sh ("app") and test.sh ("test").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=${1:-app}
if [ "$mode" = test ]; then
  # Browser tests drive Debian's Chromium (never a downloaded browser); CJK fonts make screenshots readable.
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
  # tests/web/test_replicas.py runs deploy/nginx.conf in front of two replicas
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx)
  # the accessibility audit's axe-core comes from npm
  command -v npm >/dev/null || need+=(npm)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing ${need[*]} with apt-get" >&2
      apt-get update -q
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
    else
      echo "warning: ${need[*]} missing and cannot be installed here (needs root and apt-get); browser and replica tests will skip" >&2
    fi
  fi
fi
if [ "$mode" = test ] && [ ! -f .axe/node_modules/axe-core/axe.min.js ]; then
  # the browser tests' accessibility audit (tests/web/test_residents_browser.py): axe-core from npm
  if command -v npm >/dev/null; then
    echo "installing axe-core (npm) into .axe/" >&2
    npm install --prefix .axe --no-audit --no-fund --silent axe-core@4.11.0 >&2 || echo "warning: npm could not install axe-core" >&2
  else
    echo "warning: npm missing; the accessibility audit will skip" >&2
  fi
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-12)-$mode
step() {   # one line per install step with its time, so a first start is never silent for minutes
  local what=$1; shift
  local t0=$SECONDS
  echo "setup: $what …" >&2
  "$@"
  echo "setup: $what done in $((SECONDS - t0)) s" >&2
}
if [ ! -f "$stamp" ]; then
  step "upgrading pip" .venv/bin/python -m pip install -q --upgrade pip
  # torch first (the trained reader needs it), pinned to the CPU build on this machine's disk;
  # otherwise pip takes a multi-GB CUDA build
  step "installing torch 2.13.0 (CPU build, ~1 GB)" .venv/bin/python -m pip install -q "torch==2.13.0"
  if [ "$mode" = test ]; then
    step "installing the project with its test tools" .venv/bin/python -m pip install -q -e ".[st,test,milvus]"
  else
    step "installing the project (gradio, faiss, transformers …)" .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi
