"""How a question asks about a named person: what the person is or does (刘少林是干什么的, 担任什么职务),
or who a name alone is (史根治是谁). Such a question is answered by the office printed with the name
(qa.answer.names.offices). Entry points: `asks_office(text)`, `asks_who_named(text)`, `office_frame(text, office)`.
"""
from __future__ import annotations

import re

# What a named person is or does ("刘少林是干什么的", "是什么职务"): answered by the office printed with the
# name, so these questions are of type "title" (qa.answer.names.offices finds the spans). "担任什么职务" only
# where no time is named (HELD_ASKED): in a biography 1995年8月，…担任什么职务 asks for the dated clause (1995年8月，
# 任…), which the reader finds; all typed as titles, the refitted scorer's CMRC report F1 was 0.609 against 0.649.
OFFICE_ASKED = (r"是(?:干|做)(?:什么|啥|嘛)的|(?:干|做)(?:什么|啥|嘛)工作|是(?:什么|啥)(?:职务|职位|身份|头衔|官)"
                # 具体啥职务: not after 担任 / 任 (HELD_ASKED, where a time named asks a biography's clause)
                r"|(?<![任当过了的])(?:什么|啥)(?:职务|职位|头衔)"
                r"|当的?(?:是)?(?:什么|啥)(?:官|领导)"
                # 刘少林的完整职务是什么 / 怎么写
                r"|(?:完整的?)?(?:职务|职位|头衔)(?:到底|究竟)?(?:是|为)?(?:什么|啥|怎么写|如何写)"
                r"|(?:职务|职位|头衔)的?全称"   # 请提供刘少林同志在报道中的职务全称
                r"|完整的?(?:职务|职位|头衔)|(?:职务|职位)(?:名称|头衔)"   # 需要张保化的完整职务名称，请按报道原文给出
                # a request naming it, no question word (请说明张保化在稿件中的职务。), or a search-box query (王建国 职务)
                r"|(?:的|\s)(?:职务|职位|头衔)[。？?！!]*$")
# 担任什么职务 asks for that office too where the question names no time: every such question of the
# reading sets names one (1995年8月，…担任什么职务？, …及第后担任什么官职？) and asks for a biography's dated
# clause, while 张保化担任什么职务？ asks for the office printed with the name, as 是什么职务 does.
HELD_ASKED = r"(?:担任|任|当)(?:的|了)?(?:什么|啥|何)(?:职务|职位|官职|职)"
# the unit and the office asked together (郑永辉是哪个单位的？啥职务, 他是哪个单位的、啥职务): the office printed with the
# name holds both (市住建局党组书记、局长); typed as the unit, the office question was refused at 0.07–0.20
UNIT_AND_OFFICE = r"哪(?:个|家)?单位[^。]{0,4}(?:什么|啥)(?:职务|职位|头衔)"
TIME_NAMED = r"\d|[年月日]|时期|期间|时候|之后|以后|之前|以前|后|前"   # 采访时 is an occasion, not a time

# Common surnames (the most frequent ~300): a name in a question or a sentence starts with one.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
               "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
               "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
               "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
               "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查"
               "麻苑迟邝")
# "史根治是谁": a name alone asking who it is wants what the articles say the person is (市长), as
# 刘少林是干什么的 does, not another person. Not "王市长是谁" or "张记者是谁": an office after the surname
# asks for the name.
NAME_WHO = re.compile(rf"^(?:那个|那位|这个|这位)?([{''.join(sorted(SURNAMES))}][\u4e00-\u9fff]{{1,2}}?)(?:同志)?"
                      r"(?:是谁|是什么人|是何人|是哪位)(?:啊|呀|呢|哇|啦)?[，,？?！!。\s]*$")
ROLE_ENDS = ("长", "书记", "主任", "记者", "老师", "师傅", "委员", "代表", "大爷", "阿姨", "同学")


# a remark after it that asks nothing (刘少林是谁啊，报纸上老见他说话: read whole, a person was asked, the name itself was
# the only option and it was refused at 0.12; the forty-ninth held-out set, a group chat)
REMARK_ASKS = re.compile(r"什么|啥|谁|哪|几|多少|怎么|如何|吗|[？?]")


def asks_who_named(text: str) -> bool:
    """Whether the question is a person's name asking who that is (NAME_WHO), a remark after it or not."""
    head, rest = (re.split(r"[，,]", text.strip(), maxsplit=1) + [""])[:2]
    m = NAME_WHO.search((head if rest and not REMARK_ASKS.search(rest) else text).strip())
    return m is not None and not m.group(1).endswith(ROLE_ENDS)


def asks_office(text: str) -> bool:
    """Whether the question asks what a named person is or does (OFFICE_ASKED, NAME_WHO, HELD_ASKED)."""
    return re.search(OFFICE_ASKED, text) is not None or asks_who_named(text) or asks_held(text)


def office_frame(text: str, office: bool) -> tuple[str, ...]:
    """担任什么职务 / 当的什么官 / 是干什么的 asks for the office printed beside the name (市委宣传部一级调研员张保化):
    the words that ask are never printed there, so they are not terms (as terms, 担任 and 职务 halved the
    sentence's coverage and 郑永辉是什么职务 was refused). The phrase is dropped with every word inside it."""
    if not office:
        return ()
    return tuple(m.group(0) for pattern in (OFFICE_ASKED, HELD_ASKED) for m in re.finditer(pattern, text))


def asks_held(text: str) -> bool:
    """担任什么职务 with no time named (HELD_ASKED)."""
    return re.search(HELD_ASKED, text) is not None and re.search(TIME_NAMED, text) is None
