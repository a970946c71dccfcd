"""Reading, cleaning and article splitting on the real corpus."""
import re

import pytest

from qa.ingest.clean import clean_line
from qa.offsets import WHITESPACE, Positions
from tests.conftest import raw_of, visible

EXPECTED_TITLES = {
    "000_798ce30fdb9aa4e5.txt": [
        "许昌文明城市创建大事记",
        "争创典范，让文明成为高质量发展最美底色",
        "省社会科学院城市与生态文明研究所所长王建国：将城市“文明指数”化为人民“幸福指数”",
        "深入实施百城提质 持续增进民生福祉",
        "农民精神文化生活更丰富",
        "创建文明城市，市民积极参与",
        "科技广场",
    ],
    "001_53ab8915b6181208.txt": [
        "从“创建文明城市”到“建设城市文明”，许昌不断实现新的跨越",
        "在关爱农民工志愿服务活动启动仪式上",
    ],
    "002_6347a5fde3cd16c3.txt": [
        "创建大事记",
        "全市一体推进不敢腐不能腐不想腐深化以案促改工作会议召开",
        "许昌蝉联全国文明城市荣誉称号",
        "厉害了，我的大许昌",
        "全省村（社区）“两委”换届工作电视电话会议在郑州召开",
        "11月9日，在禹州市恒大杭萧装配式建筑产业园，工人正在生产线上吊装钢构材料",
    ],
    "003_e242de54cdf6fba9.txt": [
        "许昌誓夺全国文明城市“三连冠”",
        "6月17日，在护城河上，游客乘坐游船观赏荷花",
    ],
    "004_1d1f115aaad87d4e.txt": [
        "凝聚文明力量 铸就城市之魂",
        "“数字城管”走上街头参与城市管理",
    ],
}


def test_article_titles_of_every_seed_file(corpus):
    assert sorted(corpus.sources) == sorted(EXPECTED_TITLES)
    for name, titles in EXPECTED_TITLES.items():
        assert [d.title for d in corpus.documents_of(name)] == titles, name


def test_file_002_stories_are_separate_and_complete(corpus):
    docs = corpus.documents_of("002_6347a5fde3cd16c3.txt")
    kinds = [d.kind for d in docs]
    assert kinds == ["story"] * 5 + ["caption"]
    chronology, meeting, news, commentary, province, caption = docs
    assert chronology.text.startswith("2001年，许昌率先在全省开始创建国家卫生城")
    assert chronology.text.endswith("成为全省乃至全国中部地区唯一被中央文明办通报表彰的地级市。")
    assert meeting.text.startswith("本报讯（记者 石冠兵）11月10日，全市一体推进")
    assert "推进以案促改制度化常态化开展" in meeting.subtitle
    assert news.text.startswith("本报讯（记者 高伟山）全国第七、河南第一！")
    assert "许昌的文明城市创建工作始于“十五”之初" in news.text  # joined across a blank line
    assert commentary.text.startswith("我们成功了！")
    # headlines stay where they are printed (here after the body), so their facts are citable
    assert commentary.text.endswith("美丽宜居。\n厉害了，我的大许昌\n许言")
    assert province.text.startswith("本报讯（河南日报记者 李铮冯芸）11月10日，全省村（社区）")
    assert caption.text.endswith("本报记者 乔利峰摄")


def test_headline_after_body_names_the_story_above(corpus):
    docs = corpus.documents_of("000_798ce30fdb9aa4e5.txt")
    interview = docs[1]
    assert interview.text.startswith("“全国文明城市是评价城市整体文明水平的最高荣誉。")
    assert interview.subtitle == "——访市委宣传部一级调研员张保化"
    assert interview.byline == "本报记者 许廷合"
    assert docs[3].subtitle == "——访市住建局党组书记、局长郑永辉"


@pytest.mark.parametrize("name, line", [("001_53ab8915b6181208.txt", "□ 记者张铮"), ("003_e242de54cdf6fba9.txt", "□ 记者王利辉"),
                                        ("004_1d1f115aaad87d4e.txt", "□ 记者 张铮")])
def test_a_byline_printed_inside_a_story_stays_in_its_text(corpus, name, line):
    # `□ 记者X` stands after the story's lead-in, before its body: who wrote it is asked, so the
    # line is citable where it is printed, with offsets back into the file
    story = corpus.documents_of(name)[0]
    assert story.byline == line
    at = story.text.index(line)
    raw = corpus.sources[name].text
    start, end = story.pos[at], story.pos[at + len(line) - 1] + 1
    assert raw[start:end] == line
    assert story.text[:at].rstrip().endswith("。") or story.text[:at].rstrip().endswith("？")   # after the lead-in




def test_a_name_alone_under_a_headline_is_its_author(corpus):
    """A commentary signs with a pen name under its headline (here after the body); read as a column
    label it was dropped, and who wrote 《厉害了，我的大许昌》 could not be answered."""
    commentary = corpus.documents_of("002_6347a5fde3cd16c3.txt")[3]
    assert (commentary.title, commentary.byline) == ("厉害了，我的大许昌", "许言")
    at = commentary.text.rindex("许言")
    start = commentary.pos[at]
    assert corpus.sources["002_6347a5fde3cd16c3.txt"].text[start:start + 2] == "许言"
    bylines = [d.byline for d in corpus.documents]
    assert sum(len(b) == 2 for b in bylines) == 1   # no column label or short headline read as a name


def test_every_chunk_and_sentence_maps_back_to_the_raw_file(corpus, chunks, sents):
    assert len(chunks) > 50 and len(sents) > 300
    for unit in [*chunks, *sents]:
        source = corpus.sources[unit.doc]
        assert raw_of(source, unit.spans) == visible(unit.text), unit
        if len(unit.spans) == 1:  # the common case: one plain raw range
            raw = source.text[unit.start:unit.end]
            assert "".join(ch for i, ch in enumerate(raw, unit.start)
                           if ch not in WHITESPACE and i not in source.skippable) == visible(unit.text)


def test_document_offsets_kept_as_runs_read_like_one_offset_per_character(corpus):
    runs = 0
    for d in corpus.documents:
        flat = tuple(d.pos)
        assert len(flat) == len(d.text) and d.pos == flat
        assert (d.start, d.end) == (min(flat), max(flat) + 1)
        assert Positions.from_runs(d.pos.runs()) == d.pos
        for a in range(0, len(flat), 7):
            assert d.pos[a] == flat[a] and d.pos[a:a + 40] == flat[a:a + 40] and d.pos[-a - 1] == flat[-a - 1]
        runs += len(d.pos.runs())
    # the point of runs: cleaned news text is mostly stretches copied from the file as they stand
    assert runs * 5 < sum(len(d.text) for d in corpus.documents)


@pytest.mark.parametrize("seed", range(40))
def test_positions_behave_as_the_tuple_they_replace(seed):
    import random

    rnd = random.Random(seed)
    flat, p = [], rnd.randint(0, 50)
    for _ in range(rnd.randint(0, 40)):   # mostly +1, sometimes a jump back or ahead
        p = p + 1 if rnd.random() < 0.8 else rnd.randint(0, 100)
        flat.append(p)
    flat, pos = tuple(flat), Positions(flat)
    assert len(pos) == len(flat) and tuple(pos) == flat and pos == flat
    assert [pos[i] for i in range(-len(flat), len(flat))] == list(flat) * 2
    assert all(pos[a:b] == flat[a:b] for a in range(-2, len(flat) + 2) for b in range(-2, len(flat) + 2))
    assert pos[::3] == flat[::3]
    with pytest.raises(IndexError):
        pos[len(flat)]
    back = Positions.from_runs(pos.runs())
    assert back == pos and hash(back) == hash(pos)
    if flat:
        assert (pos.low(), pos.high()) == (min(flat), max(flat))


def test_collapsed_characters_really_are_duplicates(corpus):
    """The only characters cleaning drops (besides white space) repeat their neighbours."""
    source = corpus.sources["000_798ce30fdb9aa4e5.txt"]
    dropped = sorted(source.skippable)
    assert dropped, "the doubled headings of file 000 must be collapsed"
    text = source.text
    for p in dropped:
        start = max(text.rfind(" ", 0, p), text.rfind("\n", 0, p)) + 1
        token = re.match(r"\S+", text[start:]).group()   # the doubled word p sits in
        half = len(token) // 2
        assert text[p] == text[p - half] or text[p] == text[p - 1], (p, token)
    headings = corpus.documents_of("000_798ce30fdb9aa4e5.txt")
    assert all("职能部门访谈职能部门访谈" not in d.text for d in headings)


def test_multi_span_sentence_skips_a_caption_printed_inside_it(corpus, sents):
    s = next(s for s in sents if s.text.startswith("此次测评分12个小组"))
    assert s.text.endswith("存在的问题和不足,对各项考核指标进行现场指导。")
    assert len(s.spans) == 2
    source = corpus.sources[s.doc]
    between = source.text[s.spans[0][1]:s.spans[1][0]]
    assert "资料图片由记者牛书培提供" in between


def cleaned(s):
    return clean_line(s, 0, len(s)).text.text


@pytest.mark.parametrize("raw, clean", [
    ("跃 升 ，现 已 蝉 联 三 届 全 国 文 明 城 市 称", "跃升，现已蝉联三届全国文明城市称"),
    ("●2015年 2月 28日，许昌市以全国地级市第四名", "●2015年2月28日，许昌市以全国地级市第四名"),
    ("前，我市实名注册志愿者达 57.5 万人，", "前，我市实名注册志愿者达57.5万人，"),
    ("力量，投资 1000 余万元，完成了 813 个", "力量，投资1000余万元，完成了813个"),
    ("达到 50%”的目标，开展文明村镇提质", "达到50%”的目标，开展文明村镇提质"),
    ("本报讯 （记者 高伟山） 全国第", "本报讯（记者 高伟山）全国第"),
    ("职能部门访谈职能部门访谈", "职能部门访谈"),
    ("专专 家家 点点 评评", "专家点评"),
    ("科技广场科技广场 本报记者本报记者 乔利峰摄乔利峰摄", "科技广场 本报记者 乔利峰摄"),
])
def test_cleaning_rules_on_corpus_snippets(raw, clean):
    assert cleaned(raw) == clean


@pytest.mark.parametrize("text", [
    "谢谢", "常常", "谢谢大家，常常来看看", "研究研究再说", "人人参与建设", "天天 常常",
    "本报记者 许廷合 通讯员 田苗",   # spaces between whole words stay
    "胡五岳讲话 史根治主持 马正兰刘保新等出席",
])
def test_real_repetitions_and_word_gaps_are_kept(text):
    assert cleaned(text) == text


@pytest.mark.parametrize("raw, clean", [
    ("Hello World", "Hello World"),
    ("单位 GDP 能耗", "单位 GDP 能耗"),
    ("Xuchang  Civilized City 许昌", "Xuchang Civilized City 许昌"),
])
def test_latin_words_stay_apart(raw, clean):
    assert cleaned(raw) == clean


def test_broken_lines_are_rejoined_and_paragraphs_kept(corpus):
    chrono = corpus.documents_of("000_798ce30fdb9aa4e5.txt")[0]
    # "…以创建全国文" / blank line / "明城市为龙头…" is one sentence
    assert "后又明确以创建全国文明城市为龙头，打造“永不竣工”的惠民工程\n●2015年2月28日" in chrono.text
    interview = corpus.documents_of("000_798ce30fdb9aa4e5.txt")[1]
    paragraphs = interview.text.split("\n")
    assert paragraphs[0].endswith("张保化的话语中洋溢着自豪。")
    assert paragraphs[1].startswith("去年，市八次党代会提出了争创全国文明典范城市的目标。")
    assert "现已蝉联三届全国文明城市称号。”" in paragraphs[0]
