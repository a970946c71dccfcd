"""The web app without a browser: REST API, pages, headers, rendering and feedback export.

Runs the real app (create_app) on the session index through FastAPI's TestClient.
"""
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qa.answer.respond import answer
from qa.web.feedback import FeedbackStore, open_store
from qa.web.html import reply
from qa.web.server import create_app

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "许昌哪年首次获评全国文明城市？"


@pytest.fixture(scope="module")
def client(settings, index):
    with TestClient(create_app(settings, index)) as c:
        yield c


@pytest.fixture(scope="module")
def asked(client):
    r = client.post("/api/ask", json={"question": QUESTION})
    assert r.status_code == 200, r.text
    return r.json()


def test_ask_returns_the_contract_object(asked, settings, index):
    for field in ("question", "answer", "answer_type", "confidence", "citations", "timings_ms"):
        assert field in asked
    assert asked["question"] == QUESTION
    assert asked["answer"], "the seed corpus answers this question"
    files = {p.name for p in settings.corpus.iterdir()}
    first = asked["citations"][0]
    assert first["doc"] in files
    for key in ("start", "end", "answer_start", "answer_end"):
        assert isinstance(first[key], int)
    text = index.sources[first["doc"]].text
    assert "".join(text[first["answer_start"]:first["answer_end"]].split()) == asked["answer"]


def test_ask_follow_up_uses_previous(client):
    r = client.post("/api/ask", json={"question": "那第二次呢？", "previous": QUESTION})
    assert r.status_code == 200
    assert r.json()["resolved_question"] != "那第二次呢？"


@pytest.mark.parametrize("body", [
    "{bad json", "", "{}", '{"previous": "x"}', '{"question": ""}', '{"question": "   "}',
    json.dumps({"question": "问" * 201}), '{"question": 5}', '["许昌"]', '"许昌"', '{"question": null}',
])
def test_bad_requests_get_a_4xx_sentence(client, body):
    r = client.post("/api/ask", content=body, headers={"Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, (body, r.status_code, r.text)
    error = r.json()["error"]
    assert isinstance(error, str) and error and "\n" not in error and "Traceback" not in error


def test_wrong_method_and_unknown_api_route(client):
    r = client.get("/api/ask")
    assert r.status_code == 405 and r.headers["allow"] == "POST" and "takes POST, not GET" in r.json()["error"]
    r = client.post("/api/nothing", json={})
    assert r.status_code == 404 and "error" in r.json()


@pytest.mark.parametrize("kind", ["text/plain", "application/x-www-form-urlencoded"])
def test_json_sent_as_another_type_is_told_the_content_type(client, kind):
    r = client.post("/api/ask", content=json.dumps({"question": QUESTION}), headers={"Content-Type": kind})
    assert r.status_code == 422 and "Content-Type: application/json" in r.json()["error"], r.text


def test_a_long_previous_turn_is_named_in_the_sentence(client):
    r = client.post("/api/ask", json={"question": "那第二次呢？", "previous": "问" * 401})
    assert r.status_code == 400 and r.json()["error"].startswith("the previous question has 401 characters"), r.text


def test_health(client, index):
    r = client.get("/api/health")
    assert r.status_code == 200
    h = r.json()
    assert h["status"] == "ok" and h["documents"] == len(index.sources) and h["chunks"] == len(index.chunks)
    assert h["model"] == index.manifest["embedder"]


def test_openapi_docs_list_the_api(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/ask"] and "get" in paths["/api/health"]


def test_widget_script_and_pages(client):
    r = client.get("/widget.js")
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
    assert "widget/" in r.text and "currentScript" in r.text
    r = client.get("/widget?x=1", follow_redirects=False)
    assert r.status_code in (307, 308) and r.headers["location"].startswith("/widget/")
    for path in ("/", "/widget/", "/portal-demo"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        csp = r.headers["content-security-policy"]
        framing = "*" if path == "/widget/" else "'self'"   # the widget: any portal by default
        assert csp.startswith(f"frame-ancestors {framing};") and "default-src 'self'" in csp and "object-src 'none'" in csp, path
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "same-origin"
    health = client.get("/api/health").headers
    assert "content-security-policy" not in health and health["x-content-type-options"] == "nosniff"
    demo = client.get("/portal-demo").text
    assert 'src="/widget.js"' in demo and '<iframe' in demo


def test_gradio_raw_api_is_closed(client):
    # api_open=False: the queue-skipping REST route refuses; gradio_client uses the queue
    r = client.post("/gradio_api/run/ask", json={"data": [QUESTION]})
    assert r.status_code >= 400
    assert "/ask" in client.get("/gradio_api/info").json()["named_endpoints"]


def test_configured_portal_gets_csp_and_cors(settings, index, tmp_path):
    portal = "https://portal.example.cn"
    s = dataclasses.replace(settings, frame_ancestors=f"'self' {portal}", data=tmp_path)
    with TestClient(create_app(s, index)) as c:
        assert c.get("/widget/").headers["content-security-policy"].startswith(f"frame-ancestors 'self' {portal};")
        pre = c.options("/api/ask", headers={"Origin": portal, "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "content-type"})
        assert pre.headers.get("access-control-allow-origin") == portal
        other = c.options("/api/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert other.headers.get("access-control-allow-origin") is None
        assert c.get("/widget.js", headers={"Origin": portal}).headers.get("access-control-allow-origin") == portal


def test_article_page_marks_quote_and_answer(client, asked, index):
    c = asked["citations"][0]
    r = client.get(f"/article/{c['doc']}", params={k: c[k] for k in ("start", "end", "answer_start", "answer_end")})
    assert r.status_code == 200
    assert 'id="hit"' in r.text and "<mark>" in r.text
    assert r.headers["content-security-policy"].startswith("frame-ancestors 'self';")
    assert client.get("/article/nothing.txt").status_code == 404
    assert client.get(f"/article/{c['doc']}?start=x").status_code == 422


def test_reply_escapes_everything_and_marks_the_answer():
    evil = "<script>alert(1)</script>"
    source = "xx 2015年 " + evil
    a = {"question": evil, "answer": "2015年", "answer_type": "date", "confidence": 0.9,
         "resolved_question": evil + "?", "citations": [
             {"doc": "a<b>.txt", "title": evil, "quote": "2015年" + evil, "start": 3, "end": len(source),
              "answer_start": 3, "answer_end": 8, "score": 0.9}],
         "conflicts": [{"answer": evil, "citation": {"doc": "c.txt", "title": "t", "quote": evil, "start": 0,
                                                       "end": 5, "answer_start": 0, "answer_end": 5, "score": 0.5}}]}
    html = reply(a, lambda doc: source if doc == "a<b>.txt" else None)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong class=\"qa-answer\">2015年</strong>" in html and "<mark>2015年</mark>" in html
    assert "另有说法" in html and "[2]" in html and "a%3Cb%3E.txt" in html
    assert "\n\n" not in html
    none = reply({**a, "answer": None, "answer_type": "none", "conflicts": []}, lambda doc: None)
    assert "资料中没有找到答案" in none and "[1]" in none


def test_feedback_export_writes_the_thumbs_down(index, tmp_path):
    store = open_store(tmp_path)
    good = answer(index, QUESTION).to_dict()
    bad = answer(index, "那第二次呢？", QUESTION).to_dict()
    store.rate("turn-good", True, good)
    store.rate("turn-bad", True, bad)
    store.rate("turn-bad", False, bad)            # changed its mind: 👎 counts
    assert store.comment("turn-bad", "应该是2015年")
    out = tmp_path / "candidates.jsonl"
    env = {**os.environ, "QA_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "qa", "feedback", "export", "--out", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "exported 1" in done.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1
    line = lines[0]
    assert line["answers"] == [] and line["comment"] == "应该是2015年" and line["got"] == bad["answer"]
    assert line["question"] == bad["resolved_question"] and line["asked"] == "那第二次呢？"
    assert line["docs"] == list(dict.fromkeys(c["doc"] for c in bad["citations"]))
    assert line["id"].startswith("fb-")
    assert FeedbackStore(tmp_path / "nothing.sqlite3").disliked() == []


def test_confidence_word_follows_the_number_shown():
    # README: 中 from 0.60; a probability of 0.5996 is shown as 0.60, so it reads 中, not 低
    base = {"question": "q", "answer": "2015年", "answer_type": "date", "citations": [], "conflicts": []}
    for p, shown in ((0.5996, "中 0.60"), (0.5949, "低 0.59"), (0.7996, "高 0.80"), (0.93, "高 0.93")):
        assert f"置信度：{shown}" in reply({**base, "confidence": p}, lambda doc: None), p


def test_a_title_answer_is_labelled_as_a_name_or_as_an_office_when_one_was_asked_for():
    base = {"answer": "市委宣传部副部长", "answer_type": "title", "confidence": 0.9, "citations": [], "conflicts": []}
    assert "职务 ·" in reply({**base, "question": "刘少林是干什么的？"}, lambda doc: None)
    assert "名称 ·" in reply({**base, "question": "条例叫什么？"}, lambda doc: None)
