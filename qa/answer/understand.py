"""Understanding the question: the words it is read in, what it asks, the terms that weigh.
Entry points: `normalised(index, question, previous)` and `understand(index, text, fragment)`.

Traditional characters (許昌…獲評) and full-width digits are read as the corpus writes them, one
input-method slip in a key term (文明程市, 普及律) as the corpus word that sounds the same
(qa.answer.normalise); a follow-up is filled in from the previous turn (qa.answer.question).
"""
from __future__ import annotations

import re
from collections import ChainMap
from dataclasses import dataclass, replace

from qa.answer.match import Terms, content_part, matches, mend_glued, question_terms, variants
from qa.answer.normalise import normaliser
from qa.answer.pasted import as_pasted, as_question, blank_followup
from qa.answer.person_asked import SURNAMES
from qa.answer.question import CLAUSE, WH_WORD, Question, analyze, asking_part, content_text
from qa.answer.titled import resolve_titled
from qa.answer.weights import NAME_SHARE
from qa.index.record import Index

QUOTED = re.compile(r"[“\"]([^”\"]{2,12})[”\"]")   # a quoted phrase (“四篇文章”) is a name, kept whole
# A resident's one-character verb, read as the two-character word the synonym table knows (评上 is
# 获评, 荣膺, 蝉联…). Event verbs are otherwise two characters or more (a single 是 or 有 says nothing);
# without one, 第一回拿全国文明城市 ordered every dated sentence (2001年开始创建…) as an award.
SHORT_VERBS = {"拿": "拿到", "评": "评上"}
# Markup pasted with a question (<b>许昌</b>市委书记是谁？ was refused: 许昌 stood beside tag words) is read
# without its tags, and a script or style element without its content; the question shown stays as asked.
MARKUP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|</?[A-Za-z][^<>]{0,80}>", re.S | re.I)


@dataclass(frozen=True)
class Understood:
    """One reading of the question: its text as read, what it asks, and its weighted terms."""
    text: str
    question: Question
    terms: Terms
    words: tuple[str, ...]    # what retrieval searches for
    read: str                 # what the reader reads: `text`, or for a story told around a question, less (`reader_text`)
    fragment: str = ""        # a follow-up's own words (那以前靠人工的时候呢), put before the previous question in `text`
    shown: str = ""           # as shown and remembered, where `text` differs: a blank question with its blanks


def normalised(index: Index, asked: str, previous: str | None) -> tuple[str, str | None]:
    """The question and the previous turn in the corpus's script, one slip corrected, an official
    named by surname and office (胡书记) read as the full name the articles print."""
    n = normaliser(index)
    def read(text: str) -> str:
        return resolve_titled(index, n.question(as_pasted(without_markup(text))))
    previous = read(previous) if previous else previous
    if (other_blank := blank_followup(asked, previous)) is not None:
        return other_blank, previous   # the previous turn's, read already
    # any other turn after a blank item leans on it as asked (…全国第几…), not on its blank marks
    return read(asked), (as_question(previous) if previous else previous)


def without_markup(text: str) -> str:
    """`text` without HTML tags (and script or style contents); as given when nothing else is left."""
    bare = MARKUP.sub("", text).strip()
    return bare or text


def understand(index: Index, text: str, fragment: str) -> Understood:
    """`text` read as a question; `fragment`: the words a follow-up adds (its focus), or ""."""
    shown, text = text, as_question(text)
    story, asking = asking_part(text)
    if not story:
        story, asking = _chatter(index, asking)
    q = analyze(_named(index, story, asking))   # what is asked, and how, is said by the sentence that asks
    printed = tuple(w for w in q.qualifier_words if q.qualifier == "total" and index.df.get(w))  # 累计 is printed
    content = content_text(text)
    quotes = QUOTED.findall(text)
    # the glued slips (这老旧) are mended before retrieval too: BM25 holds no such word
    read = mend_glued(index.tokenizer.terms(content), index.df)   # 访张|保化 → 访 张保化
    words = [SHORT_VERBS.get(w, w) for w in (content_part(t, index.df) for t in read)] + quotes
    whole = _whole_places(index, content, words)
    words += list(whole)
    tagged = index.tokenizer.tagged(content)
    verbs = frozenset(SHORT_VERBS.get(t.word, t.word) for t in tagged if t.flag.startswith("v") and t.flag != "vn"
                      and (len(t.word) >= 2 or t.word in SHORT_VERBS))
    names = frozenset(t.word for t in tagged if t.flag in ("nr", "ns", "nt", "nz") and len(t.word) >= 2
                      and not matches("许昌", t.word) and index.df.get(t.word, 0) <= NAME_SHARE * len(index.chunks))
    # the story's own words help where printed, as little as 累计 does; the names it gives weigh in full
    # (a name the articles print: 我孙子 and 老孙 are the teller's own)
    told = _told(index, story, asking, names) if story else ()
    manner = tuple(t.word for t in tagged if t.flag[:1] in MANNER_TAGS and t.word in words and not _printed(index, t.word))
    drop = (tuple(w for w in q.qualifier_words if w not in printed) + q.frame_words + _honorifics(index, content)
            + tuple(w for w in DISCOURSE if w in content))
    # …and where no passage prints them nor a synonym, they cannot help, and a story of 电线, 头顶 and 蜘蛛网 had
    # weighed down the 运营商 and 投资 it shares with its answer (1000余万元 refused at 0.01)
    # (a story's one character is a piece of a word the segmenter cut, 说起 → 起, 了解 → 解: it weighed 0.12 of a
    # question after 昨天听广播里说起这个事 and the right answer was refused)
    unprinted = {w for w in told if w not in whole and (len(w) == 1 or not _printed(index, w))}
    times = {t.word for t in tagged if t.flag in SCENE_TAGS}
    unprinted |= _scene(index, asking, words, set(whole) | names | set(quotes), times)
    # a qualifier is no term, nor a word the segmenter makes across its edge (2015年头一回 → 年头); retrieval keeps
    # them (第一次 in the words BM25 reads found the first award's passage: without it, 2020年11月10日 was answered)
    across = _across(content, words, tuple(w for w in q.qualifier_words if w not in printed))
    doubted = {w for m in CLAIM.finditer(text) for w in CLAIMED_VALUE.findall(m.group(0))}
    if q.type == "number" and any(w.endswith("%") for w in doubted):   # the asker's own guess is a share: one is asked
        q = replace(q, type="percent")
    kept = [w for w in words if w not in unprinted and w not in across and not COUNT_WORD.fullmatch(w) and w not in doubted]
    terms = question_terms(kept, ChainMap(whole, index.df), len(index.chunks), drop=drop,
                           focus=fragment + "".join(quotes), verbs=verbs, names=names, light=printed + told + manner)
    return Understood(text, q, terms, tuple(words), reader_text(index, text, story, asking, terms.words), fragment,
                      shown if shown != text else "")


def reader_text(index: Index, text: str, story: str, asking: str, terms: tuple[str, ...]) -> str:
    """The question the reader reads: `text`, but for a story told around the question, the story's terms
    the articles print and then the asking part. The reader learned on plain questions; a story's chatter
    told it there was no answer (eleventh and thirteenth sets, 31 answerable story questions over the same
    passages: its best span right 19 → 21, mean margin 5.7 → 8.8; the asking part alone 14, having lost
    what the story names; the story's clauses that print a term 18)."""
    if not story:
        return text
    told = "".join(w for w in dict.fromkeys(terms) if w in story and w not in asking and index.df.get(w))
    return f"{told}，{asking}" if told else asking


# A value the asker doubts (听说…到99%了，对吗？实际是多少; 稿子里说…“确保蝉联第五届…”，原文是第几届) is no term: required
# in the sentence, it found 办结率达99% and 6935公里 was answered at 0.84 (高; the thirty-ninth and forty-first sets);
# a claim quoted after 听人讲 too (its 2018年 was answered at 0.97, 高; a hotline operator's), not a year said after 听人说
CLAIM = re.compile(r"(?:听说|据说|有人说|稿子里?(?:写|说)|稿子里)[^。？?！!]*|(?:听人|有人)(?:讲|说)“[^”]*”"
                   r"|[^。？?！!，,]*(?:对吗|是吗|对不对|没错吧)")
CLAIMED_VALUE = re.compile(r"\d+(?:\.\d+)?%?|第[一二三四五六七八九十\d]+[届次名位]")

# A count the question says in passing (一个问题) is no term: it matched the answer's own 一个半小时, and 过去靠人工
# 处理一个问题要多久 was answered with the time now, not the 2至3天 of the past (two held-out sets)
COUNT_WORD = re.compile(r"[一两二三四五六七八九十]+[个位项名条家所件]")

# A word no article prints weighs most (an answer must not ignore 人口 or 郑州), but a resident's manner of
# speech names nothing the articles could print: an interjection, an adverb, a particle or an idiom of theirs
# no passage holds, nor any synonym of it (哎, 挺, 不老少), weighs as little as 累计 does (jieba's tags). Not a verb
# or an adjective: 咋打分的 (打分, printed as 评分) so light was answered with a wrong sentence at 0.50
MANNER_TAGS = frozenset("edyli")

# Words that join a speaker's clauses or mark what they remember or insist on, never a thing asked: printed or not,
# they are no terms (the thirty-eighth and thirty-ninth held-out sets, a retired worker and an editor: 后来第二回接着评上，
# 就是报上说“蝉联”的那次，是啥时候 weighed 后来, 接着 and 就是 at 0.72 and was refused at 0.00)
DISCOURSE = ("后来", "接着", "然后", "就是", "就是说", "到底", "究竟", "记得", "好像", "其实", "实际", "实际上")

# A place the segmenter cuts so that a lone character is left (延|中小区 of 延中小区: 延 and 小区 weighed apart,
# and 延中小区一共住了多少户 was refused at 0.22): the question's run from that character to a place word, printed
# so in the articles, is read as one word (its weight from the passages that print it).
PLACE_END = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:小区|社区|街道|村|镇|乡|路|街|公园|广场|小学|中学|医院)")


def _whole_places(index: Index, content: str, words: list[str]) -> dict[str, int]:
    """Such places, each with how many passages print it."""
    out: dict[str, int] = {}
    for w in dict.fromkeys(w for w in words if len(w) == 1 and "\u4e00" <= w <= "\u9fff"):
        at = content.find(w)
        m = PLACE_END.match(content, at) if at >= 0 else None
        if m is None or len(m.group(0)) < 3 or index.df.get(m.group(0)):
            continue
        printed = sum(m.group(0) in c.text for c in index.chunks)
        if printed:
            out[m.group(0)] = printed
    return out


# How an asker addresses the person named (刘少林同志): 同志 weighed 0.38 of 请提供刘少林同志在报道中的职务全称 and its
# right office was refused at 0.19 (0.90 without it). An honorific the articles print after the same word (负责同志)
# is what they say, and stays a term.
HONORIFICS = ("同志", "先生", "女士")


def _honorifics(index: Index, content: str) -> tuple[str, ...]:
    """The honorifics of `content` that no passage prints after the two characters before them."""
    return tuple(w for w in HONORIFICS for m in re.finditer(w, content)
                 if m.start() >= 2 and not any(content[m.start() - 2:m.end()] in c.text for c in index.chunks))


# 他 / 她 in the asking part (not 他们, 其他): the person told before it (…引用了郑永辉的采访，…他是什么职务来着？)
STORY_PRONOUN = re.compile(r"(?<!其)(?:他|她)(?![们俩])")


def _named(index: Index, story: str, asking: str) -> str:
    """The asking part with its first 他 / 她 read as the one person told before it (in the story, or in the
    clauses before the asking clause when the question is one sentence), where the articles print that name: asked
    of 他, the office printed beside 郑永辉 was never offered and a reader's span of it was answered (市住建局党组书记
    for 市住建局党组书记、局长)."""
    if not STORY_PRONOUN.search(asking):   # most questions: nothing to read
        return asking
    clauses = [m for m in CLAUSE.finditer(asking)] if not story else []
    at = next((m.start() for m in reversed(clauses) if WH_WORD.search(m.group(0))), 0)
    told, own = (story, asking) if story else (asking[:at], asking[at:])
    m = STORY_PRONOUN.search(own)
    if not told or m is None:
        return asking
    people = _people(index, told)
    if len(people) != 1:
        return asking
    return asking[:len(asking) - len(own)] + own[:m.start()] + next(iter(people)) + own[m.end():]


REMARK_CHARS = 8   # a remark after the asking clause is short (我记不清了)


def _chatter(index: Index, text: str) -> tuple[str, str]:
    """`text` as (the clauses told, the rest): a clause before the one that asks, of two words or more and none that
    any passage prints, tells the asker's own scene (俺院里头那电线扯得跟蜘蛛网似的，说是整治空中线缆，全市完成了多少个
    老旧小区的: 电线, 蜘蛛网 and 似的 weighed 0.6 as words no article prints, and the right 813个 was refused at 0.15;
    the thirty-eighth held-out set, a retired worker). Such a clause is told as a story sentence is."""
    clauses = [m.group(0) for m in CLAUSE.finditer(text)]
    at = next((k for k in range(len(clauses) - 1, -1, -1) if WH_WORD.search(clauses[k])), None)
    if at is None:
        return "", text
    # …and a short remark after it, of one such word or more (…第三回是哪天评上的，我记不清了; not a description of
    # what is asked, 就是说把文明指数变成幸福指数的那个, nor a request with no question word, 请提供该文件的全称)
    told = [k for k in range(len(clauses)) if k != at and (k < at or len(clauses[k]) <= REMARK_CHARS)
            and len(words := [w for w in index.tokenizer.terms(clauses[k]) if len(w) >= 2]) >= (2 if k < at else 1)
            and not any(_printed(index, w) for w in words)]
    if not told:
        return "", text
    return "".join(clauses[k] for k in told), "".join(c for k, c in enumerate(clauses) if k not in told)


# What a clause before the one that asks says of the asker's day (今儿拉了个客人说许昌又评上文明城市了，那个，头一回评上
# 是啥时候): its words that no passage prints, nor a synonym, and its lone characters name nothing asked; printed ones
# (许昌, 文明城市) stay. 今儿 and 客人 had weighed 0.55, and the right 2015年2月28日 was refused at 0.00 (the forty-sixth
# held-out set, a taxi driver's voice input). A number, year or ordinal is never the asker's scene (2023年 asks a year).
SCENE_KEEP = re.compile(r"[\d０-９〇零一二三四五六七八九十百]|年|第")
# …and who told the asker, in such a clause, is the asker's scene too, printed or not (客人 is printed once, in
# 外地客人到许昌, and weighed 0.62): a few words before a verb of telling that the clause goes on after, but for the
# names the articles print. Not 讲 (…的一级调研员讲创建之路: he is the one asked about; read as a teller, 张保化 was lost)
TELLER = re.compile(r"[^，,。；;：:！!？?]{0,8}?(?:说|念叨|告诉我)(?=[^，,。；;：:！!？?])")


def _scene(index: Index, asking: str, words: list[str], keep: set[str], times: set[str]) -> set[str]:
    """The words only the clauses before the asking one say that name nothing a passage prints."""
    clauses = [m.group(0) for m in CLAUSE.finditer(asking)]
    # from the first clause that asks (…，叫张宝华还是张保华？到底叫啥？: the names asked about are no scene)
    at = next((k for k, c in enumerate(clauses) if WH_WORD.search(c) or c.rstrip().endswith(("？", "?"))), 0)
    before, asked = "".join(clauses[:at]), "".join(clauses[at:])
    tellers = "".join(m.group(0) for c in clauses[:at] if (m := TELLER.match(c.lstrip("嗯啊哎呃 "))))
    tellers += "".join(m.group(1) for c in clauses[:at] for m in INTRODUCED.finditer(c))
    # (and when: 天天, 今儿 of the asker's day, printed once somewhere or not; a year is kept above)
    return {w for w in words if w in before and w not in asked and not SCENE_KEEP.search(w)
            and (ACQUAINTANCE.fullmatch(w) or w in times
                 or w not in keep and (len(w) == 1 or not _printed(index, w) or w in tellers))}


# jieba's time words (not its idioms and set phrases: 清水绕城 of …清水绕城的是哪几条河 is what is asked about)
SCENE_TAGS = ("t",)


# …and how it brings in the person it names (看报纸上有个专家叫王建国，他是哪个单位的: 专家 weighed 0.60 and the right office
# was refused at 0.07; the forty-eighth held-out set, a hotline operator): the name is asked about, not the description
INTRODUCED = re.compile(r"有(?:一?个|一?位|一?名)([^，,。？?]{1,6}?)(?:叫|名叫)")


# …and the people of the asker's own life it names, printed or not (咱楼王阿姨家想报文明家庭，许昌一共有几户…: 阿姨 is
# printed once and weighed 0.47, and the right 3户 was refused at 0.09; the forty-ninth held-out set, a group chat)
ACQUAINTANCE = re.compile(rf"[老小][{''.join(sorted(SURNAMES))}]|[{''.join(sorted(SURNAMES))}]?(?:阿姨|大爷|大妈|大娘|叔叔|"
                          r"婶子|姐|哥|嫂子)|邻居|二姨|亲戚|朋友|同事|孙子|孙女|儿子|闺女|老伴|楼上|楼下|群主")


def _people(index: Index, text: str) -> set[str]:
    """The persons `text` names that the articles print: a corpus word of 2–4 characters opening with a surname,
    tagged a person or a name the segmenter cut (张|保化), not a unit (宣传部 is tagged a person)."""
    tags = {t.word: t.flag for t in index.tokenizer.tagged(text)}
    return {w for w in mend_glued(index.tokenizer.terms(text), index.df) if 2 <= len(w) <= 4 and w[0] in SURNAMES
            and index.df.get(w) and tags.get(w, "nr") == "nr" and w[-1] not in UNIT_ENDS}


UNIT_ENDS = "部局办委厅处院会所站队"   # a unit's last character: 宣传部, 住建局, 文明办


def _printed(index: Index, word: str) -> bool:
    """Whether some passage prints the word or a synonym of it."""
    return any(index.df.get(v) for v in variants(word))


def _across(content: str, words: list[str], qualifiers: tuple[str, ...]) -> set[str]:
    """The words that run across the edge of a qualifier where `content` prints it."""
    edges = [(m.start(), m.end()) for q in qualifiers for m in re.finditer(re.escape(q), content)]
    return {w for w in words for m in re.finditer(re.escape(w), content) if w
            for a, b in edges if m.start() < a < m.end() or m.start() < b < m.end()}


def _told(index: Index, story: str, asking: str, names: frozenset[str]) -> tuple[str, ...]:
    """The story's words the asking part does not hold, but for the names the articles print."""
    asked = set(index.tokenizer.terms(content_text(asking)))
    said = (content_part(w, index.df) for w in index.tokenizer.terms(content_text(story)))   # as `words` reads them
    return tuple(w for w in dict.fromkeys(said) if w not in asked
                 and not (index.df.get(w) and any(w in n or n in w for n in names)))

