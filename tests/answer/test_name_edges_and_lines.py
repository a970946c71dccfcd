"""Ways of asking the twenty-second held-out set showed (2026-12-07): a span cut inside an idiom, a name asked with
叫什么名字, and a follow-up naming another stretch of a line (那忠武路许昌城区段呢). Real pipeline, real corpus: the exact
answer and its citation's offsets in the raw file."""
import pytest

from qa.answer.followup import resolve_followup
from qa.answer.respond import answer
from tests.conftest import assert_answers


def test_a_name_asked_is_no_name_run_on_nor_a_piece_of_an_idiom(index, reader):
    """王建国开宗明义 was answered at 0.74; without it, 宗明义 of the idiom 开宗明义 at 0.66."""
    asked = "接受采访谈许昌争创全国文明典范城市的那位省社会科学院城市与生态文明研究所所长，叫什么名字？"
    assert_answers(index, reader, asked, "王建国")


@pytest.mark.parametrize("follow_up", ["那忠武路许昌城区段呢？", "那忠武路的许昌城区段呢？"])
def test_another_stretch_of_a_line_takes_the_previous_ones_place(index, reader, follow_up):
    previous = "郑万高铁许昌段是哪一年建成投用的？"
    assert resolve_followup(follow_up, previous).startswith("忠武路")
    assert "郑万" not in resolve_followup(follow_up, previous)
    assert_answers(index, reader, follow_up, "2020年", previous)   # was 2019年 at 0.93


@pytest.mark.parametrize("question, expected", [
    ("俺家在延中小区，这小区归哪个街道办事处管？", "魏都区灞陵街道办事处"),   # was the street, 魏都区灞陵街道
    ("延中小区在哪个街道？", "魏都区灞陵街道办事处"),   # by the name printed (the forty-eighth and forty-ninth sets)
])
def test_the_office_of_a_street_or_the_street(index, reader, question, expected):
    assert_answers(index, reader, question, expected)


def test_a_bare_name_is_no_office(index, reader):
    """他是什么职务 reads the previous question, not its answer: the name answered before is no office."""
    a = answer(index, "他是什么职务？", "全市一体推进不敢腐不能腐不想腐深化以案促改工作会议是由谁主持的？", reader)
    assert a.answer != "史根治"
    assert_answers(index, reader, "史根治是什么职务？", "市长")
