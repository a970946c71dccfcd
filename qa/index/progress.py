"""What a build reports while it runs: one `Progress` per step, the line `qa build` prints and the
numbers a console shows (files read, chunks, embedded so far, time left), so that no reader of it
has to parse the line back."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    line: str                       # what a person reads ("embedded 16/32 chunks (50%), …")
    files: int | None = None        # the corpus's files, once read
    chunks: int | None = None       # chunks of the whole corpus
    embedded: int | None = None     # chunks embedded so far, of `to_embed` new ones
    to_embed: int | None = None
    seconds_left: float | None = None

    def __str__(self) -> str:
        return self.line
