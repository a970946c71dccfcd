"""Typed answer spans inside one sentence: dates, numbers with units, percentages and ranks
here; person names, organizations, places and titles in `qa.answer.names`; enumerations in `qa.answer.lists`.

Entry point: `find_spans(text, question, tokens)`; offsets index `text`. Each finder knows
only how news Chinese writes that kind of value, nothing about a particular corpus.
"""
from __future__ import annotations

import re

from qa.answer.lists import enumerations
from qa.models import Span
from qa.answer.names import orgs, persons, titles
from qa.answer.numbers import CN_NUMERAL, leading_number, ordinal, tidy
from qa.answer.question import Question
from qa.answer.set_aside import rest_of_list
from qa.index.tokens import Token

MEASURES = sorted("""
个 人 家 次 项 条 支 户 所 名 位 座 栋 栋次 处 亩 株 件 类 大项 小项 辆 吨 天 年 月 周 届 岁 米 倍 组 批
场 期 篇 台 套 间 元 万元 亿元 公里 平方米 平方公里 万平方米 小时 分钟 秒 万人 万户 万件 万个 万株
千米 千克 公斤 座次 人次 户次 个百分点 多项 余项 所学校 连冠
""".split(), key=len, reverse=True)
_MEASURE = "|".join(map(re.escape, MEASURES))
_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUMERAL}]+(?:点[零〇一二三四五六七八九]+)?)"
NUMBER_RE = re.compile(rf"(?<![第\d.])(?:{_NUM}(?:[至到~—-]{_NUM})?(?:余|多)?(?:万|亿)*(?:余|多)?(?:个半|半)?)(?:{_MEASURE})")
PERCENT_RE = re.compile(r"\d+(?:\.\d+)?%|百分之[零〇一二两三四五六七八九十百点]+")
DATE_RE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})[日号])?")
CLOCK_RE = re.compile(r"(?:上午|下午|中午|晚上|凌晨|早上)?(\d{1,2})[时点](?:(\d{1,2})分|半)?(?!\d)")
# 第20张 (专辑), 第3部 (电影): the measure word is part of the rank (not 部分, a part)
RANK_RE = re.compile(rf"(?:全国|全省|全市|河南|省内|市内)?第(?:\d+|[{CN_NUMERAL}]+)"
                     rf"(?:名|位|届|批|次|个|张|部(?!分)|首|场|轮|代|任|号|章|集|版|期|层|级|本|款|节|座|所|家|条|项|件)?"
                     rf"|首[批届个]")


def find_spans(text: str, q: Question, tokens: tuple[Token, ...] = ()) -> list[Span]:
    """Spans of the type the question asks for; `tokens` (tagged words) guide the trimming."""
    finder = {"date": dates, "number": numbers, "percent": percents, "rank": ranks, "person": persons,
              "org": orgs, "title": titles, "list": enumerations}.get(q.type)
    found = finder(text, q, tokens) if finder else []
    # 除了北海、灞陵湖和芙蓉湖，还有哪些: the list after what is set aside
    return [rest_of_list(q, text, s) for s in found] if q.type == "list" else found


def dates(text: str, q: Question, tokens) -> list[Span]:
    if q.clock:
        return clock_times(text)
    out = []
    for m in DATE_RE.finditer(text):
        year, month, day = m.group(1), m.group(2), m.group(3)
        if not (year or (month and day) or (month and text[m.end():m.end() + 1] != "份" and m.group(0).endswith("月"))):
            continue
        if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31 or (day and not month):
            continue
        if q.year_level and year:
            out.append(Span(m.start(), m.start(1) + 5, f"{year}年", "date", int(year)))
            continue
        value = "-".join(part for part in (year, month and f"{int(month):02d}", day and f"{int(day):02d}") if part)
        out.append(Span(m.start(), m.end(), m.group(0), "date", int(year) if year and not month else value))
    return out


def clock_times(text: str) -> list[Span]:
    """Times of day (10时, 下午3点半), for 几点 questions; the value is "HH:MM"."""
    out = []
    for m in CLOCK_RE.finditer(text):
        hour = int(m.group(1)) + (12 if m.group(0).startswith(("下午", "晚上")) and int(m.group(1)) < 12 else 0)
        minute = int(m.group(2)) if m.group(2) else 30 if m.group(0).endswith("半") else 0
        if hour <= 24 and minute < 60:
            out.append(Span(m.start(), m.end(), m.group(0), "date", f"{hour:02d}:{minute:02d}"))
    return out


def numbers(text: str, q: Question, tokens) -> list[Span]:
    out = []
    idioms = [t for t in tokens if t.flag in ("i", "l") and len(t.word) >= 4]
    for m in NUMBER_RE.finditer(text):
        s = m.group(0)
        if re.fullmatch(r"\d{4}年", s) or re.fullmatch(r"\d{1,2}月", s):
            continue  # a date, not an amount
        if any(t.start <= m.start() < t.end for t in idioms):
            continue  # 千家万户, 一蹴而就: idioms, not amounts
        out.append(Span(m.start(), m.end(), s, "number", _amount(s)))
    for m in re.finditer(r"[一二两三四五六七八九十]连冠", text):
        out.append(Span(m.start(), m.end(), m.group(0), "number", leading_number(m.group(0))))
    if re.search(FREQUENCY_ASKED, q.text):   # 多久开一次: 每月一次, printed before what is held so often
        out += [Span(m.start(), m.end(), m.group(0), "number", None) for m in FREQUENCY.finditer(text)]
    # 500米—1000米, 276米-285米: a range whose both ends carry the measure word is one amount too
    found = sorted((s for s in out if s.kind == "number"), key=lambda s: s.start)
    for a, b in zip(found, found[1:]):
        if text[a.end:b.start] in RANGE_JOINS and unit_of(a) == unit_of(b) != "":
            out.append(Span(a.start, b.end, text[a.start:b.end], "number", a.value))
    return _in_a_row(text, q, out, found) if COUNTS_IN_A_ROW.search(q.text) else out


# 一共定了几类几大项几小项: counts asked in a row are answered by the counts printed in a row, as one span
# (15类71大项427小项); its parts alone answer a third of it (15类 had been answered at 0.84 and 0.93 in two sets)
COUNTS_IN_A_ROW = re.compile(rf"(?:(?:几|多少)(?:{_MEASURE})[、，,和及\s]*){{2,}}")


def _in_a_row(text: str, q: Question, out: list[Span], found: list[Span]) -> list[Span]:
    runs: list[list[Span]] = []
    for s in found:
        if runs and not text[runs[-1][-1].end:s.start].strip() and unit_of(s) != unit_of(runs[-1][-1]):
            runs[-1].append(s)
        else:
            runs.append([s])
    joined = [Span(r[0].start, r[-1].end, text[r[0].start:r[-1].end], "number", r[0].value) for r in runs if len(r) > 1]
    inside = {id(s) for r in runs if len(r) > 1 for s in r}
    return [s for s in out if id(s) not in inside] + joined


RANGE_JOINS = ("至", "到", "~", "～", "—", "-", "－", "–", "——")
# How often something is done (工作点评会多久开一次): the answer is its period, 每月一次 or 每季度开展一次; the bare 一次
# echoes the question and was dropped, and the reader's 每周一次工作例会、每月 was answered at 0.65
FREQUENCY_ASKED = r"多久.{0,4}[一1][次回]|多长时间.{0,6}[一1][次回]|频率|(?:几|多少)个?(?:天|周|星期|月|年).{0,4}[一1][次回]"
FREQUENCY = re.compile(r"每(?:[两二三四五六七八九十\d]+个?)?(?:天|日|周|星期|月|季度|年|半年)"
                       r"(?:[^，。、；,;]{0,4}?[一两二三四五六七八九十\d]+[次回])?")


def unit_of(span: Span) -> str:
    """The measure word an amount ends in (米 of 500米), "" for none."""
    return next((m for m in MEASURES if span.text.endswith(m)), "")


def _amount(s: str):
    value = leading_number(s)
    return tidy(value) if value is not None else None


def percents(text: str, q: Question, tokens) -> list[Span]:
    out = []
    for m in PERCENT_RE.finditer(text):
        s = m.group(0)
        value = float(s[:-1]) / 100 if s.endswith("%") else None
        out.append(Span(m.start(), m.end(), s, "percent", round(value, 6) if value is not None else None))
    return out


def ranks(text: str, q: Question, tokens) -> list[Span]:
    out = []
    for m in RANK_RE.finditer(text):
        s = m.group(0)
        out.append(Span(m.start(), m.end(), s, "rank", 1 if s.startswith("首") else ordinal(s)))
    return out

