"""A question as it was spoken, read as the articles write: a year said digit by digit in words (voice
input writes 二零一五年) as the digits the articles print, and Henan dialect forms as the Mandarin the
question patterns know. Entry point: `as_written(text, vocabulary)`.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from qa.answer.question import WH_WORD

VALUE = {c: k for k, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
DIGITS = "".join(VALUE)
# a year said digit by digit (二零一五年, 二〇二〇年底); 十 or 百 would make it a count (二十年), never matched
SPOKEN_YEAR = re.compile(rf"([{DIGITS}]{{4}})(?=年)")

# 嘞 closing a clause: after a question word it only closes it (是多少嘞 is 是多少: read as 呢, a whole question in a
# chat was taken for a follow-up and glued to the previous turn); with none it is 呢, a follow-up's (那长葛嘞: read
# with 嘞 kept, 长葛嘞 replaced nothing and the previous county's goal came back)
CLOSING = re.compile(r"嘞(?=[？?。！!，,]|$)")

# Henan dialect read as Mandarin, each with why (the fifteenth held-out set, people writing as they speak):
DIALECT = (
    # 嘞 inside a clause is 的 (俺家嘞房子)
    (re.compile(r"嘞"), "的"),
    # 弄啥 is 干啥; after 是 it asks what the thing is (目标是弄啥嘞: the whole sentence was answered, 0.34)
    (re.compile(r"是弄啥"), "是啥"),
    (re.compile(r"弄啥"), "干啥"),
    # 谁个 is 谁 (是谁个 asked no one the person patterns know)
    (re.compile(r"谁个"), "谁"),
)


def as_written(text: str, vocabulary: Mapping[str, int]) -> str:
    """`text` with spoken years as digits (where some passage prints that year) and dialect as Mandarin."""
    def year(m: re.Match[str]) -> str:
        digits = "".join(str(VALUE[c]) for c in m.group(1))
        return digits if vocabulary.get(digits) else m.group(1)
    text = SPOKEN_YEAR.sub(year, text)
    text = CLOSING.sub(lambda m: "" if WH_WORD.search(text, 0, m.start()) else "呢", text)
    for pattern, mandarin in DIALECT:
        text = pattern.sub(mandarin, text)
    return text
