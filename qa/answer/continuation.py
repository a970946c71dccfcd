"""The rest of a phrase the question quotes half of: 宣传“信以立业”，后面半句是什么 → 孝以修身 (printed 宣传“信以立业、孝以修身”);
“政府领唱”后面是啥 → 社会合唱 (“政府领唱、社会合唱”). Entry point: `continued(question, sentence)`, a span of the sentence
or None; its value `CONTINUED` makes it the pick where any option is one (qa.answer.decide.pickable).

Why: the question's words match the phrase's sentence, and the sentence was the answer (a student's homework sheet
asked two such, twenty-ninth session): the part asked is the item printed right after the quoted one, up to the next
mark.
"""
from __future__ import annotations

import re

from qa.answer.understand import QUOTED
from qa.models import Span

# how a question asks what comes next: 后面半句 / 下一句 / 后半句是什么 / 后面是啥 / 下句呢
NEXT_ASKED = re.compile(r"(?:后面|后边|后头|下一|下|后)(?:的)?(?:半句|一句|句|半|四个字|几个字)?(?:是|接的是|跟的是)?"
                        r"(?:什么|啥|哪句|哪几个字|呢)")
CONTINUED = "continued"
JOINS = "、，,；;和与及 "         # between the quoted part and the rest as printed
REST = re.compile(r"[^、，,；;。！？!?”\"」』（）()\s]{2,20}")   # the rest: up to the next mark or the closing quote


def continued(question: str, sentence: str) -> Span | None:
    """The item printed right after the quoted part the question asks the rest of, as a span of `sentence`."""
    asked = NEXT_ASKED.search(question)
    if asked is None:
        return None
    quoted = QUOTED.findall(question[:asked.start()])
    if not quoted or len(quoted[-1]) < 2:
        return None
    part = quoted[-1]
    for m in re.finditer(re.escape(part), sentence):
        if not _inside_quotes(sentence, m.start()):
            continue   # the question quotes a slogan: a headline's run-on 理念政府领唱,用生态… is not it
        at = m.end()
        while at < len(sentence) and sentence[at] in JOINS:
            at += 1
        if at == m.end() or at >= len(sentence):
            continue   # nothing joins it to a next item: the quote ends there (理念政府领唱 is another phrase)
        rest = REST.match(sentence, at)
        if rest:
            return Span(rest.start(), rest.end(), rest.group(0), "open", CONTINUED)
    return None


def _inside_quotes(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("“") > before.count("”") or before.count("\"") % 2 == 1
