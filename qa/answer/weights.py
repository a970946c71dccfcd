"""Every hand-set number of the answer rules, named, with the reason it has its value.

They were set by hand on eval/gold.jsonl. They shape the rules' candidates and their score; which
candidate answers, and how sure it is, is the trained answer scorer's decision (qa.answer.scorer),
which reads that score and these parts of it as features. Tuning one
means changing it here and rerunning `qa eval` on the dev set, never reading control flow.
The question-type patterns, qualifier words and units live in `qa.answer.question`, measure
words in `qa.answer.spans`, surnames and name endings in `qa.answer.names`.
"""

# --- how a candidate sentence is scored (qa.answer.rule_candidates) ---
SPAN_BASE = 0.35          # a span in a sentence that covers the question, before where it stands
SPAN_NEAR = 0.45          # …plus how close the question's words stand to the span: the strongest cue
SPAN_PASSAGE = 0.2        # …plus the retrieval score of its passage: a tie-breaker, retrieval already chose
OPEN_BASE = 0.75          # an open answer is a whole sentence: coverage decides, retrieval only nudges
OPEN_PASSAGE = 0.25
OPEN_LENGTH = (12, 160)   # characters of a sentence that reads as an answer …
OPEN_OFF_LENGTH = 0.85    # …a fragment or a paragraph-long sentence answers less well
EXPLAINS = 1.1            # how/why asked, and the sentence gives a method (通过) or a cause (因为)
PROXIMITY = 10.0          # characters over which a question word still points at a date
CONTEXT_WEIGHT = 0.6      # a question word found only in the sentence before (or a short article)
TITLE_WEIGHT = 0.85       # …or in the article's title: what every sentence of it is about
# a subtitle as long as a headline line names the story's topic as its headline does (…动员会议解读); a longer one is a
# deck summing up the story (自2001年启动创建工作以来,许昌就牢固树立…: its words lifted every sentence of its story over
# the one that answered 五大创建活动分别是哪些)
SUBTITLE_CHARS = 40
MISSING_NAME = 0.6        # the sentence is about another place or body than the question names
MISSING_VERB = 0.6        # the question's verb (评上) is not the sentence's (开始创建): another event
FOCUS_SHARE = 0.5         # a follow-up: half the nearness comes from its own new words
PAIRED_NEAR = 0.9         # `A、B分别…X和Y`: the value paired with the item asked about stands close to it
PAIRED_OTHER = 0.6        # …the values paired with the other items are someone else's
CLAUSE_HERE = 1.0         # a question word in the span's own clause
CLAUSE_BEFORE = 0.4       # …in the clause before: news Chinese puts the topic first
CLAUSE_AFTER = 0.2        # …in the clause after: seldom about this value
CLAUSE_CROWDED = 0.15     # a clause full of other words is less about the question

# --- how well a span's form fits what is asked (qa.answer.rule_candidates._fit) ---
UNIT_RANK_STEP = 0.04     # the printed measure word first (次 before 届), the others a little less …
UNIT_RANK_MAX = 3         # …down to the fourth
RANGE_PREFIX = 0.7        # 前五届 / 后三年 bound a range, they do not count
OTHER_QUANTITY = 0.5      # 多少户 asked, 23栋 found: another quantity
PERIOD_START = 0.8        # 自2015年以来…实现: the start of a period, not the date of the event
PERCENT_FOR_COUNT = 0.5   # a percentage where a count is asked, unless 率/占/增长 asks for one
OTHER_RANK_UNIT = 0.8     # 第几名 asked, 第4位 found
OTHER_RANK_SCOPE = 0.6    # 在河南排第几 asked, 全国第七 found: a rank among others
# Where a rank is counted: words that name the same scope (河南 is 全省 for a Xuchang paper).
RANK_SCOPES = {"全国": "国", "国内": "国", "全省": "省", "河南": "省", "省内": "省", "省里": "省", "全市": "市", "市内": "市"}
LIST_COUNT_OFF = 0.8      # 哪五个 asked, a list of another length
DEPUTY_ROLE = 0.5         # 部长 asked, a 副部长 named: someone else holds the office asked about
LIST_UNQUOTED = 0.7       # 哪三个“创建” asked, a list whose items do not all hold 创建
LIST_NOT_NAMES = 0.7      # 哪几位 asked, a list that is not of people's names
LIST_OF_RANKS = 0.5       # 哪些称号 asked, a list of places (全国第七、河南第一): no title is a rank
TITLE_UNASKED_NOUN = 0.95 # a quoted title where the question asks for another kind of thing
TITLE_VERB_UNASKED = 0.9  # a title named by a verb (争创|…) the question does not use
TITLE_UNQUOTED = 0.95     # a title without quotes or a naming verb: less certain it is a name

# --- term weights of the question (qa.answer.match) ---
FOCUS_BOOST = 2.5         # words a follow-up adds, or the question quotes, are what it is about
VERB_BOOST = 1.0          # kept at 1: questions paraphrase verbs (揭晓 for 实现) more than nouns
SINGLE_CHAR = 0.5         # one character alone (前, 总) is too ambiguous to weigh fully
LIGHT = 0.3               # words that help when printed but are often left out (累计)
ABBREVIATION = 0.8        # 社科院 for 社会科学院: the same body, not quite the same words

# --- reading the question, corroboration and conflicts (qa.answer.understand, conflicts, events) ---
NAME_SHARE = 0.1          # a "name" in a tenth of all passages (文明, 城市) is the corpus's topic, not a name
SUPPORT_COVERAGE = 0.5    # a sentence giving the same value corroborates it when it covers half the question
CONFLICT_COVERAGE = 0.05  # another value disagrees only when as well supported: coverage …
CONFLICT_NEAR = 0.1       # …nearness …
CONFLICT_SCORE = 0.08     # …and score within these of the answer's
# two lists of as many items tell one enumeration differently when they share this share of their items
# (决策、激励、推进、宣教、监督 and 决策、推进、宣教、监督、奖惩: 4 of 5); fewer, and they are two enumerations
CONFLICT_LIST_SHARED = 0.5
EVENT_COVERAGE = 0.75     # share of the best coverage a sentence needs to count as the same kind of event
EVENT_NEAR = 0.5          # a date this close to the question's words governs its event
