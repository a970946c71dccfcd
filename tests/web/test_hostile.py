"""Hostile input to a real `qa serve`, over HTTP: the REST API and the chat's Gradio endpoint.

Every request of the matrix gets an answer or a 4xx with one sentence, never a 5xx, within
MAX_SECONDS; the server still answers a normal question afterwards. Bodies are sent as raw
bytes, so invalid JSON, invalid UTF-8 and lone surrogates reach the server as a client sends them.
"""
import json
import time
import uuid

import httpx
import pytest

from qa.limits import MAX_BODY, MAX_PAGE_BODY, MAX_PREVIOUS, MAX_QUESTION
from tests.conftest import running_server

MAX_SECONDS = 2.0
QUESTION = "许昌哪年首次获评全国文明城市？"
TEXTS = {   # question texts a person or a script may send
    "empty": "",
    "whitespace": " \t\n\u3000 ",
    "10kB": "问" * 3400,
    "nul": "许昌\u0000哪年首次获评全国文明城市？",
    "escape": "\u001b[31m许昌\u007f",
    "rtl marks": "\u202e许昌哪年首次获评全国文明城市？\u200f\u200b",
    "emoji": "😀🎉许昌有多少志愿者👍",
    "html": "<script>alert(1)</script><img src=x onerror=alert(2)>许昌",
    "sql": "'; DROP TABLE feedback; -- 许昌哪年",
    "shell": "$(rm -rf /) `id` | cat /etc/passwd; 许昌",
    "format string": "%s%s%n{0}{question}${x}",
    "one char": "？",
    "at the limit": "许" * MAX_QUESTION,
}
RAW = {   # bodies, as bytes on the wire
    "no body": b"",
    "invalid JSON": '{"question": "许昌'.encode(),
    "invalid UTF-8": b'{"question": "\xff\xfe\xfd"}',
    "lone surrogates": b'{"question": "\\ud800\\ud800"}',
    "surrogate in previous": b'{"question": "\\u90a3\\u7b2c\\u4e8c\\u6b21\\u5462", "previous": "\\udfff"}',
    "number": b'{"question": 5}',
    "list": b'{"question": ["a", "b"]}',
    "object": b'{"question": {"a": 1}}',
    "null": b'{"question": null}',
    "previous number": b'{"question": "x", "previous": 7}',
    "array body": b"[1, 2]",
    "string body": b'"hello"',
    "deep nesting": b'{"question": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    "1MB": json.dumps({"question": "a" * (1 << 20)}).encode(),
    "20MB": json.dumps({"question": "a" * (20 << 20)}).encode(),
    "long previous": json.dumps({"question": "那第二次呢？", "previous": "许" * MAX_PREVIOUS * 2},
                                ensure_ascii=False).encode(),
    "100k previous": json.dumps({"question": "那第二次呢？", "previous": "许" * 100_000}, ensure_ascii=False).encode(),
}


@pytest.fixture(scope="module")
def server(settings, tmp_path_factory):
    with running_server(settings, tmp_path_factory, QA_RATE_LIMIT="100000/60") as (url, _):   # the matrix is a burst by design
        r = httpx.post(url + "/api/ask", json={"question": QUESTION}, timeout=30)   # warm: jieba loads on first use
        assert r.status_code == 200
        yield url


def _post(url: str, body: bytes, content_type: str = "application/json") -> tuple[httpx.Response, float]:
    started = time.perf_counter()
    r = httpx.post(url, content=body, headers={"content-type": content_type}, timeout=10)
    return r, time.perf_counter() - started


def _one_sentence(r: httpx.Response) -> str:
    error = r.json()["error"]
    assert isinstance(error, str) and 10 < len(error) < 300 and "\n" not in error and "Traceback" not in error
    return error


def _rest_cases():
    cases = {name: json.dumps({"question": text}, ensure_ascii=False).encode() for name, text in TEXTS.items()}
    return {**cases, **RAW}


@pytest.mark.parametrize("name", list(_rest_cases()))
def test_rest_api_refuses_or_answers_at_once(server, name):
    r, seconds = _post(server + "/api/ask", _rest_cases()[name])
    assert r.status_code < 500 and seconds < MAX_SECONDS, (r.status_code, seconds, r.text[:200])
    if r.status_code == 200:
        body = r.json()
        assert body["answer"] is None or body["citations"], body
        assert "\u0000" not in body["question"] and "\u202e" not in body["question"]
    else:
        _one_sentence(r)


def test_size_and_content_limits_answer_with_the_right_status(server):
    for name, status in (("1MB", 413), ("20MB", 413), ("100k previous", 413), ("long previous", 400),
                         ("lone surrogates", 400), ("invalid UTF-8", 400), ("number", 422)):
        r, seconds = _post(server + "/api/ask", RAW[name])
        assert r.status_code == status, (name, r.status_code, r.text[:200])
    r, seconds = _post(server + "/api/ask", RAW["100k previous"])
    assert seconds < 0.1, seconds   # refused from the Content-Length, unread
    assert str(MAX_BODY) in _one_sentence(r).replace(",", "")
    r, _ = _post(server + "/api/ask", json.dumps({"question": TEXTS["nul"]}).encode())
    assert r.status_code == 400 and "U+0000" in _one_sentence(r)


def test_a_form_body_and_a_streamed_oversized_body_are_refused(server):
    r, _ = _post(server + "/api/ask", b"question=x", "application/x-www-form-urlencoded")
    assert 400 <= r.status_code < 500
    # no Content-Length: the body arrives in chunks and is cut off at the limit
    chunks = (b"x" * 4096 for _ in range(MAX_BODY // 4096 + 2))
    r = httpx.post(server + "/api/ask", content=chunks, headers={"content-type": "application/json"}, timeout=10)
    assert r.status_code == 413


def _gradio_ask(url: str, fn_index: int, body: bytes) -> tuple[httpx.Response, dict | None, float]:
    """One call of the chat's "ask" endpoint through Gradio's queue, as its client makes it:
    join (its response), then the event stream until the call completes (its last message)."""
    session = uuid.uuid4().hex[:12]
    started = time.perf_counter()
    r = httpx.post(url + "/gradio_api/queue/join", content=body.replace(b"SESSION", session.encode())
                   .replace(b"FN", str(fn_index).encode()), headers={"content-type": "application/json"}, timeout=10)
    if r.status_code != 200:
        return r, None, time.perf_counter() - started
    with httpx.stream("GET", url + f"/gradio_api/queue/data?session_hash={session}", timeout=10) as events:
        for line in events.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return r, message, time.perf_counter() - started
    return r, None, time.perf_counter() - started


def _join(value: bytes) -> bytes:
    return b'{"data": [' + value + b', null], "fn_index": FN, "session_hash": "SESSION", "event_data": null}'


GRADIO = {
    **{name: _join(json.dumps(text, ensure_ascii=False).encode()) for name, text in TEXTS.items()},
    "lone surrogates": _join(b'"\\ud800\\udbff"'),
    "number": _join(b"5"), "list": _join(b'["a"]'), "null": _join(b"null"), "object": _join(b'{"a": 1}'),
    "invalid JSON": b'{"data": [', "invalid UTF-8": _join(b'"\xff\xfe"'), "array body": b"[1, 2]",
    "1MB": _join(json.dumps("a" * (1 << 20)).encode()),
    "20MB": _join(json.dumps("a" * (20 << 20)).encode()),
}


@pytest.fixture(scope="module")
def ask_fn(server):
    config = httpx.get(server + "/config", timeout=10).json()
    return next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")


@pytest.mark.parametrize("name", list(GRADIO))
def test_chat_endpoint_refuses_or_answers_at_once(server, ask_fn, name):
    r, done, seconds = _gradio_ask(server, ask_fn, GRADIO[name])
    assert r.status_code < 500 and seconds < MAX_SECONDS, (r.status_code, seconds)
    if r.status_code == 200:
        assert done is not None, "the call never completed"
        if done["success"]:
            assert "answer" in done["output"]["data"][0]
        else:   # a Chinese sentence shown in the chat, never an internal error
            assert done["output"]["title"] == "请检查问题" and done["output"]["error"], done
    else:   # refused by Gradio or by the body limit: the one-sentence "error" of every route
        _one_sentence(r)
    if name == "20MB":   # over the page limit: refused before Gradio parses it
        assert r.status_code == 413 and str(MAX_PAGE_BODY) in _one_sentence(r).replace(",", "")


def test_the_server_still_answers_after_the_matrix(server, ask_fn):
    r = httpx.post(server + "/api/ask", json={"question": QUESTION}, timeout=10)
    assert r.status_code == 200 and r.json()["answer"] == "2015年"
    r, done, _ = _gradio_ask(server, ask_fn, _join(json.dumps(QUESTION, ensure_ascii=False).encode()))
    assert r.status_code == 200 and done["success"] and done["output"]["data"][0]["answer"] == "2015年"
    assert httpx.get(server + "/api/health", timeout=10).json()["status"] == "ok"


def test_a_long_chain_of_follow_ups_keeps_answering_in_the_chat(server):
    # each elliptical turn puts its words in front of the previous question: the chat's memory of
    # it must never grow past the previous-turn limit and turn the next question into an error
    from gradio_client import Client

    client = Client(server + "/", verbose=False)
    try:
        first = client.predict("许昌" * 90 + "哪年首次获评全国文明城市？", api_name="/ask")
        assert len(first["question"]) <= MAX_QUESTION
        for year in range(1990, 2020):
            out = client.predict(f"那{year}年的那一次呢？", api_name="/ask")
            assert out["question"] == f"那{year}年的那一次呢？"
        assert len(out["resolved_question"]) <= MAX_PREVIOUS + MAX_QUESTION
    finally:
        client.close()
