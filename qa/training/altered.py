"""Hard unanswerable questions made by changing one fact an answerable question names: a year, an
ordinal (第二次 → 第五次) or a city, each to one that appears nowhere in the corpus. Entry point:
`altered_lines(lines, corpus_text)`.

Why: the real unanswerable questions that got confident answers ask about a year, an occurrence or
a place the articles do not cover, in the articles' own words (许昌2019年的生产总值 when only
another year's is printed; 第四次 of three awards). The features that see this (numbers_missing,
names_missing, event_found) had too few such cases to learn from: the cross-corpus negatives are
about something else altogether, and the withheld-article ones lack the whole topic. A question
whose changed fact the corpus never mentions cannot be answered from it, by construction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
YEAR_REACH = 30          # years tried on each side, nearest first: a near year keeps the question plausible
NUMERALS = "一二三四五六七八九十"
ORDINAL = re.compile(r"([第前])([一二三四五六七八九十]|\d)([次届批])")
# Prefecture-level cities of Henan, the province of every seed article: a swapped city keeps the
# question in the articles' world. Tried in this order; the first the corpus never names is used.
CITIES = ("信阳", "周口", "驻马店", "商丘", "南阳", "三门峡", "漯河", "鹤壁", "安阳", "济源", "焦作", "新乡",
          "平顶山", "开封", "洛阳", "濮阳", "郑州", "许昌")


@dataclass(frozen=True)
class Alteration:
    kind: str
    change: Callable[[str, str], str | None]   # (question, corpus text) → the changed question, or None
    why: str


def _year(question: str, corpus: str) -> str | None:
    m = YEAR.search(question)
    if not m:
        return None
    year = int(m.group(1))
    for step in range(1, YEAR_REACH + 1):
        for other in (year + step, year - step):
            if str(other) not in corpus:
                return question[:m.start(1)] + str(other) + question[m.end(1):]
    return None


def _ordinal(question: str, corpus: str) -> str | None:
    m = ORDINAL.search(question)
    if not m:
        return None
    head, number, tail = m.groups()
    n = int(number) if number.isdigit() else NUMERALS.index(number) + 1
    for other in range(n + 2, 10):   # two on or more: the next one is often only announced
        word = NUMERALS[other - 1] if not number.isdigit() else str(other)
        if f"第{word}{tail}" not in corpus and f"前{word}{tail}" not in corpus:
            return question[:m.start()] + head + word + tail + question[m.end():]
    return None


def _city(question: str, corpus: str) -> str | None:
    named = next((c for c in CITIES if c in question and c in corpus), None)
    unknown = next((c for c in CITIES if c not in corpus), None)
    if named is None or unknown is None:
        return None
    return question.replace(named, unknown, 1)


ALTERATIONS = (
    Alteration("year", _year, "a year the articles never print: what they say of other years does not answer it"),
    Alteration("ordinal", _ordinal, "an occurrence the articles do not know of (第五次 when they tell of three)"),
    Alteration("city", _city, "a city the articles never name: the facts they give are another city's"),
)


def altered_lines(lines: list[dict], corpus_text: str, kinds: tuple[str, ...] | None = None) -> list[dict]:
    """One unanswerable gold line per alteration (of `kinds`, default all) that applies to each
    answerable question that is not a follow-up; ids are the original's with `~kind`."""
    asked = {line["question"] for line in lines}
    out = []
    for line in lines:
        if not line.get("answerable", True) or line.get("after"):
            continue
        for a in ALTERATIONS:
            if kinds is not None and a.kind not in kinds:
                continue
            changed = a.change(line["question"], corpus_text)
            if changed and changed not in asked:
                asked.add(changed)
                out.append({"id": f"{line['id']}~{a.kind}", "question": changed, "answers": [], "docs": [],
                            "answerable": False, **({"type": line["type"]} if line.get("type") else {})})
    return out
