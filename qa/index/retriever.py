"""What a retriever backend implements, so that another engine is a new module, not a rewrite.

A backend takes a question and gives the k best passages of the index, best first. The answer
stage reads only `Passage` records, so a backend must give back the index's own `Chunk`s (their
offsets are what citations are cut from) and a `score` on the scale of the default fusion:
reciprocal-rank fusion divided by its best possible value (rank 1 in every list), in 0..1.
`qa.index.search.search(index, question, k)` picks the backend the index was built for.

Backends: `qa.index.backends.faiss.HybridRetriever` (FAISS + bm25s files in the index folder, the
default) and `qa.index.backends.milvus.MilvusRetriever` (one Milvus collection, fused by the engine).
"""
from __future__ import annotations

from typing import Protocol

import numpy as np

from qa.models import Passage


class Retriever(Protocol):
    def search(self, question: str, k: int, terms: list[str] | None = None,
               query_vector: np.ndarray | None = None) -> list[Passage]:
        """The k best passages for `question`, best first, ranks from 1.

        `terms` (jieba content terms, `Tokenizer.terms`) and `query_vector` (the embedder's query
        vector) may be given when the caller already has them; the answer stage passes the terms
        of the question as it understood it (stop words dropped, quoted names kept whole)."""
        ...


def fused_scale(rrf_k: int, lists: int) -> float:
    """The best reciprocal-rank fusion score: rank 1 in each of `lists` equally weighted lists."""
    return lists / (rrf_k + 1)
