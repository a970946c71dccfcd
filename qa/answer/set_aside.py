"""What a question sets aside: 不算全国文明单位和省级文明单位标兵，…有多少个; 除了市公安局，还有哪家…. Entry point:
`set_aside_clash(question, text, span)`; `rest_of_list(question, text, span)` for a list that opens with them.

Why: named as not the answer, what is set aside still matched the sentence that prints it best: the count printed
after it was answered (11个 of 标兵 at 0.84 for the 181个 of 省级文明单位, a seventeenth-set question), and the unit
set aside could be offered (市公安局党委 for 除了市公安局还有哪家作了交流发言). Its words stay terms: the answer is
printed beside it (dropped, 鄢陵县委 fell below the threshold). Over every gold set, 11 questions set
something aside; no accepted answer holds what its question sets aside.
"""
from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.question import Question

EXCLUDED = re.compile(r"(?:除了|除去|不算|不包括|不含)(?P<set>[^，,。？?]{2,30}?)(?:以外|之外)?(?=[，,]|还|也|另外|又)")
# how the things set aside are listed (任万祥、田豪彬这些个人; 全国文明单位和省级文明单位标兵); the pointers before them (那813个)
ITEM_JOINS = re.compile(r"[、和及与]|这些|那些|等")
POINTERS = "那这其"


def set_aside(text: str) -> str:
    """What the question sets aside, or ""."""
    m = EXCLUDED.search(text)
    return m.group("set") if m else ""


def _items(q: Question) -> list[str]:
    """The things the question sets aside, one by one (全国文明单位, 省级文明单位标兵), without a pointer before them."""
    return [i for i in (i.lstrip(POINTERS) for i in ITEM_JOINS.split(set_aside(q.text))) if len(i) >= 2]


def set_aside_clash(q: Question, text: str, span) -> bool:
    """Whether the span is one thing the question sets aside, or only holds one (市公安局党委 of 除了市公安局; not a
    list that runs on to another, 市公安局党委、鄢陵县委, whose reading backs its other item), or is a number printed
    right after one (省级文明单位标兵 11 个 of 不算…省级文明单位标兵)."""
    if span is None:
        return False
    items = _items(q)
    value = text[span.start:span.end].replace(" ", "")
    before = text[max(0, span.start - BOUND_REACH):span.start].replace(" ", "")
    alone = not ITEM_JOINS.search(value)
    return len(value) >= 2 and any(value in i or (alone and i in value) or (value[0].isdigit() and before.endswith(i))
                                   for i in items)


BOUND_REACH = 12   # characters before a number its noun may take (省级文明单位标兵 is 8, with the PDF's spaces)


def rest_of_list(q: Question, text: str, span):
    """A list span that opens with every thing the question sets aside, as the list of the others (除了北海、灞陵湖和
    芙蓉湖，还有哪些 → 鹿鸣湖、秋湖湿地、东湖; the whole list, the three set aside first, had been the answer); as it was
    otherwise."""
    left = set(_items(q))
    if not left:
        return span
    at = span.start
    for m in ITEM_JOINS.finditer(text, span.start, span.end):
        item = text[at:m.start()].strip()
        if item not in left:
            break
        left.discard(item)
        at = m.end()
        if not left:
            rest = text[at:span.end]
            return replace(span, start=at, text=rest) if len(rest.strip()) >= 2 else span
    return span
