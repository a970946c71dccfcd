"""What a question names that a source file prints nowhere: a year (the feature `years_unprinted`) or a
place, whose facts that file cannot hold. Entry points: `file_text(index, doc)`, `places_asked(index,
question)`, `elsewhere(index, places, doc)`, and `article_text(index, doc, article)`.

Why places: 郑州的文明村镇占全市乡村总数的比例是多少 was answered with 许昌's 28.9% at 0.89 (the articles print
nothing of 郑州's); the question's other words match the 许昌 sentence exactly. A candidate is left out
only where its file prints none of the places the question names, so a follow-up that holds the place it
replaces (许昌，郑州…) keeps 许昌's. Over every gold set, the other city's and both CMRC halves, no right
candidate stands in such a file, and the 5 picks that did were all of unanswerable questions. A bare city
name the tagger reads as a plain noun counts too (信阳人均公园绿地面积 was answered with 许昌's 12.34平方米 at 0.91).
"""
from __future__ import annotations

import re

from qa.index.record import Index
from qa.index.tokens import Tokenizer

# A place the question names: a word the tagger reads as a place (ns) that ends like a unit of
# government and that its dictionary knows; the tag alone also takes 湖泊, 上台, 文明城市 and unknown runs
PLACE_ENDS = "市省县区州"
PLACE_MIN_FREQUENCY = 5     # 魏都区 8, 信阳市 13; words the segmenter made up have 0, 文明城市 3
PLACE_SUFFIXES = "市省县区"    # 信阳市 counts as printed where 信阳 is: the suffix is often left off
NAME_TAGS = ("ns", "nr")     # the tagger reads 许昌 as a person's name (nr): both count as the places named
NAME_MAX_FREQUENCY = 1000    # …but a word this common is no name, whatever its tag (文明 6584 nr; 许昌 243)
# The tagger reads some city names as plain nouns (信阳 n): such a word counts when the dictionary knows
# its 市/省/县 form (信阳市 13) and it is no common word (试点市 15, 模范县: 试点 1130, 模范 1604 > NAME_MAX_FREQUENCY)
SEAT_TAGS = ("n",)
SEAT_ENDS = "市省县"      # not 区: 老城区, 新城区 and 开发区 name parts of a city, not the city


def seat_of(tokenizer: Tokenizer, word: str, ends: str = SEAT_ENDS) -> bool:
    """Whether the dictionary knows `word` with one of `ends` after it (郑州 of 郑州市, 长葛 of 长葛市): a city, province or
    county named without its suffix."""
    return any(tokenizer.frequency(word + end) >= PLACE_MIN_FREQUENCY for end in ends)


def file_text(index: Index, doc: str) -> str:
    """Every article of one source file as the index reads it (headlines and bylines too), once per index."""
    texts = index.derived.setdefault("file_texts", {})
    if doc not in texts:
        texts[doc] = "\n".join(f"{d.title}\n{d.subtitle}\n{d.byline}\n{d.text}"
                               for (name, _), d in index.documents.items() if name == doc)
    return texts[doc]


def article_text(index: Index, doc: str, article: int) -> str:
    """One article as the index reads it (headline, subtitle, byline, text), once per index."""
    texts = index.derived.setdefault("article_texts", {})
    if (doc, article) not in texts:
        d = index.documents[(doc, article)]
        texts[(doc, article)] = f"{d.title}\n{d.subtitle}\n{d.byline}\n{d.text}"
    return texts[(doc, article)]


def places_asked(index: Index, question: str) -> tuple[str, ...]:
    """The places `question` names that are surely places, as printed there (郑州市, 魏都区 end like a unit
    of government; 信阳 and 许昌 are names of a 市 the dictionary knows); () when none is. A follow-up's 许昌
    beside the 郑州 it replaces (许昌，郑州的…) is one of them, so it keeps 许昌's files. Other words the
    tagger reads as a place or a name do not count: they let a file that prints them hold another city's
    facts (信阳是哪年实现…三连冠 took 许昌's 2020年 at 0.56, 三连冠 read as a name; 信阳城镇燃气普及率 took 98.89% at
    0.94, 城镇 read as a place; 王建国说信阳… took 三个 at 0.84)."""
    out: dict[str, bool] = {}   # word → surely a place
    for t in index.tokenizer.tagged(question):
        word = question[t.start:t.end]
        frequency = index.tokenizer.frequency(word)
        if len(word) < 2 or frequency < PLACE_MIN_FREQUENCY or word in out:
            continue
        seat = seat_of(index.tokenizer, word)
        if t.flag == "ns":
            # the ending tells only of a longer word: 城市 and 都市 end in 市 and name no place (城市 was
            # asked beside 信阳 in 38 gold questions, and every file prints it); 郑州 is a place as 郑州市's seat
            out[word] = (len(word) > 2 and word[-1] in PLACE_ENDS) or seat
        elif (t.flag in NAME_TAGS or (t.flag in SEAT_TAGS and seat)) and frequency <= NAME_MAX_FREQUENCY:
            out[word] = seat
    return tuple(word for word, sure in out.items() if sure)


# 比洛阳高多少: the place a value is compared with (a difference is asked of both places)
COMPARED_WITH = re.compile(r"比([\u4e00-\u9fff]{2,6}?)(?:市|的[\u4e00-\u9fff]{1,6})?(?:还|更)?[高低多少大小长短快慢]了?"
                           r"(?:多少|几|百分之几)")


def compared_place(question: str, places: tuple[str, ...]) -> tuple[str, ...]:
    """The place the question compares a value with (许昌的绿化覆盖率比洛阳高多少 → 洛阳), where it is surely a place;
    () otherwise. A file that never prints it gives no difference (40.62%, 许昌's own rate, was answered at 0.83)."""
    m = COMPARED_WITH.search(question)
    return tuple(p for p in places if m and (p == m.group(1) or p.startswith(m.group(1))))


def elsewhere(index: Index, places: tuple[str, ...], doc: str, article: int | None = None) -> bool:
    """Whether file `doc` prints none of `places` (and `places` is not empty): its facts are another place's. With
    an `article`, also whether that story prints none of them, where one of them is a city or county not the corpus's
    own (HOME_SHARE, `_city`)."""
    if not places:
        return False
    if not any(_printed(p, file_text(index, doc)) for p in places):
        return True
    if article is None or not any(_city(index, p) and not _home(index, p) for p in places):
        return False
    return not any(_printed(p, article_text(index, doc, article)) for p in places)


def _printed(place: str, text: str) -> bool:
    return place in text or (place[-1] in PLACE_SUFFIXES and len(place) > 2 and place[:-1] in text)


# A place printed in more than this share of the stories is the corpus's own city (许昌: 12 of 19): a story of
# it may leave its name out (护城河, 郑州 of a meeting held there were right in stories that never print 许昌), so
# where only it is asked, only the story's file must print it. Where another place is asked (郑州 of 郑州是哪年评上的),
# the story itself must print one of those asked: a file of several stories printed 郑州 in another one, and 许昌's
# 2015年 was answered at 0.84; the own city counts among them (从武汉坐高铁过来…许昌这一段, 在河南全省排第几: 许昌's).
HOME_SHARE = 0.5
CITY_ENDS = "市县"   # the places whose story must print them: cities and counties


def _city(index: Index, place: str) -> bool:
    """Whether `place` is a city or county (郑州, 禹州市, 长葛市), not a district or a province: a district is part of the
    city its stories tell of (我家住在老城区…这回一共投了多少钱: the cable story never prints 老城区), and a province holds
    it (在河南全省排第几: the story prints 全省)."""
    return place[-1] in CITY_ENDS or seat_of(index.tokenizer, place, CITY_ENDS)


def _home(index: Index, place: str) -> bool:
    homes = index.derived.setdefault("home_places", {})
    if place not in homes:
        stories = list(index.documents)
        printed = sum(_printed(place, article_text(index, doc, article)) for doc, article in stories)
        homes[place] = printed > HOME_SHARE * len(stories)
    return homes[place]
