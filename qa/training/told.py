"""Questions asked after a story: each question of a held-out set with one sentence of a resident's
story told before it, chosen by the question's id. Entry point: `told_lines(lines)`.

Why: residents tell a story before they ask, and no fitted set holds one. Told after one such sentence,
the held-out questions lost answers (holdout 0.933 → 0.821, fresh 0.956 → 0.667, dev 0.972 → 0.847 with
the shipped scorer): the story's words lower coverage and the reader's margin. The answer does not change
with the story, by construction: the question after it is whole. `qa fit` judges every refit on them.
Fitted too (dev and residents told, weight 0.5), with or without a feature for the story's share of the
terms, refits gained on the story sets (thirteenth 0.700 → 0.758–0.775) and lost CMRC F1 (0.635 → 0.617),
and none came near the shipped scorer (held-out utility 0.825–0.828 against 0.835): judged only, so far.
"""
from __future__ import annotations

import hashlib

# One sentence each, the way the held-out sets' tellers begin: who asks and why, with words the articles
# print (报纸, 城市, 创建) and words they never do (邻居, 出差). No place is named: a place told is the
# question's substance (俺家在长葛。…给俺们长葛定的目标), never chatter.
STORIES = (
    "前几天跟邻居在小区里聊天，说起创文的事，大家都记不太清了。",
    "我在写一篇关于许昌创建文明城市的报告，老师让我们自己查资料。",
    "我是从外地来许昌出差的，看到街上到处都是文明城市的宣传。",
    "之前在报纸上看到过相关的报道，可是那张报纸找不到了。",
    "俺是开出租车的，拉活儿的时候乘客老问俺这些事。",
    "我们单位要办一期宣传栏，需要核对一下报道里的说法。",
    "孩子学校布置了作业，要了解咱们许昌的文明创建工作。",
    "我退休以后常去公园转转，感觉这些年城市变化真大。",
    "昨天听广播里说起这个事，当时没有听清楚。",
    "我在集贸市场边上开了个小店，来买东西的人常聊这些。",
    "我刚搬来这边不久，对这里还不太熟悉。",
    "上周单位组织学习，讲到了咱们这几年的变化，我没记全。",
    "我姥姥总跟我念叨这些年的变化，我想帮她查一查。",
    "我在网上看到有人讨论这个，说法不太一样。",
    "我是做社区工作的，居民经常来问这些。",
    "周末带孩子出去玩，孩子问了我一个问题，我答不上来。",
)


def told_lines(lines: list[dict]) -> list[dict]:
    """Each line that is not a follow-up, its question after one story (ids `~told`); answers unchanged."""
    out = []
    for line in lines:
        if line.get("after"):
            continue
        k = int(hashlib.sha256(line["id"].encode()).hexdigest(), 16) % len(STORIES)
        out.append({**line, "id": f"{line['id']}~told", "question": STORIES[k] + line["question"]})
    return out
