"""Retrieval engines, one module each, chosen by name (`QA_BACKEND`, the manifest's "backend").

Each module owns what its engine needs at the three moments of an index's life:
`write(settings, folder, chunks, vectors, previous, progress) -> dict` while a version is built
(what it returns goes into the manifest), `open_engine(settings, folder, manifest, chunks)` when
the version is loaded (the connection kept on `Index.engine`, or None) and `retriever(index)`, a
`qa.index.retriever.Retriever` over it. Entry point: `backend(name)`.
"""
from __future__ import annotations

import importlib
from types import ModuleType

from qa.errors import QAError

# name → module: faiss is embedded (the default); milvus needs the optional pymilvus/milvus-lite
BACKENDS = {"faiss": "qa.index.backends.faiss", "milvus": "qa.index.backends.milvus"}


def backend(name: str) -> ModuleType:
    """The module of backend `name` (imported on first use: milvus's libraries only when asked for)."""
    if name not in BACKENDS:
        raise QAError(f"unknown retrieval backend {name!r}; choose one of {', '.join(BACKENDS)}")
    return importlib.import_module(BACKENDS[name])
