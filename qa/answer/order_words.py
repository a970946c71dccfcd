"""Which of several dated events a clause says it is: 首次 (the first) or 再次 / 蝉联 / 复查 (a later
one), and whether that fits the order a question asks for; and whether a sentence tells another session of a
series than the one asked (第一届全国文明校园 for 第二届…). Entry points: `order_clash(question, text, span)`,
`session_clash(question, text, span)`.
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


SESSION = re.compile(r"第([一二三四五六七八九十\d]+)([届批])[“\"]?([\u4e00-\u9fff]{2})")   # 第二届全国…: its number and noun


def session_clash(q: Question, text: str, span) -> bool:
    """Whether the sentence names another session of the series the question names (第一届全国文明校园 for 第二届全国
    文明校园…有哪些学校) and never the one asked. Every answerable question of the gold sets naming a 第N届 or 第N批
    has it printed in its evidence; 第二届全国文明校园许昌有哪些学校入选？ (unanswerable) had the first's schools at 0.78."""
    # the session asked is the last one named (第一届是毓秀路小学它们，那第二届…有哪所学校: the first is what the asker
    # knows; read as the session asked, 许昌市文化街小学 was answered at 0.72), of any series the question names
    named = list(SESSION.finditer(q.text))
    if not named or span is None:
        return False
    asked = {(m.group(2), m.group(3)): m.group(1) for m in named}   # each series' last number named
    same = [m for m in SESSION.finditer(text) if (m.group(2), m.group(3)) in asked]
    return bool(same) and all(m.group(1) != asked[(m.group(2), m.group(3))] for m in same)
