"""Dense vectors in FAISS: exact inner product for small corpora, HNSW above a measured size.

`eval/bench_archive.py` on the 100,228-chunk archive (2 cores, 2026-11-26, the index's own vectors,
300 reading-set questions, k=50 as search asks): exact search takes 11.7 ms, about the cost of
embedding the question itself, so up to FLAT_LIMIT the exact index is used: fastest to build,
never misses. Above it HNSW: with efConstruction 80 / efSearch 256 recall@10 was only 0.924
(recall@50 0.884); efConstruction 200 / efSearch 512 gives 0.982 (0.961) at 1.1 ms a query, for a
build of 36 s instead of 14 s. IVF (4·√n lists) needs nprobe 128 for 0.974 (0.929).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

FLAT_LIMIT = 100_000        # exact search stays near 12 ms up to here (linear in the count)
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200  # a denser graph: recall@10 0.982 instead of 0.954 at the same efSearch
HNSW_EF_SEARCH = 512        # recall@50 0.961 (256: 0.928) for ~1 ms a query


def build_vectors(matrix: np.ndarray, flat_limit: int = FLAT_LIMIT):
    import faiss

    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    dim = matrix.shape[1]
    index: faiss.Index
    if len(matrix) <= flat_limit:
        index = faiss.IndexFlatIP(dim)
    else:
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        index = hnsw
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
