"""BM25 over jieba terms (bm25s), saved beside the other index files."""
from __future__ import annotations

from pathlib import Path

import numpy as np


class Lexical:
    def __init__(self, bm25) -> None:
        self._bm25 = bm25

    @staticmethod
    def build(documents: list[list[str]]) -> Lexical:
        import bm25s

        bm25 = bm25s.BM25()
        bm25.index(documents, show_progress=False)
        return Lexical(bm25)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    @staticmethod
    def load(folder: Path) -> Lexical:
        import bm25s

        # memory-mapped arrays: shared between the workers of one server (read-only)
        return Lexical(bm25s.BM25.load(str(folder), show_progress=False, verbosity=0, mmap=True))

    def scores(self, terms: list[str]) -> np.ndarray:
        """BM25 score of every document (0 where no term matches); unknown terms are ignored."""
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
