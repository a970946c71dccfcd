"""The measure words a question asks for (多少钱 → 元 万元 亿元, 几家 → 家 个 户 所), each cue with why. Entry point:
`units_asked(text, unit)`, read by qa.answer.question.
"""
from __future__ import annotations

import re

UNITS = "个次回项条所家位名届年天人户支处栋座种类元亿万公里米亩株小时分钟月批"
# Measure words a colloquial question may swap for the printed one (多少家 → 181个).
UNIT_EQUIVALENTS = {
    "个": "个家所座处项支",
    "家": "家个户所",
    "人": "人名位",
    "名": "名人位",
    "位": "位人名",
    "户": "户家",
    "次": "次回届",
    "回": "次回届",   # 几回: the colloquial 几次
    "届": "届次",
    "项": "项个条",
    "条": "条项个",
    "所": "所个家",
}
PEOPLE = r"志愿者|人口|市民|居民|群众|党员|职工|员工|学生|游客|人数"
UNIT_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # a score asked (模拟暗访测评最后得分是多少) is in 分: a count (12个) answers none (it was answered at 0.49)
    (r"得分|多少分|几分|分数", ("分",)),
    (r"多少钱|花了多少|投资|资金|产值|生产总值|总值|收入|经费|多少元|金额|预算", ("元", "万元", "亿元")),
    (r"多长时间|多久|用时|时长|多少时间|几个小时|几天|要多长", ("小时", "分钟", "天", "年", "个月", "月", "周", "秒")),
    (r"多长|全长|长度|多远|距离", ("公里", "米", "千米")),
    # a person's 今年多大 / 他多大了 asks an age (孙清旺今年多大 had been read as an area: 918万平方米 its best guess)
    (r"多大年纪|年龄|几岁|多大岁数|多少岁|年纪|今年多大|[他她]多大", ("岁",)),
    (r"面积|多大", ("平方米", "万平方米", "亩", "平方公里", "公顷")),
    # people counted: 多少志愿者 asks for 57.5万人, not for 50多个 organisations (几个志愿者 too)
    (PEOPLE, ("人", "万人", "名", "万名", "位", "人次", "万人次")),
)


def units_asked(text: str, unit: str | None) -> tuple[str, ...]:
    """The measure words that answer `text`, most fitting first, given the one it asks by (多少户 → 户 家); () means any."""
    for pattern, units in UNIT_CUES:
        if not re.search(pattern, text):
            continue
        if pattern == PEOPLE:  # only where no measure word is asked, or the vague 个: 多少小时 stays hours
            if unit in (None, "个"):
                return units
        elif not (unit and unit in "个次项条所家位名届人户支处"):
            return units
    if unit:
        same = tuple(UNIT_EQUIVALENTS[unit]) if unit in UNIT_EQUIVALENTS else (unit,)  # 小项 stays whole
        return same + (("连冠",) if unit == "次" else ())  # most fitting first
    return ()
