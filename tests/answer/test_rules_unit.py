"""The answer rules' pure functions, each on its own (no index, no model): what a question asks,
the typed spans a sentence holds, numbers written in Chinese, dates put in order, follow-ups
filled in. The fast tier (`pytest -m unit`) runs these in well under a second."""
import pytest

from qa.answer.events import date_key
from qa.answer.match import match_share, matches
from qa.answer.numbers import cn_to_int, leading_number, ordinal, to_number
from qa.answer.followup import asks_alone, is_elliptical, resolve_followup
from qa.answer.question import analyze, content_text
from qa.answer.spans import find_spans
from qa.models import Span


@pytest.mark.parametrize("question, qtype, qualifier, nth, unit", [
    ("许昌哪年首次获评全国文明城市？", "date", "first", None, None),
    ("许昌第二次获评是哪一年？", "date", "nth", 2, None),
    ("许昌一共获得过几次全国文明城市称号？", "number", "total", None, "次"),
    ("全市有多少名志愿者？", "number", None, None, "名"),
    ("燃气普及率是多少？", "percent", None, None, None),
    ("2015年许昌排第几名？", "rank", None, None, "名"),
    ("市住建局局长是谁？", "person", None, None, None),
    ("许昌哪两所小学被评为文明校园？", "list", None, None, None),
    ("为什么要创建文明城市？", "open", None, None, None),
    ("那个王建国是干什么的？", "title", None, None, None),      # a person's office: answered by a title
    ("李明是什么职务？", "title", None, None, None),
    ("1998年，李明担任什么职务？", "open", None, None, None),          # a biography's dated clause: the reader's
    ("李明在市里担任什么职务？", "title", None, None, None),          # no time named: the office printed with him
    ("李明退休后担任什么职务？", "open", None, None, None),            # a time named (后): a biography's clause
    ("接受采访时，李明担任什么职务？", "title", None, None, None),     # 采访时 is an occasion, no time
    ("县里头哪个要确保创成全国文明城市", "org", None, None, None),      # the kind before 哪个, as 哪个县
    ("哪俩县要争创提名城市？", "list", None, None, None),              # 俩: 两个
    ("哪个市长主持了会议？", "person", None, None, None),              # 哪个市长: a person, not 哪个市
    ("那篇访谈是哪个通讯员写的", "person", None, None, None),
    ("会议是咋开的", "open", None, None, None),                        # 咋: a resident's 怎么
    ("基础设施建设树的是个啥理念", "title", None, None, None),         # 啥理念 as 什么理念
    ("李明担任哪些职务？", "list", None, None, None),
    ("“五定”原则都是定啥？", "list", None, None, None),              # 都是…啥 asks every item, as 哪些
    ("文明细胞创建都包括些啥", "list", None, None, None),
    ("许昌是什么城市？", "open", None, None, None),                 # 是什么 alone asks no list
    ("王建国是谁？", "title", None, None, None),                  # a name alone: who that is, an office
    ("那位李明是哪位？", "title", None, None, None),
    ("王市长是谁？", "person", None, None, None),                 # an office after the surname: the name
    ("张记者是谁？", "person", None, None, None),
    ("谁是王建国？", "person", None, None, None),
    ("许昌评上过几回全国文明城市？", "number", "total", None, "回"),   # 几回: the colloquial 几次
    ("李明当的什么官？", "title", None, None, None),              # as 当什么官
    ("那次会是啥日子开的？", "date", None, None, None),            # 什么日子 / 啥日子 ask for a date
    ("那张图是几号拍的", "date", None, None, None),
    ("许昌最新一次入选是哪天？", "date", "latest", None, None),
    ("省社科院那个专家叫啥名", "person", None, None, None),        # 专家叫啥: a name, as 那人叫啥
    ("这个国家叫什么", "title", None, None, None),                   # 国家 is no person
    ("长葛市创文的目标是啥", "title", None, None, None),            # 目标是啥 as 目标是什么
    ("是以什么为主题开展活动的？", "title", None, None, None),        # 以什么为主题: the theme's name
    # a search-box query asks by its last word
    ("许昌 城镇燃气普及率", "percent", None, None, None),
    ("许昌 2018年 生产总值", "number", None, None, None),
    ("全国文明城市 第一次 时间", "date", "first", None, None),
    ("动员会议 禹州市 创建目标", "title", None, None, None),
    ("数字城管指挥中心主任", "person", None, None, None),
    ("介绍一下许昌的文明城市创建", "open", None, None, None),       # no head it names: open, as before
])
def test_a_question_says_what_it_asks(question, qtype, qualifier, nth, unit):
    q = analyze(question)
    assert (q.type, q.qualifier, q.nth, q.unit) == (qtype, qualifier, nth, unit)


def test_a_goal_asked_is_the_aim_with_its_verb():
    """禹州市要达到什么目标 answered 全国文明城市, a title the city already holds; the goal set is 确保创成 it. A title
    asked otherwise, or an award won (荣膺), is the title alone."""
    from qa.answer.names import titles

    text = "在县级层面，禹州市确保创成全国文明城市，长葛市确保创成全国文明城市提名城市。"
    assert [s.text for s in titles(text, analyze("禹州市要达到什么目标？"), [])] == \
        ["确保创成全国文明城市", "确保创成全国文明城市提名城市"]
    assert [s.text for s in titles(text, analyze("禹州市要创成什么称号？"), [])] == ["全国文明城市", "全国文明城市提名城市"]
    won = "许昌荣膺第四届全国文明城市称号"
    assert [s.text for s in titles(won, analyze("许昌当时的目标是什么？"), [])] == ["第四届全国文明城市"]
    assert all(text[s.start:s.end] == s.text for s in titles(text, analyze("禹州市要达到什么目标？"), []))


def test_a_colloquial_count_of_items_is_read():
    assert analyze("哪俩县要争创提名城市？").count == 2 and analyze("哪仨单位发了言？").count == 3
    assert analyze("哪两所小学被评为文明校园？").count == 2
    assert analyze("“三结合”说的是哪三方面结合啊").count == 3 and "三" not in content_text("说的是哪三方面结合")
    assert "两" not in content_text("宣传的是哪两句话啊") and "句" not in content_text("宣传的是哪两句话啊")
    assert "号" not in content_text("那张图是几号拍的")
    # the kind asked (哪两项称号, 哪些荣誉) is no term: the sentence giving the titles never says 称号
    assert "称号" not in content_text("许昌成为全省首个获得哪两项称号的城市？")
    assert "荣誉" not in content_text("许昌获得过哪些荣誉") and "称号" in content_text("称号是哪年授予的")


@pytest.mark.parametrize("question, frame", [
    ("关于那次会议的报道出自哪位记者？", ("报道", "出自", "关于")),
    ("那篇文章是哪个记者写的？", ("文章", "写")),
    ("广场那张照片是谁拍的？", ("拍",)),
    ("这篇评论的作者是谁？", ("作者",)),
    ("市住建局局长是谁？", ()),                      # a person asked, not who wrote a story
    ("关于文明城市的报道有哪些？", ()),               # a story asked for, not its author
    ("许昌最近一次获评是什么日子？", ("日子",)),        # how a date is asked, not a word beside it
    ("看荷花那张图是几号拍的", ("张图", "图", "拍")),     # a caption never says 图 or 拍 of its picture
])
def test_who_wrote_a_story_is_asked_in_words_never_printed_beside_the_byline(question, frame):
    assert sorted(analyze(question).frame_words) == sorted(frame)


def test_a_count_question_finds_every_count_with_its_value_and_offsets():
    text = "全市共有注册志愿者57.5万人，志愿服务站413个。"
    spans = find_spans(text, analyze("全市有多少名志愿者？"))
    assert [(s.text, s.kind, s.value) for s in spans] == [("57.5万人", "number", 575000), ("413个", "number", 413)]
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_a_year_question_finds_the_years_not_the_days():
    text = "2015年2月28日，许昌荣膺第四届全国文明城市称号，2017年11月蝉联。"
    spans = find_spans(text, analyze("许昌哪年首次获评全国文明城市？"))
    assert [(s.text, s.value) for s in spans] == [("2015年", 2015), ("2017年", 2017)]
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_numbers_written_in_chinese_and_with_units_are_read():
    assert (cn_to_int("二十三"), cn_to_int("一百零五")) == (23, 105)
    assert (to_number("57.5万"), to_number("1.2亿")) == (575000, 120000000)
    assert (ordinal("第七名"), ordinal("第三次"), leading_number("264条")) == (7, 3, 264)


def test_dates_order_by_year_then_month_then_day_whatever_their_precision():
    assert date_key(2015) == (2015,) and date_key("2015-02") == (2015, 2)
    assert sorted([date_key("2017-11-14"), date_key(2020), date_key("2015-02-28")]) == [(2015, 2, 28), (2017, 11, 14), (2020,)]


def test_a_short_follow_up_is_read_with_the_previous_question():
    assert is_elliptical("那第二次呢？") and not is_elliptical("许昌有多少志愿者？")
    assert resolve_followup("那第二次呢？", "许昌第一次获评全国文明城市是哪一年？") == "许昌第二次获评全国文明城市是哪一年？"
    # a year, a ranking's scope, a county or a noun with the same head takes the place of its like
    assert resolve_followup("那2022年呢？", "截至2021年底，全市实施了多少个项目？") == "截至2022年底，全市实施了多少个项目？"
    assert resolve_followup("那在河南排第几？", "许昌在全国文明城市复查中位列全国第几？") == \
        "许昌在全国文明城市复查中位列河南第几？"
    assert resolve_followup("那禹州市呢？", "长葛市要达成什么目标？") == "禹州市要达成什么目标？"
    assert resolve_followup("重点小区呢？", "一共整治了多少个老旧小区的线缆？") == "一共整治了多少个重点小区的线缆？"
    # a thing of a named one is asked for itself (那长葛市的目标呢), not put in the place of 哪个
    assert resolve_followup("那长葛市的目标呢", "县里哪个要确保创成全国文明城市").endswith("长葛市的目标是什么？")
    assert "是什么" not in resolve_followup("那以前靠人工的时候呢", "数字城管一个问题从发现到结案得多长时间？")   # a clause
    # 哪个市 and 县级市 are no places a county may take the place of
    assert "哪个长葛市" not in resolve_followup("那长葛市的目标是什么？", "在县级层面，哪个县级市要确保创成全国文明城市？")
    assert resolve_followup("那长葛呢？", "县一级里头，哪个市要确保创成全国文明城市？").startswith("长葛")
    # a scope with its own noun takes the place of the whole scope (全国地级市), not of 全国 alone
    assert resolve_followup("那在全省参评的城市里头排老几", "许昌首次获评时，在全国地级市中排名第几？") == \
        "许昌首次获评时，在全省参评的城市中排名第几？"
    assert resolve_followup("那郑州呢？", "许昌的燃气普及率是多少？").startswith("郑州")     # no like: added in front
    # a turn that asks a question of its own may stand alone; a bare fragment never does
    assert asks_alone("那个王建国是做什么工作的？") and not asks_alone("那2019年呢？")
    from qa.answer.question import scopes_named   # one reading of a ranking's scope for follow-ups, fit and checks
    assert scopes_named("在前五届全国文明城市里位列河南第几") == {"省"} and scopes_named("全国排第几") == {"国"}
    # a pointer's 那 stays with its noun: 那个项目, not 个项目 (the 那 of 那第二次 opens the turn)
    assert "那个项目" in resolve_followup("那个项目是什么时候开工的？", "许昌有哪些重大项目？")


def test_a_term_matches_whole_and_a_slip_of_segmentation_in_part():
    assert matches("文明城市", "全国文明城市称号")
    assert 0 < match_share("前延中", "延中小区") < 1 and match_share("杭萧", "延中小区") == 0


def test_an_office_is_the_run_before_the_name_asked_about_or_after_the_verb_that_confers_it():
    text = "会上，县委常委、宣传部长王建国表示，要持续推进。县长赵立新主持。"
    spans = find_spans(text, analyze("王建国是干什么的？"))
    assert [(s.text, s.kind, s.normalised) for s in spans] == [("县委常委、宣传部长", "title", None)]  # not 县长 of 赵立新
    assert all(text[s.start:s.end] == s.text for s in spans)
    text = "1998年3月，任某某省某市副市长；2003年，当选为某市人大常委会主任一职。"
    spans = find_spans(text, analyze("李明是什么职务？"))
    assert [s.text for s in spans] == ["某某省某市副市长", "某市人大常委会主任"]
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert find_spans("主任王建国说", analyze("王建国获得了什么称号？")) == []   # only an office question gets offices
    assert analyze("王建国是干什么的？").office and not analyze("王建国获得了什么称号？").office
    assert analyze("王建国是谁？").office and not analyze("王市长是谁？").office
    # the words that ask for an office are never printed beside it: not terms (qa.answer.understand)
    assert analyze("李明担任什么职务？").frame_words == ("担任什么职务",)
    assert analyze("李明当的什么官？").frame_words == ("当的什么官",)
    assert analyze("李明是干什么的？").frame_words == ("是干什么的",)
    assert analyze("接受本报记者采访时，李明担任什么职务？").frame_words == ("担任什么职务", "接受本报记者采访")   # the occasion
    assert analyze("李明是什么身份？").frame_words == ("是什么身份",) and analyze("1998年，李明担任什么职务？").frame_words == ()
    assert find_spans("主任王建国说", analyze("王建国是谁？"))[0].text == "主任"


def test_a_two_item_list_ends_where_its_items_share_an_ending_and_starts_after_particle_and_verb():
    from qa.index.tokens import Tokenizer

    text = "全县绿地率达38%,被授予省级文明城市、全国卫生城市称号,是首批示范县。"
    q = analyze("该县在卫生方面被授予了哪些称号？")
    spans = find_spans(text, q, Tokenizer().tagged(text))
    assert [s.text for s in spans] == ["省级文明城市、全国卫生城市"]
    assert all(text[s.start:s.end] == s.text for s in spans)


@pytest.mark.parametrize("text, question, listed", [
    ("扎实推进家庭、学校、社会“三结合”教育工作。", "“三结合”教育是哪三方结合？", "家庭、学校、社会"),
    ("坚持定任务、定时限、定标准、定措施、定责任“五定”原则,严格督导。", "“五定”原则是哪五定？",
     "定任务、定时限、定标准、定措施、定责任"),
    ("打造了“智慧城管”、“数字城管”和“网格城管”三个平台。", "打造了哪些平台？", "“智慧城管”、“数字城管”"),   # quoted items whole
])
def test_a_list_ends_before_an_opening_quotation_mark_that_follows_it(text, question, listed):
    # 家庭、学校、社会“ was answered: the last item ran into the mark that opens what follows the list
    from qa.index.tokens import Tokenizer

    spans = find_spans(text, analyze(question), Tokenizer().tagged(text))
    assert listed in [s.text for s in spans], [s.text for s in spans]


@pytest.mark.parametrize("text, given, balanced", [
    ("打造“15分钟便民服务圈”，方便群众。", "“15分钟", "“15分钟便民服务圈”"),   # runs to the closing half
    ("把“郑许一体化”作为龙头工程。", "“郑许一体化", "“郑许一体化”"),
    ("他说“我们要继续努力，不能松懈”。", "“我们要继续努力", "我们要继续努力"),   # no closing half in its clause
    ("古称“净海”，位于天山。", "净海”，", "净海"),                               # a closing half without its opening
    ("“一轴”为南北贯穿整个旅游区，", "一轴”为南北贯穿", "“一轴”为南北贯穿"),     # from the opening half before it
    ("“建党委，建小组”的新型模式。", "建小组”的新型模式", "建小组"),     # its opening half is out of the clause
    ("《千年女王》的故事讲述了……", "《千年女王》", "《千年女王》"),               # whole: unchanged
    ("城市由十个城堡组成。", "十个城堡", "十个城堡"),
])
def test_a_reader_span_holds_both_halves_of_a_quotation_or_neither(text, given, balanced):
    from qa.answer.options import _balanced

    a = text.index(given)
    a2, b2 = _balanced(text, a, a + len(given))
    assert text[a2:b2] == balanced


def test_a_rank_keeps_its_measure_word_but_not_a_part():
    q = analyze("这是他的第几张专辑？")
    text = "这是他的第20张原创专辑，其中第一部分是现场录音。"
    assert [(s.text, s.start, s.end, s.value) for s in find_spans(text, q)] == [("第20张", 4, 8, 20), ("第一", 15, 17, 1)]


def test_a_name_is_not_cut_after_one_character_the_question_shares():
    # 市 of 市创文办 in the question starts 市委宣传部 in the sentence: the name stays whole, while a
    # word of two characters the question says (文明办) is still cut off the name after it
    from qa.answer.match import Terms
    from qa.answer.echo import trim_echo
    from qa.answer.spans import Span

    text = "市委宣传部副部长、市文明办的国家统计局许昌调查队"
    terms = Terms(("市", "创文办", "文明办", "部门"), (0.2, 0.3, 0.3, 0.2))
    whole = Span(0, 5, "市委宣传部", "org")
    assert trim_echo(whole, terms, text) == whole
    trimmed = trim_echo(Span(9, 24, text[9:24], "org"), terms, text)
    assert trimmed is not None and trimmed.text == "国家统计局许昌调查队" and text[trimmed.start:trimmed.end] == trimmed.text


def test_only_the_question_words_that_lead_a_name_are_cut_off_it():
    # 许昌市文明办委托哪家单位…: 许昌市 matches 许昌 inside the name; cutting after every question word in the
    # span, by the term's length, left 查队 (a helper's unseen question, answered 国家统计局 at 0.96)
    from qa.answer.match import Terms
    from qa.answer.echo import trim_echo
    from qa.answer.spans import Span

    text = "前不久,许昌市文明办委托国家统计局许昌调查队开展创建全国文明城市模拟暗访测评。"
    terms = Terms(("许昌市", "文明办", "委托", "开展", "模拟", "暗访", "测评"), (0.1, 0.2, 0.2, 0.1, 0.2, 0.1, 0.1))
    a, b = text.index("许昌市"), text.index("开展")
    trimmed = trim_echo(Span(a, b, text[a:b], "org"), terms, text)
    assert trimmed is not None and trimmed.text == "国家统计局许昌调查队" and text[trimmed.start:trimmed.end] == trimmed.text
    # a name the question words do not lead is left whole
    c = text.index("国家")
    assert trim_echo(Span(c, b, text[c:b], "org"), terms, text).text == "国家统计局许昌调查队"


def test_a_range_with_the_measure_word_at_both_ends_is_an_amount_too():
    q = analyze("集贸市场周边多少米范围内的背街小巷要改造？")
    text = "加大对集贸市场周边500米—1000米背街小巷的改造，两处高差276米-285米和300米至522米。"
    got = {(s.text, s.start, s.end) for s in find_spans(text, q)}
    assert {("500米—1000米", 9, 19), ("500米", 9, 13), ("1000米", 14, 19)} <= got
    assert {("276米-285米", 31, 40), ("300米至522米", 41, 50)} <= got
    assert not any(s.text == "285米和300米" for s in find_spans(text, q))   # 和 joins two amounts, not a range


def test_residents_first_person_is_no_search_term():
    """咱 / 俺 (咱们 / 俺们) are residents' 我 / 我们: they weighed as much as 称号 in a new user's question."""
    from qa.index.tokens import Tokenizer

    tok = Tokenizer()
    for q, topic in (("咱许昌是全省头一个拿到哪些国家级称号的城市", "称号"), ("俺们延中小区一共有几栋楼", "小区"),
                     ("咱们市的志愿者有多少人", "志愿者")):
        terms = tok.terms(q)
        assert topic in "".join(terms) and not {"咱", "咱们", "俺", "俺们"} & set(terms), terms


def test_a_spoken_pointer_to_a_time_is_no_search_term():
    """那会儿 / 那阵子 / 这几年 point at a time already named; the articles never print them (那会儿 weighed
    0.72 of 那会儿许昌拿了第几名), so they must not stand for the topic."""
    from qa.index.tokens import Tokenizer

    tok = Tokenizer()
    for q, topic in (("那会儿许昌拿了第几名", "许昌"), ("老城区改造那阵子新修了多少条路", "老城区"),
                     ("这几年许昌新建了多少个公园", "公园"), ("那时候许昌排全国第几", "全国"),
                     ("许昌这回又拿了个啥荣誉", "荣誉"), ("俺们这儿的免费停车位是咋来的", "停车位")):
        terms = tok.terms(q)
        assert topic in terms and not {"那会儿", "那阵子", "这几年", "那时候", "那时", "时候", "这回", "这儿"} & set(terms), terms


def test_a_word_glued_to_a_particle_or_a_residents_pronoun_keeps_the_word():
    """jieba glues an unknown run: 建了 (城市书房建了几个), 咱新修 (那阵子咱新修了多少条路). A word the
    corpus lacks loses the glued 了 / 咱 / 俺们; a word the corpus holds is never cut."""
    from qa.answer.match import content_part

    df = {"书房": 3, "新修": 2, "路": 9, "了解": 4, "咱们村": 1, "老旧": 5}
    words = ["书房", "建了", "咱新修", "俺们路口", "了解", "咱们村", "这老旧", "俺们这老旧"]
    assert [content_part(w, df) for w in words] == ["书房", "建", "新修", "路口", "了解", "咱们村", "老旧", "老旧"]
    assert content_part("咱们市", df) == "咱们市"   # one character left is no word


@pytest.mark.parametrize("question, words", [("许昌最近一次获评是哪天？", ("最近一次",)),
                                             ("上一次蝉联是哪年？", ("上一次",))])
def test_a_latest_qualifier_is_read_whole(question, words):
    """最近一次 is one qualifier: read as 最近 alone, 一次 was left as the question's heaviest term."""
    assert analyze(question).qualifier_words == words


def test_a_residents_first_of_its_kind_matches_the_printed_one():
    """头一个 / 头一家 are 首个 / 第一个 in residents' words: split, 头 and 一个 weighed as two terms
    that match nothing."""
    from qa.index.tokens import Tokenizer

    for q, word in (("俺们市是不是全国头一家拿到这个牌子的", "头一家"), ("全省头一个评上的城市是哪个", "头一个")):
        terms = Tokenizer().terms(q)
        assert word in terms and "头" not in terms, terms
    assert matches("头一家", "成为全省首个国家水生态文明城市")
    # 那回 / 这回 (that time) is one word, a stop word: cut 那|回, its 回 weighed 0.27 of 2020年那回三连冠…
    terms = Tokenizer().terms("2020年那回三连冠 许昌在全国排老几")
    assert "回" not in terms and "三连冠" in terms, terms


def test_a_residents_city_matches_the_printed_one():
    """市里 is the city the articles call 我市 / 全市 (as 省里 is 全省): a word no article prints, it had
    weighed most among 市里全面推进的五大创建活动都有哪些啊？'s terms and kept its answer below the threshold."""
    from qa.index.tokens import Tokenizer

    assert "市里" in Tokenizer().terms("市里全面推进的五大创建活动都有哪些啊？")
    assert matches("市里", "我市全面推进文明城市、文明村镇、文明单位、文明家庭、文明校园五大创建活动")
    assert not matches("市里", "鄢陵县积极争创全国文明城市提名城市")


@pytest.mark.parametrize("question, qtype", [("咱许昌市长是哪个", "person"), ("许昌市委书记是哪个？", "person"),
                                             ("市长是哪一位", "person"), ("书记是哪个单位的", "org")])
def test_an_office_asked_with_which_one_asks_for_the_person(question, qtype):
    """咱许昌市长是哪个 was read as an open question and answered with a whole sentence (a fresh-eyes run);
    an office then 是哪个 at the end asks who holds it, while 是哪个单位 still asks for a unit."""
    assert analyze(question).type == qtype


def test_a_research_body_named_a_and_b_is_one_name():
    # 城市与生态文明研究所: 与 ends a name run elsewhere (许昌市与郑州市), but research bodies are named so
    from qa.answer.names import orgs
    from qa.answer.question import analyze
    from qa.index.tokens import Tokenizer

    text = "省社会科学院城市与生态文明研究所所长王建国开宗明义。许昌市与郑州市文明办联合发文。"
    got = {s.text for s in orgs(text, analyze("王建国是哪个单位的？"), Tokenizer().tagged(text))}
    assert "省社会科学院城市与生态文明研究所" in got
    assert not any("与郑州" in g for g in got), got


@pytest.mark.parametrize("question, name, clash", [
    ("创文办主任是谁？", "刘少林", True),          # printed as 常务副主任 only: the deputy
    ("创文办常务副主任是谁？", "刘少林", False),
    ("市委宣传部副部长是谁？", "刘少林", False),
    ("市委宣传部部长是谁？", "刘少林", True),      # 副部长 only
    ("创文办主任是谁？", "少林", True),            # a span inside the name is judged by the name
    ("市委宣传部部长是谁？", "张保化", True),      # printed with another office of the unit
    ("市委宣传部一级调研员是谁？", "张保化", False),
    ("市长是谁？", "史根治", False),               # 副书记、市长: the second office is his own
    ("市委书记是谁？", "史根治", True),
    ("市委书记是谁？", "李明", False),             # no office printed before the name: nothing to tell
    ("分管创建的副市长是谁？", "刘少林", True),    # a deputy asked: his chain prints no 副市长
    ("分管创建的副市长是谁？", "史根治", True),    # 副书记、市长: no deputy mayor either
    ("市委副书记是谁？", "史根治", False),
    ("市创文办副主任是谁？", "刘少林", False),     # 常务副主任 is a 副主任
])
def test_a_person_printed_with_other_offices_than_the_one_asked_clashes(question, name, clash):
    from qa.answer.office_clash import office_clash
    from qa.answer.spans import Span

    text = ("市委宣传部副部长、市创文办常务副主任刘少林表示，市委宣传部一级调研员张保化说，"
            "市委副书记、市长史根治出席。李明说，")
    at = text.index(name)
    assert office_clash(analyze(question), text, Span(at, at + len(name), name, "person")) is clash


@pytest.mark.parametrize("question, sentence, name, clash", [
    ("市文明办主任是谁？", "张保化表示，市文明办将锚定目标。", "张保化", True),    # the article prints him as 一级调研员 only
    ("市文明办主任是谁？", "张保化表示，市文明办将锚定目标。", "保化", True),      # a span inside the name: judged by the name
    ("市委宣传部一级调研员是谁？", "张保化表示，市文明办将锚定目标。", "张保化", False),
    ("市文明办主任是谁？", "李明表示，市文明办将锚定目标。", "李明", False),        # printed with no office: nothing to tell
    ("市文明办主任是谁？", "市文明办主任张保化表示，将锚定目标。", "张保化", False),  # office_clash judges it
    ("创文办常务副主任是谁？", "刘少林表示，要持续发力。", "刘少林", False),      # one of his offices is the one asked
    ("创文办主任是谁？", "刘少林表示，要持续发力。", "刘少林", True),             # his 常务副主任 is the deputy
    ("张保化说了什么？", "张保化表示，市文明办将锚定目标。", "张保化", False),      # no office asked
    ("市委宣传部部长是谁？", "刘少林说，要持续发力。", "刘少林", False),         # 刘少林兼任市委宣传部部长: after the name
])
def test_a_person_printed_in_its_article_with_other_offices_only_clashes(question, sentence, name, clash):
    from qa.answer.office_clash import article_clash
    from qa.answer.spans import Span

    article = ("争创典范\n——访市委宣传部一级调研员张保化\n本报记者 许廷合\n市委宣传部副部长、市创文办常务副主任刘少林说，"
               + sentence + "李明说，刘少林兼任市委宣传部部长。")
    at = sentence.index(name)
    assert article_clash(analyze(question), article, sentence, Span(at, at + len(name), name, "person")) is clash


def test_a_place_glued_to_a_leading_verb_stays_with_the_office():
    # jieba reads ——访市住建局… as 访市|住|建局: dropping the leading verb dropped 市住 with it (建局党组书记、局长)
    from qa.answer.names import offices
    from qa.index.tokens import Tokenizer

    text = "——访市住建局党组书记、局长郑永辉"
    got = [s.text for s in offices(text, analyze("郑永辉是什么职务？"), Tokenizer().tagged(text))]
    assert got == ["市住建局党组书记、局长"], got


def test_a_research_body_keeps_its_joining_word_and_any_time_is_no_office():
    from qa.answer.names import offices
    from qa.answer.office_clash import an_office
    from qa.index.tokens import Tokenizer

    text = "谈及此事时，省社会科学院城市与生态文明研究所所长王建国开宗明义。"
    got = [s.text for s in offices(text, analyze("王建国是干什么的？"), Tokenizer().tagged(text))]
    assert got == ["省社会科学院城市与生态文明研究所所长"], got   # not 生态文明研究所所长: 与 joins the body's name
    text = "刘少林表示，任何时候都做到不越红线。1998年3月，任某市副市长。"
    got = [s.text for s in offices(text, analyze("刘少林是干什么的？"), Tokenizer().tagged(text))]
    assert got == ["某市副市长"], got                                # 任何 (any) confers nothing
    spans = {s.text: s for s in find_spans("主任王建国说", analyze("王建国是干什么的？"))}
    assert an_office(spans["主任"], "主任") and an_office(None, "") is False
    assert an_office(Span(0, 6, "在创建工作中", "title", None), "在创建工作中") is False
    assert an_office(Span(0, 7, "某研究所所长，", "title", None), "某研究所所长，")


@pytest.mark.parametrize("question, year, clash", [
    ("许昌是哪年拿到国家森林城市称号的？", "2006年", True),    # 提出开展创建…: the work began, nothing won
    ("许昌是哪年成了国家森林城市的", "2006年", True),            # 成了: a resident's 成为
    ("许昌哪年提出创建国家森林城市？", "2006年", False),        # the start is what is asked
    ("许昌是哪一年评上全国文明城市的？", "2015年", False),      # 荣膺: won
    ("许昌是哪一年评上全国文明城市的？", "2017年", False),      # no verb of a start after it
    ("许昌全市有多少个文明单位？", "2006年", False),            # not a date question
])
def test_a_date_of_work_begun_clashes_with_an_honour_won(question, year, clash):
    from qa.answer.event_stage import stage_clash
    from qa.answer.spans import Span

    text = ("2006年，许昌提出开展创建全国文明城市、国家森林城市工作。2015年2月28日，许昌荣膺第四届全国文明城市称号。"
            "2017年，许昌又一次迎来复查。")
    at = text.index(year)
    assert stage_clash(analyze(question), text, Span(at, at + len(year), year, "date")) is clash


@pytest.mark.parametrize("question, sentence, other", [
    ("许昌是哪年拿到国家森林城市称号的？", "2015年2月28日，许昌荣膺第四届全国文明城市称号。", True),
    ("许昌第二次获得全国文明城市称号是什么时候？", "2015年2月28日，许昌荣膺第四届全国文明城市称号。", False),
    ("许昌哪年评上国家卫生城市？", "2015年，许昌获评国家卫生城。", False),   # printed without its 市
    ("许昌哪年首次获评？", "2015年，许昌获评国家卫生城。", False),          # no honour asked: nothing to tell
    ("临河市头一回评上省级文明城市是哪一年？", "2016年首次获评之后，第二次获得这一荣誉。", False),  # none printed
])
def test_a_date_of_another_honour_is_told_apart(question, sentence, other):
    from qa.answer.event_stage import other_honour
    from qa.answer.spans import Span

    assert other_honour(analyze(question), sentence, Span(0, 5, "2015年", "date")) is other


@pytest.mark.parametrize("question, span_text, judged", [
    ("毓秀路小学是哪一年评上全国文明校园的？", "第一届", True),    # counts a series, dates nothing
    ("毓秀路小学是哪一年评上全国文明校园的？", "2016年", False),
    ("乡里组织什么时候开始瓦解的？", "爆炸事故前后", False),       # a time told by an event
    ("符泳什么时候成为冠军？", "十八岁时", False),
    ("许昌全市有多少个文明单位？", "第一届", False),               # not a date question
    ("郑许市域铁路通车的具体日期是哪一天？", "年底", True),          # a day asked: 年底 names none
    ("郑许市域铁路通车的具体日期是哪一天？", "2023年", True),
    ("郑许市域铁路是哪天通车的？", "12月28日", False),
    ("郑许市域铁路是哪天通车的？", "当天", False),
    ("郑许市域铁路是哪年通车的？", "年底", False),                 # a year asked: 年底 is a time
])
def test_a_span_without_a_mark_of_time_is_no_date(question, span_text, judged):
    from qa.answer.spans import Span
    from qa.answer.typed_span import not_a_date

    text = f"据悉，{span_text}。"
    at = text.index(span_text)
    assert not_a_date(analyze(question), text, Span(at, at + len(span_text), span_text, "date")) is judged


@pytest.mark.parametrize("question, span_text, judged", [
    ("许禹供热长输管线一共投了多少钱？", "建设重大民生工程", True),
    ("许禹供热长输管线一共投了多少钱？", "12亿元", False),
    ("群众对创建工作的知晓率是多少？", "、参与率和满意度", True),
    ("群众对创建工作的知晓率是多少？", "九成以上", False),           # a numeral in words
    ("城里有多少人口？", "数百万", False),
    ("综合测评得了多少分？", "第四", True),                           # an ordinal places, it counts nothing
    ("综合测评得了多少分？", "列第四", True),
    ("综合测评得了多少分？", "第四届共92.5分", False),
    ("许昌的创建理念是什么？", "创建为民", False),                   # not a count asked
    ("指挥中心一共装了多少个监控探头？", "一张张蓝色的大屏运转", True),   # 一张张: every one, no count
    ("指挥中心一共装了多少个监控探头？", "一张张大屏和3000个探头", False),
])
def test_a_span_without_a_numeral_is_no_count(question, span_text, judged):
    from qa.answer.spans import Span
    from qa.answer.typed_span import not_a_count

    text = f"据悉，{span_text}。"
    at = text.index(span_text)
    assert not_a_count(analyze(question), text, Span(at, at + len(span_text), span_text, "number")) is judged


@pytest.mark.parametrize("question, sentence, span_text, judged", [
    ("河湖水系总共有多长，多少公里啊？", "河湖水系水面面积6500亩,绿化苗木45万株。", "6500亩", True),   # an area for a length
    ("河湖水系总共有多长？", "河湖水系水面面积6500亩,绿化苗木45万株。", "6500", True),          # 亩 printed after it
    ("河湖水系总共有多长？", "新建改建供热管网92公里。", "92公里", False),
    ("水面面积有多大？", "河湖水系水面面积6500亩。", "6500亩", False),
    ("天坑有多大？", "天坑长276米-285米。", "276米-285米", False),                       # 多大 alone: any size
    ("一共投了多少钱？", "年产构件40万吨。", "40万吨", True),                               # money asked, a weight
    ("绿化苗木有多少？", "绿化苗木45万株。", "45万株", False),                               # nothing measured asked
])
def test_an_amount_of_another_dimension_is_no_answer(question, sentence, span_text, judged):
    from qa.answer.spans import Span
    from qa.answer.typed_span import not_a_measure

    at = sentence.index(span_text)
    assert not_a_measure(analyze(question), sentence, Span(at, at + len(span_text), span_text, "number")) is judged


@pytest.mark.parametrize("question, sentence, span_text, judged", [
    ("2017年许昌在全国地级市中排名第几？", "许昌市以届满复查全省第一的优异成绩蝉联。", "第一", True),    # 全省 right before it
    ("2017年许昌在全国地级市中排名第几？", "许昌市以届满复查全省第一的优异成绩蝉联。", "全省第一", True),
    ("2017年许昌在全省排名第几？", "许昌市以届满复查全省第一的优异成绩蝉联。", "第一", False),
    ("许昌在全国排第几？", "以全国第七、河南第一的好成绩蝉联。", "第七、河南第一", True),            # two places
    ("许昌在全国排第几？", "以全国第七、河南第一的好成绩蝉联。", "第七", False),
    ("许昌首次获评时名列第几？", "荣膺第四届全国文明城市称号。", "第四届", True),                  # counts sessions
    ("许昌2015年评上的是第几届全国文明城市？", "荣膺第四届全国文明城市称号。", "第四届", False),     # a session asked
])
def test_a_rank_offered_is_one_place_of_the_ranking_asked(question, sentence, span_text, judged):
    from qa.answer.spans import Span
    from qa.answer.typed_span import not_a_place

    at = sentence.index(span_text)
    assert not_a_place(analyze(question), sentence, Span(at, at + len(span_text), span_text, "rank")) is judged


def test_a_typed_value_never_runs_across_a_sentence_end():
    from qa.answer.spans import Span
    from qa.answer.typed_span import across_sentences

    text = "2006年，许昌提出开展创建工作。\n2015年2月28日，许昌荣膺称号。"
    q = analyze("许昌是哪年拿到国家森林城市称号的？")
    assert across_sentences(q, text, Span(0, 22, text[:22], "date"))
    assert not across_sentences(q, text, Span(0, 5, "2006年", "date"))
    assert not across_sentences(q, text, Span(0, 16, text[:16], "date"))            # ends at its own 。
    assert not across_sentences(analyze("许昌怎样创建文明城市？"), text, Span(0, 22, text[:22], "open"))


@pytest.mark.parametrize("question, sentence, clash", [
    ("第二届全国文明校园许昌有哪些学校入选？", "甲小学和乙小学被评为第一届全国文明校园。", True),    # another session
    ("第一届全国文明校园许昌有哪些学校入选？", "甲小学和乙小学被评为第一届全国文明校园。", False),
    ("第二届全国文明校园许昌有哪些学校入选？", "甲小学被评为第一届全国文明校园，乙小学入选第二届全国文明校园。", False),
    ("第二届比赛什么时候举行的？", "甲小学和乙小学被评为第一届全国文明校园。", False),      # another series: not judged
    # the session asked is the last one named: the first is what the asker knows
    ("第一届是甲小学它们，那第二届全国文明校园许昌又有哪所学校入选？", "甲小学和乙小学被评为第一届全国文明校园。", True),
    ("听说评上了第二届全国文明校园，咱许昌第二届评上的都有哪几个学校", "甲小学和乙小学被评为第一届全国文明校园。", True),
])
def test_a_sentence_of_another_session_than_asked_clashes(question, sentence, clash):
    from qa.answer.order_words import session_clash
    from qa.answer.spans import Span

    assert session_clash(analyze(question), sentence, Span(0, 3, sentence[:3], "list")) is clash


def test_an_honour_that_ends_like_a_city_is_no_org():
    """襄城县积极争创全国文明城市 had been offered as an org (哪个市) and answered 那长葛呢？ at 0.87."""
    from qa.answer.names import _runs_ending
    from qa.index.tokens import Tokenizer

    text = "禹州市确保创成全国文明城市，鄢陵县、襄城县积极争创全国文明城市提名城市。"
    found = [s.text for s in _runs_ending(text, tuple(Tokenizer().tagged(text)), ("市",), "org")]
    assert "禹州市" in found and not any("文明城市" in f for f in found)


def test_the_sentence_that_asks_is_read_apart_from_the_story_told_before_it():
    from qa.answer.question import asking_part

    story, asking = asking_part("前一阵报纸采访了我们院的老孙，就是孙清旺，夸小区变化大。我跟他不太熟，他今年多大岁数了？")
    assert asking == "他今年多大岁数了？" and story.startswith("前一阵") and story.endswith("我跟他不太熟，")
    assert asking_part("核对人物职务：刘少林的职务是什么？") == ("核对人物职务：", "刘少林的职务是什么？")
    # one sentence is all question, its first clause included (2014年以来，… is what is asked about)
    assert asking_part("2014年以来，参与文明家庭建设的家庭占比是多少？") == ("", "2014年以来，参与文明家庭建设的家庭占比是多少？")
    assert analyze("我以前在城建上干过几年，现在老听人说海绵城市啥的。咱许昌是哪年开始创建的？").type == "date"
    # in one sentence, 想问问 / 请问 is where the story turns to the question; at the start it tells nothing
    assert asking_part("我孩子在毓秀路小学上学，听老师说学校得过荣誉，想问问是啥荣誉？")[1] == "是啥荣誉？"
    assert asking_part("请问许昌哪年获评？") == ("", "请问许昌哪年获评？")
    # a remark after the question is told as the story is: 七十 is the asker's guess, not what is asked
    assert asking_part("那老爷子多大岁数了？俺估摸着得七十往上了吧？") == ("俺估摸着得七十往上了吧？", "那老爷子多大岁数了？")


def test_an_officials_request_is_read_as_the_question_it_makes():
    from qa.answer.question import content_text

    q = analyze("请提供刘少林同志在报道中的职务全称。")
    assert q.type == "title" and q.office
    assert "请" not in content_text(q.text) and "提供" not in content_text(q.text)
    assert analyze("市里为深化创建制定过一份文件，请提供该文件的全称。").type == "title"
    assert analyze("请提供许禹供热长输管线的建设总长度（公里）。").type == "number"
    assert analyze("报道里他的职务到底是什么？").office


def test_a_month_asked_is_not_answered_by_a_year():
    from qa.answer.typed_span import not_a_date

    q = analyze("咱许昌是啥时候开始创建海绵城市的，哪年哪月？")
    text = "2016年5月，我市开始创建海绵城市。"
    assert not_a_date(q, text, Span(0, 5, "2016年", "date")) and not not_a_date(q, text, Span(0, 7, "2016年5月", "date"))
    assert not not_a_date(analyze("许昌是哪年开始创建海绵城市的？"), text, Span(0, 5, "2016年", "date"))



@pytest.mark.parametrize("question, sentence, span_text, judged", [
    # the scope a rank is counted in stands before it in its clause (以全国地级市第四名、全省参评城市第一名)
    ("在咱河南参评的城市里排第几？", "许昌市以全国地级市第四名、全省参评城市第一名的成绩荣膺称号", "第四名", True),
    ("在咱河南参评的城市里排第几？", "许昌市以全国地级市第四名、全省参评城市第一名的成绩荣膺称号", "第一名", False),
    ("在全国新参评的地级市里排第几？", "综合测评成绩在全国新参评地级市中位列第四", "第四", False),
    ("许昌排第几？", "许昌市以全国地级市第四名、全省参评城市第一名的成绩荣膺称号", "第四名", False),   # no scope asked
])
def test_a_rank_counted_in_another_scope_than_asked_fits_less(question, sentence, span_text, judged):
    from qa.answer.match import question_terms
    from qa.answer.spans import Span
    from qa.answer.span_fit import fit
    from qa.answer.weights import OTHER_RANK_SCOPE

    at = sentence.index(span_text)
    got = fit(analyze(question), Span(at, at + len(span_text), span_text, "rank"), question_terms([], {}, 1), sentence)
    assert (got <= OTHER_RANK_SCOPE) is judged


@pytest.mark.parametrize("turn, previous, resolved", [
    # a remark after the previous question is about its answer, not part of the next
    ("第二次呢？", "许昌头一回拿到全国文明城市是哪一天来着？我只记得是2015年初。", "许昌第二次拿到全国文明城市是哪一天来着？"),
    # a follow-up asking on about a noun of the same head puts that noun in the old one's place
    ("那重点小区整了几个？", "全市一共弄了多少个老旧小区？", "全市一共弄了多少个重点小区？"),
    # 这些项目 points back at the previous noun: no other kind, read in its topic
    ("那这些项目完成了多少投资？", "2022年全市谋划了多少个百城提质项目？",
     "2022年全市谋划了百城提质项目，这些项目完成了多少投资？"),
    # another rate: a one-character head (率) shared, the whole noun in the old one's place
    ("那绿地率呢", "许昌建成区的绿化覆盖率是多少？", "许昌建成区的绿地率是多少？"),
    # a qualifier with a thing of its own asks that thing, in the place of the previous qualifier's thing: read as the
    # qualifier alone, the previous question came back
    ("累计完成投资呢？", "截至2021年底，全市百城提质项目累计实施数量是多少？",
     "截至2021年底，全市百城提质项目累计完成投资是多少？"),
    ("那第二次呢？", "许昌第一次获评全国文明城市是哪一年？", "许昌第二次获评全国文明城市是哪一年？"),
    # a year with a thing of its own: both in their places (with the year alone, 累计 came back)
    ("那2022年谋划实施的呢？", "截至2021年年底全市累计实施的百城提质项目是多少个？",
     "截至2022年年底全市谋划实施的百城提质项目是多少个？"),
    ("那2019年呢？", "2018年许昌全市生产总值是多少？", "2019年许昌全市生产总值是多少？"),
    # a quoted name in the place of the previous question's, wherever it stands
    ("那“书香家庭”呢？", "参加“最美家庭”评选的，“最美家庭”一共评出了多少户？",
     "参加“书香家庭”评选的，“书香家庭”一共评出了多少户？"),
    ("“和睦家庭”呢？", "“五好文明家庭”一共评出多少户？", "“和睦家庭”一共评出多少户？"),
    # an order of its own with a question of its own: the previous question's order gives way
    ("那第二次获评是哪一天？", "许昌第一次拿到全国文明城市称号，是第几届的？",
     "许昌第二次拿到全国文明城市称号，第二次获评是哪一天？"),
    # another person of the same meeting: the office asked before, and the clause before it, are no part of the topic
    ("那会议是谁主持的？", "深化以案促改工作会议上出席并讲话的市委书记是哪位？", "深化以案促改工作会议上，会议是谁主持？"),
    ("那副市长是谁？", "市委书记是谁？", "副市长是谁？"),   # nothing else of the previous question: asks alone
])
def test_a_follow_up_reads_the_previous_question_not_its_remarks(turn, previous, resolved):
    from qa.answer.followup import resolve_followup

    assert resolve_followup(turn, previous) == resolved


def test_a_list_of_ranks_is_no_list_of_titles():
    """许昌是河南全省首个获得哪些称号的城市 was answered 全国第七、河南第一 (0.39): places in a ranking, no titles."""
    from qa.answer.match import question_terms
    from qa.answer.spans import Span
    from qa.answer.span_fit import fit
    from qa.answer.weights import LIST_OF_RANKS

    sentence = "许昌在“前五届”全部地级市中全国第七、河南第一，成为全省首个国家水生态文明城市和国家生态园林城市"
    def fitted(question: str, listed: str) -> float:
        at = sentence.index(listed)
        return fit(analyze(question), Span(at, at + len(listed), listed, "list"), question_terms([], {}, 1), sentence)
    assert fitted("许昌获得过哪些称号？", "全国第七、河南第一") <= LIST_OF_RANKS
    assert fitted("许昌获得过哪些称号？", "国家水生态文明城市和国家生态园林城市") == 1.0
    assert fitted("许昌在哪些范围里排名靠前？", "全国第七、河南第一") == 1.0   # no title asked


@pytest.mark.parametrize("spoken, written", [
    ("许昌二零一五年排第几", "许昌2015年排第几"),              # voice input says a year digit by digit
    ("许昌二〇二〇年那次呢", "许昌2020年那次呢"),
    ("许昌一九九八年怎样", "许昌一九九八年怎样"),              # a year no passage prints stays as said
    ("二十年来怎样", "二十年来怎样"),                        # 二十 counts, it is no year
    ("那长葛嘞", "那长葛呢"),                                # Henan 嘞 closing a fragment is 呢…
    ("俺家嘞房子多大嘞？", "俺家的房子多大？"),                # …inside a clause 的, after a question word nothing
    ("禹州市的目标是弄啥嘞", "禹州市的目标是啥"),              # a whole question: no 呢 to lean on a turn
    ("这个会是弄啥嘞", "这个会是啥"),
    ("他们在弄啥", "他们在干啥"),
    ("常务副主任是谁个", "常务副主任是谁"),
])
def test_a_spoken_question_is_read_as_written(spoken, written):
    from qa.answer.spoken import as_written

    assert as_written(spoken, {"2015": 3, "2020": 2}) == written


def test_a_comma_inside_a_title_ends_no_clause_of_the_question():
    from qa.answer.question import asking_part

    story, asked = asking_part("我在集贸市场边上开了个小店，来买东西的人常聊这些。评论《厉害了，我的大许昌》的作者是谁？")
    assert (story, asked) == ("我在集贸市场边上开了个小店，来买东西的人常聊这些。", "评论《厉害了，我的大许昌》的作者是谁？")


@pytest.mark.parametrize("question, sentence, value, clash", [
    # a number printed right after what is set aside is its count, not the one asked
    ("不算全国文明单位和省级文明单位标兵，许昌普通的省级文明单位有多少个？",
     "全市共有全国文明单位10 个、省级文明单位标兵 11 个、省级文明单位 181 个", "11 个", True),
    ("不算全国文明单位和省级文明单位标兵，许昌普通的省级文明单位有多少个？",
     "全市共有全国文明单位10 个、省级文明单位标兵 11 个、省级文明单位 181 个", "181 个", False),
    # what is set aside, alone or as the head of a unit; not a list that runs on to another item
    ("以案促改会上除了市公安局还有哪家作了交流发言", "市公安局党委、鄢陵县委主要负责同志作交流发言", "市公安局党委", True),
    ("以案促改会上除了市公安局还有哪家作了交流发言", "市公安局党委、鄢陵县委主要负责同志作交流发言",
     "市公安局党委、鄢陵县委", False),
    ("以案促改会上除了市公安局还有哪家作了交流发言", "市公安局党委、鄢陵县委主要负责同志作交流发言", "鄢陵县委", False),
    ("通信线缆整治除了那813个老旧小区，另外还整治了多少个重点小区？", "完成了 813 个老旧小区和 179 个重点小区",
     "813 个", True),
    ("许昌有多少个省级文明单位？", "省级文明单位标兵 11 个、省级文明单位 181 个", "11 个", False),   # nothing set aside
])
def test_what_the_question_sets_aside_is_not_offered(question, sentence, value, clash):
    from qa.answer.set_aside import set_aside_clash
    from qa.answer.spans import Span

    at = sentence.index(value)
    assert set_aside_clash(analyze(question), sentence, Span(at, at + len(value), value, "number")) is clash
