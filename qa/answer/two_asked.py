"""Two values asked in one question, each of its own thing: 生产总值多少，同比增长多少 / 多少栋住宅楼、多少居民 /
全国排第几、河南排第几 / 全国和河南分别排第几. Entry point: `asked_pair(question, sentence, tagged, terms)` → the run
of the sentence from one value to the other, or None.

Asked so, one value answers half the question (the thirty-ninth held-out set, an editor checking a draft: six such
questions were answered with one of the two values at 0.95–0.97, 8.6% for 2018年…生产总值多少，同比增长多少). Each
value must stand by a word of its own clause of the question, and the two close together in one clause run of the
sentence; the run is offered as qa.answer.respectively's run of values is (kind "respectively", the pick where it is
offered).
"""
from __future__ import annotations

import re

from qa.answer.match import Terms, matches
from qa.answer.question import Question, analyze
from qa.answer.spans import find_spans
from qa.index.tokens import Token
from qa.models import VALUED_KINDS, Span

# a question word asking for a value; its clause (between these marks) names the thing it is asked of
VALUE_ASKED = re.compile(r"多少|第?几|多长时间|多久")
CLAUSE_MARKS = re.compile(r"[，,、；;？?。！!]")
# 全国和河南分别排第几: one question word asked of two things named together
TWO_NAMED = re.compile(r"([\u4e00-\u9fff]{2,6})(?:和|与|及|、)([\u4e00-\u9fff]{2,6}?)分别")
GAP_CHARS = 16      # the two values stand in one run of the sentence (2830.6亿元,同比增长8.6%: 5 between)
CONTEXT_BEFORE = 12  # a value's own words stand before it (年均受理事项40多万件, 多层住宅楼23栋) or in it (全国第七名)
STOPS = "。；;！？!?"


def asked_pair(question: str, sentence: str, tagged: tuple[Token, ...], terms: Terms) -> Span | None:
    """The span from the first to the second value where `question` asks two values, each by a word of its own."""
    slots = _slots(question, terms)
    if slots is None:
        return None
    (q1, words1), (q2, words2) = slots
    first = _values(sentence, q1, tagged)
    second = _values(sentence, q2, tagged)
    for a in first:
        for b in second:
            x, y = (a, b) if a.start < b.start else (b, a)
            gap = sentence[x.end:y.start]
            if x.end > y.start or len(gap) > GAP_CHARS or any(c in STOPS for c in gap):
                continue
            if _stands_by(sentence, a, b, q1, words1) and _stands_by(sentence, b, a, q2, words2):
                end = _run_on(sentence, y, second if y is b else first)
                return Span(x.start, end, sentence[x.start:end], "respectively", x.kind)
    return None


def _slots(question: str, terms: Terms) -> tuple[tuple[Question, list[str]], tuple[Question, list[str]]] | None:
    """The two things asked, each as (the Question its clause asks, the question's terms in that clause)."""
    clauses = [c for c in CLAUSE_MARKS.split(question) if VALUE_ASKED.search(c)]
    if len(clauses) == 1 and (m := TWO_NAMED.search(clauses[0])):
        one = analyze(clauses[0].replace("分别", ""))   # 分别是多少 asks values, not a list
        named = [[w for w in terms.words if w in m.group(k)] for k in (1, 2)]
        return ((one, named[0]), (one, named[1])) if all(named) else None
    if len(clauses) != 2:
        return None
    words = [[w for w in terms.words if w in c] for c in clauses]
    # a word both clauses name (累计 of 累计实施…多少个、累计完成投资多少) tells neither value from the other
    own = [[w for w in ws if w not in other] for ws, other in zip(words, reversed(words))]
    asked = [analyze(c) for c in clauses]
    # each clause names its thing, or at least the measure word it asks (涉及多少户: 户)
    if not all(ws or (q.unit or "个") != "个" for ws, q in zip(own, asked)):
        return None
    return (asked[0], own[0]), (asked[1], own[1])


def _values(sentence: str, q: Question, tagged: tuple[Token, ...]) -> list[Span]:
    """The values of the kind (and the measure word, where one is asked) a clause asks for."""
    return [sp for sp in find_spans(sentence, q, tagged) if sp.kind in VALUED_KINDS
            and (not q.units or sp.text.endswith(tuple(q.units)))]


def _stands_by(sentence: str, value: Span, other: Span, q: Question, words: list[str]) -> bool:
    """Whether the value is in the measure word its clause asks (not the 个 of any count), or one of `words` stands by
    it, in the words just before it (not past `other`) or in it."""
    if (q.unit or "个") != "个" and value.text.endswith(tuple(q.units)):   # 户 asked, 8.67万户 printed
        return True
    if not words:
        return False
    if other.end <= value.start:
        start = max(value.start - CONTEXT_BEFORE, other.end)
    else:   # the first value's words stand in its own clause
        start = max(value.start - CONTEXT_BEFORE, max(sentence.rfind(c, 0, value.start) + 1 for c in STOPS + "，,"))
    return any(matches(w, sentence[start:value.end]) for w in words)


def _run_on(sentence: str, last: Span, spans: list[Span]) -> int:
    """The end of the second value, run on over values of its kind printed right after it (618户1800余人)."""
    end = last.end
    for sp in sorted(spans, key=lambda s: s.start):
        if sp.start == end and sp.kind == last.kind:
            end = sp.end
    return end
