"""Citations: where a quote and its answer span stand in the raw source file."""
from __future__ import annotations

import re

from qa.index.record import Index
from qa.answer.match import Terms
from qa.models import Citation, Passage, Sentence
from qa.models import Span

LINE_BREAK = re.compile(r"\s*\n\s*")


def raw_answer_range(index: Index, sentence: Sentence, span: Span) -> tuple[int, int]:
    """Raw file offsets of a span of a sentence's text, via the article's offset map."""
    pos = index.document(sentence).pos
    first = pos[sentence.clean_start + span.start]
    last = pos[sentence.clean_start + span.end - 1]
    return first, last + 1


def written(index: Index, sentence: Sentence, span: Span | None = None) -> str:
    """A span of a sentence (or the whole sentence) in the file's own characters: a file written
    in traditional characters is searched as simplified but quoted as written. An answer is one line: a headline
    printed over two (争创典范，让文明|成为高质量发展最美底色) is shown without the break."""
    doc = index.document(sentence)
    if span is None:
        return doc.as_written(sentence.clean_start, sentence.clean_end)
    return LINE_BREAK.sub("", doc.as_written(sentence.clean_start + span.start, sentence.clean_start + span.end))


def answer_citation(index: Index, sentence: Sentence, span: Span | None, score: float) -> Citation:
    """The sentence as quote; the answer span inside it (the whole sentence for open questions)."""
    if span is None:
        a, b = sentence.start, sentence.end
    else:
        a, b = raw_answer_range(index, sentence, span)
    doc = index.document(sentence)
    return Citation(sentence.doc, doc.shown_title or doc.title, written(index, sentence), sentence.start, sentence.end,
                    a, b, score, sentence.article, sentence.spans)


def context_citations(index: Index, passages: list[Passage], terms: Terms, n: int) -> list[Citation]:
    """For an abstention: the sentence of each top passage closest to the question."""
    out: list[Citation] = []
    for p in passages:
        ids = index.chunk_sentences[index.chunk_ids[p.chunk.id]]
        if not ids:
            continue
        s = max((index.sentences[i] for i in ids), key=lambda s: terms.coverage(s.text))
        if any(c.doc == s.doc and c.start == s.start for c in out):
            continue
        doc = index.document(s)
        out.append(Citation(s.doc, doc.shown_title or doc.title, written(index, s), s.start, s.end, None, None, p.score,
                            s.article, s.spans))
        if len(out) == n:
            break
    return out
