"""Typed answer spans inside one sentence: dates, numbers with units, percentages, ranks,
person names, organizations and places, titles, enumerations.

Entry point: `find_spans(text, question, words)`; offsets index `text`. Each finder knows
only how news Chinese writes that kind of value, nothing about a particular corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from qa.numbers import CN_NUMERAL, leading_number, ordinal, tidy
from qa.question import Question

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


def find_spans(text: str, q: Question, words: list[tuple[int, int]] | None = None) -> list[Span]:
    """Spans of the type the question asks for; `words` are token boundaries for trimming."""
    finder = {"date": dates, "number": numbers, "percent": percents, "rank": ranks, "person": persons,
              "org": orgs, "title": titles, "list": enumerations}.get(q.type)
    return finder(text, q, words or []) if finder else []


def dates(text: str, q: Question, words) -> list[Span]:
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


def numbers(text: str, q: Question, words) -> list[Span]:
    out = []
    for m in NUMBER_RE.finditer(text):
        s = m.group(0)
        if re.fullmatch(r"\d{4}年", s) or re.fullmatch(r"\d{1,2}月", s):
            continue  # a date, not an amount
        out.append(Span(m.start(), m.end(), s, "number", _amount(s)))
    for m in re.finditer(r"[一二两三四五六七八九十]连冠", text):
        out.append(Span(m.start(), m.end(), m.group(0), "number", leading_number(m.group(0))))
    return out


def _amount(s: str):
    value = leading_number(s)
    return tidy(value) if value is not None else None


def percents(text: str, q: Question, words) -> list[Span]:
    out = []
    for m in PERCENT_RE.finditer(text):
        s = m.group(0)
        value = float(s[:-1]) / 100 if s.endswith("%") else None
        out.append(Span(m.start(), m.end(), s, "percent", round(value, 6) if value is not None else None))
    return out


def ranks(text: str, q: Question, words) -> list[Span]:
    out = []
    for m in RANK_RE.finditer(text):
        s = m.group(0)
        out.append(Span(m.start(), m.end(), s, "rank", 1 if s.startswith("首") else ordinal(s)))
    return out


def _name_at(text: str, i: int) -> str | None:
    """A Chinese name starting at i: a surname, then one or two given-name characters."""
    if i >= len(text) or text[i] not in SURNAMES:
        return None
    tail = text[i + 1:i + 3]
    if len(tail) < 1 or not all("\u4e00" <= ch <= "\u9fff" for ch in tail[:1]):
        return None
    if len(tail) == 2 and "\u4e00" <= tail[1] <= "\u9fff" and not text[i + 2:].startswith(AFTER_NAME):
        return text[i:i + 3]
    return text[i:i + 2]


def persons(text: str, q: Question, words) -> list[Span]:
    out: dict[int, Span] = {}
    for role in ROLE_WORDS:
        for m in re.finditer(re.escape(role), text):
            j = m.end()
            while j < len(text) and text[j] in " \u3000":
                j += 1
            name = _name_at(text, j)
            if name:
                out[j] = Span(j, j + len(name), name, "person")
    for m in re.finditer("|".join(AFTER_NAME[:16]), text):  # 张保化表示 / 许廷合 整理
        k = m.start()
        while k > 0 and text[k - 1] in " \u3000":
            k -= 1
        for n in (3, 2):
            i = k - n
            if i >= 0 and _name_at(text, i) == text[i:k] and i not in out:
                before = text[i - 1] if i else ""
                if not before or not ("\u4e00" <= before <= "\u9fff") or text[max(0, i - 2):i] in ROLE_WORDS or before in "、（(":
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


def _nominal_runs(text: str, words: list[tuple[int, int]], suffixes: tuple[str, ...]) -> list[Span]:
    """Runs of CJK text that end in one of `suffixes`, cut at token boundaries.

    A run starts after punctuation or a function character and may take up to 16
    characters before its suffix; later ranking trims it by the question's words.
    """
    out = []
    ends = {b for _, b in words} or set(range(len(text) + 1))
    starts = [a for a, _ in words] or list(range(len(text)))
    for suffix in suffixes:
        for m in re.finditer(re.escape(suffix), text):
            end = m.end()
            if end not in ends:
                continue
            begin = end - len(suffix)
            while begin > 0 and "\u4e00" <= text[begin - 1] <= "\u9fff" and end - begin < 16 and text[begin - 1] not in "在由是的了和与及对向把被从为将以到经":
                begin -= 1
            for a in starts:
                if begin <= a < end - len(suffix) + 1:
                    out.append(Span(a, end, text[a:end], "org"))
                    break
    return out


def orgs(text: str, q: Question, words) -> list[Span]:
    head = re.search(r"哪(?:个|家|所|座)?([\u4e00-\u9fff]{1,3}?)(?:的|管|开|发布|牵头|？|\?|$)", q.text)
    target = head.group(1) if head else ""
    suffixes = ORG_SUFFIXES + PLACE_SUFFIXES
    if target and target not in ("里", "儿", "单位", "部门", "机构", "地方", "家", "个"):
        suffixes = tuple(s for s in suffixes if target in s or s in target) or suffixes
    spans = _nominal_runs(text, words, suffixes)
    return [Span(s.start, s.end, s.text, "org") for s in spans]


def titles(text: str, q: Question, words) -> list[Span]:
    out = []
    for m in QUOTED_RE.finditer(text):
        g = next(i for i in range(1, 5) if m.group(i))
        out.append(Span(m.start(g), m.end(g), m.group(g), "title"))
    for m in re.finditer(r"(?:荣膺|获得|荣获|授予|评为|摘得|争创|创建|确保创成|创成|成为)([^，。；、,;“”]{2,24}?)(?:称号|荣誉)", text):
        out.append(Span(m.start(1), m.end(1), m.group(1), "title"))
    noun = re.search(r"什么([\u4e00-\u9fff]{1,3})", q.text)
    if noun:
        out.extend(Span(s.start, s.end, s.text, "title") for s in _nominal_runs(text, words, (noun.group(1),)))
    return out


def enumerations(text: str, q: Question, words) -> list[Span]:
    """`A、B、C和D` lists, and `A和B` when both items end alike (…小学和…小学)."""
    out = []
    item = r"[^，。；：、,;:！？!?（）()\s]{1,24}"
    for m in re.finditer(rf"{item}(?:{ENUM_SEP}{item})+(?:(?:和|及|与|以及){item})?", text):
        span = _trim_enumeration(text, m.start(), m.end(), words, q)
        if span:
            out.append(span)
    for m in re.finditer(r"([^，。；：、,;:！？!?\s]{2,16})(和|与|及)([^，。；：、,;:！？!?\s]{2,16})", text):
        a, b = m.group(1), m.group(3)
        for k in range(min(len(a), len(b)), 1, -1):
            suffix = a[-k:]
            j = b.find(suffix)
            if j > 0 and a[-k:] == suffix:
                start = _token_start(words, m.start(), m.start(1) + len(a) - k - 8)
                out.append(Span(start, m.start(3) + j + k, text[start:m.start(3) + j + k], "list"))
                break
    return out


def _token_start(words, lo: int, want: int) -> int:
    for a, _ in words:
        if a >= max(lo, want):
            return a
    return lo


def _trim_enumeration(text: str, start: int, end: int, words, q: Question) -> Span | None:
    """Cut the first and last item down to the size of the middle ones, at word boundaries."""
    body = text[start:end]
    parts = re.split(rf"{ENUM_SEP}|(?<=[\u4e00-\u9fff])(?:以及|和|及|与)(?=[\u4e00-\u9fff])", body)
    if len(parts) < 2:
        return None
    inner = parts[1:-1] or parts
    typical = max(len(p) for p in inner)
    first_len = len(parts[0])
    cut_start = start
    if first_len > typical + 1:
        want = start + first_len - typical
        cut_start = next((a for a, _ in words if want - 1 <= a <= want + 1), want)
    last_start = end - len(parts[-1])
    cut_end = end
    if len(parts[-1]) > typical + 1:
        want = last_start + typical
        cut_end = next((b for _, b in words if want - 1 <= b <= want + 1), want)
    if cut_end - cut_start < 3:
        return None
    return Span(cut_start, cut_end, text[cut_start:cut_end], "list")
