"""The question's own words in a typed span: a span the question already says is no answer (`echoes`), and a name or
title starts after the words of the question that lead it (`trim_echo`). Entry points: `echoes(span, question)`,
`trim_echo(span, terms, text, question)`; used by qa.answer.rule_candidates.
"""
from __future__ import annotations

import re

from qa.answer.match import Terms, occurrences
from qa.answer.names import OFFICE
from qa.models import Span

DENIED = re.compile(r"不是([^，,。？?]{2,20}?)(?:吧|吗|呀|啊)?[，,]")
ECHO_GLUE = "的了是由在和与及对"   # function characters between the question's words and the name they lead
ECHO_AFTER = "的了是由在对"       # ...that end the question's words (和 与 及 also join a name's own parts: 城市与生态文明研究所)


def echoes(span: Span, question: str) -> bool:
    """The question already says it: not an answer."""
    core = span.text.strip("“”\"《》")
    return len(core) >= 2 and core in question


def trim_echo(span: Span, terms: Terms, text: str, question: str = "") -> Span | None:
    """Names and titles start after the question's own words: 市文明办委托|国家统计局许昌调查队 (an office keeps
    them: 市创文办 of 市创文办常务副主任 is what the question says of the person). A question word counts as
    the question's own where it leads the span, touches another question word or is followed by a function
    character (的, 是); a lone one inside the name is the name's (许昌 of 国家统计局许昌调查队: cut there, by the
    term's length where the shorter variant matched, the span was 查队)."""
    if span.kind not in ("org", "title") or span.value in ("quoted", OFFICE):
        return span
    # one character (市, 县) is too little to be the question's own words: it starts names (市委宣传部). A
    # follow-up's own words are what it adds: the topic it took from the previous turn (全国文明城市 of 那长葛市的
    # 目标是什么？) may start the answer (全国文明城市提名城市 had been cut to 提名城市, answered at 0.93)
    # nor the words of a guess the asker denies (不是创成全国文明城市吧，那是要创成什么: 提名城市 at 0.95)
    denied = DENIED.search(question)
    own_words = [w for w in terms.focus or terms.words if not (denied and w in denied.group(1))]
    found = [(p, end) for w in own_words if len(w) >= 2 for p, end in occurrences(w, text)
             if span.start <= p and end <= span.end - 2]
    starts, ends = {p for p, _ in found}, {end for _, end in found}
    own = [end for p, end in found
           if p == span.start or p in ends or end in starts or (end < len(text) and text[end] in ECHO_AFTER)]
    cut = max(own, default=span.start)
    while cut < span.end and text[cut] in ECHO_GLUE:
        cut += 1
    if span.end - cut < 2:
        return None
    return span if cut == span.start else Span(cut, span.end, text[cut:span.end], span.kind, span.value)
