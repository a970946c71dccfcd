"""A question read as the corpus writes it: traditional characters as simplified (OpenCC t2s,
character for character), full-width digits and Latin letters as ASCII (２０１５ → 2015), and one
input-method slip in a key term (文明程市, 普及律; voice input's whole word, 全国闻名城市) as the corpus word with
the same toneless pinyin, and a spoken year or Henan dialect as written (qa.answer.spoken).
Entry point: `normaliser(index).question(text)`; its tables load on first use, once per index.
"""
from __future__ import annotations

import itertools
import re
import threading
from typing import Any
from collections.abc import Iterable, Mapping, Sequence

from qa.answer.name_sounds import NameSounds
from qa.answer.spoken import as_written
from qa.index.record import Index
from qa.index.tokens import Tokenizer

# full-width digits and Latin letters (as a Chinese input method types them) → ASCII
FULL_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
SLIP_LENGTHS = (2, 3, 4)    # characters of a term a typo is looked for in: one slip in a longer one is a rewrite
SLIP_TOKENS = 3             # words a slip may have split the term into (普及|律, 志|原者)
SLIP_INSIDE = 2             # characters of a word a slip may have taken into it (郑万高|贴 for 郑万|高铁)
SLIP_WORD_RUN = 4           # a whole word slipped (闻名|城市) only inside a run this long: half of it as printed
# A place or a person typed in pinyin among Chinese (2018年 Xuchang 的 GDP: the question was refused at 0.05, 许昌 never
# read): a Latin word of four letters or more sounding as one corpus word the dictionary tags as a name
ROMAN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?![A-Za-z])")
ROMAN_TAGS = ("ns", "nr", "nt", "nz")   # the corpus words a pinyin word may stand for: places, people, bodies
ROMAN_READINGS = 16         # readings of a word's characters tried (长: chang or zhang; 都: du or dou)
PLACE_SUFFIX = "市县区镇乡村省"   # Weidu区: the place 魏都区 is said without its suffix too
# Words that say what is asked, which the articles need not print: a slip in one is read as it too (郑永辉是啥职物 was
# read as an open question and refused at 0.07; …所长叫啥名子, with 省社科院 for 省社会科学院, answered 开宗明义)
ASKING_WORDS = ("职务", "职位", "头衔", "身份", "名字", "名称", "称号", "主题", "口号", "目标", "时候", "日期", "年份")


class Normaliser:
    """One index's question normalisation: its tokenizer and its vocabulary (chunks per word)."""

    def __init__(self, tokenizer: Tokenizer, vocabulary: Mapping[str, int], texts: Iterable[str] = ()):
        self.tokenizer, self.vocabulary = tokenizer, vocabulary
        self.names = NameSounds(texts)
        self._loading = threading.Lock()
        self._t2s: Any = None   # opencc's converter, loaded on first use
        self._sounds: dict[tuple[str, ...], list[str]] | None = None   # pinyin → corpus words
        self._romans: dict[str, set[tuple[str, str]]] | None = None   # pinyin, every reading → (said, word)

    def question(self, text: str) -> str:
        """The question in the corpus's script, one slip corrected, a name typed by its sound read as printed."""
        text = self.corrected(as_written(self.romanised(self.simplified(text)), self.vocabulary))
        return self.names.read(text, [(t.start, t.end) for t in self.tokenizer.tagged(text)],
                               lambda w: bool(self.tokenizer.frequency(w)))

    def simplified(self, text: str) -> str:
        """Traditional as simplified and full-width as ASCII; Chinese punctuation stays."""
        if self._t2s is None:
            import opencc

            with self._loading:
                if self._t2s is None:
                    self._t2s = opencc.OpenCC("t2s")
        return self._t2s.convert(text).translate(FULL_WIDTH)

    def romanised(self, text: str) -> str:
        """A name written in pinyin (Xuchang, Yuzhou) as the one corpus name that sounds so (许昌, 禹州)."""
        if not ROMAN_WORD.search(text):
            return text
        table = self._roman_table()

        def read(m: re.Match[str]) -> str:
            names = {said for said, word in table.get(m.group(0).lower(), ())
                     if len(tags := self.tokenizer.tagged(word)) == 1 and tags[0].flag in ROMAN_TAGS}
            return names.pop() if len(names) == 1 else m.group(0)
        return ROMAN_WORD.sub(read, text)

    def corrected(self, text: str) -> str:
        """One wrong character in a key term read as the corpus word with the same toneless
        pinyin. Only runs of whole words are looked at, holding a word the corpus lacks and no
        function or question word; a run that is itself a corpus or dictionary word is never
        changed, and it is replaced only by the one corpus word that differs from it in one character."""
        from pypinyin import lazy_pinyin

        tok, vocabulary = self.tokenizer, self.vocabulary
        sounds = self._sound_table()
        tokens = tok.tagged(text)
        out = list(text)
        done = -1
        for k in range(len(tokens)):
            for j in range(min(len(tokens), k + SLIP_TOKENS), k, -1):   # the longest run first: 文明程市 before 程市
                run = tokens[k:j]
                b = run[-1].end
                # the run from its first word's start, or, where the segmenter glued a slip's first characters
                # to a word it made up (郑万高|贴 for 郑万高铁), from inside that word: 高贴
                first = run[0].word
                inside = len(run) > 1 and not tok.frequency(first) and first not in vocabulary   # 定位|成 is no slip
                starts = [run[0].start] + [run[0].end - m for m in range(1, min(len(first), SLIP_INSIDE + 1)) if inside]
                for a in starts:
                    piece = text[a:b]
                    if a < done or not SLIP_LENGTHS[0] <= len(piece) <= SLIP_LENGTHS[-1] or not all(_is_cjk(ch) for ch in piece):
                        continue
                    if piece in vocabulary or tok.frequency(piece) or all(t.word in vocabulary for t in run) \
                            or any(not tok.is_content(t.word) for t in run):
                        continue
                    near = [w for w in sounds.get(tuple(lazy_pinyin(piece)), ()) if _one_slip(w, piece, run, a, vocabulary)]
                    if len(near) == 1:
                        out[a:b] = near[0]
                        done = b
                        break
                else:
                    continue
                break   # corrected: the next run starts after it
        return "".join(out)

    def _sound_table(self) -> dict[tuple[str, ...], list[str]]:
        from pypinyin import lazy_pinyin

        with self._loading:
            if self._sounds is None:
                sounds: dict[tuple[str, ...], list[str]] = {}
                for word in dict.fromkeys(itertools.chain(self.vocabulary, ASKING_WORDS)):
                    if SLIP_LENGTHS[0] <= len(word) <= SLIP_LENGTHS[-1] and all(_is_cjk(ch) for ch in word):
                        sounds.setdefault(tuple(lazy_pinyin(word)), []).append(word)
                self._sounds = sounds
            return self._sounds

    def _roman_table(self) -> dict[str, set[tuple[str, str]]]:
        from pypinyin import Style, pinyin

        with self._loading:
            if self._romans is None:
                romans: dict[str, set[tuple[str, str]]] = {}
                for word in self.vocabulary:
                    if not (SLIP_LENGTHS[0] <= len(word) <= SLIP_LENGTHS[-1] and all(_is_cjk(ch) for ch in word)):
                        continue
                    readings = pinyin(word, style=Style.NORMAL, heteronym=True)
                    for said in itertools.islice(itertools.product(*readings), ROMAN_READINGS):
                        romans.setdefault("".join(said), set()).add((word, word))
                        if len(word) > 2 and word[-1] in PLACE_SUFFIX:
                            romans.setdefault("".join(said[:-1]), set()).add((word[:-1], word))
                self._romans = romans
            return self._romans


def normaliser(index: Index) -> Normaliser:
    """The index's normaliser, made once and kept with the index (its tables follow its vocabulary)."""
    found = index.derived.get("normaliser")
    if found is None:   # first question of this index version (a race makes two; one is kept)
        found = index.derived.setdefault("normaliser", Normaliser(index.tokenizer, index.df,
                                                                         [s.text for s in index.sources.values()]))
    return found


def _one_slip(word: str, piece: str, run: Sequence[Any], start: int, vocabulary: Mapping[str, int]) -> bool:
    """Whether `word` (sounding as `piece` does) differs from it by one slip: one character, or in a run of
    SLIP_WORD_RUN characters or more, one whole word of the run the articles never print, said for a word
    that sounds the same (voice input's 全国闻名城市 for 全国文明城市: two characters, one word)."""
    differ = [k for k, (x, y) in enumerate(zip(word, piece)) if x != y]
    if len(differ) == 1:
        return True
    return len(piece) >= SLIP_WORD_RUN and any(
        t.word not in vocabulary and [t.start - start + k for k in range(len(t.word))] == differ for t in run)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
