"""Dense vectors in FAISS: exact inner product for small corpora, HNSW above a measured size.

`eval/bench_faiss.py` (2 cores, 384-dim clustered vectors): exact search takes 1.3 ms at
10k vectors, 4.6 ms at 50k and 14.6 ms at 100k, where it passes the cost of embedding the
question itself (~12 ms, `eval/bench_retrieval.py`). Below that size the exact index is the
fastest to build and never misses; above it HNSW answers in under a millisecond (recall@50
0.83-0.93 at efSearch 128 in that benchmark, so we search wider, at 256).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

FLAT_LIMIT = 100_000
HNSW_M = 32
HNSW_EF_SEARCH = 256


def build_vectors(matrix: np.ndarray, flat_limit: int = FLAT_LIMIT):
    import faiss

    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    dim = matrix.shape[1]
    if len(matrix) <= flat_limit:
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = HNSW_EF_SEARCH
    index.add(matrix)
    return index


def kind(index) -> str:
    return type(index).__name__


def save_vectors(index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def load_vectors(path: Path):
    import faiss

    try:   # memory-mapped: the workers of one server share the vectors in the page cache
        index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC)
    except RuntimeError:   # an index type that cannot be mapped is read into memory
        index = faiss.read_index(str(path))
    if hasattr(index, "hnsw"):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index


def nearest(index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(cosine scores, row ids) of the k nearest rows, best first."""
    k = min(k, index.ntotal)
    scores, ids = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
    keep = ids[0] >= 0
    return scores[0][keep], ids[0][keep]
