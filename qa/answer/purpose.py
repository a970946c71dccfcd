"""What a thing is for: asked 许禹供热长输管线是干嘛用的 (or 有什么好处, 有什么用), the clause its sentence prints
after 能 / 可以 / 用于 answers it (…工程，不仅能给许昌市中心城区提供稳定可靠的高质量供热，节约能源，而且…: 给许昌市中心城区
提供稳定可靠的高质量供热). Entry point: `purpose(question, sentence)`, a span of the sentence or None; its value
`PURPOSE` makes it the pick where any option is one (qa.answer.decide.pickable).

Why: three held-out sets asked what the pipeline is for; the reader's 建设重大民生工程 (what it is) was answered at 0.74,
and the whole sentence at 0.71 and 0.60.
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
CLAUSE = re.compile(r"[^，,。；;！？!?]{4,40}")


def purpose(question: str, sentence: str) -> Span | None:
    """The clause printed after the first 能 / 可以 / 用于 of `sentence`, where the question asks what a thing is for."""
    if PURPOSE_ASKED.search(question) is None:
        return None
    for m in CAN.finditer(sentence):
        clause = CLAUSE.match(sentence, m.end())
        if clause:
            return Span(clause.start(), clause.end(), clause.group(0), "open", PURPOSE)
    return None
