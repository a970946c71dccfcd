"""The part of a sentence that one place of several has for its own (在县级层面，禹州市确保创成全国文明城市，长葛市确保创成
全国文明城市提名城市，鄢陵县、襄城县积极争创…): asked what 长葛市 is to do, the clause after its name. Entry point:
`own_clause(question, sentence)`, a span of the sentence or None; its value `OWN` makes it the pick where any option
is one (qa.answer.decide.pickable).

Why: 长葛市要确保实现什么 and 那长葛市呢 (after 禹州市要做到什么) were answered with the whole sentence (0.47) or
refused (0.15) in two held-out sets; the clause is what each place is given.
"""
from __future__ import annotations

import re

from qa.models import Span

# A county, a county-level city or a district as the articles print them (禹州市, 鄢陵县, 魏都区), not 城市, 全市, 我市
# nor a level (地级市): the places a sentence may give each their own part.
PLACE = re.compile(r"(?![哪那这每各几全我本该])[\u4e00-\u9fff]{2}[市县区](?<!城市)(?<!级市)(?<!城区)(?<!社区)(?<!小区)")
OWN = "own"
# what makes a "place" another word (文明市|场, 市|长, 市|民, 市|委): 文明市场 had been read as a place, and the rest of its
# list answered 市文明办委托哪一机构… (0.22)
NOT_A_PLACE = tuple("场长民委级政")
# the places named together (鄢陵县、襄城县积极争创…) share the clause after the last of them
# what the clause says: a few characters up to the clause's end
SAID = re.compile(r"[^，,；;。！？!?]{4,40}")


def own_clause(question: str, sentence: str) -> Span | None:
    """What the one place the question names of the several `sentence` opens clauses with is given, as a span."""
    opening = [m for m in PLACE.finditer(sentence) if (m.start() == 0 or sentence[m.start() - 1] in "，,；;：:、在")
               and not sentence.startswith(NOT_A_PLACE, m.end())]
    if len({m.group(0) for m in opening}) < 2:
        return None
    asked = [m for m in opening if m.group(0)[:2] in question]
    if len({m.group(0) for m in asked}) != 1:
        return None
    end = asked[0].end()
    while (more := re.match(r"、" + PLACE.pattern, sentence[end:])) is not None:
        end += more.end()
    said = SAID.match(sentence, end)
    return Span(said.start(), said.end(), said.group(0), "open", OWN) if said else None
