"""Who signed a story (qa.answer.byline): for 哪个记者写的 / 照片是谁拍的 only a name the story is signed with,
of the kind asked, is offered. The real corpus: 许廷合 signs the interviews (本报记者 许廷合), 乔利峰 credits
photos (本报记者 乔利峰摄), 张铮 signs other stories (□ 记者张铮), 高伟山 a dateline (本报讯 （记者 高伟山）)."""
from dataclasses import replace

import pytest

from qa.answer.byline import signed_as
from qa.answer.decide import consider
from qa.answer.question import analyze
from qa.answer.respond import answer
from qa.answer.scorer import load_scorer


def _offered(index, reader, question):
    return consider(index, question, question, reader, load_scorer(), always_read=True).full.options


@pytest.mark.parametrize("question, kind, name", [
    ("王建国谈文明指数那篇是谁写的？", "writer", "许廷合"),          # was 开宗明义 (王建国开宗明义), a phrase of the body
    ("报道许昌蝉联全国文明城市这条新闻的记者是谁？", "writer", "高伟山"),   # signed in the dateline
    ("科技广场那张照片是谁拍的？", "photo", "乔利峰"),                # credited below the photo
])
def test_only_names_signing_a_story_as_asked_are_offered(index, reader, question, kind, name):
    assert analyze(question).author == kind
    offered = _offered(index, reader, question)
    assert offered and all(signed_as(index, o) == kind for o in offered)
    assert name in {o.text for o in offered}
    assert answer(index, question, reader=reader).answer == name


def test_a_photographer_is_not_offered_for_the_writer(index, reader):
    offered = _offered(index, reader, "访张保化那篇文章是哪个记者写的？")
    assert all(not o.text.rstrip("摄 ").endswith("乔利峰") for o in offered)   # 本报记者 乔利峰摄 under a photo


def test_a_part_of_a_name_signs_nothing(index, reader):
    whole = next(o for o in _offered(index, reader, "王建国谈文明指数那篇是谁写的？") if o.text == "许廷合")
    part = replace(whole, span=replace(whole.span, end=whole.span.end - 1, text="许廷"))
    assert signed_as(index, whole) == "writer" and signed_as(index, part) is None


@pytest.mark.parametrize("question", ["《红楼梦》的作者是谁？", "许昌市委书记是谁？",
                                      "护城河上坐游船看荷花那张照片是啥时候拍的？"])
def test_other_questions_are_not_byline_questions(question):
    # a book's author signs no story of the paper; an office holder; a photo's date
    assert analyze(question).author is None
