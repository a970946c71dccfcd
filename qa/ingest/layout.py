"""From raw lines to classified paragraphs.

PDF dumps break lines at the column edge, sometimes with blank lines in mid-sentence, and
lift photo captions into the text flow. A line is joined to the next when it does not end
a sentence and either fills its column (measured against its neighbours) or already holds
a finished sentence (headings never do).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace

from qa.ingest.chars import BULLETS, CLOSERS, ends_sentence, has_inner_sentence_end, is_punct, width
from qa.ingest.clean import CleanLine, clean_line
from qa.offsets import MappedText, join
from qa.ingest.read import RawText

CAPTION_CREDIT = re.compile(
    r"(?:(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*\s*摄(?:影)?"
    r"|(?:资料)?图片.{0,20}提供|供图)$")
BARE_CREDIT = re.compile(r"^(?:本报)?(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*\s*摄$")
BYLINE = re.compile(
    r"^(?:□\s*)?(?:本报|[\u4e00-\u9fff]{2,4}日报)?(?:记者|通讯员|评论员|特约记者)\s*[\u4e00-\u9fff·]{2,4}"
    r"(?:\s+(?:(?:本报)?(?:记者|通讯员))?\s*[\u4e00-\u9fff·]{2,4})*$")
CREDIT = re.compile(r"^[（(](?:[^（）()]{1,20}\s*(?:整理|供稿|报道|采写)|(?:下转|上接|转|接)第.{1,4}版)[）)]$")
DATELINE = re.compile(r"^(?:本报讯|本报[\u4e00-\u9fff]{1,6}电|新华社[\u4e00-\u9fff]{1,8}电)")
SUBTITLE = re.compile(r"^(?:——|--|—)")


@dataclass(frozen=True)
class Line:
    number: int          # raw line number
    clean: CleanLine
    blank_before: bool
    blank_after: bool
    forced_heading: bool

    @property
    def text(self) -> str:
        return self.clean.text.text


@dataclass(frozen=True)
class Paragraph:
    text: MappedText
    kind: str            # body | heading | byline | credit | subtitle | caption
    dateline: bool       # starts a news story (本报讯…)
    lines: int

    @property
    def start(self) -> int:
        return self.text.raw_range()[0]


def paragraphs(raw: RawText) -> tuple[list[Paragraph], frozenset[int]]:
    """Classified paragraphs in reading order, plus raw offsets of collapsed duplicates."""
    lines = _lines(raw)
    dropped = frozenset(p for line in lines for p in line.clean.dropped)
    captions = _caption_groups(lines)
    in_caption = {i for group in captions for i in group}
    flow = [i for i in range(len(lines)) if i not in in_caption]
    cols = _column_widths(lines, flow)
    out: list[Paragraph] = []
    current: list[int] = []
    for k, i in enumerate(flow):
        if current and not _joins(lines, current, i, cols[flow[k - 1]]):
            out.extend(_finish(lines, current))
            current = []
        current.append(i)
    if current:
        out.extend(_finish(lines, current))
    for group in captions:
        out.append(Paragraph(_joined(lines, group), "caption", False, len(group)))
    out.sort(key=lambda p: p.start)
    return out, dropped


def _lines(raw: RawText) -> list[Line]:
    out: list[Line] = []
    blank = False
    offset = 0
    for number, text in enumerate(raw.text.split("\n")):
        start, end = offset, offset + len(text)
        offset = end + 1
        cl = clean_line(raw.text, start, end, raw.markup)
        if not len(cl.text):
            blank = True
            continue
        if out and blank:
            out[-1] = replace(out[-1], blank_after=True)
        out.append(Line(number, cl, blank, False, number in raw.heading_lines))
        blank = False
    return out


def _caption_groups(lines: list[Line]) -> list[list[int]]:
    """A photo caption ends with its credit (`本报记者 乔利峰 摄`) and reaches back over
    the lines printed directly above it that do not end a sentence."""
    groups: list[list[int]] = []
    taken: set[int] = set()
    for i, line in enumerate(lines):
        if not CAPTION_CREDIT.search(line.text):
            continue
        group = [i]
        bare = bool(BARE_CREDIT.match(line.text))
        j = i
        while j > 0 and not lines[j].blank_before and (j - 1) not in taken:
            prev = lines[j - 1]
            if BYLINE.match(prev.text) or CREDIT.match(prev.text):
                break
            if ends_sentence(prev.text) and not (bare and len(group) == 1):
                break
            group.insert(0, j - 1)
            j -= 1
        groups.append(group)
        taken.update(group)
    return groups


def _column_widths(lines: list[Line], flow: list[int]) -> dict[int, float]:
    """Typical line width around each line: the median of its neighbours' widths."""
    widths = {i: width(lines[i].text) for i in flow}
    out = {}
    for k, i in enumerate(flow):
        near = [widths[j] for j in flow[max(0, k - 6): k + 7]
                if not lines[j].clean.letterspaced and widths[j] >= 4]
        out[i] = statistics.median(near) if near else widths[i]
    return out


def _starts_item(line: Line) -> bool:
    t = line.text
    return (t[0] in BULLETS or bool(DATELINE.match(t)) or bool(SUBTITLE.match(t))
            or bool(BYLINE.match(t)) or bool(CREDIT.match(t)))


def _heading_like(text: str) -> bool:
    """No sentence in it and not cut at a comma: could be a headline."""
    core = text.rstrip().rstrip(CLOSERS)
    return (bool(core) and not ends_sentence(text) and not has_inner_sentence_end(text)
            and (not is_punct(core[-1]) or core[-1] in "：:"))


# A line ending in a word that needs a complement (…始于, …的, …和) continues on the next line.
_DANGLING = set("的于和与及对把被从向在为将以是而并且或之其由经给让使")


def _unclosed(text: str) -> bool:
    return any(text.count(o) > text.count(c) for o, c in ("（）", "()", "“”", "《》", "【】"))


def _joins(lines: list[Line], current: list[int], j: int, col: float) -> bool:
    last, nxt = lines[current[-1]], lines[j]
    if last.forced_heading or nxt.forced_heading or _starts_item(nxt):
        return False
    if BYLINE.match(last.text) or CREDIT.match(last.text) or ends_sentence(last.text):
        return False
    if lines[current[0]].text[0] in BULLETS or _unclosed(last.text) or last.text[-1] in _DANGLING:
        return True  # a chronology item runs until the next bullet; brackets close; 的/于 need more
    if (len(current) == 1 and _heading_like(last.text)
            and (last.blank_before or current[0] == 0) and nxt.blank_before):
        return False  # a line standing alone between blank lines is a headline
    wide = col * 1.5
    for line in (nxt, last):
        if (_heading_like(line.text) and not line.clean.letterspaced and width(line.text) > wide
                and (line.blank_before or line.blank_after)):
            return False  # much wider than its column and set apart: a headline across columns
    if has_inner_sentence_end(last.text) or last.clean.letterspaced:
        return True
    return width(last.text) >= col - 3.5


def _joined(lines: list[Line], group: list[int]) -> MappedText:
    out = MappedText.empty()
    for i in group:
        piece = lines[i].clean.text
        if len(out) and out.text[-1].isascii() and out.text[-1].isalnum() and piece.text[0].isascii() and piece.text[0].isalnum():
            out = out.char(" ", out.pos[-1] + 1)  # keep Latin words and numbers apart
        out = out + piece
    return out


def _finish(lines: list[Line], group: list[int]) -> list[Paragraph]:
    text = _joined(lines, group)
    # Lines joined into something with no sentence in it were headline lines that
    # happened to fill the column (`许昌誓夺…“三连冠”` / `确定文明创建6项重点任务`).
    if len(group) > 1 and _heading_like(text.text) and lines[group[0]].text[0] not in BULLETS:
        return [_classify(lines[i].clean.text, 1, lines[i].forced_heading) for i in group]
    return [_classify(text, len(group), any(lines[i].forced_heading for i in group))]


def _classify(text: MappedText, n_lines: int, forced_heading: bool) -> Paragraph:
    t = text.text
    dateline = bool(DATELINE.match(t))
    if forced_heading:
        kind = "heading"
    elif BYLINE.match(t):
        kind = "byline"
    elif CREDIT.match(t):
        kind = "credit"
    elif SUBTITLE.match(t) and _heading_like(t):
        kind = "subtitle"
    elif t[0] not in BULLETS and _heading_like(t) and width(t) <= 40 and not dateline:
        kind = "heading"
    else:
        kind = "body"
    return Paragraph(text, kind, dateline, n_lines)


def paragraph_text(parts: list[Paragraph]) -> MappedText:
    return join([p.text for p in parts], "\n")
