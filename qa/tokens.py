"""Chinese word tokens for BM25 and for matching questions to sentences (jieba, search mode)."""
from __future__ import annotations

import logging
import unicodedata

from qa.chars import is_punct

# Function words and question words: they carry no topic, and a question is full of them.
STOP_WORDS = frozenset("""
的 了 是 在 和 与 及 或 等 也 都 而 就 被 把 对 为 以 于 之 其 这 那 这个 那个 这些 那些 有 个 着 过 又 还 并 即
吗 呢 吧 啊 呀 么 嘛 哦 哪 哪个 哪些 哪里 哪儿 哪年 哪天 哪一年 哪一天 哪位 什么 什么样 多少 几 几个 几次 几项
谁 怎么 怎么样 怎样 如何 为什么 为何 是否 是不是 有没有 请问 一下 一共 总共 到底 究竟 具体 现在 目前
我 你 他 她 它 我们 你们 他们 能 会 可以 要 想 知道 告诉 说说 讲讲 介绍
""".split())


class Tokenizer:
    """A private jieba tokenizer (no shared global state); its dictionary loads on first use."""

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()

    def words(self, text: str) -> list[str]:
        """Search-mode words (long words also give their parts), punctuation dropped."""
        text = unicodedata.normalize("NFKC", text).lower()
        return [w for w in (t.strip() for t in self._jieba.lcut_for_search(text))
                if w and not all(is_punct(ch) or ch.isspace() for ch in w)]

    def segments(self, text: str) -> list[str]:
        """Plain segmentation of `text` as written: the pieces join back to `text`."""
        return list(self._jieba.cut(text))

    def terms(self, text: str) -> list[str]:
        """Words that carry content: stop words and question words removed."""
        return [w for w in self.words(text) if w not in STOP_WORDS]
