"""The edge check every entry point shares (`qa.limits.checked`): cleaning, refusals, limits,
the same sentence from the command line, and the sentence length that bounds the rules' work."""
import subprocess
import sys

import pytest

from qa.index.chunk import MAX_SENTENCE, document_sentences
from qa.ingest.corpus import ingest
from qa.limits import MAX_PREVIOUS, MAX_QUESTION, InputError, checked
from tests.conftest import ROOT, raw_of, visible


def test_invisible_and_line_break_characters_are_cleaned():
    q, prev = checked("\u202e许昌\u200b哪年\n首次\t获评？\ufeff ", " 上一个\r\n问题 ")
    assert (q, prev) == ("许昌哪年 首次 获评？", "上一个 问题")
    assert checked("许昌", "  ") == ("许昌", None)
    assert checked("问" * MAX_QUESTION)[0] == "问" * MAX_QUESTION


@pytest.mark.parametrize("question, previous, says, zh", [
    ("", None, "empty", "请输入"),
    (" \u200b\n ", None, "empty", "请输入"),
    ("问" * (MAX_QUESTION + 1), None, f"{MAX_QUESTION + 1} characters", "超过"),
    ("问" * 100_000, None, "100000 characters", "超过"),
    ("许昌", "问" * (MAX_PREVIOUS + 1), "previous question has", "上一个问题"),
    ("许昌\u0000哪年", None, "U+0000", "U+0000"),
    ("\u001b[31m许昌", None, "control character", "无法识别"),
    ("\ud800许昌", None, "unpaired surrogate", "无法识别"),
    ("许昌", "\udfff", "previous question contains an unpaired surrogate", "上一个问题"),
    (5, None, "must be a string", "文字"),
    ("许昌", ["a"], "previous question must be a string", "上一个问题"),
])
def test_bad_input_is_refused_in_one_sentence_in_both_languages(question, previous, says, zh):
    with pytest.raises(InputError) as err:
        checked(question, previous)
    assert says in str(err.value) and zh in err.value.zh
    assert "\n" not in str(err.value) and "\n" not in err.value.zh


def test_the_cli_refuses_control_characters_before_loading_anything(tmp_path):
    r = subprocess.run([sys.executable, "-m", "qa", "ask", "许昌\u0001哪年", "--index", str(tmp_path / "none")],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.startswith("error: the question contains a control character (U+0001)")
    assert len(r.stderr.strip().splitlines()) == 1 and not (tmp_path / "none").exists()


def test_a_run_of_text_without_sentence_ends_is_cut_at_clause_breaks(tmp_path):
    items = "、".join(f"第{i}届文明单位{i}个" for i in range(400))
    (tmp_path / "list.txt").write_text(f"名单\n\n{items}。\n\n短句。\n", encoding="utf-8")
    corpus = ingest(tmp_path)
    source = corpus.sources["list.txt"]
    pieces = [s for d in corpus.documents for s in document_sentences(d, corpus)]
    assert max(len(s.text) for s in pieces) <= MAX_SENTENCE
    assert len(pieces) >= len(items) // MAX_SENTENCE + 1
    assert "".join(visible(s.text) for s in pieces if "文明单位" in s.text) == visible(items + "。")
    for s in pieces:   # every piece still maps back to the raw file
        assert raw_of(source, s.spans) == visible(s.text)
    assert all(s.text.endswith(("、", "。")) for s in pieces if "文明单位" in s.text)
