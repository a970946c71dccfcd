"""What the scorer sees of each candidate answer: one row of numbers per option, the same
function in training (`qa fit`) and serving. Entry point: `rows(context, options)`.

The rules' knowledge enters as features instead of overrides: how well the sentence covers the
question, how close the value stands to the asked words, whether its measure word or a list's
length fits, which dated event a qualifier picks, how many articles give the same value. The
reader's evidence is its span and no-answer logits. NaN marks what a source did not say (a
reader span the rules did not propose has no rules score); the gradient-boosted scorer routes it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from qa.answer.agreement import agreement
from qa.answer.events import date_key, governs, same_value
from qa.answer.span_fit import fit
from qa.answer.lists import list_items
from qa.answer.match import match_share, matches
from qa.answer.names import ROLE_WORDS
from qa.answer.order_words import agreement_of, said_order
from qa.answer.options import Option
from qa.answer.question import SIGNING_ROLE
from qa.answer.rule_candidates import Candidate, coverage, nearness
from qa.answer.spans import find_spans
from qa.answer.understand import Understood
from qa.answer.unprinted import file_text
from qa.answer.weights import CONFLICT_COVERAGE
from qa.answer.textnorm import normalize
from qa.index.record import Index
from qa.models import Passage

NAN = float("nan")
ROLE_REACH = 6            # characters before a byline's name where its role stands (本报记者 许廷合)
# question type → what it asks for (qa.answer.question names the types)
TYPES = {"date": "a date", "number": "a number", "percent": "a percentage", "rank": "a rank",
         "person": "a person", "org": "an organisation", "title": "an office or title", "list": "a list",
         "open": "an open answer (what, why, how)"}
# qualifier over dated events → the words that say it
QUALIFIERS = {"first": "首次 / 第一次 / 最早", "latest": "最近 / 最新 / 最后一次", "nth": "第n次", "total": "一共 / 累计 / 几次"}

# name → what it says. The order is the model's column order: the artifact stores it and is
# refused when it differs (qa.answer.scorer).
FEATURES: tuple[tuple[str, str], ...] = (
    *((f"q_{t}", f"the question asks for {what}") for t, what in TYPES.items()),
    *((f"q_{x}", f"the question's qualifier over dated events is {x} ({words})") for x, words in QUALIFIERS.items()),
    ("q_unit", "the question names a measure word (多少人)"),
    ("q_chars", "length of the question as read"),
    ("p_rank", "retrieval rank of the best passage holding the option (1 = first)"),
    ("p_score", "fused retrieval score of that passage (0–1)"),
    ("p_dense", "cosine of question and that passage"),
    ("coverage", "share of the question's weighted terms in the sentence, title and neighbours (for who wrote a "
                 "story: in the headline and subtitle of the story the name signs)"),
    ("near", "how close the question's words stand to the span (clause, distance)"),
    ("fit", "how the span's form fits the question: measure word, rank scope, list length, office"),
    ("typed", "the option is exactly one value of the asked type (2015年, 23栋, a name)"),
    ("kind_match", "the rules' span kind is the asked type"),
    ("r_has", "the rules proposed it"),
    ("r_score", "the rules' score"),
    ("r_rank", "its place among the rules' options (1 = their choice: the best score, or the event a dated qualifier picks)"),
    ("r_gap", "the rules' score minus their choice's score"),
    ("d_has", "the reader proposed it"),
    ("d_score", "the reader's start + end logit"),
    ("d_null", "the reader's no-answer logit in that window"),
    ("d_margin", "span minus no-answer logit: the reader's evidence"),
    ("d_gap", "its margin minus the reader's best margin over all passages"),
    ("d_rank", "its place among the reader's spans (1 = the reader's choice)"),
    ("d_passage", "which read passage it came from (0 = the first retrieved)"),
    ("d_best", "the reader's best margin for the question (how answerable it finds the passages)"),
    ("event", "the dated event the qualifier picks (1), another date (0); NaN when not asked"),
    ("event_value", "its date agrees with that event's"),
    ("governs", "a date that is the time of its sentence's event (leads it, or shares its clause)"),
    ("support", "distinct articles whose options give the same value or text"),
    ("support_rules", "distinct articles whose rules candidates (any rank) give the same value"),
    ("rivals", "other values of the asked type among options as well covered"),
    ("chars", "length of the answer text"),
    ("sentence_chars", "length of the sentence it stands in"),
    ("whole_sentence", "the answer is the whole sentence"),
    ("items", "list items in it (、和及与)"),
    ("echo", "share of its characters that the question already holds"),
    ("title_share", "share of the question's terms found in the article's title"),
    ("best_coverage", "the best coverage of any option: how well the passages cover the question at all"),
    ("coverage_gap", "its coverage minus the best"),
    ("top_dense", "the best cosine of question and any retrieved passage"),
    ("names_missing", "share of the question's names (郑州, 杭萧) absent from its sentence and neighbours"),
    ("verbs_missing", "none of the question's event verbs (评上) is in its sentence"),
    ("numbers_missing", "years and numbers the question names that its sentence and title lack"),
    # a year asked that the whole file never prints cannot be what its sentences answer (许昌2023年… when
    # only 2021 is printed); the file, not the sentence or the story: a resident adds the year a story
    # leaves to its page (2020年11月…会议 whose story prints only 11月10日), never a year of no story
    ("years_unprinted", "share of the years the question names that its source file prints nowhere; NaN if none named"),
    ("term_before", "weight of question words in the 10 characters before the span: a name after its title"),
    ("term_after", "weight of question words in the 8 characters after it: a count before its noun"),
    ("role_before", "an office the question asks about (书记, 部长) stands right before the name; NaN if none asked"),
    ("clause_first", "its clause says 首次/第一/首届: the first of dated events"),
    ("clause_again", "its clause says 再次/蝉联/连续/复查: a later one"),
    ("candidates", "how many candidates the rules found (all ranks)"),
    ("missing_max", "the weight of the heaviest question word absent from its sentence, neighbours and title"),
    # the two below say at once what `event`, `clause_*` and `q_*` say only together: few questions
    # ask for 第n次, too few for the trees to learn that interaction from the data we hold
    ("qualifier_clause", "+1: its clause's word agrees with the dated qualifier asked (首次 for 首次; 再次/蝉联 for "
                         "最近 or 第n次, n ≥ 2), −1: it clashes, 0: neither; NaN when none is asked"),
    ("event_found", "the articles hold the dated event the qualifier asks for (0: 第四次 when they know of three); "
                    "NaN when none is asked"),
    # where a question's near-copies gather (qa.answer.agreement)
    ("read_mass", "share of the reader's belief (softmax of its margins) on spans overlapping this one; NaN unread"),
    ("mass_inside", "that share on spans strictly inside this one (it extends a span the reader believes)"),
    ("mass_around", "that share on spans strictly around this one (it is the core of longer spans)"),
    ("overlaps", "how many other options, of any source, overlap it in its article"),
)
NUMBER = re.compile(r"\d{4}年?|\d+(?:\.\d+)?")
YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
NAMES = tuple(n for n, _ in FEATURES)


@dataclass(frozen=True)
class Context:
    """What every option of one reading is judged against."""
    index: Index
    understood: Understood
    passages: tuple[Passage, ...]     # retrieved, best first
    found: tuple[Candidate, ...]      # every rules candidate, best first
    event: Candidate | None           # the one the qualifier picks (date questions with 首次/最近/第n次)
    # a rank asked of a dated event by its order (首次荣膺…名列第几): the sentences dated as that event
    event_sentences: frozenset[int] = frozenset()


def rows(ctx: Context, options: list[Option]) -> list[list[float]]:
    """One row of FEATURES per option, in order."""
    q, terms = ctx.understood.question, ctx.understood.terms
    holding = passages_of(ctx)
    # The rules' choice: their best score, except that a dated qualifier (首次, 最近, 第n次) chooses the
    # event it picks (qa.answer.events). Ranked by score alone, the renewal (2020年11月10日，许昌蝉联…)
    # stood first for 许昌第一次获评…, and the trees, with four such questions in the fitted sets,
    # followed the rules' rank over `event`.
    chosen = ctx.event if ctx.event is not None and ctx.event.span is not None else None
    rules = sorted(((o, o.rule.score) for o in options if o.rule is not None),
                   key=lambda p: (p[0].rule is not chosen, -p[1]))
    best_rule = rules[0][1] if rules else NAN
    rule_rank = {id(o): k for k, (o, _) in enumerate(rules, 1)}
    read = sorted(((o, o.proposal.margin) for o in options if o.proposal is not None), key=lambda p: -p[1])
    read_rank = {id(o): k for k, (o, _) in enumerate(read, 1)}
    best_margin = read[0][1] if read else NAN
    texts = [normalize(o.text) for o in options]
    question = ctx.understood.text
    best_cov = max((_coverage(ctx, o) for o in options), default=NAN)
    top_dense = max((p.dense for p in ctx.passages), default=NAN)
    roles = [w for w in ROLE_WORDS if w in question]
    numbers = [t for t in terms.words if NUMBER.fullmatch(t)]
    years = sorted(set(YEAR.findall(question)))
    dated = q.dated_event
    agreed = agreement(options)
    out = []
    for o, text, agree in zip(options, texts, agreed):
        passage = holding.get(o.sid)
        span = o.span
        f = dict.fromkeys(NAMES, NAN)
        for t in TYPES:
            f[f"q_{t}"] = float(q.type == t)
        for x in QUALIFIERS:
            f[f"q_{x}"] = float(q.qualifier == x)
        f["q_unit"] = float(bool(q.unit))
        f["q_chars"] = float(len(question))
        if passage is not None:
            f["p_rank"], f["p_score"], f["p_dense"] = float(passage.rank), passage.score, passage.dense
        f["coverage"] = _coverage(ctx, o)
        if span is not None:
            f["near"] = o.rule.near if o.rule and o.rule.span else _safe(lambda: nearness(terms, o.sentence.text, span))
            f["fit"] = _safe(lambda: fit(q, span, terms, o.sentence.text))
            f["typed"] = float(_typed(q, o))
            f["kind_match"] = float(span.kind == q.type)
        f["r_has"] = float(o.rule is not None)
        if o.rule is not None:
            f["r_score"], f["r_rank"], f["r_gap"] = o.rule.score, float(rule_rank[id(o)]), o.rule.score - best_rule
        f["d_has"] = float(o.proposal is not None)
        if o.proposal is not None:
            p = o.proposal
            f.update(d_score=p.score, d_null=p.null, d_margin=p.margin, d_gap=p.margin - best_margin,
                     d_rank=float(read_rank[id(o)]), d_passage=float(o.read_rank if o.read_rank is not None else NAN))
        f["d_best"] = best_margin
        if dated and span is not None:
            ev = ctx.event
            f["event"] = float(ev is not None and ev.span is not None and o.rule is ev)
            f["event_value"] = float(ev is not None and ev.span is not None and span.value is not None
                                     and date_key(span.value) is not None and same_value(span, ev.span))
        if span is not None and span.kind == "date" and o.rule is not None:
            f["governs"] = float(governs(o.rule))
        f["support"] = float(len({(x.sentence.doc, x.sentence.article) for x, t in zip(options, texts)
                                  if t == text or (span is not None and x.span is not None and span.normalised is not None
                                                   and x.span.normalised is not None and same_value(span, x.span))}))
        if span is not None and span.normalised is not None:
            f["support_rules"] = float(len({(c.sentence.doc, c.sentence.article) for c in ctx.found
                                            if c.span is not None and c.span.normalised is not None
                                            and same_value(c.span, span)}))
            f["rivals"] = float(len({str(x.span.normalised) for x in options
                                     if x.span is not None and x.span.normalised is not None
                                     and x.rule is not None and o.rule is not None
                                     and x.rule.coverage >= o.rule.coverage - CONFLICT_COVERAGE
                                     and not same_value(x.span, span)}))
        f["chars"] = float(len(o.text))
        f["sentence_chars"] = float(len(o.sentence.text))
        f["whole_sentence"] = float(
            span is None or (span.start == 0 and span.end >= len(o.sentence.text.rstrip("。！!")))
        )
        f["items"] = float(len(list_items(o.text))) if q.type == "list" else NAN
        f["echo"] = sum(ch in question for ch in o.text) / max(1, len(o.text))
        title = ctx.index.document(o.sentence).title
        f["title_share"] = terms.coverage(title)
        f["best_coverage"], f["coverage_gap"], f["top_dense"] = best_cov, f["coverage"] - best_cov, top_dense
        around = o.sentence.text + "\n" + _neighbours(ctx, o.sid)
        f["names_missing"] = sum(not matches(n, around) for n in terms.names) / len(terms.names) if terms.names else 0.0
        f["verbs_missing"] = float(bool(terms.verbs) and not any(matches(v, o.sentence.text) for v in terms.verbs))
        f["numbers_missing"] = float(sum(t not in o.sentence.text and t not in title for t in numbers))
        if years:
            printed = file_text(ctx.index, o.sentence.doc)
            f["years_unprinted"] = sum(y not in printed for y in years) / len(years)
        f["candidates"] = float(len(ctx.found))
        f["missing_max"] = max(
            (w * (1 - match_share(t, around + "\n" + title)) for t, w in zip(terms.words, terms.weights)), default=0.0
        )
        if span is not None:
            text = o.sentence.text
            before, after = text[max(0, span.start - 10) : span.start], text[span.end : span.end + 8]
            f["term_before"] = sum(w for t, w in zip(terms.words, terms.weights) if t in before)
            f["term_after"] = sum(w for t, w in zip(terms.words, terms.weights) if t in after)
            if roles:
                f["role_before"] = float(any(r in text[max(0, span.start - 16) : span.start] for r in roles))
            first, again = said_order(text, span)
            f["clause_first"], f["clause_again"] = float(first), float(again)
            if dated:
                f["qualifier_clause"] = float(agreement_of(q, first, again))
        if dated:
            f["event_found"] = float(ctx.event is not None and ctx.event.span is not None)
        f.update(agree)
        out.append([float(f[n]) for n in NAMES])
    return out


def _coverage(ctx: Context, o: Option) -> float:
    # a byline's own line (本报记者 许廷合) holds no word of 采访郑永辉的报道是哪位记者写的: it is judged by the story
    # it signs, named in its headline and subtitle (——访…郑永辉), or a caption by its text (qa.answer.byline)
    if ctx.understood.question.author:
        d = ctx.index.document(o.sentence)
        story = f"{d.title}\n{d.subtitle}" + (f"\n{d.text}" if d.kind == "caption" else "")
        # and the role the byline prints before the name: 通讯员 asked, 通讯员 田苗 and not 记者 许廷合
        role = re.findall(SIGNING_ROLE, o.sentence.text[max(0, o.span.start - ROLE_REACH):o.span.start]) if o.span else []
        story += f"\n{role[-1]}" if role else ""
        return ctx.understood.terms.coverage(story)
    return o.rule.coverage if o.rule else _safe(lambda: coverage(ctx.index, ctx.understood.terms, o.sid))


def _neighbours(ctx: Context, sid: int) -> str:
    s = ctx.index.sentences
    return "\n".join(
        s[k].text
        for k in (sid - 1, sid + 1)
        if 0 <= k < len(s) and s[k].doc == s[sid].doc and s[k].article == s[sid].article
    )


def passages_of(ctx: Context) -> dict[int, Passage]:
    """Each sentence id of the retrieved passages → the best-ranked passage holding it."""
    out: dict[int, Passage] = {}
    for p in sorted(ctx.passages, key=lambda p: p.rank):
        for sid in ctx.index.chunk_sentences[ctx.index.chunk_ids[p.chunk.id]]:
            out.setdefault(sid, p)
    return out


def _typed(q, o: Option) -> bool:
    if o.rule is not None and o.rule.span is not None:
        return True
    if q.type in ("open",):
        return False
    found = find_spans(o.text, q)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(o.text)


def _safe(f) -> float:
    """A rule that breaks on one odd sentence gives no feature, not a broken answer."""
    try:
        v = float(f())
        return v if math.isfinite(v) else NAN
    except Exception:
        return NAN
