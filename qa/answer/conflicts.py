"""Disagreeing sources: other articles that give another value for the fact the answer states,
and the sentences that corroborate it. Entry points: `conflicts(q, chosen, found)`, `support(...)`."""
from __future__ import annotations

from qa.answer.events import date_key, distinct_values, governs, same_value
from qa.answer.lists import list_items
from qa.answer.spans import unit_of
from qa.answer.question import Question
from qa.answer.rule_candidates import Candidate
from qa.answer.weights import (CONFLICT_COVERAGE, CONFLICT_LIST_SHARED, CONFLICT_NEAR, CONFLICT_SCORE, EVENT_COVERAGE,
                               SUPPORT_COVERAGE)

MAX_CONFLICTS = 2
MAX_SUPPORT = 2


def conflicts(q: Question, chosen: Candidate, found: list[Candidate]) -> list[Candidate]:
    """Other values for the same fact from other articles, as well supported as the answer."""
    if chosen.span is None:
        return []
    if q.dated_event:
        year = _year(chosen.span)
        top = max(c.coverage for c in found)
        rivals = [c for c in found if c.span is not None and date_key(c.span.value) and c is not chosen
                  and _year(c.span) == year and c.coverage >= EVENT_COVERAGE * top and governs(c)
                  and not same_value(c.span, chosen.span) and _article(c) != _article(chosen)]
        return distinct_values(rivals)[:MAX_CONFLICTS]   # the same event dated differently elsewhere
    if q.type == "list" and chosen.span.kind == "list":
        return _other_lists(chosen, found)
    if q.type not in ("date", "number", "percent", "rank"):
        return []
    if q.type == "rank" and q.by_order:
        # a rank asked of one award by its order: another award's place (第三次 of 2020, 首批 of another title) is
        # another fact, and which sentences are that award's the decision has chosen (decide._event_sentences)
        return []
    rivals = [c for c in found
              if c is not chosen and c.span is not None and _article(c) != _article(chosen) and _close(c, chosen)
              and not same_value(c.span, chosen.span)
              # 前五届 and 三连冠 count different things: not a disagreement
              and not (c.span.kind == "number" and unit_of(c.span) != unit_of(chosen.span))]
    return distinct_values(rivals)[:MAX_CONFLICTS]


def _other_lists(chosen: Candidate, found: list[Candidate]) -> list[Candidate]:
    """Lists of other articles, as well supported, that tell the same enumeration with other items: as
    many items, most of them shared (决策、激励、推进、宣教、监督 against 决策、推进、宣教、监督、奖惩)."""
    assert chosen.span is not None
    mine = list_items(chosen.span.text)
    out: list[Candidate] = []
    told: list[set[str]] = []
    for c in found:
        if c is chosen or c.span is None or c.span.kind != "list" or _article(c) == _article(chosen) or not _close(c, chosen):
            continue
        theirs = list_items(c.span.text)
        if (len(theirs) == len(mine) and set(theirs) != set(mine)
                and len(set(theirs) & set(mine)) >= CONFLICT_LIST_SHARED * len(mine)
                and set(theirs) not in told):
            out.append(c)
            told.append(set(theirs))
    return out[:MAX_CONFLICTS]


def _close(c: Candidate, chosen: Candidate) -> bool:
    """As well supported as the answer: coverage, nearness and score within the CONFLICT_ margins."""
    return (c.coverage >= chosen.coverage - CONFLICT_COVERAGE and c.near >= chosen.near - CONFLICT_NEAR
            and c.score >= chosen.score - CONFLICT_SCORE)


def support(chosen: Candidate, found: list[Candidate]) -> list[Candidate]:
    """Other sentences giving the same value that cover the question about as well."""
    out: list[Candidate] = []
    for c in found:
        if c.span is None or chosen.span is None or c.sentence == chosen.sentence or c.coverage < SUPPORT_COVERAGE:
            continue
        if c.span.kind == "number" and unit_of(c.span) != unit_of(chosen.span):
            continue   # 3人 is not supported by 3户 (全国文明家庭3户 under 全国最美志愿者3人), as rivals are told apart
        if same_value(c.span, chosen.span) and not any(o.sentence.doc == c.sentence.doc and o.sentence.start == c.sentence.start
                                                        for o in out):
            out.append(c)
    return out[:MAX_SUPPORT]


def _article(c: Candidate) -> tuple[str, int]:
    return c.sentence.doc, c.sentence.article


def _year(span) -> object:
    key = date_key(span.value)
    return key[0] if key else None
