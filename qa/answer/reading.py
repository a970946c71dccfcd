"""The trained reader's answer as a candidate beside the rules' one. Entry point:
`reader_pick(index, reader, q, passages, rules_choice)`.

The reader reads the top retrieved passages (in retrieval order) and proposes its best span;
the span becomes an exact range of the source file through the sentence(s) holding it. The
features of both answers (`qa.answer.reader.calibration.FEATURES`) give each a calibrated
probability (`probabilities`); `qa.answer.respond` decides which answer is given.
"""
from __future__ import annotations

from dataclasses import dataclass

from qa.answer.question import Question
from qa.answer.reader.read import Proposal, Reader
from qa.answer.score import Candidate
from qa.answer.spans import find_spans
from qa.index.open import Index
from qa.models import Passage, Sentence, Span

# Passages read, in retrieval order. On the CMRC calibration half, 3 and 4 gave the same EM/F1
# (0.204 / 0.452) and the same dev results, at a median of 83 instead of 98 ms: a 4th window never won.
READ_PASSAGES = 3


@dataclass(frozen=True)
class ReaderPick:
    candidate: Candidate      # the span inside the sentence(s) that hold it
    proposal: Proposal
    features: dict            # what the calibration reads (`calibration.FEATURES`)


def reader_pick(index: Index, reader: Reader, q: Question, question: str, passages: list[Passage],
                rules_choice: Candidate | None) -> ReaderPick | None:
    read = sorted(passages, key=lambda p: p.rank)[:READ_PASSAGES]
    proposals = reader.propose(question, [p.chunk.text for p in read])
    if not proposals:
        return None
    best = proposals[0]
    passage = read[best.text_index]
    sentence = _sentence(index, passage, best)
    a = passage.chunk.clean_start + best.start - sentence.clean_start
    span = _whole_list(sentence, q, a, a + len(best.text), index.tokenizer.tagged) or Span(a, a + len(best.text), best.text, q.type, _value(q, best.text))
    features = {"margin": best.margin, "passage": passage.score, "agrees": float(_agrees(sentence, span, rules_choice)),
                "rules": rules_choice.score if rules_choice else 0.0,
                "typed": float(rules_choice is not None and rules_choice.span is not None)}
    return ReaderPick(Candidate(sentence, span, 0.0, 0.0, passage.score, best.margin), best, features)


def probabilities(reader: Reader, pick: ReaderPick | None, rules_choice: Candidate | None) -> tuple[float, float] | None:
    """(P(the reader's span is right), P(the rules' answer is right)); None while uncalibrated."""
    if reader.calibration is None or pick is None:
        return None
    return (reader.calibration.reader.probability(pick.features),
            reader.calibration.rules.probability(pick.features) if rules_choice is not None else 0.0)


def _sentence(index: Index, passage: Passage, p: Proposal) -> Sentence:
    """The sentence holding the span, or the run of sentences when it crosses a sentence end."""
    start = passage.chunk.clean_start + p.start
    end = passage.chunk.clean_start + p.end
    ids = index.chunk_sentences[index.chunk_ids[passage.chunk.id]]
    inside = [index.sentences[i] for i in ids if index.sentences[i].clean_start < end and index.sentences[i].clean_end > start]
    if len(inside) == 1 and inside[0].clean_start <= start and end <= inside[0].clean_end:
        return inside[0]
    a = min([start, *(s.clean_start for s in inside)])
    b = max([end, *(s.clean_end for s in inside)])
    doc = index.document(passage.chunk)
    return Sentence(doc.doc, doc.index, doc.text[a:b], a, b, doc.spans(index.sources[doc.doc], a, b))


def _agrees(sentence: Sentence, span: Span, choice: Candidate | None) -> bool:
    if choice is None or choice.sentence.doc != sentence.doc or choice.sentence.article != sentence.article:
        return False
    if choice.span is None:   # an open answer: the reader's span inside the rules' sentence
        return choice.sentence.clean_start <= sentence.clean_start + span.start < choice.sentence.clean_end
    a = sentence.clean_start + span.start
    b = choice.sentence.clean_start + choice.span.start
    return a < b + len(choice.span.text) and b < a + len(span.text)


def _whole_list(sentence: Sentence, q: Question, a: int, b: int, tagged) -> Span | None:
    """A list question's answer is the whole enumeration: the reader, trained on single-span
    answers, often picks one item of `A、B、C` (seen on held-out and resident questions)."""
    if q.type != "list":
        return None
    return next((s for s in find_spans(sentence.text, q, tagged(sentence.text)) if s.start <= a and b <= s.end and (s.start, s.end) != (a, b)), None)


def _value(q: Question, text: str) -> object:
    """The normalised value when the span is exactly one value of the asked type (2015年 → 2015)."""
    found = find_spans(text, q)
    return found[0].value if len(found) == 1 and found[0].start == 0 and found[0].end == len(text) else None
