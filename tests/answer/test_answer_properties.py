"""Property: for any question, over ordinary text, the answer stage returns a valid answer object.

Questions are generated (hypothesis) from the sentences of the seed corpus and of six
reading-comprehension articles (`tests/data/reading_sample`: CMRC 2018 trial, CC BY-SA 4.0,
Cui et al. 2019; DRCD, CC BY-SA 3.0, Shao et al. 2018, converted to simplified with OpenCC):
pieces of a sentence mixed with question words, measure words, list separators, digits,
punctuation and stray symbols, sometimes with a previous turn. Whatever the question, nothing
raises, no rule breaks on a sentence, and every offset points at what the object says it does.
Derandomized, so CI runs the same examples every time; QA_HYPOTHESIS_EXAMPLES runs more.
"""
import json
import math
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from qa.answer.respond import answer
from qa.errors import QAError
from qa.limits import MAX_QUESTION
from tests.conftest import CORPUS, ROOT, raw_of, visible

EXAMPLES = int(os.environ.get("QA_HYPOTHESIS_EXAMPLES", "150"))
WH = ["什么", "谁", "哪年", "哪一年", "几", "多少", "第几", "哪些", "哪几个", "哪两所", "何时", "什么时候", "为什么",
      "怎么", "如何", "叫什么", "首次", "第一次", "最近", "一共", "累计", "第二次", "多少人", "几个", "百分之几",
      "率是多少", "排第几", "在哪", "哪家", "什么称号", "分别是", "那", "呢"]
NOISE = list("、和与及，。；：？！“”《》（）()0123456789第年月日号%万亿个次届名位 \u3000") + [
    "😀",
    "<b>",
    "&amp;",
    "\\",
    "'",
    '"',
]


@pytest.fixture(scope="module")
def mixed_index(settings, tmp_path_factory):
    """The seed corpus and the reading-set sample in one index (the seed chunks' embeddings reused
    from the session index, as an incremental build reuses them)."""
    from qa.index.build import build
    from qa.config import load_settings
    from qa.index.open import open_index

    base = tmp_path_factory.mktemp("mixed")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    for f in (ROOT / "tests" / "data" / "reading_sample").iterdir():
        shutil.copy(f, corpus / f.name)
    shutil.copytree(settings.index, base / "index", symlinks=True)
    s = load_settings({"corpus": corpus, "index": base / "index", "data": base / "data"}, env={})
    build(s)
    return open_index(s, auto_build=False)


@st.composite
def questions(draw, sentences):
    text = draw(st.sampled_from(sentences)).text
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["piece", "piece", "wh", "noise"]))
        if kind == "piece" and text:
            a = draw(st.integers(0, len(text) - 1))
            parts.append(text[a : a + draw(st.integers(1, 24))])
        elif kind == "wh":
            parts.append(draw(st.sampled_from(WH)))
        else:
            parts.append("".join(draw(st.lists(st.sampled_from(NOISE), min_size=1, max_size=6))))
    return "".join(draw(st.permutations(parts)))[:MAX_QUESTION] + draw(st.sampled_from(["", "？", "?", "。", "呢"]))


def _check(index, a) -> None:
    d = a.to_dict()
    json.dumps(d, ensure_ascii=False).encode("utf-8")  # serialisable, valid UTF-8
    assert not a.errors, a.errors
    assert math.isfinite(a.confidence) and a.confidence >= 0
    assert (a.answer is None) == (a.answer_type == "none")
    for c in a.citations:  # the raw file at the offsets, doubled headings collapsed, is the quote
        source = index.sources[c.doc]
        assert (
            0 <= c.start < c.end <= len(source.text) and c.spans and (c.start, c.end) == (c.spans[0][0], c.spans[-1][1])
        )
        assert raw_of(source, c.spans) == visible(c.quote)
    if a.answer is not None:
        first = a.citations[0]
        assert first.start <= first.answer_start < first.answer_end <= first.end
        assert raw_of(index.sources[first.doc], [(first.answer_start, first.answer_end)]) == visible(a.answer)
        assert visible(a.answer) in visible(first.quote)


def test_generated_questions_get_valid_answers(mixed_index):
    sentences = [s for s in mixed_index.sentences if s.text.strip()]

    @hsettings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(question=questions(sentences), previous=st.one_of(st.none(), questions(sentences)))
    def check(question, previous):
        try:
            a = answer(mixed_index, question, previous)
        except QAError:  # refused at the edge (empty after cleaning): a sentence, not a crash
            return
        _check(mixed_index, a)

    check()


def test_a_list_question_gets_the_whole_enumeration_around_the_readers_item():
    """The reader, trained on one-span answers, often picks one item of A、B、C: a list question's
    answer is the whole enumeration holding it; other question types keep the span."""
    from qa.answer.question import analyze
    from qa.answer.options import _whole_list
    from qa.index.tokens import Tokenizer
    from qa.models import Sentence

    text = "今年活动设置了志愿服务、文明交通、环境卫生三个小组，每组十人。"
    sentence = Sentence("x.txt", 0, text, 100, 100 + len(text), ((0, len(text)),))
    item, tagged = text.index("文明交通"), Tokenizer().tagged
    widened = _whole_list(sentence, analyze("今年活动设置了哪些小组？"), item, item + 4, tagged)
    assert widened is not None and widened.text.startswith("志愿服务、文明交通、环境卫生")
    assert widened.start <= item and item + 4 <= widened.end
    assert _whole_list(sentence, analyze("今年活动设置了几个小组？"), item, item + 4, tagged) is None
    outside = text.index("每组十人")
    assert _whole_list(sentence, analyze("今年活动设置了哪些小组？"), outside, outside + 4, tagged) is None
