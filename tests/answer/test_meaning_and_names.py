"""Ways of asking the eighteenth held-out set showed (2026-12-06): what a term printed with a bracket means, a name
the reader ran on into its predicate, a name asked for with 叫个啥, and a short follow-up that opens with its verb.
Real pipeline, real corpus: the exact answer, its citation's offsets in the raw file."""
import pytest

from qa.answer.definition import defined
from qa.answer.followup import is_elliptical
from qa.answer.respond import answer
from tests.conftest import assert_cited

BRACKETED = ("以出入市口、国道及省道干线和“一线三边”（乡镇公路干线、乡镇政府所在地周边、乡镇主要街道及其周边）"
             "为重点，集中开展整治活动。")



@pytest.mark.parametrize("question, meant", [
    ("“一线三边”指的是什么？", "乡镇公路干线、乡镇政府所在地周边、乡镇主要街道及其周边"),
    ("整治里的一线三边具体指哪些", "乡镇公路干线、乡镇政府所在地周边、乡镇主要街道及其周边"),
    ("出入市口是啥意思", None),          # printed without a bracket after it
    ("“一线三边”在哪里？", None),        # no meaning asked
])
def test_the_bracket_after_a_term_is_what_it_means(question, meant):
    span = defined(question, BRACKETED)
    assert (span.text if span else None) == meant
    assert span is None or BRACKETED[span.start:span.end] == meant


def test_asked_what_a_term_means_the_bracket_printed_after_it_answers(index, reader):
    """The whole sentence had been the answer, the bracket inside it."""
    a = answer(index, "文明创建专项治理的重点“一线三边”是啥意思？", None, reader)
    assert a.answer == "乡镇公路干线、乡镇政府所在地周边、乡镇主要街道及其周边", (a.answer, a.confidence)
    assert_cited(index, a)


@pytest.mark.parametrize("question, expected", [
    ("请问河南省社会科学院城市与生态文明研究所所长系何人？", "王建国"),   # was the reader's 王建国开宗明义 at 0.60
    ("市里要制定的文明行为方面的条例叫个啥？", "许昌市文明行为促进条例"),   # 叫个啥 asks a name: was read open
])
def test_a_name_asked_is_the_name_alone(index, reader, question, expected):
    a = answer(index, question, None, reader)
    assert a.answer == expected, (a.answer, a.confidence)
    assert_cited(index, a)


def test_a_story_ending_in_what_the_asker_wants_to_know_asks_that(index, reader):
    """想知道 turns from the story to the question: read as one sentence, its 超市 and 动员会 weighed in (0.02)."""
    a = answer(index, "我在长葛开了家小超市，听说市里给各个县市都定了创文目标，想知道长葛市的目标是什么？", None, reader)
    assert a.answer == "确保创成全国文明城市提名城市", (a.answer, a.confidence)
    assert_cited(index, a)


def test_a_short_turn_opening_with_its_verb_leans_on_the_previous_question(index, reader):
    """Read alone, 占总数多少 was answered with another share of the same article (28.9% at 0.82)."""
    assert is_elliptical("占总数多少") and is_elliptical("是谁主持的？") and not is_elliptical("有哪些全国文明单位？")
    assert not is_elliptical("比例是多少")   # 比例 is a noun, not the verb 比
    a = answer(index, "占总数多少？", "文明家庭建设有多少户参与？", reader)
    assert a.answer == "92%", (a.resolved_question, a.answer, a.confidence)
    assert_cited(index, a)
