"""Which of several dated events a clause says it is: 首次 (the first) or 再次 / 蝉联 / 复查 (a later
one), and whether that fits the order a question asks for. Entry point: `order_clash(question, text, span)`.
"""
from __future__ import annotations

import re

from qa.answer.question import Question

FIRST_WORDS = re.compile(r"首次|第一次|第一届|首届|首批|第一批|首个|首度")
AGAIN_WORDS = re.compile(r"再次|再度|蝉联|连续|复查|三连冠|连冠|第二次|第三次|又一次")
CLAUSE_MARKS = "，,；;。"   # a clause ends at these: 继2016年首次获评之后，第二次获得… is two clauses


def said_order(text: str, span) -> tuple[bool, bool]:
    """Whether the clause holding `span` in `text` says first, and whether it says a later time."""
    a, b = _clause(text, span)
    return bool(FIRST_WORDS.search(text[a:b])), bool(AGAIN_WORDS.search(text[a:b]))


def agreement_of(q: Question, first: bool, again: bool) -> int:
    """+1 / −1 / 0: whether a clause's 首次 or 再次 fits the event the question asks for."""
    wants_first = q.qualifier == "first" or (q.qualifier == "nth" and q.nth == 1)
    said = 1 if first and not again else -1 if again and not first else 0  # 1: says first, −1: says later
    return said if wants_first else -said


def order_clash(q: Question, text: str, span) -> bool:
    """Whether a span's own clause says the other order than the dated qualifier asked (首次 where
    第二次 or 最近 is asked, 再次/复查 where 首次 is): the feature `qualifier_clause` −1."""
    return bool(q.dated_event) and span is not None and agreement_of(q, *said_order(text, span)) == -1


def _clause(text: str, span) -> tuple[int, int]:
    a = max(text.rfind(p, 0, span.start) for p in CLAUSE_MARKS) + 1
    ends = [i for i in (text.find(p, span.end) for p in CLAUSE_MARKS) if i >= 0]
    return a, min(ends or [len(text)])
