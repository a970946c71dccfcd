"""Typed answer spans inside one sentence: dates, numbers with units, percentages, ranks,
person names, organizations and places, titles, enumerations.

Entry point: `find_spans(text, question, tokens)`; offsets index `text`. Each finder knows
only how news Chinese writes that kind of value, nothing about a particular corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qa.numbers import CN_NUMERAL, leading_number, ordinal, tidy
from qa.question import Question
from qa.tokens import Token

MEASURES = sorted("""
个 人 家 次 项 条 支 户 所 名 位 座 栋 栋次 处 亩 株 件 类 大项 小项 辆 吨 天 年 月 周 届 岁 米 倍 组 批
场 期 篇 台 套 间 元 万元 亿元 公里 平方米 平方公里 万平方米 小时 分钟 秒 万人 万户 万件 万个 万株
千米 千克 公斤 座次 人次 户次 个百分点 多项 余项 所学校 连冠
""".split(), key=len, reverse=True)
_MEASURE = "|".join(map(re.escape, MEASURES))
_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_NUMERAL}]+(?:点[零〇一二三四五六七八九]+)?)"
NUMBER_RE = re.compile(rf"(?<![第\d.])(?:{_NUM}(?:[至到~—-]{_NUM})?(?:余|多)?(?:万|亿)*(?:余|多)?(?:个半|半)?)(?:{_MEASURE})")
PERCENT_RE = re.compile(r"\d+(?:\.\d+)?%|百分之[零〇一二两三四五六七八九十百点]+")
DATE_RE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})[日号])?")
RANK_RE = re.compile(rf"(?:全国|全省|全市|河南|省内|市内)?第(?:\d+|[{CN_NUMERAL}]+)(?:名|位|届|批|次|个)?|首[批届个]")
QUOTED_RE = re.compile(r"《([^《》]{2,40})》|“([^“”]{2,30})”|\"([^\"]{2,30})\"|‘([^‘’]{2,30})’")
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
               "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
               "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
               "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
               "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查"
               "麻苑迟邝")
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


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    kind: str                  # the answer type it serves
    value: object = None       # normalized: 2015, "2015-02-28", 575000, 0.9889, 4


def find_spans(text: str, q: Question, tokens: tuple[Token, ...] = ()) -> list[Span]:
    """Spans of the type the question asks for; `tokens` (tagged words) guide the trimming."""
    finder = {"date": dates, "number": numbers, "percent": percents, "rank": ranks, "person": persons,
              "org": orgs, "title": titles, "list": enumerations}.get(q.type)
    return finder(text, q, tokens) if finder else []


def dates(text: str, q: Question, tokens) -> list[Span]:
    out = []
    for m in DATE_RE.finditer(text):
        year, month, day = m.group(1), m.group(2), m.group(3)
        if not (year or (month and day) or (month and text[m.end():m.end() + 1] != "份" and m.group(0).endswith("月"))):
            continue
        if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31 or (day and not month):
            continue
        if q.year_level and year:
            out.append(Span(m.start(), m.start(1) + 5, f"{year}年", "date", int(year)))
            continue
        value = "-".join(part for part in (year, month and f"{int(month):02d}", day and f"{int(day):02d}") if part)
        out.append(Span(m.start(), m.end(), m.group(0), "date", int(year) if year and not month else value))
    return out


def numbers(text: str, q: Question, tokens) -> list[Span]:
    out = []
    idioms = [t for t in tokens if t.flag in ("i", "l") and len(t.word) >= 4]
    for m in NUMBER_RE.finditer(text):
        s = m.group(0)
        if re.fullmatch(r"\d{4}年", s) or re.fullmatch(r"\d{1,2}月", s):
            continue  # a date, not an amount
        if any(t.start <= m.start() < t.end for t in idioms):
            continue  # 千家万户, 一蹴而就: idioms, not amounts
        out.append(Span(m.start(), m.end(), s, "number", _amount(s)))
    for m in re.finditer(r"[一二两三四五六七八九十]连冠", text):
        out.append(Span(m.start(), m.end(), m.group(0), "number", leading_number(m.group(0))))
    return out


def _amount(s: str):
    value = leading_number(s)
    return tidy(value) if value is not None else None


def percents(text: str, q: Question, tokens) -> list[Span]:
    out = []
    for m in PERCENT_RE.finditer(text):
        s = m.group(0)
        value = float(s[:-1]) / 100 if s.endswith("%") else None
        out.append(Span(m.start(), m.end(), s, "percent", round(value, 6) if value is not None else None))
    return out


def ranks(text: str, q: Question, tokens) -> list[Span]:
    out = []
    for m in RANK_RE.finditer(text):
        s = m.group(0)
        out.append(Span(m.start(), m.end(), s, "rank", 1 if s.startswith("首") else ordinal(s)))
    return out


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


def persons(text: str, q: Question, tokens) -> list[Span]:
    out: dict[int, Span] = {}
    for role in ROLE_WORDS:
        for m in re.finditer(re.escape(role), text):
            j = m.end()
            while j < len(text) and text[j] in " \u3000":
                j += 1
            name = _name_at(text, j, tokens)
            if name:
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


def _cut_flag(t: Token) -> bool:
    return t.flag.startswith(CUT_FLAGS) and t.flag not in ("vn", "mq") or t.word in STOP_CHARS


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
            if _generic(text, tokens, end):
                continue
            begin = m.start()
            while begin > 0 and is_cjk_char(text[begin - 1]) and end - begin < 18 and text[begin - 1] not in STOP_CHARS:
                begin -= 1
            lead = [t for t in tokens if begin <= t.start < m.start()]
            for t in lead:   # 委托|国家统计局…: drop leading verbs, prepositions, adverbs
                if not _cut_flag(t):
                    break
                begin = t.end
            if end - begin >= 2 and text[begin:end] not in GENERIC:
                out.append(Span(begin, end, text[begin:end], kind))
    return out


# Words that end like a name but are common nouns: 城市 is not a city's name, 中部 not a 部.
COMMON_ENDINGS = {"城市", "都市", "超市", "门市", "中部", "东部", "西部", "南部", "北部", "全部", "内部", "外部", "局部",
                  "干部", "会上", "大会上", "社会", "园区", "景区", "城区", "市区", "地区"}
# …and names too general to answer "which one": a bare 社区 or 全市.
GENERIC = COMMON_ENDINGS | {"全市", "本市", "我市", "全省", "本省", "我省", "全区", "全县", "我们", "全国", "各地", "各级",
                            "省市", "县市", "基层", "社区", "街道", "小区", "村", "市", "县", "省", "区", "地级市", "县级市",
                            "城乡", "乡村", "农村", "市县", "县区", "文明城市"}


def _generic(text: str, tokens: tuple[Token, ...], end: int) -> bool:
    word = next((t.word for t in tokens if t.end == end), "")
    return word in COMMON_ENDINGS


def is_cjk_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def orgs(text: str, q: Question, tokens) -> list[Span]:
    head = re.search(r"哪(?:个|家|所|座|一个)?(单位|部门|机构|组织|地方|城市|街道|社区|小区|学校|大学|会议|大会|网站|媒体|"
                     r"公司|医院|县|区|市|省|里|儿)", q.text)
    target = head.group(1) if head else ""
    if target in ("单位", "部门", "机构", "组织", "公司", "媒体", "网站") or re.search(r"哪家", q.text) and not target:
        suffixes = ORG_SUFFIXES
    elif target in ("", "里", "儿"):
        suffixes = ORG_SUFFIXES + PLACE_SUFFIXES
    elif target in ("城市", "市"):
        suffixes = ("市",)
    elif target in ("地方", "县", "省", "地", "处"):
        suffixes = PLACE_SUFFIXES + ("市", "县")
    else:
        suffixes = tuple(s for s in ORG_SUFFIXES + PLACE_SUFFIXES if target in s or s in target) or (target,)
    out = _runs_ending(text, tokens, suffixes, "org")
    if target in ("", "里", "儿", "城市", "市", "县", "省", "地方"):  # place names without a suffix: 郑州
        out += [Span(t.start, t.end, t.word, "org") for t in tokens
                if t.flag == "ns" and len(t.word) >= 2 and t.word not in GENERIC]
    return out


TITLE_HEADS = ("城市", "称号", "奖", "单位", "校园", "村镇", "家庭", "示范县", "模范", "品牌", "工程", "城")


def titles(text: str, q: Question, tokens) -> list[Span]:
    out = []
    for m in QUOTED_RE.finditer(text):
        g = next(i for i in range(1, 5) if m.group(i))
        out.append(Span(m.start(g), m.end(g), m.group(g), "title", "quoted"))
    verbs = "荣膺|获得|荣获|授予|评为|摘得|争创|创建|确保创成|创成|成为|蝉联|打造|建设"
    heads = "|".join(TITLE_HEADS)
    for m in re.finditer(rf"({verbs})([^，。；、,;“”的]{{2,20}}?(?:{heads}))(?=称号|荣誉|的|目标|[，。；、,;”]|$)", text):
        out.append(Span(m.start(2), m.end(2), m.group(2), "title", m.group(1)))
    noun = re.search(r"什么([\u4e00-\u9fff]{1,3}?)(?:上|里|中|的|？|\?|$)", q.text)
    if noun:
        word = noun.group(1)
        suffixes = (word, "会") if word in ("会议", "大会", "会") else (word,)
        out += [Span(s.start, s.end, s.text, "title") for s in _runs_ending(text, tokens, suffixes, "title")]
    return out


def enumerations(text: str, q: Question, tokens) -> list[Span]:
    """`A、B、C和D` lists, and `A和B` when both items end alike (…小学和…小学)."""
    out = []
    item = r"[^，。；：、,;:！？!?（）()\s●]{1,24}"
    for m in re.finditer(rf"{item}(?:{ENUM_SEP}{item})+(?:(?:和|及|与|以及){item})?", text):
        parts = _items(m.group(0))
        span = _trim_items(text, m.start(), parts, tokens, q)
        if span:
            out.append(span)
    for m in re.finditer(r"([^，。；：、,;:！？!?\s●]{2,20})(和|与|及)([^，。；：、,;:！？!?\s●]{2,20})", text):
        a, b = m.group(1), m.group(3)
        shared = a[-2:] if a[-2:] in b else a[-1] if len(b) >= 2 and a[-1] in b[1:] else ""
        if len(a) >= 2 and shared:   # …小学和…小学: B ends where the shared ending does
            b_len = b.find(shared, 1) + len(shared)
            span = _trim_items(text, m.start(), [(0, len(a)), (len(a) + 1, len(a) + 1 + b_len)], tokens, q)
            if span:
                out.append(span)
    return out


def _items(body: str) -> list[tuple[int, int]]:
    """Item ranges of an enumeration, relative to its start."""
    out, start = [], 0
    for m in re.finditer(rf"{ENUM_SEP}|(?<=[\u4e00-\u9fff])(?:以及|和|及|与)(?=[\u4e00-\u9fff])", body):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(body)))
    return out


def _trim_items(text: str, offset: int, parts: list[tuple[int, int]], tokens, q: Question) -> Span | None:
    """Cut the first item down to where the list starts and the last to where it ends.

    Items that share a prefix or suffix (定任务、定时限 / …城市、…城市) mark the cut; else a
    verb, preposition or particle does (实施了|决策, 监督|五大创建机制, 中国人居环境奖|的).
    """
    if len(parts) < 2:
        return None
    for k in range(len(parts) - 1):   # 许昌市培育、打造了|服务粮农、…: the list starts after 了
        a, b = offset + parts[k][0], offset + parts[k][1]
        if any(a <= t.start and t.end < b and t.flag.startswith(("u", "p")) for t in tokens) and len(parts) - k >= 3:
            parts = parts[k:]
    texts = [text[offset + a: offset + b] for a, b in parts]
    others = texts[1:-1] or texts[1:]
    first_a, first_b = offset + parts[0][0], offset + parts[0][1]
    last_a, last_b = offset + parts[-1][0], offset + parts[-1][1]
    typical = max(len(t) for t in others)
    prefix = _common(texts[1:], lambda a, b: a[:len(b)] == b, lambda t, k: t[:k])   # item starts are reliable
    suffix = _common(texts[:-1], lambda a, b: a.endswith(b), lambda t, k: t[-k:])
    start = first_a
    particles = [t for t in tokens if first_a <= t.start and t.end <= first_b - 1 and t.flag.startswith(("u", "p"))]
    if prefix and text.rfind(prefix, first_a, first_b) >= 0:
        start = text.rfind(prefix, first_a, first_b)
    elif particles:   # 打造了|服务粮农: the list starts after the particle
        start = particles[-1].end
    elif len(texts[0]) > typical:
        for t in tokens:
            if first_a <= t.start and t.end <= first_b - 1 and (_cut_flag(t) or _asked(t.word, q.text)):
                start = t.end
    typical_last = max([first_b - start] + [len(t) for t in texts[1:-1]])   # the first item as cut
    end = last_b
    if suffix and text.find(suffix, last_a, last_b) >= 0:
        end = text.find(suffix, last_a, last_b) + len(suffix)
    elif any(last_a < t.start < last_b and t.flag.startswith("u") for t in tokens):   # 女童保护|等一批…
        end = next(t.start for t in tokens if last_a < t.start < last_b and t.flag.startswith("u"))
    elif len(texts[-1]) > typical_last:
        for t in tokens:
            if last_a + 1 <= t.start < last_b and (_cut_flag(t) or _asked(t.word, q.text)):
                end = t.start
                break
    if end - start < 3 or end <= last_a or start >= first_b:
        return None
    return Span(start, end, text[start:end], "list")


def _asked(word: str, question: str) -> bool:
    """The word (出席会议) or its first two characters (出席) come from the question."""
    return len(word) >= 2 and (word in question or word[:2] in question)


def _common(texts: list[str], has, cut) -> str:
    """The longest prefix (or suffix) of one or more characters every text shares."""
    if len(texts) < 2 or any(len(t) < 2 for t in texts):
        return ""
    best = ""
    for k in range(1, min(len(t) for t in texts)):
        piece = cut(texts[0], k)
        if all(has(t, piece) for t in texts):
            best = piece
        else:
            break
    return best
