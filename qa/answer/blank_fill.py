"""A blank question's answer cut to what fills the blank (2006年，许昌提出开展创建全国文明城市、国家卫生城市、（ ）、
国家环保模范城市工作 → 国家森林城市). Entry point: `fill(shown, option)`.

The words a quiz prints around its blank are the article's own, so where the chosen answer holds them on both sides of
a run (or on one side, up to the clause's end) the run is what the blank asks. Without this the quiz sheet of the
forty-seventh held-out set was answered with the whole sentence or the phrase after the blank (中部地区和第四届全国文明城市
的唯一代表).
"""
from __future__ import annotations

import re
from dataclasses import replace

from qa.answer.options import Option
from qa.answer.pasted import ASKED_BLANK, MARKED
from qa.models import VALUED_KINDS, Span

CONTEXT_MIN, CONTEXT_MAX = 2, 10   # characters of the quiz's words that must stand beside the run, and the most tried
FILL_MAX = 30                      # a blank holds a value, a name or a short phrase, not a clause
STOPS = "，,。；;：:！!？?、"        # a run the blank holds ends at the clause (or list item) it stands in


def fill(shown: str, option: Option | None) -> Option | None:
    """`option` with its span narrowed to what fills the asked blank of `shown`; as it was when `shown` has no blank
    or the words around the blank are not found in it."""
    if option is None or ASKED_BLANK not in shown or option.span is not None and option.span.kind in VALUED_KINDS:
        return option   # a typed value stays whole: 第（ ）名 asks 第四名, not its 四
    at = shown.index(ASKED_BLANK)
    before = _bare(MARKED.sub("", shown[:at]))
    after = _bare(MARKED.sub("", shown[at + len(ASKED_BLANK):]))
    text = option.sentence.text
    lo, hi = (option.span.start, option.span.end) if option.span else (0, len(text))
    found = _between(text, before, after)
    if found is None or found == (lo, hi) or not lo <= found[0] < found[1] <= hi:
        return option
    a, b = found
    kind = option.span.kind if option.span else "open"
    return replace(option, span=Span(a, b, text[a:b], kind))


def _between(text: str, before: str, after: str) -> tuple[int, int] | None:
    """The run of `text` between the longest end of `before` and the longest start of `after` found there."""
    lo, hi = 0, len(text)
    left = _longest(text, lo, hi, [before[-n:] for n in range(min(CONTEXT_MAX, len(before)), CONTEXT_MIN - 1, -1)])
    start = left[1] if left else None
    rights = [after[:n] for n in range(min(CONTEXT_MAX, len(after)), CONTEXT_MIN - 1, -1)]
    right = _longest(text, start if start is not None else lo, hi, rights)
    end = right[0] if right else None
    if start is None:   # only the words after it: back to the clause's start
        if end is None:
            return None
        start = max((k + 1 for k in range(lo, end) if text[k] in STOPS), default=lo)
    if end is None:     # only the words before it: on to the clause's end
        if after[:1] not in STOPS and after:
            return None
        end = next((k for k in range(start, hi) if text[k] in STOPS), hi)
    if not 0 < end - start <= FILL_MAX or any(ch in "。；;！!？?" for ch in text[start:end]):
        return None
    return start, end


def _longest(text: str, lo: int, hi: int, needles: list[str]) -> tuple[int, int] | None:
    """Where the first of `needles` (longest first) found in text[lo:hi] stands."""
    for n in needles:
        k = text.find(n, lo, hi)
        if k >= 0:
            return k, k + len(n)
    return None


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)
