"""Text whose every character remembers its offset in the raw file.

Cleaning drops characters (spaces, doubled headings) and joins lines, but never invents
visible characters: each kept character keeps its raw offset, and a separator we add
(a newline between paragraphs, a space between Latin words) points at raw white space.
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass
from collections.abc import Iterable, Iterator

WHITESPACE = " \t\r\n\u3000\xa0\u2002\u2003\u2009\ufeff"


@dataclass(frozen=True)
class MappedText:
    text: str
    pos: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.pos):
            raise ValueError("MappedText needs one raw offset per character")

    @staticmethod
    def of(raw: str, start: int, end: int) -> MappedText:
        return MappedText(raw[start:end], tuple(range(start, end)))

    @staticmethod
    def empty() -> MappedText:
        return MappedText("", ())

    def __len__(self) -> int:
        return len(self.text)

    def __add__(self, other: MappedText) -> MappedText:
        return MappedText(self.text + other.text, self.pos + other.pos)

    def __getitem__(self, key: slice) -> MappedText:
        return MappedText(self.text[key], self.pos[key])

    def char(self, ch: str, raw_pos: int) -> MappedText:
        """Append one separator character mapped to `raw_pos` (raw white space)."""
        return MappedText(self.text + ch, self.pos + (raw_pos,))

    def strip(self) -> MappedText:
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


class Positions:
    """An article's raw offsets (one per character), kept as runs of consecutive offsets.

    Cleaned text is mostly long stretches copied from the file, so a run is tens of characters:
    a tuple of ints costs ~36 bytes per character (pointer plus int object), which at 100k
    chunks is most of a serving process's memory; two 8-byte numbers per run cost a few MB.
    Reads like the tuple it replaces: len, [i], [a:b] (a tuple), iteration, ==.
    """
    __slots__ = ("_at", "_raw", "_n")

    def __init__(self, offsets: Iterable[int] = ()) -> None:
        at, raw, n, prev = array("q"), array("q"), 0, None
        for p in offsets:
            if prev is None or p != prev + 1:
                at.append(n)
                raw.append(p)
            prev, n = p, n + 1
        self._at, self._raw, self._n = at, raw, n

    @staticmethod
    def from_runs(runs: Iterable[tuple[int, int, int]]) -> Positions:
        """From `runs()` output: (text offset, raw offset, length) per run."""
        out = Positions()
        for at, raw, length in runs:
            if at != out._n or length < 1:
                raise ValueError("position runs must be contiguous and non-empty")
            out._at.append(at)
            out._raw.append(raw)
            out._n += length
        return out

    def runs(self) -> list[tuple[int, int, int]]:
        ends = list(self._at[1:]) + [self._n]
        return [(a, r, e - a) for a, r, e in zip(self._at, self._raw, ends)]

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[int]:
        for _, raw, length in self.runs():
            yield from range(raw, raw + length)

    def __getitem__(self, key):
        if isinstance(key, slice):
            a, b, step = key.indices(self._n)
            if step != 1 or a >= b:
                return tuple(self)[key]
            out, r = [], bisect_right(self._at, a) - 1
            while a < b:   # walk the runs the slice touches
                end = min(b, self._at[r + 1] if r + 1 < len(self._at) else self._n)
                base = self._raw[r] - self._at[r]
                out.extend(range(base + a, base + end))
                a, r = end, r + 1
            return tuple(out)
        i = key + self._n if key < 0 else key
        if not 0 <= i < self._n:
            raise IndexError("position index out of range")
        r = bisect_right(self._at, i) - 1
        return self._raw[r] + i - self._at[r]

    def low(self) -> int:
        return min(self._raw)   # offsets rise inside a run, so a run's least is its first

    def high(self) -> int:
        return max(r + length - 1 for _, r, length in self.runs())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Positions):
            return (self._n, self._at, self._raw) == (other._n, other._at, other._raw)
        if isinstance(other, tuple):
            return len(other) == self._n and tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._n, tuple(self._at), tuple(self._raw)))

    def __repr__(self) -> str:
        return f"Positions({self._n} offsets in {len(self._at)} runs)"


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
