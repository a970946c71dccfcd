"""The hard negatives `qa fit` makes: one fact of an answerable question changed to one the corpus
never names, so that the question is unanswerable by construction."""
from qa.training.altered import altered_lines

CORPUS = "2015年2月28日，许昌市荣膺第四届全国文明城市称号。2017年蝉联。2020年第三次蝉联。郑州市也在榜上。"


def _lines(*questions, **extra):
    return [{"id": f"q{k}", "question": q, "answers": ["x"], "answerable": True, "type": "date", **extra}
            for k, q in enumerate(questions)]


def test_a_year_becomes_the_nearest_year_the_corpus_never_prints():
    out = altered_lines(_lines("2017年许昌在全省排第几？"), CORPUS)
    years = [x["question"] for x in out if x["id"].endswith("~year")]
    assert years == ["2018年许昌在全省排第几？"]   # 2016 is unprinted too; the later one is tried first
    assert all(x["answerable"] is False and x["answers"] == [] and x["type"] == "date" for x in out)


def test_an_ordinal_becomes_one_the_corpus_does_not_know():
    out = {x["id"]: x["question"] for x in altered_lines(_lines("许昌第二次获评是哪年？"), CORPUS)}
    assert out["q0~ordinal"] == "许昌第四次获评是哪年？"   # 第三次 is printed, and the next is often only announced


def test_a_city_becomes_a_henan_city_the_corpus_never_names():
    out = {x["id"]: x["question"] for x in altered_lines(_lines("许昌哪年首次获评？", "郑州排第几？"), CORPUS)}
    assert out == {"q0~city": "信阳哪年首次获评？", "q1~city": "信阳排第几？"}


def test_follow_ups_unanswerable_lines_and_questions_without_such_facts_are_left_alone():
    lines = _lines("那第二次呢？", after="q9") + [{"id": "u", "question": "许昌2019年GDP？", "answerable": False}] \
        + _lines("创建工作由谁牵头？")
    assert altered_lines(lines, CORPUS) == []


def test_a_change_that_meets_a_question_already_asked_is_not_made_again():
    out = altered_lines(_lines("许昌哪年首次获评？", "信阳哪年首次获评？"), CORPUS + "信阳")
    assert [x["question"] for x in out] == ["周口哪年首次获评？"]


def test_only_the_kinds_asked_for_are_made():
    lines = _lines("2017年许昌第二次获评是哪年？")
    assert [x["id"] for x in altered_lines(lines, CORPUS, kinds=("year",))] == ["q0~year"]
    assert [x["id"] for x in altered_lines(lines, CORPUS, kinds=("ordinal", "city"))] == ["q0~ordinal", "q0~city"]
    assert len(altered_lines(lines, CORPUS)) == 3
