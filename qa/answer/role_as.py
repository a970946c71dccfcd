"""The capacity in which someone acted, as printed after 作为 (许昌是以什么身份在会上发言的 → 中部地区和第四届全国文明城市的
唯一代表, of 许昌作为中部地区和第四届全国文明城市的唯一代表，在…交流会上作典型发言). Entry point: `role_as(question,
sentence)`, a span of the sentence or None; its value is qa.answer.kind_made's `KIND`, the pick where any option is one.

Why: read as an open question, the whole sentence was answered (0.63) and the bare one refused (the thirty-ninth held-out
set, an editor); what is asked is the phrase 作为 introduces, up to the end of its clause.
"""
from __future__ import annotations

import re

from qa.answer.kind_made import KIND
from qa.models import Span

ASKED = re.compile(r"以(?:什么|啥|何种|哪种)(?:样的)?身份|作为(?:什么|啥)")
# 作为 and what follows up to its clause's end (a comma) or the verb phrase that goes on (在…作典型发言)
ROLE = re.compile(r"作为([^，,。；;：:！？!?]{2,30}?)(?=[，,。；;]|在)")


def role_as(question: str, sentence: str) -> Span | None:
    """The phrase after 作为 in `sentence` where `question` asks in what capacity, as a span."""
    if not ASKED.search(question) or (m := ROLE.search(sentence)) is None:
        return None
    return Span(m.start(1), m.end(1), m.group(1), "open", KIND)
