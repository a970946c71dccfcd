"""The Milvus retriever backend (`QA_BACKEND=milvus`): `MilvusRetriever(index).search(question, k)`.

One Milvus collection holds both halves of the hybrid search: the dense vectors of our embedder
(the same ones FAISS gets) and BM25 over jieba terms, computed by the engine from a text field.
The engine fuses the two rankings with RRF (`hybrid_search`), so nothing is fused here. The same
client code talks to milvus-lite (a local `*.db` folder, run inside this process) and to a Milvus
server or cluster (`http://host:19530`). The collection is written by `qa.index.milvus_load`.

Lexical terms: the engine analyzes the stored text with jieba in search mode, our stop words and
our colloquial words (`milvus_load.analyzer_params`), and it analyzes the query text the same way.
The answer stage chooses which words of a question count (stop words and question words dropped,
a quoted name kept whole, the previous turn's words for a follow-up), so we send those terms, not
the question: each term as a word of its own, separated by spaces. jieba's search mode gives a
word and its parts (文明城市 → 文明, 城市, 文明城市), and our terms hold the parts already; the
engine weighs a query term by how often it occurs in the query, so a part sent on its own would
count twice. We send only the terms that are not part of a longer one and let the engine's jieba
give the parts back: the same words, each once, as the default backend scores with bm25s.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.config import Settings
from qa.errors import QAError
from qa.index.open import Index
from qa.index.retriever import fused_scale
from qa.index.vectors import HNSW_EF_SEARCH   # the same search depth as the FAISS graph (only above its FLAT_LIMIT)
from qa.models import Passage

CANDIDATES = 50          # depth of each ranked list the engine fuses: as in qa.index.search
LITE_FILE = "milvus.db"  # the default engine: a milvus-lite database inside the index version folder
DENSE, SPARSE, TEXT, KEY = "dense", "sparse", "text", "pos"
INSTALL = "install them with `pip install -e '.[milvus]'` (pymilvus and milvus-lite)"


@dataclass(frozen=True)
class MilvusEngine:
    """An open connection to the collection of one index version."""
    client: object = None    # a pymilvus MilvusClient
    collection: str = ""
    uri: str = ""
    hnsw: bool = False


def engine_uri(settings: Settings, folder: Path) -> str:
    """The engine of an index version: QA_MILVUS_URI, or a milvus-lite database inside the version folder,
    which then appears, moves and goes with the folder in the atomic version swap of qa.index.store."""
    return settings.milvus_uri or str(folder / LITE_FILE)


def connect(uri: str):
    """A pymilvus client for `uri`; milvus-lite starts in this process for a `*.db` path."""
    try:
        from pymilvus import MilvusClient
    except ImportError:
        raise QAError(f"the milvus backend needs pymilvus and milvus-lite, which are not installed; {INSTALL}, "
                      "or use QA_BACKEND=faiss") from None
    if uri.endswith(".db"):
        try:
            import milvus_lite  # noqa: F401  (pymilvus needs it for a local file)
        except ImportError:
            raise QAError(f"a local Milvus database ({uri}) needs milvus-lite, which is not installed; {INSTALL}") from None
    # pymilvus and milvus-lite log each failure with its traceback; we say what failed in one sentence instead
    for name in ("pymilvus", "milvus_lite"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        # milvus-lite's in-process gRPC server answers pymilvus' 10 s keepalive pings on an idle channel with
        # GOAWAY too_many_pings (logged by gRPC); a server in this process needs no keepalive at all
        lite = {"grpc_options": {"grpc.keepalive_time_ms": 2**31 - 1, "grpc.keepalive_permit_without_calls": False}}
        return MilvusClient(uri=uri, timeout=10, **(lite if uri.endswith(".db") else {}))
    except Exception as err:   # pymilvus raises MilvusException, gRPC or OS errors: all mean "not reachable"
        if uri.endswith(".db"):
            # milvus-lite locks its folder: one process at a time (a second `qa` process, or several workers)
            raise QAError(f"cannot open the milvus-lite database {uri} ({engine_reason(err)}); milvus-lite serves one process "
                          "at a time, so stop the other `qa` process using it, or run a Milvus server and set "
                          "QA_MILVUS_URI=http://host:19530") from None
        raise QAError(f"cannot reach the Milvus engine at {uri} ({engine_reason(err)}); start it, or set QA_MILVUS_URI "
                      "to a running one") from None


def release(uri: str) -> None:
    """Stop milvus-lite's in-process server for a local database (a server address needs nothing):
    the build closes the one it wrote before its version folder is renamed."""
    if uri.endswith(".db"):
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(uri)


def open_milvus(settings: Settings, folder: Path, manifest: dict, chunks: int) -> MilvusEngine:
    """Connect to the collection the manifest names and check it holds this index's chunks."""
    entry = manifest.get("milvus") or {}
    collection = entry.get("collection", "")
    uri = settings.milvus_uri or entry.get("uri") or str(folder / LITE_FILE)
    client = connect(uri)
    try:
        rows = int(client.get_collection_stats(collection).get("row_count", -1)) \
            if client.has_collection(collection) else None
        if rows is not None:
            client.load_collection(collection)   # a server keeps it loaded (then this is cheap); milvus-lite does not
    except Exception as err:
        raise QAError(f"the Milvus engine at {uri} did not answer ({engine_reason(err)}); check it is running") from None
    if rows is None:
        raise QAError(f"the Milvus engine at {uri} has no collection {collection!r} for the index in {settings.index}; "
                      f"rebuild it with `qa build --backend milvus`")
    if rows != chunks:
        raise QAError(f"the Milvus collection {collection!r} at {uri} holds {rows} chunks, the index in {settings.index} "
                      f"{chunks}; rebuild it with `qa build --backend milvus`")
    return MilvusEngine(client, collection, uri, bool(entry.get("hnsw")))


def query_text(terms: list[str]) -> str:
    """The terms as the engine's analyzer should see them: each once, parts left to jieba (module docstring)."""
    unique = list(dict.fromkeys(t for t in terms if t.strip()))
    return " ".join(t for t in unique if not any(t != o and t in o for o in unique))


@dataclass(frozen=True)
class MilvusRetriever:
    index: Index

    def search(self, question: str, k: int, terms: list[str] | None = None,
               query_vector: np.ndarray | None = None) -> list[Passage]:
        from pymilvus import AnnSearchRequest, RRFRanker

        index, s = self.index, self.index.settings
        engine: MilvusEngine = index.engine
        terms = index.tokenizer.terms(question) if terms is None else terms
        depth = min(len(index.chunks), max(CANDIDATES, k))
        text = query_text(terms)
        requests, qv = [], None
        # BM25 first: the engine's RRF keeps the first list's order among equal scores, as our fusion does
        if s.bm25_weight > 0 and text:
            requests.append(AnnSearchRequest([text], SPARSE, {"metric_type": "BM25"}, limit=depth))
        if s.dense_weight > 0:
            qv = index.embedder.query([question])[0] if query_vector is None else query_vector
            params = {"metric_type": "IP", **({"params": {"ef": max(HNSW_EF_SEARCH, depth)}} if engine.hnsw else {})}
            requests.append(AnnSearchRequest([np.asarray(qv, dtype=np.float32).tolist()], DENSE, params, limit=depth))
        if not requests:
            return []
        try:
            hits = engine.client.hybrid_search(engine.collection, requests, RRFRanker(s.rrf_k), limit=k,
                                               output_fields=[DENSE])[0]
        except Exception as err:
            raise QAError(f"the Milvus engine at {engine.uri} did not answer ({engine_reason(err)}); check it is running") from None
        # the same 0..1 scale as the default: what the answer stage and the reader's calibration read
        best = fused_scale(s.rrf_k, (s.bm25_weight > 0) + (s.dense_weight > 0))
        out = []
        for rank, hit in enumerate(hits, 1):
            vector = hit["entity"].get(DENSE) if "entity" in hit else hit.get(DENSE)
            cosine = float(np.dot(qv, np.asarray(vector, dtype=np.float32))) if qv is not None and vector is not None else 0.0
            # the engine reports the fused score only: BM25 score and per-list ranks are unknown (0 / None)
            out.append(Passage(index.chunks[int(hit[KEY])], float(hit["distance"]) / best, rank, 0.0, cosine, None, None))
        return out


def engine_reason(err: Exception) -> str:
    message = getattr(err, "message", None) or str(err) or type(err).__name__
    return " ".join(str(message).split())[:200]
