"""Ways of asking the twentieth held-out set showed (2026-12-07): a place typed in pinyin, which time a title was
won (第几次), a month and day whose year the file prints elsewhere, how often a meeting is held, and a list cut
where the question's own words begin. Real pipeline, real corpus: the exact answer, its citation's offsets."""
import pytest

from qa.answer.dated import dated_in
from qa.answer.normalise import normaliser
from tests.conftest import assert_answers


@pytest.mark.parametrize("typed, read", [
    ("2018年Xuchang的GDP是多少？", "2018年许昌的GDP是多少？"),
    ("yuzhou 的目标是什么", "禹州 的目标是什么"),
    ("Weidu区有多少个小区", "Weidu区有多少个小区"),   # 魏都 and 维度 sound alike: left as typed
    ("GDP 和 app 是什么", "GDP 和 app 是什么"),        # no corpus name sounds so
])
def test_a_name_typed_in_pinyin_is_read_as_the_corpus_name(index, typed, read):
    assert normaliser(index).romanised(typed) == read


def test_a_question_naming_a_place_in_pinyin_is_answered(index, reader):
    """Xuchang was no word of the corpus, and the right 2830.6亿元 was refused at 0.05."""
    assert_answers(index, reader, "2018年 Xuchang 的 GDP 是多少？", "2830.6亿元")


def test_a_month_and_day_take_the_year_their_file_prints_them_with(index):
    later = [s for s in index.sentences if "第三次荣膺全国文明城市称号" in s.text][0]   # 11月10日，中国文明网发布…
    assert "2020" not in later.text
    assert dated_in(index, later, "2020") and not dated_in(index, later, "2017")
    undated = [s for s in index.sentences if "全省首个国家水生态文明城市" in s.text][0]
    assert not dated_in(index, undated, "2021")


def test_which_time_a_title_was_won_is_answered_by_a_count_of_times(index, reader):
    """第几次 asks which time: the reader's 第一名 (a place in a ranking) had been answered, and the sentence
    printing 第三次 never offered, its year printed only in the timeline of the same file."""
    assert_answers(index, reader, "2020年11月许昌蝉联全国文明城市，这是第几次获得这个称号？", "第三次")


@pytest.mark.parametrize("question, expected", [
    ("许昌创建推进机制里，工作点评会多久开一次？", "每月一次"),   # was the reader's 每周一次工作例会、每月
    ("总结表彰会多久开一次", "每年一次"),
])
def test_how_often_is_answered_by_the_period_printed_before_the_meeting(index, reader, question, expected):
    assert_answers(index, reader, question, expected)


def test_a_list_ends_where_the_questions_own_words_begin(index, reader):
    asked = "全市深化以案促改工作会议上，哪些单位的主要负责同志作了交流发言？"
    assert_answers(index, reader, asked, "市公安局党委、鄢陵县委")   # was …鄢陵县委主要负责同志作


def test_two_titles_joined_by_he_start_alike(index, reader):
    """国家水生态文明城市和国家生态园林城市: the first had been cut after the question's 国家 (of 国家级)."""
    from qa.answer.lists import enumerations
    from qa.answer.question import analyze

    s = [s for s in index.sentences if "全省首个国家水生态文明城市" in s.text][0]
    q = analyze("许昌是全省头一个拿到哪些国家级称号的城市")
    found = [x.text for x in enumerations(s.text, q, index.tokenizer.tagged(s.text))]
    assert "国家水生态文明城市和国家生态园林城市" in found
