"""Text whose every character remembers its offset in the raw file.

Cleaning drops characters (spaces, doubled headings) and joins lines, but never invents
visible characters: each kept character keeps its raw offset, and a separator we add
(a newline between paragraphs, a space between Latin words) points at raw white space.
"""
from __future__ import annotations

from dataclasses import dataclass

WHITESPACE = " \t\r\n\u3000\xa0\u2002\u2003\u2009\ufeff"


@dataclass(frozen=True)
class MappedText:
    text: str
    pos: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.pos):
            raise ValueError("MappedText needs one raw offset per character")

    @staticmethod
    def of(raw: str, start: int, end: int) -> "MappedText":
        return MappedText(raw[start:end], tuple(range(start, end)))

    @staticmethod
    def empty() -> "MappedText":
        return MappedText("", ())

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: "MappedText") -> "MappedText":
        return MappedText(self.text + other.text, self.pos + other.pos)

    def __getitem__(self, key: slice) -> "MappedText":
        return MappedText(self.text[key], self.pos[key])

    def char(self, ch: str, raw_pos: int) -> "MappedText":
        """Append one separator character mapped to `raw_pos` (raw white space)."""
        return MappedText(self.text + ch, self.pos + (raw_pos,))

    def strip(self) -> "MappedText":
        a, b = 0, len(self.text)
        while a < b and self.text[a] in WHITESPACE:
            a += 1
        while b > a and self.text[b - 1] in WHITESPACE:
            b -= 1
        return self[a:b]

    def raw_range(self) -> tuple[int, int]:
        """Smallest raw range holding every character (empty text gives (0, 0))."""
        if not self.pos:
            return (0, 0)
        return (min(self.pos), max(self.pos) + 1)


def join(parts: list[MappedText], sep: str = "\n") -> MappedText:
    """Join mapped parts with `sep`, each separator mapped just after the previous part."""
    out = MappedText.empty()
    for i, part in enumerate(parts):
        if i and sep:
            out = out.char(sep, out.pos[-1] + 1 if out.pos else part.pos[0])
        out = out + part
    return out


def raw_spans(raw: str, positions: tuple[int, ...], skippable: frozenset[int] = frozenset()) -> tuple[tuple[int, int], ...]:
    """Contiguous raw ranges covering `positions` (in order).

    Two neighbouring characters stay in one range when only white space or `skippable`
    raw offsets (collapsed duplicates) lie between them in the raw file; anything else
    between them (a photo caption lifted out of a sentence, say) starts a new range.
    """
    visible = [p for p in positions if raw[p] not in WHITESPACE]
    if not visible:
        return ()
    spans: list[tuple[int, int]] = []
    start = prev = visible[0]
    for p in visible[1:]:
        gap_ok = p > prev and all(raw[q] in WHITESPACE or q in skippable for q in range(prev + 1, p))
        if not gap_ok:
            spans.append((start, prev + 1))
            start = p
        prev = p
    spans.append((start, prev + 1))
    return tuple(spans)
