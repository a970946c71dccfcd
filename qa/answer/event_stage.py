"""Whether a date offered for an honour won is, by its own words, the date the work for it began:
2006年，许昌提出开展创建全国文明城市、国家卫生城市、国家森林城市… for 许昌是哪年拿到国家森林城市称号的; ●2001年，
许昌市率先在全省开始创建国家卫生城市 for 哪一年评上国家卫生城市. Entry point: `stage_clash(question, text, span)`.

Why: the question's words (许昌, 国家森林城市, 年) match the sentence of the start as well as one of the award
would, and the articles print no year of these awards, so the start's year was answered at 0.35 (unseen u058)
and stood close below the threshold for four more such questions. Only a date whose words, from it to the
end of its sentence, say a start and no award is judged; a question that itself asks when the work began
(哪年开始创建) is not.
"""
from __future__ import annotations

import re

from qa.answer.question import Question

# Verbs of an honour won (the question asks when it was got). 通过 and 蝉联 too: 顺利通过…测评, 蝉联…称号.
WON = re.compile(r"评上|获评|评为|评选为|荣膺|荣获|获得|拿到|拿下|摘得|摘取|夺得|当选|成为|成了|创成|命名|授予|入选"
                 r"|蝉联|通过|获批")
# Verbs of work begun or planned (the sentence says when it started): 提出开展创建, 开始创建, 启动, 争创.
STARTED = re.compile(r"提出|开始|启动|开启|起步|着手|争创|部署|动员|谋划|开展")
CLAUSE_ENDS = "。；;！!？?\n●"   # the date's words run to the end of its sentence, a bullet or a line
LATER = re.compile(r"后又|此后|随后|之后|后来|其后")   # a later time told in the same sentence
DATE_IN_SPAN = re.compile(r"\d{1,4}\s*[年月日号]")   # where a span's date ends and the words about it begin
# The honour a question names right after its verb of winning: a national, provincial or city title that
# ends in what it is given to (拿到国家森林城市称号 → 国家森林城市; 评上全国文明校园 → 全国文明校园).
HONOUR_NAME = re.compile(r"(?:全国|国家|省级|全省|河南省|市级|中国)[\u4e00-\u9fff]{1,8}?"
                         r"(?:城市|城|称号|单位|校园|村镇|家庭|社区|标兵|模范)")
# …or after a verb of work begun (首次提出创建全国文明城市: 2001年's sentence, of 国家卫生城 alone, was answered at 0.91)
HONOUR = re.compile(r"(?:" + WON.pattern + "|" + STARTED.pattern + r"|创建)了?(?:开展)?(?:创建)?"
                    r"(?:第[一二三四五六七八九十\d]+[次回届]|首[次届批])?的?(" + HONOUR_NAME.pattern + ")")


def stage_clash(q: Question, text: str, span) -> bool:
    """Whether a date span, offered for when an honour was won, is followed to its sentence's end by words of
    a start (提出, 开始创建) and none of a win."""
    if q.type != "date" or span is None or not WON.search(q.text) or STARTED.search(q.text):
        return False
    ends = [i for i in (text.find(p, span.end) for p in CLAUSE_ENDS) if i >= 0]
    words = text[span.end:min(ends or [len(text)])]
    if STARTED.search(words) and not WON.search(words):
        return True
    # …or its own clause does, where the sentence goes on to the honours won since (从2001年开启创建之路，到…提名城市到
    # 全国文明城市…: 2001年 was answered at 0.56–0.58 for 哪一年成为全国文明城市提名城市, a year the articles never print);
    # the clause after the span's first date, for a reader's span that runs on past it (2001年开启创建之路，…许昌20年的)
    dated = DATE_IN_SPAN.search(text, span.start, span.end)
    clause = re.split(r"[，,。；;！!？?\n●]", text[dated.end() if dated else span.end:], maxsplit=1)[0]
    return bool(STARTED.search(clause)) and not WON.search(clause)


def other_honour(q: Question, text: str, span) -> bool:
    """Whether a date span, offered for when a named honour was won, stands in a sentence that names other
    honours and never the one asked (国家卫生城市 counts as printed where 国家卫生城 is: the articles print both).
    A sentence that names none is not judged: 继2016年首次获评之后，第二次获得这一荣誉 says its honour before."""
    if q.type != "date" or span is None:
        return False
    m = HONOUR.search(q.text)
    if m is None:
        return False
    # a later time told after the date (…，后又明确以创建全国文明城市为龙头) starts what the date does not govern: the
    # date's part alone is judged too (首次提出创建全国文明城市 was answered 2001年 at 0.88, 高; replayed over every seed
    # set, 6 options left out, none right)
    later = LATER.search(text, span.end)
    return any(_names_other(m.group(1), said) for said in ((text, text[:later.start()]) if later else (text,)))


def _names_other(honour: str, text: str) -> bool:
    """Whether `text` names an honour and never `honour` (国家卫生城 counts for 国家卫生城市)."""
    return bool(HONOUR_NAME.search(text)) and honour not in text and not (honour.endswith("城市") and honour[:-1] in text)
