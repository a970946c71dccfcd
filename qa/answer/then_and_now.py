"""A sentence that sets the past against the present (一个问题从发现到结案，只要一个半小时，过去靠人工，要2至3天):
a value told of the past answers a question about the past (以前靠人工要多久), the other one a question about now.
Entry point: `then_and_now(question, text, span)`, a candidate clash (qa.answer.decide reads a follow-up's
own words for the time asked: 那以前靠人工的时候呢 is put before the previous question, which says 现在).

Why: 王磊说以前靠人工的时候，一个问题从发现到结案要多久 was answered 一个半小时 at 0.94 (高, wrong), its clause
nearest to 发现 and 结案. Every one of the 17 gold questions (all sets) whose evidence tells both has its answer on
the side this reads as asked; they all ask of one sentence of the seed corpus, so the rule is measured narrowly.
"""
from __future__ import annotations

import re

from qa.answer.typed_span import TYPED

# the past and the present as the articles tell them (match.SYNONYMS holds the same past words as one class)
PAST = re.compile(r"过去|以前|之前|从前|原来|此前|以往|昔日")
NOW = re.compile(r"现在|如今|目前|现今|当前|而今")
VALUE = re.compile(r"[0-9０-９一两二三四五六七八九十百千万半]")


def then_and_now(q, text: str, span) -> bool:
    """Whether `span` is told of the past where the question asks the present, or the other way round, in a
    sentence telling both (a value on either side of its past word)."""
    if q.type not in TYPED or span is None:
        return False
    past = PAST.search(text)
    if past is None or not VALUE.search(text, 0, past.start()) or not VALUE.search(text, past.end()):
        return False
    now = NOW.search(text, past.end())
    told_past = past.start() <= span.start < (now.start() if now else len(text))
    return told_past != asks_past(q.text)


def tells_time(words: str) -> bool:
    """Whether `words` (a follow-up's own: 那以前靠人工的时候呢, 那现在呢) say the past or the present."""
    return bool(PAST.search(words) or NOW.search(words))


def asks_past(question: str) -> bool:
    """Whether the question asks of the past: a past word with no present word after it (过去人工处理得两三天，
    现在…要多长时间 asks the present)."""
    said = list(PAST.finditer(question))
    return bool(said) and not NOW.search(question, said[-1].end())
