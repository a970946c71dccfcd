"""Which of two or more things the question names is the most, the highest or the first (许昌建成区绿地率和绿化覆盖率
哪个高; 新建道路、改扩建道路、改造老街道，哪一类的条数最多; 郑万高铁许昌段和忠武路许昌城区段，哪个先建成): the run of
sentences that gives each of them a value of one unit, the values compared, answered with the winner's name as
printed. Entry point: `compared(index, question, terms, passages)` → candidates, offered as the only pick
(qa.answer.decide.pickable); their confidence is the scorer's, as for any option.

Why: no source answered a comparison: the reader's 40.62% or the rules' sentence stood for 哪个高 (right only where
the larger value came first), 郑万高铁许昌段和忠武路许昌城区段，哪个先建成 got a sentence, 最美家庭、五好文明家庭…
哪种户数最多 the reader's 164户、“书香家庭”30户 (eighteenth and twenty-first held-out sets, five questions).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qa.answer.match import Terms
from qa.answer.numbers import leading_number
from qa.answer.rule_candidates import Candidate, coverage
from qa.answer.spans import NUMBER_RE, PERCENT_RE, unit_of
from qa.index.record import Index
from qa.models import Passage, Span

ASKED = re.compile(r"(?P<items>[^？?。！!：:]+?)(?:里头|里面|里边|里|中|当中|之中)?[，,]?\s*"
                   r"(?:哪个|哪一个|哪种|哪一种|哪类|哪一类|哪项|哪一项|哪样|谁)(?:的)?(?P<what>[^？?，,、]{0,8}?)(?:更|最|比较)?(?P<how>[多少高低大小先早晚长短])"
                   r"(?![^？?。！!]*?(?:哪|什么|多少|几))")
LARGEST = {"多": True, "高": True, "大": True, "长": True, "晚": True,
           "少": False, "低": False, "小": False, "短": False, "先": False, "早": False}
SEPARATOR = re.compile(r"和|与|跟|及|还是|以及|或者|或")
VALUE = re.compile(f"{PERCENT_RE.pattern}|{NUMBER_RE.pattern}")
REACH = 12          # characters from a thing's name to its value (“五好文明家庭”222户; 郑万高铁许昌段、郑合高铁许昌段已于2019年)
WINDOW = 3          # sentences of one paragraph read together (a ；-run: 郑万…于2019年建成投用；忠武路…于2020年建成)
NAME_LEAST = 2      # characters of a thing's name that must be printed
CONNECT = set("达为有是共约计于已在的：:“”\"、，,")   # what stands between a name and its value (绿地率达36.46%)


@dataclass(frozen=True)
class Comparison:
    items: tuple[str, ...]
    largest: bool


def asked(question: str) -> Comparison | None:
    """The things compared and which end wins, None where the question compares nothing."""
    m = ASKED.search(question)
    if m is None:
        return None
    said = m.group("items").split("，")[-1].split(",")[-1]
    parts = said.split("、") if "、" in said else SEPARATOR.split(said)   # 和睦家庭 in a list of 、 is one thing
    items = tuple(i.strip("“”\"《》 ") for i in parts)
    if len(items) < 2 or any(len(i) < NAME_LEAST for i in items):
        return None
    return Comparison(items, LARGEST[m.group("how")])


def compared(index: Index, question: str, terms: Terms, passages: list[Passage]) -> list[Candidate]:
    """The winner of each run of sentences naming every thing compared with a value of one unit."""
    c = asked(question)
    if c is None:
        return []
    out: list[Candidate] = []
    seen: set[int] = set()
    for p in passages:
        for sid in index.chunk_sentences[index.chunk_ids[p.chunk.id]]:
            if sid in seen:
                continue
            seen.add(sid)
            found = _winner(index, c, sid)
            if found is not None:
                at, span = found
                cov = coverage(index, terms, at)
                out.append(Candidate(index.sentences[at], span, cov, 1.0, p.score, cov * p.score, at))
    return out


def _winner(index: Index, c: Comparison, first: int) -> tuple[int, Span] | None:
    """(sentence, span of the winner's name) where sentences first.. give every item a value, else None."""
    run = [k for k in range(first, min(first + WINDOW, len(index.sentences)))
           if index.sentences[k].doc == index.sentences[first].doc
           and index.sentences[k].article == index.sentences[first].article]
    valued = []
    for item in c.items:
        hit = next(((k, *h) for k in run if (h := _valued(index.sentences[k].text, item, c.items)) is not None), None)
        if hit is None:
            return None
        valued.append(hit)
    if valued[0][0] != first or len({unit for *_, unit in valued}) != 1:
        return None   # the run starts with the first thing named; values of one unit only
    pick = (max if c.largest else min)(valued, key=lambda v: v[3])
    if sum(v[3] == pick[3] for v in valued) > 1:
        return None   # a tie names no winner
    k, start, end, _, _ = pick
    text = index.sentences[k].text
    return k, Span(start, end, text[start:end], "compared", None)


def _valued(text: str, item: str, items: tuple[str, ...]) -> tuple[int, int, float, str] | None:
    """(start, end) of the item's longest printed ending in `text` and the value printed right after it."""
    for n in range(len(item), NAME_LEAST - 1, -1):
        for hit in re.finditer(re.escape(item[-n:]), text):
            end = hit.end()
            m = VALUE.search(text, end)
            if m is None or m.start() - end > REACH or re.search(r"[。；;！？]", text[end:m.start()]):
                continue
            between = text[end:m.start()]
            if between and between[0] not in CONNECT:
                continue   # a longer name goes on (省级文明单位|标兵11个 is not 省级文明单位's value)
            if any(o != item and len(o) >= NAME_LEAST and o[-NAME_LEAST:] in between for o in items):
                continue   # another thing's value
            said = m.group(0)
            value = float(said[:-1]) if said.endswith("%") else leading_number(said)
            if value is not None:
                return hit.start(), end, value, "%" if said.endswith("%") else unit_of(Span(0, len(said), said, "number"))
        if item[-n:] in text:
            return None   # printed without a value of its own
    return None
