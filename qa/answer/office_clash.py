"""Whether a person offered for an office is printed with other offices only: 市创文办常务副主任刘少林 for
创文办主任是谁 (the deputy), 市委宣传部一级调研员张保化 for 宣传部部长是谁. Entry point:
`office_clash(question, text, span)`.

Why: the office asked (主任) is the tail of the deputy's (常务副主任) and the office's unit (市委宣传部) is
printed with another office of it, so the question's words match those sentences best, and 许昌市创文办主任
是谁 (the articles name no director) was answered 刘少林 at 0.92. Over every gold set two questions ask an
office only a deputy or another official of the unit is printed with, both unanswerable (residents r057,
unseen u050); no right answer to a person question is printed after offices that leave out the one asked.
A name printed without an office in its own sentence is judged by the offices its article prints it
with (`article_clash`): 张保化表示，市文明办将… was answered for 市文明办主任是谁 at 0.77, and the article prints
him only as 市委宣传部一级调研员 (its headline and first mention). Where the article prints the name with no
office at all, nothing is told.

And the other way round (`an_office`): asked what a named person does (刘少林是干什么的？), the reader's
spans of the passages that quote the person (在创建工作中 at 0.28; 作为河南省优秀专家…王建国认为… at 0.42) stood
beside the office the rules found, and the scorer had no such question to learn from (none in dev or
residents). Where any option is an office, the pick is one (qa.answer.decide: every option is still
scored, as in fitting, and the others are never picked).
"""
from __future__ import annotations

import re

from qa.answer.names import OFFICE, OFFICE_CHARS, OFFICE_ENDS, is_cjk_char
from qa.answer.question import Question

DEPUTY = "副"            # 副主任, 常务副主任, 副部长: the office's deputy, not the office
NAME_INSIDE = 2          # a span may start this many characters into a name (a given name without its surname)
NAME_MAX = 4             # a person's name is 2–4 characters (欧阳明 3, 司马相如 4): a longer span is no bare name
CHAIN_STOPS = "，,。；;：:！？!?\n"   # an office chain runs back to these; 、 joins two offices of one person
# the unit the question names right before the office it asks (市创文办的主任, 住建局局长): its last two characters
UNIT_ASKED = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:办|局|部|委|中心|厅|处|院|研究所))的?(?:" + "|".join(OFFICE_ENDS) + ")")
EDGE = "，,。；;：:！？!?、“”\"'《》（）() \n"   # stripped from a span's ends before its last word is read


def an_office(span, text: str) -> bool:
    """Whether an option is an office: the rules' office span (担任… included), or a span ending in an
    office word (…研究所所长, 市长)."""
    return span is not None and (span.value == OFFICE or text.strip(EDGE).endswith(OFFICE_ENDS))


def office_clash(q: Question, text: str, span) -> bool:
    """Whether a person span's own offices (the chain printed right before its name) leave out every
    office the question asks for, or hold it only as its deputy (副…) where the deputy is not asked;
    asked for a deputy (副市长), the chain must print that deputy."""
    if q.type != "person" or span is None:
        return False
    asked = _asked_offices(q.text)
    if not asked:
        return False
    unit = UNIT_ASKED.search(q.text)
    for k in _name_starts(text, span):
        if chain := _chain_before(text, k):
            # the unit asked is printed too (市创文办的主任是谁: 市城市管理监督指挥中心主任王磊 was answered at 0.31)
            return not any(_holds(chain, office) for office in asked) or (unit is not None and unit.group(1)[-2:] not in chain)
    return False   # no office printed right before the name: nothing to tell


def article_clash(q: Question, article: str, text: str, span) -> bool:
    """Whether a person option printed without an office in its sentence is printed in its `article` (its
    headlines and text) with offices only, none of them one the question asks for (as itself, not its
    deputy): its own sentence tells nothing, the article tells it holds another office. A span may start
    a character or two into the name (保化 of 张保化): each such reading of the name is judged."""
    if q.type != "person" or span is None:
        return False
    asked = _asked_offices(q.text)
    if not asked:
        return False
    for back in range(NAME_INSIDE + 1):
        start = span.start - back
        name = text[max(0, start):span.end].strip(EDGE)
        if start < 0 or not 2 <= len(name) <= NAME_MAX or not _cjk(name) or _chain_before(text, start):
            continue
        places = [m.start() for m in re.finditer(re.escape(name), article)]
        chains = [c for k in places if (c := _chain_before(article, k))]
        # 张三升任校长: an office printed after the name, in its clause, counts as one of its offices
        after = [_clause_after(article, k + len(name)) for k in places]
        if chains and not any(_holds(c, office) for c in chains + after for office in asked):
            return True
    return False


def _clause_after(text: str, at: int) -> str:
    """What follows position `at` up to the end of its clause (at most OFFICE_CHARS characters)."""
    tail = text[at:at + OFFICE_CHARS]
    ends = [k for k, ch in enumerate(tail) if ch in CHAIN_STOPS]
    return tail[:ends[0]] if ends else tail


def _chain_before(text: str, at: int) -> str:
    """The office chain printed right before position `at` ('' when none ends there)."""
    chain = text[max(0, at - OFFICE_CHARS):at]
    chain = chain[max(chain.rfind(c) for c in CHAIN_STOPS) + 1:]
    return chain if chain.rstrip(" \u3000").endswith(OFFICE_ENDS) else ""


def _name_starts(text: str, span) -> list[int]:
    """Where the name of a person span may start: after an office inside the span (a span of office and
    name, 市创文办常务副主任刘少林), at the span, or a character or two before it (少林 of 刘少林)."""
    inner = [m.end() for office in OFFICE_ENDS for m in re.finditer(re.escape(office), span.text)
             if 2 <= len(span.text) - m.end() <= 4 and _cjk(span.text[m.end():])]
    out = [span.start + max(inner)] if inner else []
    for back in range(NAME_INSIDE + 1):
        if span.start - back < 0 or not _cjk(text[span.start - back:span.start]):
            break
        out.append(span.start - back)
    return out


def _cjk(text: str) -> bool:
    return all(is_cjk_char(ch) for ch in text)


def _as_itself(text: str, office: str) -> bool:
    """Whether `office` stands in `text` as itself somewhere, not only as the tail of its deputy (副主任)."""
    return any(not text[:m.start()].endswith(DEPUTY) for m in re.finditer(re.escape(office), text))


def _asked_offices(question: str) -> list[str]:
    """The offices the question names: as themselves (主任 in 创文办主任是谁), or a deputy where only the
    deputy is asked (副市长 in 分管…的副市长是谁: 市委宣传部副部长、市创文办常务副主任刘少林 was answered for it)."""
    own = [office for office in OFFICE_ENDS if _as_itself(question, office)]
    return own + [DEPUTY + office for office in OFFICE_ENDS if DEPUTY + office in question and office not in own]


def _holds(chain: str, office: str) -> bool:
    """Whether an office chain holds an asked office: a deputy (副市长) as printed, another as itself."""
    return office in chain if office.startswith(DEPUTY) else _as_itself(chain, office)
