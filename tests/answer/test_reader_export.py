"""`qa export-reader DIR`: the trained reader as a standard Hugging Face BertForQuestionAnswering
folder, loaded offline by transformers, finds the product's spans. transformers 5 has no
question-answering pipeline any more, so the span is chosen here as that pipeline (and Haystack's
ExtractiveReader) chose it: the highest start + end logit over passage tokens, at most the
reader's MAX_ANSWER_TOKENS long, mapped to characters through the tokenizer's offsets."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qa.answer.reader.windows import MAX_ANSWER_TOKENS
from qa.index.search import search

ROOT = Path(__file__).resolve().parents[2]
# of 100 questions: the product reads in bfloat16 where the CPU has it natively, the export in float32
AGREE = 0.95   # (measured 100/100)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reader-export") / "reader"
    done = subprocess.run([sys.executable, "-m", "qa", "export-reader", str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return folder


def _best_span(tok, model, question: str, text: str) -> tuple[int, int] | None:
    import torch

    enc = tok(question, text, return_offsets_mapping=True, truncation="only_second", max_length=512,
              return_tensors="pt")
    seq, offsets = enc.sequence_ids(0), enc.pop("offset_mapping")[0].tolist()
    with torch.inference_mode():
        out = model(**enc)
    start, end = out.start_logits[0].numpy(), out.end_logits[0].numpy()
    passage = np.array([i for i, part in enumerate(seq) if part == 1])
    if not len(passage):
        return None
    # start + end of every pair i <= j < i + MAX_ANSWER_TOKENS, as one matrix (a Python double loop
    # over ~300 × 300 pairs cost ~10 s over the 100 questions)
    pairs = start[passage][:, None] + end[passage][None, :]
    width = np.arange(len(passage))[None, :] - np.arange(len(passage))[:, None]
    pairs[(width < 0) | (width >= MAX_ANSWER_TOKENS)] = -np.inf
    i, j = np.unravel_index(int(np.argmax(pairs)), pairs.shape)
    return offsets[passage[i]][0], offsets[passage[j]][1]


def test_the_exported_reader_loads_offline_and_finds_the_products_spans(exported, index, reader):
    from transformers import AutoTokenizer, BertForQuestionAnswering

    model, info = BertForQuestionAnswering.from_pretrained(exported, output_loading_info=True)
    assert not any(info.values()), info   # every weight named and used: no head left untrained
    tok = AutoTokenizer.from_pretrained(exported)
    ids = tok("问题", "段落")["input_ids"]   # the training-time template: <s> q </s> ctx </s>
    assert tok.convert_ids_to_tokens(ids).count("</s>") == 2
    questions = [json.loads(line)["question"] for line in (ROOT / "eval/gold.jsonl").open(encoding="utf-8")
                 if line.strip()][:100]
    same = n = 0
    for q in questions:
        passages = search(index, q, 1)
        mine = reader.propose(q, [passages[0].chunk.text]) if passages else []
        if not mine:
            continue
        n += 1
        same += _best_span(tok, model.eval(), q, passages[0].chunk.text) == (mine[0].start, mine[0].end)
    assert n >= 90 and same >= AGREE * n, (same, n)
