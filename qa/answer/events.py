"""Dates as events: when two dates are the same value, and which dated event a qualifier
(首次 / 最近 / 第n次) asks for. Entry points: `same_value`, `pick_event`, `date_key`."""
from __future__ import annotations

import re

from qa.index.record import Index
from qa.models import Span
from qa.answer.question import Question
from qa.answer.rule_candidates import Candidate
from qa.answer.weights import EVENT_COVERAGE, EVENT_NEAR


def pick_event(index: Index, q: Question, candidates: list[Candidate]) -> Candidate | None:
    """The event the qualifier asks for: the one the text itself calls 第n次, else by date order."""
    return _stated_event(index, q, candidates) or _ordered_event(q, candidates) or _in_a_row(q, candidates)


def beyond_count(q: Question, found, event: Candidate | None) -> bool:
    """第n次 asked of dated events the articles know fewer than n of (许昌第五次获评…是什么时候, of three or four
    awards): what they print answers another award, so nothing is offered. Over every gold set, the other
    city's, both CMRC halves and the negatives, the 6 questions asking 第n次 beyond the events found were all
    unanswerable and none had a right candidate; the scorer's monotone `event_found` had too few of them to
    refuse 许昌第五次拿到…称号是什么时候 (2020年11月10日 at 0.53)."""
    return q.dated_event and q.qualifier == "nth" and bool(found) and event is None


def distinct_values(found: list[Candidate]) -> list[Candidate]:
    """The first candidate of each value, in order."""
    out: list[Candidate] = []
    for c in found:
        if not any(same_value(c.span, o.span) for o in out):
            out.append(c)
    return out


def date_key(value) -> tuple | None:
    if isinstance(value, int):
        return (value,)
    if isinstance(value, str) and re.match(r"\d{4}", value):
        return tuple(int(x) for x in value.split("-"))
    return None


def same_value(a: Span | None, b: Span | None) -> bool:
    if a is None or b is None:   # a sentence candidate has no value to share
        return False
    if a.kind == "date" and b.kind == "date":
        return _dates_agree(a.value, b.value)
    return a.normalised == b.normalised if a.normalised is not None and b.normalised is not None else a.text == b.text


def _dates_agree(a, b) -> bool:
    pa, pb = _date_parts(a), _date_parts(b)
    if pa is None or pb is None:
        return a == b
    shared = [(x, y) for x, y in zip(pa, pb) if x is not None and y is not None]
    return bool(shared) and all(x == y for x, y in shared)   # 2015 and 11月10日 share nothing: not the same


def _date_parts(value) -> tuple | None:
    if isinstance(value, int):
        return (value, None, None)
    if not isinstance(value, str):
        return None
    if not re.fullmatch(r"\d+(-\d+){0,2}", value):
        return None    # a time of day such as 10:00: compared as text
    parts = value.split("-")
    if re.fullmatch(r"\d{4}", parts[0]):
        return tuple(int(p) for p in parts) + (None,) * (3 - len(parts))
    return (None, *(int(p) for p in parts), *((None,) * (2 - len(parts))))


def _stated_event(index: Index, q: Question, candidates: list[Candidate]) -> Candidate | None:
    """The article says it in words: `12月8日，…荣获…。这是…第二次获得这一荣誉。`"""
    top = max(c.coverage for c in candidates)
    words = q.qualifier_words
    for c in candidates:   # best first
        if c.span is None or c.coverage < EVENT_COVERAGE * top:
            continue
        text = c.sentence.text
        if any(w in text for w in words):   # in the date's own clause, not 继2016年首次获评之后，第二次…
            a = max(text.rfind(p, 0, c.span.start) for p in "，,；;") + 1
            b = min([i for i in (text.find(p, c.span.end) for p in "，,；;。") if i >= 0] or [len(text)])
            if any(w in text[a:b] for w in words):
                return c
            continue
        after = index.document(c.sentence).text[c.sentence.clean_end:].split("\n", 1)[0].lstrip()
        if after.startswith(("这", "此")) and any(w in after.split("。", 1)[0] for w in words):
            return c   # 12月8日，…荣获…。这是…第二次获得: the next sentence says which time it was
    return None


IN_A_ROW = "一二三四五六七八九十"   # 三连冠: the third award in a row, as a sentence may say of it (n ≤ 10)


def _in_a_row(q: Question, candidates: list[Candidate]) -> Candidate | None:
    """第n次 where fewer events than n are counted: the best date governing a sentence that says the n-th in a row was
    won (2020年11月20日，…许昌实现全国文明城市“三连冠”). A question naming what only that sentence says (第三次荣膺…、实现
    “三连冠”) lifts it alone, the awards before fall below the events' coverage, and the third had been taken for one
    beyond those printed: nothing was offered."""
    if not q.nth or q.nth > len(IN_A_ROW):
        return None
    said = f"{IN_A_ROW[q.nth - 1]}连冠"
    return next((c for c in candidates if c.span is not None and date_key(c.span.value) and said in c.sentence.text
                 and governs(c)), None)


def _ordered_event(q: Question, candidates: list[Candidate]) -> Candidate | None:
    """首次 / 最近 / 第n次: order the matching events by date and take the one asked for."""
    top = max(c.coverage for c in candidates)
    events: dict[int, Candidate] = {}
    for c in candidates:
        key = date_key(c.span.value) if c.span else None
        if c.coverage < EVENT_COVERAGE * top or key is None or not governs(c):
            continue
        if key[0] not in events or c.score > events[key[0]].score:
            events[key[0]] = c
    if not events:
        return candidates[0]
    ordered = [events[k] for k in sorted(events)]
    if q.qualifier == "first":
        return ordered[0]
    if q.qualifier == "latest":
        return ordered[-1]
    if q.nth and q.nth <= len(ordered):
        return ordered[q.nth - 1]
    return None   # 第四次 when the articles know of three: not in the articles


# 本报讯 / 本报讯（记者 …）/ 本报记者 X 报道: a dateline, not the sentence's own words
DATELINE = r"(?:本报讯\s*(?:[（(][^）)]{0,30}[）)])?|本报记者\s*\S{1,12}\s*报道|[（(]记者[^）)]{0,30}[）)])?"
DATELINE_ONLY = re.compile(r"[●■▲◆★•\s]*" + DATELINE + r"\s*")


def governs(c: Candidate) -> bool:
    """Whether the date is the time of the sentence's event: it leads the sentence
    (`2015年2月28日，许昌…荣膺…`) or shares a clause with the event (`自2015年荣膺…以来`),
    not a side remark (`从2001年开启创建之路，到…荣膺…`). A newspaper's dateline before it
    (`本报讯（记者 周文斌）12月8日，…`) does not count as leading words."""
    text, span = c.sentence.text, c.span
    if span is None:
        return False
    lead = re.sub(r"^[●■▲◆★•\s]*" + DATELINE + r"\s*(?:在|于)?", "", text)
    if lead.startswith(span.text) or DATELINE_ONLY.fullmatch(text[:span.start]):
        return True
    a = max(text.rfind(p, 0, span.start) for p in "，,；;：:") + 1
    b = min([i for i in (text.find(p, span.end) for p in "，,；;。") if i >= 0] or [len(text)])
    return c.near >= EVENT_NEAR or any(ch in text[a:b] for ch in "获荣摘评蝉授夺")
