"""What a pasted question carries around it: a group chat's markup, a hotline operator's relay frame, a quiz
sheet's tags, options and blanks. Entry points: `as_pasted(text)` (the question as asked, its blanks marked),
`blank_followup(text, previous)` (第二个空填啥 after a blank question) and `as_question(text)` (the marked blank
asked with a question word).

Each was found on a held-out set written by someone who never saw the code (the forty-seventh to forty-ninth):
pasted as is, the chat's [捂脸] and @王姐, the operator's 有市民来电询问, and the quiz's 第1题【填空题】… weighed as
terms, and questions every other set answers were refused at 0.00–0.14 or answered with a whole sentence.
"""
from __future__ import annotations

import re

from qa.answer.question import WH_WORD

# --- a group chat (WeChat): what the app adds around the words, never part of the question
CHAT_MARKUP = [
    re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,4}\]"),                         # emoji codes: [捂脸] [呲牙] [强]
    re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]"),         # emoji characters
    re.compile(r"@[^\s，,：:@]{1,10}[\s，,：:]*"),                            # @王姐 (a mention, up to its space)
    re.compile(r"^回复\s*[^：:\s]{1,10}\s*[：:]"),                             # 回复 李叔：… (a quoted reply)
    re.compile(r"(?:哈|呵|嘿|嘻){2,}|[hH]{3,}"),                               # 哈哈哈
    re.compile(r"^群主[\s，,：:]+"),                                          # addressing the group's owner
    # a bet's two claims and who won (…排第几？他说第五，我说第七，谁赢了): the claims are no terms, 谁 asks no person
    re.compile(r"(?<=[。？?！!])\s*[^。？?！!]{0,12}说[^。？?！!]{1,20}谁(?:赢|对|说得对|说的对)了?[？?！!。吧啊呢]*\s*$"),
]

# --- a hotline operator relaying a caller: who asks, not what (有市民来电询问，…；来电人又问，那…呢；工单：…；诉求：…)
CALLER = r"(?:有|一位|一名|这位|该)?(?:市民|群众|来电人|来电市民|居民|老大爷|大爷|大妈|阿姨|老人)"
RELAY = [
    re.compile(r"(?:工单|诉求|来电内容|咨询内容)[：:]"),
    re.compile(rf"^{CALLER}(?:来电|打电话)?(?:又|还)?(?:询问|咨询|问|问道|想了解|想知道|想问(?:一下|问)?|反映)(?:说)?"
               r"(?:[：:，,]|(?=[^的题]))"),
    re.compile(rf"^{CALLER}(?:来电|打电话)?说[：:，,]?"),
    re.compile(rf"^{CALLER}是[^，,。？?]{{1,12}}[，,]"),                         # 来电人是长葛人，(who calls)
    re.compile(r"^(?:他|她)(?:还|又)想(?:核实|了解|知道|问)(?:一下)?"),   # 他还想知道…: the caller of the turn before
]
# …and, in a relayed question only, where the operator turns to what the caller asks (市民反映说听说…，想核实一下到底是哪天):
# what comes before is the caller's, and the topic. An asker's own 想知道 marks where a story of theirs ends
# (qa.answer.question.ASK_MARKER: 我在长葛开了家小超市，…，想知道长葛市的目标是什么, right at 0.96 only with it).
RELAYED_ASK = re.compile(r"[，,；;。]\s*(?:想|要)(?:核实|了解|知道|问|咨询)(?:一下|问|清楚)?")

# --- a quiz sheet: its numbering, tags, points and the asker's plea (第1题【填空题】…（2分）…这题咋选)
QUIZ_TAGS = [
    re.compile(r"^第\s*\d+\s*题[：:、.．\s]*"),
    re.compile(r"^\d{1,3}\s*[、.．]\s*(?=\D)"),
    re.compile(r"【[^】]{1,6}题】|^(?:单选|多选|判断|填空)题[：:\s]*|[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]"),
    re.compile(r"[\n\s，,。]*(?:这题(?:咋|怎么|该)(?:选|填|做)|求答案|填啥|选啥|选哪个)[？?！!。]*\s*$"),
]
# the options, from the first A. to the end (inline or one per line); the question never goes on after them
OPTIONS = re.compile(r"[\s\n]*A\s*[.．、:：)）]\s*[^\n]*?(?:[\s\n]+[B-F]\s*[.．、:：)）][^\n]*?)+\s*$")
MANY = re.compile(r"【多选题?】|多选")   # a multiple choice asks for several: 哪些
# a blank: underscores, or empty brackets; written (？) where it is asked and （ ） where not
BLANK = re.compile(r"_{2,}|＿{2,}|[（(][\s\u3000]*[）)]")
ASKED_BLANK, OTHER_BLANK = "（？）", "（ ）"
MARKED = re.compile(r"（[？ ]）")

# 第二个空填啥, 下一空呢, 后面那个空呢: another blank of the previous question
BLANK_POINTER = re.compile(r"第([一二三四五六七八九十\d]+)个?空|(下一?个?|后面?(?:那|这)?个?|后一个?|另一个?)空|最后一?个?空")
ORDINALS = "一二三四五六七八九十"


def as_pasted(text: str) -> str:
    """`text` without the chat's markup, the operator's relay frame and the quiz's tags and options, its first blank
    marked as the one asked; unchanged when none of them is there (and when nothing would be left)."""
    out = text
    for pattern in CHAT_MARKUP:
        out = pattern.sub("", out).strip()
    relayed = out
    for pattern in RELAY:
        out = pattern.sub("", out).strip()
    if out != relayed:
        out = RELAYED_ASK.sub("，", out)
    out = out.lstrip("，,、 ")
    if len(out) > 2 and out[0] == "“" and out[-1] == "”" and "“" not in out[1:-1]:   # 一位老大爷问：“…”
        out = out[1:-1]
    many = bool(MANY.search(out))
    for pattern in QUIZ_TAGS:
        out = pattern.sub("", out).strip()
    out = OPTIONS.sub("", out).strip()
    if BLANK.search(out) or MARKED.search(out):
        out = BLANK.sub(OTHER_BLANK, out)
        if ASKED_BLANK not in out:
            out = out.replace(OTHER_BLANK, ASKED_BLANK, 1)
        if many:
            out += "（多选）"
    return re.sub(r"\s+", " ", out).strip() or text


def blank_followup(text: str, previous: str | None) -> str | None:
    """The previous blank question asking the blank `text` points at (第二个空, 下一空, 最后一个空); None otherwise."""
    m = BLANK_POINTER.search(text)
    if m is None or not previous or ASKED_BLANK not in previous:
        return None
    blanks = list(MARKED.finditer(previous))
    at = next(k for k, b in enumerate(blanks) if b.group(0) == ASKED_BLANK)
    if m.group(1):
        n = m.group(1)
        want = int(n) - 1 if n.isdigit() else ORDINALS.find(n)
    else:
        want = at + 1 if m.group(2) is not None else len(blanks) - 1
    if not 0 <= want < len(blanks) or want == at:
        return None
    marks = [ASKED_BLANK if k == want else OTHER_BLANK for k in range(len(blanks))]
    parts = MARKED.split(previous)
    return "".join(p + (marks[k] if k < len(marks) else "") for k, p in enumerate(parts))


WHOLE_DATE = "哪一天"
# The question word a blank is asked with, by what stands around it: the first that fits.
# (before, after, word, why)
BLANK_WORDS = [
    (r"", r"^年[（(]\s*[？ ]?\s*[）)]月[（(]\s*[？ ]?\s*[）)]日", WHOLE_DATE, "a whole date's three blanks ask its day"),
    (r"第$", r"", "几", "an ordinal: 第（ ）名 asks 第几名"),
    (r"", r"^年", "哪", "a year: （ ）年 asks 哪年"),
    (r"", r"^(?:月|日|号)", "几", "a month or day of a date"),
    (r"", r"^(?:[个项户人名家所条座处次届件位岁天亿万千百元%％]|平方|公里|米|亩)", "多少", "a count or amount with its unit"),
    (r"(?:时间|日期)(?:是|为)?$", r"", "哪一天", "a time asked by name: 三连冠的时间是（ ）"),
    (r"(?:自|从)$", r"^(?:起|开始)", "哪天", "from when: 自（ ）起施行"),
    (r"(?:达|达到|为|共|约|投资|总计|累计|增加|减少|超过)$", r"^[，,。；;、\s]|^$", "多少", "a figure reached"),
    (r"(?:包括|包含|分别是|有)$", r"", "哪些", "an enumeration"),
]
ANY_WORD = "什么"   # any other blank: a name, a title, a phrase


def as_question(text: str) -> str:
    """`text` with its asked blank put as a question word and the other blanks left out; unchanged without blanks."""
    if ASKED_BLANK not in text:
        return text
    many = text.endswith("（多选）")
    text = text.removesuffix("（多选）")
    if WH_WORD.search(MARKED.sub("", text)):   # 许昌…是哪一年？（ ）: the blank is only where the answer goes
        return MARKED.sub("", text)
    if many:
        return text.replace(ASKED_BLANK, "哪些", 1).replace(OTHER_BLANK, "")
    at = text.index(ASKED_BLANK)
    before, after = _other_items(text[:at], text[at + len(ASKED_BLANK):])
    for left, right, word, _why in BLANK_WORDS:
        m = re.search(right, after) if right else None
        if (not left or re.search(left, before)) and (not right or m):
            if m is not None and word == WHOLE_DATE:   # 郑许市域铁路于（ ）年（ ）月（ ）日: the three as one
                after = after[m.end():]
            return MARKED.sub("", before + word + after)
    return MARKED.sub("", before + ANY_WORD + after)


CLAUSE_END = re.compile(r"[，,。；;：:]")


def _other_items(before: str, after: str) -> tuple[str, str]:
    """The text around the asked blank without the other items of its list that hold a blank of their own (第（？）名、
    全省参评城市第（ ）名: read with it, 第几名 was answered with the province's 第一名 where the nation's was asked)."""
    cut = max((m.end() for m in CLAUSE_END.finditer(before)), default=0)
    items = before[cut:].split("、")
    before = before[:cut] + "、".join([i for i in items[:-1] if not MARKED.search(i)] + items[-1:])
    end = next((m.start() for m in CLAUSE_END.finditer(after)), len(after))
    items = after[:end].split("、")
    return before, "、".join(items[:1] + [i for i in items[1:] if not MARKED.search(i)]) + after[end:]
