"""The short, cited answer. Entry point: `answer(index, question, previous)`.

Retrieved passages give candidate sentences; each sentence is scored by how much of the
question it covers, and spans of the asked type are taken from it. Qualifiers choose
among events (首次 → earliest date), disagreeing sources become `conflicts`, and a
best candidate below the confidence threshold gives an honest `answer: null`.
"""
from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass

from qa.answer.citations import answer_citation, context_citations, written
from qa.answer.confidence import rules_scale
from qa.errors import QAError
from qa.index.open import Index
from qa.limits import checked
from qa.answer.match import Terms, matches, question_terms
from qa.models import Answer, Citation, Conflict, Passage
from qa.answer.question import Question, analyze, content_text, followup_fragment, resolve_followup, with_topic
from qa.index.search import search
from qa.answer.reader.read import Reader
from qa.answer.reading import probabilities, reader_pick
from qa.answer.events import date_key, distinct_values, governs, pick_event, same_value
from qa.answer.fit import unit_of
from qa.answer.score import Candidate, candidates
from qa.answer.weights import (ALT_READING_MARGIN, CONFLICT_COVERAGE, CONFLICT_NEAR, CONFLICT_SCORE, EVENT_COVERAGE,
                               NAME_SHARE, SUPPORT_COVERAGE, SUPPORT_SLACK)

TOP_PASSAGES = 8
SHORT_TURN = 10           # characters: a short question after another may lean on it

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reading:
    """One way of understanding the question, with what it found."""
    text: str
    question: Question
    terms: Terms
    passages: list[Passage]
    found: list[Candidate]
    chosen: Candidate | None
    conflicts: list[Candidate]
    failed: tuple[str, ...]   # sentences a rule broke on (skipped)
    retrieve_ms: float
    extract_ms: float

    @property
    def score(self) -> float:
        return self.chosen.score if self.chosen else 0.0


def answer(index: Index, question: str, previous: str | None = None, reader: Reader | None = None) -> Answer:
    """The answer object for `question` (a follow-up of `previous`); with a trained `reader`
    (`load_reader`), its span answers where the rules give no typed value. Bad input raises
    InputError; nothing else escapes: a bug of ours gives an honest non-answer, logged, with
    `errors` set."""
    started = time.perf_counter()
    asked, previous = checked(question, previous)
    try:
        a = _answer(index, asked, previous, started, reader)
        log.info("answered in %.0f ms by %s: %r → %r (%s, confidence %.2f)", a.timings_ms.get("total", 0.0),
                 a.answered_by or "nobody", asked[:60], (a.answer or "")[:40], a.question_type, a.confidence)
        return a
    except QAError:
        raise
    except Exception as err:
        log.error("answering %r failed: %s: %s", asked, type(err).__name__, err, exc_info=bool(os.environ.get("QA_DEBUG")))
        return Answer(asked, None, "none", 0.0, (), {"total": (time.perf_counter() - started) * 1000},
                      errors=(f"{type(err).__name__}: {err}",))


def _answer(index: Index, asked: str, previous: str | None, started: float, reader: Reader | None) -> Answer:
    # traditional characters (許昌…獲評) and full-width digits are read as the corpus writes them
    # …and one input-method slip in a key term (文明程市, 普及律) as the corpus word that sounds the same
    simple = index.tokenizer.corrected(index.tokenizer.simplified(asked), index.df)
    previous = index.tokenizer.corrected(index.tokenizer.simplified(previous), index.df) if previous else previous
    resolved = resolve_followup(simple, previous)
    r = _read(index, resolved, followup_fragment(simple, resolved))
    if previous and resolved == simple and len(simple) <= SHORT_TURN:
        # "增速排第几？" may lean on the last turn or stand alone: keep the clearer reading
        other = with_topic(simple, previous)
        alt = _read(index, other, followup_fragment(simple, other))
        # only when it turns a non-answer into a clear answer: 许昌的人口有多少？ stands alone
        if _probability(alt.chosen) >= index.settings.min_confidence and alt.score > r.score + ALT_READING_MARGIN \
                and _probability(r.chosen) < index.settings.min_confidence:
            r = alt
    timings = {"retrieve": r.retrieve_ms, "extract": r.extract_ms}
    chosen, q = r.chosen, r.question
    sure = _probability(chosen)   # P(the rules' answer is right)
    minimum = index.settings.min_confidence
    # The rules' typed values (dates under 首次, counts with their units, conflicts) stand: on the dev
    # questions the reader never beat them there (eval/compare_readers.py). Elsewhere (no answer, or a
    # whole sentence) the reader reads, and its span is given when its calibrated probability clears
    # its threshold (QA_READER_MIN_CONFIDENCE, from the dev sweep) and beats the rules' own answer's.
    typed = chosen is not None and chosen.span is not None and sure >= minimum
    pick = odds = None
    if reader is not None and not typed:
        t0 = time.perf_counter()
        pick = reader_pick(index, reader, q, r.text, r.passages, chosen)
        odds = probabilities(reader, pick, chosen)
        timings["read"] = (time.perf_counter() - t0) * 1000
    timings["total"] = (time.perf_counter() - started) * 1000
    seen = pick and {"text": pick.proposal.text, "rules_text": _text(chosen) if chosen else None, "features": pick.features,
                     "probabilities": odds}
    if odds is not None and odds[0] >= index.settings.reader_min_confidence and odds[0] > odds[1]:
        c = pick.candidate
        return Answer(asked, written(index, c.sentence, c.span), q.type, odds[0], (answer_citation(index, c.sentence, c.span, odds[0]),),
                      timings, answer_value=c.span.value, passages=tuple(r.passages), question_type=q.type,
                      resolved_question=r.text, errors=r.failed, answered_by="reader", reader=seen, score=r.score)
    if chosen is None or sure < minimum:
        guess = pick.proposal.text if odds is not None and odds[0] > odds[1] else _text(chosen) if chosen else None
        return Answer(asked, None, "none", max(sure, odds[0] if odds else 0.0),
                      tuple(context_citations(index, r.passages, r.terms, 3)), timings,
                      passages=tuple(r.passages), question_type=q.type, resolved_question=r.text,
                      best_guess=guess, errors=r.failed, reader=seen, score=r.score)
    first = answer_citation(index, chosen.sentence, chosen.span, chosen.score)
    support = [answer_citation(index, c.sentence, c.span, c.score) for c in r.found
               if c.span is not None and chosen.span is not None and c.sentence != chosen.sentence
               and same_value(c.span, chosen.span) and c.coverage >= SUPPORT_COVERAGE]
    return Answer(asked, written(index, chosen.sentence, chosen.span), q.type, sure, (first, *_distinct(support)[:2]), timings,
                  answer_value=chosen.span.value if chosen.span else None,
                  conflicts=tuple(Conflict(written(index, c.sentence, c.span), answer_citation(index, c.sentence, c.span, c.score))
                                  for c in r.conflicts),
                  passages=tuple(r.passages), question_type=q.type, resolved_question=r.text, errors=r.failed,
                  answered_by="rules", reader=seen, score=chosen.score)


def _read(index: Index, text: str, fragment: str) -> Reading:
    t0 = time.perf_counter()
    q = analyze(text)
    content = content_text(text)
    quotes = [x for x in re.findall(r"[“\"]([^”\"]{2,12})[”\"]", text)]
    words = index.tokenizer.terms(content) + quotes   # a quoted phrase (“四篇文章”) is a name, kept whole
    quoted = "".join(quotes)
    tagged = index.tokenizer.tagged(content)
    verbs = frozenset(t.word for t in tagged if t.flag.startswith("v") and t.flag != "vn" and len(t.word) >= 2)
    names = frozenset(t.word for t in tagged if t.flag in ("nr", "ns", "nt", "nz") and len(t.word) >= 2
                      and not matches("许昌", t.word) and index.df.get(t.word, 0) <= NAME_SHARE * len(index.chunks))
    printed = tuple(w for w in q.qualifier_words if q.qualifier == "total" and index.df.get(w))  # 累计 is printed
    terms = question_terms(words, index.df, len(index.chunks), drop=tuple(w for w in q.qualifier_words if w not in printed),
                           focus=fragment + quoted, verbs=verbs, names=names, light=printed)
    passages = search(index, text, TOP_PASSAGES, terms=words)
    t1 = time.perf_counter()
    found, failed = candidates(index, q, terms, passages)
    chosen, conflicts = _choose(index, q, found)
    return Reading(text, q, terms, _rerank(index, passages, found, chosen), found, chosen, conflicts, failed,
                   (t1 - t0) * 1000, (time.perf_counter() - t1) * 1000)


def _probability(c: Candidate | None) -> float:
    """The rules' score as a probability: the scale every threshold uses (qa.answer.confidence)."""
    return rules_scale().probability(c.score) if c is not None else 0.0


def _rerank(index: Index, passages: list[Passage], found: list[Candidate], chosen: Candidate | None) -> list[Passage]:
    """Passages ordered by what the reader found in them: the chosen answer's passage first, then
    by best candidate, then by retrieval. Each keeps its retrieval `rank`."""
    best: dict[str, float] = {}
    for c in found:
        for p in passages:
            if c.sentence.doc == p.chunk.doc and c.sentence.article == p.chunk.article \
                    and p.chunk.clean_start <= c.sentence.clean_start < p.chunk.clean_end:
                best[p.chunk.id] = max(best.get(p.chunk.id, 0.0), c.score + (1.0 if c is chosen else 0.0))
    return sorted(passages, key=lambda p: (-best.get(p.chunk.id, 0.0), p.rank))


def _distinct(citations: list[Citation]) -> list[Citation]:
    out: list[Citation] = []
    for c in citations:
        if not any(o.doc == c.doc and o.start == c.start for o in out):
            out.append(c)
    return out


def _text(c: Candidate) -> str:
    return c.span.text if c.span else c.sentence.text


def _choose(index: Index, q: Question, candidates: list[Candidate]) -> tuple[Candidate | None, list[Candidate]]:
    if not candidates:
        return None, []
    best = candidates[0]
    if q.type == "date" and q.qualifier in ("first", "latest", "nth"):
        event = pick_event(index, q, candidates)
        if event is None:
            return None, []
        year = date_key(event.span.value)[0] if event.span and date_key(event.span.value) else None
        top = max(c.coverage for c in candidates)
        rivals = [c for c in candidates if c.span is not None and date_key(c.span.value) and c is not event
                  and date_key(c.span.value)[0] == year and c.coverage >= EVENT_COVERAGE * top and governs(c)
                  and not same_value(c.span, event.span)
                  and (c.sentence.doc, c.sentence.article) != (event.sentence.doc, event.sentence.article)]
        return event, distinct_values(rivals)[:2]   # the same event dated differently elsewhere
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
                if o.span is not None and o.coverage >= c.coverage - SUPPORT_SLACK and same_value(o.span, c.span)})


def _conflicts(best: Candidate, candidates: list[Candidate]) -> list[Candidate]:
    """Other sources giving another value for the same fact, as well supported as the answer."""
    rivals = [c for c in candidates
              if c is not best and c.span is not None
              and (c.sentence.doc, c.sentence.article) != (best.sentence.doc, best.sentence.article)
              and c.coverage >= best.coverage - CONFLICT_COVERAGE and c.near >= best.near - CONFLICT_NEAR
              and c.score >= best.score - CONFLICT_SCORE
              and not same_value(c.span, best.span)
              # 前五届 and 三连冠 count different things: not a disagreement
              and not (c.span.kind == "number" and unit_of(c.span) != unit_of(best.span))]
    return distinct_values(rivals)[:2]
