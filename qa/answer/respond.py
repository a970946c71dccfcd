"""The answer object. Entry point: `answer(index, question, previous, reader)`.

understand (qa.answer.understand) → candidates of the rules and the reader (options) → features
→ scorer → decide (qa.answer.decide) → here: the `Answer` with its citations, conflicts and
confidence, or an honest `answer: null` with the closest passages.
"""
from __future__ import annotations

import logging
import os
import re
import time
from typing import Any

from qa.answer.blank_fill import fill
from qa.answer.citations import answer_citation, context_citations, written
from qa.answer.conflicts import conflicts, support
from qa.answer.decide import Considered, consider
from qa.answer.options import Option
from qa.answer.followup import asks_alone, followup_fragment, resolve_followup, with_topic
from qa.answer.in_place import word_in_place
from qa.answer.list_item import asked_place, nth_item
from qa.answer.reader.serving import Reader
from qa.answer.scorer import Scorer, load_scorer
from qa.answer.understand import normalised
from qa.errors import QAError
from qa.index.record import Index
from qa.limits import checked
from qa.models import Answer, Conflict, Passage

SHORT_TURN = 10           # characters: a short question after another may lean on it
# a turn that opens on a person pointed back at (他是干啥的): the previous answer, when that was a person; or on the
# year it answered (那一年最先创建的都有啥城市称号 after …从哪一年开始…: read as a follow-up, 那 was cut off and the
# year lost, 许昌是从开始搞…，一年最先创建的… refused)
PRONOUN = re.compile(r"^(?:那)?(?:他|她)(?![们俩])")
POINTED_YEAR = re.compile(r"^(?:那|这)一?年(?![代级])")
SHOWN_OPTIONS = 5         # candidates listed in `Answer.decision` (for `qa eval` reports and logs)

log = logging.getLogger(__name__)


def answer(index: Index, question: str, previous: str | None = None, reader: Reader | None = None,
           scorer: Scorer | None = None) -> Answer:
    """The answer object for `question` (a follow-up of `previous`); with a trained `reader`
    (`load_reader`) its spans compete with the rules'. Bad input raises InputError, an answer
    scorer that does not fit this version QAError; nothing else escapes: a bug of ours gives an
    honest non-answer, logged, with `errors` set."""
    started = time.perf_counter()
    asked, previous = checked(question, previous)
    scorer = scorer or load_scorer()
    try:
        a = _answer(index, asked, previous, started, reader, scorer)
        log.info("answered in %.0f ms by %s: %r → %r (%s, confidence %.2f)", a.timings_ms.get("total", 0.0),
                 a.answered_by or "nobody", asked[:60], (a.answer or "")[:40], a.question_type, a.confidence)
        return a
    except QAError:
        raise
    except Exception as err:
        log.error("answering %r failed: %s: %s", asked, type(err).__name__, err, exc_info=bool(os.environ.get("QA_DEBUG")))
        return Answer(asked, None, "none", 0.0, (), {"total": (time.perf_counter() - started) * 1000},
                      errors=(f"{type(err).__name__}: {err}",))


def threshold(index: Index, scorer: Scorer, r: Considered) -> float:
    """QA_MIN_CONFIDENCE when set, else the threshold fitted for the model that decided."""
    given = index.settings.min_confidence
    return given if given is not None else scorer.models[r.looked.model].threshold


def _answer(index: Index, asked: str, previous: str | None, started: float, reader: Reader | None,
            scorer: Scorer) -> Answer:
    simple, previous = normalised(index, asked, previous)
    if previous and asked_place(simple):   # 第二个是啥 after a list: its item (qa.answer.list_item)
        item = nth_item(consider(index, previous, "", reader, scorer), simple)
        if item is not None and item.confidence >= threshold(index, scorer, item):
            return build(index, asked, item, threshold(index, scorer, item),
                         {**item.timings_ms, "total": (time.perf_counter() - started) * 1000}, scorer)
    resolved = resolve_followup(simple, previous, index)
    r = consider(index, resolved, followup_fragment(simple, resolved), reader, scorer)
    if previous and resolved == simple and len(simple) <= SHORT_TURN and r.confidence < threshold(index, scorer, r):
        # "增速排第几？" may lean on the last turn or stand alone: the other reading when only it answers
        other = word_in_place(simple, previous, index) or with_topic(simple, previous)   # 河南排第几: 河南 for 全国
        alt = consider(index, other, followup_fragment(simple, other), reader, scorer)
        if alt.confidence >= threshold(index, scorer, alt):
            r = alt
    elif resolved != simple and asks_alone(simple) and r.confidence < threshold(index, scorer, r):
        # and the other way: 那个王建国是做什么工作的？ reads as a follow-up (那…) but asks a question of its own
        # (not 那2019年呢？, which alone asks nothing and was answered with a sentence naming 2019年)
        alone = consider(index, simple, "", reader, scorer)
        if alone.confidence >= threshold(index, scorer, alone):
            r = alone
    named = _named_back(index, simple, previous, reader, scorer)
    if named:
        # 他是干啥的？ after “…”这话是谁说的？: 他 is the previous turn's answer, which its words never name. The
        # surer reading wins, not only over a refusal: …会议是由主持的，他是什么职务 (the resolved turn) was answered
        # with the reader's 史根治主持 马正兰刘保新 at 0.28, 史根治是什么职务 with 市长 at 0.95
        back = consider(index, named, "", reader, scorer)
        if back.confidence >= threshold(index, scorer, back) and back.confidence > r.confidence:
            r = back
    timings = {**r.timings_ms, "total": (time.perf_counter() - started) * 1000}
    return build(index, asked, r, threshold(index, scorer, r), timings, scorer)


def _named_back(index: Index, simple: str, previous: str | None, reader: Reader | None, scorer: Scorer) -> str | None:
    """The turn with its opening 他 / 她 replaced by the person the previous question is answered with (asked
    who, and answered), or its 那一年 by the year it is answered with (asked when); None otherwise."""
    pointer, kind = next(((p, k) for p, k in ((PRONOUN, "person"), (POINTED_YEAR, "date")) if p.match(simple)), (None, ""))
    if not previous or pointer is None:
        return None
    before = consider(index, previous, "", reader, scorer)
    if before.understood.question.type != kind or before.chosen is None or \
            before.confidence < threshold(index, scorer, before):
        return None
    said = before.chosen.text
    if kind == "date":
        year = re.match(r"\d{4}年", said)
        if year is None:
            return None
        said = year.group(0)
    return pointer.sub(said, simple, count=1)


def build(index: Index, asked: str, r: Considered, minimum: float, timings: dict, scorer: Scorer) -> Answer:
    """The answer object of a decided reading: its best candidate when as probable as `minimum`."""
    q, o, p = r.understood.question, fill(r.understood.shown, r.chosen), r.confidence   # a blank: what fills it
    model = scorer.models[r.looked.model]
    shown = sorted(range(len(r.looked.options)), key=lambda k: (not r.looked.pickable[k], -r.looked.ranks[k]))[:SHOWN_OPTIONS]
    decision = {"model": r.looked.model, "read": r.full is not None, "threshold": round(minimum, 4),
                "options": [{"text": r.looked.options[k].text[:80], "source": r.looked.options[k].source,
                             "score": round(r.looked.scores[k], 4), "rank_score": round(r.looked.ranks[k], 4),
                             "pickable": r.looked.pickable[k],
                             "probability": round(model.probability(r.looked.scores[k], r.looked.rows[k]), 4)} for k in shown]}
    common: dict[str, Any] = dict(passages=tuple(_rerank(index, r, o)), question_type=q.type,
                                  resolved_question=r.understood.shown or r.understood.text,
                                  errors=r.failed, decision=decision,
                                  score=r.looked.scores[r.looked.best] if o and r.looked.best is not None else 0.0)
    if o is None or p < minimum:
        return Answer(asked, None, "none", p, tuple(context_citations(index, list(r.passages), r.understood.terms, 3)),
                      timings, best_guess=o.text if o else None, **common)

    def probability(c) -> float:   # a rules candidate's probability when it competed, on the same scale
        k = next((k for k, x in enumerate(r.looked.options) if x.rule is c), None)
        return model.probability(r.looked.scores[k], r.looked.rows[k]) if k is not None else 0.0

    first = answer_citation(index, o.sentence, o.span, p)
    more = [answer_citation(index, c.sentence, c.span, probability(c)) for c in support(o.rule, list(r.found))] if o.rule else []
    rivals = conflicts(q, o.rule, list(r.found)) if o.rule else []
    return Answer(
        asked,
        written(index, o.sentence, o.span),
        q.type,
        p,
        (first, *more),
        timings,
        answer_value=o.span.normalised if o.span else None,
        conflicts=tuple(
            Conflict(written(index, c.sentence, c.span), answer_citation(index, c.sentence, c.span, probability(c)))
            for c in rivals
        ),
        answered_by="rules" if o.rule else "reader",
        **common,
    )


def _rerank(index: Index, r: Considered, chosen: Option | None) -> list[Passage]:
    """The passage holding the answer first, then in retrieval order. Each keeps its `rank`."""

    def holds(p: Passage) -> bool:
        return chosen is not None and chosen.sid in index.chunk_sentences[index.chunk_ids[p.chunk.id]]

    return sorted(r.passages, key=lambda p: (not holds(p), p.rank))
