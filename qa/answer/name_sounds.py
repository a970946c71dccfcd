"""A person's name typed with another character of the same sound (胡五月 for 胡五岳, 刘少琳 for 刘少林): read as the
name the articles print. The slip corrector (qa.answer.normalise) leaves these: 五月 is a word, and names are not
in its vocabulary (the search index cuts 刘|少林). Entry point: `NameSounds(texts).read(text, words, is_word)`.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable

from qa.answer.person_asked import SURNAMES

NAME_CHARS = 3   # a surname and two: a two-character name has one character to slip, too little to tell it from a word


class NameSounds:
    """The three-character runs the articles print after each surname, by their toneless pinyin (made on first use)."""

    def __init__(self, texts: Iterable[str]):
        self._texts = texts
        self._text: str | None = None
        self._by_surname: dict[str, dict[tuple[str, ...], set[str]]] = {}
        self._lock = threading.Lock()

    def read(self, text: str, words: Iterable[tuple[int, int]], is_word: Callable[[str], bool]) -> str:
        """`text` with each run of a surname and two characters that the segmenter reads as whole words (`words`: their
        start and end offsets), that the articles never print and no dictionary knows, read as the one printed run of
        the same sound one character away that is a name: its first two characters and its last two are never printed
        without the third (许昌一共 is no 许昌以, 杨昊现效力 no 杨昊先: 许昌 and 杨昊 stand before many characters)."""
        from pypinyin import lazy_pinyin

        spans = list(words)
        ends = {b for _, b in spans}
        out, printed = text, self._printed()
        for i, _ in spans:
            piece = text[i:i + NAME_CHARS]
            if len(piece) < NAME_CHARS or piece[0] not in SURNAMES or not re.fullmatch(r"[\u4e00-\u9fff]+", piece) \
                    or i + NAME_CHARS not in ends or is_word(piece) or piece in printed:   # the corpus search last
                continue
            near = {w for w in self._sounds(piece[0]).get(tuple(lazy_pinyin(piece)), ())
                    if sum(a != b for a, b in zip(w, piece)) == 1
                    and printed.count(w[:2]) == printed.count(w) == printed.count(w[1:])}
            if len(near) == 1:
                out = out[:i] + near.pop() + out[i + NAME_CHARS:]
        return out

    def _printed(self) -> str:
        with self._lock:
            if self._text is None:
                self._text = "".join("".join(t.split()) for t in self._texts)
            return self._text

    def _sounds(self, surname: str) -> dict[tuple[str, ...], set[str]]:
        from pypinyin import lazy_pinyin

        text = self._printed()
        with self._lock:
            if surname not in self._by_surname:
                table: dict[tuple[str, ...], set[str]] = {}
                for m in re.finditer(re.escape(surname) + rf"(?=([\u4e00-\u9fff]{{{NAME_CHARS - 1}}}))", text):
                    run = surname + m.group(1)
                    table.setdefault(tuple(lazy_pinyin(run)), set()).add(run)
                self._by_surname[surname] = table
            return self._by_surname[surname]
