"""Stage 3: build the index folder from the corpus.

Entry point: `build(settings)`; it returns a report of what was read and skipped.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path

from qa.chunk import chunk_documents, sentences
from qa.config import Settings
from qa.errors import QAError
from qa.ingest import Corpus, ingest
from qa.store import new_version, write_json, write_jsonl

FORMAT_VERSION = 1


@dataclass(frozen=True)
class FileReport:
    name: str
    characters: int
    titles: tuple[str, ...]
    chunks: int


@dataclass(frozen=True)
class BuildReport:
    files: tuple[FileReport, ...]
    skipped: tuple[tuple[str, str], ...]
    articles: int
    chunks: int
    sentences: int
    seconds: float


def build(settings: Settings) -> BuildReport:
    started = time.perf_counter()
    corpus = ingest(settings.corpus)
    if not corpus.documents:
        reasons = "; ".join(f"{name}: {why}" for name, why in corpus.skipped) or "the folder is empty"
        raise QAError(f"no readable article in {settings.corpus} ({reasons}); add .txt/.md/.html/.pdf files")
    chunks = chunk_documents(corpus, settings.chunk_size, settings.chunk_overlap)
    sents = sentences(corpus)
    with new_version(settings.index) as folder:
        _write(folder, settings, corpus, chunks, sents)
    files = tuple(
        FileReport(name, len(src.text), tuple(d.title for d in corpus.documents_of(name)),
                   sum(1 for c in chunks if c.doc == name))
        for name, src in corpus.sources.items())
    return BuildReport(files, corpus.skipped, len(corpus.documents), len(chunks), len(sents),
                       time.perf_counter() - started)


def _write(folder: Path, settings: Settings, corpus: Corpus, chunks, sents) -> None:
    write_jsonl(folder / "sources.jsonl", [
        {"name": s.name, "text": s.text, "sha256": s.sha256, "encoding": s.encoding,
         "skippable": sorted(s.skippable)} for s in corpus.sources.values()])
    write_jsonl(folder / "documents.jsonl", [dataclasses.asdict(d) for d in corpus.documents])
    write_jsonl(folder / "chunks.jsonl", [dataclasses.asdict(c) for c in chunks])
    write_jsonl(folder / "sentences.jsonl", [dataclasses.asdict(s) for s in sents])
    write_json(folder / "manifest.json", {
        "format": FORMAT_VERSION,
        "embedder": settings.embedder,
        "settings": {"chunk_size": settings.chunk_size, "chunk_overlap": settings.chunk_overlap},
        "files": {name: s.sha256 for name, s in corpus.sources.items()},
        "skipped": dict(corpus.skipped),
        "counts": {"documents": len(corpus.documents), "chunks": len(chunks), "sentences": len(sents)},
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    })
