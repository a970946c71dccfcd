"""Evaluation: the metrics, the regression gate on the gold set, and `qa eval` on another corpus."""
import json
import re
import shutil
import subprocess
import sys

import pytest

from qa.errors import QAError
from qa.evaluation.evaluate import evaluate, f1, is_correct, load_gold, normalize, summary
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


def test_normalize_drops_space_and_punctuation_but_not_number_marks():
    assert normalize("57.5 万人，") == "57.5万人"
    assert normalize("“奖牌拿到手、创建不松手”") == "奖牌拿到手创建不松手"
    assert normalize("98.89%") == "98.89%"


def test_correct_means_contains_an_accepted_answer_and_is_short():
    assert is_correct("2015年2月28日", ("2015年",), "date")
    assert not is_correct("2015年2月28日，许昌市以全国地级市第四名、全省参评城市第一名的成绩荣膺", ("2015年",), "date")
    assert is_correct("作为河南省优秀专家，王建国认为，不断满足人民群众对美好生活的向往，是城市文明创建的目的。",
                      ("满足人民群众对美好生活的向往",), "open")
    assert not is_correct(None, ("2015年",), "date")


def test_f1_is_the_cmrc_longest_common_substring_score():
    exact, score = f1("2015年2月28日", ("2015年",))
    assert not exact and score == pytest.approx(2 * 0.5 * 1.0 / 1.5)   # precision 5/10, recall 5/5
    assert f1("2015年", ("2016年", "2015")) == (False, pytest.approx(2 * 0.8 * 1.0 / 1.8))
    assert f1("郑永辉", ("郑永辉",)) == (True, 1.0)


def test_bad_gold_files_are_refused_with_the_line(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"id": "a", "question": "q", "answers": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(QAError, match="line 2"):
        load_gold(bad)
    bad.write_text('{"id": "a", "question": "q"}\n{"id": "a", "question": "r"}\n', encoding="utf-8")
    with pytest.raises(QAError, match="repeats id 'a'"):
        load_gold(bad)
    with pytest.raises(QAError, match="does not exist"):
        load_gold(tmp_path / "missing.jsonl")


@pytest.mark.parametrize("which", ["rules", "model"])
def test_regression_gate_on_the_gold_set(index, request, which):
    """Fails when answer quality drops below the thresholds pinned in eval/thresholds.json, for
    the rules alone and with the trained reader."""
    pinned = json.loads((ROOT / "eval" / "thresholds.json").read_text(encoding="utf-8"))[which]
    gold = load_gold(ROOT / "eval" / "gold.jsonl")
    assert len(gold) >= 100 and sum(not g.answerable for g in gold) >= 12
    reader = request.getfixturevalue("reader") if which == "model" else None
    m = summary(evaluate(index, gold, reader=reader))
    assert m["accuracy"] >= pinned["accuracy"], m
    assert m["citation_accuracy"] >= pinned["citation_accuracy"], m
    assert m["offsets_correct"] >= pinned["offsets_correct"], m
    assert m["recall@5"] >= pinned["recall@5"], m
    assert m["abstention"] >= pinned["abstention"], m
    assert m["false_abstention"] <= pinned["false_abstention_max"], m


def _qa(*args, cwd):
    return subprocess.run([sys.executable, "-m", "qa", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_qa_eval_on_another_corpus_writes_answers_report_and_plot(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "other_corpus", corpus)
    gold = tmp_path / "gold.jsonl"
    lines = (DATA / "other_gold.jsonl").read_text(encoding="utf-8").splitlines()
    # one deliberately wrong accepted answer, so the report has a failure to explain, citing a file
    # that is not in the corpus (as a console gold line whose article was deleted since)
    lines.append(json.dumps({"id": "wrong", "question": "市水利局局长是谁？", "answers": ["陈晓燕"], "docs": ["gone.txt"]},
                            ensure_ascii=False))
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    r = _qa("eval", "--corpus", str(corpus), "--index", str(tmp_path / "index"), "--gold", str(gold),
            "--out", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "accuracy" in r.stdout and "abstention" in r.stdout and "threshold" in r.stdout
    assert "ECE of a calibrated confidence, chance alone" in r.stdout
    assert "1 gold question(s) cite files that are not in the corpus: gone.txt" in r.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in rows] == [json.loads(x)["id"] for x in lines]
    answers = {x["id"]: x["answer"] for x in rows}
    assert answers["o02"] == "2016年" and answers["o10"] == "刘建国"
    assert answers["o12"] is None and answers["o13"] is None
    right = {g["id"] for g in map(json.loads, lines[:13])
             if g["answers"] and is_correct(answers[g["id"]], tuple(g["answers"]), g["type"])}
    assert right == {f"o{k:02d}" for k in range(1, 12)}   # every answerable question of the other corpus
    assert answers["o01"] == "12月8日"   # the second award (test_second_award_is_dated_by_its_own_sentence)
    report = out.with_suffix(".report.md").read_text(encoding="utf-8")
    assert "## Failures (1)" in report and "### wrong — wrong answer" in report
    failure = report.split("### wrong")[1]
    assert "市水利局局长是谁？" in failure and "陈晓燕" in failure and "刘建国" in failure
    assert "cited: linhe_river.txt" in failure and "top passages" in failure
    assert "- got: 刘建国 (confidence 0." in failure and ", threshold 0." in failure   # what decided it
    assert out.with_suffix(".sweep.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.with_suffix(".reliability.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "## Reliability of the confidence" in report and "reliability.png" in report


def test_qa_eval_refuses_a_missing_output_folder(tmp_path):
    r = _qa("eval", "--gold", str(DATA / "other_gold.jsonl"), "--out", str(tmp_path / "no" / "pred.jsonl"),
            "--corpus", str(DATA / "other_corpus"), "--index", str(tmp_path / "index"), cwd=tmp_path)
    assert r.returncode == 1 and r.stderr.startswith("error: folder") and "Traceback" not in r.stderr


def test_qa_fit_refuses_a_missing_output_folder_before_any_work(tmp_path):
    r = _qa("fit", "--out", str(tmp_path / "no" / "scorer.json"), cwd=ROOT)
    assert r.returncode == 1 and r.stderr.startswith("error: folder") and "Traceback" not in r.stderr
    assert not (tmp_path / "no").exists()


def test_eval_counts_a_question_that_cannot_be_answered_and_goes_on(index, tmp_path):
    from qa.evaluation.evaluate import by_type, failures
    from qa.evaluation.report import metrics_table, write_report

    gold = tmp_path / "gold.jsonl"
    rows = [{"id": "long", "question": "许昌" * 150, "answers": ["2015年"]},
            {"id": "nul", "question": "许昌\u0000哪年首次获评全国文明城市？", "answers": ["2015年"]},
            {"id": "ok", "question": "许昌哪年首次获评全国文明城市？", "answers": ["2015年"]}]
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    results = evaluate(index, load_gold(gold))
    assert [r.answer.answer for r in results] == [None, None, "2015年"]
    m = summary(results)
    assert m["errors"] == 2 and m["accuracy"] == pytest.approx(1 / 3)
    why = dict((r.item.id, w) for r, w in failures(results))
    assert why["long"].startswith("answering failed: refused: the question has 300 characters")
    assert "U+0000" in why["nul"] and "ok" not in why
    table = metrics_table(m, by_type(results), 0.4)
    assert re.search(r"questions where answering broke \(see report\) +2\n", table)
    write_report(results, table, "", None, tmp_path / "r.md")
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "2 of them are errors" in report
    assert report.index("## Failures") < report.index("### long — answering failed") < report.index("### nul")


def test_second_award_is_dated_by_its_own_sentence(tmp_path):
    """临河市第二次获得…: the article says which time it was in the next sentence (这是…第二次获得); the
    rules' choice for a dated qualifier is that event (it was answered with the first award's year,
    which the reader also proposes, until the rules' rank followed the event)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "other_corpus", corpus)
    r = _qa(
        "ask",
        "--json",
        "--corpus",
        str(corpus),
        "--index",
        str(tmp_path / "index"),
        "临河市第二次获得省级文明城市是什么时候？",
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["answer"] == "12月8日"


def test_the_chance_ece_is_what_a_calibrated_confidence_shows_by_chance():
    import random

    from qa.evaluation.evaluate import calibration_bins, chance_ece, expected_calibration_error

    assert chance_ece([]) is None
    assert chance_ece([(1.0, True)] * 30) == (0.0, 0.0)   # sure and calibrated: always right, no error
    rng = random.Random(7)
    few = [(rng.random(), False) for _ in range(30)]
    median, p95 = chance_ece(few)
    assert 0.0 < median < p95 < 1.0
    # the same draws by the project's own binning, one at a time: the same distribution
    draws = sorted(expected_calibration_error(calibration_bins([(p, rng.random() < p) for p, _ in few]))
                   for _ in range(2000))
    assert median == pytest.approx(draws[1000], abs=0.01) and p95 == pytest.approx(draws[1900], abs=0.015)
    # more questions, less room for chance: 30 questions leave several times the error of 3,000
    many = [(rng.random(), False) for _ in range(3000)]
    assert chance_ece(many)[1] < p95 / 3
