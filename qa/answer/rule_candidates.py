"""Candidate answers: the sentences of the retrieved passages, each with the typed spans it
holds, scored by how much of the question the sentence covers and how close the span
stands to the question's words. Entry point: `candidates(index, q, terms, passages)`.
"""
from __future__ import annotations

import logging
import math
import os
import re
import time
from dataclasses import dataclass

from qa.index.record import Index
from qa.answer.dated import dated_in
from qa.answer.continuation import continued
from qa.answer.definition import defined
from qa.answer.echo import echoes, trim_echo
from qa.answer.kind_made import kind_made
from qa.answer.role_as import role_as
from qa.answer.own_clause import own_clause
from qa.answer.purpose import purpose, reason
from qa.answer.respectively import respectively
from qa.answer.two_asked import asked_pair
from qa.answer.match import Terms, match_share, matches, positions
from qa.models import Passage, Sentence, Span
from qa.answer.question import Question
from qa.answer.span_fit import fit as _fit
from qa.answer.spans import find_spans
from qa.answer.weights import (
    CLAUSE_AFTER, CLAUSE_BEFORE, CLAUSE_CROWDED, CLAUSE_HERE, CONTEXT_WEIGHT, EXPLAINS, FOCUS_SHARE, MISSING_NAME,
    MISSING_VERB, OPEN_BASE, OPEN_LENGTH, OPEN_OFF_LENGTH, OPEN_PASSAGE, PAIRED_NEAR, PROXIMITY, SPAN_BASE,
    SPAN_NEAR, SPAN_PASSAGE, SUBTITLE_CHARS, TITLE_WEIGHT)

SHORT_ARTICLE = 200       # characters: a photo caption's words all describe its one picture
CLAUSE_BREAKS = "，,；;。！？!?：: "    # a space parts the phrases of a headline
# Seconds of span rules one reading may spend. Sentences come in retrieval order, so a spent budget
# drops the least relevant; a seed-corpus reading takes ~3 ms, and the worst question constructed
# (eval/bench_worst_case.py) 0.8 s in all, so the budget only binds on text nobody writes.
EXTRACT_BUDGET_S = 0.5

log = logging.getLogger(__name__)

# A piece of an open question's sentence that the question asks for (each finder gives a span or None, the first
# found is offered beside the sentence): what a term means (一线三边指的是什么: the bracket, 即… or 是… after it), the
# rest of a quoted phrase (“政府领唱”后面是啥), what a thing is for (是干嘛用的), why something is done (为什么要…), what one
# place of several is given (长葛市要确保实现什么), what kind of thing a doing makes (要构建什么样的创建格局)
PIECES = (defined, continued, purpose, reason, own_clause, kind_made, role_as)


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    span: Span | None         # None for open questions: the sentence is the answer
    coverage: float           # share of the question's weighted terms in the sentence (+ context)
    near: float               # how much of that sits in the span's own clause
    passage: float            # fused retrieval score of the best passage holding the sentence
    score: float
    sid: int = -1             # the index sentence (its context and passage)


def candidates(index: Index, q: Question, terms: Terms, passages: list[Passage]) -> tuple[list[Candidate], tuple[str, ...]]:
    """The candidates, best first, and one line for each sentence a rule failed on (it is skipped)."""
    seen: dict[int, float] = {}
    for p in passages:
        for sid in index.chunk_sentences[index.chunk_ids[p.chunk.id]]:
            seen[sid] = max(seen.get(sid, 0.0), p.score)
    required = [t for t in terms.words if re.fullmatch(r"\d{4}年?|\d+(?:\.\d+)?|\d{1,2}月", t)]
    out: list[Candidate] = []
    failed: list[str] = []
    deadline = time.perf_counter() + EXTRACT_BUDGET_S
    for n, (sid, passage_score) in enumerate(seen.items()):
        if time.perf_counter() > deadline:
            log.warning("extraction budget of %.1f s spent: %d of %d sentences not read", EXTRACT_BUDGET_S,
                        len(seen) - n, len(seen))
            break
        try:
            out.extend(_sentence_candidates(index, q, terms, sid, passage_score, required))
        except Exception as err:   # a rule that breaks on one sentence loses that sentence, not the answer
            failed.append(rule_failure(err, index.sentences[sid]))
    out.sort(key=lambda c: -c.score)
    return out, tuple(failed)


def _sentence_candidates(index: Index, q: Question, terms: Terms, sid: int, passage_score: float,
                          required: list[str]) -> list[Candidate]:
    out: list[Candidate] = []
    s = index.sentences[sid]
    title = index.document(s).title
    if any(not (t in s.text or t in title or dated_in(index, s, t)) for t in required):
        return out  # a year or number the question names must be there (a year: or its month and day, qa.answer.dated)
    cov = coverage(index, terms, sid)
    if q.type == "open":
        if _is_question(s.text):   # 为何我们如此振奋？|因为，20年的创建路…: the answer follows
            following = _next_sentence(index, sid)
            if following is None:
                return out
            s = following
            sid += 1
        length = 1.0 if OPEN_LENGTH[0] <= len(s.text) <= OPEN_LENGTH[1] else OPEN_OFF_LENGTH
        score = cov * (OPEN_BASE + OPEN_PASSAGE * passage_score) * length
        score *= _explains(q.text, s.text)
        out.append(Candidate(s, None, cov, 0.0, passage_score, score, sid))
        meant = next((piece for find in PIECES if (piece := find(q.text, s.text))), None)
        return out + ([Candidate(s, meant, cov, 1.0, passage_score, score, sid)] if meant else [])
    if _is_question(s.text):
        return out  # a question printed in an article never answers one
    tagged = index.tokenizer.tagged(s.text)
    spans = [t for t in (trim_echo(sp, terms, s.text, q.text) for sp in find_spans(s.text, q, tagged))
             if t is not None and not echoes(t, q.text)]
    spans = _outermost(spans)
    paired, both = respectively(q.text, s.text, spans, terms)
    both = both or asked_pair(q.text, s.text, tagged, terms)   # 生产总值多少，同比增长多少 (qa.answer.two_asked)
    spans += [both] if both else []
    for span in spans:
        fit = _fit(q, span, terms, s.text) * paired.get(span, 1.0)
        near = nearness(terms, s.text, span)
        if span.kind != "date" and paired.get(span) == 1.0:
            near = max(near, PAIRED_NEAR)
        # coverage caps the score: a well-placed span in a sentence about something else is no answer
        score = cov * (SPAN_BASE + SPAN_NEAR * near + SPAN_PASSAGE * passage_score) * fit
        out.append(Candidate(s, span, cov, near, passage_score, score, sid))
    return out


def coverage(index: Index, terms: Terms, sid: int) -> float:
    """Share of the question's weighted terms in sentence `sid`, with what its article's title and
    the sentences around it supply, lowered when the question's names or verbs are not there."""
    s = index.sentences[sid]
    doc = index.document(s)
    context = _context(index, sid)
    cov = terms.coverage(s.text)
    for t in terms.missing(s.text):   # the article's topic (title) or the sentence before
        # the headline lines: 动员会议解读 (of …解读中提到的) is a subtitle's; not a one-character word inside one of its
        # words (住 of 孙清旺住的小区 in 住建局 had lifted another story's 8.67万户 over his 618户)
        sub = match_share(t, doc.subtitle) if len(t) > 1 and len(doc.subtitle) <= SUBTITLE_CHARS else 0.0
        headline = max(match_share(t, doc.title), sub)
        from_title = 0.0 if t in terms.actions else TITLE_WEIGHT * headline  # a title names a topic, not an event
        cov += terms.weight(t) * max(from_title, CONTEXT_WEIGHT * match_share(t, context))
    if any(not matches(n, s.text) and not matches(n, context) for n in terms.names):
        cov *= MISSING_NAME  # the sentence is about something else than the question's 郑州 / 杭萧
    if terms.verbs and not any(matches(v, s.text) for v in terms.verbs):
        cov *= MISSING_VERB  # 评上 asked, 开始创建 told: another event
    return cov


def nearness(terms: Terms, text: str, span: Span) -> float:
    """How close the question's words stand to a span of `text` (0–1): by distance for a date,
    by clause for the rest (a follow-up's own words weigh half)."""
    if span.kind == "date":
        return _nearness(terms, text, span)
    fine = span.kind in ("number", "percent", "rank")
    near = _clause_share(terms, text, span, fine=fine)
    if terms.focus:   # a follow-up asks about its own new words
        near = (1 - FOCUS_SHARE) * near + FOCUS_SHARE * _clause_share(terms.only(terms.focus), text, span, fine=fine)
    return near


def rule_failure(err: Exception, s: Sentence) -> str:
    """Log a rule that raised on a sentence (the traceback with QA_DEBUG=1); one line for the answer."""
    where = f"{s.doc} [{s.start}:{s.end}]"
    log.warning("answer rule failed on %s: %s: %s", where, type(err).__name__, err,
                exc_info=bool(os.environ.get("QA_DEBUG")))
    return f"{type(err).__name__} on {where}"


HOW = re.compile(r"怎么|怎样|如何|靠什么|什么办法|哪些措施")
WHY = re.compile(r"为什么|为何|什么原因|原因")


def _explains(question: str, sentence: str) -> float:
    """How and why questions: a sentence that gives a method (通过, 依托) or a cause (因为) answers better."""
    if HOW.search(question) and re.search(r"通过|依托|采取|利用|借助|坚持|按照|实施", sentence):
        return EXPLAINS
    if WHY.search(question) and re.search(r"因为|由于|为了|原因|因此", sentence):
        return EXPLAINS
    return 1.0


def _is_question(text: str) -> bool:
    return text.rstrip("”’\"").endswith(("？", "?"))


def _next_sentence(index: Index, sid: int) -> Sentence | None:
    if sid + 1 < len(index.sentences):
        nxt, s = index.sentences[sid + 1], index.sentences[sid]
        if nxt.doc == s.doc and nxt.article == s.article and not _is_question(nxt.text):
            return nxt
    return None


def _context(index: Index, sid: int) -> str:
    """Title, the sentence before, and the whole article when it is a short one (a caption)."""
    s = index.sentences[sid]
    doc = index.document(s)
    parts = []
    for k in (sid - 1, sid + 1):   # the sentences around it in its paragraph (a quote, then who said it)
        if 0 <= k < len(index.sentences):
            o = index.sentences[k]
            a, b = sorted((o, s), key=lambda x: x.clean_start)
            if o.doc == s.doc and o.article == s.article and "\n" not in doc.text[a.clean_end:b.clean_start]:
                parts.append(o.text)   # same paragraph only: the bullet before in a chronology is another event
    if len(doc.text) <= SHORT_ARTICLE or doc.kind == "caption":
        parts.append(doc.text)
    return "\n".join(parts)


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


def _clauses(text: str, fine: bool) -> list[tuple[int, int]]:
    breaks = CLAUSE_BREAKS + ("、" if fine else "")
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in breaks:
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return [(a, b) for a, b in out if b > a]


def _clause_share(terms: Terms, text: str, span: Span, fine: bool) -> float:
    """Weight of the question words in the span's own clause (the one before counts less),
    as a share of those in the sentence; a clause full of other words counts a little less."""
    clauses = _clauses(text, fine)
    here = next((k for k, (a, b) in enumerate(clauses) if a <= span.start < b), 0)
    total, got, covered = 0.0, 0.0, 0
    for t, w in zip(terms.words, terms.weights):
        pos = [p for p in positions(t, text) if not span.start <= p < span.end]
        if not pos:
            continue
        total += w
        best = 0.0
        for p in pos:
            k = next((k for k, (a, b) in enumerate(clauses) if a <= p < b), -1)
            place = {here: CLAUSE_HERE, here - 1: CLAUSE_BEFORE, here + 1: CLAUSE_AFTER}
            best = max(best, place.get(k, 0.0))
            if k == here:
                covered += len(t)
        got += w * best
    if not total:
        return 0.0
    a, b = clauses[here]
    extra = max(0, (b - a) - (span.end - span.start) - covered) / max(1, b - a)
    return max(0.0, got / total - CLAUSE_CROWDED * extra)


def _outermost(spans: list[Span]) -> list[Span]:
    """Of nested names (中国 in 中国文明网) keep the whole one."""
    named = ("org", "title", "person")
    return [s for s in spans if s.kind not in named or not any(
        o is not s and o.kind == s.kind and o.start <= s.start and s.end <= o.end and (o.start, o.end) != (s.start, s.end)
        for o in spans)]
