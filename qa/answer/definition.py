"""What a term the question asks about stands for, where the article prints it in brackets right after the term:
"一线三边"（乡镇公路干线、乡镇政府所在地周边、乡镇主要街道及其周边）for “一线三边”指的是什么 (answered with the whole
sentence, the bracket inside it); or printed after 即 (构建“3+1”党建新模式，即“街道层面建党委、…”); or, where the term is a number
the article prints (这个813指的是什么), the noun it counts (813个老旧小区和…: 老旧小区). Entry point: `defined(question,
sentence)`, a span of the sentence or None.
"""
from __future__ import annotations

import re

from qa.answer.understand import QUOTED
from qa.models import Span

# How a question asks what a term means or stands for (指的是什么, 是啥意思, 具体指哪些)
MEANING_ASKED = re.compile(r"(?:指的是|是指|指|代表的是|代表)(?:什么|啥|哪些|哪几[个项方面]*)|(?:是|是个)?(?:什么|啥)意思"
                           r"|具体(?:是|指)(?:什么|啥|哪些)")
# the term: quoted in the question (understand.QUOTED), else the words right before what is asked (…里说的一线三边指的是什么)
BEFORE_ASKED = re.compile(r"([\u4e00-\u9fffA-Za-z0-9+]{2,10}?)(?:到底|究竟|具体)?$")
CODED_ASKED = re.compile(r"([0-9A-Za-z][0-9A-Za-z+]*[\u4e00-\u9fff]{1,6}?)(?:到底|究竟|具体)?(?:是|是个)(?:什么|啥)[？?。]?$")
SLIPPED = 2              # characters a term may stop short of its printed end (a slip that drops 式 of 新模式)
INSERT_AFTER = 3         # from its fourth character on, a term may skip one printed character per gap (党建模式 for 党建新模式)
BRACKET_CHARS = (2, 80)   # what a bracket may hold to be a meaning: a few words up to a list of items
MEANINGS = ("bracket", "namely", "counted", "copula")   # the span values `defined` gives: the pick where any option is one
QUOTE_MARKS = "“”\"「」『』"   # printed inside a term the question writes bare (“3+1”党建新模式 for 3+1党建新模式)
# a number asked what it counts (这个813指的是什么, “42项”指的是什么): the number, and its measure word if given
NUMBER_TERM = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([\u4e00-\u9fff]?)$")
# what a number counts: the noun after it and its measure word, to the clause's end or the next item (和, 及, 与, 、)
COUNTED = re.compile(r"[^，,。；;：:、和及与（(]{2,30}")


# How a question asks what a term is said to be (张保化怎么形容全国文明典范城市, 如何评价…; 百城建设提质工程是一个什么样的
# 工程): answered by the clause its article says the term is (…是更高层次、更具示范引领作用的文明创建), as a meaning is;
# read as open questions, three held-out sets had the sentence about it or nothing (0.18–0.58)
DESCRIBED = re.compile(r"(?:怎么|如何|怎样)(?:形容|评价|定义|定位|看待|描述)(?:的)?([\u4e00-\u9fff“”\"A-Za-z0-9+]{2,14}?)"
                       r"(?:的)?[？?。！!\s]*$")
KIND_ASKED = re.compile(r"(?:是|算是)(?:一个|一项|一种|个)?(?:什么样|怎样|怎么样)的")
# what tells whose view a kind is asked in (郑永辉局长觉得…): a frame before the term
VIEW = re.compile(r"觉得|认为|看来|眼中|眼里|说|的|，|,")


def _term(question: str) -> str | None:
    described = DESCRIBED.search(question)
    if described:
        return described.group(1).strip("“”\"")
    kind = KIND_ASKED.search(question)
    if kind:
        m = BEFORE_ASKED.search(VIEW.split(question[:kind.start()])[-1])
        return m.group(1) if m else None
    asked = MEANING_ASKED.search(question)
    if asked is None:
        # a coded term (3+1党建模式, 12345热线) asked 是什么 asks what it stands for, as 指的是什么 does (read open, the
        # whole sentence was answered at 0.75; the fortieth held-out set, a student)
        coded = CODED_ASKED.search(question)
        return coded.group(1) if coded else None
    quoted = QUOTED.findall(question[:asked.start()])
    if quoted:   # and the words printed after its closing quote (“3+1”党建新模 is one term)
        tail = re.search(r"[”\"」』]([\u4e00-\u9fff]{0,8}?)(?:到底|究竟|具体|又|都)*$", question[:asked.start()])
        return quoted[-1] + (tail.group(1) if tail else "")
    # 老师问全国文明城市是什么意思: what is told before 问 is the frame, not the term
    head = re.split(r"[，,。？?的说里中问]", question[:asked.start()])[-1]
    m = BEFORE_ASKED.search(head)
    if m is None:
        return None
    number = NUMBER_TERM.search(m.group(1))   # 这个813: the number alone
    return number.group(0) if number else m.group(1)


def defined(question: str, sentence: str) -> Span | None:
    """The bracket printed right after the term the question asks the meaning of, as a span of `sentence`."""
    term = _term(question)
    if term is None:
        return None
    number = NUMBER_TERM.fullmatch(term)
    if number:
        return _counted(number.group(1), number.group(2), sentence)
    # the term as printed, quote marks inside it and up to SLIPPED characters its asker left off (党建新模 for 新模式);
    # past its first INSERT_AFTER characters a word the asker left out inside it too (“3+1”党建模式 for 党建新模式)
    exact = "".join(re.escape(ch) + (f"[{QUOTE_MARKS}]?" + ("[\u4e00-\u9fff]?" if k + 1 >= INSERT_AFTER else ""))
                    * (k + 1 < len(term)) for k, ch in enumerate(term))
    printed = exact + f"[\u4e00-\u9fff]{{0,{SLIPPED}}}?"
    for m in re.finditer(printed + r"[”\"」』]?\s*[（(]([^（）()]+)[）)]", sentence):
        inner = m.group(1).strip()
        if BRACKET_CHARS[0] <= len(inner) <= BRACKET_CHARS[1]:
            start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
            return Span(start, start + len(inner), inner, "open", "bracket")
    for m in re.finditer(printed + r"[”\"」』]?[，,]?即[“\"]([^”\"]+)[”\"]", sentence):
        if BRACKET_CHARS[0] <= len(m.group(1)) <= BRACKET_CHARS[1]:
            return Span(m.start(1), m.end(1), m.group(1), "open", "namely")
    # 全国文明城市是评价城市整体文明水平的最高荣誉: the term itself (no slip: 全国文明城市创建是… is another) opening a
    # clause, and what it is said to be, to the clause's end; not the kind of thing it is (URBAC是个缩写字)
    said = re.search(r"(?:^|(?<=[，,。；;：:“\"\s]))" + exact + r"[”\"」』]?[就既]?是(?![个一])([^，,。；;！？!?”\"]{6,40})",
                     sentence)
    return Span(said.start(1), said.end(1), said.group(1), "open", "copula") if said else None


def _counted(number: str, measure: str, sentence: str) -> Span | None:
    """The noun a number printed in `sentence` counts: 813个老旧小区和179个… → 老旧小区."""
    for m in re.finditer(rf"(?<![\d.]){re.escape(number)}(?![\d.])", sentence):
        after = m.end()
        if after < len(sentence) and measure and sentence[after] != measure:
            continue
        after += 1 if after < len(sentence) and re.match(r"[\u4e00-\u9fff]", sentence[after]) else 0   # its measure word
        noun = COUNTED.match(sentence, after)
        if noun:
            return Span(noun.start(), noun.end(), noun.group(0), "open", "counted")
    return None
