"""What a thing is for: asked 许禹供热长输管线是干嘛用的 (or 有什么好处, 有什么用), the clause its sentence prints
after 能 / 可以 / 用于 answers it (…工程，不仅能给许昌市中心城区提供稳定可靠的高质量供热，节约能源，而且…: 给许昌市中心城区
提供稳定可靠的高质量供热). Entry point: `purpose(question, sentence)`, a span of the sentence or None; its value
`PURPOSE` makes it the pick where any option is one (qa.answer.decide.pickable).

Why: three held-out sets asked what the pipeline is for; the reader's 建设重大民生工程 (what it is) was answered at 0.74,
and the whole sentence at 0.71 and 0.60.

And why something is done (`reason(question, sentence)`, value `REASON`, asked 为什么要 / 为啥要…): the purpose printed
before the doing (为改善老旧小区的居住条件和生活品质，提升城市宜居水平，许昌市…实施了…), or the clause after 由于 / 因为.
Of twelve why-questions over the gold sets, nine were wrong: the whole sentence was answered (0.56–0.74), which its
accepted reason is a short part of.
"""
from __future__ import annotations

import re

from qa.models import Span

# how a question asks what a thing is for or what it brings
# (not 有什么作用: a role, which an encyclopedia tells in a whole sentence; 大果西番莲的根部有什么作用 lost its sentence
# to the clause after 可用来, read at 0.12)
PURPOSE_ASKED = re.compile(r"(?:是)?(?:干嘛|干啥|干什么|做什么|做啥|派什么|派啥)用|有(?:什么|啥)(?:用|用处|用途|好处)"
                           r"|用来(?:干|做)(?:什么|啥|嘛)")
# what a sentence prints before what its subject does for people: 能 / 能够 / 可以 / 用于 / 用来 / 旨在
# (能 of a word, 能源 / 功能 / 能力, is not one)
CAN = re.compile(r"(?:不仅|不但)?(?:能够|(?<![功性技职动体智效产节])能(?![源力量级耗效手])|可以|用于|用来|旨在)"
                 r"(?=[\u4e00-\u9fff])")
PURPOSE = "purpose"
# …or, with none, a named thing made and what it is made to do in the clause right after it (制定出台《许昌市文明行为
# 促进条例》，引导和推动全市上下树立文明观念…: 那它是干什么用的 was answered with the title, 0.73)
MADE_FOR = re.compile(r"》[，,]((?:引导|推动|促进|保障|规范|助力|方便|服务|满足)[^，,。；;！？!?]{4,40})")
CLAUSE = re.compile(r"[^，,。；;！？!?]{4,40}")


def purpose(question: str, sentence: str) -> Span | None:
    """The clause printed after the first 能 / 可以 / 用于 of `sentence`, where the question asks what a thing is for."""
    if PURPOSE_ASKED.search(question) is None:
        return None
    for m in CAN.finditer(sentence):
        clause = CLAUSE.match(sentence, m.end())
        if clause:
            return Span(clause.start(), clause.end(), clause.group(0), "open", PURPOSE)
    made = MADE_FOR.search(sentence)
    return Span(made.start(1), made.end(1), made.group(1), "open", PURPOSE) if made else None


# how a question asks why something is done (为什么要 / 为啥要搞; not 评为什么, what it was named)
DONE_FOR = re.compile(r"(?<![评成作称认定列选命视改])为(?:什么|啥|何)要")
REASON = "reason"
# 由于 / 因为 and the clause they open; 因为， opening a sentence answers the question before it to the sentence's end
BECAUSE = re.compile(r"(?:由于|因为)(?![，,])")
BECAUSE_ALONE = re.compile(r"^\s*因为[，,]\s*([^。；;！？!?]{4,40})")
# a purpose opening a sentence or clause (为改善…，提升…，许昌市…): its clauses up to the one where the doer or a time
# stands (许昌市, 我市, 今年)
FOR_PURPOSE = re.compile(r"(?:^|(?<=[，,。；;]))为了?(?=[\u4e00-\u9fff])")
DOER = re.compile(r"^(?:许昌|我市|全市|市委|市政府|各级|各地|我们|该|今年|去年|近年|目前|日前|当前|\d{4}年)")
PURPOSE_CHARS = 40


def reason(question: str, sentence: str) -> Span | None:
    """The reason or the purpose `sentence` prints for what the question asks why is done (为什么要…), as a span; None
    if it prints none, or the question asks why something is so (为什么…振奋, 为何被封为道员): offered as the only
    pick, its reasons (由于…) cost four CMRC answers and refused four more (0.40–0.83 → 0.08–0.15), for four seed
    answers gained."""
    if DONE_FOR.search(question) is None:
        return None
    alone = BECAUSE_ALONE.match(sentence)
    if alone:
        said = alone.group(1).rstrip("—…-－ ")   # 我们走得太不容易——: the dash leads to what follows, not the reason
        return Span(alone.start(1), alone.start(1) + len(said), said, "open", REASON)
    for m in BECAUSE.finditer(sentence):
        clause = CLAUSE.match(sentence, m.end())
        if clause:
            return Span(clause.start(), clause.end(), clause.group(0), "open", REASON)
    for m in FOR_PURPOSE.finditer(sentence):
        end, at = None, m.end()
        while at < len(sentence):
            clause = CLAUSE.match(sentence, at)
            if clause is None or DOER.match(clause.group(0)) or clause.end() - m.end() > PURPOSE_CHARS:
                break
            end, at = clause.end(), clause.end() + 1
            if clause.end() >= len(sentence) or sentence[clause.end()] not in "，,":
                break
        if end is not None and end < len(sentence) and sentence[end] in "，,":   # a doer follows: a purpose, not a goal
            return Span(m.end(), end, sentence[m.end():end], "open", REASON)
    return None
