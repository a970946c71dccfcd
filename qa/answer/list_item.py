"""One item of the list the previous turn was answered with, asked by its place (第二个是啥, 其中第三个是什么, 第三条是
什么 after 五大创建活动包括什么). Entry point: `nth_item(r, text)` → the decided reading of the previous turn narrowed to
that item, or None.

Why: such a turn names nothing of its own, so read alone or with the previous question's words it was refused or
answered with another sentence (four held-out sets, 0.00–0.68); the item is a span of the very list the previous
answer cites, so it keeps its offsets and the previous answer's confidence.
"""
from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.decide import Considered, Looked
from qa.answer.numbers import to_number
from qa.models import Span

# 第二个是啥 / 其中第三个是什么 / 第三条呢: an item by its place, nothing else named (a measure word and up to 4 characters
# of the list's noun: 第三个维度是什么); not a rank, a time or a session (第二名, 第二次, 第二届)
ITEM_ASKED = re.compile(r"^(?:那|那么)?(?:其中)?(?:的)?第([一二三四五六七八九十\d]{1,2})(?![名次届回年天号期批轮位])"
                        r"(?:个|项|条|样|种|家|所|点)?"
                        r"[\u4e00-\u9fff]{0,4}?(?:是什么|是啥|是哪个|是哪一?项|叫什么|叫啥|呢)?[？?。！!\s]*$")


def asked_place(text: str) -> int | None:
    """The place (1-based) of the item `text` asks for, or None."""
    m = ITEM_ASKED.match(text.strip())
    value = to_number(m.group(1)) if m else None
    return int(value) if value else None


def nth_item(r: Considered, text: str) -> Considered | None:
    """`r` (the previous turn's reading) with its answer narrowed to the item `text` asks for, where that answer is a
    list holding so many items; None otherwise."""
    n = asked_place(text)
    o = r.chosen
    if n is None or o is None or o.span is None or r.looked.best is None:
        return None
    items = _items(o.span.text)
    if len(items) < max(n, 2):
        return None
    a, b = items[n - 1]
    span = Span(o.span.start + a, o.span.start + b, o.span.text[a:b], "list")
    k = r.looked.best
    looked = Looked(r.looked.model, (replace(o, span=span),), (r.looked.rows[k],), (r.looked.scores[k],),
                    (r.looked.ranks[k],), (True,))
    # shown as read: the previous question and the place asked (not the previous question alone)
    understood = replace(r.understood, text=f"{r.understood.text}（第{n}项）")
    return replace(r, understood=understood, full=looked if r.full is not None else None,
                   rules=looked if r.full is None else r.rules)


def _items(text: str) -> list[tuple[int, int]]:
    """(start, end) of each item of a list answer: split at 、, and the last piece at 和 / 及 / 与 (A、B和C)."""
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^、]+", text)]
    if pieces and (joined := re.search(r"和|及|与", text[pieces[-1][0]:pieces[-1][1]])):
        a, b = pieces.pop()
        pieces += [(a, a + joined.start()), (a + joined.end(), b)]
    return [(a, b) for a, b in pieces if b - a >= 2]
