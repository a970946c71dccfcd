"""Answers as text for people: the terminal (`qa ask`) and, escaped, the chat page."""
from __future__ import annotations

from qa.models import Answer, Citation

NOT_FOUND = "资料中没有找到答案。"


def marked_quote(c: Citation, source_text: str | None = None, left: str = "【", right: str = "】") -> str:
    """The quote with the answer span marked; located through the raw offsets."""
    if c.answer_start is None or source_text is None:
        return c.quote
    raw = source_text[c.answer_start:c.answer_end]
    visible = "".join(raw.split())
    i = c.quote.find(visible)
    if i < 0:
        return c.quote
    return c.quote[:i] + left + visible + right + c.quote[i + len(visible):]


def as_text(a: Answer) -> str:
    lines = []
    if a.answer is None:
        lines.append(NOT_FOUND + (" 最接近的段落：" if a.citations else ""))
    else:
        lines.append(f"答案：{a.answer}    （{a.answer_type}，置信度 {a.confidence:.2f}）")
    if a.resolved_question and a.resolved_question != a.question:
        lines.append(f"理解为：{a.resolved_question}")
    for i, c in enumerate(a.citations, 1):
        quote = c.quote if c.answer_start is None else _mark_in_quote(c.quote, a.answer)
        lines.append(f"[{i}] {c.doc} «{c.title}» 第{c.start}–{c.end}字：{quote}")
    for c in a.conflicts:
        lines.append(f"另有说法：{c.answer}（{c.citation.doc} «{c.citation.title}» 第{c.citation.start}–{c.citation.end}字：{c.citation.quote}）")
    lines.append(f"用时 {a.timings_ms.get('total', 0):.0f} ms")
    return "\n".join(lines)


def _mark_in_quote(quote: str, answer: str | None) -> str:
    if not answer or answer == quote or answer not in quote:
        return quote
    return quote.replace(answer, f"【{answer}】", 1)
