"""The headline of the story a question names (王建国那篇访谈标题叫啥, 报纸上那篇夸许昌的评论标题叫啥, 访张保化那篇的副标题):
the stories described by the question's words and its kind of story (a commentary, an interview, a chronicle), each
offered with its headline as printed. Entry point: `headlines(index, question, terms)` → candidates, offered as the
only pick (qa.answer.decide.pickable); their confidence is the scorer's, as for any option.

Why: a headline stands alone on its line and shares few words with a question that names its story by what it is
about, so neither coverage nor the reader ever proposed one: three held-out questions asking a headline were refused
(0.00–0.17). What tells the answer is the story the question describes, as for a byline (qa.answer.byline).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from qa.answer.match import Terms, match_share
from qa.answer.rule_candidates import Candidate
from qa.index.record import Index
from qa.models import Document, Sentence, Span

# 标题叫啥, 题目是什么, 以什么为题 (not 主题 or 话题: what a campaign is about; not 标题说…什么: a piece of it, read as any
# question of the headline's words)
ASKS = re.compile(r"(?:(?<![主话议问])题目|(?<![主话议])标题|题名)(?:是|叫|叫做|为)?(?:啥|什么|哪个|哪句|怎么写)"
                  r"|(?:标题|题目)呢|以什么为题(?!材)|题为什么|叫什么标题")
SUBTITLE = re.compile(r"副标题|副题|小标题")
# A headline that opens with who speaks (…所长王建国：将城市“文明指数”化为人民“幸福指数”): the speaker's label is no
# part of what the headline says
SPEAKER = re.compile(r"^[^：:，,。]{2,40}[：:]")


def _commentary(doc: Document) -> bool:
    return bool(doc.byline) and "记者" not in doc.byline and len(re.sub(r"\W", "", doc.byline)) <= 3


def _interview(doc: Document) -> bool:
    return doc.subtitle.startswith(("——访", "—访", "访")) or SPEAKER.match(doc.title) is not None


# The kinds of story a question may name, each with the words that name it and what tells a story of that kind.
GENRES: tuple[tuple[re.Pattern, Callable[[Document], bool], str], ...] = (
    (re.compile(r"评论|短评|时评|社评|述评|言论"), _commentary,
     "signed with a name alone under its headline (厉害了，我的大许昌 / 许言), no reporter"),
    (re.compile(r"访谈|采访|专访|访问|对话"), _interview,
     "a subtitle ——访… or a headline opening with who speaks (…王建国：…)"),
    (re.compile(r"大事记"), lambda doc: "大事记" in doc.title, "its headline says so"),
)
# Words that say which printed line is asked, or where (not which story), and the kinds' own words: no part of the
# story's description
FRAME = re.compile("|".join([r"副?标题|题目|题名|报纸|报上|那篇|这篇|一篇|文章|报道|稿子|新闻|叫啥|叫什么|是什么",
                             *(pattern.pattern for pattern, _, _ in GENRES)]))
STORIES = 2   # the best described stories offered: the scorer chooses between them as for any options
GENRE_SHARE = 0.5   # of a story's description, its kind where the question names one (那篇评论), the rest its words
HEAD_SHARE = 0.5    # of a word's match, where it stands in the headline, subtitle or byline (what names the story)


def asks_headline(question: str) -> bool:
    """Whether the question asks the headline (or subtitle) of a story."""
    return ASKS.search(question) is not None


def headlines(index: Index, question: str, terms: Terms) -> list[Candidate]:
    """The headline (or the subtitle, where one is asked) of the stories the question describes best, as candidates;
    none where the question asks no headline or no story of the kind it names has one."""
    if not asks_headline(question):
        return []
    sub = SUBTITLE.search(question) is not None
    kinds = [fits for pattern, fits, _ in GENRES if pattern.search(question)]
    words = [(t, w) for t, w in zip(terms.words, terms.weights) if not FRAME.search(t)]
    scored = []
    for doc in index.documents.values():
        if doc.kind != "story" or not (doc.subtitle if sub else doc.title) or not all(fits(doc) for fits in kinds):
            continue
        told = _told(words, "\n".join((doc.title, doc.subtitle, doc.byline)), doc.text)
        share = (GENRE_SHARE + (1 - GENRE_SHARE) * told if words else 1.0) if kinds else told
        if share > 0:
            scored.append((share, doc))
    scored.sort(key=lambda x: -x[0])
    out = []
    for share, doc in scored[:STORIES]:
        found = _printed(index, doc, doc.subtitle if sub else doc.title, speaker=not sub)
        if found is not None:
            sentence, sid = found
            # shown without the line breaks of its print (争创典范，让文明|成为…), the space between its phrases kept
            shown = re.sub(r"\s*\n\s*", "", sentence.text)
            span = Span(0, len(sentence.text), shown, "headline", "HEADLINE")
            out.append(Candidate(sentence, span, share, 1.0, share, share, sid))
    return out


def _told(words: list[tuple[str, float]], head: str, body: str) -> float:
    """Weighted share of the question's words the story prints, counting more those its headline lines print (许昌
    蝉联全国文明城市那篇报道: the chronicle tells of 蝉联 too, the report is headed so)."""
    total = sum(w for _, w in words)
    got = sum(w * (HEAD_SHARE * match_share(t, head) + (1 - HEAD_SHARE) * match_share(t, body)) for t, w in words)
    return got / total if total else 0.0


def _printed(index: Index, doc: Document, line: str, speaker: bool) -> tuple[Sentence, int] | None:
    """`line` where the story prints it (white space may break it; the last time it stands at a line's start, as a
    headline does), without a speaker's label; as a sentence of its own with the index sentence it opens in."""
    if speaker and (m := SPEAKER.match(line)) and len(line) - m.end() >= 4:
        line = line[m.end():]
    chars = [re.escape(ch) for ch in re.sub(r"\s", "", line)]
    if not chars:
        return None
    found = list(re.finditer(r"\s*".join(chars), doc.text))
    if not found:
        return None
    heading = [m for m in found if m.start() == 0 or doc.text[m.start() - 1] in "\n：:"]
    m = (heading or found)[-1]
    a, b = m.start(), m.end()
    spans = doc.spans(index.sources[doc.doc], a, b)
    if len(spans) != 1:
        return None   # not one run of the file: no offsets could cite it
    starts = _sentence_starts(index).get((doc.doc, doc.index), [])
    at = bisect.bisect_right(starts, (a, len(index.sentences))) - 1
    sid = starts[at][1] if at >= 0 and a < index.sentences[starts[at][1]].clean_end else -1
    return Sentence(doc.doc, doc.index, doc.text[a:b], a, b, spans), sid


def _sentence_starts(index: Index) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Each article's sentences as (start in its text, index sentence), in order; once per index."""
    known = index.derived.get("sentence_starts")
    if known is None:
        known = {}
        for sid, s in enumerate(index.sentences):
            known.setdefault((s.doc, s.article), []).append((s.clean_start, sid))
        for starts in known.values():
            starts.sort()
        index.derived["sentence_starts"] = known
    return known
