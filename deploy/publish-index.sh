#!/usr/bin/env bash
# Ship the index built once (here) to replicas and switch each one atomically.
#   deploy/publish-index.sh [INDEX_DIR] TARGET...      TARGET: /local/dir or host:/dir (rsync + ssh)
# Copies the published version folder (index/current → v-…) and the corpus it was built from
# (a replica checks its corpus against the index and would otherwise rebuild), then points the
# target's `current` at it with one rename. Running servers switch within 2 s, no restart.
set -euo pipefail
index=index
if [ $# -gt 1 ] && [ -d "$1" ] && [ -e "$1/current" ]; then index=$1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [INDEX_DIR] TARGET..." >&2; exit 2; }
src=$(readlink -f "$index/current")
version=$(basename "$src")
corpus=${QA_CORPUS:-corpus}
for target in "$@"; do
    case $target in
        *:*) host=${target%%:*}; dir=${target#*:}; dest="$host:$dir"
             run() { ssh "$host" "$@"; }; copy() { rsync -a --delete "$1/" "$host:$2/"; } ;;
        *) dir=$target; dest=$dir
           run() { bash -c "$*"; }; copy() { rm -rf "$2" && mkdir -p "$2" && cp -a "$1/." "$2/"; } ;;
    esac
    run "mkdir -p '$dir/index'"
    copy "$corpus" "$dir/corpus"
    copy "$src" "$dir/index/$version.tmp"
    # the version appears whole, then `current` moves to it in one rename
    run "cd '$dir/index' && rm -rf '$version' && mv '$version.tmp' '$version' && ln -sfn '$version' .current.new && mv -T .current.new current"
    echo "$dest: now serving $version"
done
