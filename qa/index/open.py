"""Open a built index for answering: `open_index(settings)`.

It builds the index first when it is missing or the corpus changed since (as the
contract asks of `qa ask/eval/serve`), and refuses one built with another model or
other chunk settings.
"""
from __future__ import annotations

import bisect
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from qa.config import Settings
from qa.index.embed import Embedder, load_embedder
from qa.errors import QAError
from qa.index.lexical import Lexical
from qa.index.manifest import FORMAT_VERSION, check_compatible, read_manifest, stale_files
from qa.models import Chunk, Document, Sentence, SourceFile
from qa.offsets import Positions
from qa.index.store import current_version, read_json, read_jsonl
from qa.index.tokens import Tokenizer
from qa.index.vectors import load_vectors


@dataclass(frozen=True)
class Index:
    folder: Path
    settings: Settings
    manifest: dict
    sources: dict[str, SourceFile] = field(repr=False)
    documents: dict[tuple[str, int], Document] = field(repr=False)
    chunks: tuple[Chunk, ...] = field(repr=False)
    sentences: tuple[Sentence, ...] = field(repr=False)
    chunk_sentences: tuple[tuple[int, ...], ...] = field(repr=False)   # sentence ids in each chunk
    lexical: Lexical = field(repr=False)
    vectors: object = field(repr=False)                                 # a FAISS index
    embedder: Embedder = field(repr=False)
    tokenizer: Tokenizer = field(repr=False)
    df: dict[str, int] = field(repr=False)                              # chunks holding each term
    chunk_ids: dict[str, int] = field(repr=False)                       # chunk id → position
    engine: object = field(default=None, repr=False)                    # the backend's connection (milvus), else None

    def document(self, unit: Chunk | Sentence) -> Document:
        return self.documents[(unit.doc, unit.article)]


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
        from qa.index.build import build

        why = ("no index yet" if manifest is None else "the index was built by an older version" if old_format
               else "the corpus changed (" + ", ".join(stale_files(manifest, settings.corpus)[:5]) + ")")
        log(f"{why}: building the index in {settings.index} …")
        from qa.index.build import BuildBusy

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


def load(settings: Settings, manifest: dict) -> Index:
    folder = current_version(settings.index)
    try:
        sources = {r["name"]: SourceFile(r["name"], r["text"], r["sha256"], r["encoding"], frozenset(r["skippable"]))
                   for r in read_jsonl(folder / "sources.jsonl")}
        documents = {}
        for r in read_jsonl(folder / "documents.jsonl"):
            runs = r.pop("pos_runs")
            d = Document(**r, pos=Positions.from_runs(runs))
            documents[(d.doc, d.index)] = d
        # one string per file name and title, not one per row (~1M sentences at 100k chunks)
        chunks = tuple(Chunk(**{**r, "doc": sys.intern(r["doc"]), "title": sys.intern(r["title"]), "spans": _spans(r["spans"])})
                       for r in read_jsonl(folder / "chunks.jsonl"))
        sentences = tuple(Sentence(**{**r, "doc": sys.intern(r["doc"]), "spans": _spans(r["spans"])})
                          for r in read_jsonl(folder / "sentences.jsonl"))
        lexical = Lexical.load(folder / "bm25")
        vectors = load_vectors(folder / "faiss.index")
        df = read_json(folder / "df.json")
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as err:
        raise QAError(f"the index in {settings.index} is damaged ({type(err).__name__}); rebuild it with `qa build`") from None
    if vectors.ntotal != len(chunks) or vectors.d != manifest.get("dim"):
        raise QAError(f"the index in {settings.index} is inconsistent ({vectors.ntotal} vectors for {len(chunks)} chunks); rebuild it with `qa build`")
    embedder = load_embedder(settings.embedder, settings.query_instruction)
    if embedder.dim != manifest.get("dim"):
        raise QAError(f"embedder {embedder.name!r} gives {embedder.dim}-dim vectors but the index in {settings.index} "
                      f"holds {manifest.get('dim')}-dim ones; rebuild it with `qa build`")
    engine, tokenizer = None, Tokenizer()   # the tokenizer first: it quiets jieba, which milvus-lite loads too
    if manifest.get("backend") == "milvus":
        from qa.index.milvus import open_milvus

        engine = open_milvus(settings, folder, manifest, len(chunks))
    return Index(folder, settings, manifest, sources, documents, chunks, sentences,
                 _sentences_per_chunk(chunks, sentences), lexical, vectors, embedder, tokenizer, df,
                 {c.id: i for i, c in enumerate(chunks)}, engine)


def _spans(rows) -> tuple[tuple[int, int], ...]:
    return tuple((a, b) for a, b in rows)


def _sentences_per_chunk(chunks: tuple[Chunk, ...], sentences: tuple[Sentence, ...]) -> tuple[tuple[int, ...], ...]:
    """Sentences overlapping each chunk (same article, overlapping clean ranges)."""
    by_article: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        by_article[(s.doc, s.article)].append(i)
    out = []
    for c in chunks:
        ids = by_article.get((c.doc, c.article), [])
        starts = [sentences[i].clean_start for i in ids]
        hi = bisect.bisect_left(starts, c.clean_end)
        out.append(tuple(i for i in ids[:hi] if sentences[i].clean_end > c.clean_start))
    return tuple(out)
