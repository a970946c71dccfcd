"""Group classified paragraphs into articles and give each its title.

Newspaper PDF dumps print a headline before its story (at the top of a page) or after it
(most others). A headline group closes the story above it when it carries a byline, a
`——访…` subtitle or a credit, or when the next text starts a new dispatch (`本报讯`);
otherwise it is a subheading inside the running story. A story with no headline at all is
named after the first clause of its lead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from qa.ingest.chars import is_cjk, is_punct
from qa.ingest.layout import CAPTION_CREDIT, Paragraph, paragraph_text
from qa.offsets import MappedText

LABEL_MAX = 6  # 核心提示, 专家点评, 新闻连连看: column labels, not titles
HEAD_KINDS = {"heading", "subtitle", "byline", "credit"}
CITABLE_HEADS = {"heading", "subtitle", "byline", "credit"}
_DATELINE_LEAD = re.compile(r"^(?:本报讯|本报[\u4e00-\u9fff]{1,6}电|新华社[\u4e00-\u9fff]{1,8}电)\s*(?:[（(][^）)]*[）)])?\s*")
_DATE_LEAD = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日[，,]?")


@dataclass(frozen=True)
class Article:
    title: str
    subtitle: str
    byline: str
    kind: str
    text: MappedText


@dataclass
class _Story:
    lead: list[Paragraph] = field(default_factory=list)     # headline group above the body
    flow: list[Paragraph] = field(default_factory=list)     # body and subheadings, in order
    subheads: list[list[Paragraph]] = field(default_factory=list)
    tail: list[Paragraph] = field(default_factory=list)     # headline group below the body

    @property
    def has_body(self) -> bool:
        return any(p.kind == "body" for p in self.flow)


def articles(paragraphs: list[Paragraph]) -> list[Article]:
    """Stories and photo captions of one file, in reading order."""
    out: list[tuple[int, Article]] = []
    for story in _stories([p for p in paragraphs if p.kind != "caption"]):
        if story.has_body:
            out.append((story.flow[0].start, _story_article(story)))
    for p in paragraphs:
        if p.kind == "caption":
            out.append((p.start, Article(_caption_title(p.text.text), "", "", "caption", p.text)))
    return [a for _, a in sorted(out, key=lambda item: item[0])]


def _groups(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    return [_pen_name(g) for g in _runs(paragraphs)]


def _pen_name(group: list[Paragraph]) -> list[Paragraph]:
    """A commentary signs with a name alone under its headline (`厉害了，我的大许昌` / `许言`): two or three
    characters closing a headline group right after the title are its author, not a column label
    (核心提示, four and more, comes before a title). Read as a label it was left out of the text, and
    "who wrote it" had no answer to cite."""
    last = group[-1]
    t = last.text.text.strip()
    if (len(group) >= 2 and last.kind == "heading" and 2 <= len(t) <= 3 and all(is_cjk(c) for c in t)
            and group[-2].kind == "heading" and not _is_label(group[-2])):
        return [*group[:-1], replace(last, kind="byline")]
    return group


def _runs(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Alternating runs of headline paragraphs and body paragraphs; a dateline starts a run."""
    groups: list[list[Paragraph]] = []
    for p in paragraphs:
        head = p.kind in HEAD_KINDS
        if groups and (groups[-1][0].kind in HEAD_KINDS) == head and not p.dateline:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _closes(group: list[Paragraph], following: list[Paragraph] | None) -> bool:
    if following is not None and following[0].dateline:
        return True
    if any(p.kind == "credit" for p in group):
        return True
    # `headline / ——访… / 本报记者 X` signs off the story above; a byline that comes
    # first (`□ 记者 X`, then subheadings) opens the text below instead.
    first_title = next((i for i, p in enumerate(group) if p.kind == "heading" and not _is_label(p)), None)
    return first_title is not None and any(p.kind in ("byline", "subtitle") for p in group[first_title:])


def _stories(paragraphs: list[Paragraph]) -> list[_Story]:
    groups = _groups(paragraphs)
    stories = [_Story()]
    for i, group in enumerate(groups):
        cur = stories[-1]
        following = groups[i + 1] if i + 1 < len(groups) else None
        if group[0].kind in HEAD_KINDS:
            if not cur.has_body:
                cur.lead.extend(group)
            elif _closes(group, following) and _has_title(cur.lead) and group[0].kind == "heading" \
                    and not any(p.kind == "credit" for p in group):
                stories.append(_Story(lead=list(group)))   # the story above has its headline: this one opens the next
            elif _closes(group, following):
                cur.tail = group
                stories.append(_Story())
            else:
                cur.subheads.append(group)
                # a byline printed inside the story (`□ 记者张铮` after its lead-in) stays where it
                # stands, as the headline group's do: who wrote it is asked, and must be citable
                cur.flow.extend(p for p in group if p.kind in CITABLE_HEADS and not _is_label(p))
        else:
            if group[0].dateline and cur.has_body:
                stories.append(_Story())
                cur = stories[-1]
            cur.flow.extend(group)
    return stories


def _has_title(group: list[Paragraph]) -> bool:
    return any(p.kind == "heading" and not _is_label(p) for p in group)


def _is_label(p: Paragraph) -> bool:
    return p.kind == "heading" and len(p.text.text) <= LABEL_MAX


def _story_article(story: _Story) -> Article:
    title, rest = "", []
    for group in [story.lead, story.tail, *story.subheads]:
        units = _title_units([p.text.text for p in group if p.kind == "heading" and not _is_label(p)])
        if units:
            best = next((u for u in units if _is_couplet(u)), units[0])
            title = best
            rest = [u for u in units if u != best] + [p.text.text for p in group if p.kind == "subtitle"]
            break
    if not title:
        labels = [p.text.text for p in story.lead + story.tail if _is_label(p)]
        title = labels[0] if labels else _lead_title(story)
    heads = story.lead + story.tail + [p for g in story.subheads for p in g]
    byline = " ".join(p.text.text for p in heads if p.kind == "byline")
    # Headlines, bylines, `——访…` subtitles and credits (`许廷合 整理`) stay in the text where
    # they are printed: they hold facts (`确定文明创建6项重点任务`, who wrote, who was interviewed).
    before = [p for p in story.lead if p.kind in CITABLE_HEADS and not _is_label(p)]
    after = [p for p in story.tail if p.kind in CITABLE_HEADS and not _is_label(p)]
    return Article(title, " ".join(rest), byline, "story", paragraph_text(before + story.flow + after))


def _title_units(lines: list[str]) -> list[str]:
    """Join headline lines that belong together: a line ending in `：`, a clause broken
    after a comma (`争创典范，让文明` / `成为高质量发展最美底色`), or a couplet of two
    balanced short lines (`深入实施百城提质` / `持续增进民生福祉`)."""
    units: list[str] = []
    for line in lines:
        if units:
            prev = units[-1]
            if prev.endswith(("：", ":")) or (
                    ("，" in prev or "," in prev) and not _has_punct(line) and len(line) <= 12 and " " not in prev):
                units[-1] = prev + line
                continue
            if " " not in prev and _balanced(prev, line):
                units[-1] = prev + " " + line
                continue
        units.append(line)
    return units


def _has_punct(text: str) -> bool:
    return any(is_punct(ch) for ch in text)


def _balanced(a: str, b: str) -> bool:
    return (all(4 <= len(x) <= 12 and all(is_cjk(ch) for ch in x) for x in (a, b))
            and abs(len(a) - len(b)) <= 3)


def _is_couplet(unit: str) -> bool:
    parts = unit.split(" ")
    return len(parts) == 2 and _balanced(*parts)


def _lead_title(story: _Story) -> str:
    """No headline printed: the first clause of the lead (`全省…会议在郑州召开`)."""
    lead = next(p.text.text for p in story.flow if p.kind == "body")
    lead = _DATE_LEAD.sub("", _DATELINE_LEAD.sub("", lead))
    clause = re.split(r"[，。！？；,!?;]", lead, maxsplit=1)[0]
    return clause if len(clause) >= 4 else lead[:24]


def _caption_title(text: str) -> str:
    body = CAPTION_CREDIT.sub("", text).strip()
    body = re.sub(r"(?:本报)?(?:记者|通讯员)?\s*$", "", body).strip()
    first = re.split(r"(?<=[。！？!?])", body, maxsplit=1)[0].rstrip("。！？!? ")
    if len(first) > 40:
        cut = first[:40].rfind("，")
        first = first[:cut] if cut > 8 else first[:40]
    return first or "图片"
