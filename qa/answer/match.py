"""How well a sentence matches a question: weighted coverage of the question's terms.

Terms weigh by their inverse document frequency in the index, so a rare word (人口,
燃气) counts more than one found everywhere (许昌, 文明). A term matches a text when it,
or a synonym of the same class, occurs in it as a substring (Chinese has no spaces, and
search-mode tokens overlap).
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from qa.answer.weights import ABBREVIATION, FOCUS_BOOST, LIGHT, SINGLE_CHAR, VERB_BOOST

# Classes of words news writing uses interchangeably; general vocabulary, not corpus facts.
SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(group.split()) for group in (
    "获评 荣膺 获得 荣获 摘得 评为 被评为 拿到 评上 获 夺得 赢得 授予 被授予 获批 入选 成为 捧得 荣登 创成 蝉联"
    " 当选 拿下 斩获 摘取",
    "称号 桂冠 荣誉称号 金字招牌 牌子",   # 摘得…桂冠, 拿…牌子: the title an award confers, in a resident's words
    "蝉联 连续 再次 保留 卫冕 连冠 复查确认",
    "开始 启动 开启 起步 始于 发起 开展",
    "召开 举行 举办 开",
    "投资 投入 资金",
    "志愿者 义工",
    "排名 位列 名次 排 位居 居",
    "提出 明确 确定",
    "出台 制定 印发 颁布 出台了",
    "成立 组建 建立",
    "多少 数量 数目 总数",
    "面积 多大",
    "时长 时间 多久",
    "结案 办结 处理 解决",
    "改造 提升改造 改扩建 修复 整治",
    "参与 参加",
    "家庭 户",
    "学校 校园 小学 中学",
    "书记 市委书记",
    "讲话 发言",
    "主持 主持人",
    "覆盖率 覆盖",
    "生产总值 GDP gdp",
    "领导 负责",
    "许昌 我市 许昌市 全市 市里",   # 市里: a resident's word for the city the articles call 我市
    "城里 城市 城区 市区",         # 城里到处 is a resident's 城市各处
    "到处 各处 处处",
    "以前 过去 之前 从前 原来 此前 以往",
    "省内 全省 省里",
    "说 表示 指出 强调 认为 介绍 称 坦言 讲",
    "第一个 首个 首批 第一批 首家 率先 头一个 头一家 头一批",
    "拍 拍摄 摄 摄影",
    "照片 图片 图 摄",
    "增长 增速 增幅",
    "全长 长度 长",
    "年纪 岁 年龄 岁数",
    "整理 编辑 撰写 写",
    "采访 访",
    "激动 振奋 鼓舞 兴奋 欢欣 喜悦 高兴 自豪",
    "公布 发布 揭晓 通报",      # 这个好消息是在哪儿公布的: 中国文明网发布“光荣榜”
))
# A general word a sentence says by one of its kinds, one way only: 领导 asked (哪个单位的领导) is said by
# 局长郑永辉, but a question asking for the 局长 is not answered by any 领导.
NARROWER: dict[str, frozenset[str]] = {
    "领导": frozenset("书记 局长 部长 主任 市长 县长 区长 主席 负责人 厅长 处长 院长 校长 董事长 总经理".split()),
}
_SYNONYMS_OF: dict[str, frozenset[str]] = {}
for _group in SYNONYMS:
    for _word in _group:
        _SYNONYMS_OF[_word] = _SYNONYMS_OF.get(_word, frozenset()) | _group


@dataclass(frozen=True)
class Terms:
    """A question's content terms with their weights (sum to 1).

    `verbs` say what happened (评上, 召开; verbs whose synonyms are known): a sentence without
    one of them tells of another event. `names` (郑州, 杭萧钢构) are what the question is about:
    a sentence that does not mention them, nor its context, answers another question.
    """
    words: tuple[str, ...]
    weights: tuple[float, ...]
    verbs: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    actions: frozenset[str] = frozenset()     # every verb of the question: a title or context never supplies one
    focus: frozenset[str] = frozenset()       # the words a follow-up adds

    def only(self, words: frozenset[str]) -> Terms:
        keep = [(t, w) for t, w in zip(self.words, self.weights) if t in words]
        total = sum(w for _, w in keep) or 1.0
        return Terms(tuple(t for t, _ in keep), tuple(w / total for _, w in keep))

    def coverage(self, text: str) -> float:
        return sum(w * match_share(t, text) for t, w in zip(self.words, self.weights))

    def matched(self, text: str) -> list[str]:
        return [t for t in self.words if matches(t, text)]

    def missing(self, text: str) -> list[str]:
        return [t for t in self.words if not matches(t, text)]

    def weight(self, term: str) -> float:
        return dict(zip(self.words, self.weights)).get(term, 0.0)


def variants(term: str) -> frozenset[str]:
    return _SYNONYMS_OF.get(term, frozenset()) | NARROWER.get(term, frozenset()) | {term}


def matches(term: str, text: str) -> bool:
    return any(v in text for v in variants(term))


def match_share(term: str, text: str) -> float:
    """1 for a match; for a longer word that does not occur whole (前延中, a segmentation slip),
    the share of it that does occur as one piece of two or more characters."""
    if matches(term, text):
        return 1.0
    if len(term) >= 3 and _abbreviates(term, text):
        return ABBREVIATION
    if len(term) < 3:
        return 0.0
    for n in range(len(term) - 1, 1, -1):
        if any(term[i:i + n] in text for i in range(len(term) - n + 1)):
            return ABBREVIATION * n / len(term)   # the share of it that does occur, as little as an abbreviation
    return 0.0


def _abbreviates(term: str, text: str) -> bool:
    """The term's characters stand in order within a stretch of at most twice its length."""
    for m in re.finditer(re.escape(term[0]), text):
        at, ok = m.start(), True
        for ch in term[1:]:
            at = text.find(ch, at + 1, m.start() + 2 * len(term))
            if at < 0:
                ok = False
                break
        if ok:
            return True
    return False


def known_class(word: str) -> bool:
    """Whether the word belongs to a class of synonyms (its meaning is known here)."""
    return word in _SYNONYMS_OF


def occurrences(term: str, text: str) -> list[tuple[int, int]]:
    """(start, end) of the term or a synonym in text: a variant may be shorter (许昌 for 许昌市)."""
    return sorted((m.start(), m.end()) for v in variants(term) for m in re.finditer(re.escape(v), text))


def positions(term: str, text: str) -> list[int]:
    """Start offsets of the term (or a synonym) in text."""
    return [p for p, _ in occurrences(term, text)]


def question_terms(words: list[str], df: Mapping[str, int], n_docs: int, drop: tuple[str, ...] = (),
                   focus: str = "", verbs: frozenset[str] = frozenset(), names: frozenset[str] = frozenset(),
                   light: tuple[str, ...] = ()) -> Terms:
    """Weighted content terms of `words` (mended by `content_part` where they come from, so the search
    reads the same words); a word inside a longer kept word is dropped (文明 in 文明城市).

    Words inside `focus` (the new part of a follow-up, quoted names) weigh FOCUS_BOOST times more.
    """
    words = list(dict.fromkeys(w for w in words if w and w not in drop and not any(w in d for d in drop)))
    kept = [w for w in words if not any(w != o and w in o for o in words)]
    if not kept:
        return Terms((), ())
    raw = [_idf(w, df, n_docs) * (FOCUS_BOOST if focus and w in focus else 1.0)
           * (VERB_BOOST if w in verbs else 1.0) * (SINGLE_CHAR if len(w) == 1 else 1.0)
           * (LIGHT if w in light else 1.0) for w in kept]
    total = sum(raw)
    return Terms(tuple(kept), tuple(r / total for r in raw), frozenset(v for v in verbs if v in kept and known_class(v)),
                 frozenset(n for n in names if any(n in w or w in n for w in kept)), frozenset(verbs) & set(kept),
                 frozenset(w for w in kept if focus and w in focus))


def content_part(word: str, df: dict[str, int]) -> str:
    """要创 / 说村 / 建了 / 咱新修 / 这老旧: a segmentation slip glued a function character, a pointer or a
    resident's 咱 / 俺 (stop words alone) to a word the corpus does not hold; keep the word."""
    if df.get(word):
        return word
    if len(word) == 2 and word[0] in "要在被把让的了是说从对给向将":
        return word[1]
    if len(word) == 2 and word[1] in "了着过":
        return word[0]
    if len(word) >= 3 and word[0] in "咱俺这那":
        rest = word[2:] if word[1] == "们" else word[1:]
        return content_part(rest, df) if len(rest) >= 2 else word   # 俺们这老旧 → 这老旧 → 老旧
    return word


def mend_glued(words: list[str], df: dict[str, int]) -> list[str]:
    """访张|保化: the segmenter glued a question's word to the start of a name the articles print (张保化),
    and neither piece is a word of the corpus. Two such neighbours are read as the longest corpus word
    of three characters or more that runs across them, and what is left of either side."""
    out, i = [], 0
    while i < len(words):
        a = words[i]
        b = words[i + 1] if i + 1 < len(words) else ""
        found = None
        if b and not df.get(a) and not df.get(b):
            joined = a + b
            found = max(((x, y) for x in range(len(a)) for y in range(len(a) + 1, len(joined) + 1)
                         if y - x >= 3 and df.get(joined[x:y])), key=lambda r: r[1] - r[0], default=None)
        if found is None:
            out.append(a)
            i += 1
            continue
        x, y = found
        out += [w for w in (joined[:x], joined[x:y], joined[y:]) if w]
        i += 2
    return out


def _idf(word: str, df: Mapping[str, int], n_docs: int) -> float:
    # A word the corpus never uses weighs most: an answer must not ignore it (另一个城市, 人口).
    n = max((df.get(v, 0) for v in variants(word)), default=0)
    return math.log(1 + (n_docs - n + 0.5) / (n + 0.5))
