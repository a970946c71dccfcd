"""What kind of thing a doing makes or sets up, as printed after its verb (会上同时提出要构建什么样的创建格局 →
全域全国文明城市创建格局, of 构建全域全国文明城市创建格局). Entry point: `kind_made(question, sentence)`, a span of the
sentence or None; its value `KIND` makes it the pick where any option is one (qa.answer.decide.pickable).

Why: read as an open question, the whole sentence (0.44) was answered; what is asked is the thing the verb makes,
named with the question's own noun at its end. A question that asks what a term is (是一个什么样的工程) is read by
qa.answer.definition instead.
"""
from __future__ import annotations

import re

from qa.models import Span

KIND = "kind"
# a verb of two characters, 什么样的 and the noun the question ends with (构建什么样的创建格局, 打造什么样的品牌); not 什么
# alone: 还把什么贯穿其中 is no kind (its 把 read as the verb, the object ran on to 贯穿其中), nor CMRC's 提供什么服务
VERB_KIND = re.compile(r"([\u4e00-\u9fff]{2})(?:一个|一种|个)?什么样的?([\u4e00-\u9fff]{2,6})[？?。！!\s]*$")
NOT_A_VERB = ("就是", "算是", "属于", "叫做", "称为")   # 是什么样的 asks what a term is said to be (qa.answer.definition)
# what the verb and the noun may hold between them: a few words, no clause's end
BETWEEN = r"[^，,。；;：:！？!?]{1,20}?"


def kind_made(question: str, sentence: str) -> Span | None:
    """The thing `sentence` prints after the question's verb, up to and with the question's noun, as a span."""
    m = VERB_KIND.search(question)
    if m is None or m.group(1).endswith("是") or m.group(1) in NOT_A_VERB:
        return None
    verb, noun = m.groups()
    for p in re.finditer(re.escape(verb) + f"({BETWEEN}{re.escape(noun)})", sentence):
        start = p.start(1) + len(p.group(1)) - len(p.group(1).lstrip("“\""))
        return Span(start, p.end(1), sentence[start:p.end(1)], "open", KIND)
    return None
