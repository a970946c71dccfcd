"""What a question asks: its answer type, qualifiers (首次, 最近, 第二次, 一共) and expected unit.

Entry points: `analyze(text)` and `resolve_followup(text, previous)` for elliptical turns
such as "那第二次呢？" after a question about the first time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qa.numbers import CN_NUMERAL, ordinal

# Checked in this order: the first pattern that matches decides the type.
TYPE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("list", r"哪些|哪几|哪[两二三四五六七八九十\d]+[个项所家条类种位大名届]|包括什么|包含什么|分别是|有什么(?:机制|任务|工程|措施|内容|行动)"),
    ("date", r"哪一?年|哪一?天|哪一?日|什么时[候间]|何时|几月|几号|哪个月|哪月|几时|日期|时间是|年份|始于何|从何时|哪个时间"),
    ("percent", r"百分之|百分比|占比|比例|比率|比重|\w率(?:是|为|达|有|达到)?(?:多少|几)|率多高|率多少"),
    ("rank", r"第几|排名|名次|排[在到]?第?几|位列|排多少|几名"),
    ("person", r"谁|哪位|什么人|哪个人|何人|姓名|叫什么名字|名字是什么|哪名"),
    ("number", r"多少|几[个次项条所家位名届年天人户支处栋座种类万亿]|多大|多久|多长|多远|多高|多重|几|总数|数量"),
    ("org", r"哪个(?:单位|部门|机构|组织|学校|地方|城市|区|县|街道|社区|小区|公司|市)|哪家|哪里|哪儿|什么地方|在哪|哪所|什么单位|什么部门|什么机构|哪座|何处|何地"),
    ("title", r"什么(?:称号|荣誉|奖|条例|工程|项目|活动|理念|口号|名称|主题|模式|品牌|目标|行动|机制|细则|意见|经验|标准)|叫什么|称号是|名称是|何种称号"),
    ("open", r"为什么|为何|怎么|怎样|如何|什么意思|意义|是什么|有何|干什么|做什么|做了什么"),
)

QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("first", r"首次|第一次|第一回|头一[次回]|最早|最初|起初|首届|首个|首度"),
    ("latest", r"最近|最新|最后一次|上一次|最近一次|最晚|目前最"),
    ("total", r"一共|总共|累计|共计|合计|总计|几次|多少次"),
)
ORDINAL_EVENT = re.compile(rf"第([\d]+|[{CN_NUMERAL}]+)(?:次|回)")
ELLIPSIS = re.compile(r"^(?:那么?|那这个|还有|再问一下|另外|然后)?(.{0,12}?)(?:呢|的呢|又是?(?:什么|哪年|多少)?)?[？?。！!]*$")
UNITS = "个次项条所家位名届年天人户支处栋座种类元亿万公里米亩株小时分钟月"


@dataclass(frozen=True)
class Question:
    text: str
    type: str                 # date number percent rank person org title list open
    qualifier: str | None     # first | latest | total | nth
    nth: int | None           # the n of 第n次
    unit: str | None          # 多少人 → 人, 几次 → 次
    count: int | None         # 哪五个 → 5 (list questions)
    year_level: bool          # 哪年: a year answers it, no month or day needed
    qualifier_words: tuple[str, ...]


def analyze(text: str) -> Question:
    t = text.strip()
    qtype = next((name for name, pattern in TYPE_PATTERNS if re.search(pattern, t)), "open")
    qualifier, nth, words = None, None, []
    for name, pattern in QUALIFIERS:
        m = re.search(pattern, t)
        if m and qualifier is None:
            qualifier = name
            words.append(m.group(0))
    m = ORDINAL_EVENT.search(t)
    if m:
        n = ordinal(m.group(0))
        words.append(m.group(0))
        if n == 1:
            qualifier = "first"
        elif n:
            qualifier, nth = "nth", n
    unit = None
    m = re.search(rf"(?:多少|几)([{UNITS}])", t)
    if m:
        unit = m.group(1)
    m_count = re.search(r"哪([两二三四五六七八九十\d]+)[个项所家条类种位大名届]", t)
    count = None
    if m_count:
        from qa.numbers import to_number

        value = to_number(m_count.group(1))
        count = int(value) if value else None
    year_level = bool(re.search(r"哪一?年|年份|几几年", t)) and not re.search(r"哪一?天|几月|几号|哪个月|日期", t)
    if qtype == "number" and re.search(r"[几多少]次", t) and qualifier is None:
        qualifier = "total"
    return Question(t, qtype, qualifier, nth, unit, count, year_level, tuple(words))


def is_elliptical(text: str) -> bool:
    """A turn that leans on the previous one: short, 那…呢, or only a qualifier."""
    t = text.strip()
    if len(t) > 14:
        return False
    return bool(re.match(r"^(?:那么?|还有|另外|然后)", t)) or t.rstrip("？?。").endswith("呢")


def resolve_followup(text: str, previous: str | None) -> str:
    """Rewrite an elliptical follow-up into a whole question using the previous one.

    "那第二次呢？" after "许昌第一次获评全国文明城市是哪一年？" becomes
    "许昌第二次获评全国文明城市是哪一年？": the new qualifier replaces the old one; a new
    subject ("那郑州呢？") replaces nothing and is added in front.
    """
    if not previous or not is_elliptical(text):
        return text
    fragment = re.sub(r"^(?:那么?|还有|另外|然后)", "", text.strip())
    fragment = re.sub(r"(?:的)?呢?[？?。！!]*$", "", fragment).strip("，, ")
    if not fragment:
        return previous
    prev = analyze(previous)
    new = analyze(fragment + "？")
    if new.qualifier_words:
        if prev.qualifier_words:
            out = previous.replace(prev.qualifier_words[0], new.qualifier_words[0], 1)
        else:
            out = fragment + previous
        return out
    # another subject or time ("那2017年呢？"): put it in front of the previous question
    return fragment + "，" + previous
