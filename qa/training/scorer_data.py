"""Training rows for the answer scorer: every gold question answered up to the decision, each
candidate with its features and whether it is right. Entry point: `collect(index, gold, reader, name)`.

The rows come from the serving code itself (`qa.answer.decide.consider`, with the reader always
reading), so features are computed the same way in training and serving. A candidate is right as
`qa eval` counts an answer right (it holds an accepted answer and is short); its target is the
mean of that and its character F1, so of two right spans the closer one scores higher.
Cached per set in JSON Lines with what it was computed from (index version, gold file, features).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from qa.files import replacing
from qa.answer.decide import Looked, consider
from qa.answer.features import NAMES
from qa.answer.followup import followup_fragment, resolve_followup
from qa.answer.reader.serving import Reader
from qa.answer.understand import normalised
from qa.errors import QAError
from qa.evaluation.evaluate import GoldItem, is_correct
from qa.evaluation.metrics import f1
from qa.index.record import Index
from qa.limits import checked


LABELS = "4"    # how candidates are made and labelled: a change here recollects every set (4: rows say which may be picked)
SPAN = "span"   # judged as a typed answer is: it holds an accepted answer and is at most about twice as long


@dataclass(frozen=True)
class Look:
    """One model's candidates for one question: feature rows, targets, right or not, texts, and
    whether each may be the pick (`qa.answer.decide.pickable`: every one is fitted, not every one is picked)."""
    rows: list[list[float]]
    target: list[float]
    right: list[bool]
    exact: list[bool]
    f1: list[float]
    texts: list[str]
    pickable: list[bool]


@dataclass(frozen=True)
class QuestionRows:
    set: str                  # which gold set (dev, residents, cmrc-calibration, neg:…)
    id: str
    question: str
    answerable: bool
    weight: float             # how much it counts in fitting (cross-corpus negatives less)
    rules: Look
    full: Look
    answers: tuple[str, ...] = ()
    qtype: str = ""           # how an answer is judged right (the gold type, or "span" for a reading set's)

    def to_dict(self) -> dict:
        def look(x: Look) -> dict:   # NaN (a feature a source did not give) as JSON null
            return {**x.__dict__, "rows": [[None if v != v else v for v in r] for r in x.rows]}
        return {"set": self.set, "id": self.id, "question": self.question, "answerable": self.answerable,
                "weight": self.weight, "rules": look(self.rules), "full": look(self.full), "answers": list(self.answers),
                "qtype": self.qtype}

    @staticmethod
    def from_dict(d: dict) -> QuestionRows:
        nan = float("nan")
        def look(x):
            return Look([[nan if v is None else v for v in r] for r in x["rows"]], x["target"], x["right"],
                        x["exact"], x["f1"], x["texts"], x["pickable"])
        return QuestionRows(d["set"], d["id"], d["question"], d["answerable"], d["weight"], look(d["rules"]), look(d["full"]),
                            tuple(d.get("answers", ())), d.get("qtype", ""))


def collect(index: Index, gold: list[GoldItem], reader: Reader, name: str, weight: float = 1.0,
            negative: bool = False, progress=None, verify: bool = False) -> list[QuestionRows]:
    """Rows for every question of `gold` over `index`; `negative`: asked of a corpus that cannot
    answer them (another corpus's questions, or the same corpus without the articles that answer
    them), so no candidate is right; `verify`: a question one of whose candidates still holds an
    accepted answer is left out (the fact is told elsewhere too, so it is no negative)."""
    by_id = {g.id: g for g in gold}
    understood: dict[str, str] = {}   # each question as read (qa.evaluation.evaluate passes the same)
    out = []
    for n, item in enumerate(gold, 1):
        prev = understood.get(item.after, by_id[item.after].question) if item.after in by_id else None
        try:
            asked, prev = checked(item.question, prev)
        except QAError:
            continue
        simple, prev = normalised(index, asked, prev)
        resolved = resolve_followup(simple, prev, index)
        understood[item.id] = resolved
        r = consider(index, resolved, followup_fragment(simple, resolved), reader, None)
        answerable = item.answerable and not negative
        qtype = item.type or SPAN   # a reading set's answers are short spans, whatever the question's form
        if verify and any(is_correct(o.text, item.answers, qtype) for look in (r.rules, r.full) if look
                          for o in look.options):
            continue
        # with no scorer, consider always reads, except a 第n次 beyond the events found (第五次 of three):
        # nothing is offered and nothing read, so both looks are empty, as in serving
        full = r.full if r.full is not None else r.rules
        out.append(QuestionRows(name, item.id, item.question, answerable, weight,
                                _look(r.rules, item, answerable, qtype), _look(full, item, answerable, qtype),
                                item.answers, qtype))
        if progress:
            progress(n, len(gold))
    return out


def _look(looked: Looked, item: GoldItem, answerable: bool, qtype: str) -> Look:
    right, exact, f1s = [], [], []
    for o in looked.options:
        e, f = f1(o.text, item.answers) if answerable else (False, 0.0)
        right.append(answerable and is_correct(o.text, item.answers, qtype))
        exact.append(e)
        f1s.append(f)
    target = [(float(r) + f) / 2 for r, f in zip(right, f1s)]
    return Look([list(r) for r in looked.rows], target, right, exact, f1s, [o.text for o in looked.options],
                list(looked.pickable))


def code_digest() -> str:
    """What every set's rows depend on alike: the code that computes them (every module of the answer
    stage: a changed rule changes its features; and the question's tokenizer, whose stop words decide
    its terms) and the shipped reader's weights (a retrained reader proposes other spans). Read once
    per fit: the weights are 43 MB."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for module in [*sorted((package / "answer").rglob("*.py")), package / "index" / "tokens.py"]:
        h.update(module.read_bytes())
    for trained in sorted((package / "answer" / "reader" / "trained").glob("reader.*")):
        h.update(trained.read_bytes())
    return h.hexdigest()


def cache_key(index: Index, gold_path: Path, name: str, code: str) -> str:
    """What one set's rows depend on: `code_digest()`, the index version, the gold file, the
    features, the set."""
    h = hashlib.sha256(code.encode())
    h.update(str(index.folder.resolve()).encode())   # one folder per built version
    h.update(gold_path.read_bytes())
    h.update("|".join(NAMES).encode())
    h.update(name.encode())
    h.update(LABELS.encode())
    return h.hexdigest()[:16]


def save(path: Path, key: str, rows: list[QuestionRows]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"key": key}) + "\n")
        for r in rows:
            f.write(json.dumps(r.to_dict(), ensure_ascii=False, allow_nan=False) + "\n")


def load(path: Path, key: str) -> list[QuestionRows] | None:
    """The cached rows, or None when missing or computed from something else."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        if json.loads(lines[0]).get("key") != key:
            return None
        return [QuestionRows.from_dict(json.loads(x)) for x in lines[1:]]
    except (OSError, ValueError, KeyError, IndexError):
        return None
