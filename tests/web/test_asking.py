"""The one ask path (qa.web.asking) on its own, without HTTP: what the REST API, the chat and the
widget all go through. Real index, real counters file in a temporary data folder."""
import pytest

from qa.limits import InputError
from qa.web.asking import Asking, TooMany
from qa.web.live import LiveIndex
from qa.web.ratelimit import RateLimit
from qa.web.counters import open_counters


def test_one_path_limits_checks_answers_and_counts(settings, index, tmp_path):
    windows, stats = open_counters(tmp_path)
    asking = Asking(LiveIndex(settings, index), None, stats, RateLimit("2/60", windows))
    asked = asking.ask("10.0.0.1", "许昌哪年首次获评全国文明城市？")
    assert asked.answer.answer == "2015年" and asked.result == asked.answer.to_dict()
    with pytest.raises(InputError):
        asking.ask("10.0.0.1", "")            # refused by the check, yet counted against the limit as the API does
    with pytest.raises(TooMany) as over:
        asking.ask("10.0.0.1", "许昌有多少志愿者？")
    assert "2 questions in 60 s" in over.value.detail
    assert asking.ask("10.0.0.2", "许昌有多少志愿者？").answer.answer   # another client has its own limit
    assert stats.today()["answers"] == 2      # answered questions only: the refused ones are not counted


def test_the_routes_are_plain_functions_of_their_context(settings, index, tmp_path):
    from qa.web.api import ApiContext, AskRequest, ask, health

    windows, stats = open_counters(tmp_path)
    ctx = ApiContext(Asking(LiveIndex(settings, index), None, stats, RateLimit("1/60", windows)), building=lambda: True)
    assert ask(AskRequest(question="许昌有多少志愿者？"), client="10.0.0.3", ctx=ctx)["answer"]
    refused = ask(AskRequest(question="许昌有多少志愿者？"), client="10.0.0.3", ctx=ctx)
    assert refused.status_code == 429 and "1 questions in 60 s" in refused.body.decode()
    h = health(ctx=ctx)
    assert h["status"] == "ok" and h["rebuilding"] is True and h["reader"] == "rules"
    assert h["index_version"] == index.folder.name and h["chunks"] == len(index.chunks)
