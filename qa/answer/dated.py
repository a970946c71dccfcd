"""A month and day printed without their year (11月10日，中国文明网发布“光荣榜”…) read with the year the same
file prints them with elsewhere (its timeline's 2020年11月10日，许昌蝉联…): a question naming that year
(2020年11月许昌蝉联…，这是第几次) is about that sentence too. Entry point: `dated_in(index, sentence, year)`."""
from __future__ import annotations

import re

from qa.index.record import Index
from qa.answer.question import Question
from qa.models import Sentence, Span

MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})[日号]")
FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]")


def dated_in(index: Index, sentence: Sentence, year: str) -> bool:
    """Whether `sentence` prints a month and day (without a year) that its file prints with `year` (2020, 2020年)."""
    year = year.removesuffix("年")
    if not re.fullmatch(r"\d{4}", year):
        return False
    days = {(int(m), int(d)) for m, d in MONTH_DAY.findall(re.sub(r"\s+", "", sentence.text))}
    return bool(days) and any(year in _years(index, sentence.doc).get(day, ()) for day in days)


def _years(index: Index, doc: str) -> dict[tuple[int, int], set[str]]:
    """The years each month and day of file `doc` is printed with, once per index and file."""
    known = index.derived.setdefault("dated_days", {})
    if doc not in known:
        days: dict[tuple[int, int], set[str]] = {}
        for y, m, d in FULL_DATE.findall(re.sub(r"\s+", "", index.sources[doc].text)):
            days.setdefault((int(m), int(d)), set()).add(y)
        known[doc] = days
    return known[doc]


YEAR = re.compile(r"(?<!\d)(\d{4})年")


def other_year(index: Index, q_text: str, sentence: Sentence) -> bool:
    """Whether `sentence`, offering a rank, count or share asked of one year (2017年…蝉联…时，在全国排第几; 2019年全市生产
    总值是多少: 2018年's 2830.6亿元), is dated as other years only: it prints years, none of those asked, nor a month and
    day its file prints with one. A sentence that prints no year is not judged (its date may stand in the one before)."""
    asked = set(YEAR.findall(q_text))
    printed = set(YEAR.findall(re.sub(r"\s+", "", sentence.text)))
    return bool(asked and printed and not asked & printed) and not any(dated_in(index, sentence, y) for y in asked)


# 当年 / 单独 / 全年 ask one year's own figure: a running total is not it (那2021年当年单独实施了多少个百城提质项目 was
# answered with 截至2021年年底…累计实施…1624个 at 0.87, 高; the thirty-ninth held-out set, an editor)
ONE_YEAR_ASKED = re.compile(r"当年|单独|全年")
RUNNING = re.compile(r"累计|总计|共计")


def running_total(q: Question, text: str, span: Span | None) -> bool:
    """Whether `span` is a count or sum its own clause gives as a running total where one year's own is asked."""
    if q.type != "number" or span is None or not ONE_YEAR_ASKED.search(q.text) or RUNNING.search(q.text):
        return False
    start = max(text.rfind(c, 0, span.start) for c in "，,。；;") + 1
    return RUNNING.search(text, start, span.end) is not None
