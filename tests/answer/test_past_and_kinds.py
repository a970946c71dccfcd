"""Ways of asking the twenty-first held-out set showed (2026-12-07): the past or the present of a sentence telling
both, and an open question asking which thing of a kind (什么会). Real pipeline, real corpus: the exact answer and
its citation's offsets in the raw file."""
import pytest

from qa.answer.headed import kind_asked, names_kind
from qa.answer.question import analyze
from qa.answer.then_and_now import asks_past, then_and_now
from tests.conftest import assert_answers

BOTH = "“一个问题从发现到结案,只要一个半小时,过去靠人工,要2至3天。”"


class At:
    def __init__(self, text, said):
        self.start = text.index(said)
        self.end = self.start + len(said)


@pytest.mark.parametrize("question, told", [
    ("以前靠人工的时候要多久？", "2至3天"),
    ("一个问题从发现到结案要多久？", "一个半小时"),
    ("过去人工处理得两三天，现在一个问题从发现到结案要多长时间？", "一个半小时"),   # the present, asked last
])
def test_the_side_asked_of_a_sentence_telling_past_and_present(question, told):
    q = analyze(question)
    other = "一个半小时" if told == "2至3天" else "2至3天"
    assert not then_and_now(q, BOTH, At(BOTH, told)) and then_and_now(q, BOTH, At(BOTH, other))


def test_a_sentence_telling_no_past_value_is_never_judged():
    q = analyze("以前靠人工要多久？")
    text = "过去五年，许昌新建道路264条。"   # no value before its past word: a period, not a contrast
    assert asks_past(q.text) and not then_and_now(q, text, At(text, "264条"))


@pytest.mark.parametrize("question, expected", [
    ("王磊说以前靠人工的时候，一个问题从发现到结案要多久？", "2至3天"),   # was 一个半小时 at 0.94
    ("数字城管一个问题从发现到结案要多长时间？", "一个半小时"),
])
def test_past_or_present_asked_is_answered_from_that_side(index, reader, question, expected):
    assert_answers(index, reader, question, expected)


@pytest.mark.parametrize("question, previous, expected", [
    ("那以前靠人工的时候呢", "数字城管现在一个问题从发现到结案得多长时间啊？", "2至3天"),
    ("那现在呢？", "王磊说以前靠人工的时候，一个问题从发现到结案要多久？", "一个半小时"),
])
def test_a_follow_up_asks_the_time_its_own_words_say(index, reader, question, previous, expected):
    """The follow-up's words are put before the previous question, whose own time word came last."""
    assert_answers(index, reader, question, expected, previous)


def test_the_kind_asked_and_its_names():
    assert kind_asked("2021年9月26日许昌开了个什么会？") == "会"
    assert kind_asked("是在什么会议上提出的") == "会议"
    assert kind_asked("许昌哪年首次获评全国文明城市？") is None
    assert names_kind("会", "市八次党代会") and names_kind("会", "在全国创建文明城市工作经验交流会上")
    assert not names_kind("会", "会") and not names_kind("测评", "全国文明城市年度")
    assert not names_kind("会", "●2021年9月26日，市八次党代会明确提出，…动员会")   # a clause, not a name


@pytest.mark.parametrize("question, expected", [
    ("2021年9月26日许昌开了个什么会？", "市八次党代会"),   # was the whole sentence
    ("2018年和第二年，许昌都顺利通过了什么测评？", "全国文明城市年度测评"),
])
def test_which_thing_of_a_kind_is_answered_by_its_name(index, reader, question, expected):
    assert_answers(index, reader, question, expected)


@pytest.mark.parametrize("question, items, largest", [
    ("许昌建成区绿地率和绿化覆盖率哪个高？", ("许昌建成区绿地率", "绿化覆盖率"), True),
    ("最美家庭、五好文明家庭、和睦家庭、书香家庭里，哪种户数最多？", ("最美家庭", "五好文明家庭", "和睦家庭", "书香家庭"), True),
    ("郑万高铁许昌段和忠武路许昌城区段，哪个先建成？", ("郑万高铁许昌段", "忠武路许昌城区段"), False),
])
def test_what_a_comparison_asks(question, items, largest):
    from qa.answer.compare import asked

    c = asked(question)
    assert c is not None and c.items == items and c.largest is largest


@pytest.mark.parametrize("question", ["许昌哪年首次获评全国文明城市？", "县一级里头，哪个市是要确保创成全国文明城市的？",
                                      "许昌志愿者有多少人？"])
def test_questions_comparing_nothing(question):
    from qa.answer.compare import asked

    assert asked(question) is None


@pytest.mark.parametrize("question, expected", [
    ("许昌建成区绿地率和绿化覆盖率哪个高？", "绿化覆盖率"),                            # 36.46% against 40.62%
    ("全国文明单位和省级文明单位哪个多？", "省级文明单位"),                          # 10个 / 181个, not 标兵's 11个
    ("许昌的全国文明单位和省级文明单位标兵，哪个数量多？", "省级文明单位标兵"),
    ("老城区提升改造里新建道路、改扩建道路、改造老街道，哪一类的条数最多？", "新建道路"),
    ("郑万高铁许昌段和忠武路许昌城区段，哪个先建成？", "郑万高铁许昌段"),          # 2019年 against 2020年, two sentences
])
def test_a_comparison_is_answered_with_the_winners_name(index, reader, question, expected):
    assert_answers(index, reader, question, expected)
