"""Answers and articles as escaped HTML, for the chat page, the widget and `/article/{doc}`.

Every corpus and user string passes through `html.escape` here before it meets markup: the
chatbot shows HTML as it is given, so this module is what keeps a question such as
`<script>alert(1)</script>` plain text. Replies are built from the answer object of
CONTRACT.md (`Answer.to_dict()`), so they render the same whatever produced them.
A reply is one HTML block without blank lines, so the chatbot's Markdown pass leaves its
text alone (`*`, `_` or `[1]` in an article are not formatting).
"""
from __future__ import annotations

from html import escape
from types import MappingProxyType
from collections.abc import Callable, Mapping
from urllib.parse import quote as url_quote, urlencode

from qa.answer.confidence import band
from qa.answer.person_asked import asks_office
from qa.answer.render import NOT_FOUND, answer_range

SourceText = Callable[[str], "str | None"]   # corpus file name → its text as read, None if unknown
MetaLine = Callable[[str, int], str]         # (file, article) → 本报记者 … · 11月10日, "" if the article says none

# "title" answers name things (称号, 条例, 工程, 口号) and offices (刘少林是干什么的 → 市委宣传部副部长): 名称, or 职务
# when the question asked what a person does (qa.answer.person_asked.asks_office)
TYPE_LABELS = MappingProxyType({"date": "日期", "number": "数字", "percent": "比例", "rank": "名次", "person": "人物",
               "org": "机构", "title": "名称", "list": "列举", "open": "说明"})
OFFICE_LABEL = "职务"


BAND_CLASS = MappingProxyType({"高": "high", "中": "mid", "低": "low"})   # CSS class of each confidence word


def text(value: object) -> str:
    """One line of escaped text: white space (and so any blank line) folded to single spaces."""
    return escape(" ".join(str(value).split()))


def user_message(question: str) -> str:
    return f'<div class="qa-q">{text(question)}</div>'


def error_message(message: str) -> str:
    return f'<div class="qa-reply"><p class="qa-error">{text(message)}</p></div>'


def reply(a: Mapping, source_text: SourceText, meta_line: MetaLine = lambda doc, article: "") -> str:
    """The chat reply: bold short answer, conflicts, then numbered citations [1] [2] …"""
    parts = ['<div class="qa-reply">']
    citations = list(a.get("citations") or [])
    if a.get("answer") is None:
        parts.append(f'<p class="qa-none">{escape(NOT_FOUND)}</p>')
    else:
        label = TYPE_LABELS.get(str(a.get("answer_type")), str(a.get("answer_type") or ""))
        asked = str(a.get("resolved_question") or a.get("question") or "")
        if a.get("answer_type") == "title" and asks_office(asked):
            label = OFFICE_LABEL
        # the word from the number as shown, so 0.60 reads 中 as README says (0.5996 is shown as 0.60);
        # the number is on the page, not only in a hover title a finger cannot reach
        p = round(min(1.0, max(0.0, float(a.get("confidence") or 0))), 2)
        word = band(p)
        meta = (f'{text(label)} · <span class="qa-conf qa-conf-{BAND_CLASS[word]}" '
                f'title="答对的估计概率（0–1）">置信度：{word} {p:.2f}</span>')
        parts.append(f'<p class="qa-head"><strong class="qa-answer">{text(a["answer"])}</strong>'
                     f' <span class="qa-meta">{meta}</span></p>')
    resolved = a.get("resolved_question")
    if resolved and resolved != a.get("question"):
        parts.append(f'<p class="qa-sub">理解为：{text(resolved)}</p>')
    if a.get("answer") is None and citations:
        parts.append('<p class="qa-sub">最接近的段落，供参考：</p>')
    n = len(citations)
    conflicts = list(a.get("conflicts") or [])
    for i, c in enumerate(conflicts, n + 1):
        parts.append(f'<p class="qa-conflict">另有说法：<strong>{text(c["answer"])}</strong> 见 [{i}]</p>')
    for i, c in enumerate(citations + [c["citation"] for c in conflicts], 1):
        parts.append(citation(i, c, source_text, meta_line))
    parts.append("</div>")
    return "".join(parts)


def citation(number: int, c: Mapping, source_text: SourceText, meta_line: MetaLine = lambda doc, article: "") -> str:
    """[n] headline · byline and date (what the article says of itself; the file name stays in
    the API), the quote with the answer span in <mark>, and a link to the cleaned article."""
    href = article_link(c)
    meta = meta_line(str(c["doc"]), int(c.get("article") or 0))
    return (f'<div class="qa-cite"><p class="qa-cite-head"><span class="qa-num">[{number}]</span> '
            f'<b>{text(c.get("title") or "")}</b>' + (f' <span class="qa-file">{text(meta)}</span>' if meta else "") +
            f' <a class="qa-open" href="{escape(href)}" target="_blank" rel="noopener">查看原文 ›</a></p>'
            f'<blockquote class="qa-quote">{marked_quote(c, source_text(c["doc"]))}</blockquote></div>')


def article_link(c: Mapping, raw: bool = False) -> str:
    query = {k: c[k] for k in ("start", "end", "answer_start", "answer_end", "article") if c.get(k) is not None}
    if raw:
        query["raw"] = 1
    return f"/article/{url_quote(str(c['doc']), safe='')}?{urlencode(query)}#hit"


def marked_quote(c: Mapping, source: str | None) -> str:
    """The escaped quote with the answer span in <mark> (placed by `answer_range`)."""
    quote = " ".join(str(c.get("quote") or "").split())
    where = answer_range(quote, c.get("start"), c.get("answer_start"), c.get("answer_end"), source)
    if where is None:
        return escape(quote)
    lo, hi = where
    return f"{escape(quote[:lo])}<mark>{escape(quote[lo:hi])}</mark>{escape(quote[hi:])}"


def article_page(doc: str, title: str, body: str, quote: tuple[int, int] | None,
                 answer: tuple[int, int] | None, meta: str = "", other: tuple[str, str] | None = None) -> str:
    """An article (or a whole corpus file), escaped, with the quote highlighted, the answer marked
    and `#hit` on them; `other` is (link, label) of the other view (cleaned article / file as read)."""
    cuts = sorted({0, len(body), *(quote or ()), *(answer or ())})
    out, anchored = [], False
    for lo, hi in zip(cuts, cuts[1:]):
        piece = escape(body[lo:hi])
        in_answer = answer is not None and answer[0] <= lo and hi <= answer[1]
        in_quote = quote is not None and quote[0] <= lo and hi <= quote[1]
        if in_answer:
            piece = f"<mark>{piece}</mark>"
        if in_quote or in_answer:
            anchor = "" if anchored else ' id="hit"'
            anchored = True
            piece = f'<span class="quote"{anchor}>{piece}</span>'
        out.append(piece)
    heading = text(title) if title else text(doc)
    about = " · ".join(x for x in (text(meta), f"来源文件：{text(doc)}") if x)
    link = f' · <a href="{escape(other[0])}">{text(other[1])}</a>' if other else ""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading} · 许昌文明城市问答</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 0; background: #f7f7f5; color: #222; }}
header {{ position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd; padding: .6rem 1rem; }}
header h1 {{ font-size: 1.1rem; margin: 0; }} header p {{ margin: .2rem 0 0; color: #555; font-size: .85rem; }}
header a {{ color: #8a1c1c; }}
pre {{ white-space: pre-wrap; word-break: break-word; font: inherit; line-height: 1.8; max-width: 46rem;
  margin: 1rem auto; padding: 0 1rem; }}
.quote {{ background: #fff3c4; scroll-margin-top: 40vh; }} mark {{ background: #ffd54a; font-weight: bold; }}
</style></head>
<body><header><h1>{heading}</h1><p>{about}{link}</p></header>
<pre>{"".join(out)}</pre></body></html>"""
