"""Which of a sentence's counts is bound to the noun asked: 全国文明单位 10 个、省级文明单位标兵 11 个、省级文明单位
181 个 answers 共有多少个省级文明单位 with 181个 only. Entry point: `loose_counts(question, options)`.

Why: the question's words match every count of such a sentence alike, and the nearer one won:
许昌市目前共有多少个省级文明单位 was answered 11个 at 0.94 (unseen u019; 11 counts the 标兵, a longer noun), and
with 11 left out, 10个 (全国文明单位) at 0.94. A count is bound to the words printed right before its number; of
two counts of one sentence, the one whose words end with the longer piece of the question is the one asked.
Over every gold set the counts this leaves out are all wrong and none right.

The noun may follow the count instead (涉及 9 个领域 40 个负面清单事项): where the question counts the noun
printed after its measure word (涉及多少个领域), a count of the same sentence followed by that noun is bound, and
one followed by another noun is not offered beside it (负面清单事项涉及多少个领域 was answered 40个 at 0.85), nor,
alone, one followed by a noun that shares no character with the one asked (多少个监控探头 → 17万个公共设施). Where the
question names its noun before it asks (重点小区…整治了多少个), a count followed by a noun it does not name is not offered
beside one followed by a noun it names.
"""
from __future__ import annotations

import re

ASKED_TYPES = ("number", "percent")
NOUN_STOPS = "，,。；;：:！？!?、（）()\n\t 0123456789.%"   # a noun run before a number stops at these
QUOTES = "“”‘’《》\"'"   # “五好文明家庭”222户: a quoted noun binds as the noun
NOUN_CHARS = 20      # the run read back from a number
MIN_SHARED = 3       # characters of the question a binding must hold: 2 (人口, 单位) are common words
# words between a noun and its number that leave the binding as it is: 文明村镇占比达到 50% counts 文明村镇
MEASURE_TAILS = ("数", "人数", "总数", "数量", "总量", "面积", "规模", "占比", "比例", "比重", "达到", "达", "为", "是",
                 "有", "共", "共有", "约", "超过", "累计", "总计", "增长", "提高到", "提升到", "的")
_TAIL = re.compile(f"(?:{'|'.join(sorted(MEASURE_TAILS, key=len, reverse=True))})+$")
_DIGIT = re.compile(r"[0-9０-９]")
_UNIT = re.compile(r"^[0-9０-９.．,，\s]*[万亿千百]?\s*")   # what is left starts with the measure word: 个, 户, %
# 多少个领域 / 几项任务: the noun counted, printed after the measure word; its first NOUN_AFTER characters are compared
ASKED_AFTER = re.compile(r"(?:多少|几)\s*([个项家所条名位次户处座类种批])\s*([\u4e00-\u9fff]{2,})")
NOUN_AFTER = 2
PART_PIECE = 3   # characters of a part's clause the question shares to say what it does (2: 家庭 is the whole's noun)
STRAY_REACH = 12   # characters after a count its own noun is read in (up to the clause's end)
# 约117万户家庭中有107.6万户参与…: a count whose noun is followed by 中有 is the whole a later count is part of; the
# part is asked where the question says what it does (有多少户家庭参与… was answered 117万户 at 0.95: the part was
# left out, its next word 参与 not being the noun 家庭), the whole where it does not (全市有多少户家庭)
WHOLE = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:之中|中)(?:有|的)")


def loose_counts(question, options: list) -> list:
    """The options to leave out: a count whose words bind less of the question than another count's,
    apart from it in the same sentence (…标兵 11 个 or 全国文明单位 10 个 beside 省级文明单位 181 个)."""
    if question.type not in ASKED_TYPES:
        return []
    asked = _unquoted(question.text)
    bound = [(o, *_binding(o, asked)) for o in options if o.span is not None]
    before = [o for o, n, loose, unit in bound
              if loose and any(m >= MIN_SHARED and m > n and u == unit and _same_sentence(o, x) and _apart(o, x)
                               for x, m, _, u in bound if x is not o)]
    left = {id(o) for o in before}
    return before + [o for o in _loose_after(question.text, [b[0] for b in bound]) if id(o) not in left]


def _loose_after(question: str, options: list) -> list:
    """Counts followed by another noun than the one the question counts after its measure word, where the
    same sentence prints a count of the asked noun (9个领域 beside 40个负面清单事项 for 涉及多少个领域)."""
    m = ASKED_AFTER.search(question)
    if m is None:
        return _loose_named(question, options)
    unit, noun, phrase = m.group(1), m.group(2)[:NOUN_AFTER], m.group(2)
    counts = [o for o in options if _DIGIT.search(o.span.text) and o.span.text.rstrip().endswith(unit)]
    def after(o) -> str:
        return o.sentence.text[o.span.end:].lstrip(" \u3000")
    asked = [o for o in counts if after(o).startswith(noun)]
    # the part of a whole (…家庭中有 107.6万户参与…) is the one asked where the question says what the part does
    wholes = [o for o in asked if WHOLE.match(after(o))]
    parts = [o for o in counts if not after(o).startswith(noun) and _says_what_it_does(after(o), question)
             and any(_same_sentence(o, w) and w.span.end <= o.span.start for w in wholes)]
    if parts:
        asked = [o for o in asked if not any(o is w for w in wholes)] + parts
    bound = {id(o) for o in asked}
    # a count followed by a noun that shares no character with what the question prints after its measure word counts
    # something else, asked noun printed or not (多少个监控探头 → 17万个公共设施 at 0.78; 170个百城建设提质项目 still
    # counts 项目, 6项重点任务 文明创建重点任务)
    stray = {id(o) for o in counts if re.match(r"[\u4e00-\u9fff]", after(o))
             and not set(re.split(r"[^\u4e00-\u9fff]", after(o))[0][:STRAY_REACH]) & set(phrase)}
    return [o for o in counts if id(o) not in bound
            and (id(o) in stray or any(_same_sentence(o, x) and _apart(o, x) for x in asked))]


def _says_what_it_does(after: str, question: str) -> bool:
    """Whether the question says what the part printed before `after` does: its first word (参与) or, said in other
    words (参加了文明家庭建设 for 参与文明家庭建设: 117万户, the whole, had been answered at 0.96), a piece of
    PART_PIECE characters of its clause."""
    clause = re.split(r"[，,。；;]", after)[0][:STRAY_REACH]
    return after[:NOUN_AFTER] in question or any(clause[k:k + PART_PIECE] in question
                                                  for k in range(len(clause) - PART_PIECE + 1))


def _loose_named(question: str, options: list) -> list:
    """Where the question names its noun before asking (重点小区的通信线缆整治了多少个) and a sentence prints counts each
    followed by its noun (813个老旧小区和179个重点小区), the counts whose noun the question does not print, beside one
    whose noun it does (813个 had been the answer at 0.95)."""
    counts = [o for o in options if _DIGIT.search(o.span.text) and re.search(r"[个项家所条名位次户处座类种批]$", o.span.text)]
    named = {id(o): _noun_after(o) for o in counts}
    asked = [o for o in counts if len(named[id(o)]) >= 2 and named[id(o)] in question]
    return [o for o in counts if len(named[id(o)]) >= 2 and named[id(o)] not in question
            and any(_same_sentence(o, x) and _apart(o, x) and x.span.text[-1] == o.span.text[-1] for x in asked)]


def _noun_after(o) -> str:
    """The noun printed right after a count, up to a joining word or a mark (813个|老旧小区|和179个…)."""
    m = re.match(r"[\u4e00-\u9fff]+", o.sentence.text[o.span.end:o.span.end + STRAY_REACH].lstrip(" \u3000"))
    return re.split(r"[和与及的]", m.group(0))[0] if m else ""


def _binding(o, asked: str) -> tuple[int, bool, str]:
    """How many characters of the question end the words printed right before the option's number;
    whether those words are loose: they hold a piece of the question but are not all of the question's
    (省级文明单位标兵, 全国文明单位 for 省级文明单位; words wholly the question's are a noun it names, as a
    follow-up's 和睦家庭 beside the 五好文明家庭 it replaces; a verb, 涉及 9 个领域, holds none); its measure word."""
    digit = _DIGIT.search(o.span.text)
    k = o.span.start + (digit.start() if digit else 0)
    text = o.sentence.text
    while k > 0 and text[k - 1] in " \u3000":
        k -= 1
    j = k
    while j > 0 and text[j - 1] not in NOUN_STOPS and k - j < NOUN_CHARS:
        j -= 1
    run = _TAIL.sub("", _unquoted(text[j:k]))
    ends = next((n for n in range(len(run), 0, -1) if run[-n:] in asked), 0)
    holds = any(run[i:i + MIN_SHARED] in asked for i in range(len(run) - MIN_SHARED + 1))
    return ends, holds and ends < len(run), _UNIT.sub("", o.span.text[digit.start():] if digit else "")[:1]


def _unquoted(text: str) -> str:
    return "".join(ch for ch in text if ch not in QUOTES)


def _same_sentence(a, b) -> bool:
    return (a.sentence.doc, a.sentence.clean_start) == (b.sentence.doc, b.sentence.clean_start)


def _apart(a, b) -> bool:
    return a.span.end <= b.span.start or b.span.end <= a.span.start
