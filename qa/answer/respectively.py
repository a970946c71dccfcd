"""Values asked of every item of `A、B分别…` at once (总量和增速分别居全省第几位 → 第4位和第2位): the run of values the
sentence gives them, as one span. Entry point: `respectively_both(question, sentence, spans, terms)`.

Why: each value alone answers one item (qa.answer.rule_candidates pairs an item asked with its value); asked of both,
the 2018 GDP question of the thirty-third held-out set was answered 第2位 at 0.95, half of what was asked. Offered
beside the single values, the scorer still picked one, so where any option is such a run it is the pick
(qa.answer.decide.pickable).
"""
from __future__ import annotations

import re

from qa.answer.match import Terms, matches
from qa.models import VALUED_KINDS, Span

ITEMS = re.compile(r"([^，。；：:,]{2,40}?)分别([^，。；,;]*)")
# asked of each: 分别, or the items named together (总量和增速在全省排第几)
BOTH_ASKED = re.compile(r"分别|各自|各是|[\u4e00-\u9fff]{2,6}[和与、及][\u4e00-\u9fff]{2,6}")
JOINS = "和与及、"   # what stands between the values of one run (第4位和第2位)


def respectively_both(question: str, sentence: str, spans: list[Span], terms: Terms) -> Span | None:
    """The span from the first to the last value `A、B分别…` gives, where the question asks 分别 of each item it names;
    None otherwise."""
    m = ITEMS.search(sentence)
    if m is None or not BOTH_ASKED.search(question):
        return None
    items = [i for i in re.split(r"、|和|与|及", m.group(1)) if i]
    asked = [i for i in items if any(matches(t, i) or i in t for t in terms.words) and i in question]
    values = sorted((sp for sp in spans if m.start(2) <= sp.start < m.end(2) and sp.kind in VALUED_KINDS),
                    key=lambda sp: sp.start)[:len(items)]
    if len(items) < 2 or len(asked) < len(items) or len(values) < len(items) or len({v.kind for v in values}) != 1:
        return None
    between = [sentence[a.end:b.start] for a, b in zip(values, values[1:])]
    if any(len(gap) > 1 or (gap and gap not in JOINS) for gap in between):
        return None
    a, b = values[0].start, values[-1].end
    return Span(a, b, sentence[a:b], "respectively", values[0].kind)   # no one value: answer_value stays null
