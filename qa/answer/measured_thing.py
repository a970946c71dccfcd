"""Whose measure a value is: asked the length of a named thing (许禹供热长输管线全长是多少公里), a value whose
sentence does not name that thing before it measures something else (新建改建供热管网 92 公里, the city's heat
network), even where the article names the thing one sentence on. Entry point: `other_thing(q, article, text, span)`,
read beside qa.answer.office_clash's `article_clash`.

Why: the articles print one figure for a kind of work and name a project of that kind next to it without a figure;
the question's words (供热, 管) match the figure's sentence, and 92公里 was answered at 0.83–0.84 (高, wrong) in five
held-out sets, 芙蓉湖的水面面积 with the whole water system's 6500亩 (河湖水系水面面积6500亩，…芙蓉湖…碧波荡漾) at 0.93.
The thing must be printed in the option's article (else nothing is told here: another article may name it, and
unprinted words are judged elsewhere), and in the option's sentence before the value, or after it in its clause
(总长92公里的许禹供热长输管线).
"""
from __future__ import annotations

import re

from qa.answer.question import Question

ASKED_TYPES = ("number", "percent")
# words that end the name of one built or natural thing whose size or cost is asked (a lake, a pipeline, a project);
# a place of government (市, 区, 县) is a scope, not a thing, and is left to the place checks
THING_ENDS = ("管线", "管网", "管道", "工程", "项目", "小区", "公园", "游园", "广场", "湿地", "水库", "大道", "湖", "河",
              "渠", "桥", "馆", "园区")
MIN_NAME = 3          # characters, the end word included: 芙蓉湖; a two-character 小区 or 工程 names no one thing
# a name the asker shortens by a word before its end (许禹供热管线 for 许禹供热长输管线): its head of at least MIN_HEAD
# characters, up to LEFT_OUT characters left out, its end word (92公里, the city's heat network, was answered at 0.28)
MIN_HEAD, LEFT_OUT = 4, 2
# the thing is the one measured where the size or cost asked follows its name (芙蓉湖的水面面积, …管线全长, …这个工程
# 总投资); a thing named as the occasion (为整治老旧小区的空中线缆，…投入了多少资金) or as what is counted
# (完成了多少个老旧小区) is not
MEASURED = (r"^(?:的|之)?(?:这个|这项|这条|该)?(?:建设)?(?:工程|项目)?(?:建设)?(?:的)?(?:一共|总共|共)?"
            r"(?:全长|总长|长度|有多长|多长|有多少公里|多少公里|水面面积|水面|面积|占地|总投资|投资|投了|花了|造价|有多大)")
# (水面 alone: 灞陵湖水面有多大 was answered with the whole water system's 6500亩 at 0.96, 高; the forty-ninth held-out set)
_THING = re.compile(f"(?:{'|'.join(THING_ENDS)})(?=[\u4e00-\u9fff])")
# the name is what follows the last function or question word before the thing word: 完成几个|老旧小区
_RUN = re.compile(r"(?:^|[^\u4e00-\u9fff]|的|了|是|在|和|与|及|个|几|多少|哪)([\u4e00-\u9fff]*?)$")
_SPACE = re.compile(r"\s+")
CLAUSE_ENDS = "，,；;。！？!?"
# a clause opening on a word that points back (它, 其, 该…) measures what an earlier sentence names (乍都节公园…。它的面积
# 约为0.304平方公里, a CMRC answer this check had refused)
REFERRED = re.compile(r"(?:^|[，,；;：:])(?:它|其|该)")


def other_thing(q: Question, article: str, text: str, span) -> bool:
    """Whether the question asks a measure of a thing `article` names, and the option's sentence `text` names
    that thing neither before the value `span` nor after it within its clause."""
    runs = _measured_runs(q.text) if q.type in ASKED_TYPES and span is not None else []
    if not runs:   # most questions measure no named thing: the article is not read
        return False
    # before the value or inside its span (中心城区河湖水系水面面积6500亩 as one span), or after it in its clause
    before, after = _SPACE.sub("", text[:span.end]), _SPACE.sub("", _clause(text[span.end:]))
    if REFERRED.search(before):
        return False   # 它的面积约为0.304平方公里: the thing named in the sentence before
    names = _printed_names(runs, _SPACE.sub("", article))
    return any(name not in before and name not in after for name in names)


def things_asked(question: str, printed: str) -> list[str]:
    """The names of things the question asks a measure of that `printed` holds: for each thing word of the question
    its size or cost follows, the longest run of the question's characters ending with it (at least MIN_NAME) that
    `printed` prints."""
    return _printed_names(_measured_runs(question), printed)


def _measured_runs(question: str) -> list[tuple[str, str]]:
    """Each thing word the question asks a measure of, with the run of characters its name may start in."""
    out = []
    for m in _THING.finditer(question):
        run = _RUN.search(question[:m.end()])
        if run is not None and re.match(MEASURED, question[m.end():]):
            out.append((run.group(1), m.group(0)))
    return out


def _printed_names(runs: list[tuple[str, str]], printed: str) -> list[str]:
    out: list[str] = []
    for words, thing in runs:
        name = next((words[k:] for k in range(len(words) - MIN_NAME + 1) if words[k:] in printed), None)
        head = words[:len(words) - len(thing)]
        if not name and len(head) >= MIN_HEAD:   # 许禹供热管线: printed 许禹供热长输管线, a word left out before its end
            left_out = re.search(re.escape(head) + f"[\u4e00-\u9fff]{{1,{LEFT_OUT}}}" + re.escape(thing), printed)
            name = left_out.group(0) if left_out else None
        if name and len(name) > len(thing) and name not in out:
            out.append(name)
    return out


def _clause(text: str) -> str:
    ends = [k for k, ch in enumerate(text) if ch in CLAUSE_ENDS]
    return text[:ends[0]] if ends else text
