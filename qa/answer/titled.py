"""An official named the way residents name one: by surname and office (胡书记, 郑局长, 史市长), read as
the one full name the articles print with that office (市委书记胡五岳 → 胡五岳). Entry point:
`resolve_titled(index, question)`.

Why: the articles print the whole name once, with the office right before it, and the bare name after
(胡五岳强调…); 胡书记 matched none of those sentences, weighed most of its question as an unknown name,
and 胡书记在以案促改会议上强调了啥 was refused. Only a surname and office the articles print for exactly
one person is read; otherwise the question is left as asked.
"""
from __future__ import annotations

import re

from qa.answer.names import OFFICE_ENDS, names_after
from qa.answer.person_asked import SURNAMES
from qa.index.record import Index

_TITLED = re.compile(rf"([{''.join(sorted(SURNAMES))}])({'|'.join(sorted(OFFICE_ENDS, key=len, reverse=True))})")


def resolve_titled(index: Index, question: str) -> str:
    """`question` with each surname + office the articles give one full name for read as that name."""
    out, at, starts = [], 0, None
    for m in _TITLED.finditer(question):
        if starts is None:   # tagged only when a surname + office is there at all
            starts = {t.start for t in index.tokenizer.tagged(question)}
        if m.start() not in starts:
            continue   # 全市长效 (全市|长效): the "surname" is inside another word
        names = _printed_names(index, m.group(1), m.group(2))
        if len(names) == 1:
            out += [question[at:m.start()], names[0]]
            at = m.end()
    return "".join(out) + question[at:] if out else question


def _printed_names(index: Index, surname: str, office: str) -> tuple[str, ...]:
    """Distinct full names printed right after `office` that start with `surname`, once per index."""
    cache = index.derived.setdefault("titled_names", {})
    key = (surname, office)
    if key not in cache:
        found: set[str] = set()
        needle = re.compile(re.escape(office) + r"[ \u3000]*" + re.escape(surname))
        for s in index.sentences:
            if needle.search(s.text):   # only these few sentences are tagged
                found |= {name for _, _, name in names_after(s.text, (office,), index.tokenizer.tagged(s.text))
                          if name.startswith(surname)}
        cache[key] = tuple(sorted(found))
    return cache[key]
