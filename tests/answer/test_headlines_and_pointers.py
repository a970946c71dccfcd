"""What the thirty-second to thirty-fourth held-out sets showed (2026-12-07, thirty-third session): the headline of a
story the question names, a year or a time pointed back at (那一年, 那回), 第n次 where the question names what only
that award's sentence says (三连冠), a spoken tail (哪天的事儿), what a term is said to be (怎么形容, 是什么样的工程), what
one place of several is given, values asked of both items (总量和增速分别…), what a made thing is for, a follow-up's
noun that must not cut a word (建成区), a list item of one character, a count of what the question quotes, and a place
compared with that no article prints. Real pipeline, real corpus: the exact answer and its citation's offsets in the raw file."""
import pytest

from qa.answer.headline import asks_headline
from qa.answer.own_clause import own_clause
from qa.answer.unprinted import compared_place
from tests.conftest import assert_answers


@pytest.mark.parametrize("question, expected", [
    ("报纸上那篇夸许昌的评论标题叫啥", "厉害了，我的大许昌"),                 # a commentary: signed with a name alone
    ("王建国那篇访谈标题叫啥", "将城市“文明指数”化为人民“幸福指数”"),      # without the speaker's label before ：
    ("访问张保化的那篇文章题目是什么？", "争创典范，让文明成为高质量发展最美底色"),   # printed over two lines
    ("郑永辉那篇采访的副标题是什么", "——访市住建局党组书记、局长郑永辉"),
    ("许昌蝉联全国文明城市那篇报道的标题是什么", "许昌蝉联全国文明城市荣誉称号"),   # not the chronicle's
])
def test_the_headline_of_the_story_the_question_names(index, reader, question, expected):
    assert_answers(index, reader, question, expected)


def test_only_a_headline_asked_is_read_as_one():
    assert asks_headline("王建国那篇访谈标题叫啥")
    assert asks_headline("那篇评论的题目是什么")
    assert not asks_headline("宣传核心价值观用的主题是什么")   # 主题: what a campaign is about
    assert not asks_headline("那篇动员会议解读的标题说许昌要誓夺什么？")   # a piece of it: any question of its words


@pytest.mark.parametrize("question, expected", [
    # 第三次 where the question names what only the third award's sentence says: was refused, nothing offered
    ("根据报道，许昌第三次荣膺全国文明城市称号、实现“三连冠”是在哪一天？", "2020年11月20日"),
    ("第三次蝉联全国文明城市是哪天的事儿？", "2020年11月10日"),   # 事儿 read as a word: 0.05
    ("张保化怎么形容全国文明典范城市？", "更高层次、更具示范引领作用的文明创建"),
    ("郑永辉局长觉得百城建设提质工程是一个什么样的工程？", "城市高质量发展的引领工程"),
    ("2018年许昌全市生产总值同比增长8.6%，其总量和增速分别居全省第几位？", "全省第4位和第2位"),   # was 第2位, 0.95
    ("许昌市文明行为促进条例是干什么用的", "引导和推动全市上下树立文明观念、养成良好行为习惯"),
    # a list item of one character is a word cut (圈、医疗服务圈…, 位和第): the list starts at the next item
    ("除了15分钟便民服务圈，还要给居民完善哪几个“圈”？", "医疗服务圈、养老服务圈和健身圈、阅读圈"),
    ("许昌全面推进的五大创建活动分别是哪些？", "文明城市、文明村镇、文明单位、文明家庭、文明校园"),
])
def test_asked_by_residents_officials_and_students(index, reader, question, expected):
    assert_answers(index, reader, question, expected)


@pytest.mark.parametrize("previous, follow_up, expected", [
    # 那回 points back: read as a follow-up's 那, 回在全国 replaced 评上 and 2019年 was answered at 0.86
    ("许昌是哪年头一回评上全国文明城市的啊？", "那回在全国排第几来着？", "第四名"),
    # 那一年 is the year answered before: was 许昌是从开始搞…，一年最先创建的…, refused
    ("许昌是从哪一年开始搞文明城市创建的？", "那一年最先创建的都有啥城市称号？",
     "国家卫生城、国家园林城、中国优秀旅游城"),
    ("县级层面的目标里，禹州市要做到什么？", "那长葛市呢？", "确保创成全国文明城市提名城市"),   # was the whole sentence
    ("许昌要制定出台一个什么条例？", "那它是干什么用的？", "引导和推动全市上下树立文明观念、养成良好行为习惯"),
    # a count of what the question quotes, from a sentence that prints it: was 107.6万户 (参与文明家庭建设) at 0.83 / 0.85
    ("我们家想参加“最美家庭”评选，近年来许昌市级以上的“最美家庭”一共评出了多少户？", "那“书香家庭”呢？", "30户"),
    # the noun replaced on a word's boundary: was 许昌的建绿化覆盖率达到多少
    ("许昌的建成区绿地率达到多少？", "绿化覆盖率呢？", "40.62%"),
])
def test_a_follow_up_points_back_or_replaces_a_whole_word(index, reader, previous, follow_up, expected):
    a = assert_answers(index, reader, follow_up, expected, previous)
    assert "建绿化" not in a.resolved_question


def test_a_place_compared_with_that_no_article_prints_gives_no_difference(index, reader):
    from qa.answer.respond import answer

    a = answer(index, "许昌的绿化覆盖率比洛阳高多少？", None, reader)   # was 40.62%, 许昌's own rate, at 0.83 (高)
    assert a.answer is None, (a.answer, a.confidence)
    assert compared_place("许昌的绿化覆盖率比洛阳高多少？", ("许昌", "洛阳")) == ("洛阳",)
    assert compared_place("许昌的绿化覆盖率是多少？", ("许昌",)) == ()


def test_one_place_of_several_and_both_items_asked():
    said = ("在县级层面，禹州市确保创成全国文明城市，长葛市确保创成全国文明城市提名城市，"
            "鄢陵县、襄城县积极争创全国文明城市提名城市。")
    assert own_clause("长葛市要确保实现什么？", said).text == "确保创成全国文明城市提名城市"
    assert own_clause("襄城县的目标呢", said).text == "积极争创全国文明城市提名城市"   # named with another before it
    assert own_clause("许昌的目标是什么", said) is None   # none of its places asked
    assert own_clause("长葛市要做什么", "长葛市确保创成全国文明城市提名城市。") is None   # the only place: no part of its own


def test_a_quote_names_what_is_counted_only_in_the_asking_clause():
    from qa.answer.question import analyze
    from qa.answer.typed_span import quoted_elsewhere
    from qa.models import Span

    other = "全市约117万户家庭中有107.6万户参与文明家庭建设。"
    at = other.index("107.6")
    asked = analyze("近年来许昌市级以上的“最美家庭”一共评出了多少户？")
    assert quoted_elsewhere(asked, other, Span(at, at + 8, other[at:at + 8], "number"))
    printed = "我市共产生市级以上“最美家庭”85户。"
    at = printed.index("85")
    assert not quoted_elsewhere(asked, printed, Span(at, at + 3, "85户", "number"))
    # a quote before the asking clause names the occasion (一个半小时 stands in the sentence after “数字城管”)
    timed = analyze("实施“数字城管”后，一个问题从发现到结案需要几个小时？")
    said = "一个问题从发现到结案只需一个半小时。"
    at = said.index("一个半")
    assert not quoted_elsewhere(timed, said, Span(at, at + 5, "一个半小时", "number"))
