"""Whether a span offered for a typed question (a date, a count, a share, a rank, a name) runs across the
end of a sentence: such a value is printed inside one sentence, so a span that holds a sentence end and more
after it is not one answer. Entry point: `across_sentences(question, text, span)`.

Why: with the start's 2006年 left out (qa.answer.event_stage), 许昌是哪年拿到国家森林城市称号的 was answered at
0.40 with the reader's 2006年，许昌提出开展创建…工作。\\n2015年. Open questions are not judged: an accepted CMRC
answer may quote two sentences.
"""
from __future__ import annotations

from qa.answer.question import Question

TYPED = ("date", "number", "percent", "rank", "person")
SENTENCE_ENDS = "。！？!?"


def across_sentences(q: Question, text: str, span) -> bool:
    """Whether `span` (offsets into `text`) holds a sentence end with more of the text after it."""
    if q.type not in TYPED or span is None:
        return False
    inside = text[span.start:span.end].rstrip()
    return any(mark in inside[:-1] for mark in SENTENCE_ENDS)
