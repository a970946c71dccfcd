"""Hybrid retrieval. Entry point: `search(index, question, k)`, which asks the backend the index
was built for (qa.index.backends: FAISS + bm25s by default, or Milvus) through its `Retriever`."""
from __future__ import annotations

import numpy as np

from qa.index.backends import backend
from qa.index.record import Index
from qa.index.retriever import Retriever
from qa.models import Passage


def search(index: Index, question: str, k: int = 5, terms: list[str] | None = None,
           query_vector: np.ndarray | None = None) -> list[Passage]:
    """The k best passages for `question`, best first.

    `terms` and `query_vector` may be given when the caller already has them (the answer
    stage expands the question with the previous turn).
    """
    return retriever(index).search(question, k, terms, query_vector)


def retriever(index: Index) -> Retriever:
    """The backend the index was built for: made per call from the index record (cheap), so an
    index replaced with other vectors (tests' noise) is searched as it is now."""
    return backend(index.manifest.get("backend", "faiss")).retriever(index)
