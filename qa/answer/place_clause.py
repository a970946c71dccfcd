"""Whether a candidate stands in another place's part of a sentence that lists several places' own facts:
在市级层面，确保蝉联第六届全国文明城市…；在县级层面，禹州市确保创成全国文明城市，长葛市确保创成…提名城市，鄢陵县、襄城县
积极争创…. Asked of 禹州市, the city's 确保蝉联第六届全国文明城市 (the reader's span, 0.55) and 长葛市's 提名城市 are other
places' answers. Entry point: `other_place(index, q, o)`.
"""
from __future__ import annotations

import re

from qa.answer.options import Option
from qa.answer.own_clause import PLACE
from qa.answer.question import Question
from qa.answer.weights import NAME_SHARE
from qa.index.record import Index

PART_END = "；;"       # the sentence's parts (市级层面…；县级层面…)
CLAUSE_END = "，,；;"  # …and their clauses, each opening on its place (禹州市确保…，长葛市确保…)


def other_place(index: Index, q: Question, o: Option, fragment: str = "") -> bool:
    """Whether `o` stands outside the part and clause of the one place the question names (a follow-up's
    `fragment` first: 那鄢陵县呢 after …给禹州定的是啥目标), in a sentence that names two or more such places; a
    place most passages print (the city the articles are about) is no such place."""
    text, shift = _run(index, o)
    printed = list(dict.fromkeys(m.group(0) for m in PLACE.finditer(text)))
    if len(printed) < 2:
        return False
    named = [p for p in printed if index.df.get(p, 0) <= NAME_SHARE * len(index.chunks)]
    asked = [p for p in named if p[:2] in fragment] or [p for p in named if p[:2] in q.text]
    if len(asked) != 1:
        return False
    a, b = (o.span.start, o.span.end) if o.span is not None else (0, len(o.sentence.text))
    a, b = a + shift, b + shift
    at = text.find(asked[0])
    if _part(text, at, PART_END) != _part(text, a, PART_END):
        return True
    start, end = _part(text, at, CLAUSE_END)
    if start <= a and b <= end:
        return False
    clause = text[_part(text, a, CLAUSE_END)[0]:]
    # a clause of its own place (长葛市确保…) or past the asked one's part ahead of it: another place's
    return PLACE.match(clause.lstrip("在")) is not None


def _run(index: Index, o: Option) -> tuple[str, int]:
    """The text of `o`'s sentence with the sentences a semicolon joins to it in its article (the sentences end at
    ；), and where `o`'s sentence starts in it."""
    first = last = o.sid
    same = (o.sentence.doc, o.sentence.article)
    while first > 0 and _joined(index.sentences[first - 1], same):
        first -= 1
    while last + 1 < len(index.sentences) and _joined(index.sentences[last], same) \
            and (index.sentences[last + 1].doc, index.sentences[last + 1].article) == same:
        last += 1
    texts = [index.sentences[k].text for k in range(first, last + 1)]
    return "".join(texts), sum(len(t) for t in texts[:o.sid - first])


def _joined(sentence, same: tuple) -> bool:
    """Whether `sentence` of the article `same` ends on a semicolon, joined to the next."""
    return (sentence.doc, sentence.article) == same and sentence.text.rstrip().endswith(tuple(PART_END))


def _part(text: str, at: int, ends: str) -> tuple[int, int]:
    """The bounds of the stretch of `text` around `at` between two of `ends`."""
    start = max((text.rfind(e, 0, at) for e in ends), default=-1) + 1
    after = [k for k in (text.find(e, at) for e in ends) if k >= 0]
    return start, min(after) if after else len(text)


# 延中小区在哪: where a named place is asked, another place of its kind (…部分老旧小区) is no answer: it was answered at
# 0.78 over 魏都区灞陵街道办事处延中小区 (the fortieth held-out set, a student)
WHERE = re.compile(r"([\u4e00-\u9fff]{2}(小区|社区|村|街道|公园|广场|小学|中学|医院))(?:是)?(?:在哪|位于哪|在什么地方)")


def same_kind_place(q: Question, text: str, span) -> bool:
    """Whether `span` is a place of the same kind as the named place whose whereabouts the question asks, not naming it."""
    if span is None or (m := WHERE.search(q.text)) is None:
        return False
    said = text[span.start:span.end]
    return said.endswith(m.group(2)) and m.group(1) not in said
