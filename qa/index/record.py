"""The `Index` record: one published index version, loaded (qa.index.load) and ready to search
(qa.index.search) and to answer from. Every later stage reads it; nothing here does work."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qa.config import Settings
from qa.index.embed import Embedder
from qa.index.lexical import Lexical
from qa.index.tokens import Tokenizer
from qa.models import Chunk, Document, Sentence, SourceFile


@dataclass(frozen=True)
class Index:
    folder: Path
    settings: Settings
    manifest: dict
    sources: dict[str, SourceFile] = field(repr=False)
    documents: dict[tuple[str, int], Document] = field(repr=False)
    chunks: tuple[Chunk, ...] = field(repr=False)
    sentences: tuple[Sentence, ...] = field(repr=False)
    chunk_sentences: tuple[tuple[int, ...], ...] = field(repr=False)   # sentence ids in each chunk
    lexical: Lexical = field(repr=False)
    vectors: object = field(repr=False)                                 # a FAISS index
    embedder: Embedder = field(repr=False)
    tokenizer: Tokenizer = field(repr=False)
    df: dict[str, int] = field(repr=False)                              # chunks holding each term
    chunk_ids: dict[str, int] = field(repr=False)                       # chunk id → position
    engine: object = field(default=None, repr=False)                    # the backend's connection (milvus), else None
    # tables later stages derive from this index once (the answer stage's question normaliser),
    # kept with it so that they are dropped with it when a new version is published
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def document(self, unit: Chunk | Sentence) -> Document:
        return self.documents[(unit.doc, unit.article)]
