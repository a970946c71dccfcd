"""Answers as text for people: the terminal (`qa ask`) and, escaped, the chat page."""
from __future__ import annotations

from collections.abc import Callable

from qa.answer.confidence import band
from qa.models import Answer

NOT_FOUND = "资料中没有找到答案。"


def answer_range(quote: str, start: object, answer_start: object, answer_end: object,
                 source: str | None) -> tuple[int, int] | None:
    """Where the answer stands in the quote (a range of `quote`), or None.

    The quote is cleaned text and the answer is given as raw file offsets, so the answer is found
    by its visible characters, at the occurrence nearest to where the offsets put it (41|3个 and
    社区3个 are both "3个")."""
    a, b = answer_start, answer_end
    if source is None or not isinstance(a, int) or not isinstance(b, int) or not 0 <= a < b <= len(source):
        return None
    visible = "".join(source[a:b].split())
    expected = len("".join(source[start:a].split())) if isinstance(start, int) and 0 <= start <= a else 0
    keep = [k for k, ch in enumerate(quote) if not ch.isspace()]   # quote positions of its visible characters
    squeezed = "".join(quote[k] for k in keep)
    hits = [i for i in range(len(squeezed)) if squeezed.startswith(visible, i)] if visible else []
    if not hits:
        return None
    i = min(hits, key=lambda h: abs(h - expected))
    return keep[i], keep[i + len(visible) - 1] + 1


def as_text(a: Answer, source_text: Callable[[str], str | None] = lambda doc: None) -> str:
    """The answer for a terminal; `source_text` (file name → its raw text) places the 【】 marks."""
    lines = []
    if a.answer is None:
        lines.append(NOT_FOUND + (" 最接近的段落：" if a.citations else ""))
    else:
        p = round(a.confidence, 2)   # the word from the number as shown, as the chat does (0.5996 is 0.60, 中)
        lines.append(f"答案：{a.answer}    （{a.answer_type}，置信度：{band(p)} {p:.2f}）")
    if a.resolved_question and a.resolved_question != a.question:
        lines.append(f"理解为：{a.resolved_question}")
    for i, c in enumerate(a.citations, 1):
        where = answer_range(c.quote, c.start, c.answer_start, c.answer_end, source_text(c.doc))
        quote = c.quote if where is None else f"{c.quote[:where[0]]}【{c.quote[where[0]:where[1]]}】{c.quote[where[1]:]}"
        lines.append(f"[{i}] {c.doc} «{c.title}» 第{c.start}–{c.end}字：{quote}")
    for k in a.conflicts:
        lines.append(
            f"另有说法：{k.answer}（{k.citation.doc} «{k.citation.title}» "
            f"第{k.citation.start}–{k.citation.end}字：{k.citation.quote}）"
        )
    lines.append(f"用时 {a.timings_ms.get('total', 0):.0f} ms")
    return "\n".join(lines)
