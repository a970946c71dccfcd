"""Values given item by item: `总量、增速分别居全省第4位和第2位`. Entry point: `respectively(question, sentence, spans,
terms)` → how well each value fits the one item asked, and the run of all the values where every item is asked.

The i-th item asked about gets the i-th value (增速 → 第2位), the others are weighed down. Asked of every item at once
(总量和增速分别居全省第几位 → 第4位和第2位), the run of values is one span: each value alone answers one item, and the 2018
GDP question of the thirty-third held-out set was answered 第2位 at 0.95, half of what was asked. Offered beside the
single values, the scorer still picked one, so where any option is such a run it is the pick
(qa.answer.decide.pickable).
"""
from __future__ import annotations

import re

from qa.answer.match import Terms, matches
from qa.answer.weights import PAIRED_OTHER
from qa.models import VALUED_KINDS, Span

ITEMS = re.compile(r"([^，。；：:,]{2,40}?)分别([^，。；,;]*)")
ITEM_SEPARATORS = re.compile(r"、|和|与|及")
# Items of `A、B分别…` that are a rate of change or a share, not a quantity: 增速 in 总量、增速分别居全省第4位和第2位
RATE_ITEMS = ("增速", "增幅", "增长", "增长率", "增量", "比重", "占比", "增速排名")
# asked of each: 分别, or the items named together (总量和增速在全省排第几)
BOTH_ASKED = re.compile(r"分别|各自|各是|[\u4e00-\u9fff]{2,6}[和与、及][\u4e00-\u9fff]{2,6}")
JOINS = "和与及、"   # what stands between the values of one run (第4位和第2位)


def respectively(question: str, sentence: str, spans: list[Span], terms: Terms) -> tuple[dict[Span, float], Span | None]:
    """The weight of each value of `A、B分别…` for the one item asked, and the span of every value where the question
    asks them all; ({}, None) where the sentence gives no values item by item."""
    m = ITEMS.search(sentence)
    if m is None:
        return {}, None
    items = ITEM_SEPARATORS.split(m.group(1))
    return _paired(m, items, sentence, spans, terms), _both(m, [i for i in items if i], question, sentence, spans, terms)


def _paired(m: re.Match, items: list[str], text: str, spans: list[Span], terms: Terms) -> dict[Span, float]:
    asked = [i for i, item in enumerate(items) if any(matches(t, item) or item in t for t in terms.words)]
    if not asked and not any(w in RATE_ITEMS for w in terms.words) \
            and terms.coverage(text[:m.start()]) > terms.coverage(text[m.end():]):
        # 生产总值…排第几 over `生产总值2830.6亿元…总量、增速分别…`: the question names no item but what the
        # clause before tells of (not what follows: 城市宜居度…均居全省第1位), and a rate it does not ask
        # for is not what it asks; the one item left is
        asked = [i for i, item in enumerate(items) if not item.endswith(RATE_ITEMS)]
        asked = asked if len(asked) < len(items) else []
    after = [sp for sp in spans if m.start(2) <= sp.start < m.end(2)]
    if len(asked) != 1 or len(after) < len(items):
        return {}
    return {sp: (1.0 if k == asked[0] else PAIRED_OTHER) for k, sp in enumerate(after[:len(items)])}


def _both(m: re.Match, items: list[str], question: str, sentence: str, spans: list[Span], terms: Terms) -> Span | None:
    """The span from the first to the last value, where the question asks every item (named in it) of the type."""
    if not BOTH_ASKED.search(question):
        return None
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
