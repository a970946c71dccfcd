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


@pytest.mark.parametrize("question, name", [
    ("采访郑永辉的报道是哪位记者采写的？", "许廷合"),           # refused 0.17: the byline's own line holds no word asked
    ("文明创建6项重点任务那篇报道是哪个记者写的", "王利辉"),     # refused 0.03; the subtitle names the story
    ("郑永辉那篇访谈稿子的通讯员是谁", "田苗"),                # refused 0.10: the role asked is the one printed before the name
    ("郑永辉那篇访谈稿子的记者是谁", "许廷合"),
])
def test_a_byline_is_judged_by_the_story_it_signs(index, reader, question, name):
    """A byline's own line (本报记者 许廷合) shares no word with the question; the story it signs does, in its
    headline and subtitle (——访市住建局党组书记、局长郑永辉), and that is what the coverage feature reads for it."""
    from qa.answer.features import NAMES

    c = consider(index, question, question, reader, load_scorer(), always_read=True)
    k = next(k for k, o in enumerate(c.full.options) if o.text == name)
    assert c.full.rows[k][NAMES.index("coverage")] >= 0.5
    a = answer(index, question, reader=reader)
    assert a.answer == name, (a.answer, a.confidence, a.best_guess)


def test_the_reporter_of_a_dateline_is_no_person_the_story_reports(index, reader):
    """本报讯（记者 石冠兵）11月10日… holds the question's date: 会议由哪位市领导主持 was answered 石冠兵 (0.78)."""
    a = answer(index, "11月10日召开的全市深化以案促改工作会议由哪位市领导主持？", reader=reader)
    assert a.answer is None or "史根治" in a.answer, (a.answer, a.confidence)
    assert all(o["text"] != "石冠兵" for o in a.decision["options"])


def test_the_role_asked_is_the_last_one_named(index, reader):
    """跟着记者一块写的通讯员是谁: 通讯员 is asked, 记者 only says who he wrote with (was 许廷合 at 0.76)."""
    q = "访住建局长郑永辉的那篇稿子，跟着记者一块写的通讯员是谁啊？"
    assert "记者" in analyze(q).frame_words and "通讯员" not in analyze(q).frame_words
    assert answer(index, q, reader=reader).answer == "田苗"


def test_a_name_the_segmenter_glued_to_a_question_word_is_read_as_the_articles_print_it(index):
    """访张保化: jieba cut 访张|保化, neither a word of the corpus, so the search missed the interview with 张保化."""
    from qa.answer.match import mend_glued

    assert mend_glued(["访张", "保化", "文章"], {"张保化": 3, "文章": 9, "访": 1}) == ["访", "张保化", "文章"]
    assert mend_glued(["访张", "文章"], {"文章": 9}) == ["访张", "文章"]            # a known neighbour stays
    assert mend_glued(["甲乙", "丙丁"], {"乙丙": 2}) == ["甲乙", "丙丁"]              # two characters: too little to tell
    from qa.answer.understand import understand
    assert "张保化" in understand(index, "访张保化那篇文章是哪个记者写的？", "").words
