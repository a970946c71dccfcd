"""Chinese word tokens for BM25 and for matching questions to sentences (jieba, search mode)."""
from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from qa.ingest.chars import is_punct

# Function words and question words: they carry no topic, and a question is full of them. 咱 / 俺
# (咱们 / 俺们) are residents' 我 / 我们 (咱许昌…: 咱 weighed as much as 称号 in a new user's question).
# 那阵子 / 那会儿 / 这几年 point at a time the question or the talk already names, 这回 / 这儿 / 里头 at an
# occasion or a place (一回 of 三连冠那一回, jieba's 那|一回: 0.64), in speech the articles never print (那会儿许昌拿了
# 第几名: 那会儿 weighed 0.72 of the question; 许昌这回又拿了个啥荣誉: 这回 0.56); 样 is what is left of 什么样.
# 报上说 tells where a resident read it, never what it says (报上 weighed 0.19 of 报上说那些热心人…宣传的是哪两句话;
# 稿件 0.27 of 刘少林在稿件中的完整职务是什么); 报纸上说 is read so in qa.answer.question (哪家报纸的记者 asks for a
# paper). 我记得 / 听说 / 好像 tell what the asker half remembers, never what the articles print (记得 weighed 0.23 of
# 我记得许昌2006年就提出要创…). 算 (那一回算第几届) says 是, and no article prints it: it weighed 0.50 and the right 第四届
# was refused at 0.12. 这是 / 那是 (jieba's 这是|啥意思) point back at what the sentence before names (“一线三边”，这是啥意思).
STOP_WORDS = frozenset("""
的 了 是 在 和 与 及 或 等 也 都 而 就 被 把 对 为 以 于 之 其 这 那 这个 那个 这些
那些 有 个 着 过 又 还 并 即 吗 呢 吧 啊 呀 么 嘛 哦 哪 哪个 哪些 哪里 哪儿 哪年 哪天
哪一年 哪一天 哪位 什么 什么样 多少 几 几个 几次 几项 谁 怎么 怎么样 怎样 如何 为什么 为何
是否 是不是 有没有 请问 一下 一共 总共 到底 究竟 具体 现在 目前 我 你 他 她 它 我们 你们
他们 能 会 可以 要 想 知道 告诉 说说 讲讲 指 做 搞 弄 是什么 怎么做 干了 啥 啥时候 咋 咋样
干啥 叫啥 多长时间 多长 多大 多久 多远 多高 几时 何时 多少钱 哪家 哪所 哪座 哪位 哪名 评论
评论里 新闻 这条新闻 采访 接受采访 为了 名字 名称 的话 正式 这么 那么 样子 什么样子 很 非常
特别 来 来的 那些 这些 下一步 还有 是从 人家 百分之 地方 这条 那条 这篇 那篇 这次 那次 一级
从 到 后 以后 之后 用 叫 第 让 给 得 地 过 上 下 中 里 内 时 时候 一下子 能够 应该 需要
还是 已经 曾经 当时
咱 咱们 俺 俺们
那阵子 这阵子 那阵儿 这阵儿 那会儿 这会儿 那会 这会 那时候 这时候 那个时候 那时 这时 这两年 这几年 那几年
前些年 眼下 样 这回 那回 一回 这儿 那儿 里头 里面
报上 报纸上 稿件 稿子 文中 问问 问下 打听
记得 记着 听说 好像 不错 挺好
算 算是 这是 那是
""".split())
# 几个 / 多少条 / 那次 / 这张: a question word or a pointer plus a measure word
_QUESTION_OR_POINTER = re.compile(
    r"^(?:(?:几|多少|哪|那|这|该|每)(?:一)?[个次项条所家位名届年天人户支处栋座种类批张份篇场件样]?"
    r"|哪[几两二三四五六七八九十\d]+[\u4e00-\u9fff]?|[几两二三四五六七八九十]+[个次项条所家位名届种类批篇方大])$")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    flag: str                 # jieba part of speech: n noun, ns place, nr person, v verb, p preposition …
    common: bool = False      # a frequent dictionary word (文明, 关于): not the start of a name


# Everyday words jieba's dictionary splits; added to this private tokenizer only.
# 那回 / 这回 (that time): jieba cut 2020年那回三连冠 as 那|回, and 回 weighed 0.27 of the question
COLLOQUIAL = ("评上", "拿到", "评出", "下一步", "啥时候", "多少钱", "头一个", "头一家", "头一批", "那回", "这回")

COMMON_WORD = 5000          # jieba dictionary count; surnames+given names (王国生: 王国 2631) stay below


class Tokenizer:
    """A private jieba tokenizer (no shared global state); its dictionary loads on first use."""

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        for word in COLLOQUIAL:
            self._jieba.add_word(word)
        self._pos: Any = None   # jieba's POS tokenizer, loaded on first use
        # the tagger loads jieba's word-tag table (~20 MB) per instance: a cold server hit by 32
        # questions at once built 32 of them (907 MB instead of 339 MB, measured); one at a time
        self._loading = threading.Lock()
        self._tagged: dict[str, tuple[Token, ...]] = {}

    def tagged(self, text: str) -> tuple[Token, ...]:
        """Words of `text` as written, with offsets and part-of-speech tags (ns place, v verb …)."""
        cached = self._tagged.get(text)
        if cached is not None:
            return cached
        if self._pos is None:
            import jieba.posseg

            with self._loading:
                if self._pos is None:
                    self._pos = jieba.posseg.POSTokenizer(self._jieba)
        out, at = [], 0
        for pair in self._pos.lcut(text):
            out.append(Token(at, at + len(pair.word), pair.word, pair.flag,
                             self._jieba.FREQ.get(pair.word, 0) >= COMMON_WORD))
            at += len(pair.word)
        if len(self._tagged) > 50_000:  # bounded: sentences repeat across questions, not forever
            self._tagged.clear()
        self._tagged[text] = tuple(out)
        return self._tagged[text]

    def frequency(self, word: str) -> int:
        """How common a word is in jieba's dictionary (0 when unknown): names are rare."""
        self._jieba.check_initialized()
        return self._jieba.FREQ.get(word, 0) or 0

    def words(self, text: str) -> list[str]:
        """Search-mode words (long words also give their parts), punctuation dropped."""
        text = unicodedata.normalize("NFKC", text).lower()
        return [w for w in (t.strip() for t in self._jieba.lcut_for_search(text))
                if w and not all(is_punct(ch) or ch.isspace() for ch in w)]

    def terms(self, text: str) -> list[str]:
        """Words that carry content: stop words and question words removed."""
        out: list[str] = []
        for word in self._jieba.lcut(unicodedata.normalize("NFKC", text).lower()):
            if not self.is_content(word):
                continue   # 下一步 is dropped with its parts (一步), not just as a whole
            out.extend(w for w in self._jieba.lcut_for_search(word) if self.is_content(w))
        return out

    @staticmethod
    def is_content(word: str) -> bool:
        """Whether a word carries content: not a stop word, question word or punctuation."""
        word = word.strip()
        return (bool(word) and word not in STOP_WORDS and not _QUESTION_OR_POINTER.match(word)
                and not all(is_punct(ch) or ch.isspace() for ch in word))
