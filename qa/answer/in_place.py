"""A follow-up's word in the place of its like in the previous question (那2022年呢, 那在河南排第几, 那禹州市呢,
重点小区呢, 那绿地率呢, 那总量呢). Entry point: `word_in_place(fragment, previous, index)`.
"""
from __future__ import annotations

import re

from qa.answer.match import variants
from qa.answer.question import SCOPE_WORD, WH_WORD
from qa.answer.unprinted import seat_of
from qa.index.record import Index
from qa.index.tokens import Tokenizer


def word_in_place(fragment: str, previous: str, index: Index | None = None) -> str | None:
    """The previous question with the fragment's year, scope, place or noun in the place of its own, or with the word
    the articles print beside the fragment's (with the `index`); None when neither is found."""
    tokenizer = index.tokenizer if index is not None else None
    return _in_place(fragment, previous, tokenizer) or (_beside(fragment, previous, index) if index is not None else None)


# What a follow-up may put in the place of its like in the previous question (那2022年呢, 那在河南排第几,
# 那禹州市呢, 重点小区呢): a year, the scope of a ranking, a county or city, a noun with the same head.
YEAR_WORD = re.compile(r"(?:19|20)\d\d年")
# what a ranking's scope word heads, up to where the question goes on (全国|地级市|中排名第几)
SCOPE_REST = re.compile(r"[\u4e00-\u9fff的]{1,8}?(?=中|里|内|当中|排|名列|位列|位居|[，,？?]|$)")
# 禹州市, 鄢陵县 (not 小区, nor 哪个市: a question word, 长葛市 had taken its place and asked a yes or no)
PLACE_WORD = re.compile(r"(?:(?![哪那这每各几])[\u4e00-\u9fff]){2}[市县](?<!城市)(?<!全市)(?<!我市)(?<!级市)")   # not 给各县

# several places at once (鄢陵、襄城两县, 鄢陵县和襄城县): all of them in the place of the previous one (PLACE_WORD
# alone took 城两县 and the follow-up was answered for no county at 0.27)
NAMED = r"(?:(?![哪那这每各几])[\u4e00-\u9fff]){2}[市县]?"
PLACE_LIST = re.compile(rf"{NAMED}(?:[、和与及跟]{NAMED})+(?:[两二三四]个?)?[市县]?")
# a bare 长葛 in the previous question is a place where the dictionary knows 长葛市 (qa.answer.unprinted.seat_of).
# Not for the follow-up's own word: 那长葛呢 put in place of 禹州市 was refused (0.13) where read in front it was right
SEAT_ENDS = "市县"

POINTER = "这那该此其本"
# a one-character noun for the one a list question ended on (那湖呢 / 那湖呢，都有哪几个 after 是哪几条河: read in front, 河
# stayed and the rivers came back at 0.95, 高; the thirty-eighth and fortieth held-out sets)
ONE_NOUN = re.compile(r"([\u4e00-\u9fff])(?:呢[\s，,]?(?:都|还)?(?:有|是)?(?:哪[几些]?[个条座片处]?)\1?)?")   # 那湖呢 有哪些湖
ONE_NOUN_ASKED = re.compile(r"(哪[几些\d]?[条个座片所家处]?|几[条个座片所家处])([\u4e00-\u9fff])(?=[？?。，,]*$)")
QUOTED_NAME = re.compile(r"“[^“”]{2,12}”")


def _in_place(fragment: str, previous: str, tokenizer: Tokenizer | None) -> str | None:
    """The previous question with the fragment's year, scope, place or noun in the place of its own; None
    when the fragment holds none the previous question has another of. Added in front instead, the previous
    question's own 全国 / 老旧小区 / 长葛市 stayed and outweighed it (那在河南排第几？ was answered 全国第七)."""
    one, asked = ONE_NOUN.fullmatch(fragment.strip("？?。 ")), ONE_NOUN_ASKED.search(previous)
    if one and asked and one.group(1) != asked.group(2):   # 湖 for the 河 of 是哪几条河
        return previous[:asked.start(2)] + one.group(1) + previous[asked.end(2):]
    core = re.sub(r"^(?:在|是)|(?:里|中|当中|里头|里面)$", "", WH_WORD.sub("", fragment)).strip("，, ")
    # a quoted name for the previous question's quoted name, wherever it stands (“书香家庭” after …“最美家庭”评选，…
    # “最美家庭”一共评出了多少户: put in front, both stood and the previous count came back, 107.6万户 at 0.97)
    quoted = QUOTED_NAME.findall(previous)
    if QUOTED_NAME.fullmatch(core) and quoted and core not in quoted:
        return previous.replace(quoted[-1], core)
    place = _last_place(previous, tokenizer)
    if place and PLACE_LIST.fullmatch(core) and re.search(r"[市县]", core) and core != previous[place[0]:place[1]]:
        return previous[:place[0]] + core + previous[place[1]:]
    for pattern in (YEAR_WORD, SCOPE_WORD, PLACE_WORD):
        new = pattern.search(core)
        olds = list(pattern.finditer(previous))
        if new and olds and olds[-1].group(0) != new.group(0):
            m = olds[-1]
            if pattern is SCOPE_WORD and new.end() < len(core):   # 全省参评的城市 for 全国地级市: the whole scope
                rest = SCOPE_REST.match(previous, m.end())
                return previous[:m.start()] + core[new.start():] + previous[rest.end() if rest else m.end():]
            replaced = previous[:m.start()] + new.group(0) + previous[m.end():]
            # the year's thing too, where the previous question has one of its head (2022年谋划实施的 after
            # …累计实施的…: with the year alone, the previous question's 累计 came back, 1624个 at 0.82)
            thing = (core[:new.start()] + core[new.end():]).strip("的，, ")
            same = _same_head(thing, fragment, replaced, tokenizer) if pattern is YEAR_WORD and len(thing) >= 3 else None
            return same or replaced
    county, city = PLACE_WORD.search(core), CITY_ITSELF.search(previous)
    if county and city and not PLACE_WORD.search(previous) and _seat(county.group(0)[:-1], tokenizer):   # not 郑许|市域
        # a county's for the city's own (那襄城县的燃气普及率是多少 after 许昌的城镇燃气普及率…: read in front, 许昌 stayed
        # and the city's 98.89% was answered at 0.90, 高; the forty-eighth held-out set, a hotline operator)
        return previous[:city.start()] + county.group(0) + previous[city.end():]
    return _same_head(core, fragment, previous, tokenizer)


# the city the articles are about, as a question names it: the synonym table's group of 许昌 (我市, 全市, 市里)
CITY_ITSELF = re.compile("|".join(sorted(variants("许昌"), key=len, reverse=True)))


def _last_place(text: str, tokenizer: Tokenizer | None) -> tuple[int, int] | None:
    """Where the last city or county `text` names stands (禹州市, or 长葛 as a resolved follow-up left it)."""
    spans = [m.span() for m in PLACE_WORD.finditer(text)]
    if tokenizer is not None:
        spans += [(w.start, w.end) for w in tokenizer.tagged(text) if _seat(text[w.start:w.end], tokenizer)]
    return max(spans, key=lambda s: s[1]) if spans else None


def _seat(word: str, tokenizer: Tokenizer | None) -> bool:
    """Whether `word` alone is a city or county named without its 市 / 县 (长葛 of 长葛市)."""
    return (tokenizer is not None and 2 <= len(word) <= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", word) is not None
            and seat_of(tokenizer, word, SEAT_ENDS))


def _same_head(core: str, fragment: str, previous: str, tokenizer: Tokenizer | None) -> str | None:
    """The previous question with `core`'s noun in the place of its noun of the same head, or None."""
    # 重点小区 for 老旧小区: the same head noun (a compound: 长葛市的目标 is a phrase, and 的 no part of a noun), the
    # whole fragment or, when it asks on (重点小区整了几个), the noun it opens with
    if re.fullmatch(r"[\u4e00-\u9fff]+", core) and "的" not in core:
        for end in range(len(core), 2, -1) if WH_WORD.search(fragment) else (len(core),) if len(core) >= 3 else ():
            noun = core[:end]
            if noun[0] in POINTER:   # 这些项目 points back at the previous question's 百城提质项目: no other kind
                break
            head, modifier = noun[-2:], len(noun) - 2
            at = previous.find(head, modifier)
            before = previous[at - modifier:at]
            if at >= 0 and re.fullmatch(r"[\u4e00-\u9fff]+", before) and before + head != noun:
                return previous[:at - modifier] + noun + previous[at + 2:]
    if re.fullmatch(r"[\u4e00-\u9fff]+", core) and len(core) >= 2 and core[-1] in ONE_CHARACTER_HEADS \
            and core[0] not in POINTER:   # (忠武路的许昌城区段: a 的 inside a one-character head's noun is its own)
        # 绿地率 for 绿化覆盖率: the previous noun of that head, back to a particle or as far as a noun runs
        reach = HEAD_REACH.get(core[-1], NOUN_REACH)
        runs = list(re.finditer(rf"[^\W\d的是在了和与及{POINTER}]{{1,{reach}}}{core[-1]}", previous))
        start = _word_start(previous, runs[-1].start(), tokenizer) if runs else 0
        if runs and start < runs[-1].end() - 1 and previous[start:runs[-1].end()] != core \
                and not runs[-1].group(0).endswith(core):
            return previous[:start] + core + previous[runs[-1].end():]
    return None


# A noun's one-character head that a follow-up's noun may share with the previous question's: what it measures
# (那绿地率呢 after …绿化覆盖率是多少 was read in front of it, and the 覆盖率 answered at 0.89)
ONE_CHARACTER_HEADS = {"率": "a rate: 绿地率, 普及率, 覆盖率", "额": "an amount: 出口额, 投资额", "量": "a quantity: 产量, 销量",
                       "段": "a stretch of a line: 郑万高铁许昌段, 忠武路许昌城区段 (那忠武路许昌城区段呢 after "
                             "郑万高铁许昌段是哪年建成的 was read in front of it, and 2019年 answered at 0.93)"}
NOUN_REACH = 4   # characters before the head a noun of this paper runs (绿化覆盖|率, 城镇燃气普及|率 is 燃气普及率)
HEAD_REACH = {"段": 8}   # …but a line's name is longer (郑万高铁许昌|段)


def _word_start(text: str, at: int, tokenizer: Tokenizer | None) -> int:
    """`at`, or the end of the word it falls inside: a noun run counted back from its head may open inside a word
    (建成区绿地率 → 成区绿地率: 那绿化覆盖率呢 became 许昌的建绿化覆盖率)."""
    if tokenizer is None:
        return at
    inside = next((w for w in tokenizer.tagged(text) if w.start < at < w.end), None)
    return inside.end if inside is not None else at


def _beside(fragment: str, previous: str, index: Index) -> str | None:
    """The previous question with its word that the articles print beside the fragment's in the place of it: listed
    with it (总量、增速分别居全省第4位和第2位: 那总量呢 after …增速在全省排第几 was read in front of it, and 第2位
    answered at 0.91), or before the same words (省级文明家庭 / 全国文明家庭: 那省级的呢 had 3户 at 0.83); None otherwise."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,6}", fragment) or fragment in previous:
        return None
    texts = [c.text for c in index.chunks if fragment in c.text]
    listed = [m.group(1) for t in texts for m in re.finditer(rf"{fragment}、([\u4e00-\u9fff]{{2,4}})", t)]
    for run in dict.fromkeys(listed):
        for end in range(len(run), 1, -1):
            if run[:end] != fragment and (at := previous.rfind(run[:end])) >= 0:
                return previous[:at] + fragment + previous[at + end:]
    listed = [m.group(1) for t in texts for m in re.finditer(rf"([\u4e00-\u9fff]{{2,4}})、{fragment}", t)]
    for run in dict.fromkeys(listed):
        for start in range(len(run) - 1):
            if run[start:] != fragment and (at := previous.rfind(run[start:])) >= 0:
                return previous[:at] + fragment + previous[at + len(run) - start:]
    tails = [m.group(1) for t in texts for m in re.finditer(rf"{fragment}([\u4e00-\u9fff]{{2,6}})", t)]
    for tail in sorted(dict.fromkeys(tails), key=len, reverse=True):
        for end in range(len(tail), 1, -1):
            at = previous.find(tail[:end], len(fragment))
            other = previous[at - len(fragment):at] if at >= 0 else ""
            if re.fullmatch(r"[^\W\d的是有在了]+", other) and other != fragment:
                return previous[:at - len(fragment)] + fragment + previous[at:]
    return None

