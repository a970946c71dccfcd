"""Questions on the seed corpus with their exact answers, values and raw-file offsets: asserted by
tests/answer/test_answers.py, and asked of the Milvus backend by tests/index/test_milvus.py."""

F000, F001, F002, F003, F004 = ("000_798ce30fdb9aa4e5.txt", "001_53ab8915b6181208.txt", "002_6347a5fde3cd16c3.txt",
                                "003_e242de54cdf6fba9.txt", "004_1d1f115aaad87d4e.txt")

# question, previous turn, answer, type, value, file, (answer_start, answer_end); where two articles
# state the same fact, the accepted answers and a list of (file, offsets): the first citation is one of
# them, the rest are cited too
CASES = [
    ("许昌哪年首次获评全国文明城市？", None, "2015年", "date", 2015, [(F002, (99, 104)), (F000, (118, 123))], None),
    ("那第二次呢？", "许昌第一次获评全国文明城市是哪一年？", "2017年", "date", 2017, F002, (267, 272)),
    ("全市建了多少个学雷锋志愿服务站？", None, "413个", "number", 413, F000, (1588, 1593)),
    ("数字城管一个问题多久能结案？", None, "一个半小时", "number", 1.5, F004, (1303, 1308)),
    ("城镇燃气普及率是多少？", None, "98.89%", "percent", 0.9889, F000, (4530, 4536)),
    ("绿化覆盖率呢？", "许昌建成区绿地率是多少？", "40.62%", "percent", 0.4062, F004, (548, 554)),
    ("2015年许昌在全国地级市中排第几名？", None, "第四名", "rank", 4, F000, (140, 143)),
    ("2018年许昌的经济总量在全省排第几？", None, "全省第4位", "rank", 4, F004, (2295, 2300)),
    ("市住建局局长是谁？", None, "郑永辉", "person", None, F000, (5015, 5018)),
    ("市文明办委托哪家单位开展模拟暗访测评？", None, "国家统计局许昌调查队", "org", None, F004, (1606, 1616)),
    ("市里要制定出台的文明行为条例叫什么？", None, "许昌市文明行为促进条例", "title", None, F003, (905, 916)),
    ("许昌哪两所小学被评为第一届全国文明校园？", None, "许昌市毓秀路小学和许昌市文化街小学", "list", None, F001, (800, 819)),
    ("许昌的五大创建机制是哪五个？", None, "决策、激励、推进、宣教、监督", "list", None, F004, (2045, 2059)),
    # 率有多高 asks for a rate; 几点 for a time of day; the scope named (河南 / 全国) picks the rank;
    # 哪个地区 takes a region although 地区 is otherwise a common noun
    ("全市城镇燃气普及率有多高？", None, "98.89%", "percent", 0.9889, F000, (4530, 4536)),
    ("蝉联全国文明城市的喜讯昨日几点传来？", None, "10时", "date", "10:00", F002, (3061, 3064)),
    ("前五届复查中许昌在河南排第几？", None, "河南第一名", "rank", 1, F000, (421, 428)),
    ("前五届复查中许昌在全国排第几？", None, ("全国第七名", "全国第七"), "rank", 7,
     [(F000, (415, 420)), (F002, (2639, 2643))], None),
    ("许昌是全省乃至哪个地区唯一被通报表彰的地级市？", None, "中部地区", "org", None, F002, (3036, 3040)),
    # people asked for (志愿者): a count of people, not the 413个 stations or 3个 communities beside it
    ("许昌实名注册的志愿者有多少？", None, "57.5万人", "number", 575000, F000, (1568, 1575)),
    ("全国最美志愿者有几个？", None, "3人", "number", 3, F000, (1608, 1611)),
    # what a named person does: the office printed with the name, not a sentence the person said
    ("市创文办那个刘少林是干什么的？", None, "市委宣传部副部长、市创文办常务副主任", "title", None, F004, (849, 867)),
    # printed twice: in the body and in the interview's headline (——访市住建局党组书记、局长郑永辉); both cited
    ("郑永辉是干什么的？", None, "市住建局党组书记、局长", "title", None, [(F000, (3471, 3482)), (F000, (5004, 5015))], None),
]
