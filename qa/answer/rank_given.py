"""Whether a candidate's sentence ranks it otherwise than the question says: asked which city ranked first in the
country (全国排名第一的是哪座城市), a sentence ranking Xuchang 全国第七、河南第一 does not name that city. Entry
point: `other_rank(q, text, span)`, one of qa.answer.decide's clashes.

Why: 在2020年公布的…前五届全国文明城市中，全国排名第一的是哪座城市 (unanswerable: the articles print Xuchang's own
ranks only) was answered with Xuchang's rank 全国第七 at 0.84 and, read as a city asked, 许昌 at 0.83.
"""
from __future__ import annotations

import re

from qa.answer.numbers import to_number
from qa.answer.question import RANK_HOLDER, RANK_NUMBER, Question, scopes_named
from qa.answer.weights import RANK_SCOPES

SCOPE_REACH = 8   # characters between a scope and its rank (全国|地级市|第四名, 全省参评城市|第一名)
PRINTED_RANK = re.compile(rf"({'|'.join(RANK_SCOPES)})[^，,。；;、]{{0,{SCOPE_REACH}}}?第({RANK_NUMBER})")


def other_rank(q: Question, text: str, span) -> bool:
    """Whether the question gives a rank in a scope and `text` ranks in that scope, but never at that rank."""
    given = re.search(RANK_HOLDER, q.text)
    if given is None:
        return False
    asked, scopes = to_number(given.group(1)), scopes_named(q.text)
    printed = [(RANK_SCOPES[m.group(1)], to_number(m.group(2))) for m in PRINTED_RANK.finditer(text)]
    same_scope = [n for scope, n in printed if not scopes or scope in scopes]
    return bool(same_scope) and asked not in same_scope
