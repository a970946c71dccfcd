"""Stage 5: the short, cited answer. Entry point: `answer(index, question, previous)`.

Retrieved passages give candidate sentences; each sentence is scored by how much of the
question it covers, and spans of the asked type are taken from it. Qualifiers choose
among events (首次 → earliest date), disagreeing sources become `conflicts`, and a
best candidate below the confidence threshold gives an honest `answer: null`.
"""
from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

from qa.citations import answer_citation, context_citations, raw_answer_range
from qa.errors import QAError
from qa.index import Index
from qa.match import Terms, positions, question_terms
from qa.models import Answer, Conflict, Passage, Sentence
from qa.question import Question, analyze, resolve_followup
from qa.retrieve import search
from qa.spans import Span, find_spans

MAX_QUESTION = 200
TOP_PASSAGES = 8
PROXIMITY = 10.0          # characters over which a question word still "points at" a span


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    span: Span | None         # None for open questions: the sentence is the answer
    coverage: float           # share of the question's weighted terms in the sentence (+ context)
    near: float               # how close the matched terms stand to the span
    passage: float            # fused retrieval score of the best passage holding the sentence
    score: float


def check_question(question: object) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QAError("the question is empty; type a question such as 许昌哪年首次获评全国文明城市？")
    q = question.strip()
    if len(q) > MAX_QUESTION:
        raise QAError(f"the question has {len(q)} characters, more than the {MAX_QUESTION} allowed; ask something shorter")
    return q


def answer(index: Index, question: str, previous: str | None = None) -> Answer:
    started = time.perf_counter()
    asked = check_question(question)
    resolved = resolve_followup(asked, previous.strip() if previous else None)
    q = analyze(resolved)
    words = index.tokenizer.terms(resolved)
    terms = question_terms(words, index.df, len(index.chunks), drop=q.qualifier_words)
    passages = search(index, resolved, TOP_PASSAGES, terms=words)
    retrieved = time.perf_counter()
    candidates = _candidates(index, q, terms, passages)
    chosen, conflicts = _choose(q, candidates)
    threshold = index.settings.min_confidence
    timings = {"retrieve": (retrieved - started) * 1000}
    if chosen is None or chosen.score < threshold:
        timings["extract"] = (time.perf_counter() - retrieved) * 1000
        timings["total"] = (time.perf_counter() - started) * 1000
        return Answer(asked, None, "none", chosen.score if chosen else 0.0,
                      tuple(context_citations(index, passages, terms, 3)), timings,
                      passages=tuple(passages), question_type=q.type, resolved_question=resolved,
                      best_guess=_text(chosen) if chosen else None)
    text = _text(chosen)
    first = answer_citation(index, chosen.sentence, chosen.span, chosen.score)
    support = [answer_citation(index, c.sentence, c.span, c.score) for c in candidates
               if c is not chosen and c.span is not None and chosen.span is not None
               and same_value(c.span, chosen.span) and c.sentence != chosen.sentence and c.coverage >= 0.5][:2]
    timings["extract"] = (time.perf_counter() - retrieved) * 1000
    timings["total"] = (time.perf_counter() - started) * 1000
    return Answer(asked, text, q.type, chosen.score, (first, *support), timings,
                  answer_value=chosen.span.value if chosen.span else None,
                  conflicts=tuple(Conflict(c.span.text, answer_citation(index, c.sentence, c.span, c.score))
                                  for c in conflicts),
                  passages=tuple(passages), question_type=q.type, resolved_question=resolved)


def _text(c: Candidate) -> str:
    return c.span.text if c.span else c.sentence.text


def _candidates(index: Index, q: Question, terms: Terms, passages: list[Passage]) -> list[Candidate]:
    seen: dict[int, float] = {}
    for p in passages:
        for sid in index.chunk_sentences[index.chunk_ids[p.chunk.id]]:
            seen[sid] = max(seen.get(sid, 0.0), p.score)
    required = [t for t in terms.words if re.fullmatch(r"\d{4}年?|\d+(?:\.\d+)?", t)]
    out: list[Candidate] = []
    for sid, passage_score in seen.items():
        s = index.sentences[sid]
        context = index.document(s).title + "\n" + _previous_sentence(index, sid)
        if any(not (t in s.text or t in context) for t in required):
            continue  # a year or number the question names must be there
        cov = terms.coverage(s.text)
        cov += 0.5 * sum(terms.weight(t) for t in terms.missing(s.text) if t in context)
        if q.type == "open":
            score = 0.7 * cov + 0.3 * passage_score
            out.append(Candidate(s, None, cov, 0.0, passage_score, score * _length_factor(s.text)))
            continue
        for span in find_spans(s.text, q, _token_bounds(index, s.text)):
            near = _nearness(terms, s.text, span)
            fit = _fit(q, span, terms, s.text)
            if fit <= 0:
                continue
            score = (0.6 * cov + 0.2 * near + 0.2 * passage_score) * fit
            out.append(Candidate(s, span, cov, near, passage_score, score))
    out.sort(key=lambda c: -c.score)
    return out


def _previous_sentence(index: Index, sid: int) -> str:
    if sid > 0:
        prev = index.sentences[sid - 1]
        s = index.sentences[sid]
        if prev.doc == s.doc and prev.article == s.article:
            return prev.text
    return ""


def _token_bounds(index: Index, text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for w in index.tokenizer.segments(text):
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def _length_factor(text: str) -> float:
    """Open answers: a sentence of one clause says little, a page-long one is no answer."""
    n = len(text)
    return 1.0 if 12 <= n <= 160 else 0.8


def _nearness(terms: Terms, text: str, span: Span) -> float:
    total, got = 0.0, 0.0
    for t, w in zip(terms.words, terms.weights):
        pos = positions(t, text)
        if not pos:
            continue
        total += w
        d = min(max(span.start - (p + len(t)), p - span.end, 0) for p in pos)
        got += w * math.exp(-d / PROXIMITY)
    return got / total if total else 0.0


def _fit(q: Question, span: Span, terms: Terms, text: str) -> float:
    """How well a span's form fits the question: units, counts, not just echoing the question."""
    fit = 1.0
    echoed = sum(len(t) for t in terms.words if t in span.text)
    if span.kind in ("org", "title", "list", "person") and echoed >= 0.6 * len(span.text):
        return 0.0
    if q.unit and span.kind == "number":
        if q.unit == "次" and re.search(r"次|连冠|届", span.text):
            fit *= 1.0
        elif not span.text.endswith(q.unit) and q.unit not in span.text:
            fit *= 0.6
    if q.count and span.kind == "list":
        items = len(re.split(r"、|和|及|与", span.text))
        fit *= 1.0 if items == q.count else 0.7
    return fit


def _choose(q: Question, candidates: list[Candidate]) -> tuple[Candidate | None, list[Candidate]]:
    if not candidates:
        return None, []
    best = candidates[0]
    if q.type == "date" and q.qualifier in ("first", "latest", "nth"):
        return _pick_event(q, candidates), []
    if q.type in ("date", "number", "percent", "rank"):
        rivals = _conflicts(best, candidates)
        if rivals:  # answer with the value more sources give; the other is the conflict
            group = [best, *rivals]
            best = max(group, key=lambda g: (_support(g, candidates), g.score))
            return best, [g for g in group if g is not best]
        return best, []
    return best, []


def _support(c: Candidate, candidates: list[Candidate]) -> int:
    """Distinct articles that give this value with about the same coverage."""
    return len({(o.sentence.doc, o.sentence.article) for o in candidates
                if o.span is not None and o.coverage >= c.coverage - 0.1 and same_value(o.span, c.span)})


def _pick_event(q: Question, candidates: list[Candidate]) -> Candidate:
    """首次 / 最近 / 第n次: order the matching events by date and take the one asked for."""
    top = max(c.coverage for c in candidates)
    events: dict[tuple, Candidate] = {}
    for c in candidates:
        if c.coverage < top - 0.1 or c.span is None:
            continue
        key = _date_key(c.span.value)
        if key is None:
            continue
        year = key[0]
        if year not in events or c.score > events[year].score:
            events[year] = c
    if not events:
        return candidates[0]
    ordered = [events[k] for k in sorted(events)]
    if q.qualifier == "first":
        return ordered[0]
    if q.qualifier == "latest":
        return ordered[-1]
    return ordered[q.nth - 1] if q.nth and q.nth <= len(ordered) else ordered[-1]


def _date_key(value) -> tuple | None:
    if isinstance(value, int):
        return (value,)
    if isinstance(value, str) and re.match(r"\d{4}", value):
        return tuple(int(x) for x in value.split("-"))
    return None


def same_value(a: Span, b: Span) -> bool:
    if a.kind == "date" and b.kind == "date":
        return _dates_agree(a.value, b.value)
    return a.value == b.value if a.value is not None and b.value is not None else a.text == b.text


def _dates_agree(a, b) -> bool:
    pa, pb = _date_parts(a), _date_parts(b)
    if pa is None or pb is None:
        return a == b
    return all(x is None or y is None or x == y for x, y in zip(pa, pb))


def _date_parts(value) -> tuple | None:
    if isinstance(value, int):
        return (value, None, None)
    if not isinstance(value, str):
        return None
    parts = value.split("-")
    if re.fullmatch(r"\d{4}", parts[0]):
        return tuple(int(p) for p in parts) + (None,) * (3 - len(parts))
    return (None, *(int(p) for p in parts), *((None,) * (2 - len(parts))))


def _conflicts(best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
    """Other sources giving another value for the same fact, as well supported as the answer."""
    out: list[Candidate] = []
    for c in candidates[1:]:
        if (c.span is None or c.sentence.doc == best.sentence.doc and c.sentence.article == best.sentence.article
                or c.coverage < best.coverage - 0.05 or c.near < best.near - 0.1 or c.score < best.score - 0.08):
            continue
        if same_value(c.span, best.span) or any(same_value(c.span, o.span) for o in out):
            continue
        out.append(c)
    return out[:2]
