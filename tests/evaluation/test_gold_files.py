"""The seed corpus's gold sets hold what they claim: every answerable line's answer stands in a
file it names (spaces aside: the PDF dumps space some digits and names apart), and ids are unique."""
import json
import re
from pathlib import Path

import pytest

from qa.training.fit_sets import SEED_JUDGES

ROOT = Path(__file__).resolve().parents[2]
SEED_SETS = ("gold.jsonl", "gold_holdout.jsonl", "gold_residents.jsonl") + tuple(f"gold_{n}.jsonl" for n in SEED_JUDGES)


@pytest.mark.parametrize("name", SEED_SETS)
def test_every_answer_stands_in_a_file_it_names(name):
    texts = {p.name: re.sub(r"\s", "", p.read_text(encoding="utf-8")) for p in (ROOT / "corpus").glob("*.txt")}
    lines = [json.loads(line) for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len({d["id"] for d in lines}) == len(lines)
    missing = [d["id"] for d in lines if d.get("answers") and d.get("docs")
               and not any(re.sub(r"\s", "", a) in texts[doc] for a in d["answers"] for doc in d["docs"])]
    assert missing == []
    unanswerable = [d for d in lines if d.get("answerable") is False]
    assert all(not d["answers"] for d in unanswerable)
