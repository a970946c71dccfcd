"""The operator console without a browser: login, CSRF, uploads, rebuild while serving, feedback
into gold lines, and the public rate limit. A copy of the seed corpus and index per module."""
import dataclasses
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qa.index.build import build
from qa.web.auth import COOKIE, set_password
from qa.web.feedback import DB_NAME, FeedbackStore
from qa.web.server import create_app
from tests.conftest import seed_copy
from tests.support.articles import FESTIVAL

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"
SEED_QUESTION = "许昌哪年首次获评全国文明城市？"
# An article of our own: only it says when the cycling festival opens and who organises it.
FESTIVAL_QUESTION = "环湖骑行节有多少名骑行爱好者参加？"


@pytest.fixture(scope="module")
def site(settings, tmp_path_factory):
    """(settings, base folder) of a server of our own: the seed corpus and index copied."""
    base = tmp_path_factory.mktemp("admin")
    s = seed_copy(settings, base)
    return s, base


@pytest.fixture(scope="module")
def app(site):
    s, _ = site
    set_password(s.data, PASSWORD)
    return create_app(s, reader=None)


def _login(app, client=("10.0.0.1", 5000)) -> tuple[TestClient, str]:
    c = TestClient(app, client=client)
    r = c.post("/admin/login", data={"password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = c.get("/admin").text
    csrf = page.split('name="csrf-token" content="')[1].split('"')[0]
    return c, csrf


def test_console_is_off_without_a_password(settings, tmp_path):
    s = dataclasses.replace(settings, data=tmp_path)
    with TestClient(create_app(s, reader=None)) as c:
        r = c.get("/admin")
        assert r.status_code == 404 and "qa admin set-password" in r.text
        assert c.get("/admin/api/status").status_code == 401
        assert c.post("/admin/login", data={"password": PASSWORD}).status_code == 404


def test_every_admin_route_needs_a_session(app):
    c = TestClient(app)
    for path in ("/admin/api/status", "/admin/api/files", "/admin/api/feedback", "/admin/api/source?doc=x",
                 "/admin/gold.jsonl"):
        r = c.get(path)
        assert r.status_code == 401 and r.json()["error"], path
    for path in ("/admin/api/delete", "/admin/api/rebuild", "/admin/api/gold", "/admin/logout"):
        assert c.post(path, json={}).status_code == 401, path
    assert c.post("/admin/api/upload", files={"files": ("a.txt", b"x")}).status_code == 401
    page = c.get("/admin")
    assert page.status_code == 200 and 'type="password"' in page.text   # the login form, nothing else
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_wrong_password_is_refused_and_rate_limited(app):
    c = TestClient(app, client=("10.0.0.66", 5000))
    for _ in range(5):
        r = c.post("/admin/login", data={"password": "wrong password!"}, follow_redirects=False)
        assert r.status_code == 401 and COOKIE not in r.cookies
    r = c.post("/admin/login", data={"password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 429   # even the right one, until the window passes
    other, _ = _login(app, client=("10.0.0.67", 5000))   # another client is not affected
    assert other.get("/admin/api/status").status_code == 200


def test_session_cookie_and_csrf(app):
    c = TestClient(app, client=("10.0.0.2", 5000))
    r = c.post("/admin/login", data={"password": PASSWORD}, follow_redirects=False)
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=" in cookie
    assert c.get("/admin/api/status").status_code == 200
    # a forged cross-site POST: the browser sends the cookie (were it not SameSite) but cannot know the token
    assert c.post("/admin/api/rebuild").status_code == 403
    assert c.post("/admin/api/rebuild", headers={"X-CSRF-Token": "guess"}).status_code == 403
    assert c.post("/admin/login", data={"password": PASSWORD}, headers={"Origin": "https://evil.example"},
                  follow_redirects=False).status_code == 403
    # a cookie signed with another key is no session
    assert TestClient(app, cookies={COOKIE: "eyJjc3JmIjoieCJ9.forged.sig"}).get("/admin/api/status").status_code == 401


def test_bad_uploads_are_refused_with_a_reason_and_nothing_is_written_outside(app, site):
    s, base = site
    c, csrf = _login(app)
    before = sorted(p.relative_to(base) for p in base.rglob("*") if "index" not in p.parts)
    h = {"X-CSRF-Token": csrf}
    cases = {"../x.txt": FESTIVAL.encode(), "/tmp/abs.txt": FESTIVAL.encode(), "sub/x.txt": FESTIVAL.encode(),
             ".hidden.txt": FESTIVAL.encode(), "binary.txt": bytes(range(256)) * 40, "fake.pdf": b"not a pdf at all",
             "script.exe": b"MZ\x90\x00"}
    for name, data in cases.items():
        r = c.post("/admin/api/upload", files={"files": (name, data)}, headers=h)
        body = r.json()
        assert r.status_code == 400 and body["refused"][0]["reason"], (name, body)
    big = c.post("/admin/api/upload", files={"files": ("big.txt", b"a" * (50 * 1024 * 1024))}, headers=h)
    assert big.status_code == 413 and "文件太大" in big.json()["error"]
    after = sorted(p.relative_to(base) for p in base.rglob("*") if "index" not in p.parts)
    assert [p for p in after if p not in before and p.parts[0] != "data"] == []


def test_upload_rebuild_while_serving_then_delete(app, site):
    s, _ = site
    c, csrf = _login(app)
    h = {"X-CSRF-Token": csrf}
    public = TestClient(app, client=("10.0.1.1", 5000))
    assert public.post("/api/ask", json={"question": FESTIVAL_QUESTION}).json()["answer"] is None
    r = c.post("/admin/api/upload", files=[("files", ("cycling_festival.txt", FESTIVAL.encode("utf-8")))], headers=h)
    assert r.json()["saved"] == ["cycling_festival.txt"]
    assert "cycling_festival.txt" in c.get("/admin/api/files").json()["changed"]

    errors, answered = [], []

    def keep_asking():   # another client, through the whole rebuild
        other = TestClient(app, client=("10.0.2.2", 5000))
        for _ in range(12):
            got = other.post("/api/ask", json={"question": SEED_QUESTION})
            (answered if got.status_code == 200 and got.json()["answer"] == "2015年" else errors).append(got.status_code)
            time.sleep(0.2)

    asker = threading.Thread(target=keep_asking)
    asker.start()
    assert c.post("/admin/api/rebuild", headers=h).status_code == 202
    assert c.post("/admin/api/rebuild", headers=h).status_code == 409   # one build at a time
    seen = []
    for _ in range(300):
        state = c.get("/admin/api/status").json()["build"]
        seen.append(state)
        if not state["running"]:
            break
        time.sleep(0.2)
    asker.join()
    assert not state["running"] and state["error"] is None, state
    assert state["changes"] == {"cycling_festival.txt": "added"}
    assert any(x["files"] for x in seen)   # the progress said how many files it read
    assert errors == [] and len(answered) == 12
    got = public.post("/api/ask", json={"question": FESTIVAL_QUESTION}).json()
    assert got["answer"] == "3200名" and got["citations"][0]["doc"] == "cycling_festival.txt"

    assert c.post("/admin/api/delete", json={"name": "cycling_festival.txt"}, headers=h).json() == {
        "deleted": "cycling_festival.txt"}
    assert c.post("/admin/api/delete", json={"name": "../corpus/x.txt"}, headers=h).status_code == 404
    deep = "[" * 5000 + "]" * 5000   # RecursionError in the JSON parser: a 4xx with a sentence, never a 500
    for path in ("/admin/api/delete", "/admin/api/gold"):
        r = c.post(path, content=deep, headers={**h, "Content-Type": "application/json"})
        assert 400 <= r.status_code < 500 and r.json()["error"], (path, r.status_code, r.text)
    assert c.post("/admin/api/rebuild", headers=h).status_code == 202
    for _ in range(300):
        if not c.get("/admin/api/status").json()["build"]["running"]:
            break
        time.sleep(0.2)
    assert public.post("/api/ask", json={"question": FESTIVAL_QUESTION}).json()["answer"] is None


def test_a_build_in_a_shell_is_picked_up_without_a_restart(app, site):
    s, _ = site
    public = TestClient(app, client=("10.0.3.3", 5000))
    before = public.get("/api/health").json()["chunks"]
    (s.corpus / "shell_added.txt").write_text(FESTIVAL, encoding="utf-8")
    try:
        r = subprocess.run([sys.executable, "-m", "qa", "build", "--corpus", str(s.corpus), "--index", str(s.index)],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        for _ in range(100):
            if public.get("/api/health").json()["chunks"] > before:
                break
            time.sleep(0.2)
        assert public.get("/api/health").json()["chunks"] > before
    finally:
        (s.corpus / "shell_added.txt").unlink()
        build(s)


def test_thumbs_down_becomes_a_gold_line_that_qa_eval_scores(app, site):
    s, _ = site
    c, csrf = _login(app)
    answer = TestClient(app, client=("10.0.4.4", 5000)).post("/api/ask", json={"question": SEED_QUESTION}).json()
    FeedbackStore(s.data / DB_NAME).rate("turn-review-1", False, answer)
    rows = c.get("/admin/api/feedback").json()["rated"]
    assert rows[0]["turn"] == "turn-review-1" and rows[0]["rating"] == -1
    cite = answer["citations"][0]
    raw = c.get("/admin/api/source", params={"doc": cite["doc"]}).json()["text"]
    a, b = cite["answer_start"], cite["answer_end"]
    r = c.post("/admin/api/gold", json={"turn": "turn-review-1", "doc": cite["doc"], "start": a, "end": b},
               headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["written"]["answers"] == ["".join(raw[a:b].split())]
    assert c.post("/admin/api/gold", json={"turn": "turn-review-1", "doc": cite["doc"], "start": b, "end": a},
                  headers={"X-CSRF-Token": csrf}).status_code == 400
    gold = s.data / "downloaded-gold.jsonl"
    gold.write_bytes(c.get("/admin/gold.jsonl").content)
    lines = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1 and lines[0]["question"] == SEED_QUESTION and lines[0]["answers"] == ["2015年"]
    out = s.data / "pred.jsonl"
    r = subprocess.run([sys.executable, "-m", "qa", "eval", "--corpus", str(s.corpus), "--index", str(s.index),
                        "--gold", str(gold), "--out", str(out), "--reader", "rules"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "1 questions: 1 answerable" in r.stdout and "accuracy (contains an accepted answer, short) 1.000" in r.stdout


def test_a_burst_from_one_client_gets_429_and_another_is_unaffected(settings, tmp_path):
    s = dataclasses.replace(settings, data=tmp_path, rate_limit="5/60")
    app = create_app(s, reader=None)
    one, two = TestClient(app, client=("10.9.0.1", 5000)), TestClient(app, client=("10.9.0.2", 5000))
    codes = [one.post("/api/ask", json={"question": SEED_QUESTION}).status_code for _ in range(7)]
    assert codes == [200] * 5 + [429] * 2
    assert "提问太频繁" in one.post("/api/ask", json={"question": SEED_QUESTION}).json()["error"]
    assert two.post("/api/ask", json={"question": SEED_QUESTION}).status_code == 200


def test_a_build_running_elsewhere_blocks_a_console_rebuild_and_the_old_index_serves(app, site):
    from qa.index.build import build_lock

    s, _ = site
    c, csrf = _login(app, client=("10.0.5.5", 5000))
    with build_lock(s.index):   # as a `qa build` in a shell holds it
        assert c.post("/admin/api/rebuild", headers={"X-CSRF-Token": csrf}).status_code == 202
        for _ in range(100):
            state = c.get("/admin/api/status").json()["build"]
            if not state["running"]:
                break
            time.sleep(0.1)
    assert "another build" in state["error"]
    got = TestClient(app, client=("10.0.5.6", 5000)).post("/api/ask", json={"question": SEED_QUESTION}).json()
    assert got["answer"] == "2015年"


def test_the_chat_says_in_chinese_when_a_client_asks_too_often(settings, tmp_path_factory):
    from gradio_client import Client

    from tests.conftest import running_server

    with running_server(settings, tmp_path_factory, QA_RATE_LIMIT="2/60", QA_READER="rules") as (url, _):
        client = Client(url + "/", verbose=False)
        try:
            for _ in range(2):
                assert client.predict(SEED_QUESTION, api_name="/ask")["answer"] == "2015年"
            with pytest.raises(Exception, match="提问太频繁"):
                client.predict(SEED_QUESTION, api_name="/ask")
        finally:
            client.close()


def test_the_console_gets_no_cors_even_for_a_configured_portal(settings, tmp_path):
    portal = "https://portal.example.cn"
    s = dataclasses.replace(settings, data=tmp_path, frame_ancestors=f"'self' {portal}")
    set_password(s.data, PASSWORD)
    with TestClient(create_app(s, reader=None)) as c:
        pre = {"Origin": portal, "Access-Control-Request-Method": "POST"}
        assert c.options("/api/ask", headers=pre).headers.get("access-control-allow-origin") == portal
        for path in ("/admin/api/rebuild", "/admin/login", "/admin/api/status"):
            assert "access-control-allow-origin" not in c.options(path, headers=pre).headers, path
        # Gradio's own routes follow our list too (it stands back only for a plain CORSMiddleware)
        evil = c.get("/gradio_api/info", headers={"Origin": "https://evil.example", "Host": "qa.example.cn"})
        assert "access-control-allow-origin" not in evil.headers
        page = c.get("/admin", headers={"Origin": portal})
        assert "access-control-allow-origin" not in page.headers
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
