"""How well a span's form fits what the question asks: its measure word, the scope of a rank,
the office a name holds, a list's length and items, how a title is named. A factor in 0–1 that
multiplies the candidate's score (qa.answer.rule_candidates). Entry point: `fit`.
"""
from __future__ import annotations

import re

from qa.answer.lists import list_items
from qa.answer.match import Terms, matches
from qa.answer.names import OFFICE, ROLE_WORDS, SURNAMES
from qa.answer.question import SCOPE_WORD, Question, scopes_named
from qa.answer.spans import unit_of
from qa.answer.weights import (DEPUTY_ROLE, LIST_COUNT_OFF, LIST_NOT_NAMES, LIST_OF_RANKS, LIST_UNQUOTED,
                               OTHER_QUANTITY, OTHER_RANK_SCOPE, OTHER_RANK_UNIT, PERCENT_FOR_COUNT, PERIOD_START,
                               RANGE_PREFIX, RANK_SCOPES, TITLE_UNASKED_NOUN, TITLE_UNQUOTED, TITLE_VERB_UNASKED,
                               UNIT_RANK_MAX, UNIT_RANK_STEP)
from qa.models import Span



# Characters before a rank where the scope it ranks in stands, within its clause: 以全国地级市第四名、全省参评城市第一名
# ranks 第四名 in 全国 and 第一名 in 全省 (在河南参评的城市里排第几 had been answered 第四 at 0.87)
SCOPE_REACH = 12


def scope_before(text: str, start: int) -> str | None:
    """The scope (国, 省, 市) a rank at `start` is counted in when its clause names one before it."""
    clause = re.split(r"[，。；：、,;:！？!?]", re.sub(r"\s", "", text[max(0, start - SCOPE_REACH):start]))[-1]
    named = list(SCOPE_WORD.finditer(clause))
    return RANK_SCOPES[named[-1].group(0)] if named else None


def fit(q: Question, span: Span, terms: Terms, text: str) -> float:
    """How well the span's form fits the question: measure words, list length, naming verb."""
    if span.kind == "number" and q.units:
        unit = unit_of(span)
        if unit in q.units or any(unit.endswith(u) for u in q.units):
            # the printed measure word first (次 before 届); 前五届 / 后三年 bound a range, not a count
            rank = next(i for i, u in enumerate(q.units) if unit == u or unit.endswith(u)) if q.unit else 0
            return (1.0 - UNIT_RANK_STEP * min(rank, UNIT_RANK_MAX)) * (
                RANGE_PREFIX if text[span.start - 1 : span.start] == "前" else 1.0
            )
        return OTHER_QUANTITY
    if span.kind == "date" and text[span.end : span.end + 2] == "以来" and not re.search(r"以来|开始|起|从", q.text):
        return PERIOD_START
    if span.kind == "percent" and q.type == "number":
        return 1.0 if re.search(r"率|占|增长|提高|下降|比例", q.text) else PERCENT_FOR_COUNT
    if span.kind == "rank":
        asked = scopes_named(q.text)
        found = next((v for k, v in RANK_SCOPES.items() if span.text.startswith(k)), None) or scope_before(text, span.start)
        scope = OTHER_RANK_SCOPE if asked and found and found not in asked else 1.0
        return scope * (1.0 if not q.unit or span.text.endswith(q.unit) else OTHER_RANK_UNIT)
    if span.kind == "person":
        titles = re.split(r"[，。；：,;:]", text[: span.start])[-1]  # 市委宣传部副部长、市创文办常务副主任|刘少林
        roles = [w for w in ROLE_WORDS if w in q.text and "副" + w not in q.text]
        if (
            roles
            and all("副" + w in titles and w not in titles.replace("副" + w, "") for w in roles if w in titles)
            and any(w in titles for w in roles)
        ):
            return DEPUTY_ROLE
        return 1.0
    if span.kind == "list":
        items = list_items(span.text)
        fit = 1.0 if not q.count or len(items) == q.count else LIST_COUNT_OFF
        quoted = re.findall(r"[“\"‘]([^”\"’]{1,8})[”\"’]", q.text)
        if quoted and not all(any(w in i for w in quoted) for i in items):
            fit *= LIST_UNQUOTED
        if q.unit and q.unit in "位名人":  # 哪几位领导: a list of names
            fit *= 1.0 if all(2 <= len(i) <= 3 and i[0] in SURNAMES for i in items) else LIST_NOT_NAMES
        if re.search(r"称号|荣誉", q.text) and all(re.search(r"第[一二三四五六七八九十\d]", i) for i in items):
            fit *= LIST_OF_RANKS
        return fit
    if span.kind == "title":
        if span.value == "quoted":
            noun = re.search(r"什么([\u4e00-\u9fff]{1,2})", q.text)
            return (
                1.0
                if noun is None or noun.group(1) in q.text and noun.group(1)[0] in "品称主口理名条"
                else TITLE_UNASKED_NOUN
            )
        if span.value == OFFICE:  # the office printed with the person the question names
            return 1.0
        if span.value:  # named by a verb: 争创|全国文明典范城市
            return 1.0 if any(matches(t, str(span.value)) for t in terms.words) else TITLE_VERB_UNASKED
        return TITLE_UNQUOTED
    return 1.0
