"""Files written in traditional characters, read as simplified so that simplified questions find
them (and traditional ones, which are simplified at the answer stage's edge). The conversion
keeps every offset: the text keeps its length, character for character, and the document keeps
its own characters (`Document.shown`) for quotes and answers. Entry point: `simplified_documents`.
"""
from __future__ import annotations

import dataclasses

from qa.ingest.chars import is_cjk
from qa.models import Document

# A file is traditional when OpenCC t2s changes at least this share of its Chinese characters:
# simplified news text changes 0–0.3% (a few characters OpenCC maps anyway), traditional text ~20%.
TRADITIONAL_SHARE = 0.03


def simplified_documents(docs: list[Document]) -> list[Document]:
    """The documents of one file, converted when the file is written in traditional characters."""
    text = "".join(d.title + d.text for d in docs)
    cjk = sum(1 for ch in text if is_cjk(ch))
    if not cjk:
        return docs
    convert = _converter()
    changed = sum(a != b for a, b in zip(text, _same_length(convert, text)))
    if changed < TRADITIONAL_SHARE * cjk:
        return docs
    return [dataclasses.replace(d, text=_same_length(convert, d.text), shown=d.text,
                                title=_same_length(convert, d.title), shown_title=d.title) for d in docs]


def _converter():
    import opencc

    return opencc.OpenCC("t2s").convert


def _same_length(convert, text: str) -> str:
    """t2s with every offset kept: the phrase-aware conversion when it keeps the length (it
    nearly always does), else character by character."""
    out = convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)
