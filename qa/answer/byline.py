"""Who wrote or photographed a story: whether an option is the name a story is signed with, of
the kind the question asks for (`Question.author`, from qa.answer.question). Entry point:
`signed_as(index, option)`; `signs_unasked(index, question, option)` for the other person questions.

A byline question names its story by topic (访张保化那篇文章是哪个记者写的), never by the sentence the
name stands in: the byline (本报记者 许廷合) shares no word with the question, so coverage and the
reader, which judge a span by its own sentence, prefer a name or a phrase of the story's body (开宗明义,
乔利峰摄 under a photo). What tells the answer is that the name signs the story the question is
about: it stands in its article's byline or dateline (writer) or before 摄 (photographer). So for such
a question only names signing a story as asked are offered (qa.answer.decide): every byline question of
the gold sets (14) is answered by one; the options it leaves out were phrases of the body (王建国开宗明义
for 王建国谈文明指数那篇是谁写的, answered at 0.44), parts of names (利辉), 记者 alone, and the photographer for
the writer (本报记者 乔利峰摄 for 访张保化那篇文章是哪个记者写的).
"""
from __future__ import annotations

import re

from qa.answer.events import DATELINE
from qa.answer.options import Option
from qa.answer.question import SIGNING_ROLE
from qa.index.record import Index

# what stands between the names of a byline or dateline (□ 记者张铮, 本报记者 许廷合 通讯员 田苗)
MARKS = re.compile(r"[\s□■●（）()]+|本报讯?|记者|通讯员|评论员|报道")
# a photo credit: the name, then 摄 or 提供 (乔利峰摄, 本报记者 乔利峰 摄, 资料图片由记者牛书培提供)
CREDIT = re.compile(r"^\s*(?:摄|提供)")
LEADING_DATELINE = re.compile(r"[●■▲◆★•\s]*" + DATELINE)   # 本报讯 （记者 高伟山） at a sentence's start
# A question about what a story reports (会议由哪位市领导主持) is never answered by the name that signs it: the
# dateline 本报讯（记者 石冠兵）11月10日… holds the question's date and was answered at 0.78. Unless it
# names how a story is signed (记者, 整理 of 大事记是谁整理的).
SIGNING_NAMED = SIGNING_ROLE + r"|作者|摄|拍|整理|编|写"


def signed_as(index: Index, o: Option) -> str | None:
    """"photo" when the option is a name credited for a photo, "writer" when it signs its story
    (in the article's byline or dateline), else None."""
    text = o.text.strip()
    photo = text.endswith("摄")
    names = _names(text[:-1] if photo else text)
    if not names or any(len(n) < 2 for n in names):
        return None
    sentence = o.sentence.text
    end = o.span.end if o.span is not None else len(sentence)
    if photo or CREDIT.match(sentence[end:end + 2]):
        return "photo"
    dateline = LEADING_DATELINE.match(sentence)
    signed = _names(index.document(o.sentence).byline) + (_names(dateline.group(0)) if dateline else [])
    return "writer" if all(n in signed for n in names) else None


def signs_unasked(index: Index, q, o: Option) -> bool:
    """Whether `o` is a name signing its story where a person the story reports is asked."""
    return (q.type == "person" and q.author is None and not re.search(SIGNING_NAMED, q.text)
            and signed_as(index, o) is not None)


def _names(text: str) -> list[str]:
    """The names a byline or credit holds, its marks dropped (whole names only: 许廷 is not 许廷合)."""
    return [n for n in MARKS.split(text) if n]

