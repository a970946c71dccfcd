"""Whether a sum offered for one kind of money is printed as another kind: asked what a project cost (投资, 花了多少钱),
its yearly output (实现年产值80亿元) is no answer, nor is an investment where output is asked, nor a sum done
(完成投资) where the sum planned (计划投资) is asked, or the other way. Entry point:
`other_money(q, text, span)`, one of qa.answer.decide's clashes; `unasked_money(q, text, span)` (a sum where no
money is asked); `kinds_asked` for follow-ups.

Why: 禹州恒大杭萧…产业园项目的总投资是多少 (unanswerable: the articles print its output only) was answered 80亿元 at
0.49 and 0.62 in two held-out sets; the question's 投资 is printed nowhere near, which the scorer's coverage weighs
as one missing word among several.
"""
from __future__ import annotations

import re

from qa.answer.question import Question

# Kinds of money: what a question says to ask for it, and what the articles print right before such a sum.
MONEY_KINDS = {
    "investment": (r"投资|投入|花了|花费|耗资|资金|造价|多少钱",   # 花了多少钱, 投入了多少资金
                   r"投资|投入|资金|耗资|造价"),
    "output": (r"产值|生产总值|GDP|经济总量",
               r"产值|生产总值"),
}
# Stages of one sum: planned (年度计划投资) or done (完成投资). 2022年百城提质项目的年度计划投资总额是多少 (unanswerable:
# …完成投资404.52亿元，占年度计划投资的72.26%) was answered 404.52亿元 at 0.93; the stage is read where it stands right
# before the kind of money, in the question and in the sum's label alike
MONEY_STAGES = {
    "planned": r"(?:计划|预计|拟)(?:总)?(?:投资|投入)",
    "done": r"(?:完成|实际)(?:总)?(?:投资|投入)",
}
# any word that asks for a sum of money, of a kind above or not (多少钱, 经费, 收入, 预算, 总额)
MONEY_ASKED = r"钱|元|投|经费|收入|预算|补贴|奖金|价|费|税|总额|金额|财政|营收|效益"   # 投 of 投了; the kinds' words apart
LABEL_REACH = 6           # characters before a sum where its label stands (累计完成投资|2701亿元, 实现年产值|80亿元)
SUM = re.compile(r"[0-9０-９.]+\s*[余多]?\s*(?:亿|万)?元")


def kinds_asked(question: str) -> set[str]:
    """The kinds of money the question's words ask for (投资 → investment)."""
    return {k for k, (said, _) in MONEY_KINDS.items() if re.search(said, question, re.I)}


def other_money(q: Question, text: str, span) -> bool:
    """Whether `span` is a sum of money whose label, right before it, names another kind of money than the one
    the question asks, which the label does not name."""
    if q.type != "number" or span is None or not SUM.search(text[span.start:span.end]):
        return False
    asked = kinds_asked(q.text)
    label = text[max(0, span.start - LABEL_REACH):span.start]
    printed = {k for k, (_, before) in MONEY_KINDS.items() if re.search(before, label)}
    if len(asked) == 1 and bool(printed) and not asked & printed:
        return True
    stage = {k for k, said in MONEY_STAGES.items() if re.search(said, q.text)}
    labelled = {k for k, said in MONEY_STAGES.items() if re.search(said, label)}
    return len(stage) == 1 and bool(labelled) and not stage & labelled


def unasked_money(q: Question, text: str, span) -> bool:
    """Whether `span` is a sum of money where the question asks for none: 那一年能生产多少构件 after a question of the
    same project's output (…可年产各类构件40万吨，实现年产值80亿元) was answered 80亿元 at 0.81 and 0.83 in two sets
    (qa.answer.decide judges such a follow-up by its own words: 产值 of the previous turn asked that one, not this)."""
    if q.type != "number" or span is None or not SUM.search(text[span.start:span.end]):
        return False
    return not kinds_asked(q.text) and not re.search(MONEY_ASKED, q.text, re.I)
