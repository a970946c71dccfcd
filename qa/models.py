"""The frozen records that flow through the pipeline.

Offsets (`start`, `end`, `spans`) are character offsets into the source file's text as
read; `clean_start`/`clean_end` index the cleaned article text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from qa.mapped import raw_spans


@dataclass(frozen=True)
class SourceFile:
    name: str
    text: str                     # the file's text as read (decoded / extracted)
    sha256: str
    encoding: str
    skippable: frozenset[int] = field(default_factory=frozenset, repr=False)  # collapsed duplicates, markup


@dataclass(frozen=True)
class Document:
    """One article (a story or a photo caption) cut out of a source file."""
    doc: str
    index: int
    title: str
    subtitle: str
    byline: str
    kind: str                     # "story" | "caption"
    text: str
    pos: tuple[int, ...] = field(repr=False)

    @property
    def id(self) -> str:
        return f"{self.doc}#{self.index}"

    @property
    def start(self) -> int:
        return min(self.pos) if self.pos else 0

    @property
    def end(self) -> int:
        return max(self.pos) + 1 if self.pos else 0

    def spans(self, source: SourceFile, clean_start: int, clean_end: int) -> tuple[tuple[int, int], ...]:
        return raw_spans(source.text, self.pos[clean_start:clean_end], source.skippable)


class _RawSpans:
    """`start`/`end`: the raw range from the first to the last span."""
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class Chunk(_RawSpans):
    """A retrieval unit: a few sentences of one article, with its title for context."""
    id: str
    doc: str
    article: int
    title: str
    text: str
    clean_start: int
    clean_end: int
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Sentence(_RawSpans):
    """An answer-extraction unit: one sentence (or headline) of one article."""
    doc: str
    article: int
    text: str
    clean_start: int
    clean_end: int
    spans: tuple[tuple[int, int], ...]
