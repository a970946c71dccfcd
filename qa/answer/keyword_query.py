"""A search-box query: it names what it wants by its last word, with no question word (许昌 城镇燃气普及率, 许昌 2018年
生产总值: typed open, each was answered with the whole sentence; a city portal's widget gets such queries).
Entry point: `keyword_type(text)`, used by qa.answer.question when no question pattern matches.
"""
from __future__ import annotations

import re

KEYWORD_HEADS: tuple[tuple[str, str], ...] = (
    ("percent", r"(?:率|比例|占比|比重)"),
    ("date", r"(?:时间|日期|年份|哪年)"),
    ("number", r"(?:数量|数目|总数|人数|户数|个数|总值|金额|资金|投资|投资额|产值|总量|面积|长度|总长|时长|规模)"),
    ("title", r"(?:目标|称号|名称|主题|口号|理念)"),
    ("person", r"(?:主任|书记|局长|市长|部长|主席|记者|作者)"),
)


def keyword_type(text: str) -> str:
    """The type a query without any question pattern asks by the word it ends with; "open" for none."""
    end = text.rstrip("？?。！! ")
    return next((name for name, head in KEYWORD_HEADS if re.search(head + "$", end)), "open")
