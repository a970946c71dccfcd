"""What a term the question asks about stands for, where the article prints it in brackets right after the term:
"一线三边"（乡镇公路干线、乡镇政府所在地周边、乡镇主要街道及其周边）for “一线三边”指的是什么 (answered with the whole
sentence, the bracket inside it). Entry point: `defined(question, sentence)`, a span of the sentence or None.
"""
from __future__ import annotations

import re

from qa.answer.understand import QUOTED
from qa.models import Span

# How a question asks what a term means or stands for (指的是什么, 是啥意思, 具体指哪些)
MEANING_ASKED = re.compile(r"(?:指的是|是指|指|代表的是|代表)(?:什么|啥|哪些|哪几[个项方面]*)|(?:是|是个)?(?:什么|啥)意思"
                           r"|具体(?:是|指)(?:什么|啥|哪些)")
# the term: quoted in the question (understand.QUOTED), else the words right before what is asked (…里说的一线三边指的是什么)
BEFORE_ASKED = re.compile(r"([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(?:到底|究竟|具体)?$")
BRACKET_CHARS = (2, 80)   # what a bracket may hold to be a meaning: a few words up to a list of items


def _term(question: str) -> str | None:
    asked = MEANING_ASKED.search(question)
    if asked is None:
        return None
    quoted = QUOTED.findall(question[:asked.start()])
    if quoted:
        return quoted[-1]
    head = re.split(r"[，,。？?的说里中]", question[:asked.start()])[-1]
    m = BEFORE_ASKED.search(head)
    return m.group(1) if m else None


def defined(question: str, sentence: str) -> Span | None:
    """The bracket printed right after the term the question asks the meaning of, as a span of `sentence`."""
    term = _term(question)
    if term is None:
        return None
    for m in re.finditer(re.escape(term) + r"[”\"」』]?\s*[（(]([^（）()]+)[）)]", sentence):
        inner = m.group(1).strip()
        if BRACKET_CHARS[0] <= len(inner) <= BRACKET_CHARS[1]:
            start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
            return Span(start, start + len(inner), inner, "open", "bracket")
    return None
