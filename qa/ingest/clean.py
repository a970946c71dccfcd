"""Clean one raw line: collapse overprinted headings, remove PDF letter-spacing.

The result is a MappedText, so every kept character still knows its raw offset.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qa.ingest.chars import is_cjk, is_latin, is_numeric, is_punct, is_wide_punct
from qa.offsets import MappedText

_TOKEN = re.compile(r"[^\s\u3000\xa0\ufeff]+")


@dataclass(frozen=True)
class CleanLine:
    text: MappedText
    dropped: frozenset[int]  # raw offsets removed as duplicates of kept text
    letterspaced: bool       # PDF justified the line by spreading single characters


def clean_line(raw: str, start: int, end: int, markup: frozenset[int] = frozenset()) -> CleanLine:
    tokens = [MappedText.of(raw, start + m.start(), start + m.end()) for m in _TOKEN.finditer(raw[start:end])]
    if markup:
        tokens = [t for t in (_without(t, markup) for t in tokens) if len(t)]
    tokens, dropped = _collapse_doubling(tokens)
    singles = sum(1 for t in tokens if _cjk_count(t.text) == 1 and not _has_letters(t.text))
    letterspaced = singles >= 3 and singles * 2 >= len(tokens)
    out = MappedText.empty()
    for i, tok in enumerate(tokens):
        if i and _keep_space(tokens[i - 1].text, tok.text):
            out = out.char(" ", tok.pos[0] - 1)
        out = out + tok
    return CleanLine(out, frozenset(dropped), letterspaced)


def _without(tok: MappedText, markup: frozenset[int]) -> MappedText:
    keep = [i for i, p in enumerate(tok.pos) if p not in markup]
    return MappedText("".join(tok.text[i] for i in keep), tuple(tok.pos[i] for i in keep))


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if is_cjk(ch))


def _collapse_doubling(tokens: list[MappedText]) -> tuple[list[MappedText], set[int]]:
    """Bold headings printed twice: `职能部门访谈职能部门访谈`, `专专 家家 点点 评评`.

    Only a whole line made of doubled tokens is collapsed, so real repetitions inside a
    sentence (谢谢, 常常, 研究研究) are never touched.
    """
    if not tokens:
        return tokens, set()
    if all(_half_doubled(t.text) for t in tokens):
        dropped = {p for t in tokens for p in t.pos[len(t) // 2:]}
        return [t[: len(t) // 2] for t in tokens], dropped
    pairs = sum(len(t) // 2 for t in tokens)
    if pairs >= 3 and all(_pair_doubled(t.text) for t in tokens):
        dropped = {p for t in tokens for p in t.pos[1::2]}
        return [t[::2] for t in tokens], dropped
    if all(_words_doubled(t.text) for t in tokens):   # 生态生态护河护河: each word printed twice
        kept, dropped = [], set()
        for t in tokens:
            keep = [i for m in _WORD_TWICE.finditer(t.text) for i in range(m.start(), m.start() + len(m.group(1)))]
            kept.append(MappedText("".join(t.text[i] for i in keep), tuple(t.pos[i] for i in keep)))
            dropped |= {p for i, p in enumerate(t.pos) if i not in set(keep)}
        return kept, dropped
    return tokens, set()


_WORD_TWICE = re.compile(r"([\u4e00-\u9fff]{2,4})\1")


def _words_doubled(text: str) -> bool:
    """A run of CJK words each printed twice (生态生态护河护河), two words at least."""
    return bool(re.fullmatch(r"(?:([\u4e00-\u9fff]{2,4})\1){2,}", text))


def _half_doubled(text: str) -> bool:
    half = len(text) // 2
    return half >= 2 and len(text) % 2 == 0 and text[:half] == text[half:] and _cjk_count(text[:half]) >= 2


def _pair_doubled(text: str) -> bool:
    return (len(text) >= 2 and len(text) % 2 == 0 and all(is_cjk(ch) for ch in text)
            and all(text[i] == text[i + 1] for i in range(0, len(text), 2)))


def _keep_space(left: str, right: str) -> bool:
    """Whether the white space between two tokens is a real word gap.

    PDF dumps put spaces between CJK characters (`跃 升 ，现 已`), around numbers
    (`2015 年`, `57.5 万人`) and punctuation; those go. Gaps between Latin words, between
    Latin and CJK, and between whole CJK words (`本报记者 许廷合`) stay.
    """
    a, b = left[-1], right[0]
    if is_wide_punct(a) or is_wide_punct(b):
        return False
    if (is_numeric(a) and is_cjk(b)) or (is_cjk(a) and is_numeric(b)):
        return False
    if (is_numeric(a) and b in "%‰") or (a.isdigit() and is_cjk(b)):
        return False
    if is_cjk(a) and is_cjk(b):
        return not (_cjk_count(left) == 1 and not _has_letters(left) or _cjk_count(right) == 1 and not _has_letters(right))
    if is_punct(a) and not a.isascii() or is_punct(b) and not b.isascii():
        return False
    return True


def _has_letters(token: str) -> bool:
    return any(is_latin(ch) or ch.isdigit() for ch in token)
