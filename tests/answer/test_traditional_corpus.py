"""A corpus file written in traditional characters: found by simplified and traditional questions
alike, quoted and answered in its own characters, at its own offsets."""
import pytest

from qa.answer import answer
from qa.config import load_settings
from qa.index.build import build
from qa.index.open import open_index
from tests.conftest import CORPUS, visible

SEED = "000_798ce30fdb9aa4e5.txt"


@pytest.fixture(scope="module")
def traditional(tmp_path_factory):
    """One seed file converted to traditional characters (OpenCC s2t), as the only file of a corpus."""
    import opencc

    base = tmp_path_factory.mktemp("traditional")
    (base / "corpus").mkdir()
    text = (CORPUS / SEED).read_text(encoding="utf-8")
    (base / "corpus" / "xuchang_trad.txt").write_text(opencc.OpenCC("s2t").convert(text), encoding="utf-8")
    s = load_settings({"corpus": base / "corpus", "index": base / "index", "data": base / "data"}, env={})
    build(s)
    return open_index(s, auto_build=False)


@pytest.mark.parametrize("question", ["市住建局局长是谁？", "市住建局局長是誰？"])
def test_simplified_and_traditional_questions_find_a_traditional_file(traditional, question):
    a = answer(traditional, question)
    assert a.answer == "鄭永輝"   # the file's own characters, not 郑永辉
    c = a.citations[0]
    raw = traditional.sources[c.doc].text
    assert raw[c.answer_start:c.answer_end] == a.answer
    assert visible("".join(raw[x:y] for x, y in c.spans)) == visible(c.quote)
    assert "局長鄭永輝" in c.quote


def test_a_dated_answer_and_its_title_as_written(traditional):
    a = answer(traditional, "许昌哪年首次获评全国文明城市？")
    assert a.answer == "2015年" and a.answer_value == 2015
    c = a.citations[0]
    import opencc

    assert c.title and opencc.OpenCC("s2t").convert(c.title) == c.title   # the title as the file writes it
    assert "許昌" in c.quote and "许昌" not in c.quote


def test_a_simplified_file_is_left_as_it_is(index):
    assert all(not d.shown for d in index.documents.values())
