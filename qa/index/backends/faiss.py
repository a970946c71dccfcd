"""The default backend (`QA_BACKEND=faiss`): BM25 (bm25s) and FAISS over files in the index
folder, fused here. `write` and `open_engine` have nothing to do (the build writes those files for
every backend); `retriever(index)` is a `HybridRetriever`.

BM25 over jieba terms finds exact words, names and numbers; the dense model finds
paraphrases (拿到 / 荣膺). Reciprocal-rank fusion combines the two rankings without
having to calibrate BM25 scores against cosines.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.index.record import Index
from qa.index.vectors import nearest
from qa.models import Passage

CANDIDATES = 50   # depth of each ranked list that takes part in the fusion


def write(settings, folder, chunks, vectors, previous, progress) -> dict:
    """Nothing beyond the files every build writes (chunks, bm25/, faiss.index)."""
    return {}


def open_engine(settings, folder, manifest: dict, chunks: int) -> None:
    return None


def retriever(index: Index) -> HybridRetriever:
    return HybridRetriever(index)


@dataclass(frozen=True)
class HybridRetriever:
    """The embedded default: BM25 (bm25s) and FAISS over files in the index folder, fused here."""
    index: Index

    def search(self, question: str, k: int, terms: list[str] | None = None,
               query_vector: np.ndarray | None = None) -> list[Passage]:
        return _hybrid(self.index, question, k, terms, query_vector)


def _hybrid(index: Index, question: str, k: int, terms: list[str] | None,
            query_vector: np.ndarray | None) -> list[Passage]:
    s = index.settings
    terms = list(dict.fromkeys(index.tokenizer.terms(question) if terms is None else terms))
    depth = min(len(index.chunks), max(CANDIDATES, k))
    bm25 = index.lexical.scores(terms) if terms else np.zeros(len(index.chunks), dtype=np.float32)
    lexical_order = [int(i) for i in np.argsort(-bm25, kind="stable")[:depth] if bm25[i] > 0]
    if s.dense_weight > 0:
        qv = index.embedder.query([question])[0] if query_vector is None else query_vector
        cosines, ids = nearest(index.vectors, qv, depth)
        dense_order = [int(i) for i in ids]
        dense = dict(zip(dense_order, (float(c) for c in cosines)))
    else:
        dense_order, dense = [], {}
    return fuse(index, lexical_order, dense_order, bm25, dense, k)


def fuse(index: Index, lexical_order: list[int], dense_order: list[int], bm25: np.ndarray,
         dense: dict[int, float], k: int) -> list[Passage]:
    s = index.settings
    lexical_rank = {i: r for r, i in enumerate(lexical_order, 1)}
    dense_rank = {i: r for r, i in enumerate(dense_order, 1)}
    best = (s.bm25_weight + s.dense_weight) / (s.rrf_k + 1)   # rank 1 in both lists (retriever.fused_scale)
    fused: dict[int, float] = {}
    for i in set(lexical_rank) | set(dense_rank):
        score = 0.0
        if i in lexical_rank:
            score += s.bm25_weight / (s.rrf_k + lexical_rank[i])
        if i in dense_rank:
            score += s.dense_weight / (s.rrf_k + dense_rank[i])
        fused[i] = score / best
    order = sorted(fused, key=lambda i: (-fused[i], lexical_rank.get(i, 10**9), i))[:k]
    return [Passage(index.chunks[i], fused[i], r, float(bm25[i]), dense.get(i, 0.0),
                    lexical_rank.get(i), dense_rank.get(i)) for r, i in enumerate(order, 1)]
