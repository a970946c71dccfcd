"""Ways of asking the twenty-seventh and twenty-eighth held-out sets showed (2026-12-07): a journalist's formal
question words (名称为何, 何种职务), the part of the paper named (经验启示篇中受访的), a slip in a word that says what is
asked (职物), a year said by its last two digits (一六年五月), what a term or a number means (即“…”, 这个813指的是什么),
the first of the renewals (第一次蝉联), a rank given and its holder asked, and 累计 after 一共. Real pipeline, real
corpus: the exact answer and its citation's offsets in the raw file."""
import pytest

from qa.answer.definition import defined
from qa.answer.question import analyze
from qa.answer.rank_given import other_rank
from qa.answer.spoken import as_written
from tests.conftest import assert_answers


@pytest.mark.parametrize("question, expected", [
    ("推动文明实践养成方面，许昌拟制定出台的地方性法规名称为何？", "许昌市文明行为促进条例"),   # was the sentence at 0.55
    ("经验启示篇中受访的刘少林担任何种职务？", "市委宣传部副部长、市创文办常务副主任"),   # was refused at 0.01
    ("郑永辉是啥职物", "市住建局党组书记、局长"),   # a slip in 职务: was read as open and refused at 0.07
    ("一六年五月许昌开启了哪些创建", "国家水生态文明城市、海绵城市、智慧城市、生态园林城市、中国人居环境奖"),   # refused at 0.08
    ("3+1党建新模式具体指啥", "街道层面建党委、一级网格建总支、二级网格建支部、庭院内部建小组"),   # was the whole sentence
    ("文章说空中线缆整治完成了813个，这个813指的是什么？", "老旧小区"),   # was the whole sentence at 0.80
    ("许昌第一次蝉联全国文明城市是哪年", "2017年"),   # was the first award's 2015年 at 0.87; 第二回蝉联 stays the second award
])
def test_asked_as_a_journalist_or_on_a_phone(index, reader, question, expected):
    assert_answers(index, reader, question, expected)


@pytest.mark.parametrize("previous, follow_up, expected", [
    ("许昌市荣膺第四届全国文明城市称号的具体日期是哪一天？", "那第一次蝉联全国文明城市称号是哪天？", "2017年11月17日"),
    ("截止二零二一年底全市一共实施了多少个百城提质项目", "累计投资呢", "2701亿元"),   # was 1624个 at 0.94
])
def test_a_follow_up_of_the_same_kind(index, reader, previous, follow_up, expected):
    assert_answers(index, reader, follow_up, expected, previous)


def test_a_rank_given_asks_its_holder_and_a_sentence_ranking_otherwise_names_none(index, reader):
    q = analyze("在2020年公布的复查确认保留荣誉称号的前五届全国文明城市中，全国排名第一的是哪座城市？")
    assert q.type == "org"
    assert other_rank(q, "许昌以“前五届”全部地级市中全国第七、河南第一的成绩", None)
    assert not other_rank(q, "某市以全国第一的成绩", None)
    assert not other_rank(analyze("许昌在全国排名第几？"), "全国第七、河南第一", None)
    from qa.answer.respond import answer

    assert answer(index, q.text, None, reader).answer is None   # unanswerable: was 全国第七 at 0.84


def test_formal_and_spoken_words_read_as_plain_ones():
    vocabulary = {"2016": 1}
    assert as_written("工程名称为何？", vocabulary) == "工程名称是什么？"
    assert as_written("这是为何？", vocabulary) == "这是为何？"   # 是为何 still asks why
    assert as_written("一六年五月", vocabulary) == "2016年5月"
    assert as_written("一二年级", vocabulary) == "一二年级"   # a school grade, no year
    assert as_written("三五年内", vocabulary) == "三五年内"   # 2035 is printed nowhere: no year
    assert as_written("2016年十二月", vocabulary) == "2016年12月"


def test_a_meaning_after_namely_and_what_a_number_counts():
    namely = defined("3+1党建新模式具体指啥", "构建“3+1”党建新模式，即“街道层面建党委、一级网格建总支”的新型")
    assert namely is not None and namely.text == "街道层面建党委、一级网格建总支"
    counted = defined("这42项指的是什么？", "安全生产等42项需要省级主管部门出具评价意见的指标，相关单位")
    assert counted is not None and counted.text == "需要省级主管部门出具评价意见的指标"
    assert defined("这个813指的是什么？", "完成了8130个老旧小区") is None   # another number
