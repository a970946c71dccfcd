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
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-12)-$mode
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  # torch first (the trained reader needs it), pinned to the CPU build on this machine's disk;
  # otherwise pip takes a multi-GB CUDA build
  .venv/bin/python -m pip install -q "torch==2.13.0"
  if [ "$mode" = test ]; then
    .venv/bin/python -m pip install -q -e ".[st,test,milvus]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi
