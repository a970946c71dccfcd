"""The operator console's actions (qa.web.console) and the chat page's event handlers
(qa.web.chat.ChatTurns) called as plain functions, without HTTP or a browser: real index, real
feedback store and counters in a temporary data folder."""
import dataclasses
import json

import gradio as gr

from qa.web.asking import Asking
from qa.web.auth import COOKIE, Attempts, set_password
from qa.web.chat import ChatTurns
from qa.web.console import GOLD_FILE, Console
from qa.web.counters import open_counters
from qa.web.feedback import open_store
from qa.web.live import LiveIndex, Rebuilder
from qa.web.ratelimit import RateLimit


def _parts(settings, index, tmp_path):
    s = dataclasses.replace(settings, data=tmp_path / "data", corpus=tmp_path / "corpus")
    s.corpus.mkdir()
    store = open_store(s.data)
    windows, stats = open_counters(s.data)
    live = LiveIndex(settings, index)
    return s, live, store, stats, windows


def test_console_actions_answer_status_files_sources_and_deletes(settings, index, tmp_path):
    s, live, store, stats, windows = _parts(settings, index, tmp_path)
    c = Console(s, live, Rebuilder(live), store, stats, Attempts(windows))
    code, status = c.status()
    assert code == 200 and status["version"] == index.folder.name and status["chunks"] == len(index.chunks)
    assert status["build"]["running"] is False and status["scorer_fitted_at"]
    code, listed = c.files()
    assert code == 200 and sorted(f["name"] for f in listed["files"]) == sorted(index.sources)
    name = sorted(index.sources)[0]
    assert c.source(name) == (200, {"doc": name, "text": index.sources[name].text})
    assert c.source("nope.txt")[0] == 404
    (s.corpus / "old.txt").write_text("旧文章", encoding="utf-8")
    assert c.delete("../old.txt")[0] == 404 and (s.corpus / "old.txt").exists()   # nothing outside the corpus
    assert c.delete("old.txt") == (200, {"deleted": "old.txt"}) and not (s.corpus / "old.txt").exists()
    assert c.delete("old.txt")[0] == 404


def test_console_refuses_without_a_session_and_a_change_without_its_token(settings, index, tmp_path):
    s, live, store, stats, windows = _parts(settings, index, tmp_path)
    c = Console(s, live, Rebuilder(live), store, stats, Attempts(windows))
    assert c.operator() is None and c.refusal({}, None, change=False)[0] == 401   # off until a password is set
    set_password(s.data, "correct horse battery")
    op = c.operator()
    assert op is not None and op.check("correct horse battery")
    cookie, csrf = op.new_session()
    cookies = {COOKIE: cookie}
    assert c.session(cookies)["csrf"] == csrf
    assert c.refusal(cookies, None, change=False) is None
    assert c.refusal(cookies, None, change=True)[0] == 403
    assert c.refusal(cookies, csrf, change=True) is None


def test_a_reviewed_answer_becomes_one_gold_line_and_a_second_review_replaces_it(settings, index, tmp_path):
    s, live, store, stats, windows = _parts(settings, index, tmp_path)
    c = Console(s, live, Rebuilder(live), store, stats, Attempts(windows))
    asking = Asking(live, None, stats, RateLimit("30/60", windows))
    answer = asking.ask("-", "许昌哪年首次获评全国文明城市？").result
    store.rate("t" * 32, False, answer)
    assert c.gold({"turn": "missing"})[0] == 404
    doc = answer["citations"][0]["doc"]
    a, b = answer["citations"][0]["answer_start"], answer["citations"][0]["answer_end"]
    for bad in ({"start": b, "end": a}, {"start": a, "end": a + 201}, {"start": "0", "end": 4}, {"doc": "nope.txt"}):
        code, body = c.gold({"turn": "t" * 32, "doc": doc, "start": a, "end": b, **bad})
        assert code == 400 and "200" in body["error"]
    assert not (s.data / GOLD_FILE).exists()   # a refused review writes nothing
    code, body = c.gold({"turn": "t" * 32, "doc": doc, "start": a, "end": b})
    assert code == 200 and body["lines"] == 1
    assert body["written"]["answers"] == ["2015年"] and body["written"]["evidence_offsets"] == [a, b]
    code, body = c.gold({"turn": "t" * 32, "none": True})   # reviewed again: the corpus does not say
    lines = [json.loads(x) for x in c.gold_text().splitlines()]
    assert code == 200 and body["lines"] == 1 and len(lines) == 1 and lines[0]["answerable"] is False
    assert sorted(p.name for p in s.data.iterdir() if p.name.startswith(GOLD_FILE)) == [GOLD_FILE]   # no temp file left


class _Client:
    host = "10.0.0.9"


class _Request:
    client = _Client()


def test_chat_turns_answer_seal_rate_and_refuse(settings, index, tmp_path):
    s, live, store, stats, windows = _parts(settings, index, tmp_path)
    turns = ChatTurns(Asking(live, None, stats, RateLimit("30/60", windows)), store)
    assert turns.take("", [])[2] == ""                       # an empty message is left to answer_in_page's sentence
    cleared, history, asked = turns.take("许昌哪年首次获评全国文明城市？", [])
    assert cleared == "" and asked == "许昌哪年首次获评全国文明城市？" and history[0]["role"] == "user"
    made, understood = turns.answer_in_page(asked, None, _Request())
    assert made["answer"]["answer"] == "2015年" and understood == asked
    assert store.sealed(made["turn"], made["answer"], made["seal"])
    refused, kept = turns.answer_in_page("", "上一个问题", _Request())
    assert "error" in refused and kept == "上一个问题"
    history, shown = turns.show(made, history, {})
    assert "2015年" in history[-1]["content"] and shown["1"][0] == made["turn"]
    liked = gr.LikeData(None, {"index": 1, "value": history[-1]["content"], "liked": False})
    turn, *_, said = turns.rate(shown, liked)
    assert turn == made["turn"] and said.startswith("已记录：👎")
    assert store.rated(1, turn=turn)[0]["rating"] == -1 and store.rated(1, turn=turn)[0]["got"] == "2015年"
    forged = {"1": [made["turn"], {**made["answer"], "answer": "2020年"}, made["seal"]]}
    assert turns.rate(forged, liked)[-1] == "这条回答无法评价，请重新提问后再试。"   # an answer this server did not give
    assert turns.send_comment(turn, "应该是2015年2月")[-1].startswith("谢谢")
    assert turns.send_comment(None, "没有评价")[-1].startswith("没有记录")
