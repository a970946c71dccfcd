"""The frozen records that flow through the pipeline.

Offsets (`start`, `end`, `spans`) are character offsets into the source file's text as
read; `clean_start`/`clean_end` index the cleaned article text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from qa.offsets import Positions, raw_spans


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
    text: str                     # searchable text: a traditional-character file's, read as simplified
    pos: Positions = field(repr=False)   # raw offset of each character of `text` (a tuple is converted)
    # A file written in traditional characters keeps its own here (same length, same offsets as
    # `text`), so quotes and answers show what the file says; "" when `text` is as written.
    shown: str = field(default="", repr=False)
    shown_title: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.pos, Positions):
            object.__setattr__(self, "pos", Positions(self.pos))
        if len(self.pos) != len(self.text):
            raise ValueError("Document needs one raw offset per character")

    @property
    def id(self) -> str:
        return f"{self.doc}#{self.index}"

    def as_written(self, clean_start: int, clean_end: int) -> str:
        """The article's text between two offsets of `text`, in the file's own characters."""
        return (self.shown or self.text)[clean_start:clean_end]

    @property
    def start(self) -> int:
        return self.pos.low() if len(self.pos) else 0

    @property
    def end(self) -> int:
        return self.pos.high() + 1 if len(self.pos) else 0

    def spans(self, source: SourceFile, clean_start: int, clean_end: int) -> tuple[tuple[int, int], ...]:
        return raw_spans(source.text, self.pos[clean_start:clean_end], source.skippable)


class _RawSpans:
    """`start`/`end`: the raw range from the first to the last span."""
    __slots__ = ()   # lets Chunk and Sentence have slots: an index of 100k chunks holds ~1M sentences
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Sentence(_RawSpans):
    """An answer-extraction unit: one sentence (or headline) of one article."""
    doc: str
    article: int
    text: str
    clean_start: int
    clean_end: int
    spans: tuple[tuple[int, int], ...]


VALUED_KINDS = frozenset({"date", "number", "percent", "rank"})   # span kinds whose value is a normalised value


@dataclass(frozen=True)
class Span:
    """A typed answer span inside one sentence; offsets index the sentence text."""
    start: int
    end: int
    text: str
    kind: str                  # the answer type it serves
    value: object = None       # normalized: 2015, "2015-02-28", 575000, 0.9889, 4; for a title how it was found

    @property
    def normalised(self) -> object:
        """The value where it is one (dates, numbers, percentages, ranks); None for names and titles,
        whose `value` only marks how they were found ("quoted", 荣膺, "office"): two quoted titles
        are not the same value, and CONTRACT.md gives them `answer_value` null."""
        return self.value if self.kind in VALUED_KINDS else None



@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its scores: `score` is the fused score scaled to 0..1."""
    chunk: Chunk
    score: float
    rank: int                     # 1-based rank after fusion
    bm25: float                   # raw BM25 score (0 when no query term matched)
    dense: float                  # cosine similarity of question and chunk
    bm25_rank: int | None         # 1-based, None when outside the lexical candidates
    dense_rank: int | None


@dataclass(frozen=True)
class Citation:
    """Where an answer (or a supporting sentence) stands in a source file.

    `start`/`end` hold the quote and `answer_start`/`answer_end` the answer span, as raw
    file offsets; the answer span is None on citations that only corroborate or give context.
    """
    doc: str
    title: str
    quote: str
    start: int
    end: int
    answer_start: int | None
    answer_end: int | None
    score: float
    article: int
    spans: tuple[tuple[int, int], ...] = ()   # the raw ranges the quote is made of (a caption may sit between)

    def to_dict(self) -> dict:
        return {"doc": self.doc, "title": self.title, "quote": self.quote, "start": self.start,
                "end": self.end, "answer_start": self.answer_start, "answer_end": self.answer_end,
                "score": round(self.score, 4), "article": self.article, "spans": [list(s) for s in self.spans]}


@dataclass(frozen=True)
class Conflict:
    """Another value the corpus gives for the same fact, with where it says so."""
    answer: str
    citation: Citation

    def to_dict(self) -> dict:
        return {"answer": self.answer, "citation": self.citation.to_dict()}


@dataclass(frozen=True)
class Answer:
    """The answer object of CONTRACT.md (`to_dict`)."""
    question: str
    answer: str | None
    answer_type: str
    confidence: float
    citations: tuple[Citation, ...]
    timings_ms: dict = field(default_factory=dict)
    answer_value: object = None
    conflicts: tuple[Conflict, ...] = ()
    passages: tuple[Passage, ...] = field(default=(), repr=False)
    question_type: str = ""       # what was asked (date, number, …), also when abstaining
    resolved_question: str = ""   # the question as understood, follow-ups filled in from the previous turn
    best_guess: str | None = None # when abstaining: the best candidate, below the confidence threshold
    # what broke while answering (a rule on a sentence, or the whole reading): for logs and `qa eval`
    errors: tuple[str, ...] = ()
    answered_by: str | None = (
        None  # "rules" (a rules candidate, the reader may agree) or "reader"; None when abstaining
    )
    decision: dict | None = field(
        default=None, repr=False
    )  # the model that decided, its threshold, the best candidates
    score: float = 0.0  # the scorer's raw score of the best candidate, before `confidence` calibrates it

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "answer_type": self.answer_type,
            "confidence": round(self.confidence, 4),
            "citations": [c.to_dict() for c in self.citations],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "answer_value": self.answer_value,
            "question_type": self.question_type,
            "resolved_question": self.resolved_question,
            "best_guess": self.best_guess,
            "answered_by": self.answered_by,
            "decision": self.decision,
            "conflicts": [c.to_dict() for c in self.conflicts],
            "passages": [
                {
                    "doc": p.chunk.doc,
                    "title": p.chunk.title,
                    "start": p.chunk.start,
                    "end": p.chunk.end,
                    "score": round(p.score, 4),
                    "rank": p.rank,
                }
                for p in self.passages
            ],
        }
