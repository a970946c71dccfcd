"""`qa serve --workers 2`: both workers answer, a whole conversation (follow-up, 👎 with a comment)
works in the browser whichever worker gets each event, the feedback database takes writers from
several processes at once, and the console's build state is the same from every worker."""
from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import httpx
import pytest

from qa.web.feedback import DB_NAME, FeedbackStore
from tests.conftest import running_server

QUESTION = "许昌哪年首次获评全国文明城市？"


@pytest.fixture(scope="module")
def workers_app(settings, tmp_path_factory):
    # the rule reader: the workers' state is the point here, and two processes start faster without torch
    with running_server(settings, tmp_path_factory, QA_WORKERS="2", QA_READER="rules") as app:
        yield app


def test_both_workers_answer_the_same(workers_app):
    url, _ = workers_app
    seen, answers = set(), set()
    with httpx.Client(timeout=30) as c:
        for k in range(40):   # new connections: the kernel hands each to either worker
            seen.add(httpx.get(url + "/api/health", timeout=10).json()["worker"])
            if k < 20:   # under the rate limit (30 questions a minute, both workers together): a run of
                # 30 connections handed to one worker had the 31st question refused
                answers.add(c.post(url + "/api/ask", json={"question": QUESTION}).json()["answer"])
            if len(seen) == 2 and len(answers) == 1 and k > 10:
                break
    assert len(seen) == 2, f"one worker answered everything: {seen}"
    assert answers == {"2015年"}


def test_the_rate_limit_counts_both_workers_together(workers_app):
    # the fixture keeps the default 30 questions a minute; a client of its own through
    # X-Forwarded-For (trusted from loopback), each question on a new connection, 8 at a time
    from concurrent.futures import ThreadPoolExecutor

    url, _ = workers_app
    me = {"X-Forwarded-For": "10.77.0.1"}

    def ask(_):
        r = httpx.post(url + "/api/ask", json={"question": QUESTION}, headers=me, timeout=30)
        return r.status_code, httpx.get(url + "/api/health", timeout=10).json()["worker"]

    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(ask, range(40)))
    codes = [code for code, _ in got]
    assert len({w for _, w in got}) == 2
    assert (codes.count(200), codes.count(429)) == (30, 10)   # per worker it would be up to 60


def test_the_status_panel_counts_what_every_worker_answered(workers_app):
    from qa.web.auth import COOKIE, set_password

    url, data = workers_app
    set_password(data, "a long enough password")   # the console reads it per request: no restart
    login = httpx.post(url + "/admin/login", data={"password": "a long enough password"}, timeout=10)
    cookies = {COOKIE: login.cookies[COOKIE]}

    def today() -> int:   # a new connection each time: either worker answers
        return httpx.get(url + "/admin/api/status", cookies=cookies, timeout=10).json()["today"]["answers"]

    before = {today() for _ in range(8)}
    assert len(before) == 1   # per worker, the two would differ
    for _ in range(12):   # new connections again, a client of its own (under the rate limit)
        assert httpx.post(url + "/api/ask", json={"question": QUESTION}, headers={"X-Forwarded-For": "10.77.0.2"},
                          timeout=30).status_code == 200
    assert {today() for _ in range(8)} == {before.pop() + 12}


def _allow_many(folder: str, count: int, out) -> None:
    from qa.web.ratelimit import RateLimit
    from qa.web.counters import SharedWindows

    limit = RateLimit("25/60", SharedWindows(Path(folder) / "counters.sqlite3"))
    out.put(sum(limit.allow("10.0.0.9") for _ in range(count)))


def test_processes_share_one_rate_limit(tmp_path):
    from qa.web.counters import open_counters

    open_counters(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_allow_many, args=(str(tmp_path), 20, out)) for _ in range(4)]
    for p in procs:
        p.start()
    allowed = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(60)
    assert sum(allowed) == 25, allowed   # 80 tries, 25 places, never one more


def test_a_conversation_across_workers(workers_app):
    from tests.support.browser import ARGS, CHROMIUM, REPLY, ask, require_chromium

    require_chromium()   # skips (fails on CI) without Chromium
    from playwright.sync_api import sync_playwright

    url, data = workers_app
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            _converse(browser.new_page(viewport={"width": 1280, "height": 900}), url, data, REPLY, ask)
        finally:
            browser.close()


def _converse(page, url, data, REPLY, ask) -> None:
    page.goto(url + "/")
    ask(page, QUESTION)
    for n in range(1, 4):   # each follow-up needs the previous question, kept in the page
        ask(page, "那第二次呢？" if n % 2 else QUESTION, n)
    texts = [page.locator(REPLY).nth(k).inner_text() for k in range(4)]
    assert "2015年" in texts[0] and "2017年" in texts[1] and "理解为" in texts[1]
    assert "2015年" in texts[2] and "2017年" in texts[3]
    page.locator("#qa-chat").get_by_role("button", name="踩").nth(3).click()
    page.locator("#qa-comment textarea").fill("再问一次")
    page.get_by_role("button", name="提交反馈").click()
    page.locator("#qa-comment").wait_for(state="hidden")
    rows = FeedbackStore(data / DB_NAME).disliked()
    assert [(r["asked"], r["comment"]) for r in rows] == [("那第二次呢？", "再问一次")]


def _rate_many(path: str, writer: int, count: int) -> None:
    store = FeedbackStore(Path(path))
    answer = {"question": "q", "answer": "a", "answer_type": "open", "confidence": 0.5, "citations": []}
    for k in range(count):
        store.rate(f"w{writer}-{k}", k % 2 == 0, {**answer, "question": f"问题{writer}-{k}"})
        store.rate("shared-turn", writer % 2 == 0, answer)   # every writer changes one row too


def test_feedback_from_several_processes_at_once(tmp_path):
    from qa.web.feedback import open_store

    store = open_store(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_rate_many, args=(str(store.path), w, 60)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    counts = store.counts()
    assert sum(counts.values()) == 4 * 60 + 1, counts


def _open_at(folder: str, start: float, out) -> None:
    from qa.web.feedback import open_store

    time.sleep(max(0.0, start - time.time()))   # all processes open the new file in the same instant
    out.put(open_store(Path(folder)).key)


def test_servers_starting_together_open_one_new_database(tmp_path):
    # two replicas sharing QA_DATA start at once: neither may fail with "database is locked",
    # and all seal the chat's answers with one key
    ctx = multiprocessing.get_context("spawn")
    for round_ in range(3):
        folder = tmp_path / f"data{round_}"
        start, out = time.time() + 3, ctx.Queue()
        procs = [ctx.Process(target=_open_at, args=(str(folder), start, out)) for _ in range(6)]
        for p in procs:
            p.start()
        keys = {out.get(timeout=60) for _ in procs}
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0] * 6
        assert len(keys) == 1 and len(keys.pop()) == 32
        assert sorted(f.name for f in folder.iterdir() if "key" in f.name) == ["feedback.key"]
        assert FeedbackStore(folder / DB_NAME).counts() == {"up": 0, "down": 0}


def test_a_rating_is_recorded_only_for_an_answer_this_server_sealed(tmp_path):
    from qa.web.feedback import open_store

    one, two = open_store(tmp_path), open_store(tmp_path)   # two workers of one server
    answer = {"question": "许昌哪年首次获评全国文明城市？", "answer": "2015年", "answer_type": "date",
              "confidence": 0.8093, "citations": [{"doc": "000_798ce30fdb9aa4e5.txt"}]}
    seal = one.seal("t1", answer)
    assert two.sealed("t1", answer, seal)   # any worker accepts what another showed
    assert two.sealed("t1", json.loads(json.dumps(answer)), seal)   # through the page's JSON and back
    assert not two.sealed("t2", answer, seal)
    assert not two.sealed("t1", {**answer, "answer": "1999年"}, seal)
    assert not two.sealed("t1", {**answer, "citations": [{"doc": "another.txt"}]}, seal)
    assert not two.sealed("t1", answer, seal[:-1] + "0" if seal[-1] != "0" else seal[:-1] + "1")
    assert not two.sealed("t1", {"citations": [1]}, seal) and not two.sealed("t1", answer, None)
    assert not FeedbackStore(one.path).sealed("t1", answer, seal)   # no key: nothing is ever accepted


def test_build_state_is_shared_between_workers(settings, tmp_path):
    from qa.web.live import LiveIndex, Rebuilder
    from qa.index.open import open_index
    from tests.conftest import seed_copy

    s = seed_copy(settings, tmp_path)
    index = open_index(s, auto_build=False)
    mine, other = Rebuilder(LiveIndex(s, index)), Rebuilder(LiveIndex(s, index))   # two workers' views
    assert mine.start()
    assert other.state()["running"] and not other.start()   # the other worker sees it and starts none
    deadline = time.time() + 120
    while other.state()["running"] and time.time() < deadline:
        time.sleep(0.2)
    state = other.state()
    assert not state["running"] and state["error"] is None and state["finished"]
