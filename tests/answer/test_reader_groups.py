"""Reading a question's retrieved passages together: the training groups point at the annotated
answer in the passages, the shared-normalisation loss is the one softmax it says, and a reader
trained that way serves one no-answer score for all passages of a question."""
import json
import math
import shutil

import pytest

from tests.conftest import ROOT

torch = pytest.importorskip("torch")

SAMPLE = ROOT / "tests" / "data" / "reading_sample"


def test_the_shared_loss_is_one_softmax_over_every_window_of_a_question():
    from train.groups import shared_loss

    low = torch.finfo(torch.float32).min
    start = torch.tensor([[0.5, 1.0, 2.0, low], [0.1, 3.0, 0.2, 0.4], [1.5, 0.0, 0.3, 0.7]])
    end = torch.tensor([[0.2, 0.0, 1.0, low], [0.3, 0.5, 2.5, 0.1], [0.9, 0.4, 0.0, 0.2]])
    # question one: windows 0 and 1, the answer in window 1 at tokens 1..2; question two: window 2, not read
    loss = shared_loss(start, end, [2, 1], [0, 1, 0], [0, 2, 0])

    def nll(logits, picks):
        flat = [float(x) for row in logits for x in row if x > low]
        z = math.log(sum(math.exp(x) for x in flat))
        return z - math.log(sum(math.exp(float(logits[w][t])) for w, t in picks))

    one = (nll(start[:2], [(1, 1)]) + nll(end[:2], [(1, 2)])) / 2
    two = (nll(start[2:], [(0, 0)]) + nll(end[2:], [(0, 0)])) / 2   # all on <s>: the shared "no answer"
    assert float(loss) == pytest.approx((one + two) / 2, rel=1e-5)


def test_a_question_without_its_answer_puts_the_mass_on_every_windows_no_answer_together():
    from train.groups import shared_loss

    start = torch.tensor([[2.0, 0.0, 0.0], [2.0, 0.0, 0.0]])
    end = start.clone()
    # both <s> tokens share the mass: the loss is the same as one window with twice the weight on <s>
    both = float(shared_loss(start, end, [2], [0, 0], [0, 0]))
    z = math.log(2 * math.exp(2.0) + 4)
    assert both == pytest.approx(z - math.log(2 * math.exp(2.0)), rel=1e-6)


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory):
    from qa.config import load_settings
    from qa.index.build import build
    from qa.index.open import open_index

    base = tmp_path_factory.mktemp("groups")
    shutil.copytree(SAMPLE, base / "corpus")
    s = load_settings({"corpus": base / "corpus", "index": base / "index", "data": base / "data"}, env={})
    build(s)
    return open_index(s, auto_build=False)


def test_every_training_answer_stands_where_the_groups_say_in_the_file_and_in_its_chunk(sample_index):
    """Over the sample's own SQuAD articles (tests/data/reading_sample_squad.json: CMRC 2018 trial, CC BY-SA
    4.0, and DRCD dev, CC BY-SA 3.0, as pinned in ../shared/datasets, by their numbers there)."""
    from train.retrieved_groups import article_ranges, place

    squad = json.loads((ROOT / "tests" / "data" / "reading_sample_squad.json").read_text(encoding="utf-8"))
    placed = 0
    for name in ("cmrc-trial", "drcd-dev"):
        numbers = {int(f.stem[-4:]) for f in SAMPLE.glob(f"{name}-*.txt")}
        assert {int(n) for n in squad[name]} == numbers
        rows = list(article_ranges(name, ((int(n), a) for n, a in squad[name].items()), lambda n: True))
        assert len(rows) >= 10
        for file, question, a, b in rows:
            raw = (SAMPLE / file).read_text(encoding="utf-8")
            assert question and 0 <= a < b <= len(raw)
            for chunk in (c for c in sample_index.chunks if c.doc == file):
                at = place(sample_index, chunk, a, b)
                if at is not None:
                    placed += 1
                    assert "".join(chunk.text[at[0]:at[1]].split()) == "".join(raw[a:b].split())
    assert placed >= 20


def test_a_reader_trained_with_one_no_answer_serves_one_for_all_passages(index, reader):
    from qa.answer.reader.serving import Reader
    from qa.index.search import search

    question = "许昌哪年首次获评全国文明城市？"
    texts = [p.chunk.text for p in sorted(search(index, question, 8), key=lambda p: p.rank)[:3]]
    alone = reader.spans(question, texts, 3)
    shared = Reader(reader.c, reader.tokenizer, reader.model, {**reader.meta, "null": "shared"}, 0.0).spans(question, texts, 3)
    assert len({p.null for p in shared}) == 1 and len({p.null for p in alone}) > 1
    assert shared[0].null >= max(p.null for p in alone)
    # the same spans with the same scores: only the no-answer side is read across the passages
    assert sorted((p.text_index, p.start, p.end, p.score) for p in shared) == \
        sorted((p.text_index, p.start, p.end, p.score) for p in alone)
