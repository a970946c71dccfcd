"""Candidate answers from every source, side by side. Entry point: `gather(...)`.

The rules give their typed spans (or, for open questions, sentences), best first; the trained
reader gives its k best spans of each passage it reads. A reader span on exactly the characters
of a rules span is one option of both sources. Every option is an exact range of one article
(a sentence, or the run of sentences a reader span crosses) and so of the source file.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from qa.answer.question import Question
from qa.answer.reader.serving import Proposal
from qa.answer.rule_candidates import Candidate
from qa.answer.spans import find_spans
from qa.answer.textnorm import QUOTES
from qa.index.record import Index
from qa.models import Passage, Sentence, Span

# How many of each source compete. On the CMRC calibration half the answer was in the rules' first
# 12 distinct candidates as often as in all of them; the reader's 3 best per passage hold its
# right span where its first does not (the first was right for 0.47, one of 3 for 0.62).
RULE_OPTIONS = 12
READ_PASSAGES = 3         # the reader reads these first retrieved (a 4th never won) and the rules' choice's
SPANS_PER_PASSAGE = 3


@dataclass(frozen=True)
class Option:
    """One candidate answer: where it stands and what each source said of it."""
    sentence: Sentence
    span: Span | None         # None: the whole sentence answers (open questions)
    sid: int                  # the index sentence it starts in (its context, its passage)
    rule: Candidate | None    # the rules' candidate: coverage, nearness, score
    proposal: Proposal | None # the reader's span: its logits
    read_rank: int | None     # 0-based place of the passage the reader read it in

    @property
    def source(self) -> str:
        return "both" if self.rule and self.proposal else "rules" if self.rule else "reader"

    @property
    def text(self) -> str:
        return self.span.text if self.span else self.sentence.text

    @property
    def key(self) -> tuple:
        """Its exact characters in its article."""
        s, sp = self.sentence, self.span
        a, b = (s.clean_start + sp.start, s.clean_start + sp.end) if sp else (s.clean_start, s.clean_end)
        return s.doc, s.article, a, b


def gather(index: Index, q: Question, found: list[Candidate], read: list[Passage],
           proposals: list[Proposal]) -> list[Option]:
    """The rules' first RULE_OPTIONS distinct candidates and the reader's proposals over `read`."""
    by_key: dict[tuple, Option] = {}
    for c in found:
        if len(by_key) == RULE_OPTIONS:
            break
        o = Option(c.sentence, c.span, c.sid, c, None, None)
        if _one_run(index, o.key):
            by_key.setdefault(o.key, o)
    for given in proposals:
        p = _trimmed(given)
        if p is None:
            continue
        passage = read[p.text_index]
        if not _contiguous(index, passage, p):
            continue
        sentence, sid = _sentence(index, passage, p)
        given_a = passage.chunk.clean_start + p.start - sentence.clean_start
        a, b = _balanced(sentence.text, given_a, given_a + len(p.text))
        if not _one_run(index, (sentence.doc, sentence.article, sentence.clean_start + a, sentence.clean_start + b)):
            a, b = given_a, given_a + len(p.text)   # extended over a seam of the cleaning: as the reader gave it
        span = _whole_list(sentence, q, a, b, index.tokenizer.tagged) \
            or Span(a, b, sentence.text[a:b], q.type, _value(q, sentence.text[a:b]))
        o = Option(sentence, span, sid, None, p, p.text_index)
        if o.key in by_key:
            old = by_key[o.key]
            if old.proposal is None:
                by_key[o.key] = Option(old.sentence, old.span, old.sid, old.rule, p, p.text_index)
        else:
            by_key[o.key] = o
    return list(by_key.values())


def _trimmed(p: Proposal) -> Proposal | None:
    """The span without the line breaks and spaces at its ends (a chunk keeps the article's)."""
    lead = len(p.text) - len(p.text.lstrip())
    text = p.text.strip()
    if not text:
        return None
    return replace(p, start=p.start + lead, end=p.start + lead + len(text), text=text)


def _contiguous(index: Index, passage: Passage, p: Proposal) -> bool:
    """False for a span over a seam of the cleaning (a headline moved before its body, a doubled
    heading dropped): its words are not one run of the source, so no offsets could cite it."""
    a = passage.chunk.clean_start + p.start
    return _one_run(index, (passage.chunk.doc, passage.chunk.article, a, a + len(p.text)))


def _one_run(index: Index, key: tuple) -> bool:
    """Whether an option's exact characters (`Option.key`) are one run of the source file. A
    rules candidate can fail it too: a sentence with a photo caption printed inside it in the file
    (found by the property test of tests/answer) cannot be the answer's one range."""
    doc, article, a, b = key
    return len(index.documents[(doc, article)].spans(index.sources[doc], a, b)) == 1


def _sentence(index: Index, passage: Passage, p: Proposal) -> tuple[Sentence, int]:
    """The sentence holding the span, or the run of sentences when it crosses a sentence end."""
    start = passage.chunk.clean_start + p.start
    end = passage.chunk.clean_start + p.end
    ids = index.chunk_sentences[index.chunk_ids[passage.chunk.id]]
    inside = [i for i in ids if index.sentences[i].clean_start < end and index.sentences[i].clean_end > start]
    if len(inside) == 1 and index.sentences[inside[0]].clean_start <= start and end <= index.sentences[inside[0]].clean_end:
        return index.sentences[inside[0]], inside[0]
    a = min([start, *(index.sentences[i].clean_start for i in inside)])
    b = max([end, *(index.sentences[i].clean_end for i in inside)])
    doc = index.document(passage.chunk)
    first = inside[0] if inside else ids[0]
    return Sentence(doc.doc, doc.index, doc.text[a:b], a, b, doc.spans(index.sources[doc.doc], a, b)), first


CLOSING = {v: k for k, v in QUOTES.items()}   # closing half → opening half
QUOTE_REACH = 24          # characters a reader span may be extended to reach the closing half of its opening mark
CLAUSE_STOPS = "，,。；;！？!?"
TRAILING = "，,。；;：:、"   # punctuation the reader leaves after a closing mark it cut from its opening half


def _balanced(text: str, a: int, b: int) -> tuple[int, int]:
    """A reader span without half a quotation: one that opens a mark (“15分钟 of “15分钟便民服务圈”) runs to
    its closing half when that follows within the clause, else starts after the mark; one that ends on a
    closing mark whose opening half it lacks (净海”，) ends before it, and one holding such a closing mark
    inside starts at the opening half before it in its clause, else ends before the closing mark. A rules
    span is never changed."""
    if b - a > 1 and text[a] in QUOTES and QUOTES[text[a]] not in text[a + 1:b]:
        close = next((k for k in range(b, min(len(text), b + QUOTE_REACH))
                      if text[k] == QUOTES[text[a]] or text[k] in CLAUSE_STOPS), None)
        if close is not None and text[close] == QUOTES[text[a]]:
            b = close + 1
        else:
            a += 1
    end = b
    while end - a > 1 and text[end - 1] in TRAILING:
        end -= 1
    if end - a > 1 and text[end - 1] in CLOSING and CLOSING[text[end - 1]] not in text[a:end - 1]:
        return a, end - 1
    # a closing half inside it whose opening half stands before it (一轴”为南北… of “一轴”为南北…): from the
    # opening half when that is in the same clause, else up to the closing half
    inside = next((k for k in range(a, b) if text[k] in CLOSING and CLOSING[text[k]] not in text[a:k]), None)
    if inside is not None and inside > a:
        back = next((k for k in range(a - 1, max(-1, a - 1 - QUOTE_REACH), -1)
                     if text[k] == CLOSING[text[inside]] or text[k] in CLAUSE_STOPS), None)
        if back is not None and text[back] == CLOSING[text[inside]]:
            return back, b
        return a, inside
    return a, b


def _whole_list(sentence: Sentence, q: Question, a: int, b: int, tagged) -> Span | None:
    """A list question's answer is the whole enumeration: the reader, trained on single-span
    answers, often picks one item of `A、B、C` (seen on held-out and resident questions)."""
    if q.type != "list":
        return None
    return next((s for s in find_spans(sentence.text, q, tagged(sentence.text))
                 if s.start <= a and b <= s.end and (s.start, s.end) != (a, b)), None)


def _value(q: Question, text: str) -> object:
    """The normalised value when the span is exactly one value of the asked type (2015年 → 2015)."""
    found = find_spans(text, q)
    return found[0].value if len(found) == 1 and found[0].start == 0 and found[0].end == len(text) else None
