"""Ways of asking the nineteenth held-out set showed (2026-12-06): a person's name typed with a character of the same
sound, a full office asked for by a writer, what is set aside at the head of a list, a surname read as the verb 任,
and an age or a count of another noun offered for a count. Real pipeline, real corpus: the exact answer, its
citation's offsets in the raw file."""
import pytest

from qa.answer.name_sounds import NameSounds
from qa.answer.names import offices
from qa.answer.question import analyze
from qa.answer.respond import answer
from qa.answer.set_aside import rest_of_list
from qa.answer.typed_span import not_a_measure
from qa.index.tokens import Tokenizer
from qa.models import Span
from tests.conftest import assert_cited



@pytest.mark.parametrize("question, expected", [
    ("刘少琳是干什么的？", "市委宣传部副部长、市创文办常务副主任"),   # 刘少林: refused at 0.02
    ("以案促改工作会议上讲话的胡五月是什么职务？", "市委书记"),        # 胡五岳: 五月 is a word, the slip corrector left it
    ("史根志是什么职务", "市长"),
])
def test_a_name_typed_by_its_sound_is_read_as_printed(index, reader, question, expected):
    a = answer(index, question, None, reader)
    assert a.answer == expected, (a.resolved_question, a.answer, a.confidence)
    assert_cited(index, a)


def test_only_a_run_printed_as_a_name_is_taken_for_one():
    """A printed run is a name when its first two characters and its last two never stand without the third."""
    sounds = NameSounds(["市委书记胡五岳出席。杨昊先后效力于两队，杨昊在场上司职后卫。许昌以创建为龙头，许昌一年一变。"])
    words = Tokenizer()

    def read(text: str) -> str:
        return sounds.read(text, [(t.start, t.end) for t in words.tagged(text)], lambda w: False)

    assert read("胡五月是谁") == "胡五岳是谁"
    assert read("杨昊现效力于哪里") == "杨昊现效力于哪里"   # 杨昊 stands before 先 and 在: a two-character name
    assert read("许昌一共有多少") == "许昌一共有多少"       # 许昌 stands before many


def test_a_writer_asking_for_the_full_office_asks_the_office():
    assert analyze("请给我他的完整职务头衔。").office and analyze("需要张保化的完整职务名称，请按报道原文给出。").office


def test_a_surname_is_no_verb_that_confers_an_office():
    text = "魏都区南关街道办事处大同社区荣获“全国最美志愿服务社区”称号，任万祥、田豪彬荣获“全国最美志愿者”称号。"
    found = offices(text, analyze("任万祥是做什么工作的？"), tuple(Tokenizer().tagged(text)))
    assert not any("荣获" in s.text for s in found), found


def test_an_age_counts_nothing():
    text = "今年64岁的居民孙清旺说"
    span = Span(2, 5, "64岁", "number", 64)
    assert not_a_measure(analyze("那个小区一共住着多少户人家？"), text, span)
    assert not not_a_measure(analyze("孙清旺今年多大岁数？"), text, span)


def test_the_list_after_what_is_set_aside_is_the_rest():
    text = "北海、灞陵湖、芙蓉湖、鹿鸣湖、秋湖湿地、东湖碧波荡漾"
    whole = Span(0, 22, text[:22], "list")
    assert rest_of_list(analyze("除了北海、灞陵湖和芙蓉湖，还有哪些湖？"), text, whole).text == "鹿鸣湖、秋湖湿地、东湖"
    assert rest_of_list(analyze("除了灞陵湖，还有哪些湖？"), text, whole) == whole   # not at its head: as it was
    assert rest_of_list(analyze("中心城区有哪些湖？"), text, whole) == whole


def test_asked_what_else_besides_the_head_of_a_list_the_rest_answers(index, reader):
    a = answer(index, "除了北海、灞陵湖、芙蓉湖，许昌中心城区碧波荡漾的湖还有哪几个", None, reader)
    assert a.answer == "鹿鸣湖、秋湖湿地、东湖", (a.answer, a.confidence)
    assert_cited(index, a)


@pytest.mark.parametrize("question, expected", [
    ("指挥中心那边装了多少个监控探头？", None),             # 17万个 counts 公共设施 (was answered at 0.78)
    ("中心城区要抓好多少个百城建设提质项目？", "170个"),     # its noun ends with the one asked
])
def test_a_count_followed_by_another_noun_counts_something_else(index, reader, question, expected):
    a = answer(index, question, None, reader)
    assert a.answer == expected, (a.answer, a.confidence)
