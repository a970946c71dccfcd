"""Dense vectors in FAISS: exact inner product for small corpora, HNSW above a measured size.

`eval/bench_faiss.py` measures both: exact search over 200,000 384-dim vectors costs about
as much as embedding one question (~60 ms on 2 cores), so below that the exact index is
both the fastest to build and never wrong; above it HNSW keeps search near a millisecond.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

FLAT_LIMIT = 200_000
HNSW_M = 32
HNSW_EF_SEARCH = 128


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
