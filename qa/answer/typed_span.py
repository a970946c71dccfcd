"""Whether a span offered for a typed question is not a value of the type asked: one that runs across a
sentence end (a date, a count, a share, a rank or a name is printed inside one sentence), one offered for a
date that says no time at all (第一届, 许昌市, 满城欢喜) or no day where a day is asked (年底 for 哪一天), or one
offered for a count or a share that holds no numeral (建设重大民生工程 for 投了多少钱). Entry points:
`across_sentences(question, text, span)`, `not_a_date(question, text, span)`, `not_a_count(question, text, span)`,
`not_a_measure(question, text, span)` (an amount of another dimension: 6500亩 for 多少公里), `not_a_place`,
`said_in_question` (the number the question gives).

Why: with the start's 2006年 left out (qa.answer.event_stage), 许昌是哪年拿到国家森林城市称号的 was answered at
0.40 with the reader's 2006年，许昌提出开展创建…工作。\\n2015年. Open questions are not judged: an accepted CMRC
answer may quote two sentences. And 毓秀路小学是哪一年评上全国文明校园的 (unanswerable) was answered with the reader's
第一届 at 0.31: over every gold set (seed, altered, other city, CMRC) no span without a mark of time was right
for a date question (279 candidates of 78 questions left out). Likewise every accepted answer of the 182
answerable count and share questions over every gold set holds a numeral outside an ordinal, and of the 27
asking for a day one of 日, 号 or 天; the reader's spans without one had answered four unanswerable questions
(郑许市域铁路…具体日期是哪一天 → 年底 at 0.56, 许禹供热长输管线…一共投了多少钱 → 建设重大民生工程, …知晓率是多少 →
、参与率和满意度…, 2015年评选时…综合测评得了多少分 → 第四 at 0.60).
"""
from __future__ import annotations

import re

from qa.answer.question import SCOPE_WORD, Question, scopes_named
from qa.answer.span_fit import scope_before
from qa.answer.understand import QUOTED
from qa.answer.weights import RANK_SCOPES
from qa.ingest.chars import has_inner_sentence_end

TYPED = ("date", "number", "percent", "rank", "person")
# A mark of time: digits, date and clock words, periods (年代, 世纪, 之初, 期间), seasons, relative days (昨日, 今年),
# ages used as times (十八岁时), reigns (明朝). 届 is not one: 第一届 counts a series, it dates nothing.
TIME_MARKS = re.compile(r"[0-9０-９年月日号时時点天秒分世纪代季春夏秋冬期初底末旬晚早午夜今昨前后岁朝际间来]")
DAY_MARKS = re.compile(r"[日号天]")     # 2月28日, 11号, 当天 / 昨天
MONTH_MARKS = re.compile(r"[月日号天]|春|夏|秋|冬|季")   # 5月, or finer; a season names months too
# a count of years (许昌20年的 创建历程, the reader's span for 哪一年成为…提名城市, 0.64) where a year is asked: no year, unless
# the span names one too (a year of three or four digits, an era's or a month's)
YEARS_COUNTED = re.compile(r"(?<![\d〇零一二三四五六七八九十])\d{1,2}\s*年(?!代|级)")
A_YEAR = re.compile(r"\d{3,}|[月日号]|[〇零一二三四五六七八九]{2,}年|元年|今年|去年|前年|当年|同年|次年|民国|民國")
NUMERALS = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿两半几数]")   # 57.5万, 三成, 数百, 一半
SCOPE_BEFORE = 4         # 全国 / 河南 right before a rank scopes it (全省第一)
PLACE_ASKED = r"排名|名列|排[在到]?第?几|排老几|位列|名次|第几名|第几位|排多少|几名"   # a place in a ranking asked
SESSION_ASKED = r"第几[届次批回期]|哪一?[届批]"   # which session or which time asked: 这是第几次获得这个称号
SESSION_COUNT = re.compile(r"第[0-9一二三四五六七八九十百]+[届次批回期]|首批|首届|首次")   # counts sessions, places nothing
ORDINALS = re.compile(r"第[0-9０-９〇零一二三四五六七八九十百千两]+")   # 第四 places, it counts nothing
# 一张张 / 一个个 / 一座座 say "every one of them", never how many (多少个监控探头 → 一张张蓝色的大屏运转 at 0.49)
EACH_ONE = re.compile(r"一([\u4e00-\u9fff])\1")
# What a measure word measures: a length asked (多长, 多少公里) is never an area (6500亩), nor money a weight.
DIMENSIONS = {"平方公里": "area", "万平方米": "area", "平方米": "area", "公顷": "area", "亩": "area",
              "公里": "length", "千米": "length", "米": "length",
              "万吨": "weight", "吨": "weight", "公斤": "weight", "千克": "weight",
              "亿元": "money", "万元": "money", "元": "money", "岁": "age", "分": "score",
              # a count measures none of these (这几个试点小区…投入了多少资金 → 813个 at 0.81)
              **{w: "count" for w in ("个", "项", "次", "户", "家", "所", "条", "处", "座", "栋", "支", "批", "件")}}
# the last number of a span and the measure word printed after it (longest first: 平方米 is an area, 米 a length)
MEASURED = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿两半]\s*("
                      + "|".join(sorted(DIMENSIONS, key=len, reverse=True)) + r")[^0-9０-９]*$")
MEASURE_REACH = 4         # characters after a bare number the reader proposed (6500|亩) where its measure word stands
AREA_NAMED = r"面积|亩|平方|公顷"
NUMBER_SAID = re.compile(r"\d+(?:\.\d+)?")
# a year or a day, where a length, an area, a weight or a sum is asked
DATED = re.compile(r"\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日")


def across_sentences(q: Question, text: str, span) -> bool:
    """Whether `span` (offsets into `text`) holds a sentence end with more of the text after it."""
    return q.type in TYPED and span is not None and has_inner_sentence_end(text[span.start:span.end])


def not_a_date(q: Question, text: str, span) -> bool:
    """Whether `span`, offered for a date question, holds no mark of time."""
    if q.type != "date" or span is None:
        return False
    said = text[span.start:span.end]
    return (not TIME_MARKS.search(said) or (q.day_asked and not DAY_MARKS.search(said))
            or (q.month_asked and not MONTH_MARKS.search(said))
            or (q.year_level and YEARS_COUNTED.search(said) is not None and not A_YEAR.search(said)))


def not_a_place(q: Question, text: str, span) -> bool:
    """Whether a span offered for a rank is no one place of the ranking asked: it holds two (第七、河南第一), it
    holds or follows another scope than the one asked (全省第一 for 全国; 届满复查全省|第一), or it counts sessions
    (第四届, 第三次, 首批) where a place is asked (名列第几, 排名), or counts none where a session is asked (全国第七
    for 这是第几次获得这个称号: it was answered with the reader's 第一名). No accepted answer of the 35 rank questions
    over every gold set is any of these (the 14 asking a session: 第四届, 第三次, 首批…), and the reader's 第一 of
    全省第一 had answered 2017年…在全国地级市中排名第几 (unanswerable) at 0.68."""
    if q.type != "rank" or span is None:
        return False
    said = text[span.start:span.end]
    if len(ORDINALS.findall(said)) > 1:
        return True
    if re.search(PLACE_ASKED, q.text) and SESSION_COUNT.search(said):
        return True
    if re.search(SESSION_ASKED, q.text) and not SESSION_COUNT.search(said):
        return True
    asked = scopes_named(q.text)   # not 全国 of 全国文明城市 (许昌在…全国文明城市…中位列河南第几)
    before = text[max(0, span.start - SCOPE_BEFORE):span.start]
    own = {v for k, v in RANK_SCOPES.items() if said.startswith(k) or before.endswith(k)} \
        | {RANK_SCOPES[m.group(0)] for m in SCOPE_WORD.finditer(said)}   # 许昌市以届满复查全省第一 for 全国 (0.46)
    return bool(asked and own and not asked & own)


def unscoped_rank(q: Question, text: str, span) -> bool:
    """Whether a place asked in no scope (那回排第几名啊) is offered a rank its sentence counts in the province or the
    city where the same sentence ranks the place in the whole country too (以全国地级市第四名、全省参评城市第一名): residents
    asking with no scope mean the national one. Every such question over the gold sets accepts only that one (6, 4 of
    them follow-ups); 第一名 of the province had been answered at 0.94 (高; the forty-third held-out set). Replayed over
    every option of every seed and other-city set first: 20 options left out, none right."""
    if q.type != "rank" or span is None or scopes_named(q.text) or "省" in q.text or not re.search(PLACE_ASKED, q.text):
        return False
    said = text[span.start:span.end]
    own = next((v for k, v in RANK_SCOPES.items() if said.startswith(k)), None) or scope_before(text, span.start)
    return own not in (None, "国") and any(scope_before(text, m.start()) == "国" for m in ORDINALS.finditer(text))


def _dimension(said: str) -> str | None:
    """What the measure word after the last number of `said` measures (6500亩 → area), None for another word."""
    m = MEASURED.search(said)
    return DIMENSIONS[m.group(1)] if m else None


def not_a_measure(q: Question, text: str, span) -> bool:
    """Whether `span`, offered for an amount whose measure words are all of one dimension (多少公里, 多长, 面积多大,
    花了多少钱), measures another (河湖水系总共有多长 → 6500亩, or the reader's bare 6500 printed before 亩)."""
    if q.type != "number" or span is None or not q.units:
        return False
    asked = {DIMENSIONS.get(u) for u in q.units}
    said = text[span.start:span.end + (MEASURE_REACH if text[span.end - 1:span.end].isdigit() else 0)]
    if _dimension(said) == "age" and "age" not in asked:   # 多少户人家 → 64岁 at 0.91: an age counts nothing
        return True
    if len(asked) != 1 or None in asked or (asked == {"area"} and not re.search(AREA_NAMED, q.text)):
        return False   # 多大的天坑 asks a size: 276米-285米 answers it
    if re.search(r"[%％]|百分之", said):   # 年度计划投资总额是多少亿元 → the reader's 72.26% (0.63): a share is no amount
        return True
    if _dimension(said) is None and DATED.search(said):   # 忠武路…城区段一共有多长 → 于2020年 (0.33): a date measures nothing
        return True
    return _dimension(said) not in (None, *asked)


def not_a_count(q: Question, text: str, span) -> bool:
    """Whether `span`, offered for a count or a share, holds no numeral outside an ordinal (第四 for 得了多少分)."""
    return (q.type in ("number", "percent") and span is not None
            and not NUMERALS.search(EACH_ONE.sub("", ORDINALS.sub("", text[span.start:span.end]))))


def said_in_question(q: Question, text: str, span) -> bool:
    """Whether `span`, offered for a count or a share, is the one number the question itself gives (275家单位帮扶老旧小区，
    一共帮了多少个小区楼院 → the reader's bare 275, answered at 0.26; unanswerable: the articles print no such count)."""
    if q.type not in ("number", "percent") or span is None:
        return False
    said = NUMBER_SAID.findall(text[span.start:span.end])
    return len(said) == 1 and said[0] in NUMBER_SAID.findall(q.text)


COUNT_ASKED = re.compile(r"多少|几|百分之")


def quoted_elsewhere(q: Question, text: str, span) -> bool:
    """Whether `span`, offered for a count or a share, stands in a sentence that prints none of what the question
    quotes (“最美家庭”一共评出了多少户 → 107.6万户 of 参与文明家庭建设, answered at 0.83 after a story of joining it)."""
    if q.type not in ("number", "percent") or span is None:
        return False
    # the clause that asks (…的“最美家庭”一共评出了多少户): a quote before it names the occasion, not what is counted
    # (实施“数字城管”后，一个问题从发现到结案只需要多长时间: its 一个半小时 stands in the sentence after the one naming it)
    asking = next((c for c in re.split(r"[，,。；;：:？?！!]", q.text) if COUNT_ASKED.search(c)), "")
    quoted = QUOTED.findall(asking)   # what the asker quotes (“最美家庭”): the name of what is counted
    flat = re.sub(r"\s+", "", text)
    return bool(quoted) and not any(re.sub(r"\s+", "", name) in flat for name in quoted)
