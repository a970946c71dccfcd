"""The chat page's example buttons: each answered right, with the sentence that says it cited."""
import pytest

from qa.answer import answer
from qa.web.chat import EXAMPLES
from tests.conftest import visible

# example → (the answer, a sentence fragment its first citation must quote). Checked by reading
# the articles; a new example needs its line here.
EXPECTED = {
    "许昌哪年首次获评全国文明城市？": ("2015年", "全国文明城市"),
    "许昌一共获得过几次全国文明城市称号？": ("三次", "三次荣膺全国文明城市称号"),
    "许昌培育了哪些特色志愿服务项目？": ("服务粮农、关爱河湖水系、女童保护", "一批特色志愿服务项目"),
}


def test_every_example_has_a_checked_answer():
    assert set(EXAMPLES) == set(EXPECTED)


@pytest.mark.parametrize("question", EXAMPLES)
def test_example_is_answered_right(index, reader, question):
    want, quoted = EXPECTED[question]
    a = answer(index, question, reader=reader)
    assert a.answer == want, (a.answer, a.confidence)
    c = a.citations[0]
    raw = index.sources[c.doc].text
    assert quoted in c.quote
    assert visible(raw[c.answer_start:c.answer_end]) == visible(want)
    assert c.start <= c.answer_start < c.answer_end <= c.end
