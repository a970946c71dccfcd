"""An open question asking which thing of a kind (开了个什么会, 通过了什么测评, 在什么会上) is answered by the
name of that thing, which ends with the kind's word (市八次党代会, 全国文明城市年度测评), not by the sentence
holding it; one asking which body (哪个部门牵头, 委托谁) by a body's name. Entry points: `names_kind(kind, text)` and
`names_body(text)`, read by qa.answer.decide.pickable.

Why: 2021年9月26日许昌开了个什么会 was answered with the whole sentence at 0.72, the reader's 市八次党代会 below it
at 0.47; 2018年和第二年，许昌都顺利通过了什么测评 likewise (twentieth and twenty-first held-out sets).
"""
from __future__ import annotations

import re

from qa.answer.names import ORG_SUFFIXES, PLACE_SUFFIXES

# kinds of things a phrase names by ending with the kind's word (longest first: 会议 before 会)
KIND_ASKED = re.compile(r"(?:什么|啥|哪个|哪一个|哪项|哪一项|何种|哪种)(会议|大会|会|测评|活动|工程|项目|行动|平台|奖项|奖)")
AROUND = "在于“”\"《》"      # 在全国…交流会上: where a meeting is said, not its name
AFTER = "上中里时期间，。、"
NAME_LENGTH = 30             # a name, not a clause


def kind_asked(question: str) -> str | None:
    """The kind's word an open question asks a name of (会 of 开了个什么会), None for none."""
    m = KIND_ASKED.search(question)
    return m.group(1) if m else None


def names_kind(kind: str, text: str) -> bool:
    """Whether `text` is a name of that kind: it ends with the kind's word and is more than the word."""
    core = text.strip().lstrip(AROUND).rstrip(AFTER + AROUND)
    return len(kind) < len(core) <= NAME_LENGTH and core.endswith(kind) and not re.search(r"[，。；！？,;!?]", core)


# A body asked (哪个部门牵头, 什么单位, 委托谁): a body's name answers it, not a place's. 背街小巷、老旧小区治理提升行动
# 由市住建局牵头: 老旧小区 was answered at 0.89 for 是哪个部门牵头的, the reader's 许昌调查队 for 委托谁做的.
BODY_ASKED = re.compile(r"(?:什么|啥|哪个|哪一个|哪家|何)(?:部门|单位|机构)|委托了?谁|交给谁|谁牵头")
# the rules' organisation endings but a place's (qa.answer.names), and the words for a body itself (省级主管部门); a 社区
# is a unit too (哪个单位的), a 小区 is not
BODY_ENDS = tuple(s for s in ORG_SUFFIXES if s not in PLACE_SUFFIXES) + ("厅", "处", "会", "组", "部门", "单位", "机构", "社区")


def body_asked(question: str) -> bool:
    """Whether the question asks which body."""
    return BODY_ASKED.search(question) is not None


def names_body(text: str) -> bool:
    """Whether `text` is a body's name: a phrase ending with a body's word (市住建局, 国家统计局许昌调查队)."""
    core = text.strip().rstrip(AFTER + AROUND)
    return len(core) <= NAME_LENGTH and core.endswith(BODY_ENDS) and not re.search(r"[，。；！？,;!?]", core)
