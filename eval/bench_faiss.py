"""Exact (IndexFlatIP) against HNSW search as the index grows: the measurement behind
qa.index.vectors.FLAT_LIMIT.

    .venv/bin/python -m eval.bench_faiss [--sizes 10000 50000 200000 500000]

Unit vectors of 384 dimensions (multilingual-e5-small's size), drawn around 1,000 random
topic centres as sentence embeddings cluster (uniformly random vectors are HNSW's worst case). For each size
it prints build time, median query time for k=50, and HNSW's recall@50 against the exact
answer. Exact search is chosen while it costs less than about one query embedding (~60 ms).
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from qa.index.vectors import build_vectors

DIM = 384


def unit(n: int, rng: np.random.Generator, centers: np.ndarray | None = None) -> np.ndarray:
    """Unit vectors; around `centers` (topics) when given, as sentence embeddings cluster."""
    x = rng.standard_normal((n, DIM)).astype(np.float32)
    if centers is not None:
        x = (centers[rng.integers(0, len(centers), n)] * 4.0 + x).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000, 500_000])
    ap.add_argument("--queries", type=int, default=50)
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    centers = rng.standard_normal((1000, DIM)).astype(np.float32) / np.sqrt(DIM) * np.sqrt(DIM) / 8
    queries = unit(args.queries, rng, centers)
    print(f"{'vectors':>9} {'kind':<14} {'build s':>8} {'query ms':>9} {'recall@50':>10}")
    for n in args.sizes:
        data = unit(n, rng, centers)
        exact_ids = None
        for limit, kind in ((n, "IndexFlatIP"), (0, "IndexHNSWFlat")):
            t = time.perf_counter()
            index = build_vectors(data, flat_limit=limit)
            build_s = time.perf_counter() - t
            ms, ids = [], []
            for q in queries:
                t = time.perf_counter()
                _, got = index.search(q.reshape(1, -1), 50)
                ms.append((time.perf_counter() - t) * 1000)
                ids.append(set(got[0].tolist()))
            if exact_ids is None:
                exact_ids = ids
            recall = statistics.mean(len(a & b) / 50 for a, b in zip(ids, exact_ids))
            print(f"{n:>9} {kind:<14} {build_s:>8.1f} {statistics.median(ms):>9.2f} {recall:>10.3f}")


if __name__ == "__main__":
    main()
