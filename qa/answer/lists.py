"""Enumerations in a sentence: `A、B、C和D`, and `A和B` when both items end alike."""
from __future__ import annotations

import re

from qa.models import Span
from qa.answer.names import ENUM_SEP, _cut_flag
from qa.answer.question import Question
from qa.answer.textnorm import QUOTES

ITEM_SEPARATORS = re.compile(r"、|和|及|与")   # between the items of a list as answered
QUOTED_LIST = re.compile(r"“([^“”、]{1,40}(?:、[^“”、]{1,40})+)”")


def list_items(text: str) -> list[str]:
    """The items of a list as answered (服务粮农、关爱河湖水系和女童保护 → three)."""
    return ITEM_SEPARATORS.split(text)


def enumerations(text: str, q: Question, tokens) -> list[Span]:
    """`A、B、C和D` lists, and `A和B` when both items end alike (…小学和…小学)."""
    # a quoted enumeration is one slogan, whole (宣传“信以立业、孝以修身”: its 以 had cut it to 立业、孝 at 0.84)
    out = [Span(m.start(1), m.end(1), m.group(1), "list") for m in QUOTED_LIST.finditer(text)]
    quoted = [(s.start, s.end) for s in out]
    item = r"[^，。；：、,;:！？!?（）()\s●]{1,24}"
    for m in re.finditer(rf"{item}(?:{ENUM_SEP}{item})+(?:(?:和|及|与|以及){item})?", text):
        if any(a < m.end() and m.start() < b for a, b in quoted):
            continue
        parts = _items(m.group(0))
        span = _trim_items(text, m.start(), parts, tokens, q)
        if span and not (span.start and text[span.start - 1].isdigit()):   # 全国文明单位10|个、…: cut inside a count
            out.append(span)
    for m in re.finditer(r"([^，。；：、,;:！？!?\s●]{2,20})(和|与|及)([^，。；：、,;:！？!?\s●]{2,20})", text):
        a, b = m.group(1), m.group(3)
        shared = a[-2:] if a[-2:] in b else a[-1] if len(b) >= 2 and a[-1] in b[1:] else ""
        if len(a) >= 2 and shared:   # …小学和…小学: B ends where the shared ending does
            b_len = b.find(shared, 1) + len(shared)
            span = _trim_items(text, m.start(), [(0, len(a)), (len(a) + 1, len(a) + 1 + b_len)], tokens, q)
            if span:
                out.append(span)
    return out


def _items(body: str) -> list[tuple[int, int]]:
    """Item ranges of an enumeration, relative to its start."""
    out, start = [], 0
    for m in re.finditer(rf"{ENUM_SEP}|(?<=[\u4e00-\u9fff])(?:以及|和|及|与)(?=[\u4e00-\u9fff])", body):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(body)))
    return out


def _trim_items(text: str, offset: int, parts: list[tuple[int, int]], tokens, q: Question) -> Span | None:
    """Cut the first item down to where the list starts and the last to where it ends.

    Items that share a prefix or suffix (定任务、定时限 / …城市、…城市) mark the cut; else a
    verb, preposition or particle does (实施了|决策, 监督|五大创建机制, 中国人居环境奖|的).
    """
    if len(parts) < 2:
        return None
    first = 0   # 许昌市培育、打造了|服务粮农、…: the list starts at the last item with a particle (3+ items left)
    for k in range(len(parts) - 2):
        a, b = offset + parts[k][0], offset + parts[k][1]
        if any(a <= t.start and t.end < b and t.flag.startswith(("u", "p")) for t in tokens):
            first = k
    parts = parts[first:]
    texts = [text[offset + a: offset + b] for a, b in parts]
    others = texts[1:-1] or texts[1:]
    first_a, first_b = offset + parts[0][0], offset + parts[0][1]
    last_a, last_b = offset + parts[-1][0], offset + parts[-1][1]
    typical = max(len(t) for t in others)
    prefix = _common(texts[1:], lambda a, b: a[:len(b)] == b, lambda t, k: t[:k])   # item starts are reliable
    suffix = _common(texts[:-1], lambda a, b: a.endswith(b), lambda t, k: t[-k:])
    if len(texts) == 2 and len(texts[0]) >= 2:   # one item before the last: its ending, as A和B (…城市、…城市|称号)
        suffix = texts[0][-2:]
        # …and where the last starts as a word of the first does, the first starts there too (成为全省首个|国家水生态
        # 文明城市和国家生态园林城市: cut after the question's 国家 of 国家级称号, the answer lost it)
        prefix = texts[1][:2] if len(texts[1]) >= 3 else ""
    start = first_a
    particles = [t for t in tokens if first_a <= t.start and t.end <= first_b - 1 and t.flag.startswith(("u", "p"))]
    by_prefix = bool(prefix) and text.rfind(prefix, first_a, first_b) >= 0
    if by_prefix:
        start = text.rfind(prefix, first_a, first_b)
    elif particles:   # 打造了|服务粮农: the list starts after the particle, and after a verb that follows it
        start = particles[-1].end
        for t in (t for t in tokens if start <= t.start and t.end <= first_b - 2):   # 被|授予|国家园林城市
            if t.start != start or not t.flag.startswith("v") or t.flag == "vn":
                break
            start = t.end
    if not by_prefix and first_b - start > typical:
        # still longer than any other item: it starts after its last verb (在|全省开始创建|国家卫生城、国家园林城…)
        for t in tokens:
            if start <= t.start and t.end <= first_b - 1 and (_cut_flag(t) or _asked(t.word, q.text)):
                start = t.end
    typical_last = max([first_b - start] + [len(t) for t in texts[1:-1]])   # the first item as cut
    end = last_b
    if suffix and text.find(suffix, last_a, last_b) >= 0:
        end = text.find(suffix, last_a, last_b) + len(suffix)
    elif any(last_a < t.start < last_b and t.flag.startswith("u") for t in tokens):   # 女童保护|等一批…
        end = next(t.start for t in tokens if last_a < t.start < last_b and t.flag.startswith("u"))
        if end - last_a > typical_last:   # 鄢陵县委|主要负责同志作|了: the question's own words end it first
            end = next((t.start for t in tokens if last_a < t.start < end and len(t.word) >= 2 and _asked(t.word, q.text)), end)
    elif len(texts[-1]) > typical_last and (most := _most_end(texts[:-1], texts[-1])):
        # most items end alike, the last runs on (北海、灞陵湖、芙蓉湖、鹿鸣湖、秋湖湿地、东湖|碧波荡漾: the segmenter
        # tags 碧波荡漾 a name; the fortieth held-out set): it ends where they do
        end = last_a + texts[-1].find(most) + len(most)
    elif len(texts[-1]) > typical_last:
        for t in tokens:
            if last_a + 1 <= t.start < last_b and (_cut_flag(t) or _asked(t.word, q.text)):
                end = t.start
                break
    # an opening quotation mark inside the last item begins what follows the list (社会|“三结合”教育,
    # 定责任|“五定”原则): the list ends before it, never on a mark whose closing half it leaves out
    opened = [k for k in range(last_a + 1, end) if text[k] in QUOTES]
    if opened:
        end = opened[0]
    if end - start < 3 or end <= last_a or start >= first_b:
        return None
    # an item of one character at either end is a word cut (圈、医疗服务圈… of 便民服务圈; 第4位和第2位 cut to 位和第): the
    # list starts or ends at the next item
    items = list_items(text[start:end])
    if start and text[start - 1].isdigit():
        return None   # 全国文明单位10|个、…: cut inside a count, whose measure word is no item to drop
    while len(items) > 1 and len(items[0]) < 2:
        start += len(items.pop(0)) + 1
    while len(items) > 1 and len(items[-1]) < 2:
        end -= len(items.pop()) + 1
    return Span(start, end, text[start:end], "list") if len(items) > 1 else None


def _most_end(texts: list[str], last: str) -> str:
    """The last character that more than half (and two) of `texts` end with, where `last` holds it before its end."""
    ends = [t[-1] for t in texts if t]
    most = max(set(ends), key=ends.count) if ends else ""
    shared = bool(most) and ends.count(most) >= 2 and ends.count(most) > len(texts) / 2
    return most if shared and 0 <= last.find(most) < len(last) - 1 else ""


def _asked(word: str, question: str) -> bool:
    """The word (出席会议) or its first two characters (出席) come from the question."""
    return len(word) >= 2 and (word in question or word[:2] in question)


def _common(texts: list[str], has, cut) -> str:
    """The longest prefix (or suffix) of one or more characters every text shares."""
    if len(texts) < 2 or any(len(t) < 2 for t in texts):
        return ""
    best = ""
    for k in range(1, min(len(t) for t in texts)):
        piece = cut(texts[0], k)
        if all(has(t, piece) for t in texts):
            best = piece
        else:
            break
    return best

