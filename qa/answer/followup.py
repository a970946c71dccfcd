"""Follow-ups: a turn that leans on the previous question (那第二次呢？, 那在河南排第几？, 重点小区呢？)
rewritten into a whole question. Entry point: `resolve_followup(text, previous)`; `followup_fragment` gives
the words a follow-up adds (its focus), `asks_alone` whether it also asks a question of its own.
"""
from __future__ import annotations

import re

from qa.answer.money_kind import kinds_asked
from qa.answer.in_place import YEAR_WORD, word_in_place
from qa.answer.names import OFFICE_ENDS
from qa.answer.question import CLAUSE, SENTENCE, WH_WORD, analyze, asking_sentence
from qa.index.record import Index

# The words that open a follow-up (那第二次呢, 还有…), not a pointer's 那 (那个项目, 那位, 那次会议, 那回, 那届, 那一年: they
# stay; 那回在全国排第几 read as 回在全国… replaced 评上: 许昌是哪年头一回回在全国文明城市的啊, answered 2019年 at 0.86)
LEAD = r"^(?:那么|那(?![个位些种家次回届年天项名条一])|还有|另外|然后)"


# A short turn that opens with its verb has no subject of its own (占总数多少 after …家庭建设有多少户参与了, 是谁主持的,
# 有多少个): read alone, 占总数多少 was answered with another share of the article (28.9% at 0.82). Longer turns may
# name their own thing after the verb (有哪些全国文明单位) and stand alone.
VERB_FIRST = r"^(?:占|是|有|在|花了|用了|达到?|排)"   # not 比: 比例是多少 names its own thing
VERB_FIRST_CHARS = 6


# A written pointer back (该次会议是在哪一天召开的, 该受访者的职务是什么, 若将范围限定在河南省内，其位次又如何): read alone,
# each was refused or answered for another thing (the forty-fifth held-out set, students writing a paper). Not 其中 / 其他,
# nor 该市 (the city a formal question names for itself), and up to FORMAL_CHARS: a written turn says more.
FORMAL_POINTER = re.compile(r"^(?:该|此)(?![市县区城])|其(?![中他余实它])")
FORMAL_CHARS = 20


def is_elliptical(text: str) -> bool:
    """A turn that leans on the previous one: 那…/…呢, a pointer (这些, 这项, 该次, 其), or only a qualifier."""
    t = text.strip()
    if len(t) <= FORMAL_CHARS and FORMAL_POINTER.search(re.sub(LEAD, "", t)):
        return True
    if len(t) > 16:
        return False
    return (
        bool(re.match(r"^(?:那么?|还有|另外|然后|这些|这项|这个|那些|它)", t))
        or t.rstrip("？?。").endswith("呢")
        or not re.search(r"[\u4e00-\u9fff]{2}", WH_WORD.sub("", t))
        or (len(re.sub(r"\W", "", t)) <= VERB_FIRST_CHARS and re.match(VERB_FIRST, t) is not None)
    )


def asks_alone(text: str) -> bool:
    """Whether a turn read as a follow-up also asks a question of its own: a question word, no closing 呢."""
    return WH_WORD.search(text) is not None and not text.strip().rstrip("？?。！! ").endswith("呢")


def resolve_followup(text: str, previous: str | None, index: Index | None = None) -> str:
    """Rewrite an elliptical follow-up into a whole question using the previous one.

    "那第二次呢？" after "许昌第一次获评全国文明城市是哪一年？" becomes
    "许昌第二次获评全国文明城市是哪一年？": the new qualifier replaces the old one; a new
    subject ("那郑州呢？") replaces nothing and is added in front. With the `index`, a word the
    articles print beside one of the previous question's takes its place (那总量呢 after …增速…).
    """
    if previous and not is_elliptical(text):
        return _dated_back(text, previous) or text
    if not previous:
        return text
    previous = _asked(previous)
    fragment = re.sub(LEAD, "", text.strip())
    fragment = re.sub(r"(?:的)?呢?[？?。！!]*$", "", fragment).strip("，, ")
    if not fragment:
        return previous
    new = analyze(fragment + "？")
    if new.qualifier in ("first", "nth") and ASKED_TIME.search(previous) and analyze(previous).qualifier not in ("first", "nth"):
        # 那第一次是哪天 after 2020年蝉联…，是许昌第几次荣膺…: the fragment names the time asked, and the year dated the
        # other one (read with it, 2020年11月10日 was answered at 0.99)
        previous = YEAR_WORD.sub("", ASKED_TIME.sub(new.qualifier_words[0], previous, count=1))
    prev = analyze(previous)
    if WH_WORD.search(fragment) and YEAR_WORD.search(fragment) and not YEAR_WORD.search(previous) and new.type != prev.type:
        # its own year and its own kind of value (那2019年全市生产总值是多少 after 总量和增速在全省分别排第几): it asks alone;
        # read with the previous turn, 全市 took 全省's place and 2018's 第4位和第2位 was answered at 0.81 (高)
        return fragment + "？"
    # a qualifier alone (那第二次呢) takes the old one's place; with a thing of its own (累计完成投资呢 after
    # …累计实施数量是多少) the thing is asked: read as the qualifier alone, the previous question came back (1624个 at 0.91)
    told = _besides(fragment, new.qualifier_words)
    if new.qualifier_words and not WH_WORD.search(fragment) and not told:
        if prev.qualifier_words:
            return previous.replace(prev.qualifier_words[0], new.qualifier_words[0], 1)
        return fragment + previous
    shared = next((w for w in prev.qualifier_words if fragment.startswith(w)), None) if told else None
    if told and not shared and fragment.startswith(new.qualifier_words) and new.qualifier == prev.qualifier:
        shared = next(iter(prev.qualifier_words), None)   # 累计投资 after …一共实施了多少个…项目 (1624个 was answered at 0.94)
    if shared and not WH_WORD.search(fragment) and (at := previous.find(shared)) >= 0:
        # the previous question's qualifier and its thing, up to 是 or its question word, give way to the fragment's
        # (累计完成投资 for 累计实施数量)
        thing = re.match(r"[^\W\d是的为有达]+", previous[at:])
        asks = WH_WORD.search(previous, at)
        end = min(thing.end() if thing else 0, asks.start() - at if asks else len(previous))
        if end > len(fragment) // 2:
            rest = previous[at + end:]
            if "investment" in kinds_asked(fragment):   # 累计投资 after 累计实施了多少个…项目: a sum, no count
                rest = re.sub(r"^(多少|几)[个项条家所位名户人次]", r"\1", rest)
            return previous[:at] + fragment + rest
    if POSSESSED.fullmatch(fragment) and not WH_WORD.search(fragment):   # 那长葛市的目标呢: asks that 目标
        return with_topic(fragment + "是什么", previous)
    if new.qualifier_words and prev.qualifier_words and new.qualifier_words[0] not in prev.qualifier_words:
        # 第二次获评是哪一天 after 第一次拿到…是第几届: the previous question's 第一次 stood beside the fragment's and
        # the first award's date was answered (0.72); its topic is asked of the fragment's event
        previous = previous.replace(prev.qualifier_words[0], new.qualifier_words[0], 1)
    if prev.type == "person" and (other := _office_for_office(fragment, previous)):
        return other
    if new.type == prev.type == "person" and WH_WORD.search(fragment):
        # 会议是谁主持的 after …会议上出席并讲话的市委书记是哪位: the person asked before is another one, and the office
        # asked before, left in the topic, named them again (胡五岳 at 0.94 for the 市长 who presided)
        previous = _without_deed(_without_office(previous))
        if not re.search(r"[\u4e00-\u9fff]", WH_WORD.sub("", previous)):   # 那副市长是谁 after 市委书记是谁: asks alone
            return fragment + "？"
    if WH_WORD.search(fragment) and new.type != prev.type and FORMAL_POINTER.search(fragment):
        # 那么其增速在全省排第几 after …生产总值达到多少: its own kind of value of the previous one's thing; put in place, its
        # 全省 took 全市's and the 生产总值 was answered (0.86)
        return with_topic(fragment, previous)
    return word_in_place(fragment, previous, index) or _own_thing(fragment, previous, index) \
        or with_topic(fragment, previous)


# A follow-up that names its own thing before 呢 and asks its own question of it (那学雷锋志愿服务站呢，建了几个 after
# 全市实名注册的志愿者现在有多少人了): it asks alone, with the previous question's year. Read in the previous one's topic,
# the 志愿者 stayed and their 57.5万人 was answered at 0.94 (高; the forty-fourth held-out set). Only a thing the articles
# print, of OWN_THING_CHARS or more: 那禹州呢，定的啥 / 那湖呢，都有哪几个 lean on the previous question's noun.
OWN_THING = re.compile(r"([^\W\d]+)呢[，,](.+)")
OWN_THING_CHARS = 4


def _own_thing(fragment: str, previous: str, index: Index | None) -> str | None:
    """The fragment asked alone, with the previous question's one year, where it names its own printed thing; or None."""
    m = OWN_THING.fullmatch(fragment)
    if m is None or index is None or not WH_WORD.search(m.group(2)) or len(thing := m.group(1)) < OWN_THING_CHARS:
        return None
    if thing[0] in "这那该此其" or not any(thing in c.text for c in index.chunks):
        return None
    years = set(YEAR_WORD.findall(previous))
    return (years.pop() if len(years) == 1 else "") + thing + m.group(2) + "？"


# 那次 / 那回 opening a turn point at the event the previous question dated (那次蝉联全国文明城市称号是哪一天 after
# 2017年届满复查时…: read alone, too long for a follow-up, the 2020 award's date was answered at 0.81, 高; the thirty-ninth
# held-out set): the turn is asked of that year (a short turn is read as a follow-up, below)
EVENT_POINTER = re.compile(r"^(?:那|这)一?[次回]")


def _dated_back(text: str, previous: str) -> str | None:
    """`text` with the year of the previous question before it, where it opens by pointing at an event and names none."""
    years = YEAR_WORD.findall(previous)
    if not EVENT_POINTER.match(text.strip()) or YEAR_WORD.search(text) or len(set(years)) != 1:
        return None
    return years[0] + text.strip()


def _without_office(previous: str) -> str:
    """The previous person question without the office it asked for and the clause before it (…会议上|出席并讲话
    的市委书记|是哪位), where an office stands right before its question word; as it was otherwise."""
    asks = WH_WORD.search(previous)
    if asks is None:
        return previous
    head = re.sub(r"是$", "", previous[:asks.start()])
    office = next((w for w in sorted(OFFICE_ENDS, key=len, reverse=True) if head.endswith(w)), None)
    if office is None:
        return previous
    # …with the offices listed before it, one person's (市委宣传部副部长、市创文办常务副主任是谁: cut to 主任 alone, 那市创文办
    # 的主任是谁 was read with 常务副 and answered 刘少林 at 0.95, 高; no 主任 is named; the thirty-ninth held-out set)
    clause = re.search(r"(?:(?<=[上中里时，,])|^)(?:[^上中里时，,、]{2,12}、)*[^上中里时，,、]{0,10}$", head)
    cut = clause.start() if clause else len(head) - len(office)
    return previous[:cut] + previous[asks.end():]


def _office_for_office(fragment: str, previous: str) -> str | None:
    """The previous person question with the fragment's office in the place of the one it asked (那市长呢 after
    …许昌市委书记是谁 → …许昌市长是谁: read in front, the 市委书记 came back, 胡五岳 at 0.92); None otherwise."""
    asks = WH_WORD.search(previous)
    if not re.fullmatch(rf"[\u4e00-\u9fff]{{0,4}}(?:{'|'.join(OFFICE_ENDS)})", fragment) or asks is None:
        return None
    head = re.sub(r"是$", "", previous[:asks.start()])
    office = next((w for w in sorted(OFFICE_ENDS, key=len, reverse=True) if head.endswith(w)), None)
    m = re.search(rf"(?:[市县省区]委)?(?:常务)?副?{office}$", head) if office else None
    if m is None or previous[m.start():len(head)] == fragment:
        return None
    return previous[:m.start()] + fragment + previous[len(head):]


def _without_deed(previous: str) -> str:
    """The previous person question without the deed it asked the doer of (…会议|是谁主持的), where a short verb
    phrase follows its 谁: 那是谁讲的话 after …会议是谁主持的 was read with 主持, and the 市长 who presided answered."""
    m = re.search(r"(?:是|由)?谁([\u4e00-\u9fff]{1,4}?)(?:的话|的)?[？?。！!]*$", previous)
    return previous[:m.start()].rstrip("，, ") if m and m.start() > 0 else previous


# 长葛市的目标 (of 那长葛市的目标呢): a thing of a named one, asked for itself, not in the place of the previous
# question's like (read as 长葛市的目标，县里哪个要确保创成…, it was answered 禹州市 at 0.56). Only a place owns it here:
# 以前靠人工的时候 is a clause, and its 时候 the previous question's measure (那以前靠人工的时候呢 → 2至3天)
POSSESSED = re.compile(r"[\u4e00-\u9fff]{1,6}(?:市|县|区|镇|乡|村|社区|小区|街道)的[\u4e00-\u9fff]{1,4}")
ASKED_TIME = re.compile(r"第几[次回届]")

def _asked(previous: str) -> str:
    """The previous question without the remark after it (许昌头一回拿到…是哪一天来着？我只记得是2015年初。): said about
    that turn's answer, it is no part of the next (第二次呢 read with 2015年 was refused)."""
    sentences = [m.group(0) for m in SENTENCE.finditer(previous.strip())]
    at = asking_sentence(sentences)
    return "".join(sentences[:at + 1]) if at < len(sentences) - 1 else previous


def _besides(text: str, words: tuple[str, ...]) -> str:
    """`text` without `words` and the particles around them: what a fragment says besides its qualifier."""
    for w in words:
        text = text.replace(w, "")
    return re.sub(r"[的了呢吗啊那这个，,？?。！!\s]", "", text)


def with_topic(fragment: str, previous: str) -> str:
    """The fragment read in the previous question's topic.

    With its own question word ("那这些项目完成了多少投资？") the previous question, minus its
    question word, gives the topic; without one ("那2017年呢？") it goes in front of it.
    """
    fragment = fragment.rstrip("？?。！! ")
    if WH_WORD.search(fragment):
        clauses = [m.group(0) for m in CLAUSE.finditer(previous)]
        k = next((k for k in range(len(clauses) - 1, -1, -1) if WH_WORD.search(clauses[k])), 0)
        if k > 0 and _names_a_thing(fragment) and len(_bare(WH_WORD.sub("", clauses[k]))) <= ASKED_THING:
            # 那直接受益的群众有多少 after 为整治…空中线缆，…，投入了多少资金: the clauses before the one that asked are the
            # topic, and the thing asked there is not (read with 投入了资金, 1000余万元 was answered at 0.93)
            previous = "".join(clauses[:k]).rstrip("，,：: ")
        if MONEY_ASKED.search(fragment):   # 花了多少钱 after …一共整了多少个老旧小区: the sum, not the count's thing
            previous = COUNTED.sub("", previous)
        # a clause left with particles only goes too (…称号，是第几届的 → …称号，的: shown as 理解为)
        topic = re.sub(r"[，,][的了呢吗啊是]+$", "", WH_WORD.sub("", previous).rstrip("？?。！! ")).rstrip("，, ")
        return topic + "，" + fragment + "？"
    return fragment + "，" + previous


# A sum asked after a count (花了多少钱 after 市里这个空中线缆整治一共整了多少个老旧小区啊): the count's noun is no part of the
# topic (read with 整了老旧小区, the right 1000余万元 was refused at 0.20; the forty-ninth held-out set, a group chat)
MONEY_ASKED = re.compile(r"多少钱|花了多少|投了多少|投入了?多少|多少(?:资金|经费)")
COUNTED = re.compile(r"(?:多少|几)[个项条所家位名户座处][\u4e00-\u9fff]{1,8}?(?=[啊呀呢吗？?。，,]|$)")


# The longest asking clause (without its question word) that says only the thing asked (投入了资金), not the topic
# too (请问许昌是哪一天第一次荣获全国文明城市称号的): only such a clause gives way to a fragment's own thing.
ASKED_THING = 8


def _names_a_thing(fragment: str) -> bool:
    """Whether a fragment asking its own question names its own thing (直接受益的群众有多少), not only a measure of the
    previous one's (占总数多少, 比例是多少), another time of it (第二回蝉联是哪天) or what a pointer names (它归哪个…管)."""
    thing = _bare(_besides(WH_WORD.sub("", fragment), analyze(fragment + "？").qualifier_words))
    return len(thing) >= 4 and not re.match(VERB_FIRST, fragment) and not re.search(r"比例|比重|占|它|他|她|其|该", fragment)


def _bare(text: str) -> str:
    """`text` without particles, pointers and punctuation."""
    return re.sub(r"[的了呢吗啊是有那这个，,？?。！!\s]", "", text)


def followup_fragment(text: str, resolved: str) -> str:
    """The words a follow-up adds (its focus); empty for a question that stands alone."""
    if resolved == text:
        return ""
    return re.sub(LEAD + r"|(?:的)?呢?[？?。！!]*$", "", text.strip())
