"""The index manifest: what an index was built from and with, checked before it is used."""
from __future__ import annotations

import hashlib
from pathlib import Path

from qa.config import Settings
from qa.errors import QAError
from qa.ingest.corpus import corpus_files
from qa.index.store import current_version, read_json

# raise when what a build writes changes (ingest, chunking, files); 4: documents' pos_runs;
# 5: a byline printed inside a story kept in its text
FORMAT_VERSION = 5


def index_settings(settings: Settings) -> dict:
    """The settings an index depends on: changing one needs a rebuild."""
    return {"embedder": settings.embedder,
            "settings": {"chunk_size": settings.chunk_size, "chunk_overlap": settings.chunk_overlap}}


def input_hashes(corpus_dir: Path) -> dict[str, str]:
    """sha256 of every file in the corpus folder, readable or not (a fixed file counts as a change)."""
    if not corpus_dir.is_dir():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_files(corpus_dir)}


def read_manifest(index_dir: Path) -> dict | None:
    folder = current_version(index_dir)
    if folder is None or not (folder / "manifest.json").is_file():
        return None
    try:
        manifest = read_json(folder / "manifest.json")
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def check_compatible(manifest: dict, settings: Settings, where: Path) -> None:
    """Refuse an index built with another model or other settings, saying how to fix it."""
    if manifest.get("format") != FORMAT_VERSION:
        raise QAError(f"the index in {where} has format {manifest.get('format')}, this program reads format "
                      f"{FORMAT_VERSION}; rebuild it with `qa build`")
    built = manifest.get("embedder")
    if built != settings.embedder:
        raise QAError(f"the index in {where} was built with embedder {built!r}, but the embedder setting is "
                      f"{settings.embedder!r}; run `qa build` to rebuild it, or set QA_EMBEDDER={built}")
    backend = manifest.get("backend", "faiss")   # indexes built before there was a choice are FAISS ones
    if backend != settings.backend:
        raise QAError(f"the index in {where} was built for the {backend} backend, but the backend setting is "
                      f"{settings.backend!r}; run `qa build --backend {settings.backend}` to rebuild it, "
                      f"or set QA_BACKEND={backend}")
    wanted = index_settings(settings)["settings"]
    for name, value in wanted.items():
        have = manifest.get("settings", {}).get(name)
        if have != value:
            raise QAError(f"the index in {where} was built with {name}={have}, but the setting is {value}; "
                          f"run `qa build` to rebuild it, or set QA_{name.upper()}={have}")


def stale_files(manifest: dict, corpus_dir: Path) -> list[str]:
    """Corpus files added, changed or removed since the index was built."""
    now = input_hashes(corpus_dir)
    then = manifest.get("inputs", {})
    return sorted(name for name in set(now) | set(then) if now.get(name) != then.get(name))
