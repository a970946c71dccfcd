"""Load a published index version into memory: `load(settings, manifest)`. Whether it is current
(and building it first when not) is qa.index.open's business, which calls this."""
from __future__ import annotations

import bisect
import sys
from collections import defaultdict

from qa.config import Settings
from qa.errors import QAError
from qa.index.backends import backend
from qa.index.embed import load_embedder
from qa.index.lexical import Lexical
from qa.index.record import Index
from qa.index.store import current_version, read_json, read_jsonl
from qa.index.tokens import Tokenizer
from qa.index.vectors import load_vectors
from qa.models import Chunk, Document, Sentence, SourceFile
from qa.offsets import Positions


def load(settings: Settings, manifest: dict) -> Index:
    """The published version of the index in `settings.index` as an `Index`, its engine connected;
    a damaged or inconsistent one is refused with one sentence (QAError)."""
    folder = current_version(settings.index)
    if folder is None:
        raise QAError(f"the index in {settings.index} has no published version; rebuild it with `qa build`")
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
        if not isinstance(df, dict):
            raise ValueError("df.json holds no mapping")
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as err:
        raise QAError(f"the index in {settings.index} is damaged ({type(err).__name__}); rebuild it with `qa build`") from None
    if vectors.ntotal != len(chunks) or vectors.d != manifest.get("dim"):
        raise QAError(f"the index in {settings.index} is inconsistent ({vectors.ntotal} vectors for {len(chunks)} chunks); "
                      "rebuild it with `qa build`")
    embedder = load_embedder(settings.embedder, settings.query_instruction)
    if embedder.dim != manifest.get("dim"):
        raise QAError(f"embedder {embedder.name!r} gives {embedder.dim}-dim vectors but the index in {settings.index} "
                      f"holds {manifest.get('dim')}-dim ones; rebuild it with `qa build`")
    tokenizer = Tokenizer()   # first: it quiets jieba, which milvus-lite loads too
    engine = backend(manifest.get("backend", "faiss")).open_engine(settings, folder, manifest, len(chunks))
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
