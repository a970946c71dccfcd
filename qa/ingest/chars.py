"""Character classes for Chinese news text."""
from __future__ import annotations

import unicodedata

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)】》\"'"
OPENERS = "“‘「『（(【《"
BULLETS = "●■▲◆★▶◇○•◎▪►"


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x2FA1F or 0x3007 == o)


def is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def is_wide_punct(ch: str) -> bool:
    """Full-width / CJK punctuation (，。、“”《》…), not ASCII punctuation."""
    return ord(ch) > 127 and (is_punct(ch) or 0xFF00 <= ord(ch) <= 0xFFEF or 0x3000 <= ord(ch) <= 0x303F)


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def is_numeric(ch: str) -> bool:
    """Digits and the ASCII marks that live inside numbers (57.5, 98.89%, 1,000)."""
    return ch.isascii() and (ch.isdigit() or ch in ".%‰,+-")


def width(text: str) -> float:
    """Printed width in CJK cells: ASCII is half a cell."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text if not ch.isspace())


def ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip(CLOSERS)
    return bool(t) and t[-1] in SENTENCE_END


def has_inner_sentence_end(text: str) -> bool:
    """A sentence end before the last character: headings never have one."""
    t = text.rstrip().rstrip(CLOSERS)
    return any(ch in SENTENCE_END for ch in t[:-1])
