"""Open a built index for answering: `open_index(settings)`.

It builds the index first when it is missing or the corpus changed since (as the
contract asks of `qa ask/eval/serve`), and refuses one built with another model or
other chunk settings. Above both the build (qa.index.build) and the loading (qa.index.load).
"""
from __future__ import annotations

import sys
from collections.abc import Callable

from qa.config import Settings
from qa.errors import QAError
from qa.index.build import BuildBusy, build
from qa.index.load import load
from qa.index.manifest import FORMAT_VERSION, check_compatible, read_manifest, stale_files
from qa.index.record import Index

__all__ = ["Index", "ensure_index", "open_index", "open_published"]


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def open_index(settings: Settings, auto_build: bool = True, log: Callable[[str], None] = _say) -> Index:
    return load(settings, ensure_index(settings, auto_build, log))


def open_published(settings: Settings, log: Callable[[str], None] = _say) -> tuple[Index, list[str]]:
    """The published index at once, with the corpus files changed since it was built, for a server
    that answers from it while it rebuilds in the background (`qa serve` after a restart). Built
    first, in the foreground, only when there is no index this version can read."""
    manifest = read_manifest(settings.index)
    if manifest is None or manifest.get("format") != FORMAT_VERSION:
        return open_index(settings, log=log), []
    return load(settings, manifest), stale_files(manifest, settings.corpus)


def ensure_index(settings: Settings, auto_build: bool = True, log: Callable[[str], None] = _say) -> dict:
    """The manifest of a current, compatible index, built first when missing or stale (without
    loading it: `qa serve --workers N` builds once, then each worker loads)."""
    manifest = read_manifest(settings.index)
    old_format = manifest is not None and manifest.get("format") != FORMAT_VERSION
    if manifest is None or (auto_build and (old_format or stale_files(manifest, settings.corpus))):
        if not auto_build:
            raise QAError(f"there is no index in {settings.index}; build it with `qa build`")
        why = ("no index yet" if manifest is None else "the index was built by an older version" if old_format
               else "the corpus changed (" + ", ".join(stale_files(manifest, settings.corpus)[:5]) + ")")
        log(f"{why}: building the index in {settings.index} …")
        try:
            build(settings)
        except BuildBusy as busy:
            if manifest is None or old_format:
                raise
            log(f"{busy}: answering from the index in service meanwhile")   # the running build will publish the new one
        manifest = read_manifest(settings.index)
        if manifest is None:
            raise QAError(f"the index in {settings.index} could not be built; run `qa build` to see why")
    check_compatible(manifest, settings, settings.index)
    return manifest
