"""What a resident reads about a cited article instead of its file name: the headline, the byline,
the date and the newspaper where the article itself says them (a dateline such as
本报讯（河南日报记者 李铮）11月10日), and where the quote stands in the cleaned article text.
Entry points: `describe(document)`, `clean_range(document, start, end)`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qa.models import Document

# A dateline: 本报讯 (the paper's own report), an optional （…记者 …） naming paper and reporter,
# then a date. Only the opening of an article is read: a date further on is an event, not the report's.
DATELINE = re.compile(r"本报讯\s*(?:[（(](?P<who>[^）)]{0,30})[）)])?\s*(?P<date>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)?")
PAPER = re.compile(r"^(?P<paper>[\u4e00-\u9fff]{2,8}(?:日报|晚报|晨报|报))记者")
OPENING = 200   # characters of an article's start searched for its dateline


@dataclass(frozen=True)
class ArticleMeta:
    byline: str = ""   # 本报记者 许廷合, as the article prints it
    dated: str = ""    # 11月10日 (a year only where the dateline gives one)
    paper: str = ""    # 河南日报, where the dateline names another paper than 本报

    def line(self) -> str:
        """One line for a citation's head: the parts the article gives, joined by ·."""
        return " · ".join(part for part in (self.paper, self.dated, self.byline) if part)


def describe(document: Document) -> ArticleMeta:
    text = document.shown or document.text
    m = DATELINE.search(text[:OPENING])
    who, dated, paper = "", "", ""
    if m:
        who = " ".join((m.group("who") or "").split())
        dated = "".join((m.group("date") or "").split())
        if p := PAPER.match(who.replace(" ", "")):
            paper = p.group("paper")
    byline = " ".join(document.byline.replace("□", " ").split()) or who
    return ArticleMeta(byline, dated, paper)


def clean_range(document: Document, start: int | None, end: int | None) -> tuple[int, int] | None:
    """The characters of the cleaned article whose raw offsets fall in [start, end), or None."""
    if start is None or end is None or end <= start:
        return None
    inside = [i for i, raw in enumerate(document.pos) if start <= raw < end]
    return (inside[0], inside[-1] + 1) if inside else None
